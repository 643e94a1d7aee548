"""Issue 4: the 发言摘登 page in three layouts, measured on the PDF."""

import math

import pdfplumber
import pytest
from pypdf import PdfReader

from publish.build import compose_meeting
from publish.content import load_meeting
from publish.fonts.resolve import find_face
from publish.layout.spec import load_layout

from .conftest import LAYOUTS, REFERENCE, build_layouts, han, pagecheck, run_cli


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    built = build_layouts(REFERENCE, tmp_path_factory.mktemp("layouts"), "-f", "pdf")
    return {name: pdf for name, (pdf, _) in built.items()}


def font_family_key(layout, role):
    """The PostScript name the PDF shows for the role's face (after the subset tag)."""
    from fontTools.ttLib import TTFont

    face = next(f for f in (find_face(n) for n in layout.fonts[role]) if f)
    return "+" + TTFont(face.path, fontNumber=face.index, lazy=True)["name"].getDebugName(6)


@pytest.mark.parametrize("name", LAYOUTS)
def test_page_count_and_size(pdfs, name):
    layout = load_layout(name)
    reader = PdfReader(pdfs[name])
    _, _, comp = compose_meeting(REFERENCE, name)
    assert len(reader.pages) == len(comp.pages)
    if name != "a4-bulletin":
        assert len(reader.pages) == 1  # the whole meeting on one newspaper page
    else:
        assert len(reader.pages) >= 3
    for page in reader.pages:
        assert float(page.trimbox.width) == pytest.approx(layout.page.width, abs=0.01)
        assert float(page.trimbox.height) == pytest.approx(layout.page.height, abs=0.01)


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_speaker_name_and_headline_in_its_font_and_size(pdfs, name):
    layout = load_layout(name)
    meeting = load_meeting(REFERENCE)
    hs = layout.style(layout.speaker.headline_style)
    ls = layout.style(layout.speaker.line_style)
    head_font = font_family_key(layout, hs.font)
    line_font = font_family_key(layout, ls.font)
    with pdfplumber.open(pdfs[name]) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]

    def text_in(font_key, size_ok):
        return han("".join(c["text"] for c in chars if font_key in c["fontname"] and size_ok(c["size"])))

    heads = text_in(head_font, lambda s: (hs.min_size or hs.size) - 0.01 <= s <= hs.size + 0.01)
    names = text_in(line_font, lambda s: (ls.min_size or ls.size) - 0.01 <= s <= ls.size + 0.01)
    for s in meeting.speakers:
        assert han(s.headline) in heads, s.headline
        assert han(s.name) in names and han(s.position) in names, s.name


@pytest.mark.parametrize("name", ("broadsheet", "tabloid"))
def test_columns_carry_rules(pdfs, name):
    layout = load_layout(name)
    with pdfplumber.open(pdfs[name]) as pdf:
        page = pdf.pages[0]
        vertical = [ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.01 and ln["height"] > 100]
        xs = sorted({round(ln["x0"], 1) for ln in vertical})
        body = [c for c in page.chars if c["size"] == layout.style("body").size]
    assert len(xs) == layout.grid.columns - 1
    # each rule stands in a gutter: no body glyph crosses it
    for x in xs:
        assert not any(c["x0"] < x < c["x1"] for c in body)


@pytest.mark.parametrize("name", LAYOUTS)
def test_pagecheck_all_zero(pdfs, name):
    res = pagecheck(pdfs[name])
    for key in (
        "start_violations",
        "end_violations",
        "ragged_lines",
        "off_grid_lines",
        "halfwidth_punct",
        "missing_trimbox",
    ):
        assert res[key] == 0, (key, res["examples"])
    assert res["fonts_not_embedded"] == []
    assert res["lines"] > 100


def test_a4_bulletin_folios_outside_and_banji_on_last_page(pdfs):
    layout = load_layout("a4-bulletin")
    with pdfplumber.open(pdfs["a4-bulletin"]) as pdf:
        for i, page in enumerate(pdf.pages, 1):
            folio = [c for c in page.chars if c["top"] > page.height - layout.page.bleed - layout.page.bottom]
            text = "".join(c["text"] for c in folio)
            assert f"— {i} —".replace(" ", "") in text.replace(" ", ""), text
            mid = sum(c["x0"] for c in folio) / len(folio)
            assert (mid > page.width / 2) == (i % 2 == 1)  # 单页居右、双页居左
        last = "".join(c["text"] for c in pdf.pages[-1].chars)
        assert "印发" in last
        first = "".join(c["text"] for c in pdf.pages[0].chars)
        assert "工作简报" in first


# --- copyfit -------------------------------------------------------------------


def _report(folder, layout="broadsheet"):
    return compose_meeting(folder, layout)[2].report


def _block(report, key):
    return next(b for b in report.blocks if b.key == key)


FILLER = "推动各项决策部署落细落实，见行见效，持续巩固良好发展态势。"


def _add_text(folder, key, n_chars):
    f = folder / "speakers" / f"{key}.md"
    extra = (FILLER * (n_chars // len(FILLER) + 1))[: n_chars - 1] + "。"
    f.write_text(f.read_text("utf-8").rstrip("\n") + "\n\n" + extra + "\n", "utf-8")
    return extra


def test_copyfit_adding_200_chars_names_the_block(meeting_copy):
    key = "03-tang-zhiyong"
    before = _report(meeting_copy)
    _add_text(meeting_copy, key, 200)
    after = _report(meeting_copy)
    cpl = after.chars_per_line
    expected = math.ceil((200 + 2) / cpl)  # a new paragraph, indented two characters
    grown = _block(after, key).lines - _block(before, key).lines
    assert abs(grown - expected) <= 1
    # the page refits (leading, spacing), so the share moves too: the grown block is
    # now the one most over its share, by about what it grew beyond the others
    assert _block(after, key).over == max(b.over for b in after.blocks if b.key not in ("lead", "end"))
    assert _block(after, key).over - _block(before, key).over >= grown // 2
    others = [b.lines for b in after.blocks if b.key != key]
    assert others == [b.lines for b in before.blocks if b.key != key]
    line = next(ln for ln in after.format().splitlines() if "唐智勇" in ln)
    assert f"{_block(after, key).lines} 行" in line


def test_copyfit_overflow_fails_build_and_names_block(meeting_copy, tmp_path):
    key = "05-hu-shaohua"
    before = _report(meeting_copy)
    spare = before.capacity - before.used
    # clearly more than the page holds even at the tightest setting the layout allows
    add = (spare + before.capacity // 2) * before.chars_per_line
    _add_text(meeting_copy, key, add)
    after = _report(meeting_copy)
    assert not after.fits
    assert abs(after.overflow - (after.used - after.capacity)) <= 1
    r = run_cli("build", meeting_copy, "-o", tmp_path / "out")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "超出" in r.stderr and f"超出 {after.overflow} 行" in r.stderr
    hu = next(ln for ln in r.stderr.splitlines() if "胡绍华" in ln)
    assert "超出" in hu
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_copyfit_removing_text_reports_underfill(meeting_copy):
    key = "01-zhang-xiaomei"
    before = _report(meeting_copy)
    f = meeting_copy / "speakers" / f"{key}.md"
    paras = f.read_text("utf-8").split("\n\n")
    removed = paras.pop()  # the last point, 三是…
    f.write_text("\n\n".join(paras) + "\n", "utf-8")
    after = _report(meeting_copy)
    lost = _block(before, key).lines - _block(after, key).lines
    expected = math.ceil((len(removed.strip()) + 2) / before.chars_per_line)
    assert abs(lost - expected) <= 1
    assert sum(b.lines for b in after.blocks) == sum(b.lines for b in before.blocks) - lost
    assert after.ok == after.filled and (after.filled or "排不满" in after.format())
    line = next(ln for ln in after.format().splitlines() if "张小梅" in ln)
    assert "不足" in line


def test_fit_command_prints_report_without_outputs(tmp_path):
    r = run_cli("fit", REFERENCE, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "张小梅" in r.stdout and "全版" in r.stdout
    assert not any(tmp_path.iterdir())


def test_tabloid_continues_with_labels(meeting_copy, tmp_path):
    _add_text(meeting_copy, "07-xu-yicun", 600)
    r = run_cli("build", meeting_copy, "--layout", "tabloid", "-f", "pdf", "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    with pdfplumber.open(tmp_path / "yongchuan-2026-q1-tabloid.pdf") as pdf:
        assert len(pdf.pages) == 2
        p1 = "".join(c["text"] for c in pdf.pages[0].chars)
        p2 = "".join(c["text"] for c in pdf.pages[1].chars)
    page = load_meeting(meeting_copy).publication.page_number
    assert f"下转第{page + 1}版" in p1
    assert f"上接第{page}版" in p2


def test_layouts_command_lists_three():
    r = run_cli("layouts")
    assert r.returncode == 0
    names = [ln.split()[0] for ln in r.stdout.splitlines()]
    assert set(LAYOUTS) <= set(names)
