"""Rules 4-6: justification, mixed scripts, paragraph shape and runs."""

import pytest

from publish.typeset import ParaStyle, break_paragraph, lines_text

from .helpers import adv, brk, run, xs

MEASURE = 100.0


def test_non_final_lines_flush_final_line_natural():
    lines = brk("一二三四五六七八九，一二三四五六七八九十。一二三")
    # line 2 is 11 em with nothing to compress but the final 。: pushed out
    assert lines_text(lines) == ["一二三四五六七八九，", "一二三四五六七八九", "十。一二三"]
    for line in lines[:-1]:
        assert line.width == pytest.approx(MEASURE, abs=0.01)
        assert not line.last
    assert lines[-1].last
    assert lines[-1].width == pytest.approx(50)
    assert xs(lines[-1]) == [0, 10, 20, 30, 40]


def test_space_is_spread_evenly_over_gaps():
    lines = brk("一二三四五六七八九十，一二")  # line 1 pushed out: 9 em
    assert xs(lines[0]) == pytest.approx([i * 11.25 for i in range(9)])


def test_no_spreading_inside_dash_or_ellipsis():
    lines = brk("一二三四——五六七八九十")
    first = lines[0]
    assert first.text == "一二三四——五六七八"
    g = first.glyphs
    assert g[5].x - g[4].x == pytest.approx(10)  # —— stays joined
    assert first.width == pytest.approx(MEASURE)


def test_loose_flag():
    lines = brk("一二ABCDEFGHIJKLMNOP")
    assert lines[0].loose
    lines = brk("一二三四五六七八九十，一二")
    assert not lines[0].loose
    # a stricter threshold flags the same line
    lines = brk("一二三四五六七八九十，一二", max_stretch=0.1)
    assert lines[0].loose


def test_first_line_indent():
    lines = brk("一二三四五六七八九十一二三四", indent=20)
    assert lines_text(lines) == ["一二三四五六七八", "九十一二三四"]
    assert lines[0].glyphs[0].x == pytest.approx(20)
    assert lines[0].width == pytest.approx(MEASURE)
    assert lines[1].glyphs[0].x == 0


def test_align_left_and_center():
    lines = brk("一二三四五六七八九十，一二", align="left")
    assert lines[0].width == pytest.approx(90)
    assert xs(lines[0]) == [i * 10 for i in range(9)]
    lines = brk("一二三", align="center")
    assert xs(lines[0]) == [35, 45, 55]
    lines = brk("一二三四五六七八九十，一二", justify=False)
    assert lines[0].width == pytest.approx(90)


def test_han_latin_space():
    lines = brk("一二三四五六七八AB一", han_latin_space=0.25, align="left")
    assert lines_text(lines) == ["一二三四五六七八AB", "一"]
    g = lines[0].glyphs
    assert g[8].x - g[7].x == pytest.approx(12.5)  # 八|A gets 0.25 em
    assert g[9].x - g[8].x == pytest.approx(6)  # inside AB nothing
    assert lines[0].width == pytest.approx(80 + 2.5 + 12)  # none after B at line end
    assert xs(lines[1]) == [0]  # none at line start


def test_han_latin_space_around_number():
    line = brk("约6.2%的", han_latin_space=0.25)[0]
    g = line.glyphs
    assert g[1].x - g[0].x == pytest.approx(12.5)
    assert g[5].x - g[4].x == pytest.approx(3 + 2.5)


def test_mid_paragraph_font_and_size_change():
    bold = run("一是", font="hei-bold", size=12)
    body = run("三四五六七八九十一二三")
    lines = break_paragraph([bold, body], ParaStyle(measure=MEASURE))
    assert lines_text(lines) == ["一是三四五六七八九", "十一二三"]
    first = lines[0]
    assert [g.font for g in first.glyphs[:3]] == ["hei-bold", "hei-bold", "song"]
    assert first.glyphs[1].x == pytest.approx(12 + 6 / 8)
    assert first.max_size == 12
    assert first.width == pytest.approx(MEASURE)


def test_bold_lead_measured_in_bold_metrics():
    def wide(ch):
        return 1.1 * adv(ch)

    bold = run("一是", font="hei-bold", advance=wide, bold=True)
    body = run("三四五六七八九十甲乙")
    lines = break_paragraph([bold, body], ParaStyle(measure=MEASURE))
    # 2 x 11 pt + 7 x 10 pt = 92 pt; the next Han would make 102 pt
    assert lines[0].text == "一是三四五六七八九"
    assert lines[0].glyphs[0].advance == pytest.approx(11)


def test_empty_paragraph():
    assert break_paragraph([], ParaStyle(measure=100)) == []
    assert break_paragraph([run("")], ParaStyle(measure=100)) == []


def test_core_does_not_import_renderers():
    import pathlib

    import publish.typeset as pkg

    src = "".join(p.read_text() for p in pathlib.Path(pkg.__file__).parent.glob("*.py"))
    for name in ("reportlab", "docx", "fontTools", "ttf"):
        assert name not in src


def test_invalid_style():
    with pytest.raises(ValueError):
        ParaStyle(measure=100, align="diagonal")
    with pytest.raises(ValueError):
        ParaStyle(measure=100, kinsoku="hang")


def test_lone_glyph_that_cannot_be_spread_is_flagged_loose():
    # 5-em line: 的 + 1050.7亿 (4.05 em) does not fit, the number may not be
    # split, so 的 stands alone: it cannot reach the measure, and says so.
    lines = brk("的1050.7亿的", measure_em=5)
    assert [l.text for l in lines] == ["的", "1050.7亿", "的"]
    assert lines[0].loose and lines[0].width == pytest.approx(10)
    # A line that is one cluster is letter-spaced rather than left ragged.
    assert lines[1].width == pytest.approx(50)
    assert not lines[1].loose
