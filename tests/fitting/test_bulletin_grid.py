"""The A4 bulletin per GB/T 9704-2012: 22 lines × 28 characters in the 156 × 225 mm 版心,
版记 at the foot of the last page, 期号 in the 版头, folios 7 mm below the 版心."""

from __future__ import annotations

import pytest

from publish.compose.boxes import Rule
from publish.layout.units import MM
from publish.typeset.classes import is_han

from .helpers import MEETINGS, composed, lines

A4_CASES = [m for m in MEETINGS]


@pytest.mark.parametrize("meeting", A4_CASES)
def test_22_lines_of_28_characters_on_every_page(meeting):
    _, layout, comp = composed(meeting, "a4-bulletin")
    page = layout.page
    assert page.type_width == pytest.approx(156 * MM, abs=0.5) and page.type_height == pytest.approx(225 * MM, abs=0.5)
    lead = comp.setting.leading
    assert lead * 22 == pytest.approx(225 * MM, abs=0.01)
    pitches: list[float] = []
    for pg in comp.pages:
        body = lines(pg, "body", "lead", "headline", "speaker")
        assert body or pg is comp.pages[-1], "only the last page may hold the 版记 alone"
        rows = set()
        for t in body:
            size = t.glyphs[0].size
            k = (t.baseline - page.top - lead / 2 - 0.38 * size) / lead
            assert abs(k - round(k)) < 0.01, (pg.number, t.baseline)
            assert 0 <= round(k) <= 21
            rows.add(round(k))
        for t in lines(pg, "body"):
            assert t.measure == pytest.approx(156 * MM, abs=0.5)
            for a, b in zip(t.glyphs, t.glyphs[1:]):
                if is_han(a.ch) and is_han(b.ch):
                    pitches.append(round(b.x - a.x, 2))
        if pg.number not in (1, len(comp.pages)):
            taken = {r.row + k for r in pg.regions for k in range(r.lines)}
            assert taken <= set(range(22)) and rows <= taken
            assert rows <= taken
    # Han characters on the grid's pitch, 28 to the 156 mm line (a justified line with a
    # number or Latin in it may open its gaps, never close them)
    from collections import Counter

    assert Counter(pitches).most_common(1)[0][0] == pytest.approx(156 * MM / 28, abs=0.01)
    assert min(pitches) >= 156 * MM / 28 - 0.01


@pytest.mark.parametrize("meeting", A4_CASES)
def test_banji_at_the_foot_of_the_last_page_and_folios(meeting):
    _, layout, comp = composed(meeting, "a4-bulletin")
    page = layout.page
    foot = page.height - page.bottom
    last = comp.pages[-1]
    banji = lines(last, "banji")
    assert banji and all(not lines(pg, "banji") for pg in comp.pages[:-1])
    wide = [
        it
        for it in last.items
        if isinstance(it, Rule)
        and abs(it.y0 - it.y1) < 0.01
        and it.x1 - it.x0 == pytest.approx(page.type_width, abs=0.5)
    ]
    lowest = max(wide, key=lambda r: r.y0)
    assert lowest.y0 == pytest.approx(foot, abs=0.5), "the 版记's last rule on the 版心's foot"
    assert lowest.width == pytest.approx(0.35 * MM, abs=0.01)
    issuing = banji[-1]
    ink = [g for g in issuing.glyphs if g.ch.strip()]
    left, right = ink[0], ink[-1]
    one = left.size
    assert issuing.x + left.x == pytest.approx(page.left + one, abs=0.5), "印发机关 one character in from the left"
    assert issuing.x + right.x + right.advance == pytest.approx(page.left + page.type_width - one, abs=0.5)
    assert "印发" in "".join(g.ch for g in issuing.glyphs)
    for pg in comp.pages:
        folio = lines(pg, "folio")
        assert folio
        top = folio[0].baseline - 0.88 * folio[0].glyphs[0].size
        assert top == pytest.approx(foot + 7 * MM, abs=0.5), "folio 7 mm below the 版心"


def test_issue_number_in_the_masthead():
    m, layout, comp = composed("short-3", "a4-bulletin")
    assert m.bulletin.issue
    issue = lines(comp.pages[0], "bulletin-issue")
    assert issue and "".join(g.ch for g in issue[0].glyphs).replace(" ", "") == m.bulletin.issue.replace(" ", "")
    name = lines(comp.pages[0], "bulletin-name")
    assert name and issue[0].baseline > name[0].baseline
