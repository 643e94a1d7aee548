"""Runs of text: a paragraph's spans (by their plan roles), lines set where the PDF set them,
and lines set smaller than their style, as the PDF shrank them. Every character written is
noted for the embedded font subsets."""

from __future__ import annotations

import math
from itertools import groupby
from collections.abc import Sequence

from ..plan import Field, FieldRef, Numerals, Para, Span, SpanRole
from ..plan.fields import CHINESE_DIGITS, DIGITS
from .docx_breaks import squeeze
from .docx_fonttable import FontUse
from .docx_styles import POINT, WordStyles, WStyle
from .docx_xml import TWIP, para, run, twips, with_spacing

# Word's fields for the plan's page numbers. A folio counts the document's pages; the 转版
# labels' 版次 (Field.NEXT, PREV) have no field: Word flows its own pages and prints none.
FIELD_CODES = {Field.PAGE: "PAGE", Field.PAGES: "NUMPAGES"}
# {{ page | cn_number }}: Chinese counting numerals (十二, not 一二), as cn_number writes them.
CHINESE_SWITCH = r" \* CHINESENUM3"


class Runs:
    def __init__(self, styles: WordStyles, use: FontUse):
        self.styles = styles
        self.use = use

    def run(self, text: str, para_style: WStyle, char: WStyle | None = None, rpr: str = "") -> str:
        self.use.note(char or para_style, text)
        return run(text, (f'<w:rStyle w:val="{char.sid}"/>' if char else "") + rpr)

    def lines(self, lines: list, ws: WStyle, rpr: str = "") -> str:
        """Runs for text set in the PDF's lines: a break where the PDF broke, and each line as
        narrow as the PDF set it, so that Word fits the same characters on it.

        The PDF narrows punctuation (标点挤压); Word and LibreOffice would set it full width
        and push the last character to a line of its own. What the PDF saved is taken
        evenly from the gaps of the line (character spacing, which LibreOffice applies
        between the characters of a run), plus a twip per gap against rounding."""
        out = []
        for i, (text, glyphs) in enumerate(lines):
            if i:
                out.append("<w:r><w:br/></w:r>")
            if not glyphs:
                out.append(self.run(text, ws, None, rpr))
                continue
            size = glyphs[0].size
            saved = sum(squeeze(glyphs)) * TWIP / max(1, len(text) - 1)
            v = math.floor(ws.src.tracking * size * TWIP - saved) - 1
            out.append(self.run(text, ws, None, f'<w:spacing w:val="{v}"/>' + rpr))
        return "".join(out)

    def segments(self, segments: Sequence[str | FieldRef], ws: WStyle) -> str:
        """Runs of text with page-number fields; neighbouring texts share one run."""
        out, text = [], ""
        for seg in segments:
            if isinstance(seg, str):
                text += seg
                continue
            out.append(self.run(text, ws) if text else "")
            out.append(self.field(seg, ws))
            text = ""
        return "".join(out) + (self.run(text, ws) if text else "")

    def field(self, ref: FieldRef, ws: WStyle) -> str:
        """A page-number field: Word fills in the number of the page it is printed on."""
        numerals = ref.numerals is Numerals.CHINESE
        self.use.note(ws, CHINESE_DIGITS if numerals else DIGITS)
        code = FIELD_CODES[ref.field] + (CHINESE_SWITCH if numerals else "")
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{self.run("1", ws)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    def paragraph(self, p: Para) -> str:
        """A paragraph of the lead or a speech, in its role's Word style."""
        ws = self.styles.para_style(p)
        return para(ws.sid, self.spans(p.spans, ws))

    def spans(self, spans: tuple[Span, ...], ws: WStyle) -> str:
        """Runs of a paragraph: the bold spans and the 一是…。 lead in the 要点 style, one run
        for each stretch of either (Word shows them alike)."""
        point = self.styles[POINT]
        stretches = groupby((sp for sp in spans if sp.text), key=lambda sp: sp.role is not SpanRole.BODY)
        return "".join(self.run("".join(sp.text for sp in g), ws, point if strong else None) for strong, g in stretches)


def sized(ws: WStyle, size: float | None, ppr: str = "", scale_leading: bool = True) -> tuple[str, str]:
    """Run and paragraph properties for a line set smaller than its style, as the PDF shrank it."""
    if not size or abs(size - ws.src.size) < 0.01:
        return "", ppr
    hp = int(round(size * 2))
    leading = ws.src.leading * size / ws.src.size if scale_leading else ws.src.leading
    ppr = with_spacing(ppr, f'w:line="{twips(leading)}" w:lineRule="exact"')
    return f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>', ppr


def leading(ws: WStyle, size: float | None) -> float:
    """Line height of a style set at `size` (its own size when None)."""
    return ws.src.leading * (size or ws.src.size) / ws.src.size
