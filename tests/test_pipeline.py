"""Issue 2: content files → layout → PDF (and DOCX), run from the command line."""

import re
import subprocess

import pytest
from pypdf import PdfReader

from publish.content import load_meeting
from publish.layout.spec import load_layout
from publish.layout.units import MM

from .conftest import REFERENCE, han, is_subsequence, run_cli
from .robustness.helpers import pdf_text as stream_text


def test_reference_builds_one_broadsheet_page(built):
    pdf = built["broadsheet"]["pdf"]
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    layout = load_layout("broadsheet")
    trim = reader.pages[0].trimbox
    assert float(trim.width) == pytest.approx(layout.page.width, abs=0.01)
    assert float(trim.height) == pytest.approx(layout.page.height, abs=0.01)
    assert float(trim.width) == pytest.approx(390 * MM, abs=0.01)


def test_every_font_embedded_and_subset_no_helvetica(built):
    pdf = built["broadsheet"]["pdf"]
    reader = PdfReader(pdf)
    names = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            names.append(str(font["/BaseFont"]))
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fd = desc["/FontDescriptor"].get_object()
            assert any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    assert names
    assert all(re.match(r"^/[A-Z]{6}\+", n) for n in names), names
    raw = pdf.read_bytes()
    assert b"Helvetica" not in raw and b"Times-Roman" not in raw


def test_pdffonts_reports_all_embedded(built):
    out = subprocess.run(["pdffonts", str(built["broadsheet"]["pdf"])], capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub = row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row


def test_pdf_holds_every_chinese_character_in_order(built):
    meeting = load_meeting(REFERENCE)
    text = han(stream_text(built["broadsheet"]["pdf"]))
    assert is_subsequence(han("".join(meeting.all_text())), text)
    # and each paragraph whole, not just scattered characters
    for s in meeting.speakers:
        for p in s.paragraphs:
            assert han(p.text) in text, p.source


def test_cli_version_and_help():
    r = run_cli("--version")
    assert r.returncode == 0 and "publish" in r.stdout
    r = run_cli("build", "--help")
    assert r.returncode == 0 and "--layout" in r.stdout and "--format" in r.stdout


def test_second_build_reuses_font_cache(tmp_path, monkeypatch):
    """The first build converts the fonts; a second one finds them all in the cache."""
    from publish.build import BuildOptions, build_one
    from publish.fonts import subset as subset_mod

    monkeypatch.setenv("PUBLISH_FONT_CACHE", str(tmp_path / "cache"))
    calls = []
    real = subset_mod._make
    monkeypatch.setattr(subset_mod, "_make", lambda face, chars: calls.append(face) or real(face, chars))
    opts = BuildOptions(formats=("pdf",), out_dir=tmp_path / "out", quiet=True)
    build_one(REFERENCE, opts)
    first = len(calls)
    assert first >= 3  # 宋, 黑, 楷 at least
    build_one(REFERENCE, opts)
    assert len(calls) == first
