"""A DOCX of a meeting as a build writes it: the meeting planned and composed, the DOCX
written from the composition's plan with its line breaks."""

from __future__ import annotations

from pathlib import Path

from publish.compose import compose
from publish.plan import plan
from publish.render.docx import render_docx


def write_docx(meeting, layout, out: Path, *, composition=None, embed_fonts: bool | str = False):
    """composition: the composed page, or a stand-in for it (composed here when not given)."""
    if composition is None:
        composition = compose(meeting, layout)
        p = composition.plan
    else:
        p = plan(meeting, layout)
    return render_docx(p, layout, out, composition=composition, embed_fonts=embed_fonts)
