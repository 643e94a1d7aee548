"""Where one build's time goes, phase by phase, in wall-clock time (no profiler overhead).

    python benchmarks/phases.py [CONTENT_DIR] [--format pdf,docx] [--runs 5]

Each run is a fresh process (imports are part of the cost); the phases are
timed by wrapping the functions the build calls. Prints median milliseconds.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, time, json
T0 = time.perf_counter()
marks = {}
def timed(mod, name, label):
    f = getattr(mod, name)
    def w(*a, **k):
        t = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            marks[label] = marks.get(label, 0) + time.perf_counter() - t
    setattr(mod, name, w)
t = time.perf_counter(); import click; marks["import click"] = time.perf_counter() - t
t = time.perf_counter(); import publish.cli, publish.build; marks["import publish.cli+build"] = time.perf_counter() - t
t = time.perf_counter(); import publish.compose.page as page; marks["import compose (jinja2, yaml, typesetter)"] = time.perf_counter() - t
import publish.build as b, publish.compose.fontbook as fb, publish.layout.spec as spec, publish.content as content
import publish.typeset.linebreak as lb
timed(spec, "load_layout", "load layout"); timed(content, "load_meeting", "load meeting (yaml, markup)")
timed(fb.FontBook, "prepare", "fonts: faces, coverage, subsets")
import publish.compose.text as tx; timed(tx, "break_paragraph", "typesetting (line breaking)")
import publish.layout.templates as tp; timed(tp.Templates, "render", "templates (jinja2 compile+render)")
import publish.compose as pc; timed(pc, "compose", "compose (all, after imports)")
fmts = sys.argv[3]
if "pdf" in fmts:
    import publish.render.pdf as rp
    getattr(rp, "_defer_pil", lambda: None)()    # as render_pdf does before importing reportlab
    t = time.perf_counter(); import reportlab.pdfgen.canvas; marks["import reportlab"] = time.perf_counter() - t
    timed(rp, "_register", "pdf: load fonts (reportlab TTFont)")
    timed(rp, "render_pdf", "pdf: render (all)")
    import reportlab.pdfgen.canvas as cv
    timed(cv.Canvas, "save", "pdf: write (fonts subset + streams)")
if "docx" in fmts:
    t = time.perf_counter(); import publish.render.docx as rd; marks["import docx renderer"] = time.perf_counter() - t
    timed(rd, "render_docx", "docx: render (all)")
    timed(b, "render_docx", "docx: render (all)") if hasattr(b, "render_docx") else None
try:
    publish.cli.main(["build", sys.argv[1], "-f", fmts, "-o", sys.argv[2], "-q"])
except SystemExit as e:
    marks["exit"] = e.code or 0
marks["in-process total"] = time.perf_counter() - T0
print(json.dumps(marks))
"""


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("content", nargs="?", default=str(ROOT / "content" / "yongchuan-2026-q1"))
    ap.add_argument("--format", default=None)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args(argv)
    fmts = a.format or ("pdf,docx" if (ROOT / "publish" / "render" / "docx.py").exists() else "pdf")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    runs = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(a.runs + 1):        # the first run warms the font cache
            r = subprocess.run([sys.executable, "-c", CHILD, a.content, out, fmts], capture_output=True,
                               text=True, env=env, cwd=ROOT)
            runs.append(json.loads(r.stdout.strip().splitlines()[-1]))
    runs = runs[1:]
    keys = list(runs[0])
    print(f"{'phase':46s} median ms  ({a.runs} runs, {fmts}, warm font cache)")
    for k in keys:
        if k == "exit":
            continue
        print(f"{k:46s} {1000 * statistics.median(r.get(k, 0) for r in runs):8.1f}")


if __name__ == "__main__":
    main()
