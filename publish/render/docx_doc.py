"""What the parts of the DOCX writer share while one document is written."""

from __future__ import annotations

from dataclasses import dataclass

from ..layout.spec import Layout
from ..layout.templates import Templates
from ..model import Meeting
from .docx_breaks import PdfLines
from .docx_package import Package
from .docx_sections import Geometry
from .docx_styles import WordStyles
from .docx_text import Runs


@dataclass
class Doc:
    lay: Layout  # as the page was fitted
    styles: WordStyles
    runs: Runs
    pdf: PdfLines  # the composed page's lines, consumed in reading order
    package: Package
    geo: Geometry
    tpl: Templates
    ctx: dict  # the templates' context
    m: Meeting  # as the page prints it (layout/printed.py)
    drawings: int = 0  # pictures placed so far (each needs a document-wide id)

    def render(self, name: str, **extra) -> str:
        return self.tpl.render(name, **{**self.ctx, **extra}) if name else ""
