"""A layout as a designer writes it: layouts/NAME/layout.yaml + templates/*.j2.

This module and the section modules it imports (enums.py, styles.py, page.py, fontspec.py,
fitspec.py, word.py) are the layout schema, defined once: every key of layout.yaml is one
dataclass field, declared with `key(中文名, one-line doc, kind, limits, default)`. From those
declarations come the reading and checking (publish/layout/check.py, every bad value
reported as FILE:LINE), the unknown-key messages, and the key reference in
layouts/README.md (publish/layout/reference.py; tests/test_layout_schema.py fails when the
README and this schema disagree).

To add a layout key: add ONE field with `key(...)` to the dataclass of its mapping (Page for
`page:`, Grid, Style, Item, RuleSpec, SpeakerSpec, FontChoice; Layout with section="rules"/"templates"/
"print" for those flat sections; a whole new top-level mapping is a Layout field of kind
"section"), then run `python -m publish.layout.reference --write` to refresh the README.
Closed sets of words are Enums whose members carry a Chinese label for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .check import key, mapping_key
from .enums import ALIGNS, Align, Content, Kinsoku, Overflow  # noqa: F401  (the schema's words, imported from here)
from .fitspec import FitSpec
from .fontspec import FontChoice, read_fonts
from .page import Grid, Page
from .styles import Color, Item, RuleSpec, Style, read_colors, read_items, read_styles
from .word import WordSpec

LAYOUT_FILE = "layout.yaml"
DEFAULT_POINT_PATTERN = r"^[一二三四五六七八九十]+是[^。！？]*[。！？]"


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


# The flat sections: keys written under these mappings are Layout fields with section=….
SECTIONS = {"rules": "排版规则", "templates": "模板", "print": "印刷"}


# name and title, when not written, are the folder's name (what --layout takes).
_FOLDER_NAME: dict[str, Any] = dict(default="", default_of=lambda v: v["folder"].name, shows="the folder name")
# Keys of the flat sections (SECTIONS) name their section once, here.
_rules = partial(key, section="rules")
_templates = partial(key, kind="template", section="templates")
_print = partial(key, section="print")
_ppi = partial(_print, kind="number", lo=1, hi=5000)  # image resolution limits


def _item_list(name: str, doc: str) -> Any:
    """A list of page items (`ITEM` keys): header, footer and end are read alike."""
    return key(name, doc, "custom", parse=read_items, value="list of `ITEM`", factory=tuple)


@dataclass(frozen=True, kw_only=True)
class Layout:
    name: str = key("名称", "informational; --layout takes the folder name", "text", **_FOLDER_NAME)
    title: str = key("标题", "one line shown by `publish layouts`", "text", **_FOLDER_NAME)
    description: str = key("说明", "what the layout is for", "text", default="")
    folder: Path = Path()
    source: Path = Path()
    colors: dict[str, Color] = mapping_key(
        "颜色",
        "colour name → CMYK, 0–100 each (print takes CMYK only)",
        read_colors,
        "CMYK [c, m, y, k]",
        example="red: [0, 100, 100, 0]",
    )
    fonts: dict[str, tuple[str, ...]] = mapping_key(
        "字体",
        "font role → font names by preference (fontconfig names or files); each character is set in the "
        "first installed face that has it",
        read_fonts,
        "list of font names, or {font, fallback}",
        required=True,
        sets=("fonts", "font_fallbacks"),
        cls=FontChoice,
        example='kai: ["LXGW WenKai", "Noto Serif CJK SC"]',
    )
    page: Page = key("页面", "page geometry", "section", required=True, cls=Page)
    grid: Grid = key("栏格", "columns and the baseline grid", "section", required=True, cls=Grid)
    styles: dict[str, Style] = mapping_key(
        "样式",
        "style name → text style (keys below)",
        read_styles,
        "mapping of `styles.NAME`",
        required=True,
        example="body: {font: song, size: 五号, leading: 20pt, indent: 2}",
    )
    header: tuple[Item, ...] = _item_list("页头", "items stacked at the top of page 1 (keys below)")
    footer: tuple[Item, ...] = _item_list("页脚", "items at the foot of every page (`page`, `pages` known here)")
    end: tuple[Item, ...] = _item_list("文末", "items after the last speaker (版记)")
    speaker: SpeakerSpec = key("发言人块", "one speaker's block", "section", cls=SpeakerSpec)
    body_style: str = _rules("正文样式", "style of the body text", "style", default="body")
    lead_style: str = _rules("导语样式", "style of the lead (导语) in the columns", "style", default="lead")
    point_style: str = _rules("要点样式", "style of the bold “一是……。” leads", "style", default="point")
    point_pattern: str = _rules(
        "要点规则", "regex of the bold “一是……。” lead of a paragraph", "regex", default=DEFAULT_POINT_PATTERN
    )
    kinsoku: Kinsoku = _rules(
        "避头尾方式",
        "避头尾: how a line avoids a forbidden start or end",
        "enum",
        choices=Kinsoku,
        default=Kinsoku.PUSH_IN,
    )
    han_latin_space: float = _rules(
        "中西文间距", "em between Han and Latin (0 as newspapers print)", "number", lo=0, hi=1, default=0.0
    )
    opening_halfwidth_at_line_start: bool = _rules(
        "行首开括号半角", "opening brackets and quotes half-width at line start", "bool", default=False
    )
    continued_to: str = _templates(
        "下转", "转版 label at the foot of a column (an empty template turns it off)", default="continued_to.j2"
    )
    continued_from: str = _templates("上接", "转版 label where the text continues", default="continued_from.j2")
    image_min_ppi: float = _ppi("图片最低分辨率", "a picture below this fails preflight", default=100)
    image_warn_ppi: float = _ppi("图片建议分辨率", "a picture below this is warned about", default=200)
    icc_profile: str = _print(
        "输出意图",
        "CMYK ICC profile of the PDF/X output intent (and of photo separation); a file name is looked for in the layout folder, then in layouts/_shared/icc/",
        "text",
        default="",
    )
    output_condition: str = _print(
        "输出条件", "registered printing condition (e.g. FOGRA39); empty: Custom", "text", default=""
    )
    ink_limit: float = _print(
        "总墨量上限", "total area coverage, % (newsprint about 240)", "number", lo=100, hi=400, default=240
    )
    spot_colours: bool = _print(
        "允许专色", "Separation/DeviceN allowed (a second ink the press really has)", "bool", default=False
    )
    marks: bool = _print("印刷标记", "crop/registration marks and colour bar by default", "bool", default=False)
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
