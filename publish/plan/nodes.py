"""The page plan's nodes: what the page prints, in reading order, with every template
already rendered and every role resolved to a layout style name.

Both renderers read these: compose (PDF geometry) and the DOCX writer. Neither looks
at the content model or the templates again. Geometry (sizes, leading, where a line
breaks) is not here: that is compose's work, and Word's for the DOCX.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from ..layout.spec import Item
from ..model import Source
from .fields import FieldText


class SpanRole(Enum):
    """How a run of a paragraph is set: the paragraph style's font, its bold font, or the
    layout's point style (the bold “一是……。” lead of a paragraph)."""

    BODY = "body"
    BOLD = "bold"  # **bold** in the copy, and an inline speaker name (“姓名委员：”)
    POINT = "point"  # 一是……。 (layout rules.point_pattern), set in rules.point_style


class ParaRole(Enum):
    """What a paragraph is; each role is set in the layout style of that name when the layout
    has one (printed.py ROLE_STYLES), else in its zone's style."""

    LEAD = "lead"  # 导语
    BODY = "body"  # a speech
    NOTE = "note"  # 编者按
    ATTRIBUTION = "attribution"  # ——姓名委员（职务）after the text
    CREDIT = "credit"  # （本报记者×××整理）
    CLOSING = "closing"  # （本版内容以发言先后为序）


@dataclass(frozen=True)
class Span:
    text: str
    role: SpanRole = SpanRole.BODY


@dataclass(frozen=True)
class Para:
    """One paragraph of the lead or of a speech."""

    owner: str  # copyfit block it counts for: "lead" or the speaker's key
    role: ParaRole
    style: str  # layout style name (the role's style, or the zone's own)
    spans: tuple[Span, ...]
    source: Source

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


class Heading(NamedTuple):
    """A topic heading (栏目小标题) printed once above its run of speakers."""

    text: str
    style: str


@dataclass(frozen=True)
class SpeakerGroup:
    """小标题 + 照片 + 职务姓名 of one speaker: set together, never split (no 背题)."""

    key: str  # the speaker's file stem; the copyfit block of the group and its paragraphs
    headline: str  # 小标题: phrases separated by spaces; may be empty
    headline_style: str
    name_line: str  # 职务 姓名 as the layout's speaker template prints it; empty when named in the text
    line_style: str
    section: Heading | None  # topic heading above the headline
    portrait: Path | None
    portrait_source: Source | None
    source: Source  # the speaker's file, for messages
    name: str  # 姓名 and 职务 as the copy gives them: reports, alt text
    position: str

    @property
    def empty(self) -> bool:
        """Nothing to set above the text: a speaker named inside it (“姓名委员：……”) under no
        new heading runs on like the next paragraph (no group, no separator)."""
        return not (self.headline or self.name_line or self.section or self.portrait)

    @property
    def portrait_where(self) -> tuple[str, int | None]:
        s = self.portrait_source
        return (s.path, s.line) if s else (self.source.path, None)


@dataclass(frozen=True)
class Separator:
    """Space (and the layout's rule) between two speakers' blocks."""

    owner: str  # the speaker below it


@dataclass(frozen=True)
class EndMatter:
    """版记 and the like after the last speaker: lines of one template, kept whole."""

    item: Item
    style: str
    lines: tuple[str, ...]  # non-blank lines; a tab parts a flush-left from a flush-right text
    text: str  # as rendered


BodyNode = Para | Separator | SpeakerGroup | EndMatter


class ItemKind(Enum):
    LINE = "line"  # one template, placed by its style's align (引题, 主题, 副题 …)
    STRIP = "strip"  # left, centre and right texts on one baseline (版头, folio strip)
    LEAD = "lead"  # the 导语 across the header zone (item content: lead)


@dataclass(frozen=True)
class HeaderItem:
    """One item of the layout's header zone with its texts rendered."""

    kind: ItemKind
    item: Item  # the layout's item: rules, fill, spaces, columns
    style: str
    text: str = ""  # LINE
    left: str = ""  # STRIP
    center: str = ""
    right: str = ""
    lead: tuple[Para, ...] = ()  # LEAD: the lead and the editor's note

    @property
    def empty(self) -> bool:
        """Prints nothing (every template rendered empty): takes no space either."""
        return not (self.text or self.left or self.center or self.right or self.lead)


@dataclass(frozen=True)
class FooterItem:
    """A folio line on every page: texts whose page numbers are fields."""

    kind: ItemKind  # LINE or STRIP
    item: Item
    style: str
    text: FieldText = field(default_factory=FieldText)
    left: FieldText = field(default_factory=FieldText)
    center: FieldText = field(default_factory=FieldText)
    right: FieldText = field(default_factory=FieldText)

    @property
    def empty(self) -> bool:
        return not (self.text or self.left or self.center or self.right)


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information (and Word's core properties)."""

    title: str
    author: str
    subject: str
    paper: str = ""  # 报名: Word's keywords
    date: dt.date | None = None  # 出版日期: Word's creation date, and the outputs' timestamps
    #                              unless SOURCE_DATE_EPOCH says otherwise


@dataclass(frozen=True)
class Use:
    """One piece of text the page will print, with its font role and where it came from
    (subsetting, font fallback, and the message for a character no font has)."""

    role: str
    text: str
    where: tuple[str, int | None]
