"""Simple metrics for tests: Han and full-width punctuation 1 em, digits 0.55,
Latin 0.6, —/… 1 em, ASCII punctuation 0.3, space 0.25."""

from __future__ import annotations

from publish.typeset import ParaStyle, Run, break_paragraph, lines_text

SIZE = 10.0


def adv(ch: str) -> float:
    if ch.isascii():
        if ch.isdigit():
            return 0.55
        if ch.isalpha():
            return 0.6
        if ch == " ":
            return 0.25
        return 0.3
    return 1.0


def run(text: str, size: float = SIZE, font: str = "song", advance=adv, bold=False) -> Run:
    return Run(text, font, size, advance, bold)


def brk(text: str, measure_em: float = 10, size: float = SIZE, **kw):
    """Break one single-run paragraph; measure given in em of `size`."""
    return break_paragraph([run(text, size)], ParaStyle(measure=measure_em * size, **kw))


def texts(text: str, measure_em: float = 10, **kw) -> list[str]:
    return lines_text(brk(text, measure_em, **kw))


def xs(line) -> list[float]:
    return [round(g.x, 4) for g in line.glyphs]


def widths(line) -> list[float]:
    return [round(g.width, 4) for g in line.glyphs]
