import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "content" / "yongchuan-2026-q1"
TESTS = Path(__file__).resolve().parent
# Reporter copy of the reference article, and the team's independent page checker: copies kept
# inside tests/ so that a clone with nothing beside it passes `make test` (see tests/data/reference/README.md).
REPORTER_COPY = TESTS / "data" / "reference" / "yongchuan-2026-q1-fayan-zhaideng.txt"
PAGECHECK = TESTS / "tools" / "pagecheck.py"


def run_cli(*args, cwd=None, env=None):
    """Run `publish ...` as an editor would, in a fresh process."""
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "publish", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=e,
        timeout=300,
    )


LAYOUTS = ("broadsheet", "tabloid", "a4-bulletin")


def build_layouts(meeting: Path, out: Path, *args, layouts=LAYOUTS) -> dict[str, tuple[Path, Path]]:
    """`publish build` of one meeting in each layout: {layout: (PDF, DOCX)}, named as the
    build names them (the meeting's name, with -LAYOUT for all but the default layout)."""
    res = {}
    for name in layouts:
        r = run_cli("build", meeting, "--layout", name, "-o", out, *args)
        assert r.returncode == 0, r.stderr + r.stdout
        stem = meeting.name if name == "broadsheet" else f"{meeting.name}-{name}"
        res[name] = (out / f"{stem}.pdf", out / f"{stem}.docx")
    return res


@pytest.fixture
def meeting_copy(tmp_path):
    """A writable copy of the reference meeting."""
    dst = tmp_path / "yongchuan-2026-q1"
    shutil.copytree(REFERENCE, dst)
    return dst


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The reference meeting built once per test session: {layout: {fmt: path}}."""
    out = tmp_path_factory.mktemp("build")
    res = {}
    for layout in ("broadsheet",):
        r = run_cli("build", REFERENCE, "--layout", layout, "-o", out)
        assert r.returncode == 0, r.stderr + r.stdout
        stem = "yongchuan-2026-q1" if layout == "broadsheet" else f"yongchuan-2026-q1-{layout}"
        res[layout] = {"pdf": out / f"{stem}.pdf", "docx": out / f"{stem}.docx", "stdout": r.stdout}
    return res


def pagecheck(pdf: Path) -> dict:
    """The independent checker's figures (tests/tools/pagecheck.py, a copy of the team's checker)."""
    import json

    r = subprocess.run(
        [sys.executable, str(PAGECHECK), str(pdf), "--json"], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_pdfs(docs: list[Path], out: Path, env: dict | None = None) -> list[Path]:
    """LibreOffice's PDFs of DOCX files (what an editor's Word-like program makes of them),
    converted in one run with a profile of its own in out/ (no user's settings, and tests
    running at once do not share one). Skips where LibreOffice is not installed."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: the DOCX → PDF checks need it")
    r = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{out / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docs),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    pdfs = [out / (d.stem + ".pdf") for d in docs]
    assert all(p.exists() for p in pdfs), r.stdout + r.stderr
    return pdfs


def han(text: str) -> str:
    """The Chinese characters of a text, in order (what 'nothing lost' compares)."""
    return "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff")


def is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)
