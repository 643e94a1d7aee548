"""word/styles.xml: the style table (docx_styles.py) as WordprocessingML."""

from __future__ import annotations

from ..layout.spec import Layout, Style
from .docx_fonts import FontRef
from .docx_styles import (
    ATTRIBUTION,
    BODY,
    CLOSING,
    CREDIT,
    HEADLINE,
    KICKER,
    LEAD,
    PORTRAIT,
    SECTION,
    SPEAKER,
    STYLE_IDS,
    SUBTITLE,
    TITLE,
    WordStyles,
    WStyle,
)
from .docx_xml import NS, XML_DECL, attr, rgb, twips

JC = {"justify": "both", "left": "left", "center": "center", "right": "right", "outside": "right"}
# Latin text is en-US and Chinese zh-CN: LibreOffice and Word break Latin runs (numbers,
# percentages, words) by the western rules, which never split "41.6%" or "2025".
LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
# Styles whose paragraphs stay with the next one (a 小标题 never ends a column).
_KEEP_NEXT = (HEADLINE, SPEAKER, PORTRAIT, KICKER, TITLE, SUBTITLE)
# Styles set in the body columns (a one-column layout narrows them to the measure).
_IN_COLUMNS = (BODY, HEADLINE, SPEAKER, PORTRAIT, ATTRIBUTION, CREDIT, CLOSING, SECTION)


def styles_part(table: WordStyles, right_tw: int) -> bytes:
    """right_tw: right indent of the speakers' text (one-column layouts), in twips."""
    lay = table.lay
    body = table[BODY]
    n = attr(body.font.name)
    hp = int(round(body.src.size * 2))
    x = [
        XML_DECL,
        f"<w:styles {NS}>",
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}"/>'
        f'<w:kern w:val="2"/><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
        f"{LANG}</w:rPr></w:rPrDefault>"
        f'<w:pPrDefault><w:pPr>{ppr_common(lay)}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>',
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
    ]
    x += [_style(table, ws, right_tw) for ws in table.styles.values()]
    x.append("</w:styles>")
    return "".join(x).encode("utf-8")


def ppr_common(lay: Layout) -> str:
    auto = "1" if lay.han_latin_space else "0"
    top = "<w:topLinePunct/>" if lay.kinsoku == "push-in" else ""
    return (
        f'<w:kinsoku/><w:overflowPunct w:val="0"/>{top}<w:autoSpaceDE w:val="{auto}"/><w:autoSpaceDN w:val="{auto}"/>'
    )


def _rpr(lay: Layout, font: FontRef, st: Style) -> str:
    n = attr(font.name)
    x = f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}" w:hint="eastAsia"/>'
    x += "<w:b/><w:bCs/>" if font.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    x += f'<w:color w:val="{rgb(lay, st.color)}"/>'
    if st.tracking:
        x += f'<w:spacing w:val="{twips(st.tracking * st.size)}"/>'
    hp = int(round(st.size * 2))
    x += f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
    x += LANG
    return x


def _style(table: WordStyles, ws: WStyle, right_tw: int) -> str:
    lay, st = table.lay, ws.src
    head = f'<w:style w:type="{ws.kind}" w:customStyle="1" w:styleId="{ws.sid}"><w:name w:val="{attr(ws.name)}"/>'
    if ws.kind == "character":
        return head + f'<w:uiPriority w:val="1"/><w:qFormat/><w:rPr>{_rpr(lay, ws.font, st)}</w:rPr></w:style>'
    head += '<w:basedOn w:val="Normal"/>'
    if ws.name in (HEADLINE, SPEAKER, BODY, LEAD):
        head += f'<w:next w:val="{STYLE_IDS[BODY]}"/>'
    head += '<w:uiPriority w:val="1"/><w:qFormat/>'
    in_columns = ws.name in _IN_COLUMNS or (ws.name == LEAD and not table.lead_in_header)
    ppr = _ppr(table, ws, right_tw if in_columns else 0)
    return head + f"<w:pPr>{ppr}</w:pPr><w:rPr>{_rpr(lay, ws.font, st)}</w:rPr></w:style>"


def _ppr(table: WordStyles, ws: WStyle, right_tw: int) -> str:
    st = ws.src
    ppr = "<w:keepNext/>" if ws.name in _KEEP_NEXT else ""
    ppr += '<w:widowControl w:val="0"/>'
    ppr += ws.fmt.borders + ws.fmt.shading
    ppr += ppr_common(table.lay)
    before, after = table.spacing(ws)
    if ws.name == PORTRAIT:
        # An inline picture in an exact-height line would be clipped to that line.
        half = twips(table.lay.grid.leading / 2)
        ppr += f'<w:spacing w:before="{twips(before)}" w:after="{half}" w:line="240" w:lineRule="auto"/>'
    else:
        ppr += (
            f'<w:spacing w:before="{twips(before)}" w:after="{twips(after)}" '
            f'w:line="{twips(st.leading)}" w:lineRule="exact"/>'
        )
    right = f' w:right="{right_tw}"' if right_tw else ""
    if st.indent:
        ppr += f'<w:ind{right} w:firstLineChars="{int(round(st.indent * 100))}" w:firstLine="{twips(st.indent * st.size)}"/>'
    else:
        ppr += f'<w:ind{right} w:firstLineChars="0" w:firstLine="0"/>'
    return ppr + f'<w:jc w:val="{JC.get(st.align, "both")}"/>'
