"""Turn a chosen break [s, e) into a Line of positioned glyphs."""

from __future__ import annotations

from typing import NamedTuple

from .classes import CLOSE, OPEN
from .prepare import Para
from .types import Glyph, Line, ParaStyle


def end_cut(p: Para, i: int) -> float:
    """How much push-in may take from a closing mark set at line end."""
    if p.kind[i] == CLOSE:
        return max(0.0, p.wend[i] - p.half[i])
    return 0.0


def mid_capacity(p: Para, s: int, e: int) -> float:
    """Blank halves push-in may take from marks strictly inside the line."""
    if e - s < 2:
        return 0.0
    cap = p.SH[e - 1] - p.SH[s]
    if p.startadj[s]:
        cap -= p.shrink[s]
    return cap


def natural_width(p: Para, s: int, e: int) -> float:
    return p.C[e - 1] - p.C[s] + p.wend[e - 1] + p.startadj[s]


class _Spacing(NamedTuple):
    """How a line's spare width is spent: spread over its gaps (justify) or put before it."""

    justify: bool
    extra: float  # width added over the gaps
    shift: float  # width put before the first glyph (centre, right)
    per: float  # added at each gap
    gaps: int
    all_gaps: bool  # one unbreakable cluster: every gap takes its share


def build_line(
    p: Para,
    s: int,
    e: int,
    style: ParaStyle,
    offset: float,
    avail: float,
    last: bool,
    end_half: bool = False,
    mid_needed: float = 0.0,
    push: str = "",
    forced: bool = False,
) -> Line:
    widths, trims = _widths(p, s, e, end_half, mid_needed)
    natural = sum(widths) + sum(p.gx[s : e - 1])
    sp = _spacing(p, s, e, style, avail - natural, last)
    glyphs, pen, maxsize = _place(p, s, e, widths, trims, offset + sp.shift, sp)
    if sp.justify and sp.gaps:
        pen = offset + avail  # pin the edge exactly despite float rounding
    loose = bool(sp.gaps) and sp.per > style.max_stretch * maxsize + 1e-9
    if sp.justify and not sp.gaps and sp.extra > 1e-9:
        loose = True  # a lone glyph cannot be spread to the measure
    return Line(
        glyphs=glyphs,
        width=pen,
        last=last,
        loose=loose,
        max_size=maxsize,
        stretch=sp.per,
        push=push,
        forced=forced,
        start=s,
        end=e,
    )


def _widths(p: Para, s: int, e: int, end_half: bool, mid_needed: float) -> tuple[list[float], list[float]]:
    """Widths and left trims of the line's glyphs after compression and push-in."""
    widths = p.w[s:e]
    trims = p.ltrim[s:e]
    widths[-1] = p.wend[e - 1]
    if p.startadj[s]:
        t = -p.startadj[s]
        trims[0] += t
        widths[0] -= t
    if mid_needed > 0.0:
        cap = mid_capacity(p, s, e)
        ratio = min(1.0, mid_needed / cap) if cap > 0 else 0.0
        shrink, kind = p.shrink, p.kind
        first_mid = s + 1 if p.startadj[s] else s
        for i in range(first_mid, e - 1):
            a = shrink[i]
            if a:
                a *= ratio
                j = i - s
                widths[j] -= a
                if kind[i] == OPEN:
                    trims[j] += a  # blank half of an opening mark is on its left
    if end_half:
        widths[-1] -= end_cut(p, e - 1)
    return widths, trims


def _spacing(p: Para, s: int, e: int, style: ParaStyle, spare: float, last: bool) -> _Spacing:
    n_gaps = p.G[e - 1] - p.G[s]
    use_all_gaps = False
    extra = 0.0
    shift = 0.0
    justify = style.justify and style.align == "justify" and not last
    if justify:
        extra = spare
        if extra < 0.0:
            extra = 0.0  # only a forced overlong line; never squeeze Han
        if n_gaps == 0 and e - s > 1:
            # A line that is one unbreakable cluster: letter-space it rather
            # than leave the column ragged.
            n_gaps = e - s - 1
            use_all_gaps = True
    elif style.align == "center":
        shift = max(0.0, spare / 2.0)
    elif style.align == "right":
        shift = max(0.0, spare)
    per = extra / n_gaps if n_gaps else 0.0
    return _Spacing(justify, extra, shift, per, n_gaps, use_all_gaps)


def _place(
    p: Para, s: int, e: int, widths: list[float], trims: list[float], pen: float, sp: _Spacing
) -> tuple[list[Glyph], float, float]:
    """The glyphs set from pen on; the pen after them; the largest size."""
    chars, font, size, adv, gx, gap_ok = p.chars, p.font, p.size, p.adv, p.gx, p.gap_ok
    per, use_all_gaps = sp.per, sp.all_gaps
    glyphs = []
    maxsize = 0.0
    for j in range(e - s):
        i = s + j
        sz = size[i]
        if sz > maxsize:
            maxsize = sz
        wj = widths[j]
        t = trims[j]
        glyphs.append(Glyph(chars[i], font[i], sz, pen - t, adv[i], wj, t))
        pen += wj
        if i < e - 1:
            pen += gx[i]
            if use_all_gaps or gap_ok[i]:
                pen += per
    return glyphs, pen, maxsize
