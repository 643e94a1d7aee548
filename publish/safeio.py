"""Every file the tool reads is checked here first.

A content file, layout, template, portrait, ICC profile, font, PDF or DOCX must be
a regular file (a FIFO would hang the build, /dev/zero would fill memory), must
not be a link that leads out of the folder it belongs to (a meeting folder
mailed in with notes.txt -> /etc/shadow), and must be under the size limit of
its kind (publish.limits.FILE_SIZE). The file is opened without blocking and
checked on the open descriptor, so it cannot be swapped between check and read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from . import limits
from .errors import EnvironmentFault, InputError, Problem


def _mb(n: int) -> str:
    return f"{n / limits.MB:.1f} MB" if n < 10 * limits.MB else f"{n // limits.MB} MB"


def _kind_of_special(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字（socket）"
    if stat.S_ISDIR(mode):
        return "文件夹"
    if not stat.S_ISREG(mode):
        return "特殊文件"
    return None


def _check_stat(path: Path, st: os.stat_result, what: str, limit: int) -> None:
    """A regular file under the size limit; read_bytes checks the open descriptor's
    stat, check_file the path's (for files a library opens itself)."""
    special = _kind_of_special(st.st_mode)
    if special == "文件夹":
        raise InputError(Problem(str(path), None, "这是一个文件夹，不是文件。"))
    if special:
        raise InputError(
            Problem(str(path), None, f"这不是普通文件，而是{special}，不能作为{what}读取。请换成真正的文件。")
        )
    if st.st_size > limit:
        raise InputError(
            Problem(
                str(path),
                None,
                f"文件有 {_mb(st.st_size)}，超过{what}的上限 {_mb(limit)}。请检查是不是选错了文件。",
            )
        )


def inside(path: Path, root: Path) -> bool:
    """Whether path, with every link followed, stays inside root."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def check_link(path: Path, root: Path | None) -> None:
    if root is not None and not inside(path, root):
        raise InputError(
            Problem(
                str(path),
                None,
                f"这是指向“{root}”之外的链接（或路径），不允许读取。请把真正的文件复制进来，而不是放一个链接。",
            )
        )


def read_bytes(path: Path, kind: str, root: Path | None = None, limit: int | None = None) -> bytes:
    """The file's bytes after the checks above; problems are InputError (exit 2),
    a file the user may not read is an EnvironmentFault (exit 3)."""
    path = Path(path)
    check_link(path, root)
    limit = limits.FILE_SIZE[kind] if limit is None else limit
    what = limits.KIND_NAMES[kind]
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(Problem(str(path), None, "文件不存在。请检查文件名和路径。")) from None
    except IsADirectoryError:
        raise InputError(Problem(str(path), None, "这是一个文件夹，不是文件。")) from None
    except PermissionError:
        raise EnvironmentFault(
            Problem(str(path), None, "没有读取这个文件的权限。请检查文件权限（或换一个用户运行）。")
        ) from None
    except OSError as e:
        if e.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket
            raise InputError(
                Problem(str(path), None, f"这不是普通文件，而是套接字（socket），不能作为{what}读取。")
            ) from None
        if e.errno == errno.ELOOP:
            raise InputError(Problem(str(path), None, "这是一个循环链接，指向它自己。请换成真正的文件。")) from None
        raise InputError(Problem(str(path), None, f"无法读取文件：{e.strerror}。")) from None
    try:
        _check_stat(path, os.fstat(fd), what, limit)
        os.set_blocking(fd, True)
        chunks, n = [], 0
        while True:
            b = os.read(fd, 1 << 20)
            if not b:
                break
            n += len(b)
            if n > limit:  # grew while we read
                raise InputError(
                    Problem(str(path), None, f"文件超过{what}的上限 {_mb(limit)}。请检查是不是选错了文件。")
                )
            chunks.append(b)
        return b"".join(chunks)
    except OSError as e:
        raise InputError(Problem(str(path), None, f"无法读取文件：{e.strerror}。")) from None
    finally:
        os.close(fd)


def check_file(path: Path, kind: str, root: Path | None = None) -> int:
    """The checks of read_bytes without reading (for files a library opens itself); returns the size."""
    path = Path(path)
    check_link(path, root)
    what = limits.KIND_NAMES[kind]
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(Problem(str(path), None, "文件不存在。请检查文件名和路径。")) from None
    except PermissionError:
        raise EnvironmentFault(Problem(str(path), None, "没有读取这个文件的权限。请检查文件权限。")) from None
    except OSError as e:
        raise InputError(Problem(str(path), None, f"无法读取文件：{e.strerror}。")) from None
    _check_stat(path, st, what, limits.FILE_SIZE[kind])
    return st.st_size


def check_zip(path: Path, kind: str = "docx") -> None:
    """A zip container (DOCX) whose members unpack to a bounded size: a 1.8 MB file
    that unpacks to 600 MB is refused before anything is decompressed. The sizes
    checked are the declared ones, which zipfile holds the decompressor to."""
    import zipfile

    check_file(path, kind)
    what = limits.KIND_NAMES[kind]
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise InputError(
            Problem(
                str(path),
                None,
                f"这个{what}已损坏或不是 {kind.upper()} 文件（{type(e).__name__}）。请用 Word/WPS 打开后重新另存。",
            )
        ) from None
    if len(infos) > limits.ZIP_MEMBERS:
        raise InputError(
            Problem(
                str(path),
                None,
                f"这个{what}里有 {len(infos)} 个部件，超过 {limits.ZIP_MEMBERS} 个的上限，"
                "不像是正常的文件。请用 Word/WPS 重新另存。",
            )
        )
    total = 0
    for i in infos:
        total += i.file_size
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > limits.ZIP_MEMBER or (i.file_size > limits.MB and ratio > limits.ZIP_RATIO):
            raise InputError(
                Problem(
                    str(path),
                    None,
                    f"这个{what}的部件“{i.filename[:80]}”解压后有 {_mb(i.file_size)}"
                    f"（压缩比 {ratio:.0f}:1），超出上限（{_mb(limits.ZIP_MEMBER)}，{limits.ZIP_RATIO}:1），"
                    "不像是正常的文件（“压缩炸弹”）。请用 Word/WPS 重新另存。",
                )
            )
    if total > limits.ZIP_TOTAL:
        raise InputError(
            Problem(
                str(path),
                None,
                f"这个{what}解压后共有 {_mb(total)}，超过 {_mb(limits.ZIP_TOTAL)} 的上限。请检查是不是选错了文件。",
            )
        )
