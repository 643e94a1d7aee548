"""Stage 3 of compose (flow), the frame: how deep each column is on each page at a
setting — below the header zone on page 1 (and the repeated part of it on later pages,
with the 上接 line), above the 下转 line at the foot of a continued page's last column."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plan import HeaderItem
from .blocks import Setting
from .boxes import PageBox
from .configure import Config
from .header import Zone, header
from .metrics import FLOOR_TOLERANCE, on_grid
from .text import Texts


@dataclass(frozen=True)
class Frame:
    """The pages of one trial: column depths and where each page's body starts."""

    caps: list[int]
    tops: list[float]
    pages: int
    columns: int
    reserve: list[int] = field(default_factory=list)  # columns whose last line holds 下转


class Frames:
    """Frames per (leading, body size, pages), each measured once."""

    def __init__(self, cfg: Config, texts: Texts):
        self.cfg, self.texts = cfg, texts
        self._frames: dict[tuple[float, float, int], Frame] = {}
        self._heights: dict[tuple[int, float, float], float] = {}

    def zone(self, body_size: float) -> Zone:
        g = self.cfg.geometry(body_size)
        return Zone(g.x0, g.width)

    def header_height(self, items: tuple[HeaderItem, ...], lead: float, body_size: float) -> float:
        """The y below the header items, set at this leading and body size."""
        key = (len(items), lead, body_size)
        if key not in self._heights:
            lay = self.cfg.layout
            z = self.zone(body_size)
            grid = (lead, body_size)
            self._heights[key] = header(
                lay, self.cfg.book, PageBox(0), items, z, lay.page.top, self.texts.lead_lines, grid
            )
        return self._heights[key]

    def at(self, st: Setting, npages: int) -> Frame:
        """Column depths on npages pages at this setting."""
        key = (st.leading, st.body_size, npages)
        if key not in self._frames:
            self._frames[key] = self._frame(st, npages)
        return self._frames[key]

    def _top(self, items: tuple[HeaderItem, ...], st: Setting) -> float:
        page = self.cfg.layout.page
        y = self.header_height(items, st.leading, st.body_size) if items else page.top
        return on_grid(page.top, y, st.leading)

    def _frame(self, st: Setting, npages: int) -> Frame:
        lay, plan = self.cfg.layout, self.cfg.plan
        page, lead = lay.page, st.leading
        bottom = page.height - page.bottom
        cols = self.cfg.geometry(st.body_size).columns
        caps: list[int] = []
        tops: list[float] = []
        reserve: list[int] = []
        for p in range(npages):
            if p == 0:
                top = self._top(plan.header, st) if plan.header else page.top
            else:
                rep = lay.fit.repeat_header
                top = self._top(plan.header[:rep], st) if rep else on_grid(page.top, page.top, lead)
                top += lead if plan.continued_from else 0.0
            depth = int((bottom - top) / lead + FLOOR_TOLERANCE)
            for c in range(cols):
                last_column = p < npages - 1 and c == cols - 1
                if last_column and plan.continued_to:
                    reserve.append(len(caps))
                caps.append(depth - 1 if last_column and plan.continued_to else depth)
            tops.append(top)
        return Frame(caps, tops, npages, cols, reserve)
