"""The on-disk font cache: atomic writes under a lock, shared by concurrent builds.

Everything read from it is checked (sizes, checksums, structure) by its reader:
a damaged entry is rebuilt with a one-line notice, never trusted. A cache that
cannot be written (a read-only shared cache) still serves what it has; what is
missing is made in a private folder of this process.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..atomic import write_atomic  # noqa: F401  (the font cache's writes go through the one helper)

_private: dict[Path, Path] = {}  # configured cache root -> this process's own folder for it
_noticed: set[str] = set()


def configured_root() -> Path:
    env = os.environ.get("PUBLISH_FONT_CACHE")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "publish" / "fonts"


def cache_root() -> Path:
    root = configured_root()
    if root.is_dir():
        return root
    if root.exists() or root.is_symlink():
        from ..errors import EnvironmentFault, Problem

        raise EnvironmentFault(
            Problem(
                str(root),
                None,
                "字体缓存的位置是一个文件，不是文件夹。请删去或改名这个文件，"
                "或设置环境变量 PUBLISH_FONT_CACHE 指向一个文件夹。",
            )
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
        return root
    except FileExistsError:
        from ..errors import EnvironmentFault, Problem

        raise EnvironmentFault(
            Problem(
                str(root),
                None,
                "字体缓存路径中有一个同名的文件，不能建文件夹。请设置环境变量 PUBLISH_FONT_CACHE 指向一个文件夹。",
            )
        ) from None
    except OSError:
        return private_root()  # cannot create it (read-only home): this process's own


def private_root() -> Path:
    """A cache folder of this process only, removed at exit: where a read-only shared
    cache's missing entries are made (one per configured cache)."""
    root = configured_root()
    if root not in _private:
        _private[root] = Path(tempfile.mkdtemp(prefix="publish-fonts-"))
        atexit.register(shutil.rmtree, _private[root], True)
    return _private[root]


def private_for_current() -> Path | None:
    return _private.get(configured_root())


def notice(what: str) -> None:
    """One line on stderr per damaged entry (not per build step)."""
    if what not in _noticed:
        _noticed.add(what)
        print(f"提示：字体缓存中的 {what} 已损坏，已重新生成。", file=sys.stderr)


def digest(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(str(p).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:24]


@contextlib.contextmanager
def locked(name: str):
    """An exclusive lock so two builds do not convert the same font at once.
    In a read-only cache nothing is written, so nothing needs locking."""
    lock = cache_root() / f"{name}.lock"
    try:
        f = open(lock, "a+b")
    except OSError:
        yield
        return
    with f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
