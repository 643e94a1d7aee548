"""Issue 3 on the whole page: the body as set in the columns, measured on the composition."""

from collections import defaultdict

import pytest

from publish.build import compose_meeting
from publish.compose.boxes import TextLine
from publish.typeset.classes import LINE_END_FORBIDDEN, LINE_START_FORBIDDEN

from .conftest import REFERENCE


@pytest.fixture(scope="module", params=["broadsheet", "tabloid", "a4-bulletin"])
def setup(request):
    meeting, layout, comp = compose_meeting(REFERENCE, request.param)
    return meeting, layout, comp


def body_lines(comp):
    return [
        (pi, it) for pi, p in enumerate(comp.pages) for it in p.items if isinstance(it, TextLine) and it.role == "body"
    ]


def test_every_non_final_line_flush_to_both_edges(setup):
    _, layout, comp = setup
    lines = body_lines(comp)
    assert len(lines) > 100
    for _, ln in lines:
        g = ln.glyphs[-1]
        right = g.x + g.trim + g.width
        if not ln.last:
            assert right == pytest.approx(ln.measure, abs=0.01), ln
        else:
            assert right <= ln.measure + 0.01
        first = ln.glyphs[0]
        assert first.x + first.trim >= -0.01


def test_no_forbidden_line_start_or_end(setup):
    for _, ln in body_lines(setup[2]):
        text = "".join(g.ch for g in ln.glyphs)
        assert text[0] not in LINE_START_FORBIDDEN, text
        assert text[-1] not in LINE_END_FORBIDDEN, text


def test_paragraphs_indented_two_characters(setup):
    meeting, layout, comp = setup
    # the body on its character grid (GB/T 9704: 28 a line) may be set closer than its size
    pitch = body_lines(comp)[0][1].measure / comp.report.chars_per_line
    starts = [ln for (_, ln), (_, prev) in zip(body_lines(comp)[1:], body_lines(comp)) if prev.last]
    assert len(starts) >= sum(len(s.paragraphs) for s in meeting.speakers) - 1 - len(meeting.speakers)
    for ln in starts:
        g = ln.glyphs[0]
        assert g.x + g.trim == pytest.approx(2 * pitch, abs=0.01)


def test_lines_on_one_baseline_grid_across_columns(setup):
    _, layout, comp = setup
    lead = comp.setting.leading  # as the page was fitted
    by_page = defaultdict(list)
    for pi, ln in body_lines(comp):
        by_page[pi].append(ln.baseline)
    for baselines in by_page.values():
        origin = min(baselines)
        for b in baselines:
            k = (b - origin) / lead
            assert abs(k - round(k)) * lead < 0.01


def test_columns_balanced_at_the_end(setup):
    """On the last page the columns' feet are level, give or take one grid line."""
    _, layout, comp = setup
    if layout.grid.columns == 1:
        pytest.skip("one column")
    last = len(comp.pages) - 1
    feet = defaultdict(float)
    for it in comp.pages[last].items:
        if isinstance(it, TextLine) and it.role in ("body", "lead", "headline", "speaker"):
            feet[round(it.x, 1)] = max(feet[round(it.x, 1)], it.baseline)
    assert len(feet) == layout.grid.columns
    depths = sorted(feet.values())
    assert depths[-1] - depths[0] <= comp.setting.leading + 0.01, depths
