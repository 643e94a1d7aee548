"""Issue 12, Word in and out: a DOCX `publish build` made imports back to the same content
(and the same PDF bytes); a reporter's DOCX imports like the .txt forms."""

from pathlib import Path

import docx
import pytest

from publish.content import load_meeting
from publish.importer import import_file

from ..conftest import REFERENCE, run_cli

ALL_FIELDS = Path(__file__).parent / "meetings" / "all-fields"
LAYOUTS = ("broadsheet", "tabloid", "a4-bulletin")


def content(m):
    """Everything the content files say, as comparable data (paths aside)."""
    return (
        m.publication,
        m.column,
        m.kicker,
        m.title,
        m.subtitle,
        m.byline,
        [p.spans for p in m.lead],
        [p.spans for p in m.editor_note],
        m.closing_note,
        m.credit,
        m.bulletin,
        m.review,
        m.checked,
        [
            (
                s.key,
                s.headline,
                s.position,
                s.name,
                s.suffix,
                s.attribution,
                s.credit,
                s.section,
                [p.spans for p in s.paragraphs],
            )
            for s in m.speakers
        ],
    )


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("meeting", [REFERENCE, ALL_FIELDS], ids=["reference", "all-fields"])
def test_build_import_build_gives_the_same_content_and_pdf(tmp_path, meeting, layout):
    stem = meeting.name if layout == "broadsheet" else f"{meeting.name}-{layout}"
    r = run_cli("build", meeting, "-l", layout, "-o", tmp_path / "a", "-q")
    assert r.returncode == 0, r.stderr
    back = tmp_path / "back" / meeting.name
    import_file(tmp_path / "a" / f"{stem}.docx", back)
    assert content(load_meeting(back)) == content(load_meeting(meeting))
    r = run_cli("build", back, "-l", layout, "-o", tmp_path / "b", "-q")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "a" / f"{stem}.pdf").read_bytes() == (tmp_path / "b" / f"{stem}.pdf").read_bytes()


def test_edits_made_in_word_come_home(tmp_path):
    r = run_cli("build", REFERENCE, "-f", "docx", "-o", tmp_path / "a", "-q")
    assert r.returncode == 0, r.stderr
    path = tmp_path / "a" / "yongchuan-2026-q1.docx"
    d = docx.Document(str(path))
    body = [p for p in d.paragraphs if p.text.startswith("区委宣传部坚持围绕中心")][0]
    body.runs[0].text = "区委宣传部始终围绕中心" + body.runs[0].text[len("区委宣传部坚持围绕中心") :]
    body.add_run("新增的加粗句。").bold = True
    title = [p for p in d.paragraphs if p.style.name == "主题"][0]
    for run in title.runs[1:]:
        run.text = ""
    title.runs[0].text = "新的主题"
    d.save(str(path))
    import_file(path, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    assert m.title == "新的主题"
    first = m.speakers[0].paragraphs[0]
    assert first.text.startswith("区委宣传部始终围绕中心") and first.spans[-1].text == "新增的加粗句。"
    assert first.spans[-1].bold


def test_reporter_docx_headings_bold_breaks_and_name_table(tmp_path):
    d = docx.Document()
    d.add_heading("凝心聚力谋发展 实干担当开新局", level=1)
    d.add_paragraph("——区2026年工作推进会发言摘登")
    d.add_paragraph("本报记者 王晓丹")
    d.add_paragraph("3月12日，区召开工作推进会，各部门负责同志交流发言。现将发言摘登如下。")
    d.add_heading("坚定信心 开创未来", level=2)
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "区发展改革委主任", "刘建平"
    p = d.add_paragraph("一季度，我们紧盯项目、投资两个关键，")
    p.add_run("全区固定资产投资同比增长8.6%").bold = True
    p.add_run("，重大项目开工率居全市前列。")
    d.add_heading("抓牢粮食安全 建设宜居乡村", level=2)
    two = d.add_paragraph()
    two.add_run("区农业农村委主任 陈书琴")
    two.add_run().add_break()  # soft line break: the text starts on the next line
    two.add_run("完成春播粮食作物面积41万亩，建成高标准农田2.3万亩。")
    src = tmp_path / "copy.docx"
    d.save(str(src))
    report = import_file(src, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    assert [(s.name, s.position, s.headline) for s in m.speakers] == [
        ("刘建平", "区发展改革委主任", "坚定信心 开创未来"),
        ("陈书琴", "区农业农村委主任", "抓牢粮食安全 建设宜居乡村"),
    ]
    spans = m.speakers[0].paragraphs[0].spans
    assert [s.text for s in spans if s.bold] == ["全区固定资产投资同比增长8.6%"]
    assert m.speakers[1].paragraphs[0].text == "完成春播粮食作物面积41万亩，建成高标准农田2.3万亩。"
    assert m.title == "凝心聚力谋发展 实干担当开新局" and report.form == "line"
