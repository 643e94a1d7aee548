"""Page furniture: the header zone (版头, 引题, 主题, 副题, 署名, 导语), strips, folios, 转版 labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..layout.spec import Item, Layout, Style
from ..plan import FooterItem, HeaderItem, ItemKind, PageNumbers
from ..typeset.types import Line
from .boxes import Fill, PageBox, Rule, TextLine
from .fontbook import FontBook
from .headings import dash_rules, fit_heading, set_line
from .metrics import (
    DOUBLE_RULE_HEIGHT,
    DOUBLE_RULE_OFFSET,
    DOUBLE_RULE_THIN_PART,
    EM_BOX_ABOVE_BASELINE,
    FLOOR_TOLERANCE,
    GRID_TOLERANCE,
    LEAD_COLUMN_GAP,
    STRIP_MIN_LEADING,
    baseline_in,
)


@dataclass(frozen=True)
class Zone:
    """Where the header may draw: the column block's left edge and width."""

    x: float
    width: float


LeadLines = Callable[[Style, float], list[Line]]


def header(
    lay: Layout,
    book: FontBook,
    pg: PageBox,
    items: tuple[HeaderItem, ...],
    zone: Zone,
    top: float,
    lead_lines: LeadLines,
    grid: tuple[float, float] | None = None,
) -> float:
    """Draw the header items from top; returns the y below them.
    lead_lines(style, measure) -> lines of the 导语 set at that measure.
    grid: (leading, body size): a line in the body's size sits on the body's grid (GB/T 9704's
    期号 in 三号 is on the page's 22-line grid)."""
    y = top
    for h in items:
        if h.empty:
            continue
        it = h.item
        st = lay.style(h.style)
        y += it.space_before
        if it.rule_above:
            rule(pg, zone.x, y, zone.width, it.rule_above)
            y += it.rule_above.width + it.rule_above.gap
        start = y
        if h.kind is ItemKind.LEAD:
            y = _lead(pg, st, it, zone, y, lead_lines)
        else:
            y = _line(book, pg, h, st, zone, top, y, grid)
        if it.fill:
            pg.items.insert(0, Fill(zone.x, start, zone.width, y - start, it.fill))
        if it.rule_below:
            y += it.rule_below.gap
            rule(pg, zone.x, y, zone.width, it.rule_below)
            y += it.rule_below.width * (DOUBLE_RULE_HEIGHT if it.rule_below.double else 1)
        y += it.space_after
    return y


def _line(
    book: FontBook,
    pg: PageBox,
    h: HeaderItem,
    st: Style,
    zone: Zone,
    top: float,
    y: float,
    grid: tuple[float, float] | None,
) -> float:
    """A headline (主题 shrunk to fit its lines) or a strip, from y; returns the y below it."""
    if h.kind is ItemKind.LINE:
        size, lines = fit_heading(
            book, st.font, h.text, st.size, st.min_size, st.max_lines, zone.width, st.align, st.tracking
        )
        leading = st.leading * size / st.size
    else:
        size, leading = st.size, max(st.leading, st.size * STRIP_MIN_LEADING)
        lines = [strip(book, st, (h.left, h.center, h.right), zone.width)]
    if grid and abs(size - grid[1]) < GRID_TOLERANCE:
        leading = grid[0]
        y = top + -(-(y - top - FLOOR_TOLERANCE) // leading) * leading
    for ln in lines:
        b = baseline_in(y, leading, size)
        pg.items.append(TextLine(zone.x, b, ln.glyphs, st.color, role=h.style))
        pg.items.extend(dash_rules(ln, zone.x, b, st.color))
        y += leading
    return y


def _lead(pg: PageBox, st: Style, it: Item, zone: Zone, y: float, lead_lines: LeadLines) -> float:
    """导语 across the page: in `columns` columns so that a line stays readable (≤ ~40 字)."""
    cols = max(1, it.columns)
    gap = LEAD_COLUMN_GAP * st.size
    width = (zone.width - (cols - 1) * gap) / cols
    measure = int(width / st.size + FLOOR_TOLERANCE) * st.size
    gap = (zone.width - cols * measure) / (cols - 1) if cols > 1 else 0.0
    lines = lead_lines(st, measure)
    per = -(-len(lines) // cols)
    for k, ln in enumerate(lines):
        c, r = divmod(k, per)
        x = zone.x + c * (measure + gap)
        pg.items.append(
            TextLine(
                x,
                baseline_in(y + r * st.leading, st.leading, st.size),
                ln.glyphs,
                st.color,
                role=it.style,
                last=ln.last,
                measure=measure,
            )
        )
    return y + per * st.leading


def strip(book: FontBook, st: Style, texts: tuple[str, str, str], width: float) -> Line:
    """A strip (版头, folio line): left, centre and right parts on one baseline."""
    parts = [
        set_line(book, st.font, text, st.size, width, align)
        for align, text in zip(("left", "center", "right"), texts)
        if text
    ]
    return Line([g for ln in parts for g in ln.glyphs], max((ln.width for ln in parts), default=0), True, False)


def rule(pg: PageBox, x: float, y: float, width: float, spec) -> None:
    pg.items.append(Rule(x, y, x + width, y, spec.width, spec.color))
    if spec.double:
        y2 = y + spec.width * DOUBLE_RULE_OFFSET
        pg.items.append(Rule(x, y2, x + width, y2, spec.width / DOUBLE_RULE_THIN_PART, spec.color))


def text_line(
    book: FontBook,
    pg: PageBox,
    text: str,
    st: Style,
    x: float,
    top: float,
    lead: float,
    measure: float,
    align: str,
    role: str,
) -> None:
    ln = set_line(book, st.font, text, st.size, measure, align)
    pg.items.append(TextLine(x, baseline_in(top, lead, st.size), ln.glyphs, st.color, role=role))


def footer(
    lay: Layout,
    book: FontBook,
    items: tuple[FooterItem, ...],
    pg: PageBox,
    numbers: PageNumbers,
    zone: Zone,
    y: float,
) -> None:
    """Folios below the type area; y is the top of the first footer line."""
    for f in items:
        if f.empty:
            continue
        st = lay.style(f.style)
        if f.kind is ItemKind.LINE:
            align = st.align if st.align != "justify" else "left"
            text = f.text.text(numbers)
            if align == "outside":
                # GB/T 9704: odd pages right, even pages left, one character in from the edge
                align = "right" if pg.number % 2 else "left"
                text = text + "\u3000" if align == "right" else "\u3000" + text
            ln = set_line(book, st.font, text, st.size, zone.width, align)
        else:
            ln = strip(book, st, (f.left.text(numbers), f.center.text(numbers), f.right.text(numbers)), zone.width)
        # the line's top edge (the em box's) at y
        pg.items.append(TextLine(zone.x, y + EM_BOX_ABOVE_BASELINE * st.size, ln.glyphs, st.color, role=f.style))
        y += st.leading
