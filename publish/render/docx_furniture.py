"""Page furniture: the folio line in a footer part, its page number a PAGE field.

The PDF prints the 版头 and headline zone once, on page one, and the folio on every
page: so the DOCX has no page header, and one footer (two for outside folios)."""

from __future__ import annotations

import re

from ..layout.spec import Item
from ..layout.templates import Templates
from .docx_doc import Doc
from .docx_xml import NS, REL, XML_DECL, para
from .docx_zones import direct_ppr, item_paragraphs

PAGE_SENTINEL = 987654321  # stands for the page number while a folio template renders
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def furniture(doc: Doc) -> tuple[str, bool]:
    """Footer references for every sectPr, and whether odd and even pages differ."""
    lay = doc.lay
    outside = any(lay.styles.get(i.style) and lay.styles[i.style].align == "outside" for i in lay.footer)
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
    out = []
    for it in doc.lay.footer:
        tname = it.template or it.center or it.left or it.right
        if tname and _mentions_page(doc.tpl, tname):
            out.append(_folio(doc, it, tname, align))
        else:
            out += item_paragraphs(doc, it, in_header=True)
    return out


def _folio(doc: Doc, it: Item, tname: str, align: str) -> str:
    """The folio line, the page number in it a PAGE field; aligned to `align` when its
    style is "outside" (right on odd pages, left on even)."""
    ws = doc.styles[doc.styles.item_name(it)]
    text = doc.render(tname, page=PAGE_SENTINEL)
    before, has_page, after = text.partition(str(PAGE_SENTINEL))
    runs = doc.runs.run(before, ws) if before else ""
    if has_page:
        doc.runs.use.note(ws, "0123456789")
        runs += (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{doc.runs.run("1", ws)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    runs += doc.runs.run(after, ws) if after else ""
    jc = f'<w:jc w:val="{align}"/>' if ws.src.align == "outside" else ""
    return para(ws.sid, runs, direct_ppr(doc, it, ws, "", True) + jc)


_source_memo: dict[tuple[str, str], bool] = {}


def _mentions_page(tpl: Templates, name: str) -> bool:
    key = (str(tpl.folder), name)
    if key not in _source_memo:
        try:
            assert tpl.env.loader is not None
            src = tpl.env.loader.get_source(tpl.env, name)[0]
        except Exception:  # a missing template is reported when it renders
            src = ""
        _source_memo[key] = bool(re.search(r"\bpage\b", src))
    return _source_memo[key]
