"""The body zone from the plan's body: the 导语 when it runs in the columns, then each
speaker's block — the 小标题 group (专题, 小标题, 职务 + 姓名 line), the portrait and the
paragraphs — and the end matter (版记) after the last speaker.

A Separator needs no paragraph: the 小标题 style carries the layout's rule, and the
space is the PDF's (_pdf_air)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plan import EndMatter, Para, SpeakerGroup
from .docx_doc import Doc
from .docx_portrait import portrait
from .docx_styles import HEADLINE, SECTION, SPEAKER, WStyle
from .docx_text import leading, sized
from .docx_xml import para, twips, with_spacing
from .docx_zones import end_paragraphs


@dataclass
class Body:
    lead: list[str] = field(default_factory=list)  # the 导语 in the columns (or above them)
    speakers: list[str] = field(default_factory=list)
    end: list[str] = field(default_factory=list)  # 版记


@dataclass
class _Head:
    """One paragraph of a 小标题 group before it is written."""

    ws: WStyle
    runs: str
    ppr: str
    height: float  # pt, as the PDF set it


def body_zone(doc: Doc) -> Body:
    out = Body()
    speakers = False  # paragraphs before the first speaker are the lead's
    for node in doc.plan.body:
        if isinstance(node, Para):
            (out.speakers if speakers else out.lead).append(doc.runs.paragraph(node))
        elif isinstance(node, SpeakerGroup):
            speakers = True
            out.speakers += _group(doc, node)
        elif isinstance(node, EndMatter):
            out.end += end_paragraphs(doc, node)
    return out


def _group(doc: Doc, group: SpeakerGroup) -> list[str]:
    """The 小标题 group's paragraphs, set in the PDF's lines, and the portrait."""
    heads: list[_Head] = []
    if group.section:
        heads.append(_head(doc, doc.styles[SECTION], "section", group.section.text))
    if group.headline:
        hl = doc.styles[HEADLINE]
        lines, size = doc.pdf.take("headline", group.headline)
        if size is None:  # not on the composed page: Word breaks between phrases
            lines = [(p, []) for p in group.headline.split()] or lines
        rpr, ppr = sized(hl, size)
        heads.append(_Head(hl, doc.runs.lines(lines, hl, rpr), ppr, len(lines) * leading(hl, size)))
    if group.name_line:
        ws = doc.styles[SPEAKER]
        lines, size = doc.pdf.take("speaker", group.name_line)
        rpr, ppr = sized(ws, size, scale_leading=False)
        heads.append(_Head(ws, doc.runs.lines(lines, ws, rpr), ppr, len(lines) * ws.src.leading))
    if not group.portrait and not doc.lay.grid.fill_page:
        _pdf_air(doc, group.key, heads)
    out = [para(h.ws.sid, h.runs, h.ppr) for h in heads]
    if group.portrait:
        out.append(portrait(doc, group))
    return out


def _head(doc: Doc, ws: WStyle, role: str, text: str) -> _Head:
    lines, size = doc.pdf.take(role, text)
    rpr, ppr = sized(ws, size)
    return _Head(ws, doc.runs.lines(lines, ws, rpr), ppr, len(lines) * leading(ws, size))


def _pdf_air(doc: Doc, owner: str, heads: list[_Head]) -> None:
    """Space above and below a 小标题 group as the PDF gives it: the separator lines above
    it (none where the PDF dropped them at a column top) and the group's whole grid lines
    centred around it, so the DOCX's pages fill and break as the PDF's do.

    Not on a 撑版 page (grid.fill_page): there the PDF is full to the foot by design and
    LibreOffice, a line longer here and there, would run onto a second page; the DOCX
    keeps the styles' spacing and the spare lines as slack."""
    height = doc.pdf.head_h.get(owner)
    if not heads or height is None:
        return
    extra = height - sum(h.height for h in heads)
    if extra < -0.5:
        return
    extra = max(0.0, extra)
    sep = doc.pdf.space_lines.get(owner, 0) * doc.lay.grid.leading
    for i, h in enumerate(heads):
        before = sep + extra / 2 if i == 0 else 0.0
        after = extra / 2 if i == len(heads) - 1 else 0.0
        h.ppr = with_spacing(h.ppr, f'w:before="{twips(before)}" w:after="{twips(after)}"')
