"""Ctrl-C stops `publish watch` cleanly: exit 0, the port closed, no half-written output."""

from __future__ import annotations

import socket

import pytest

from .helpers import WatchProcess

pytestmark = pytest.mark.slow


def test_ctrl_c_stops_cleanly(tmp_path):
    w = WatchProcess(tmp_path)
    try:
        w.wait_status("good", timeout=180)
        pdf = (w.out / "yongchuan-2026-q1.pdf").read_bytes()
        # Ctrl-C in the middle of a rebuild
        sp = sorted((w.meeting / "speakers").glob("*.md"))[0]
        sp.write_text(sp.read_text("utf-8").replace("全区", "全区上下", 1), "utf-8")
        code = w.interrupt()
        out = w.output()
        assert code == 0, out
        assert "已停止预览" in out and "Traceback" not in out
        assert not list(w.out.glob(".*.part"))
        got = (w.out / "yongchuan-2026-q1.pdf").read_bytes()
        assert got.startswith(b"%PDF") and got.rstrip().endswith(b"%%EOF") and (got == pdf or len(got) > 1000)
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", w.port), timeout=2).close()
    finally:
        w.close()


def test_port_in_use_is_an_input_error(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REFERENCE, ROOT

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run(
            [sys.executable, "-m", "publish", "watch", str(REFERENCE), "-o", str(tmp_path), "--port", str(port)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    assert r.returncode == 2
    assert f"端口 {port} 已被占用" in r.stderr and "Traceback" not in r.stderr


def test_missing_folder_is_an_input_error(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    r = subprocess.run(
        [sys.executable, "-m", "publish", "watch", str(tmp_path / "nope"), "--port", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 2 and "找不到这个会议文件夹" in r.stderr
