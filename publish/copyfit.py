"""Copyfitting (核算版面): what each speaker block takes and what the page holds.

A 发言摘登 page gives its speakers equal room — a convention of the genre, as the
officials are peers — so each block is measured against an equal share of
what the page has left after the lead, and the page against its capacity.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BlockFit:
    key: str
    label: str              # 姓名（职务）
    chars: int
    lines: int              # grid lines the block takes (headline group, text, separator)
    placed: int             # of which on the page(s)
    allotment: float = 0.0  # its equal share of the page

    @property
    def over(self) -> int:
        """Lines over (+) or under (−) its share."""
        return round(self.lines - self.allotment)

    @property
    def unplaced(self) -> int:
        return self.lines - self.placed


@dataclass
class Report:
    layout: str
    meeting: str
    columns: int
    lines_per_column: int
    capacity: int           # grid lines on the page(s) the layout allows
    used: int               # grid lines the content needs
    chars_per_line: int
    pages: int
    unplaced: int           # lines that found no place on the page(s)
    continues: bool = False # layout continues on further pages (转版)
    blocks: list[BlockFit] = field(default_factory=list)
    loose_lines: int = 0
    air: int = 0            # spare lines given to headline blocks by 撑版

    @property
    def fits(self) -> bool:
        return self.unplaced == 0

    @property
    def overflow(self) -> int:
        """Lines to cut: what the text needs beyond what the page holds. (Fewer may
        remain unplaced than this where headlines can end a column early, or more.)"""
        if self.fits:
            return 0
        return max(self.used - self.capacity, 0) if not self.continues else self.unplaced

    @property
    def spare(self) -> int:
        return self.capacity - self.used

    def chars(self, lines: int) -> int:
        return abs(lines) * self.chars_per_line

    def format(self) -> str:
        out = [f"版面核算：{self.meeting}（版式 {self.layout}，{self.columns} 栏 × {self.lines_per_column} 行，每行约 {self.chars_per_line} 字）"]
        for b in self.blocks:
            if b.key in ("lead", "end"):
                out.append(f"  {b.label}：{b.chars} 字，{b.lines} 行")
                continue
            verdict = _over_under(b.over, self.chars_per_line)
            tail = f"；有 {b.unplaced} 行排不下" if b.unplaced else ""
            out.append(f"  {b.label}：{b.chars} 字，{b.lines} 行，应占约 {b.allotment:.0f} 行，{verdict}{tail}")
        if self.continues:
            out.append(f"全文：{self.used} 行，排 {self.pages} 页" + ("" if self.fits else f"，超出页数上限，还有 {self.unplaced} 行排不下"))
        elif self.fits:
            air = f"；其中 {self.air} 行已作小标题留白撑版" if self.air else ""
            out.append(f"全版：可排 {self.capacity} 行，已用 {self.used} 行，" +
                       (f"尚余 {self.spare} 行（约 {self.chars(self.spare)} 字{air}）" if self.spare > 0 else "正好排满"))
        elif self.overflow:
            out.append(f"全版：可排 {self.capacity} 行，需要 {self.used} 行，超出 {self.overflow} 行（约 {self.chars(self.overflow)} 字）。"
                       "请删减上面标为“超出”的发言，或换用更大的版式。")
        else:
            out.append(f"全版：可排 {self.capacity} 行，需要 {self.used} 行，但小标题不能拆开放在栏底，仍有 {self.unplaced} 行排不下。"
                       f"请再删减约 {self.unplaced} 行（约 {self.chars(self.unplaced)} 字）。")
        if self.loose_lines:
            out.append(f"提醒：{self.loose_lines} 行字距被拉得过松。")
        return "\n".join(out)


def _over_under(over: int, cpl: int) -> str:
    if over > 0:
        return f"超出 {over} 行（约 {over * cpl} 字）"
    if over < 0:
        return f"不足 {-over} 行（约 {-over * cpl} 字）"
    return "正好"
