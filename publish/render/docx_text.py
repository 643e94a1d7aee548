"""Runs of text: a paragraph's spans (bold, the 一是…。 lead in the 要点 style), lines set
where the PDF set them, and lines set smaller than their style, as the PDF shrank them.
Every character written is noted for the embedded font subsets."""

from __future__ import annotations

import math
import re

from ..model import Paragraph
from .docx_breaks import squeeze
from .docx_fonttable import FontUse
from .docx_styles import POINT, WordStyles, WStyle
from .docx_xml import TWIP, para, run, twips, with_spacing


class Runs:
    def __init__(self, styles: WordStyles, use: FontUse):
        self.styles = styles
        self.use = use
        self.point_pattern = styles.lay.point_pattern

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

    def paragraph(self, p: Paragraph, default: WStyle) -> str:
        """A text paragraph in its role's style (the default unless printed-only)."""
        ws = self.styles.role(p, default)
        return para(ws.sid, self.spans(p, ws))

    def spans(self, p: Paragraph, ws: WStyle) -> str:
        """Runs of a text paragraph: bold spans and the 一是…。 lead in the 要点 style."""
        m = re.match(self.point_pattern, p.text)
        lead_end = m.end() if m else 0
        pieces: list[tuple[str, bool]] = []
        pos = 0
        for sp in p.spans:
            s, e = pos, pos + len(sp.text)
            pos = e
            if sp.bold or e <= lead_end:
                pieces.append((sp.text, True))
            elif s < lead_end:
                pieces += [(sp.text[: lead_end - s], True), (sp.text[lead_end - s :], False)]
            else:
                pieces.append((sp.text, False))
        merged: list[list] = []
        for t, strong in pieces:
            if not t:
                continue
            if merged and merged[-1][1] == strong:
                merged[-1][0] += t
            else:
                merged.append([t, strong])
        point = self.styles[POINT]
        return "".join(self.run(t, ws, point if strong else None) for t, strong in merged)


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
