"""Font names (fontconfig patterns or file paths) to font files on this machine."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .cache import cache_root, notice, write_atomic

# The first bytes of the font files reportlab and fontTools read: TrueType, OpenType/CFF, collections.
FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"ttcf", b"true")


@dataclass(frozen=True)
class Face:
    path: str
    index: int
    family: str
    style: str

    @property
    def ident(self) -> str:
        st = os.stat(self.path)
        return f"{self.path}#{self.index}@{st.st_size}:{int(st.st_mtime)}"

    @property
    def label(self) -> str:
        return f"{self.family} {self.style}".strip()


_memo: dict[str, Face | None] = {}


def find_face(pattern: str) -> Face | None:
    """The installed face for 'Family[:style]' or a font file path; None if not installed.

    fc-match always answers with *some* font, so the family it returns is checked
    against the one asked for: a missing 楷体 must not silently become a sans."""
    if pattern in _memo:
        return _memo[pattern]
    face = _from_path(pattern) or _cached(pattern) or _fc_match(pattern)
    _memo[pattern] = face
    return face


def _from_path(pattern: str) -> Face | None:
    path, _, idx = pattern.partition("#")
    if os.sep not in path or not os.path.exists(path):
        return None
    from ..errors import InputError, Problem

    if not idx.strip().isdigit() and idx:
        raise InputError(Problem(path, None, f"字体文件后面的“#{idx}”应是字体编号（例如 #0、#2）。"))
    head = _head(path)
    if head not in FONT_MAGIC:
        raise InputError(
            Problem(
                path,
                None,
                "这不是字体文件（TrueType .ttf、OpenType .otf 或字体集 .ttc）。"
                "请在版式的 fonts 中改成字体文件的路径或字体名称。",
            )
        )
    return Face(path, int(idx or 0), Path(path).stem, "")


def _head(path: str) -> bytes:
    from ..safeio import check_file

    check_file(Path(path), "font")  # a regular file under the size limit (no FIFO, no /dev/zero)
    with open(path, "rb") as f:
        return f.read(4)


def _cache_file() -> Path:
    return cache_root() / "faces.json"


_faces_json: dict[Path, dict] = {}


def _cached(pattern: str) -> Face | None:
    # Read once per process: a page looks up a dozen patterns.
    path = _cache_file()
    if path not in _faces_json:
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict):
            notice("字体索引 faces.json")
            data = {}
        _faces_json[path] = data
    rec = _faces_json[path].get(pattern)
    if not rec:
        return None
    if not _valid_record(rec):
        notice(f"字体索引 faces.json 中“{pattern}”这一项")
        return None  # looked up again with fc-match, and the entry rewritten
    if not os.path.isfile(rec["path"]):
        return None
    return Face(**rec)


def _valid_record(rec) -> bool:
    return (
        isinstance(rec, dict)
        and set(rec) == {"path", "index", "family", "style"}
        and isinstance(rec["path"], str)
        and isinstance(rec["index"], int)
        and not isinstance(rec["index"], bool)
        and isinstance(rec["family"], str)
        and isinstance(rec["style"], str)
        and os.path.isabs(rec["path"])
    )


def _remember(pattern: str, face: Face) -> None:
    try:
        data = json.loads(_cache_file().read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data = {k: v for k, v in data.items() if _valid_record(v)}
    data[pattern] = face.__dict__
    _faces_json.pop(_cache_file(), None)
    try:
        write_atomic(_cache_file(), json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode())
    except OSError:
        pass  # a read-only cache: fc-match is asked again next time


def _fc_match(pattern: str) -> Face | None:
    import shutil
    import subprocess  # here, not at the top: a warm cache never runs fc-match

    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}\t%{family}\t%{style}", pattern],
            capture_output=True,
            text=True,
            timeout=20,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("\t")
    if len(parts) < 4 or not os.path.isfile(parts[0]):
        return None
    want_family, _, want_style = pattern.partition(":")
    families = [f.strip().lower() for f in parts[2].split(",")]
    if want_family.strip().lower() not in families:
        return None
    styles = [s.strip().lower() for s in parts[3].split(",")]
    want_style = want_style.replace("style=", "").strip().lower()
    if want_style and want_style not in styles:
        return None
    face = Face(parts[0], int(parts[1] or 0), parts[2].split(",")[0], parts[3].split(",")[0])
    _remember(pattern, face)
    return face


# Where the faces the shipped layouts name come from on Debian/Ubuntu.
DEBIAN_PACKAGES = (
    ("Noto Sans CJK SC:Black", "fonts-noto-cjk-extra"),
    ("Noto Sans CJK SC:Medium", "fonts-noto-cjk-extra"),
    ("Noto Serif CJK SC:Black", "fonts-noto-cjk-extra"),
    ("Noto Serif CJK", "fonts-noto-cjk"),
    ("Noto Sans CJK", "fonts-noto-cjk"),
    ("LXGW WenKai", "fonts-lxgw-wenkai"),
    ("Fandol", "texlive-lang-chinese（make sysdeps 只取出其中的 Fandol 字体）"),
    ("AR PL UKai", "fonts-arphic-ukai"),
    ("AR PL UMing", "fonts-arphic-uming"),
    ("WenQuanYi", "fonts-wqy-zenhei"),
)


def debian_package(pattern: str) -> str | None:
    """The Debian package that installs this face, if it is one we know."""
    for prefix, pkg in DEBIAN_PACKAGES:
        if pattern.lower().startswith(prefix.lower()):
            return pkg
    return None
