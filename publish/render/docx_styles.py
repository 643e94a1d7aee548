"""The Word style table: one named style per layout role, built from the layout's styles.

The names are what an editor sees in Word's style list; none is a name Word gives its own
built-in styles (正文 is Normal, 要点 is Strong, 页码 is Page Number in Chinese Word), so an
editor who restyles 发言正文 never restyles Word's defaults by accident. The table's XML
(word/styles.xml) is written by docx_style_xml.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..layout.spec import Item, Layout, Style
from ..plan import FooterItem, HeaderItem, ItemKind, Para, ParaRole, Plan
from .docx_fonts import FontRef, font_ref
from .docx_xml import border, shading

# Layout style role → Word style name (documented for editors in layouts/README.md).
KICKER, TITLE, SUBTITLE, BYLINE, LEAD = "引题", "主题", "副题", "作者", "导语"
HEADLINE, SPEAKER, BODY, POINT, MASTHEAD, BANJI = "小标题", "发言人", "发言正文", "要点句", "版头", "版记"
PORTRAIT = "照片"
# Printed-only lines (plan/printed.py): each in a named style, so an editor and the
# importer of an edited DOCX can tell them from the text.
NOTE, ATTRIBUTION, CREDIT, CLOSING, SECTION = "编者按", "文后署名", "整理署名", "结尾说明", "专题"
# A paragraph's role → the Word style it is set in.
PARA_WORD = {
    ParaRole.LEAD: LEAD,
    ParaRole.BODY: BODY,
    ParaRole.NOTE: NOTE,
    ParaRole.ATTRIBUTION: ATTRIBUTION,
    ParaRole.CREDIT: CREDIT,
    ParaRole.CLOSING: CLOSING,
}
REQUIRED = (
    MASTHEAD,
    KICKER,
    TITLE,
    SUBTITLE,
    BYLINE,
    LEAD,
    HEADLINE,
    SPEAKER,
    BODY,
    POINT,
    BANJI,
    NOTE,
    ATTRIBUTION,
    CREDIT,
    CLOSING,
    SECTION,
)
STYLE_IDS = {
    KICKER: "fyKicker",
    TITLE: "fyTitle",
    SUBTITLE: "fySubtitle",
    BYLINE: "fyByline",
    LEAD: "fyLead",
    HEADLINE: "fyHeadline",
    SPEAKER: "fySpeaker",
    BODY: "fyBody",
    POINT: "fyPoint",
    MASTHEAD: "fyMasthead",
    BANJI: "fyBanji",
    PORTRAIT: "fyPortrait",
    NOTE: "fyNote",
    ATTRIBUTION: "fyAttribution",
    CREDIT: "fyCredit",
    CLOSING: "fyClosing",
    SECTION: "fySection",
}
BY_TEMPLATE = {"kicker.j2": KICKER, "title.j2": TITLE, "subtitle.j2": SUBTITLE, "byline.j2": BYLINE}
BY_NAME = {
    "note": NOTE,
    "attribution": ATTRIBUTION,
    "credit": CREDIT,
    "closing": CLOSING,
    "section": SECTION,
    "kicker": KICKER,
    "title": TITLE,
    "subtitle": SUBTITLE,
    "byline": BYLINE,
    "masthead": MASTHEAD,
    "banji": BANJI,
}


# Word styles that get a layout style's look when the layout has none of their own.
_DERIVED_ALIGN = {BANJI: "left", ATTRIBUTION: "right", CREDIT: "right", SECTION: "center"}
# Derived furniture styles take their spacing in pt, like the header items they stand for.
_ZONE_PT = (MASTHEAD, KICKER, TITLE, SUBTITLE, BYLINE, BANJI)


Furniture = HeaderItem | FooterItem


@dataclass(frozen=True)
class ItemFormat:
    """A layout item's own rules, fill and spacing, as Word paragraph properties."""

    borders: str = ""  # <w:pBdr>…</w:pBdr>
    shading: str = ""  # <w:shd …/>
    before: float = 0.0  # pt, beyond the style's
    after: float = 0.0

    def over(self, base: ItemFormat) -> ItemFormat:
        """This formatting laid over `base`: what this one sets wins."""
        return ItemFormat(
            self.borders or base.borders,
            self.shading or base.shading,
            self.before or base.before,
            self.after or base.after,
        )


@dataclass
class WStyle:
    name: str
    sid: str
    kind: Literal["paragraph", "character"]
    src: Style
    font: FontRef
    zone_pt: bool = False  # space_before/after in pt (furniture) rather than grid lines
    fmt: ItemFormat = ItemFormat()  # item formatting folded into the style


class WordStyles:
    """The layout's styles as Word styles, by Word style name (styles[BODY] …)."""

    def __init__(self, layout: Layout, plan: Plan):
        self.lay = layout
        # 导语 set across the full width by a header item, rather than in the columns.
        self.lead_in_header = plan.lead_in_header
        self.styles: dict[str, WStyle] = {}
        self.furniture: tuple[Furniture, ...] = (*plan.header, *plan.footer)
        # How many furniture items share each Word style: a shared style keeps the items'
        # own spacing, rules and fill on their paragraphs.
        self.counts: dict[str, int] = {}
        for node in self.furniture:
            self.counts[self.item_name(node)] = self.counts.get(self.item_name(node), 0) + 1
        self._define()

    def __getitem__(self, name: str) -> WStyle:
        return self.styles[name]

    def item_name(self, node: Furniture) -> str:
        if node.kind is ItemKind.LEAD:
            return LEAD
        if node.kind is ItemKind.STRIP:
            return MASTHEAD
        return BY_TEMPLATE.get(node.item.template) or self.name_for(node.style)

    def name_for(self, layout_style: str) -> str:
        lay = self.lay
        roles = {
            lay.body_style: BODY,
            lay.point_style: POINT,
            lay.speaker.headline_style: HEADLINE,
            lay.speaker.line_style: SPEAKER,
        }
        if not self.lead_in_header:
            roles[lay.lead_style] = LEAD
        return (
            roles.get(layout_style)
            or BY_NAME.get(layout_style)
            or lay.word.style_names.get(layout_style)
            or layout_style
        )

    def shared(self, node: Furniture) -> bool:
        return self.counts.get(self.item_name(node), 0) > 1

    def para_style(self, p: Para) -> WStyle:
        """Printed-only lines (credit, ——姓名委员, 编者按) in their own named styles, so an
        editor and the importer of an edited DOCX can tell them from the text."""
        return self.styles[PARA_WORD[p.role]]

    def font(self, role: str) -> FontRef:
        return font_ref(self.lay.fonts, role, self.lay.word.fonts.get(role, ()))

    # ---- building the table

    def _define(self) -> None:
        lay = self.lay
        body = (
            lay.styles.get(lay.body_style) or next(iter(lay.styles.values()), None) or Style("body", "song", 10.5, 17)
        )
        src = self._sources(body)
        used = set(REQUIRED) | {self.item_name(i) for i in self.furniture}
        for name in sorted(used, key=lambda n: (n not in REQUIRED, REQUIRED.index(n) if n in REQUIRED else 0, n)):
            st, zone_pt = src[name]
            kind: Literal["paragraph", "character"] = "character" if name == POINT else "paragraph"
            self.styles[name] = WStyle(name, self._style_id(name, st), kind, st, self.font(st.font), zone_pt)
        portrait = Style("portrait", body.font, body.size, body.leading, align="center")
        self.styles[PORTRAIT] = WStyle(PORTRAIT, STYLE_IDS[PORTRAIT], "paragraph", portrait, self.font(body.font))
        self._fold_formatting()

    def _sources(self, body: Style) -> dict[str, tuple[Style, bool]]:
        """Word style name → (layout style it looks like, spacing in pt)."""
        lay = self.lay
        src: dict[str, tuple[Style, bool]] = {}
        for node in self.furniture:
            st = lay.styles.get(node.style)
            if st is not None:
                src.setdefault(self.item_name(node), (st, node.kind is not ItemKind.LEAD))
        for name in lay.styles:
            src.setdefault(self.name_for(name), (lay.styles[name], False))
        if lay.end:
            st = lay.styles.get("banji") or lay.styles.get(lay.end[0].style)
            src[BANJI] = (st, True) if st else (Style("banji", body.font, body.size, body.leading, align="left"), True)
        for name in REQUIRED:
            if name not in src:
                align = _DERIVED_ALIGN.get(name, body.align)
                indent = 0 if align != body.align else body.indent
                derived = Style(name, body.font, body.size, body.leading, color=body.color, align=align, indent=indent)
                src[name] = (derived, name in _ZONE_PT)
        return src

    def _style_id(self, name: str, st: Style) -> str:
        # Style ids stay ASCII (some tools mishandle others): from the layout's style name.
        sid = STYLE_IDS.get(name) or "fy" + (re.sub(r"[^A-Za-z0-9]", "", st.name.title()) or "Style")
        while name not in STYLE_IDS and sid in {w.sid for w in self.styles.values()} | set(STYLE_IDS.values()):
            sid += "X"
        return sid

    def _fold_formatting(self) -> None:
        lay = self.lay
        sp = lay.speaker
        headline = self.styles[HEADLINE]
        headline.fmt = ItemFormat(
            f"<w:pBdr>{border('top', sp.separator, lay)}</w:pBdr>" if sp.separator else "",
            shading(lay, sp.headline_fill) if sp.headline_fill else "",
        )
        # An item's spacing, rules and fill belong to its style when the style is its alone,
        # so the editor finds them there; a shared style keeps them on the paragraphs.
        for node in self.furniture:
            if not self.shared(node):
                ws = self.styles[self.item_name(node)]
                ws.fmt = self.item_format(node.item).over(ws.fmt)

    # ---- formatting of items and paragraphs

    def item_format(self, it: Item) -> ItemFormat:
        borders = ""
        if it.rule_above:
            borders += border("top", it.rule_above, self.lay)
        if it.rule_below:
            borders += border("bottom", it.rule_below, self.lay)
        return ItemFormat(
            f"<w:pBdr>{borders}</w:pBdr>" if borders else "",
            shading(self.lay, it.fill) if it.fill else "",
            it.space_before,
            it.space_after,
        )

    def spacing(self, ws: WStyle) -> tuple[float, float]:
        st = ws.src
        unit = 1.0 if ws.zone_pt else self.lay.grid.leading
        before = st.space_before * unit + ws.fmt.before
        after = st.space_after * unit + ws.fmt.after
        return before, after
