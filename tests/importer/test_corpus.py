"""Issue 12: a corpus of reporter copy in every form real 发言摘登 take, each with the
structure it must import to (corpus/expected.yaml, written by hand), and other genres
that must be refused (exit 2, nothing written)."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from publish.content import load_meeting
from publish.importer import import_file

from ..conftest import han, run_cli

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text("utf-8"))
ARTICLES = [k for k, v in EXPECTED.items() if "refused" not in v]
REFUSED = [k for k, v in EXPECTED.items() if "refused" in v]


def test_corpus_is_wide_enough():
    assert len(ARTICLES) >= 15
    forms = {s[4] for k in ARTICLES for s in EXPECTED[k]["speakers"]}
    assert forms == {"line", "before", "after", "inline"}


def structure(m):
    return [
        [s.name, s.suffix, s.position, s.headline, s.attribution, s.section, s.credit, len(s.paragraphs)]
        for s in m.speakers
    ]


@pytest.mark.parametrize("name", ARTICLES)
def test_copy_imports_to_its_structure(tmp_path, name):
    want = EXPECTED[name]
    report = import_file(CORPUS / name, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    assert structure(m) == want["speakers"]
    assert m.title == want["title"]
    for key in ("subtitle", "kicker", "column", "closing_note", "credit"):
        assert getattr(m, key) == want.get(key, getattr(m, key) if key == "subtitle" else ""), key
    assert list(m.byline.reporters) == want["reporters"]
    assert list(m.byline.correspondents) == want.get("correspondents", [])
    assert m.byline.note == want.get("byline_note", "")
    assert len(m.lead) == want["lead"]
    assert len(m.editor_note) == want.get("editor_note", 0)
    if "paper" in want:
        assert m.publication.paper == want["paper"]
    if "date" in want:
        assert m.publication.date.isoformat() == str(want["date"])
        assert m.publication.page_number == want["page_number"]
    for needle in want.get("review", []):
        assert any(needle in r for r in m.review), m.review
    # every decision is listed with its line
    assert all(":" in d.split(" ")[0] for d in report.decisions)


@pytest.mark.parametrize("name", ARTICLES)
def test_copy_loses_no_han_character(tmp_path, name):
    import_file(CORPUS / name, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    text = (CORPUS / name).read_text("utf-8")
    printed = han("".join(m.all_text()) + m.publication.paper)
    missing = Counter(han(text)) - Counter(printed)
    # only the words of the byline (记者, 通讯员, 本报) and of the web page's date line may go
    allowed = Counter(han("".join(ln for ln in text.split("\n") if "记者" in ln[:20] or "《" in ln[:2])))
    assert not missing - allowed, missing - allowed


@pytest.mark.parametrize("name", REFUSED)
def test_other_genres_are_refused_and_nothing_written(tmp_path, name):
    out = tmp_path / "m"
    r = run_cli("import", CORPUS / name, "-o", out)
    assert r.returncode == 2, r.stdout + r.stderr
    assert EXPECTED[name]["refused"] in r.stderr
    assert f"{name}:" in r.stderr  # FILE:LINE naming what was seen
    assert not out.exists() and not list(tmp_path.iterdir())


# One copy of each form and of each piece of apparatus; every layout; the independent checker.
TYPESET = [
    "13-web-paste-cut.txt",
    "05-before-dash-kicker.txt",
    "07-trailing-committee-note.txt",
    "09-inline-sections.txt",
    "11-column-tag-credit-note.txt",
    "15-speaker-first-no-headline.txt",
]


@pytest.mark.parametrize("layout", ["broadsheet", "tabloid", "a4-bulletin"])
def test_imported_copy_builds_without_typography_faults(tmp_path, layout):
    from ..conftest import pagecheck

    for name in TYPESET:
        folder = tmp_path / name.removesuffix(".txt")
        import_file(CORPUS / name, folder)
        r = run_cli("build", folder, "-l", layout, "-f", "pdf", "--draft", "-q", "-o", tmp_path / "out")
        assert r.returncode == 0, r.stderr
        stem = folder.name if layout == "broadsheet" else f"{folder.name}-{layout}"
        res = pagecheck(tmp_path / "out" / f"{stem}.pdf")
        faults = {
            k: res[k]
            for k in ("start_violations", "end_violations", "ragged_lines", "off_grid_lines", "halfwidth_punct")
        }
        assert not any(faults.values()), (name, faults, res["examples"])


def test_print_build_refuses_placeholders_and_draft_marks_the_page(tmp_path):
    from ..robustness.helpers import pdf_text

    import_file(CORPUS / "01-nbsp-after-headline.txt", tmp_path / "m")
    r = run_cli("build", tmp_path / "m", "-f", "pdf", "-o", tmp_path / "out")
    assert r.returncode == 1
    assert "meeting.yaml:5: 出版信息 date（出版日期）还是“待填”" in r.stderr and "--draft" in r.stderr
    assert not (tmp_path / "out" / "m.pdf").exists()
    r = run_cli("package", tmp_path / "m", "-o", tmp_path / "pkg")
    assert r.returncode == 1 and "page_number（版次）" in r.stderr
    r = run_cli("build", tmp_path / "m", "-f", "pdf", "--draft", "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert "样稿DRAFT不得付印" in pdf_text(tmp_path / "out" / "m.pdf").replace(" ", "").replace("\u3000", "")
