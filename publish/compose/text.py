"""Stage 2 of compose (collect), the text: every paragraph broken into lines, once per
body size (the expensive step; leading and spacing do not change a line break)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..plan import Para, SpanRole
from ..layout.spec import Style
from ..typeset.linebreak import break_paragraph
from ..typeset.types import Glyph, Line, ParaStyle, Run
from .configure import Config
from .metrics import GRID_TOLERANCE, VALUE_TOLERANCE


@dataclass(frozen=True)
class SetPara:
    """A paragraph as set at one body size."""

    owner: str  # "lead" or the speaker's key
    style: Style
    lines: list[Line]


def char_roles(para: Para, style: Style, point: Style | None) -> list[tuple[str, str, float, bool]]:
    """Runs of (text, font role, size, bold) for a paragraph: its spans in the fonts their
    roles take in this style, neighbours that set alike joined."""
    fonts = {
        SpanRole.BODY: (style.font, style.size, False),
        SpanRole.BOLD: (style.bold_font or style.font, style.size, True),
        SpanRole.POINT: (point.font, point.size, True) if point else (style.font, style.size, False),
    }
    runs: list[tuple[str, str, float, bool]] = []
    for span in para.spans:
        r = fonts[span.role]
        if runs and runs[-1][1:] == r:
            runs[-1] = (runs[-1][0] + span.text, *r)
        else:
            runs.append((span.text, *r))
    return runs


def _on_pitch(run: Run, k: float) -> Run:
    """A run whose every advance is scaled by k (a character grid)."""
    advance = run.advance
    return replace(run, advance=lambda ch: advance(ch) * k)


class Texts:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self._paras: dict[float, list[SetPara]] = {}
        self._lead: dict[tuple[str, float], list[Line]] = {}
        self._counts: dict[float, int] = {}
        self._face_of: dict[str, object] | None = None

    def typeset(self, para: Para, style: Style, measure: float, pitch: float | None = None) -> list[Line]:
        lay, book = self.cfg.layout, self.cfg.book
        point = lay.styles.get(lay.point_style)
        if point is not None and abs(point.size - lay.style(lay.body_style).size) < GRID_TOLERANCE:
            point = replace(point, size=style.size)
        runs: list[Run] = []
        for text, role, size, bold in char_roles(para, style, point):
            runs.extend(book.runs(text, role, size, bold))
        gridded = bool(pitch and abs(pitch - style.size) > VALUE_TOLERANCE)
        k = pitch / style.size if pitch and gridded else 1.0
        ps = ParaStyle(
            measure=measure,
            indent=style.indent * (pitch or style.size),
            kinsoku=lay.kinsoku,
            han_latin_space=lay.han_latin_space,
            halfwidth_opening_at_line_start=lay.opening_halfwidth_at_line_start,
            align=style.align,
        )
        faces = self._faces()
        key = (tuple((r.text, faces[r.font], r.size, r.bold) for r in runs), k, ps)
        hit = _SET.get(key)
        if hit is not None:
            return _named(key, hit, faces)
        if gridded:
            # a character grid (GB/T 9704: 28 a line): every advance scaled to the pitch
            runs = [_on_pitch(r, k) for r in runs]
        lines = break_paragraph(runs, ps)
        if gridded:
            # glyphs keep their font's advance: the renderer must place each on the grid itself
            for ln in lines:
                for g in ln.glyphs:
                    g.advance /= k
        if len(_SET) >= MAX_SET:
            _SET.clear()
        _SET[key] = [({face: name for name, face in faces.items()}, lines)]
        return lines

    def _faces(self) -> dict[str, object]:
        """This page's subset names -> the faces they are cut from."""
        if self._face_of is None:
            self._face_of = {sub.name: face for face, sub in self.cfg.book.subsets.items()}
        return self._face_of

    def lead_lines(self, style: Style, measure: float) -> list[Line]:
        """The 导语 across the header, every paragraph in the item's style (no point leads: plan)."""
        key = (style.name, measure)
        if key not in self._lead:
            lead = [p for h in self.cfg.plan.header for p in h.lead]
            self._lead[key] = [ln for p in lead for ln in self.typeset(p, style, measure)]
        return self._lead[key]

    def body_style(self, size: float) -> Style:
        body = self.cfg.layout.style(self.cfg.layout.body_style)
        return replace(body, size=size) if size != body.size else body

    def paragraphs(self, size: float) -> list[SetPara]:
        """The lead (when it flows with the body) and every speech, set at a body size."""
        if size not in self._paras:
            lay = self.cfg.layout
            g = self.cfg.geometry(size)
            body = self.body_style(size)
            lead = lay.style(lay.lead_style) if lay.lead_style in lay.styles else body
            if abs(lead.size - lay.style(lay.body_style).size) < GRID_TOLERANCE:
                lead = replace(lead, size=size)
            out = []
            for p in self.cfg.plan.paragraphs:
                st = _style(p, lead if p.owner == "lead" else body, lay.styles)
                out.append(SetPara(p.owner, st, self.typeset(p, st, g.measure, g.pitch)))
            self._paras[size] = out
        return self._paras[size]

    def line_count(self, size: float) -> int:
        """Lines of all paragraphs at a body size (the fitting estimate's)."""
        if size not in self._counts:
            self._counts[size] = sum(len(p.lines) for p in self.paragraphs(size))
        return self._counts[size]


# Paragraphs set before, kept per process: an unchanged paragraph (every speaker's but the
# one an editor just saved, in `publish watch`) is not broken again. Keyed by what decides
# the breaks: the runs' text, face, size and weight, the grid factor and the paragraph
# style; not by the page's subset names, which change whenever the page's character set
# does (the glyphs of a hit then get this page's names). Lines are never changed after
# they are set, so a page may share them with the page before.
_SET: dict[tuple, list[tuple[dict, list[Line]]]] = {}
MAX_SET = 400  # ~23 KB each: a page at several body sizes, ~10 MB at most
VERSIONS = 3  # the same lines under other pages' subset names


def _named(key: tuple, kept: list, faces: dict[str, object]) -> list[Line]:
    """The kept lines with this page's subset names on their glyphs: a version already
    named so (the page a save before), or one renamed now and kept beside the others."""
    now = {face: name for name, face in faces.items()}
    for then, lines in kept:
        if all(then.get(face) == name for face, name in now.items() if face in then):
            return lines
    then, lines = kept[0]
    rename = {then[face]: name for face, name in now.items() if face in then and then[face] != name}
    lines = [
        replace(
            ln,
            glyphs=[
                Glyph(g.ch, rename.get(g.font, g.font), g.size, g.x, g.advance, g.width, g.trim) for g in ln.glyphs
            ],
        )
        for ln in lines
    ]
    _SET[key] = [(now, lines)] + kept[: VERSIONS - 1]
    return lines


def _style(p: Para, zone: Style, styles: dict[str, Style]) -> Style:
    """The zone's style at the trial's size, or the style of a printed-only paragraph's role
    (credit, attribution, 编者按) as the layout gives it."""
    return zone if p.style == zone.name else styles[p.style]
