"""Draw a composition with reportlab: exactly the glyph positions the typesetter chose.

Print rules kept here: every font embedded as a subset (no Helvetica even in
the page preamble), colours only in DeviceCMYK, TrimBox and BleedBox on every
page, and the same bytes for the same input.
"""

from __future__ import annotations

import functools

from pathlib import Path

from ..compose.boxes import Composition, Fill, Picture, Rule, TextLine


def _defer_pil() -> None:
    """reportlab imports PIL.Image (~10 ms) whether or not a page has pictures:
    load it lazily, on first use (a portrait), instead."""
    import sys

    if "PIL.Image" in sys.modules:
        return
    import importlib.util

    spec = importlib.util.find_spec("PIL.Image")
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    spec.loader.exec_module(module)
    sys.modules["PIL"].Image = module  # type: ignore[attr-defined]  # a module attribute set at run time


def _register(fonts: dict) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, sub in sorted(fonts.items()):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(sub.ttf)))
    return sorted(fonts)[0]


def render_pdf(comp: Composition, out: Path, *, marks: bool = False, pdfx=None, file_name: str = "") -> None:
    """pdfx: a render.pdfx.PdfxSpec to write a PDF/X-1a:2001 file (PDF 1.3, output
    intent, PDF/X keys, dates from the publication or SOURCE_DATE_EPOCH).
    marks: crop/registration marks, colour bar and file_name in a slug around the bleed."""
    _defer_pil()
    from reportlab import rl_config

    from .marks import SLUG, draw_marks

    # Binary Flate streams: ASCII85 on top only makes them a quarter larger and
    # costs time (the 180 KB output-intent profile most of all).
    rl_config.useA85 = 0

    off = comp.bleed + (SLUG if marks else 0.0)  # trim origin inside the media box
    c = _canvas(comp, out, off, pdfx)
    top = off + comp.height
    for page in comp.pages:
        _draw_items(c, page.items, comp.colors, off, top, pdfx)
        if marks:
            slug = f"{file_name or out.name}    {_day(pdfx)}    第 {page.number}/{len(comp.pages)} 页"
            draw_marks(c, off, comp.width, comp.height, comp.bleed, slug, _slug_face(comp.fonts))
        c.showPage()
    if pdfx:
        # reportlab asks for PDF 1.4 whenever a colour carries an alpha, even an
        # opaque 1.0 that writes nothing; nothing here is transparent (preflight checks)
        c._doc._pdfVersion = (1, 3)
    c.save()


def _canvas(comp: Composition, out: Path, off: float, pdfx):
    """The canvas with the page boxes, the document information and, for PDF/X, its keys."""
    from reportlab.pdfgen.canvas import Canvas

    from .marks import cmyk_or_separation

    first_font = _register(comp.fonts)
    bleed = comp.bleed
    media = (comp.width + 2 * off, comp.height + 2 * off)
    # CMYK, plus the registration colour (Separation /All) of the marks
    c = Canvas(
        str(out),
        pagesize=media,
        invariant=1,
        pageCompression=1,
        enforceColorSpace=cmyk_or_separation,
        initialFontName=first_font,
        initialFontSize=10,
        initialLeading=12,
        trimBox=(off, off, off + comp.width, off + comp.height),
        bleedBox=(off - bleed, off - bleed, off + comp.width + bleed, off + comp.height + bleed),
        # PDF/X-1a is PDF 1.3, which has no /Lang
        lang=None if pdfx else "zh-CN",
        pdfVersion=(1, 3) if pdfx else None,
    )
    if pdfx:
        _pdfx(c, pdfx, comp.font_substitutions)
    c.setTitle(comp.title)
    c.setAuthor(comp.author)
    c.setSubject(comp.subject)
    c.setCreator("publish")
    return c


def _draw_items(c, items, colors: dict, off: float, top: float, pdfx) -> None:
    """A page's boxes at their places: y runs down the page in a composition, up in PDF."""
    for it in items:
        if isinstance(it, Fill):
            c.setFillColorCMYK(*colors[it.color].cmyk)
            c.rect(off + it.x, top - it.y - it.h, it.w, it.h, stroke=0, fill=1)
        elif isinstance(it, Rule):
            c.setStrokeColorCMYK(*colors[it.color].cmyk)
            c.setLineWidth(it.width)
            c.line(off + it.x0, top - it.y0, off + it.x1, top - it.y1)
        elif isinstance(it, TextLine):
            _text(c, it, off, top, colors[it.color].cmyk)
        elif isinstance(it, Picture):
            _picture(c, it, off, top, pdfx)


def _text(c, line: TextLine, off: float, top: float, color) -> None:
    """One text object per line. Glyphs that sit edge to edge share one Tj; every
    other glyph gets its own origin. (Char spacing, Tc, would be shorter, but PDF
    readers disagree on where it applies at string ends, and then a justified line
    no longer ends on the column edge for them.)"""
    t = c.beginText()
    t.setFillColorCMYK(*color)
    y = top - line.baseline
    gl = line.glyphs
    i = 0
    font = None
    while i < len(gl):
        g = gl[i]
        j = i + 1
        while (
            j < len(gl)
            and gl[j].font == g.font
            and gl[j].size == g.size
            and abs(gl[j].x - gl[j - 1].x - gl[j - 1].advance) < 0.0005
        ):
            j += 1
        if (g.font, g.size) != font:
            t.setFont(g.font, g.size)
            font = (g.font, g.size)
        t.setTextOrigin(off + line.x + g.x, y)
        t.textOut("".join(x.ch for x in gl[i:j]))
        i = j
    c.drawText(t)


def _pdfx(c, spec, substitutions=None) -> None:
    """The PDF/X-1a:2001 parts reportlab has no API for: the Info keys and the
    catalog's OutputIntents, written by reportlab itself in the one pass."""
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

    from .pdfx import PDFX_CONFORMANCE, PDFX_VERSION

    class Info(pdfdoc.PDFInfo):
        def format(self, document):
            d = {
                "Title": PDFString(self.title),
                "Author": PDFString(self.author),
                "Subject": PDFString(self.subject),
                "Creator": PDFString(self.creator),
                "Producer": PDFString(self.producer),
                "Keywords": PDFString(self.keywords),
                "CreationDate": PDFString(spec.stamp),
                "ModDate": PDFString(spec.stamp),
                # nothing trapped here; the RIP may trap
                "Trapped": PDFName("False"),
            }
            if substitutions:  # the layout allowed a stand-in font: preflight reports it
                d["FontSubstitution"] = PDFString(
                    "；".join(f"{role}: {named} → {used}" for role, (named, used) in sorted(substitutions.items()))
                )
            if spec.profile:
                d["GTS_PDFXVersion"] = PDFString(PDFX_VERSION)
                d["GTS_PDFXConformance"] = PDFString(PDFX_CONFORMANCE)
            return pdfdoc.format(PDFDictionary(d), document)

    doc = c._doc
    doc.info = Info()
    if not spec.profile:
        return
    # compressed here: reportlab leaves streams outside page content as they are
    icc = pdfdoc.PDFStream(
        PDFDictionary({"N": 4, "Alternate": PDFName("DeviceCMYK"), "Filter": PDFName("FlateDecode")}),
        _deflated(spec.profile),
    )
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFX"),
            # "Custom" unless the layout names a registered condition (e.g. FOGRA39)
            "OutputConditionIdentifier": PDFString(spec.condition),
            "OutputCondition": PDFString(spec.description),
            "Info": PDFString(spec.description),
            "RegistryName": PDFString("http://www.color.org"),
            "DestOutputProfile": doc.Reference(icc),
        }
    )
    cat = doc.Catalog
    cat.OutputIntents = PDFArray([doc.Reference(intent)])
    cat.__NoDefault__ = [*type(cat).__NoDefault__, "OutputIntents"]


def _picture(c, pic: Picture, off: float, top: float, pdfx=None) -> None:
    from reportlab.lib.utils import ImageReader

    from ..compose.portrait import open_image
    from .colour import to_print

    im = open_image(pic.path, pic.source)
    icc = im.info.get("icc_profile")
    im = im.crop(pic.crop)
    if icc:
        im.info["icc_profile"] = icc  # crop() drops it
    # Print takes CMYK or grey only: separated for the output profile, within the ink limit.
    im = to_print(im, getattr(pdfx, "profile", None), getattr(pdfx, "ink_limit", 240))
    c.drawImage(ImageReader(im), off + pic.x, top - pic.y - pic.h, pic.w, pic.h)


def _day(pdfx) -> str:
    stamp = getattr(pdfx, "stamp", "") or ""
    return f"{stamp[2:6]}-{stamp[6:8]}-{stamp[8:10]}" if stamp.startswith("D:") else ""


def _slug_face(fonts: dict):
    """A face of the page for the slug's outlines: a sans (黑体) if there is one."""
    faces = sorted({sub.face for sub in fonts.values() if getattr(sub, "face", None)}, key=lambda f: f.label)
    return next((f for f in faces if "Sans" in f.label), faces[0] if faces else None)


@functools.lru_cache(maxsize=4)
def _deflated(profile: bytes) -> bytes:
    """The profile compressed once per process (same bytes every time): a process that
    renders many pages (publish watch, a build of many meetings) pays for it once."""
    import zlib

    return zlib.compress(profile, 1)  # profiles barely compress more at 9
