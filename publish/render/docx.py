"""Word (DOCX) output: the same meeting and layout as the PDF, as an editable document.

Every element carries a named style built from the layout (引题, 主题, 发言正文 …), so an
editor restyles the whole page by editing one style. Word sets the body lines itself
(the DOCX must reflow as the editor types); the title, headlines and speaker lines
break where the PDF breaks them.

The package is written directly as WordprocessingML rather than through
python-docx's document model: python-docx has no API for columns, section
breaks, East Asian paragraph properties or font embedding, and starting from
its template would carry its theme, latent styles and timestamps into a file
that must be byte-for-byte reproducible.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from xml.sax.saxutils import escape

from ..layout.printed import printed, speaker_line
from ..layout.spec import Item, Layout
from ..layout.templates import Templates, context
from ..model import Meeting, Paragraph
from .docx_breaks import PdfLines, squeeze
from .docx_fonts import FontRef
from .docx_package import PKG_REL, REL, PackageParts, rels_part, write_zip, zip_time
from . import docx_props
from .docx_styles import (
    BANJI,
    BODY,
    HEADLINE,
    LEAD,
    NS,
    POINT,
    PORTRAIT,
    ROLE_WORD,
    SECTION,
    SPEAKER,
    XML_DECL,
    TWIP,
    StyleTable,
    _attr,
    _border,
    _twips,
    _WStyle,
)

EMU = 12700  # EMU per pt
PAGE_SENTINEL = 987654321  # stands for the page number while a folio template renders
_HAIRLINE = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_docx(
    meeting: Meeting, layout: Layout, out: Path, *, embed_fonts: bool | str = False, composition=None
) -> list[tuple[str, bool, str]]:
    """Write the meeting as a DOCX to `out` (the caller renames it into place).

    composition: the composed page the PDF is drawn from (composed here when not given);
    its title, headline and speaker lines give the DOCX its line breaks.
    embed_fonts: False, True / "subset" (the characters used), or "full" (whole fonts
    whose licence allows it, so that newly typed characters have glyphs too).
    Returns what was embedded: (font, whole, licence or reason) for each face."""
    if composition is None:
        from ..compose import compose

        composition = compose(meeting, layout)
    from ..compose.fitted import fitted_layout

    layout = fitted_layout(layout, composition)  # leading, sizes, columns as the page was fitted
    b = _Builder(meeting, layout, embed_fonts, PdfLines(composition))
    write_zip(Path(out), b.build(), zip_time(meeting))
    return b.embed_report


# ---------------------------------------------------------------- builder


class _Builder(StyleTable, PackageParts):
    def __init__(self, meeting: Meeting, layout: Layout, embed_fonts: bool | str, pdf: PdfLines):
        self.pdf = pdf
        self.lay = layout
        self.embed = embed_fonts
        self.tpl = Templates(layout.folder)
        self.content = meeting  # as the files say it, for the document properties
        self.m = meeting = printed(meeting, self.tpl, context(meeting))
        self.ctx = context(meeting)
        self.styles: dict[str, _WStyle] = {}
        self.embed_report: list[tuple[str, bool, str]] = []  # (font, embedded whole, why)
        self.chars: dict[tuple[str, bool], set[str]] = {}  # font → characters set in it
        self.faces: dict[tuple[str, bool], FontRef] = {}
        self.media: list[tuple[str, bytes]] = []
        self.doc_rels: list[tuple[str, str, str]] = []  # (id, type, target)
        self.parts: dict[str, bytes] = {}
        self.overrides: dict[str, str] = {}
        self.drawing_id = 0
        self.page = layout.page
        g, p = layout.grid, self.page
        col_w = (p.type_width - g.gutter * (g.columns - 1)) / g.columns
        # The PDF's columns are a whole number of body characters wide, the rest goes to
        # the gutters (compose/page.py): the same measure gives Word the same line lengths.
        # Word derives the column width from the twips of the page, margins and gutter, so
        # those are rounded to leave each column at least the measure (a column 0.02 pt
        # narrow holds 13 characters, not 14).
        body = layout.styles.get(layout.body_style)
        self.col_width = math.floor(col_w / body.size + 1e-6) * body.size if body else col_w
        text_tw = _twips(p.width) - _twips(p.left) - _twips(p.right)
        measure_tw = math.ceil(self.col_width * TWIP - 1e-6)
        if g.columns > 1:
            self.space_tw = max(0, (text_tw - g.columns * measure_tw) // (g.columns - 1))
            self.right_tw = 0
        else:
            # One column: the PDF sets the speakers' text in the measure, flush left.
            self.space_tw = _twips(g.gutter)
            self.right_tw = max(0, text_tw - measure_tw)
        self._define_styles()

    # ---- runs and paragraphs

    def _note(self, ws: _WStyle, text: str) -> None:
        key = (ws.font.name, ws.font.bold)
        self.faces.setdefault(key, ws.font)
        self.chars.setdefault(key, set()).update(text)

    def _run(self, text: str, para: _WStyle, char: _WStyle | None = None, rpr: str = "") -> str:
        self._note(char or para, text)
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

    def _lines(self, lines: list, ws: _WStyle, rpr: str = "") -> str:
        """Runs for text set in the PDF's lines: a break where the PDF broke, and each line as
        narrow as the PDF set it, so that Word fits the same characters on it.

        The PDF narrows punctuation (标点挤压); Word and LibreOffice would set it full width
        and push the last character to a line of its own. What the PDF saved is taken
        evenly from the gaps of the line (character spacing, which LibreOffice applies
        between the characters of a run), plus a twip per gap against rounding."""
        out = []
        for i, (text, glyphs) in enumerate(lines):
            if i:
                out.append("<w:r><w:br/></w:r>")
            if not glyphs:
                out.append(self._run(text, ws, None, rpr))
                continue
            size = glyphs[0].size
            saved = sum(squeeze(glyphs)) * TWIP / max(1, len(text) - 1)
            v = math.floor(ws.src.tracking * size * TWIP - saved) - 1
            out.append(self._run(text, ws, None, f'<w:spacing w:val="{v}"/>' + rpr))
        return "".join(out)

    def _para(self, ws: _WStyle, runs: str, ppr: str = "") -> str:
        return f'<w:p><w:pPr><w:pStyle w:val="{ws.sid}"/>{ppr}</w:pPr>{runs}</w:p>'

    def _direct_ppr(self, it: Item, ws: _WStyle, shared: bool, tabs: str = "", in_header: bool = False) -> str:
        """Paragraph properties in schema order: borders, shading, tabs, spacing."""
        d = self._item_ppr(it) if shared else {}
        x = d.get("pBdr", "") + d.get("shd", "") + tabs
        if shared and ("before" in d or "after" in d):
            before, after = self._spacing(ws)
            x += (
                f'<w:spacing w:before="{_twips(before + d.get("before", 0))}" '
                f'w:after="{_twips(after + d.get("after", 0))}"/>'
            )
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
                pieces += [(sp.text[: lead_end - s], True), (sp.text[lead_end - s :], False)]
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

    def _sized(self, ws: _WStyle, size: float | None, ppr: str = "", scale_leading: bool = True) -> tuple[str, str]:
        """Run and paragraph properties for a line set smaller than its style, as the PDF shrank it."""
        if not size or abs(size - ws.src.size) < 0.01:
            return "", ppr
        hp = int(round(size * 2))
        leading = ws.src.leading * size / ws.src.size if scale_leading else ws.src.leading
        line = f'w:line="{_twips(leading)}" w:lineRule="exact"'
        if "<w:spacing " in ppr:
            ppr = ppr.replace("<w:spacing ", f"<w:spacing {line} ", 1)
        else:
            ppr += f"<w:spacing {line}/>"
        return f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>', ppr

    def _item_paragraphs(self, it: Item, counts: dict[str, int], in_header: bool = False) -> list[str]:
        name = self._item_name(it)
        ws = self.styles[name]
        shared = counts.get(name, 0) > 1
        if getattr(it, "content", "") == "lead":
            return [self._para(self._role(p, ws), self._spans(p, self._role(p, ws))) for p in self.m.lead]
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
        lines, size = self.pdf.take(it.style, text) if not in_header else ([(text, [])], None)
        rpr, ppr = self._sized(ws, size, self._direct_ppr(it, ws, shared, "", in_header))
        return [self._para(ws, self._lines(lines, ws, rpr), ppr)]

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
        return any(getattr(i, "content", "") == "lead" for i in self.lay.header) or bool(
            g.head_columns and g.head_columns >= g.columns
        )

    def _body_zone(self) -> list[str]:
        out = []
        if not any(getattr(i, "content", "") == "lead" for i in self.lay.header):
            lead = self.styles[LEAD]
            out += [self._para(self._role(p, lead), self._spans(p, self._role(p, lead))) for p in self.m.lead]
        hl, sp_line, body = self.styles[HEADLINE], self.styles[SPEAKER], self.styles[BODY]
        for sp in self.m.speakers:
            group: list[list] = []  # [style, runs, ppr, height] of the 小标题 group's paragraphs
            if sp.section:
                sec = self.styles[SECTION]
                lines, size = self.pdf.take("section", sp.section)
                rpr, ppr = self._sized(sec, size)
                group.append([sec, self._lines(lines, sec, rpr), ppr, len(lines) * self._leading(sec, size)])
            if sp.headline:
                lines, size = self.pdf.take("headline", sp.headline)
                if size is None:  # not on the composed page: Word breaks between phrases
                    lines = [(p, []) for p in sp.headline_phrases] or lines
                rpr, ppr = self._sized(hl, size)
                group.append([hl, self._lines(lines, hl, rpr), ppr, len(lines) * self._leading(hl, size)])
            line = speaker_line(self.tpl, self.lay.speaker.line_template, sp, self.ctx)
            if line:
                lines, size = self.pdf.take("speaker", line)
                rpr, ppr = self._sized(sp_line, size, scale_leading=False)
                group.append([sp_line, self._lines(lines, sp_line, rpr), ppr, len(lines) * sp_line.src.leading])
            if not sp.portrait and not self.lay.grid.fill_page:
                self._pdf_air(sp.key, group)
            out += [self._para(ws, runs, ppr) for ws, runs, ppr, _ in group]
            if sp.portrait:
                out.append(self._portrait(sp))
            out += [self._para(self._role(p, body), self._spans(p, self._role(p, body))) for p in sp.paragraphs]
        return out

    def _leading(self, ws: _WStyle, size: float | None) -> float:
        return ws.src.leading * (size or ws.src.size) / ws.src.size

    def _pdf_air(self, owner: str, group: list[list]) -> None:
        """Space above and below a 小标题 group as the PDF gives it: the separator lines above
        it (none where the PDF dropped them at a column top) and the group's whole grid lines
        centred around it, so the DOCX's pages fill and break as the PDF's do.

        Not on a 撑版 page (grid.fill_page): there the PDF is full to the foot by design and
        LibreOffice, a line longer here and there, would run onto a second page; the DOCX
        keeps the styles' spacing and the spare lines as slack."""
        height = self.pdf.head_h.get(owner)
        if not group or height is None:
            return
        extra = height - sum(g[3] for g in group)
        if extra < -0.5:
            return
        extra = max(0.0, extra)
        sep = self.pdf.space_lines.get(owner, 0) * self.lay.grid.leading
        for i, g in enumerate(group):
            before = sep + extra / 2 if i == 0 else 0.0
            after = extra / 2 if i == len(group) - 1 else 0.0
            attrs = f'w:before="{_twips(before)}" w:after="{_twips(after)}"'
            g[2] = (
                g[2].replace("<w:spacing ", f"<w:spacing {attrs} ", 1)
                if "<w:spacing " in g[2]
                else g[2] + f"<w:spacing {attrs}/>"
            )

    def _role(self, p: Paragraph, default: _WStyle) -> _WStyle:
        """Printed-only lines (credit, ——姓名委员, 编者按) in their own named styles."""
        return self.styles[ROLE_WORD[p.role]] if p.role in ROLE_WORD else default

    def _end_zone(self) -> list[str]:
        ws = self.styles[BANJI]
        out = []
        for it in self.lay.end:
            lines = [ln for ln in self._render(it.template).split("\n") if ln.strip()]
            d = self._item_ppr(it)
            for i, ln in enumerate(lines):
                # The item's rules enclose all its lines (版记 between two rules, GB/T 9704).
                bdr = (_border("top", it.rule_above, self.lay) if it.rule_above and i == 0 else "") + (
                    _border("bottom", it.rule_below, self.lay) if it.rule_below and i == len(lines) - 1 else ""
                )
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
        pic = (
            f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{n}" name="照片 {n}" descr="{alt}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="portrait{n}.{ext}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
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
                    runs += (
                        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                        f'{self._run("1", ws)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                    )
                runs += self._run(after, ws) if after else ""
                jc = f'<w:jc w:val="{align}"/>' if align and ws.src.align == "outside" else ""
                out.append(self._para(ws, runs, self._direct_ppr(it, ws, counts[name] > 1, "", True) + jc))
            else:
                out += self._item_paragraphs(it, counts, in_header=True)
        return out

    def _furniture(self) -> tuple[str, bool]:
        """Footer references for every sectPr, and whether odd and even pages differ.

        The PDF prints the 版头 and headline zone once, on page one, and the folio on every
        page: so the DOCX has no page header, and one footer (two for outside folios)."""
        outside = any(
            self.lay.styles.get(i.style) and self.lay.styles[i.style].align == "outside" for i in self.lay.footer
        )
        refs = ""
        foot = self._folio_paras("right")
        if foot:
            refs += f'<w:footerReference w:type="default" r:id="{self._hdr_part("footer", 1, foot)}"/>'
            if outside:
                refs += f'<w:footerReference w:type="even" r:id="{self._hdr_part("footer", 2, self._folio_paras("left"))}"/>'
        return refs, outside

    def _sect(self, refs: str, columns: int, continuous: bool, slack: bool = False) -> str:
        p, g = self.page, self.lay.grid
        header = max(9.0, p.top * 0.3)
        footer = max(9.0, p.bottom * 0.4)
        cols = f'<w:cols w:num="{columns}" w:space="{self.space_tw}"'
        cols += ' w:sep="1"/>' if columns > 1 and g.column_rule else "/>"
        bottom = p.bottom - (self._foot_slack(footer) if slack else 0.0)
        return (
            f"<w:sectPr>{refs}"
            + ('<w:type w:val="continuous"/>' if continuous else "")
            + f'<w:pgSz w:w="{_twips(p.width)}" w:h="{_twips(p.height)}"/>'
            f'<w:pgMar w:top="{_twips(p.top)}" w:right="{_twips(p.right)}" w:bottom="{_twips(bottom)}" '
            f'w:left="{_twips(p.left)}" w:header="{_twips(header)}" w:footer="{_twips(footer)}" w:gutter="0"/>'
            + cols
            + f'<w:docGrid w:linePitch="{_twips(g.leading)}"/></w:sectPr>'
        )

    def _foot_slack(self, footer: float) -> float:
        """One grid line of the bottom margin lent to the body where the columns are balanced
        above a 版记 or hairline: the PDF fills them to the foot, and LibreOffice or Word,
        breaking the body's lines themselves (their punctuation compression is weaker: a
        line of ours ending 总结” keeps 结” on the next), set a line more here and there and
        would run the last one onto a page of its own. Balanced columns stay where the text
        ends, so the slack shows only when needed; the folio keeps its place (footer distance)."""
        return max(0.0, min(self.lay.grid.leading, self.page.bottom - footer - 12.0))

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
        # Each zone's last paragraph carries the sectPr that closes it (OOXML puts a
        # section's properties at its end); the next zone starts on the same page.
        zones = [(head, 1)]
        balanced = False
        if cols == 1:
            zones = [(head + body + end, 1)]
        elif end or not lay.grid.fill_page:
            # A continuous section after the columns makes Word and LibreOffice balance
            # them, as the PDF does; without a 版记 it holds one hairline-high paragraph.
            # A 撑版 page (fill_page) has every column down to the foot in the PDF: there
            # the columns simply run on (LibreOffice 7.4 cannot balance its six columns:
            # it leaves them unbalanced and puts the hairline on a page of its own).
            zones += [(body, cols), (end or [_HAIRLINE], 1)]
            balanced = True
        else:
            zones += [(body, cols)]
        zones = [(z, c) for z, c in zones if z]
        xml = []
        for i, (paras, c) in enumerate(zones):
            sect = self._sect(refs, c, i > 0, balanced)
            if i == len(zones) - 1:
                xml += paras
                xml.append(sect)
            else:
                xml += paras[:-1]
                last = paras[-1]
                xml.append(last.replace("</w:pPr>", sect + "</w:pPr>", 1))
        self.parts["word/document.xml"] = (
            f"{XML_DECL}<w:document {NS}><w:body>" + "".join(xml) + "</w:body></w:document>"
        ).encode("utf-8")
        self._rel(REL + "/styles", "styles.xml")
        self._rel(REL + "/settings", "settings.xml")
        self._rel(REL + "/fontTable", "fontTable.xml")
        self.parts["word/styles.xml"] = self._styles_part()
        self.parts["word/settings.xml"] = self._settings(outside)
        self.parts["word/fontTable.xml"] = self._font_table()
        for name, data in self.media:
            self.parts[name] = data
        self.parts["word/_rels/document.xml.rels"] = rels_part(self.doc_rels)
        self.parts["docProps/core.xml"] = self._core()
        self.parts["docProps/app.xml"] = self._app()
        # what Word cannot show (publication, keys, name splits) comes home on import
        self.parts["docProps/custom.xml"] = docx_props.custom_part(self.content)
        self.overrides["/docProps/custom.xml"] = docx_props.CONTENT_TYPE
        self.parts["_rels/.rels"] = rels_part(
            [
                ("rId1", REL + "/officeDocument", "word/document.xml"),
                ("rId2", PKG_REL + "/metadata/core-properties", "docProps/core.xml"),
                ("rId3", REL + "/extended-properties", "docProps/app.xml"),
                ("rId4", docx_props.REL_TYPE, "docProps/custom.xml"),
            ]
        )
        self.parts["[Content_Types].xml"] = self._content_types()
        order = [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "word/fontTable.xml",
        ]
        return {k: self.parts[k] for k in order + sorted(set(self.parts) - set(order))}


_source_memo: dict[tuple[str, str], bool] = {}


def _mentions_page(tpl: Templates, name: str) -> bool:
    key = (str(tpl.folder), name)
    if key not in _source_memo:
        try:
            assert tpl.env.loader is not None
            src = tpl.env.loader.get_source(tpl.env, name)[0]
        except Exception:  # a missing template is reported when it renders
            src = ""
        _source_memo[key] = bool(re.search(r"\bpage\b", src))
    return _source_memo[key]
