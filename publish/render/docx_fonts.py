"""Fonts for the DOCX: layout font roles to the names Word and LibreOffice select by,
and embedding of subset fonts as obfuscated .odttf parts (ECMA-376 Part 1 §17.8.1).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..fonts.resolve import Face, find_face

# Weights reached through the family name alone; every other weight (Black,
# Medium, Light …) is its own legacy family ("Noto Sans CJK SC Black") in the
# font's name table, which is the name GDI, Word and fontconfig all accept.
_PLAIN = {"", "regular", "book", "normal", "roman", "w3"}
_BOLD = {"bold"}


@dataclass(frozen=True)
class FontRef:
    name: str                 # what goes into w:rFonts
    bold: bool                # the weight comes from w:b, not from the name
    face: Face | None         # None: not installed here; Word substitutes


def font_ref(fonts: dict[str, tuple[str, ...]], role: str) -> FontRef:
    """The first installed face of a role, as Word names it."""
    patterns = fonts.get(role) or ()
    for pattern in patterns:
        face = find_face(pattern)
        if face is not None:
            family, style = _names(face, pattern)
            st = style.strip().lower()
            if st in _PLAIN:
                return FontRef(family, False, face)
            if st in _BOLD:
                return FontRef(family, True, face)
            return FontRef(f"{family} {style}", False, face)
    if patterns:
        family, _, style = patterns[0].partition(":")
        return FontRef(family.strip(), style.strip().lower() == "bold", None)
    return FontRef("SimSun", False, None)


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
