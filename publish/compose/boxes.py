"""The composed page: what to draw where. Renderer-neutral, in pt, y down from the trim's top-left."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..copyfit import Report
from ..typeset.types import Glyph

if TYPE_CHECKING:
    from ..fonts.subset import Subset
    from ..layout.spec import Color
    from ..plan import Plan
    from .blocks import Setting


@dataclass
class TextLine:
    x: float  # left edge of the line's measure
    baseline: float
    glyphs: list[Glyph]
    color: str  # layout colour name
    role: str = "body"  # which element (body, headline …), for tests and the DOCX-free checks
    last: bool = True  # last line of its paragraph (the only one not flush right)
    measure: float = 0.0  # the column width it is set in


@dataclass
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: str


@dataclass
class Fill:
    x: float
    y: float
    w: float
    h: float
    color: str


@dataclass
class Picture:
    path: Path
    x: float
    y: float
    w: float
    h: float
    crop: tuple[int, int, int, int]  # pixel box of the source image shown in the frame
    source: tuple[str, int | None] = ("", None)


@dataclass
class Region:
    """Where one piece of a copyfit block landed (not drawn): lets a preview or a
    check outline each speaker's block and the column feet without re-deriving the flow."""

    owner: str  # copyfit block key (speaker key, "lead", "end")
    kind: str  # head (小标题 group), text, space (separator), end
    column: int
    row: int  # first grid line in the column
    lines: int
    x: float
    y: float
    w: float
    h: float


@dataclass
class PageBox:
    number: int
    items: list = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    body: tuple[float, int, float] | None = None  # body zone: top (pt), lines per column, leading


@dataclass
class Composition:
    width: float
    height: float
    bleed: float
    pages: list[PageBox]
    fonts: dict[str, Subset]  # registered font name -> the subset embedded
    colors: dict[str, Color]  # colour name -> CMYK
    report: Report  # the copyfit figures of this composition
    plan: Plan  # what was composed: the DOCX writer reads the same plan
    setting: Setting  # what the page was fitted with (leading, sizes …), for the DOCX
    title: str = ""
    author: str = ""
    subject: str = ""
    font_substitutions: dict[str, tuple[str, str]] = field(default_factory=dict)  # role -> (font named, face used)
