"""Load a meeting folder (meeting.yaml + speakers/*.md) into the content model.

Every problem found is collected and reported together as FILE:LINE: message,
so an editor fixes a whole round of mistakes per run, not one. The readers of the
pieces: fields.py (one value), publication.py (出版信息, 署名, 简报信息), speakers.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..model import Meeting, Source
from ..sourcefile import LocDict, check_keys, parse_yaml, read_text
from .fields import Collector, field_block, field_flag, field_review, field_text
from .publication import BULLETIN_KEYS, BYLINE_KEYS, PUBLICATION_KEYS, read_bulletin, read_byline, read_publication
from .speakers import SPEAKER_DIR, SPEAKER_KEYS, read_order

__all__ = [
    "MEETING_FILE",
    "MEETING_KEYS",
    "PUBLICATION_KEYS",
    "BYLINE_KEYS",
    "BULLETIN_KEYS",
    "SPEAKER_DIR",
    "SPEAKER_KEYS",
    "load_meeting",
]

MEETING_FILE = "meeting.yaml"

MEETING_KEYS = {
    "publication": "出版信息",
    "kicker": "引题",
    "title": "主题",
    "subtitle": "副题",
    "byline": "署名",
    "lead": "导语",
    "speakers": "发言顺序",
    "bulletin": "简报信息",
    "column": "栏目",
    "editor_note": "编者按",
    "closing_note": "结尾说明",
    "credit": "整理署名",
    "review": "待核对",
    "checked": "已核对",
}


def load_meeting(folder: Path | str) -> Meeting:
    folder = Path(folder)
    path, data = _meeting_file(folder)
    c = Collector()
    c.problems += check_keys(data, MEETING_KEYS, {"publication", "title", "speakers"}, path, "会议文件")
    # Read in the order of the file's usual layout, so the problems are listed in it too.
    pub = read_publication(data.get("publication"), data, path, c)
    byline = read_byline(data.get("byline"), data, path, c)
    bulletin = read_bulletin(data.get("bulletin"), data, path, c)
    title = field_text(data, "title", path, c)
    subtitle = field_text(data, "subtitle", path, c)
    kicker = field_text(data, "kicker", path, c)
    lead = field_block(data, "lead", path, c)
    extras: dict[str, Any] = dict(
        column=field_text(data, "column", path, c),
        editor_note=field_block(data, "editor_note", path, c),
        closing_note=field_text(data, "closing_note", path, c),
        credit=field_text(data, "credit", path, c),
        review=field_review(data, path, c),
        checked=field_flag(data, "checked", path, c),
    )
    speakers = read_order(data, folder, path, c)
    if c.problems:
        raise InputError(c.problems)
    assert pub is not None  # a missing publication is one of the problems above
    return Meeting(
        key=folder.resolve().name,
        publication=pub,
        title=title,
        subtitle=subtitle,
        byline=byline,
        lead=lead,
        speakers=tuple(speakers),
        source=Source(str(path), 1),
        kicker=kicker,
        bulletin=bulletin,
        **extras,
    )


def _meeting_file(folder: Path) -> tuple[Path, LocDict]:
    """meeting.yaml read as a mapping; anything else stops the load at once (nothing
    further can be checked without it)."""
    path = folder / MEETING_FILE
    if not folder.is_dir():
        raise InputError(Problem(str(folder), None, "找不到这个会议文件夹。请检查路径。"))
    if not path.exists():
        raise InputError(
            Problem(
                str(path),
                None,
                f"会议文件夹里缺少 {MEETING_FILE}。每个会议文件夹需要一个 {MEETING_FILE}（标题、导语、发言顺序）。",
            )
        )
    data = parse_yaml(read_text(path, root=folder), path)
    if data is None:
        raise InputError(
            Problem(str(path), 1, "文件是空的（或只有注释）。请写出 publication、title、subtitle、speakers 等项目。")
        )
    if not isinstance(data, LocDict):
        raise InputError(
            Problem(
                str(path), getattr(data, "line", 1) or 1, "文件内容应为“项目: 内容”的格式（例如 title: …），现在不是。"
            )
        )
    return path, data
