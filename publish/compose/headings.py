"""Headlines and furniture lines: fitting a 主题 to the width, phrase-aware line breaks."""
from __future__ import annotations

from ..typeset.linebreak import break_paragraph
from ..typeset.types import Glyph, Line, ParaStyle
from .fontbook import FontBook

# Between the phrases of a headline ("坚定信心 真抓实干") newspapers leave one em.
PHRASE_GAP = 1.0


def _measure(book: FontBook, role: str, text: str, size: float, tracking: float = 0.0) -> float:
    """Natural width; a space between phrases counts as the phrase gap."""
    w = sum(PHRASE_GAP if ch == " " else book.advance(role, ch) + tracking for ch in text)
    return w * size - (tracking * size if text else 0)


def set_line(book: FontBook, role: str, text: str, size: float, measure: float, align: str,
             tracking: float = 0.0) -> Line:
    """One line of unbreakable text (a phrase group), aligned in the measure."""
    glyphs = []
    x = 0.0
    words = text.split(" ")
    for wi, word in enumerate(words):
        if wi:
            x += PHRASE_GAP * size
        for run in book.runs(word, role, size):
            for ch in run.text:
                adv = run.advance(ch) * size
                glyphs.append(Glyph(ch, run.font, size, x, adv, adv))
                x += adv + tracking * size
    width = x - (tracking * size if glyphs else 0)
    shift = {"center": (measure - width) / 2, "right": measure - width}.get(align, 0.0)
    for g in glyphs:
        g.x += shift
    return Line(glyphs, width, True, False)


def set_heading(book: FontBook, role: str, text: str, size: float, measure: float, align: str,
                tracking: float = 0.0) -> list[Line]:
    """Break a headline at its phrase boundaries first; a phrase too long for the
    measure is broken by the typesetting engine (避头尾 still holds)."""
    phrases = [p for p in text.split() if p]
    lines: list[str] = []
    for p in phrases:
        trial = f"{lines[-1]} {p}" if lines else p
        if lines and _measure(book, role, trial, size, tracking) <= measure + 0.01:
            lines[-1] = trial
        else:
            lines.append(p)
    out: list[Line] = []
    for ln in lines:
        if _measure(book, role, ln, size, tracking) <= measure + 0.01:
            out.append(set_line(book, role, ln, size, measure, align, tracking))
        else:
            style = ParaStyle(measure=measure, align=align if align in ("left", "center") else "center")
            out.extend(break_paragraph(book.runs(ln, role, size), style))
    return out


def fit_heading(book: FontBook, role: str, text: str, size: float, min_size: float | None,
                max_lines: int | None, measure: float, align: str, tracking: float = 0.0
                ) -> tuple[float, list[Line]]:
    """The largest size (from size down to min_size, in 0.5 pt steps) at which the
    heading fits in max_lines lines; at min_size it takes the lines it needs."""
    s = size
    floor = min_size or size
    while True:
        lines = set_heading(book, role, text, s, measure, align, tracking)
        if not max_lines or len(lines) <= max_lines or s <= floor:
            return s, lines
        s = max(floor, s - 0.5)
