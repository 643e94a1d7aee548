"""Scale features, tested for what they do (the timings are in benchmarks/run.py):
several meetings in a process pool, errors isolated per meeting, the per-face
glyph store reused across character sets."""

import shutil
import sys

import pytest

from .conftest import REFERENCE, ROOT, run_cli

sys.path.insert(0, str(ROOT))
from benchmarks.make_archive import make_archive  # noqa: E402


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Three small synthetic meetings that fit the broadsheet page."""
    root = tmp_path_factory.mktemp("archive")
    make_archive(root, count=3, seed=7, check=False)
    # Without the fit check some could overflow; cut them to a third so all fit.
    for md in root.rglob("speakers/*.md"):
        head, body = md.read_text("utf-8").rsplit("---\n", 1)
        md.write_text(head + "---\n" + body[: max(60, len(body) // 3)].rstrip() + "\n", "utf-8")
    return sorted(p for p in root.iterdir() if p.is_dir())


@pytest.fixture
def cache(tmp_path, monkeypatch):
    path = tmp_path / "font-cache"
    monkeypatch.setenv("PUBLISH_FONT_CACHE", str(path))
    return path


@pytest.mark.slow
def test_three_meetings_with_two_jobs_make_three_pdfs(archive, cache, tmp_path):
    out = tmp_path / "out"
    r = run_cli("build", *archive, "-f", "pdf", "--jobs", "2", "-o", out, env={"PUBLISH_FONT_CACHE": str(cache)})
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(f"{d.name}.pdf" for d in archive)
    # stderr is a pipe here, not a terminal: plain progress lines, one per meeting.
    assert r.stderr.count("[") >= 3 and "/3]" in r.stderr


@pytest.mark.slow
def test_bad_meeting_among_good_ones_exits_2_and_builds_the_good(archive, cache, tmp_path):
    bad = tmp_path / "bad-meeting"
    shutil.copytree(archive[0], bad)
    with open(bad / "meeting.yaml", "a", encoding="utf-8") as f:
        f.write("title: [不闭合\n")
    out = tmp_path / "out"
    r = run_cli(
        "build",
        archive[1],
        bad,
        archive[2],
        "-f",
        "pdf",
        "--jobs",
        "2",
        "-o",
        out,
        env={"PUBLISH_FONT_CACHE": str(cache)},
    )
    assert r.returncode == 2, r.stderr
    assert "meeting.yaml" in r.stderr
    assert {p.name for p in out.glob("*.pdf")} == {f"{archive[1].name}.pdf", f"{archive[2].name}.pdf"}


def test_exit_status_is_the_worst(monkeypatch, tmp_path):
    """2 (bad input) wins over 1 (build problem), whatever the order."""
    from publish import build
    from publish.errors import BuildError, InputError, Problem

    def fake(d, opts):
        if d.name == "input":
            raise InputError(Problem(str(d), None, "bad"))
        if d.name == "build":
            raise BuildError(Problem(str(d), None, "overflow"))
        raise RuntimeError("bug")

    monkeypatch.setattr(build, "build_one", fake)
    opts = build.BuildOptions(out_dir=tmp_path, quiet=True)
    assert build.build_many([tmp_path / "build", tmp_path / "input", tmp_path / "bug"], opts, jobs=1) == 2
    assert build.build_many([tmp_path / "bug", tmp_path / "build"], opts, jobs=1) == 1
    assert "bug" in (tmp_path / "publish-error.log").read_text("utf-8")


@pytest.mark.slow
def test_one_character_edit_converts_only_the_new_glyph(cache, tmp_path):
    from publish.build import BuildOptions, build_one
    from publish.fonts import glyphs

    # cores=1: every conversion happens in this process, where it is counted
    opts = BuildOptions(formats=("pdf",), out_dir=tmp_path / "out", quiet=True, cores=1)
    meeting = tmp_path / "m"
    shutil.copytree(REFERENCE, meeting)
    build_one(meeting, opts)
    first = glyphs.stats["converted"]
    assert first > 500  # the whole page, converted once

    md = sorted((meeting / "speakers").glob("*.md"))[0]
    text = md.read_text("utf-8")
    at = text.index("---", 3) + 4
    assert "鑫" not in "".join(p.read_text("utf-8") for p in REFERENCE.rglob("*.md"))
    md.write_text(text[:at] + "鑫" + text[at + 1 :], "utf-8")
    build_one(meeting, opts)
    assert glyphs.stats["converted"] - first == 1
    assert (tmp_path / "out" / "m.pdf").stat().st_size > 10_000

    # Back to the first text: that character set is still cached, nothing to convert or assemble.
    md.write_text(text, "utf-8")
    n_subsets = len(list((cache / "subsets").glob("*.ttf")))
    build_one(meeting, opts)
    assert glyphs.stats["converted"] - first == 1
    assert len(list((cache / "subsets").glob("*.ttf"))) == n_subsets


def test_torn_glyph_record_is_ignored(tmp_path):
    import zlib

    from publish.fonts.glyphs import _REC, _read_records

    path = tmp_path / "glyphs.bin"
    data = b"0123456789ab"  # at least a glyf header's 10 bytes
    good = _REC.pack(5, 1000, 12, len(data), zlib.crc32(data)) + data
    path.write_bytes(good + _REC.pack(6, 1000, 0, 50, 0) + b"short")
    assert _read_records(path) == {5: (1000, 12, data)}


def test_warm_build_imports_no_fonttools(cache, tmp_path):
    """On a warm cache the subsets are read as they are: fontTools is not even imported."""
    env = {"PUBLISH_FONT_CACHE": str(cache)}
    out = tmp_path / "out"
    assert run_cli("build", REFERENCE, "-f", "pdf", "-o", out, "-q", env=env).returncode == 0
    code = (
        "import sys, publish.cli as c\n"
        "try: c.main(['build', sys.argv[1], '-f', 'pdf', '-o', sys.argv[2], '-q'])\n"
        "except SystemExit as e: assert not e.code, e.code\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('fontTools', 'docx')))\n"
        "assert not bad, bad\n"
    )
    import subprocess

    r = subprocess.run(
        [sys.executable, "-c", code, str(REFERENCE), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**__import__("os").environ, **env},
        timeout=120,
    )
    assert r.returncode == 0, r.stderr


def test_old_subsets_are_pruned(cache, monkeypatch, tmp_path):
    import os
    from publish.fonts import subset

    folder = tmp_path / "subsets"
    folder.mkdir()
    for i in range(30):
        for ext in (".ttf", ".json"):
            p = folder / f"{i:02d}{ext}"
            p.write_bytes(b"x")
            os.utime(p, (1000 + i, 1000 + i))
    monkeypatch.setattr(subset, "KEEP_SUBSETS", 10)
    subset._prune(folder)
    assert sorted(p.name for p in folder.glob("*.ttf")) == [f"{i}.ttf" for i in range(20, 30)]
    assert len(list(folder.glob("*.json"))) == 10


def test_append_after_a_torn_record_cuts_it_off(cache):
    """A writer killed mid-record must not corrupt the glyphs appended after it."""
    from publish.fonts import glyphs
    from publish.fonts.resolve import find_face

    face = find_face("Noto Serif CJK SC")
    if face is None:
        pytest.skip("Noto Serif CJK SC not installed")
    store = glyphs.FaceStore(face)
    store.ensure(store.gids("中").values())
    path = store.dir / "glyphs.bin"
    whole = path.read_bytes()
    path.write_bytes(whole + glyphs._REC.pack(9, 1000, 0, 500, 0) + b"torn")
    store = glyphs.FaceStore(face)
    store.ensure(store.gids("中国").values())
    got = glyphs._read_records(path)
    assert store.gids("国")[ord("国")] in got and store.gids("中")[ord("中")] in got
    assert 9 not in got


def test_pool_workers_convert_glyphs_on_their_own_core(tmp_path, monkeypatch):
    """A build of many meetings already keeps every core busy: its workers are told to
    fill a cold glyph store on one core (an explicit option, not a flag flipped in them),
    a single build may use them all."""
    from publish.build import BuildOptions, build_many, build_one
    from publish.compose import fontbook

    seen = tmp_path / "cores.txt"

    def recording_prefill(jobs, cores=None):
        with open(seen, "a") as f:
            f.write(f"{cores}\n")

    monkeypatch.setattr(fontbook, "prefill", recording_prefill)
    for name in ("a", "b"):
        shutil.copytree(REFERENCE, tmp_path / name)
    opts = BuildOptions(formats=("pdf",), out_dir=tmp_path / "out", quiet=True)
    assert build_many([tmp_path / "a", tmp_path / "b"], opts, jobs=2) == 0
    assert seen.read_text().split() == ["1", "1"]
    seen.unlink()
    build_one(tmp_path / "a", opts)
    assert seen.read_text().split() == ["None"]
