"""A build that fails while writing leaves the previous good output byte-identical
and no temporary file behind: a print shop may be picking the old one up."""

from __future__ import annotations

import pytest

import publish.render.pdf as pdf_renderer
from publish.build import BuildOptions, build_many
from publish.errors import InputError, Problem

from .helpers import build, copy_meeting


@pytest.fixture
def good(tmp_path):
    m = copy_meeting(tmp_path)
    out = tmp_path / "out"
    res = build(m, out)
    pdf = res.outputs[0]
    return m, out, pdf, pdf.read_bytes()


def names(out):
    return sorted(p.name for p in out.iterdir())


def _failing_renderer(exc):
    real = pdf_renderer.render_pdf

    def render(comp, path, **kw):
        real(comp, path, **kw)  # the whole new file exists in the temporary path …
        with open(path, "r+b") as f:  # … and is half overwritten when the failure comes
            f.seek(100)
            f.write(b"half-written")
        raise exc

    return render


@pytest.mark.parametrize(
    "exc", [RuntimeError("renderer bug"), KeyboardInterrupt(), InputError(Problem("x.md", 1, "照片无法读取"))], ids=type
)
def test_failed_render_keeps_previous_output(good, monkeypatch, exc):
    m, out, pdf, before = good
    # Different text, so a wrongly replaced file could not pass for the old one.
    f = m / "speakers" / "01-zhang-xiaomei.md"
    f.write_text(f.read_text("utf-8").replace("张小梅", "张晓梅"), "utf-8")
    monkeypatch.setattr(pdf_renderer, "render_pdf", _failing_renderer(exc))
    with pytest.raises(type(exc)):
        build(m, out)
    assert pdf.read_bytes() == before
    assert names(out) == sorted([pdf.name, pdf.with_suffix(".docx").name])


def test_internal_error_in_cli_path_keeps_output(good, monkeypatch, capsys):
    """Through build_many (what the CLI runs): exit 1, a plain message, the old PDF kept."""
    m, out, pdf, before = good
    monkeypatch.setattr(pdf_renderer, "render_pdf", _failing_renderer(RuntimeError("renderer bug")))
    status = build_many([m], BuildOptions(formats=("pdf", "docx"), out_dir=out, quiet=True))
    err = capsys.readouterr().err
    assert status == 1 and "内部错误" in err and "Traceback" not in err
    assert pdf.read_bytes() == before
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))


def test_bad_input_after_good_build_keeps_output(good):
    m, out, pdf, before = good
    (m / "meeting.yaml").write_text("title: [\n", "utf-8")
    with pytest.raises(InputError):
        build(m, out)
    assert pdf.read_bytes() == before
    assert names(out) == sorted([pdf.name, pdf.with_suffix(".docx").name])


def test_output_replaced_whole_on_success(good):
    m, out, pdf, before = good
    f = m / "speakers" / "01-zhang-xiaomei.md"
    f.write_text(f.read_text("utf-8").replace("张小梅", "张晓梅"), "utf-8")
    build(m, out)
    assert pdf.read_bytes() != before and pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert names(out) == sorted([pdf.name, pdf.with_suffix(".docx").name])


def test_docx_failure_keeps_the_old_pair(good, monkeypatch):
    """The PDF and DOCX are replaced together or not at all: a failing DOCX must not
    leave a new PDF beside the old DOCX."""
    import publish.render.docx as docx_renderer

    m, out, pdf, before = good
    docx = pdf.with_suffix(".docx")
    docx_before = docx.read_bytes()
    f = m / "speakers" / "01-zhang-xiaomei.md"
    f.write_text(f.read_text("utf-8").replace("张小梅", "张晓梅"), "utf-8")

    def broken(*a, **kw):
        raise RuntimeError("docx renderer bug")

    monkeypatch.setattr(docx_renderer, "render_docx", broken)
    with pytest.raises(RuntimeError):
        build(m, out)
    assert pdf.read_bytes() == before and docx.read_bytes() == docx_before
    assert names(out) == sorted([pdf.name, docx.name])
