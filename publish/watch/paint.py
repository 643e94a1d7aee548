"""The composed page straight to a screen image, without a PDF in between.

`publish watch` shows the page a save made before it writes the PDF and DOCX.
Drawing the composition itself (the same glyphs at the same positions, from the
same subset fonts, as the PDF) takes a few milliseconds where writing the PDF
and rasterising it took a hundred and more. Most of a page is unchanged from
one save to the next: each text line is drawn once, as a mask keyed by its
glyphs, and later pages paste the masks where the lines now stand.

A line lands on whole pixels (at most half a pixel from where the PDF puts it,
a screen proof's precision); glyphs inside the line keep their fractional places.
"""

from __future__ import annotations

import io
import math
import threading
from pathlib import Path

from ..compose.boxes import Composition, Fill, Picture, Rule, TextLine

# FreeType faces are not shared between threads: the builder and the server's
# threads take turns (one page at a time is drawn in a few milliseconds).
_LOCK = threading.Lock()
_FONTS: dict[tuple[str, float], object] = {}
_LINES: dict[tuple, tuple[object, int, int]] = {}  # line key -> (mask, left, top) in px
_PICTURES: dict[tuple, object] = {}
_GLYPHS: dict[tuple, tuple | None] = {}  # (face, px, char) -> (mask, left, top)
SUPER = 4  # lines drawn this many times larger, then reduced: smooth type, quarter-pixel places
MASTER = 96  # px an em at which a glyph is drawn once; smaller sizes are reduced from it
MAX_BYTES = 48 * 2**20  # masks kept, lines and glyphs (one page at one size: ~10 MB)
_held = 0  # bytes of the masks kept
MAX_PICTURES = 64
QUALITY = 90  # JPEG: text stays sharp enough to proofread on screen


def page_jpeg(comp: Composition, index: int, width: int) -> bytes:
    """Page `index` of the composition, trimmed, `width` pixels wide, as JPEG."""
    with _LOCK:
        img = _page(comp, index, width)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=QUALITY)
    return out.getvalue()


def _page(comp: Composition, index: int, width: int):
    from PIL import Image, ImageDraw

    scale = width / comp.width
    size = (width, max(1, round(comp.height * scale)))
    img = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(img)
    rgb = {name: _rgb(c.cmyk) for name, c in comp.colors.items()}
    faces = {name: _face_key(sub, name) for name, sub in comp.fonts.items()}
    for it in comp.pages[index].items:
        if isinstance(it, TextLine):
            _text(img, it, scale, rgb[it.color], comp.fonts, faces)
        elif isinstance(it, Fill):
            draw.rectangle(_box(it.x, it.y, it.w, it.h, scale), fill=rgb[it.color])
        elif isinstance(it, Rule):
            _rule(draw, it, scale, rgb[it.color])
        elif isinstance(it, Picture):
            _picture(img, it, scale)
        else:  # a new kind of item the preview does not know yet: say so, do not drop it silently
            raise TypeError(f"preview cannot draw {type(it).__name__}")
    return img


def _rgb(cmyk) -> tuple[int, int, int]:
    """DeviceCMYK as a screen shows it without a profile (as PDF viewers do)."""
    c, m, y, k = cmyk
    r, g, b = (round(255 * (1 - min(1.0, v + k))) for v in (c, m, y))
    return r, g, b


def _box(x: float, y: float, w: float, h: float, scale: float) -> tuple[int, int, int, int]:
    x0, y0 = round(x * scale), round(y * scale)
    return x0, y0, max(x0, round((x + w) * scale) - 1), max(y0, round((y + h) * scale) - 1)


def _rule(draw, r: Rule, scale: float, color) -> None:
    """A hairline thinner than a pixel is shown one pixel wide, as PDF viewers show it."""
    ends = [(r.x0 * scale, r.y0 * scale), (r.x1 * scale, r.y1 * scale)]
    draw.line(ends, fill=color, width=max(1, round(r.width * scale)))


def _font(path: str, px: float):
    key = (path, px)
    f = _FONTS.get(key)
    if f is None:
        from PIL import ImageFont

        if len(_FONTS) >= 64:  # each save's subsets are new files: old ones are not asked for again
            _FONTS.clear()
        f = _FONTS[key] = ImageFont.truetype(path, px, layout_engine=ImageFont.Layout.BASIC)
    return f


def _text(img, line: TextLine, scale: float, color, fonts: dict, faces: dict) -> None:
    if not line.glyphs:
        return
    left = line.x * scale
    base = line.baseline * scale
    # the line's look depends on its glyphs and their places in it, not on where it stands
    ox, oy = left - math.floor(left), 0.0
    key = (
        scale,
        round(ox, 2),
        tuple([(faces[g.font], g.size, g.ch, g.x) for g in line.glyphs]),
    )
    got = _LINES.get(key)
    if got is None:
        got = _keep(_LINES, key, _line_mask(line, scale, ox, oy, fonts, faces))
    mask, dx, top = got
    img.paste(color, (math.floor(left) + dx, round(base) + top), mask)


def _face_key(sub, name: str):
    """Subsets of one face draw a character alike, whichever page's subset it is."""
    face = getattr(sub, "face", None)
    return getattr(face, "ident", None) or name


def _line_mask(line: TextLine, scale: float, ox: float, oy: float, fonts: dict, faces: dict):
    """The line's glyphs in an 8-bit mask; (mask, left, top) relative to the line's
    whole-pixel origin and its baseline. Drawn SUPER times larger and reduced, as a
    PDF viewer smooths type (unhinted); each glyph is drawn once a size, as FreeType
    takes a few hundred microseconds for a CJK glyph."""
    from PIL import Image

    k = SUPER
    big = max(g.size for g in line.glyphs) * scale
    lo = min(g.x for g in line.glyphs) * scale + ox
    hi = max(g.x + max(g.advance, g.width) for g in line.glyphs) * scale + ox
    pad = math.ceil(big * 0.5) + 2
    left = math.floor(lo) - pad
    top = -math.ceil(big * 1.2) - 2
    size = (math.ceil(hi - lo) + 2 * pad + 2, math.ceil(big * 1.6) + 4)
    mask = Image.new("L", (size[0] * k, size[1] * k), 0)
    base = -top * k + round(oy * k)
    for g in line.glyphs:
        if g.ch.isspace():
            continue
        got = _glyph(faces[g.font], str(fonts[g.font].ttf), round(g.size * scale * k, 2), g.ch)
        if got is not None:
            gm, dx, dy = got
            mask.paste(255, (round((g.x * scale + ox - left) * k) + dx, base + dy), gm)
    return mask.reduce(k), left, top


def _glyph(face, path: str, px: float, ch: str):
    """One glyph's mask at px pixels an em: (mask, left, top) from its origin on the
    baseline; None for a glyph that leaves no ink. Below MASTER it is reduced from the
    glyph drawn once at MASTER: a new size (the fitting search changed the body size)
    costs a resize a glyph, not a FreeType rendering."""
    key = (face, px, ch)
    if key in _GLYPHS:
        return _GLYPHS[key]
    if px >= MASTER:
        got = _draw(path, px, ch)
    else:
        mkey = (face, MASTER, ch)
        master = _GLYPHS[mkey] if mkey in _GLYPHS else _keep(_GLYPHS, mkey, _draw(path, MASTER, ch))
        got = _reduced(master, px / MASTER)
    return _keep(_GLYPHS, key, got)


def _keep(cache: dict, key, got):
    """Keep a mask; past MAX_BYTES everything kept is let go (a long session of many
    sizes and pages does not grow without end; the next page draws what it needs)."""
    global _held
    _held += got[0].width * got[0].height if got is not None else 0
    if _held > MAX_BYTES:
        _LINES.clear()
        _GLYPHS.clear()
        _held = 0
    cache[key] = got
    return got


def _draw(path: str, px: float, ch: str):
    from PIL import Image, ImageDraw

    pad = math.ceil(px * 0.5) + 2
    side = math.ceil(px * 2) + 2 * pad
    im = Image.new("L", (side, side), 0)
    ImageDraw.Draw(im).text((pad, side - pad * 2), ch, fill=255, font=_font(path, px), anchor="ls")
    box = im.getbbox()
    if box is None:
        return None
    return im.crop(box), box[0] - pad, box[1] - (side - pad * 2)


def _reduced(master, k: float):
    """The master mask scaled by k onto whole pixels, its origin kept to the subpixel."""
    if master is None:
        return None
    from PIL import Image

    mask, left, top = master
    x0, y0 = math.floor(left * k), math.floor(top * k)
    x1, y1 = math.ceil((left + mask.width) * k), math.ceil((top + mask.height) * k)
    # the whole pixels it lands on reach a little beyond the ink: read them from a blank margin
    pad = math.ceil(1 / k) + 1
    padded = Image.new("L", (mask.width + 2 * pad, mask.height + 2 * pad), 0)
    padded.paste(mask, (pad, pad))
    box = (x0 / k - left + pad, y0 / k - top + pad, x1 / k - left + pad, y1 / k - top + pad)
    return padded.resize((max(1, x1 - x0), max(1, y1 - y0)), Image.Resampling.BOX, box=box), x0, y0


def _picture(img, pic: Picture, scale: float) -> None:
    from ..compose.portrait import open_image

    box = _box(pic.x, pic.y, pic.w, pic.h, scale)
    size = (box[2] - box[0] + 1, box[3] - box[1] + 1)
    try:
        stamp = Path(pic.path).stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (str(pic.path), stamp, pic.crop, size)
    got = _PICTURES.get(key)
    if got is None:
        im = open_image(pic.path, pic.source).crop(pic.crop)
        if im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        got = im.resize(size)
        if len(_PICTURES) >= MAX_PICTURES:
            _PICTURES.clear()
        _PICTURES[key] = got
    img.paste(got, box[:2])
