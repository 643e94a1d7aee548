"""Rule 2: never split ——, ……, or Latin/digit clusters (with 万/亿)."""

import pytest

from .helpers import brk, texts

MEASURE = 100.0


def test_dash_pair_fits_at_line_end():
    assert texts("一二三四五六七八——九十") == ["一二三四五六七八——", "九十"]


def test_dash_pair_not_split_and_not_at_line_start():
    # The break inside —— is illegal and so is the one before it (— never
    # starts a line), so 九—— goes down together.
    lines = brk("一二三四五六七八九——十")
    assert [l.text for l in lines] == ["一二三四五六七八", "九——十"]
    assert lines[0].push == "out"


def test_horizontal_bar_pair_not_split():
    assert texts("一二三四五六七八九――十") == ["一二三四五六七八", "九――十"]


def test_ellipsis_pair_not_split():
    assert texts("一二三四五六七八九……十") == ["一二三四五六七八", "九……十"]


def test_ellipsis_at_paragraph_end():
    assert texts("一二三四五六七八九十……") == ["一二三四五六七八九", "十……"]


def test_number_with_percent_and_decimal_point():
    # 增长了6.2%，达到 is 7.7 em; 1050.7亿 cannot start inside the line.
    lines = brk("增长了6.2%，达到1050.7亿元")
    assert [l.text for l in lines] == ["增长了6.2%，达到", "1050.7亿元"]
    assert lines[0].width == pytest.approx(MEASURE)
    # no spreading inside 6.2%: its glyphs stay at their natural advances
    g = {x.ch: x for x in lines[0].glyphs}
    assert g["."].x - g["6"].x == pytest.approx(5.5)
    assert g["%"].x - g["2"].x == pytest.approx(5.5)


def test_number_keeps_wan_unit():
    assert texts("一二三四五六七八1.46万标箱") == ["一二三四五六七八", "1.46万标箱"]


def test_number_keeps_yi_and_wanyi_units():
    assert texts("一二三四五六七八九2.78万亿元") == ["一二三四五六七八九", "2.78万亿元"]


def test_latin_with_trailing_plus():
    assert texts("一二三四五六七八九AI+行动") == ["一二三四五六七八九", "AI+行动"]


def test_year_not_split():
    assert texts("一二三四五六七八2025年") == ["一二三四五六七八", "2025年"]


def test_letter_and_han_may_split():
    assert texts("一二三四五六七八九A档") == ["一二三四五六七八九A", "档"]


def test_cluster_longer_than_measure_is_broken_as_last_resort():
    text = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    lines = brk(text)
    assert "".join(l.text for l in lines) == text
    assert [l.text for l in lines] == ["ABCDEFGHIJKLMNOP", "QRSTUVWXYZ"]
    assert lines[0].forced
    for line in lines:
        assert line.width <= MEASURE + 0.01
    assert lines[0].width == pytest.approx(MEASURE)  # letter-spaced to the edge


def test_long_cluster_after_han_pushes_out_and_flags_loose():
    lines = brk("一二ABCDEFGHIJKLMNOP")
    assert [l.text for l in lines] == ["一二", "ABCDEFGHIJKLMNOP"]
    assert lines[0].loose
    assert lines[0].width == pytest.approx(MEASURE)


def test_single_glyph_wider_than_measure_still_progresses():
    lines = brk("一二三", measure_em=0.5)
    assert [l.text for l in lines] == ["一", "二", "三"]
