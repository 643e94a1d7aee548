"""plan(meeting, layout): the content model and the layout's templates made into a Plan.

Every template of the layout is rendered here, once (furniture with page numbers is
also checked against a few real numbers, fields.py); what comes out is plain text,
spans with roles and style names.
"""

from __future__ import annotations

import re

from ..layout.spec import Layout
from ..layout.templates import Templates, context
from ..model import Meeting, Speaker
from .chars import font_uses
from .fields import render_fields
from .furniture import (
    CONTINUED_FROM_VARIABLES,
    CONTINUED_TO_VARIABLES,
    end_matter,
    footer_item,
    header_item,
    header_items,
)
from .nodes import BodyNode, Heading, Metadata, Separator, SpeakerGroup
from .page import Plan
from .printed import SECTION_STYLE, printed, speaker_line
from .record import content_record
from .spans import para


def plan(meeting: Meeting, layout: Layout) -> Plan:
    """What the page prints, for compose and the DOCX writer."""
    tpl = Templates(layout.folder)
    # Templates see the meeting as printed (the editor's note in the lead, a topic
    # heading on the first speaker of its run), as they always have.
    m = printed(meeting, tpl, context(meeting))
    ctx = context(m)
    items = header_items(layout)
    lead_in_header = any(it.content == "lead" for it in items)
    header = tuple(header_item(tpl, it, ctx, m.lead, layout) for it in items)
    end = tuple(end_matter(tpl, it, ctx) for it in layout.end)
    continued_to = render_fields(tpl, layout.continued_to, ctx, CONTINUED_TO_VARIABLES)
    continued_from = render_fields(tpl, layout.continued_from, ctx, CONTINUED_FROM_VARIABLES)
    footer = tuple(footer_item(tpl, it, ctx) for it in layout.footer)
    lines = {s.key: speaker_line(tpl, layout.speaker.line_template, s, ctx) for s in m.speakers}
    body = _body(m, layout, lines, lead_in_header) + tuple(e for e in end if e.text)
    uses = font_uses(m, layout, header, end, footer, (continued_to, continued_from), lines, body)
    return Plan(
        key=m.key,
        page_number=m.publication.page_number,
        header=header,
        body=body,
        footer=footer,
        continued_to=continued_to,
        continued_from=continued_from,
        meta=Metadata(m.title, "、".join(m.byline.reporters), m.subtitle, m.publication.paper, m.publication.date),
        uses=uses,
        names=tuple(sorted({s.name for s in m.speakers if s.name}, key=len, reverse=True)),
        lead_in_header=lead_in_header,
        content_record=content_record(meeting),
    )


def _body(m: Meeting, layout: Layout, lines: dict[str, str], lead_in_header: bool) -> tuple[BodyNode, ...]:
    """The body zone in reading order: the lead (when it flows with the text), then each
    speaker's group and paragraphs, separated."""
    point_re = re.compile(layout.point_pattern) if layout.point_style in layout.styles else None
    body_style = layout.body_style
    lead_style = layout.lead_style if layout.lead_style in layout.styles else body_style
    out: list[BodyNode] = []
    if not lead_in_header:
        out += [para(p, "lead", lead_style, layout, point_re) for p in m.lead]
    for i, s in enumerate(m.speakers):
        group = _group(s, layout, lines[s.key])
        if (i or out) and not group.empty:
            out.append(Separator(s.key))
        out.append(group)
        out += [para(p, s.key, body_style, layout, point_re) for p in s.paragraphs]
    return tuple(out)


def _group(s: Speaker, layout: Layout, line: str) -> SpeakerGroup:
    sp = layout.speaker
    section_style = SECTION_STYLE if SECTION_STYLE in layout.styles else sp.headline_style
    return SpeakerGroup(
        key=s.key,
        headline=s.headline,
        headline_style=sp.headline_style,
        name_line=line.replace("\n", " ").strip(),
        line_style=sp.line_style,
        section=Heading(s.section, section_style) if s.section else None,
        portrait=s.portrait,
        portrait_source=s.portrait_source,
        source=s.source,
        name=s.name,
        position=s.position,
    )
