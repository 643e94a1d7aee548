"""Greedy first-fit Chinese line breaker with 避头尾 look-back.

For each line: take as many characters as fit; if the break there is
forbidden (避头尾, or inside ——/……/a number), try push-in (推入: pull the
next unit up by compressing the line's punctuation) and otherwise push-out
(推出: carry characters down to the last legal break, then justify).
Every candidate line is measured in O(1) from prefix sums, so the whole
paragraph is O(n) apart from the short look-back.
"""

from __future__ import annotations

from typing import Sequence

from .classes import LINE_START_FORBIDDEN
from .justify import build_line, end_cut, mid_capacity, natural_width
from .prepare import prepare
from .types import Line, ParaStyle, Run, lines_text

EPS = 1e-6
# How far push-in may look ahead for the next legal break: enough for a
# closing mark plus a trailing pair like 。” or ）。, not for whole words.
PUSH_IN_LOOKAHEAD = 3


def break_paragraph(runs: Sequence[Run], style: ParaStyle) -> list[Line]:
    p = prepare(runs, style)
    n = p.n
    if n == 0:
        return []
    C, wend, startadj, allowed = p.C, p.wend, p.startadj, p.allowed
    push_in = style.kinsoku == "push-in"
    lines: list[Line] = []
    s = 0
    first = True
    while s < n:
        offset = style.indent if first else 0.0
        avail = style.measure - offset
        limit = avail + EPS
        # First fit: the longest line [s, e) whose natural width fits.
        base = startadj[s] - C[s]
        e = s + 1
        while e < n and C[e] + wend[e] + base <= limit:
            e += 1

        if e == n:
            lines.append(build_line(p, s, n, style, offset, avail, last=True))
            break
        if allowed[e]:
            lines.append(build_line(p, s, e, style, offset, avail, last=False))
            s = e
            first = False
            continue

        # 避头尾 violation (or inside an unbreakable cluster) at e.
        line = None
        if push_in:
            line = _try_push_in(p, s, e, style, offset, avail)
        if line is None:
            k = e - 1
            while k > s and not allowed[k]:
                k -= 1
            if k > s:
                line = build_line(p, s, k, style, offset, avail, last=False, push="out")
        if line is None:
            line = _forced(p, s, e, style, offset, avail)
        lines.append(line)
        s = line.end
        first = False
    if lines:
        lines[-1].last = True
    return lines


def _try_push_in(p, s, e, style, offset, avail):
    """推入: the first legal break after e, if compression makes it fit.

    Only marks that may not start a line (，。”）…— and the like) are pulled
    up; an opening mark or a Han character is pushed out instead.
    """
    n = p.n
    allowed = p.allowed
    chars = p.chars
    for k in range(e + 1, min(n, e + PUSH_IN_LOOKAHEAD) + 1):
        if chars[k - 1] not in LINE_START_FORBIDDEN:
            return None
        if allowed[k]:
            break
    else:
        return None
    width = natural_width(p, s, k)
    cut = end_cut(p, k - 1)
    over = width - cut - avail
    if over > EPS and over > mid_capacity(p, s, k) + EPS:
        return None
    return build_line(
        p,
        s,
        k,
        style,
        offset,
        avail,
        last=(k == n),
        end_half=cut > 0.0,
        mid_needed=max(0.0, over),
        push="in",
    )


def _forced(p, s, e, style, offset, avail):
    """No legal break fits: a cluster or a chain of marks longer than the line.

    Prefer splitting an alphanumeric cluster (still keeping 避头尾 and ——/……)
    over breaking the punctuation rules; always make progress.
    """
    weak = p.weak_allowed
    k = e
    while k > s and not weak[k]:
        k -= 1
    if k == s:
        k = e
    return build_line(p, s, k, style, offset, avail, last=(k == p.n), forced=True)


__all__ = ["break_paragraph", "lines_text"]
