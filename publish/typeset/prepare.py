"""Per-paragraph analysis: flatten runs into per-character arrays.

Everything the breaker needs is computed once here in O(n), with prefix sums,
so that measuring any candidate line is O(1) and no line rescans the paragraph.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Sequence

from .classes import (
    CLOSE,
    CLUSTER_JOINERS,
    CLUSTER_LEADERS,
    DASHES,
    ELLIPSES,
    LINE_END_FORBIDDEN,
    LINE_START_FORBIDDEN,
    NUMBER_UNITS,
    OPEN,
    _PUNCT_KIND,
    is_alnum,
    is_han,
)
from .types import ParaStyle, Run

# A mark counts as full-width punctuation only if its font gives it nearly a
# full em; proportional quotes in a Latin font must not be "compressed".
FULLWIDTH_MIN = 0.9


class Para:
    """Flat per-character arrays for one paragraph (widths in pt)."""

    __slots__ = (
        "n",
        "chars",
        "font",
        "size",
        "adv",
        "kind",
        "w",
        "wend",
        "ltrim",
        "shrink",
        "gx",
        "gap_ok",
        "allowed",
        "weak_allowed",
        "startadj",
        "C",
        "SH",
        "G",
        "half",
    )
    n: int
    chars: list[str]
    font: list[str]
    size: list[float]
    adv: list[float]  # nominal advance of each character
    kind: list[int]  # punctuation kind (classes.OPEN / CLOSE …) or 0
    half: list[float]  # half an em at each character's size
    w: list[float]  # width inside a line, after 标点挤压
    wend: list[float]  # width when the character ends a line
    ltrim: list[float]  # blank trimmed off an opening mark's left
    shrink: list[float]  # how much more each character may give (push-in)
    gx: list[float]  # 中西文间距 after each character
    gap_ok: list[bool]  # justification may add space after each character
    allowed: list[bool]  # a line may break before index k
    weak_allowed: list[bool]
    startadj: list[float]
    C: list[float]  # prefix sums of widths
    SH: list[float]  # prefix sums of shrink
    G: list[int]  # prefix counts of gaps


def _clusters(chars: list[str]) -> tuple[list[int], list[bool]]:
    """Unbreakable cluster ids (-1 = none) and the 'Latin side' flag per char.

    Clusters: runs of —— / ……, and alphanumerics with their joiners and signs
    (6.2%  1050.7亿  AI+  -3).  A number keeps a following 万/亿.
    """
    n = len(chars)
    cid = [-1] * n
    latin = [False] * n
    i = 0
    k = 0
    while i < n:
        c = chars[i]
        if is_alnum(c) or (c in CLUSTER_LEADERS and i + 1 < n and is_alnum(chars[i + 1])):
            start = i
            i += 1
            while i < n:
                c = chars[i]
                if is_alnum(c) or c in CLUSTER_JOINERS:
                    i += 1
                elif c in NUMBER_UNITS and chars[i - 1].isdigit():
                    i += 1
                    while i < n and chars[i] in NUMBER_UNITS:
                        i += 1
                    break
                else:
                    break
            for j in range(start, i):
                if chars[j] not in NUMBER_UNITS:
                    latin[j] = True
            if i - start > 1:
                for j in range(start, i):
                    cid[j] = k
                k += 1
        elif c in DASHES or c in ELLIPSES:
            group = DASHES if c in DASHES else ELLIPSES
            start = i
            while i < n and chars[i] in group:
                i += 1
            if i - start > 1:
                for j in range(start, i):
                    cid[j] = k
                k += 1
        else:
            i += 1
    return cid, latin


def prepare(runs: Sequence[Run], style: ParaStyle) -> Para:
    """The paragraph's arrays, stage by stage: each stage reads the ones before it."""
    p = Para()
    _flatten(p, runs)
    _punct_kinds(p)
    _compress_punct(p, style)
    cid, latin = _clusters(p.chars)
    _han_latin_space(p, style, latin)
    _break_points(p, cid)
    _opening_at_line_start(p, style)
    p.C = [0.0, *accumulate(p.w[i] + p.gx[i] for i in range(p.n))]
    p.SH = [0.0, *accumulate(p.shrink)]
    p.G = [0, *accumulate(p.gap_ok)]
    return p


def _flatten(p: Para, runs: Sequence[Run]) -> None:
    chars: list[str] = []
    font: list[str] = []
    size: list[float] = []
    adv: list[float] = []
    for run in runs:
        if not run.text:
            continue
        t = list(run.text)
        chars.extend(t)
        font.extend([run.font] * len(t))
        size.extend([run.size] * len(t))
        a = run.advance
        sz = run.size
        adv.extend([a(c) * sz for c in t])
    p.n = len(chars)
    p.chars, p.font, p.size, p.adv = chars, font, size, adv


def _punct_kinds(p: Para) -> None:
    """Full-width compressible punctuation kind per char (0 when not compressible)."""
    pk = _PUNCT_KIND
    adv, size = p.adv, p.size
    kind = [0] * p.n
    for i, c in enumerate(p.chars):
        k = pk.get(c, 0)
        if k and adv[i] >= FULLWIDTH_MIN * size[i]:
            kind[i] = k
    p.kind = kind
    p.half = [0.5 * s for s in size]


def _compress_punct(p: Para, style: ParaStyle) -> None:
    """标点挤压: in a pair of adjacent full-width marks the first, if closing,
    loses its blank right half; an opening mark after an opening mark loses
    its blank left half."""
    n, adv, kind, half = p.n, p.adv, p.kind, p.half
    w = adv[:]
    ltrim = [0.0] * n
    if style.compress_punct:
        for i in range(n - 1):
            ki = kind[i]
            if ki and kind[i + 1]:
                if ki == CLOSE:
                    w[i] = max(0.0, adv[i] - half[i])
                elif kind[i + 1] == OPEN and ki == OPEN:
                    ltrim[i + 1] = min(adv[i + 1], half[i + 1])
                    w[i + 1] = adv[i + 1] - ltrim[i + 1]
    # At line end the right-half trim has nothing to collide with, so a closing
    # mark goes back to full width; only push-in may halve it.
    p.wend = [adv[i] - ltrim[i] for i in range(n)]
    p.w = w
    p.ltrim = ltrim
    # What push-in may still take from a mark in mid-line: its blank half, if
    # pair compression has not taken it already.
    # An opening mark right after a closing one is left alone: the pair then
    # gives up one half only (like 标点挤压), and the two origins stay apart.
    p.shrink = [
        half[i] if kind[i] and w[i] == adv[i] and not (kind[i] == OPEN and i and kind[i - 1] == CLOSE) else 0.0
        for i in range(n)
    ]


def _han_latin_space(p: Para, style: ParaStyle, latin: list[bool]) -> None:
    """中西文间距: extra space after char i when Han meets Latin/digits."""
    n, chars, size = p.n, p.chars, p.size
    gx = [0.0] * n
    if style.han_latin_space and n > 1:
        hls = style.han_latin_space
        han = [is_han(c) for c in chars]
        for i in range(n - 1):
            if (han[i] and latin[i + 1]) or (latin[i] and han[i + 1]):
                gx[i] = hls * max(size[i], size[i + 1])
    p.gx = gx


def _break_points(p: Para, cid: list[int]) -> None:
    """Where justification may add space, and where a line may break."""
    n, chars = p.n, p.chars
    # gap_ok[i]: justification may add space between i and i+1.
    gap_ok = [True] * n
    for i in range(n - 1):
        if cid[i] != -1 and cid[i] == cid[i + 1]:
            gap_ok[i] = False
    if n:
        gap_ok[n - 1] = False
    p.gap_ok = gap_ok

    # allowed[k]: a line may break between k-1 and k (k = 0 and n always).
    # weak_allowed ignores alphanumeric clusters: a last resort for a word
    # longer than the measure, which still keeps 避头尾 and ——/…….
    allowed = [True] * (n + 1)
    weak = [True] * (n + 1)
    ns = LINE_START_FORBIDDEN
    ne = LINE_END_FORBIDDEN
    for k in range(1, n):
        c = chars[k]
        prev = chars[k - 1]
        kinsoku = c in ns or prev in ne or c.isspace()
        same = cid[k] != -1 and cid[k] == cid[k - 1]
        if kinsoku:
            allowed[k] = weak[k] = False
        elif same:
            allowed[k] = False
            weak[k] = not (c in DASHES or c in ELLIPSES)
    p.allowed = allowed
    p.weak_allowed = weak


def _opening_at_line_start(p: Para, style: ParaStyle) -> None:
    """Half-width opening mark at line start: trim its blank left half."""
    startadj = [0.0] * p.n
    if style.halfwidth_opening_at_line_start:
        kind, ltrim, adv, half = p.kind, p.ltrim, p.adv, p.half
        for i in range(p.n):
            if kind[i] == OPEN and ltrim[i] == 0.0:
                startadj[i] = -min(adv[i], half[i])
    p.startadj = startadj
