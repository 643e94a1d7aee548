"""Outputs appear whole or not at all: written beside the target, then renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: Path):
    """Yield a temporary path next to target; on success it replaces target.

    On any failure the temporary file is removed and the previous good output
    (which a print shop may already be picking up) stays as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".part")
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def write_atomic(path: Path, data: bytes) -> None:
    """Readers see the old file or the whole new one, never a half-written one."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
