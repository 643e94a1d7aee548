"""The headline zone (版头, 引题, 主题, 副题, byline, a full-width 导语) and the 版记 after
the speakers: the layout's header and end items, one or more paragraphs each."""

from __future__ import annotations

from ..layout.spec import Item
from .docx_doc import Doc
from .docx_styles import BANJI, WStyle, is_lead
from .docx_text import sized
from .docx_xml import border, para, spacing, twips


def headline_zone(doc: Doc) -> list[str]:
    out = []
    for it in doc.lay.header:
        out += item_paragraphs(doc, it)
    return out


def item_paragraphs(doc: Doc, it: Item, in_header: bool = False) -> list[str]:
    """in_header: set in a page header or footer (no PDF lines to follow)."""
    ws = doc.styles[doc.styles.item_name(it)]
    if is_lead(it):
        return [doc.runs.paragraph(p, ws) for p in doc.m.lead]
    if it.left or it.center or it.right:
        return [_strip(doc, it, ws, in_header)]
    text = doc.render(it.template)
    if not text:
        return []
    lines, size = doc.pdf.take(it.style, text) if not in_header else ([(text, [])], None)
    rpr, ppr = sized(ws, size, direct_ppr(doc, it, ws, "", in_header))
    return [para(ws.sid, doc.runs.lines(lines, ws, rpr), ppr)]


def _strip(doc: Doc, it: Item, ws: WStyle, in_header: bool) -> str:
    """A 版头 strip: left, centre and right texts on one line, at tab stops."""
    width = doc.lay.page.type_width
    stops = ""
    text = doc.render(it.left)
    if it.center:
        stops += f'<w:tab w:val="center" w:pos="{twips(width / 2)}"/>'
        text += "\t" + doc.render(it.center)
    if it.right:
        stops += f'<w:tab w:val="right" w:pos="{twips(width)}"/>'
        text += "\t" + doc.render(it.right)
    ppr = direct_ppr(doc, it, ws, f"<w:tabs>{stops}</w:tabs>", in_header)
    return para(ws.sid, doc.runs.run(text, ws), ppr)


def direct_ppr(doc: Doc, it: Item, ws: WStyle, tabs: str = "", in_header: bool = False) -> str:
    """Paragraph properties in schema order: borders, shading, tabs, spacing; the item's own
    formatting only where its style is shared (else the style carries it)."""
    shared = doc.styles.shared(it)
    d = doc.styles.item_ppr(it) if shared else {}
    x = d.get("pBdr", "") + d.get("shd", "") + tabs
    if shared and ("before" in d or "after" in d):
        before, after = doc.styles.spacing(ws)
        x += spacing(before + d.get("before", 0), after + d.get("after", 0))
    elif in_header:
        x += spacing(0, 0)
    return x


def end_zone(doc: Doc) -> list[str]:
    ws = doc.styles[BANJI]
    out = []
    for it in doc.lay.end:
        lines = [ln for ln in doc.render(it.template).split("\n") if ln.strip()]
        d = doc.styles.item_ppr(it)
        for i, ln in enumerate(lines):
            first, last = i == 0, i == len(lines) - 1
            # The item's rules enclose all its lines (版记 between two rules, GB/T 9704).
            bdr = (border("top", it.rule_above, doc.lay) if it.rule_above and first else "") + (
                border("bottom", it.rule_below, doc.lay) if it.rule_below and last else ""
            )
            ppr = f"<w:pBdr>{bdr}</w:pBdr>" if bdr else ""
            ppr += d.get("shd", "")
            before, after = doc.styles.spacing(ws)
            before += d.get("before", 0) if first else 0
            after += d.get("after", 0) if last else 0
            out.append(para(ws.sid, doc.runs.run(ln, ws), ppr + spacing(before, after)))
    return out
