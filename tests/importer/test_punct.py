from hypothesis import given, settings, strategies as st

from publish.importer.punct import normalise

from .helpers import fold


def changes(text):
    return [(e.before, e.after) for e in normalise(text)[1]]


def test_commas_and_semicolons_next_to_chinese_become_full_width():
    assert normalise("2月3日下午,永川区召开")[0] == "2月3日下午，永川区召开"
    assert normalise("增长102.5%;西部陆海")[0] == "增长102.5%；西部陆海"
    assert changes("稳中向好,增长4.1%;进出口") == [(",", "，"), (";", "；")]


def test_numbers_percentages_and_latin_are_left_alone():
    for text in (
        "增速6.2%，",
        "AI+文明润城",
        "列全市A档。",
        "总产值1050.7亿元",
        "Hello, world",
        "比例为3:1",
        "共1,625个",
    ):
        assert normalise(text) == (text, [])


def test_brackets_are_converted_as_a_pair():
    assert normalise("和旺物流园(一期)扩建")[0] == "和旺物流园（一期）扩建"
    assert normalise("人工智能(AI)技术")[0] == "人工智能（AI）技术"


def test_straight_quotes_become_paired_chinese_quotes():
    assert normalise('推广"AI+制造"应用，打造"智能工厂"。')[0] == "推广“AI+制造”应用，打造“智能工厂”。"
    assert normalise("他说'好'吧")[0] == "他说‘好’吧"
    assert normalise("it's fine")[0] == "it's fine"


def test_ellipsis_and_dashes():
    assert normalise("同志发言...以下")[0] == "同志发言……以下"
    assert normalise("稳中有进。。。稳中提质")[0] == "稳中有进……稳中提质"
    assert normalise("数字产业--软件")[0] == "数字产业——软件"
    assert normalise("——永川区")[0] == "——永川区"
    assert normalise("--永川区")[0] == "——永川区"


def test_question_exclamation_colon_and_final_stop():
    assert normalise("突破2.3亿次!")[0] == "突破2.3亿次！"
    assert normalise("时间:上午")[0] == "时间：上午"
    assert normalise("覆盖率达68.5%.")[0] == "覆盖率达68.5%。"
    assert normalise("区委 , 区政府")[0] == "区委，区政府"


_alphabet = st.sampled_from(list("永川区发展一是二是AIz0123456789.%+ ,;:?!()\"'-—…。，“”（）\u3000《》"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_alphabet, max_size=40))
def test_normalisation_never_loses_or_reorders_characters(text):
    out, edits = normalise(text)
    assert fold(out) == fold(text)
    # Every edit is listed, and applying the listed edits is the whole change.
    assert all(e.before != e.after for e in edits)
