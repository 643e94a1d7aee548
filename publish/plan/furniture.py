"""The page furniture of a Plan: header items (版头, 引题/主题/副题, the 导语 across the
header zone), 版记 and the like after the text, and folio lines whose page numbers are
fields (the number is known only after compose has paged the text)."""

from __future__ import annotations

from ..layout.spec import Item, Layout
from ..layout.templates import Templates
from ..model import Paragraph
from .fields import Field, FieldText, render_fields
from .nodes import EndMatter, FooterItem, HeaderItem, ItemKind
from .spans import para

# Page variables a template sees, and the field each stands for.
FOLIO_VARIABLES = {"page": Field.PAGE, "pages": Field.PAGES}
CONTINUED_TO_VARIABLES = {"page": Field.NEXT, "pages": Field.PAGES}
CONTINUED_FROM_VARIABLES = {"page": Field.PREV, "pages": Field.PAGES}


def _render(tpl: Templates, name: str, ctx: dict) -> str:
    return tpl.render(name, **ctx) if name else ""


def header_items(layout: Layout) -> tuple[Item, ...]:
    """The layout's header items; with grid.head_columns at least the page's columns and no
    `content: lead` item, the 导语 goes across the page below them, in both outputs alike."""
    g = layout.grid
    if any(it.content == "lead" for it in layout.header) or not (g.head_columns and g.head_columns >= g.columns):
        return layout.header
    style = layout.lead_style if layout.lead_style in layout.styles else layout.body_style
    return layout.header + (Item(content="lead", style=style),)


def header_item(tpl: Templates, it: Item, ctx: dict, lead: tuple[Paragraph, ...], layout: Layout) -> HeaderItem:
    # Every template an item names is rendered (and its characters subset), used or not.
    text, left, center, right = (_render(tpl, n, ctx) for n in (it.template, it.left, it.center, it.right))
    if it.content == "lead":
        paras = tuple(para(p, "lead", it.style, layout, None) for p in lead)
        return HeaderItem(ItemKind.LEAD, it, it.style, text, left, center, right, paras)
    kind = ItemKind.LINE if it.template else ItemKind.STRIP
    return HeaderItem(kind, it, it.style, text, left, center, right)


def footer_item(tpl: Templates, it: Item, ctx: dict) -> FooterItem:
    text, left, center, right = (
        render_fields(tpl, n, ctx, FOLIO_VARIABLES) if n else FieldText()
        for n in (it.template, it.left, it.center, it.right)
    )
    return FooterItem(ItemKind.LINE if it.template else ItemKind.STRIP, it, it.style, text, left, center, right)


def end_matter(tpl: Templates, it: Item, ctx: dict) -> EndMatter:
    # Only the template prints (版记 lines); a left/centre/right is rendered for its errors.
    for name in (it.left, it.center, it.right):
        _render(tpl, name, ctx)
    text = _render(tpl, it.template, ctx)
    return EndMatter(it, it.style, tuple(t for t in text.split("\n") if t.strip()), text)
