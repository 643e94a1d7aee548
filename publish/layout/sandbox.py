"""The Jinja sandbox layouts' templates run in, with limits on work and size.

Jinja's own sandbox stops attribute tricks (__class__, __globals__); it does not
stop a template from working forever or filling memory: "x" * 4000000000, nested
range(100000) loops, a macro that doubles a string forty times. Every loop
iteration and every call counts against one budget per rendering, values built
by operators, joins and filters are measured before they are made, and the
output is counted as it is produced. Going over is a TemplateLimit, reported at
the template's FILE:LINE.
"""

from __future__ import annotations

import contextvars
import re
import time
from itertools import islice

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .. import limits
from .data import Record


class TemplateLimit(Exception):
    """A template went over one of the limits; the message is the editor's.
    where: (template file, line) when the limit was hit outside the template's own frames."""

    where: tuple[str, int | None] | None = None


# Methods of str a template may call; the rest (ljust(10**9), expandtabs …) are not needed for page furniture.
_STR_METHODS = {
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "startswith",
    "endswith",
    "upper",
    "lower",
    "title",
    "capitalize",
    "replace",
    "count",
    "find",
    "rfind",
    "index",
    "isdigit",
    "isspace",
    "join",
    "format",
    "format_map",
    "removeprefix",
    "removesuffix",
    "splitlines",
    "partition",
}
_FORMAT_WIDTH = re.compile(r"\d{6,}|\*")


class _Budget:
    def __init__(self):
        self.steps = 0
        self.deadline = time.monotonic() + limits.TEMPLATE_SECONDS

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > limits.TEMPLATE_STEPS:
            raise TemplateLimit(
                f"循环和调用超过 {limits.TEMPLATE_STEPS} 次（模板的工作量有上限）。"
                "请减少循环次数，版面上的一行不需要这么多步骤"
            )
        if not self.steps % 256 and time.monotonic() > self.deadline:
            raise TemplateLimit(f"运行超过 {limits.TEMPLATE_SECONDS:g} 秒（模板的运行时间有上限）。请简化这个模板")


# One budget per rendering, per thread (publish watch renders while a build may run).
_current: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("template_budget", default=None)


def _step() -> None:
    budget = _current.get()
    if budget is not None:  # None: rendered outside render_limited (not done by publish)
        budget.step()


def _size(v) -> int:
    return len(v) if isinstance(v, (str, list, tuple, dict)) else 0


def _check_size(n: int) -> None:
    if n > limits.TEMPLATE_VALUE:
        raise TemplateLimit(
            f"生成的文字或列表超过 {limits.TEMPLATE_VALUE} 个字符（项）（模板的数据量有上限）。"
            "版面上的一行不需要这么长的内容"
        )


def _check_int(v) -> None:
    if isinstance(v, int) and not isinstance(v, bool) and v.bit_length() > limits.TEMPLATE_NUMBER_BITS:
        raise TemplateLimit("数字太大（模板里的数有上限）")


def _check_format(fmt) -> None:
    if isinstance(fmt, str) and _FORMAT_WIDTH.search(fmt):
        raise TemplateLimit("格式里的宽度或精度太大（最多 5 位数）")


def _guard_iter(seq):
    """Every loop of every template goes through here: each item is one step."""
    for item in seq:
        _step()
        yield item


def _concat(parts) -> str:
    _check_size(sum(len(p) if isinstance(p, str) else 32 for p in parts))
    return "".join(str(p) for p in parts)


def _mul(a, b):
    for x, n in ((a, b), (b, a)):
        if isinstance(x, (str, list, tuple)) and isinstance(n, int):
            _check_size(len(x) * max(n, 0))
    if isinstance(a, int) and isinstance(b, int):
        _check_int(1 << (a.bit_length() + b.bit_length()))
    return a * b


def _pow(a, b):
    if isinstance(a, int) and isinstance(b, int) and abs(a) > 1 and b > 0:
        _check_int(1 << min(a.bit_length() * b, limits.TEMPLATE_NUMBER_BITS + 1))
    if isinstance(b, (int, float)) and abs(b) > 10_000:
        raise TemplateLimit("指数太大（模板里的数有上限）")
    return a**b


def _mod(a, b):
    _check_format(a)
    return a % b


def _add(a, b):
    _check_size(_size(a) + _size(b))
    return a + b


def _replace_size(s: str, old: str, new: str, count: int = -1) -> None:
    hits = (len(s) + 1 if old == "" else s.count(old)) if count < 0 else count
    _check_size(len(s) + hits * max(len(new) - len(old), 0))


def _items(seq) -> list | tuple:
    """A bounded list of an iterable a filter is about to consume."""
    if isinstance(seq, (str, list, tuple, dict, range)):
        return list(seq) if not isinstance(seq, (list, tuple)) else seq
    return list(_guard_iter(islice(seq, limits.TEMPLATE_VALUE + 1)))


def _guard_filter(name: str, f):
    off = 1 if getattr(f, "jinja_pass_arg", None) is not None else 0  # env/context comes first

    def guarded(*args, **kwargs):
        for a in list(args[off + 1 :]) + list(kwargs.values()):
            if isinstance(a, int) and not isinstance(a, bool) and abs(a) > limits.TEMPLATE_VALUE:
                raise TemplateLimit(f"过滤器“{name}”的参数 {a} 太大（最多 {limits.TEMPLATE_VALUE}）")
        _step()
        args = list(args)
        value = args[off] if len(args) > off else None
        rest = args[off + 1 :]
        if name == "join" and value is not None:
            value = args[off] = _items(value)
            sep = rest[0] if rest else kwargs.get("d", "")
            _check_size(sum(len(str(i)) for i in value) + len(str(sep)) * len(value))
        elif name == "replace" and isinstance(value, str) and len(rest) >= 2:
            _replace_size(value, str(rest[0]), str(rest[1]), rest[2] if len(rest) > 2 else -1)
        elif name in ("indent", "center") and isinstance(value, str):
            width = rest[0] if rest else kwargs.get("width", 4 if name == "indent" else 80)
            lines = value.count("\n") + 1 if name == "indent" else 1
            _check_size(len(value) + lines * (len(width) if isinstance(width, str) else int(width or 0)))
        elif name == "format":
            _check_format(value)
        elif (
            value is not None
            and not isinstance(value, (str, list, tuple, dict, range))
            and hasattr(value, "__iter__")
            and not hasattr(value, "__len__")
        ):
            args[off] = _items(value)  # a generator (map, select …) is consumed under the budget
        out = f(*args, **kwargs)
        if isinstance(out, str):
            _check_size(len(out))
        return out

    guarded.jinja_pass_arg = getattr(f, "jinja_pass_arg", None)  # type: ignore[attr-defined]
    return guarded


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment plus the limits of publish.limits."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.binop_table.update({"*": _mul, "**": _pow, "%": _mod, "+": _add})
        for name in ("lipsum", "namespace"):  # lipsum(n=10**9); namespace carries state out of loops
            self.globals.pop(name, None)
        for name, f in list(self.filters.items()):
            self.filters[name] = _guard_filter(name, f)
        self.filters["_loop_guard"] = _guard_iter
        self.filters["_concat"] = _concat

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        # Every for-loop iterates through the budget; every ~ concatenation is measured first.
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_loop_guard", [], [], None, None, lineno=loop.lineno)
        for parent in list(tree.find_all(nodes.Node)):
            for field, child in parent.iter_fields():
                if isinstance(child, nodes.Concat):
                    setattr(parent, field, self._concat_node(child))
                elif isinstance(child, list):
                    child[:] = [self._concat_node(c) if isinstance(c, nodes.Concat) else c for c in child]
        return tree

    @staticmethod
    def _concat_node(node: nodes.Concat) -> nodes.Filter:
        return nodes.Filter(
            nodes.List(node.nodes, lineno=node.lineno), "_concat", [], [], None, None, lineno=node.lineno
        )

    def getattr(self, obj, attribute):
        # A field named like a dict method (items, keys) is the field, not the method.
        if isinstance(obj, Record) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if isinstance(obj, str) and attr not in _STR_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        _step()
        for a in list(args) + list(kwargs.values()):
            _check_size(_size(a))
            _check_int(a if isinstance(a, int) else 0)
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in ("format", "format_map"):
                _check_format(owner)
            elif name == "replace" and len(args) >= 2:
                _replace_size(owner, str(args[0]), str(args[1]), args[2] if len(args) > 2 else -1)
            elif name == "join" and args:
                items = _items(args[0])
                _check_size(sum(_size(i) for i in items) + len(owner) * len(items))
                args = (items, *args[1:])
        return super().call(__context, __obj, *args, **kwargs)


def _producing_line(template, gen) -> tuple[str, int | None]:
    """The template line whose output was just produced: the innermost generator's frame."""
    where = (template.filename or template.name, None)
    inner = getattr(gen, "gi_yieldfrom", None)
    while inner is not None and getattr(inner, "gi_frame", None) is not None:
        frame = inner.gi_frame
        tpl_file = frame.f_globals.get("__file__") or frame.f_code.co_filename
        if tpl_file and tpl_file.endswith(".j2"):
            lineno = template.get_corresponding_lineno(frame.f_lineno) if tpl_file == template.filename else None
            where = (tpl_file, lineno)
        inner = getattr(inner, "gi_yieldfrom", None)
    return where


def render_limited(template, context: dict) -> str:
    """Render with a fresh budget; the output is counted as it is produced."""
    token = _current.set(_Budget())
    try:
        out, n = [], 0
        gen = template.generate(**context)
        for chunk in gen:
            n += len(chunk)
            if n > limits.TEMPLATE_OUTPUT:
                e = TemplateLimit(
                    f"输出超过 {limits.TEMPLATE_OUTPUT} 个字符（模板的输出有上限）。版面上的一行不需要这么长的内容"
                )
                e.where = _producing_line(template, gen)
                gen.close()
                raise e
            _step()
            out.append(chunk)
        return "".join(out)
    finally:
        _current.reset(token)
