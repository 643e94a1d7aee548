"""Page furniture: the folio lines of the plan's footer in a footer part, their page
numbers Word fields.

The PDF prints the 版头 and headline zone once, on page one, and the folio on every
page: so the DOCX has no page header, and one footer (two for outside folios)."""

from __future__ import annotations

from ..layout.spec import Align
from ..plan import FooterItem, ItemKind
from .docx_doc import Doc
from .docx_xml import NS, REL, XML_DECL, para
from .docx_zones import direct_ppr, strip_segments, strip_tabs

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def furniture(doc: Doc) -> tuple[str, bool]:
    """Footer references for every sectPr, and whether odd and even pages differ."""
    lay = doc.lay
    outside = any(lay.styles.get(n.style) and lay.styles[n.style].align == Align.OUTSIDE for n in doc.plan.footer)
    refs = ""
    foot = _folio_paras(doc, "right")
    if foot:
        refs += f'<w:footerReference w:type="default" r:id="{_footer_part(doc, 1, foot)}"/>'
        if outside:
            even = _footer_part(doc, 2, _folio_paras(doc, "left"))
            refs += f'<w:footerReference w:type="even" r:id="{even}"/>'
    return refs, outside


def _footer_part(doc: Doc, n: int, paras: list[str]) -> str:
    name = f"word/footer{n}.xml"
    xml = f"{XML_DECL}<w:ftr {NS}>{''.join(paras) or '<w:p/>'}</w:ftr>"
    doc.package.add(name, xml.encode("utf-8"), f"{_WML}.footer+xml")
    return doc.package.rel(f"{REL}/footer", f"footer{n}.xml")


def _folio_paras(doc: Doc, align: str) -> list[str]:
    """align: where an "outside" folio line goes on these pages (right on odd, left on even)."""
    return [_folio(doc, node, align) for node in doc.plan.footer if node.kind is ItemKind.STRIP or node.text]


def _folio(doc: Doc, node: FooterItem, align: str) -> str:
    ws = doc.styles[doc.styles.item_name(node)]
    if node.kind is ItemKind.STRIP:
        segments = strip_segments(node, node.left.segments, node.center.segments, node.right.segments)
        return para(ws.sid, doc.runs.segments(segments, ws), direct_ppr(doc, node, ws, strip_tabs(doc, node), True))
    jc = f'<w:jc w:val="{align}"/>' if ws.src.align == Align.OUTSIDE else ""
    return para(ws.sid, doc.runs.segments(node.text.segments, ws), direct_ppr(doc, node, ws, "", True) + jc)
