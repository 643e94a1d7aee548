"""The Word style table: one named style per layout role, built from the layout's styles.

The names are what an editor sees in Word's style list; none is a name Word gives its own
built-in styles (正文 is Normal, 要点 is Strong, 页码 is Page Number in Chinese Word), so an
editor who restyles 发言正文 never restyles Word's defaults by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from ..layout.spec import Item, Layout, RuleSpec, Style
from .docx_fonts import FontRef, font_ref

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Layout style role → Word style name (documented for editors in layouts/README.md).
KICKER, TITLE, SUBTITLE, BYLINE, LEAD = "引题", "主题", "副题", "作者", "导语"
HEADLINE, SPEAKER, BODY, POINT, MASTHEAD, BANJI = "小标题", "发言人", "发言正文", "要点句", "版头", "版记"
PORTRAIT = "照片"
# Printed-only lines (layout/printed.py): each in a named style, so an editor and the
# importer of an edited DOCX can tell them from the text.
NOTE, ATTRIBUTION, CREDIT, CLOSING, SECTION = "编者按", "文后署名", "整理署名", "结尾说明", "专题"
ROLE_WORD = {"note": NOTE, "attribution": ATTRIBUTION, "credit": CREDIT, "closing": CLOSING}
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

JC = {"justify": "both", "left": "left", "center": "center", "right": "right", "outside": "right"}
TWIP = 20  # twips per pt
# Latin text is en-US and Chinese zh-CN: LibreOffice and Word break Latin runs (numbers,
# percentages, words) by the western rules, which never split "41.6%" or "2025".
LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'


@dataclass
class _WStyle:
    name: str
    sid: str
    kind: str  # paragraph | character
    src: Style
    font: FontRef
    zone_pt: bool = False  # space_before/after in pt (furniture) rather than grid lines
    extra_ppr: dict = field(default_factory=dict)  # item formatting folded into the style
    align: str | None = None


def _twips(pt: float) -> int:
    return int(round(pt * TWIP))


def _rgb(layout: Layout, color: str | None) -> str:
    c = layout.colors.get(color or "text")
    if c is None:
        return "000000"
    cy, m, y, k = c.cmyk
    # Naive CMYK → RGB: only for Word's screen display; print goes through the PDF.
    return "%02X%02X%02X" % tuple(int(round(255 * (1 - v) * (1 - k))) for v in (cy, m, y))


def _attr(v) -> str:
    return escape(str(v), {'"': "&quot;"})


def _border(side: str, rule: RuleSpec, layout: Layout) -> str:
    # w:sz is in eighths of a point and w:space in points, both bounded by the schema.
    lines = 3 if rule.double else 1
    sz = max(2, min(96, int(round(rule.width * 8 / lines))))
    space = max(0, min(31, int(round(rule.gap))))
    val = "double" if rule.double else "single"
    return f'<w:{side} w:val="{val}" w:sz="{sz}" w:space="{space}" w:color="{_rgb(layout, rule.color)}"/>'


class StyleTable:
    """Mixed into the builder: the layout's styles as Word styles (self.lay, self.styles)."""

    lay: Layout
    styles: dict
    right_tw: int  # right indent of the speakers' text (one-column layouts)

    def _item_name(self, item: Item) -> str:
        if getattr(item, "content", "") == "lead":
            return LEAD
        if item.left or item.center or item.right:
            return MASTHEAD
        return BY_TEMPLATE.get(item.template) or self._name_for(item.style)

    def _name_for(self, layout_style: str) -> str:
        lay = self.lay
        roles = {
            lay.body_style: BODY,
            lay.point_style: POINT,
            lay.speaker.headline_style: HEADLINE,
            lay.speaker.line_style: SPEAKER,
        }
        if not any(getattr(i, "content", "") == "lead" for i in lay.header):
            roles[lay.lead_style] = LEAD
        return (
            roles.get(layout_style)
            or BY_NAME.get(layout_style)
            or lay.word.style_names.get(layout_style)
            or layout_style
        )

    def _define_styles(self) -> None:
        lay = self.lay
        body = (
            lay.styles.get(lay.body_style) or next(iter(lay.styles.values()), None) or Style("body", "song", 10.5, 17)
        )
        src: dict[str, tuple[Style, bool]] = {}
        furniture = [(it, "header") for it in lay.header] + [(it, "footer") for it in lay.footer]
        for it, _ in furniture:
            st = lay.styles.get(it.style)
            if st is not None:
                src.setdefault(self._item_name(it), (st, getattr(it, "content", "") != "lead"))
        for name in lay.styles:
            src.setdefault(self._name_for(name), (lay.styles[name], False))
        if lay.end:
            st = lay.styles.get("banji") or lay.styles.get(lay.end[0].style)
            src[BANJI] = (st, True) if st else (Style("banji", body.font, body.size, body.leading, align="left"), True)
        for name in REQUIRED:
            if name not in src:
                align = {BANJI: "left", ATTRIBUTION: "right", CREDIT: "right", SECTION: "center"}.get(name, body.align)
                derived = Style(
                    name,
                    body.font,
                    body.size,
                    body.leading,
                    color=body.color,
                    align=align,
                    indent=0 if align != body.align else body.indent,
                )
                src[name] = (derived, name in (MASTHEAD, KICKER, TITLE, SUBTITLE, BYLINE, BANJI))
        used = set(REQUIRED) | {self._item_name(i) for i, _ in furniture}
        for name in sorted(used, key=lambda n: (n not in REQUIRED, REQUIRED.index(n) if n in REQUIRED else 0, n)):
            st, zone_pt = src[name]
            # Style ids stay ASCII (some tools mishandle others): from the layout's style name.
            sid = STYLE_IDS.get(name) or "fy" + (re.sub(r"[^A-Za-z0-9]", "", st.name.title()) or "Style")
            while name not in STYLE_IDS and sid in {w.sid for w in self.styles.values()} | set(STYLE_IDS.values()):
                sid += "X"
            self.styles[name] = _WStyle(
                name, sid, "character" if name == POINT else "paragraph", st, self._font(st.font), zone_pt
            )
        self.styles[PORTRAIT] = _WStyle(
            PORTRAIT,
            STYLE_IDS[PORTRAIT],
            "paragraph",
            Style("portrait", body.font, body.size, body.leading, align="center"),
            self._font(body.font),
        )
        if lay.speaker.headline_fill:
            self.styles[HEADLINE].extra_ppr["shd"] = (
                f'<w:shd w:val="clear" w:color="auto" w:fill="{_rgb(lay, lay.speaker.headline_fill)}"/>'
            )
        if lay.speaker.separator:
            self.styles[HEADLINE].extra_ppr["pBdr"] = f"<w:pBdr>{_border('top', lay.speaker.separator, lay)}</w:pBdr>"
        # An item's spacing, rules and fill belong to its style when the style is its alone,
        # so the editor finds them there; a shared style keeps them on the paragraphs.
        counts: dict[str, int] = {}
        for it, _ in furniture:
            counts[self._item_name(it)] = counts.get(self._item_name(it), 0) + 1
        for it, _ in furniture:
            name = self._item_name(it)
            if counts[name] == 1:
                self.styles[name].extra_ppr.update(self._item_ppr(it))

    def _item_ppr(self, it: Item) -> dict:
        out: dict[str, Any] = {}
        borders = ""
        if it.rule_above:
            borders += _border("top", it.rule_above, self.lay)
        if it.rule_below:
            borders += _border("bottom", it.rule_below, self.lay)
        if borders:
            out["pBdr"] = f"<w:pBdr>{borders}</w:pBdr>"
        if it.fill:
            out["shd"] = f'<w:shd w:val="clear" w:color="auto" w:fill="{_rgb(self.lay, it.fill)}"/>'
        if it.space_before:
            out["before"] = it.space_before
        if it.space_after:
            out["after"] = it.space_after
        return out

    def _spacing(self, ws: _WStyle) -> tuple[float, float]:
        st = ws.src
        unit = 1.0 if ws.zone_pt else self.lay.grid.leading
        before = st.space_before * unit + ws.extra_ppr.get("before", 0.0)
        after = st.space_after * unit + ws.extra_ppr.get("after", 0.0)
        return before, after

    def _rpr(self, font: FontRef, st: Style, size: float | None = None) -> str:
        size = size or st.size
        n = _attr(font.name)
        x = f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}" w:hint="eastAsia"/>'
        x += "<w:b/><w:bCs/>" if font.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
        x += f'<w:color w:val="{_rgb(self.lay, st.color)}"/>'
        if st.tracking:
            x += f'<w:spacing w:val="{_twips(st.tracking * size)}"/>'
        hp = int(round(size * 2))
        x += f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
        x += LANG
        return x

    def _font(self, role: str) -> FontRef:
        return font_ref(self.lay.fonts, role, self.lay.word.fonts.get(role, ()))

    def _ppr_common(self) -> str:
        auto = "1" if self.lay.han_latin_space else "0"
        top = "<w:topLinePunct/>" if self.lay.kinsoku == "push-in" else ""
        return (
            f'<w:kinsoku/><w:overflowPunct w:val="0"/>{top}'
            f'<w:autoSpaceDE w:val="{auto}"/><w:autoSpaceDN w:val="{auto}"/>'
        )

    def _style_xml(self, ws: _WStyle) -> str:
        st = ws.src
        head = f'<w:style w:type="{ws.kind}" w:customStyle="1" w:styleId="{ws.sid}"><w:name w:val="{_attr(ws.name)}"/>'
        if ws.kind == "character":
            return head + f'<w:uiPriority w:val="1"/><w:qFormat/><w:rPr>{self._rpr(ws.font, st)}</w:rPr></w:style>'
        head += '<w:basedOn w:val="Normal"/>'
        if ws.name in (HEADLINE, SPEAKER, BODY, LEAD):
            head += f'<w:next w:val="{STYLE_IDS[BODY]}"/>'
        head += '<w:uiPriority w:val="1"/><w:qFormat/>'
        ppr = ""
        if ws.name in (HEADLINE, SPEAKER, PORTRAIT, KICKER, TITLE, SUBTITLE):
            ppr += "<w:keepNext/>"
        ppr += '<w:widowControl w:val="0"/>'
        ppr += ws.extra_ppr.get("pBdr", "") + ws.extra_ppr.get("shd", "")
        ppr += self._ppr_common()
        before, after = self._spacing(ws)
        if ws.name == PORTRAIT:
            # An inline picture in an exact-height line would be clipped to that line.
            ppr += f'<w:spacing w:before="{_twips(before)}" w:after="{_twips(self.lay.grid.leading / 2)}" w:line="240" w:lineRule="auto"/>'
        else:
            ppr += (
                f'<w:spacing w:before="{_twips(before)}" w:after="{_twips(after)}" '
                f'w:line="{_twips(st.leading)}" w:lineRule="exact"/>'
            )
        in_columns = ws.name in (BODY, HEADLINE, SPEAKER, PORTRAIT, ATTRIBUTION, CREDIT, CLOSING, SECTION) or (
            ws.name == LEAD and not any(getattr(i, "content", "") == "lead" for i in self.lay.header)
        )
        right = f' w:right="{self.right_tw}"' if in_columns and self.right_tw else ""
        if st.indent:
            ppr += (
                f'<w:ind{right} w:firstLineChars="{int(round(st.indent * 100))}" '
                f'w:firstLine="{_twips(st.indent * st.size)}"/>'
            )
        else:
            ppr += f'<w:ind{right} w:firstLineChars="0" w:firstLine="0"/>'
        ppr += f'<w:jc w:val="{JC.get(ws.align or st.align, "both")}"/>'
        return head + f"<w:pPr>{ppr}</w:pPr><w:rPr>{self._rpr(ws.font, st)}</w:rPr></w:style>"

    def _styles_part(self) -> bytes:
        body = self.styles[BODY]
        n = _attr(body.font.name)
        hp = int(round(body.src.size * 2))
        x = [
            XML_DECL,
            f"<w:styles {NS}>",
            "<w:docDefaults><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}"/>'
            f'<w:kern w:val="2"/><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
            f"{LANG}</w:rPr></w:rPrDefault>"
            f'<w:pPrDefault><w:pPr>{self._ppr_common()}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>',
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
            "<w:unhideWhenUsed/></w:style>",
        ]
        x += [self._style_xml(ws) for ws in self.styles.values()]
        x.append("</w:styles>")
        return "".join(x).encode("utf-8")
