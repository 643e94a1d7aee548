"""Reading the user's text files: encoding, control characters, YAML with line numbers.

Shared by the content loader and the layout loader so that both point at FILE:LINE.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

# Tabs and newlines are text; every other control character is an invisible
# paste accident that would print as nothing or as a box.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff]")


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM is dropped), CRLF folded; anything else is an InputError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(str(path), None, "文件不存在。请检查文件名和路径。")) from None
    except IsADirectoryError:
        raise InputError(Problem(str(path), None, "这是一个文件夹，不是文件。")) from None
    except OSError as e:
        raise InputError(Problem(str(path), None, f"无法读取文件：{e.strerror}。")) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "看起来是 GBK/GB18030 编码，"
        except UnicodeDecodeError:
            pass
        raise InputError(Problem(str(path), line,
                                 f"文件不是 UTF-8 编码（{hint}第 {line} 行有无法识别的字节）。"
                                 "请在编辑器中以 UTF-8 编码另存此文件。")) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = []
    for lineno, line in enumerate(text.split("\n"), 1):
        for m in _CONTROL.finditer(line):
            # C0/C1 controls have no Unicode name; the code point alone is enough then.
            name = unicodedata.name(m.group(), "")
            problems.append(Problem(str(path), lineno,
                                    f"第 {m.start() + 1} 列有不可见的控制字符{' ' + name if name else ''}（U+{ord(m.group()):04X}），"
                                    "多半是从别处粘贴带来的。请删除它。", col=m.start() + 1))
    if problems:
        raise InputError(problems)
    return text


class LocDict(dict):
    """A YAML mapping that remembers the line of itself and of each key."""
    line: int = 0

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.lines: dict[Any, int] = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LocList(list):
    line: int = 0

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.lines: list[int] = []


class _Loader(yaml.SafeLoader):
    pass


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        self.key, self.line = key, line


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    d = LocDict()
    d.line = node.start_mark.line + 1
    for k_node, v_node in node.value:
        key = loader.construct_object(k_node, deep=True)
        if key in d:
            raise _DuplicateKey(key, k_node.start_mark.line + 1)
        d[key] = loader.construct_object(v_node, deep=True)
        d.lines[key] = k_node.start_mark.line + 1
    return d


def _construct_sequence(loader, node):
    lst = LocList(loader.construct_object(n, deep=True) for n in node.value)
    lst.line = node.start_mark.line + 1
    lst.lines = [n.start_mark.line + 1 for n in node.value]
    return lst


def _construct_timestamp(loader, node):
    # 2026-02-30 looks like a date to YAML but is none; keep it as text so the
    # loader can say which date is wrong instead of crashing.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """YAML to LocDict/LocList; first_line shifts line numbers (front matter inside a file)."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except _DuplicateKey as e:
        raise InputError(Problem(str(path), e.line + first_line - 1,
                                 f"“{e.key}”出现了两次。每一项只能写一次，请删去重复的一行。")) from None
    except yaml.MarkedYAMLError as e:
        what = (e.problem or "").strip()
        mark = e.problem_mark or e.context_mark
        # An unclosed quote or bracket is only noticed at the end of the text or
        # on a later line; the editor has to fix the line where it was opened.
        if e.context_mark and (what.startswith("found unexpected end of stream")
                               or what.startswith("expected ',' or")):
            mark = e.context_mark
        line = mark.line + first_line if mark else None
        raise InputError(Problem(str(path), line,
                                 f"格式错误（YAML）：{_yaml_hint(what)}。"
                                 "请检查这一行及上一行的冒号、缩进和引号。")) from None
    except yaml.YAMLError as e:
        raise InputError(Problem(str(path), None, f"格式错误（YAML）：{e}")) from None
    if first_line != 1:
        _shift(data, first_line - 1)
    return data


def _shift(node, by):
    if isinstance(node, LocDict):
        node.line += by
        node.lines = {k: v + by for k, v in node.lines.items()}
        for v in node.values():
            _shift(v, by)
    elif isinstance(node, LocList):
        node.line += by
        node.lines = [v + by for v in node.lines]
        for v in node:
            _shift(v, by)


_YAML_HINTS = {
    "mapping values are not allowed here": "这里不能出现冒号“:”（值里有英文冒号时请给整个值加引号）",
    "could not find expected ':'": "缺少英文冒号“:”",
    "found character '\\t' that cannot start any token": "用了制表符（Tab）缩进，请改用空格",
    "found unexpected end of stream": "引号没有配对",
    "expected <block end>, but found": "缩进不一致",
    "expected ',' or ']'": "方括号“[”没有配对的“]”，或列表项之间缺少逗号",
    "expected ',' or '}'": "花括号“{”没有配对的“}”，或各项之间缺少逗号",
    "found unknown escape character": "双引号里的反斜杠“\\”不能这样用（请改用单引号，或写成“\\\\”）",
    "found undefined alias": "出现了未定义的“*”别名",
}


def _yaml_hint(problem: str) -> str:
    for k, v in _YAML_HINTS.items():
        if problem.startswith(k):
            return v
    return problem or "无法解析"


# --- schema checks -------------------------------------------------------------

def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"是不是要写“{close[0]}”？" if close else ""


def check_keys(d: LocDict, known: dict[str, str], required: set[str], path: Path,
               what: str) -> list[Problem]:
    """Unknown keys (with a suggestion) and missing required keys of one mapping.

    known maps each key to its Chinese name, used in the messages."""
    problems = []
    for key in d:
        if key not in known:
            hint = did_you_mean(key, known) or "可用的项：" + "、".join(f"{k}（{v}）" for k, v in known.items()) + "。"
            problems.append(Problem(str(path), d.line_of(key), f"{what}中没有“{key}”这一项。{hint}"))
    for key in known:
        if key in required and (key not in d or d[key] is None or d[key] == ""):
            line = d.line_of(key) if key in d else d.line
            problems.append(Problem(str(path), line,
                                    f"缺少必填项“{key}”（{known[key]}）。请添加一行“{key}: …”。"))
    return problems
