"""The meeting as the page prints it: the first step of plan() (make.py).

The content model keeps what the copy says (a speaker's name, 代表/委员, credit,
where the attribution stood); the layout's templates say how it reads in print.
Here the two meet: attribution lines, credits, the editor's note and the closing
note become paragraphs with a role, so each renderer sets them in the style the
layout gives that role and no renderer needs to know the forms of the copy.
"""

from __future__ import annotations

import dataclasses

from ..layout.templates import Templates
from ..model import Meeting, Paragraph, Source, Span, Speaker

# Role of a printed paragraph → layout style it is set in (the zone's own style when
# the layout has no such style, so an older layout still prints every character).
ROLE_STYLES = {"note": "note", "attribution": "attribution", "credit": "credit", "closing": "closing"}
SECTION_STYLE = "section"  # 专题小标题 over several speakers

SPEAKER_INLINE = "speaker_inline.j2"
SPEAKER_AFTER = "speaker_after.j2"
CREDIT = "credit.j2"
CLOSING = "closing_note.j2"


def speaker_line(tpl: Templates, line_template: str, speaker: Speaker, ctx: dict) -> str:
    """The 职务 姓名 line under the 小标题; empty when the copy names the speaker in the text."""
    if speaker.attribution not in ("line", "before"):
        return ""
    return tpl.render(line_template, speaker=speaker, **ctx)


def role_style(styles: dict, role: str, default: str) -> str:
    name = ROLE_STYLES.get(role)
    return name if name and name in styles else default


def printed(meeting: Meeting, tpl: Templates, ctx: dict) -> Meeting:
    """The meeting with every printed-only line turned into a paragraph with a role."""
    note = tuple(dataclasses.replace(p, role="note") for p in meeting.editor_note)
    speakers = []
    seen_section = None
    for i, s in enumerate(meeting.speakers):
        paras = list(s.paragraphs)
        if s.attribution == "inline" and paras:
            who = tpl.render(SPEAKER_INLINE, speaker=s, **ctx)
            first = paras[0]
            paras[0] = dataclasses.replace(first, spans=(Span(who, bold=True),) + first.spans)
        if s.attribution == "after":
            paras.append(_para(tpl.render(SPEAKER_AFTER, speaker=s, **ctx), "attribution", s.source))
        if s.credit:
            paras.append(_para(tpl.render(CREDIT, credit=s.credit, **ctx), "credit", s.source))
        if i == len(meeting.speakers) - 1:
            if meeting.credit:
                paras.append(_para(tpl.render(CREDIT, credit=meeting.credit, **ctx), "credit", meeting.source))
            if meeting.closing_note:
                paras.append(_para(tpl.render(CLOSING, **ctx), "closing", meeting.source))
        # A topic heading is printed once, above the first speaker of its run.
        section = s.section if s.section and s.section != seen_section else ""
        seen_section = s.section or None
        speakers.append(dataclasses.replace(s, paragraphs=tuple(p for p in paras if p.text), section=section))
    return dataclasses.replace(meeting, lead=meeting.lead + note, speakers=tuple(speakers))


def _para(text: str, role: str, source: Source) -> Paragraph:
    return Paragraph((Span(text),), source, role=role)
