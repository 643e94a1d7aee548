"""Printer's marks in the slug, outside the bleed: crop marks and registration targets
in the PDF/X registration colour (Separation /All: on every plate), a colour bar, and
the file name, date and page — so a plate or a sheet says which page it is.

The slug text is drawn as outlines from an installed face: it needs no font in the
PDF (whose subsets hold only the page's own characters) and is the same on every plate.
"""

from __future__ import annotations

from ..units import MM

SLUG = 15 * MM  # room around the bleed for the marks
CROP_LEN = 7 * MM
CROP_GAP = 1 * MM  # crop marks start this far outside the bleed
PATCH = 5 * MM


def _ink(plate: int, tint: float) -> tuple[float, ...]:
    """One process ink (0 C, 1 M, 2 Y, 3 K) at a tint, the others at none."""
    return tuple(tint if i == plate else 0 for i in range(4))


# The colour bar (CMYK 0–1): solids and 50% tints of each ink (the press checks density
# and dot gain on these), a 25% K, the two-ink overprints, and a grey balance
# patch that prints neutral only when the inks are in balance.
BAR = [
    *(_ink(plate, 1) for plate in range(4)),
    *(_ink(plate, 0.5) for plate in range(4)),
    _ink(3, 0.25),
    (0, 1, 1, 0),
    (1, 0, 1, 0),
    (1, 1, 0, 0),
    (0.5, 0.4, 0.4, 0),
]


def cmyk_or_separation(c):
    """reportlab's colour enforcement for our pages: CMYK as given, plus separations
    (the marks' registration colour). Not reportlab's own 'sep_cmyk', which takes any
    CMYK whose RGB looks grey — a rich black, C50 M50 Y50 K50 — for K100."""
    from reportlab.lib.colors import CMYKColorSep, _enforceCMYK, toColor

    tc = toColor(c)
    return tc if isinstance(tc, CMYKColorSep) else _enforceCMYK(tc)


def registration():
    from reportlab.lib.colors import CMYKColorSep

    return CMYKColorSep(1, 1, 1, 1, spotName="All", density=1)


def draw_marks(c, off: float, w: float, h: float, bleed: float, slug: str, face=None) -> None:
    """off: where the trim's lower-left corner is in the media box; w, h: trim size."""
    reg = registration()
    c.saveState()
    c.setStrokeColor(reg)
    c.setFillColor(reg)
    c.setLineWidth(0.25)
    gap = bleed + CROP_GAP
    for x in (off, off + w):
        for y in (off, off + h):
            sx = -1 if x == off else 1
            sy = -1 if y == off else 1
            c.line(x + sx * gap, y, x + sx * (gap + CROP_LEN), y)
            c.line(x, y + sy * gap, x, y + sy * (gap + CROP_LEN))
    centre = gap + CROP_LEN / 2
    for cx, cy in (
        (off + w / 2, off - centre),
        (off + w / 2, off + h + centre),
        (off - centre, off + h / 2),
        (off + w + centre, off + h / 2),
    ):
        _target(c, cx, cy)
    c.restoreState()
    _colour_bar(c, off + w / 2 + 15 * MM, off + h + gap, min(len(BAR), int((w / 2 - 20 * MM) // PATCH)))
    if face is not None and slug:
        _outline_text(c, face, slug, off + 10 * MM, off - gap - 4 * MM, 7, reg)


def _target(c, cx: float, cy: float) -> None:
    r = 2.5 * MM
    c.circle(cx, cy, r, stroke=1, fill=0)
    c.circle(cx, cy, r / 2, stroke=0, fill=1)
    c.line(cx - r * 1.6, cy, cx + r * 1.6, cy)
    c.line(cx, cy - r * 1.6, cx, cy + r * 1.6)


def _colour_bar(c, x: float, y: float, n: int) -> None:
    for i, cmyk in enumerate(BAR[: max(0, n)]):
        c.setFillColorCMYK(*cmyk)
        c.rect(x + i * PATCH, y, PATCH, PATCH, stroke=0, fill=1)


_glyphs: dict = {}


def _outline_text(c, face, text: str, x: float, y: float, size: float, colour) -> None:
    from fontTools.ttLib import TTFont

    key = (face.path, face.index)
    if key not in _glyphs:
        f = TTFont(face.path, fontNumber=face.index, lazy=True)
        _glyphs[key] = (f.getGlyphSet(), f.getBestCmap() or {}, f["head"].unitsPerEm)
    gs, cmap, upm = _glyphs[key]
    scale = size / upm
    c.saveState()
    c.setFillColor(colour)
    pen_x = 0.0
    for ch in text:
        name = cmap.get(ord(ch))
        if name is None:
            pen_x += upm / 2
            continue
        glyph = gs[name]
        path = c.beginPath()
        glyph.draw(_canvas_pen(gs, path))
        c.saveState()
        c.transform(scale, 0, 0, scale, x + pen_x * scale, y)
        c.drawPath(path, stroke=0, fill=1, fillMode=0)
        c.restoreState()
        pen_x += glyph.width
    c.restoreState()


def _canvas_pen(glyphset, path):
    """A fontTools pen drawing into a reportlab canvas path (quadratic curves arrive as
    cubics). Made on first use: a build without marks imports no fontTools."""
    from fontTools.pens.basePen import BasePen

    class CanvasPen(BasePen):
        def _moveTo(self, p):
            path.moveTo(*p)

        def _lineTo(self, p):
            path.lineTo(*p)

        def _curveToOne(self, p1, p2, p3):
            path.curveTo(*p1, *p2, *p3)

        def _closePath(self):
            path.close()

    return CanvasPen(glyphset)
