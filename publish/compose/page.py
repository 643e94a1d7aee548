"""Compose a meeting in a layout: header zone, speaker blocks on the column grid, furniture.

Model and layout in, positioned boxes out (boxes.py); no PDF or DOCX here.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..copyfit import BlockFit, Report
from ..layout.printed import SECTION_STYLE, printed, role_style, speaker_line
from ..layout.spec import Item, Layout, Style
from ..layout.templates import Templates, context
from ..model import Meeting, Paragraph, Speaker
from ..typeset.linebreak import break_paragraph
from ..typeset.types import Line, ParaStyle
from . import portrait as portraits
from .boxes import Composition, Fill, PageBox, Picture, Region, Rule, TextLine
from .flow import Block, Piece, balance, fill, fill_page
from .fontbook import FontBook, Use
from .headings import fit_heading, set_line

DIGITS = "0123456789"


def baseline_in(top: float, lead: float, size: float) -> float:
    """Baseline of a line whose cell starts at top: the CJK em box centred in the cell."""
    return top + lead / 2 + 0.38 * size


@dataclass
class _Ctx:
    meeting: Meeting
    layout: Layout
    book: FontBook
    tpl: Templates
    measure: float
    lead: float
    point_re: re.Pattern


def compose(meeting: Meeting, layout: Layout) -> Composition:
    tpl = Templates(layout.folder)
    meeting = printed(meeting, tpl, context(meeting))
    ctx_base = context(meeting)
    header_texts = [(_item_texts(tpl, it, ctx_base), it) for it in layout.header]
    speaker_lines = {s.key: speaker_line(tpl, layout.speaker.line_template, s, ctx_base) for s in meeting.speakers}
    end_texts = [(_item_texts(tpl, it, ctx_base), it) for it in layout.end]
    # Furniture that depends on the page number is rendered per page; its
    # characters are collected from a sample so that the fonts include them.
    sample_ctx = dict(ctx_base, page=88, pages=88)
    footer_sample = [(_item_texts(tpl, it, sample_ctx), it) for it in layout.footer]
    cont_to = tpl.render(layout.continued_to, **sample_ctx)
    cont_from = tpl.render(layout.continued_from, **sample_ctx)

    book = FontBook(layout.fonts, str(layout.source), layout.font_fallbacks)
    point_re = re.compile(layout.point_pattern)
    uses = _uses(meeting, layout, header_texts, speaker_lines, end_texts, footer_sample, cont_to + cont_from, point_re)
    book.prepare(uses)

    page = layout.page
    grid = layout.grid
    body = layout.style(layout.body_style)
    lead = grid.leading
    col_w = (page.type_width - (grid.columns - 1) * grid.gutter) / grid.columns
    # Columns a whole number of characters wide: pure Han lines then need no spacing.
    measure = math.floor(col_w / body.size + 1e-6) * body.size
    gutter = (page.type_width - grid.columns * measure) / max(1, grid.columns - 1) if grid.columns > 1 else 0
    cx = _Ctx(meeting, layout, book, tpl, measure, lead, point_re)

    first = PageBox(1)
    y = _header(cx, first, header_texts)
    body_top = y if not header_texts else page.top + math.ceil((y - page.top) / lead - 1e-6) * lead
    body_bottom = page.height - page.bottom
    depth1 = int((body_bottom - body_top) // lead + 1e-6)
    depth_n = int((body_bottom - page.top) // lead + 1e-6)

    blocks, fits = _blocks(cx, speaker_lines, end_texts)
    report = Report(layout=layout.name, meeting=meeting.key, columns=grid.columns, lines_per_column=depth1,
                    capacity=grid.columns * depth1, used=sum(b.lines for b in blocks),
                    chars_per_line=round(measure / body.size), pages=1, unplaced=0,
                    continues=page.overflow == "continue")
    pages = [first]
    tops = [body_top]
    placements = []
    pending = [(b, 0) for b in blocks]
    if page.overflow == "continue":
        depth = depth1
        while pending:
            cols = [depth] * grid.columns
            trial = fill(pending, cols)
            if not trial.rest or len(pages) >= page.max_pages:
                placement = balance(pending, grid.columns, depth) if not trial.rest else trial
                placements.append(placement)
                pending = placement.rest
                break
            placement = fill(pending, cols, reserve_last=1 if cont_to else 0)
            placements.append(placement)
            pending = placement.rest
            pages.append(PageBox(len(pages) + 1))
            tops.append(page.top + (lead if cont_from else 0))
            depth = depth_n - (1 if cont_from else 0)
        report.unplaced = sum(b.lines - s for b, s in pending if not b.space)
    else:
        placement = balance(pending, grid.columns, depth1)
        if grid.fill_page and not placement.rest:
            placement = fill_page(blocks, grid.columns, depth1) or placement
        placements.append(placement)
        report.unplaced = placement.overflow_lines
    report.pages = len(pages)

    cont_style = layout.styles.get("continued", body)
    unplaced: dict[str, int] = {}
    for pl in placements[-1:]:
        for b, s in pl.rest:
            if not b.space:
                unplaced[b.owner] = unplaced.get(b.owner, 0) + b.lines - s
    for pi, (pg, top, pl) in enumerate(zip(pages, tops, placements)):
        for piece in pl.pieces:
            x = page.left + piece.column * (measure + gutter)
            ptop = top + piece.row * lead
            piece.block.payload(pg, x, ptop, piece.start, piece.end)  # type: ignore[operator]  # a draw callable
            pg.regions.append(_region(piece, x, ptop, measure, lead))
        pg.body = (top, depth1 if pi == 0 else depth_n - (1 if cont_from else 0), lead)
        deepest = max(pl.depths or [0])
        if grid.column_rule and deepest:
            r = grid.column_rule
            for k in range(1, grid.columns):
                gx = page.left + k * (measure + gutter) - gutter / 2
                pg.items.append(Rule(gx, top, gx, top + deepest * lead, r.width, r.color))
        if pi < len(pages) - 1 and cont_to:
            label = tpl.render(layout.continued_to, **dict(ctx_base, page=meeting.publication.page_number + pi + 1))
            x = page.left + (grid.columns - 1) * (measure + gutter)
            _text_line(cx, pg, label, cont_style, x, top + (depth1 if pi == 0 else depth_n - 1) * lead - lead, align="right", role="continued")
        if pi > 0 and cont_from:
            label = tpl.render(layout.continued_from, **dict(ctx_base, page=meeting.publication.page_number + pi - 1))
            _text_line(cx, pg, label, cont_style, page.left, page.top, align="left", role="continued")
    for pg in pages:
        _footer(cx, pg, dict(ctx_base, page=pg.number, pages=len(pages)))

    _fill_report(report, meeting, blocks, unplaced, fits)
    report.air = sum(b.lines - getattr(b, "natural", b.lines) for b in blocks if not b.space)
    return Composition(width=page.width, height=page.height, bleed=page.bleed, pages=pages,
                       fonts=book.fonts_used(), colors=layout.colors, title=meeting.title,
                       author="、".join(meeting.byline.reporters), subject=meeting.subtitle, report=report,
                       font_substitutions=dict(book.substituted))


# --- text and fonts -----------------------------------------------------------

def _item_texts(tpl: Templates, item: Item, ctx: dict) -> dict[str, str]:
    names = {"template": item.template, "left": item.left, "center": item.center, "right": item.right}
    out = {k: tpl.render(v, **ctx) for k, v in names.items() if v}
    if item.content == "lead":
        out["content"] = "\n".join(p.text for p in ctx["meeting"].lead)
    return out


def _lead_in_header(layout: Layout) -> Item | None:
    return next((it for it in layout.header if it.content == "lead"), None)


def _char_roles(para: Paragraph, style: Style, point: Style | None, point_re) -> list[tuple[str, str, float, bool]]:
    """Runs of (text, role, size, bold) for a paragraph: **bold** spans and the 一是… lead."""
    text = para.text
    roles = []
    bold_role = style.bold_font or style.font
    for span in para.spans:
        for _ in span.text:
            roles.append((bold_role, style.size, True) if span.bold else (style.font, style.size, False))
    if point is not None:
        m = point_re.match(text)
        if m:
            for i in range(m.end()):
                roles[i] = (point.font, point.size, True)
    runs: list[tuple[str, str, float, bool]] = []
    for ch, r in zip(text, roles):
        if runs and runs[-1][1:] == r:
            runs[-1] = (runs[-1][0] + ch, *r)
        else:
            runs.append((ch, *r))
    return runs


def _uses(meeting, layout, header_texts, speaker_lines, end_texts, footer_sample, extra, point_re) -> list[Use]:
    uses: list[Use] = []
    src = (meeting.source.path, None)
    lay = (str(layout.source), None)
    for texts, it in header_texts + end_texts + footer_sample:
        for k, t in texts.items():
            st = layout.style(it.style)
            uses.append(Use(st.font, t + DIGITS + "\u3000", src))
            if k == "content" and st.bold_font:
                uses.append(Use(st.bold_font, t, src))
    headline = layout.style(layout.speaker.headline_style)
    sline = layout.style(layout.speaker.line_style)
    section = layout.style(_section_style(layout))
    for s in meeting.speakers:
        uses.append(Use(headline.font, s.headline, (s.source.path, 2)))
        uses.append(Use(sline.font, speaker_lines[s.key], (s.source.path, 3)))
        uses.append(Use(section.font, s.section, (meeting.source.path, None)))
    point = layout.styles.get(layout.point_style)
    for para, style in _paragraphs(meeting, layout):
        for text, role, _size, _bold in _char_roles(para, style, point, point_re):
            uses.append(Use(role, text, (para.source.path, para.source.line)))
    if "continued" in layout.styles:
        uses.append(Use(layout.style("continued").font, extra + DIGITS, lay))
    return uses


def _paragraphs(meeting: Meeting, layout: Layout):
    lead = layout.style(layout.lead_style) if layout.lead_style in layout.styles else layout.style(layout.body_style)
    body = layout.style(layout.body_style)
    if not _lead_in_header(layout):
        for p in meeting.lead:
            yield p, _role(layout, p, lead)
    for s in meeting.speakers:
        for p in s.paragraphs:
            yield p, _role(layout, p, body)


def _role(layout: Layout, p: Paragraph, default: Style) -> Style:
    """The style of a printed-only paragraph (credit, attribution, 编者按) when the layout has one."""
    return layout.style(role_style(layout.styles, p.role, default.name))


def _section_style(layout: Layout) -> str:
    return SECTION_STYLE if SECTION_STYLE in layout.styles else layout.speaker.headline_style


def _typeset(cx: _Ctx, para: Paragraph, style: Style, measure: float | None = None,
             points: bool = True) -> list[Line]:
    """Break one paragraph in its style: in the column, or across `measure` (the 通栏 lead).
    points: the “一是……。” lead of the paragraph is set in the layout's point style."""
    point = cx.layout.styles.get(cx.layout.point_style) if points else None
    runs = []
    for text, role, size, bold in _char_roles(para, style, point, cx.point_re):
        runs.extend(cx.book.runs(text, role, size, bold))
    ps = ParaStyle(measure=measure or cx.measure, indent=style.indent * style.size, kinsoku=cx.layout.kinsoku,
                   han_latin_space=cx.layout.han_latin_space,
                   halfwidth_opening_at_line_start=cx.layout.opening_halfwidth_at_line_start, align=style.align)
    return break_paragraph(runs, ps)


# --- header zone (版头, 引题, 主题, 副题, 署名) ----------------------------------

def _header(cx: _Ctx, pg: PageBox, header_texts) -> float:
    page = cx.layout.page
    y = page.top
    width = page.type_width
    for texts, it in header_texts:
        if not any(texts.values()):
            continue
        st = cx.layout.style(it.style)
        y += it.space_before
        if it.rule_above:
            _rule(pg, page.left, y, width, it.rule_above)
            y += it.rule_above.width + it.rule_above.gap
        if "content" in texts:
            # 导语 across the full width: justified like body text, in its own style
            size, leading = st.size, st.leading
            lines = [ln for p in cx.meeting.lead for ln in _typeset(cx, p, st, measure=width, points=False)]
        elif "template" in texts:
            size, lines = fit_heading(cx.book, st.font, texts["template"], st.size, st.min_size, st.max_lines,
                                      width, st.align, st.tracking)
            leading = st.leading * size / st.size
        else:
            size, leading = st.size, max(st.leading, st.size * 1.3)
            lines = [_strip(cx, st, texts, width)]
        top = y
        for ln in lines:
            pg.items.append(TextLine(page.left, baseline_in(y, leading, size), ln.glyphs, st.color, role=it.style))
            y += leading
        if it.fill:
            pg.items.insert(0, Fill(page.left, top, width, y - top, it.fill))
        if it.rule_below:
            y += it.rule_below.gap
            _rule(pg, page.left, y, width, it.rule_below)
            y += it.rule_below.width * (3 if it.rule_below.double else 1)
        y += it.space_after
    return y


def _strip(cx: _Ctx, st: Style, texts: dict, width: float) -> Line:
    """A strip (版头, folio line): left, centre and right parts on one baseline."""
    parts = [set_line(cx.book, st.font, texts[k], st.size, width, k)
             for k in ("left", "center", "right") if texts.get(k)]
    return Line([g for ln in parts for g in ln.glyphs], max((ln.width for ln in parts), default=0), True, False)


def _rule(pg: PageBox, x: float, y: float, width: float, spec) -> None:
    pg.items.append(Rule(x, y, x + width, y, spec.width, spec.color))
    if spec.double:
        pg.items.append(Rule(x, y + spec.width * 2.5, x + width, y + spec.width * 2.5, spec.width / 3, spec.color))


def _text_line(cx: _Ctx, pg: PageBox, text: str, st: Style, x: float, top: float, align: str, role: str):
    ln = set_line(cx.book, st.font, text, st.size, cx.measure, align)
    pg.items.append(TextLine(x, baseline_in(top, cx.lead, st.size), ln.glyphs, st.color, role=role))


def _footer(cx: _Ctx, pg: PageBox, ctx: dict) -> None:
    page = cx.layout.page
    y = page.height - page.bottom + 4
    for it in cx.layout.footer:
        texts = _item_texts(cx.tpl, it, ctx)
        if not any(texts.values()):
            continue
        st = cx.layout.style(it.style)
        if "template" in texts:
            align = st.align if st.align != "justify" else "left"
            if align == "outside":
                # GB/T 9704: odd pages right, even pages left, one character in from the edge
                align = "right" if pg.number % 2 else "left"
                text = texts["template"]
                texts["template"] = text + "\u3000" if align == "right" else "\u3000" + text
            ln = set_line(cx.book, st.font, texts["template"], st.size, page.type_width, align)
        else:
            ln = _strip(cx, st, texts, page.type_width)
        pg.items.append(TextLine(page.left, baseline_in(y, st.leading, st.size), ln.glyphs, st.color, role=it.style))
        y += st.leading


# --- body zone blocks ------------------------------------------------------------

def _blocks(cx: _Ctx, speaker_lines, end_texts) -> tuple[list[Block], dict]:
    lay = cx.layout
    blocks: list[Block] = []
    fits: dict[str, tuple[str, int]] = {}
    lead_style = lay.style(lay.lead_style) if lay.lead_style in lay.styles else lay.style(lay.body_style)
    body = lay.style(lay.body_style)
    in_flow = cx.meeting.lead if not _lead_in_header(lay) else ()
    for p in in_flow:
        blocks.append(_para_block(cx, p, _role(lay, p, lead_style), "lead"))
    if in_flow:
        fits["lead"] = ("导语", sum(len(p.text) for p in cx.meeting.lead))
    for i, s in enumerate(cx.meeting.speakers):
        # A speaker named inside the text ("姓名委员：……", "——姓名委员") under no new
        # heading runs on like the next paragraph: no group, no separator.
        bare = not (s.headline or speaker_lines[s.key] or s.section or s.portrait)
        if (i or in_flow) and not bare:
            blocks.append(_separator(cx, s.key))
        if not bare:
            blocks.append(_speaker_group(cx, s, speaker_lines[s.key]))
        for p in s.paragraphs:
            blocks.append(_para_block(cx, p, _role(lay, p, body), s.key))
        fits[s.key] = (f"{s.name}（{s.position}）", sum(len(p.text) for p in s.paragraphs))
    for texts, it in end_texts:
        if any(texts.values()):
            blocks.append(_end_block(cx, texts, it))
            fits.setdefault("end", ("版记", 0))
    return blocks, fits


def _para_block(cx: _Ctx, p: Paragraph, style: Style, owner: str) -> Block:
    lines = _typeset(cx, p, style)

    def draw(pg, x, top, start, end):
        for k, ln in enumerate(lines[start:end]):
            pg.items.append(TextLine(x, baseline_in(top + k * cx.lead, cx.lead, style.size), ln.glyphs,
                                     style.color, role="lead" if owner == "lead" else "body",
                                     last=ln.last, measure=cx.measure))
    b = Block(lines=len(lines), owner=owner, payload=draw, splittable=True)
    b.loose = sum(1 for ln in lines if getattr(ln, "loose", False))  # type: ignore[attr-defined]
    return b


def _separator(cx: _Ctx, owner: str) -> Block:
    sp = cx.layout.speaker
    n = sp.separator_lines
    hs = cx.layout.style(sp.headline_style)
    n += int(hs.space_before)

    def draw(pg, x, top, start, end):
        if sp.separator:
            y = top + (n * cx.lead) / 2
            pg.items.append(Rule(x, y, x + cx.measure, y, sp.separator.width, sp.separator.color))
    return Block(lines=n, owner=owner, payload=draw, space=True)


def _speaker_group(cx: _Ctx, s: Speaker, line_text: str) -> Block:
    """小标题 + 照片 + 职务姓名: one unsplittable block a whole number of grid lines tall."""
    lay = cx.layout
    sp = lay.speaker
    hs = lay.style(sp.headline_style)
    ls = lay.style(sp.line_style)
    hsize, hlines = fit_heading(cx.book, hs.font, s.headline, hs.size, hs.min_size, hs.max_lines,
                                cx.measure, "center" if hs.align == "justify" else hs.align, hs.tracking)
    hlead = hs.leading * hsize / hs.size
    ssize, slines = fit_heading(cx.book, ls.font, line_text, ls.size, ls.min_size, ls.max_lines, cx.measure,
                                "center" if ls.align == "justify" else ls.align) if line_text else (ls.size, [])
    sec = _section_lines(cx, s)
    # Headlines set on the grid's own leading sit on grid lines (no padding); others
    # get a little air above and below and are centred in the lines they take.
    on_grid = abs(hlead - cx.lead) < 0.01
    pad = 0.0 if on_grid else 0.3 * hs.size
    head_h = len(hlines) * hlead + 2 * pad if hlines else 0.0
    pic_h = sp.portrait_lines * cx.lead if s.portrait else 0.0
    speaker_h = len(slines) * ls.leading
    sec_h = sum(lead for _, _, lead, _ in sec)
    total = sec_h + head_h + pic_h + speaker_h
    n = math.ceil(total / cx.lead - 1e-6)
    exact = on_grid and abs(ls.leading - cx.lead) < 0.01
    image = portraits.prepare(s, sp.portrait_width * cx.measure, pic_h - 0.3 * cx.lead) if s.portrait else None

    def draw(pg, x, top, start, end):
        # 撑版 may have given the block more lines than it needs: centre it in them
        slack = 0.0 if exact and block.lines == n else block.lines * cx.lead - total
        y = top + slack / 2
        for ln, st, lead, size in sec:
            pg.items.append(TextLine(x, baseline_in(y, lead, size), ln.glyphs, st.color, role="section"))
            y += lead
        if sp.headline_fill and hlines:
            pg.items.append(Fill(x, y, cx.measure, head_h, sp.headline_fill))
        yy = y + pad
        for ln in hlines:
            pg.items.append(TextLine(x, baseline_in(yy, hlead, hsize), ln.glyphs, hs.color, role="headline"))
            yy += hlead
        yy = y + head_h
        if image:
            w, h, crop = image
            pg.items.append(Picture(s.portrait, x + (cx.measure - w) / 2, yy + 0.15 * cx.lead, w, h, crop,
                                    source=(s.portrait_source.path, s.portrait_source.line)))
            yy += pic_h
        for ln in slines:
            pg.items.append(TextLine(x, baseline_in(yy, ls.leading, ssize), ln.glyphs, ls.color, role="speaker"))
            yy += ls.leading
    block = Block(lines=max(n, 1), owner=s.key, payload=draw, keep_with_next=2)
    block.natural = block.lines  # type: ignore[attr-defined]
    return block


def _section_lines(cx: _Ctx, s: Speaker) -> list:
    """A topic heading over this and the next speakers: (line, style, leading, size) each,
    kept in the speaker's unsplittable group so it never stands alone at a column foot (背题)."""
    if not s.section:
        return []
    st = cx.layout.style(_section_style(cx.layout))
    size, lines = fit_heading(cx.book, st.font, s.section, st.size, st.min_size, st.max_lines, cx.measure,
                              "center" if st.align == "justify" else st.align, st.tracking)
    lead = max(st.leading * size / st.size, cx.lead)
    return [(ln, st, lead, size) for ln in lines]


def _end_block(cx: _Ctx, texts: dict, it: Item) -> Block:
    st = cx.layout.style(it.style)
    lines = []
    for t in (texts.get("template") or "").split("\n"):
        if t.strip():
            _, ls = fit_heading(cx.book, st.font, t.strip(), st.size, None, None, cx.measure,
                                st.align if st.align != "justify" else "left")
            lines += ls
    h = len(lines) * st.leading + it.space_before + it.space_after
    n = math.ceil(h / cx.lead - 1e-6)

    def draw(pg, x, top, start, end):
        y = top + it.space_before
        if it.rule_above:
            pg.items.append(Rule(x, y, x + cx.measure, y, it.rule_above.width, it.rule_above.color))
        for ln in lines:
            pg.items.append(TextLine(x, baseline_in(y, st.leading, st.size), ln.glyphs, st.color, role=it.style))
            y += st.leading
        if it.rule_below:
            pg.items.append(Rule(x, y, x + cx.measure, y, it.rule_below.width, it.rule_below.color))
    return Block(lines=n, owner="end", payload=draw)


def _region(piece: Piece, x: float, top: float, measure: float, lead: float) -> Region:
    b = piece.block
    kind = "space" if b.space else "end" if b.owner == "end" else "text" if b.splittable else "head"
    n = piece.end - piece.start
    return Region(b.owner, kind, piece.column, piece.row, n, x, top, measure, n * lead)


# --- copyfit ------------------------------------------------------------------

def _fill_report(report: Report, meeting: Meeting, blocks: list[Block], unplaced: dict, fits: dict) -> None:
    lines: dict[str, int] = {}
    for b in blocks:
        lines[b.owner] = lines.get(b.owner, 0) + getattr(b, "natural", b.lines)
        report.loose_lines += getattr(b, "loose", 0)
    fixed = sum(v for k, v in lines.items() if k in ("lead", "end"))
    n = len(meeting.speakers) or 1
    share = (report.capacity * report.pages - fixed) / n if not report.continues else None
    for key, (label, chars) in fits.items():
        total = lines.get(key, 0)
        alloc = share if share is not None and key not in ("lead", "end") else total
        report.blocks.append(BlockFit(key, label, chars, total, total - unplaced.get(key, 0), alloc))
    if report.continues:
        report.capacity = report.used + report.unplaced
