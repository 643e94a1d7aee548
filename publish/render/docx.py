"""Word (DOCX) output: the same meeting and layout as the PDF, as an editable document.

Every element carries a named style built from the layout (引题, 主题, 正文 …), so an
editor restyles the whole page by editing one style. Word sets the lines itself;
the DOCX reproduces the layout's type, spacing, columns and furniture, not the
PDF's exact line breaks.

The package is written directly as WordprocessingML rather than through
python-docx's document model: python-docx has no API for columns, section
breaks, East Asian paragraph properties or font embedding, and starting from
its template would carry its theme, latent styles and timestamps into a file
that must be byte-for-byte reproducible.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from ..layout.spec import Item, Layout, RuleSpec, Style
from ..layout.templates import Templates, context
from ..model import Meeting, Paragraph
from .docx_fonts import FontRef, font_key, font_ref, obfuscate

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = (f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Layout style role → Word style name. The names are what an editor sees in Word's style list.
KICKER, TITLE, SUBTITLE, BYLINE, LEAD = "引题", "主题", "副题", "作者", "导语"
HEADLINE, SPEAKER, BODY, POINT, MASTHEAD, BANJI = "小标题", "发言人", "正文", "要点", "版头", "版记"
PORTRAIT = "照片"
REQUIRED = (MASTHEAD, KICKER, TITLE, SUBTITLE, BYLINE, LEAD, HEADLINE, SPEAKER, BODY, POINT, BANJI)
STYLE_IDS = {KICKER: "fyKicker", TITLE: "fyTitle", SUBTITLE: "fySubtitle", BYLINE: "fyByline",
             LEAD: "fyLead", HEADLINE: "fyHeadline", SPEAKER: "fySpeaker", BODY: "fyBody",
             POINT: "fyPoint", MASTHEAD: "fyMasthead", BANJI: "fyBanji", PORTRAIT: "fyPortrait"}
BY_TEMPLATE = {"kicker.j2": KICKER, "title.j2": TITLE, "subtitle.j2": SUBTITLE, "byline.j2": BYLINE}
BY_NAME = {"kicker": KICKER, "title": TITLE, "subtitle": SUBTITLE, "byline": BYLINE, "masthead": MASTHEAD,
           "banji": BANJI}

# clreq: characters that may not begin / end a line. Word uses these lists for zh-CN.
LINE_START_FORBIDDEN = "!%),.:;?]}¢°·’\"†‡›℃∶、。〃〆〕〗〞﹚﹜！＂％＇），．：；？！］｝～—…‥〉》」』】〙〛〟”％‰」"
LINE_END_FORBIDDEN = "$(£¥·‘“〈《「『【〔〖〝﹙﹛＄（．［｛￡￥〘〚"

JC = {"justify": "both", "left": "left", "center": "center", "right": "right", "outside": "right"}
TWIP = 20                     # twips per pt
EMU = 12700                   # EMU per pt
PAGE_SENTINEL = 987654321     # stands for the page number while a folio template renders
# LibreOffice treats the ASCII percent and per-mille signs as Latin script, looks them up
# in the list of characters forbidden at line start of the run's western language, and
# ignores the document's w:noLineBreaksBefore; its zh-CN list has only the full-width ％,
# so it sets "22.5" at a line end and "%，" at the next line's start. These signs are
# tagged with a locale whose list has them; Word forbids them at line start for zh-CN
# anyway, and the run's fonts are explicit, so nothing else changes.
_LO_KINSOKU = re.compile("([%‰]+)")
_LO_KINSOKU_LANG = '<w:lang w:val="ja-JP" w:eastAsia="ja-JP"/>'
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_docx(meeting: Meeting, layout: Layout, out: Path, *, embed_fonts: bool = False) -> None:
    """Write the meeting as a DOCX to `out` (the caller renames it into place)."""
    parts = _Builder(meeting, layout, embed_fonts).build()
    _write_zip(Path(out), parts, _zip_time(meeting))


# ---------------------------------------------------------------- styles

@dataclass
class _WStyle:
    name: str
    sid: str
    kind: str                 # paragraph | character
    src: Style
    font: FontRef
    zone_pt: bool = False     # space_before/after in pt (furniture) rather than grid lines
    extra_ppr: dict = field(default_factory=dict)   # item formatting folded into the style
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


# ---------------------------------------------------------------- builder

class _Builder:
    def __init__(self, meeting: Meeting, layout: Layout, embed_fonts: bool):
        self.m = meeting
        self.lay = layout
        self.embed = embed_fonts
        self.tpl = Templates(layout.folder)
        self.ctx = context(meeting)
        self.styles: dict[str, _WStyle] = {}
        self.chars: dict[tuple[str, bool], set[str]] = {}   # font → characters set in it
        self.faces: dict[tuple[str, bool], FontRef] = {}
        self.media: list[tuple[str, bytes]] = []
        self.doc_rels: list[tuple[str, str, str]] = []       # (id, type, target)
        self.parts: dict[str, bytes] = {}
        self.overrides: dict[str, str] = {}
        self.drawing_id = 0
        self.page = layout.page
        self.col_width = ((self.page.type_width - layout.grid.gutter * (layout.grid.columns - 1))
                          / layout.grid.columns)
        self._define_styles()

    # ---- style table

    def _item_name(self, item: Item) -> str:
        if getattr(item, "content", "") == "lead":
            return LEAD
        if item.left or item.center or item.right:
            return MASTHEAD
        return BY_TEMPLATE.get(item.template) or self._name_for(item.style)

    def _name_for(self, layout_style: str) -> str:
        lay = self.lay
        roles = {lay.body_style: BODY, lay.point_style: POINT, lay.speaker.headline_style: HEADLINE,
                 lay.speaker.line_style: SPEAKER}
        if not any(getattr(i, "content", "") == "lead" for i in lay.header):
            roles[lay.lead_style] = LEAD
        return roles.get(layout_style) or BY_NAME.get(layout_style) or layout_style

    def _define_styles(self) -> None:
        lay = self.lay
        body = lay.styles.get(lay.body_style) or next(iter(lay.styles.values()), None) \
            or Style("body", "song", 10.5, 17)
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
            src[BANJI] = (st, True) if st else (Style("banji", body.font, body.size, body.leading,
                                                      align="left"), True)
        for name in REQUIRED:
            if name not in src:
                derived = Style(name, body.font, body.size, body.leading, color=body.color,
                                align="left" if name == BANJI else body.align,
                                indent=0 if name == BANJI else body.indent)
                src[name] = (derived, name in (MASTHEAD, KICKER, TITLE, SUBTITLE, BYLINE, BANJI))
        used = set(REQUIRED) | {self._item_name(i) for i, _ in furniture}
        for name in sorted(used, key=lambda n: (n not in REQUIRED, REQUIRED.index(n) if n in REQUIRED else 0, n)):
            st, zone_pt = src[name]
            sid = STYLE_IDS.get(name) or "fy" + re.sub(r"[^A-Za-z0-9]", "", name.title()) or "fyStyle"
            self.styles[name] = _WStyle(name, sid, "character" if name == POINT else "paragraph", st,
                                        font_ref(lay.fonts, st.font), zone_pt)
        self.styles[PORTRAIT] = _WStyle(PORTRAIT, STYLE_IDS[PORTRAIT], "paragraph",
                                        Style("portrait", body.font, body.size, body.leading, align="center"),
                                        font_ref(lay.fonts, body.font))
        if lay.speaker.headline_fill:
            self.styles[HEADLINE].extra_ppr["shd"] = (
                f'<w:shd w:val="clear" w:color="auto" w:fill="{_rgb(lay, lay.speaker.headline_fill)}"/>')
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
        out = {}
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
        x = (f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}" w:hint="eastAsia"/>')
        x += "<w:b/><w:bCs/>" if font.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
        x += f'<w:color w:val="{_rgb(self.lay, st.color)}"/>'
        if st.tracking:
            x += f'<w:spacing w:val="{_twips(st.tracking * size)}"/>'
        hp = int(round(size * 2))
        x += f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
        x += '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        return x

    def _ppr_common(self) -> str:
        auto = "1" if self.lay.han_latin_space else "0"
        top = "<w:topLinePunct/>" if self.lay.kinsoku == "push-in" else ""
        return (f'<w:kinsoku/><w:overflowPunct w:val="0"/>{top}'
                f'<w:autoSpaceDE w:val="{auto}"/><w:autoSpaceDN w:val="{auto}"/>')

    def _style_xml(self, ws: _WStyle) -> str:
        st = ws.src
        head = (f'<w:style w:type="{ws.kind}" w:customStyle="1" w:styleId="{ws.sid}">'
                f'<w:name w:val="{_attr(ws.name)}"/>')
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
            ppr += (f'<w:spacing w:before="{_twips(before)}" w:after="{_twips(after)}" '
                    f'w:line="{_twips(st.leading)}" w:lineRule="exact"/>')
        if st.indent:
            ppr += (f'<w:ind w:firstLineChars="{int(round(st.indent * 100))}" '
                    f'w:firstLine="{_twips(st.indent * st.size)}"/>')
        else:
            ppr += '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
        ppr += f'<w:jc w:val="{JC.get(ws.align or st.align, "both")}"/>'
        return head + f"<w:pPr>{ppr}</w:pPr><w:rPr>{self._rpr(ws.font, st)}</w:rPr></w:style>"

    def _styles_part(self) -> bytes:
        body = self.styles[BODY]
        n = _attr(body.font.name)
        hp = int(round(body.src.size * 2))
        x = [XML_DECL, f'<w:styles {NS}>',
             '<w:docDefaults><w:rPrDefault><w:rPr>'
             f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}"/>'
             f'<w:kern w:val="2"/><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
             '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
             f'<w:pPrDefault><w:pPr>{self._ppr_common()}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
             '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>',
             '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
             '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
             '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
             '<w:unhideWhenUsed/></w:style>']
        x += [self._style_xml(ws) for ws in self.styles.values()]
        x.append("</w:styles>")
        return "".join(x).encode("utf-8")

    # ---- runs and paragraphs

    def _note(self, ws: _WStyle, text: str) -> None:
        key = (ws.font.name, ws.font.bold)
        self.faces.setdefault(key, ws.font)
        self.chars.setdefault(key, set()).update(text)

    def _run(self, text: str, para: _WStyle, char: _WStyle | None = None, rpr: str = "") -> str:
        self._note(char or para, text)
        pieces = _LO_KINSOKU.split(text)
        if len(pieces) > 1:
            return "".join(self._run1(t, char, rpr + (_LO_KINSOKU_LANG if i % 2 else ""))
                           for i, t in enumerate(pieces) if t)
        return self._run1(text, char, rpr)

    def _run1(self, text: str, char: _WStyle | None, rpr: str) -> str:
        props = (f'<w:rStyle w:val="{char.sid}"/>' if char else "") + rpr
        out = []
        for i, line in enumerate(text.split("\n")):
            if i:
                out.append("<w:br/>")
            for j, piece in enumerate(line.split("\t")):
                if j:
                    out.append("<w:tab/>")
                if piece:
                    out.append(f'<w:t xml:space="preserve">{escape(_BAD_XML.sub("", piece))}</w:t>')
        return f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{''.join(out)}</w:r>"

    def _para(self, ws: _WStyle, runs: str, ppr: str = "") -> str:
        return f'<w:p><w:pPr><w:pStyle w:val="{ws.sid}"/>{ppr}</w:pPr>{runs}</w:p>'

    def _direct_ppr(self, it: Item, ws: _WStyle, shared: bool, tabs: str = "", in_header: bool = False) -> str:
        """Paragraph properties in schema order: borders, shading, tabs, spacing."""
        d = self._item_ppr(it) if shared else {}
        x = d.get("pBdr", "") + d.get("shd", "") + tabs
        if shared and ("before" in d or "after" in d):
            before, after = self._spacing(ws)
            x += (f'<w:spacing w:before="{_twips(before + d.get("before", 0))}" '
                  f'w:after="{_twips(after + d.get("after", 0))}"/>')
        elif in_header:
            x += '<w:spacing w:before="0" w:after="0"/>'
        return x

    def _spans(self, para: Paragraph, ws: _WStyle) -> str:
        """Runs of a text paragraph: bold spans and the 一是…。 lead in the 要点 style."""
        point = self.styles[POINT]
        text = para.text
        m = re.match(self.lay.point_pattern, text)
        lead_end = m.end() if m else 0
        pieces: list[tuple[str, bool]] = []
        pos = 0
        for sp in para.spans:
            s, e = pos, pos + len(sp.text)
            pos = e
            if sp.bold or e <= lead_end:
                pieces.append((sp.text, True))
            elif s < lead_end:
                pieces += [(sp.text[:lead_end - s], True), (sp.text[lead_end - s:], False)]
            else:
                pieces.append((sp.text, False))
        merged: list[list] = []
        for t, strong in pieces:
            if not t:
                continue
            if merged and merged[-1][1] == strong:
                merged[-1][0] += t
            else:
                merged.append([t, strong])
        return "".join(self._run(t, ws, point if strong else None) for t, strong in merged)

    # ---- zones

    def _render(self, name: str, **extra) -> str:
        return self.tpl.render(name, **{**self.ctx, **extra}) if name else ""

    def _fit_size(self, text: str, st: Style, width: float) -> float:
        """A headline too long for its max_lines shrinks, down to min_size, as in the PDF."""
        if not (st.min_size and st.max_lines) or st.min_size >= st.size:
            return st.size

        def lines(size):
            return sum(max(1, math.ceil(sum(_em(c) for c in ln) * (1 + st.tracking) * size / width - 1e-6))
                       for ln in text.split("\n"))
        size = st.size
        while size - 0.5 >= st.min_size and lines(size) > st.max_lines:
            size -= 0.5
        return size

    def _item_paragraphs(self, it: Item, counts: dict[str, int], in_header: bool = False) -> list[str]:
        name = self._item_name(it)
        ws = self.styles[name]
        shared = counts.get(name, 0) > 1
        if getattr(it, "content", "") == "lead":
            return [self._para(ws, self._spans(p, ws)) for p in self.m.lead]
        if it.left or it.center or it.right:
            width = self.page.type_width
            stops = ""
            text = self._render(it.left)
            if it.center:
                stops += f'<w:tab w:val="center" w:pos="{_twips(width / 2)}"/>'
                text += "\t" + self._render(it.center)
            if it.right:
                stops += f'<w:tab w:val="right" w:pos="{_twips(width)}"/>'
                text += "\t" + self._render(it.right)
            ppr = self._direct_ppr(it, ws, shared, f"<w:tabs>{stops}</w:tabs>", in_header)
            return [self._para(ws, self._run(text, ws), ppr)]
        text = self._render(it.template)
        if not text:
            return []
        rpr = ""
        size = self._fit_size(text, ws.src, self.page.type_width) if not in_header else ws.src.size
        ppr = self._direct_ppr(it, ws, shared, "", in_header)
        if size != ws.src.size:
            hp = int(round(size * 2))
            rpr = f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
            ppr += f'<w:spacing w:line="{_twips(ws.src.leading * size / ws.src.size)}" w:lineRule="exact"/>' \
                if "<w:spacing" not in ppr else ""
        return [self._para(ws, self._run(text, ws, None, rpr), ppr)]

    def _furniture_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for it in (*self.lay.header, *self.lay.footer):
            counts[self._item_name(it)] = counts.get(self._item_name(it), 0) + 1
        return counts

    def _headline_zone(self) -> list[str]:
        counts = self._furniture_counts()
        out = []
        for it in self.lay.header:
            out += self._item_paragraphs(it, counts)
        return out

    def _lead_above(self) -> bool:
        g = self.lay.grid
        return any(getattr(i, "content", "") == "lead" for i in self.lay.header) or \
            bool(g.head_columns and g.head_columns >= g.columns)

    def _body_zone(self) -> list[str]:
        out = []
        if not any(getattr(i, "content", "") == "lead" for i in self.lay.header):
            lead = self.styles[LEAD]
            out += [self._para(lead, self._spans(p, lead)) for p in self.m.lead]
        hl, sp_line, body = self.styles[HEADLINE], self.styles[SPEAKER], self.styles[BODY]
        for sp in self.m.speakers:
            out.append(self._para(hl, self._run("\n".join(sp.headline_phrases) or sp.headline, hl)))
            line = self._render(self.lay.speaker.line_template, speaker=sp)
            if line:
                out.append(self._para(sp_line, self._run(line, sp_line)))
            if sp.portrait:
                out.append(self._portrait(sp))
            out += [self._para(body, self._spans(p, body)) for p in sp.paragraphs]
        return out

    def _end_zone(self) -> list[str]:
        ws = self.styles[BANJI]
        out = []
        for it in self.lay.end:
            lines = [ln for ln in self._render(it.template).split("\n") if ln.strip()]
            d = self._item_ppr(it)
            for i, ln in enumerate(lines):
                # The item's rules enclose all its lines (版记 between two rules, GB/T 9704).
                bdr = (_border("top", it.rule_above, self.lay) if it.rule_above and i == 0 else "") + \
                      (_border("bottom", it.rule_below, self.lay) if it.rule_below and i == len(lines) - 1 else "")
                ppr = f"<w:pBdr>{bdr}</w:pBdr>" if bdr else ""
                ppr += d.get("shd", "")
                before, after = self._spacing(ws)
                before += d.get("before", 0) if i == 0 else 0
                after += d.get("after", 0) if i == len(lines) - 1 else 0
                ppr += f'<w:spacing w:before="{_twips(before)}" w:after="{_twips(after)}"/>'
                out.append(self._para(ws, self._run(ln, ws), ppr))
        return out

    # ---- pictures

    def _portrait(self, sp) -> str:
        ws = self.styles[PORTRAIT]
        data = Path(sp.portrait).read_bytes()
        ext = Path(sp.portrait).suffix.lower().lstrip(".") or "png"
        ext = "jpeg" if ext == "jpg" else ext
        self.drawing_id += 1
        n = self.drawing_id
        target = f"media/portrait{n}.{ext}"
        self.media.append((f"word/{target}", data))
        rid = self._rel(REL + "/image", target)
        try:
            from PIL import Image
            with Image.open(sp.portrait) as im:
                w_px, h_px = im.size
        except Exception:  # an unreadable picture keeps a square frame rather than failing the DOCX
            w_px = h_px = 1
        cx = int(round(self.col_width * self.lay.speaker.portrait_width * EMU))
        cy = int(round(cx * h_px / max(1, w_px)))
        alt = _attr(f"{sp.position} {sp.name}".strip())
        pic = (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
               f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
               f'<wp:docPr id="{n}" name="照片 {n}" descr="{alt}"/>'
               '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
               '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="portrait{n}.{ext}"/><pic:cNvPicPr/></pic:nvPicPr>'
               f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
               f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
               '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
               '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
        return self._para(ws, pic)

    def _rel(self, rtype: str, target: str) -> str:
        rid = f"rId{len(self.doc_rels) + 1}"
        self.doc_rels.append((rid, rtype, target))
        return rid

    # ---- header and footer parts

    def _hdr_part(self, kind: str, n: int, paras: list[str]) -> str:
        tag = "hdr" if kind == "header" else "ftr"
        body = "".join(paras) or "<w:p/>"
        name = f"word/{kind}{n}.xml"
        self.parts[name] = f"{XML_DECL}<w:{tag} {NS}>{body}</w:{tag}>".encode("utf-8")
        self.overrides["/" + name] = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
        return self._rel(f"{REL}/{kind}", f"{kind}{n}.xml")

    def _folio_paras(self, align: str | None) -> list[str]:
        counts = self._furniture_counts()
        out = []
        for it in self.lay.footer:
            name = self._item_name(it)
            ws = self.styles[name]
            tname = it.template or it.center or it.left or it.right
            if tname and _mentions_page(self.tpl, tname):
                text = self._render(tname, page=PAGE_SENTINEL)
                before, _, after = text.partition(str(PAGE_SENTINEL))
                runs = self._run(before, ws) if before else ""
                if _:
                    self._note(ws, "0123456789")
                    runs += ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                             f'{self._run("1", ws)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')
                runs += self._run(after, ws) if after else ""
                jc = f'<w:jc w:val="{align}"/>' if align and ws.src.align == "outside" else ""
                out.append(self._para(ws, runs, self._direct_ppr(it, ws, counts[name] > 1, "", True) + jc))
            else:
                out += self._item_paragraphs(it, counts, in_header=True)
        return out

    def _furniture(self) -> tuple[str, bool]:
        """Header and footer references for every sectPr; and whether odd/even pages differ."""
        counts = self._furniture_counts()
        head = []
        for it in self.lay.header:
            if self._item_name(it) == MASTHEAD:
                head += self._item_paragraphs(it, counts, in_header=True)
        outside = any(self.lay.styles.get(i.style) and self.lay.styles[i.style].align == "outside"
                      for i in self.lay.footer)
        refs = ""
        n = 0
        if head:
            # The first page shows the 版头 in the body already; later pages repeat it as a running head.
            n += 1
            refs += f'<w:headerReference w:type="default" r:id="{self._hdr_part("header", n, head)}"/>'
            if outside:
                n += 1
                refs += f'<w:headerReference w:type="even" r:id="{self._hdr_part("header", n, head)}"/>'
            n += 1
            refs += f'<w:headerReference w:type="first" r:id="{self._hdr_part("header", n, [])}"/>'
        foot = self._folio_paras("right")
        if foot:
            m = 1
            rid = self._hdr_part("footer", m, foot)
            refs += f'<w:footerReference w:type="default" r:id="{rid}"/>'
            if outside:
                m += 1
                refs += f'<w:footerReference w:type="even" r:id="{self._hdr_part("footer", m, self._folio_paras("left"))}"/>'
            m += 1
            refs += f'<w:footerReference w:type="first" r:id="{self._hdr_part("footer", m, self._folio_paras("right"))}"/>'
        return refs, outside

    def _sect(self, refs: str, columns: int, continuous: bool, title_pg: bool) -> str:
        p, g = self.page, self.lay.grid
        header = max(9.0, p.top * 0.3)
        footer = max(9.0, p.bottom * 0.4)
        cols = f'<w:cols w:num="{columns}" w:space="{_twips(g.gutter)}"'
        cols += ' w:sep="1"/>' if columns > 1 and g.column_rule else "/>"
        return (f"<w:sectPr>{refs}"
                + ('<w:type w:val="continuous"/>' if continuous else "")
                + f'<w:pgSz w:w="{_twips(p.width)}" w:h="{_twips(p.height)}"/>'
                f'<w:pgMar w:top="{_twips(p.top)}" w:right="{_twips(p.right)}" w:bottom="{_twips(p.bottom)}" '
                f'w:left="{_twips(p.left)}" w:header="{_twips(header)}" w:footer="{_twips(footer)}" w:gutter="0"/>'
                + cols + ("<w:titlePg/>" if title_pg else "")
                + f'<w:docGrid w:linePitch="{_twips(g.leading)}"/></w:sectPr>')

    # ---- package

    def build(self) -> dict[str, bytes]:
        lay = self.lay
        refs, outside = self._furniture()
        head = self._headline_zone()
        body = self._body_zone()
        end = self._end_zone()
        if self._lead_above() and not any(getattr(i, "content", "") == "lead" for i in lay.header):
            n = len(self.m.lead)
            head, body = head + body[:n], body[n:]
        cols = lay.grid.columns
        title_pg = bool(refs) and "headerReference" in refs
        # Each zone's last paragraph carries the sectPr that closes it (OOXML puts a
        # section's properties at its end); the next zone starts on the same page.
        zones = [(head, 1)]
        if cols == 1:
            zones = [(head + body + end, 1)]
        elif end:
            zones += [(body, cols), (end, 1)]
        else:
            zones += [(body, cols)]
        zones = [(z, c) for z, c in zones if z]
        xml = []
        for i, (paras, c) in enumerate(zones):
            sect = self._sect(refs, c, i > 0, title_pg)
            if i == len(zones) - 1:
                xml += paras
                xml.append(sect)
            else:
                xml += paras[:-1]
                last = paras[-1]
                xml.append(last.replace("</w:pPr>", sect + "</w:pPr>", 1))
        self.parts["word/document.xml"] = (f"{XML_DECL}<w:document {NS}><w:body>" + "".join(xml)
                                           + "</w:body></w:document>").encode("utf-8")
        self._rel(REL + "/styles", "styles.xml")
        self._rel(REL + "/settings", "settings.xml")
        self._rel(REL + "/fontTable", "fontTable.xml")
        self.parts["word/styles.xml"] = self._styles_part()
        self.parts["word/settings.xml"] = self._settings(outside)
        self.parts["word/fontTable.xml"] = self._font_table()
        for name, data in self.media:
            self.parts[name] = data
        self.parts["word/_rels/document.xml.rels"] = _rels(self.doc_rels)
        self.parts["docProps/core.xml"] = self._core()
        self.parts["docProps/app.xml"] = self._app()
        self.parts["_rels/.rels"] = _rels([
            ("rId1", REL + "/officeDocument", "word/document.xml"),
            ("rId2", PKG_REL + "/metadata/core-properties", "docProps/core.xml"),
            ("rId3", REL + "/extended-properties", "docProps/app.xml")])
        self.parts["[Content_Types].xml"] = self._content_types()
        order = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
                 "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
                 "word/fontTable.xml"]
        return {k: self.parts[k] for k in order + sorted(set(self.parts) - set(order))}

    def _settings(self, outside: bool) -> bytes:
        x = [XML_DECL, f'<w:settings {NS}>']
        if self.embed:
            x.append("<w:embedTrueTypeFonts/><w:saveSubsetFonts/>")
        body = self.styles[BODY].src
        x.append(f'<w:defaultTabStop w:val="{_twips(body.size * 2)}"/>')
        if outside:
            x.append("<w:evenAndOddHeaders/>")
        ctl = "compressPunctuation" if self.lay.kinsoku == "push-in" else "doNotCompress"
        x.append(f'<w:characterSpacingControl w:val="{ctl}"/>')
        x.append(f'<w:noLineBreaksAfter w:lang="zh-CN" w:val="{_attr(LINE_END_FORBIDDEN)}"/>')
        x.append(f'<w:noLineBreaksBefore w:lang="zh-CN" w:val="{_attr(LINE_START_FORBIDDEN)}"/>')
        x.append('<w:compat><w:doNotExpandShiftReturn/><w:useFELayout/>'
                 '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
                 '</w:compat>')
        x.append('<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>')
        x.append("</w:settings>")
        return "".join(x).encode("utf-8")

    def _font_table(self) -> bytes:
        names = sorted({ws.font.name for ws in self.styles.values()})
        embeds: dict[str, str] = {}
        rels = []
        if self.embed:
            from ..fonts.subset import subset
            for (name, bold) in sorted(self.chars):
                ref = self.faces[(name, bold)]
                if ref.face is None:
                    continue
                data = Path(subset(ref.face, self.chars[(name, bold)]).ttf).read_bytes()
                key = font_key(data)
                rid = f"rId{len(rels) + 1}"
                target = f"fonts/font{len(rels) + 1}.odttf"
                rels.append((rid, REL + "/font", target))
                self.parts[f"word/{target}"] = obfuscate(data, key)
                tag = "embedBold" if bold else "embedRegular"
                embeds[name] = embeds.get(name, "") + \
                    f'<w:{tag} r:id="{rid}" w:fontKey="{key}" w:subsetted="1"/>'
            self.parts["word/_rels/fontTable.xml.rels"] = _rels(rels)
        x = [XML_DECL, f'<w:fonts {NS}>']
        for n in names:
            # Order of CT_Font: charset, family, pitch, then the embeds (Regular before Bold).
            emb = embeds.get(n, "")
            emb = "".join(sorted(re.findall(r"<w:embed\w+ [^>]*/>", emb), key=lambda e: "Bold" in e))
            x.append(f'<w:font w:name="{_attr(n)}"><w:charset w:val="86"/><w:family w:val="auto"/>'
                     f'<w:pitch w:val="variable"/>{emb}</w:font>')
        x.append("</w:fonts>")
        return "".join(x).encode("utf-8")

    def _core(self) -> bytes:
        m = self.m
        created = dt.datetime.combine(m.publication.date, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
        modified = created
        if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
            modified = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc) \
                .strftime("%Y-%m-%dT%H:%M:%SZ")
        authors = "、".join(m.byline.reporters)
        return (f'{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f'<dc:title>{escape(m.title)}</dc:title><dc:subject>{escape(m.subtitle)}</dc:subject>'
                f'<dc:creator>{escape(authors)}</dc:creator><cp:lastModifiedBy>{escape(authors)}</cp:lastModifiedBy>'
                f'<cp:keywords>{escape(m.publication.paper)}</cp:keywords><dc:language>zh-CN</dc:language>'
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
                '</cp:coreProperties>').encode("utf-8")

    def _app(self) -> bytes:
        from .. import __version__
        return (f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                f'<Application>publish {escape(__version__)}</Application></Properties>').encode("utf-8")

    def _content_types(self) -> bytes:
        wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        x = [XML_DECL, '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>']
        exts = sorted({n.rsplit(".", 1)[-1] for n in self.parts if n.startswith("word/media/")})
        x += [f'<Default Extension="{e}" ContentType="image/{e}"/>' for e in exts]
        if any(n.endswith(".odttf") for n in self.parts):
            x.append('<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>')
        over = {"/word/document.xml": f"{wml}.document.main+xml", "/word/styles.xml": f"{wml}.styles+xml",
                "/word/settings.xml": f"{wml}.settings+xml", "/word/fontTable.xml": f"{wml}.fontTable+xml",
                "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                **self.overrides}
        x += [f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in sorted(over.items())]
        x.append("</Types>")
        return "".join(x).encode("utf-8")


def _rels(rels) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{_attr(g)}"/>' for i, t, g in rels)
    return f'{XML_DECL}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'.encode("utf-8")


def _em(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5


_source_memo: dict[tuple[str, str], bool] = {}


def _mentions_page(tpl: Templates, name: str) -> bool:
    key = (str(tpl.folder), name)
    if key not in _source_memo:
        try:
            src = tpl.env.loader.get_source(tpl.env, name)[0]
        except Exception:  # a missing template is reported when it renders
            src = ""
        _source_memo[key] = bool(re.search(r"\bpage\b", src))
    return _source_memo[key]


# ---------------------------------------------------------------- zip

def _zip_time(meeting: Meeting) -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        t = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    else:
        t = dt.datetime.combine(meeting.publication.date, dt.time())
    t = max(t.replace(tzinfo=None), dt.datetime(1980, 1, 1))   # the zip format starts in 1980
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def _write_zip(out: Path, parts: dict[str, bytes], when) -> None:
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data, compresslevel=6)
