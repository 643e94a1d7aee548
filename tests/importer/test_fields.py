"""Issue 12: every field of the content model is printed by every layout, in PDF and DOCX."""

import docx
import pytest

from publish.content import load_meeting
from publish.plan.printed import printed
from publish.layout.templates import Templates, context
from publish.layout.spec import load_layout

from ..conftest import LAYOUTS, build_layouts, han, is_subsequence
from ..robustness.helpers import pdf_text

from pathlib import Path

ALL_FIELDS = Path(__file__).parent / "meetings" / "all-fields"


@pytest.fixture(scope="module")
def all_built(tmp_path_factory):
    return build_layouts(ALL_FIELDS, tmp_path_factory.mktemp("fields"), "-q")


def test_the_meeting_uses_every_field():
    m = load_meeting(ALL_FIELDS)
    assert m.column and m.kicker and m.subtitle and m.editor_note and m.closing_note and m.credit
    assert len(m.byline.reporters) == 3 and m.byline.correspondents and m.byline.note
    assert {s.attribution for s in m.speakers} == {"line", "before", "after", "inline"}
    assert any(s.credit for s in m.speakers) and any(not s.headline for s in m.speakers)
    assert any(not s.position for s in m.speakers) and all(s.suffix for s in m.speakers)
    assert [s.section for s in m.speakers].count("推动产业转型升级") == 2


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_han_character_reaches_pdf_and_docx(all_built, layout):
    m = load_meeting(ALL_FIELDS)
    want = han("".join(m.all_text()))
    pdf, word = all_built[layout]
    assert is_subsequence(want, han(pdf_text(pdf))), layout
    text = "".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert is_subsequence(want, han(text)), layout
    # the printed-only wording is there too: attribution after the text, inline name with its colon
    flat = pdf_text(pdf)
    for piece in (
        "——诸葛文静委员（市政协委员、市第一人民医院副院长）",
        "巴莫曲布嫫委员：",
        "（本版内容以发言先后为序）",
        "（议政）",
        "尉迟浩委员（市经济信息委副主任）：",
    ):
        assert piece in flat and piece in text, (layout, piece)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_docx_names_the_printed_only_lines(all_built, layout):
    styles = [p.style.name for p in docx.Document(str(all_built[layout][1])).paragraphs]
    for name in ("编者按", "文后署名", "整理署名", "结尾说明", "专题"):
        assert name in styles, (layout, name)
    # a topic heading is printed once per run of speakers, not once per speaker
    assert styles.count("专题") == 2


def test_printed_view_places_each_line():
    m = load_meeting(ALL_FIELDS)
    lay = load_layout("tabloid")
    tpl = Templates(lay.folder)
    p = printed(m, tpl, context(m))
    by = {s.key: s for s in p.speakers}
    assert by["01-line"].paragraphs[-1].role == "credit"
    assert by["01-line"].paragraphs[-1].text == "（本报记者雷杰采访整理）"
    assert by["03-after"].paragraphs[-1].role == "attribution"
    assert by["04-inline"].paragraphs[0].spans[0].bold
    assert by["04-inline"].section and not by["05-inline"].section
    assert [q.role for q in p.speakers[-1].paragraphs[-2:]] == ["credit", "closing"]
    assert p.lead[-1].role == "note" and p.lead[-1].text.endswith("——编　者")
