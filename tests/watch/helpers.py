"""A `publish watch` process on a copy of the reference meeting, with bounded waits."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REFERENCE, ROOT

START_S = 120  # first build in a cold process on a busy machine
REBUILD_S = 60


class WatchProcess:
    def __init__(self, tmp: Path, layout: str = "broadsheet"):
        self.meeting = tmp / "yongchuan-2026-q1"
        shutil.copytree(REFERENCE, self.meeting)
        self.out = tmp / "build"
        self.log = tmp / "watch.log"
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self._log = open(self.log, "w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "publish",
                "watch",
                str(self.meeting),
                "-o",
                str(self.out),
                "--port",
                "0",
                "--layout",
                layout,
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        self.url = self._wait_url()
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def output(self) -> str:
        return self.log.read_text("utf-8")

    def _wait_url(self) -> str:
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            m = re.search(r"http://127\.0\.0\.1:\d+/", self.output())
            if m:
                return m.group(0)
            if self.proc.poll() is not None:
                raise AssertionError("publish watch exited: " + self.output())
            time.sleep(0.1)
        raise AssertionError("publish watch printed no address: " + self.output())

    def get(self, path: str, host: str | None = None) -> tuple[int, bytes, dict]:
        """A raw request: the path goes out exactly as written (no client-side normalising)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host or f"127.0.0.1:{self.port}")
            conn.endheaders()
            r = conn.getresponse()
            return r.status, r.read(), dict(r.getheaders())
        finally:
            conn.close()

    def state(self) -> dict:
        status, body, _ = self.get("/state")
        assert status == 200
        return json.loads(body)

    def wait(self, pred, timeout: float = REBUILD_S, what: str = "") -> dict:
        deadline = time.monotonic() + timeout
        st = None
        while time.monotonic() < deadline:
            st = self.state()
            if pred(st):
                return st
            time.sleep(0.1)
        raise AssertionError(
            f"timed out waiting for {what}; last state: {json.dumps(st, ensure_ascii=False)[:2000]}"
            f"\nlog:\n{self.output()}"
        )

    def wait_built(self, after: int, timeout: float = REBUILD_S) -> dict:
        """The state once more than `after` rebuilds have finished (good or bad)."""
        return self.wait(lambda s: s["builds"] > after, timeout, f"rebuild number {after + 1}")

    def wait_status(self, status: str, timeout: float = REBUILD_S, pred=None) -> dict:
        """A finished rebuild in this status (and meeting pred, if given). "good" is a page
        written to build/: fitting (ok) or, where the content cannot fill it, flagged 排不满 (short)."""
        wanted = ("ok", "short") if status == "good" else (status,)
        return self.wait(
            lambda s: s.get("phase") == "done" and s["status"] in wanted and (pred is None or pred(s)),
            timeout,
            f"status {status}",
        )

    def interrupt(self, timeout: float = 20) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._log.close()
