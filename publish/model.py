"""The content model of one 发言摘登 (speech-excerpt) bulletin.

Loaders build it, renderers read it; it knows nothing of files or layouts.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """Where a piece of content came from, for messages that point at it."""

    path: str
    line: int


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    source: Source
    role: str = ""  # set by the printed view: note, attribution, credit, closing ("" = the zone's text)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


# Where the copy names a speaker: on a line of its own under the 小标题 (the usual
# 发言摘登), on a line before the text when there is no 小标题, after the text
# ("——姓名委员（职务）"), or inline at the start of the first paragraph
# ("姓名代表（职务）：正文……", the form grouped under topic headings).
ATTRIBUTIONS = ("line", "before", "after", "inline")


@dataclass(frozen=True)
class Speaker:
    key: str  # file stem, as listed in the meeting's speaker order
    headline: str  # 小标题: two (or three) phrases separated by a space; may be empty
    position: str  # 职务 (may be empty: "刘晓凯委员：……")
    name: str  # 姓名, without padding ("雷杰", never "雷  杰")
    paragraphs: tuple[Paragraph, ...]
    source: Source
    portrait: Path | None = None
    portrait_source: Source | None = None
    suffix: str = ""  # 代表 / 委员 / 同志 … printed after the name
    attribution: str = "line"  # one of ATTRIBUTIONS
    credit: str = ""  # 本报记者×××整理, printed after the text (without brackets)
    section: str = ""  # topic heading (栏目小标题) over this and the following speakers

    @property
    def headline_phrases(self) -> list[str]:
        return self.headline.split()

    def printed_name_parts(self) -> tuple[str, ...]:
        """职务, 姓名, 后缀 in the order the attribution prints them."""
        if self.attribution in ("line", "before"):
            return (self.position, self.name, self.suffix)
        return (self.name, self.suffix, self.position)


@dataclass(frozen=True)
class Publication:
    paper: str  # 报名
    date: _dt.date  # 出版日期
    page_number: int  # 版次
    page_name: str  # 版名
    editor: str = ""  # 责任编辑
    designer: str = ""  # 美编
    proofreader: str = ""  # 校对
    placeholders: tuple[tuple[str, int], ...] = ()  # (field, line) still 待填: only a --draft may print


# What the importer writes where the copy does not say (paper, date, page): never to the press.
PLACEHOLDER = "待填"


@dataclass(frozen=True)
class Byline:
    reporters: tuple[str, ...] = ()  # 记者
    correspondents: tuple[str, ...] = ()  # 通讯员
    note: str = ""  # what the reporters did: 整理 / 采写 / 报道 (printed after the names)
    unit: str = ""  # 本报 / 新华社 …: printed before 记者 instead of the paper name


@dataclass(frozen=True)
class Bulletin:
    """Fields of an A4 工作简报 (GB/T 9704 manner); optional in the meeting file."""

    name: str = ""  # 简报名称, e.g. 工作简报
    issue: str = ""  # 期号, e.g. 第 3 期
    issuer: str = ""  # 编发单位
    distribution: tuple[tuple[str, str], ...] = ()  # 版记: (报/送/发, 单位)


@dataclass(frozen=True)
class Meeting:
    key: str  # folder name; names the outputs
    publication: Publication
    title: str  # 主题
    subtitle: str  # 副题 (without the leading ——); may be empty
    byline: Byline
    lead: tuple[Paragraph, ...]
    speakers: tuple[Speaker, ...]
    source: Source
    kicker: str = ""  # 引题
    bulletin: Bulletin = field(default_factory=Bulletin)
    column: str = ""  # 栏目 tag printed with the kicker, e.g. （议政）
    editor_note: tuple[Paragraph, ...] = ()  # 编者按, signature (——编  者) included
    closing_note: str = ""  # 本版内容以发言先后为序, printed after the last speaker
    credit: str = ""  # a credit shared by all speakers: 本报记者×××整理
    review: tuple[str, ...] = ()  # the importer's open questions (FILE:LINE: …), until checked
    checked: bool = False  # the editor has checked the review list

    def all_text(self) -> list[str]:
        """Every piece of content text, in reading order (for the nothing-lost checks)."""
        out = [t for t in (self.column, self.kicker, self.title, self.subtitle) if t]
        out += list(self.byline.reporters) + list(self.byline.correspondents)
        out += [self.byline.note] if self.byline.note else []
        out += [self.byline.unit] if self.byline.unit else []
        out += [p.text for p in self.lead]
        out += [p.text for p in self.editor_note]
        section = ""
        for s in self.speakers:
            # a topic heading stands once above its run of speakers
            out += [t for t in (s.section if s.section != section else "", s.headline) if t]
            section = s.section
            who = [t for t in s.printed_name_parts() if t]
            out += who if s.attribution != "after" else []
            out += [p.text for p in s.paragraphs]
            out += who if s.attribution == "after" else []
            out += [s.credit] if s.credit else []
        out += [t for t in (self.credit, self.closing_note) if t]
        return out
