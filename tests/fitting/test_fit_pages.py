"""Issue 13 on the reference and six test meetings, every layout: the page fits itself.

A newspaper page (broadsheet, tabloid) is full to the foot of every column or
`publish fit` says it is not and exits 1; a bulletin (A4) flows on."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from publish.cli import main
from publish.compose import segment
from publish.typeset.classes import is_alnum, is_han

from .helpers import LAYOUTS, MEETINGS, NAMES, composed, empty_share, feet_spread, headline_groups, lines

CASES = [(m, lay) for m in MEETINGS for lay in LAYOUTS]


def _fill_layout(layout):
    return layout.fit.fill


@pytest.mark.parametrize("meeting,layout_name", CASES)
def test_full_page_or_fit_says_so(meeting, layout_name):
    _, layout, comp = composed(meeting, layout_name)
    rep = comp.report
    cols = layout.grid.columns
    result = CliRunner().invoke(main, ["fit", str(MEETINGS[meeting]), "-l", layout_name])
    assert result.exit_code == (0 if rep.ok else 1), result.output
    if not layout.fit.fill:
        assert rep.ok == rep.fits
        return
    full = all(empty_share(comp, pg, cols) <= 0.02 and feet_spread(comp, pg, cols) <= 1 for pg in comp.pages)
    # the exit status matches the page as measured: never 正好 on a page with blank columns
    assert rep.ok == (full and rep.fits), (meeting, layout_name, rep.format())
    if rep.ok:
        assert "排满" in result.output
    elif rep.fits:
        assert "排不满" in result.output and f"空 {rep.short} 行" in result.output


# Pages that must come out full: the mechanism, not luck, is what is tested here.
MUST_FILL = [
    ("reference", "broadsheet"),
    ("reference", "tabloid"),
    ("no-headlines", "tabloid"),
    ("two-pages", "tabloid"),
    ("long-headlines", "tabloid"),
]


@pytest.mark.parametrize("meeting,layout_name", MUST_FILL)
def test_these_pages_fill(meeting, layout_name):
    _, layout, comp = composed(meeting, layout_name)
    assert comp.report.ok, comp.report.format()
    for pg in comp.pages:
        assert empty_share(comp, pg, layout.grid.columns) <= 0.02
        assert feet_spread(comp, pg, layout.grid.columns) <= 1


def test_too_short_and_too_long_exit_1_with_figures():
    _, _, short = composed("short-3", "broadsheet")
    assert not short.report.ok and short.report.fits and short.report.short > 0
    assert "排不满" in short.report.format()
    _, _, long = composed("long-15", "broadsheet")
    assert not long.report.fits and long.report.unplaced > 0
    text = long.report.format()
    assert "排不下" in text and "超出" in text


def test_pages_option_asks_for_a_second_page_with_its_header():
    _, layout, one = composed("two-pages", "tabloid", 1)
    assert not one.report.fits  # one page was asked for: it does not fit, and says so
    _, layout, two = composed("two-pages", "tabloid", 2)
    assert len(two.pages) == 2 and two.report.fits
    second = two.pages[1]
    assert lines(second, "masthead"), "the continued page carries the 版头条"
    assert lines(second, "continued") and lines(two.pages[0], "continued")  # 上接 / 下转


@pytest.mark.parametrize("meeting,layout_name", CASES)
def test_no_beiti(meeting, layout_name):
    """背题: a headline group never stands at a column foot without min_body_lines under it."""
    _, layout, comp = composed(meeting, layout_name)
    need = layout.fit.min_body_lines
    for pg in comp.pages:
        regs = sorted(pg.regions, key=lambda r: (r.column, r.row))
        for k, r in enumerate(regs):
            if r.kind != "head":
                continue
            nxt = regs[k + 1] if k + 1 < len(regs) else None
            assert nxt is not None and nxt.column == r.column and nxt.kind == "text", (meeting, r)
            total = sum(x.lines for x in regs if x.owner == r.owner and x.kind == "text")
            assert nxt.lines >= min(need, total), (meeting, layout_name, r.owner, nxt.lines)


@pytest.mark.parametrize("meeting,layout_name", CASES)
def test_headlines_break_between_words(meeting, layout_name):
    m, layout, comp = composed(meeting, layout_name)
    heads = {s.key: s.headline for s in m.speakers}
    names = NAMES + [s.name for s in m.speakers]
    for pg in comp.pages:
        sizes = {g.size for t in lines(pg, "headline") for g in t.glyphs}
        assert len(sizes) <= 1, f"one 小标题 size a page: {sizes}"
        for owner, texts, _ in headline_groups(pg):
            assert "".join(texts) == heads[owner].replace(" ", ""), owner
            for t in texts:
                assert sum(1 for ch in t if is_han(ch) or is_alnum(ch)) >= 2, f"one character alone: {texts}"
            _assert_breaks(heads[owner], texts, names)
        for t in lines(pg, "speaker"):
            _assert_position_line(t, m, names)


def _assert_breaks(headline: str, texts: list[str], names: list[str]):
    """Every line end is a phrase space, punctuation or a word boundary of the segmenter's
    dictionary, and never inside a name."""
    flat = headline.replace(" ", "")
    spaces, pos = set(), 0
    for ph in headline.split():
        pos += len(ph)
        spaces.add(pos)
    words, pos = set(), 0
    for ph in headline.split():
        for w in segment.words(ph):
            pos += len(w)
            words.add(pos)
    pos = 0
    for t in texts[:-1]:
        pos += len(t)
        ok = pos in spaces or pos in words or flat[pos - 1] in "，、：；！？”》）" or flat[pos] in "“《（"
        assert ok, f"{headline!r} broken inside a word: {texts}"
        for n in names:
            i = flat.find(n)
            while i >= 0:
                assert not (i < pos < i + len(n)), f"name {n} broken: {texts}"
                i = flat.find(n, i + 1)


def _assert_position_line(t, m, names):
    text = "".join(g.ch for g in t.glyphs)
    for s in m.speakers:
        if s.position.startswith(text) or s.name == text:
            return
        if text and text in s.position + s.name:
            full = s.position + s.name
            end = full.index(text) + len(text)
            # a position line breaks after 、 or between position and name
            assert end == len(full) or full[end - 1] == "、" or end == len(s.position), (text, full)
            return


@pytest.mark.parametrize("layout_name", ["broadsheet", "tabloid"])
def test_gutters_as_specified(layout_name):
    _, layout, comp = composed("reference", layout_name)
    body = lines(comp.pages[0], "body")
    xs = sorted({round(t.x, 2) for t in body})
    assert len(xs) == layout.grid.columns
    measure = body[0].measure
    for a, b in zip(xs, xs[1:]):
        assert b - a - measure == pytest.approx(layout.grid.gutter, abs=0.5)
    # the column block is centred in the type area
    left = xs[0] - layout.page.left
    right = layout.page.width - layout.page.right - (xs[-1] + measure)
    assert left == pytest.approx(right, abs=0.5)


def test_lead_across_the_page_at_a_readable_measure():
    _, layout, comp = composed("reference", "broadsheet")
    lead = lines(comp.pages[0], "lead-wide")
    assert lead
    assert max(len(t.glyphs) for t in lead) <= 40


def test_dash_drawn_as_one_rule():
    from publish.compose.boxes import Rule

    _, layout, comp = composed("reference", "broadsheet")
    sub = lines(comp.pages[0], "subtitle")[0]
    d = [g for g in sub.glyphs if g.ch == "—"]
    assert len(d) == 2
    rules = [
        it
        for it in comp.pages[0].items
        if isinstance(it, Rule) and abs(it.y0 - it.y1) < 0.01 and sub.baseline - d[0].size < it.y0 < sub.baseline
    ]
    assert len(rules) == 1
    r = rules[0]
    assert r.x1 - r.x0 == pytest.approx(2 * d[0].size, rel=0.1)
