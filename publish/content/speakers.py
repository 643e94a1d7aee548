"""Speaker files (speakers/KEY.md: front matter between “---” lines, then the excerpt)
and the meeting's speaker order (发言顺序) that names them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..errors import InputError
from ..model import ATTRIBUTIONS, Speaker, Source
from ..safeio import check_file
from ..sourcefile import LocDict, LocList, check_keys, did_you_mean, parse_yaml, read_text
from .fields import Collector, paragraphs, field_text

SPEAKER_DIR = "speakers"
# Did-you-mean hints for the first few unknown names only: a list of thousands of wrong
# names must not cost thousands × thousands comparisons (and no editor reads past the first).
MAX_SUGGESTIONS = 20
SPEAKER_KEYS = {
    "headline": "小标题",
    "position": "职务",
    "name": "姓名",
    "portrait": "照片",
    "suffix": "称谓",
    "attribution": "署名位置",
    "credit": "整理署名",
}


def read_order(data: LocDict, folder: Path, path: Path, c: Collector) -> list[Speaker]:
    """The speakers of `speakers:` (发言顺序) in order, each read from its file; a
    "- section: 话题" entry heads the speakers listed after it (专题小标题)."""
    order = data.get("speakers")
    if order is not None and not isinstance(order, list):
        c.add(path, data.line_of("speakers"), "speakers（发言顺序）应为列表，每行“- 文件名”。")
        return []
    if not order:
        if order is not None:
            c.add(path, data.line_of("speakers"), "发言顺序是空的。请至少列出一位发言人。")
        return []
    speakers = []
    seen: dict[str, int] = {}
    available = sorted(p.stem for p in (folder / SPEAKER_DIR).glob("*.md"))
    missing = 0
    section = ""
    for i, entry in enumerate(order):
        line = order.lines[i] if isinstance(order, LocList) else data.line_of("speakers")
        if isinstance(entry, dict) and set(entry) == {"section"}:
            section = str(entry["section"] or "").strip()
            if not section:
                c.add(path, line, "“section:”后面应写专题小标题的文字。不要专题时删去这一行。")
            continue
        key = _speaker_key(entry, line, seen, path, c)
        if key is None:
            continue
        spath = folder / SPEAKER_DIR / f"{key}.md"
        if not spath.exists() and not spath.is_symlink():
            hint = did_you_mean(key, available) if missing < MAX_SUGGESTIONS else ""
            missing += 1
            c.add(
                path,
                line,
                f"发言人“{key}”没有对应的文件 {SPEAKER_DIR}/{key}.md。{hint or '请新建该文件，或从发言顺序中删去这一行。'}",
            )
            continue
        try:
            sp = read_speaker(spath, key, folder, c)
        except InputError as e:
            c.problems += e.problems
            continue
        if sp:
            speakers.append(dataclasses.replace(sp, section=section) if section else sp)
    return speakers


def _speaker_key(key, line: int, seen: dict[str, int], path: Path, c: Collector) -> str | None:
    """The speaker file name an entry of the order gives, or None (said why) when the entry is
    no file name or names a speaker twice."""
    if not isinstance(key, str) or not key.strip():
        c.add(path, line, "发言顺序里的每一项应为发言人文件名（不带 .md），例如“- 01-zhang-xiaomei”。")
        return None
    key = key.strip()
    if key in seen:
        c.add(path, line, f"发言人“{key}”在发言顺序里出现了两次（另见第 {seen[key]} 行）。请删去一处。")
        return None
    seen[key] = line
    if "/" in key or "\\" in key or key.startswith("."):
        c.add(path, line, f"“{key}”不是文件名。只写 {SPEAKER_DIR}/ 里的文件名，不带路径和 .md。")
        return None
    return key


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def read_speaker(path: Path, key: str, folder: Path, c: Collector) -> Speaker | None:
    text = read_text(path, root=folder)
    if not text.strip():
        c.add(path, 1, "文件是空的。请按模板写出 headline、position、name 和发言正文。")
        return None
    m = _FRONT.match(text)
    if not m:
        if text.startswith("---"):
            c.add(path, 1, "文件开头的“---”没有配对的结束行“---”。请在 name 等项目之后加一行“---”。")
        else:
            c.add(path, 1, "文件应以“---”开头，先写 headline、position、name，再写一行“---”，然后是正文。")
        return None
    head = parse_yaml(m.group(1), path, first_line=2)
    if not isinstance(head, LocDict):
        c.add(path, 2, "“---”之间应为“项目: 内容”的格式，例如“name: 张小梅”。")
        return None
    c.problems += check_keys(head, SPEAKER_KEYS, {"name"}, path, "发言人文件")
    attribution = field_text(head, "attribution", path, c) or "line"
    if attribution not in ATTRIBUTIONS:
        c.add(
            path,
            head.line_of("attribution"),
            f"attribution（署名位置）“{attribution}”不认识。可用：line（小标题下单独一行）、before（正文前一行）、"
            "after（正文后“——姓名”）、inline（第一段开头“姓名（职务）：”）。",
        )
        attribution = "line"
    body_line = text[: m.end()].count("\n") + 1
    paras = paragraphs(text[m.end() :], path, body_line, c)
    if not paras:
        c.add(path, body_line, "发言正文是空的。请在第二个“---”之后写发言内容。")
    portrait = None
    if head.get("portrait"):
        portrait = _portrait(head, path, folder, c)
    return Speaker(
        key=key,
        headline=field_text(head, "headline", path, c),
        position=field_text(head, "position", path, c),
        name=field_text(head, "name", path, c),
        paragraphs=paras,
        source=Source(str(path), 1),
        portrait=portrait,
        portrait_source=Source(str(path), head.line_of("portrait")) if portrait else None,
        suffix=field_text(head, "suffix", path, c),
        attribution=attribution,
        credit=field_text(head, "credit", path, c),
    )


def _portrait(head: LocDict, path: Path, folder: Path, c: Collector) -> Path | None:
    raw = head.get("portrait")
    line = head.line_of("portrait")
    if not isinstance(raw, str):
        c.add(path, line, "portrait（照片）应为图片文件名，例如 portraits/zhang.jpg。")
        return None
    root = folder.resolve()
    target = (folder / raw).resolve()
    # Content may only name files of its own meeting: the package ships them to the print shop.
    if root not in target.parents:
        c.add(
            path,
            line,
            f"照片路径“{raw}”指向会议文件夹之外，不允许。请把照片放进会议文件夹（例如 portraits/）再写相对路径。",
        )
        return None
    if target.is_dir():
        c.add(path, line, f"照片路径“{raw}”是一个文件夹，不是图片文件。请写出照片的文件名，例如 portraits/zhang.jpg。")
        return None
    if not target.is_file() and not (target.exists() and not target.is_dir()):
        c.add(path, line, f"找不到照片文件“{raw}”。请检查文件名，照片路径相对于会议文件夹。")
        return None
    try:
        check_file(target, "portrait", root=folder)
    except InputError as e:
        c.add(path, line, f"照片“{raw}”：{e.problems[0].message}")
        return None
    return target
