"""Copy-desk rules on text units: punctuation, pairs, spacing, numbering, variant forms."""

from __future__ import annotations

import re
import statistics
from typing import Callable

from ..importer.punct import HALF_TO_FULL, chinese_context, is_chinese, is_han
from ..importer.paragraphs import NUMERALS, chinese_number
from .units import Unit

Emit = Callable[[Unit, int, str, str], None]  # unit, index in unit.text, severity, message

_HALF_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "左括号", ")": "右括号"}
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》"}
CLOSERS = {v: k for k, v in PAIRS.items()}
_PAIR_NAMES = {"“": "双引号", "‘": "单引号", "（": "括号", "《": "书名号"}
# Fields where a space separates the phrases of a display line.
PHRASE_FIELDS = {"headline", "title", "kicker"}


def half_width(u: Unit, emit: Emit) -> None:
    t = u.text
    for i, ch in enumerate(t):
        if ch in HALF_TO_FULL and chinese_context(t, i):
            emit(u, i, "error", f"中文里用了半角{_HALF_NAMES[ch]}“{ch}”，请改为全角“{HALF_TO_FULL[ch]}”。")
        elif ch == '"' and any(is_han(c) for c in t):
            emit(u, i, "error", '中文里用了英文双引号“"”，请改为中文引号“ ”（前后成对）。')
        elif ch == "'" and chinese_context(t, i):
            emit(u, i, "error", "中文里用了英文单引号“'”，请改为中文引号‘ ’。")
    for m in re.finditer(r"\.{3,}|。{3,}|(?<!…)…(?!…)", t):
        if m.group()[0] != "." or chinese_context(t, m.start(), len(m.group())):
            emit(u, m.start(), "error", f"省略号“{m.group()}”应为两个“…”连写的“……”。")
    for m in re.finditer(r"-{2,}|(?<!—)—(?!—)|—{3,}", t):
        if chinese_context(t, m.start(), len(m.group())):
            emit(u, m.start(), "error", f"破折号“{m.group()}”应为两个“—”连写的“——”。")


def pairs(u: Unit, emit: Emit) -> None:
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(u.text):
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            want = CLOSERS[ch]
            if stack and stack[-1][0] == want:
                stack.pop()
            elif any(o == want for o, _ in stack):
                # Something opened inside was never closed; report it, then close this pair.
                while stack[-1][0] != want:
                    o, j = stack.pop()
                    emit(u, j, "error", f"{_PAIR_NAMES[o]}只有前一半 {o}，缺少后一半 {PAIRS[o]}。请补上或删去。")
                stack.pop()
            else:
                emit(u, i, "error", f"{_PAIR_NAMES[want]}只有后一半 {ch}，前面缺少 {want}。请补上或删去。")
    for o, j in stack:
        emit(u, j, "error", f"{_PAIR_NAMES[o]}只有前一半 {o}，缺少后一半 {PAIRS[o]}。请补上或删去。")


def doubled(u: Unit, emit: Emit) -> None:
    for m in re.finditer(r"[。，、；：]{2,}|([？！])\1+", u.text):
        emit(u, m.start(), "error", f"标点重复“{m.group()}”。请只保留一个。")


def spaces(u: Unit, emit: Emit) -> None:
    if u.kind in PHRASE_FIELDS:
        return
    t = u.text
    for m in re.finditer(r"[ \t\u3000\u00a0]+", t):
        left = t[m.start() - 1] if m.start() else ""
        right = t[m.end()] if m.end() < len(t) else ""
        if not (left and right and is_chinese(left) and is_chinese(right)):
            continue
        inside_quote = t[: m.start()].count("“") > t[: m.start()].count("”")
        if inside_quote:
            emit(
                u, m.start(), "warning", "引号内的汉字之间有空格。如果是口号两个短语之间的间隔，可以保留；否则请删去。"
            )
        else:
            emit(u, m.start(), "error", "汉字之间有空格，印出来是一个空白。请删去（排版自动处理字距）。")


# --- numbering of points ------------------------------------------------------------

_MARKERS = [
    ("是", re.compile(rf"(?:^|(?<=[。！？]))([{NUMERALS}]+)是")),
    ("要", re.compile(rf"(?:^|(?<=[。！？]))([{NUMERALS}]+)要")),
    ("第", re.compile(rf"(?:^|(?<=[。！？]))第([{NUMERALS}]+)(?=[，、,：:])")),
]
_ORDINAL_WORDS = ["首先", "其次", "再次", "最后"]


def _label(fam: str, n: int) -> str:
    s = _numeral(n)
    return f"第{s}" if fam == "第" else f"{s}{fam}"


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1] if n else "零"
    tens, units = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[units - 1] if units else "")


def numbering(units: list[Unit], emit: Emit) -> None:
    """一是、二是、三是 … in order, none skipped or repeated, within one speaker's body."""
    body = [u for u in units if u.kind == "body"]
    for fam, rx in _MARKERS:
        expected = 1
        seen: dict[int, Unit] = {}
        for u in body:
            for m in rx.finditer(u.text):
                n = chinese_number(m.group(1))
                if not n:
                    continue
                label = _label(fam, n)
                if n in seen:
                    emit(u, m.start(), "error", f"序号“{label}”重复了（前面已有一个“{label}”）。请检查序号。")
                elif n < expected:
                    emit(
                        u,
                        m.start(),
                        "error",
                        f"序号顺序乱了：“{label}”出现在“{_label(fam, expected - 1)}”之后。请检查序号。",
                    )
                elif n > expected:
                    missing = "、".join(f"“{_label(fam, k)}”" for k in range(expected, n))
                    emit(u, m.start(), "error", f"序号跳过了{missing}：上一个之后直接是“{label}”。请检查序号。")
                seen.setdefault(n, u)
                expected = max(expected, n + 1)
    # 首先 … 其次 … 最后: only an order without a 首先 is worth a word.
    words = [
        (u, m.start(), m.group())
        for u in body
        for m in re.finditer(r"(?:^|(?<=[。！？]))(首先|其次|再次|最后)", u.text)
    ]
    if words and words[0][2] != "首先" and any(w == "其次" for _, _, w in words):
        u, i, w = words[0]
        emit(u, i, "warning", f"有“其次”却没有“首先”：第一个序词是“{w}”。请检查序号。")


# --- variant and rare characters -----------------------------------------------------

# Traditional forms that have a different simplified form; all common in copy pasted from
# Taiwanese or Hong Kong sources or typed with a traditional input method.
_TRADITIONAL = dict(
    zip(
        "國說為來會這個們時對發經與長學區實現開關體點進過機義將當後產動業員廣東車書華問題應還幾給處變網萬讓從無見億設質導論務調記聽電聲術藝歷號樂氣條門傳議認識鄉鎮縣黨環衛濟場層標種積極構強輕選項陸陽雲風飛費購級織線結紀組團園圖價雙豐陳劉張趙孫鄭馮蘇楊黃許鄧蕭韓葉據總參數權歡職讀寫聯鐵鋼錢銀勞務興舉農藝範圍隊領養憲邊區龍華畫擴際設維護範證據醫藥療衛獎獻劃創",
        "国说为来会这个们时对发经与长学区实现开关体点进过机义将当后产动业员广东车书华问题应还几给处变网万让从无见亿设质导论务调记听电声术艺历号乐气条门传议认识乡镇县党环卫济场层标种积极构强轻选项陆阳云风飞费购级织线结纪组团园图价双丰陈刘张赵孙郑冯苏杨黄许邓萧韩叶据总参数权欢职读写联铁钢钱银劳务兴举农艺范围队领养宪边区龙华画扩际设维护范证据医药疗卫奖献划创",
    )
)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def variants(u: Unit, emit: Emit) -> None:
    for i, ch in enumerate(u.text):
        if ch in _TRADITIONAL:
            emit(u, i, "warning", f"“{ch}”是繁体字，简体文本中应为“{_TRADITIONAL[ch]}”。请核对。")
        elif is_han(ch) and not _in_gb2312(ch):
            what = "人名里的" if u.kind == "name" else ""
            emit(
                u,
                i,
                "warning",
                f"{what}“{ch}”（U+{ord(ch):04X}）是生僻字或异体字（不在 GB 2312 常用字中）。"
                "请核对字形是否正确，并确认版面字体能印出。",
            )


# --- length of the speaker blocks -------------------------------------------------------


def char_count(text: str) -> int:
    """字数 as an editor counts it: every printed character except spaces and the ** markup."""
    return len(re.sub(r"\s|\*\*", "", text))


def lengths(blocks: dict[str, list[Unit]], emit_at: Callable[[str, str, str], None]) -> dict[str, int]:
    counts = {k: sum(char_count(u.text) for u in us if u.kind == "body") for k, us in blocks.items()}
    if len(counts) < 3:
        return counts
    median = statistics.median(counts.values())
    if median <= 0:
        return counts
    for key, n in counts.items():
        ratio = n / median
        if ratio > 2:
            emit_at(
                key,
                "warning",
                f"这位发言人的正文 {n} 字，是各位发言字数中位数 {median:g} 字的 {ratio:.1f} 倍，"
                "版面会明显失衡。请考虑删减。",
            )
        elif ratio < 0.5:
            emit_at(
                key,
                "warning",
                f"这位发言人的正文只有 {n} 字，不到各位发言字数中位数 {median:g} 字的一半，"
                "版面会明显失衡。请核对是否漏了内容。",
            )
    return counts
