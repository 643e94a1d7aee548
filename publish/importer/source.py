"""Reading reporter copy: .txt in whatever encoding it came in, or .docx paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..safeio import check_zip, read_bytes

# Invisible characters a paste or a PDF extraction leaves behind; they are not text.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff]")


@dataclass(frozen=True)
class RawLine:
    text: str  # stripped of surrounding spaces (including 全角 indent)
    line: int  # line in the .txt, paragraph number in the .docx
    indent: int  # characters stripped at the start, so columns can be given


@dataclass
class SourceText:
    path: Path
    lines: list[RawLine]
    encoding: str
    notes: list[str]  # what was done while reading (encoding converted, invisibles dropped)


def read_source(path: Path) -> SourceText:
    if not path.exists():
        raise InputError(Problem(str(path), None, "找不到要导入的文件。请检查文件名和路径。"))
    if path.is_dir():
        raise InputError(Problem(str(path), None, "这是一个文件夹。请给出记者稿文件（.txt 或 .docx）。"))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _read_docx(path)
    if suffix in (".doc", ".wps", ".pdf", ".rtf"):
        raise InputError(
            Problem(
                str(path),
                None,
                f"不能直接导入 {suffix} 文件。请在 Word/WPS 中另存为 .docx，或另存为纯文本 .txt 后再导入。",
            )
        )
    return _read_txt(path)


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8", errors="strict"), "UTF-8（带 BOM）"
        except UnicodeDecodeError as e:
            line = raw[: e.start + 3].count(b"\n") + 1
            raise InputError(
                Problem(
                    str(path),
                    line,
                    f"文件以 UTF-8 标记（BOM）开头，但第 {line} 行有不是 UTF-8 的字节。"
                    "请在编辑器中以 UTF-8 编码另存后再导入。",
                )
            ) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as e:
            line = raw[: e.start - e.start % 2].decode("utf-16", errors="replace").count("\n") + 1
            raise InputError(
                Problem(
                    str(path),
                    line,
                    f"文件是 UTF-16 编码，但第 {line} 行有损坏的字节。请在编辑器中以 UTF-8 编码另存后再导入。",
                )
            ) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        return raw.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError:
        line = raw[:first_bad].count(b"\n") + 1
        raise InputError(
            Problem(
                str(path),
                line,
                "无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030）。请在编辑器中以 UTF-8 编码另存后再导入。",
            )
        ) from None


def _read_txt(path: Path) -> SourceText:
    raw = read_bytes(path, "text")  # a regular file under the size limit (a FIFO would hang)
    text, encoding = _decode(raw, path)
    notes = []
    if encoding not in ("UTF-8",):
        notes.append(f"文件编码为 {encoding}，已转换为 UTF-8。")
    # A form feed is a page break in text taken from a PDF: a line break, not a character.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return SourceText(path, _lines(text.split("\n"), path, notes, numbers=None), encoding, notes)


def _read_docx(path: Path) -> SourceText:
    check_zip(path, "docx")  # no FIFO, no zip bomb
    try:
        import docx

        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises several unrelated types for a bad file
        raise InputError(
            Problem(
                str(path),
                None,
                f"无法读取这个 .docx 文件（{type(e).__name__}）。请用 Word/WPS 打开后重新另存为 .docx。",
            )
        ) from None
    texts, numbers = [], []
    n = 0
    for kind, item in _body_items(document):
        if kind == "table":
            # a table of names (职务 | 姓名): one line per row, cells apart as by a space
            for row in item.rows:
                cells = [c.text.strip() for c in row.cells]
                texts.append("\u3000".join(dict.fromkeys(c for c in cells if c)))
                numbers.append(n + 1)
            continue
        n += 1
        # A soft line break inside a Word paragraph is a line of its own, as in a .txt.
        for piece in re.split(r"[\n\v]", _marked(item)):
            texts.append(piece)
            numbers.append(n)
    notes = [".docx 按段落编号：下文的“行号”是 Word 里的第几段（表格的行记在它后面那一段）。"]
    return SourceText(path, _lines(texts, path, notes, numbers), "docx", notes)


def _body_items(document):
    """Paragraphs and tables in the order they stand in the document."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "p", Paragraph(child, document)
        elif tag == "tbl":
            yield "table", Table(child, document)


_POINT_LEAD = re.compile(r"^[一二三四五六七八九十]+是[^。！？]*[。！？]")


def _marked(para) -> str:
    """The paragraph's text; in running text a reporter's bold words become **…** (the content
    files' bold), except a bold “一是……。” lead, which every layout bolds by itself. A paragraph
    bold throughout is a heading, and stays plain so its shape can be read."""
    runs = [(r.text, bool(r.bold)) for r in para.runs]
    text = para.text
    bold = [b for t, b in runs if t.strip()]
    if not any(bold) or all(bold) or len(text) < 40 or "".join(t for t, _ in runs) != text:
        return text
    out, pos = [], 0
    auto = m.end() if (m := _POINT_LEAD.match(text)) else 0
    for t, b in runs:
        s, pos = pos, pos + len(t)
        out.append(f"**{t}**" if b and t.strip() and s >= auto else t)
    return "".join(out).replace("****", "")


def _lines(texts: list[str], path: Path, notes: list[str], numbers: list[int] | None) -> list[RawLine]:
    out = []
    dropped = 0
    for i, t in enumerate(texts):
        t, n = _INVISIBLE.subn("", t)
        dropped += n
        stripped = t.strip(" \t\u3000\u00a0")
        if not stripped:
            continue
        indent = len(t) - len(t.lstrip(" \t\u3000\u00a0"))
        out.append(RawLine(stripped, numbers[i] if numbers else i + 1, indent))
    if dropped:
        notes.append(f"删除了 {dropped} 个不可见的控制字符（粘贴带来的，不是正文）。")
    return out
