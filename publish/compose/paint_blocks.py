"""Stage 4 of compose (paint), the body's blocks: each piece of a block the flow placed,
drawn at its column and grid row as text lines, rules, fills and pictures."""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import EndContent, GroupContent, SpaceContent, TextContent
from .boxes import Fill, PageBox, Picture, Rule, TextLine
from .flow import Piece
from .fontbook import FontBook
from .headings import dash_rules, set_lines
from .metrics import GRID_TOLERANCE, PORTRAIT_INSET, baseline_in


@dataclass(frozen=True)
class Cell:
    """Where a piece goes: its column's left edge, the top of its first grid line, the
    column's width and the grid's leading."""

    x: float
    top: float
    measure: float
    lead: float


def paint_piece(book: FontBook, pg: PageBox, piece: Piece, cell: Cell) -> None:
    content = piece.block.content
    given = piece.end - piece.start  # lines the flow gave this piece
    if isinstance(content, TextContent):
        _text(pg, content, piece.start, piece.end, cell)
    elif isinstance(content, SpaceContent):
        _space(pg, content, given, cell)
    elif isinstance(content, GroupContent):
        _group(book, pg, content, given, cell)
    elif isinstance(content, EndContent):
        _end(pg, content, given, cell)


def _text(pg: PageBox, c: TextContent, start: int, end: int, cell: Cell) -> None:
    st, lead = c.style, cell.lead
    for k, ln in enumerate(c.lines[start:end]):
        b = baseline_in(cell.top + k * lead, lead, st.size)
        pg.items.append(TextLine(cell.x, b, ln.glyphs, st.color, role=c.role, last=ln.last, measure=cell.measure))


def _space(pg: PageBox, c: SpaceContent, given: int, cell: Cell) -> None:
    if c.rule:
        y = cell.top + given * cell.lead / 2  # centred in whatever space the fitting gave it
        pg.items.append(Rule(cell.x, y, cell.x + cell.measure, y, c.rule.width, c.rule.color))


def _group_top(c: GroupContent, given: int, cell: Cell) -> tuple[float, float | None]:
    """Where the group starts in the lines it was given, and where its name lines start
    when they sit on the grid (None: right below the portrait or headline)."""
    lead, p = cell.lead, c.parts
    # the fitting may have given the block more lines than it needs: centre it in them
    y = cell.top + (given * lead - c.total) / 2
    if not (abs(p.name_leading - lead) < GRID_TOLERANCE and p.names):
        return y, None
    # name lines set on the body's leading sit on the grid, right above the text;
    # what is above them is centred in the lines left
    below = (given - c.lines) // 2
    rows = given - below - len(p.names)
    y = cell.top + (rows * lead - (c.total - c.name_h)) / 2
    if abs(p.head_leading - lead) < GRID_TOLERANCE:
        y = cell.top + round((y - cell.top) / lead) * lead
    return y, cell.top + rows * lead


def _group(book: FontBook, pg: PageBox, c: GroupContent, given: int, cell: Cell) -> None:
    """小标题 group: topic heading, shaded headline, portrait, name lines."""
    x, measure, p = cell.x, cell.measure, c.parts
    y, name_top = _group_top(c, given, cell)
    if p.section:
        s = p.section
        for ln in s.lines:
            pg.items.append(TextLine(x, baseline_in(y, s.leading, s.size), ln.glyphs, s.style.color, role="section"))
            y += s.leading
    if c.fill and p.head:
        pg.items.append(Fill(x, y, measure, c.head_h, c.fill))
    hs = c.headline
    yy = y + c.pad
    for ln in set_lines(book, hs.font, p.head, p.head_size, measure, _centred(hs.align), hs.tracking):
        b = baseline_in(yy, p.head_leading, p.head_size)
        pg.items.append(TextLine(x, b, ln.glyphs, hs.color, role="headline"))
        pg.items.extend(dash_rules(ln, x, b, hs.color))
        yy += p.head_leading
    yy = y + c.head_h
    if c.portrait:
        pic = c.portrait
        top = yy + PORTRAIT_INSET * cell.lead
        pg.items.append(Picture(pic.path, x + (measure - pic.w) / 2, top, pic.w, pic.h, pic.crop, source=pic.where))
        yy += c.pic_h
    if name_top is not None:
        yy = name_top
    ls = c.line
    for ln in set_lines(book, ls.font, p.names, p.name_size, measure, _centred(ls.align)):
        b = baseline_in(yy, p.name_leading, p.name_size)
        pg.items.append(TextLine(x, b, ln.glyphs, ls.color, role="speaker"))
        yy += p.name_leading


def _centred(align: str) -> str:
    """Headings are not justified: a justify style centres them."""
    return "center" if align == "justify" else align


def _end(pg: PageBox, c: EndContent, given: int, cell: Cell) -> None:
    """版记 at the foot of its lines, between its rules."""
    x, measure, st, it = cell.x, cell.measure, c.style, c.item
    y = cell.top + (given * cell.lead - c.height) + it.space_before
    if it.rule_above:
        pg.items.append(Rule(x, y, x + measure, y, it.rule_above.width, it.rule_above.color))
    for ln in c.lines:
        pg.items.append(TextLine(x, baseline_in(y, st.leading, st.size), ln.glyphs, st.color, role=it.style))
        y += st.leading
    if it.rule_below:
        pg.items.append(Rule(x, y, x + measure, y, it.rule_below.width, it.rule_below.color))
