"""WordprocessingML pieces every part of the DOCX writer uses: namespaces, units, escaping,
colours, rules, runs and paragraphs as text (the package is written directly, see docx.py)."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from ..layout.spec import Layout, RuleSpec

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

TWIP = 20  # twips per pt
EMU = 12700  # EMU per pt
# Characters XML 1.0 cannot carry; a stray one in the copy must not make Word refuse the file.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def twips(pt: float) -> int:
    return int(round(pt * TWIP))


def attr(v) -> str:
    return escape(str(v), {'"': "&quot;"})


def rgb(layout: Layout, color: str | None) -> str:
    c = layout.colors.get(color or "text")
    if c is None:
        return "000000"
    cy, m, y, k = c.cmyk
    # Naive CMYK → RGB: only for Word's screen display; print goes through the PDF.
    return "%02X%02X%02X" % tuple(int(round(255 * (1 - v) * (1 - k))) for v in (cy, m, y))


def border(side: str, rule: RuleSpec, layout: Layout) -> str:
    # w:sz is in eighths of a point and w:space in points, both bounded by the schema.
    lines = 3 if rule.double else 1
    sz = max(2, min(96, int(round(rule.width * 8 / lines))))
    space = max(0, min(31, int(round(rule.gap))))
    val = "double" if rule.double else "single"
    return f'<w:{side} w:val="{val}" w:sz="{sz}" w:space="{space}" w:color="{rgb(layout, rule.color)}"/>'


def shading(layout: Layout, color: str) -> str:
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{rgb(layout, color)}"/>'


def run(text: str, props: str = "") -> str:
    """One w:r: a newline in the text is a line break, a tab a tab."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{escape(_BAD_XML.sub("", piece))}</w:t>')
    return f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{''.join(out)}</w:r>"


def para(style_id: str, runs: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ppr}</w:pPr>{runs}</w:p>'


def with_spacing(ppr: str, attrs: str) -> str:
    """Paragraph properties with `attrs` added to their w:spacing (one made if there is none)."""
    if "<w:spacing " in ppr:
        return ppr.replace("<w:spacing ", f"<w:spacing {attrs} ", 1)
    return ppr + f"<w:spacing {attrs}/>"


def spacing(before: float, after: float) -> str:
    return f'<w:spacing w:before="{twips(before)}" w:after="{twips(after)}"/>'


def rels_part(rels) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{attr(g)}"/>' for i, t, g in rels)
    return f'{XML_DECL}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'.encode("utf-8")
