"""The body zone's blocks for one trial setting: paragraphs, speaker groups, separators, 版记.

Line breaks of the text do not depend on leading, headline size or spacing, so
a fitting trial only rebuilds these light blocks; paragraphs are broken once
per body size (the caller's cache)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..layout.spec import Item, Style
from ..plan import SpeakerGroup
from ..typeset.types import Line
from . import portrait as portraits
from .boxes import Fill, Picture, Rule, TextLine
from .flow import Block
from .headings import dash_rules, set_lines


def baseline_in(top: float, lead: float, size: float) -> float:
    """Baseline of a line whose cell starts at top: the CJK em box centred in the cell."""
    return top + lead / 2 + 0.38 * size


@dataclass(frozen=True)
class Setting:
    """One trial of the fitting search (the layout's nominal values to begin with)."""

    leading: float
    body_size: float
    headline_size: float
    line_size: float
    portrait_lines: int
    space: int  # lines between speaker blocks
    space_lo: int
    space_hi: int
    air_hi: int  # most lines of air a headline group may take


def para_block(lines: list[Line], style: Style, owner: str, lead: float, measure: float) -> Block:
    role = "lead" if owner == "lead" else "body"

    def draw(pg, x, top, start, end, blk):
        for k, ln in enumerate(lines[start:end]):
            pg.items.append(
                TextLine(
                    x,
                    baseline_in(top + k * lead, lead, style.size),
                    ln.glyphs,
                    style.color,
                    role=role,
                    last=ln.last,
                    measure=measure,
                )
            )

    b = Block(lines=len(lines), owner=owner, payload=draw, splittable=True)
    b.natural = len(lines)
    b.loose = sum(1 for ln in lines if ln.loose)
    return b


def separator_block(st: Setting, rule, owner: str, lead: float, measure: float) -> Block:
    def draw(pg, x, top, start, end, blk):
        if rule:
            y = top + blk.lines * lead / 2  # centred in whatever space the fitting gave it
            pg.items.append(Rule(x, y, x + measure, y, rule.width, rule.color))

    return Block(
        lines=st.space, owner=owner, payload=draw, space=True, lo=st.space_lo, hi=st.space_hi, natural=st.space
    )


@dataclass
class GroupParts:
    """What a speaker group is made of at one setting."""

    head: list[str]  # headline lines (breaking.py)
    head_size: float
    head_leading: float
    names: list[str]  # position / name lines
    name_size: float
    name_leading: float
    section: tuple | None = None  # (style, size, leading, lines) of a topic heading above the headline


def group_lines(parts: GroupParts, st: Setting, lead: float, portrait: bool) -> int:
    """Grid lines a speaker group takes (the same sum group_block draws)."""
    on_grid = abs(parts.head_leading - lead) < 0.01
    pad = 0.0 if on_grid or not parts.head else 0.3 * parts.head_size
    total = (
        len(parts.head) * parts.head_leading
        + 2 * pad
        + (st.portrait_lines * lead if portrait else 0.0)
        + len(parts.names) * parts.name_leading
        + (len(parts.section[3]) * parts.section[2] if parts.section else 0.0)
    )
    return max(1, math.ceil(total / lead - 1e-6))


def group_block(
    book, lay, s: SpeakerGroup, parts: GroupParts, st: Setting, lead: float, measure: float, min_body: int
) -> Block:
    """小标题 + 照片 + 职务姓名: one unsplittable block a whole number of grid lines tall."""
    sp = lay.speaker
    hs = lay.style(sp.headline_style)
    ls = lay.style(sp.line_style)
    halign = "center" if hs.align == "justify" else hs.align
    lalign = "center" if ls.align == "justify" else ls.align
    on_grid = abs(parts.head_leading - lead) < 0.01
    pad = 0.0 if on_grid or not parts.head else 0.3 * parts.head_size
    head_h = len(parts.head) * parts.head_leading + 2 * pad
    pic_h = st.portrait_lines * lead if s.portrait else 0.0
    name_h = len(parts.names) * parts.name_leading
    sec_h = len(parts.section[3]) * parts.section[2] if parts.section else 0.0
    total = sec_h + head_h + pic_h + name_h
    n = max(1, math.ceil(total / lead - 1e-6))
    image = (
        portraits.prepare(s.portrait, s.portrait_where, sp.portrait_width * measure, pic_h - 0.3 * lead)
        if s.portrait
        else None
    )

    def draw(pg, x, top, start, end, blk):
        # the fitting may have given the block more lines than it needs: centre it in them
        slack = blk.lines * lead - total
        y = top + slack / 2
        name_top = None
        if abs(parts.name_leading - lead) < 0.01 and parts.names:
            # name lines set on the body's leading sit on the grid, right above the text;
            # what is above them is centred in the lines left
            below = (blk.lines - n) // 2
            rows = blk.lines - below - len(parts.names)
            name_top = top + rows * lead
            y = top + (rows * lead - (total - name_h)) / 2
            if on_grid:
                y = top + round((y - top) / lead) * lead
        if parts.section:
            sst, ssize, slead, slines = parts.section
            for ln in slines:
                pg.items.append(TextLine(x, baseline_in(y, slead, ssize), ln.glyphs, sst.color, role="section"))
                y += slead
        if sp.headline_fill and parts.head:
            pg.items.append(Fill(x, y, measure, head_h, sp.headline_fill))
        yy = y + pad
        for ln in set_lines(book, hs.font, parts.head, parts.head_size, measure, halign, hs.tracking):
            b = baseline_in(yy, parts.head_leading, parts.head_size)
            pg.items.append(TextLine(x, b, ln.glyphs, hs.color, role="headline"))
            pg.items.extend(dash_rules(ln, x, b, hs.color))
            yy += parts.head_leading
        yy = y + head_h
        if image:
            w, h, crop = image
            pg.items.append(
                Picture(
                    s.portrait,
                    x + (measure - w) / 2,
                    yy + 0.15 * lead,
                    w,
                    h,
                    crop,
                    source=s.portrait_where,
                )
            )
            yy += pic_h
        if name_top is not None:
            yy = name_top
        for ln in set_lines(book, ls.font, parts.names, parts.name_size, measure, lalign):
            pg.items.append(
                TextLine(x, baseline_in(yy, parts.name_leading, parts.name_size), ln.glyphs, ls.color, role="speaker")
            )
            yy += parts.name_leading

    return Block(lines=n, owner=s.key, payload=draw, keep_with_next=min_body, lo=n, hi=n + st.air_hi, natural=n)


def end_block(lines: list[Line], st: Style, it: Item, lead: float, measure: float) -> Block:
    """版记 and the like: rules above and below, kept whole."""
    h = len(lines) * st.leading + it.space_before + it.space_after
    n = math.ceil(h / lead - 1e-6)

    def draw(pg, x, top, start, end, blk):
        y = top + (blk.lines * lead - h) + it.space_before  # at the foot of its lines
        if it.rule_above:
            pg.items.append(Rule(x, y, x + measure, y, it.rule_above.width, it.rule_above.color))
        for ln in lines:
            pg.items.append(TextLine(x, baseline_in(y, st.leading, st.size), ln.glyphs, st.color, role=it.style))
            y += st.leading
        if it.rule_below:
            pg.items.append(Rule(x, y, x + measure, y, it.rule_below.width, it.rule_below.color))

    return Block(lines=n, owner="end", payload=draw, natural=n)


__all__ = ["Setting", "GroupParts", "para_block", "separator_block", "group_block", "end_block", "baseline_in"]
