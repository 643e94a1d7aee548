"""The `page:` and `grid:` sections of a layout: trim, bleed, margins, overflow; columns and
the baseline grid."""

from __future__ import annotations

from dataclasses import dataclass

from ..sourcefile import LocDict
from .check import Checker, key
from .enums import Overflow
from .styles import RuleSpec
from .units import MM, UnitError, length


def _trim(ck: Checker, d: LocDict, name: str, ctx: dict, values: dict) -> tuple[float, float]:
    trim = d.get(name)
    if isinstance(trim, list) and len(trim) == 2:
        try:
            return length(trim[0]), length(trim[1])
        except UnitError as e:
            ck.err(d.line_of(name), f"trim：{e}。")
    elif trim is not None:
        ck.err(d.line_of(name), "trim（成品尺寸）应写成 [宽, 高]，例如 [390mm, 540mm]。")
    return 0.0, 0.0


_SIDES = {"top": "上", "right": "右", "bottom": "下", "left": "左"}


def _margins(ck: Checker, d: LocDict, name: str, ctx: dict, values: dict) -> list[float]:
    m = d.get(name, 36)
    if isinstance(m, LocDict):
        ck.keys(m, _SIDES, set(_SIDES), name)
        return [ck.length(m, k, 36.0) for k in _SIDES]
    try:
        return [length(m)] * 4
    except UnitError as e:
        ck.err(d.line_of(name), f"margins：{e}。")
        return [36.0] * 4


@dataclass(frozen=True, kw_only=True)
class Page:
    width: float = key(
        "成品尺寸",
        "finished page size [width, height]",
        "custom",
        required=True,
        yaml="trim",
        parse=_trim,
        sets=("width", "height"),
        value="[length, length]",
        example="[390mm, 540mm]",
    )
    height: float = 0.0
    bleed: float = key("出血", "bleed around the trim", "length", default_of=lambda v: 3 * MM, shows="`3mm`")
    top: float = key(
        "版心边距",
        "type area margins: one length, or {top, right, bottom, left}",
        "custom",
        yaml="margins",
        parse=_margins,
        sets=("top", "right", "bottom", "left"),
        shows="`36pt`",
        value="length or mapping",
        example="{top: 18mm, right: 20mm, bottom: 20mm, left: 20mm}",
    )
    right: float = 0.0
    bottom: float = 0.0
    left: float = 0.0
    overflow: Overflow = key(
        "超版处理",
        "text over the page: fail with a copyfit report, or 转版 onto further pages",
        "enum",
        choices=Overflow,
        default=Overflow.ERROR,
    )
    max_pages: int = key(
        "最多页数",
        "pages the text may take",
        "number",
        lo=1,
        hi=999,
        integer=True,
        default=1,
        default_of=lambda v: 1 if v["overflow"] == Overflow.ERROR else 20,
        shows="`1` (`20` with `overflow: continue`)",
    )
    folio_gap: float = key(
        "页码距版心", "from the type area's foot to the top of the folio line (GB/T 9704: 7mm)", "length", default=4.0
    )

    @property
    def type_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def type_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class Grid:
    columns: int = key(
        "栏数",
        "body columns (set to a whole number of characters; the gutter takes the rest)",
        "number",
        lo=1,
        hi=20,
        integer=True,
        required=True,
        default=1,
    )
    gutter: float = key("栏距", "space between columns", "length", default=12.0)
    leading: float = key(
        "行距",
        "the baseline grid: every body line, every heading block in whole lines",
        "length",
        required=True,
        default=15.0,
    )
    column_rule: RuleSpec | None = key("栏线", "rule between columns", "rule", cls=RuleSpec, default=None)
    head_columns: int | None = key(
        "导语栏数",
        "at least the page's columns: the 导语 set across the page under the header (as an item `content: lead`); "
        "unset or fewer: it flows like the body",
        "number",
        lo=1,
        hi=20,
        integer=True,
        default=None,
    )
    fill_page: bool = key(
        "撑满版面",
        "撑版: spread spare lines between speaker blocks so the columns reach the foot",
        "bool",
        default=False,
    )
