"""Every bad input an editor or designer can make: the exact FILE:LINE message,
the right exit status, and no output file — not even a half-written one."""

from __future__ import annotations

import pytest

from publish.errors import PublishError

from ..conftest import run_cli
from .corpus import CASES
from .helpers import docx_text, build, copy_layout, copy_meeting, pdf_text


def _broken(case, tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    layout = case.breaks(m, lay) or "broadsheet"
    return m, lay, layout


def _shown(text: str, m, lay) -> str:
    return text.replace(str(m), "{M}").replace(str(lay), "{L}")


def test_corpus_is_big_enough():
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input(case, tmp_path):
    m, lay, layout = _broken(case, tmp_path)
    out = tmp_path / "out"
    with pytest.raises(PublishError) as info:
        build(m, out, layout)
    e = info.value
    assert _shown(str(e.problems[0]), m, lay) == case.expect
    assert e.exit_code == case.status
    for p in e.problems:
        assert p.path and p.message, p
    assert not out.exists() or not any(out.iterdir()), sorted(out.iterdir())


# The same through the command line, for a few cases: exit status, stderr only, no traceback.
CLI_CASES = [
    "yaml_unquoted_colon",
    "speaker_listed_twice",
    "gbk_speaker",
    "portrait_outside_meeting",
    "ext_b_char_in_body",
    "template_undefined_name",
    "layout_columns_negative",
]


@pytest.mark.parametrize("name", CLI_CASES)
def test_bad_input_cli(name, tmp_path):
    case = next(c for c in CASES if c.name == name)
    m, lay, layout = _broken(case, tmp_path)
    out = tmp_path / "out"
    r = run_cli("build", m, "--layout", layout, "-f", "pdf,docx", "-o", out)
    assert r.returncode == case.status, r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert _shown(r.stderr.splitlines()[0], m, lay) == case.expect
    assert r.stdout == ""
    assert not out.exists() or not any(out.iterdir())


# --- not errors: a BOM and Windows line ends are how some editors save -------------------


@pytest.fixture(scope="module")
def reference_text(tmp_path_factory):
    t = tmp_path_factory.mktemp("ref")
    res = build(copy_meeting(t), t / "out")
    return pdf_text(res.outputs[0]), docx_text(res.outputs[1])


@pytest.mark.parametrize("how", ["bom", "crlf", "bom+crlf", "cr"])
def test_bom_and_crlf_build(how, tmp_path, reference_text):
    m = copy_meeting(tmp_path)
    for f in [m / "meeting.yaml", *sorted((m / "speakers").glob("*.md"))]:
        text = f.read_text("utf-8")
        if "crlf" in how:
            text = text.replace("\n", "\r\n")
        if how == "cr":
            text = text.replace("\n", "\r")
        data = text.encode("utf-8")
        f.write_bytes(b"\xef\xbb\xbf" + data if "bom" in how else data)
    res = build(m, tmp_path / "out")
    assert (pdf_text(res.outputs[0]), docx_text(res.outputs[1])) == reference_text


def test_bom_and_crlf_keep_line_numbers(tmp_path):
    """A BOM or CRLF must not shift the line an error points at."""
    m = copy_meeting(tmp_path)
    f = m / "speakers" / "01-zhang-xiaomei.md"
    text = f.read_text("utf-8").replace("position:", "postion:").replace("\n", "\r\n")
    f.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    with pytest.raises(PublishError) as info:
        build(m, tmp_path / "out")
    assert str(info.value.problems[0]).endswith(
        "01-zhang-xiaomei.md:3: 发言人文件中没有“postion”这一项。是不是要写“position”？"
    )


def test_all_problems_reported_at_once(tmp_path):
    """An editor fixes a whole round of mistakes per run, in several files."""
    m = copy_meeting(tmp_path)
    (m / "speakers" / "02-li-shihong.md").write_text("", "utf-8")
    f = m / "speakers" / "05-hu-shaohua.md"
    f.write_text(f.read_text("utf-8").replace("name:", "nmae:"), "utf-8")
    with pytest.raises(PublishError) as info:
        build(m, tmp_path / "out")
    where = [p.path.rsplit("/", 1)[-1] for p in info.value.problems]
    assert "02-li-shihong.md" in where and "05-hu-shaohua.md" in where
