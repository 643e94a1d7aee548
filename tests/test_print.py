"""Issue: print-shop hand-off — PDF/X output, preflight, reproducible package."""

import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from publish.layout.spec import load_layout
from publish.layout.units import MM
from publish.render.pdfx import read_profile

from .conftest import REFERENCE, pagecheck, run_cli

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TRIM = (390 * MM, 540 * MM)
BLEED = 3 * MM
BODY_SIZE = 10.5  # 五号


def _docx_args():
    import importlib.util

    return "pdf,docx" if importlib.util.find_spec("publish.render.docx") else "pdf"


def build(content, out, *args, env=None):
    r = run_cli("build", content, "-f", "pdf", "-o", out, "-q", *args, env=env)
    assert r.returncode == 0, r.stderr + r.stdout
    return Path(out) / "yongchuan-2026-q1.pdf"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    return build(REFERENCE, tmp_path_factory.mktemp("print"))


@pytest.fixture(scope="module")
def pdf_marks(tmp_path_factory):
    return build(REFERENCE, tmp_path_factory.mktemp("marks"), "--marks")


def boxes(path):
    with pikepdf.open(path) as p:
        page = p.pages[0].obj
        return {k: [float(x) for x in page[f"/{k}"]] for k in ("MediaBox", "TrimBox", "BleedBox")}


def text_fills(path):
    """(fill operands, font size) at every text-showing operator, in drawing order."""
    out = []
    with pikepdf.open(path) as p:
        for page in p.pages:
            fill, size = None, None
            for ins in pikepdf.parse_content_stream(page):
                if isinstance(ins, pikepdf.ContentStreamInlineImage):
                    continue
                op = str(ins.operator)
                if op in ("k", "rg", "g", "sc", "scn"):
                    fill = (op, tuple(round(float(x), 4) for x in ins.operands))
                elif op == "Tf":
                    size = float(ins.operands[1])
                elif op in ("Tj", "TJ", "'", '"'):
                    out.append((fill, size))
    return out


# --- page boxes -----------------------------------------------------------------


def test_pagecheck_sees_embedded_fonts_and_trimbox(pdf):
    rep = pagecheck(pdf)
    assert rep["fonts_not_embedded"] == []
    assert rep["missing_trimbox"] == 0


def test_boxes_trim_bleed_media(pdf):
    b = boxes(pdf)
    tx0, ty0, tx1, ty1 = b["TrimBox"]
    assert tx1 - tx0 == pytest.approx(TRIM[0], abs=0.01)
    assert ty1 - ty0 == pytest.approx(TRIM[1], abs=0.01)
    bx0, by0, bx1, by1 = b["BleedBox"]
    for d in (tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1):
        assert d == pytest.approx(BLEED, abs=0.01)
    assert b["MediaBox"] == pytest.approx(b["BleedBox"], abs=0.01)  # nothing outside the bleed without marks


def test_marks_enlarge_media_box_only(pdf, pdf_marks):
    plain, marked = boxes(pdf), boxes(pdf_marks)
    for k in ("TrimBox", "BleedBox"):
        w = lambda b: (b[2] - b[0], b[3] - b[1])  # noqa: E731
        assert w(marked[k]) == pytest.approx(w(plain[k]), abs=0.01)
    mx0, my0, mx1, my1 = marked["MediaBox"]
    bx0, by0, bx1, by1 = marked["BleedBox"]
    # Crop marks start 3 pt outside the bleed and are 18 pt long; registration marks 22 pt out.
    for room in (bx0 - mx0, by0 - my0, mx1 - bx1, my1 - by1):
        assert room >= 3 + 18
    # And every mark is drawn in K only, inside the media box.
    with pikepdf.open(pdf_marks) as p:
        ops = [str(i.operator) for i in pikepdf.parse_content_stream(p.pages[0])]
    assert "RG" not in ops and "rg" not in ops
    r = run_cli("preflight", pdf_marks)
    assert r.returncode == 0, r.stdout


# --- colour ---------------------------------------------------------------------


def test_no_rgb_anywhere(pdf, tmp_path):
    plain = tmp_path / "qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(plain)], check=True)
    raw = plain.read_bytes()
    assert b"DeviceRGB" not in raw
    assert not re.search(rb"[\d.]+ [\d.]+ [\d.]+ (rg|RG)\b", raw)
    from publish.preflight.scan import scan_pdf

    assert {space for space, _ in scan_pdf(pdf).colour_uses} == {"DeviceCMYK"}


def test_body_text_is_solid_black_k100(pdf):
    fills = text_fills(pdf)
    body = [f for f, size in fills if size == BODY_SIZE]
    assert len(body) > 500
    assert set(body) == {("k", (0.0, 0.0, 0.0, 1.0))}
    # Colours other than K100 are only the layout's red, for title and paper name.
    assert {f for f, _ in fills} <= {("k", (0.0, 0.0, 0.0, 1.0)), ("k", (0.0, 1.0, 1.0, 0.0))}


def test_inkcov_all_black_layout_uses_k_only(tmp_path):
    """With the one red of the broadsheet set to K100, Ghostscript finds no C, M or Y ink."""
    lay = tmp_path / "broadsheet-mono"
    shutil.copytree(load_layout("broadsheet").folder, lay)
    y = lay / "layout.yaml"
    y.write_text(y.read_text("utf-8").replace("red: [0, 100, 100, 0]", "red: [0, 0, 0, 100]"), "utf-8")
    build(REFERENCE, tmp_path / "out", "--layout", lay)
    out = tmp_path / "out" / "yongchuan-2026-q1-broadsheet-mono.pdf"
    r = subprocess.run(["gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(out)], capture_output=True, text=True, check=True)
    c, m, yy, k = map(float, r.stdout.split()[:4])
    assert (c, m, yy) == (0, 0, 0) and k > 0.01, r.stdout


def test_inkcov_reference_only_red_and_black(pdf):
    """The broadsheet's only colour is M+Y red: no cyan at all, and M equals Y."""
    r = subprocess.run(["gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(pdf)], capture_output=True, text=True, check=True)
    c, m, y, k = map(float, r.stdout.split()[:4])
    assert c == 0 and m == y > 0 and k > 0, r.stdout


# --- PDF/X ----------------------------------------------------------------------


def test_pdfx_output_intent_and_keys(pdf):
    from publish.content import load_meeting

    with pikepdf.open(pdf) as p:
        assert p.pdf_version == "1.3"
        oi = p.Root.OutputIntents[0]
        assert oi.Type == "/OutputIntent" and oi.S == "/GTS_PDFX"
        assert str(oi.OutputConditionIdentifier)
        prof = oi.DestOutputProfile
        assert int(prof.N) == 4
        lay = load_layout("broadsheet")
        icc = read_profile(lay.icc_profile, str(lay.source))
        assert prof.read_bytes() == icc
        info = p.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-1:2001"
        assert str(info.GTS_PDFXConformance) == "PDF/X-1a:2001"
        assert info.Trapped == pikepdf.Name("/False")
        assert str(info.Title) == load_meeting(REFERENCE).title
        # No clock time: the publication date, at midnight Beijing time.
        assert str(info.CreationDate) == "D:20260205000000+08'00'" == str(info.ModDate)
        for page in p.pages:
            assert "/Group" not in page.obj
            for gs in page.Resources.get("/ExtGState", {}).values():
                assert float(gs.get("/ca", 1)) == 1 and float(gs.get("/CA", 1)) == 1


def test_pdfx_keeps_fonts_and_content(tmp_path):
    """The PDF/X pass changes catalog and Info only: page content and font programs are as reportlab wrote them."""
    from publish.build import compose_meeting
    from publish.render.pdf import render_pdf
    from publish.render.pdfx import make_pdfx

    meeting, layout, comp = compose_meeting(REFERENCE, "broadsheet")
    raw, x = tmp_path / "raw.pdf", tmp_path / "x.pdf"
    render_pdf(comp, raw)
    shutil.copy(raw, x)
    make_pdfx(x, title=comp.title, icc_profile=layout.icc_profile, date=meeting.publication.date)

    def parts(path):
        with pikepdf.open(path) as p:
            page = p.pages[0]
            fonts = sorted(
                f.DescendantFonts[0].FontDescriptor.FontFile2.read_raw_bytes()
                if "/DescendantFonts" in f
                else f.FontDescriptor.FontFile2.read_raw_bytes()
                for f in page.Resources.Font.values()
            )
            return page.Contents.read_raw_bytes(), fonts

    assert parts(raw) == parts(x)


# --- reproducible ---------------------------------------------------------------


def test_two_builds_byte_identical(pdf, tmp_path):
    again = build(REFERENCE, tmp_path)
    assert again.read_bytes() == pdf.read_bytes()


def test_source_date_epoch(pdf, tmp_path):
    a1 = build(REFERENCE, tmp_path / "a1", env={"SOURCE_DATE_EPOCH": "1767225600"}).read_bytes()
    a2 = build(REFERENCE, tmp_path / "a2", env={"SOURCE_DATE_EPOCH": "1767225600"}).read_bytes()
    b = build(REFERENCE, tmp_path / "b", env={"SOURCE_DATE_EPOCH": "1770000000"}).read_bytes()
    assert a1 == a2
    assert a1 != b and a1 != pdf.read_bytes()
    with pikepdf.open(io.BytesIO(a1)) as p:
        assert str(p.docinfo.CreationDate) == "D:20260101000000+00'00'"
    with pikepdf.open(io.BytesIO(b)) as p:
        assert str(p.docinfo.CreationDate).startswith("D:20260202")


# --- preflight on other people's PDFs -------------------------------------------


def bad_pdf(path: Path, fault: str = "") -> Path:
    """A one-page PDF made directly with reportlab, good for print except for one fault."""
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from publish.render.pdfx import make_pdfx

    if not DEJAVU.exists():
        pytest.skip("DejaVu Sans not installed")
    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    w, h = 100 * MM, 100 * MM
    kw = dict(pagesize=(w + 6 * MM, h + 6 * MM), invariant=1, initialFontName="DejaVu")
    if fault != "notrim":
        kw.update(trimBox=(3 * MM, 3 * MM, w + 3 * MM, h + 3 * MM), bleedBox=(0, 0, w + 6 * MM, h + 6 * MM))
    if fault != "rgb":
        kw["enforceColorSpace"] = "cmyk"
    c = Canvas(str(path), **kw)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont("Helvetica" if fault == "font" else "DejaVu", 12)
    c.drawString(20 * MM, 80 * MM, "Preflight test")
    if fault == "rgb":
        c.setFillColorRGB(1, 0, 0)
    else:
        c.setFillColorCMYK(0, 1, 1, 0)
    c.rect(20 * MM, 60 * MM, 20 * MM, 10 * MM, stroke=0, fill=1)
    if fault == "alpha":
        c.setFillAlpha(0.5)
        c.rect(50 * MM, 60 * MM, 20 * MM, 10 * MM, stroke=0, fill=1)
    # 2 inches wide: 600 px is 300 ppi, 144 px is 72 ppi.
    px = 144 if fault == "lowres" else 600
    from reportlab.lib.utils import ImageReader

    img = Image.new("CMYK", (px, px), (0, 60, 20, 10))
    c.drawImage(ImageReader(img), 20 * MM, 5 * MM, 2 * 72, 2 * 72)
    c.showPage()
    c.save()
    make_pdfx(path, title="印前检查测试", icc_profile=load_layout("broadsheet").icc_profile)
    return path


def preflight_json(path):
    r = run_cli("preflight", path, "--json")
    return r.returncode, json.loads(r.stdout)


def failed(rep):
    return {c["id"] for c in rep["checks"] if c["status"] == "error"}


def test_preflight_good_reportlab_pdf_passes(tmp_path):
    code, rep = preflight_json(bad_pdf(tmp_path / "good.pdf"))
    assert code == 0, rep
    assert failed(rep) == set()
    assert rep["images"][0]["ppi"] == pytest.approx(300, abs=0.5)


@pytest.mark.parametrize(
    "fault, check, named",
    [
        ("font", "fonts", "Helvetica"),
        ("rgb", "colour", "DeviceRGB"),
        ("lowres", "images", "72 ppi"),
        ("notrim", "boxes", "TrimBox"),
        ("alpha", "transparency", "ca = 0.5"),
    ],
)
def test_preflight_flags_each_fault(tmp_path, fault, check, named):
    path = bad_pdf(tmp_path / f"{fault}.pdf", fault)
    code, rep = preflight_json(path)
    assert code == 1
    assert failed(rep) == {check}, rep["checks"]
    r = run_cli("preflight", path)
    assert r.returncode == 1
    line = next(ln for ln in r.stdout.splitlines() if ln.startswith("✗"))
    assert named in r.stdout, r.stdout
    assert "不能付印" in r.stdout and line


def test_preflight_no_pdfx_keys_is_an_error(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    p = tmp_path / "plain.pdf"
    c = Canvas(str(p), invariant=1, enforceColorSpace="cmyk")
    c.rect(10, 10, 10, 10, fill=1)
    c.showPage()
    c.save()
    code, rep = preflight_json(p)
    assert code == 1 and "pdfx" in failed(rep)


def test_preflight_own_build_passes(pdf):
    r = run_cli("preflight", pdf)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert all(ln.startswith(("✓", "印前检查", "结论")) for ln in lines), r.stdout
    assert "PDF/X-1a:2001" in r.stdout and "390.0×540.0 毫米" in r.stdout


def test_preflight_not_a_pdf(tmp_path):
    f = tmp_path / "x.pdf"
    f.write_text("hello")
    r = run_cli("preflight", f)
    assert r.returncode == 2 and "不是有效的 PDF" in r.stderr


# --- portraits ------------------------------------------------------------------


def with_portrait(meeting: Path, size: tuple[int, int]) -> Path:
    from PIL import Image

    (meeting / "portraits").mkdir()
    Image.new("RGB", size, (200, 150, 120)).save(meeting / "portraits" / "zhang.png")
    sp = meeting / "speakers" / "01-zhang-xiaomei.md"
    sp.write_text(
        sp.read_text("utf-8").replace("name: 张小梅\n", "name: 张小梅\nportrait: portraits/zhang.png\n"), "utf-8"
    )
    return sp


def portrait_line(sp: Path) -> int:
    return next(i for i, ln in enumerate(sp.read_text("utf-8").splitlines(), 1) if ln.startswith("portrait:"))


def test_low_resolution_portrait_stops_the_build(meeting_copy, tmp_path):
    sp = with_portrait(meeting_copy, (60, 120))
    r = run_cli("build", meeting_copy, "-f", "pdf", "-o", tmp_path / "out")
    assert r.returncode == 1
    assert f"01-zhang-xiaomei.md:{portrait_line(sp)}:" in r.stderr
    assert "ppi" in r.stderr and "低于最低要求 100 ppi" in r.stderr
    assert not (tmp_path / "out" / "yongchuan-2026-q1.pdf").exists()


def test_medium_resolution_portrait_warns_and_is_cmyk(meeting_copy, tmp_path):
    sp = with_portrait(meeting_copy, (160, 340))  # ~150 ppi in the portrait frame
    r = run_cli("build", meeting_copy, "-f", "pdf", "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert f"01-zhang-xiaomei.md:{portrait_line(sp)}:" in r.stderr and "建议的 200 ppi" in r.stderr
    out = tmp_path / "out" / "yongchuan-2026-q1.pdf"
    code, rep = preflight_json(out)
    assert code == 0
    img = rep["images"][0]
    assert img["colour_space"] == "DeviceCMYK"  # an RGB photo converted for print
    assert 100 <= img["ppi"] < 200
    assert {c["id"]: c["status"] for c in rep["checks"]}["images"] == "warn"


# --- package ------------------------------------------------------------------


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    out = []
    for name in ("p1", "p2"):
        d = tmp_path_factory.mktemp(name)
        r = run_cli("package", REFERENCE, "-o", d)
        assert r.returncode == 0, r.stderr + r.stdout
        out.append(d / "yongchuan-2026-q1-print.zip")
    return out


def test_package_byte_identical(packages):
    a, b = packages
    assert a.read_bytes() == b.read_bytes()


def test_package_manifest_verifies(packages, pdf):
    z = zipfile.ZipFile(packages[0])
    names = z.namelist()
    assert names == sorted(names)
    man = json.loads(z.read("manifest.json"))
    listed = {f["path"]: f for f in man["files"]}
    assert set(listed) == set(names) - {"manifest.json"}
    for name, f in listed.items():
        data = z.read(name)
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"], name
    assert "yongchuan-2026-q1.pdf" in names
    assert z.read("yongchuan-2026-q1.pdf") == pdf.read_bytes()  # the same file a plain build gives
    if "docx" in _docx_args():
        assert "yongchuan-2026-q1.docx" in names
    assert any(n.startswith("proof/") and n.endswith(".png") for n in names)
    assert {"preflight.txt", "preflight.json", "source/yongchuan-2026-q1/meeting.yaml"} <= set(names)
    assert json.loads(z.read("preflight.json"))["passed"] is True
    assert man["layout"]["name"] == "broadsheet"
    from publish import __version__

    assert man["tool"]["version"] == __version__
    fams = {f["family"]: f["licence"] for f in man["fonts"]}
    assert fams and all(v == "SIL Open Font License 1.1" for v in fams.values()), fams
    assert any(f.startswith("Noto") for f in fams)
    assert all(zi.date_time == (2026, 2, 5, 0, 0, 0) for zi in z.infolist())


def test_package_proof_is_trim_size_at_100_dpi(packages):
    from PIL import Image

    z = zipfile.ZipFile(packages[0])
    png = next(n for n in z.namelist() if n.endswith(".png"))
    im = Image.open(io.BytesIO(z.read(png)))
    assert im.mode == "RGB"
    # pdfium rounds the page's pixel size up
    assert im.size[0] == pytest.approx(390 / 25.4 * 100, abs=1)
    assert im.size[1] == pytest.approx(540 / 25.4 * 100, abs=1)


def test_layout_without_profile_builds_but_fails_preflight(tmp_path):
    """No output intent named: a reproducible PDF, but not claimed as PDF/X — preflight says so."""
    lay = tmp_path / "noicc"
    shutil.copytree(load_layout("broadsheet").folder, lay)
    y = lay / "layout.yaml"
    y.write_text(re.sub(r"\n  icc_profile:.*", "", y.read_text("utf-8")), "utf-8")
    build(REFERENCE, tmp_path / "out", "--layout", lay)
    out = tmp_path / "out" / "yongchuan-2026-q1-noicc.pdf"
    code, rep = preflight_json(out)
    assert code == 1 and failed(rep) == {"pdfx"}
    assert rep["pdfx"]["Trapped"] == "/False" and rep["pdfx"]["GTS_PDFXVersion"] is None


def test_docx_byte_identical_when_renderer_present(tmp_path):
    import importlib.util

    if importlib.util.find_spec("publish.render.docx") is None:
        pytest.skip("DOCX renderer not on this branch yet")
    outs = []
    for d in ("d1", "d2"):
        r = run_cli("build", REFERENCE, "-f", "docx", "-o", tmp_path / d, "-q")
        assert r.returncode == 0, r.stderr
        outs.append((tmp_path / d / "yongchuan-2026-q1.docx").read_bytes())
    assert outs[0] == outs[1]
