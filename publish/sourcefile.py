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

from . import limits
from .errors import InputError, Problem
from .safeio import read_bytes

# Tabs and newlines are text; every other control character is an invisible
# paste accident that would print as nothing or as a box.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff]")


def read_text(path: Path, kind: str = "content", root: Path | None = None) -> str:
    """The file as text: UTF-8 (a BOM is dropped), CRLF folded; anything else is an InputError.

    The read is checked first (safeio): a regular file under the size limit of its
    kind, and no link out of root (the meeting or layout folder) when one is given."""
    raw = read_bytes(path, kind, root)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            Problem(
                str(path), 1, "文件是 UTF-16 编码（Windows 记事本的“Unicode”）。请在编辑器中以 UTF-8 编码另存此文件。"
            )
        )
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
        raise InputError(
            Problem(
                str(path),
                line,
                f"文件不是 UTF-8 编码（{hint}第 {line} 行有无法识别的字节）。请在编辑器中以 UTF-8 编码另存此文件。",
            )
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = []
    for lineno, row in enumerate(text.split("\n"), 1):
        for m in _CONTROL.finditer(row):
            # C0/C1 controls have no Unicode name; the code point alone is enough then.
            name = unicodedata.name(m.group(), "")
            problems.append(
                Problem(
                    str(path),
                    lineno,
                    f"第 {m.start() + 1} 列有不可见的控制字符{' ' + name if name else ''}（U+{ord(m.group()):04X}），"
                    "多半是从别处粘贴带来的。请删除它。",
                    col=m.start() + 1,
                )
            )
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


class _YamlProblem(Exception):
    """A located problem found while composing or constructing (line is 1-based)."""

    def __init__(self, line, message):
        self.line, self.message = line, message


def _compose_node(loader, parent, index):
    # Nesting is bounded before Python's recursion limit is (a 5000-deep list).
    loader.depth = getattr(loader, "depth", 0) + 1
    try:
        if loader.depth > limits.YAML_DEPTH:
            raise _YamlProblem(
                loader.peek_event().start_mark.line + 1,
                f"列表或子项嵌套超过 {limits.YAML_DEPTH} 层。内容文件和版式只需要几层缩进，请检查括号是否配对",
            )
        return yaml.composer.Composer.compose_node(loader, parent, index)
    finally:
        loader.depth -= 1


def _expanded_size(root) -> int:
    """Nodes the document has once every alias (*name) is expanded: a few lines of
    nested anchors expand to billions ("billion laughs"). Counted without expanding."""
    sizes: dict[int, int] = {}
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        kids = []
        if isinstance(node, yaml.SequenceNode):
            kids = node.value
        elif isinstance(node, yaml.MappingNode):
            kids = [n for pair in node.value for n in pair]
        if done:
            sizes[id(node)] = min(1 + sum(sizes.get(id(k), 0) for k in kids), 1 << 62)
            continue
        stack.append((node, True))
        stack.extend((k, False) for k in kids if id(k) not in sizes)
    return sizes.get(id(root), 0)


def _construct_str(loader, node):
    value = loader.construct_scalar(node)
    # Escapes in double quotes ("\x1b", "\u202e", "\x00") make control characters the
    # raw-text check cannot see.
    m = _CONTROL.search(value) if node.style == '"' else None
    if m:
        name = unicodedata.name(m.group(), "")
        raise _YamlProblem(
            node.start_mark.line + 1,
            f"引号里用转义写出了不可见的控制字符{' ' + name if name else ''}（U+{ord(m.group()):04X}）。"
            "请删去这个转义（反斜杠开头的 \\x、\\u 写法）",
        )
    return value


def _or_text(construct):
    """YAML's constructor, but a value it cannot make is kept as the text written, so
    the reader of the value can say what is wrong at its line instead of crashing:
    a 5000-digit number is beyond Python's int-from-text limit, 2026-02-30 looks like
    a date to YAML but is none."""

    def construct_or_text(loader, node):
        try:
            return construct(loader, node)
        except ValueError:
            return loader.construct_scalar(node)

    return construct_or_text


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    d = LocDict()
    d.line = node.start_mark.line + 1
    for k_node, v_node in node.value:
        key = loader.construct_object(k_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise _YamlProblem(
                k_node.start_mark.line + 1,
                "项目名（冒号前面）应是文字，这里却是列表或一组子项。请改成“名称: 内容”的写法",
            ) from None
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


_Loader.compose_node = _compose_node  # type: ignore[method-assign]
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _or_text(yaml.SafeLoader.construct_yaml_timestamp))
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:int", _or_text(yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """YAML to LocDict/LocList; first_line shifts line numbers (front matter inside a file)."""
    try:
        data = _load(text)
    except _YamlProblem as e:
        raise InputError(Problem(str(path), e.line + first_line - 1, f"格式错误（YAML）：{e.message}。")) from None
    except RecursionError:
        raise InputError(
            Problem(str(path), None, "格式错误（YAML）：列表或子项嵌套太深。请检查括号是否配对。")
        ) from None
    except _DuplicateKey as e:
        raise InputError(
            Problem(str(path), e.line + first_line - 1, f"“{e.key}”出现了两次。每一项只能写一次，请删去重复的一行。")
        ) from None
    except yaml.MarkedYAMLError as e:
        what = (e.problem or "").strip()
        mark = e.problem_mark or e.context_mark
        # An unclosed quote or bracket is only noticed at the end of the text or
        # on a later line; the editor has to fix the line where it was opened.
        if e.context_mark and (what.startswith("found unexpected end of stream") or what.startswith("expected ',' or")):
            mark = e.context_mark
        line = mark.line + first_line if mark else None
        raise InputError(
            Problem(str(path), line, f"格式错误（YAML）：{_yaml_hint(what)}。请检查这一行及上一行的冒号、缩进和引号。")
        ) from None
    except yaml.YAMLError as e:
        raise InputError(Problem(str(path), None, f"格式错误（YAML）：{e}")) from None
    if first_line != 1:
        _shift(data, first_line - 1)
    return data


def _bracket_depth_line(text: str) -> int | None:
    """The line where [ / { nesting first passes the limit. Checked before YAML's own
    scanner, which slows down quadratically with nesting."""
    depth = 0
    line = 1
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > limits.YAML_DEPTH:
                return line
        elif ch in "]}":
            depth = max(depth - 1, 0)
        elif ch == "\n":
            line += 1
    return None


def _load(text: str):
    deep = _bracket_depth_line(text) if text.count("[") + text.count("{") > limits.YAML_DEPTH else None
    if deep:
        raise _YamlProblem(
            deep, f"列表或子项嵌套超过 {limits.YAML_DEPTH} 层。内容文件和版式只需要几层缩进，请检查括号是否配对"
        )
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node)
        if size > limits.YAML_NODES:
            line = _first_shared_line(node)
            raise _YamlProblem(
                line,
                f"别名（*名称）展开后有 {size} 项，超过 {limits.YAML_NODES} 项的上限。"
                "内容文件不需要“&”锚点和“*”别名，请删去它们",
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _first_shared_line(root) -> int:
    """The line of the first anchored node (one that more than one place refers to)."""
    refs: dict[int, int] = {}
    nodes, seen, stack = {}, set(), [root]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        kids = (
            n.value
            if isinstance(n, yaml.SequenceNode)
            else ([x for pair in n.value for x in pair] if isinstance(n, yaml.MappingNode) else [])
        )
        for k in kids:
            refs[id(k)] = refs.get(id(k), 0) + 1
            nodes[id(k)] = k
            stack.append(k)
    shared = [nodes[i].start_mark.line + 1 for i, c in refs.items() if c > 1]
    return min(shared, default=1)


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
    """A close spelling among choices. Bounded work: a file listing thousands of
    mistyped names must not cost thousands × thousands comparisons."""
    word = str(word)
    if len(word) > 100:
        return ""
    near = [str(c) for c in choices if abs(len(str(c)) - len(word)) <= max(3, len(word) // 3)][:100]
    close = difflib.get_close_matches(word, near, n=1, cutoff=0.6)
    return f"是不是要写“{close[0]}”？" if close else ""


def check_keys(d: LocDict, known: dict[str, str], required: set[str], path: Path, what: str) -> list[Problem]:
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
            problems.append(Problem(str(path), line, f"缺少必填项“{key}”（{known[key]}）。请添加一行“{key}: …”。"))
    return problems


def first_line(path: str | Path, pattern: str, start: int = 1) -> int | None:
    """The first line from `start` on that `pattern` matches at its start, for a message that
    points at it; None when the file cannot be read (the message then names the file only)."""
    pat = re.compile(pattern)
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            for i, line in enumerate(f, 1):
                if i >= start and pat.match(line):
                    return i
    except OSError:
        return None
    return None
