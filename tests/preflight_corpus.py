"""Deliberately bad PDFs for preflight: each good for print except for one fault.

Made here by the tests with reportlab (and pikepdf for the faults reportlab will
not write), so the corpus needs nothing beside the clone."""

from __future__ import annotations

from pathlib import Path

MM = 72 / 25.4
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
W = H = 100 * MM  # trim
B = 3 * MM  # bleed

FAULTS = (
    "ink",
    "rich_black",
    "spot",
    "no_bleed",
    "lowres",
    "rgb_photo",
    "font",
    "notrim",
    "alpha",
    "encrypted",
    "malformed",
)


def _font() -> tuple[str, Path]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = next((p for p in (DEJAVU, FONT) if p.exists()), None)
    if path is None:
        import pytest

        pytest.skip("no TrueType font to embed")
    pdfmetrics.registerFont(TTFont("CorpusFont", str(path)))
    return "CorpusFont", path


def make(path: Path, fault: str = "") -> Path:
    """A one-page 100 × 100 mm PDF/X-1a with 3 mm bleed, text, a red box and a photo."""
    from PIL import Image
    from reportlab.lib.colors import CMYKColorSep
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from publish.layout.spec import load_layout
    from publish.render.marks import cmyk_or_separation
    from publish.render.pdfx import make_pdfx

    if fault == "malformed":
        path.write_bytes(
            b"%PDF-1.3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        )
        return path
    font, _ = _font()
    kw = dict(
        pagesize=(W + 2 * B, H + 2 * B),
        invariant=1,
        initialFontName=font,
        enforceColorSpace=None if fault == "rgb_photo" else cmyk_or_separation,
    )
    if fault != "notrim":
        kw.update(trimBox=(B, B, W + B, H + B), bleedBox=(0, 0, W + 2 * B, H + 2 * B))
    c = Canvas(str(path), **kw)
    c.setFillColorCMYK(*((0.6, 0.4, 0.4, 1) if fault == "rich_black" else (0, 0, 0, 1)))
    c.setFont("Helvetica" if fault == "font" else font, 12)
    c.drawString(B + 20 * MM, B + 80 * MM, "Preflight test")
    if fault == "spot":
        c.setFillColor(CMYKColorSep(0, 0.9, 0.8, 0, spotName="PANTONE 185 C", density=1))
    else:
        c.setFillColorCMYK(0, 1, 1, 0)
    c.rect(B + 20 * MM, B + 60 * MM, 20 * MM, 10 * MM, stroke=0, fill=1)
    if fault == "ink":  # a 400 % box, 10 × 10 mm
        c.setFillColorCMYK(1, 1, 1, 1)
        c.rect(B + 60 * MM, B + 60 * MM, 10 * MM, 10 * MM, stroke=0, fill=1)
    if fault == "no_bleed":  # a band that stops at the top trim edge
        c.setFillColorCMYK(0, 0, 0, 0.5)
        c.rect(B + 50 * MM, B + 90 * MM, 30 * MM, 10 * MM, stroke=0, fill=1)
    else:  # the same band carried into the bleed
        c.setFillColorCMYK(0, 0, 0, 0.5)
        c.rect(B + 50 * MM, B + 90 * MM, 30 * MM, 10 * MM + B, stroke=0, fill=1)
    if fault == "alpha":
        c.setFillAlpha(0.5)
        c.rect(B + 50 * MM, B + 40 * MM, 20 * MM, 10 * MM, stroke=0, fill=1)
        c.setFillAlpha(1)
    # 2 inches wide: 600 px is 300 ppi, 144 px is 72 ppi.
    px = 144 if fault == "lowres" else 600
    img = (
        Image.new("RGB", (px, px), (200, 60, 40))
        if fault == "rgb_photo"
        else Image.new("CMYK", (px, px), (0, 60, 20, 10))
    )
    c.drawImage(ImageReader(img), B + 20 * MM, B + 5 * MM, 2 * 72, 2 * 72)
    c.showPage()
    c.save()
    make_pdfx(path, title="印前检查测试", icc_profile=load_layout("broadsheet").icc_profile)
    if fault == "encrypted":
        import pikepdf

        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="secret", R=4))
    return path
