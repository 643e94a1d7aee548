"""The on-disk font cache: atomic writes under a lock, shared by concurrent builds."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from pathlib import Path

from ..atomic import write_atomic  # noqa: F401  (the font cache's writes go through the one helper)


def cache_root() -> Path:
    env = os.environ.get("PUBLISH_FONT_CACHE")
    if env:
        root = Path(env)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        root = base / "publish" / "fonts"
    root.mkdir(parents=True, exist_ok=True)
    return root


def digest(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(str(p).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:24]


@contextlib.contextmanager
def locked(name: str):
    """An exclusive lock so two builds do not convert the same font at once."""
    lock = cache_root() / f"{name}.lock"
    with open(lock, "a+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
