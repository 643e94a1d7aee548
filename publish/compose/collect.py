"""Stage 2 of compose — collect: the plan's body nodes as blocks for one trial setting.

What the fitting search reuses between trials is kept here: paragraphs broken once per
body size (text.py), headlines and name lines once per size, topic headings once per
measure and leading, portraits once per frame."""

from __future__ import annotations

from dataclasses import dataclass

from ..layout.spec import Style
from ..plan import EndMatter, Para, Separator, SpeakerGroup
from ..typeset.types import Line
from . import portrait as portraits
from .blocks import (
    GroupParts,
    Portrait,
    SectionParts,
    Setting,
    end_block,
    group_block,
    group_lines,
    para_block,
    portrait_frame,
    separator_block,
)
from .configure import Config
from .flow import Block
from .headings import fit_heading, heading_lines, set_line
from .metrics import GRID_TOLERANCE
from .text import Texts


@dataclass(frozen=True)
class Estimate:
    """A trial's needs from cached line counts alone (most trials of the search end here)."""

    lines: int  # lines the content needs
    separators: int  # spaces between speakers
    groups: int  # headline groups (each may take air)


class Collector:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.texts = Texts(cfg)
        self._heads: dict[tuple[float, float], dict[str, list[str]] | None] = {}
        self._names: dict[tuple[float, float], dict[str, list[str]]] = {}
        self._sections: dict[tuple[str, float, float], SectionParts | None] = {}
        self._portraits: dict[tuple[str, float, float], Portrait] = {}

    # --- headlines and name lines -------------------------------------------------

    def heads(self, size: float, body_size: float) -> dict[str, list[str]] | None:
        """Every speaker's headline lines at this size, or None if one exceeds max_lines."""
        key = (size, body_size)
        if key not in self._heads:
            cfg = self.cfg
            hs = cfg.layout.style(cfg.layout.speaker.headline_style)
            m = cfg.measure(body_size)
            heads: dict[str, list[str]] = {}
            out: dict[str, list[str]] | None = heads
            for s in cfg.groups:
                lines = (
                    heading_lines(
                        cfg.book, hs.font, s.headline, size, m, hs.max_lines, hs.tracking, protect=cfg.plan.names
                    )
                    if s.headline.strip()
                    else []
                )
                if lines is None:  # this size cannot hold every headline
                    out = None
                    break
                heads[s.key] = lines
            self._heads[key] = out
        return self._heads[key]

    def names(self, size: float, body_size: float) -> dict[str, list[str]]:
        """Every speaker's name line broken at this size (over max_lines rather than not at all)."""
        key = (size, body_size)
        if key not in self._names:
            cfg = self.cfg
            ls = cfg.layout.style(cfg.layout.speaker.line_style)
            m = cfg.measure(body_size)
            out = {}
            for g in cfg.groups:
                text, protect = g.name_line, cfg.plan.names
                out[g.key] = (
                    heading_lines(cfg.book, ls.font, text, size, m, ls.max_lines, kind="position", protect=protect)
                    or heading_lines(cfg.book, ls.font, text, size, m, None, kind="position", protect=protect)
                    or [text]
                )
            self._names[key] = out
        return self._names[key]

    # --- one trial ------------------------------------------------------------------

    def estimate(self, st: Setting) -> Estimate | None:
        heads = self.heads(st.headline_size, st.body_size)
        if heads is None:
            return None
        need = self.texts.line_count(st.body_size)
        names = self.names(st.line_size, st.body_size)
        measure = self.cfg.measure(st.body_size)
        groups = [g for g in self.cfg.groups if not g.empty]
        for g in groups:
            gp = self.group_parts(g, st, heads, names, measure)
            need += group_lines(gp, st, st.leading, bool(g.portrait))
        nsep = sum(1 for n in self.cfg.plan.body if isinstance(n, Separator))
        return Estimate(need, nsep, len(groups))

    def blocks(self, st: Setting) -> list[Block] | None:
        """The plan's body nodes, in order, as blocks at this setting."""
        lay = self.cfg.layout
        heads = self.heads(st.headline_size, st.body_size)
        if heads is None:
            return None
        names = self.names(st.line_size, st.body_size)
        measure = self.cfg.measure(st.body_size)
        blocks: list[Block] = []
        paras = iter(self.texts.paragraphs(st.body_size))
        for node in self.cfg.plan.body:
            if isinstance(node, Para):
                p = next(paras)
                blocks.append(para_block(p.lines, p.style, p.owner))
            elif isinstance(node, Separator):
                blocks.append(separator_block(st, lay.speaker.separator, node.owner))
            elif isinstance(node, SpeakerGroup) and not node.empty:
                blocks.append(self._group_block(node, st, heads, names, measure))
            elif isinstance(node, EndMatter):
                blocks.append(end_block(self.end_lines(node, measure), lay.style(node.style), node.item, st.leading))
        return blocks

    def _group_block(self, g: SpeakerGroup, st: Setting, heads: dict, names: dict, measure: float) -> Block:
        lay = self.cfg.layout
        sp = lay.speaker
        gp = self.group_parts(g, st, heads, names, measure)
        styles = (lay.style(sp.headline_style), lay.style(sp.line_style))
        picture = None
        if g.portrait:
            picture = self._portrait(g, sp.portrait_width * measure, st.portrait_lines * st.leading, st.leading)
        return group_block(g.key, gp, styles, sp.headline_fill, st, picture, lay.fit.min_body_lines)

    def _portrait(self, g: SpeakerGroup, width: float, pic_h: float, lead: float) -> Portrait:
        """The portrait cropped to its frame (read once per frame size)."""
        assert g.portrait is not None  # called for speakers with a portrait only
        w, h = portrait_frame(width, pic_h, lead)
        key = (str(g.portrait), w, h)
        if key not in self._portraits:
            fw, fh, crop = portraits.prepare(g.portrait, g.portrait_where, w, h)
            self._portraits[key] = Portrait(g.portrait, g.portrait_where, fw, fh, crop)
        return self._portraits[key]

    def group_parts(self, s: SpeakerGroup, st: Setting, heads: dict, names: dict, measure: float) -> GroupParts:
        """One speaker's 小标题 group at a setting: the same parts for the estimate and the blocks."""
        lay = self.cfg.layout
        hs, ls = lay.style(lay.speaker.headline_style), lay.style(lay.speaker.line_style)
        lead = st.leading
        key = (s.key, measure, lead)
        if key not in self._sections:  # the topic heading is set once per measure and leading
            self._sections[key] = self.section_parts(s, measure, lead)
        return GroupParts(
            heads[s.key],
            st.headline_size,
            self._follow(hs.leading, st.headline_size, hs.size, lead),
            names[s.key] if s.name_line else [],
            st.line_size,
            self._follow(ls.leading, st.line_size, ls.size, lead),
            self._sections[key],
        )

    def _follow(self, leading: float, size: float, base: float, lead: float) -> float:
        """A style on the body grid keeps the trial's leading; others scale with their size."""
        return lead if abs(leading - self.cfg.layout.grid.leading) < GRID_TOLERANCE else leading * size / base

    def section_parts(self, s: SpeakerGroup, measure: float, lead: float) -> SectionParts | None:
        """A topic heading over this and the next speakers, kept in the speaker's group (no 背题)."""
        if s.section is None:
            return None
        st = self.cfg.layout.style(s.section.style)
        align = "center" if st.align == "justify" else st.align
        size, lines = fit_heading(
            self.cfg.book, st.font, s.section.text, st.size, st.min_size, st.max_lines, measure, align, st.tracking
        )
        return SectionParts(st, size, max(st.leading * size / st.size, lead), lines)

    def end_lines(self, end: EndMatter, measure: float) -> list[Line]:
        st: Style = self.cfg.layout.style(end.style)
        book = self.cfg.book
        out = []
        for t in end.lines:
            if "\t" in t:
                # 版记: 印发机关 flush left, 印发日期 flush right, one character in from each edge
                left, right = (x.strip() for x in t.split("\t", 1))
                a = set_line(book, st.font, "\u3000" + left, st.size, measure, "left")
                b = set_line(book, st.font, right + "\u3000", st.size, measure, "right")
                out.append(Line(a.glyphs + b.glyphs, measure, True, False))
                continue
            align = st.align if st.align != "justify" else "left"
            _, ls = fit_heading(book, st.font, "\u3000" + t.strip(), st.size, None, None, measure, align)
            out += ls
        return out
