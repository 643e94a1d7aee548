"""One composed page set as the browser sees it: images per page and width.

The pages the browser is told about first are painted from the composition
(paint.py: no PDF on the save-to-image clock). A zoomed or later page is
rasterised from the PDF: the one written for this page, or, for a page that
was not written (排不下, a blocked photo), one made on demand.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paint, raster


@dataclass
class Preview:
    generation: int
    comp: Any  # compose.boxes.Composition
    overlay: dict
    images: dict = field(default_factory=dict)  # (page index, width) -> JPEG bytes
    pdf: bytes | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def count(self) -> int:
        return len(self.comp.pages)

    def paint(self, index: int, width: int) -> None:
        self.images[(index, width)] = paint.page_jpeg(self.comp, index, width)

    def image(self, index: int, width: int) -> bytes:
        got = self.images.get((index, width))
        if got is None:
            got = self.images[(index, width)] = raster.render_page(self._pdf(), index, width)
        return got

    def _pdf(self) -> bytes:
        with self._lock:
            if self.pdf is None:
                import tempfile

                from ..render.fontreg import page_fonts
                from ..render.pdf import render_pdf

                with page_fonts(), tempfile.TemporaryDirectory(prefix="publish-watch-") as tmp:
                    target = Path(tmp) / "preview.pdf"
                    render_pdf(self.comp, target, marks=False)
                    self.pdf = target.read_bytes()
            return self.pdf
