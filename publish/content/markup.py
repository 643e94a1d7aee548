"""The light markup of body paragraphs: **bold** and nothing else.

Content is data: no other character has a meaning here, so `<b>`, `&` and `{{`
in a speaker's text print as typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Span

BOLD = "**"


def parse_spans(text: str) -> tuple[tuple[Span, ...], int | None]:
    """Spans of one paragraph, and the column of an unclosed ** (None when balanced)."""
    parts = text.split(BOLD)
    if len(parts) % 2 == 0:
        return (), text.rfind(BOLD) + 1
    return tuple(Span(t, bold=b) for t, b in merge_runs((t, bool(i % 2)) for i, t in enumerate(parts))), None


def merge_runs(pieces: Iterable[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """(text, bold) pieces with neighbours of the same weight joined and empty ones
    dropped: "a****b" is one plain span, and a Word paragraph's many runs (split by
    spell-check marks, revisions) become as few as the text has weights."""
    merged: list[tuple[str, bool]] = []
    for t, bold in pieces:
        if not t:
            continue
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + t, bold)
        else:
            merged.append((t, bold))
    return merged


def to_markup(pieces: Iterable[tuple[str, bool]]) -> str:
    """The inverse of parse_spans: (text, bold) pieces written with **…**."""
    return "".join(f"{BOLD}{t}{BOLD}" if b else t for t, b in merge_runs(pieces))
