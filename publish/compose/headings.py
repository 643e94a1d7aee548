"""Headlines and furniture lines: sizes that fit, lines broken where a designer breaks them."""

from __future__ import annotations

from typing import Iterable

from ..typeset.classes import DASHES
from ..typeset.types import Glyph, Line
from .boxes import Rule
from .breaking import break_heading
from .fontbook import FontBook
from .metrics import VALUE_TOLERANCE

# Between the phrases of a headline ("坚定信心 真抓实干") newspapers leave one em.
PHRASE_GAP = 1.0
SIZE_STEP = 0.5
# 破折号 drawn as a rule: at the dash glyphs' height (0.28 em above the baseline), 0.066 em
# thick, starting and ending 0.04 em inside the first and last glyph as the glyphs do.
DASH_RISE = 0.28
DASH_WEIGHT = 0.066
DASH_INSET = 0.04


def measure_text(book: FontBook, role: str, text: str, size: float, tracking: float = 0.0) -> float:
    """Natural width; a space between phrases counts as the phrase gap."""
    # The fitting search breaks the same headlines at the same sizes for every trial:
    # each width is summed once per page (the book lives as long as one composition).
    key = (role, text, tracking)
    w = book.widths.get(key)
    if w is None:
        w = book.widths[key] = sum(PHRASE_GAP if ch in " \u3000" else book.advance(role, ch) + tracking for ch in text)
    return w * size - (tracking * size if text else 0)


_measure = measure_text


def set_line(
    book: FontBook, role: str, text: str, size: float, measure: float, align: str, tracking: float = 0.0
) -> Line:
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


def heading_lines(
    book: FontBook,
    role: str,
    text: str,
    size: float,
    measure: float,
    max_lines: int | None,
    tracking: float = 0.0,
    kind: str = "headline",
    protect: Iterable[str] = (),
) -> list[str] | None:
    """The headline's lines at this size (breaking.py), or None if it does not fit max_lines."""
    key = (role, text, size, measure, max_lines, tracking, kind, tuple(protect))
    if key not in book.headings:
        book.headings[key] = break_heading(
            text, lambda s: measure_text(book, role, s, size, tracking), measure, max_lines, kind, key[-1]
        )
    got = book.headings[key]
    return None if got is None else list(got)


def sizes(size: float, min_size: float | None) -> list[float]:
    """Sizes to try, largest first, in half-point steps down to min_size."""
    out = [size]
    while min_size is not None and out[-1] - SIZE_STEP >= min_size - VALUE_TOLERANCE:
        out.append(round(out[-1] - SIZE_STEP, 2))
    return out


def common_size(
    book: FontBook,
    role: str,
    texts: list[str],
    size: float,
    min_size: float | None,
    max_lines: int | None,
    measure: float,
    kind: str = "headline",
    protect: Iterable[str] = (),
) -> tuple[float, list[int]]:
    """One size for all the texts (one 小标题 size a page): the largest at which every
    one fits max_lines. Returns (size, indexes of texts that fit at no size)."""
    protect = tuple(protect)
    bad: list[int] = []
    for s in sizes(size, min_size):
        bad = [
            i
            for i, t in enumerate(texts)
            if t and heading_lines(book, role, t, s, measure, max_lines, kind=kind, protect=protect) is None
        ]
        if not bad:
            return s, []
    return (min_size or size), bad


def set_lines(
    book: FontBook, role: str, lines: list[str], size: float, measure: float, align: str, tracking: float = 0.0
) -> list[Line]:
    return [set_line(book, role, ln, size, measure, align, tracking) for ln in lines]


_fitted: dict = {}


def fit_heading(
    book: FontBook,
    role: str,
    text: str,
    size: float,
    min_size: float | None,
    max_lines: int | None,
    measure: float,
    align: str,
    tracking: float = 0.0,
    kind: str = "headline",
    protect: Iterable[str] = (),
) -> tuple[float, list[Line]]:
    """The largest size (size down to min_size, half-point steps) at which the heading
    fits max_lines; if none does, the smallest size, broken at every allowed point
    (the caller reports it). Kept per font book: the fitting search asks again and again."""
    protect = tuple(protect)
    key = (id(book), role, text, size, min_size, max_lines, round(measure, 3), align, tracking, kind, protect)
    hit = _fitted.get(key)
    if hit is not None and hit[0] is book:
        return hit[1]
    out = _fit_heading(book, role, text, size, min_size, max_lines, measure, align, tracking, kind, protect)
    if len(_fitted) > 2000:
        _fitted.clear()
    _fitted[key] = (book, out)
    return out


def _fit_heading(book, role, text, size, min_size, max_lines, measure, align, tracking, kind, protect):
    for s in sizes(size, min_size):
        lines = heading_lines(book, role, text, s, measure, max_lines, tracking, kind, protect)
        if lines is not None:
            return s, set_lines(book, role, lines, s, measure, align, tracking)
    s = min_size or size
    lines = heading_lines(book, role, text, s, measure, None, tracking, kind, protect) or [text]
    return s, set_lines(book, role, lines, s, measure, align, tracking)


def dash_rules(line: Line, x: float, baseline: float, color: str) -> list[Rule]:
    """破折号 “——” as one unbroken rule two ems long: the two dash glyphs of a CJK
    font leave a gap between them, which a printed page never shows."""
    out = []
    gl = line.glyphs
    i = 0
    while i < len(gl) - 1:
        if gl[i].ch in DASHES and gl[i + 1].ch in DASHES:
            j = i
            while j < len(gl) and gl[j].ch in DASHES:
                j += 1
            g0, g1 = gl[i], gl[j - 1]
            y = baseline - DASH_RISE * g0.size
            x0, x1 = x + g0.x + DASH_INSET * g0.size, x + g1.x + g1.advance - DASH_INSET * g1.size
            out.append(Rule(x0, y, x1, y, DASH_WEIGHT * g0.size, color))
            i = j
        else:
            i += 1
    return out
