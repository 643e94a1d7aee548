"""A paragraph as the Plan holds it: its role resolved to a layout style, its runs by role
(the copy's **bold** spans and the bold 一是……。 lead)."""

from __future__ import annotations

import re

from ..layout.spec import Layout
from ..model import Paragraph
from .nodes import Para, ParaRole, Span, SpanRole
from .printed import role_style


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


def para(p: Paragraph, owner: str, zone_style: str, layout: Layout, point_re: re.Pattern[str] | None) -> Para:
    zone = ParaRole.LEAD if owner == "lead" else ParaRole.BODY
    role = ParaRole(p.role) if p.role else zone
    return Para(owner, role, role_style(layout.styles, p.role, zone_style), spans(p, point_re), p.source)
