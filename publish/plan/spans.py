"""A paragraph's runs by role: the copy's **bold** spans and the bold 一是……。 lead."""

from __future__ import annotations

import re

from ..model import Paragraph
from .nodes import Span, SpanRole


def spans(para: Paragraph, point_re: re.Pattern[str] | None) -> tuple[Span, ...]:
    """The paragraph's text in runs of one role each.

    point_re: the layout's point pattern where the paragraph may open with a point lead
    (None: the 导语 across the header, or a layout without a point style); the lead is
    set in the point style even where the copy marked part of it bold."""
    roles: list[SpanRole] = []
    for span in para.spans:
        roles += [SpanRole.BOLD if span.bold else SpanRole.BODY] * len(span.text)
    text = para.text
    m = point_re.match(text) if point_re is not None else None
    if m:
        roles[: m.end()] = [SpanRole.POINT] * m.end()
    out: list[Span] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or roles[i] is not roles[start]:
            out.append(Span(text[start:i], roles[start]))
            start = i
    return tuple(out)
