"""Finding the parts of a 发言摘登 article in plain lines of reporter copy.

The copy has no markup: which line is the title, a speaker's 小标题 or the line
with 职务 and 姓名 is told only by its shape. The heuristics are the ones an
editor uses by eye; whatever they cannot settle is listed as unsure.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .source import RawLine

NUMERALS = "一二三四五六七八九十"
DASHES = "-－—―─–"

# 职务 end with a title; a headline ending with a 4-character phrase never does.
TITLE_WORDS = (
    "书记", "副书记", "主任", "部长", "局长", "区长", "县长", "镇长", "乡长", "市长", "省长", "州长",
    "主席", "常委", "委员", "厅长", "处长", "科长", "所长", "院长", "校长", "董事长", "总经理", "经理",
    "负责人", "秘书长", "理事长", "队长", "站长", "馆长", "会长", "组长", "政委", "检察长", "庭长",
    "行长", "总裁", "代表", "社长", "总编辑", "台长", "指挥长", "专员", "村长", "园长", "调研员",
    "巡视员", "总监", "董事", "监事", "主管", "干部", "教师", "医生", "工程师", "主任医师", "书记员",
    "负责同志", "团长", "司令员", "参谋长", "局长助理", "党组成员", "主任委员", "总工程师", "首席",
)

_SENTENCE_PUNCT = set("。！？!?；;：:，,")
_NAME = r"[\u4e00-\u9fff·]{2,4}|[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]"
_SPEAKER = re.compile(rf"^(?P<pos>\S.*?)[ \u3000\t]+(?P<name>{_NAME})$")
_ENDS = re.compile(r"[。！？!?…：:；;][”’」』）)》\"']*$")
POINT_START = re.compile(rf"^([{NUMERALS}]+)(是|要)")
_POINT_INNER = re.compile(rf"(?<=[。！？])([{NUMERALS}]+)(是|要)")
_BYLINE_MODIFIERS = re.compile(r"(?:全媒体|融媒体|首席|特约|见习|实习|驻\S+?)+$")


def chinese_number(s: str) -> int:
    """一..九十九 as an int (十 = 10, 十二 = 12, 二十 = 20)."""
    if "十" not in s:
        return NUMERALS.index(s) + 1 if len(s) == 1 and s in NUMERALS[:9] else 0
    tens, _, units = s.partition("十")
    t = NUMERALS.index(tens) + 1 if tens else 1
    u = NUMERALS.index(units) + 1 if units else 0
    return t * 10 + u


@dataclass
class Piece:
    """One paragraph (or field) of the output, with the source line of every character."""
    text: str
    starts: list[int]           # offsets in text where a source line begins
    lines: list[int]            # the source line beginning at each of those offsets
    cols: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, raw: RawLine) -> "Piece":
        return cls(raw.text, [0], [raw.line], [raw.indent + 1])

    def line_at(self, offset: int) -> int:
        return self.lines[bisect.bisect_right(self.starts, offset) - 1]

    def join(self, other: "Piece") -> "Piece":
        n = len(self.text)
        return Piece(self.text + other.text, self.starts + [s + n for s in other.starts],
                     self.lines + other.lines, self.cols + other.cols)

    def split(self, at: int) -> tuple["Piece", "Piece"]:
        k = bisect.bisect_right(self.starts, at)
        head = Piece(self.text[:at], self.starts[:k], self.lines[:k], self.cols[:k])
        tail_starts = [0] + [s - at for s in self.starts[k:]]
        tail_lines = [self.lines[k - 1]] + self.lines[k:]
        tail_cols = [0] + self.cols[k:]
        return head, Piece(self.text[at:], tail_starts, tail_lines, tail_cols)


@dataclass
class SpeakerPart:
    position: str
    name: str
    line: RawLine
    headline: Piece | None
    paragraphs: list[Piece]


@dataclass
class Recognised:
    kicker: Piece | None = None
    title: Piece | None = None
    subtitle: Piece | None = None
    byline: RawLine | None = None
    paper: str = ""
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    lead: list[Piece] = field(default_factory=list)
    speakers: list[SpeakerPart] = field(default_factory=list)
    speaker_first: bool = False
    joins: list[tuple[int, int, str, str]] = field(default_factory=list)   # (line, next line, tail, head)
    splits: list[tuple[int, str]] = field(default_factory=list)            # (line, marker)
    unsure: list[tuple[int | None, str]] = field(default_factory=list)


# --- line shapes -------------------------------------------------------------------

def speaker_match(text: str, strict: bool = True) -> tuple[str, str] | None:
    """(职务, 姓名) when the line reads like one; strict also asks for a title word."""
    if len(text) > 60 or _SENTENCE_PUNCT & set(text.replace("，", "")) or "记者" in text:
        return None
    m = _SPEAKER.match(text)
    if not m:
        return None
    pos = m.group("pos").strip()
    name = re.sub(r"[ \u3000]", "", m.group("name"))
    if strict and not pos.endswith(TITLE_WORDS):
        return None
    return pos, name


def headline_like(text: str) -> bool:
    return (len(text) <= 48 and not set("。！？!?；;") & set(text)
            and not text.endswith(("，", ",", "、", "：", ":")) and "记者" not in text
            and speaker_match(text) is None)


def ends_paragraph(text: str) -> bool:
    return bool(_ENDS.search(text))


def byline_match(text: str) -> bool:
    return ("记者" in text or "通讯员" in text) and len(text) <= 80 and "。" not in text


def parse_byline(text: str) -> tuple[str, list[str], list[str], list[str]]:
    """(报名, 记者, 通讯员, what could not be read)."""
    text = re.sub(r"^[（(]?(?:文|文／图|文/图|图／文|图/文)[／/:：]", "", text).strip("（）() ")
    before, _, after = text.partition("通讯员")
    paper, reporters, odd = "", [], []
    if "记者" in before:
        head, _, names = before.partition("记者")
        paper = _BYLINE_MODIFIERS.sub("", head.strip())
        reporters = _names(names, odd)
    elif before.strip():
        odd.append(before.strip())
    correspondents = _names(after, odd) if after else []
    if paper in ("本报", "本台", "本刊"):
        paper = ""
    return paper, reporters, correspondents, odd


def _names(s: str, odd: list[str]) -> list[str]:
    tokens = [t for t in re.split(r"[\s\u3000、，,]+", s) if t]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        # A two-character name is often padded to three with a 全角 space: 李　明.
        if len(t) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            out.append(t + tokens[i + 1])
            i += 2
            continue
        if not 2 <= len(t) <= 4:
            odd.append(t)
        else:
            out.append(t)
        i += 1
    return out


# --- paragraphs --------------------------------------------------------------------

def join_cut_paragraphs(lines: list[RawLine], rec: Recognised) -> list[Piece]:
    """Paragraphs cut by a column or page end are joined; real paragraph ends stay."""
    out: list[Piece] = []
    for raw in lines:
        piece = Piece.of(raw)
        if out and not ends_paragraph(out[-1].text):
            if POINT_START.match(raw.text):
                rec.unsure.append((out[-1].lines[-1], f"这一段末尾没有句末标点（“…{out[-1].text[-8:]}”），"
                                                     "下一段以序号开头，所以没有接续。请补上标点。"))
            else:
                rec.joins.append((out[-1].lines[-1], raw.line, out[-1].text[-6:], raw.text[:6]))
                out[-1] = out[-1].join(piece)
                continue
        out.append(piece)
    return out


def split_inner_points(paras: list[Piece], rec: Recognised) -> list[Piece]:
    """Split before an inner 一是/二是 that a join (or the reporter) ran into the paragraph before.

    Only when that speaker's points otherwise begin paragraphs, and only for the
    number the sequence is missing, so an inline enumeration stays as written."""
    initial = {}
    for p in paras:
        m = POINT_START.match(p.text)
        if m:
            initial.setdefault(m.group(2), set()).add(chinese_number(m.group(1)))
    if not initial:
        return paras
    out: list[Piece] = []
    for p in paras:
        queue = [p]
        while queue:
            cur = queue.pop(0)
            for m in _POINT_INNER.finditer(cur.text):
                fam, n = m.group(2), chinese_number(m.group(1))
                have = initial.get(fam, set())
                if have and n not in have and (n + 1 in have or n - 1 in have):
                    head, tail = cur.split(m.start())
                    rec.splits.append((tail.lines[0] if tail.starts[0] == 0 else cur.line_at(m.start()), m.group()))
                    have.add(n)
                    out.append(head)
                    queue.insert(0, tail)
                    break
            else:
                out.append(cur)
    return out


# --- the article -------------------------------------------------------------------

def recognise(lines: list[RawLine]) -> Recognised:
    rec = Recognised()
    if not lines:
        return rec
    sub = next((i for i, l in enumerate(lines[:8]) if l.text[0] in DASHES and len(l.text) > 2), None)
    by = next((i for i, l in enumerate(lines[:10]) if byline_match(l.text)), None)
    head_end = sub if sub is not None else (by if by is not None else 1)
    titles = lines[:head_end]
    if sub is not None:
        rec.subtitle = Piece.of(lines[sub])
        rec.subtitle = _strip_dashes(rec.subtitle)
    else:
        rec.unsure.append((None, "没有找到副题（以“——”开头的一行）。副题是必填项，请在 meeting.yaml 中填写 subtitle。"))
    if titles:
        rec.title = Piece.of(titles[-1])
        if len(titles) >= 2:
            rec.kicker = Piece.of(titles[-2])
            rec.unsure.append((titles[-2].line, f"主题前还有一行“{titles[-2].text}”，已当作引题（kicker）。"
                                                "如果它和下一行本是同一个主题，请把它并入 title 并清空 kicker。"))
        for extra in titles[:-2]:
            rec.unsure.append((extra.line, f"标题之前的“{extra.text}”不知道是什么，没有导入。"))
    else:
        rec.unsure.append((None, "没有找到主题。请在 meeting.yaml 中填写 title。"))
    if by is not None:
        rec.byline = lines[by]
        rec.paper, rec.reporters, rec.correspondents, odd = parse_byline(lines[by].text)
        for t in odd:
            rec.unsure.append((lines[by].line, f"署名里的“{t}”不像记者或通讯员的姓名，没有导入。请核对 byline。"))
    else:
        rec.unsure.append((None, "没有找到署名（“…记者 姓名”）。请在 meeting.yaml 的 byline 中填写记者。"))
    start = max(i for i in (sub, by, head_end - 1) if i is not None) + 1
    if by is not None and sub is not None and by < sub:
        rec.unsure.append((lines[by].line, "署名在副题之前，请核对标题部分。"))

    rest = lines[start:]
    strong = {i for i, l in enumerate(rest) if speaker_match(l.text)}
    weak = {i for i, l in enumerate(rest) if i not in strong and speaker_match(l.text, strict=False)}
    for i in sorted(weak):
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(rest) and j not in strong | weak]
        if any(headline_like(rest[j].text) for j in near):
            strong.add(i)
            rec.unsure.append((rest[i].line, f"“{rest[i].text}”当作了发言人（职务 姓名），但职务里没有常见的职务词。请核对。"))
    marks = sorted(strong)
    before = sum(1 for i in marks if i > 0 and i - 1 not in strong and headline_like(rest[i - 1].text))
    after = sum(1 for i in marks if i + 1 < len(rest) and i + 1 not in strong and headline_like(rest[i + 1].text))
    rec.speaker_first = after > before

    # Each section: (first line index, speaker index, headline index or None).
    sections = []
    for i in marks:
        order = (i + 1, i - 1) if rec.speaker_first else (i - 1, i + 1)
        h = next((j for j in order if 0 <= j < len(rest) and j not in strong and headline_like(rest[j].text)
                  and not any(j in (s[0], s[2]) for s in sections)), None)
        if h is None:
            rec.unsure.append((rest[i].line, f"发言人“{rest[i].text}”前后没有找到小标题。请在该发言人文件中填写 headline。"))
        sections.append((min(i, h) if h is not None else i, i, h))

    lead_end = sections[0][0] if sections else len(rest)
    rec.lead = join_cut_paragraphs(rest[:lead_end], rec)
    for k, (first, i, h) in enumerate(sections):
        body_start = max(i, h if h is not None else i) + 1
        body_end = sections[k + 1][0] if k + 1 < len(sections) else len(rest)
        pos, name = speaker_match(rest[i].text, strict=False)
        paras = split_inner_points(join_cut_paragraphs(rest[body_start:body_end], rec), rec)
        if not paras:
            rec.unsure.append((rest[i].line, f"发言人{name}没有正文。"))
        rec.speakers.append(SpeakerPart(pos, name, rest[i], Piece.of(rest[h]) if h is not None else None, paras))
    return rec


def _strip_dashes(p: Piece) -> Piece:
    n = len(p.text) - len(p.text.lstrip(DASHES + " \u3000"))
    return Piece(p.text[n:], [0], p.lines[:1], [p.cols[0] + n])
