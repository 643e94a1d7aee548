"""Column flow on the baseline grid (分栏走文).

Everything in the body zone is a block a whole number of grid lines tall (占行),
so text after a headline or a portrait is back on the grid. Paragraphs split
at any line; a headline group is never split and keeps the first lines of
what follows in its column (no 背题). Where a headline group cannot start at
a column foot, the space between speakers in that column grows to close the
hole (or shrinks so that the group fits), within the bounds each space block
carries: a newspaper column ends on its last line.

Blocks are never changed: the lines each block is given in one flow (its size,
between lo and hi for an elastic block) are the flow's own list, returned with
the placement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .blocks import Content

# A column that would end above its foot is re-run after its elastic blocks were
# resized: once to grow or shrink them, and once more if the group that moved on
# then fits after all (the third run only confirms; more never changes the result).
COLUMN_ATTEMPTS = 3


@dataclass(frozen=True, eq=False)
class Block:
    lines: int  # grid lines it takes as set (before any 撑版)
    owner: str  # copyfit block it counts for (speaker key, "lead" …)
    content: Content | None = None  # what the paint stage draws for it (blocks.py)
    splittable: bool = False  # a paragraph: may split between lines
    keep_with_next: int = 0  # lines of the following block that must share its column
    space: bool = False  # blank space or rule that vanishes at the top of a column
    lo: int = 0  # elastic blocks: fewest and most lines the flow may give it
    hi: int = 0
    loose: int = 0  # lines the typesetter had to set loose (justification)

    @property
    def elastic(self) -> bool:
        return self.hi > self.lo


@dataclass
class Piece:
    block: Block
    start: int  # first line of the block in this piece
    end: int  # one past the last line
    column: int
    row: int  # grid line in the column where the piece begins


@dataclass
class Placement:
    pieces: list[Piece] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)  # lines used per column
    rest: list[tuple[Block, int]] = field(default_factory=list)  # (block, first line not placed)
    holes: int = 0  # lines left empty above a column foot
    sizes: list[int] = field(default_factory=list)  # lines given to each block, in block order
    overflow_lines: int = 0  # lines of text and headings that found no place


class _Column(NamedTuple):
    """Where one column's run stopped."""

    i: int  # next block
    start: int  # its first line not placed
    row: int  # lines used
    hole: int  # lines left above the foot
    need: int  # lines the group that moved on needed
    placed: list[int]  # elastic candidates: indexes of the blocks placed (and a space that gave way)


def _kept_lines(blocks: list[Block], sizes: list[int], i: int, keep: int) -> int:
    """Lines of the blocks after i that must stay with block i (a headline and its first text lines)."""
    n = 0
    j = i + 1
    while keep > 0 and j < len(blocks):
        b = blocks[j]
        if b.space:
            j += 1
            continue
        if not b.splittable:
            break
        take = min(keep, sizes[j])
        n += take
        keep -= take
        j += 1
    return n


def _group_need(blocks: list[Block], sizes: list[int], i: int) -> int:
    """Lines block i needs at the current row before the column may end: a whole
    headline group with its kept lines, or nothing for text (which splits)."""
    if i >= len(blocks):
        return 0
    b = blocks[i]
    if b.splittable or b.space:
        return 0
    return sizes[i] + _kept_lines(blocks, sizes, i, b.keep_with_next)


def _run_column(blocks: list[Block], sizes: list[int], i: int, start: int, cap: int, col: int, pieces) -> _Column:
    """Fill one column from (i, start)."""
    row = 0
    placed: list[int] = []
    while i < len(blocks):
        b, n = blocks[i], sizes[i]
        if b.space:
            if row == 0:
                i += 1
                continue
            need = _group_need(blocks, sizes, i + 1)
            if row + n + need > cap:
                # the space itself may give way so that the next group fits
                return _Column(i, start, row, cap - row, n + need, placed + [i])
        elif not b.splittable:
            need = _group_need(blocks, sizes, i)
            if row + need > cap:
                return _Column(i, start, row, cap - row, need, placed)
        else:
            room = cap - row
            if room <= 0:
                return _Column(i, start, row, 0, 0, placed)
            take = min(room, n - start)
            pieces.append(Piece(b, start, start + take, col, row))
            row += take
            if start + take < n:
                return _Column(i, start + take, row, 0, 0, placed)
            i, start = i + 1, 0
            continue
        pieces.append(Piece(b, 0, n, col, row))
        row += n
        placed.append(i)
        i += 1
    return _Column(i, start, row, cap - row, 0, placed)


def _resize(blocks: list[Block], sizes: list[int], placed: list[int], delta: int) -> bool:
    """Spread delta lines (+ grow, − shrink) over the elastic blocks, one line each in turn."""
    el = [j for j in placed if blocks[j].elastic]
    room = sum((blocks[j].hi - sizes[j]) if delta > 0 else (sizes[j] - blocks[j].lo) for j in el)
    if not el or room < abs(delta):
        return False
    step = 1 if delta > 0 else -1
    left = abs(delta)
    while left:
        for j in el if delta < 0 else sorted(el, key=lambda x: sizes[x]):
            if left and (sizes[j] < blocks[j].hi if step > 0 else sizes[j] > blocks[j].lo):
                sizes[j] += step
                left -= 1
    return True


def _close_hole(blocks: list[Block], sizes: list[int], run: _Column, last: bool) -> bool:
    """Resize the column's elastic blocks so that it ends at its foot: shrink them so that
    the group that moved on fits, or grow them to fill the hole, whichever is the smaller
    change that the blocks allow."""
    more = run.i < len(blocks)
    options = []
    if more and run.need:
        options.append((-(run.need - run.hole), run.placed))
    if more or last:
        options.append((run.hole, [j for j in run.placed if j != run.i] if more else run.placed))
    return any(_resize(blocks, sizes, el, d) for d, el in sorted(options, key=lambda o: abs(o[0])))


def flow(blocks: list[Block], caps: list[int], close_holes: bool = True, sizes: list[int] | None = None) -> Placement:
    """Place blocks into columns of the given depths, in order.

    sizes: lines given to each block to begin with (each block's own lines if None).
    close_holes: a column that would end above its foot (a headline group moved
    on, or the text ran out in the last column) gives the missing lines to the
    elastic blocks in it, or takes lines from them so that the group fits."""
    sizes = list(sizes) if sizes is not None else [b.lines for b in blocks]
    out = Placement(depths=[0] * len(caps), sizes=sizes)
    i, start = 0, 0
    for col, cap in enumerate(caps):
        if i >= len(blocks):
            break
        mark = len(out.pieces)
        for _attempt in range(COLUMN_ATTEMPTS):
            del out.pieces[mark:]
            run = _run_column(blocks, sizes, i, start, cap, col, out.pieces)
            if not close_holes or run.hole <= 0:
                break
            if not _close_hole(blocks, sizes, run, col == len(caps) - 1):
                break
        if run.i == i and run.start == start and run.row == 0 and not blocks[i].space:
            return _rest(out, blocks, i, start)
        out.depths[col] = run.row
        if run.i < len(blocks) and cap - run.row > 0:
            out.holes += cap - run.row
        i, start = run.i, run.start
    return _rest(out, blocks, i, start) if i < len(blocks) else out


def _rest(out: Placement, blocks: list[Block], i: int, start: int) -> Placement:
    out.rest = [(blocks[i], start)] + [(b, 0) for b in blocks[i + 1 :]]
    out.overflow_lines = sum(
        out.sizes[j] - (start if j == i else 0) for j in range(i, len(blocks)) if not blocks[j].space
    )
    return out


def balance(blocks: list[Block], columns: int, depth: int) -> Placement:
    """The shallowest even setting (≤ depth) at which all blocks fit in the columns,
    for a page that is not filled to the foot (columns end level, give or take a line)."""
    content = sum(b.lines for b in blocks if not b.space)
    lo = max(1, -(-content // columns))
    for d in range(lo, depth + 1):
        p = flow(blocks, [d] * columns, close_holes=False)
        if p.rest:
            continue
        for k in range(1, columns):
            q = flow(blocks, [d] * k + [d - 1] * (columns - k), close_holes=False)
            if not q.rest:
                return q
        return p
    return flow(blocks, [depth] * columns, close_holes=False)


def total_lines(blocks: list[Block]) -> int:
    return sum(b.lines for b in blocks if not b.space)
