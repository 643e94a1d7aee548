"""How a layout key is declared and read: the machinery behind publish/layout/spec.py.

A key is a dataclass field carrying a `Key` in its metadata (made with `key(...)`): its
Chinese name, a one-line doc, its kind (how the YAML value is read and checked) and its
limits. `read()` fills a dataclass from one YAML mapping by walking those fields, so the
unknown-key check, the reading, the defaults and the documentation all come from the one
declaration. Every fault is collected as a Problem at FILE:LINE; reading goes on with the
default so that one run reports them all.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..sourcefile import LocDict, check_keys, did_you_mean
from .units import UnitError, length, size as type_size

# Kinds of value (the `kind` of a Key); `ref` kinds name something defined elsewhere in the layout.
KINDS = {
    "text": "text",
    "template": "template file (.j2)",
    "number": "number",
    "length": "length (pt, mm, em …)",
    "size": "type size (pt or 字号 such as 五号)",
    "bool": "true / false",
    "enum": "one of",
    "regex": "regular expression",
    "color": "colour name (from colors)",
    "style": "style name (from styles)",
    "font": "font role (from fonts)",
    "rule": "rule: {width, color, gap, double}",
    "section": "mapping",
    "custom": "see doc",
}


@dataclass(frozen=True)
class Key:
    zh: str  # Chinese name, used in messages and the reference
    doc: str  # one line for the layout reference (layouts/README.md)
    kind: str = "text"  # one of KINDS
    lo: float | None = None  # number: inclusive limits
    hi: float | None = None
    integer: bool = False
    em: str | None = None  # length: an earlier field of the same mapping giving 1em
    choices: Any = None  # enum: the closed set, an Enum whose members carry a .label
    required: bool = False
    section: str | None = None  # top-level field written under this YAML section (rules:, print: …)
    yaml: str | None = None  # the YAML key, when it is not the field name
    sets: tuple[str, ...] = ()  # custom: the fields its parser fills (default: the field itself)
    parse: Any = None  # custom: parse(ck, d, key, ctx, values) -> value
    cls: Any = None  # section / rule: the dataclass the mapping is read into
    default_of: Any = None  # default computed from the fields read before it: f(values)
    shows: str = ""  # the default as a designer writes it, for the reference
    value: str = ""  # custom: what the value is, for the reference
    example: str = ""


def key(
    zh: str,
    doc: str,
    kind: str = "text",
    *,
    default: Any = dataclasses.MISSING,
    factory: Any = dataclasses.MISSING,
    **kw: Any,
) -> Any:
    """A dataclass field that is a layout key (see Key for the arguments)."""
    meta = {"key": Key(zh, doc, kind, **kw)}
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def mapping_key(zh: str, doc: str, parse: Any, value: str, **kw: Any) -> Any:
    """A layout key whose value is a mapping a reader of its own turns into a dict
    (colours, fonts, styles, Word names); empty when the layout leaves it out."""
    return key(zh, doc, "custom", parse=parse, value=value, factory=dict, **kw)


def keys_of(cls: type, section: str | None = None) -> list[tuple[str, dataclasses.Field, Key]]:
    """(YAML key, field, Key) of a dataclass, in declaration order (the reading order)."""
    out = []
    for f in dataclasses.fields(cls):
        k = f.metadata.get("key")
        if k is not None and k.section == section:
            out.append((k.yaml or f.name, f, k))
    return out


class Checker:
    """Collects problems in one layout file; typed reads of single values with their messages."""

    def __init__(self, path: Path, folder: Path | None = None, shared: Path | None = None):
        self.path = path
        self.folder = folder
        self.shared = shared
        self.problems: list[Problem] = []

    def err(self, line, msg):
        self.problems.append(Problem(str(self.path), line, msg))

    def keys(self, d, known, required, what):
        self.problems += check_keys(d, known, required, self.path, what)

    def mapping(self, parent: LocDict, key: str) -> LocDict:
        v = parent.get(key)
        if v is None:
            return empty(parent.line_of(key))
        if not isinstance(v, LocDict):
            self.err(parent.line_of(key), f"“{key}”下面应是缩进的子项。")
            return empty(parent.line_of(key))
        return v

    def template(self, d, key, default=""):
        """A template file name; a missing file is reported at the line naming it, not at render time."""
        name = self.text(d, key, default)
        if name and self.folder is not None:
            bases = [self.folder / "templates"] + ([self.shared] if self.shared else [])
            if not any((base / name).is_file() for base in bases):
                self.err(
                    d.line_of(key),
                    f"模板文件“{name}”不存在（在 {self.folder.name}/templates/ 和 _shared/templates/ 中都没有）。"
                    "请改正文件名，或在版式的 templates/ 文件夹中创建它。",
                )
        return name

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


def empty(line) -> LocDict:
    d = LocDict()
    d.line = line
    return d


def what_of(name: str, k: Key) -> str:
    return f"{name}（{k.zh}）"


def read(
    ck: Checker,
    cls: type,
    d: LocDict,
    what: str,
    ctx: dict,
    section: str | None = None,
    also: dict[str, str] | None = None,
    **given: Any,
) -> dict[str, Any]:
    """The values of cls's keys (those under `section` for flattened ones) read from d.

    `given` are values not in the YAML (e.g. a style's name); `also` more keys allowed here
    (read by the caller); ctx holds what references are checked against (colors, fonts,
    styles) and `where`, naming the mapping in messages."""
    entries = keys_of(cls, section)
    known = {y: k.zh for y, _, k in entries} | (also or {})
    ck.keys(d, known, {y for y, _, k in entries if k.required}, what)
    values = dict(given)
    for name, f, k in entries:
        if k.sets:
            values.update(zip(k.sets, k.parse(ck, d, name, ctx, values)))
        else:
            values[f.name] = read_value(ck, d, name, f, k, ctx, values)
    return values


def _default(f: dataclasses.Field, k: Key, values: dict) -> Any:
    if k.default_of is not None:
        return k.default_of(values)
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None


def read_value(ck: Checker, d: LocDict, name: str, f: dataclasses.Field, k: Key, ctx: dict, values: dict) -> Any:
    kind = k.kind
    if kind == "custom":
        return k.parse(ck, d, name, ctx, values)
    if kind == "section":
        return k.cls(**read(ck, k.cls, ck.mapping(d, name), what_of(name, k), {**ctx, "where": name}))
    default = _default(f, k, values)
    if kind == "number":
        return ck.number(d, name, default, k.lo, k.hi, k.integer)
    if kind == "length":
        return ck.length(d, name, default, em=values.get(k.em) if k.em else None)
    if kind == "size":
        return ck.size(d, name, default)
    if kind == "bool":
        return bool(d.get(name, default))
    if kind == "template":
        return ck.template(d, name, default)
    if kind == "rule":
        return read_rule(ck, d, name, k.cls, ctx)
    v = ck.text(d, name, default)
    if kind == "enum":
        return _enum(ck, d, name, k, v, default)
    if kind == "regex":
        try:
            re.compile(v)
        except re.error as e:
            ck.err(d.line_of(name), f"{name} 不是有效的正则表达式：{e}。")
            return default
        return v
    if kind == "color":
        return color_ref(ck, d, name, ctx, v, default)
    if kind in ("style", "font"):
        return _ref(ck, d, name, k, v, ctx)
    return v


def _enum(ck: Checker, d: LocDict, name: str, k: Key, v: str, default: Any) -> Any:
    if v == default:
        return default
    try:
        return k.choices(v)
    except ValueError:
        allowed = " / ".join(f"{m.value}（{m.label}）" for m in k.choices)
        ck.err(
            d.line_of(name),
            f"{name} 只能是 {allowed}，现在是“{v}”。{did_you_mean(str(v), [m.value for m in k.choices])}",
        )
        return default


def color_ref(ck: Checker, d: LocDict, name: str, ctx: dict, v: Any, default: Any = None) -> Any:
    if v is None or v == "":
        return default
    if v not in ctx["colors"]:
        ck.err(d.line_of(name), f"颜色“{v}”没有在 colors 中定义。{did_you_mean(v, ctx['colors'])}")
        return default
    return v


def _ref(ck: Checker, d: LocDict, name: str, k: Key, v: Any, ctx: dict) -> Any:
    """A style or font role named here must be defined (checked once that table has entries)."""
    table = ctx.get("styles" if k.kind == "style" else "fonts") or {}
    if v and table and v not in table:
        if k.kind == "style":
            ck.err(d.line_of(name), f"{ctx['where']}用到的样式“{v}”没有在 styles 中定义。{did_you_mean(v, table)}")
        else:
            ck.err(d.line_of(name), f"{ctx['where']}的{k.zh}“{v}”没有在 fonts 中定义。{did_you_mean(v, table)}")
    return v


def read_rule(ck: Checker, d: LocDict, name: str, cls: type, ctx: dict) -> Any:
    v = d.get(name)
    if v in (None, False):
        return None
    if not isinstance(v, LocDict):
        ck.err(d.line_of(name), f"{name} 应写成 {{width: 0.5pt, color: text}}。")
        return None
    return cls(**read(ck, cls, v, name, ctx))
