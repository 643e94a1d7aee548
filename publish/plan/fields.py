"""Page numbers as fields: a folio or 转版 label is rendered once, before the page count is known.

A furniture template (folio.j2: “— {{ page }} —”, continued_to.j2: “（下转第{{ page }}版）”)
is rendered with a sentinel number standing for each page variable, and the text is cut
where the sentinel appears: literal segments and fields. compose fills the fields per
page; the DOCX writes Word's PAGE field where the PDF prints the number.

A template may print a number as it is ({{ page }}) or in Chinese numerals
({{ page | cn_number }}). One that computes with it ({{ page + 1 }}, {% if page > 1 %})
cannot be rendered ahead of the page: the plan renders it again with a few real numbers,
and a result that the fields do not reproduce is a layout error naming the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..errors import InputError, Problem
from ..layout.templates import Templates, cn_number
from ..sourcefile import first_line


class Field(Enum):
    PAGE = "page"  # this page's number in the document: 1, 2 …
    PAGES = "pages"  # pages in the document
    NEXT = "next"  # 版次 of the page after this one (下转第N版)
    PREV = "prev"  # 版次 of the page before (上接第N版)


class Numerals(Enum):
    ARABIC = "arabic"  # 3
    CHINESE = "chinese"  # 三 (the cn_number filter)


@dataclass(frozen=True)
class FieldRef:
    field: Field
    numerals: Numerals = Numerals.ARABIC


Segment = str | FieldRef


@dataclass(frozen=True)
class PageNumbers:
    """The numbers a page's fields show."""

    page: int
    pages: int
    next: int
    prev: int

    def value(self, f: Field) -> int:
        return {Field.PAGE: self.page, Field.PAGES: self.pages, Field.NEXT: self.next, Field.PREV: self.prev}[f]


@dataclass(frozen=True)
class FieldText:
    """Text with page-number fields; empty when the template printed nothing."""

    segments: tuple[Segment, ...] = ()
    template: str = ""  # file it was rendered from, for messages

    def __bool__(self) -> bool:
        return bool(self.segments)

    def text(self, numbers: PageNumbers) -> str:
        return "".join(s if isinstance(s, str) else _numeral(numbers.value(s.field), s.numerals) for s in self.segments)

    @property
    def literal(self) -> str:
        """The text without its fields."""
        return "".join(s for s in self.segments if isinstance(s, str))

    @property
    def fields(self) -> tuple[FieldRef, ...]:
        return tuple(s for s in self.segments if isinstance(s, FieldRef))


# Stand-ins for the page variables while a template renders: numbers no page carries,
# long enough that cn_number reads them digit by digit (九八七六五四三二一).
SENTINEL = 987654321
# Real numbers a template is checked against: the first page, a small document, two digits.
PROBES = ((1, 1), (2, 3), (11, 12))

DIGITS = "0123456789"
CHINESE_DIGITS = "〇一二三四五六七八九十"


def _numeral(n: int, numerals: Numerals) -> str:
    return cn_number(n) if numerals is Numerals.CHINESE else str(n)


def render_fields(tpl: Templates, name: str, ctx: dict, variables: dict[str, Field]) -> FieldText:
    """The template `name` rendered once, its page variables (name → field) cut out as fields."""
    if not name:
        return FieldText()
    stand_in = {var: SENTINEL + i for i, var in enumerate(variables)}
    text = tpl.render(name, **{**ctx, **stand_in})
    forms: dict[str, FieldRef] = {}
    for var, number in stand_in.items():
        forms[str(number)] = FieldRef(variables[var], Numerals.ARABIC)
        forms[cn_number(number)] = FieldRef(variables[var], Numerals.CHINESE)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    segments: list[Segment] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            segments.append(text[pos : m.start()])
        segments.append(forms[m.group()])
        pos = m.end()
    if pos < len(text):
        segments.append(text[pos:])
    path = _template_path(tpl, name)
    out = FieldText(tuple(segments), path)
    _check(tpl, name, ctx, variables, out, path)
    return out


def _check(tpl: Templates, name: str, ctx: dict, variables: dict[str, Field], out: FieldText, path: str) -> None:
    """The fields must give what the template itself prints for real page numbers."""
    for probe in PROBES:
        values = dict(zip(variables, probe))
        got = tpl.render(name, **{**ctx, **values})
        by_field = {variables[v]: n for v, n in values.items()}
        want = "".join(
            s if isinstance(s, str) else _numeral(by_field.get(s.field, 0), s.numerals) for s in out.segments
        )
        if got != want:
            names = "、".join(f"{{{{ {v} }}}}" for v in variables)
            raise InputError(
                Problem(
                    path,
                    first_line(path, r".*?\b(" + "|".join(re.escape(v) for v in variables) + r")\b"),
                    f"这个模板对页码做了运算或判断（例如 page + 1、if page > 1）：页码要在排版后才知道，"
                    f"每页的文字无法预先排定（{next(iter(variables))} = {probe[0]} 时模板印“{got}”，按页码字段只能得到“{want}”）。"
                    f"页码只能原样印出：{names}，或写成 {{{{ page | cn_number }}}} 印中文数字。请改成这样的写法。",
                )
            )


def _template_path(tpl: Templates, name: str) -> str:
    filename = tpl.env.get_template(name).filename
    return filename or str(tpl.folder / "templates" / name)
