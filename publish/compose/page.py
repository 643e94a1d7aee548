"""Compose a meeting in a layout: header zone, speaker blocks on the column grid, furniture.

Model and layout in, positioned boxes out (boxes.py); no PDF or DOCX here.
The page is fitted (fitting.py) before anything is drawn.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..errors import InputError, Problem
from ..layout.printed import printed
from ..layout.spec import Layout
from ..layout.templates import Templates, context
from ..model import Meeting
from . import fitting, segment
from .blocks import Setting
from .boxes import Composition, PageBox, Region, Rule
from .flow import Piece
from .fontbook import FontBook
from .header import Zone, footer, header, item_texts, text_line
from .parts import Parts, uses


@dataclass
class Frame:
    """The pages of one trial: column depths and where each page's body starts."""

    caps: list[int]
    tops: list[float]
    pages: int
    columns: int
    reserve: list[int] = field(default_factory=list)  # columns whose last line holds 下转


def compose(meeting: Meeting, layout: Layout, pages: int | None = None) -> Composition:
    tpl = Templates(layout.folder)
    meeting = printed(meeting, tpl, context(meeting))
    ctx = context(meeting)
    header_texts = [(item_texts(tpl, it, ctx), it) for it in layout.header]
    end_texts = [(item_texts(tpl, it, ctx), it) for it in layout.end]
    sample = dict(ctx, page=88, pages=88)
    cont = (tpl.render(layout.continued_to, **sample), tpl.render(layout.continued_from, **sample))
    book = FontBook(layout.fonts, str(layout.source), layout.font_fallbacks)
    point_re = re.compile(layout.point_pattern)
    footer_sample = [(item_texts(tpl, it, sample), it) for it in layout.footer]
    book.prepare(uses(meeting, layout, tpl, ctx, header_texts, end_texts, footer_sample, cont, point_re))
    parts = Parts(meeting, layout, book, tpl, ctx, point_re, end_texts)
    _check_headlines(parts, layout)

    result = fitting.search(parts, lambda st, n: frame(parts, header_texts, st, n, cont), pages)
    segment.save()
    comp_pages = draw(parts, header_texts, result, cont, tpl, ctx)
    report = fitting.report(parts, result)
    return Composition(
        width=layout.page.width,
        height=layout.page.height,
        bleed=layout.page.bleed,
        pages=comp_pages,
        fonts=book.fonts_used(),
        colors=layout.colors,
        title=meeting.title,
        author="、".join(meeting.byline.reporters),
        subject=meeting.subtitle,
        report=report,
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


def frame(parts: Parts, header_texts, st: Setting, npages: int, cont) -> Frame:
    """Column depths on npages pages at this setting."""
    lay = parts.layout
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
            if cont[1]:
                top += lead
        depth = int((bottom - top) / lead + 1e-6)
        for c in range(cols):
            cap = depth
            if p < npages - 1 and c == cols - 1 and cont[0]:
                cap -= 1
                reserve.append(len(caps))
            caps.append(cap)
        tops.append(top)
    f = Frame(caps, tops, npages, cols, reserve)
    parts.cache[key] = f
    return f


def draw(parts: Parts, header_texts, result, cont, tpl: Templates, ctx: dict) -> list[PageBox]:
    lay = parts.layout
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
        number = parts.meeting.publication.page_number + p
        if p < len(pages) - 1 and cont[0]:
            label = tpl.render(lay.continued_to, **dict(ctx, page=number + 1))
            x = g.x0 + (cols - 1) * (g.measure + g.gutter)
            y = fr.tops[p] + fr.caps[p * cols + cols - 1] * lead
            text_line(parts.book, pg, label, cont_style, x, y, lead, g.measure, "right", "continued")
        if p > 0 and cont[1]:
            label = tpl.render(lay.continued_from, **dict(ctx, page=number - 1))
            text_line(parts.book, pg, label, cont_style, g.x0, fr.tops[p] - lead, lead, g.measure, "left", "continued")
    for pg in pages:
        footer(
            lay,
            parts.book,
            tpl,
            pg,
            dict(ctx, page=pg.number, pages=len(pages)),
            z,
            page.height - page.bottom + lay.page.folio_gap,
        )
    return pages


def _region(piece: Piece, column: int, x: float, top: float, measure: float, lead: float) -> Region:
    """Where a piece of a block landed, for previews and checks (column on its page)."""
    b = piece.block
    kind = "space" if b.space else "end" if b.owner == "end" else "text" if b.splittable else "head"
    n = piece.end - piece.start
    return Region(b.owner, kind, column, piece.row, n, x, top, measure, n * lead)
