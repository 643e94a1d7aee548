"""The output folder shared by builds: new files as .part, put in place under a lock.

A .part file carries the id of the process writing it, so the next run can tell
the leftovers of a killed build (removed) from the work of a build still running
(left alone).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from pathlib import Path

_PART = re.compile(r"^\..+\.(\d+)\.[^.]+\.part$")


def new_part(target: Path) -> Path:
    """An empty temporary file beside target: .NAME.PID.RANDOM.part"""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".part")
    os.close(fd)
    return Path(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove .part files whose writer is gone (a build killed by kill -9 or a power cut)."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for e in entries:
        m = _PART.match(e.name)
        if not m or not e.is_file(follow_symlinks=False):
            continue
        pid = int(m.group(1))
        if pid == os.getpid() or _alive(pid):
            continue  # being written right now, by this process or another build
        with contextlib.suppress(OSError):
            os.unlink(e.path)
            removed.append(Path(e.path))
    return removed


@contextlib.contextmanager
def folder_lock(folder: Path):
    """An exclusive lock on the output folder itself (no lock file left behind)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
