"""Load a meeting folder (meeting.yaml + speakers/*.md) into the content model.

Every problem found is collected and reported together as FILE:LINE: message,
so an editor fixes a whole round of mistakes per run, not one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any
from pathlib import Path

from .. import limits
from ..errors import InputError, Problem
from ..model import ATTRIBUTIONS, PLACEHOLDER, Bulletin, Byline, Meeting, Paragraph, Publication, Source, Speaker
from ..sourcefile import LocDict, LocList, check_keys, did_you_mean, parse_yaml, read_text
from ..safeio import check_file
from .markup import parse_spans

MEETING_FILE = "meeting.yaml"
SPEAKER_DIR = "speakers"
# A paragraph this long is a paste that lost its paragraph breaks, not prose.
MAX_PARAGRAPH = 3000

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
PUBLICATION_KEYS = {
    "paper": "报名",
    "date": "出版日期",
    "page_number": "版次",
    "page_name": "版名",
    "editor": "责任编辑",
    "designer": "美编",
    "proofreader": "校对",
}
BYLINE_KEYS = {"reporters": "记者", "correspondents": "通讯员", "note": "署名说明", "unit": "署名单位"}
BULLETIN_KEYS = {"name": "简报名称", "issue": "期号", "issuer": "编发单位", "distribution": "版记"}
SPEAKER_KEYS = {
    "headline": "小标题",
    "position": "职务",
    "name": "姓名",
    "portrait": "照片",
    "suffix": "称谓",
    "attribution": "署名位置",
    "credit": "整理署名",
}


class _Collector:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, path, line, msg, col=None):
        self.problems.append(Problem(str(path), line, msg, col))


def load_meeting(folder: Path | str) -> Meeting:
    folder = Path(folder)
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
    c = _Collector()
    c.problems += check_keys(data, MEETING_KEYS, {"publication", "title", "speakers"}, path, "会议文件")

    pub = _publication(data.get("publication"), data, path, c)
    byline = _byline(data.get("byline"), data, path, c)
    bulletin = _bulletin(data.get("bulletin"), data, path, c)
    title = _text(data, "title", path, c)
    subtitle = _text(data, "subtitle", path, c)
    kicker = _text(data, "kicker", path, c)
    lead = _block(data, "lead", path, c)
    extras: dict[str, Any] = dict(
        column=_text(data, "column", path, c),
        editor_note=_block(data, "editor_note", path, c),
        closing_note=_text(data, "closing_note", path, c),
        credit=_text(data, "credit", path, c),
        review=_review(data, path, c),
        checked=_flag(data, "checked", path, c),
    )

    speakers = []
    order = data.get("speakers")
    if order is not None and not isinstance(order, list):
        c.add(path, data.line_of("speakers"), "speakers（发言顺序）应为列表，每行“- 文件名”。")
    elif order:
        seen: dict[str, int] = {}
        suggestions = 0
        available = sorted(p.stem for p in (folder / SPEAKER_DIR).glob("*.md"))
        section = ""
        for i, key in enumerate(order):
            line = order.lines[i] if isinstance(order, LocList) else data.line_of("speakers")
            if isinstance(key, dict) and set(key) == {"section"}:
                # "- section: 话题" heads the speakers listed after it (专题小标题)
                section = str(key["section"] or "").strip()
                if not section:
                    c.add(path, line, "“section:”后面应写专题小标题的文字。不要专题时删去这一行。")
                continue
            if not isinstance(key, str) or not key.strip():
                c.add(path, line, "发言顺序里的每一项应为发言人文件名（不带 .md），例如“- 01-zhang-xiaomei”。")
                continue
            key = key.strip()
            if key in seen:
                c.add(path, line, f"发言人“{key}”在发言顺序里出现了两次（另见第 {seen[key]} 行）。请删去一处。")
                continue
            seen[key] = line
            if "/" in key or "\\" in key or key.startswith("."):
                c.add(path, line, f"“{key}”不是文件名。只写 {SPEAKER_DIR}/ 里的文件名，不带路径和 .md。")
                continue
            spath = folder / SPEAKER_DIR / f"{key}.md"
            if not spath.exists() and not spath.is_symlink():
                # Suggestions for the first few only: a list of thousands of wrong names must
                # not cost thousands × thousands comparisons (and no editor reads past the first).
                hint = did_you_mean(key, available) if suggestions < 20 else ""
                suggestions += 1
                c.add(
                    path,
                    line,
                    f"发言人“{key}”没有对应的文件 {SPEAKER_DIR}/{key}.md。{hint or '请新建该文件，或从发言顺序中删去这一行。'}",
                )
                continue
            try:
                sp = _speaker(spath, key, folder, c)
            except InputError as e:
                c.problems += e.problems
                continue
            if sp:
                speakers.append(dataclasses.replace(sp, section=section) if section else sp)
    elif order is not None:
        c.add(path, data.line_of("speakers"), "发言顺序是空的。请至少列出一位发言人。")

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


def _block(d: LocDict, key: str, path: Path, c: _Collector) -> tuple[Paragraph, ...]:
    """A block of paragraphs (导语, 编者按): blank lines between paragraphs, **bold** allowed."""
    if d.get(key) in (None, ""):
        return ()
    text = _text(d, key, path, c)
    # A block scalar starts on the line after its key.
    return _paragraphs(text, path, d.line_of(key) + 1, c) if text else ()


def _flag(d: LocDict, key: str, path: Path, c: _Collector) -> bool:
    v = d.get(key)
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    c.add(path, d.line_of(key), f"“{key}”应为 true 或 false，现在是{_kind(v)}。")
    return False


def _review(d: LocDict, path: Path, c: _Collector) -> tuple[str, ...]:
    v = d.get("review")
    if v in (None, ""):
        return ()
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(x.strip() for x in v if x.strip())
    c.add(path, d.line_of("review"), "review（待核对）应为列表，每行“- 文件:行: 问题”。核对完可删去整项。")
    return ()


def _short(v, n: int = 30) -> str:
    s = str(v)
    return s if len(s) <= n else f"{s[:n]}…（共 {len(s)} 个字符）"


# One-line fields and their Chinese names: a 600-character title is the title's problem,
# said here, not a page that tells every speaker to cut.
ONE_LINE = {
    "title": "主题",
    "subtitle": "副题",
    "kicker": "引题",
    "headline": "小标题",
    "position": "职务",
    "name": "姓名",
    "paper": "报名",
    "page_name": "版名",
    "editor": "责任编辑",
    "designer": "美编",
    "proofreader": "校对",
}


def _text(d: LocDict, key: str, path: Path, c: _Collector, name: str | None = None) -> str:
    v = d.get(key)
    if v is None:
        return ""
    if isinstance(v, str):
        v = v.strip()
        if key in ONE_LINE and len(v) > limits.TEXT_FIELD_MAX:
            c.add(
                path,
                d.line_of(key),
                f"{ONE_LINE[key]}（{key}）有 {len(v)} 个字，超过 {limits.TEXT_FIELD_MAX} 字的上限，"
                "排不进一行标题或署名。请删短，或把多余的文字移到正文。",
            )
        return v
    label = name or key
    c.add(path, d.line_of(key), f"“{label}”应为文字，现在是{_kind(v)}。如果内容是数字或日期，请给它加上引号。")
    return ""


def _kind(v) -> str:
    if isinstance(v, bool):
        return "真/假值"
    if isinstance(v, (int, float)):
        return f"数字 {v}"
    if isinstance(v, (dt.date, dt.datetime)):
        return "日期"
    if isinstance(v, str):
        return f"文字“{v}”"
    if isinstance(v, list):
        return "列表"
    if isinstance(v, dict):
        return "一组子项"
    return type(v).__name__


def _section(v, parent: LocDict, key: str, path: Path, c: _Collector) -> LocDict | None:
    if v is None:
        return None
    if not isinstance(v, LocDict):
        c.add(path, parent.line_of(key), f"“{key}”下面应是缩进的子项（例如“  paper: …”），现在是{_kind(v)}。")
        return None
    return v


def _publication(v, parent, path, c) -> Publication | None:
    d = _section(v, parent, "publication", path, c)
    if d is None:
        return None
    c.problems += check_keys(
        d, PUBLICATION_KEYS, {"paper", "date", "page_number", "page_name"}, path, "publication（出版信息）"
    )
    held = tuple(
        (k, d.line_of(k))
        for k in ("paper", "date", "page_number", "page_name")
        if isinstance(v := d.get(k), str) and v.strip() == PLACEHOLDER
    )
    date = d.get("date")
    if isinstance(date, str) and date.strip() == PLACEHOLDER:
        date = None
    elif isinstance(date, str):
        written = date.strip()
        try:
            date = dt.date.fromisoformat(written)
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", written):
                c.add(path, d.line_of("date"), f"出版日期“{date}”不是日历上的日期（月或日超出范围）。请改正。")
            else:
                c.add(path, d.line_of("date"), f"出版日期“{date}”无法识别。请写成 2026-02-05 这样的格式。")
            date = None
    elif date is not None and not isinstance(date, dt.date):
        c.add(path, d.line_of("date"), "出版日期应写成 2026-02-05 这样的格式。")
        date = None
    lo, hi = limits.YEAR_RANGE
    if date is not None and not lo <= date.year <= hi:
        c.add(
            path,
            d.line_of("date"),
            f"出版日期“{date.isoformat()}”的年份 {date.year} 不在 {lo}–{hi} 之间，多半是笔误。请改正。",
        )
        date = None
    page = d.get("page_number")
    if page == PLACEHOLDER:
        page = None
    if page is not None and (isinstance(page, bool) or not isinstance(page, int) or page < 1):
        if isinstance(page, str) and page.strip().isdigit() and len(page.strip()) <= 6:
            page = int(page)
        else:
            c.add(path, d.line_of("page_number"), f"版次应为正整数（例如 3），现在是“{_short(page)}”。")
            page = None
    if page is not None and page > limits.PAGE_NUMBER_MAX:
        c.add(
            path,
            d.line_of("page_number"),
            f"版次 {_short(page)} 太大（最多 {limits.PAGE_NUMBER_MAX}），多半是笔误。请改正。",
        )
        page = None
    texts = {k: _text(d, k, path, c) for k in ("paper", "page_name", "editor", "designer", "proofreader")}
    return Publication(date=date or dt.date(1970, 1, 1), page_number=page or 1, placeholders=held, **texts)


def _names(d: LocDict, key: str, path: Path, c: _Collector) -> tuple[str, ...]:
    v = d.get(key)
    if v is None or v == "":
        return ()
    if isinstance(v, str):
        return tuple(n for n in re.split(r"[\s、，,]+", v) if n)
    if isinstance(v, list) and all(isinstance(n, str) for n in v):
        return tuple(n.strip() for n in v if n.strip())
    c.add(path, d.line_of(key), f"“{key}”应为姓名列表，例如 [彭禹乔, 李明]。")
    return ()


def _byline(v, parent, path, c) -> Byline:
    d = _section(v, parent, "byline", path, c)
    if d is None:
        return Byline()
    c.problems += check_keys(d, BYLINE_KEYS, set(), path, "byline（署名）")
    return Byline(
        reporters=_names(d, "reporters", path, c),
        correspondents=_names(d, "correspondents", path, c),
        note=_text(d, "note", path, c),
        unit=_text(d, "unit", path, c),
    )


def _bulletin(v, parent, path, c) -> Bulletin:
    d = _section(v, parent, "bulletin", path, c)
    if d is None:
        return Bulletin()
    c.problems += check_keys(d, BULLETIN_KEYS, set(), path, "bulletin（简报信息）")
    dist = []
    raw = d.get("distribution") or []
    if not isinstance(raw, list):
        c.add(path, d.line_of("distribution"), "版记应为列表，每行如“- 报: 区委办公室”。")
        raw = []
    for i, item in enumerate(raw):
        if isinstance(item, dict) and len(item) == 1:
            ((k, val),) = item.items()
            dist.append((str(k), str(val)))
        else:
            c.add(
                path,
                raw.lines[i] if isinstance(raw, LocList) else d.line_of("distribution"),
                "版记的每一项应写成“- 报: 单位”或“- 送: 单位”或“- 发: 单位”。",
            )
    return Bulletin(
        name=_text(d, "name", path, c),
        issue=str(d.get("issue") or "").strip(),
        issuer=_text(d, "issuer", path, c),
        distribution=tuple(dist),
    )


def _paragraphs(body: str, path: Path, first_line: int, c: _Collector) -> tuple[Paragraph, ...]:
    """Paragraphs are separated by blank lines; lines inside one are joined without space."""
    paras = []
    buf: list[str] = []
    start = first_line
    for i, line in enumerate(body.split("\n") + [""]):
        if line.strip():
            if not buf:
                start = first_line + i
            buf.append(line.strip())
            continue
        if buf:
            text = "".join(buf)
            buf = []
            spans, bad = parse_spans(text)
            if bad is not None:
                c.add(path, start, "加粗标记“**”没有成对。请在加粗文字的前后各写一个“**”，或删去多余的。")
                continue
            if len(text) > MAX_PARAGRAPH:
                c.add(
                    path,
                    start,
                    f"这一段有 {len(text)} 字，超过一段 {MAX_PARAGRAPH} 字的上限，多半是分段丢失了。请在段落之间加空行。",
                )
                continue
            paras.append(Paragraph(spans, Source(str(path), start)))
    return tuple(paras)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def _speaker(path: Path, key: str, folder: Path, c: _Collector) -> Speaker | None:
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
    attribution = _text(head, "attribution", path, c) or "line"
    if attribution not in ATTRIBUTIONS:
        c.add(
            path,
            head.line_of("attribution"),
            f"attribution（署名位置）“{attribution}”不认识。可用：line（小标题下单独一行）、before（正文前一行）、"
            "after（正文后“——姓名”）、inline（第一段开头“姓名（职务）：”）。",
        )
        attribution = "line"
    body_line = text[: m.end()].count("\n") + 1
    paras = _paragraphs(text[m.end() :], path, body_line, c)
    if not paras:
        c.add(path, body_line, "发言正文是空的。请在第二个“---”之后写发言内容。")
    portrait = None
    if head.get("portrait"):
        portrait = _portrait(head, path, folder, c)
    return Speaker(
        key=key,
        headline=_text(head, "headline", path, c),
        position=_text(head, "position", path, c),
        name=_text(head, "name", path, c),
        paragraphs=paras,
        source=Source(str(path), 1),
        portrait=portrait,
        portrait_source=Source(str(path), head.line_of("portrait")) if portrait else None,
        suffix=_text(head, "suffix", path, c),
        attribution=attribution,
        credit=_text(head, "credit", path, c),
    )


def _portrait(head: LocDict, path: Path, folder: Path, c: _Collector) -> Path | None:
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
