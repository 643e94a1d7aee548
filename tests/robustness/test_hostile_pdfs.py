"""Malformed, encrypted and explosive PDFs given to `publish preflight`: never a
crash or a hang, never "可以付印"; what could not be read is named (无法读取对象 N)."""

from __future__ import annotations

import os
import zlib

import pytest

from .bounded import bounded, cli


def _page(pdf, content: bytes, **extra):
    import pikepdf

    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 200, 200],
        Contents=pdf.make_stream(content),
        Resources=pikepdf.Dictionary(),
        **extra,
    )
    pdf.pages.append(pikepdf.Page(page))
    return pdf.pages[-1]


def _save(pdf, path, **kw):
    pdf.save(path, **kw)
    return path


def _structure(path):
    """The structure check of preflight, run bounded in a child: (status, summary, details)."""
    from publish.preflight import preflight

    rep = preflight(path)
    c = next(c for c in rep.checks if c.id == "structure")
    return c.status, c.summary, list(c.details), rep.errors


def _probe(path, seconds=60, mem_mb=1024):
    res = bounded(_structure, path, seconds=seconds, mem_mb=mem_mb)
    assert res.status == 0, res.messages
    return res.value


def test_encrypted_pdf_is_not_printable(tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    _page(pdf, b"0 0 1 rg 0 0 10 10 re f")
    path = _save(pdf, tmp_path / "enc.pdf", encryption=pikepdf.Encryption(owner="secret", user="", R=4))
    status, summary, det, errors = _probe(path)
    assert (status, summary) == ("error", "文件已加密") and errors >= 1
    assert det[0].startswith("文件已加密（") and det[0].endswith("）：PDF/X 不允许加密，印厂的 RIP 可能拒收")
    r = cli("preflight", path)
    assert r.returncode == 1 and "可以付印" not in r.stdout and "文件已加密" in r.stdout


def test_pdf_needing_a_password(tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    _page(pdf, b"")
    path = _save(pdf, tmp_path / "pw.pdf", encryption=pikepdf.Encryption(owner="o", user="u", R=6))
    r = cli("preflight", path)
    assert (r.returncode, r.stderr.strip()) == (
        2,
        f"{path}: 无法打开：文件已加密，需要密码。PDF/X 不允许加密，请向对方要未加密的文件。",
    )


def test_not_a_pdf(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"GIF89a not a pdf at all")
    r = cli("preflight", path)
    assert r.returncode == 2 and r.stderr.startswith(f"{path}: 无法打开：不是有效的 PDF 文件（")


def test_pdf_is_a_fifo(tmp_path):
    path = tmp_path / "x.pdf"
    os.mkfifo(path)
    r = cli("preflight", path, seconds=30)
    assert (r.returncode, r.stderr.strip()) == (
        2,
        f"{path}: 这不是普通文件，而是命名管道（FIFO），不能作为PDF 文件读取。请换成真正的文件。",
    )


def _malformed(kind, tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    if kind == "name_as_number":
        _page(pdf, b"/A /B /C /D /E /F cm 0 0 10 10 re f")
    elif kind == "empty_descendant_fonts":
        page = _page(pdf, b"BT /F1 12 Tf (a) Tj ET")
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type0,
                BaseFont=pikepdf.Name("/ABCDEF+X"),
                DescendantFonts=pikepdf.Array(),
            )
        )
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    elif kind == "output_intents_dict":
        _page(pdf, b"")
        pdf.Root.OutputIntents = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.GTS_PDFX))
    elif kind == "font_is_a_number":
        page = _page(pdf, b"BT /F1 12 Tf (a) Tj ET")
        page.obj.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=pdf.make_indirect(pikepdf.Object.parse(b"42")))
        )
    elif kind == "xobject_is_a_string":
        page = _page(pdf, b"/X1 Do")
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X1=pikepdf.String("no")))
    elif kind == "contents_is_a_number":
        page = _page(pdf, b"")
        page.obj.Contents = pdf.make_indirect(pikepdf.Object.parse(b"7"))
    elif kind == "image_width_is_a_name":
        page = _page(pdf, b"q 10 0 0 10 0 0 cm /I1 Do Q")
        img = pdf.make_stream(
            b"\0" * 3,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=pikepdf.Name.Wide,
            Height=1,
            ColorSpace=pikepdf.Name.DeviceRGB,
            BitsPerComponent=8,
        )
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(I1=img))
    elif kind == "annots_not_array":
        page = _page(pdf, b"")
        page.obj.Annots = pikepdf.Array([5, pikepdf.Dictionary(AP=5)])
    elif kind == "ext_gstate_ca_is_a_name":
        page = _page(pdf, b"/G1 gs")
        page.obj.Resources = pikepdf.Dictionary(
            ExtGState=pikepdf.Dictionary(G1=pikepdf.Dictionary(ca=pikepdf.Name.Half))
        )
    return _save(pdf, tmp_path / f"{kind}.pdf")


MALFORMED = [
    "name_as_number",
    "empty_descendant_fonts",
    "output_intents_dict",
    "font_is_a_number",
    "xobject_is_a_string",
    "contents_is_a_number",
    "image_width_is_a_name",
    "annots_not_array",
    "ext_gstate_ca_is_a_name",
]


@pytest.mark.parametrize("kind", MALFORMED)
def test_malformed_pdf_is_reported_not_crashed(kind, tmp_path):
    path = _malformed(kind, tmp_path)
    status, summary, det, errors = _probe(path)
    assert status == "error" and errors >= 1
    assert any(d.startswith("无法读取对象 ") for d in det), det
    r = cli("preflight", path)
    assert r.returncode == 1 and "无法读取对象 " in r.stdout and "可以付印" not in r.stdout


def test_output_intents_dict_names_the_object(tmp_path):
    path = _malformed("output_intents_dict", tmp_path)
    _, summary, det, _ = _probe(path)
    assert summary == "1 个对象无法读取"
    assert det == ["无法读取对象 1（输出意图）：OutputIntents 应为数组"]


def test_four_million_operators(tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    _page(pdf, b"")
    pdf.pages[0].obj.Contents = pdf.make_stream(zlib.compress(b"q Q\n" * 4_000_000, 9), Filter=pikepdf.Name.FlateDecode)
    path = _save(pdf, tmp_path / "ops.pdf", compress_streams=False)
    assert path.stat().st_size < 200_000
    status, summary, det, _ = _probe(path, seconds=60, mem_mb=700)
    assert (status, summary) == ("error", "超出检查上限，未能完整检查")
    assert det == ["第 1 页：内容流的操作总数超过 400000 个（检查的上限）"]


def test_flate_bomb_content_stream(tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    _page(pdf, b"")
    z = zlib.compressobj(9)
    raw = b"".join(z.compress(b" " * (1 << 20)) for _ in range(1024)) + z.flush()  # 1 GB of spaces
    pdf.pages[0].obj.Contents = pdf.make_stream(raw, Filter=pikepdf.Name.FlateDecode)
    path = _save(pdf, tmp_path / "bomb.pdf", compress_streams=False)
    status, summary, det, _ = _probe(path, seconds=60, mem_mb=700)
    assert (status, det) == ("error", ["第 1 页：内容流解压后超过 16 MB"])


def test_nested_forms_fan_out(tmp_path):
    """A few KB: each form draws the next one 10 times with a different matrix, 12 deep (10^12 walks)."""
    import pikepdf

    pdf = pikepdf.new()
    page = _page(pdf, b"/F0 Do")
    prev = None
    for level in reversed(range(12)):
        # Offsets of a different magnitude per level: every path through the forms has its own matrix.
        body = (
            b"0 0 1 1 re f"
            if prev is None
            else b"".join(b"q 1 0 0 1 %d 0 cm /N Do Q\n" % (i * 10**level) for i in range(10))
        )
        res = pikepdf.Dictionary() if prev is None else pikepdf.Dictionary(XObject=pikepdf.Dictionary(N=prev))
        prev = pdf.make_stream(
            body, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10], Resources=res
        )
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F0=prev))
    path = _save(pdf, tmp_path / "forms.pdf")
    assert path.stat().st_size < 8000
    status, summary, det, _ = _probe(path, seconds=60, mem_mb=700)
    assert (status, summary) == ("error", "超出检查上限，未能完整检查")
    assert det and all("检查的上限" in d or "嵌套" in d for d in det)


def test_form_that_draws_itself(tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    page = _page(pdf, b"/F0 Do")
    form = pdf.make_stream(
        b"q 0.5 0 0 0.5 0 0 cm /Me Do Q", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10]
    )
    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Me=form))
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F0=form))
    path = _save(pdf, tmp_path / "self.pdf")
    status, summary, det, _ = _probe(path)
    assert status == "error" and det == ["第 1 页：表单嵌套超过 12 层"]


def test_good_pdf_passes_structure(tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    _page(pdf, b"0 0 0 1 k 0 0 10 10 re f")
    path = _save(pdf, tmp_path / "ok.pdf")
    status, summary, det, _ = _probe(path)
    assert (status, summary, det) == ("ok", "可以完整读取，未加密", [])
