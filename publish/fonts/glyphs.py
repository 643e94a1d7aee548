"""A per-face glyph store on disk, and subset TTFs assembled from it.

faces/<face digest>/
  info.json   metrics and names the assembled fonts copy, the 'fwid' dash forms
  cmap.bin    the face's cmap as two packed arrays (code points, glyph ids)
  glyphs.bin  append-only records: glyph id, advance, lsb, compiled glyf bytes

Glyphs are only ever added, each converted once (cu2qu for CFF faces). Writers
hold the face's lock and append whole records; a reader that meets a torn last
record (a writer killed mid-write) ignores it, the glyph is converted again,
and the next writer cuts the torn bytes off before appending.
"""

from __future__ import annotations

import json
import struct
import zlib
from array import array
from bisect import bisect_left
from pathlib import Path

from .cache import cache_root, digest, locked, notice, write_atomic
from .resolve import Face
from .outlines import GLYF_HEADER, convert, fwid_forms
from .subset import FULLWIDTH_FORMS
from .ttf import build_ttf

_REC = struct.Struct("<IHhII")  # glyph id, advance, left side bearing, byte count, CRC-32 of the bytes

# Counts conversions; the tests read it to see that an edit converts only new glyphs.
stats = {"converted": 0}


class FaceStore:
    def __init__(self, face: Face):
        self.face = face
        self.key = digest(face.ident, "store-v2")  # v2: checksums on cmap and glyph records
        self.dir = cache_root() / "faces" / self.key
        self._cmap: dict[int, int] | None = None
        self._cov: Coverage | None = None
        self._info: dict | None = None
        self._glyphs: dict[int, tuple[int, int, bytes]] | None = None
        self._font = None

    # -- the face itself, opened only when something is missing from the store
    def font(self):
        if self._font is None:
            from fontTools.ttLib import TTFont

            self._font = TTFont(self.face.path, fontNumber=self.face.index, lazy=True)
        return self._font

    def exists(self) -> bool:
        return self._memory is not None or (self.dir / "cmap.bin").exists()

    # -- cmap and coverage
    def _checked_cmap(self) -> tuple[array, array] | None:
        """cmap.bin if it is whole (size and CRC as info.json records them); None if absent.
        A damaged one is removed, with info.json, and made again."""
        path = self.dir / "cmap.bin"
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            raw = b""
        try:
            info = json.loads((self.dir / "info.json").read_text("utf-8"))
            ok = (
                isinstance(info, dict)
                and info.get("cmap_bytes") == len(raw)
                and len(raw) % 8 == 0
                and info.get("cmap_crc32") == zlib.crc32(raw)
                and isinstance(info.get("upm"), int)
            )
        except (OSError, ValueError):
            info, ok = None, False
        if not ok:
            notice(f"字形表 {self.dir.name}/cmap.bin")
            for name in ("cmap.bin", "info.json"):
                try:
                    (self.dir / name).unlink()
                except OSError:
                    pass
            self._memory = None
            return None
        self._info = info
        both = array("I")
        both.frombytes(raw)
        n = len(both) // 2
        return both[:n], both[n:]

    _memory: tuple[array, array] | None = None

    def _load_cmap(self) -> tuple[array, array]:
        if self._memory is not None:
            return self._memory
        found = self._checked_cmap()
        if found:
            return found
        with locked(self.key):
            found = self._checked_cmap()
            if found:
                return found
            f = self.font()
            order = f.getGlyphOrder()
            ids = {n: i for i, n in enumerate(order)}
            best = sorted((f.getBestCmap() or {}).items())
            cps = array("I", (cp for cp, _ in best))
            gids = array("I", (ids[g] for _, g in best))
            raw = cps.tobytes() + gids.tobytes()
            self._info = self._make_info(f)
            self._info.update(cmap_bytes=len(raw), cmap_crc32=zlib.crc32(raw))
            try:
                # info.json first: cmap.bin present means info.json is too.
                self._write_info_file()
                write_atomic(self.dir / "cmap.bin", raw)
            except OSError:
                self._memory = (cps, gids)  # a read-only cache: kept in memory for this process
            return cps, gids

    def coverage(self) -> "Coverage":
        if self._cov is None:
            cps, _ = self._load_cmap()
            self._cov = Coverage(cps)
        return self._cov

    def cmap(self) -> dict[int, int]:
        if self._cmap is None:
            cps, gids = self._load_cmap()
            self._cmap = dict(zip(cps, gids))
        return self._cmap

    # -- info: what an assembled font copies from the face
    def _write_info_file(self) -> None:
        write_atomic(self.dir / "info.json", json.dumps(self._info, ensure_ascii=False).encode())

    def _make_info(self, f) -> dict:
        os2 = f["OS/2"] if "OS/2" in f else None
        hhea, post, head = f["hhea"], f["post"], f["head"]
        names = {}
        for nid in (1, 2, 4, 6):
            rec = f["name"].getName(nid, 3, 1, 0x409) or f["name"].getName(nid, 1, 0, 0)
            if rec is not None:
                names[nid] = rec.toUnicode()
        info = {
            "upm": head.unitsPerEm,
            "cff": "CFF " in f,
            "macStyle": head.macStyle,
            "head": _head_dates(head),
            "hhea": {k: getattr(hhea, k) for k in ("ascent", "descent", "lineGap")},
            "post": {
                k: getattr(post, k) for k in ("italicAngle", "underlinePosition", "underlineThickness", "isFixedPitch")
            },
            "os2": {
                k: getattr(os2, k)
                for k in (
                    "usWeightClass",
                    "usWidthClass",
                    "fsType",
                    "fsSelection",
                    "sTypoAscender",
                    "sTypoDescender",
                    "sTypoLineGap",
                    "usWinAscent",
                    "usWinDescent",
                    "sxHeight",
                    "sCapHeight",
                    "achVendID",
                )
                if hasattr(os2, k)
            }
            if os2 is not None
            else {},
            "names": names,
        }
        return info

    def info(self) -> dict:
        if self._info is None:
            self._load_cmap()
        assert self._info is not None  # _load_cmap fills it
        if "head" not in self._info:  # a store from before the dates were kept
            self._info["head"] = _head_dates(self.font()["head"])
        return self._info

    def fwid(self) -> dict[int, int]:
        """Code point → glyph id of the face's full-width form of the dashes (may be empty)."""
        info = self.info()
        if not isinstance(info.get("fwid"), dict):
            with locked(self.key):
                info["fwid"] = {str(cp): g for cp, g in fwid_forms(self.font(), self.cmap()).items()}
                try:
                    self._write_info_file()
                except OSError:
                    pass  # a read-only cache: kept in memory
            self._info = info
        return {int(k): v for k, v in info["fwid"].items()}

    # -- glyphs
    def glyphs(self) -> dict[int, tuple[int, int, bytes]]:
        if self._glyphs is None:
            self._glyphs = _read_records(self.dir / "glyphs.bin")
        return self._glyphs

    def gids(self, chars) -> dict[int, int]:
        """Code point → glyph id for the characters the face has (dashes in their full-width form)."""
        cmap = self.cmap()
        out = {ord(c): cmap[ord(c)] for c in chars if ord(c) in cmap}
        if any(c in chars for c in FULLWIDTH_FORMS):
            for cp, g in self.fwid().items():
                if cp in out:
                    out[cp] = g
        return out

    def ensure(self, gids) -> None:
        """Convert and store the glyphs not yet in the store.

        Converting runs unlocked, so that processes can share the work on one
        face; only the append is locked. A glyph two processes convert at once
        is stored twice, which is harmless (the last record wins)."""
        want = set(gids) | {0}
        if not want - self.glyphs().keys():
            return
        self._glyphs = None  # another process may have added some meanwhile
        todo = sorted(want - self.glyphs().keys())
        if not todo:
            return
        recs = convert(self.font(), todo, self.info()["cff"])
        buf = b"".join(
            _REC.pack(g, adv, lsb, len(data), zlib.crc32(data)) + data for g, (adv, lsb, data) in recs.items()
        )
        try:
            with locked(self.key):
                path = self.dir / "glyphs.bin"
                with open(path, "a+b") as f:
                    # A torn or damaged record (a writer killed mid-write, a bad disk block)
                    # and all after it are cut off first: appended records would follow garbage.
                    f.seek(0)
                    end = _scan(f.read())[1]
                    if f.tell() != end:
                        f.truncate(end)
                    f.write(buf)
        except OSError:
            pass  # a read-only cache: the glyphs stay in memory for this process
        assert self._glyphs is not None  # loaded above, before the records were converted
        self._glyphs.update(recs)
        stats["converted"] += len(recs)

    def assemble(self, chars, tag: str) -> tuple[bytes, dict[str, float]]:
        """A TrueType font of exactly these characters, and their advances in em.

        tag (distinct per character set) is appended to the face's PostScript
        name: reportlab identifies a font by that name and would otherwise reuse
        the first subset of the face it saw for every later page built in the
        same process."""
        cmap = self.gids(chars)
        self.ensure(cmap.values())
        upm = self.info()["upm"]
        glyphs = self.glyphs()
        adv = {chr(cp): glyphs[g][0] / upm for cp, g in cmap.items()}
        return build_ttf(self.info(), cmap, glyphs, tag), adv


class Coverage:
    """The code points of a face, answering `cp in coverage` from the sorted array.

    A page asks about ~1,000 characters of a 45,000-entry cmap: bisecting beats
    building a set of all of them (15 ms for the five faces of a page)."""

    __slots__ = ("_cps",)

    def __init__(self, cps: array):
        self._cps = cps

    def __contains__(self, cp: int) -> bool:
        i = bisect_left(self._cps, cp)
        return i < len(self._cps) and self._cps[i] == cp

    def __len__(self) -> int:
        return len(self._cps)

    def __iter__(self):
        return iter(self._cps)


_stores: dict[Face, FaceStore] = {}


def face_store(face: Face) -> FaceStore:
    st = _stores.get(face)
    if st is None or st.dir.parent.parent != cache_root():
        st = _stores[face] = FaceStore(face)
    return st


def prepare_in_process(face: Face, chars: frozenset[str]) -> int:
    st = face_store(face)
    st.ensure(st.gids(chars).values())
    return stats["converted"]


def _read_records(path: Path) -> dict[int, tuple[int, int, bytes]]:
    try:
        return _scan(path.read_bytes())[0]
    except OSError:
        return {}


def _scan(raw: bytes) -> tuple[dict[int, tuple[int, int, bytes]], int]:
    """The records, and where the last whole, intact one ends. Reading stops at a
    torn or damaged record: its glyph (and those after it) are converted again."""
    out, pos, end = {}, 0, len(raw)
    size = _REC.size
    while pos + size <= end:
        g, adv, lsb, n, crc = _REC.unpack_from(raw, pos)
        data = raw[pos + size : pos + size + n]
        if pos + size + n > end or zlib.crc32(data) != crc or (n and n < GLYF_HEADER.size):
            if pos + size + n <= end:
                notice("字形库 glyphs.bin 中的记录")
            break
        out[g] = (adv, lsb, data)
        pos += size + n
    return out, pos


def _head_dates(head) -> dict:
    """The face's own dates and revision: a subset carries these, never the time the
    cache was filled, so the same font gives the same bytes on every machine."""
    return {"created": int(head.created), "modified": int(head.modified), "fontRevision": float(head.fontRevision)}
