"""Stage 1 of compose — configure: the fonts prepared for every character the plan sets,
the column geometry at a body size, the layout's nominal setting (where the fitting search
starts), and the 小标题 no size can fit (the editor's to shorten, before any trial)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..errors import InputError, Problem
from ..layout.spec import Layout
from ..plan import Plan, SpeakerGroup
from ..sourcefile import first_line
from .blocks import Setting
from .fontbook import FontBook
from .headings import common_size, heading_lines
from .metrics import FLOOR_TOLERANCE


@dataclass(frozen=True)
class Geometry:
    columns: int
    measure: float  # column width: a whole number of characters
    gutter: float  # as the layout specifies
    x0: float  # left edge of the column block (centred in the margins)
    width: float  # columns and gutters
    pitch: float  # advance of a full-width character in the body


@dataclass
class Config:
    """What every later stage reads: the plan, the layout, the prepared fonts."""

    plan: Plan
    layout: Layout
    book: FontBook
    nominal: Setting = field(init=False)
    _geometry: dict[float, Geometry] = field(default_factory=dict, init=False, repr=False)

    @property
    def groups(self) -> tuple[SpeakerGroup, ...]:
        return self.plan.groups

    def geometry(self, size: float) -> Geometry:
        """The columns at a body size: a whole number of characters wide, the gutters
        taking the rest (or the layout's character grid, fit.body_chars)."""
        if size not in self._geometry:
            self._geometry[size] = _geometry(self.layout, size)
        return self._geometry[size]

    def measure(self, size: float) -> float:
        return self.geometry(size).measure


def _geometry(lay: Layout, size: float) -> Geometry:
    page, grid, fs = lay.page, lay.grid, lay.fit
    cols = grid.columns
    tw = page.type_width
    column = (tw - (cols - 1) * grid.gutter) / cols
    if fs.body_chars:
        return Geometry(cols, column, grid.gutter, page.left, tw, column / fs.body_chars)
    chars = math.floor(column / size + FLOOR_TOLERANCE)
    measure = chars * size
    width = cols * measure + (cols - 1) * grid.gutter
    return Geometry(cols, measure, grid.gutter, page.left + (tw - width) / 2, width, size)


def configure(plan: Plan, layout: Layout, cores: int | None = None) -> Config:
    """cores: processes a cold glyph store is filled on (None: every core)."""
    book = FontBook(layout.fonts, str(layout.source), layout.font_fallbacks, cores)
    book.prepare(plan.uses)
    cfg = Config(plan, layout, book)
    cfg.nominal = _nominal(cfg)
    _check_headlines(cfg)
    return cfg


def _nominal(cfg: Config) -> Setting:
    """The layout's own values: its leading (or the type height in fit.body_lines lines),
    body size, one 小标题 size and one name-line size for the whole page."""
    lay, book = cfg.layout, cfg.book
    sp, fs = lay.speaker, lay.fit
    body = lay.style(lay.body_style)
    lead = lay.page.type_height / fs.body_lines if fs.body_lines else lay.grid.leading
    hs, ls = lay.style(sp.headline_style), lay.style(sp.line_style)
    measure = cfg.measure(body.size)
    heads = [g.headline for g in cfg.groups]
    hsize, _ = common_size(book, hs.font, heads, hs.size, hs.min_size, hs.max_lines, measure, protect=cfg.plan.names)
    names = [g.name_line for g in cfg.groups]
    lsize, _ = common_size(
        book, ls.font, names, ls.size, ls.min_size, ls.max_lines, measure, kind="position", protect=cfg.plan.names
    )
    # The separator at the layout's value, no range and no air: the search widens them.
    s = sp.separator_lines + int(hs.space_before)
    return Setting(lead, body.size, hsize, lsize, sp.portrait_lines, space=s, space_lo=s, space_hi=s, air_hi=0)


def unfit_headlines(cfg: Config) -> list[SpeakerGroup]:
    """Speakers whose 小标题 fits max_lines at no size the layout allows."""
    hs = cfg.layout.style(cfg.layout.speaker.headline_style)
    m = cfg.measure(cfg.nominal.body_size)
    low = hs.min_size or hs.size
    return [
        g
        for g in cfg.groups
        if g.headline.strip()
        and heading_lines(cfg.book, hs.font, g.headline, low, m, hs.max_lines, hs.tracking, protect=cfg.plan.names)
        is None
    ]


def _check_headlines(cfg: Config) -> None:
    bad = unfit_headlines(cfg)
    if bad:
        hs = cfg.layout.style(cfg.layout.speaker.headline_style)
        raise InputError(
            [
                Problem(
                    g.source.path,
                    first_line(g.source.path, "headline:"),
                    f"小标题“{g.headline}”在栏宽内排不进 {hs.max_lines} 行"
                    f"（已缩到 {hs.min_size or hs.size:g}pt，且只在词与词之间转行）。"
                    "请删减几个字，或在词组之间加空格指明转行处。",
                )
                for g in bad
            ]
        )
