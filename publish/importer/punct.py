"""Punctuation of Chinese text per GB/T 15834, as the importer normalises it.

Only marks that sit in Chinese context change; numbers, decimals, percentages
and Latin words (6.2%, AI+, A档, 1050.7, "Hello, world") are left as typed.
Every change is returned with its place, so the report can list it for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..han import is_han

# Full-width marks a Chinese sentence uses; next to them a half-width mark is in Chinese context too.
CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】「」『』…—·～")
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
SPACES = " \t\u3000\u00a0"


def is_chinese(ch: str) -> bool:
    """A Han character or a full-width mark: what makes its neighbour Chinese context."""
    o = ord(ch)
    return is_han(ch) or ch in CJK_PUNCT or 0x3000 < o <= 0x303F or 0xFF01 <= o <= 0xFF60


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in SPACES:
        j += step
    return text[j] if 0 <= j < len(text) else ""


def chinese_context(text: str, i: int, width: int = 1) -> bool:
    """Whether the mark text[i:i+width] touches Chinese on either side (spaces skipped)."""
    left = _neighbour(text, i, -1)
    right = _neighbour(text, i + width - 1, 1)
    return bool(left and is_chinese(left)) or bool(right and is_chinese(right))


@dataclass(frozen=True)
class Edit:
    start: int  # in the text before the change
    end: int
    before: str
    after: str


def _space_run(text: str, i: int, step: int) -> int:
    """Index just past the spaces next to i in direction step (for dropping them with the mark)."""
    j = i
    while 0 <= j + step < len(text) and text[j + step] in SPACES:
        j += step
    return j


_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|[…⋯]+")
_DASH = re.compile(r"[-－—―─–]{2,}|(?<![-－—―─–])[—―](?![-－—―─–])")


class _Edits:
    """The edits of one paragraph so far; a character once changed is not changed again."""

    def __init__(self, text: str):
        self.text = text
        self.edits: list[Edit] = []
        self.taken = [False] * len(text)

    def add(self, start: int, end: int, after: str) -> None:
        text, taken = self.text, self.taken
        if text[start:end] != after and not any(taken[start:end]):
            self.edits.append(Edit(start, end, text[start:end], after))
            for k in range(start, end):
                taken[k] = True


def find_edits(text: str) -> list[Edit]:
    """The normalisations of one paragraph, as non-overlapping edits in order. The rules run
    from the longest marks to single characters, so a "..." is one ellipsis, not three stops."""
    ed = _Edits(text)
    _ellipses(ed)
    _dashes(ed)
    paired = _brackets(ed)
    _half_width(ed, paired)
    _full_stops(ed)
    if any(is_han(c) for c in text):
        _quotes(ed)
    ed.edits.sort(key=lambda e: e.start)
    return ed.edits


def _ellipses(ed: _Edits) -> None:
    text = ed.text
    for m in _ELLIPSIS.finditer(text):
        if m.group() == "……":
            continue
        if m.group()[0] == "." and not chinese_context(text, m.start(), len(m.group())):
            continue
        ed.add(m.start(), m.end(), "……")


def _dashes(ed: _Edits) -> None:
    text = ed.text
    for m in _DASH.finditer(text):
        g = m.group()
        if g == "——":
            continue
        if set(g) <= set("-–") and not chinese_context(text, m.start(), len(g)):
            continue
        if len(g) == 1 and not chinese_context(text, m.start(), 1):
            continue
        ed.add(m.start(), m.end(), "——")


def _brackets(ed: _Edits) -> set[int]:
    """Brackets as a pair: （一期） stays a pair even when one side touches a digit.
    Returns the places of all paired brackets (changed or not)."""
    text = ed.text
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    for o, c in pairs.items():
        inside = text[o + 1 : c]
        if any(is_han(x) for x in inside) or chinese_context(text, o) or chinese_context(text, c):
            ed.add(o, o + 1, "（")
            ed.add(c, c + 1, "）")
    return set(pairs) | set(pairs.values())


def _half_width(ed: _Edits, paired: set[int]) -> None:
    text, taken = ed.text, ed.taken
    for i, ch in enumerate(text):
        if ch in HALF_TO_FULL and i not in paired and not taken[i] and chinese_context(text, i):
            if ch in ",;:?!":
                # The full-width mark carries its own space; typed spaces around it go.
                start = _space_run(text, i, -1)
                end = _space_run(text, i, 1) + 1
                if any(taken[start:end]):
                    start, end = i, i + 1
                ed.add(start, end, HALF_TO_FULL[ch])
            else:
                ed.add(i, i + 1, HALF_TO_FULL[ch])


def _full_stops(ed: _Edits) -> None:
    """A sentence-final full stop typed half-width: 达68.5%. — never a decimal point."""
    for m in re.finditer(r"(?<=[\u4e00-\u9fff%）”])\.(?=$|[\u4e00-\u9fff“（])", ed.text):
        ed.add(m.start(), m.end(), "。")


def _quotes(ed: _Edits) -> None:
    """Straight quotes in a Chinese paragraph become curly, opening and closing in turn."""
    text, taken = ed.text, ed.taken
    quotes = [i for i, ch in enumerate(text) if ch == '"' and not taken[i]]
    for n, i in enumerate(quotes):
        ed.add(i, i + 1, "“" if n % 2 == 0 else "”")
    singles = [i for i, ch in enumerate(text) if ch == "'" and not taken[i] and chinese_context(text, i)]
    for n, i in enumerate(singles):
        ed.add(i, i + 1, "‘" if n % 2 == 0 else "’")


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def normalise(text: str) -> tuple[str, list[Edit]]:
    edits = find_edits(text)
    return apply_edits(text, edits), edits


def odd_quotes(text: str) -> bool:
    """Straight double quotes that cannot all be paired (the pairing guessed is then unsure)."""
    return any(is_han(c) for c in text) and text.count('"') % 2 == 1
