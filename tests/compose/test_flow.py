"""Column flow on the baseline grid (publish/compose/flow.py), block by block: where each
piece lands (column, grid row, which lines), what balancing does to the column feet."""

import pytest

from publish.compose import flow
from publish.compose.flow import Block


def place(blocks, caps):
    """Flow into columns of the given depths, without 撑版 (the flow's API before and after
    the page-fitting rewrite: fill((block, start) pairs) or flow(blocks, close_holes=False))."""
    if hasattr(flow, "flow"):
        return flow.flow(blocks, caps, close_holes=False)
    return flow.fill([(b, 0) for b in blocks], caps)


def balanced(blocks, columns, depth):
    if hasattr(flow, "flow"):
        return flow.balance(blocks, columns, depth)
    return flow.balance([(b, 0) for b in blocks], columns, depth)


def text(n, owner="s"):
    return Block(n, owner, splittable=True)


def headline(n, keep=0, owner="s"):
    return Block(n, owner, keep_with_next=keep)


def space(n=1):
    return Block(n, "space", space=True)


def where(p, block):
    """(start, end, column, row) of each piece of a block."""
    return [(q.start, q.end, q.column, q.row) for q in p.pieces if q.block is block]


def test_paragraph_splits_line_by_line_across_columns():
    para = text(10)
    p = place([para], [4, 4, 4])
    assert where(p, para) == [(0, 4, 0, 0), (4, 8, 1, 0), (8, 10, 2, 0)]
    assert p.depths == [4, 4, 2] and p.rest == [] and p.overflow_lines == 0


def test_text_after_a_headline_stays_on_the_grid_and_continues_in_the_next_column():
    a, h, b = text(3), headline(2), text(5)
    p = place([a, h, b], [6, 6])
    assert where(p, a) == [(0, 3, 0, 0)]
    assert where(p, h) == [(0, 2, 0, 3)]
    assert where(p, b) == [(0, 1, 0, 5), (1, 5, 1, 0)]
    assert p.depths == [6, 4]


def test_headline_group_is_never_split_from_its_first_lines():
    """背题 avoided: a 小标题 needing 2 lines plus 2 kept lines does not start 3 lines from the foot."""
    a, h, b = text(4), headline(2, keep=2), text(5)
    p = place([a, h, b], [7, 7])
    assert where(p, h) == [(0, 2, 1, 0)]
    assert where(p, b) == [(0, 5, 1, 2)]
    assert p.depths == [4, 7]


def test_separator_vanishes_at_a_column_top():
    a, sep, b = text(4), space(), text(3)
    p = place([a, sep, b], [4, 4])
    assert where(p, sep) == []
    assert where(p, b) == [(0, 3, 1, 0)]


def test_separator_kept_between_blocks_in_a_column():
    a, sep, b = text(2), space(), text(3)
    p = place([a, sep, b], [8])
    assert where(p, sep) == [(0, 1, 0, 2)]
    assert where(p, b) == [(0, 3, 0, 3)]
    assert p.depths == [6]


def test_separator_not_stranded_at_a_foot_before_a_group_that_moves_on():
    a, sep, h, b = text(4), space(), headline(2, keep=1), text(3)
    p = place([a, sep, h, b], [6, 6])
    assert where(p, sep) == []
    assert where(p, h) == [(0, 2, 1, 0)]
    assert p.depths[0] == 4


def test_what_does_not_fit_is_returned_with_its_line_count():
    para = text(10)
    p = place([para], [3, 3])
    assert p.rest == [(para, 6)] and p.overflow_lines == 4
    tall = headline(5)
    q = place([tall], [4, 4])
    assert [b for b, _ in q.rest] == [tall] and q.overflow_lines == 5 and q.pieces == []


def test_balance_takes_the_shallowest_setting_with_feet_within_a_line():
    para = text(10)
    p = balanced([para], 3, 20)
    assert p.depths == [4, 3, 3]
    assert where(p, para) == [(0, 4, 0, 0), (4, 7, 1, 0), (7, 10, 2, 0)]


def test_balance_with_speaker_blocks_starts_each_at_a_column_top():
    blocks, heads = [], []
    for k in range(3):
        h = headline(2, keep=2, owner=f"s{k}")
        heads.append(h)
        blocks += [h, text(7, owner=f"s{k}")] + ([space()] if k < 2 else [])
    p = balanced(blocks, 3, 30)
    assert p.rest == [] and p.depths == [9, 9, 9]
    assert [where(p, h) for h in heads] == [[(0, 2, c, 0)] for c in range(3)]
    assert not any(q.block.space for q in p.pieces)  # each separator fell at a foot or a top


@pytest.mark.parametrize("blocks,lines", [([text(3), space(2), headline(2)], 5), ([space()], 0)])
def test_total_lines_counts_text_not_spaces(blocks, lines):
    assert flow.total_lines(blocks) == lines
