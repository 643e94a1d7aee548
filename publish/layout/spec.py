"""A layout as a designer writes it: layouts/NAME/layout.yaml + templates/*.j2.

This module is the layout schema, defined once: every key of layout.yaml is one dataclass
field below, declared with `key(中文名, one-line doc, kind, limits, default)`. From those
declarations come the reading and checking (publish/layout/check.py, every bad value
reported as FILE:LINE), the unknown-key messages, and the key reference in
layouts/README.md (publish/layout/reference.py; tests/test_layout_schema.py fails when the
README and this schema disagree).

To add a layout key: add ONE field with `key(...)` to the dataclass of its mapping (Page for
`page:`, Grid, Style, Item, RuleSpec, SpeakerSpec; Layout with section="rules"/"templates"/
"print" for those flat sections; a whole new top-level mapping is a Layout field of kind
"section"), then run `python -m publish.layout.reference --write` to refresh the README.
Closed sets of words are Enums whose members carry a Chinese label for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..sourcefile import LocDict, LocList
from .check import Checker, key, read
from .units import MM, UnitError, length
from .fitspec import FitSpec
from .word import WordSpec

LAYOUT_FILE = "layout.yaml"
DEFAULT_POINT_PATTERN = r"^[一二三四五六七八九十]+是[^。！？]*[。！？]"


class _Labelled(StrEnum):
    """A closed set of YAML words; each member's label is its Chinese meaning (for messages)."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Align(_Labelled):
    JUSTIFY = "justify", "两端对齐"
    LEFT = "left", "居左"
    CENTER = "center", "居中"
    RIGHT = "right", "居右"
    OUTSIDE = "outside", "单页居右、双页居左"  # folios


class Overflow(_Labelled):
    ERROR = "error", "超版即报错"
    CONTINUE = "continue", "转到下一版/页"


class Kinsoku(_Labelled):
    PUSH_IN = "push-in", "先挤进"
    PUSH_OUT = "push-out", "推出"


class Content(_Labelled):
    LEAD = "lead", "导语"


ALIGNS = tuple(Align)


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
        "导语栏数", "columns the lead spans (unset: flows like body)", "number", lo=1, hi=20, integer=True, default=None
    )
    fill_page: bool = key(
        "撑满版面",
        "撑版: spread spare lines between speaker blocks so the columns reach the foot",
        "bool",
        default=False,
    )


@dataclass(frozen=True)
class SpeakerSpec:
    headline_style: str = key("小标题样式", "style of the speaker's 小标题", "style", default="headline")
    line_template: str = key("发言人行模板", "template of the 职务 + 姓名 line", "template", default="speaker.j2")
    line_style: str = key("发言人行样式", "style of the name line", "style", default="speaker")
    portrait_lines: int = key(
        "照片高（行）", "portrait frame height in grid lines", "number", lo=2, hi=60, integer=True, default=8
    )
    portrait_width: float = key(
        "照片宽（栏宽比例）", "portrait width as a share of the column", "number", lo=0.1, hi=1.0, default=0.45
    )
    separator: RuleSpec | None = key("分隔线", "rule between speaker blocks", "rule", cls=RuleSpec, default=None)
    separator_lines: int = key(
        "分隔行数",
        "grid lines taken by the space and rule between blocks",
        "number",
        lo=0,
        hi=10,
        integer=True,
        default=1,
    )
    headline_fill: str | None = key("小标题底色", "colour shading the 小标题 block", "color", default=None)


def _colors(ck: Checker, data: LocDict, name: str, ctx: dict, values: dict) -> dict[str, Color]:
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


def _font_list(ck: Checker, v: Any, line: int, msg: str) -> tuple[str, ...] | None:
    v = [v] if isinstance(v, str) else v
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
        ck.err(line, msg)
        return None
    return tuple(x.strip() for x in v)


def _names(ck: Checker, d: LocDict, name: str, ctx: dict, values: dict) -> tuple[str, ...] | None:
    role = ctx["role"]
    if name == "fallback":
        if d.get(name) is None:
            return ()
        return (
            _font_list(ck, d[name], ctx["line"], f'字体“{role}”的 fallback 应为字体名列表，例如 ["LXGW WenKai"]。')
            or ()
        )
    return _font_list(
        ck, d.get(name), ctx["line"], f'字体“{role}”应为字体名列表（按优先顺序），例如 ["Noto Serif CJK SC"]。'
    )


@dataclass(frozen=True)
class FontChoice:
    """A font role written as a mapping, to name what may stand in for a missing font."""

    font: tuple[str, ...] = key(
        "字体",
        "font names by preference; the first must be installed",
        "custom",
        required=True,
        parse=_names,
        value="list of font names",
        factory=tuple,
    )
    fallback: tuple[str, ...] = key(
        "后备字体",
        "faces that may stand in when the font is not installed (the build says so, preflight reports it)",
        "custom",
        parse=_names,
        value="list of font names",
        factory=tuple,
    )


def _fonts(ck: Checker, data: LocDict, name: str, ctx: dict, values: dict) -> tuple[dict, dict]:
    """role: [font, faces for characters it lacks …], or {font: […], fallback: […]}."""
    d = ck.mapping(data, name)
    out: dict[str, tuple[str, ...]] = {}
    fallbacks: dict[str, tuple[str, ...]] = {}
    for role, v in d.items():
        c = {**ctx, "role": role, "line": d.line_of(role)}
        if isinstance(v, LocDict):
            got = read(ck, FontChoice, v, f"字体“{role}”", c)
            names, fb = got["font"], got["fallback"]
        else:
            names, fb = _names(ck, LocDict(font=v), "font", c, {}), ()
        if names is None:
            continue
        out[role] = names
        if fb:
            fallbacks[role] = fb
    ctx["fonts"] = out
    return out, fallbacks


def _styles(ck: Checker, data: LocDict, name: str, ctx: dict, values: dict) -> dict[str, Style]:
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


def _items(ck: Checker, data: LocDict, name: str, ctx: dict, values: dict) -> tuple[Item, ...]:
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


# The flat sections: keys written under these mappings are Layout fields with section=….
SECTIONS = {"rules": "排版规则", "templates": "模板", "print": "印刷"}


@dataclass(frozen=True, kw_only=True)
class Layout:
    name: str = key(
        "名称",
        "informational; --layout takes the folder name",
        "text",
        default="",
        default_of=lambda v: v["folder"].name,
        shows="the folder name",
    )
    title: str = key(
        "标题",
        "one line shown by `publish layouts`",
        "text",
        default="",
        default_of=lambda v: v["folder"].name,
        shows="the folder name",
    )
    description: str = key("说明", "what the layout is for", "text", default="")
    folder: Path = Path()
    source: Path = Path()
    colors: dict[str, Color] = key(
        "颜色",
        "colour name → CMYK, 0–100 each (print takes CMYK only)",
        "custom",
        parse=_colors,
        value="CMYK [c, m, y, k]",
        example="red: [0, 100, 100, 0]",
        factory=dict,
    )
    fonts: dict[str, tuple[str, ...]] = key(
        "字体",
        "font role → font names by preference (fontconfig names or files); each character is set in the "
        "first installed face that has it",
        "custom",
        required=True,
        parse=_fonts,
        sets=("fonts", "font_fallbacks"),
        cls=FontChoice,
        value="list of font names, or {font, fallback}",
        example='kai: ["LXGW WenKai", "Noto Serif CJK SC"]',
        factory=dict,
    )
    page: Page = key("页面", "page geometry", "section", required=True, cls=Page)
    grid: Grid = key("栏格", "columns and the baseline grid", "section", required=True, cls=Grid)
    styles: dict[str, Style] = key(
        "样式",
        "style name → text style (keys below)",
        "custom",
        required=True,
        parse=_styles,
        value="mapping of `styles.NAME`",
        example="body: {font: song, size: 五号, leading: 20pt, indent: 2}",
        factory=dict,
    )
    header: tuple[Item, ...] = key(
        "页头",
        "items stacked at the top of page 1 (keys below)",
        "custom",
        parse=_items,
        value="list of `ITEM`",
        factory=tuple,
    )
    footer: tuple[Item, ...] = key(
        "页脚",
        "items at the foot of every page (`page`, `pages` known here)",
        "custom",
        parse=_items,
        value="list of `ITEM`",
        factory=tuple,
    )
    end: tuple[Item, ...] = key(
        "文末", "items after the last speaker (版记)", "custom", parse=_items, value="list of `ITEM`", factory=tuple
    )
    speaker: SpeakerSpec = key("发言人块", "one speaker's block", "section", cls=SpeakerSpec)
    body_style: str = key("正文样式", "style of the body text", "style", section="rules", default="body")
    lead_style: str = key(
        "导语样式", "style of the lead (导语) in the columns", "style", section="rules", default="lead"
    )
    point_style: str = key("要点样式", "style of the bold “一是……。” leads", "style", section="rules", default="point")
    point_pattern: str = key(
        "要点规则",
        "regex of the bold “一是……。” lead of a paragraph",
        "regex",
        section="rules",
        default=DEFAULT_POINT_PATTERN,
    )
    kinsoku: Kinsoku = key(
        "避头尾方式",
        "避头尾: how a line avoids a forbidden start or end",
        "enum",
        choices=Kinsoku,
        section="rules",
        default=Kinsoku.PUSH_IN,
    )
    han_latin_space: float = key(
        "中西文间距",
        "em between Han and Latin (0 as newspapers print)",
        "number",
        lo=0,
        hi=1,
        section="rules",
        default=0.0,
    )
    opening_halfwidth_at_line_start: bool = key(
        "行首开括号半角", "opening brackets and quotes half-width at line start", "bool", section="rules", default=False
    )
    continued_to: str = key(
        "下转",
        "转版 label at the foot of a column (an empty template turns it off)",
        "template",
        section="templates",
        default="continued_to.j2",
    )
    continued_from: str = key(
        "上接", "转版 label where the text continues", "template", section="templates", default="continued_from.j2"
    )
    image_min_ppi: float = key(
        "图片最低分辨率", "a picture below this fails preflight", "number", lo=1, hi=5000, section="print", default=100
    )
    image_warn_ppi: float = key(
        "图片建议分辨率", "a picture below this is warned about", "number", lo=1, hi=5000, section="print", default=200
    )
    icc_profile: str = key(
        "输出意图",
        "CMYK ICC profile of the PDF/X output intent (and of photo separation); a file name is looked for in the layout folder, then in layouts/_shared/icc/",
        "text",
        section="print",
        default="",
    )
    output_condition: str = key(
        "输出条件", "registered printing condition (e.g. FOGRA39); empty: Custom", "text", section="print", default=""
    )
    ink_limit: float = key(
        "总墨量上限",
        "total area coverage, % (newsprint about 240)",
        "number",
        lo=100,
        hi=400,
        section="print",
        default=240,
    )
    spot_colours: bool = key(
        "允许专色",
        "Separation/DeviceN allowed (a second ink the press really has)",
        "bool",
        section="print",
        default=False,
    )
    marks: bool = key(
        "印刷标记", "crop/registration marks and colour bar by default", "bool", section="print", default=False
    )
    font_fallbacks: dict = field(default_factory=dict)  # role -> faces used only if its font is missing (fonts:)
    word: WordSpec = key("Word 输出", "what the DOCX needs beyond the PDF", "section", cls=WordSpec)
    fit: FitSpec = key("版面调整", "撑版/缩版: target pages and what may change to fill them", "section", cls=FitSpec)
    lines: dict = field(default_factory=dict)  # key -> line in layout.yaml, for messages

    def style(self, name: str) -> Style:
        return self.styles[name]

    def color(self, name: str) -> Color:
        return self.colors[name]


# Finding and reading layout folders lives in load.py; callers import it from here, the schema.
from .load import available_layouts, load_layout, resolve_layout  # noqa: E402, F401
