"""Issue 17: preflight as a press operator's — each bad PDF its own error and a non-zero
exit; every good PDF we build passes."""

import json
import re
import subprocess

import pikepdf
import pytest

from . import preflight_corpus as corpus
from .conftest import REFERENCE, run_cli


def preflight(path, *args):
    r = run_cli("preflight", path, "--json", *args)
    return r.returncode, (json.loads(r.stdout) if r.stdout.strip() else {}), r


def failed(rep):
    return {c["id"] for c in rep["checks"] if c["status"] == "error"}


def details(rep, check):
    return " ".join(next(c for c in rep["checks"] if c["id"] == check)["details"])


def test_good_corpus_pdf_passes(tmp_path):
    code, rep, r = preflight(corpus.make(tmp_path / "good.pdf"))
    assert code == 0, r.stdout
    assert failed(rep) == set()
    ink = next(c for c in rep["checks"] if c["id"] == "ink")
    assert ink["status"] == "ok" and "最大 200%" in ink["summary"]  # the M100 Y100 box


@pytest.mark.parametrize(
    "fault, check, words",
    [
        ("ink", "ink", ["第 1 页", "总墨量 400%", "C100 M100 Y100 K100", "超过上限 240%", "距成品左边 6"]),
        ("rich_black", "black_text", ["第 1 页", "四色黑 C60 M40 Y40 K100", "距成品左边 20 毫米", "单黑 K100"]),
        ("spot", "spot", ["第 1 页", "专色 Separation/PANTONE 185 C", "改成 CMYK"]),
        ("no_bleed", "bleed", ["第 1 页上边", "从 50 到 80 毫米", "出血"]),
        ("lowres", "images", ["第 1 页", "72 ppi", "低于最低 100 ppi"]),
        ("rgb_photo", "colour", ["图片", "DeviceRGB", "第 1 页"]),
        ("font", "fonts", ["Helvetica", "未嵌入"]),
        ("notrim", "boxes", ["第 1 页", "没有 TrimBox"]),
        ("alpha", "transparency", ["第 1 页", "ca = 0.5"]),
    ],
)
def test_each_fault_has_its_own_error(tmp_path, fault, check, words):
    path = corpus.make(tmp_path / f"{fault}.pdf", fault)
    code, rep, r = preflight(path)
    assert code == 1, r.stdout + r.stderr
    assert failed(rep) == {check}, [(c["id"], c["status"], c["summary"]) for c in rep["checks"]]
    said = details(rep, check)
    for w in words:
        assert w in said, said
    text = run_cli("preflight", path)
    assert text.returncode == 1 and "不能付印" in text.stdout


@pytest.mark.parametrize(
    "fault, words",
    [
        ("encrypted", ["加密"]),
        ("malformed", ["不是有效的 PDF"]),
    ],
)
def test_unreadable_pdf_is_refused(tmp_path, fault, words):
    r = run_cli("preflight", corpus.make(tmp_path / f"{fault}.pdf", fault))
    assert r.returncode != 0 and "Traceback" not in r.stderr
    out = r.stdout + r.stderr
    assert all(w in out for w in words), out


def test_ink_limit_follows_the_layout_or_the_option(tmp_path):
    path = corpus.make(tmp_path / "good.pdf")  # 200 % at most
    assert preflight(path, "--ink-limit", "180")[0] == 1
    code, rep, _ = preflight(path, "--ink-limit", "180")
    assert failed(rep) == {"ink"} and "超过上限 180%" in details(rep, "ink")
    assert preflight(path, "--layout", "broadsheet")[0] == 0


def test_spot_colour_allowed_by_the_layout_is_only_a_warning(tmp_path):
    from publish.preflight import preflight as run

    rep = run(corpus.make(tmp_path / "spot.pdf", "spot"), spot_colours=True)
    assert not rep.failed("spot") and {c.id: c.status for c in rep.checks}["spot"] == "warn"


# --- every good PDF we build passes -------------------------------------------------


@pytest.mark.parametrize("layout", ["broadsheet", "tabloid", "a4-bulletin"])
def test_our_builds_pass_with_and_without_marks(tmp_path, layout):
    for marks in ("--no-marks", "--marks"):
        out = tmp_path / marks
        r = run_cli("build", REFERENCE, "--layout", layout, "-f", "pdf", "-o", out, "-q", marks)
        assert r.returncode == 0, r.stderr
        pdf = next(out.glob("*.pdf"))
        code, rep, res = preflight(pdf, "--layout", layout)
        assert code == 0 and rep["errors"] == 0, res.stdout


# --- marks ------------------------------------------------------------------------


def _separations(pdf, tmp_path, dpi=72):
    """Ghostscript's tiffsep plates of page 1: {ink name: greyscale image (0 = full ink)}."""
    from PIL import Image

    out = tmp_path / "sep.tif"
    subprocess.run(
        [
            "gs",
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-sDEVICE=tiffsep",
            f"-r{dpi}",
            "-dFirstPage=1",
            "-dLastPage=1",
            f"-sOutputFile={out}",
            str(pdf),
        ],
        check=True,
        timeout=300,
    )
    return {
        ink: Image.open(tmp_path / f"sep({ink}).tif").convert("L") for ink in ("Cyan", "Magenta", "Yellow", "Black")
    }


def test_marks_in_every_separation_outside_the_bleed(tmp_path):
    r = run_cli("build", REFERENCE, "-f", "pdf", "-o", tmp_path, "-q", "--marks")
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "yongchuan-2026-q1.pdf"
    with pikepdf.open(pdf) as p:
        page = p.pages[0]
        media = [float(x) for x in page.MediaBox]
        trim = [float(x) for x in page.TrimBox]
        bleed = [float(x) for x in page.BleedBox]
        spaces = {str(k): v for k, v in page.Resources.ColorSpace.items()}
    # the MediaBox grew around the bleed to hold the marks
    assert media[0] < bleed[0] - 10 * corpus.MM and media[3] > bleed[3] + 10 * corpus.MM
    # PDF/X registration colour
    assert any(str(v[0]) == "/Separation" and str(v[1]) == "/All" for v in spaces.values()), spaces
    plates = _separations(pdf, tmp_path)
    scale = 72 / 72
    # the bottom-left crop mark: on the trim's left edge line, below the bleed
    x = round((trim[0] - media[0]) * scale)
    y = round((media[3] - (bleed[1] - 4 * corpus.MM)) * scale)
    for ink, plate in plates.items():
        col = [plate.getpixel((x + dx, y)) for dx in (-1, 0, 1)]
        assert min(col) < 128, (ink, col)
    # the colour bar above the top bleed: its first patch is solid cyan, and cyan only
    cx = round((trim[0] + (trim[2] - trim[0]) / 2 + 17.5 * corpus.MM - media[0]) * scale)
    cy = round((media[3] - (bleed[3] + 3.5 * corpus.MM)) * scale)
    assert plates["Cyan"].getpixel((cx, cy)) < 30
    assert min(plates[i].getpixel((cx, cy)) for i in ("Magenta", "Yellow", "Black")) > 225
    # the slug text is there, outside the bleed, on the black plate
    k = plates["Black"]
    slug = k.crop(
        (
            round((trim[0] - media[0]) * scale),
            round((media[3] - bleed[1]) * scale) + 2,
            round((trim[0] - media[0] + 90 * corpus.MM) * scale),
            round(media[3] * scale),
        )
    )
    assert slug.getextrema()[0] < 128


def test_layout_asks_for_marks_and_package_can_too(tmp_path):
    from publish.layout.spec import load_layout
    import shutil

    lay = tmp_path / "marked"
    shutil.copytree(load_layout("tabloid").folder, lay)
    y = lay / "layout.yaml"
    text, n = re.subn(r"\n  marks: false", "\n  marks: true", y.read_text("utf-8"))
    assert n == 1
    y.write_text(text, "utf-8")
    r = run_cli("build", REFERENCE, "--layout", lay, "-f", "pdf", "-o", tmp_path / "a", "-q")
    assert r.returncode == 0, r.stderr
    with pikepdf.open(next((tmp_path / "a").glob("*.pdf"))) as p:
        m, b = [float(x) for x in p.pages[0].MediaBox], [float(x) for x in p.pages[0].BleedBox]
    assert m[2] - m[0] > b[2] - b[0] + 20 * corpus.MM
    r = run_cli("package", REFERENCE, "--layout", "tabloid", "--marks", "-o", tmp_path / "pkg")
    assert r.returncode == 0, r.stderr + r.stdout
    import zipfile

    z = zipfile.ZipFile(next((tmp_path / "pkg").glob("*.zip")))
    with pikepdf.open(z.open(next(n for n in z.namelist() if n.endswith(".pdf")))) as p:
        m, b = [float(x) for x in p.pages[0].MediaBox], [float(x) for x in p.pages[0].BleedBox]
    assert m[2] - m[0] > b[2] - b[0] + 20 * corpus.MM
    assert json.loads(z.read("preflight.json"))["passed"] is True


def test_a_huge_page_is_measured_more_coarsely_not_refused():
    from types import SimpleNamespace

    from publish.preflight.ink import InkUnavailable, _resolution

    page = lambda w_mm, h_mm: SimpleNamespace(boxes={"MediaBox": [0, 0, w_mm * corpus.MM, h_mm * corpus.MM]})  # noqa: E731
    assert _resolution([page(390, 540)]) == 4
    assert _resolution([page(5080, 5080)]) == 1  # the largest page PDF allows: 200 in
    with pytest.raises(InkUnavailable):
        _resolution([page(20000, 20000)])
