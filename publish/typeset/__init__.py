"""Renderer-neutral Chinese paragraph typesetting (clreq / GB/T 15834).

    from publish.typeset import Run, ParaStyle, break_paragraph, lines_text
    lines = break_paragraph([Run(text, "song", 9.0, advance)], ParaStyle(measure=108, indent=18))

`advance(ch)` gives a character's advance in em for that run's font; the core
never touches font files or a PDF library.  Each Line holds Glyphs whose `x` is
the glyph origin in pt from the line's left edge; a renderer draws exactly
there.  A glyph occupies [x + trim, x + trim + width].

Behaviour, in order of application:
  * 避头尾: closing marks, ——, ……, ·, ％ never start a line; opening marks
    never end one.  A forbidden break is fixed by push-in (推入: pull the
    offending marks up, halving the line-end closing mark and, if needed,
    compressing the line's other full-width marks evenly up to half an em
    each) when it fits, else by push-out (推出: carry characters down to the
    last legal break and justify).  kinsoku="push-out" skips push-in.
  * Unbreakable: ——, ……, and Latin/digit clusters with their signs
    (6.2%  1050.7  AI+  -3), a number keeping 万/亿 (1.46万).  A cluster
    longer than the line is split as a last resort (Line.forced).
  * 标点挤压: in a pair of adjacent full-width marks a closing first mark
    loses its right half; an opening mark after an opening mark loses its
    left half.  Marks with advance < 0.9 em are never compressed.
  * Justification: non-final lines end exactly at the measure; extra space
    goes evenly into the gaps outside unbreakable clusters.  Han characters
    are never squeezed.  Lines spread by more than max_stretch em per gap are
    flagged loose.  align="left"/"center" sets lines ragged.
"""

from .linebreak import break_paragraph
from .types import Glyph, Line, ParaStyle, Run, lines_text

__all__ = ["Run", "ParaStyle", "Glyph", "Line", "break_paragraph", "lines_text"]
