"""Output folders, packages and faults of the machine: nothing the user owns is
deleted or overwritten by surprise, environment faults exit 3 with their own
message, and the print-shop package holds only what the build read."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from ..conftest import ROOT
from .bounded import cli
from .helpers import copy_meeting, docx_text, edit, pdf_text


def _snapshot(folder):
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*")}


# --- the output folder -----------------------------------------------------------------------


def test_output_is_a_file(tmp_path):
    m = copy_meeting(tmp_path)
    f = tmp_path / "out"
    f.write_text("my notes", "utf-8")
    r = cli("build", m, "-o", f)
    assert (r.returncode, r.stderr.strip()) == (
        3,
        f"{f}: 输出位置是一个文件，不是文件夹。请用 -o 指定一个文件夹（不存在时会自动创建）。",
    )
    assert f.read_text("utf-8") == "my notes"


def test_output_under_a_file(tmp_path):
    m = copy_meeting(tmp_path)
    (tmp_path / "afile").write_text("x", "utf-8")
    r = cli("build", m, "-o", tmp_path / "afile" / "out")
    assert r.returncode == 3
    assert r.stderr.strip().endswith(
        "这里应是文件夹，路径中却有一个同名的文件。请用 -o 换一个输出文件夹，或把那个文件移走。"
    )
    assert not (tmp_path / "publish-error.log").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_read_only_folder(tmp_path):
    m = copy_meeting(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(out, 0o555)
    try:
        r = cli("build", m, "-o", out)
    finally:
        os.chmod(out, 0o755)
    assert r.returncode == 3 and "没有写入这个位置的权限" in r.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "code,expect",
    [
        (errno.ENOSPC, "磁盘已满，文件没有写成（原来的输出保持不变）。请清理磁盘空间后再运行。"),
        (errno.EROFS, "这个位置是只读的，不能写入。请用 -o 换一个可写的输出文件夹。"),
        (errno.EACCES, "没有写入这个位置的权限。请检查文件夹权限，或用 -o 换一个输出文件夹。"),
        (errno.EDQUOT, "磁盘配额已用完，文件没有写成（原来的输出保持不变）。请清理空间后再运行。"),
    ],
)
def test_environment_fault_while_writing(tmp_path, monkeypatch, capsys, code, expect):
    """The fault arrives in the middle of writing the PDF: exit 3, its own message, the last good output kept."""
    from publish.build import BuildOptions, build_many
    from publish.render import pdf as pdf_mod

    m = copy_meeting(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "yongchuan-2026-q1.pdf").write_bytes(b"last good pdf")

    def full(comp, path, **kw):
        with open(path, "wb") as f:
            f.write(b"%PDF-1.3 half")
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(pdf_mod, "render_pdf", full)
    status = build_many([m], BuildOptions(out_dir=out, quiet=True), jobs=1)
    err = capsys.readouterr().err
    assert status == 3
    assert expect in err and "内部错误" not in err
    assert sorted(p.name for p in out.iterdir()) == ["yongchuan-2026-q1.pdf"]
    assert (out / "yongchuan-2026-q1.pdf").read_bytes() == b"last good pdf"


def test_file_size_limit_of_the_system(tmp_path):
    """A real write failure (RLIMIT_FSIZE, as a full disk is met): exit 3, no log, no traceback, no .part."""
    import resource

    m = copy_meeting(tmp_path)
    out = tmp_path / "out"

    def small():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    r = subprocess.run(
        [sys.executable, "-m", "publish", "build", str(m), "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        preexec_fn=small,
        env=dict(os.environ, PYTHONPATH=str(ROOT), PUBLISH_FONT_CACHE=str(tmp_path / "cache")),
    )
    assert r.returncode == 3, r.stderr
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert "文件太大，超过了系统允许的大小或磁盘配额" in r.stderr
    assert [p.name for p in out.iterdir()] == []


def test_no_error_log_when_nothing_went_wrong(tmp_path):
    m = copy_meeting(tmp_path)
    edit(m / "meeting.yaml", "page_number: 3", "page_number: x")
    r = cli("build", m, "-o", tmp_path / "out")
    assert r.returncode == 2
    assert not (tmp_path / "out" / "publish-error.log").exists()


def test_stale_part_files_are_removed(tmp_path):
    from .helpers import build

    m = copy_meeting(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".yongchuan-2026-q1.pdf.{dead.pid}.k3j4h5.part"
    stale.write_bytes(b"half a pdf")
    live = out / f".yongchuan-2026-q1.docx.{os.getppid()}.a1b2c3.part"  # a process that is running
    live.write_bytes(b"being written")
    mine = out / "notes.part"  # not ours: left alone
    mine.write_text("x", "utf-8")
    build(m, out)
    assert not stale.exists()
    assert live.exists() and mine.exists()


def test_same_folder_name_twice_in_one_build(tmp_path):
    a = copy_meeting(tmp_path / "a", "ref")
    b = copy_meeting(tmp_path / "b", "ref")
    r = cli("build", a, b, "-o", tmp_path / "out")
    assert r.returncode == 2
    assert r.stderr.strip() == (
        f"{b}: 与 {a} 的文件夹同名“ref”，输出文件会互相覆盖，所以都没有排。"
        "请给其中一个会议文件夹改名，或分两次用不同的 -o 输出。"
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_meeting_v2_build_and_package_agree(tmp_path):
    m = copy_meeting(tmp_path, "meeting.v2")
    out = tmp_path / "out"
    r = cli("build", m, "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["meeting.v2.docx", "meeting.v2.pdf"]
    r = cli("package", m, "-o", out)
    assert r.returncode == 0, r.stderr
    z = zipfile.ZipFile(out / "meeting.v2-print.zip")
    assert {"meeting.v2.pdf", "source/meeting.v2/meeting.yaml"} <= set(z.namelist())


def test_concurrent_builds_keep_pairs_together(tmp_path):
    """Two builds of differently edited copies into one folder: the PDF and the DOCX left are from the same build."""
    out = tmp_path / "out"
    procs = []
    for mark in ("甲子春风", "乙丑夏雨"):
        m = copy_meeting(tmp_path / mark, "same")
        edit(
            m / "speakers" / "01-zhang-xiaomei.md",
            "一是以核心价值推动凝心铸魂。",
            f"一是以核心价值推动凝心铸魂。{mark}。",
        )
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "publish", "build", str(m), "-o", str(out), "-q"],
                cwd=ROOT,
                env=dict(os.environ, PYTHONPATH=str(ROOT)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    pdf, docx = pdf_text(out / "same.pdf"), docx_text(out / "same.docx")
    marks = [mk for mk in ("甲子春风", "乙丑夏雨") if mk in pdf]
    assert len(marks) == 1 and marks[0] in docx
    assert sorted(p.name for p in out.iterdir()) == ["same.docx", "same.pdf"]


def test_ctrl_c_during_start_up(tmp_path):
    """Ctrl-C at several moments while the program starts: no traceback, status 130 (or done)."""
    m = copy_meeting(tmp_path)
    for delay in (0.1, 0.2, 0.4, 0.8):
        p = subprocess.Popen(
            [sys.executable, "-m", "publish", "build", str(m), "-o", str(tmp_path / "out"), "-q"],
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=300)
        if "Fatal Python error: init_import_site" in err or (
            "Traceback" in err and "publish" not in err.split("Traceback", 1)[1]
        ):
            continue  # the interpreter's own start-up (site, runpy), before any line of the program runs
        assert "Traceback" not in err, (delay, err)
        # -2: killed by the signal before Python itself was up (nothing printed, nothing written)
        assert p.returncode in (130, 0, -signal.SIGINT), (delay, p.returncode, err)
        if p.returncode == -signal.SIGINT:
            assert err.strip() in ("", "已中断（Ctrl-C），没有写出新的文件。")
        if p.returncode == 130:
            assert err.strip() == "已中断（Ctrl-C），没有写出新的文件。"


# --- import -o / --force -----------------------------------------------------------------------


def _article(tmp_path):
    from ..importer.test_import import ARTICLE as TEXT

    src = tmp_path / "src.txt"
    src.write_text(TEXT, encoding="utf-8")
    return src


def test_import_force_onto_content_folder_refuses(tmp_path):
    content = tmp_path / "content"
    copy_meeting(content, "one")
    copy_meeting(content, "two")
    before = _snapshot(content)
    r = cli("import", _article(tmp_path), "-o", content, "--force")
    assert r.returncode == 2
    assert r.stderr.strip() == (
        f"{content}: 这个文件夹不是会议文件夹（里面没有 meeting.yaml），--force 不会替换它，"
        "以免删掉里面的其他文件。请用 -o 指定一个会议文件夹，例如 content/新会议。"
    )
    assert _snapshot(content) == before


def test_import_force_keeps_a_named_backup(tmp_path):
    m = copy_meeting(tmp_path / "content", "m")
    (m / "portraits").mkdir()
    (m / "portraits" / "zhang.png").write_bytes(b"photo")
    edit(m / "meeting.yaml", "page_number: 3", "page_number: 7")
    r = cli("import", _article(tmp_path), "-o", m, "--force")
    assert r.returncode == 0, r.stderr
    backups = [p for p in (tmp_path / "content").iterdir() if p.name.startswith(".m.backup-")]
    assert len(backups) == 1
    assert (backups[0] / "portraits" / "zhang.png").read_bytes() == b"photo"
    assert "page_number: 7" in (backups[0] / "meeting.yaml").read_text("utf-8")
    assert f"原来的文件夹已改名保存为 {backups[0]}/" in r.stdout or f"{backups[0].name}/" in r.stdout


def test_import_onto_existing_meeting_without_force(tmp_path):
    m = copy_meeting(tmp_path, "m")
    before = _snapshot(m)
    r = cli("import", _article(tmp_path), "-o", m)
    assert (r.returncode, r.stderr.strip()) == (
        2,
        f"{m}: 输出文件夹已存在，没有覆盖。请换一个输出文件夹（-o），或加 --force 覆盖它。",
    )
    assert _snapshot(m) == before


def test_import_onto_a_file_even_with_force(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("mine", "utf-8")
    r = cli("import", _article(tmp_path), "-o", f, "--force")
    assert (r.returncode, r.stderr.strip()) == (
        2,
        f"{f}: 这里已有一个同名的文件（不是会议文件夹），没有覆盖。请用 -o 换一个输出文件夹。",
    )
    assert f.read_text("utf-8") == "mine"


# --- the print-shop package ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def leaky_package(tmp_path_factory):
    t = tmp_path_factory.mktemp("pkg")
    m = copy_meeting(t)
    secret = t / "secret.txt"
    secret.write_text("TOP-SECRET-SHADOW", "utf-8")
    (m / "notes.txt").symlink_to(secret)
    (m / "a\\..\\..\\..\\Windows\\evil.bat").write_text("echo evil", "utf-8")
    with open(m / "stray-video.mp4", "wb") as f:
        f.truncate(3 * 1024**3)  # sparse 3 GB: must not be read
    (m / "portraits").mkdir()
    from PIL import Image

    Image.new("RGB", (600, 800), (200, 180, 160)).save(m / "portraits" / "zh\\ang.png", dpi=(300, 300))
    edit(m / "speakers" / "01-zhang-xiaomei.md", "name: 张小梅\n", "name: 张小梅\nportrait: portraits/zh\\ang.png\n")
    out = t / "out"
    t0 = time.monotonic()
    r = cli("package", m, "-o", out, mem_mb=3000, seconds=600)
    return r, out, time.monotonic() - t0


def test_package_does_not_follow_links_out(leaky_package):
    r, out, _ = leaky_package
    assert r.returncode == 0, r.stderr
    z = zipfile.ZipFile(out / "yongchuan-2026-q1-print.zip")
    assert not any("notes" in n for n in z.namelist())
    assert all(b"TOP-SECRET-SHADOW" not in z.read(n) for n in z.namelist())


def test_package_ships_only_what_the_build_read(leaky_package):
    r, out, seconds = leaky_package
    z = zipfile.ZipFile(out / "yongchuan-2026-q1-print.zip")
    src = sorted(n for n in z.namelist() if n.startswith("source/"))
    speakers = sorted(p.name for p in (ROOT / "content" / "yongchuan-2026-q1" / "speakers").glob("*.md"))
    assert src == sorted(
        ["source/yongchuan-2026-q1/meeting.yaml", "source/yongchuan-2026-q1/portraits/zh_ang.png"]
        + [f"source/yongchuan-2026-q1/speakers/{s}" for s in speakers]
    )
    assert "layout/broadsheet/layout.yaml" in z.namelist()
    assert any(n.startswith("layout/") and n.endswith("/templates/title.j2") for n in z.namelist())
    assert any(n.startswith("fonts/") and n.endswith(".licence.txt") for n in z.namelist())
    assert not any("mp4" in n or "evil" in n for n in z.namelist())


def test_package_names_are_safe(leaky_package):
    _, out, _ = leaky_package
    z = zipfile.ZipFile(out / "yongchuan-2026-q1-print.zip")
    for n in z.namelist():
        assert "\\" not in n and not n.startswith("/") and ".." not in n.split("/") and ":" not in n, n
