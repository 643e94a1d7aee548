"""Glyphs out of a font file, ready to store: TrueType glyf bytes with advance and left
side bearing (CFF outlines converted to quadratics with cu2qu, TrueType simple glyphs
copied without hinting, composites drawn whole), and the face's 'fwid' dash forms."""

from __future__ import annotations

import struct
from bisect import bisect_right

from .subset import FULLWIDTH_FORMS

GLYF_HEADER = struct.Struct(">hhhhh")  # glyf header: contours, xMin, yMin, xMax, yMax


def convert(font, gids: list[int], cff: bool) -> dict[int, tuple[int, int, bytes]]:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    # Advances straight from the table bytes: decompiling a CJK hmtx (65,000
    # entries) would cost more than converting the one glyph an edit brings.
    hmtx = font.reader["hmtx"]
    long_metrics = font["hhea"].numberOfHMetrics
    if cff:
        charstring = _cff_charstrings(font)
    else:
        order = font.getGlyphOrder()
        gs = font.getGlyphSet()
        raw = font["glyf"].glyphs
    out = {}
    for gid in gids:
        if cff:
            pen = TTGlyphPen(None)
            charstring(gid).draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            g = pen.glyph()
            data = g.compile(None) if g.numberOfContours else b""
        else:
            data = _simple_glyph(raw[order[gid]])
            if data is None:
                # A composite: the subset has no component glyphs, so draw it whole.
                pen = TTGlyphPen(None)
                rec = DecomposingRecordingPen(gs)
                gs[order[gid]].draw(rec)
                rec.replay(pen)
                g = pen.glyph()
                data = g.compile(None) if g.numberOfContours else b""
        lsb = GLYF_HEADER.unpack_from(data)[1] if data else 0
        (adv,) = struct.unpack_from(">H", hmtx, 4 * min(gid, long_metrics - 1))
        out[gid] = (adv, lsb, data)
    return out


def _cff_charstrings(font):
    """gid -> the glyph's T2CharString, read straight from the CharStrings INDEX.

    fontTools' CharStrings first parses the 65,000-name charset and every
    offset of the INDEX, in Python (~0.1 s): more than a one-character edit
    costs otherwise. The dicts, subroutines and drawing are still fontTools'."""
    from fontTools.misc.psCharStrings import T2CharString

    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    data = font.reader["CFF "]
    at = top.rawDict["CharStrings"]
    count, size = struct.unpack_from(">HB", data, at)
    offsets = at + 3
    base = offsets + (count + 1) * size - 1

    def offset(i: int) -> int:
        return int.from_bytes(data[offsets + i * size : offsets + (i + 1) * size], "big")

    fd_of = _fd_select(data, top.rawDict["FDSelect"]) if "FDSelect" in top.rawDict else None

    def charstring(gid: int):
        private = top.FDArray[fd_of(gid)].Private if fd_of else top.Private
        return T2CharString(
            data[base + offset(gid) : base + offset(gid + 1)], private=private, globalSubrs=cff.GlobalSubrs
        )

    return charstring


def _fd_select(data: bytes, at: int):
    fmt = data[at]
    if fmt == 0:
        return lambda gid: data[at + 1 + gid]
    if fmt != 3:
        raise ValueError(f"FDSelect format {fmt}")
    (n,) = struct.unpack_from(">H", data, at + 1)
    firsts = [struct.unpack_from(">H", data, at + 3 + 3 * i)[0] for i in range(n)]
    fds = [data[at + 3 + 3 * i + 2] for i in range(n)]
    return lambda gid: fds[bisect_right(firsts, gid) - 1]


def _simple_glyph(g) -> bytes | None:
    """A TrueType face's simple glyph as stored, minus its hinting instructions
    (subsets are unhinted); None for a composite. Copying the bytes is ~50x
    faster than drawing the outline again."""
    data = getattr(g, "data", None)
    if data is None:
        return None if getattr(g, "numberOfContours", 0) else b""
    if not data:
        return b""
    n = GLYF_HEADER.unpack_from(data)[0]
    if n < 0:
        return None
    at = 10 + 2 * n
    (ilen,) = struct.unpack_from(">H", data, at)
    return data[:at] + b"\0\0" + data[at + 2 + ilen :]


def fwid_forms(font, cmap: dict[int, int]) -> dict[int, int]:
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    if not table.FeatureList:
        return {}
    mapping: dict[str, str] = {}
    for rec in table.FeatureList.FeatureRecord:
        if rec.FeatureTag != "fwid":
            continue
        for li in rec.Feature.LookupListIndex:
            lookup = table.LookupList.Lookup[li]
            for st in lookup.SubTable:
                if lookup.LookupType == 7:
                    st = st.ExtSubTable
                mapping.update(getattr(st, "mapping", None) or {})
    order = font.getGlyphOrder()
    ids: dict[str, int] = {}
    out = {}
    for ch in FULLWIDTH_FORMS:
        g = cmap.get(ord(ch))
        if g is not None and order[g] in mapping:
            if not ids:
                ids = {n: i for i, n in enumerate(order)}
            out[ord(ch)] = ids[mapping[order[g]]]
    return out
