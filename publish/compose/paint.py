"""Stage 4 of compose — paint: the fitted placement drawn as pages of positioned boxes:
the header zone, every piece of every block, column rules, 转版 labels, folios."""

from __future__ import annotations

from .boxes import PageBox, Region, Rule
from .configure import Config, Geometry
from .fitting import Result
from .flow import Piece
from .frame import Frame
from .header import Zone, footer, header, text_line
from .paint_blocks import Cell, paint_piece
from .text import Texts

# The style of 转版 labels; the body's where the layout has none.
CONTINUED_STYLE = "continued"


def paint(cfg: Config, texts: Texts, res: Result) -> list[PageBox]:
    lay, st, fr = cfg.layout, res.setting, res.frame
    g = cfg.geometry(st.body_size)
    z = Zone(g.x0, g.width)
    pages = [PageBox(i + 1) for i in range(max(1, fr.pages))]
    for i, pg in enumerate(pages):
        items = cfg.plan.header if i == 0 else cfg.plan.header[: lay.fit.repeat_header]
        if items:
            header(lay, cfg.book, pg, items, z, lay.page.top, texts.lead_lines, (st.leading, st.body_size))
    for piece in res.placement.pieces:
        p, c = divmod(piece.column, fr.columns)
        cell = Cell(g.x0 + c * (g.measure + g.gutter), fr.tops[p] + piece.row * st.leading, g.measure, st.leading)
        paint_piece(cfg.book, pages[p], piece, cell)
        pages[p].regions.append(_region(piece, c, cell))
    for p, pg in enumerate(pages):
        _column_rules(cfg, pg, p, res, g)
        _continued(cfg, pg, p, len(pages), fr, g, st.leading)
    for i, pg in enumerate(pages):
        y = lay.page.height - lay.page.bottom + lay.page.folio_gap
        footer(lay, cfg.book, cfg.plan.footer, pg, cfg.plan.numbers(i, len(pages)), z, y)
    return pages


def _column_rules(cfg: Config, pg: PageBox, p: int, res: Result, g: Geometry) -> None:
    """栏线 between the columns, as deep as the deepest column of the page; and the body zone."""
    fr, lead, cols = res.frame, res.setting.leading, res.frame.columns
    pg.body = (fr.tops[p], max(fr.caps[p * cols : (p + 1) * cols] or [0]), lead)
    deepest = max(res.placement.depths[p * cols : (p + 1) * cols] or [0])
    rule = cfg.layout.grid.column_rule
    if rule and deepest and cols > 1:
        for k in range(1, cols):
            gx = g.x0 + k * (g.measure + g.gutter) - g.gutter / 2
            pg.items.append(Rule(gx, fr.tops[p], gx, fr.tops[p] + deepest * lead, rule.width, rule.color))


def _continued(cfg: Config, pg: PageBox, p: int, count: int, fr: Frame, g: Geometry, lead: float) -> None:
    """下转 on the last line of a continued page's last column, 上接 above the next page's first."""
    lay, plan = cfg.layout, cfg.plan
    style = lay.styles.get(CONTINUED_STYLE, lay.style(lay.body_style))
    numbers = plan.numbers(p, count)
    cols = fr.columns
    if p < count - 1 and plan.continued_to:
        x = g.x0 + (cols - 1) * (g.measure + g.gutter)
        y = fr.tops[p] + fr.caps[p * cols + cols - 1] * lead
        label = plan.continued_to.text(numbers)
        text_line(cfg.book, pg, label, style, x, y, lead, g.measure, "right", CONTINUED_STYLE)
    if p > 0 and plan.continued_from:
        label = plan.continued_from.text(numbers)
        text_line(cfg.book, pg, label, style, g.x0, fr.tops[p] - lead, lead, g.measure, "left", CONTINUED_STYLE)


def _region(piece: Piece, column: int, cell: Cell) -> Region:
    """Where a piece of a block landed, for previews and checks (column on its page)."""
    b = piece.block
    kind = "space" if b.space else "end" if b.owner == "end" else "text" if b.splittable else "head"
    n = piece.end - piece.start
    return Region(b.owner, kind, column, piece.row, n, cell.x, cell.top, cell.measure, n * cell.lead)


__all__ = ["paint"]
