"""Jinja2 templates of a layout: all fixed wording and page furniture.

Templates run sandboxed with StrictUndefined: a typo in a template is an error
that names the template and its line, never an empty string on the page.
Content is passed in as plain data (layout/data.py) and never parsed as a
template; a template's work, values and output are bounded (layout/sandbox.py).
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError

from ..errors import InputError, Problem
from ..model import Meeting
from ..safeio import read_bytes
from .data import Date, to_data
from .locate import shared_templates
from .sandbox import LimitedSandbox, TemplateLimit, render_limited

WEEKDAYS = "一二三四五六日"
SHARED = shared_templates()


def _ymd(d):
    if isinstance(d, Date):
        return d["year"], d["month"], d["day"], d["weekday"]
    return d.year, d.month, d.day, d.weekday()


def cn_date(d) -> str:
    """2026年2月5日"""
    y, m, day, _ = _ymd(d)
    return f"{y}年{m}月{day}日"


def cn_weekday(d) -> str:
    """星期四"""
    return "星期" + WEEKDAYS[_ymd(d)[3]]


CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """3 → 三, 12 → 十二, 2026 → 二〇二六 (years are read digit by digit)."""
    n = int(n)
    if n >= 100 or n < 0:
        return "".join(CN_DIGITS[int(c)] for c in str(n))
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, keyed by the template's
    source checksum (an edited template compiles afresh): a process that composes
    many times (publish watch, a build of many meetings) compiles each template once."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class Templates:
    def __init__(self, folder: Path):
        self.folder = folder
        search = [str(folder / "templates")]
        if SHARED.is_dir():
            search.append(str(SHARED))
        self.env = LimitedSandbox(
            loader=_CheckedLoader(search),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=_COMPILED,
        )
        self.env.filters.update(cn_date=cn_date, cn_weekday=cn_weekday, cn_number=cn_number)
        self._cache: dict[str, jinja2.Template] = {}
        self._data: dict[int, tuple[object, object]] = {}

    def _template(self, name: str) -> jinja2.Template:
        if name not in self._cache:
            try:
                self._cache[name] = self.env.get_template(name)
            except jinja2.TemplateNotFound:
                raise InputError(
                    Problem(
                        str(self.folder / "templates" / name),
                        None,
                        f"模板文件“{name}”不存在。请在版式的 templates/ 文件夹中创建它，或改正 layout.yaml 中的文件名。",
                    )
                ) from None
            except jinja2.TemplateSyntaxError as e:
                raise InputError(
                    Problem(
                        e.filename or str(self.folder / "templates" / name),
                        e.lineno,
                        f"模板语法错误：{_syntax_hint(e.message or '')}。",
                    )
                ) from None
        return self._cache[name]

    def _as_data(self, value):
        # Models are frozen: convert each once (the meeting is rendered into ~20 templates).
        if isinstance(value, (str, int, float, bool, type(None))):
            return value
        hit = self._data.get(id(value))
        if hit is None or hit[0] is not value:
            hit = self._data[id(value)] = (value, to_data(value))
        return hit[1]

    def render(self, name: str, **context) -> str:
        tpl = self._template(name)
        data = {k: self._as_data(v) for k, v in context.items()}
        try:
            text = render_limited(tpl, data)
        except TemplateLimit as e:
            raise InputError(Problem(*(e.where or _template_frame(tpl, name)), f"模板超出限制：{e}。")) from None
        except RecursionError:
            raise InputError(
                Problem(
                    *_template_frame(tpl, name),
                    "模板出错：宏或 include 无限地调用自己。请检查模板中的 {% include %} 和宏调用。",
                )
            ) from None
        except MemoryError:
            raise InputError(
                Problem(*_template_frame(tpl, name), "模板超出限制：用掉的内存太多。请简化这个模板。")
            ) from None
        except SecurityError as e:
            raise InputError(
                Problem(
                    *_template_frame(tpl, name),
                    f"模板不允许访问内部属性（{_attr(e.message)}）。"
                    "模板只能使用 meeting、publication、title 等公开的名字，见 layouts/README.md。",
                )
            ) from None
        except jinja2.UndefinedError as e:
            raise InputError(
                Problem(
                    *_template_frame(tpl, name),
                    f"模板里用了未定义的名字：{_undefined(e.message or '')}。"
                    "请检查拼写；可用的名字见 layouts/README.md。",
                )
            ) from None
        except jinja2.TemplateSyntaxError as e:  # an {% include %}d template with a syntax error
            raise InputError(
                Problem(e.filename or name, e.lineno, f"模板语法错误：{_syntax_hint(e.message or '')}。")
            ) from None
        except jinja2.TemplateNotFound as e:
            raise InputError(Problem(*_template_frame(tpl, name), f"模板文件“{e.name}”不存在。")) from None
        except jinja2.TemplateError as e:
            raise InputError(Problem(*_template_frame(tpl, name), f"模板出错：{_strip(str(e))}。")) from None
        except InputError:
            raise
        except Exception as e:  # a filter applied to the wrong type, division by zero …
            raise InputError(Problem(*_template_frame(tpl, name), f"模板出错：{_strip(str(e))}。")) from None
        # Templates are written over several lines for readability; a piece of
        # furniture is one line, so line breaks mean nothing but "\n" written on purpose.
        return text.strip()


# Template files read, by layout folder: the print-shop package ships exactly these.
LOADED: dict[str, set[Path]] = {}


def loaded_templates(layout_folder: Path) -> set[Path]:
    return set(LOADED.get(str(layout_folder), ()))


class _CheckedLoader(jinja2.FileSystemLoader):
    """FileSystemLoader whose reads go through safeio: a template is a regular file
    inside its templates/ folder (no link out of it, no FIFO), under the size limit."""

    def get_source(self, environment, template):
        for folder in self.searchpath:
            path = Path(folder, *jinja2.loaders.split_template_path(template))
            if path.is_file() or path.is_symlink() or (path.exists() and not path.is_dir()):
                raw = read_bytes(path, "template", root=Path(folder))
                LOADED.setdefault(str(Path(self.searchpath[0]).parent), set()).add(path)
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise InputError(Problem(str(path), None, "模板文件不是 UTF-8 编码。请以 UTF-8 另存。")) from None
                return text, str(path), lambda: True
        raise jinja2.TemplateNotFound(template)


def _strip(msg: str) -> str:
    return msg.strip().rstrip("。.")


# Jinja's messages are English; the common ones are said in Chinese (pattern → wording),
# the rest kept verbatim.
_SYNTAX_HINTS = (
    (
        r"Unexpected end of template(?s:.*?)looking for the following tags: (.*?)\. "
        r"The innermost block that needs to be closed is '(\w+)'",
        lambda m: f"“{{% {m.group(2)} %}}”没有结束标记（应有 {m.group(1).replace(' or ', ' 或 ')}）",
    ),
    (r"unexpected '([^']*)'", lambda m: f"这里不应出现“{m.group(1)}”（检查 {{{{ }}}} 和 {{% %}} 是否成对）"),
    (
        r"Encountered unknown tag '(\w+)'",
        lambda m: f"不认识的标记“{m.group(1)}”（可能缺少开头的 {{% if %}} / {{% for %}}，或拼错了）",
    ),
)
_UNDEFINED_HINTS = (
    (r"'([^']*)' is undefined", lambda m: f"“{m.group(1)}”"),
    (
        r"'(.*)' has no attribute '([^']*)'",
        lambda m: f"“{m.group(1).rsplit('.', 1)[-1].replace(' object', '')}”没有“{m.group(2)}”这一项",
    ),
)


def _say(msg: str, hints) -> str:
    for pattern, say in hints:
        m = re.match(pattern, msg)
        if m:
            return say(m)
    return _strip(msg)


def _syntax_hint(msg: str) -> str:
    return _say(msg, _SYNTAX_HINTS)


def _undefined(msg: str) -> str:
    return _say(msg, _UNDEFINED_HINTS)


def _attr(msg: str | None) -> str:
    m = re.search(r"attribute '([^']*)'", msg or "")
    return f"“{m.group(1)}”" if m else _strip(msg or "")


def _template_frame(tpl, name) -> tuple[str, int | None]:
    for fr in reversed(traceback.extract_tb(__import__("sys").exc_info()[2])):
        if fr.filename and fr.filename.endswith(".j2"):
            return fr.filename, fr.lineno
    return tpl.filename or name, None


def context(meeting: Meeting, **extra) -> dict:
    pub = meeting.publication
    return dict(
        meeting=meeting,
        publication=pub,
        byline=meeting.byline,
        bulletin=meeting.bulletin,
        title=meeting.title,
        subtitle=meeting.subtitle,
        kicker=meeting.kicker,
        column=meeting.column,
        date=pub.date,
        **extra,
    )
