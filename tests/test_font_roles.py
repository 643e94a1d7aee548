"""Issue 17: a role's font that is not installed stops the build; the A4 bulletin is set in 仿宋."""

import re
import shutil
from collections import Counter

import pikepdf

from publish.layout.spec import load_layout

from .conftest import REFERENCE, run_cli


def _a4_with_fang(tmp_path, fang: str):
    lay = tmp_path / "a4x"
    shutil.copytree(load_layout("a4-bulletin").folder, lay)
    y = lay / "layout.yaml"
    text, n = re.subn(r"\n  fang: .*", "\n  fang: " + fang, y.read_text("utf-8"))
    assert n == 1
    y.write_text(text, "utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("  fang:"))
    return lay, line


def _body_font(pdf) -> str:
    """The font of most text shown at the body size (三号, 16 pt), as named in the PDF."""
    sizes = Counter()
    with pikepdf.open(pdf) as p:
        for page in p.pages:
            fonts = {str(k): str(v.BaseFont)[1:] for k, v in page.Resources.Font.items()}
            cur = None
            for ins in pikepdf.parse_content_stream(page):
                op = str(getattr(ins, "operator", ""))
                if op == "Tf":
                    cur = (fonts[str(ins.operands[0])], float(ins.operands[1]))
                elif op in ("Tj", "TJ") and cur and abs(cur[1] - 16) < 0.01:
                    sizes[cur[0]] += len(bytes(ins.operands[0])) if op == "Tj" else 1
    return sizes.most_common(1)[0][0]


def test_a4_bulletin_body_is_fangsong(tmp_path):
    r = run_cli("build", REFERENCE, "--layout", "a4-bulletin", "-f", "pdf", "-o", tmp_path, "-q")
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "yongchuan-2026-q1-a4-bulletin.pdf"
    name = _body_font(pdf)
    assert re.match(r"^[A-Z]{6}\+FandolFang-Regular-", name), name
    # and the embedded program says so too (its own name table)
    from fontTools.ttLib import TTFont
    import io

    with pikepdf.open(pdf) as p:
        font = next(v for pg in p.pages for _, v in pg.Resources.Font.items() if str(v.BaseFont)[1:] == name)
        data = font.FontDescriptor.FontFile2.read_bytes()
    fam = TTFont(io.BytesIO(data))["name"].getDebugName(1)
    assert "Fang" in fam, fam
    assert "提醒" not in r.stderr


def test_missing_role_font_is_an_input_error(tmp_path):
    lay, line = _a4_with_fang(tmp_path, '["Fandol NoSuchFang"]')
    r = run_cli("build", REFERENCE, "--layout", lay, "-f", "pdf", "-o", tmp_path / "out")
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"layout.yaml:{line}:" in r.stderr
    assert "“fang”" in r.stderr and "“Fandol NoSuchFang”没有安装" in r.stderr
    assert "texlive-lang-chinese" in r.stderr and "fallback" in r.stderr
    assert not (tmp_path / "out" / "yongchuan-2026-q1-a4x.pdf").exists()


def test_explicit_fallback_builds_and_preflight_reports_it(tmp_path):
    lay, _ = _a4_with_fang(tmp_path, '{font: ["No Such Fang"], fallback: ["LXGW WenKai"]}')
    r = run_cli("build", REFERENCE, "--layout", lay, "-f", "pdf", "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert "“No Such Fang”没有安装" in r.stderr and "LXGW WenKai" in r.stderr
    pdf = tmp_path / "out" / "yongchuan-2026-q1-a4x.pdf"
    assert "LXGWWenKai" in _body_font(pdf)
    r = run_cli("preflight", pdf)
    line = next(ln for ln in r.stdout.splitlines() if "字体" in ln and ln.startswith(("!", "✓", "✗")))
    assert line.startswith("!") and "fang: No Such Fang → LXGW WenKai" in line, r.stdout


def test_fallback_key_is_checked(tmp_path):
    lay, line = _a4_with_fang(tmp_path, '{font: ["FandolFang"], fallbak: ["LXGW WenKai"]}')
    r = run_cli("build", REFERENCE, "--layout", lay, "-f", "pdf", "-o", tmp_path / "out")
    assert r.returncode == 2 and "fallbak" in r.stderr, r.stderr


def test_proof_says_the_role_font_is_missing(tmp_path):
    lay, _ = _a4_with_fang(tmp_path, '["Fandol NoSuchFang"]')
    r = run_cli("proof", REFERENCE, "--layout", lay)
    assert r.returncode == 1
    assert "“fang”要用的字体“Fandol NoSuchFang”没有安装" in r.stdout + r.stderr
    lay2, _ = _a4_with_fang(tmp_path / "fb", '{font: ["No Such Fang"], fallback: ["LXGW WenKai"]}')
    r = run_cli("proof", REFERENCE, "--layout", lay2)
    assert "“No Such Fang”没有安装，将按 fallback" in r.stdout + r.stderr
