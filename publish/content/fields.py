"""Reading one value of a content file: text, a paragraph block, a flag, a name list, a
sub-mapping. Each reader returns what it could read and adds any problem to a Collector,
so an editor sees a whole round of mistakes (FILE:LINE) per run, not one."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import limits
from ..errors import Problem
from ..model import Paragraph, Source
from ..sourcefile import LocDict
from .markup import parse_spans

# A paragraph this long is a paste that lost its paragraph breaks, not prose.
MAX_PARAGRAPH = 3000


class Collector:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, path, line, msg, col=None):
        self.problems.append(Problem(str(path), line, msg, col))


def field_block(d: LocDict, key: str, path: Path, c: Collector) -> tuple[Paragraph, ...]:
    """A block of paragraphs (导语, 编者按): blank lines between paragraphs, **bold** allowed."""
    if d.get(key) in (None, ""):
        return ()
    text = field_text(d, key, path, c)
    # A block scalar starts on the line after its key.
    return paragraphs(text, path, d.line_of(key) + 1, c) if text else ()


def field_flag(d: LocDict, key: str, path: Path, c: Collector) -> bool:
    v = d.get(key)
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    c.add(path, d.line_of(key), f"“{key}”应为 true 或 false，现在是{kind_of(v)}。")
    return False


def field_review(d: LocDict, path: Path, c: Collector) -> tuple[str, ...]:
    v = d.get("review")
    if v in (None, ""):
        return ()
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(x.strip() for x in v if x.strip())
    c.add(path, d.line_of("review"), "review（待核对）应为列表，每行“- 文件:行: 问题”。核对完可删去整项。")
    return ()


def shorten(v, n: int = 30) -> str:
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


def field_text(d: LocDict, key: str, path: Path, c: Collector, name: str | None = None) -> str:
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
    c.add(path, d.line_of(key), f"“{label}”应为文字，现在是{kind_of(v)}。如果内容是数字或日期，请给它加上引号。")
    return ""


def kind_of(v) -> str:
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


def field_mapping(v, parent: LocDict, key: str, path: Path, c: Collector) -> LocDict | None:
    if v is None:
        return None
    if not isinstance(v, LocDict):
        c.add(path, parent.line_of(key), f"“{key}”下面应是缩进的子项（例如“  paper: …”），现在是{kind_of(v)}。")
        return None
    return v


def field_names(d: LocDict, key: str, path: Path, c: Collector) -> tuple[str, ...]:
    v = d.get(key)
    if v is None or v == "":
        return ()
    if isinstance(v, str):
        return tuple(n for n in re.split(r"[\s、，,]+", v) if n)
    if isinstance(v, list) and all(isinstance(n, str) for n in v):
        return tuple(n.strip() for n in v if n.strip())
    c.add(path, d.line_of(key), f"“{key}”应为姓名列表，例如 [彭禹乔, 李明]。")
    return ()


def paragraphs(body: str, path: Path, first_line: int, c: Collector) -> tuple[Paragraph, ...]:
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
