"""The `word:` section of a layout: what the DOCX needs beyond the PDF.

- fonts: for each font role, the names an editor's computer may have in place of the
  PDF's font (Windows, macOS, 方正, Linux), in the order Word should try them.
- style_names: the Word style name an editor sees for a layout style (简报名称, 页码行 …).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sourcefile import LocDict
from .check import Checker, mapping_key

# Names Word and WPS already give their own styles (English and the Chinese UI names):
# a custom style under one of these would be confused with, or merged into, the built-in.
BUILTIN_STYLE_NAMES = frozenset(
    {
        "Normal",
        "正文",
        "Title",
        "标题",
        "Subtitle",
        "副标题",
        "Heading 1",
        "标题 1",
        "Heading 2",
        "标题 2",
        "Heading 3",
        "标题 3",
        "Header",
        "页眉",
        "Footer",
        "页脚",
        "Page Number",
        "页码",
        "Caption",
        "题注",
        "Quote",
        "引用",
        "Intense Quote",
        "明显引用",
        "Strong",
        "要点",
        "Emphasis",
        "强调",
        "Body Text",
        "正文文本",
        "List Paragraph",
        "列表段落",
        "No Spacing",
        "无间隔",
        "Default Paragraph Font",
        "默认段落字体",
        "Hyperlink",
        "超链接",
        "Footnote Text",
        "脚注文本",
        "Table Grid",
        "网格型",
        "TOC 1",
        "目录 1",
        "Plain Text",
        "纯文本",
        "Date",
        "日期",
        "Signature",
        "签名",
        "Salutation",
        "称呼",
        "Block Text",
        "文本块",
    }
)


def _alternates(ck: Checker, d: LocDict, name: str, ctx: dict, values: dict) -> dict[str, tuple[str, ...]]:
    """word.fonts; every fault is reported through the layout checker at its line."""
    fonts = ctx["fonts"]
    alt: dict[str, tuple[str, ...]] = {}
    fd = ck.mapping(d, name)
    for role, v in fd.items():
        if fonts and role not in fonts:
            ck.err(fd.line_of(role), f"word.fonts 的字体角色“{role}”没有在 fonts 中定义。")
            continue
        v = [v] if isinstance(v, str) else v
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            ck.err(fd.line_of(role), f'word.fonts 的“{role}”应为字体名列表，例如 ["SimSun", "宋体"]。')
            continue
        alt[role] = tuple(dict.fromkeys(x.strip() for x in v))
    return alt


def _style_names(ck: Checker, d: LocDict, name: str, ctx: dict, values: dict) -> dict[str, str]:
    styles = ctx["styles"]
    names: dict[str, str] = {}
    nd = ck.mapping(d, name)
    for style, v in nd.items():
        if styles and style not in styles:
            ck.err(nd.line_of(style), f"word.style_names 的样式“{style}”没有在 styles 中定义。")
        elif not isinstance(v, str) or not v.strip():
            ck.err(nd.line_of(style), f"word.style_names 的“{style}”应为 Word 中显示的样式名，例如 简报名称。")
        elif v.strip() in BUILTIN_STYLE_NAMES:
            ck.err(
                nd.line_of(style), f"Word 样式名“{v.strip()}”与 Word 自带的样式同名，编辑会把二者混淆。请换一个名字。"
            )
        else:
            names[style] = v.strip()
    return names


@dataclass(frozen=True)
class WordSpec:
    fonts: dict[str, tuple[str, ...]] = mapping_key(
        "替代字体",
        "font role → names an editor's computer may have instead (Windows, macOS, 方正), in order",
        _alternates,
        "list of font names",
    )
    style_names: dict[str, str] = mapping_key(
        "样式名",
        "layout style → the Word style name an editor sees",
        _style_names,
        "mapping of names",
    )
