"""Text styles, colours, rules and page items of a layout (`colors:`, `styles:`, the items
of `header:`/`footer:`/`end:`), with the readers of those mappings."""

from __future__ import annotations

from dataclasses import dataclass

from ..sourcefile import LocDict, LocList
from .check import Checker, key, read
from .enums import Align, Content


@dataclass(frozen=True)
class Color:
    name: str
    cmyk: tuple[float, float, float, float]  # 0..1 each

    @property
    def is_black(self) -> bool:
        return self.cmyk == (0, 0, 0, 1)


@dataclass(frozen=True)
class Style:
    name: str
    font: str = key("字体", "font role (from `fonts`)", "font", required=True, default_of=lambda v: "song")
    size: float = key(
        "字号", "type size: pt, mm or 字号 (小五, 五号, 三号 …)", "size", required=True, default_of=lambda v: 10.0
    )
    leading: float = key(
        "行距", "baseline to baseline", "length", em="size", default_of=lambda v: v["size"] * 1.5, shows="`1.5em`"
    )
    color: str = key("颜色", "colour name", "color", default="text")
    align: str = key("对齐", "alignment", "enum", choices=Align, default=Align.JUSTIFY)
    indent: float = key(
        "首行缩进", "first-line indent in characters (2 = 两字缩进)", "number", lo=0, hi=10, default=0.0
    )
    space_before: float = key(
        "段前", "space above: grid lines (body) or pt (header)", "number", lo=0, hi=500, default=0.0
    )
    space_after: float = key(
        "段后", "space below: grid lines (body) or pt (header)", "number", lo=0, hi=500, default=0.0
    )
    min_size: float | None = key("最小字号", "a headline may shrink to this to fit its lines", "size", default=None)
    max_lines: int | None = key(
        "最多行数", "lines a headline may take before it shrinks", "number", lo=1, hi=20, integer=True, default=None
    )
    tracking: float = key("字距", "letter spacing in em (headlines)", "number", lo=-0.5, hi=2, default=0.0)
    bold_font: str | None = key("加粗字体", "font role for **bold** spans and 一是 leads", "font", default=None)


@dataclass(frozen=True)
class RuleSpec:
    width: float = key("线宽", "line width", "length", required=True, default_of=lambda v: 0.5)
    color: str = key("颜色", "colour name", "color", default="text")
    gap: float = key("间距", "distance from the text it belongs to", "length", default=0.0)
    double: bool = key("双线", "a double rule (thick and thin)", "bool", default=False)


@dataclass(frozen=True)
class Item:
    """One piece of page furniture or headline: text from templates in a style."""

    template: str = key("模板", "template of the whole line (placed by its style's align)", "template", default="")
    content: str = key(
        "内容", "or a piece of the content set across the full width", "enum", choices=Content, default=""
    )
    left: str = key("左", "or a strip: template at the left …", "template", default="")
    center: str = key("中", "… centre …", "template", default="")
    right: str = key("右", "… and right of one line", "template", default="")
    style: str = key("样式", "style of the item", "style", required=True, default="")
    rule_below: RuleSpec | None = key("下线", "rule below the item", "rule", cls=RuleSpec, default=None)
    rule_above: RuleSpec | None = key("上线", "rule above the item", "rule", cls=RuleSpec, default=None)
    fill: str | None = key("底色", "colour of a shaded bar behind the item", "color", default=None)
    space_before: float = key("前距", "space above", "length", default=0.0)
    space_after: float = key("后距", "space below", "length", default=0.0)
    columns: int = key(
        "分栏",
        "the 导语 (content: lead) set in this many columns, for a readable measure",
        "number",
        lo=1,
        hi=6,
        integer=True,
        default=1,
    )


def read_colors(ck: Checker, data: LocDict, name: str, ctx: dict, values: dict) -> dict[str, Color]:
    d = ck.mapping(data, name)
    out = {"text": Color("text", (0, 0, 0, 1)), "white": Color("white", (0, 0, 0, 0))}
    for cname, v in d.items():
        if (
            isinstance(v, list)
            and len(v) == 4
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) and 0 <= x <= 100 for x in v)
        ):
            out[cname] = Color(cname, (v[0] / 100, v[1] / 100, v[2] / 100, v[3] / 100))
        else:
            ck.err(
                d.line_of(cname), f"颜色“{cname}”应写成 CMYK 四个 0–100 的数，例如 [0, 100, 100, 0]（印刷只用 CMYK）。"
            )
            # Keep the name known so that every style using it is not reported as well.
            out[cname] = Color(cname, (0, 0, 0, 1))
    ctx["colors"] = out
    return out


def read_styles(ck: Checker, data: LocDict, name: str, ctx: dict, values: dict) -> dict[str, Style]:
    d = ck.mapping(data, name)
    out = {}
    for sname, s in d.items():
        if not isinstance(s, LocDict):
            ck.err(d.line_of(sname), f"样式“{sname}”下面应是缩进的子项（font、size …）。")
            continue
        where = f"样式“{sname}”"
        out[sname] = Style(**read(ck, Style, s, where, {**ctx, "where": where}, name=sname))
    ctx["styles"] = out
    return out


def read_items(ck: Checker, data: LocDict, name: str, ctx: dict, values: dict) -> tuple[Item, ...]:
    v = data.get(name)
    if v is None:
        return ()
    if not isinstance(v, LocList):
        ck.err(data.line_of(name), f"{name} 应为列表，每项以“- ”开头。")
        return ()
    out = []
    for i, it in enumerate(v):
        line = v.lines[i]
        if not isinstance(it, LocDict):
            ck.err(line, f"{name} 的每一项应写成 {{template: xxx.j2, style: 样式名}}。")
            continue
        if not any(it.get(k) for k in ("template", "left", "center", "right", "content")):
            ck.err(line, f"{name} 项需要 template（或 left/center/right）指明模板文件。")
        out.append(Item(**read(ck, Item, it, f"{name} 项", {**ctx, "where": name})))
    return tuple(out)
