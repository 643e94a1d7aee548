"""Rule 3: 标点挤压 (punctuation compression) and punctuation width."""

import pytest

from publish.typeset import ParaStyle, break_paragraph

from .helpers import brk, run, widths, xs


def one_line(text, **kw):
    lines = brk(text, measure_em=20, **kw)
    assert len(lines) == 1
    return lines[0]


def test_closing_pair_takes_one_and_a_half_em():
    line = one_line("一“二。”三")
    assert xs(line) == [0, 10, 20, 30, 35, 45]
    assert widths(line) == [10, 10, 10, 5, 10, 10]
    assert line.width == pytest.approx(55)


@pytest.mark.parametrize("pair", ["。”", "”，", "）。", "、“", "，“", "”（", "》、", "！”", "：“"])
def test_first_of_pair_is_halved_when_closing(pair):
    line = one_line("甲" + pair + "乙")
    assert widths(line) == [10, 5, 10, 10]
    assert xs(line) == [0, 10, 15, 25]


def test_second_opening_of_opening_pair_loses_left_half():
    line = one_line("（“一”）")
    # “ origin moves left by 0.5 em so its ink abuts （
    assert xs(line) == [0, 5, 15, 25, 30]
    assert widths(line) == [10, 5, 10, 5, 10]
    assert line.width == pytest.approx(40)


def test_three_marks_in_a_row():
    line = one_line("甲。”）乙")
    assert widths(line) == [10, 5, 5, 10, 10]


def test_compression_off():
    line = one_line("一“二。”三", compress_punct=False)
    assert widths(line) == [10] * 6
    assert line.width == pytest.approx(60)


def test_halfwidth_opening_at_line_start():
    line = one_line("（一二）", halfwidth_opening_at_line_start=True)
    assert xs(line) == [-5, 5, 15, 25]
    assert widths(line)[0] == 5
    # only at line start: mid-line opening marks keep full width
    line = one_line("一（二）", halfwidth_opening_at_line_start=True)
    assert widths(line) == [10, 10, 10, 10]


def test_halfwidth_opening_with_indent():
    lines = brk("“一二”", measure_em=20, indent=20, halfwidth_opening_at_line_start=True)
    assert xs(lines[0]) == [15, 25, 35, 45]


def test_proportional_quotes_are_not_compressed():
    # A font whose quotes are 0.5 em: not full-width punctuation, no trimming.
    def narrow_quotes(ch):
        return 0.5 if ch in "“”" else 1.0

    lines = break_paragraph([run("甲。“乙”", advance=narrow_quotes)], ParaStyle(measure=200))
    assert widths(lines[0]) == [10, 10, 5, 10, 5]


def test_glyph_advance_is_nominal():
    line = one_line("甲。”乙")
    assert [g.advance for g in line.glyphs] == [10, 10, 10, 10]
