"""The DOCX package around the document: its parts and relationships, settings, properties,
content types, zip.

Everything here is a function of the input alone (no clock, no machine), so the same meeting
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from .. import reproducible
from ..layout.spec import Layout, Style
from ..plan import Metadata
from ..typeset.classes import CLUSTER_LEADERS, LINE_END_FORBIDDEN, LINE_START_FORBIDDEN
from ..reproducible import source_date, source_date_epoch, zip_date_time
from .docx_xml import NS, XML_DECL, attr, rels_part, twips

# Word's kinsoku for zh-CN are the typesetting core's rules (typeset/classes.py), so Word and
# LibreOffice avoid the line starts and ends the PDF avoids; a sign before a number (¥8, -3)
# stays with it, as the core's clusters keep it.
NO_BREAK_BEFORE = "".join(sorted(LINE_START_FORBIDDEN))
NO_BREAK_AFTER = "".join(sorted(LINE_END_FORBIDDEN | CLUSTER_LEADERS))
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
# The parts every package has, in the order they are written (the rest follow, sorted).
_ORDER = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/fontTable.xml",
)


class Package:
    """The parts of the package and word/document.xml's relationships, as they are added."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}
        self.overrides: dict[str, str] = {}  # part name → content type beyond the defaults
        self.doc_rels: list[tuple[str, str, str]] = []  # (id, type, target)

    def rel(self, rtype: str, target: str) -> str:
        rid = f"rId{len(self.doc_rels) + 1}"
        self.doc_rels.append((rid, rtype, target))
        return rid

    def add(self, name: str, data: bytes, content_type: str = "") -> None:
        self.parts[name] = data
        if content_type:
            self.overrides["/" + name] = content_type

    def ordered(self) -> dict[str, bytes]:
        """Every part, with the relationships and content types, in the order they are zipped."""
        self.parts["word/_rels/document.xml.rels"] = rels_part(self.doc_rels)
        self.parts["[Content_Types].xml"] = self._content_types()
        return {k: self.parts[k] for k in _ORDER + tuple(sorted(set(self.parts) - set(_ORDER)))}

    def _content_types(self) -> bytes:
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
            "/word/document.xml": f"{WML}.document.main+xml",
            "/word/styles.xml": f"{WML}.styles+xml",
            "/word/settings.xml": f"{WML}.settings+xml",
            "/word/fontTable.xml": f"{WML}.fontTable+xml",
            "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
            "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            **self.overrides,
        }
        x += [f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in sorted(over.items())]
        x.append("</Types>")
        return "".join(x).encode("utf-8")


def settings_part(layout: Layout, body: Style, embed: bool | str, outside: bool) -> bytes:
    x = [XML_DECL, f"<w:settings {NS}>"]
    if embed:
        x.append("<w:embedTrueTypeFonts/>" + ("" if embed == "full" else "<w:saveSubsetFonts/>"))
    x.append(f'<w:defaultTabStop w:val="{twips(body.size * 2)}"/>')
    if outside:
        x.append("<w:evenAndOddHeaders/>")
    ctl = "compressPunctuation" if layout.kinsoku == "push-in" else "doNotCompress"
    x.append(f'<w:characterSpacingControl w:val="{ctl}"/>')
    x.append(f'<w:noLineBreaksAfter w:lang="zh-CN" w:val="{attr(NO_BREAK_AFTER)}"/>')
    x.append(f'<w:noLineBreaksBefore w:lang="zh-CN" w:val="{attr(NO_BREAK_BEFORE)}"/>')
    x.append(
        "<w:compat><w:doNotExpandShiftReturn/><w:useFELayout/>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        "</w:compat>"
    )
    x.append('<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>')
    x.append("</w:settings>")
    return "".join(x).encode("utf-8")


def core_part(meta: Metadata) -> bytes:
    day = meta.date or source_date().date()
    created = dt.datetime.combine(day, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    epoch = source_date_epoch()
    modified = epoch.strftime("%Y-%m-%dT%H:%M:%SZ") if epoch else created
    authors = meta.author
    return (
        f'{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(meta.title)}</dc:title><dc:subject>{escape(meta.subject)}</dc:subject>"
        f"<dc:creator>{escape(authors)}</dc:creator><cp:lastModifiedBy>{escape(authors)}</cp:lastModifiedBy>"
        f"<cp:keywords>{escape(meta.paper)}</cp:keywords><dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")


def app_part() -> bytes:
    from .. import __version__

    return (
        f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>publish {escape(__version__)}</Application></Properties>"
    ).encode("utf-8")


# ---------------------------------------------------------------- zip


def zip_time(meta: Metadata) -> tuple[int, int, int, int, int, int]:
    """The zip entries' time: SOURCE_DATE_EPOCH, else the publication date."""
    return zip_date_time(source_date(meta.date))


def write_zip(out: Path, parts: dict[str, bytes], when: tuple[int, int, int, int, int, int]) -> None:
    reproducible.write_zip(out, parts, when, compresslevel=6)
