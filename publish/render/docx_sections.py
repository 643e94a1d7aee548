"""The page as Word sections: the headline zone across the type area, the speakers in
columns, the 版记 or a hairline below; page size, margins, columns and the line grid."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..layout.spec import Layout
from .docx_xml import NS, TWIP, XML_DECL, twips

# A continuous section needs a paragraph to close it: one a hairline high (no 版记).
HAIRLINE = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)
# Header and footer distances from the page edge: a share of the margin, at least 9 pt.
_MIN_EDGE = 9.0
_HEADER_SHARE, _FOOTER_SHARE = 0.3, 0.4
# The folio's own line, kept clear when a grid line of the bottom margin goes to the body.
_FOLIO_ROOM = 12.0


@dataclass(frozen=True)
class Geometry:
    col_width: float  # the PDF's column measure, pt
    space_tw: int  # between columns, twips
    right_tw: int  # right indent of the speakers' text in one column, twips


def geometry(layout: Layout) -> Geometry:
    g, p = layout.grid, layout.page
    col_w = (p.type_width - g.gutter * (g.columns - 1)) / g.columns
    # The PDF's columns are a whole number of body characters wide, the rest goes to
    # the gutters (compose/page.py): the same measure gives Word the same line lengths.
    # Word derives the column width from the twips of the page, margins and gutter, so
    # those are rounded to leave each column at least the measure (a column 0.02 pt
    # narrow holds 13 characters, not 14).
    body = layout.styles.get(layout.body_style)
    col_width = math.floor(col_w / body.size + 1e-6) * body.size if body else col_w
    text_tw = twips(p.width) - twips(p.left) - twips(p.right)
    measure_tw = math.ceil(col_width * TWIP - 1e-6)
    if g.columns > 1:
        return Geometry(col_width, max(0, (text_tw - g.columns * measure_tw) // (g.columns - 1)), 0)
    # One column: the PDF sets the speakers' text in the measure, flush left.
    return Geometry(col_width, twips(g.gutter), max(0, text_tw - measure_tw))


def document_part(layout: Layout, geo: Geometry, refs: str, head: list[str], body: list[str], end: list[str]) -> bytes:
    """word/document.xml: the zones' paragraphs, each zone closed by its section.

    refs: the footer references every section carries."""
    cols = layout.grid.columns
    # Each zone's last paragraph carries the sectPr that closes it (OOXML puts a
    # section's properties at its end); the next zone starts on the same page.
    zones = [(head, 1)]
    balanced = False
    if cols == 1:
        zones = [(head + body + end, 1)]
    elif end or not layout.grid.fill_page:
        # A continuous section after the columns makes Word and LibreOffice balance
        # them, as the PDF does; without a 版记 it holds one hairline-high paragraph.
        # A 撑版 page (fill_page) has every column down to the foot in the PDF: there
        # the columns simply run on (LibreOffice 7.4 cannot balance its six columns:
        # it leaves them unbalanced and puts the hairline on a page of its own).
        zones += [(body, cols), (end or [HAIRLINE], 1)]
        balanced = True
    else:
        zones += [(body, cols)]
    zones = [(z, c) for z, c in zones if z]
    xml = []
    for i, (paras, c) in enumerate(zones):
        sect = _sect(layout, geo, refs, c, i > 0, balanced)
        if i == len(zones) - 1:
            xml += paras
            xml.append(sect)
        else:
            xml += paras[:-1]
            xml.append(paras[-1].replace("</w:pPr>", sect + "</w:pPr>", 1))
    return (f"{XML_DECL}<w:document {NS}><w:body>" + "".join(xml) + "</w:body></w:document>").encode("utf-8")


def _sect(layout: Layout, geo: Geometry, refs: str, columns: int, continuous: bool, slack: bool) -> str:
    p, g = layout.page, layout.grid
    header = max(_MIN_EDGE, p.top * _HEADER_SHARE)
    footer = max(_MIN_EDGE, p.bottom * _FOOTER_SHARE)
    cols = f'<w:cols w:num="{columns}" w:space="{geo.space_tw}"'
    cols += ' w:sep="1"/>' if columns > 1 and g.column_rule else "/>"
    bottom = p.bottom - (_foot_slack(layout, footer) if slack else 0.0)
    return (
        f"<w:sectPr>{refs}"
        + ('<w:type w:val="continuous"/>' if continuous else "")
        + f'<w:pgSz w:w="{twips(p.width)}" w:h="{twips(p.height)}"/>'
        f'<w:pgMar w:top="{twips(p.top)}" w:right="{twips(p.right)}" w:bottom="{twips(bottom)}" '
        f'w:left="{twips(p.left)}" w:header="{twips(header)}" w:footer="{twips(footer)}" w:gutter="0"/>'
        + cols
        + f'<w:docGrid w:linePitch="{twips(g.leading)}"/></w:sectPr>'
    )


def _foot_slack(layout: Layout, footer: float) -> float:
    """One grid line of the bottom margin lent to the body where the columns are balanced
    above a 版记 or hairline: the PDF fills them to the foot, and LibreOffice or Word,
    breaking the body's lines themselves (their punctuation compression is weaker: a
    line of ours ending 总结” keeps 结” on the next), set a line more here and there and
    would run the last one onto a page of its own. Balanced columns stay where the text
    ends, so the slack shows only when needed; the folio keeps its place (footer distance)."""
    return max(0.0, min(layout.grid.leading, layout.page.bottom - footer - _FOLIO_ROOM))
