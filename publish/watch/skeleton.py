"""`publish new`: a meeting folder to fill in, every field explained in Chinese.

The texts are data (skeleton/meeting.yaml, skeleton/speaker.md); placeholders
say 待填, which `publish proof` reports until they are replaced. An existing
folder is never touched: the skeleton is written beside it and renamed in whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from ..errors import InputError, Problem

SPEAKER_DIR = "speakers"


def _text(name: str) -> str:
    return resources.files(__package__).joinpath("skeleton", name).read_text("utf-8")


def speaker_key(i: int) -> str:
    return f"{i:02d}-fayanren"


def write_skeleton(folder: Path, speakers: int = 2) -> list[Path]:
    folder = Path(folder)
    if folder.exists() or folder.is_symlink():
        raise InputError(
            Problem(
                str(folder),
                None,
                "这个文件夹已经存在，publish new 不会覆盖它。请换一个新名字，或直接编辑已有的会议文件。",
            )
        )
    keys = [speaker_key(i + 1) for i in range(speakers)]
    meeting = _text("meeting.yaml").replace("{speakers}", "".join(f"  - {k}\n" for k in keys))
    speaker = _text("speaker.md")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".new"))
    try:
        (tmp / "meeting.yaml").write_text(meeting, "utf-8")
        (tmp / SPEAKER_DIR).mkdir()
        for k in keys:
            (tmp / SPEAKER_DIR / f"{k}.md").write_text(speaker.replace("{key}", k), "utf-8")
        os.chmod(tmp, 0o755)
        # rename() onto a path that appeared meanwhile fails (or, for an empty folder,
        # replaces nothing of the user's): never a merge into someone's files.
        if folder.exists():
            raise InputError(Problem(str(folder), None, "这个文件夹刚刚被别的程序建立了，publish new 不会覆盖它。"))
        os.rename(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [folder / "meeting.yaml"] + [folder / SPEAKER_DIR / f"{k}.md" for k in keys]
