"""The Word output: what an editor opens must hold the whole meeting, in named styles
built from the layout, and convert to a page LibreOffice sets without kinsoku faults."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from lxml import etree  # noqa: E402  (python-docx depends on lxml)

from publish.content.loader import load_meeting  # noqa: E402
from publish.fonts.resolve import find_face  # noqa: E402
from publish.layout.spec import load_layout  # noqa: E402
from publish.layout.templates import Templates, context  # noqa: E402
from publish.model import Bulletin  # noqa: E402
from publish.render.docx_fonts import obfuscate  # noqa: E402

from .conftest import REFERENCE, han, is_subsequence, libreoffice_pdfs, pagecheck  # noqa: E402
from .docx.write import write_docx  # noqa: E402

BULLETIN = Path(__file__).resolve().parent / "docx" / "bulletin"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

# The issue's mapping from layout style names to the Word style names an editor sees.
WORD_NAME = {
    "kicker": "引题",
    "title": "主题",
    "subtitle": "副题",
    "byline": "作者",
    "lead": "导语",
    "headline": "小标题",
    "speaker": "发言人",
    "body": "发言正文",
    "point": "要点句",
    "masthead": "版头",
}


@pytest.fixture(scope="module")
def meeting():
    return load_meeting(REFERENCE)


@pytest.fixture(scope="module")
def layout():
    # as the page was fitted: the DOCX takes the PDF's leading, sizes and columns
    from tests.docx.lines import fitted

    return fitted("broadsheet")


@pytest.fixture(scope="module")
def bulletin_meeting(meeting):
    return dataclasses.replace(
        meeting,
        bulletin=Bulletin(
            name="工作简报",
            issue="第 3 期",
            issuer="永川区委办公室",
            distribution=(("报", "市委办公厅"), ("送", "区人大常委会办公室、区政府办公室"), ("发", "各镇街党（工）委")),
        ),
    )


@pytest.fixture(scope="module")
def bulletin_layout():
    return load_layout(str(BULLETIN))


@pytest.fixture(scope="module")
def built(tmp_path_factory, meeting, layout):
    out = tmp_path_factory.mktemp("docx") / "page.docx"
    write_docx(meeting, layout, out)
    return out


@pytest.fixture(scope="module")
def built_bulletin(tmp_path_factory, bulletin_meeting, bulletin_layout):
    out = tmp_path_factory.mktemp("docx") / "bulletin.docx"
    write_docx(bulletin_meeting, bulletin_layout, out)
    return out


# Headings are set in the PDF's lines (w:br where the PDF broke, blanks at a break dropped):
# their text is compared without blanks and line breaks.
FLOWED = {"版头", "发言正文", "导语", "版记", "Normal"}


def lines_as_set(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(s, t if s in FLOWED else re.sub(r"\s+", "", t)) for s, t in rows]


def paragraphs(path) -> list[tuple[str, str]]:
    return lines_as_set([(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs])


def expected_paragraphs(meeting, layout) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, from the model and the layout's templates."""
    tpl = Templates(layout.folder)
    ctx = context(meeting)

    def render(name, **extra):
        return tpl.render(name, **{**ctx, **extra}) if name else ""

    out = []
    for it in layout.header:
        if it.left or it.center or it.right:
            text = render(it.left)
            text += "\t" + render(it.center) if it.center else ""
            text += "\t" + render(it.right) if it.right else ""
            out.append(("版头", text))
        elif render(it.template):
            out.append(
                (WORD_NAME.get(it.style) or layout.word.style_names.get(it.style, it.style), render(it.template))
            )
    out += [("导语", p.text) for p in meeting.lead]
    for sp in meeting.speakers:
        out.append(("小标题", "\n".join(sp.headline.split())))
        out.append(("发言人", render(layout.speaker.line_template, speaker=sp)))
        out += [("发言正文", p.text) for p in sp.paragraphs]
    for it in layout.end:
        out += [("版记", ln) for ln in render(it.template).split("\n") if ln.strip()]
    if layout.grid.columns > 1 and not layout.end and not layout.grid.fill_page:
        out.append(("Normal", ""))  # the section after the columns that balances them
    return lines_as_set(out)


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def style_el(styles: etree._Element, name: str) -> etree._Element:
    for s in styles.iter(f"{W}style"):
        if s.find(f"{W}name").get(f"{W}val") == name:
            return s
    raise AssertionError(f"no style named {name}")


# ---------------------------------------------------------------- content


def test_every_paragraph_has_its_style_and_text_in_order(built, meeting, layout):
    got = paragraphs(built)
    assert got == expected_paragraphs(meeting, layout)


def test_bulletin_paragraphs_and_banji_at_the_end(built_bulletin, bulletin_meeting, bulletin_layout):
    got = paragraphs(built_bulletin)
    want = expected_paragraphs(bulletin_meeting, bulletin_layout)
    assert got == want
    assert [t for s, t in got if s == "版记"][:3] == [
        "报：市委办公厅",
        "送：区人大常委会办公室、区政府办公室",
        "发：各镇街党（工）委",
    ]


def test_every_chinese_character_in_order(built, meeting):
    text = "\n".join(p.text for p in docx.Document(str(built)).paragraphs)
    assert is_subsequence(han("".join(meeting.all_text())), han(text))


def test_points_and_bold_spans_are_runs_in_the_point_style(built, meeting, layout):
    doc = docx.Document(str(built))
    body = [p for p in doc.paragraphs if p.style.name in ("发言正文", "导语")]
    model = [*meeting.lead, *(p for s in meeting.speakers for p in s.paragraphs)]
    assert len(body) == len(model)
    leads = 0
    for para, src in zip(body, model):
        m = re.match(layout.point_pattern, src.text)
        want, pos = "", 0
        for sp in src.spans:
            for i, ch in enumerate(sp.text):
                if sp.bold or (m and pos + i < m.end()):
                    want += ch
            pos += len(sp.text)
        got = "".join(r.text for r in para.runs if r.style is not None and r.style.name == "要点句")
        assert got == want, src.text[:20]
        leads += bool(m)
    assert leads >= 10, "the sample has many 一是…。 leads; the pattern found too few"


def test_portrait_is_inline_at_the_layouts_width(tmp_path, meeting, layout):
    from PIL import Image

    pic = tmp_path / "zhang.png"
    Image.new("RGB", (300, 400), (120, 130, 140)).save(pic)
    from publish.model import Source

    sp = dataclasses.replace(meeting.speakers[0], portrait=pic, portrait_source=Source(str(pic), None))
    m = dataclasses.replace(meeting, speakers=(sp, *meeting.speakers[1:]))
    out = tmp_path / "p.docx"
    write_docx(m, layout, out)
    doc = docx.Document(str(out))
    [shape] = doc.inline_shapes
    g = layout.grid
    col = (layout.page.type_width - g.gutter * (g.columns - 1)) / g.columns
    body = layout.styles[layout.body_style].size
    col = int(col / body + 1e-6) * body  # the PDF's measure: whole characters of body type
    assert shape.width == pytest.approx(col * layout.speaker.portrait_width * 12700, abs=2)
    assert shape.height == pytest.approx(shape.width * 4 / 3, abs=2)
    names = [p.style.name for p in doc.paragraphs]
    i = names.index("照片")
    assert names[i - 1] == "发言人" and names[i + 1] == "发言正文"


# ---------------------------------------------------------------- styles


def _resolved(layout, role):
    return next(f for f in map(find_face, layout.fonts[role]) if f is not None)


def test_styles_carry_the_layouts_fonts_and_sizes(built, layout):
    styles = part(built, "word/styles.xml")
    names = dict(WORD_NAME)
    wide = next((it.style for it in layout.header if it.content == "lead"), None)
    if wide:  # the 导语 is set across the full width in the header item's style
        del names["lead"]
        names[wide] = "导语"
    for lname, wname in names.items():
        st = layout.styles[lname]
        el = style_el(styles, wname)
        rpr = el.find(f"{W}rPr")
        fonts = rpr.find(f"{W}rFonts")
        name = fonts.get(f"{W}eastAsia")
        assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == name
        face = _resolved(layout, st.font)
        assert name.startswith(face.family), (wname, name, face)
        # The name (with w:b) must select the very face the PDF uses, not a neighbour weight.
        b = rpr.find(f"{W}b")
        bold = b is not None and b.get(f"{W}val") not in ("0", "false")
        r = subprocess.run(
            ["fc-match", "-f", "%{file}", name + (":bold" if bold else "")], capture_output=True, text=True
        )
        assert r.stdout == face.path, (wname, name, bold)
        assert int(rpr.find(f"{W}sz").get(f"{W}val")) == round(st.size * 2)


def test_body_style_paragraph_properties(built, layout):
    st = layout.styles[layout.body_style]
    ppr = style_el(part(built, "word/styles.xml"), "发言正文").find(f"{W}pPr")
    ind = ppr.find(f"{W}ind")
    assert ind.get(f"{W}firstLineChars") == "200"
    assert int(ind.get(f"{W}firstLine")) == round(2 * st.size * 20)
    assert ppr.find(f"{W}jc").get(f"{W}val") == "both"
    assert ppr.find(f"{W}kinsoku") is not None
    sp = ppr.find(f"{W}spacing")
    assert (sp.get(f"{W}line"), sp.get(f"{W}lineRule")) == (str(round(st.leading * 20)), "exact")
    if layout.han_latin_space == 0:
        assert ppr.find(f"{W}autoSpaceDE").get(f"{W}val") == "0"
        assert ppr.find(f"{W}autoSpaceDN").get(f"{W}val") == "0"
    point = style_el(part(built, "word/styles.xml"), "要点句")
    assert point.get(f"{W}type") == "character"


def test_all_required_styles_exist(built_bulletin):
    names = {s.name for s in docx.Document(str(built_bulletin)).styles}
    assert set(WORD_NAME.values()) | {"版记"} <= names


# ---------------------------------------------------------------- page


@pytest.mark.parametrize("name", ["broadsheet", "tabloid"])
def test_sections_page_and_columns(tmp_path, meeting, name):
    from tests.docx.lines import fitted

    layout = fitted(name)
    out = tmp_path / f"{name}.docx"
    write_docx(meeting, layout, out)
    doc = docx.Document(str(out))
    secs = doc.sections
    # headline zone, columns, and (unless the PDF fills every column by 撑版) the continuous
    # section after them that makes Word and LibreOffice balance the columns
    assert len(secs) == (2 if layout.grid.fill_page else 3)
    cols = [s._sectPr.find(f"{W}cols") for s in secs]
    assert cols[0].get(f"{W}num") == "1"
    assert int(cols[1].get(f"{W}num")) == layout.grid.columns
    g, body = layout.grid, layout.styles[layout.body_style].size
    measure = int((layout.page.type_width - g.gutter * (g.columns - 1)) / g.columns / body + 1e-6) * body
    gutter = (layout.page.type_width - g.columns * measure) / (g.columns - 1)
    space = int(cols[1].get(f"{W}space"))
    assert abs(space - gutter * 20) <= 2
    # Word's column width from the twips it is given is never below the PDF's measure
    # (0.02 pt less and a 14-character column holds 13).
    text_tw = (
        sum(int(secs[1]._sectPr.find(f"{W}pgSz").get(f"{W}w")) for _ in [0])
        - int(secs[1]._sectPr.find(f"{W}pgMar").get(f"{W}left"))
        - int(secs[1]._sectPr.find(f"{W}pgMar").get(f"{W}right"))
    )
    assert (text_tw - (g.columns - 1) * space) / g.columns >= measure * 20
    assert (cols[1].get(f"{W}sep") == "1") == bool(layout.grid.column_rule)
    assert all(s.start_type == docx.enum.section.WD_SECTION.CONTINUOUS for s in secs[1:])
    if len(secs) == 3:
        assert cols[2].get(f"{W}num") == "1"
    for s in secs:
        assert abs(s.page_width / 635 - layout.page.width * 20) <= 1
        assert abs(s.page_height / 635 - layout.page.height * 20) <= 1
        assert abs(s.left_margin / 635 - layout.page.left * 20) <= 1
        assert abs(s.top_margin / 635 - layout.page.top * 20) <= 1


def test_no_page_header_the_pdf_does_not_have(tmp_path, meeting):
    """The PDF prints the 版头 once, on page one: no section has a page header, on any layout."""
    for name in ("broadsheet", "tabloid", "a4-bulletin"):
        out = tmp_path / f"{name}.docx"
        write_docx(meeting, load_layout(name), out)
        doc = part(out, "word/document.xml")
        assert not list(doc.iter(f"{W}headerReference")), name
        assert not list(doc.iter(f"{W}titlePg")), name
        assert not [n for n in zipfile.ZipFile(out).namelist() if n.startswith("word/header")], name


def test_folio_is_a_page_field(built_bulletin):
    sec = docx.Document(str(built_bulletin)).sections[0]
    assert not sec.different_first_page_header_footer  # the PDF numbers page one as well
    for ftr in (sec.footer,):
        [p] = ftr.paragraphs
        assert p.style.name == "页码行"
        assert "".join(p._p.itertext()).replace("1", "").strip().startswith("—")
        assert [t.text.strip() for t in p._p.iter(f"{W}instrText")] == ["PAGE"]


def test_outside_folios_alternate_with_even_and_odd_footers(tmp_path, bulletin_meeting, bulletin_layout):
    styles = dict(bulletin_layout.styles)
    styles["folio"] = dataclasses.replace(styles["folio"], align="outside")
    out = tmp_path / "o.docx"
    write_docx(bulletin_meeting, dataclasses.replace(bulletin_layout, styles=styles), out)
    doc = docx.Document(str(out))
    assert doc.settings.odd_and_even_pages_header_footer
    sec = doc.sections[0]
    jc = lambda ftr: ftr.paragraphs[0]._p.find(f"{W}pPr/{W}jc").get(f"{W}val")  # noqa: E731
    assert (jc(sec.footer), jc(sec.even_page_footer)) == ("right", "left")


def test_core_properties(built, meeting):
    cp = docx.Document(str(built)).core_properties
    assert cp.title == meeting.title
    assert cp.subject == meeting.subtitle
    assert cp.author == "、".join(meeting.byline.reporters)
    d = meeting.publication.date
    assert cp.created.replace(tzinfo=None) == dt.datetime(d.year, d.month, d.day)


# ---------------------------------------------------------------- determinism, speed


def test_two_renders_are_byte_identical(tmp_path, meeting, layout, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(meeting, layout, a)
    time.sleep(1.1)  # a timestamp taken from the clock would now differ
    write_docx(meeting, layout, b)
    assert a.read_bytes() == b.read_bytes()
    d = meeting.publication.date
    assert {i.date_time for i in zipfile.ZipFile(a).infolist()} == {(d.year, d.month, d.day, 0, 0, 0)}


def test_source_date_epoch_sets_the_zip_times(tmp_path, meeting, layout, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    out = tmp_path / "e.docx"
    write_docx(meeting, layout, out)
    assert {i.date_time for i in zipfile.ZipFile(out).infolist()} == {(2026, 1, 1, 0, 0, 0)}


# ---------------------------------------------------------------- embedded fonts


def test_embedded_fonts_deobfuscate_to_fonts_covering_the_text(tmp_path, meeting, layout):
    from fontTools.ttLib import TTFont

    out = tmp_path / "emb.docx"
    write_docx(meeting, layout, out, embed_fonts=True)
    z = zipfile.ZipFile(out)
    assert part(out, "word/settings.xml").find(f"{W}embedTrueTypeFonts") is not None
    rels = {r.get("Id"): r for r in part(out, "word/_rels/fontTable.xml.rels")}
    assert rels and all(r.get("Type").endswith("/relationships/font") for r in rels.values())
    table = part(out, "word/fontTable.xml")
    covered: dict[str, set[int]] = {}
    for font in table.iter(f"{W}font"):
        for emb in font:
            if not emb.tag.startswith(f"{W}embed"):
                continue
            data = z.read("word/" + rels[emb.get(f"{R}id")].get("Target"))
            key = emb.get(f"{W}fontKey")
            assert data[:4] not in (b"\0\1\0\0", b"OTTO"), "the font part must be obfuscated"
            tt = TTFont(io.BytesIO(obfuscate(data, key)))
            covered.setdefault(font.get(f"{W}name"), set()).update(tt.getBestCmap())
    body_font = style_el(part(out, "word/styles.xml"), "发言正文").find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
    # Text of 正文 runs outside the 要点 character style is set in the body font.
    body_text = "".join(
        r.text
        for p in docx.Document(str(out)).paragraphs
        if p.style.name == "发言正文"
        for r in p.runs
        if r.style is None or r.style.name != "要点句"
    )
    assert len(body_text) > 1000
    assert {ord(c) for c in body_text} - covered[body_font] == set()
    assert any(n.startswith("word/fonts/") and n.endswith(".odttf") for n in z.namelist())


# ---------------------------------------------------------------- LibreOffice


@pytest.fixture(scope="module")
def lo_pdf(built, tmp_path_factory):
    [pdf] = libreoffice_pdfs([built], tmp_path_factory.mktemp("lo"))
    return pdf


def reading_order(pdf: Path, layout) -> str:
    """The PDF's text in reading order: the headline zone across the page, then column by column."""
    import pdfplumber

    g, p = layout.grid, layout.page
    col_w = (p.type_width - g.gutter * (g.columns - 1)) / g.columns
    body = layout.styles[layout.body_style].size
    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            # Only the column zone has text at the body size; where column 2 starts, the zone starts.
            in_cols = [c["top"] for c in chars if abs(c["size"] - body) < 0.3 and c["x0"] > p.left + col_w]
            start = min(in_cols) - 1 if in_cols and g.columns > 1 else page.height

            def lines(cs):
                cs = sorted(cs, key=lambda c: c["bottom"])
                rows, last = [], None
                for c in cs:
                    if last is None or c["bottom"] - last > 2:
                        rows.append([])
                    rows[-1].append(c)
                    last = c["bottom"]
                return "".join(c["text"] for row in rows for c in sorted(row, key=lambda c: c["x0"]))

            out.append(lines([c for c in chars if c["top"] < start]))
            for k in range(g.columns):
                x0 = p.left + k * (col_w + g.gutter)
                out.append(
                    lines([c for c in chars if c["top"] >= start and x0 - 1 <= c["x0"] < x0 + col_w + g.gutter - 1])
                )
    return "".join(out)


@pytest.mark.libreoffice
def test_libreoffice_pdf_has_every_chinese_character_in_order(lo_pdf, meeting, layout):
    from collections import Counter

    text = han(reading_order(lo_pdf, layout))
    # every character is there …
    assert not Counter(han("".join(meeting.all_text()))) - Counter(text)
    # … and every paragraph reads in order (headlines are left out: Word wraps their phrases
    # into lines that a column-by-column reading can interleave with the next column's)
    paras = list(meeting.lead) + [p for s in meeting.speakers for p in s.paragraphs]
    for p in paras:
        assert han(p.text) in text, p.source


@pytest.mark.libreoffice
def test_libreoffice_sets_the_layouts_fonts(lo_pdf, layout):
    import pdfplumber

    with pdfplumber.open(lo_pdf) as doc:
        used = {c["fontname"].split("+", 1)[-1] for pg in doc.pages for c in pg.chars}
    styles = [layout.styles[n] for n in WORD_NAME if n != "kicker"]  # the sample has no 引题
    for st in styles:
        face = _resolved(layout, st.font)
        # NotoSerifCJK-Regular.ttc → NotoSerifCJK…Regular…; LXGWWenKai-Regular.ttf → LXGWWenKai-Regular
        parts = Path(face.path).stem.split("-")
        assert any(all(pt in name for pt in parts) for name in used), (st.name, parts, used)


@pytest.mark.libreoffice
def test_libreoffice_page_has_no_line_start_violations(lo_pdf):
    res = pagecheck(lo_pdf)
    assert res["start_violations"] == 0, res["examples"]
    assert res["end_violations"] == 0, res["examples"]
    assert res["pages"] == 1
    assert res["fonts_not_embedded"] == []


@pytest.mark.libreoffice
def test_libreoffice_bulletin_numbers_its_pages(built_bulletin, tmp_path, bulletin_meeting, bulletin_layout):
    import pdfplumber

    [pdf] = libreoffice_pdfs([built_bulletin], tmp_path)
    with pdfplumber.open(pdf) as doc:
        texts = [pg.extract_text() or "" for pg in doc.pages]
    assert len(texts) > 1
    for n, t in enumerate(texts, 1):
        assert f"— {n} —" in t
    assert "印发" in texts[-1]
    assert is_subsequence(han("".join(bulletin_meeting.all_text())), han("".join(texts)))


# ---------------------------------------------------------------- the three real layouts


@pytest.mark.parametrize("name", ["broadsheet", "tabloid", "a4-bulletin"])
def test_each_layout_gives_a_docx_with_styles_and_text_in_order(tmp_path, meeting, name):
    lay = load_layout(name)
    out = tmp_path / f"{name}.docx"
    write_docx(meeting, lay, out)
    got = paragraphs(out)
    assert got == expected_paragraphs(meeting, lay)
    section_cols = [int(c.get(f"{W}num", "1")) for c in part(out, "word/document.xml").iter(f"{W}cols")]
    assert lay.grid.columns in section_cols


def test_full_embedding_where_the_licence_allows_subsets_elsewhere(tmp_path, meeting):
    """--embed-fonts=full: a font whose OS/2 bits allow installable embedding travels whole (an
    editor's new characters have glyphs); one that forbids it is embedded as a subset, and the
    report says which is which."""
    import types

    from fontTools.ttLib import TTFont

    src = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not src.exists():
        pytest.skip("fonts-dejavu-core is not installed")
    free = tmp_path / "Free.ttf"
    free.write_bytes(src.read_bytes())
    tt = TTFont(str(src))
    tt["OS/2"].fsType = 2  # restricted licence embedding
    for rec in tt["name"].names:
        if rec.nameID in (1, 4, 16):
            rec.string = "Restricted Test"
        elif rec.nameID == 6:
            rec.string = "RestrictedTest"
    locked = tmp_path / "Locked.ttf"
    tt.save(str(locked))
    folder = tmp_path / "lay"
    shutil.copytree(BULLETIN, folder)
    text = (folder / "layout.yaml").read_text("utf-8")
    text = re.sub(
        r"(?ms)^fonts:.*?\n\n",
        f"fonts:\n  song: ['{free}']\n  song-bold: ['{free}']\n  hei: ['{free}']\n"
        f"  kai: ['{locked}']\n  fang: ['{free}']\n\n",
        text,
        count=1,
    )
    text = re.sub(r"(?ms)^word:.*", "", text)
    (folder / "layout.yaml").write_text(text, "utf-8")
    lay = load_layout(str(folder))
    out = tmp_path / "full.docx"
    report = write_docx(
        meeting, lay, out, embed_fonts="full", composition=types.SimpleNamespace(pages=[], setting=None)
    )
    (free_name, free_whole, free_why), locked_row = sorted(report)
    assert (free_name, free_whole) == ("DejaVu Sans", True) and free_why.startswith("Fonts are (c) Bitstream")
    assert locked_row == ("Restricted Test", False, "字体禁止嵌入（fsType=2）")
    z = zipfile.ZipFile(out)
    rels = {r.get("Id"): r.get("Target") for r in part(out, "word/_rels/fontTable.xml.rels")}
    embeds = {f.get(f"{W}name"): f.find(f"{W}embedRegular") for f in part(out, "word/fontTable.xml").iter(f"{W}font")}
    whole = embeds["DejaVu Sans"]
    assert whole.get(f"{W}subsetted") is None
    assert obfuscate(z.read("word/" + rels[whole.get(f"{R}id")]), whole.get(f"{W}fontKey")) == src.read_bytes()
    sub = embeds["Restricted Test"]
    assert sub.get(f"{W}subsetted") == "1"
    assert len(z.read("word/" + rels[sub.get(f"{R}id")])) < len(src.read_bytes()) / 2
    settings = part(out, "word/settings.xml")
    assert settings.find(f"{W}embedTrueTypeFonts") is not None and settings.find(f"{W}saveSubsetFonts") is None


def test_words_line_breaking_rules_are_the_typesetters(built):
    """Word's 避头尾 lists for zh-CN are the typesetting core's, so Word breaks where the PDF
    may: no closing mark, dash or ellipsis at a line start, no opening mark (or a sign that
    belongs to the number after it) at a line end."""
    from publish.typeset.classes import CLUSTER_LEADERS, LINE_END_FORBIDDEN, LINE_START_FORBIDDEN

    settings = part(built, "word/settings.xml")
    before = settings.find(f"{W}noLineBreaksBefore")
    after = settings.find(f"{W}noLineBreaksAfter")
    assert before.get(f"{W}lang") == after.get(f"{W}lang") == "zh-CN"
    assert set(before.get(f"{W}val")) == set(LINE_START_FORBIDDEN)
    assert set(after.get(f"{W}val")) == set(LINE_END_FORBIDDEN | CLUSTER_LEADERS)
    assert {"—", "…", "，", "。", "”"} <= set(before.get(f"{W}val")) and {"“", "（", "《", "¥"} <= set(
        after.get(f"{W}val")
    )


def test_font_table_lists_the_alternates_in_order(built, layout):
    """Word's fallback: each font's table entry names the layout's word.fonts alternates in order,
    with GB2312 in its code pages and the panose of the face the PDF uses."""
    table = {f.get(f"{W}name"): f for f in part(built, "word/fontTable.xml").iter(f"{W}font")}
    styles = part(built, "word/styles.xml")
    body = style_el(styles, "发言正文").find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
    entry = table[body]
    alt = entry.find(f"{W}altName").get(f"{W}val").split(",")
    own = [a for a in layout.word.fonts[layout.styles["body"].font] if a != body]
    assert alt[: len(own)] == own  # the body role's list first, in its order
    assert alt.index("SimSun") < alt.index("AR PL UMing CN")
    assert entry.find(f"{W}charset").get(f"{W}val") == "86"
    assert int(entry.find(f"{W}sig").get(f"{W}csb0"), 16) & 0x40000
    face = _resolved(layout, layout.styles["body"].font)
    from fontTools.ttLib import TTFont

    p = TTFont(face.path, fontNumber=face.index, lazy=True)["OS/2"].panose
    assert entry.find(f"{W}panose1").get(f"{W}val").startswith("%02X%02X" % (p.bFamilyType, p.bSerifStyle))
    # every run's language: Latin en-US, East Asian zh-CN
    langs = {(el.get(f"{W}val"), el.get(f"{W}eastAsia")) for el in styles.iter(f"{W}lang")}
    assert langs == {("en-US", "zh-CN")}


def test_word_style_names_may_not_be_words_own(tmp_path):
    folder = tmp_path / "lay"
    shutil.copytree(BULLETIN, folder)
    text = (folder / "layout.yaml").read_text("utf-8").replace("folio: 页码行", "folio: 页码")
    (folder / "layout.yaml").write_text(text, "utf-8")
    from publish.errors import InputError

    with pytest.raises(InputError) as e:
        load_layout(str(folder))
    msg = str(e.value)
    assert "layout.yaml:" in msg and "页码" in msg and "Word 自带" in msg


def test_embed_summary_says_which_fonts_travel_whole():
    from publish.render.docx_fonts import embed_summary

    msg = embed_summary([("LXGW WenKai", True, "SIL OFL 1.1"), ("方正书宋", False, "字体禁止嵌入（fsType=2）")])
    assert msg == (
        "DOCX 嵌入整套字体：LXGW WenKai（SIL OFL 1.1）；"
        "只嵌入用到的字（其他电脑上新打的字可能显示为方框）：方正书宋（字体禁止嵌入（fsType=2））"
    )


@pytest.mark.parametrize("name", ["broadsheet", "tabloid", "a4-bulletin"])
def test_docx_reflows_real_paragraphs_no_frames(tmp_path, meeting, name):
    """An editor's edits must reflow: text sits in ordinary paragraphs (no text boxes, frames or
    anchored shapes), and the body and lead carry no hard line breaks; only headings carry the
    PDF's breaks (w:br), and the number of lines they make is the PDF's."""
    out = tmp_path / f"{name}.docx"
    write_docx(meeting, load_layout(name), out)
    doc = part(out, "word/document.xml")
    xml = etree.tostring(doc).decode()
    for banned in ("txbxContent", "framePr", "wp:anchor", "<w:pict", "v:textbox", "w:sdt"):
        assert banned not in xml, banned
    styles = {
        s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in part(out, "word/styles.xml").iter(f"{W}style")
    }
    breaks = {}
    for p in doc.iter(f"{W}p"):
        ps = p.find(f"{W}pPr/{W}pStyle")
        name_ = styles.get(ps.get(f"{W}val")) if ps is not None else "Normal"
        breaks[name_] = breaks.get(name_, 0) + len(list(p.iter(f"{W}br")))
    assert breaks.get("发言正文", 0) == breaks.get("导语", 0) == 0
    assert breaks.get("小标题", 0) >= 1


def test_one_column_text_is_as_wide_as_the_pdfs_measure(tmp_path, meeting):
    """The A4 bulletin sets its speeches in a whole number of characters, flush left: the DOCX's
    speech styles end at the same place (right indent), the header items keep the full width."""
    lay = load_layout("a4-bulletin")
    out = tmp_path / "a4.docx"
    write_docx(meeting, lay, out)
    body = lay.styles[lay.body_style].size
    measure = int(lay.page.type_width / body + 1e-6) * body
    sect = part(out, "word/document.xml").find(f"{W}body/{W}sectPr")
    text_tw = (
        int(sect.find(f"{W}pgSz").get(f"{W}w"))
        - int(sect.find(f"{W}pgMar").get(f"{W}left"))
        - int(sect.find(f"{W}pgMar").get(f"{W}right"))
    )
    styles = part(out, "word/styles.xml")
    for name in ("发言正文", "小标题", "发言人", "导语"):
        right = int(style_el(styles, name).find(f"{W}pPr/{W}ind").get(f"{W}right", "0"))
        assert 0 <= text_tw - right - measure * 20 < 1, name
    assert style_el(styles, "主题").find(f"{W}pPr/{W}ind").get(f"{W}right") is None


def test_headline_groups_take_the_pdfs_space_on_a_page_without_fill(tmp_path, meeting):
    """A4 bulletin (no 撑版): above each 小标题 group the DOCX leaves the separator lines the PDF
    leaves there, and the group is as tall as the PDF's, so pages break alike."""
    from publish.compose import compose

    lay = load_layout("a4-bulletin")
    comp = compose(meeting, lay)
    out = tmp_path / "a4.docx"
    write_docx(meeting, lay, out, composition=comp)
    spaces = {}
    heads = {}
    for pg in comp.pages:
        for r in pg.regions:
            if r.kind == "space":
                spaces[r.owner] = spaces.get(r.owner, 0) + r.lines
            elif r.kind == "head":
                heads[r.owner] = heads.get(r.owner, 0) + r.h
    doc = docx.Document(str(out))
    paras = doc.paragraphs
    hl = [i for i, p in enumerate(paras) if p.style.name == "小标题"]
    assert len(hl) == len(meeting.speakers)
    for sp, i in zip(meeting.speakers, hl):
        sp_pr = paras[i]._p.find(f"{W}pPr/{W}spacing")
        before = int(sp_pr.get(f"{W}before")) / 20
        line_pr = paras[i + 1]._p.find(f"{W}pPr/{W}spacing")
        after = int(line_pr.get(f"{W}after")) / 20
        assert paras[i + 1].style.name == "发言人"
        sep = spaces.get(sp.key, 0) * lay.grid.leading
        hl_h = len(paras[i].text.split("\n")) * lay.styles["headline"].leading
        sp_h = len(paras[i + 1].text.split("\n")) * lay.styles["speaker"].leading
        assert before + hl_h + sp_h + after == pytest.approx(sep + heads[sp.key], abs=0.2), sp.key
    assert any(spaces.values()), "the bulletin separates its speakers by a line"
