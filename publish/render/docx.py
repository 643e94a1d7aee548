"""Word (DOCX) output: the same page plan and layout as the PDF, as an editable document.

Every element carries a named style built from the layout (引题, 主题, 发言正文 …), so an
editor restyles the whole page by editing one style. Word sets the body lines itself
(the DOCX must reflow as the editor types); the title, headlines and speaker lines
break where the PDF breaks them. The text comes from the page plan (publish/plan/), the
line breaks from the composed page: the writer reads no content file and no template.

The package is written directly as WordprocessingML rather than through
python-docx's document model: python-docx has no API for columns, section
breaks, East Asian paragraph properties or font embedding, and starting from
its template would carry its theme, latent styles and timestamps into a file
that must be byte-for-byte reproducible.
"""

from __future__ import annotations

from pathlib import Path

from ..compose.boxes import Composition
from ..compose.fitted import fitted_layout
from ..layout.spec import Layout
from ..plan import Plan
from . import docx_props
from .docx_breaks import PdfLines
from .docx_doc import Doc
from .docx_fonttable import EmbedReport, FontUse, font_table
from .docx_furniture import furniture
from .docx_package import Package, app_part, core_part, settings_part, write_zip, zip_time
from .docx_sections import document_part, geometry
from .docx_speakers import body_zone
from .docx_style_xml import styles_part
from .docx_styles import BODY, WordStyles
from .docx_text import Runs
from .docx_xml import PKG_REL, REL, rels_part
from .docx_zones import headline_zone


def render_docx(
    plan: Plan, layout: Layout, out: Path, *, composition: Composition, embed_fonts: bool | str = False
) -> EmbedReport:
    """Write the plan as a DOCX to `out` (the caller renames it into place).

    composition: the composed page the PDF is drawn from (of this plan); its title,
    headline and speaker lines give the DOCX its line breaks, its fitting the sizes.
    embed_fonts: False, True / "subset" (the characters used), or "full" (whole fonts
    whose licence allows it, so that newly typed characters have glyphs too).
    Returns what was embedded: (font, whole, licence or reason) for each face."""
    layout = fitted_layout(layout, composition)  # leading, sizes, columns as the page was fitted
    parts, report = _package(plan, layout, embed_fonts, PdfLines(composition))
    write_zip(Path(out), parts, zip_time(plan.meta))
    return report


def _package(plan: Plan, layout: Layout, embed: bool | str, pdf: PdfLines) -> tuple[dict[str, bytes], EmbedReport]:
    """Every part of the package, in order, and what was embedded."""
    styles = WordStyles(layout, plan)
    use = FontUse()
    package = Package()
    geo = geometry(layout)
    doc = Doc(plan, layout, styles, Runs(styles, use), pdf, package, geo)
    refs, outside = furniture(doc)
    head = headline_zone(doc)
    body = body_zone(doc)
    speakers = body.lead + body.speakers
    package.add("word/document.xml", document_part(layout, geo, refs, head, speakers, body.end))
    package.rel(REL + "/styles", "styles.xml")
    package.rel(REL + "/settings", "settings.xml")
    package.rel(REL + "/fontTable", "fontTable.xml")
    package.add("word/styles.xml", styles_part(styles, geo.right_tw))
    package.add("word/settings.xml", settings_part(layout, styles[BODY].src, embed, outside))
    report = font_table(list(styles.styles.values()), use, embed, package.parts)
    package.add("docProps/core.xml", core_part(plan.meta))
    package.add("docProps/app.xml", app_part())
    # what Word cannot show (publication, keys, name splits) comes home on import
    package.add("docProps/custom.xml", docx_props.custom_part(plan.content_record), docx_props.CONTENT_TYPE)
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
