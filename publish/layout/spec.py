"""A layout as a designer writes it: layouts/NAME/layout.yaml + templates/*.j2.

Loaded into plain dataclasses; every bad value is reported as FILE:LINE.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..sourcefile import LocDict, LocList, check_keys, did_you_mean, parse_yaml, read_text
from .units import UnitError, length, size as type_size
from .word import WordSpec, parse_word

LAYOUT_FILE = "layout.yaml"
DEFAULT_LAYOUTS = Path(__file__).resolve().parents[2] / "layouts"


@dataclass(frozen=True)
class Color:
    name: str
    cmyk: tuple[float, float, float, float]   # 0..1 each

    @property
    def is_black(self) -> bool:
        return self.cmyk == (0, 0, 0, 1)


@dataclass(frozen=True)
class Style:
    name: str
    font: str                 # font role, e.g. song / hei / kai
    size: float               # pt
    leading: float            # pt; baseline to baseline
    color: str = "text"
    align: str = "justify"    # justify | left | center | right
    indent: float = 0.0       # first-line indent, in characters (2 = 两字缩进)
    space_before: float = 0.0 # in grid lines (body) or pt (header)
    space_after: float = 0.0
    min_size: float | None = None   # a headline may shrink to this to fit its lines
    max_lines: int | None = None
    tracking: float = 0.0     # letter spacing in em (headlines)
    bold_font: str | None = None    # role used for **bold** spans and 一是 leads


@dataclass(frozen=True)
class RuleSpec:
    width: float
    color: str
    gap: float = 0.0          # distance from the text it belongs to
    double: bool = False


@dataclass(frozen=True)
class Item:
    """One piece of page furniture or headline: text from templates in a style."""
    template: str = ""        # template for the whole line (centred/aligned by style)
    content: str = ""         # or a piece of the content set across the full width: "lead" (导语)
    left: str = ""            # or a strip: left / center / right templates on one line
    center: str = ""
    right: str = ""
    style: str = ""
    rule_below: RuleSpec | None = None
    rule_above: RuleSpec | None = None
    fill: str | None = None   # shaded bar behind the item (colour name)
    space_before: float = 0.0 # pt
    space_after: float = 0.0  # pt


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    bleed: float
    top: float
    right: float
    bottom: float
    left: float
    overflow: str = "error"   # error | continue (转版 onto further pages)
    max_pages: int = 1

    @property
    def type_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def type_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class Grid:
    columns: int
    gutter: float
    leading: float            # the grid: every body line sits on it
    column_rule: RuleSpec | None = None
    head_columns: int | None = None   # columns the lead spans (None: flows like body)
    fill_page: bool = False   # 撑版: spread spare lines between speaker blocks so the columns reach the foot


@dataclass(frozen=True)
class SpeakerSpec:
    headline_style: str = "headline"
    line_template: str = "speaker.j2"
    line_style: str = "speaker"
    portrait_lines: int = 8   # height of a portrait frame in grid lines
    portrait_width: float = 0.45  # fraction of the column width
    separator: RuleSpec | None = None
    separator_lines: int = 1  # grid lines taken by the space + rule between blocks
    headline_fill: str | None = None


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    description: str
    folder: Path
    source: Path
    page: Page
    grid: Grid
    fonts: dict[str, tuple[str, ...]]
    colors: dict[str, Color]
    styles: dict[str, Style]
    header: tuple[Item, ...]
    footer: tuple[Item, ...]
    end: tuple[Item, ...]
    speaker: SpeakerSpec
    body_style: str = "body"
    lead_style: str = "lead"
    point_style: str = "point"
    point_pattern: str = r"^[一二三四五六七八九十]+是[^。！？]*[。！？]"
    continued_to: str = "continued_to.j2"
    continued_from: str = "continued_from.j2"
    kinsoku: str = "push-in"
    han_latin_space: float = 0.0
    opening_halfwidth_at_line_start: bool = False
    image_min_ppi: float = 100
    image_warn_ppi: float = 200
    icc_profile: str = ""
    output_condition: str = ""   # registered name (e.g. FOGRA39) or "" for a custom profile
    ink_limit: float = 240       # total area coverage, % (newsprint)
    spot_colours: bool = False   # Separation/DeviceN allowed (a second ink the press really has)
    marks: bool = False          # crop/registration marks and colour bar by default
    font_fallbacks: dict = field(default_factory=dict)   # role -> faces used only if its font is missing
    lines: dict = field(default_factory=dict)   # key -> line in layout.yaml, for messages
    word: WordSpec = field(default_factory=WordSpec)   # DOCX-only: fonts an editor has, style names

    def style(self, name: str) -> Style:
        return self.styles[name]

    def color(self, name: str) -> Color:
        return self.colors[name]


def available_layouts(root: Path = DEFAULT_LAYOUTS) -> dict[str, Path]:
    return {p.parent.name: p.parent for p in sorted(root.glob(f"*/{LAYOUT_FILE}"))}


def resolve_layout(name_or_path: str, root: Path = DEFAULT_LAYOUTS) -> Path:
    p = Path(name_or_path)
    if (p / LAYOUT_FILE).is_file():
        return p
    layouts = available_layouts(root)
    if name_or_path in layouts:
        return layouts[name_or_path]
    if p.is_dir() or "/" in name_or_path or "\\" in name_or_path:
        # A folder was meant: saying "no layout named /a/b" would send the designer looking for a name.
        what = f"版式文件夹里缺少 {LAYOUT_FILE}。" if p.is_dir() else "找不到这个版式文件夹。"
        raise InputError(Problem(name_or_path, None, what + f"版式文件夹应包含 {LAYOUT_FILE}（可复制 layouts/broadsheet 修改）。"))
    hint = did_you_mean(name_or_path, layouts) or ""
    raise InputError(Problem(name_or_path, None,
                             f"没有名为“{name_or_path}”的版式。{hint}可用的版式：{'、'.join(layouts) or '（无）'}。"
                             "运行 publish layouts 查看说明。"))


TOP_KEYS = {
    "name": "名称", "title": "标题", "description": "说明", "page": "页面", "fonts": "字体",
    "colors": "颜色", "grid": "栏格", "styles": "样式", "header": "页头", "footer": "页脚",
    "end": "文末", "speaker": "发言人块", "rules": "排版规则", "templates": "模板", "print": "印刷",
    "word": "Word 输出",
}
PAGE_KEYS = {"trim": "成品尺寸", "bleed": "出血", "margins": "版心边距", "overflow": "超版处理",
             "max_pages": "最多页数"}
GRID_KEYS = {"columns": "栏数", "gutter": "栏距", "leading": "行距", "column_rule": "栏线",
             "head_columns": "导语栏数", "fill_page": "撑满版面"}
STYLE_KEYS = {"font": "字体", "size": "字号", "leading": "行距", "color": "颜色", "align": "对齐",
              "indent": "首行缩进", "space_before": "段前", "space_after": "段后", "min_size": "最小字号",
              "max_lines": "最多行数", "tracking": "字距", "bold_font": "加粗字体"}
ITEM_KEYS = {"template": "模板", "content": "内容", "left": "左", "center": "中", "right": "右", "style": "样式",
             "rule_below": "下线", "rule_above": "上线", "fill": "底色", "space_before": "前距",
             "space_after": "后距"}
RULE_KEYS = {"width": "线宽", "color": "颜色", "gap": "间距", "double": "双线"}
SPEAKER_KEYS = {"headline_style": "小标题样式", "line_template": "发言人行模板", "line_style": "发言人行样式",
                "portrait_lines": "照片高（行）", "portrait_width": "照片宽（栏宽比例）",
                "separator": "分隔线", "separator_lines": "分隔行数", "headline_fill": "小标题底色"}
RULES_KEYS = {"body_style": "正文样式", "lead_style": "导语样式", "point_style": "要点样式",
              "point_pattern": "要点规则", "kinsoku": "避头尾方式", "han_latin_space": "中西文间距",
              "opening_halfwidth_at_line_start": "行首开括号半角"}
TEMPLATES_KEYS = {"continued_to": "下转", "continued_from": "上接"}
PRINT_KEYS = {"image_min_ppi": "图片最低分辨率", "image_warn_ppi": "图片建议分辨率", "icc_profile": "输出意图",
              "output_condition": "输出条件", "ink_limit": "总墨量上限", "spot_colours": "允许专色",
              "marks": "印刷标记"}
FONT_KEYS = {"font": "字体", "fallback": "后备字体"}
ALIGNS = ("justify", "left", "center", "right", "outside")   # outside: 单页居右、双页居左 (folios)


class _Checker:
    def __init__(self, path: Path, folder: Path | None = None):
        self.path = path
        self.folder = folder
        self.problems: list[Problem] = []

    def template(self, d, key, default=""):
        """A template file name; a missing file is reported at the line naming it, not at render time."""
        name = self.text(d, key, default)
        if name and self.folder is not None:
            from .templates import SHARED
            if not any((base / name).is_file() for base in (self.folder / "templates", SHARED)):
                self.err(d.line_of(key), f"模板文件“{name}”不存在（在 {self.folder.name}/templates/ 和 _shared/templates/ 中都没有）。"
                                         "请改正文件名，或在版式的 templates/ 文件夹中创建它。")
        return name

    def err(self, line, msg):
        self.problems.append(Problem(str(self.path), line, msg))

    def keys(self, d, known, required, what):
        self.problems += check_keys(d, known, required, self.path, what)

    def mapping(self, parent: LocDict, key: str) -> LocDict:
        v = parent.get(key)
        if v is None:
            return _empty(parent.line_of(key))
        if not isinstance(v, LocDict):
            self.err(parent.line_of(key), f"“{key}”下面应是缩进的子项。")
            return _empty(parent.line_of(key))
        return v

    def length(self, d: LocDict, key: str, default=None, em=None):
        if key not in d or d[key] is None:
            return default
        try:
            return length(d[key], em)
        except UnitError as e:
            self.err(d.line_of(key), f"{key}：{e}。")
            return default or 0.0

    def size(self, d, key, default=None):
        if key not in d or d[key] is None:
            return default
        try:
            return type_size(d[key])
        except UnitError as e:
            self.err(d.line_of(key), f"{key}：{e}。")
            return default or 10.0

    def number(self, d, key, default, lo=None, hi=None, integer=False):
        v = d.get(key, default)
        if v is None:
            return default
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and (not integer or isinstance(v, int))
        if ok and (lo is None or v >= lo) and (hi is None or v <= hi):
            return v
        rng = f"（{lo}–{hi}）" if lo is not None and hi is not None else ""
        self.err(d.line_of(key), f"{key} 应为{'整数' if integer else '数字'}{rng}，现在是“{v}”。")
        return default

    def text(self, d, key, default=""):
        v = d.get(key, default)
        if v is None:
            return default
        if not isinstance(v, str):
            self.err(d.line_of(key), f"{key} 应为文字，现在是“{v}”。")
            return default
        return v


def _empty(line) -> LocDict:
    d = LocDict()
    d.line = line
    return d


def load_layout(name_or_path: str, root: Path = DEFAULT_LAYOUTS) -> Layout:
    folder = resolve_layout(name_or_path, root)
    path = folder / LAYOUT_FILE
    data = parse_yaml(read_text(path), path)
    if data is None:
        raise InputError(Problem(str(path), 1, "版式文件是空的。请从 layouts/broadsheet/layout.yaml 复制一份再修改。"))
    if not isinstance(data, LocDict):
        raise InputError(Problem(str(path), 1, "版式文件应为“项目: 内容”的格式。"))
    ck = _Checker(path, folder)
    ck.keys(data, TOP_KEYS, {"page", "fonts", "grid", "styles"}, "版式文件")

    colors = _colors(ck, ck.mapping(data, "colors"))
    fonts, fallbacks = _fonts(ck, ck.mapping(data, "fonts"))
    page = _page(ck, ck.mapping(data, "page"))
    grid_d = ck.mapping(data, "grid")
    ck.keys(grid_d, GRID_KEYS, {"columns", "leading"}, "grid（栏格）")
    grid = Grid(columns=ck.number(grid_d, "columns", 1, 1, 20, integer=True),
                gutter=ck.length(grid_d, "gutter", 12.0),
                leading=ck.length(grid_d, "leading", 15.0),
                column_rule=_rule(ck, grid_d, "column_rule", colors),
                head_columns=ck.number(grid_d, "head_columns", None, 1, 20, integer=True),
                fill_page=bool(grid_d.get("fill_page", False)))
    styles = _styles(ck, ck.mapping(data, "styles"), fonts, colors)

    def check_style(line, name, what):
        if name and name not in styles and styles:
            ck.err(line, f"{what}用到的样式“{name}”没有在 styles 中定义。{did_you_mean(name, styles)}")

    header = _items(ck, data, "header", colors, check_style)
    footer = _items(ck, data, "footer", colors, check_style)
    end = _items(ck, data, "end", colors, check_style)
    sp = ck.mapping(data, "speaker")
    ck.keys(sp, SPEAKER_KEYS, set(), "speaker（发言人块）")
    speaker = SpeakerSpec(
        headline_style=ck.text(sp, "headline_style", "headline"),
        line_template=ck.template(sp, "line_template", "speaker.j2"),
        line_style=ck.text(sp, "line_style", "speaker"),
        portrait_lines=ck.number(sp, "portrait_lines", 8, 2, 60, integer=True),
        portrait_width=ck.number(sp, "portrait_width", 0.45, 0.1, 1.0),
        separator=_rule(ck, sp, "separator", colors),
        separator_lines=ck.number(sp, "separator_lines", 1, 0, 10, integer=True),
        headline_fill=_color_ref(ck, sp, "headline_fill", colors))
    check_style(sp.line_of("headline_style"), speaker.headline_style, "speaker")
    check_style(sp.line_of("line_style"), speaker.line_style, "speaker")

    rules = ck.mapping(data, "rules")
    ck.keys(rules, RULES_KEYS, set(), "rules（排版规则）")
    extra = {}
    for key, default in (("body_style", "body"), ("lead_style", "lead"), ("point_style", "point")):
        extra[key] = ck.text(rules, key, default)
        check_style(rules.line_of(key), extra[key], "rules")
    pattern = ck.text(rules, "point_pattern", Layout.point_pattern)
    try:
        re.compile(pattern)
    except re.error as e:
        ck.err(rules.line_of("point_pattern"), f"point_pattern 不是有效的正则表达式：{e}。")
        pattern = Layout.point_pattern
    kinsoku = ck.text(rules, "kinsoku", "push-in")
    if kinsoku not in ("push-in", "push-out"):
        ck.err(rules.line_of("kinsoku"), f"kinsoku 只能是 push-in（先挤进）或 push-out（推出），现在是“{kinsoku}”。")
        kinsoku = "push-in"
    tpl = ck.mapping(data, "templates")
    ck.keys(tpl, TEMPLATES_KEYS, set(), "templates（模板）")
    continued_to = ck.template(tpl, "continued_to", "continued_to.j2")
    continued_from = ck.template(tpl, "continued_from", "continued_from.j2")
    prt = ck.mapping(data, "print")
    ck.keys(prt, PRINT_KEYS, set(), "print（印刷）")
    word = parse_word(ck, data, fonts, styles)

    if ck.problems:
        raise InputError(ck.problems)
    return Layout(
        name=folder.name, title=ck.text(data, "title", folder.name),
        description=ck.text(data, "description", ""), folder=folder, source=path,
        page=page, grid=grid, fonts=fonts, colors=colors, styles=styles,
        header=header, footer=footer, end=end, speaker=speaker,
        point_pattern=pattern, kinsoku=kinsoku,
        han_latin_space=ck.number(rules, "han_latin_space", 0.0, 0, 1),
        opening_halfwidth_at_line_start=bool(rules.get("opening_halfwidth_at_line_start", False)),
        continued_to=continued_to, continued_from=continued_from,
        image_min_ppi=ck.number(prt, "image_min_ppi", 100, 1, 5000),
        image_warn_ppi=ck.number(prt, "image_warn_ppi", 200, 1, 5000),
        icc_profile=ck.text(prt, "icc_profile", ""),
        output_condition=ck.text(prt, "output_condition", ""),
        ink_limit=ck.number(prt, "ink_limit", 240, 100, 400),
        spot_colours=bool(prt.get("spot_colours", False)),
        marks=bool(prt.get("marks", False)),
        font_fallbacks=fallbacks,
        lines={k: data.line_of(k) for k in data}, word=word,
        **extra)


def _colors(ck: _Checker, d: LocDict) -> dict[str, Color]:
    out = {"text": Color("text", (0, 0, 0, 1)), "white": Color("white", (0, 0, 0, 0))}
    for name, v in d.items():
        if (isinstance(v, list) and len(v) == 4
                and all(isinstance(x, (int, float)) and not isinstance(x, bool) and 0 <= x <= 100 for x in v)):
            out[name] = Color(name, tuple(x / 100 for x in v))
        else:
            ck.err(d.line_of(name), f"颜色“{name}”应写成 CMYK 四个 0–100 的数，例如 [0, 100, 100, 0]（印刷只用 CMYK）。")
            # Keep the name known so that every style using it is not reported as well.
            out[name] = Color(name, (0, 0, 0, 1))
    return out


def _color_ref(ck, d, key, colors, default=None):
    v = d.get(key, default)
    if v is None:
        return default
    if v not in colors:
        ck.err(d.line_of(key), f"颜色“{v}”没有在 colors 中定义。{did_you_mean(v, colors)}")
        return default
    return v


def _fonts(ck: _Checker, d: LocDict) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """role: [font, faces for characters it lacks …], or {font: […], fallback: […]}:
    the first font must be installed; `fallback` names what may stand in when it is
    not (the build says so, and preflight reports it)."""
    out, fallbacks = {}, {}
    for role, v in d.items():
        fb = None
        if isinstance(v, dict):
            ck.keys(v, FONT_KEYS, {"font"}, f"字体“{role}”")
            v, fb = v.get("font"), v.get("fallback")
            fb = [fb] if isinstance(fb, str) else fb
            if fb is not None and (not isinstance(fb, list) or not all(isinstance(x, str) and x.strip() for x in fb)):
                ck.err(d.line_of(role), f"字体“{role}”的 fallback 应为字体名列表，例如 [\"LXGW WenKai\"]。")
                fb = None
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
            ck.err(d.line_of(role), f"字体“{role}”应为字体名列表（按优先顺序），例如 [\"Noto Serif CJK SC\"]。")
            continue
        out[role] = tuple(x.strip() for x in v)
        if fb:
            fallbacks[role] = tuple(x.strip() for x in fb)
    return out, fallbacks


def _page(ck: _Checker, d: LocDict) -> Page:
    ck.keys(d, PAGE_KEYS, {"trim"}, "page（页面）")
    trim = d.get("trim")
    w = h = 0.0
    if isinstance(trim, list) and len(trim) == 2:
        try:
            w, h = length(trim[0]), length(trim[1])
        except UnitError as e:
            ck.err(d.line_of("trim"), f"trim：{e}。")
    elif trim is not None:
        ck.err(d.line_of("trim"), "trim（成品尺寸）应写成 [宽, 高]，例如 [390mm, 540mm]。")
    m = d.get("margins", 36)
    if isinstance(m, LocDict):
        ck.keys(m, {"top": "上", "right": "右", "bottom": "下", "left": "左"}, {"top", "right", "bottom", "left"}, "margins")
        margins = [ck.length(m, k, 36.0) for k in ("top", "right", "bottom", "left")]
    else:
        try:
            margins = [length(m)] * 4
        except UnitError as e:
            ck.err(d.line_of("margins"), f"margins：{e}。")
            margins = [36.0] * 4
    overflow = ck.text(d, "overflow", "error")
    if overflow not in ("error", "continue"):
        ck.err(d.line_of("overflow"), f"overflow 只能是 error（超版即报错）或 continue（转到下一版/页），现在是“{overflow}”。")
    page = Page(width=w, height=h, bleed=ck.length(d, "bleed", 3 * 72 / 25.4),
                top=margins[0], right=margins[1], bottom=margins[2], left=margins[3], overflow=overflow,
                max_pages=ck.number(d, "max_pages", 1 if overflow == "error" else 20, 1, 999, integer=True))
    if w and h and (page.type_width <= 36 or page.type_height <= 36):
        ck.err(d.line_of("margins"), "页边距太大，版心所剩无几。")
    return page


def _rule(ck, d, key, colors) -> RuleSpec | None:
    v = d.get(key)
    if v in (None, False):
        return None
    if not isinstance(v, LocDict):
        ck.err(d.line_of(key), f"{key} 应写成 {{width: 0.5pt, color: text}}。")
        return None
    ck.keys(v, RULE_KEYS, {"width"}, key)
    return RuleSpec(width=ck.length(v, "width", 0.5), color=_color_ref(ck, v, "color", colors, "text"),
                    gap=ck.length(v, "gap", 0.0), double=bool(v.get("double", False)))


def _styles(ck, d: LocDict, fonts, colors) -> dict[str, Style]:
    out = {}
    for name, s in d.items():
        if not isinstance(s, LocDict):
            ck.err(d.line_of(name), f"样式“{name}”下面应是缩进的子项（font、size …）。")
            continue
        ck.keys(s, STYLE_KEYS, {"font", "size"}, f"样式“{name}”")
        font = ck.text(s, "font", "song")
        if fonts and font not in fonts:
            ck.err(s.line_of("font"), f"样式“{name}”的字体“{font}”没有在 fonts 中定义。{did_you_mean(font, fonts)}")
        bold_font = s.get("bold_font")
        if bold_font is not None and fonts and bold_font not in fonts:
            ck.err(s.line_of("bold_font"), f"样式“{name}”的加粗字体“{bold_font}”没有在 fonts 中定义。{did_you_mean(bold_font, fonts)}")
        sz = ck.size(s, "size", 10.0)
        align = ck.text(s, "align", "justify")
        if align not in ALIGNS:
            ck.err(s.line_of("align"), f"align 只能是 {' / '.join(ALIGNS)}，现在是“{align}”。{did_you_mean(align, ALIGNS)}")
            align = "justify"
        out[name] = Style(
            name=name, font=font, size=sz, leading=ck.length(s, "leading", sz * 1.5, em=sz),
            color=_color_ref(ck, s, "color", colors, "text"), align=align,
            indent=ck.number(s, "indent", 0, 0, 10), space_before=ck.number(s, "space_before", 0, 0, 500),
            space_after=ck.number(s, "space_after", 0, 0, 500), min_size=ck.size(s, "min_size"),
            max_lines=ck.number(s, "max_lines", None, 1, 20, integer=True),
            tracking=ck.number(s, "tracking", 0.0, -0.5, 2), bold_font=bold_font)
    return out


def _items(ck, data, key, colors, check_style) -> tuple[Item, ...]:
    v = data.get(key)
    if v is None:
        return ()
    if not isinstance(v, LocList):
        ck.err(data.line_of(key), f"{key} 应为列表，每项以“- ”开头。")
        return ()
    out = []
    for i, it in enumerate(v):
        line = v.lines[i]
        if not isinstance(it, LocDict):
            ck.err(line, f"{key} 的每一项应写成 {{template: xxx.j2, style: 样式名}}。")
            continue
        ck.keys(it, ITEM_KEYS, {"style"}, f"{key} 项")
        if not any(it.get(k) for k in ("template", "left", "center", "right", "content")):
            ck.err(line, f"{key} 项需要 template（或 left/center/right）指明模板文件。")
        if it.get("content") not in (None, "lead"):
            ck.err(it.line_of("content"), f"content 目前只能是 lead（导语），现在是“{it.get('content')}”。")
        check_style(it.line_of("style"), it.get("style"), key)
        out.append(Item(template=ck.template(it, "template"), content=ck.text(it, "content"), left=ck.template(it, "left"),
                        center=ck.template(it, "center"), right=ck.template(it, "right"), style=ck.text(it, "style"),
                        rule_below=_rule(ck, it, "rule_below", colors), rule_above=_rule(ck, it, "rule_above", colors),
                        fill=_color_ref(ck, it, "fill", colors), space_before=ck.length(it, "space_before", 0.0),
                        space_after=ck.length(it, "space_after", 0.0)))
    return tuple(out)
