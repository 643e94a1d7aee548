"""The DOCX is written from the page plan: no template rendered and no content read again,
every paragraph's bold runs the plan's, and folio page numbers as Word fields wherever the
layout's footer prints them (a strip's right text, the page count, Chinese numerals)."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest

from publish.compose import compose
from publish.content.loader import load_meeting
from publish.plan import printed as printed_module
from publish.layout.spec import load_layout
from publish.layout.templates import Templates
from publish.model import Bulletin
from publish.plan import Para, SpanRole, plan
from publish.render.docx import render_docx
from tests.conftest import REFERENCE, ROOT, libreoffice_pdfs

pytest.importorskip("docx")
import pypdfium2 as pdfium  # noqa: E402
from lxml import etree  # noqa: E402  (python-docx depends on lxml)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLETIN = Path(__file__).resolve().parent / "bulletin"
ALL_FIELDS = ROOT / "tests" / "importer" / "meetings" / "all-fields"


def _xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def test_the_writer_renders_no_template_and_reads_no_content(tmp_path, monkeypatch):
    meeting, lay = load_meeting(REFERENCE), load_layout("a4-bulletin")
    p, comp = plan(meeting, lay), compose(meeting, lay)
    render_docx(p, lay, tmp_path / "a.docx", composition=comp)

    def forbidden(*a, **kw):
        raise AssertionError("the DOCX writer went back to the templates or the content")

    monkeypatch.setattr(Templates, "render", forbidden)
    monkeypatch.setattr(Templates, "__init__", forbidden)
    monkeypatch.setattr(printed_module, "printed", forbidden)
    monkeypatch.setattr(printed_module, "speaker_line", forbidden)
    render_docx(p, lay, tmp_path / "b.docx", composition=comp)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


@pytest.mark.parametrize("name", ["broadsheet", "tabloid", "a4-bulletin"])
def test_strong_runs_are_the_plans_bold_and_point_spans(tmp_path, name):
    """Each paragraph of the lead and the speeches: the text in the 要点句 character style
    is exactly the plan's bold and point spans, in order."""
    meeting, lay = load_meeting(ALL_FIELDS), load_layout(name)
    p = plan(meeting, lay)
    out = tmp_path / "d.docx"
    render_docx(p, lay, out, composition=compose(meeting, lay))
    paras = [n for n in p.body if isinstance(n, Para)] + [q for h in p.header for q in h.lead]
    want = {n.text: "".join(s.text for s in n.spans if s.role is not SpanRole.BODY) for n in paras}
    point_id = next(
        s.get(f"{W}styleId")
        for s in _xml(out, "word/styles.xml").iter(f"{W}style")
        if s.find(f"{W}name").get(f"{W}val") == "要点句"
    )
    got = {}
    for para in _xml(out, "word/document.xml").iter(f"{W}p"):
        text = "".join(t.text or "" for t in para.iter(f"{W}t"))
        strong = "".join(
            "".join(t.text or "" for t in r.iter(f"{W}t"))
            for r in para.iter(f"{W}r")
            if (rs := r.find(f"{W}rPr/{W}rStyle")) is not None and rs.get(f"{W}val") == point_id
        )
        got[text] = strong
    assert any(want.values())  # the meeting has bold names and 一是 leads
    for text, strong in want.items():
        assert got[text] == strong, text


def _strip_layout(tmp_path: Path, right: str) -> Path:
    folder = tmp_path / "lay"
    shutil.copytree(BULLETIN, folder)
    (folder / "templates" / "folio_left.j2").write_text("渝西都市报", "utf-8")
    (folder / "templates" / "folio_right.j2").write_text(right, "utf-8")
    text = (folder / "layout.yaml").read_text("utf-8")
    text = text.replace(
        "  - {template: folio.j2, style: folio}", "  - {left: folio_left.j2, right: folio_right.j2, style: folio}"
    )
    (folder / "layout.yaml").write_text(text, "utf-8")
    return folder


def _bulletin_meeting():
    m = load_meeting(REFERENCE)
    return dataclasses.replace(m, bulletin=Bulletin(name="工作简报", issue="第 3 期", issuer="永川区委办公室"))


def test_a_folio_strip_numbers_every_page_with_fields(tmp_path):
    """A folio strip with the page number and count in its right text: Word's PAGE and
    NUMPAGES fields there, the left text beside them; LibreOffice prints each page's own."""
    lay = load_layout(str(_strip_layout(tmp_path, "第{{ page }}版　共{{ pages }}版")))
    m = _bulletin_meeting()
    out = tmp_path / "strip.docx"
    comp = compose(m, lay)
    render_docx(plan(m, lay), lay, out, composition=comp)
    footer = _xml(out, "word/footer1.xml")
    codes = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(f"{W}t")) == "渝西都市报第1版　共1版"
    [pdf] = libreoffice_pdfs([out], tmp_path)
    doc = pdfium.PdfDocument(str(pdf))
    n = len(doc)
    assert n > 1
    for i in range(n):
        text = doc[i].get_textpage().get_text_range()
        assert f"第{i + 1}版　共{n}版" in text.replace(" ", ""), i


def test_a_folio_in_chinese_numerals_is_a_chinese_page_field(tmp_path):
    lay = load_layout(str(_strip_layout(tmp_path, "第{{ page | cn_number }}版")))
    m = _bulletin_meeting()
    out = tmp_path / "cn.docx"
    render_docx(plan(m, lay), lay, out, composition=compose(m, lay))
    codes = [t.text.strip() for t in _xml(out, "word/footer1.xml").iter(f"{W}instrText")]
    assert codes == [r"PAGE \* CHINESENUM3"]
