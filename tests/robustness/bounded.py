"""Run a hostile probe with a bound on time and memory, and report what came out.

A probe that hangs or eats memory must fail the test, not the machine: the work
runs in a forked child with RLIMIT_AS and is killed at its deadline.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import sys
import traceback
from dataclasses import dataclass

import pytest

from ..conftest import ROOT


@dataclass
class Outcome:
    status: int  # 0 ok, else the PublishError's exit code; -1 a crash
    messages: list[str]
    value: object = None
    trace: str = ""

    @property
    def first(self) -> str:
        return self.messages[0] if self.messages else ""


def _vm_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(conn, fn, args, mem_mb):
    from publish.errors import PublishError

    limit = _vm_bytes() + mem_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        value = fn(*args)
        out = Outcome(0, [], value if isinstance(value, (str, int, bytes, type(None), list, tuple)) else repr(value))
    except PublishError as e:
        out = Outcome(e.exit_code, [str(p) for p in e.problems])
    except BaseException:  # noqa: BLE001 - the probe reports it
        out = Outcome(-1, [], trace=traceback.format_exc())
    conn.send(out)
    conn.close()
    os._exit(0)


def bounded(fn, *args, seconds: float = 60, mem_mb: int = 1024) -> Outcome:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(child, fn, args, mem_mb))
    p.start()
    child.close()
    try:
        if not parent.poll(seconds):
            pytest.fail(f"probe did not finish within {seconds} s")
        out = parent.recv()
    except EOFError:
        p.join(5)
        pytest.fail(f"probe died (exit {p.exitcode}), probably over its {mem_mb} MB memory bound")
    finally:
        if p.is_alive():
            p.kill()
        p.join(5)
    assert out.status != -1, out.trace
    return out


def cli(*args, cwd=None, env=None, seconds: float = 120, mem_mb: int | None = None, stdin=None):
    """`publish ...` in a fresh process with a time (and optional memory) bound."""
    e = dict(os.environ, PYTHONPATH=str(ROOT))
    e.update(env or {})

    def limit():
        if mem_mb:
            b = mem_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (b, b))

    r = subprocess.run(
        [sys.executable, "-m", "publish", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=e,
        timeout=seconds,
        preexec_fn=limit,
        stdin=stdin,
    )
    assert "Traceback" not in r.stderr + r.stdout, r.stderr
    return r
