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

from pathlib import Path

from ..layout.printed import printed
from ..layout.spec import Layout
from ..layout.templates import Templates, context
from ..model import Meeting
from ..plan.record import content_record
from . import docx_props
from .docx_breaks import PdfLines
from .docx_doc import Doc
from .docx_fonttable import FontUse, font_table
from .docx_furniture import furniture
from .docx_package import Package, app_part, core_part, settings_part, write_zip, zip_time
from .docx_sections import document_part, geometry
from .docx_speakers import body_zone, lead_above
from .docx_style_xml import styles_part
from .docx_styles import BODY, WordStyles
from .docx_text import Runs
from .docx_xml import PKG_REL, REL, rels_part
from .docx_zones import end_zone, headline_zone


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
    parts, report = _package(meeting, layout, embed_fonts, PdfLines(composition))
    write_zip(Path(out), parts, zip_time(meeting))
    return report


def _package(
    meeting: Meeting, layout: Layout, embed: bool | str, pdf: PdfLines
) -> tuple[dict[str, bytes], list[tuple[str, bool, str]]]:
    """Every part of the package, in order, and what was embedded."""
    tpl = Templates(layout.folder)
    styles = WordStyles(layout)
    use = FontUse()
    package = Package()
    geo = geometry(layout)
    m = printed(meeting, tpl, context(meeting))
    doc = Doc(layout, styles, Runs(styles, use), pdf, package, geo, tpl, context(m), m)
    refs, outside = furniture(doc)
    head, body, end = headline_zone(doc), body_zone(doc), end_zone(doc)
    if lead_above(doc):
        n = len(m.lead)
        head, body = head + body[:n], body[n:]
    package.add("word/document.xml", document_part(layout, geo, refs, head, body, end))
    package.rel(REL + "/styles", "styles.xml")
    package.rel(REL + "/settings", "settings.xml")
    package.rel(REL + "/fontTable", "fontTable.xml")
    package.add("word/styles.xml", styles_part(styles, geo.right_tw))
    package.add("word/settings.xml", settings_part(layout, styles[BODY].src, embed, outside))
    report = font_table(list(styles.styles.values()), use, embed, package.parts)
    package.add("docProps/core.xml", core_part(m))
    package.add("docProps/app.xml", app_part())
    # what Word cannot show (publication, keys, name splits) comes home on import
    package.add("docProps/custom.xml", docx_props.custom_part(content_record(meeting)), docx_props.CONTENT_TYPE)
    package.add(
        "_rels/.rels",
        rels_part(
            [
                ("rId1", REL + "/officeDocument", "word/document.xml"),
                ("rId2", PKG_REL + "/metadata/core-properties", "docProps/core.xml"),
                ("rId3", REL + "/extended-properties", "docProps/app.xml"),
                ("rId4", docx_props.REL_TYPE, "docProps/custom.xml"),
            ]
        ),
    )
    return package.ordered(), report
