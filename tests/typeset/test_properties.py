"""Hypothesis property tests over random Chinese text with punctuation,
numbers and Latin words: the invariants the PDF checker counts.

Set TYPESET_HYPOTHESIS_SCALE=20 for a deep run."""

import dataclasses
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.typeset import ParaStyle, Run, break_paragraph
from publish.typeset.classes import LINE_END_FORBIDDEN, LINE_START_FORBIDDEN, is_alnum

from .helpers import SIZE, adv

SCALE = int(os.environ.get("TYPESET_HYPOTHESIS_SCALE", "1"))

EPS = 0.01
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"
OPEN_GROUPS = ["“", "（", "《", "（“", "「", "【"]
CLOSE_GROUPS = [
    "，",
    "。",
    "、",
    "；",
    "：",
    "？",
    "！",
    "——",
    "……",
    "。”",
    "”，",
    "）。",
    "》、",
    "！”",
    "……”",
    "”",
    "）",
    "》",
    "％",
    "·",
]
TOKENS = ["6.2%", "1050.7亿", "2025", "1.46万", "AI", "AI+", "GDP", "5G", "10:30", "3.5", "2.78万亿", "x86", "-3", "A"]


@st.composite
def segment(draw):
    """[opening] Han-first body Han-last [closing]: keeps every 避头尾 fix
    avoidable (at most a few forbidden marks glued to a Han character)."""
    parts = []
    if draw(st.integers(0, 4)) == 0:
        parts.append(draw(st.sampled_from(OPEN_GROUPS)))
    parts.append(draw(st.sampled_from(HAN)))
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 5)) == 0:
            parts.append(draw(st.sampled_from(TOKENS)))
        parts.append(draw(st.sampled_from(HAN)))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(CLOSE_GROUPS)))
    return "".join(parts)


paragraphs = st.lists(segment(), min_size=1, max_size=25).map("".join)

styles = st.builds(
    lambda m, kinsoku, cp, hw, hls, ind: ParaStyle(
        measure=m * SIZE,
        indent=ind * SIZE,
        kinsoku=kinsoku,
        compress_punct=cp,
        halfwidth_opening_at_line_start=hw,
        han_latin_space=hls,
    ),
    st.floats(8, 20),
    st.sampled_from(["push-in", "push-out"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from([0.0, 0.25]),
    st.sampled_from([0.0, 0.0, 2.0]),
)


def split_runs(text, cuts):
    cuts = sorted({c % (len(text) + 1) for c in cuts} | {0, len(text)})
    return [Run(text[a:b], f"f{i % 2}", SIZE, adv) for i, (a, b) in enumerate(zip(cuts, cuts[1:]))]


def check(text, style, lines, max_size=SIZE):
    # nothing lost or reordered
    assert "".join(g.ch for l in lines for g in l.glyphs) == text
    assert lines[-1].last and not any(l.last for l in lines[:-1])
    half = 0.5 * max_size
    for n, line in enumerate(lines):
        t = line.text
        assert t, "empty line"
        assert not line.forced, "generator keeps breaks avoidable"
        assert line.width <= style.measure + EPS
        if not line.last:
            assert abs(line.width - style.measure) < EPS
            g = line.glyphs[-1]
            assert abs(g.x + g.trim + g.width - style.measure) < EPS
        # 避头尾
        if n > 0:
            assert t[0] not in LINE_START_FORBIDDEN, (n, t)
        if not line.last:
            assert t[-1] not in LINE_END_FORBIDDEN, (n, t)
        # glyph geometry: strictly increasing, inside the measure, no overlap
        prev = None
        for g in line.glyphs:
            assert g.x >= -half - EPS
            assert g.x + g.trim + g.width <= style.measure + EPS
            assert g.width > 0
            if prev is not None:
                assert g.x > prev.x
                assert g.x + g.trim >= prev.x + prev.trim + prev.width - EPS
            prev = g
    # ——, …… and Latin/digit clusters never split across lines
    for a, b in zip(lines, lines[1:]):
        x, y = a.text[-1], b.text[0]
        assert not (x in "—―" and y in "—―")
        assert not (x in "…‥" and y in "…‥")
        assert not (is_alnum(x) and (is_alnum(y) or y in ".,%+-/:万亿"))


@settings(max_examples=400 * SCALE, deadline=None)
@given(paragraphs, styles)
def test_invariants(text, style):
    lines = break_paragraph([Run(text, "f", SIZE, adv)], style)
    check(text, style, lines)


@settings(max_examples=150 * SCALE, deadline=None)
@given(paragraphs, styles, st.lists(st.integers(0, 10_000), max_size=6))
def test_invariants_with_run_splits(text, style, cuts):
    runs = split_runs(text, cuts)
    lines = break_paragraph(runs, style)
    check(text, style, lines)
    # run fonts survive
    fonts = [r.font for r in runs for _ in r.text]
    assert [g.font for l in lines for g in l.glyphs] == fonts


@settings(max_examples=200 * SCALE, deadline=None)
@given(st.text(alphabet=HAN[:40] + "，。“”（）——……AZ09.%万 ", min_size=0, max_size=80), st.floats(1, 20))
def test_total_on_arbitrary_text(text, measure_em):
    """Garbage in: never loop, never lose text, always progress."""
    lines = break_paragraph([Run(text, "f", SIZE, adv)], ParaStyle(measure=measure_em * SIZE))
    assert "".join(g.ch for l in lines for g in l.glyphs) == text
    assert all(l.glyphs for l in lines)


@settings(max_examples=150 * SCALE, deadline=None)
@given(paragraphs, st.floats(8, 20), st.sampled_from(["left", "center"]))
def test_ragged_alignments_stay_inside_measure(text, measure_em, align):
    style = ParaStyle(measure=measure_em * SIZE, align=align)
    lines = break_paragraph([Run(text, "f", SIZE, adv)], style)
    assert "".join(l.text for l in lines) == text
    for line in lines:
        assert line.stretch == 0
        assert line.glyphs[0].x + line.glyphs[0].trim >= -EPS
        g = line.glyphs[-1]
        assert g.x + g.trim + g.width <= style.measure + EPS
        if align == "center":
            left = line.glyphs[0].x + line.glyphs[0].trim
            right = style.measure - (g.x + g.trim + g.width)
            assert abs(left - right) < EPS


@settings(max_examples=150 * SCALE, deadline=None)
@given(paragraphs, styles, st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([9.0, 10.5, 12.0])), max_size=5))
def test_invariants_with_mixed_sizes(text, style, cuts):
    """A bold 12 pt lead or size changes mid-paragraph keep every invariant."""
    points = sorted({c % (len(text) + 1) for c, _ in cuts} | {0, len(text)})
    sizes = [sz for _, sz in cuts] + [SIZE]
    runs = [Run(text[a:b], "f", sizes[i % len(sizes)], adv) for i, (a, b) in enumerate(zip(points, points[1:]))]
    # 12 pt text in an 8-em-of-10-pt column minus indent leaves 5 em: a Han
    # character followed by 1050.7亿 cannot be kept apart then.  Keep the
    # column at least 10 em, as on the page.
    if style.measure - style.indent < 8 * 12.0:
        style = dataclasses.replace(style, measure=style.indent + 8 * 12.0)
    lines = break_paragraph(runs, style)
    check(text, style, lines, max_size=12.0)
    assert [g.size for l in lines for g in l.glyphs] == [r.size for r in runs for _ in r.text]
