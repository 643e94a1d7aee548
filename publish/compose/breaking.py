"""Where a headline or a name line breaks (标题转行), as a designer breaks it.

Break at the phrase spaces the editor typed first; failing that, also after
punctuation; failing that, also between words (segment.py). Never inside a
word, a name, a number or ——; never one character alone on a line. A
position line (职务 + 姓名) breaks after “、” or between position and name,
or not at all.

Pure: text, a width function and a measure in, lines of text out, so the PDF
composer and the DOCX writer break the same headline at the same places.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..typeset.classes import DASHES, ELLIPSES, LINE_END_FORBIDDEN, LINE_START_FORBIDDEN, is_alnum, is_han

SPACE, PUNCT, WORD = 0, 1, 2
# What a break of each kind costs beside the others in one headline: the
# editor's spaces are free, punctuation nearly so, a word boundary is last resort.
LEVEL_COST = {SPACE: 0.0, PUNCT: 0.3, WORD: 1.0}
SPACES = " \u3000"
AFTER_PUNCT = frozenset("，。、；：？！）」』》〉】〕〗”’")
EPS = 0.01


@dataclass
class Text:
    chars: list[str]
    gap_before: list[bool]  # a phrase space stands before chars[i]
    levels: dict[int, int]  # boundary i (before chars[i]) -> SPACE / PUNCT / WORD

    def line(self, i: int, j: int) -> str:
        return "".join((" " if self.gap_before[k] and k > i else "") + self.chars[k] for k in range(i, j))


def analyse(text: str, kind: str = "headline", protect: Iterable[str] = ()) -> Text:
    """The break opportunities of a headline (kind="headline") or a position line
    (kind="position"); protect: names and terms never to be broken."""
    chars: list[str] = []
    gap: list[bool] = []
    pending = False
    for ch in text:
        if ch in SPACES or ch == "\n":
            pending = bool(chars)
            continue
        chars.append(ch)
        gap.append(pending)
        pending = False
    n = len(chars)
    flat = "".join(chars)
    locked: set[int] = set()
    for name in protect:
        if not name:
            continue
        start = flat.find(name)
        while start >= 0:
            locked.update(range(start + 1, start + len(name)))
            start = flat.find(name, start + 1)
    words = _word_cuts(chars, gap) if kind == "headline" else frozenset()
    levels: dict[int, int] = {}
    for i in range(1, n):
        a, b = chars[i - 1], chars[i]
        if i in locked or b in LINE_START_FORBIDDEN or a in LINE_END_FORBIDDEN:
            continue
        if (a in DASHES and b in DASHES) or (a in ELLIPSES and b in ELLIPSES) or (is_alnum(a) and is_alnum(b)):
            continue
        if gap[i]:
            levels[i] = SPACE
        elif a == "、" or (kind == "headline" and (a in AFTER_PUNCT or b in LINE_END_FORBIDDEN)):
            levels[i] = PUNCT
        elif i in words:
            levels[i] = WORD
    return Text(chars, gap, levels)


def _word_cuts(chars: list[str], gap: list[bool]) -> frozenset[int]:
    """Word boundaries, phrase by phrase (a phrase is what lies between spaces)."""
    from . import segment

    out: set[int] = set()
    start = 0
    for i in range(1, len(chars) + 1):
        if i == len(chars) or gap[i]:
            phrase = "".join(chars[start:i])
            if sum(1 for c in phrase if is_han(c)) > 1:
                out.update(start + c for c in segment.boundaries(phrase))
            start = i
    return frozenset(out)


def _solid(s: str) -> int:
    """Characters that count as text on a line (not punctuation)."""
    return sum(1 for c in s if is_han(c) or is_alnum(c))


def break_heading(
    text: str,
    width: Callable[[str], float],
    measure: float,
    max_lines: int | None = None,
    kind: str = "headline",
    protect: Iterable[str] = (),
) -> list[str] | None:
    """The lines of a headline: the fewest lines, using the coarsest break kinds that
    work, then the most even lengths. width(line) gives a line's natural width in pt
    (a space in the line is the phrase gap). None when it cannot be set in max_lines
    lines (or at all) without breaking a rule."""
    t = analyse(text, kind, protect)
    return break_analysed(t, width, measure, max_lines)


def break_analysed(
    t: Text, width: Callable[[str], float], measure: float, max_lines: int | None = None
) -> list[str] | None:
    """width is taken as additive: a line is as wide as its characters plus its phrase gaps
    (each width(" ")), so every candidate line is measured from prefix sums."""
    n = len(t.chars)
    if n == 0:
        return []
    whole = t.line(0, n)
    if width(whole) <= measure + EPS:
        return [whole]
    alone_ok = _solid(whole) < 2
    gap = width(" ")
    cw: dict[str, float] = {}
    pre, solid, gaps = [0.0], [0], [0]
    for k, ch in enumerate(t.chars):
        if ch not in cw:
            cw[ch] = width(ch)
        pre.append(pre[-1] + cw[ch])
        solid.append(solid[-1] + (1 if is_han(ch) or is_alnum(ch) else 0))
        gaps.append(gaps[-1] + (1 if t.gap_before[k] else 0))

    def w_of(a: int, b: int) -> float:
        # gaps inside [a, b): those before chars a+1 … b-1
        return pre[b] - pre[a] + (gaps[b] - gaps[a + 1]) * gap

    for finest in (SPACE, PUNCT, WORD):
        pts = [0] + sorted(i for i, lv in t.levels.items() if lv <= finest) + [n]
        best: dict[int, tuple[int, float, list[int]]] = {0: (0, 0.0, [0])}
        for b in pts[1:]:
            for a in pts:
                if a >= b:
                    break
                if a not in best:
                    continue
                w = w_of(a, b)
                if w > measure + EPS or (solid[b] - solid[a] < 2 and not alone_ok):
                    continue
                lines, cost, path = best[a]
                c = cost + ((measure - w) / measure) ** 2 + (LEVEL_COST[t.levels[b]] if b < n else 0.0)
                cand = (lines + 1, c, path + [b])
                if b not in best or cand[:2] < best[b][:2]:
                    best[b] = cand
        if n in best and (not max_lines or best[n][0] <= max_lines):
            path = best[n][2]
            return [t.line(a, b) for a, b in zip(path, path[1:])]
    return None


def broken_inside(lines: list[str], text: str, kind: str = "headline", protect: Iterable[str] = ()) -> list[int]:
    """Line ends (indexes into lines[:-1]) that fall where analyse() allows no break:
    the check tests and `publish proof` share."""
    t = analyse(text, kind, protect)
    bad, pos = [], 0
    for k, ln in enumerate(lines[:-1]):
        pos += len(ln.replace(" ", ""))
        if pos not in t.levels:
            bad.append(k)
    return bad
