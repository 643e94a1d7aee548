"""Renderer-neutral Chinese paragraph typesetting (clreq / GB/T 15834).

    from publish.typeset import Run, ParaStyle, break_paragraph, lines_text
"""
from .linebreak import break_paragraph
from .types import Glyph, Line, ParaStyle, Run, lines_text

__all__ = ["Run", "ParaStyle", "Glyph", "Line", "break_paragraph", "lines_text"]
