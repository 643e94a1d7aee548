"""Hostile and damaged files: FIFOs, devices, links out of the folder, bombs, huge
and out-of-range values. Each probe is bounded in time and memory and names the
exact message and exit status; nothing outside the output folder is touched."""

from __future__ import annotations

import os
import re
import socket
import time
import zipfile

import pytest

from .bounded import bounded, cli
from .helpers import build, copy_layout, copy_meeting, edit

S1 = "speakers/01-zhang-xiaomei.md"


def _build_probe(tmp_path, m, layout="broadsheet", seconds=60, mem_mb=1024):
    out = tmp_path / "out"
    res = bounded(build, m, out, layout, seconds=seconds, mem_mb=mem_mb)
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
    return res.status, res.first.replace(str(m), "{M}")


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


# --- content files: kind of file, links, size ----------------------------------------------


def test_speaker_file_is_a_fifo(tmp_path):
    m = copy_meeting(tmp_path)
    (m / S1).unlink()
    os.mkfifo(m / S1)
    assert _build_probe(tmp_path, m) == (
        2,
        "{M}/speakers/01-zhang-xiaomei.md: 这不是普通文件，而是命名管道（FIFO），不能作为内容文件读取。请换成真正的文件。",
    )


def test_meeting_yaml_is_a_fifo(tmp_path):
    m = copy_meeting(tmp_path)
    (m / "meeting.yaml").unlink()
    os.mkfifo(m / "meeting.yaml")
    assert _build_probe(tmp_path, m) == (
        2,
        "{M}/meeting.yaml: 这不是普通文件，而是命名管道（FIFO），不能作为内容文件读取。请换成真正的文件。",
    )


def test_speaker_file_is_dev_zero(tmp_path):
    m = copy_meeting(tmp_path)
    (m / S1).unlink()
    (m / S1).symlink_to("/dev/zero")
    assert _build_probe(tmp_path, m) == (
        2,
        f"{{M}}/{S1}: 这是指向“{{M}}”之外的链接（或路径），不允许读取。请把真正的文件复制进来，而不是放一个链接。",
    )


def test_speaker_file_is_a_socket(tmp_path):
    m = copy_meeting(tmp_path)
    (m / S1).unlink()
    s = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    os.chdir(m / "speakers")  # a relative name: AF_UNIX paths are limited to 108 bytes
    try:
        s.bind("01-zhang-xiaomei.md")
    finally:
        os.chdir(here)
    try:
        assert _build_probe(tmp_path, m) == (
            2,
            f"{{M}}/{S1}: 这不是普通文件，而是套接字（socket），不能作为内容文件读取。",
        )
    finally:
        s.close()


def test_speaker_file_links_out_of_meeting(tmp_path):
    m = copy_meeting(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text((m / S1).read_text("utf-8"), "utf-8")
    (m / S1).unlink()
    (m / S1).symlink_to(secret)
    assert _build_probe(tmp_path, m) == (
        2,
        f"{{M}}/{S1}: 这是指向“{{M}}”之外的链接（或路径），不允许读取。请把真正的文件复制进来，而不是放一个链接。",
    )


def test_link_inside_meeting_is_fine(tmp_path):
    m = copy_meeting(tmp_path)
    (m / "speakers" / "real.md").write_bytes((m / S1).read_bytes())
    (m / S1).unlink()
    (m / S1).symlink_to("real.md")
    assert bounded(build, m, tmp_path / "out", seconds=120).status == 0


def test_speaker_file_50_mb(tmp_path):
    m = copy_meeting(tmp_path)
    with open(m / S1, "ab") as f:
        f.truncate(50 * 1024 * 1024)
    assert _build_probe(tmp_path, m, seconds=30) == (
        2,
        f"{{M}}/{S1}: 文件有 50 MB，超过内容文件的上限 4.0 MB。请检查是不是选错了文件。",
    )


def test_speaker_file_is_a_folder(tmp_path):
    m = copy_meeting(tmp_path)
    (m / S1).unlink()
    (m / S1).mkdir()
    assert _build_probe(tmp_path, m) == (2, f"{{M}}/{S1}: 这是一个文件夹，不是文件。")


def test_speaker_file_unreadable_is_environment(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    m = copy_meeting(tmp_path)
    os.chmod(m / S1, 0)
    assert _build_probe(tmp_path, m) == (3, f"{{M}}/{S1}: 没有读取这个文件的权限。请检查文件权限（或换一个用户运行）。")


def test_portrait_is_a_fifo(tmp_path):
    m = copy_meeting(tmp_path)
    (m / "portraits").mkdir()
    os.mkfifo(m / "portraits" / "zhang.png")
    edit(m / S1, "name: 张小梅\n", "name: 张小梅\nportrait: portraits/zhang.png\n")
    assert _build_probe(tmp_path, m) == (
        2,
        f"{{M}}/{S1}:5: 照片“portraits/zhang.png”：这不是普通文件，而是命名管道（FIFO），不能作为照片读取。请换成真正的文件。",
    )


def test_portrait_too_big(tmp_path):
    m = copy_meeting(tmp_path)
    (m / "portraits").mkdir()
    with open(m / "portraits" / "zhang.png", "wb") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: costs no disk
    edit(m / S1, "name: 张小梅\n", "name: 张小梅\nportrait: portraits/zhang.png\n")
    assert _build_probe(tmp_path, m) == (
        2,
        f"{{M}}/{S1}:5: 照片“portraits/zhang.png”：文件有 60 MB，超过照片的上限 50 MB。请检查是不是选错了文件。",
    )


# --- YAML bombs and shapes ------------------------------------------------------------------


def test_yaml_alias_bomb_in_speaker(tmp_path):
    m = copy_meeting(tmp_path)
    text = (m / S1).read_text("utf-8")
    (m / S1).write_text(text.replace("name: 张小梅\n", "name: 张小梅\n" + _bomb()), "utf-8")
    t0 = time.monotonic()
    status, first = _build_probe(tmp_path, m, seconds=30, mem_mb=512)
    assert status == 2
    assert re.fullmatch(
        rf"\{{M\}}/{S1}:5: 格式错误（YAML）：别名（\*名称）展开后有 (\d+) 项，超过 200000 项的上限。"
        "内容文件不需要“&”锚点和“\\*”别名，请删去它们。",
        first,
    ), first
    assert int(re.search(r"有 (\d+) 项", first).group(1)) > 10**9
    assert time.monotonic() - t0 < 30


def test_yaml_alias_bomb_in_layout(tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    y = lay / "layout.yaml"
    y.write_text(y.read_text("utf-8") + "\n" + _bomb(), "utf-8")
    line = y.read_text("utf-8").count("\n") - 8
    status, first = _build_probe(tmp_path, m, str(lay), seconds=30, mem_mb=512)
    assert status == 2
    assert first.replace(str(lay), "{L}").startswith(
        f"{{L}}/layout.yaml:{line}: 格式错误（YAML）：别名（*名称）展开后有 "
    )
    assert int(re.search(r"有 (\d+) 项", first).group(1)) > 10**9


def test_yaml_5000_deep_list(tmp_path):
    m = copy_meeting(tmp_path)
    edit(m / "meeting.yaml", "reporters: [彭禹乔]", "reporters: " + "[" * 5000 + "]" * 5000)
    assert _build_probe(tmp_path, m, seconds=30) == (
        2,
        "{M}/meeting.yaml:16: 格式错误（YAML）：列表或子项嵌套超过 100 层。内容文件和版式只需要几层缩进，请检查括号是否配对。",
    )


def test_yaml_5000_deep_block_list(tmp_path):
    m = copy_meeting(tmp_path)
    deep = "".join("  " * i + "-\n" for i in range(150))
    (m / "meeting.yaml").write_text((m / "meeting.yaml").read_text("utf-8") + "extra:\n" + deep, "utf-8")
    status, first = _build_probe(tmp_path, m, seconds=30)
    assert status == 2 and "列表或子项嵌套超过 100 层" in first and first.startswith("{M}/meeting.yaml:")


@pytest.mark.parametrize(
    "escape,name",
    [
        ("\\x00", "U+0000"),
        ("\\x1b", "U+001B"),
        ("\\u202e", "RIGHT-TO-LEFT OVERRIDE（U+202E"),
        ("\\u200b", "ZERO WIDTH SPACE（U+200B"),
    ],
)
def test_yaml_escaped_control_character(tmp_path, escape, name):
    m = copy_meeting(tmp_path)
    edit(m / "meeting.yaml", "title: 坚定信心 真抓实干", f'title: "坚定信心{escape}[31m 真抓实干')
    (m / "meeting.yaml").write_text(
        (m / "meeting.yaml").read_text("utf-8").replace("“开门红”\n", '“开门红”"\n', 1), "utf-8"
    )
    status, first = _build_probe(tmp_path, m)
    assert status == 2
    assert first.startswith("{M}/meeting.yaml:13: 格式错误（YAML）：引号里用转义写出了不可见的控制字符")
    assert name in first


def test_control_characters_never_reach_the_terminal(tmp_path):
    """A key spelled with an escaped ESC: said at its line, the raw byte never printed."""
    m = copy_meeting(tmp_path)
    edit(m / "meeting.yaml", 'kicker: ""', '"kick\\x1b[2Jer": ""')
    r = cli("build", m, "-o", tmp_path / "out")
    assert r.returncode == 2
    assert "\x1b" not in r.stderr
    assert r.stderr.strip().endswith(
        "meeting.yaml:12: 格式错误（YAML）：引号里用转义写出了不可见的控制字符（U+001B）。"
        "请删去这个转义（反斜杠开头的 \\x、\\u 写法）。"
    )


def test_messages_show_control_characters_as_code_points():
    from publish.errors import Problem

    assert str(Problem("a\x1b[2J.md", 3, "“x\u202ey”")) == "a<U+001B>[2J.md:3: “x<U+202E>y”"


def test_meeting_yaml_in_utf16(tmp_path):
    m = copy_meeting(tmp_path)
    p = m / "meeting.yaml"
    p.write_bytes(p.read_text("utf-8").encode("utf-16"))
    assert _build_probe(tmp_path, m) == (
        2,
        "{M}/meeting.yaml:1: 文件是 UTF-16 编码（Windows 记事本的“Unicode”）。请在编辑器中以 UTF-8 编码另存此文件。",
    )


# --- values out of range ---------------------------------------------------------------------


_TITLE_TAIL = len(" 真抓实干 奋力夺取一季度全区经济社会发展“开门红”")

# One edit of one file, one message naming its line (exit 2): YAML keys that are no text,
# values out of range. (file, text, replaced by, the message.)
ONE_EDIT = [
    pytest.param(
        "meeting.yaml",
        'kicker: ""',
        "? [a, b]\n: 1",
        "{M}/meeting.yaml:12: 格式错误（YAML）：项目名（冒号前面）应是文字，这里却是列表或一组子项。请改成“名称: 内容”的写法。",
        id="yaml_unhashable_key",
    ),
    pytest.param(
        S1,
        "name: 张小梅",
        "{a: 1}: 张小梅",
        f"{{M}}/{S1}:4: 格式错误（YAML）：项目名（冒号前面）应是文字，这里却是列表或一组子项。请改成“名称: 内容”的写法。",
        id="yaml_flow_mapping_key",
    ),
    pytest.param(
        "meeting.yaml",
        "date: 2026-02-05",
        "date: 2206-02-05",
        "{M}/meeting.yaml:5: 出版日期“2206-02-05”的年份 2206 不在 1949–2100 之间，多半是笔误。请改正。",
        id="date_typo_year_2206",
    ),
    pytest.param(
        "meeting.yaml",
        "date: 2026-02-05",
        "date: 0001-01-01",
        "{M}/meeting.yaml:5: 出版日期“0001-01-01”的年份 1 不在 1949–2100 之间，多半是笔误。请改正。",
        id="date_year_1",
    ),
    pytest.param(
        "meeting.yaml",
        "page_number: 3",
        "page_number: " + "9" * 5000,
        "{M}/meeting.yaml:6: 版次应为正整数（例如 3），现在是“" + "9" * 30 + "…（共 5000 个字符）”。",
        id="page_number_5000_digits",
    ),
    pytest.param(
        "meeting.yaml",
        "page_number: 3",
        "page_number: 123456",
        "{M}/meeting.yaml:6: 版次 123456 太大（最多 999），多半是笔误。请改正。",
        id="page_number_too_big",
    ),
    pytest.param(
        "meeting.yaml",
        "title: 坚定信心 真抓实干",
        "title: " + "坚" * 600 + " 真抓实干",
        f"{{M}}/meeting.yaml:13: 主题（title）有 {600 + _TITLE_TAIL} 个字，超过 200 字的上限，排不进一行标题或署名。"
        "请删短，或把多余的文字移到正文。",
        id="title_600_characters_is_the_titles_problem",
    ),
]


@pytest.mark.parametrize("file,old,new,message", ONE_EDIT)
def test_one_edit_one_message(tmp_path, file, old, new, message):
    m = copy_meeting(tmp_path)
    edit(m / file, old, new)
    assert _build_probe(tmp_path, m) == (2, message)


def test_title_100k_characters(tmp_path):
    m = copy_meeting(tmp_path)
    edit(m / "meeting.yaml", "title: 坚定信心 真抓实干", "title: " + "坚" * 100_000 + " 真抓实干")
    status, first = _build_probe(tmp_path, m, seconds=30)
    assert status == 2 and first.startswith("{M}/meeting.yaml:13: 主题（title）有 1000")
    assert "-5396" not in first


def test_did_you_mean_is_not_quadratic(tmp_path):
    """3000 speakers listed, none with a file, 3000 files with other names: a few seconds, not minutes."""
    m = copy_meeting(tmp_path)
    for i in range(3000):
        (m / "speakers" / f"{i:04d}-file-{i * 7919 % 10007}.md").write_text("", "utf-8")
    order = "".join(f"  - {i:04d}-name-{i}\n" for i in range(3000))
    text = (m / "meeting.yaml").read_text("utf-8")
    (m / "meeting.yaml").write_text(text[: text.index("speakers:\n")] + "speakers:\n" + order, "utf-8")
    t0 = time.monotonic()
    status, first = _build_probe(tmp_path, m, seconds=60)
    assert status == 2 and first.startswith("{M}/meeting.yaml:")
    assert time.monotonic() - t0 < 60


# --- layout files ---------------------------------------------------------------------------


def test_icc_profile_dev_zero(tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    y = lay / "layout.yaml"
    import re

    y.write_text(re.sub(r"(\n  icc_profile:).*", r"\1 /dev/zero", y.read_text("utf-8")), "utf-8")
    status, first = _build_probe(tmp_path, m, str(lay), seconds=60, mem_mb=1024)
    assert (status, first.replace(str(lay), "{L}")) == (
        2,
        "{L}/layout.yaml: 输出意图特性文件“/dev/zero”（print: icc_profile）：这不是普通文件，而是设备文件，不能作为ICC 色彩配置文件读取。请换成真正的文件。",
    )


def test_icc_profile_fifo(tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    os.mkfifo(lay / "x.icc")
    y = lay / "layout.yaml"
    import re

    y.write_text(re.sub(r"(\n  icc_profile:).*", r"\1 x.icc", y.read_text("utf-8")), "utf-8")
    status, first = _build_probe(tmp_path, m, str(lay), seconds=60)
    assert (status, first.replace(str(lay), "{L}")) == (
        2,
        "{L}/layout.yaml: 输出意图特性文件“x.icc”（print: icc_profile）：这不是普通文件，而是命名管道（FIFO），不能作为ICC 色彩配置文件读取。请换成真正的文件。",
    )


def test_layout_yaml_is_a_fifo(tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    (lay / "layout.yaml").unlink()
    os.mkfifo(lay / "layout.yaml")
    status, first = _build_probe(tmp_path, m, str(lay))
    assert (status, first.replace(str(lay), "{L}")) == (
        2,
        "{L}/layout.yaml: 这不是普通文件，而是命名管道（FIFO），不能作为版式文件读取。请换成真正的文件。",
    )


# --- import: sources and the output folder -------------------------------------------------

ARTICLE = b"\xe5\x9d\x9a\xe5\xae\x9a\xe4\xbf\xa1\xe5\xbf\x83\n"


def _import(src, out, force=False):
    from publish.importer import import_file

    return import_file(src, out, force=force).format()


def test_import_source_fifo(tmp_path):
    os.mkfifo(tmp_path / "src.txt")
    res = bounded(_import, tmp_path / "src.txt", tmp_path / "m", seconds=30)
    assert (res.status, res.first) == (
        2,
        f"{tmp_path}/src.txt: 这不是普通文件，而是命名管道（FIFO），不能作为文本文件读取。请换成真正的文件。",
    )


def test_import_source_20_mb(tmp_path):
    src = tmp_path / "src.txt"
    with open(src, "wb") as f:
        f.truncate(20 * 1024 * 1024)
    res = bounded(_import, src, tmp_path / "m", seconds=30)
    assert (res.status, res.first) == (2, f"{src}: 文件有 20 MB，超过文本文件的上限 8.0 MB。请检查是不是选错了文件。")


def test_import_utf16_with_bad_bytes(tmp_path):
    src = tmp_path / "src.txt"
    src.write_bytes("标题\n第二行\n".encode("utf-16") + b"\x00\xd8\x41\x00\n\x00")
    res = bounded(_import, src, tmp_path / "m", seconds=30)
    assert (res.status, res.first) == (
        2,
        f"{src}:3: 文件是 UTF-16 编码，但第 3 行有损坏的字节。请在编辑器中以 UTF-8 编码另存后再导入。",
    )


def test_import_utf8_bom_with_bad_bytes(tmp_path):
    src = tmp_path / "src.txt"
    src.write_bytes(b"\xef\xbb\xbf" + "标题\n".encode() + b"\xff\xfe bad\n")
    res = bounded(_import, src, tmp_path / "m", seconds=30)
    assert (res.status, res.first) == (
        2,
        f"{src}:2: 文件以 UTF-8 标记（BOM）开头，但第 2 行有不是 UTF-8 的字节。请在编辑器中以 UTF-8 编码另存后再导入。",
    )


def test_import_docx_zip_bomb(tmp_path):
    src = tmp_path / "bomb.docx"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"<w:t>" + b"A" * (1 << 20) + b"</w:t>"
            for _ in range(600):
                f.write(chunk)
    assert src.stat().st_size < 3 * 1024 * 1024
    res = bounded(_import, src, tmp_path / "m", seconds=60, mem_mb=512)
    assert res.status == 2
    assert res.first.startswith(f"{src}: 这个Word 文件的部件“word/document.xml”解压后有 600 MB（压缩比 ")
    assert res.first.endswith("超出上限（128 MB，200:1），不像是正常的文件（“压缩炸弹”）。请用 Word/WPS 重新另存。")


def test_import_docx_not_a_zip(tmp_path):
    src = tmp_path / "a.docx"
    src.write_bytes(b"not a zip at all")
    res = bounded(_import, src, tmp_path / "m", seconds=30)
    assert (res.status, res.first) == (
        2,
        f"{src}: 这个Word 文件已损坏或不是 DOCX 文件（BadZipFile）。请用 Word/WPS 打开后重新另存。",
    )
