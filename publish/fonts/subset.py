"""Subset a face to the characters a page uses and make it embeddable by reportlab.

reportlab embeds only TrueType outlines, and the Noto CJK faces are CFF: the
outlines are converted to quadratic curves (cu2qu), at about 0.6 ms a glyph.
Parsing a 65,000-glyph CJK font with the fontTools subsetter costs seconds, so
the subsetter is not used at all. Instead each face has a glyph store on disk
(glyphs.py): every glyph converted once, ever. A page's subset TTF is then
assembled from stored glyphs, and cached by character set, so that

- a warm build reads one small TTF per face and imports no fontTools;
- a one-character edit converts one glyph and reassembles one subset (~0.1 s);
- a cold build converts only the glyphs the page uses.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .cache import cache_root, digest, locked, notice, private_root, write_atomic
from .resolve import Face

# Characters whose default glyph in CJK fonts is proportional but which Chinese
# text sets full width: the dash of ——. The font's own 'fwid' form is used.
FULLWIDTH_FORMS = "—―"

# Bumped when the subset file layout changes, so old cache entries are not reused.
SUBSET_VERSION = "v5d"  # v5d: the face's own head dates, name tag from the font file
# The cache files' own format (not in the PDF): v2, the .json holds the TTF's size and SHA-256.
CACHE_FORMAT = "checked-v2"


def coverage(face: Face):
    """Every code point the face maps (from the face's glyph store): supports `in`."""
    from .glyphs import face_store

    return face_store(face).coverage()


class Subset:
    """A cached subset: the TTF file and each character's advance in em."""

    def __init__(self, ttf: Path, advances: dict[str, float], name: str, face: Face | None = None):
        self.ttf = ttf
        self.advances = advances
        self.name = name
        self.face = face

    def advance(self, ch: str) -> float:
        return self.advances.get(ch, 1.0)


def _key(face: Face, chars: set[str]) -> str:
    return digest(face.ident, "".join(sorted(chars)), SUBSET_VERSION, CACHE_FORMAT)


def _tag(face: Face, chars: set[str]) -> str:
    """The subset's name tag, written into the PDF: from what the font is (file name,
    size, face index) and the characters — not from where it is installed or when it
    was copied there, so two machines with the same fonts write the same names."""
    try:
        size = os.stat(face.path).st_size
    except OSError:
        size = 0
    return digest(Path(face.path).name, face.index, size, "".join(sorted(chars)), SUBSET_VERSION)[:8]


def subset(face: Face, chars: set[str]) -> Subset:
    chars = set(chars) | {" "}
    key = _key(face, chars)
    name = _ps_name(face, _tag(face, chars))
    # The hot path: two small files, no fontTools.
    for folder in _folders():
        found = _read(folder / f"{key}.ttf", folder / f"{key}.json", name, face)
        if found:
            return found
    return _build(face, chars, key, name)


def _folders() -> list[Path]:
    from .cache import private_for_current

    out = [cache_root() / "subsets"]
    private = private_for_current()
    if private is not None and private / "subsets" != out[0]:
        out.append(private / "subsets")
    return out


def _read(ttf: Path, meta: Path, name: str, face: Face) -> Subset | None:
    """The cached subset if it is whole: the TTF's size and checksum match its .json.
    A damaged pair (truncated TTF, broken .json) is removed and made again."""
    try:
        info = json.loads(meta.read_text("utf-8"))
        data = ttf.read_bytes()
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        info, data = None, b""
    ok = (
        isinstance(info, dict)
        and isinstance(info.get("advances"), dict)
        and info.get("bytes") == len(data)
        and info.get("sha256") == hashlib.sha256(data).hexdigest()
    )
    if not ok:
        notice(f"字体子集 {ttf.name}")
        for p in (ttf, meta):
            try:
                p.unlink()
            except OSError:
                pass
        return None
    try:
        # Touching the TTF marks it recently used, so _prune() in another build does not take it away.
        os.utime(ttf)
    except OSError:
        pass  # a read-only shared cache: still usable
    return Subset(ttf, info["advances"], name, face)


# Subsets kept on disk. Every edited page makes new ones (~50-200 KB each), and
# one is cheap to assemble again from the glyph store, so the oldest go.
KEEP_SUBSETS = 1000


def _build(face: Face, chars: set[str], key: str, name: str) -> Subset:
    folder = cache_root() / "subsets"
    ttf, meta = folder / f"{key}.ttf", folder / f"{key}.json"
    with locked(key):
        found = _read(ttf, meta, name, face)
        if found:
            return found
        data, adv = _make(face, chars)
        info = json.dumps(
            {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "advances": adv},
            ensure_ascii=False,
            sort_keys=True,
        ).encode()
        try:
            write_atomic(ttf, data)
            write_atomic(meta, info)
            _prune(ttf.parent)
        except OSError:
            # A read-only (or full) shared cache: this process keeps its own copy.
            folder = private_root() / "subsets"
            ttf, meta = folder / f"{key}.ttf", folder / f"{key}.json"
            write_atomic(ttf, data)
            write_atomic(meta, info)
    return Subset(ttf, adv, name, face)


def _prune(folder: Path) -> None:
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith(".ttf")]
        if len(entries) <= KEEP_SUBSETS * 1.2:  # prune in batches, not on every write
            return
        entries.sort(key=lambda e: e.stat().st_mtime)
        for e in entries[: len(entries) - KEEP_SUBSETS]:
            # A build that is reading one now has it open already (reportlab reads
            # the whole file when it registers the font), or rebuilds it.
            for p in (Path(e.path), Path(e.path).with_suffix(".json")):
                p.unlink(missing_ok=True)
    except OSError:
        pass


def prefill(jobs: list[tuple[Face, set[str]]], cores: int | None = None) -> None:
    """Fill the glyph stores of faces never seen before, on all cores.

    cores: processes to convert on (None: one per core). A worker of a build of many
    meetings passes 1: the meetings already keep every core busy.

    Only a cold cache needs this: reading a CJK face's cmap and converting its
    glyphs then costs up to a second a face, and faces (and parts of a face's
    glyphs) are independent. That is what brings an empty-cache build under 3 s.
    A face whose store exists is left to subset(): it lacks a few glyphs at most."""
    from .glyphs import face_store, prepare_in_process

    cpus = cores or os.cpu_count() or 1
    todo = [(face, sorted(set(chars) | {" "})) for face, chars in jobs if not face_store(face).exists()]
    if cpus < 2 or not todo or sum(len(c) for _, c in todo) < 200:
        return
    # The body face has most of the characters: it is split so that every core
    # has about as much to convert (each part costs opening the face, ~0.2 s).
    share = max(150, sum(len(c) for _, c in todo) // cpus)
    tasks = []
    for face, chars in todo:
        parts = max(1, min(cpus, round(len(chars) / share)))
        tasks += [(face, frozenset(chars[k::parts])) for k in range(parts)]
    if len(tasks) < 2:
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    tasks.sort(key=lambda t: -len(t[1]))  # the biggest first, so the cores finish together
    with ProcessPoolExecutor(min(cpus, len(tasks)), mp_context=multiprocessing.get_context("fork")) as pool:
        for f in [pool.submit(prepare_in_process, face, chars) for face, chars in tasks]:
            f.result()


def _make(face: Face, chars: set[str]) -> tuple[bytes, dict[str, float]]:
    """The subset TTF and advances, from the face's glyph store."""
    from .glyphs import face_store

    return face_store(face).assemble(chars, _tag(face, chars))


def _ps_name(face: Face, tag: str) -> str:
    base = "".join(c for c in face.label if c.isalnum()) or "Font"
    return f"{base}-{tag}"
