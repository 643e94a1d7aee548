"""Rule 1: 避头尾 (line-start / line-end prohibitions), push-in and push-out."""

import pytest

from .helpers import brk, texts, widths

MEASURE = 100.0  # 10 em at 10 pt


def test_comma_not_at_line_start_push_out():
    # 10 Han fill the line; "，" may not start line 2.  Push-in would need
    # 10.5 em (comma halved) and there is nothing else to compress, so 十 is
    # carried down with the comma and line 1 is spread.
    lines = brk("一二三四五六七八九十，一二")
    assert [l.text for l in lines] == ["一二三四五六七八九", "十，一二"]
    assert lines[0].push == "out"
    assert lines[0].width == pytest.approx(MEASURE, abs=0.01)
    assert lines[0].stretch == pytest.approx(10 / 8)
    assert not lines[0].loose


def test_push_in_compresses_mid_line_and_line_end_punctuation():
    # 一二，四五六七八九十。 is 11 em; halving the line-end 。 and the mid-line ，
    # makes it exactly 10 em, so push-in wins over carrying 十 down.
    lines = brk("一二，四五六七八九十。三四五")
    assert [l.text for l in lines] == ["一二，四五六七八九十。", "三四五"]
    assert lines[0].push == "in"
    assert widths(lines[0]) == [10, 10, 5, 10, 10, 10, 10, 10, 10, 10, 5]
    assert lines[0].width == pytest.approx(MEASURE)


def test_push_in_halves_a_closing_pair_at_line_end():
    # 。” already compressed to 1.5 em; halving ” at line end gives 10 em.
    lines = brk("一二三四五六七八九。”三四")
    assert [l.text for l in lines] == ["一二三四五六七八九。”", "三四"]
    assert widths(lines[0])[-2:] == [5, 5]
    assert lines[0].width == pytest.approx(MEASURE)


def test_push_out_mode_only_carries_down():
    assert texts("一二三四五六七八九。”三四", kinsoku="push-out") == [
        "一二三四五六七八",
        "九。”三四",
    ]
    assert texts("一二，四五六七八九十。三四五", kinsoku="push-out") == [
        "一二，四五六七八九",
        "十。三四五",
    ]


def test_opening_bracket_not_at_line_end():
    assert texts("一二三四五六七八九（十）") == ["一二三四五六七八九", "（十）"]
    assert texts("一二三四五六七八九“十”") == ["一二三四五六七八九", "“十”"]


def test_chain_of_two_closing_marks_is_carried_together():
    # ）。 after 十: pushing in would need 11 em, so 十）。 goes down.
    assert texts("一二三四五六七八九十）。一") == ["一二三四五六七八九", "十）。一"]


@pytest.mark.parametrize("mark", list("，。、；：？！）」』》〉】〕”’…—·％～"))
def test_line_start_forbidden_marks(mark):
    text = "一二三四五六七八九十" + mark + "甲乙"
    for line in brk(text)[1:]:
        assert line.text[0] != mark


@pytest.mark.parametrize("mark", list("（「『《〈【〔〖“‘"))
def test_line_end_forbidden_marks(mark):
    text = "一二三四五六七八九" + mark + "十甲乙丙"
    for line in brk(text):
        assert line.text[-1] != mark


def test_ascii_closing_punctuation_not_at_line_start():
    lines = brk("一二三四五六七八九十!一")
    assert all(not l.text.startswith("!") for l in lines)


def test_no_push_needed_when_break_is_legal():
    lines = brk("一二三四五六七八九，十一")
    assert [l.text for l in lines] == ["一二三四五六七八九，", "十一"]
    assert lines[0].push == ""
    assert lines[0].stretch == 0


def test_push_in_never_pulls_up_han_or_opening_marks():
    # （ may not end the line; pulling 十 up is not push-in's job: push out.
    assert texts("一二，四五六七八九（十）") == ["一二，四五六七八九", "（十）"]


def test_push_in_regression_closing_then_opening_keep_distinct_origins():
    # Found by hypothesis: trimming both ， and （ mid-line put them on the
    # same origin.  The pair may give up one half only.
    text = "“的“的“的“的的“的的的的，（“的"
    lines = brk(text, measure_em=8, compress_punct=False)
    assert [l.text for l in lines] == ["“的“的“的“的", "的“的的的的，", "（“的"]
    for line in lines:
        xs_ = [g.x for g in line.glyphs]
        assert xs_ == sorted(set(xs_))


def test_push_in_preferred_when_it_fits():
    # Both fixes are possible; push-in (compress ，and 。) wins over spreading.
    lines = brk("一二，四五六七八九十。三四五")
    assert lines[0].push == "in"
    lines = brk("一二，四五六七八九十。三四五", kinsoku="push-out")
    assert lines[0].push == "out"
