"""compose's four stages, each on its own: configure → collect → flow → paint."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from publish.compose import compose_plan
from publish.compose.blocks import GroupContent, SpaceContent, TextContent
from publish.compose.boxes import PageBox, Rule, TextLine
from publish.compose.collect import Collector
from publish.compose.configure import configure
from publish.compose.fitting import search
from publish.compose.flow import Block, flow
from publish.compose.frame import Frames
from publish.compose.metrics import baseline_in
from publish.compose.paint import paint
from publish.compose.paint_blocks import Cell, paint_piece
from publish.content import load_meeting
from publish.errors import InputError
from publish.layout.spec import load_layout
from publish.plan import Para, Separator, SpeakerGroup, plan
from tests.conftest import REFERENCE, ROOT


@pytest.fixture(scope="module")
def broadsheet():
    layout = load_layout("broadsheet")
    cfg = configure(plan(load_meeting(REFERENCE), layout), layout)
    return cfg, Collector(cfg)


def test_configure_geometry_and_nominal_setting(broadsheet):
    cfg, _ = broadsheet
    lay = cfg.layout
    body = lay.style(lay.body_style)
    g = cfg.geometry(body.size)
    assert g.columns == lay.grid.columns
    chars = g.measure / body.size
    assert abs(chars - round(chars)) < 1e-9  # a whole number of characters
    assert abs(g.width - (g.columns * g.measure + (g.columns - 1) * g.gutter)) < 1e-9
    assert abs(g.x0 - (lay.page.left + (lay.page.type_width - g.width) / 2)) < 1e-9  # centred
    nom = cfg.nominal
    assert (nom.leading, nom.body_size, nom.portrait_lines) == (lay.grid.leading, body.size, lay.speaker.portrait_lines)
    assert nom.space == nom.space_lo == nom.space_hi and nom.air_hi == 0


def test_configure_refuses_a_headline_no_size_fits(tmp_path):
    meeting = tmp_path / "m"
    shutil.copytree(REFERENCE, meeting)
    first = sorted((meeting / "speakers").glob("*.md"))[0]
    text = first.read_text("utf-8")
    head = next(ln for ln in text.splitlines() if ln.startswith("headline:"))
    first.write_text(text.replace(head, "headline: " + "推动高质量发展取得新成效" * 6), "utf-8")
    layout = load_layout("broadsheet")
    with pytest.raises(InputError) as e:
        configure(plan(load_meeting(meeting), layout), layout)
    (problem,) = e.value.problems
    assert problem.path == str(first) and problem.line == text.splitlines().index(head) + 1
    assert "小标题" in problem.message


def test_collect_blocks_follow_the_plan_nodes(broadsheet):
    cfg, col = broadsheet
    st = cfg.nominal
    blocks = col.blocks(st)
    printing = [n for n in cfg.plan.body if not (isinstance(n, SpeakerGroup) and n.empty)]
    assert len(blocks) == len(printing)
    for b, node in zip(blocks, printing):
        if isinstance(node, Para):
            assert isinstance(b.content, TextContent) and b.splittable and b.owner == node.owner
            assert b.lines == len(b.content.lines)
            assert "".join(g.ch for ln in b.content.lines for g in ln.glyphs) == node.text
        elif isinstance(node, Separator):
            assert isinstance(b.content, SpaceContent) and b.space and b.lines == st.space
        else:
            assert isinstance(node, SpeakerGroup) and isinstance(b.content, GroupContent)
            assert b.owner == node.key and not b.splittable and b.keep_with_next == cfg.layout.fit.min_body_lines
            assert b.lines * st.leading >= b.content.total - 1e-6
    est = col.estimate(st)
    assert est.lines == sum(b.lines for b in blocks if not b.space)
    assert est.separators == sum(b.space for b in blocks)


def test_flow_gives_sizes_and_leaves_blocks_unchanged():
    text = Block(3, "a", splittable=True)
    space = Block(1, "s", space=True, lo=1, hi=4)
    head = Block(2, "b", keep_with_next=1)
    more = Block(2, "b", splittable=True)
    blocks = [text, space, head, more]
    before = [dataclasses.astuple(b) for b in blocks]
    # the text runs out two lines above the foot of the last column: the space between
    # the speakers grows by two lines to close the hole
    p = flow(blocks, [10])
    assert p.sizes == [3, 3, 2, 2] and p.depths == [10] and not p.rest
    assert [(q.start, q.end, q.row) for q in p.pieces] == [(0, 3, 0), (0, 3, 3), (0, 2, 6), (0, 2, 8)]
    assert [dataclasses.astuple(b) for b in blocks] == before  # the flow's sizes are its own
    q = flow(blocks, [10], close_holes=False)
    assert q.sizes == [3, 1, 2, 2] and q.depths == [8]
    r = flow(blocks, [10], sizes=[3, 2, 2, 2])  # a trial's spacing to begin with
    assert r.sizes == [3, 3, 2, 2]


def test_flow_stage_fills_the_reference_page(broadsheet):
    cfg, col = broadsheet
    res = search(col, Frames(cfg, col.texts), None)
    assert res.filled and res.over == 0
    assert len(res.placement.sizes) == len(res.blocks)
    for b, n in zip(res.blocks, res.placement.sizes):
        assert (b.lo <= n <= b.hi) if b.elastic else n == b.lines
    assert res.placement.depths == res.frame.caps or sum(res.frame.caps) - sum(res.placement.depths) <= 1


def test_frame_reserves_the_continued_line(tmp_path):
    layout = load_layout("broadsheet")
    p = plan(load_meeting(ROOT / "tests" / "meetings" / "two-pages"), layout)
    cfg = configure(p, layout)
    col = Collector(cfg)
    fr = Frames(cfg, col.texts).at(cfg.nominal, 2)
    cols = fr.columns
    assert fr.reserve == [cols - 1]  # page 1's last column keeps its last line for 下转
    assert fr.caps[cols - 1] == fr.caps[0] - 1
    # page 2 starts below the repeated header and the 上接 line
    assert fr.tops[1] > layout.page.top


def test_paint_text_and_separator_pieces():
    from publish.compose.flow import Piece
    from publish.layout.spec import RuleSpec, Style
    from publish.typeset.types import Glyph, Line

    style = Style("body", font="song", size=10.0, leading=20.0)
    lines = [Line([Glyph("字", "F", 10.0, 0.0, 10.0, 10.0)], 10.0, False, False) for _ in range(4)]
    text = Block(4, "a", content=TextContent(lines, style, "body"), splittable=True)
    pg = PageBox(1)
    paint_piece(None, pg, Piece(text, 1, 3, 0, 5), Cell(30.0, 100.0, 140.0, 20.0))
    assert [(t.x, t.baseline, t.role, t.measure) for t in pg.items] == [
        (30.0, baseline_in(100.0, 20.0, 10.0), "body", 140.0),
        (30.0, baseline_in(120.0, 20.0, 10.0), "body", 140.0),
    ]
    rule = RuleSpec(width=0.5, color="text")
    space = Block(1, "s", content=SpaceContent(rule), space=True, lo=1, hi=3)
    pg = PageBox(1)
    paint_piece(None, pg, Piece(space, 0, 3, 0, 0), Cell(30.0, 100.0, 140.0, 20.0))
    (r,) = pg.items
    assert isinstance(r, Rule) and (r.x0, r.x1, r.y0, r.y1) == (30.0, 170.0, 130.0, 130.0)  # centred in 3 lines


def test_paint_draws_what_compose_returns(broadsheet):
    cfg, col = broadsheet
    res = search(col, Frames(cfg, col.texts), None)
    pages = paint(cfg, col.texts, res)
    comp = compose_plan(cfg.plan, cfg.layout)
    assert len(pages) == len(comp.pages)
    for a, b in zip(pages, comp.pages):
        assert [type(i) for i in a.items] == [type(i) for i in b.items]
        assert [(i.x, i.baseline) for i in a.items if isinstance(i, TextLine)] == [
            (i.x, i.baseline) for i in b.items if isinstance(i, TextLine)
        ]
