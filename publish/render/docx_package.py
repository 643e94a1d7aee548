"""The DOCX package around the document: settings, font table, properties, content types, zip.

Everything here is a function of the input alone (no clock, no machine), so the same meeting
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from .. import reproducible
from ..layout.spec import Layout
from ..model import Meeting
from ..reproducible import source_date, source_date_epoch, zip_date_time
from .docx_fonts import font_entry, font_key, full_font, may_embed_full, obfuscate
from .docx_styles import BODY, NS, XML_DECL, _attr, _twips

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

# clreq: characters that may not begin / end a line. Word uses these lists for zh-CN.
LINE_START_FORBIDDEN = '!%),.:;?]}¢°·’"†‡›℃∶、。〃〆〕〗〞﹚﹜！＂％＇），．：；？！］｝～—…‥〉》」』】〙〛〟”％‰」'
LINE_END_FORBIDDEN = "$(£¥·‘“〈《「『【〔〖〝﹙﹛＄（．［｛￡￥〘〚"


class PackageParts:
    """Mixed into the builder: the parts beside word/document.xml."""

    # What the builder (render/docx.py) provides.
    lay: Layout
    m: Meeting
    embed: bool | str
    styles: dict
    chars: dict[tuple[str, bool], set[str]]
    faces: dict
    embed_report: list[tuple[str, bool, str]]
    parts: dict[str, bytes]
    overrides: dict[str, str]

    def _settings(self, outside: bool) -> bytes:
        x = [XML_DECL, f"<w:settings {NS}>"]
        if self.embed:
            x.append("<w:embedTrueTypeFonts/>" + ("" if self.embed == "full" else "<w:saveSubsetFonts/>"))
        body = self.styles[BODY].src
        x.append(f'<w:defaultTabStop w:val="{_twips(body.size * 2)}"/>')
        if outside:
            x.append("<w:evenAndOddHeaders/>")
        ctl = "compressPunctuation" if self.lay.kinsoku == "push-in" else "doNotCompress"
        x.append(f'<w:characterSpacingControl w:val="{ctl}"/>')
        x.append(f'<w:noLineBreaksAfter w:lang="zh-CN" w:val="{_attr(LINE_END_FORBIDDEN)}"/>')
        x.append(f'<w:noLineBreaksBefore w:lang="zh-CN" w:val="{_attr(LINE_START_FORBIDDEN)}"/>')
        x.append(
            "<w:compat><w:doNotExpandShiftReturn/><w:useFELayout/>"
            '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            "</w:compat>"
        )
        x.append('<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>')
        x.append("</w:settings>")
        return "".join(x).encode("utf-8")

    def _font_table(self) -> bytes:
        # One entry per name; roles sharing it (宋 and 粗宋 are one family, the weight from
        # w:b) pool their alternates, the regular role's first; the regular face describes it.
        refs: dict[str, list] = {}
        for ws in sorted(self.styles.values(), key=lambda w: w.font.bold):
            refs.setdefault(ws.font.name, []).append(ws.font)
        embeds = self._embed_fonts() if self.embed else {}
        x = [XML_DECL, f"<w:fonts {NS}>"]
        for n in sorted(refs):
            alternates = tuple(dict.fromkeys(a for r in refs[n] for a in r.alternates))
            # Regular before Bold, as CT_Font orders them.
            emb = "".join(sorted(embeds.get(n, []), key=lambda e: "Bold" in e))
            x.append(font_entry(n, refs[n][0].face, alternates, emb))
        x.append("</w:fonts>")
        return "".join(x).encode("utf-8")

    def _embed_fonts(self) -> dict[str, list[str]]:
        """Embed each face set in the document: whole when asked and the licence allows, else
        the characters used. Records what was done in self.embed_report."""
        from ..fonts.subset import subset

        embeds: dict[str, list[str]] = {}
        rels: list[tuple[str, str, str]] = []
        for name, bold in sorted(self.chars):
            ref = self.faces[(name, bold)]
            if ref.face is None:
                self.embed_report.append((name, False, "本机没有这个字体，无法嵌入"))
                continue
            whole, why = may_embed_full(ref.face) if self.embed == "full" else (False, "")
            if whole:
                data = full_font(ref.face)
            else:
                data = Path(subset(ref.face, self.chars[(name, bold)]).ttf).read_bytes()
            self.embed_report.append((name + (" Bold" if bold else ""), whole, why))
            key = font_key(data)
            rid = f"rId{len(rels) + 1}"
            target = f"fonts/font{len(rels) + 1}.odttf"
            rels.append((rid, REL + "/font", target))
            self.parts[f"word/{target}"] = obfuscate(data, key)
            tag = "embedBold" if bold else "embedRegular"
            sub = "" if whole else ' w:subsetted="1"'
            embeds.setdefault(name, []).append(f'<w:{tag} r:id="{rid}" w:fontKey="{key}"{sub}/>')
        self.parts["word/_rels/fontTable.xml.rels"] = rels_part(rels)
        return embeds

    def _core(self) -> bytes:
        m = self.m
        created = dt.datetime.combine(m.publication.date, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
        epoch = source_date_epoch()
        modified = epoch.strftime("%Y-%m-%dT%H:%M:%SZ") if epoch else created
        authors = "、".join(m.byline.reporters)
        return (
            f'{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(m.title)}</dc:title><dc:subject>{escape(m.subtitle)}</dc:subject>"
            f"<dc:creator>{escape(authors)}</dc:creator><cp:lastModifiedBy>{escape(authors)}</cp:lastModifiedBy>"
            f"<cp:keywords>{escape(m.publication.paper)}</cp:keywords><dc:language>zh-CN</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
            "</cp:coreProperties>"
        ).encode("utf-8")

    def _app(self) -> bytes:
        from .. import __version__

        return (
            f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>publish {escape(__version__)}</Application></Properties>"
        ).encode("utf-8")

    def _content_types(self) -> bytes:
        wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        x = [
            XML_DECL,
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
            '<Default Extension="xml" ContentType="application/xml"/>',
        ]
        exts = sorted({n.rsplit(".", 1)[-1] for n in self.parts if n.startswith("word/media/")})
        x += [f'<Default Extension="{e}" ContentType="image/{e}"/>' for e in exts]
        if any(n.endswith(".odttf") for n in self.parts):
            x.append(
                '<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>'
            )
        over = {
            "/word/document.xml": f"{wml}.document.main+xml",
            "/word/styles.xml": f"{wml}.styles+xml",
            "/word/settings.xml": f"{wml}.settings+xml",
            "/word/fontTable.xml": f"{wml}.fontTable+xml",
            "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
            "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            **self.overrides,
        }
        x += [f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in sorted(over.items())]
        x.append("</Types>")
        return "".join(x).encode("utf-8")


def rels_part(rels) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{_attr(g)}"/>' for i, t, g in rels)
    return f'{XML_DECL}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'.encode("utf-8")


# ---------------------------------------------------------------- zip


def zip_time(meeting: Meeting) -> tuple[int, int, int, int, int, int]:
    return zip_date_time(source_date(meeting.publication.date))


def write_zip(out: Path, parts: dict[str, bytes], when: tuple[int, int, int, int, int, int]) -> None:
    reproducible.write_zip(out, parts, when, compresslevel=6)
