"""Every character each font role will set, from the rendered plan: for subsetting and
font fallback before anything is measured (no template is rendered again for it)."""

from __future__ import annotations

from ..layout.spec import Layout
from ..model import Meeting
from .fields import CHINESE_DIGITS, DIGITS, FieldText, Numerals
from .nodes import BodyNode, EndMatter, FooterItem, HeaderItem, Para, SpanRole, Use
from .printed import SECTION_STYLE

# Furniture may print any number (page, date) and pads with an ideographic space.
FURNITURE_EXTRA = DIGITS + "\u3000"


def font_uses(
    m: Meeting,
    layout: Layout,
    header: tuple[HeaderItem, ...],
    end: tuple[EndMatter, ...],
    footer: tuple[FooterItem, ...],
    continued: tuple[FieldText, FieldText],
    name_lines: dict[str, str],
    body: tuple[BodyNode, ...],
) -> tuple[Use, ...]:
    """In reading order of the zones, so that a character no font has is reported where it
    first appears."""
    src = (m.source.path, None)
    out: list[Use] = []
    for h in header:
        font = layout.style(h.style).font
        it = h.item
        for name, text in ((it.template, h.text), (it.left, h.left), (it.center, h.center), (it.right, h.right)):
            if name:
                out.append(Use(font, text + FURNITURE_EXTRA, src))
        if h.lead or it.content == "lead":
            lead = "\n".join(p.text for p in h.lead)
            out.append(Use(font, lead + FURNITURE_EXTRA, src))
            bold = layout.style(h.style).bold_font
            if bold:
                out.append(Use(bold, lead, src))
    for e in end:
        if e.item.template:
            out.append(Use(layout.style(e.style).font, e.text + FURNITURE_EXTRA, src))
    for f in footer:
        font = layout.style(f.style).font
        it = f.item
        for name, ft in ((it.template, f.text), (it.left, f.left), (it.center, f.center), (it.right, f.right)):
            if name:
                out.append(Use(font, _with_numerals(ft) + FURNITURE_EXTRA, src))
    out += _speaker_uses(m, layout, name_lines)
    out += [u for node in body if isinstance(node, Para) for u in _para_uses(node, layout)]
    if "continued" in layout.styles:
        text = _with_numerals(continued[0]) + _with_numerals(continued[1])
        out.append(Use(layout.style("continued").font, text + DIGITS, (str(layout.source), None)))
    return tuple(out)


def _with_numerals(ft: FieldText) -> str:
    chinese = any(f.numerals is Numerals.CHINESE for f in ft.fields)
    return ft.literal + (CHINESE_DIGITS if chinese else "")


def _speaker_uses(m: Meeting, layout: Layout, name_lines: dict[str, str]) -> list[Use]:
    sp = layout.speaker
    headline, line = layout.style(sp.headline_style).font, layout.style(sp.line_style).font
    section_style = SECTION_STYLE if SECTION_STYLE in layout.styles else sp.headline_style
    section = layout.style(section_style).font
    out = []
    for s in m.speakers:
        out.append(Use(headline, s.headline, (s.source.path, 2)))
        out.append(Use(line, name_lines[s.key], (s.source.path, 3)))
        out.append(Use(section, s.section, (m.source.path, None)))
    return out


def _para_uses(p: Para, layout: Layout) -> list[Use]:
    style = layout.style(p.style)
    point = layout.styles.get(layout.point_style)
    fonts = {
        SpanRole.BODY: style.font,
        SpanRole.BOLD: style.bold_font or style.font,
        SpanRole.POINT: point.font if point else style.font,
    }
    where = (p.source.path, p.source.line)
    return [Use(fonts[s.role], s.text, where) for s in p.spans]
