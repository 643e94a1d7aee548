"""What recognition finds in reporter copy: the parts of the article, the speakers with
their pieces, every decision and doubt with its line; or a Refusal that says why the copy
is not a 发言摘登 the importer can read without guessing."""

from __future__ import annotations

from dataclasses import dataclass, field

from .head import Head
from .paragraphs import Piece
from .shapes import Who


class Refusal(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line, self.message = line, message


@dataclass
class SpeakerPart:
    who: Who
    line: int  # source line of the name
    headline: Piece | None
    paragraphs: list[Piece]
    attribution: str  # line / before / after / inline
    credit: str = ""
    section: str = ""


@dataclass
class Recognised:
    head: Head
    lead: list[Piece] = field(default_factory=list)
    editor_note: list[Piece] = field(default_factory=list)
    closing_note: str = ""
    credit: str = ""
    speakers: list[SpeakerPart] = field(default_factory=list)
    form: str = ""
    joins: list[tuple[int, int, str, str]] = field(default_factory=list)  # (line, next line, tail, head)
    splits: list[tuple[int, str]] = field(default_factory=list)  # (line, marker)
    flags: list[tuple[int | None, str]] = field(default_factory=list)  # looks wrong: check it
    decisions: list[tuple[int | None, str]] = field(default_factory=list)  # what was taken for what
