"""Stage 3 of compose — flow: 撑版/缩版 as a search, the setting that fills the text area
with the fewest and smallest changes the layout allows, in the order it lists them.

Space between speaker blocks (and air around headlines) moves inside every
trial, a line at a time; leading, headline size, body size and portrait size
are the trial's settings. A page is full when every column ends on its last
line (the last column of the last page may stop one line short)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Iterator, NamedTuple

from ..layout.fitspec import Adjust, FitSpec
from .blocks import Setting
from .collect import Collector
from .configure import Config
from .flow import Block, Placement, flow
from .frame import Frame, Frames
from .metrics import VALUE_TOLERANCE

# A full page: every column ends on its last line, except that one column (in practice the
# last, where the text runs out) may stop one line short.
SHORT_LINES = 1
SHORT_COLUMNS = 1
# Spacings tried around the estimate at one setting (lines more and fewer than it).
SPACING_TRIES = 6
# An estimate this many lines per column beyond what the spacing can give or take is
# out of reach: the trial is judged from the counts and not flowed.
REACH_PER_COLUMN = 2


@dataclass(frozen=True)
class Result:
    setting: Setting
    frame: Frame
    placement: Placement  # its sizes: the lines each block was given
    blocks: list[Block]
    filled: bool
    short: int  # empty lines in the text area
    over: int  # lines that found no place
    target: int
    extra: int = 0  # lines given to (+) or taken from (−) the space between blocks


@dataclass(frozen=True)
class Trial:
    """The best spacing found at one setting (placement None: judged from the estimate)."""

    filled: bool
    short: int
    over: int
    extra: int
    frame: Frame
    placement: Placement | None = None
    blocks: list[Block] | None = None


class Axis(NamedTuple):
    """One thing the layout lets the search change (fit.adjust), with the values to try."""

    order: int  # its place in fit.adjust: an earlier entry is the cheaper change
    field: str  # the Setting field it changes
    values: tuple[float, ...]  # nearest the nominal value first
    nominal: float
    span: float  # its range, to weigh a change against the others'


def _values(adj: Adjust, nominal: float) -> tuple[float, ...]:
    vals, v = [], adj.lo
    while v <= adj.hi + VALUE_TOLERANCE:
        vals.append(round(v, 2))
        v += adj.step
    return tuple(sorted(set(vals) | {round(nominal, 2)}, key=lambda x: (abs(x - nominal), x)))


def _axes(fs: FitSpec, nom: Setting) -> tuple[Axis, ...]:
    axes = []
    for i, adj in enumerate(fs.adjust):
        span = adj.hi - adj.lo or 1
        if adj.what == "leading":
            axes.append(Axis(i, "leading", _values(adj, nom.leading), nom.leading, span))
        elif adj.what == "headline":
            axes.append(Axis(i, "headline_size", _values(adj, nom.headline_size), nom.headline_size, span))
        elif adj.what == "portrait":
            lines = tuple(int(v) for v in _values(adj, nom.portrait_lines))
            axes.append(Axis(i, "portrait_lines", lines, nom.portrait_lines, span))
        elif adj.what == "body":
            sizes = sorted(set(adj.sizes) | {nom.body_size}, key=lambda x: (abs(x - nom.body_size), x))
            axes.append(Axis(i, "body_size", tuple(sizes), nom.body_size, 1))
    return tuple(axes)


def candidates(cfg: Config) -> Iterator[tuple[tuple, Setting]]:
    """Every setting the layout allows, cheapest change first."""
    fs = cfg.layout.fit
    nom = cfg.nominal
    space = fs.get("space")
    air = fs.get("air")
    base = replace(
        nom,
        space_lo=int(space.lo) if space else nom.space,
        space_hi=int(space.hi) if space else nom.space,
        air_hi=int(air.hi) if air else 0,
    )
    axes = _axes(fs, nom)
    names = [a.field for a in axes]
    # A setting is made only when the search reaches it (most stop within a few dozen).
    return ((cost, replace(base, **dict(zip(names, combo)))) for cost, combo in _ranked(axes))


_RANKED: dict[tuple[Axis, ...], list] = {}
# Rankings kept per process (a layout and nominal setting each): enough for every layout
# of a desk, small enough not to grow in a long watch session.
RANKINGS_KEPT = 64


def _ranked(axes: tuple[Axis, ...]) -> list[tuple[tuple, tuple]]:
    """Every combination of the axes' values with its cost, cheapest first. Kept per
    process: the same layout and nominal setting rank the same (every save in
    `publish watch`, every meeting of a layout in a build of many)."""
    got = _RANKED.get(axes)
    if got is None:
        got = []
        for combo in itertools.product(*[a.values for a in axes]):
            changed = [
                (a.order, abs(v - a.nominal) / a.span)
                for a, v in zip(axes, combo)
                if abs(v - a.nominal) > VALUE_TOLERANCE
            ]
            cost = (max((c[0] for c in changed), default=-1), len(changed), sum(c[1] for c in changed))
            got.append((cost, combo))
        got.sort(key=lambda x: x[0])
        if len(_RANKED) >= RANKINGS_KEPT:
            _RANKED.clear()
        _RANKED[axes] = got
    return got


def _distribute(blocks: list[Block], extra: int) -> list[int]:
    """Lines for each block: extra lines given to (or taken from) the elastic blocks
    evenly, space between speakers first."""
    sizes = [b.lines for b in blocks]
    order = [i for i, b in enumerate(blocks) if b.elastic]
    left = abs(extra)
    step = 1 if extra > 0 else -1
    while left and order:
        moved = False
        for i in order:
            if left and (sizes[i] < blocks[i].hi if step > 0 else sizes[i] > blocks[i].lo):
                sizes[i] += step
                left -= 1
                moved = True
        if not moved:
            break
    return sizes


def _judge(pl: Placement, caps: list[int]) -> tuple[bool, int, int]:
    over = pl.overflow_lines
    gaps = [c - d for c, d in zip(caps, pl.depths)]
    short = sum(max(0, g) for g in gaps)
    short_columns = sum(1 for g in gaps if g > 0)
    filled = not over and not pl.rest and max(gaps, default=0) <= SHORT_LINES and short_columns <= SHORT_COLUMNS
    return filled, short, over


def _trial(col: Collector, frames: Frames, st: Setting, npages: int) -> Trial | None:
    """The best placement at one setting, scanning the space given between blocks."""
    est = col.estimate(st)
    if est is None:
        return None
    fr = frames.at(st, npages)
    cap = sum(fr.caps)
    lo = est.separators * (st.space_lo - st.space)
    hi = est.separators * (st.space_hi - st.space) + est.groups * st.air_hi
    e0 = cap - est.lines - est.separators * st.space
    reach = REACH_PER_COLUMN * fr.columns
    if e0 < lo - reach or e0 > hi + reach:
        # out of reach: estimated from the line counts; flowed only if it is the best in the end
        e = max(lo, min(hi, e0))
        return Trial(False, max(0, e0 - e), max(0, e - e0), e, fr)
    blocks = col.blocks(st)
    assert blocks is not None  # the estimate found every headline fits
    e0 = cap - sum(b.lines for b in blocks if not b.space) - est.separators * st.space
    best = None
    for d in range(SPACING_TRIES * 2 + 1):
        e = e0 + (d + 1) // 2 * (1 if d % 2 else -1)
        if e < lo or e > hi:
            continue
        pl = flow(blocks, fr.caps, sizes=_distribute(blocks, e))
        filled, short, over = _judge(pl, fr.caps)
        if filled:
            return Trial(True, short, over, e, fr, pl, blocks)
        if best is None or (over, short) < (best.over, best.short):
            best = Trial(False, short, over, e, fr, pl, blocks)
    return best


def pages_needed(col: Collector, frames: Frames, st: Setting, limit: int) -> int:
    blocks = col.blocks(st)
    assert blocks is not None  # the nominal headline size fits every headline (configure)
    for n in range(1, limit + 1):
        if not flow(blocks, frames.at(st, n).caps, close_holes=False).rest:
            return n
    return limit


def search(col: Collector, frames: Frames, pages: int | None) -> Result:
    lay = col.cfg.layout
    fs = lay.fit
    limit = max(lay.page.max_pages, pages or 1)
    nom = col.cfg.nominal
    target = pages or fs.pages or pages_needed(col, frames, nom, limit)
    if not fs.fill:
        return _run_on(col, frames, nom, target)
    best: tuple[Trial, Setting] | None = None
    for _cost, st in candidates(col.cfg):
        t = _trial(col, frames, st, target)
        if t is None:
            continue
        if t.filled:
            best = (t, st)
            break
        if best is None or (t.over, t.short) < (best[0].over, best[0].short):
            best = (t, st)
    assert best is not None, "candidates() always yields the nominal setting"
    t, st = best
    if t.placement is None or t.blocks is None:
        blocks = col.blocks(st)
        assert blocks is not None
        pl = flow(blocks, t.frame.caps, sizes=_distribute(blocks, t.extra))
        filled, short, over = _judge(pl, t.frame.caps)
        return Result(st, t.frame, pl, blocks, filled, short, over, target, t.extra)
    return Result(st, t.frame, t.placement, t.blocks, t.filled, t.short, t.over, target, t.extra)


def _run_on(col: Collector, frames: Frames, nom: Setting, target: int) -> Result:
    """A page that is not filled (a bulletin): text runs on from page to page at the
    layout's own setting and stops where it ends."""
    blocks = col.blocks(nom)
    assert blocks is not None
    fr = frames.at(nom, target)
    pl = flow(blocks, fr.caps, close_holes=False)
    _, short, over = _judge(pl, fr.caps)
    used = max((i // fr.columns for i, d in enumerate(pl.depths) if d), default=0) + 1
    fr = frames.at(nom, used) if used < target else fr
    pl.depths = pl.depths[: len(fr.caps)]
    _end_at_foot(pl, fr.caps)
    return Result(nom, fr, pl, blocks, not over, 0, over, used)


def _end_at_foot(pl: Placement, caps: list[int]) -> None:
    """版记 sits at the foot of the last page's type area (GB/T 9704)."""
    if not pl.pieces or pl.pieces[-1].block.owner != "end":
        return
    p = pl.pieces[-1]
    if p.column < len(caps):
        p.row = caps[p.column] - (p.end - p.start)
        pl.depths[p.column] = caps[p.column]
