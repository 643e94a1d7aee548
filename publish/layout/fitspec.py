"""The `fit:` section of a layout: how the page is made to come out full (撑版/缩版).

A make-up editor fills a short page or fits a long one by changing a few
things in a known order, each within limits; the layout lists them, so the
designer decides what may move and how far.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sourcefile import LocDict
from .check import Checker, key
from .units import UnitError, length

# what: (名称, how min/max are written)
ADJUSTABLE = {
    "space": ("发言之间空行", "lines"),
    "air": ("小标题上下留空", "lines"),
    "leading": ("正文行距", "length"),
    "headline": ("小标题字号", "length"),
    "body": ("正文字号", "sizes"),
    "portrait": ("照片高度", "lines"),
}
ADJUST_KEYS = {"what": "调整什么", "min": "最小", "max": "最大", "step": "步长", "sizes": "字号"}


@dataclass(frozen=True)
class Adjust:
    what: str
    lo: float = 0.0
    hi: float = 0.0
    step: float = 1.0
    sizes: tuple[float, ...] = ()

    @property
    def label(self) -> str:
        return ADJUSTABLE[self.what][0]


def _pages(ck: Checker, d: LocDict, name: str, ctx: dict, values: dict) -> int | None:
    v = d.get(name, 1)
    if v == "auto":
        return None
    if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 99:
        return v
    ck.err(d.line_of(name), f"pages 应为 1–99 的整数或 auto（按内容需要），现在是“{v}”。")
    return 1


def _adjust(ck: Checker, d: LocDict, name: str, ctx: dict, values: dict) -> tuple[Adjust, ...]:
    items = d.get(name) or []
    if not isinstance(items, list):
        ck.err(d.line_of(name), "adjust 应为列表，每项写成 {what: leading, min: 18pt, max: 23pt}。")
        return ()
    lines = getattr(items, "lines", [d.line_of(name)] * len(items))
    out = []
    for i, it in enumerate(items):
        if not isinstance(it, LocDict):
            ck.err(lines[i], "adjust 的每一项应写成 {what: …, min: …, max: …}。")
            continue
        ck.keys(it, ADJUST_KEYS, {"what"}, "adjust 项")
        what = it.get("what")
        if what not in ADJUSTABLE:
            ck.err(it.line_of("what"), f"what 只能是 {' / '.join(ADJUSTABLE)}，现在是“{what}”。")
            continue
        kind = ADJUSTABLE[what][1]
        if kind == "sizes":
            try:
                sizes = tuple(length(s) for s in (it.get("sizes") or []))
            except UnitError as e:
                ck.err(it.line_of("sizes"), f"sizes：{e}。")
                sizes = ()
            if not sizes:
                ck.err(lines[i], "body 调整需要 sizes，例如 [五号, 小四]。")
            out.append(Adjust(what, sizes=sizes))
            continue
        if kind == "length":
            lo, hi, step = ck.length(it, "min", 0.0), ck.length(it, "max", 0.0), ck.length(it, "step", 0.5)
        else:
            lo = ck.number(it, "min", 0, 0, 60, integer=True)
            hi = ck.number(it, "max", 0, 0, 60, integer=True)
            step = 1
        if hi < lo or step <= 0:
            ck.err(lines[i], f"{what}：max 应不小于 min，step 应大于 0。")
            continue
        out.append(Adjust(what, lo, hi, step))
    return tuple(out)


@dataclass(frozen=True)
class FitSpec:
    pages: int | None = key(
        "目标页数",
        "pages the text is fitted to (`publish fit/build --pages N` overrides); auto: as many as it needs",
        "custom",
        parse=_pages,
        value="number or auto",
        default=1,
    )
    fill: bool = key(
        "撑满版面",
        "every page full to the foot of every column (a newspaper page; a bulletin is not)",
        "bool",
        default=False,
    )
    min_body_lines: int = key(
        "小标题下最少正文行",
        "背题: body lines a headline group keeps under it in its column",
        "number",
        lo=0,
        hi=20,
        integer=True,
        default=2,
    )
    repeat_header: int = key(
        "转版页重复的页头项",
        "the first N header items repeated on continued pages (版头条)",
        "number",
        lo=0,
        hi=20,
        integer=True,
        default=0,
    )
    body_chars: int | None = key(
        "每行字数",
        "characters a body line on a fixed grid (GB/T 9704: 28)",
        "number",
        lo=4,
        hi=200,
        integer=True,
        default=None,
    )
    body_lines: int | None = key(
        "每页行数",
        "body lines a page on a fixed grid (GB/T 9704: 22); sets the leading",
        "number",
        lo=4,
        hi=400,
        integer=True,
        default=None,
    )
    adjust: tuple[Adjust, ...] = key(
        "可调整项",
        "what may change to fill or fit the page, in the order tried: "
        "{what: space|air|leading|headline|portrait|body, min, max, step | sizes}",
        "custom",
        parse=_adjust,
        value="list",
        factory=tuple,
        example="{what: leading, min: 18pt, max: 23pt, step: 0.5pt}",
    )

    def get(self, what: str) -> Adjust | None:
        return next((a for a in self.adjust if a.what == what), None)
