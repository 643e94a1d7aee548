"""Renderer-neutral data types for paragraph typesetting.

Nothing here knows about fonts on disk or PDF libraries: metrics arrive as a
callable on each Run, and the output is plain glyph positions in points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

ALIGNS = ("justify", "left", "center", "right")
KINSOKU_MODES = ("push-in", "push-out")


@dataclass(frozen=True)
class Run:
    """A stretch of text in one font and size."""

    text: str
    font: str  # opaque font key, copied to the glyphs
    size: float  # pt
    advance: Callable[[str], float]  # advance of one character in em (1.0 = full width)
    bold: bool = False  # informational only


@dataclass(frozen=True)
class ParaStyle:
    measure: float  # line width in pt
    indent: float = 0.0  # first-line indent in pt
    justify: bool = True  # False behaves like align="left"
    kinsoku: str = "push-in"  # 避头尾 resolution: "push-in" (推入) or "push-out" (推出)
    compress_punct: bool = True  # 标点挤压 of adjacent full-width punctuation
    halfwidth_opening_at_line_start: bool = False
    han_latin_space: float = 0.0  # em between Han and Latin/digits (0 = off)
    max_stretch: float = 0.5  # em per gap; beyond this a line is flagged loose
    align: str = "justify"  # "justify", "left", "center" or "right" (a signature: ——姓名委员)

    def __post_init__(self) -> None:
        if self.align not in ALIGNS:
            raise ValueError(f"align must be one of {ALIGNS}, not {self.align!r}")
        if self.kinsoku not in KINSOKU_MODES:
            raise ValueError(f"kinsoku must be one of {KINSOKU_MODES}, not {self.kinsoku!r}")
        if self.measure <= 0:
            raise ValueError("measure must be positive")


@dataclass(slots=True)
class Glyph:
    ch: str
    font: str
    size: float
    x: float  # glyph ORIGIN in pt from the line's left edge (< 0 for a trimmed opening mark at line start)
    advance: float  # nominal advance in pt (advance(ch) * size)
    width: float  # space occupied in the line after compression, in pt
    trim: float = 0.0  # blank trimmed off the left (opening marks): occupies [x + trim, x + trim + width]


@dataclass(slots=True)
class Line:
    glyphs: list[Glyph]
    width: float  # extent used from the line's left edge (== measure for a justified non-final line)
    last: bool  # last line of the paragraph
    loose: bool  # spread beyond max_stretch em per gap
    max_size: float = 0.0  # largest font size on the line (for the caller's leading)
    stretch: float = 0.0  # extra pt added per justification gap
    push: str = ""  # "in" / "out" when a 避头尾 fix shaped this line, "" otherwise
    forced: bool = False  # broken at a position the rules forbid (no legal break existed)
    start: int = 0  # index of the first character in the paragraph text
    end: int = 0  # index one past the last character

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


def lines_text(lines: list[Line]) -> list[str]:
    """The text of each line; handy for tests that write out expected breaks."""
    return ["".join(g.ch for g in line.glyphs) for line in lines]


__all__ = ["Run", "ParaStyle", "Glyph", "Line", "lines_text"]
