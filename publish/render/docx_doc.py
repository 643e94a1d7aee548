"""What the parts of the DOCX writer share while one document is written."""

from __future__ import annotations

from dataclasses import dataclass

from ..layout.spec import Layout
from ..plan import Plan
from .docx_breaks import PdfLines
from .docx_package import Package
from .docx_sections import Geometry
from .docx_styles import WordStyles
from .docx_text import Runs


@dataclass
class Doc:
    plan: Plan  # what the page prints: the only source of text
    lay: Layout  # as the page was fitted: styles and geometry
    styles: WordStyles
    runs: Runs
    pdf: PdfLines  # the composed page's lines, consumed in reading order
    package: Package
    geo: Geometry
    drawings: int = 0  # pictures placed so far (each needs a document-wide id)
