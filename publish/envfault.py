"""Faults of the machine, not of the input: said in the editor's words, exit status 3.

A full disk or a read-only output folder is not a bug of the tool ("内部错误 …
send the log to the developers") nor a mistake in the content (exit 2).
"""

from __future__ import annotations

import errno
from pathlib import Path

from .errors import EnvironmentFault, Problem

_MESSAGES = {
    errno.ENOSPC: "磁盘已满，文件没有写成（原来的输出保持不变）。请清理磁盘空间后再运行。",
    errno.EDQUOT: "磁盘配额已用完，文件没有写成（原来的输出保持不变）。请清理空间后再运行。",
    errno.EFBIG: "文件太大，超过了系统允许的大小或磁盘配额，没有写成（原来的输出保持不变）。请清理空间或联系管理员。",
    errno.EROFS: "这个位置是只读的，不能写入。请用 -o 换一个可写的输出文件夹。",
    errno.EACCES: "没有写入这个位置的权限。请检查文件夹权限，或用 -o 换一个输出文件夹。",
    errno.EPERM: "没有写入这个位置的权限。请检查文件夹权限，或用 -o 换一个输出文件夹。",
    errno.ENOTDIR: "这里应是文件夹，路径中却有一个同名的文件。请用 -o 换一个输出文件夹，或把那个文件移走。",
    errno.EEXIST: "这里应是文件夹，却已有一个同名的文件。请用 -o 换一个输出文件夹，或把那个文件移走。",
    errno.EISDIR: "这里应写一个文件，却已有一个同名的文件夹。请把那个文件夹移走，或用 -o 换一个输出文件夹。",
    errno.EMFILE: "同时打开的文件太多（系统限制）。请关闭其他程序后再运行。",
    errno.ENAMETOOLONG: "文件名或路径太长。请换一个短一些的输出文件夹。",
    errno.EIO: "读写磁盘时出错（硬件或网络盘故障）。请检查磁盘后再运行。",
}

ENV_ERRNOS = frozenset(_MESSAGES)


def is_env_error(e: BaseException) -> bool:
    return isinstance(e, MemoryError) or (isinstance(e, OSError) and e.errno in ENV_ERRNOS)


def fault(e: BaseException, where: Path | str) -> EnvironmentFault:
    """The EnvironmentFault for an OSError (or MemoryError) met while writing near `where`."""
    if isinstance(e, MemoryError):
        return EnvironmentFault(Problem(str(where), None, "内存不足，排版没有完成。请关闭其他程序后再运行。"))
    path = getattr(e, "filename", None) or where
    msg = _MESSAGES.get(getattr(e, "errno", None) or 0)
    if msg is None:
        msg = f"无法写入：{getattr(e, 'strerror', None) or e}。请检查磁盘和文件夹权限。"
    return EnvironmentFault(Problem(str(path), None, msg))


def check_out_dir(out_dir: Path) -> None:
    """The output folder exists (or is made) and is a folder: said before a build spends its time."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise EnvironmentFault(
            Problem(
                str(out_dir), None, "输出位置是一个文件，不是文件夹。请用 -o 指定一个文件夹（不存在时会自动创建）。"
            )
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (OSError, MemoryError) as e:
        raise fault(e, out_dir) from None
