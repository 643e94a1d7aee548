"""Fonts for the DOCX: layout font roles to the names Word and LibreOffice select by,
the font table that tells Word what to use on a computer without them, and embedded
fonts as obfuscated .odttf parts (ECMA-376 Part 1 §17.8.1).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..fonts.resolve import Face, find_face

# Weights reached through the family name alone; every other weight (Black,
# Medium, Light …) is its own legacy family ("Noto Sans CJK SC Black") in the
# font's name table, which is the name GDI, Word and fontconfig all accept.
_PLAIN = {"", "regular", "book", "normal", "roman", "w3"}
_BOLD = {"bold"}


@dataclass(frozen=True)
class FontRef:
    name: str  # what goes into w:rFonts
    bold: bool  # the weight comes from w:b, not from the name
    face: Face | None  # None: not installed here; Word substitutes
    alternates: tuple[str, ...] = ()  # what an editor's computer may have instead, in order


def font_ref(fonts: dict[str, tuple[str, ...]], role: str, alternates: tuple[str, ...] = ()) -> FontRef:
    """The first installed face of a role, as Word names it."""
    patterns = fonts.get(role) or ()
    for pattern in patterns:
        face = find_face(pattern)
        if face is not None:
            family, style = _names(face, pattern)
            st = style.strip().lower()
            if st in _PLAIN:
                return FontRef(family, False, face, _others(family, alternates))
            if st in _BOLD:
                return FontRef(family, True, face, _others(family, alternates))
            return FontRef(f"{family} {style}", False, face, _others(f"{family} {style}", alternates))
    if patterns:
        family, _, style = patterns[0].partition(":")
        return FontRef(family.strip(), style.strip().lower() == "bold", None, _others(family.strip(), alternates))
    return FontRef("SimSun", False, None, _others("SimSun", alternates))


def _others(name: str, alternates: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(a for a in alternates if a != name)


def _names(face: Face, pattern: str) -> tuple[str, str]:
    # A face given as a file path is named after the file; Word needs the family inside it.
    if face.family and face.style:
        return face.family, face.style
    try:
        from fontTools.ttLib import TTFont

        f = TTFont(face.path, fontNumber=face.index, lazy=True)
        name = f["name"]
        family = name.getDebugName(16) or name.getDebugName(1) or face.family
        style = name.getDebugName(17) or name.getDebugName(2) or ""
        f.close()
        return family, style
    except Exception:  # an unreadable file still has a usable file-stem name
        return face.family, face.style


# ---------------------------------------------------------------- font table


@dataclass(frozen=True)
class FaceInfo:
    panose: str  # 20 hex digits, OS/2 panose
    family: str  # Word's family class: roman | swiss | modern | auto
    sig: tuple[str, ...]  # usb0..usb3, csb0, csb1 as 8 hex digits
    fs_type: int  # OS/2 embedding permissions
    licence: str  # name ID 13, first line
    outlines: str  # TrueType | CFF


_info_memo: dict[tuple[str, int], FaceInfo | None] = {}
INFO_FILE = "face-info-v1.json"  # in the font cache: a face's table entry, read once per font file


def face_info(face: Face | None) -> FaceInfo | None:
    """What Word's font substitution reads from the table: panose, class, Unicode/code-page coverage."""
    if face is None:
        return None
    key = (face.path, face.index)
    if key not in _info_memo:
        _info_memo[key] = _stored_info(face)
    return _info_memo[key]


def _stored_info(face: Face) -> FaceInfo | None:
    """The face's entry from the font cache, or read from the font and kept there:
    a warm build neither imports fontTools nor opens the font (~0.1 s a build)."""
    import json
    import os

    from ..errors import PublishError
    from ..fonts.cache import cache_root, locked, write_atomic

    try:
        st = os.stat(face.path)
        stamp = f"{face.path}|{face.index}|{st.st_mtime_ns}|{st.st_size}"
        path = cache_root() / INFO_FILE
    except (OSError, PublishError):
        return _read_info(face)
    known = _read_json(path)
    if stamp in known and (known[stamp] is None or _from_json(known[stamp]) is not None):
        return None if known[stamp] is None else _from_json(known[stamp])
    info = _read_info(face)
    try:
        with locked("face-info"):
            known = _read_json(path)
            known[stamp] = None if info is None else [getattr(info, f) for f in FaceInfo.__dataclass_fields__]
            write_atomic(path, json.dumps(known, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    except OSError:
        pass  # a read-only cache: the next build reads the font again
    return info


def _from_json(v) -> FaceInfo | None:
    """A stored entry, or None when it is not one (a damaged cache is read again from the font)."""
    ok = (
        isinstance(v, list)
        and len(v) == 6
        and isinstance(v[0], str)
        and len(v[0]) == 20
        and all(c in "0123456789ABCDEF" for c in v[0])
        and v[1] in ("swiss", "roman", "modern", "auto")
        and isinstance(v[2], list)
        and len(v[2]) == 6
        and all(isinstance(x, str) and len(x) == 8 and all(c in "0123456789ABCDEF" for c in x) for x in v[2])
        and isinstance(v[3], int)
        and isinstance(v[4], str)
        and v[5] in ("CFF", "TrueType")
    )
    return FaceInfo(v[0], v[1], tuple(v[2]), v[3], v[4], v[5]) if ok else None


def _read_json(path) -> dict:
    import json

    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _read_info(face: Face) -> FaceInfo | None:
    """The face's OS/2 panose, class, coverage bits, embedding permission and licence."""
    try:
        from fontTools.ttLib import TTFont

        f = TTFont(face.path, fontNumber=face.index, lazy=True)
        os2 = f["OS/2"]
        p = os2.panose
        digits = (
            p.bFamilyType,
            p.bSerifStyle,
            p.bWeight,
            p.bProportion,
            p.bContrast,
            p.bStrokeVariation,
            p.bArmStyle,
            p.bLetterForm,
            p.bMidline,
            p.bXHeight,
        )
        serif = p.bSerifStyle
        fam = (
            "swiss"
            if serif in (11, 12, 13)
            else "roman"
            if 2 <= serif <= 10
            else "modern"
            if p.bProportion == 9
            else "auto"
        )
        sig = tuple(
            "%08X" % v
            for v in (
                os2.ulUnicodeRange1,
                os2.ulUnicodeRange2,
                os2.ulUnicodeRange3,
                os2.ulUnicodeRange4,
                os2.ulCodePageRange1,
                os2.ulCodePageRange2,
            )
        )
        lic = (f["name"].getDebugName(13) or "").strip().splitlines()
        info = FaceInfo(
            "".join("%02X" % d for d in digits),
            fam,
            sig,
            os2.fsType,
            lic[0] if lic else "",
            "CFF" if "CFF " in f else "TrueType",
        )
        f.close()
        return info
    except Exception:  # a font without OS/2 still gets a plain table entry
        return None


def font_entry(name: str, face: Face | None, alternates: tuple[str, ...], embeds: str = "") -> str:
    """A w:font element in CT_Font order: altName, panose1, charset, family, pitch, sig, embeds.

    Word looks a missing font up under each alternate name (a comma-separated list,
    ECMA-376 §17.8.3.1), then by panose, charset 86 (GB2312) and the code-page bits."""
    info = face_info(face)
    x = f'<w:font w:name="{_attr(name)}">'
    if alternates:
        x += f'<w:altName w:val="{_attr(",".join(alternates))}"/>'
    if info:
        x += f'<w:panose1 w:val="{info.panose}"/>'
    x += '<w:charset w:val="86"/>'
    x += f'<w:family w:val="{info.family if info else "auto"}"/><w:pitch w:val="variable"/>'
    if info:
        u0, u1, u2, u3, c0, c1 = info.sig
        c0 = "%08X" % (int(c0, 16) | 0x40000)  # GB2312 (bit 18): the font sets Simplified Chinese
        x += f'<w:sig w:usb0="{u0}" w:usb1="{u1}" w:usb2="{u2}" w:usb3="{u3}" w:csb0="{c0}" w:csb1="{c1}"/>'
    return x + embeds + "</w:font>"


def _attr(v: str) -> str:
    return escape(v, {'"': "&quot;"})


# ---------------------------------------------------------------- embedding


def may_embed_full(face: Face) -> tuple[bool, str]:
    """Whether the licence lets the whole font travel inside the document, and why (for the report).

    OS/2 fsType 0 is installable embedding and bit 3 editable; bits 1 (restricted),
    2 (preview & print only), 8 (no subsetting is irrelevant here) and 9 (bitmap only) are not
    enough for a document an editor types new characters into."""
    info = face_info(face)
    if info is None:
        return False, "读不到字体的授权信息"
    t = info.fs_type
    if t & 0x0002 or t & 0x0200:
        return False, f"字体禁止嵌入（fsType={t}）"
    if t & 0x0004 and not t & 0x0008:
        return False, f"字体只许嵌入用于预览和打印（fsType={t}）"
    return True, _licence_label(info.licence) or f"fsType={t}，允许嵌入"


def _licence_label(text: str) -> str:
    """A short name for the licence in the font's name table (ID 13), for the build's report."""
    import re

    m = re.search(r"Open Font License,?\s*(?:Version\s*)?([\d.]+)?", text, re.I)
    if m:
        return "SIL OFL" + (f" {m.group(1).rstrip('.')}" if m.group(1) else "")
    if re.search(r"\bGPL", text):
        return "GPL" + ("，含字体嵌入例外" if re.search(r"embedding exception|font exception", text, re.I) else "")
    return text.strip()[:40]


def embed_summary(report: list[tuple[str, bool, str]]) -> str:
    """One line for the editor: which fonts travel whole in the DOCX, which only as subsets."""
    whole = [f"{n}（{why}）" for n, w, why in report if w]
    part = [f"{n}" + (f"（{why}）" if why else "") for n, w, why in report if not w]
    out = []
    if whole:
        out.append("DOCX 嵌入整套字体：" + "、".join(whole))
    if part:
        out.append("只嵌入用到的字（其他电脑上新打的字可能显示为方框）：" + "、".join(part))
    return "；".join(out) or "DOCX 没有嵌入字体。"


def full_font(face: Face) -> bytes:
    """The whole face as one font file (a collection member is written out on its own)."""
    from fontTools.ttLib import TTFont

    if not face.path.lower().endswith((".ttc", ".otc")):
        with open(face.path, "rb") as fh:
            return fh.read()
    f = TTFont(face.path, fontNumber=face.index, lazy=True)
    buf = io.BytesIO()
    f.save(buf, reorderTables=False)
    f.close()
    return buf.getvalue()


def font_key(data: bytes) -> str:
    """A GUID derived from the font bytes, so the same input gives the same package."""
    h = hashlib.sha256(data).hexdigest()[:32].upper()
    return "{%s-%s-%s-%s-%s}" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the GUID's bytes in reverse textual order (§17.8.1);
    the same operation undoes it."""
    k = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]
