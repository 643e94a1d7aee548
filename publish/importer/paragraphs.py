"""Paragraphs of reporter copy: a Piece keeps the source line of every character;
lines a column or page end cut are joined, real paragraph ends stay."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .source import RawLine

NUMERALS = "一二三四五六七八九十"
_ENDS = re.compile(r"[。！？!?…：:；;][”’」』）)》\"']*$")
POINT_START = re.compile(rf"^([{NUMERALS}]+)(是|要)")
_POINT_INNER = re.compile(rf"(?<=[。！？])([{NUMERALS}]+)(是|要)")
# A short line without a sentence end is a heading the copy set alone, not half a paragraph.
SHORT_HEADING = 16


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
    starts: list[int]  # offsets in text where a source line begins
    lines: list[int]  # the source line beginning at each of those offsets
    cols: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, raw: RawLine) -> "Piece":
        return cls(raw.text, [0], [raw.line], [raw.indent + 1])

    def line_at(self, offset: int) -> int:
        return self.lines[bisect.bisect_right(self.starts, offset) - 1]

    def join(self, other: "Piece") -> "Piece":
        n = len(self.text)
        return Piece(
            self.text + other.text,
            self.starts + [s + n for s in other.starts],
            self.lines + other.lines,
            self.cols + other.cols,
        )

    def split(self, at: int) -> tuple["Piece", "Piece"]:
        k = bisect.bisect_right(self.starts, at)
        head = Piece(self.text[:at], self.starts[:k], self.lines[:k], self.cols[:k])
        tail_starts = [0] + [s - at for s in self.starts[k:]]
        tail_lines = [self.lines[k - 1]] + self.lines[k:]
        tail_cols = [0] + self.cols[k:]
        return head, Piece(self.text[at:], tail_starts, tail_lines, tail_cols)


def ends_paragraph(text: str) -> bool:
    return bool(_ENDS.search(text))


def join_cut(pieces: list[Piece], joins: list, unsure: list) -> list[Piece]:
    """Join a line that does not end a sentence with the next one (a column or page cut)."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if prev is not None and not ends_paragraph(prev.text):
            if POINT_START.match(piece.text):
                unsure.append(
                    (
                        prev.lines[-1],
                        f"这一段末尾没有句末标点（“…{prev.text[-8:]}”），下一段以序号开头，所以没有接续。请补上标点。",
                    )
                )
            elif (
                len(prev.starts) == 1 and len(prev.text) <= SHORT_HEADING and not re.search(r"[，、,；;：:]", prev.text)
            ):
                unsure.append(
                    (
                        prev.lines[0],
                        f"“{prev.text}”单独成行、没有句末标点，当作单独一段（像小标题）。"
                        "如果它和下一段本是一段，请在内容文件里合并。",
                    )
                )
            else:
                joins.append((prev.lines[-1], piece.lines[0], prev.text[-6:], piece.text[:6]))
                out[-1] = prev.join(piece)
                continue
        out.append(piece)
    return out


def split_inner_points(paras: list[Piece], splits: list) -> list[Piece]:
    """Split before an inner 一是/二是 that a join (or the reporter) ran into the paragraph before.

    Only when that speaker's points otherwise begin paragraphs, and only for the
    number the sequence is missing, so an inline enumeration stays as written."""
    initial: dict[str, set[int]] = {}
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
                    splits.append((tail.lines[0] if tail.starts[0] == 0 else cur.line_at(m.start()), m.group()))
                    have.add(n)
                    out.append(head)
                    queue.insert(0, tail)
                    break
            else:
                out.append(cur)
    return out
