"""Compose a page plan in a layout: header zone, speaker blocks on the column grid, furniture.

Plan and layout in, positioned boxes out (boxes.py); no PDF or DOCX here, no content
model or template either (plan/ rendered them). The page is fitted (fitting.py) before
anything is drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..errors import InputError, Problem
from ..layout.spec import Layout
from ..model import Meeting
from ..plan import Plan, plan
from . import fitting, segment
from .blocks import Setting
from .boxes import Composition, PageBox, Region, Rule
from .flow import Piece
from .fontbook import FontBook
from .header import Zone, footer, header, text_line
from .parts import Parts


@dataclass
class Frame:
    """The pages of one trial: column depths and where each page's body starts."""

    caps: list[int]
    tops: list[float]
    pages: int
    columns: int
    reserve: list[int] = field(default_factory=list)  # columns whose last line holds 下转


def compose(meeting: Meeting, layout: Layout, pages: int | None = None, *, cores: int | None = None) -> Composition:
    """Plan the meeting in the layout, then compose the plan (for callers that have only the meeting)."""
    return compose_plan(plan(meeting, layout), layout, pages, cores=cores)


def compose_plan(p: Plan, layout: Layout, pages: int | None = None, *, cores: int | None = None) -> Composition:
    """cores: processes the fonts' glyphs may be converted on (None: every core)."""
    book = FontBook(layout.fonts, str(layout.source), layout.font_fallbacks, cores)
    book.prepare(p.uses)
    parts = Parts(p, layout, book)
    _check_headlines(parts, layout)

    result = fitting.search(parts, lambda st, n: frame(parts, st, n), pages)
    segment.save()
    comp_pages = draw(parts, result)
    report = fitting.report(parts, result)
    return Composition(
        width=layout.page.width,
        height=layout.page.height,
        bleed=layout.page.bleed,
        pages=comp_pages,
        fonts=book.fonts_used(),
        colors=layout.colors,
        title=p.meta.title,
        author=p.meta.author,
        subject=p.meta.subject,
        report=report,
        plan=p,
        setting=result.setting,
        font_substitutions=dict(book.substituted),
    )


def _check_headlines(parts: Parts, layout: Layout) -> None:
    """A headline that fits max_lines at no size the layout allows is the editor's to shorten."""
    bad = parts.unfit_headlines()
    if bad:
        hs = layout.style(layout.speaker.headline_style)
        raise InputError(
            [
                Problem(
                    path,
                    line,
                    f"小标题“{text}”在栏宽内排不进 {hs.max_lines} 行"
                    f"（已缩到 {hs.min_size or hs.size:g}pt，且只在词与词之间转行）。"
                    "请删减几个字，或在词组之间加空格指明转行处。",
                )
                for path, line, text in bad
            ]
        )


def zone(parts: Parts, body_size: float) -> Zone:
    g = parts.geometry(body_size)
    return Zone(g.x0, g.width)


def frame(parts: Parts, st: Setting, npages: int) -> Frame:
    """Column depths on npages pages at this setting."""
    lay = parts.layout
    header_texts = parts.plan.header
    page = lay.page
    lead = st.leading
    key = ("frame", st.leading, st.body_size, npages)
    hit = parts.cache.get(key)
    if hit:
        return hit
    z = zone(parts, st.body_size)
    y = parts.header_height(header_texts, z, lead, st.body_size)
    body_top = page.top + math.ceil((y - page.top) / lead - 1e-6) * lead if header_texts else page.top
    bottom = page.height - page.bottom
    caps: list[int] = []
    tops: list[float] = []
    reserve: list[int] = []
    cols = parts.geometry(st.body_size).columns
    for p in range(npages):
        top = body_top
        if p:
            rep = lay.fit.repeat_header
            yy = parts.header_height(header_texts[:rep], z, lead, st.body_size) if rep else page.top
            top = page.top + math.ceil((yy - page.top) / lead - 1e-6) * lead
            if parts.plan.continued_from:
                top += lead
        depth = int((bottom - top) / lead + 1e-6)
        for c in range(cols):
            cap = depth
            if p < npages - 1 and c == cols - 1 and parts.plan.continued_to:
                cap -= 1
                reserve.append(len(caps))
            caps.append(cap)
        tops.append(top)
    f = Frame(caps, tops, npages, cols, reserve)
    parts.cache[key] = f
    return f


def draw(parts: Parts, result) -> list[PageBox]:
    lay = parts.layout
    plan = parts.plan
    header_texts = plan.header
    page = lay.page
    st = result.setting
    fr = result.frame
    lead = st.leading
    g = parts.geometry(st.body_size)
    z = Zone(g.x0, g.width)
    used_pages = max(1, fr.pages)
    pages = [PageBox(i + 1) for i in range(used_pages)]
    for i, pg in enumerate(pages):
        items = header_texts if i == 0 else header_texts[: lay.fit.repeat_header]
        if items:
            header(lay, parts.book, pg, items, z, page.top, parts.lead_lines, (lead, st.body_size))
    cols = fr.columns
    pl = result.placement
    for piece in pl.pieces:
        p, c = divmod(piece.column, cols)
        x = g.x0 + c * (g.measure + g.gutter)
        top = fr.tops[p] + piece.row * lead
        piece.block.payload(pages[p], x, top, piece.start, piece.end, piece.block)
        pages[p].regions.append(_region(piece, c, x, top, g.measure, lead))
    rule = lay.grid.column_rule
    cont_style = lay.styles.get("continued", lay.style(lay.body_style))
    for p, pg in enumerate(pages):
        pg.body = (fr.tops[p], max(fr.caps[p * cols : (p + 1) * cols] or [0]), lead)
        depths = pl.depths[p * cols : (p + 1) * cols]
        deepest = max(depths or [0])
        if rule and deepest and cols > 1:
            for k in range(1, cols):
                gx = g.x0 + k * (g.measure + g.gutter) - g.gutter / 2
                pg.items.append(Rule(gx, fr.tops[p], gx, fr.tops[p] + deepest * lead, rule.width, rule.color))
        numbers = plan.numbers(p, len(pages))
        if p < len(pages) - 1 and plan.continued_to:
            label = plan.continued_to.text(numbers)
            x = g.x0 + (cols - 1) * (g.measure + g.gutter)
            y = fr.tops[p] + fr.caps[p * cols + cols - 1] * lead
            text_line(parts.book, pg, label, cont_style, x, y, lead, g.measure, "right", "continued")
        if p > 0 and plan.continued_from:
            label = plan.continued_from.text(numbers)
            text_line(parts.book, pg, label, cont_style, g.x0, fr.tops[p] - lead, lead, g.measure, "left", "continued")
    for i, pg in enumerate(pages):
        y = page.height - page.bottom + lay.page.folio_gap
        footer(lay, parts.book, plan.footer, pg, plan.numbers(i, len(pages)), z, y)
    return pages


def _region(piece: Piece, column: int, x: float, top: float, measure: float, lead: float) -> Region:
    """Where a piece of a block landed, for previews and checks (column on its page)."""
    b = piece.block
    kind = "space" if b.space else "end" if b.owner == "end" else "text" if b.splittable else "head"
    n = piece.end - piece.start
    return Region(b.owner, kind, column, piece.row, n, x, top, measure, n * lead)
