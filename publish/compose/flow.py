"""Column flow on the baseline grid (分栏走文).

Everything in the body zone is a block a whole number of grid lines tall (占行),
so text after a headline or a portrait is back on the grid. Paragraphs split
at any line; a headline group is never split and keeps the first lines of
what follows in its column (no 背题). Where a headline group cannot start at
a column foot, the space between speakers in that column grows to close the
hole (or shrinks so that the group fits), within the bounds each space block
carries: a newspaper column ends on its last line.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Block:
    lines: int  # grid lines it takes
    owner: str  # copyfit block it counts for (speaker key, "lead" …)
    payload: object = None  # what the composer draws for it
    splittable: bool = False  # a paragraph: may split between lines
    keep_with_next: int = 0  # lines of the following block that must share its column
    space: bool = False  # blank space or rule that vanishes at the top of a column
    lo: int = 0  # elastic blocks: fewest and most lines the flow may give it
    hi: int = 0
    natural: int = 0  # lines before any 撑版
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

    @property
    def overflow_lines(self) -> int:
        return sum(b.lines - start for b, start in self.rest if not b.space)


def _kept_lines(blocks: list[Block], i: int, keep: int) -> int:
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
        take = min(keep, b.lines)
        n += take
        keep -= take
        j += 1
    return n


def _group_need(blocks: list[Block], i: int) -> int:
    """Lines block i needs at the current row before the column may end: a whole
    headline group with its kept lines, or nothing for text (which splits)."""
    if i >= len(blocks):
        return 0
    b = blocks[i]
    if b.splittable or b.space:
        return 0
    return b.lines + _kept_lines(blocks, i, b.keep_with_next)


def _run_column(blocks, i, start, cap, col, pieces):
    """Fill one column from (i, start). Returns (i, start, row, hole, need, elastic blocks placed)."""
    row = 0
    placed: list[Block] = []
    while i < len(blocks):
        b = blocks[i]
        if b.space:
            if row == 0:
                i += 1
                continue
            need = _group_need(blocks, i + 1)
            if row + b.lines + need > cap:
                # the space itself may give way so that the next group fits
                return i, start, row, cap - row, b.lines + need, placed + [b]
            pieces.append(Piece(b, 0, b.lines, col, row))
            row += b.lines
            placed.append(b)
            i += 1
            continue
        if not b.splittable:
            need = _group_need(blocks, i)
            if row + need > cap:
                return i, start, row, cap - row, need, placed
            pieces.append(Piece(b, 0, b.lines, col, row))
            row += b.lines
            placed.append(b)
            i += 1
            continue
        room = cap - row
        if room <= 0:
            return i, start, row, 0, 0, placed
        take = min(room, b.lines - start)
        pieces.append(Piece(b, start, start + take, col, row))
        row += take
        if start + take < b.lines:
            return i, start + take, row, 0, 0, placed
        i, start = i + 1, 0
    return i, start, row, cap - row, 0, placed


def _resize(placed: list[Block], delta: int) -> bool:
    """Spread delta lines (+ grow, − shrink) over the elastic blocks, one line each in turn."""
    el = [b for b in placed if b.elastic]
    room = sum((b.hi - b.lines) if delta > 0 else (b.lines - b.lo) for b in el)
    if not el or room < abs(delta):
        return False
    step = 1 if delta > 0 else -1
    left = abs(delta)
    while left:
        for b in el if delta < 0 else sorted(el, key=lambda x: x.lines):
            if left and (b.lines < b.hi if step > 0 else b.lines > b.lo):
                b.lines += step
                left -= 1
    return True


def flow(blocks: list[Block], caps: list[int], close_holes: bool = True) -> Placement:
    """Place blocks into columns of the given depths, in order.

    close_holes: a column that would end above its foot (a headline group moved
    on, or the text ran out in the last column) gives the missing lines to the
    elastic blocks in it, or takes lines from them so that the group fits."""
    out = Placement(depths=[0] * len(caps))
    i, start = 0, 0
    for col, cap in enumerate(caps):
        if i >= len(blocks):
            break
        mark = len(out.pieces)
        for _attempt in range(3):
            del out.pieces[mark:]
            ni, ns, row, hole, need, placed = _run_column(blocks, i, start, cap, col, out.pieces)
            if not close_holes or hole <= 0:
                break
            last = col == len(caps) - 1
            options = []
            if ni < len(blocks) and need:
                options.append((-(need - hole), placed))
            if ni < len(blocks) or last:
                options.append((hole, [b for b in placed if b is not blocks[ni]] if ni < len(blocks) else placed))
            if not any(_resize(el, d) for d, el in sorted(options, key=lambda o: abs(o[0]))):
                break
        if ni == i and ns == start and row == 0 and not blocks[i].space:
            out.rest = [(blocks[i], start)] + [(b, 0) for b in blocks[i + 1 :]]
            return out
        out.depths[col] = row
        if ni < len(blocks) and cap - row > 0:
            out.holes += cap - row
        i, start = ni, ns
    if i < len(blocks):
        out.rest = [(blocks[i], start)] + [(b, 0) for b in blocks[i + 1 :]]
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
