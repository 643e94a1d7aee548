"""Subset a face to the characters a page uses and make it embeddable by reportlab.

reportlab embeds only TrueType outlines, and the Noto CJK faces are CFF: the
subset's outlines are converted to quadratic curves (cu2qu). Both steps are
slow on a 65,000-glyph CJK font, so results are cached on disk, keyed by the
face file and the character set.
"""
from __future__ import annotations

import io
import json
from array import array
from pathlib import Path

from .cache import cache_root, digest, locked, write_atomic
from .resolve import Face

# Characters whose default glyph in CJK fonts is proportional but which Chinese
# text sets full width: the dash of ——. The font's own 'fwid' form is used.
FULLWIDTH_FORMS = "—―"


def coverage(face: Face) -> frozenset[int]:
    """Every code point the face maps, cached as a packed array (reading a CJK cmap costs ~0.1 s)."""
    path = cache_root() / "coverage" / f"{digest(face.ident)}.bin"
    try:
        arr = array("I")
        arr.frombytes(path.read_bytes())
        return frozenset(arr)
    except OSError:
        pass
    from fontTools.ttLib import TTFont
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    cps = sorted(font.getBestCmap() or {})
    write_atomic(path, array("I", cps).tobytes())
    return frozenset(cps)


class Subset:
    """A cached subset: the TTF file and each character's advance in em."""

    def __init__(self, ttf: Path, advances: dict[str, float], name: str):
        self.ttf = ttf
        self.advances = advances
        self.name = name

    def advance(self, ch: str) -> float:
        return self.advances.get(ch, 1.0)


def subset(face: Face, chars: set[str]) -> Subset:
    chars = set(chars) | {" "}
    key = digest(face.ident, "".join(sorted(chars)), "v2")
    folder = cache_root() / "subsets"
    ttf, meta = folder / f"{key}.ttf", folder / f"{key}.json"
    name = _ps_name(face, key)
    if not (ttf.exists() and meta.exists()):
        with locked(key):
            if not (ttf.exists() and meta.exists()):
                data, adv = _make(face, chars)
                write_atomic(ttf, data)
                write_atomic(meta, json.dumps(adv, ensure_ascii=False, sort_keys=True).encode())
    return Subset(ttf, json.loads(meta.read_text("utf-8")), name)


def _ps_name(face: Face, key: str) -> str:
    base = "".join(c for c in face.label if c.isalnum()) or "Font"
    return f"{base}-{key[:8]}"


def _fwid_map(font) -> dict[str, str]:
    if "GSUB" not in font:
        return {}
    out = {}
    table = font["GSUB"].table
    if not table.FeatureList:
        return {}
    for rec in table.FeatureList.FeatureRecord:
        if rec.FeatureTag != "fwid":
            continue
        for li in rec.Feature.LookupListIndex:
            lookup = table.LookupList.Lookup[li]
            for st in lookup.SubTable:
                if lookup.LookupType == 7:
                    st = st.ExtSubTable
                out.update(getattr(st, "mapping", None) or {})
    return out


def _make(face: Face, chars: set[str]) -> tuple[bytes, dict[str, float]]:
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    font = TTFont(face.path, fontNumber=face.index, lazy=False)
    cmap = font.getBestCmap()
    remap = {}
    fw = _fwid_map(font) if any(c in chars for c in FULLWIDTH_FORMS) else {}
    for ch in FULLWIDTH_FORMS:
        g = cmap.get(ord(ch))
        if ch in chars and g in fw:
            remap[ord(ch)] = fw[g]
    opts = ft_subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = True
    opts.drop_tables += ["VORG", "vhea", "vmtx", "DSIG", "BASE", "GPOS", "GSUB", "GDEF", "JSTF", "MATH"]
    opts.hinting = False
    sub = ft_subset.Subsetter(opts)
    unicodes = [ord(c) for c in chars if ord(c) in cmap]
    sub.populate(unicodes=unicodes, glyphs=list(remap.values()))
    sub.subset(font)
    if remap:
        for t in font["cmap"].tables:
            if t.isUnicode():
                for cp, g in remap.items():
                    if cp in t.cmap:
                        t.cmap[cp] = g
    if "CFF " in font:
        _cff_to_glyf(font)
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    best = font.getBestCmap()
    adv = {chr(cp): hmtx[g][0] / upm for cp, g in best.items() if chr(cp) in chars}
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue(), adv


def _cff_to_glyf(font) -> None:
    """CFF outlines to TrueType, after fontTools' otf2ttf recipe."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
