"""What the fitting search reuses between trials: geometry, line breaks, headline breaks.

Breaking the text is the expensive step and does not depend on leading or
spacing, so it is done once per body size; headlines once per size."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..layout.spec import Layout, Style
from ..plan import EndMatter, HeaderItem, Para, Plan, Separator, SpanRole, SpeakerGroup
from ..typeset.linebreak import break_paragraph
from ..typeset.types import Line, ParaStyle, Run
from .blocks import GroupParts, Setting, end_block, group_block, group_lines, para_block, separator_block
from .boxes import PageBox
from .flow import Block
from .fontbook import FontBook
from .headings import common_size, fit_heading, heading_lines


@dataclass(frozen=True)
class Geometry:
    columns: int
    measure: float  # column width: a whole number of characters
    gutter: float  # as the layout specifies
    x0: float  # left edge of the column block (centred in the margins)
    width: float  # columns and gutters
    pitch: float  # advance of a full-width character in the body


def char_roles(para: Para, style: Style, point: Style | None) -> list[tuple[str, str, float, bool]]:
    """Runs of (text, font role, size, bold) for a paragraph: its spans in the fonts their
    roles take in this style, neighbours that set alike joined."""
    fonts = {
        SpanRole.BODY: (style.font, style.size, False),
        SpanRole.BOLD: (style.bold_font or style.font, style.size, True),
        SpanRole.POINT: (point.font, point.size, True) if point else (style.font, style.size, False),
    }
    runs: list[tuple[str, str, float, bool]] = []
    for span in para.spans:
        r = fonts[span.role]
        if runs and runs[-1][1:] == r:
            runs[-1] = (runs[-1][0] + span.text, *r)
        else:
            runs.append((span.text, *r))
    return runs


class Parts:
    def __init__(self, plan: Plan, layout: Layout, book: FontBook):
        self.plan, self.layout, self.book = plan, layout, book
        self.cache: dict = {}
        sp = layout.speaker
        self.groups = plan.groups
        self.name_lines = {g.key: g.name_line for g in self.groups}
        self.names = plan.names
        body = layout.style(layout.body_style)
        fs = layout.fit
        page = layout.page
        lead = page.type_height / fs.body_lines if fs.body_lines else layout.grid.leading
        hs, ls = layout.style(sp.headline_style), layout.style(sp.line_style)
        texts = [g.headline for g in self.groups]
        hsize, _ = common_size(
            book, hs.font, texts, hs.size, hs.min_size, hs.max_lines, self.measure(body.size), protect=self.names
        )
        lsize, _ = common_size(
            book,
            ls.font,
            list(self.name_lines.values()),
            ls.size,
            ls.min_size,
            ls.max_lines,
            self.measure(body.size),
            kind="position",
            protect=self.names,
        )
        self.nominal = Setting(
            leading=lead,
            body_size=body.size,
            headline_size=hsize,
            line_size=lsize,
            portrait_lines=sp.portrait_lines,
            space=sp.separator_lines + int(hs.space_before),
            space_lo=sp.separator_lines + int(hs.space_before),
            space_hi=sp.separator_lines + int(hs.space_before),
            air_hi=0,
        )

    # --- geometry ---------------------------------------------------------------

    def geometry(self, size: float) -> Geometry:
        key = ("geo", size)
        if key not in self.cache:
            lay = self.layout
            page, grid, fs = lay.page, lay.grid, lay.fit
            cols = grid.columns
            tw = page.type_width
            if fs.body_chars:
                g = Geometry(
                    cols,
                    (tw - (cols - 1) * grid.gutter) / cols,
                    grid.gutter,
                    page.left,
                    tw,
                    (tw - (cols - 1) * grid.gutter) / cols / fs.body_chars,
                )
            else:
                chars = math.floor((tw - (cols - 1) * grid.gutter) / cols / size + 1e-6)
                measure = chars * size
                width = cols * measure + (cols - 1) * grid.gutter
                g = Geometry(cols, measure, grid.gutter, page.left + (tw - width) / 2, width, size)
            self.cache[key] = g
        return self.cache[key]

    def measure(self, size: float) -> float:
        return self.geometry(size).measure

    def header_height(self, items: tuple[HeaderItem, ...], zone, lead: float, body_size: float) -> float:
        key = ("head", len(items), zone.x, zone.width, lead, body_size)
        if key not in self.cache:
            from .header import header

            self.cache[key] = header(
                self.layout,
                self.book,
                PageBox(0),
                items,
                zone,
                self.layout.page.top,
                self.lead_lines,
                (lead, body_size),
            )
        return self.cache[key]

    # --- text -------------------------------------------------------------------

    def typeset(self, para: Para, style: Style, measure: float, pitch: float | None = None) -> list[Line]:
        lay = self.layout
        point = lay.styles.get(lay.point_style)
        if point is not None and abs(point.size - lay.style(lay.body_style).size) < 0.01:
            point = replace(point, size=style.size)
        runs: list[Run] = []
        for text, role, size, bold in char_roles(para, style, point):
            runs.extend(self.book.runs(text, role, size, bold))
        if pitch and abs(pitch - style.size) > 1e-6:
            # a character grid (GB/T 9704: 28 a line): every advance scaled to the pitch
            k = pitch / style.size
            runs = [replace(r, advance=(lambda f: lambda ch: f(ch) * k)(r.advance)) for r in runs]
        ps = ParaStyle(
            measure=measure,
            indent=style.indent * (pitch or style.size),
            kinsoku=lay.kinsoku,
            han_latin_space=lay.han_latin_space,
            halfwidth_opening_at_line_start=lay.opening_halfwidth_at_line_start,
            align=style.align,
        )
        lines = break_paragraph(runs, ps)
        if pitch and abs(pitch - style.size) > 1e-6:
            # glyphs keep their font's advance: the renderer must place each on the grid itself
            k = pitch / style.size
            for ln in lines:
                for g in ln.glyphs:
                    g.advance /= k
        return lines

    def lead_lines(self, style: Style, measure: float) -> list[Line]:
        """The 导语 across the header, every paragraph in the item's style (no point leads: plan)."""
        key = ("leadlines", style.name, measure)
        if key not in self.cache:
            lead = [p for h in self.plan.header for p in h.lead]
            self.cache[key] = [ln for p in lead for ln in self.typeset(p, style, measure)]
        return self.cache[key]

    def body_style(self, size: float) -> Style:
        body = self.layout.style(self.layout.body_style)
        return replace(body, size=size) if size != body.size else body

    def paragraphs(self, size: float) -> list[tuple[str, Style, list[Line]]]:
        """(owner, style, lines) of the lead (when it flows with the body) and every speech."""
        key = ("paras", size)
        if key not in self.cache:
            lay = self.layout
            g = self.geometry(size)
            body = self.body_style(size)
            lead = lay.style(lay.lead_style) if lay.lead_style in lay.styles else body
            if abs(lead.size - lay.style(lay.body_style).size) < 0.01:
                lead = replace(lead, size=size)
            out = []
            for p in self.plan.paragraphs:
                st = self.role(p, lead if p.owner == "lead" else body)
                out.append((p.owner, st, self.typeset(p, st, g.measure, g.pitch)))
            self.cache[key] = out
        return self.cache[key]

    def role(self, p: Para, default: Style) -> Style:
        """The zone's style at the trial's size, or the style of a printed-only paragraph's
        role (credit, attribution, 编者按) as the layout gives it."""
        return default if p.style == default.name else self.layout.style(p.style)

    # --- headlines ----------------------------------------------------------------

    def heads(self, size: float, body_size: float) -> dict[str, list[str]] | None:
        """Every speaker's headline lines at this size, or None if one exceeds max_lines."""
        key = ("heads", size, body_size)
        if key not in self.cache:
            hs = self.layout.style(self.layout.speaker.headline_style)
            m = self.measure(body_size)
            heads: dict[str, list[str]] = {}
            out: dict[str, list[str]] | None = heads
            for s in self.groups:
                lines = (
                    heading_lines(
                        self.book, hs.font, s.headline, size, m, hs.max_lines, hs.tracking, protect=self.names
                    )
                    if s.headline.strip()
                    else []
                )
                if lines is None:  # this size cannot hold every headline
                    out = None
                    break
                heads[s.key] = lines
            self.cache[key] = out
        return self.cache[key]

    def name_parts(self, size: float, body_size: float) -> dict[str, list[str]]:
        key = ("names", size, body_size)
        if key not in self.cache:
            ls = self.layout.style(self.layout.speaker.line_style)
            m = self.measure(body_size)
            out = {}
            for k, text in self.name_lines.items():
                out[k] = (
                    heading_lines(self.book, ls.font, text, size, m, ls.max_lines, kind="position", protect=self.names)
                    or heading_lines(self.book, ls.font, text, size, m, None, kind="position", protect=self.names)
                    or [text]
                )
            self.cache[key] = out
        return self.cache[key]

    def unfit_headlines(self) -> list[tuple[str, int | None, str]]:
        hs = self.layout.style(self.layout.speaker.headline_style)
        m = self.measure(self.nominal.body_size)
        low = hs.min_size or hs.size
        out = []
        for s in self.groups:
            if (
                s.headline.strip()
                and heading_lines(self.book, hs.font, s.headline, low, m, hs.max_lines, hs.tracking, protect=self.names)
                is None
            ):
                out.append((s.source.path, _line_of(s.source.path, "headline"), s.headline))
        return out

    # --- blocks for one trial ---------------------------------------------------------

    def estimate(self, st: Setting) -> tuple[int, int, int] | None:
        """(lines the content needs, separators, air lines it may take) at a setting, from
        cached counts alone: most trials of the search end here."""
        heads = self.heads(st.headline_size, st.body_size)
        if heads is None:
            return None
        key = ("paralines", st.body_size)
        if key not in self.cache:
            self.cache[key] = sum(len(lines) for _, _, lines in self.paragraphs(st.body_size))
        need = self.cache[key]
        names = self.name_parts(st.line_size, st.body_size)
        lead = st.leading
        measure = self.measure(st.body_size)
        nsep = sum(1 for n in self.plan.body if isinstance(n, Separator))
        groups = 0
        for s in self.groups:
            if s.empty:
                continue
            groups += 1
            gp = self.group_parts(s, st, heads, names, measure)
            need += group_lines(gp, st, lead, bool(s.portrait))
        return need, nsep, groups

    def blocks(self, st: Setting) -> list[Block] | None:
        lay = self.layout
        sp = lay.speaker
        heads = self.heads(st.headline_size, st.body_size)
        if heads is None:
            return None
        names = self.name_parts(st.line_size, st.body_size)
        g = self.geometry(st.body_size)
        lead = st.leading
        blocks: list[Block] = []
        paras = iter(self.paragraphs(st.body_size))
        for node in self.plan.body:
            if isinstance(node, Para):
                owner, style, lines = next(paras)
                blocks.append(para_block(lines, style, owner, lead, g.measure))
            elif isinstance(node, Separator):
                blocks.append(separator_block(st, sp.separator, node.owner, lead, g.measure))
            elif isinstance(node, SpeakerGroup):
                if not node.empty:
                    gp = self.group_parts(node, st, heads, names, g.measure)
                    blocks.append(group_block(self.book, lay, node, gp, st, lead, g.measure, lay.fit.min_body_lines))
            elif isinstance(node, EndMatter):
                blocks.append(
                    end_block(self.end_lines(node, g.measure), lay.style(node.style), node.item, lead, g.measure)
                )
        return blocks

    def group_parts(self, s: SpeakerGroup, st: Setting, heads: dict, names: dict, measure: float) -> GroupParts:
        """One speaker's 小标题 group at a setting: the same parts for the estimate and the blocks."""
        lay = self.layout
        hs, ls = lay.style(lay.speaker.headline_style), lay.style(lay.speaker.line_style)
        lead = st.leading

        def follow(leading, size, base):
            # A style on the body grid keeps the trial's leading; others scale with their size.
            return lead if abs(leading - lay.grid.leading) < 0.01 else leading * size / base

        key = ("sec", s.key, measure, lead)
        if key not in self.cache:  # the topic heading is set once per measure and leading
            self.cache[key] = self.section_parts(s, measure, lead)
        return GroupParts(
            heads[s.key],
            st.headline_size,
            follow(hs.leading, st.headline_size, hs.size),
            names[s.key] if self.name_lines[s.key] else [],
            st.line_size,
            follow(ls.leading, st.line_size, ls.size),
            self.cache[key],
        )

    def section_parts(self, s: SpeakerGroup, measure: float, lead: float):
        """A topic heading over this and the next speakers, kept in the speaker's group (no 背题)."""
        if s.section is None:
            return None
        st = self.layout.style(s.section.style)
        size, lines = fit_heading(
            self.book,
            st.font,
            s.section.text,
            st.size,
            st.min_size,
            st.max_lines,
            measure,
            "center" if st.align == "justify" else st.align,
            st.tracking,
        )
        return st, size, max(st.leading * size / st.size, lead), lines

    def end_lines(self, end: EndMatter, measure: float) -> list[Line]:
        from .headings import set_line

        st = self.layout.style(end.style)
        out = []
        for t in end.lines:
            if "\t" in t:
                # 版记: 印发机关 flush left, 印发日期 flush right, one character in from each edge
                left, right = (x.strip() for x in t.split("\t", 1))
                a = set_line(self.book, st.font, "\u3000" + left, st.size, measure, "left")
                b = set_line(self.book, st.font, right + "\u3000", st.size, measure, "right")
                out.append(Line(a.glyphs + b.glyphs, measure, True, False))
                continue
            align = st.align if st.align != "justify" else "left"
            _, ls = fit_heading(self.book, st.font, "\u3000" + t.strip(), st.size, None, None, measure, align)
            out += ls
        return out


def _line_of(path: str, key: str) -> int | None:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            for i, line in enumerate(f, 1):
                if line.startswith(key + ":"):
                    return i
    except OSError:
        return None
    return None
