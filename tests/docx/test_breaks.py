"""The PDF's lines handed to the DOCX: cut at the same characters, blanks at a cut dropped,
compressed punctuation measured, and nothing consumed when the page does not spell the text."""

from __future__ import annotations

import types

from publish.compose.boxes import PageBox, TextLine
from publish.render.docx_breaks import PdfLines, squeeze
from publish.typeset.types import Glyph


def _line(text: str, role: str, size: float = 20.0, narrow: dict | None = None) -> TextLine:
    glyphs, x = [], 0.0
    for ch in text:
        w = size - (narrow or {}).get(ch, 0.0)
        glyphs.append(Glyph(ch, "f", size, x, size, w, trim=(size - w) if ch in "“（《" else 0.0))
        x += w
    return TextLine(0, 0, glyphs, "text", role=role)


def _comp(*lines: TextLine):
    page = PageBox(1)
    page.items += lines
    return types.SimpleNamespace(pages=[page])


def test_lines_cut_where_the_pdf_cut_and_phrase_blanks_dropped():
    pdf = PdfLines(_comp(_line("坚定信心真抓实干", "title", 52), _line("奋力夺取开门红", "title", 52)))
    lines, size = pdf.take("title", "坚定信心 真抓实干 奋力夺取开门红")
    assert [t for t, _ in lines] == ["坚定信心 真抓实干", "奋力夺取开门红"]
    assert size == 52
    assert [len(g) for _, g in lines] == [8, 7]


def test_lines_of_each_role_are_taken_in_order():
    pdf = PdfLines(_comp(_line("区委书记", "speaker"), _line("张小梅", "speaker"), _line("区长　李四", "speaker")))
    first, _ = pdf.take("speaker", "区委书记　张小梅")
    second, _ = pdf.take("speaker", "区长　李四")
    assert [t for t, _ in first] == ["区委书记", "张小梅"]
    assert [t for t, _ in second] == ["区长　李四"]


def test_text_the_page_does_not_spell_comes_back_whole():
    pdf = PdfLines(_comp(_line("持续积聚文化力量", "headline")))
    lines, size = pdf.take("headline", "完全不同的小标题")
    assert lines == [("完全不同的小标题", [])] and size is None
    again, _ = pdf.take("headline", "持续积聚文化力量")  # nothing was consumed by the miss
    assert [t for t, _ in again] == ["持续积聚文化力量"]
    assert PdfLines().take("title", "标题") == ([("标题", [])], None)


def test_compressed_opening_mark_is_taken_from_the_glyph_before_it():
    ln = _line("发展“开门红”", "title", 52, narrow={"“": 21.9, "”": 26.0})
    sq = squeeze(ln.glyphs)
    assert round(sq[1], 1) == 21.9  # 展 gives up the blank left of “
    assert sq[2] == 0.0
    assert round(sq[-1], 1) == 26.0  # ” loses its own right half
    assert round(sum(sq), 1) == 47.9
