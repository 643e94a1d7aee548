"""The body zone: the 导语 when it runs in the columns, then each speaker's block — the
小标题 group (专题, 小标题, 职务 + 姓名 line), the portrait and the paragraphs."""

from __future__ import annotations

from ..layout.printed import speaker_line
from ..model import Speaker
from .docx_doc import Doc
from .docx_portrait import portrait
from .docx_styles import BODY, HEADLINE, LEAD, SECTION, SPEAKER, WStyle
from .docx_text import leading, sized
from .docx_xml import para, twips, with_spacing

# One paragraph of a 小标题 group before it is written: style, runs, pPr, height in pt.
_Head = list


def body_zone(doc: Doc) -> list[str]:
    out = []
    if not doc.styles.lead_in_header:
        out += [doc.runs.paragraph(p, doc.styles[LEAD]) for p in doc.m.lead]
    for sp in doc.m.speakers:
        group = _head_group(doc, sp)
        if not sp.portrait and not doc.lay.grid.fill_page:
            _pdf_air(doc, sp.key, group)
        out += [para(ws.sid, runs, ppr) for ws, runs, ppr, _ in group]
        if sp.portrait:
            out.append(portrait(doc, sp))
        out += [doc.runs.paragraph(p, doc.styles[BODY]) for p in sp.paragraphs]
    return out


def lead_above(doc: Doc) -> bool:
    """Whether the 导语 of the columns goes above them, across the page (grid.head_columns)."""
    g = doc.lay.grid
    return not doc.styles.lead_in_header and bool(g.head_columns and g.head_columns >= g.columns)


def _head_group(doc: Doc, sp: Speaker) -> list[_Head]:
    """The 小标题 group's paragraphs, set in the PDF's lines."""
    group: list[_Head] = []
    if sp.section:
        group.append(_head(doc, doc.styles[SECTION], "section", sp.section))
    if sp.headline:
        hl = doc.styles[HEADLINE]
        lines, size = doc.pdf.take("headline", sp.headline)
        if size is None:  # not on the composed page: Word breaks between phrases
            lines = [(p, []) for p in sp.headline_phrases] or lines
        rpr, ppr = sized(hl, size)
        group.append([hl, doc.runs.lines(lines, hl, rpr), ppr, len(lines) * leading(hl, size)])
    line = speaker_line(doc.tpl, doc.lay.speaker.line_template, sp, doc.ctx)
    if line:
        ws = doc.styles[SPEAKER]
        lines, size = doc.pdf.take("speaker", line)
        rpr, ppr = sized(ws, size, scale_leading=False)
        group.append([ws, doc.runs.lines(lines, ws, rpr), ppr, len(lines) * ws.src.leading])
    return group


def _head(doc: Doc, ws: WStyle, role: str, text: str) -> _Head:
    lines, size = doc.pdf.take(role, text)
    rpr, ppr = sized(ws, size)
    return [ws, doc.runs.lines(lines, ws, rpr), ppr, len(lines) * leading(ws, size)]


def _pdf_air(doc: Doc, owner: str, group: list[_Head]) -> None:
    """Space above and below a 小标题 group as the PDF gives it: the separator lines above
    it (none where the PDF dropped them at a column top) and the group's whole grid lines
    centred around it, so the DOCX's pages fill and break as the PDF's do.

    Not on a 撑版 page (grid.fill_page): there the PDF is full to the foot by design and
    LibreOffice, a line longer here and there, would run onto a second page; the DOCX
    keeps the styles' spacing and the spare lines as slack."""
    height = doc.pdf.head_h.get(owner)
    if not group or height is None:
        return
    extra = height - sum(g[3] for g in group)
    if extra < -0.5:
        return
    extra = max(0.0, extra)
    sep = doc.pdf.space_lines.get(owner, 0) * doc.lay.grid.leading
    for i, g in enumerate(group):
        before = sep + extra / 2 if i == 0 else 0.0
        after = extra / 2 if i == len(group) - 1 else 0.0
        g[2] = with_spacing(g[2], f'w:before="{twips(before)}" w:after="{twips(after)}"')
