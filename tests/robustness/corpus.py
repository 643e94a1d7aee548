"""The corpus of bad inputs: each case breaks a fresh copy of the reference
meeting (M) or of the broadsheet layout (L) and names the exact first message.

In `expect`, {M} and {L} stand for the copies' folders, so a message reads as
the editor sees it. A case returns the layout to build with (a folder path
for layout cases), or None for the reference layout.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .helpers import LAYOUT, SPEAKERS, edit


def _ln(needle: str) -> int:
    """The line of the broadsheet layout that holds needle: messages point at it, and a
    designer's edit elsewhere in the file must not break these cases."""
    lines = (LAYOUT / "layout.yaml").read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


SONG_LINE = _ln('song: ["Noto Serif CJK SC"]')

S1 = f"{SPEAKERS}/01-zhang-xiaomei.md"
S2 = f"{SPEAKERS}/02-li-shihong.md"


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable[[Path, Path], str | None]
    expect: str
    status: int = 2  # exit status of the CLI (InputError 2, BuildError 1)

    def __str__(self):
        return self.name


def _m(rel, old, new):
    """Replace text in a meeting file."""

    def f(m, lay):
        edit(m / rel, old, new)

    return f


def _mw(rel, data: bytes | str):
    """Overwrite a meeting file."""

    def f(m, lay):
        p = m / rel
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return f


def _block(key, new):
    """Replace a top-level key of meeting.yaml together with its indented lines."""

    def f(m, lay):
        p = m / "meeting.yaml"
        text, n = re.subn(rf"^{key}:.*\n(?:[ \t]+.*\n)*", new + "\n", p.read_text("utf-8"), count=1, flags=re.M)
        assert n == 1
        p.write_text(text, "utf-8")

    return f


def _l(rel, old, new):
    """Replace text in the layout copy and build with it."""

    def f(m, lay):
        edit(lay / rel, old, new)
        return str(lay)

    return f


def _tpl(name, text):
    """A template of the layout copy, overriding the shared one."""

    def f(m, lay):
        (lay / "templates").mkdir(exist_ok=True)
        (lay / "templates" / name).write_text(text, "utf-8")
        return str(lay)

    return f


def _seq(*fs):
    def f(m, lay):
        out = None
        for g in fs:
            out = g(m, lay) or out
        return out

    return f


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_header(w: int, h: int) -> bytes:
    """A well-formed PNG that claims w×h pixels but holds a few bytes of image
    data: reading its header is all a careful reader may do, so it costs nothing."""
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _chunk(b"IEND", b"")
    )


def _gbk(rel):
    def f(m, lay):
        p = m / rel
        p.write_bytes(p.read_text("utf-8").encode("gbk"))

    return f


def _tiny_png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (30, 40), (200, 180, 160)).save(buf, "PNG")
    return buf.getvalue()


def _portrait(data: bytes | None, ref="portraits/zhang.png"):
    def f(m, lay):
        if data is not None:
            (m / "portraits").mkdir(exist_ok=True)
            (m / "portraits" / "zhang.png").write_bytes(data)
        edit(m / S1, "name: 张小梅\n", f"name: 张小梅\nportrait: {ref}\n")

    return f


LONG = "发展" * 10_000

CASES: list[Case] = [
    # --- meeting.yaml -------------------------------------------------------
    Case(
        "yaml_unquoted_colon",
        _m("meeting.yaml", "title: 坚定信心 真抓实干", "title: 坚定信心: 真抓实干"),
        "{M}/meeting.yaml:13: 格式错误（YAML）：这里不能出现冒号“:”（值里有英文冒号时请给整个值加引号）。请检查这一行及上一行的冒号、缩进和引号。",
    ),
    Case(
        "yaml_tab_indent",
        _m("meeting.yaml", "  paper: 渝西都市报", "\tpaper: 渝西都市报"),
        "{M}/meeting.yaml:4: 格式错误（YAML）：用了制表符（Tab）缩进，请改用空格。请检查这一行及上一行的冒号、缩进和引号。",
    ),
    Case(
        "yaml_unclosed_quote",
        _m("meeting.yaml", "title: 坚定信心", 'title: "坚定信心'),
        "{M}/meeting.yaml:13: 格式错误（YAML）：引号没有配对。请检查这一行及上一行的冒号、缩进和引号。",
    ),
    Case(
        "yaml_unclosed_bracket",
        _m("meeting.yaml", "reporters: [彭禹乔]", "reporters: [彭禹乔"),
        "{M}/meeting.yaml:16: 格式错误（YAML）：方括号“[”没有配对的“]”，或列表项之间缺少逗号。请检查这一行及上一行的冒号、缩进和引号。",
    ),
    Case(
        "yaml_duplicate_key",
        _m("meeting.yaml", 'kicker: ""', "title: 重复的主题"),
        "{M}/meeting.yaml:13: “title”出现了两次。每一项只能写一次，请删去重复的一行。",
    ),
    Case(
        "meeting_empty",
        _mw("meeting.yaml", ""),
        "{M}/meeting.yaml:1: 文件是空的（或只有注释）。请写出 publication、title、subtitle、speakers 等项目。",
    ),
    Case(
        "meeting_only_comments",
        _mw("meeting.yaml", "# 还没写\n"),
        "{M}/meeting.yaml:1: 文件是空的（或只有注释）。请写出 publication、title、subtitle、speakers 等项目。",
    ),
    Case(
        "meeting_is_list",
        _mw("meeting.yaml", "- title: 主题\n- subtitle: 副题\n"),
        "{M}/meeting.yaml:1: 文件内容应为“项目: 内容”的格式（例如 title: …），现在不是。",
    ),
    Case(
        "meeting_missing",
        lambda m, lay: (m / "meeting.yaml").unlink(),
        "{M}/meeting.yaml: 会议文件夹里缺少 meeting.yaml。每个会议文件夹需要一个 meeting.yaml（标题、导语、发言顺序）。",
    ),
    Case(
        "unknown_key_did_you_mean",
        _m("meeting.yaml", "subtitle:", "subtitel:"),
        "{M}/meeting.yaml:14: 会议文件中没有“subtitel”这一项。是不是要写“subtitle”？",
    ),
    Case(
        "unknown_key_in_section",
        _m("meeting.yaml", "  paper:", "  pager:"),
        "{M}/meeting.yaml:4: publication（出版信息）中没有“pager”这一项。是不是要写“paper”？",
    ),
    Case(
        "date_not_a_date",
        _m("meeting.yaml", "date: 2026-02-05", "date: 2026年2月5日"),
        "{M}/meeting.yaml:5: 出版日期“2026年2月5日”无法识别。请写成 2026-02-05 这样的格式。",
    ),
    Case(
        "date_impossible",
        _m("meeting.yaml", "date: 2026-02-05", "date: 2026-02-30"),
        "{M}/meeting.yaml:5: 出版日期“2026-02-30”不是日历上的日期（月或日超出范围）。请改正。",
    ),
    Case(
        "page_number_negative",
        _m("meeting.yaml", "page_number: 3", "page_number: -3"),
        "{M}/meeting.yaml:6: 版次应为正整数（例如 3），现在是“-3”。",
    ),
    Case(
        "title_is_number",
        _m("meeting.yaml", "title: 坚定信心 真抓实干 奋力夺取一季度全区经济社会发展“开门红”", "title: 2026"),
        "{M}/meeting.yaml:13: “title”应为文字，现在是数字 2026。如果内容是数字或日期，请给它加上引号。",
    ),
    Case(
        "title_is_list",
        _block("title", "title: [坚定信心, 真抓实干]"),
        "{M}/meeting.yaml:13: “title”应为文字，现在是列表。如果内容是数字或日期，请给它加上引号。",
    ),
    Case(
        "publication_is_text",
        _block("publication", "publication: 渝西都市报"),
        "{M}/meeting.yaml:3: “publication”下面应是缩进的子项（例如“  paper: …”），现在是文字“渝西都市报”。",
    ),
    Case(
        "speakers_not_list",
        _block("speakers", "speakers: 01-zhang-xiaomei"),
        "{M}/meeting.yaml:23: speakers（发言顺序）应为列表，每行“- 文件名”。",
    ),
    Case(
        "speakers_empty",
        _block("speakers", "speakers: []"),
        "{M}/meeting.yaml:23: 发言顺序是空的。请至少列出一位发言人。",
    ),
    Case(
        "speaker_listed_twice",
        _m("meeting.yaml", "  - 07-xu-yicun", "  - 07-xu-yicun\n  - 02-li-shihong"),
        "{M}/meeting.yaml:31: 发言人“02-li-shihong”在发言顺序里出现了两次（另见第 25 行）。请删去一处。",
    ),
    Case(
        "speaker_file_typo",
        _m("meeting.yaml", "  - 04-zhou-ping", "  - 04-zhou-pin"),
        "{M}/meeting.yaml:27: 发言人“04-zhou-pin”没有对应的文件 speakers/04-zhou-pin.md。是不是要写“04-zhou-ping”？",
    ),
    Case(
        "speaker_path_escape",
        _m("meeting.yaml", "  - 04-zhou-ping", "  - ../../etc/passwd"),
        "{M}/meeting.yaml:27: “../../etc/passwd”不是文件名。只写 speakers/ 里的文件名，不带路径和 .md。",
    ),
    Case(
        "reporters_wrong_type",
        _m("meeting.yaml", "reporters: [彭禹乔]", "reporters: {name: 彭禹乔}"),
        "{M}/meeting.yaml:16: “reporters”应为姓名列表，例如 [彭禹乔, 李明]。",
    ),
    Case(
        "gbk_meeting",
        _gbk("meeting.yaml"),
        "{M}/meeting.yaml:1: 文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码，第 1 行有无法识别的字节）。请在编辑器中以 UTF-8 编码另存此文件。",
    ),
    Case(
        "zero_width_space_in_title",
        _m("meeting.yaml", "真抓实干", "真抓\u200b实干"),
        "{M}/meeting.yaml:13:15: 第 15 列有不可见的控制字符 ZERO WIDTH SPACE（U+200B），多半是从别处粘贴带来的。请删除它。",
    ),
    # --- speakers/*.md ------------------------------------------------------
    Case(
        "front_matter_broken_yaml",
        _m(S2, "name: 李世红", "name: [李世红"),
        "{M}/speakers/02-li-shihong.md:4: 格式错误（YAML）：方括号“[”没有配对的“]”，或列表项之间缺少逗号。请检查这一行及上一行的冒号、缩进和引号。",
    ),
    Case(
        "front_matter_missing",
        _mw(S2, "李世红的发言。\n"),
        "{M}/speakers/02-li-shihong.md:1: 文件应以“---”开头，先写 headline、position、name，再写一行“---”，然后是正文。",
    ),
    Case(
        "front_matter_unclosed",
        _m(S2, "name: 李世红\n---\n", "name: 李世红\n\n"),
        "{M}/speakers/02-li-shihong.md:1: 文件开头的“---”没有配对的结束行“---”。请在 name 等项目之后加一行“---”。",
    ),
    Case(
        "front_matter_not_mapping",
        _m(S2, "headline: 集聚", "- headline: 集聚"),
        "{M}/speakers/02-li-shihong.md:3: 格式错误（YAML）：缩进不一致。请检查这一行及上一行的冒号、缩进和引号。",
    ),
    Case(
        "speaker_empty",
        _mw(S2, ""),
        "{M}/speakers/02-li-shihong.md:1: 文件是空的。请按模板写出 headline、position、name 和发言正文。",
    ),
    Case(
        "speaker_blank_lines",
        _mw(S2, "\n\n   \n"),
        "{M}/speakers/02-li-shihong.md:1: 文件是空的。请按模板写出 headline、position、name 和发言正文。",
    ),
    Case(
        "speaker_body_empty",
        _mw(S2, "---\nheadline: 标题\nposition: 职务\nname: 李世红\n---\n\n"),
        "{M}/speakers/02-li-shihong.md:6: 发言正文是空的。请在第二个“---”之后写发言内容。",
    ),
    Case(
        "speaker_unknown_key",
        _m(S1, "position:", "postion:"),
        "{M}/speakers/01-zhang-xiaomei.md:3: 发言人文件中没有“postion”这一项。是不是要写“position”？",
    ),
    Case(
        "speaker_missing_name",
        _m(S1, "name: 张小梅\n", ""),
        "{M}/speakers/01-zhang-xiaomei.md:2: 缺少必填项“name”（姓名）。请添加一行“name: …”。",
    ),
    Case(
        "speaker_name_is_bool",
        _m(S1, "name: 张小梅", "name: yes"),
        "{M}/speakers/01-zhang-xiaomei.md:4: “name”应为文字，现在是真/假值。如果内容是数字或日期，请给它加上引号。",
    ),
    Case(
        "bold_unbalanced",
        _m(S1, "一是以核心价值推动凝心铸魂。", "**一是以核心价值推动凝心铸魂。"),
        "{M}/speakers/01-zhang-xiaomei.md:8: 加粗标记“**”没有成对。请在加粗文字的前后各写一个“**”，或删去多余的。",
    ),
    Case(
        "paragraph_20000_chars",
        _m(S1, "二是以奋进故事", LONG + "\n\n二是以奋进故事"),
        "{M}/speakers/01-zhang-xiaomei.md:10: 这一段有 20000 字，超过一段 3000 字的上限，多半是分段丢失了。请在段落之间加空行。",
    ),
    Case(
        "gbk_speaker",
        _gbk(S1),
        "{M}/speakers/01-zhang-xiaomei.md:2: 文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码，第 2 行有无法识别的字节）。请在编辑器中以 UTF-8 编码另存此文件。",
    ),
    Case(
        "control_char_bel",
        _m(S1, "选树市级", "选树\x07市级"),
        "{M}/speakers/01-zhang-xiaomei.md:8:36: 第 36 列有不可见的控制字符（U+0007），多半是从别处粘贴带来的。请删除它。",
    ),
    Case(
        "control_char_nul",
        _m(S2, "一是统筹聚力", "一是\x00统筹聚力"),
        "{M}/speakers/02-li-shihong.md:8:3: 第 3 列有不可见的控制字符（U+0000），多半是从别处粘贴带来的。请删除它。",
    ),
    Case(
        "private_use_char",
        _m(S1, "选树市级", "选树\U0010fffd市级"),
        "{M}/speakers/01-zhang-xiaomei.md:8: 字符“􏿽”（U+10FFFD）在“song”字体（Noto Serif CJK SC Regular）中都没有，印出来会是空白方框。请改用常用字形，或在版式中为该字体角色加一个含此字的后备字体。",
    ),
    Case(
        "ext_b_char_in_body",
        _m(S2, "一是统筹聚力", "一是统筹\U00020000聚力"),
        "{M}/speakers/02-li-shihong.md:8: 字符“𠀀”（U+20000）在“hei”字体（Noto Sans CJK SC Bold）中都没有，印出来会是空白方框。请改用常用字形，或在版式中为该字体角色加一个含此字的后备字体。",
    ),
    Case(
        "ext_b_char_in_title",
        _m("meeting.yaml", "真抓实干", "真抓\U00020000实干"),
        "{M}/meeting.yaml:13: 字符“𠀀”（U+20000）在“hei-heavy”字体（Noto Sans CJK SC Black）中都没有，印出来会是空白方框。请改用常用字形，或在版式中为该字体角色加一个含此字的后备字体。",
    ),
    Case(
        "ext_b_char_in_name",
        _m(S1, "name: 张小梅", "name: 张\U00020000梅"),
        "{M}/speakers/01-zhang-xiaomei.md:4: 字符“𠀀”（U+20000）在“kai”字体（LXGW WenKai Regular、Noto Serif CJK SC Regular）中都没有，印出来会是空白方框。请改用常用字形，或在版式中为该字体角色加一个含此字的后备字体。",
    ),
    # --- portraits ----------------------------------------------------------
    Case(
        "portrait_missing",
        _portrait(None),
        "{M}/speakers/01-zhang-xiaomei.md:5: 找不到照片文件“portraits/zhang.png”。请检查文件名，照片路径相对于会议文件夹。",
    ),
    Case(
        "portrait_corrupt",
        _portrait(b"\x89PNG\r\n\x1a\nthis is not a picture"),
        "{M}/speakers/01-zhang-xiaomei.md:5: 照片“zhang.png”无法读取，文件可能已损坏或不是 JPEG/PNG 图片。请重新导出照片。",
    ),
    Case(
        "portrait_truncated",
        _portrait(_tiny_png()[:60]),
        "{M}/speakers/01-zhang-xiaomei.md:5: 照片“zhang.png”无法读取，文件可能已损坏。请重新导出照片。",
    ),
    Case(
        "portrait_text_file",
        _portrait("一张照片".encode()),
        "{M}/speakers/01-zhang-xiaomei.md:5: 照片“zhang.png”无法读取，文件可能已损坏或不是 JPEG/PNG 图片。请重新导出照片。",
    ),
    Case(
        "portrait_huge",
        _portrait(_png_header(20_000, 20_000)),
        "{M}/speakers/01-zhang-xiaomei.md:5: 照片“zhang.png”像素过多（超过 40 百万像素）。请缩小到 3000 像素以内再用。",
    ),
    Case(
        "portrait_outside_meeting",
        _portrait(None, "../../etc/passwd"),
        "{M}/speakers/01-zhang-xiaomei.md:5: 照片路径“../../etc/passwd”指向会议文件夹之外，不允许。请把照片放进会议文件夹（例如 portraits/）再写相对路径。",
    ),
    Case(
        "portrait_absolute",
        _portrait(None, "/etc/passwd"),
        "{M}/speakers/01-zhang-xiaomei.md:5: 照片路径“/etc/passwd”指向会议文件夹之外，不允许。请把照片放进会议文件夹（例如 portraits/）再写相对路径。",
    ),
    Case(
        "portrait_not_text",
        _portrait(None, "[a.png, b.png]"),
        "{M}/speakers/01-zhang-xiaomei.md:5: portrait（照片）应为图片文件名，例如 portraits/zhang.jpg。",
    ),
    Case(
        "portrait_is_folder",
        _portrait(None, "speakers"),
        "{M}/speakers/01-zhang-xiaomei.md:5: 照片路径“speakers”是一个文件夹，不是图片文件。请写出照片的文件名，例如 portraits/zhang.jpg。",
    ),
    # --- layouts ------------------------------------------------------------
    Case(
        "layout_unknown",
        lambda m, lay: "broadshet",
        "broadshet: 没有名为“broadshet”的版式。是不是要写“broadsheet”？可用的版式：a4-bulletin、broadsheet、tabloid。运行 publish layouts 查看说明。",
    ),
    Case(
        "layout_folder_without_yaml",
        lambda m, lay: ((lay / "layout.yaml").unlink(), str(lay))[1],
        "{L}: 版式文件夹里缺少 layout.yaml。版式文件夹应包含 layout.yaml（可复制 layouts/broadsheet 修改）。",
    ),
    Case(
        "layout_columns_negative",
        _l("layout.yaml", "columns: 6", "columns: -3"),
        f"{{L}}/layout.yaml:{_ln('columns: 6')}: columns 应为整数（1–20），现在是“-3”。",
    ),
    Case(
        "layout_columns_text",
        _l("layout.yaml", "columns: 6", "columns: six"),
        f"{{L}}/layout.yaml:{_ln('columns: 6')}: columns 应为整数（1–20），现在是“six”。",
    ),
    Case(
        "layout_size_huge",
        _l("layout.yaml", "size: 五号, leading: 20pt, indent: 2", "size: huge, leading: 20pt, indent: 2"),
        f"{{L}}/layout.yaml:{_ln('size: 五号, leading: 20pt, indent: 2')}: size：“huge”不是长度。请写成 9pt、3mm、1.5em 或字号名（如 小五、五号）。",
    ),
    Case(
        "layout_color_rgb",
        _l("layout.yaml", "red: [0, 100, 100, 0]", "red: [255, 0, 0]"),
        f"{{L}}/layout.yaml:{_ln('red: [0, 100, 100, 0]')}: 颜色“red”应写成 CMYK 四个 0–100 的数，例如 [0, 100, 100, 0]（印刷只用 CMYK）。",
    ),
    Case(
        "layout_color_hex",
        _l("layout.yaml", "red: [0, 100, 100, 0]", "red: '#ff0000'"),
        f"{{L}}/layout.yaml:{_ln('red: [0, 100, 100, 0]')}: 颜色“red”应写成 CMYK 四个 0–100 的数，例如 [0, 100, 100, 0]（印刷只用 CMYK）。",
    ),
    Case(
        "layout_unknown_style_key",
        _l("layout.yaml", "masthead: {font: hei, size: 11pt", "masthead: {font: hei, szie: 11pt"),
        f"{{L}}/layout.yaml:{_ln('masthead: {font: hei')}: 样式“masthead”中没有“szie”这一项。是不是要写“size”？",
    ),
    Case(
        "layout_indent_continues_value",
        _l("layout.yaml", "  columns: 6", "  columns: 6\n   gutter 5mm"),
        f"{{L}}/layout.yaml:{_ln('columns: 6')}: columns 应为整数（1–20），现在是“6 gutter 5mm”。",
    ),
    Case(
        "layout_broken_yaml",
        _l("layout.yaml", "  gutter: 5mm", " gutter: 5mm"),
        f"{{L}}/layout.yaml:{_ln('  gutter: 5mm')}: 格式错误（YAML）：缩进不一致。请检查这一行及上一行的冒号、缩进和引号。",
    ),
    Case(
        "layout_empty",
        _l("layout.yaml", (LAYOUT / "layout.yaml").read_text("utf-8"), ""),
        "{L}/layout.yaml:1: 版式文件是空的。请从 layouts/broadsheet/layout.yaml 复制一份再修改。",
    ),
    Case(
        "layout_trim_wrong",
        _l("layout.yaml", "trim: [390mm, 540mm]", "trim: 390mm"),
        f"{{L}}/layout.yaml:{_ln('trim: [390mm, 540mm]')}: trim（成品尺寸）应写成 [宽, 高]，例如 [390mm, 540mm]。",
    ),
    Case(
        "layout_bad_regex",
        _l("layout.yaml", "point_pattern: '^[", "point_pattern: '(^["),
        f"{{L}}/layout.yaml:{_ln('point_pattern:')}: point_pattern 不是有效的正则表达式：missing ), unterminated subpattern at position 0。",
    ),
    Case(
        "layout_unknown_font_role",
        _l("layout.yaml", "  body: {font: song,", "  body: {font: sonng,"),
        f"{{L}}/layout.yaml:{_ln('  body: {font: song,')}: 样式“body”的字体“sonng”没有在 fonts 中定义。是不是要写“song”？",
    ),
    # A role's font that is not installed: exit 2 (issue 17), naming the layout line to change.
    Case(
        "layout_font_not_installed",
        _l("layout.yaml", 'song: ["Noto Serif CJK SC"]', 'song: ["No Such Font SC"]'),
        f'{{L}}/layout.yaml:{SONG_LINE}: 字体角色“song”要用的字体“No Such Font SC”没有安装。请先安装这个字体，或改版式这一行：换成已安装的字体（fc-list :lang=zh 可查看），或写成 song: {{font: ["No Such Font SC"], fallback: ["替代字体"]}} 明确允许替代。',
    ),
    Case(
        "layout_missing_template",
        _l("layout.yaml", "template: title.j2", "template: titel.j2"),
        f"{{L}}/layout.yaml:{_ln('template: title.j2')}: 模板文件“titel.j2”不存在（在 broadsheet/templates/ 和 _shared/templates/ 中都没有）。请改正文件名，或在版式的 templates/ 文件夹中创建它。",
    ),
    # --- templates ----------------------------------------------------------
    Case(
        "template_syntax_error",
        _tpl("title.j2", "{{ title }}\n{% if title %}\n{{ title }\n"),
        "{L}/templates/title.j2:3: 模板语法错误：这里不应出现“}”（检查 {{ }} 和 {% %} 是否成对）。",
    ),
    Case(
        "template_unclosed_block",
        _tpl("title.j2", "{% if title %}\n{{ title }}\n"),
        "{L}/templates/title.j2:2: 模板语法错误：“{% if %}”没有结束标记（应有 'elif' 或 'else' 或 'endif'）。",
    ),
    Case(
        "template_undefined_name",
        _tpl("title.j2", "{{ title }}\n{{ titel }}\n"),
        "{L}/templates/title.j2:2: 模板里用了未定义的名字：“titel”。请检查拼写；可用的名字见 layouts/README.md。",
    ),
    Case(
        "template_undefined_attribute",
        _tpl("byline.j2", "\n{{ byline.reporter }}\n"),
        "{L}/templates/byline.j2:2: 模板里用了未定义的名字：“Byline”没有“reporter”这一项。请检查拼写；可用的名字见 layouts/README.md。",
    ),
    Case(
        "template_sandbox_mro",
        _tpl("title.j2", "{{ title }}\n{{ meeting.__class__.__mro__ }}\n"),
        "{L}/templates/title.j2:2: 模板不允许访问内部属性（“__class__”）。模板只能使用 meeting、publication、title 等公开的名字，见 layouts/README.md。",
    ),
    Case(
        "template_private_attribute",
        _tpl("title.j2", "{{ meeting._private() }}\n"),
        "{L}/templates/title.j2:1: 模板里用了未定义的名字：“Meeting”没有“_private”这一项。请检查拼写；可用的名字见 layouts/README.md。",
    ),
    Case(
        "template_unsafe_call",
        _tpl("title.j2", "{{ title.format.__globals__ }}\n"),
        "{L}/templates/title.j2:1: 模板不允许访问内部属性（“__globals__”）。模板只能使用 meeting、publication、title 等公开的名字，见 layouts/README.md。",
    ),
    Case(
        "template_filter_type_error",
        _tpl("title.j2", "{{ title }}\n{{ title | cn_number }}\n"),
        "{L}/templates/title.j2:2: 模板出错：invalid literal for int() with base 10: '坚定信心 真抓实干 奋力夺取一季度全区经济社会发展“开门红”'。",
    ),
]
