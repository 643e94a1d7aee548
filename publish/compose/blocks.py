"""The body zone's blocks for one trial setting: paragraphs, speaker groups, separators, 版记.

Each block carries typed content: what the paint stage (paint_blocks.py) draws for it.
Line breaks of the text do not depend on leading, headline size or spacing, so a fitting
trial only rebuilds these light blocks; paragraphs are broken once per body size
(collect.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..layout.spec import Item, RuleSpec, Style
from ..typeset.types import Line
from .flow import Block
from .metrics import GRID_TOLERANCE, HEADLINE_PAD, PORTRAIT_INSET, whole_lines


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


@dataclass(frozen=True)
class SectionParts:
    """A topic heading set above a speaker's headline."""

    style: Style
    size: float
    leading: float
    lines: list[Line]


@dataclass(frozen=True)
class GroupParts:
    """What a speaker group is made of at one setting."""

    head: list[str]  # headline lines (breaking.py)
    head_size: float
    head_leading: float
    names: list[str]  # position / name lines
    name_size: float
    name_leading: float
    section: SectionParts | None = None  # a topic heading above the headline


@dataclass(frozen=True)
class Portrait:
    path: Path
    where: tuple[str, int | None]  # the content line naming it
    w: float  # frame, pt
    h: float
    crop: tuple[int, int, int, int]  # pixel box of the image shown in the frame


@dataclass(frozen=True)
class TextContent:
    """Lines of a paragraph (the lead's or a speech's)."""

    lines: list[Line]
    style: Style
    role: str  # "lead" or "body": which element, for checks


@dataclass(frozen=True)
class SpaceContent:
    """The space between two speakers, with the layout's rule centred in it."""

    rule: RuleSpec | None


@dataclass(frozen=True)
class GroupContent:
    """小标题 + 照片 + 职务姓名, measured: drawn centred in the lines the flow gives it."""

    parts: GroupParts
    headline: Style
    line: Style
    fill: str | None  # colour shading the headline (speaker.headline_fill)
    head_h: float  # headline lines and their pads
    pad: float  # above and below a headline off the body's grid
    pic_h: float  # portrait frame, whole grid lines
    name_h: float
    total: float  # the group's height, pt
    lines: int  # grid lines it takes at least
    portrait: Portrait | None


@dataclass(frozen=True)
class EndContent:
    """版记: lines between the item's rules, at the foot of the lines it takes."""

    lines: list[Line]
    style: Style
    item: Item
    height: float


Content = TextContent | SpaceContent | GroupContent | EndContent


def para_block(lines: list[Line], style: Style, owner: str) -> Block:
    content = TextContent(lines, style, "lead" if owner == "lead" else "body")
    loose = sum(1 for ln in lines if ln.loose)
    return Block(lines=len(lines), owner=owner, content=content, splittable=True, loose=loose)


def separator_block(st: Setting, rule: RuleSpec | None, owner: str) -> Block:
    return Block(lines=st.space, owner=owner, content=SpaceContent(rule), space=True, lo=st.space_lo, hi=st.space_hi)


def _pad(parts: GroupParts, lead: float) -> float:
    """Air above and below a headline whose leading is off the body's grid."""
    on_grid = abs(parts.head_leading - lead) < GRID_TOLERANCE
    return 0.0 if on_grid or not parts.head else HEADLINE_PAD * parts.head_size


def _heights(parts: GroupParts, st: Setting, lead: float, portrait: bool) -> tuple[float, float, float, float]:
    """(section, headline with pads, portrait, name lines) heights of a group, pt."""
    sec_h = len(parts.section.lines) * parts.section.leading if parts.section else 0.0
    head_h = len(parts.head) * parts.head_leading + 2 * _pad(parts, lead)
    pic_h = st.portrait_lines * lead if portrait else 0.0
    return sec_h, head_h, pic_h, len(parts.names) * parts.name_leading


def group_lines(parts: GroupParts, st: Setting, lead: float, portrait: bool) -> int:
    """Grid lines a speaker group takes (the same sum group_block measures)."""
    return max(1, whole_lines(sum(_heights(parts, st, lead, portrait)), lead))


def group_block(
    owner: str,
    parts: GroupParts,
    styles: tuple[Style, Style],
    fill: str | None,
    st: Setting,
    portrait: Portrait | None,
    keep: int,
) -> Block:
    """小标题 + 照片 + 职务姓名: one unsplittable block a whole number of grid lines tall,
    kept with `keep` lines of the text below it; it may take air up to st.air_hi lines."""
    lead = st.leading
    sec_h, head_h, pic_h, name_h = _heights(parts, st, lead, portrait is not None)
    total = sec_h + head_h + pic_h + name_h
    n = max(1, whole_lines(total, lead))
    content = GroupContent(
        parts, styles[0], styles[1], fill, head_h, _pad(parts, lead), pic_h, name_h, total, n, portrait
    )
    return Block(lines=n, owner=owner, content=content, keep_with_next=keep, lo=n, hi=n + st.air_hi)


def portrait_frame(frame_w: float, pic_h: float, lead: float) -> tuple[float, float]:
    """The portrait's frame in its grid lines: inset top and bottom."""
    return frame_w, pic_h - 2 * PORTRAIT_INSET * lead


def end_block(lines: list[Line], st: Style, it: Item, lead: float) -> Block:
    """版记 and the like: rules above and below, kept whole."""
    h = len(lines) * st.leading + it.space_before + it.space_after
    n = whole_lines(h, lead)
    return Block(lines=n, owner="end", content=EndContent(lines, st, it, h))


__all__ = [
    "Content",
    "EndContent",
    "GroupContent",
    "GroupParts",
    "Portrait",
    "SectionParts",
    "Setting",
    "SpaceContent",
    "TextContent",
    "end_block",
    "group_block",
    "group_lines",
    "para_block",
    "separator_block",
]
