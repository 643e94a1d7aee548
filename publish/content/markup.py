"""The light markup of body paragraphs: **bold** and nothing else.

Content is data: no other character has a meaning here, so `<b>`, `&` and `{{`
in a speaker's text print as typed.
"""

from __future__ import annotations

from ..model import Span

BOLD = "**"


def parse_spans(text: str) -> tuple[tuple[Span, ...], int | None]:
    """Spans of one paragraph, and the column of an unclosed ** (None when balanced)."""
    parts = text.split(BOLD)
    if len(parts) % 2 == 0:
        return (), text.rfind(BOLD) + 1
    spans = [Span(t, bold=bool(i % 2)) for i, t in enumerate(parts) if t]
    return tuple(_merge(spans)), None


def _merge(spans):
    out: list[Span] = []
    for s in spans:
        if out and out[-1].bold == s.bold:
            out[-1] = Span(out[-1].text + s.text, s.bold)
        else:
            out.append(s)
    return out
