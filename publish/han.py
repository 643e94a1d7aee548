"""Which characters are Han (汉字): the one table of Unicode ranges the importer, the proof
and the typesetter share."""

from __future__ import annotations

# Ideographs: the unified block and Extension A, compatibility ideographs, and the
# supplementary planes 2–3 (Extensions B–I, with room for later ones), plus 〇 (U+3007).
HAN_RANGES = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # URO
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3FFFF),  # SIP + TIP: Extensions B–I
    (0x3007, 0x3007),  # 〇
)
# Kana and bopomofo: not Han, but set like it (a full em, no space to Han).
KANA_BOPOMOFO_RANGES = ((0x3040, 0x30FF), (0x3100, 0x312F))


# The tests check these two against the tables above; they are spelt out because the
# typesetter asks for every character of every paragraph (a loop over the table is 3x slower).
def is_han(ch: str) -> bool:
    """A Han ideograph."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or o == 0x3007
    )


def is_han_like(ch: str) -> bool:
    """Han, kana or bopomofo: the side of a 中西文间距 boundary that is not Latin."""
    o = ord(ch)
    return is_han(ch) or 0x3040 <= o <= 0x30FF or 0x3100 <= o <= 0x312F
