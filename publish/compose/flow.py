"""Column flow on the baseline grid (分栏走文).

Everything in the body zone is a block a whole number of grid lines tall (占行),
so text after a headline or a portrait is back on the grid. Paragraphs split
at any line; a headline group is never split and keeps the first lines of
what follows in its column. The last page is balanced: its columns end at the
same depth, give or take a line.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    lines: int                    # grid lines it takes
    owner: str                    # copyfit block it counts for (speaker key, "lead" …)
    payload: object = None        # what the composer draws for it
    splittable: bool = False      # a paragraph: may split between lines
    keep_with_next: int = 0       # lines of the following block that must share its column
    space: bool = False           # blank space or rule that vanishes at the top of a column


@dataclass
class Piece:
    block: Block
    start: int                    # first line of the block in this piece
    end: int                      # one past the last line
    column: int
    row: int                      # grid line in the column where the piece begins


@dataclass
class Placement:
    pieces: list[Piece] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)   # lines used per column
    rest: list[tuple[Block, int]] = field(default_factory=list)   # (block, first line not placed)

    @property
    def overflow_lines(self) -> int:
        return sum(b.lines - start for b, start in self.rest if not b.space)


def fill(blocks: list[tuple[Block, int]], capacities: list[int], reserve_last: int = 0) -> Placement:
    """Place blocks (each with the line it resumes at) into columns of the given depths.

    reserve_last lines at the foot of the last column are kept free (for 下转 labels)."""
    out = Placement(depths=[0] * len(capacities))
    caps = list(capacities)
    if caps and reserve_last:
        caps[-1] = max(0, caps[-1] - reserve_last)
    col, row = 0, 0
    i = 0
    while i < len(blocks):
        block, start = blocks[i]
        if col >= len(caps):
            out.rest = [(b, s) for b, s in blocks[i:]]
            break
        cap = caps[col]
        if block.space:
            # A separator at a column top is dropped, and so is one whose following
            # headline group will not fit under it: it would only leave a blank foot.
            nxt = blocks[i + 1][0] if i + 1 < len(blocks) else None
            need_next = 0
            if nxt is not None and not nxt.splittable and not nxt.space:
                need_next = nxt.lines + _kept_lines(blocks, i + 1, nxt.keep_with_next)
            if row == 0 or row + block.lines + need_next > cap:
                i += 1
                continue
            out.pieces.append(Piece(block, 0, block.lines, col, row))
            row += block.lines
            out.depths[col] = row
            i += 1
            continue
        remaining = block.lines - start
        if not block.splittable:
            need = remaining + _kept_lines(blocks, i, block.keep_with_next)
            if row + need > cap and row > 0:
                col, row = col + 1, 0
                continue
            if remaining > cap:
                # Taller than a whole column: cannot be placed anywhere.
                out.rest = [(b, s) for b, s in blocks[i:]]
                break
            out.pieces.append(Piece(block, start, block.lines, col, row))
            row += remaining
            out.depths[col] = row
            i += 1
            continue
        room = cap - row
        if room <= 0:
            col, row = col + 1, 0
            continue
        take = min(room, remaining)
        out.pieces.append(Piece(block, start, start + take, col, row))
        row += take
        out.depths[col] = row
        if take < remaining:
            blocks = blocks[:i] + [(block, start + take)] + blocks[i + 1:]
            col, row = col + 1, 0
            continue
        i += 1
    return out


def _kept_lines(blocks, i, keep) -> int:
    """Lines of the blocks after i that must stay with block i (a headline and its first text lines)."""
    n = 0
    j = i + 1
    while keep > 0 and j < len(blocks):
        b, s = blocks[j]
        if b.space:
            j += 1
            continue
        take = min(keep, b.lines - s) if b.splittable else b.lines - s
        n += take
        keep -= take
        j += 1
    return n


def total_lines(blocks: list[Block]) -> int:
    return sum(b.lines for b in blocks if not b.space)


def balance(blocks: list[tuple[Block, int]], columns: int, depth: int) -> Placement:
    """The shallowest even setting (≤ depth) at which all blocks fit in the columns:
    the first columns D lines deep, the rest D − 1, so that the column feet differ
    by one line at most (unless a headline group had to move on)."""
    content = sum(b.lines - s for b, s in blocks if not b.space)
    lo = max(1, -(-content // columns))
    for d in range(lo, depth + 1):
        p = fill(blocks, [d] * columns)
        if p.rest:
            continue
        for k in range(1, columns):
            q = fill(blocks, [d] * k + [d - 1] * (columns - k))
            if not q.rest:
                return q
        return p
    return fill(blocks, [depth] * columns)


def fill_page(blocks: list[Block], columns: int, depth: int):
    """撑版: give the spare lines of an under-full page to the speakers' headline
    groups (more air around each 小标题), as a make-up editor would, so that the
    balanced columns come as close to the foot as that allows. The air is whole
    grid lines, so the text stays on the grid."""
    groups = [b for b in blocks if b.keep_with_next and not b.space]
    if not groups:
        return None
    base = [b.lines for b in groups]
    spare = columns * depth - sum(b.lines for b in blocks)
    best = None
    # more than three extra lines a headline looks like a hole, not air
    for extra in range(min(max(0, spare), 3 * len(groups)), -1, -1):
        q, r = divmod(extra, len(groups))
        for k, b in enumerate(groups):
            b.lines = base[k] + q + (1 if k < r else 0)
        p = balance([(b, 0) for b in blocks], columns, depth)
        if p.rest:
            continue
        # level feet first (a hole at a column foot is worse than a shallower page), then deep, then fuller
        score = (max(p.depths) - min(p.depths) <= 1, min(p.depths), extra)
        if best is None or score > best[0]:
            best = (score, [b.lines for b in groups], p)
        if min(p.depths) >= depth - 1:
            break
    final = best[1] if best else base
    for b, n in zip(groups, final):
        b.lines = n
    if best is None:
        return None
    return close_holes(blocks, groups, base, columns, depth, best[2])


def close_holes(blocks, groups, base, columns, depth, placement):
    """A headline group that does not fit at a column foot leaves a hole there; give
    the groups in that column the hole's lines (as air, up to 3 each) and flow again."""
    for _ in range(columns):
        target = max(placement.depths)
        before = [b.lines for b in groups]
        changed = False
        for col in range(columns - 1):
            hole = target - placement.depths[col]
            if hole <= 0:
                continue
            for piece in placement.pieces:
                b = piece.block
                if piece.column == col and b in groups and hole > 0:
                    room = base[groups.index(b)] + 3 - b.lines
                    add = min(room, hole)
                    if add > 0:
                        b.lines += add
                        hole -= add
                        changed = True
        if not changed:
            break
        trial = balance([(b, 0) for b in blocks], columns, depth)
        if trial.rest or max(trial.depths) - min(trial.depths) > max(placement.depths) - min(placement.depths):
            for b, n in zip(groups, before):
                b.lines = n
            break
        placement = trial
    return placement
