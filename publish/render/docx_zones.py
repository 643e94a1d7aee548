"""The headline zone (版头, 引题, 主题, 副题, byline, a full-width 导语) and the 版记 after
the speakers: the plan's header items and end matter, one or more paragraphs each."""

from __future__ import annotations

from collections.abc import Sequence

from ..plan import EndMatter, HeaderItem, ItemKind
from ..plan.fields import Segment
from .docx_doc import Doc
from .docx_styles import BANJI, Furniture, ItemFormat, WStyle
from .docx_text import sized
from .docx_xml import border, para, spacing, twips

Segments = Sequence[Segment]


def headline_zone(doc: Doc) -> list[str]:
    out = []
    for node in doc.plan.header:
        out += _header_item(doc, node)
    return out


def _header_item(doc: Doc, node: HeaderItem) -> list[str]:
    ws = doc.styles[doc.styles.item_name(node)]
    if node.kind is ItemKind.LEAD:
        return [doc.runs.paragraph(p) for p in node.lead]
    if node.kind is ItemKind.STRIP:
        runs = doc.runs.segments(strip_segments(node, (node.left,), (node.center,), (node.right,)), ws)
        return [para(ws.sid, runs, direct_ppr(doc, node, ws, strip_tabs(doc, node)))]
    if not node.text:
        return []
    lines, size = doc.pdf.take(node.style, node.text)
    rpr, ppr = sized(ws, size, direct_ppr(doc, node, ws))
    return [para(ws.sid, doc.runs.lines(lines, ws, rpr), ppr)]


def strip_segments(node: Furniture, left: Segments, center: Segments, right: Segments) -> list[Segment]:
    """A strip's texts in one line, parted by tabs: left, then the centre and right texts
    where the layout's item has them."""
    out = [*left]
    if node.item.center:
        out += ["\t", *center]
    if node.item.right:
        out += ["\t", *right]
    return out


def strip_tabs(doc: Doc, node: Furniture) -> str:
    """Tab stops for a strip: centre and right of the type area."""
    width = doc.lay.page.type_width
    stops = ""
    if node.item.center:
        stops += f'<w:tab w:val="center" w:pos="{twips(width / 2)}"/>'
    if node.item.right:
        stops += f'<w:tab w:val="right" w:pos="{twips(width)}"/>'
    return f"<w:tabs>{stops}</w:tabs>"


def direct_ppr(doc: Doc, node: Furniture, ws: WStyle, tabs: str = "", in_footer: bool = False) -> str:
    """Paragraph properties in schema order: borders, shading, tabs, spacing; the item's own
    formatting only where its style is shared (else the style carries it)."""
    shared = doc.styles.shared(node)
    d = doc.styles.item_format(node.item) if shared else ItemFormat()
    x = d.borders + d.shading + tabs
    if d.before or d.after:
        before, after = doc.styles.spacing(ws)
        x += spacing(before + d.before, after + d.after)
    elif in_footer:
        x += spacing(0, 0)
    return x


def end_paragraphs(doc: Doc, node: EndMatter) -> list[str]:
    """版记 and the like: one paragraph a line, the item's rules enclosing all its lines
    (版记 between two rules, GB/T 9704)."""
    ws = doc.styles[BANJI]
    it, lay = node.item, doc.lay
    d = doc.styles.item_format(it)
    out = []
    for i, ln in enumerate(node.lines):
        first, last = i == 0, i == len(node.lines) - 1
        bdr = (border("top", it.rule_above, lay) if it.rule_above and first else "") + (
            border("bottom", it.rule_below, lay) if it.rule_below and last else ""
        )
        ppr = f"<w:pBdr>{bdr}</w:pBdr>" if bdr else ""
        ppr += d.shading
        before, after = doc.styles.spacing(ws)
        before += d.before if first else 0
        after += d.after if last else 0
        out.append(para(ws.sid, doc.runs.run(ln, ws), ppr + spacing(before, after)))
    return out
