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
    label: str  # 姓名（职务）
    chars: int
    lines: int  # grid lines the block takes (headline group, text, separator)
    placed: int  # of which on the page(s)
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
    capacity: int  # grid lines on the page(s) the layout allows
    used: int  # grid lines the content needs
    chars_per_line: int
    pages: int
    unplaced: int  # lines that found no place on the page(s)
    continues: bool = False  # layout continues on further pages (转版)
    blocks: list[BlockFit] = field(default_factory=list)
    loose_lines: int = 0
    air: int = 0  # lines given to (+) or taken from (−) the space between blocks
    fill: bool = True  # the layout wants every page full (a newspaper page; not a bulletin)
    filled: bool = True  # … and it is: every column ends on its last line
    short: int = 0  # empty lines left in the text area
    changes: list[str] = field(default_factory=list)  # what the fitting changed ("行距 20→17 pt")

    @property
    def ok(self) -> bool:
        """What `publish fit` exits 0 on: all text placed and, where the layout wants it, the page full."""
        return self.fits and (self.filled or not self.fill)

    @property
    def fits(self) -> bool:
        return self.unplaced == 0

    @property
    def overflow(self) -> int:
        """Lines to cut: what the text needs beyond what the page holds. (Fewer may
        remain unplaced than this where headlines can end a column early, or more.)"""
        if self.fits:
            return 0
        return self.unplaced

    @property
    def spare(self) -> int:
        return self.capacity - self.used

    def chars(self, lines: int) -> int:
        return abs(lines) * self.chars_per_line

    def format(self) -> str:
        out = [
            f"版面核算：{self.meeting}（版式 {self.layout}，{self.columns} 栏 × {self.lines_per_column} 行，"
            f"每行约 {self.chars_per_line} 字，排 {self.pages} 页）"
        ]
        for b in self.blocks:
            if b.key in ("lead", "end") or not self.fill:
                tail = f"；有 {b.unplaced} 行排不下" if b.unplaced else ""
                out.append(f"  {b.label}：{b.chars} 字，{b.lines} 行{tail}")
                continue
            verdict = _over_under(b.over, self.chars_per_line)
            tail = f"；有 {b.unplaced} 行排不下" if b.unplaced else ""
            out.append(f"  {b.label}：{b.chars} 字，{b.lines} 行，平均每人约 {b.allotment:.0f} 行，{verdict}{tail}")
        out.append("已调整：" + "；".join(self.changes) if self.changes else "未作调整（按版式原定行距、字号、间距）")
        if not self.fits:
            out.append(
                f"排不下：在版式允许的调整范围内仍超出 {self.unplaced} 行（约 {self.chars(self.unplaced)} 字）。"
                "请删减上面标为“超出”的发言" + ("，或用 --pages 指定更多页数。" if self.fill else "。")
            )
        elif self.fill and not self.filled:
            out.append(
                f"排不满：在版式允许的调整范围内，版面仍空 {self.short} 行（约 {self.chars(self.short)} 字）。"
                f"请补充约 {self.chars(self.short)} 字的稿件、加一张会议照片，或用 --pages 减少页数。"
            )
        elif self.fill:
            out.append(f"全版排满：{self.pages} 页，{self.capacity} 行，各栏齐底。")
        else:
            out.append(f"全文：{self.used} 行，排 {self.pages} 页。")
        if self.loose_lines:
            out.append(f"提醒：{self.loose_lines} 行字距被拉得过松。")
        return "\n".join(out)


def _over_under(over: int, cpl: int) -> str:
    if over > 0:
        return f"超出 {over} 行（约 {over * cpl} 字）"
    if over < 0:
        return f"不足 {-over} 行（约 {-over * cpl} 字）"
    return "正好"
