"""What one line of reporter copy is, told by its shape alone.

A speaker line ("职务 姓名", "职务姓名——", "姓名委员："), a trailing attribution
("——姓名委员（职务）"), an inline speaker ("姓名代表（职务）：正文"), a credit
("（本报记者×××整理）"), a closing note ("（本版内容以发言先后为序）"), an editor's
note, a column tag, a byline. Each test says yes only when the name it finds is
a plausible personal name (names.py), so a headline phrase never becomes a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import doubt_kind, is_name, is_org, name_doubt, split_suffix

DASHES = "-－—―─–"
WS = " \t\u3000\u00a0"
_WS_RUN = re.compile(f"[{WS}]+")
_DASH_END = re.compile(f"[{DASHES}]{{2,}}$|[—―─]$")
_DASH_START = re.compile(f"^[{DASHES}]{{2,}}|^[—―─]")
_COLON_END = re.compile(r"[：:]$")
_STOP = set("。！？!?；;")

# 职务 end with a title; a headline ending with a 4-character phrase never does.
TITLE_WORDS = (
    "书记",
    "副书记",
    "主任",
    "部长",
    "局长",
    "区长",
    "县长",
    "镇长",
    "乡长",
    "市长",
    "省长",
    "州长",
    "旗长",
    "主席",
    "常委",
    "委员",
    "厅长",
    "处长",
    "科长",
    "所长",
    "院长",
    "校长",
    "董事长",
    "总经理",
    "经理",
    "负责人",
    "秘书长",
    "理事长",
    "队长",
    "站长",
    "馆长",
    "会长",
    "组长",
    "政委",
    "检察长",
    "庭长",
    "行长",
    "总裁",
    "代表",
    "社长",
    "总编辑",
    "台长",
    "指挥长",
    "专员",
    "村长",
    "园长",
    "调研员",
    "巡视员",
    "总监",
    "董事",
    "监事",
    "主管",
    "干部",
    "教师",
    "医生",
    "工程师",
    "主任医师",
    "书记员",
    "负责同志",
    "团长",
    "司令员",
    "参谋长",
    "局长助理",
    "党组成员",
    "主任委员",
    "总工程师",
    "首席",
    "教授",
    "研究员",
    "院士",
    "主委",
    "副主委",
    "律师",
    "会计师",
    "设计师",
    "农民",
    "工人",
    "职工",
    "村医",
    "创始人",
    "合伙人",
    "主编",
    "记者",
    "编辑",
    "画家",
    "作家",
    "演员",
    "导演",
    "教练",
    "运动员",
    "船长",
    "机长",
    "技师",
    "工匠",
    "护士",
    "护士长",
    "厂长",
    "矿长",
    "店长",
    "主持人",
    "讲解员",
    "网格员",
    "志愿者",
    "社工",
    "专家",
    "学者",
    "博士",
    "法官",
    "检察官",
    "警官",
    "民警",
    "辅警",
    "审计长",
)


@dataclass
class Who:
    position: str
    name: str
    suffix: str = ""
    doubt: str | None = None  # why the name may not be a name (kept, flagged)
    mark: str = ""  # what closed the line: "——", "：" or ""


def _clean(text: str) -> str:
    return text.strip(WS)


def who_line(text: str, strict: bool = True) -> Who | None:
    """A line that is only 职务 and 姓名 (with 代表/委员, and a closing —— or ：)."""
    if len(text) > 72 or _STOP & set(text) or "记者" in text or "通讯员" in text:
        return None
    mark = ""
    if _DASH_END.search(text):
        mark, text = "——", _clean(_DASH_END.sub("", text))
    elif _COLON_END.search(text):
        mark, text = "：", _clean(text[:-1])
    if not text or "，" in text and not strict:
        return None
    if is_org(text):
        return Who("", text, "", None, mark)
    m = _PAREN.match(text)
    if m:  # 张三（区委书记） / 张三代表（某厂厂长）
        name, suffix = split_suffix(re.sub(f"[{WS}]", "", m.group("who")))
        return Who(m.group("pos").strip(), name, suffix, None, mark) if is_name(name) else None
    tokens = [t for t in _WS_RUN.split(text) if t]
    if len(tokens) >= 2:
        # "……董事长覃 华": a padded name after a position set solid
        padded = len(tokens[-1]) == 1
        return _spaced(tokens, mark, strict) or (_unspaced("".join(tokens), mark) if padded else None)
    return _unspaced(text, mark)


def _spaced(tokens: list[str], mark: str, strict: bool) -> Who | None:
    # 雷  杰: a two-character name padded to the width of three
    if len(tokens) >= 2 and len(tokens[-1]) == 1 and len(tokens[-2]) == 1:
        name_tok, pos = tokens[-2] + tokens[-1], "".join(tokens[:-2])
    else:
        name_tok, pos = tokens[-1], "".join(tokens[:-1])
    name, suffix = split_suffix(name_tok)
    if not pos and not suffix:
        return None
    doubt = name_doubt(name)
    if doubt and not (2 <= len(name) <= 4 or "·" in name):
        return None
    if pos and not _titled(pos) and (strict or doubt):
        return None
    return Who(pos, name, suffix, doubt, mark)


def _titled(pos: str) -> bool:
    """A 职务 ends with a title word (or a word for a trade: 总建筑师, 讲解员, 队长)."""
    return pos.endswith(TITLE_WORDS) or pos[-1] in "长员师"


def _unspaced(text: str, mark: str) -> Who | None:
    """……厅长克克 / 汤立新代表 / ……董事长汤立新代表: the split whose name is a name."""
    name, suffix = split_suffix(text)
    if suffix and is_name(name):
        return Who("", name, suffix, None, mark)
    best = None
    for word in TITLE_WORDS:
        start = 0
        while (i := text.find(word, start)) >= 0:
            start = i + 1
            cut = i + len(word)
            rest = text[cut:]
            if not 2 <= len(rest) <= 12:
                continue
            name, suffix = split_suffix(rest)
            kind, doubt = doubt_kind(name)
            if kind == "no" or (kind == "rare" and not 2 <= len(name) <= 3):
                continue
            cand = (doubt is None, cut, Who(text[:cut], name, suffix, doubt, mark))
            if best is None or cand[:2] > best[:2]:
                best = cand
    return best[2] if best else None


_PAREN = re.compile(r"^(?P<who>[^（(）)]{2,20})[（(](?P<pos>[^（()）]{2,80})[）)]$")


def trailing(text: str) -> Who | None:
    """——姓名委员（职务） / ——职务 姓名 after a speaker's text."""
    if not _DASH_START.search(text) or _STOP & set(text) or len(text) > 90:
        return None
    body = _clean(_DASH_START.sub("", text))
    m = _PAREN.match(body)
    if m:
        name, suffix = split_suffix(re.sub(f"[{WS}]", "", m.group("who")))
        if is_name(name):
            return Who(m.group("pos").strip(), name, suffix, None, "after")
        return None
    w = who_line(body)
    if w and not w.doubt:
        return Who(w.position, w.name, w.suffix, w.doubt, "after")
    tokens = [t for t in _WS_RUN.split(body) if t]
    if len(tokens) >= 2:  # ——张丽华 市政协常委: the name first
        name, suffix = split_suffix(tokens[0])
        pos = "".join(tokens[1:])
        if is_name(name) and _titled(pos):
            return Who(pos, name, suffix, None, "after")
    return None


_INLINE = re.compile(
    r"^(?P<who>[^：:（()）。，,；;“”]{2,40}?)(?:[（(](?P<pos>[^（()）：]{2,80})[）)])?[：:](?P<rest>.*)$"
)


_INLINE_POSITION_FIRST = re.compile(r"^(?P<who>[^：:。，,；;“”！？]{4,70}?)[：:](?P<rest>.+)$")


def inline(text: str) -> tuple[Who, int] | None:
    """姓名代表（职务）：正文 / 姓名委员：正文 / 职务姓名：正文 — the Who and where the text begins."""
    m = _INLINE.match(text)
    if not m or not m.group("rest").strip():
        # 全国政协委员、中国（海南）改革发展研究院执行院长迟福林：…… (brackets inside the position)
        m2 = _INLINE_POSITION_FIRST.match(text)
        if m2 and m2.group("rest").strip():
            w = who_line(m2.group("who"))
            if w and w.position and not w.doubt:
                return Who(w.position, w.name, w.suffix, None, "inline"), m2.start("rest")
        return None
    raw = re.sub(f"[{WS}]", "", m.group("who"))
    pos = (m.group("pos") or "").strip()
    if is_org(raw):
        return Who(pos, raw, "", None, "inline"), m.start("rest")
    name, suffix = split_suffix(raw)
    if is_name(name) and (suffix or pos):
        return Who(pos, name, suffix, None, "inline"), m.start("rest")
    if not pos:
        w = who_line(m.group("who"))
        if w and w.position and not w.doubt:
            return Who(w.position, w.name, w.suffix, None, "inline"), m.start("rest")
    return None


_BRACKETED = re.compile(r"^[（(](?P<t>[^（()）]+)[）)]$")


_UNBRACKETED_CREDIT = re.compile(r"^(?:本报|本刊)?(?:记者|通讯员)[^。！？]{1,40}(?:整理|采写|采访整理)$")


def credit(text: str) -> str | None:
    """（本报记者×××整理） → 本报记者×××整理; also the credit set without brackets."""
    m = _BRACKETED.match(text)
    if m and re.search(r"整理|采写|采访|记录|供稿|摄", m.group("t")) and len(text) <= 60:
        return m.group("t").strip()
    if _UNBRACKETED_CREDIT.match(text):
        return text
    return None


def closing(text: str) -> str | None:
    """（本版内容以发言先后为序） → 本版内容以发言先后为序"""
    m = _BRACKETED.match(text)
    if m and re.search(r"为序|顺序|排序|排列|先后", m.group("t")) and len(text) <= 60:
        return m.group("t").strip()
    return None


_SIGNATURE = re.compile(f"[{DASHES}]{{1,2}}[{WS}]*编[{WS}]*者[{WS}]*$")


def note_start(text: str) -> bool:
    return bool(re.match(r"^[【\[（(]?编者按", text))


def note_end(text: str) -> bool:
    """“——编  者” closes an editor's note (alone on its line or at the end of the paragraph)."""
    return bool(_SIGNATURE.search(text))


def column_tag(text: str) -> bool:
    """（议政） / 【两会特刊】: a short bracketed tag alone on a line."""
    return (
        bool(re.match(r"^[（(【\[〔][^（()）【】\[\]]{1,8}[）)】\]〕]$", text))
        and credit(text) is None
        and closing(text) is None
    )


def headline_like(text: str) -> bool:
    return (
        len(text) <= 48
        and not _STOP & set(text)
        and not text.endswith(("，", ",", "、", "：", ":"))
        and "记者" not in text
        and who_line(text) is None
    )


def byline_like(text: str) -> bool:
    return (
        ("记者" in text or "通讯员" in text)
        and len(text) <= 80
        and "。" not in text
        and inline(text) is None
        and not (_BRACKETED.match(text) and credit(text))
    )
