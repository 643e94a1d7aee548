"""A subset TTF assembled from stored glyf bytes, as they are: bounding boxes and maxp
come from the glyph headers, so fontTools never decompiles an outline here."""

from __future__ import annotations

import io
import struct

from .outlines import GLYF_HEADER


def build_ttf(info: dict, cmap: dict[int, int], glyphs: dict[int, tuple[int, int, bytes]], tag: str) -> bytes:
    """info: the face's metrics and names (FaceStore.info); cmap: code point → glyph id;
    glyphs: glyph id → (advance, lsb, glyf bytes); tag: the subset's name suffix."""
    from fontTools.fontBuilder import FontBuilder

    gids = [0] + sorted(set(cmap.values()) - {0})
    name = {g: (".notdef" if g == 0 else f"g{g}") for g in gids}
    fb = FontBuilder(info["upm"], isTTF=True)
    fb.font.recalcBBoxes = False
    fb.setupGlyphOrder([name[g] for g in gids])
    fb.setupCharacterMap({cp: name[g] for cp, g in cmap.items()})
    _glyf(fb, [(name[g], glyphs[g][2]) for g in gids])
    fb.setupHorizontalMetrics({name[g]: (glyphs[g][0], glyphs[g][1]) for g in gids})
    bounds = [GLYF_HEADER.unpack_from(glyphs[g][2]) for g in gids if glyphs[g][2]]
    fb.setupHorizontalHeader(
        **info["hhea"],
        advanceWidthMax=max(glyphs[g][0] for g in gids),
        minLeftSideBearing=min((b[1] for b in bounds), default=0),
        xMaxExtent=max((b[3] for b in bounds), default=0),
    )
    _names(fb, info["names"], tag)
    fb.setupOS2(**info["os2"])
    fb.setupPost(keepGlyphNames=False, **info["post"])
    fb.setupMaxp()
    _head(fb.font["head"], info, bounds)
    _maxp(fb.font["maxp"], [glyphs[g][2] for g in gids])
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def _glyf(fb, named: list[tuple[str, bytes]]) -> None:
    """glyf and loca from the bytes. Not fb.setupGlyf: it unpacks every outline to look
    for cubic curves."""
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    fb.font["loca"] = newTable("loca")
    glyf = fb.font["glyf"] = newTable("glyf")
    glyf.glyphs = {n: Glyph(data) for n, data in named}
    glyf.glyphOrder = [n for n, _ in named]


def _names(fb, names: dict, tag: str) -> None:
    """The face's own names; the PostScript name carries the subset's tag, cut so that
    name and tag stay within PostScript's 63 characters."""
    family = names.get("1", "Font")
    ps = (names.get("6") or "".join(c for c in family if c.isalnum()) or "Font")[:54] + "-" + tag
    fb.setupNameTable(
        {
            "familyName": family,
            "styleName": names.get("2", "Regular"),
            "fullName": names.get("4", family),
            "psName": ps,
        },
        mac=False,
    )


def _head(head, info: dict, bounds: list[tuple]) -> None:
    """The face's style, dates and revision (the same bytes on every machine), and the
    bounding box of the subset's glyphs."""
    head.macStyle = info["macStyle"]
    for k, v in info["head"].items():
        setattr(head, k, v)
    if bounds:
        head.xMin = min(b[1] for b in bounds)
        head.yMin = min(b[2] for b in bounds)
        head.xMax = max(b[3] for b in bounds)
        head.yMax = max(b[4] for b in bounds)


def _maxp(maxp, datas: list[bytes]) -> None:
    """Most points and contours of a simple glyph, read from the glyf headers (the last
    end-point index of a glyph is its point count less one)."""
    pts, cts = [0], [0]
    for data in datas:
        if data:
            nc = GLYF_HEADER.unpack_from(data)[0]
            if nc > 0:
                cts.append(nc)
                pts.append(struct.unpack_from(">H", data, 10 + 2 * (nc - 1))[0] + 1)
    maxp.maxPoints, maxp.maxContours = max(pts), max(cts)
