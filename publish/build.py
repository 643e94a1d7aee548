"""One build: load, compose, render, report — outputs written atomically."""
from __future__ import annotations

import contextlib
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_path
from .errors import BuildError, Problem, PublishError


@dataclass(frozen=True)
class BuildOptions:
    layout: str = "broadsheet"
    formats: tuple[str, ...] = ("pdf", "docx")
    out_dir: Path = Path("build")
    marks: bool = False
    embed_fonts: bool = False
    quiet: bool = False


@dataclass
class BuildResult:
    outputs: list[Path]
    report: object
    seconds: float
    warnings: list[Problem] = field(default_factory=list)   # e.g. a portrait below image_warn_ppi


def output_name(meeting_key: str, layout: str) -> str:
    return meeting_key if layout == "broadsheet" else f"{meeting_key}-{layout}"


def compose_meeting(content_dir: Path, layout_name: str):
    from .compose import compose
    from .content import load_meeting
    from .layout.spec import load_layout
    layout = load_layout(layout_name)
    meeting = load_meeting(content_dir)
    return meeting, layout, compose(meeting, layout)


def fit_report(content_dir: Path, layout_name: str):
    _, _, comp = compose_meeting(content_dir, layout_name)
    return comp.report


def build_one(content_dir: Path, opts: BuildOptions) -> BuildResult:
    t0 = time.perf_counter()
    meeting, layout, comp = compose_meeting(content_dir, opts.layout)
    report = comp.report
    if not report.fits:
        raise BuildError([Problem(str(content_dir), None, "排不下：" + report.format())])
    from .preflight.placed import check_pictures
    warnings, errors = check_pictures(comp, layout.image_min_ppi, layout.image_warn_ppi)
    if errors:
        raise BuildError(errors)
    base = opts.out_dir / output_name(meeting.key, layout.name)
    outputs = []
    # Both files are rendered before either replaces its predecessor: a failure in
    # the DOCX must not leave a new PDF beside an old DOCX.
    with contextlib.ExitStack() as stack:
        if "pdf" in opts.formats:
            from .render.pdf import render_pdf
            from .render.pdfx import make_pdfx
            _forget_font_faces()
            target = base.with_suffix(".pdf")
            tmp = stack.enter_context(atomic_path(target))
            render_pdf(comp, tmp, marks=opts.marks)
            make_pdfx(tmp, title=comp.title, icc_profile=layout.icc_profile,
                      output_condition=layout.output_condition, date=meeting.publication.date,
                      layout_source=str(layout.source))
            outputs.append(target)
        if "docx" in opts.formats:
            from .render.docx import render_docx
            target = base.with_suffix(".docx")
            tmp = stack.enter_context(atomic_path(target))
            render_docx(meeting, layout, tmp, embed_fonts=opts.embed_fonts)
            outputs.append(target)
    return BuildResult(outputs, report, time.perf_counter() - t0, warnings)


def _forget_font_faces() -> None:
    """reportlab's registerFont hands back the first font registered under the same
    internal face name: a second meeting built in the same process would be set
    with the first meeting's subset, and its new characters print as empty boxes.
    Each composition has one subset per face, so forgetting the face names before
    each render is enough. (The lasting fix is a unique face name per subset, in
    fonts/subset.py.)"""
    from reportlab.pdfbase import pdfmetrics
    pdfmetrics._dynFaceNames.clear()


def build_many(dirs: list[Path], opts: BuildOptions, jobs: int = 0) -> int:
    """Build each meeting; exit status 0 all good, 2 bad input, 1 build problem."""
    status = 0
    for d in dirs:
        try:
            res = build_one(d, opts)
        except PublishError as e:
            for p in e.problems:
                print(str(p), file=sys.stderr)
            status = max(status, e.exit_code)
            continue
        except Exception:  # a bug of ours: say so plainly, keep the details in a log
            log = opts.out_dir / "publish-error.log"
            opts.out_dir.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc(), "utf-8")
            print(f"{d}: 内部错误，排版未完成（不是内容的问题）。详细信息已写入 {log}，请发给开发人员。", file=sys.stderr)
            status = max(status, 1)
            continue
        if not opts.quiet:
            for w in res.warnings:
                print(str(w), file=sys.stderr)
            print(res.report.format())
            for o in res.outputs:
                print(f"输出：{o}")
    return status
