"""撑版/缩版 as a search: the setting that fills the text area, with the fewest and
smallest changes the layout allows, in the order it lists them.

Space between speaker blocks (and air around headlines) moves inside every
trial, a line at a time; leading, headline size, body size and portrait size
are the trial's settings. A page is full when every column ends on its last
line (the last column of the last page may stop one line short)."""

from __future__ import annotations
from typing import Any, Iterator

import itertools
from dataclasses import dataclass, replace

from ..copyfit import BlockFit, Report
from .blocks import Setting
from .flow import Block, Placement, flow


@dataclass
class Result:
    setting: Setting
    frame: Any  # page.Frame (page imports this module)
    placement: Placement
    blocks: list[Block]
    filled: bool
    short: int  # empty lines in the text area
    over: int  # lines that found no place
    target: int
    extra: int = 0  # lines given to (+) or taken from (−) the space between blocks


def _values(adj, nominal: float) -> list[float]:
    vals, v = [], adj.lo
    while v <= adj.hi + 1e-6:
        vals.append(round(v, 2))
        v += adj.step
    vals = sorted(set(vals) | {round(nominal, 2)}, key=lambda x: (abs(x - nominal), x))
    return vals


def candidates(parts) -> Iterator[tuple[tuple, Setting]]:
    """Every setting the layout allows, cheapest change first."""
    fs = parts.layout.fit
    nom = parts.nominal
    space = fs.get("space")
    air = fs.get("air")
    base = replace(
        nom,
        space_lo=int(space.lo) if space else nom.space,
        space_hi=int(space.hi) if space else nom.space,
        air_hi=int(air.hi) if air else 0,
    )
    axes = []
    for i, adj in enumerate(fs.adjust):
        if adj.what == "leading":
            axes.append((i, "leading", _values(adj, nom.leading), nom.leading, adj.hi - adj.lo or 1))
        elif adj.what == "headline":
            axes.append((i, "headline_size", _values(adj, nom.headline_size), nom.headline_size, adj.hi - adj.lo or 1))
        elif adj.what == "portrait":
            axes.append(
                (
                    i,
                    "portrait_lines",
                    [int(v) for v in _values(adj, nom.portrait_lines)],
                    nom.portrait_lines,
                    adj.hi - adj.lo or 1,
                )
            )
        elif adj.what == "body":
            sizes = sorted(set(adj.sizes) | {nom.body_size}, key=lambda x: (abs(x - nom.body_size), x))
            axes.append((i, "body_size", sizes, nom.body_size, 1))
    names = [a[1] for a in axes]
    key = tuple((i, name, tuple(vals), nominal, span) for i, name, vals, nominal, span in axes)
    # A setting is made only when the search reaches it (most stop within a few dozen).
    return ((cost, replace(base, **dict(zip(names, combo)))) for cost, combo in _ranked(key))


_RANKED: dict[tuple, list] = {}


def _ranked(axes: tuple) -> list[tuple[tuple, tuple]]:
    """Every combination of the axes' values with its cost, cheapest first. Kept per
    process: the same layout and nominal setting rank the same (every save in
    `publish watch`, every meeting of a layout in a build of many)."""
    got = _RANKED.get(axes)
    if got is None:
        got = []
        for combo in itertools.product(*[a[2] for a in axes]):
            changed = [(a[0], abs(v - a[3]) / a[4]) for a, v in zip(axes, combo) if abs(v - a[3]) > 1e-6]
            cost = (max((c[0] for c in changed), default=-1), len(changed), sum(c[1] for c in changed))
            got.append((cost, combo))
        got.sort(key=lambda x: x[0])
        if len(_RANKED) >= 64:
            _RANKED.clear()
        _RANKED[axes] = got
    return got


def _distribute(blocks: list[Block], extra: int) -> None:
    """Give (or take) extra lines to the elastic blocks evenly: space between speakers first."""
    for b in blocks:
        b.lines = b.natural
    order = [b for b in blocks if b.elastic]
    left = abs(extra)
    step = 1 if extra > 0 else -1
    while left and order:
        moved = False
        for b in order:
            if left and (b.lines < b.hi if step > 0 else b.lines > b.lo):
                b.lines += step
                left -= 1
                moved = True
        if not moved:
            break


def _judge(pl: Placement, caps: list[int]) -> tuple[bool, int, int]:
    over = pl.overflow_lines
    gaps = [c - d for c, d in zip(caps, pl.depths)]
    short = sum(max(0, g) for g in gaps)
    filled = not over and not pl.rest and max(gaps, default=0) <= 1 and sum(1 for g in gaps if g > 0) <= 1
    return filled, short, over


def _trial(parts, framer, st: Setting, npages: int, tries: int = 6):
    """The best placement at one setting, scanning the space given between blocks."""
    est = parts.estimate(st)
    if est is None:
        return None
    need, nsep, groups = est
    fr = framer(st, npages)
    cap = sum(fr.caps)
    lo = nsep * (st.space_lo - st.space)
    hi = nsep * (st.space_hi - st.space) + groups * st.air_hi
    e0 = cap - need - nsep * st.space
    best = None
    if e0 < lo - 2 * fr.columns or e0 > hi + 2 * fr.columns:
        # out of reach: estimated from the line counts; flowed only if it is the best in the end
        e = max(lo, min(hi, e0))
        return (False, max(0, e0 - e), max(0, e - e0), e, fr, None, None)
    blocks = parts.blocks(st)
    need = sum(b.natural for b in blocks if not b.space)
    e0 = cap - need - nsep * st.space
    for d in range(tries * 2 + 1):
        e = e0 + (d + 1) // 2 * (1 if d % 2 else -1)
        if e < lo or e > hi:
            continue
        _distribute(blocks, e)
        pl = flow(blocks, fr.caps)
        filled, short, over = _judge(pl, fr.caps)
        if filled:
            return (True, short, over, e, fr, pl, blocks)
        if best is None or (over, short) < (best[2], best[1]):
            best = (False, short, over, e, fr, pl, blocks)
    if best is not None:
        _distribute(blocks, best[3])
        pl = flow(blocks, fr.caps)
        best = best[:5] + (pl, blocks)
    return best


def pages_needed(parts, framer, st: Setting, limit: int) -> int:
    blocks = parts.blocks(st)
    for n in range(1, limit + 1):
        fr = framer(st, n)
        for b in blocks:
            b.lines = b.natural
        if not flow(blocks, fr.caps, close_holes=False).rest:
            return n
    return limit


def search(parts, framer, pages: int | None) -> Result:
    lay = parts.layout
    fs = lay.fit
    limit = max(lay.page.max_pages, pages or 1)
    nom = parts.nominal
    target = pages or fs.pages or pages_needed(parts, framer, nom, limit)
    if not fs.fill:
        blocks = parts.blocks(nom)
        fr = framer(nom, target)
        pl = flow(blocks, fr.caps, close_holes=False)
        _, short, over = _judge(pl, fr.caps)
        used = max((i // fr.columns for i, d in enumerate(pl.depths) if d), default=0) + 1
        fr = framer(nom, used) if used < target else fr
        pl.depths = pl.depths[: len(fr.caps)]
        _end_at_foot(pl, fr.caps)
        return Result(nom, fr, pl, blocks, not over, 0, over, used)
    best = None
    for _cost, st in candidates(parts):
        t = _trial(parts, framer, st, target)
        if t is None:
            continue
        if t[0]:
            best = (t, st)
            break
        if best is None or (t[2], t[1]) < (best[0][2], best[0][1]):
            best = (t, st)
    assert best is not None, "candidates() always yields the nominal setting"
    (filled, short, over, extra, fr, pl, blocks), st = best
    if pl is None:
        blocks = parts.blocks(st)
        _distribute(blocks, extra)
        pl = flow(blocks, fr.caps)
        filled, short, over = _judge(pl, fr.caps)
    return Result(st, fr, pl, blocks, filled, short, over, target, extra)


def _end_at_foot(pl: Placement, caps: list[int]) -> None:
    """版记 sits at the foot of the last page's type area (GB/T 9704)."""
    if not pl.pieces or pl.pieces[-1].block.owner != "end":
        return
    p = pl.pieces[-1]
    if p.column < len(caps):
        p.row = caps[p.column] - (p.end - p.start)
        pl.depths[p.column] = caps[p.column]


# --- what the editor is told ------------------------------------------------------


def changes(parts, res: Result) -> list[str]:
    nom, st = parts.nominal, res.setting
    out = []
    if abs(st.leading - nom.leading) > 1e-6:
        out.append(f"行距 {nom.leading:g}→{st.leading:g} pt")
    if abs(st.body_size - nom.body_size) > 1e-6:
        out.append(f"正文字号 {nom.body_size:g}→{st.body_size:g} pt")
    if abs(st.headline_size - nom.headline_size) > 1e-6:
        out.append(f"小标题字号 {nom.headline_size:g}→{st.headline_size:g} pt")
    if st.portrait_lines != nom.portrait_lines and any(s.portrait for s in parts.groups):
        out.append(f"照片高 {nom.portrait_lines}→{st.portrait_lines} 行")
    seps = [b.lines for b in res.blocks if b.space]
    if seps and (min(seps) != nom.space or max(seps) != nom.space):
        rng = f"{min(seps)}" if min(seps) == max(seps) else f"{min(seps)}–{max(seps)}"
        out.append(f"发言之间空 {nom.space}→{rng} 行")
    air = [b.lines - b.natural for b in res.blocks if not b.space and b.elastic and b.lines > b.natural]
    if air:
        a = max(air)
        out.append(f"小标题上下共留空 {min(air)}–{a} 行" if min(air) != a else f"小标题上下共留空 {a} 行")
    return out


def report(parts, res: Result) -> Report:
    lay = parts.layout
    fr = res.frame
    g = parts.geometry(res.setting.body_size)
    chars = round(g.measure / g.pitch)
    blocks = res.blocks
    rep = Report(
        layout=lay.name,
        meeting=parts.plan.key,
        columns=fr.columns,
        lines_per_column=fr.caps[0] if fr.caps else 0,
        capacity=sum(fr.caps),
        used=sum(b.natural if not b.space else b.lines for b in blocks),
        chars_per_line=chars,
        pages=res.target,
        unplaced=res.over,
        continues=not lay.fit.fill,
    )
    rep.fill = lay.fit.fill
    rep.filled = res.filled
    rep.short = res.short
    rep.changes = changes(parts, res)
    rep.air = sum(b.lines - b.natural for b in blocks)
    rep.loose_lines = sum(getattr(b, "loose", 0) for b in blocks)
    placed: dict[str, int] = {}
    for p in res.placement.pieces:
        if not p.block.space:
            placed[p.block.owner] = placed.get(p.block.owner, 0) + p.end - p.start
    lines: dict[str, int] = {}
    for b in blocks:
        if not b.space:
            lines[b.owner] = lines.get(b.owner, 0) + b.natural
    n = len(parts.groups) or 1
    fixed = sum(v for k, v in lines.items() if k in ("lead", "end"))
    share = (rep.capacity - fixed - sum(b.lines for b in blocks if b.space)) / n
    labels = {"lead": "导语", "end": "版记"}
    printed: dict[str, int] = {}  # characters of each block's paragraphs
    for s in parts.groups:
        labels[s.key] = f"{s.name}（{s.position}）"
    for p in parts.plan.paragraphs:
        printed[p.owner] = printed.get(p.owner, 0) + len(p.text)
    for key in [k for k in labels if k in lines]:
        alloc = share if key not in ("lead", "end") and lay.fit.fill else lines[key]
        chars_n = printed.get(key, 0)
        rep.blocks.append(BlockFit(key, labels[key], chars_n, lines[key], min(lines[key], placed.get(key, 0)), alloc))
    return rep
