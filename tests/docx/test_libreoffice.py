"""Each layout's DOCX as an editor sees it: opened in LibreOffice (standing in for Word) and
compared with our PDF, line by line where the PDF fixes the lines.

LibreOffice is slow here: every DOCX is converted once per session, all in one run, with a
private profile so that parallel test runs do not share one."""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from publish.content.loader import load_meeting
from publish.layout.spec import load_layout
from publish.layout.templates import Templates, context

from ..conftest import LAYOUTS, REFERENCE, SOFFICE, build_layouts, han, libreoffice_pdfs, pagecheck
from .lines import box_glyphs, breaks_in, fitted, fonts_by_ps_name, latin_splits, pdf_lines

pytestmark = pytest.mark.libreoffice

# A Debian font that is one of the layouts' listed alternates (word.fonts), and none of the
# fonts the PDF uses: tools/sysdeps.sh installs it (fonts-arphic-uming).
ALTERNATE_DIR = Path("/usr/share/fonts/truetype/arphic")
ALTERNATE = "AR PL UMing CN"


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """{layout: (our PDF, LibreOffice's PDF of our DOCX, DOCX)}, built once."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: the DOCX checks need it")
    out = tmp_path_factory.mktemp("lo-layouts")
    res = build_layouts(REFERENCE, out, "-q")
    lo = out / "lo"
    lo.mkdir()
    pdfs = libreoffice_pdfs([d for _, d in res.values()], lo)
    return {name: (ours, theirs, docx) for (name, (ours, docx)), theirs in zip(res.items(), pdfs)}


@pytest.fixture(scope="module")
def meeting():
    return load_meeting(REFERENCE)


def _lines(rendered, name):
    lay = fitted(name)  # the page's fitted leading, sizes and columns
    ours, theirs, _ = rendered[name]
    return lay, pdf_lines(ours, lay), pdf_lines(theirs, lay)


@pytest.mark.parametrize("name", LAYOUTS)
def test_no_number_or_latin_word_split(rendered, meeting, name):
    lay, ours, theirs = _lines(rendered, name)
    source = "\n".join(meeting.all_text())
    assert latin_splits(theirs, source) == []
    assert len(theirs) > 100, "the page was read back as lines"


@pytest.mark.parametrize("name", LAYOUTS)
def test_names_and_positions_break_only_where_the_pdf_does(rendered, meeting, name):
    lay, ours, theirs = _lines(rendered, name)
    for sp in meeting.speakers:
        for text in (sp.name, sp.position):
            pdf, lo = breaks_in(ours, text), breaks_in(theirs, text)
            assert lo, (text, "not found in LibreOffice's page")
            assert lo[0] == pdf[0], (text, "PDF breaks after", pdf[0], "LibreOffice after", lo[0])


@pytest.mark.parametrize("name", LAYOUTS)
def test_title_headlines_and_speaker_lines_break_as_in_the_pdf(rendered, meeting, name):
    lay, ours, theirs = _lines(rendered, name)
    tpl, ctx = Templates(lay.folder), context(meeting)
    texts = [meeting.title] + [sp.headline for sp in meeting.speakers]
    texts += [tpl.render(lay.speaker.line_template, speaker=sp, **ctx) for sp in meeting.speakers]
    multi = 0
    for text in texts:
        pdf, lo = breaks_in(ours, text), breaks_in(theirs, text)
        assert pdf and lo, (text, pdf, lo)
        assert lo[0] == pdf[0], (text, "PDF", pdf[0], "LibreOffice", lo[0])
        multi += bool(pdf[0])
    assert multi >= 2, "the sample has headlines of several lines; the comparison found too few"


@pytest.mark.parametrize("name", LAYOUTS)
def test_no_closing_mark_at_line_start_nor_opening_at_line_end(rendered, name):
    res = pagecheck(rendered[name][1])
    assert (res["start_violations"], res["end_violations"]) == (0, 0), res["examples"]


@pytest.mark.parametrize("name", LAYOUTS)
def test_page_count_equals_the_pdfs(rendered, name):
    from pypdf import PdfReader

    ours, theirs, _ = rendered[name]
    assert len(PdfReader(theirs).pages) == len(PdfReader(ours).pages)


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_character_drawn_no_boxes(rendered, meeting, name):
    _, theirs, _ = rendered[name]
    assert box_glyphs(theirs, fonts_by_ps_name()) == []
    import pdfplumber

    with pdfplumber.open(theirs) as doc:
        text = "".join(c["text"] for pg in doc.pages for c in pg.chars)
    assert not Counter(han("".join(meeting.all_text()))) - Counter(han(text))


def _fontconfig(tmp: Path, dirs: list[Path]) -> dict:
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>'
        + "".join(f"<dir>{d}</dir>" for d in dirs)
        + f"<cachedir>{tmp / 'fc-cache'}</cachedir></fontconfig>\n",
        "utf-8",
    )
    return dict(os.environ, FONTCONFIG_FILE=str(conf))


def test_fallback_to_a_listed_alternate_draws_every_character(rendered, meeting, tmp_path):
    """A computer without the PDF's fonts but with one of the listed alternates: no boxes,
    and the alternate is the font LibreOffice sets the Chinese text in."""
    if not ALTERNATE_DIR.is_dir():
        pytest.skip(f"{ALTERNATE_DIR} missing: run tools/sysdeps.sh (fonts-arphic-uming)")
    lay = load_layout("broadsheet")
    assert any(ALTERNATE in names for names in lay.word.fonts.values())
    env = _fontconfig(tmp_path, [ALTERNATE_DIR])
    fonts = fonts_by_ps_name(env)
    assert fonts and all("Noto" not in ps and "WenKai" not in ps for ps in fonts), fonts
    [pdf] = libreoffice_pdfs([rendered["broadsheet"][2]], tmp_path, env)
    assert box_glyphs(pdf, fonts) == []
    r = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True)
    used = [ln.split()[0].split("+", 1)[-1] for ln in r.stdout.splitlines()[2:] if ln.strip()]
    assert "UMingCN" in used and set(used) <= set(fonts), used  # AR PL UMing CN's PostScript name
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        text = "".join(c["text"] for pg in doc.pages for c in pg.chars)
    assert not Counter(han("".join(meeting.all_text()))) - Counter(han(text))


def test_without_any_chinese_font_the_boxes_are_seen(rendered, tmp_path):
    """The box check itself: with only a Latin font, LibreOffice draws boxes and the check finds them."""
    latin = Path("/usr/share/fonts/truetype/dejavu")
    if not latin.is_dir():
        pytest.skip("fonts-dejavu-core is not installed")
    env = _fontconfig(tmp_path, [latin])
    [pdf] = libreoffice_pdfs([rendered["tabloid"][2]], tmp_path, env)
    assert len(box_glyphs(pdf, fonts_by_ps_name(env))) > 1000
