"""Rule 7: speed.  The benchmark script prints real figures; this is a
generous guard against accidental O(n^2) behaviour."""
import sys
import time
from pathlib import Path

from publish.typeset import ParaStyle, Run, break_paragraph

from .helpers import adv

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_typeset import SIZE, make_corpus  # noqa: E402


def test_reference_body_is_fast():
    paras = make_corpus()
    style = ParaStyle(measure=12 * SIZE, indent=2 * SIZE)
    best = min(_time(paras, style) for _ in range(3))
    assert best < 0.25  # the benchmark target is < 50 ms; allow slow CI


def test_one_long_paragraph_is_linear():
    text = "增长6.2%，达到1050.7亿元。“一是”推进——改革……" * 600  # ~15k chars
    style = ParaStyle(measure=12 * 9.0)
    t0 = time.perf_counter()
    lines = break_paragraph([Run(text, "f", 9.0, adv)], style)
    assert time.perf_counter() - t0 < 0.5
    assert "".join(l.text for l in lines) == text


def _time(paras, style):
    t0 = time.perf_counter()
    for p in paras:
        break_paragraph(p, style)
    return time.perf_counter() - t0
