"""One build: load, compose, render, report — outputs written atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .copyfit import Report
from .errors import BuildError, Problem, PublishError


@dataclass(frozen=True)
class BuildOptions:
    layout: str = "broadsheet"
    formats: tuple[str, ...] = ("pdf", "docx")
    out_dir: Path = Path("build")
    marks: bool | None = None  # None: the layout's print.marks
    embed_fonts: bool | str = False  # False, "subset" (or True), "full"
    quiet: bool = False
    draft: bool = False  # a proof for the desk: 待填 allowed, the first page marked 样稿
    pages: int | None = None  # target page count (None: the layout's fit.pages)
    cores: int | None = None  # processes converting new glyphs (None: every core; 1 in a pool's workers)


# On the first page of a --draft build, in the line above the title (with the 栏目).
DRAFT_MARK = "【样稿 DRAFT 不得付印】"
PUBLICATION_LABELS = {"paper": "报名", "date": "出版日期", "page_number": "版次", "page_name": "版名"}


@dataclass
class BuildResult:
    outputs: list[Path]
    report: Report
    seconds: float
    warnings: list[Problem] = field(default_factory=list)  # e.g. a portrait below image_warn_ppi


def output_name(meeting_key: str, layout: str) -> str:
    return meeting_key if layout == "broadsheet" else f"{meeting_key}-{layout}"


def compose_meeting(
    content_dir: Path, layout_name: str, draft: bool = False, pages: int | None = None, cores: int | None = None
):
    from .compose import compose
    from .content import load_meeting
    from .layout.spec import load_layout

    layout = load_layout(layout_name)
    meeting = load_meeting(content_dir)
    if draft:
        import dataclasses

        meeting = dataclasses.replace(meeting, column=DRAFT_MARK + meeting.column)
    return meeting, layout, compose(meeting, layout, pages, cores=cores)


def refuse_placeholders(content_dir: Path, meeting) -> None:
    """“待填” never reaches the press: a build for print names each field still to fill."""
    held = meeting.publication.placeholders
    if held:
        path = str(Path(content_dir) / "meeting.yaml")
        raise BuildError(
            [
                Problem(
                    path,
                    line,
                    f"出版信息 {key}（{PUBLICATION_LABELS.get(key, key)}）还是“待填”，"
                    "不能付印。请填写实际内容；只出样稿请加 --draft（首页标题上方印“样稿 DRAFT”）。",
                )
                for key, line in held
            ]
        )


def fit_report(content_dir: Path, layout_name: str, pages: int | None = None):
    _, _, comp = compose_meeting(content_dir, layout_name, pages=pages)
    return comp.report


def build_one(content_dir: Path, opts: BuildOptions, composed: tuple | None = None) -> BuildResult:
    """composed: (meeting, layout, composition) when the caller has them already (the package)."""
    t0 = time.perf_counter()
    meeting, layout, comp = composed or compose_meeting(
        content_dir, opts.layout, draft=opts.draft, pages=opts.pages, cores=opts.cores
    )
    if not opts.draft:
        refuse_placeholders(content_dir, meeting)
    report = comp.report
    if not report.fits:
        raise BuildError([Problem(str(content_dir), None, "排不下：" + report.format())])
    warnings: list[Problem] = []
    errors: list[Problem] = []
    if not report.ok:
        # the page is built for the proof, but the editor must know it has a hole
        warnings.append(
            Problem(str(content_dir), None, next(ln for ln in report.format().splitlines() if ln.startswith("排不满")))
        )
    from .compose.boxes import Picture

    if any(isinstance(it, Picture) for pg in comp.pages for it in pg.items):
        # the preflight package is not needed (nor imported) for a page without photos
        from .preflight.placed import check_pictures

        more, errors = check_pictures(comp, layout.image_min_ppi, layout.image_warn_ppi)
        warnings += more
    if errors:
        raise BuildError(errors)
    for role, (named, used) in sorted(comp.font_substitutions.items()):
        warnings.append(
            Problem(
                str(layout.source),
                layout.lines.get("fonts"),
                f"提醒：字体角色“{role}”的字体“{named}”没有安装，按版式的 fallback 用“{used}”代替"
                "（印前检查也会报告）。",
            )
        )
    base = opts.out_dir / output_name(meeting.key, layout.name)
    outputs = write_outputs(base, opts, comp, meeting, layout, warnings)
    return BuildResult(outputs, report, time.perf_counter() - t0, warnings)


def _target(base: Path, suffix: str) -> Path:
    # meeting.v2 + .pdf is meeting.v2.pdf (with_suffix would make it meeting.pdf)
    return base.with_name(base.name + suffix)


def write_outputs(base: Path, opts: BuildOptions, comp, meeting, layout, warnings: list) -> list[Path]:
    """Render every format to a .part file, then put the set in place under the
    folder's lock: a concurrent build into the same folder never leaves its PDF
    beside our DOCX, and a failure leaves the previous good pair as it was."""
    from .envfault import check_out_dir, fault
    from .outdir import folder_lock, new_part, remove_stale_parts

    check_out_dir(opts.out_dir)
    remove_stale_parts(opts.out_dir)
    parts: dict[Path, Path] = {}
    try:
        if "pdf" in opts.formats:
            from .render.pdf import render_pdf
            from .render.pdfx import PdfxSpec

            spec = PdfxSpec.for_page(comp, meeting, layout)
            target = _target(base, ".pdf")
            parts[target] = new_part(target)
            marks = layout.marks if opts.marks is None else opts.marks
            render_pdf(comp, parts[target], marks=marks, pdfx=spec, file_name=target.name)
        if "docx" in opts.formats:
            from .render.docx import render_docx

            target = _target(base, ".docx")
            parts[target] = new_part(target)
            embedded = render_docx(comp.plan, layout, parts[target], composition=comp, embed_fonts=opts.embed_fonts)
            if opts.embed_fonts:
                from .render.docx_fonts import embed_summary

                warnings.append(Problem(str(target), None, embed_summary(embedded)))
        with folder_lock(opts.out_dir):
            for target, part in parts.items():
                os.chmod(part, 0o644)
                os.replace(part, target)
    except (OSError, MemoryError) as e:
        from .envfault import is_env_error

        if is_env_error(e):
            raise fault(e, opts.out_dir) from None
        raise
    finally:
        for part in parts.values():
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
    return list(parts)


def _duplicate_names(dirs: list[Path], opts: BuildOptions) -> list[str]:
    """Two meetings whose outputs would have the same name (a/ref and b/ref) in one build."""
    seen: dict[str, Path] = {}
    errors = []
    for d in dirs:
        name = Path(d).resolve().name
        other = seen.get(name)
        if other is not None and other.resolve() != Path(d).resolve():
            errors.append(
                f"{d}: 与 {other} 的文件夹同名“{Path(d).resolve().name}”，输出文件会互相覆盖，"
                "所以都没有排。请给其中一个会议文件夹改名，或分两次用不同的 -o 输出。"
            )
        seen.setdefault(name, Path(d))
    return errors


def build_many(dirs: list[Path], opts: BuildOptions, jobs: int = 0) -> int:
    """Build each meeting; exit status is the worst: 2 bad input > 1 build problem > 0.

    One meeting's errors never stop the others. Several meetings are built in a
    pool of processes (jobs = 0: one per core)."""
    dups = _duplicate_names(dirs, opts)
    if dups:
        for msg in dups:
            print(msg, file=sys.stderr)
        return 2
    # The same folder named twice is built once.
    dirs = list({Path(d).resolve(): d for d in dirs}.values())
    try:
        from .envfault import check_out_dir

        check_out_dir(opts.out_dir)
    except PublishError as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        return e.exit_code
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    jobs = min(jobs, len(dirs))
    progress = _Progress(len(dirs), enabled=not opts.quiet and len(dirs) > 1)
    status = 0
    if jobs <= 1:
        results = (_build_quietly(d, opts) for d in dirs)
        for out in results:
            status = max(status, _report(out, opts, progress))
        progress.close()
        return status
    import dataclasses
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork: workers start at once with what this process imported (spawn would start
    # a fresh interpreter per worker and re-import everything).
    ctx = multiprocessing.get_context("fork")
    worker_opts = dataclasses.replace(opts, cores=1)  # the pool already keeps every core busy
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_worker_init) as pool:
        futures = {pool.submit(_build_quietly, d, worker_opts): d for d in dirs}
        for fut in as_completed(futures):
            try:
                out = fut.result()
            except Exception as e:  # a worker died (killed, out of memory): that meeting failed
                out = _Outcome(str(futures[fut]), 1, [f"{futures[fut]}: 排版进程意外退出（{type(e).__name__}）。"])
            status = max(status, _report(out, opts, progress))
    progress.close()
    return status


class _Outcome:
    """What a worker sends back: plain data, so it pickles. (Not a dataclass:
    making one costs ~1 ms of import time, and every build pays it.)"""

    def __init__(
        self,
        name: str,
        status: int,
        errors: list[str],
        report: str = "",
        outputs: list[str] | None = None,
        seconds: float = 0.0,
        trace: str = "",
        warnings: list[str] | None = None,
    ):
        self.name, self.status, self.errors, self.report = name, status, errors, report
        self.outputs, self.seconds, self.trace = outputs or [], seconds, trace
        self.warnings = warnings or []


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to report


def _build_quietly(d: Path, opts: BuildOptions) -> _Outcome:
    from .render.fontreg import page_fonts

    try:
        with page_fonts():  # a worker building 100 pages keeps no page's subset fonts
            res = build_one(d, opts)
    except PublishError as e:
        return _Outcome(str(d), e.exit_code, [str(p) for p in e.problems])
    except (OSError, MemoryError) as e:
        from .envfault import fault, is_env_error

        if is_env_error(e):  # disk full, no permission …: the machine's fault, said so (exit 3)
            f = fault(e, opts.out_dir)
            return _Outcome(str(d), f.exit_code, [str(p) for p in f.problems])
        return _Outcome(str(d), 1, [], trace=traceback.format_exc())
    except Exception:  # a bug of ours: say so plainly, keep the details in a log
        return _Outcome(str(d), 1, [], trace=traceback.format_exc())
    return _Outcome(
        str(d),
        0,
        [],
        res.report.format(),
        [str(o) for o in res.outputs],
        res.seconds,
        warnings=[str(w) for w in res.warnings],
    )


def _report(out: _Outcome, opts: BuildOptions, progress: "_Progress") -> int:
    status = out.status
    if out.trace:
        log = _write_log(opts.out_dir / "publish-error.log", f"== {out.name}\n{out.trace}\n")
        where = f"详细信息已写入 {log}，请发给开发人员。" if log else "详细信息如下，请发给开发人员：\n" + out.trace
        out.errors.append(f"{out.name}: 内部错误，排版未完成（不是内容的问题）。{where}")
    progress.clear()
    for msg in out.errors:
        print(msg, file=sys.stderr)
    if not status and not opts.quiet:
        for w in out.warnings:
            print(w, file=sys.stderr)
        print(out.report)
        for o in out.outputs:
            print(f"输出：{o}")
        sys.stdout.flush()
    progress.step(out.name, status)
    return status


def _write_log(log: Path, text: str) -> Path | None:
    """Append to the log; None when it cannot be written (then no empty log is left behind)."""
    existed = log.exists()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as f:
            f.write(text)
        return log
    except OSError:
        if not existed:
            with contextlib.suppress(OSError):
                if log.stat().st_size == 0:
                    log.unlink()
        return None


class _Progress:
    """A bar on a terminal; plain lines when stderr is a file or a pipe (CI logs)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.bad = total, 0, 0
        self.enabled = enabled
        self.tty = enabled and sys.stderr.isatty()
        self.t0 = time.perf_counter()
        self.shown = False

    def step(self, name: str, status: int) -> None:
        self.done += 1
        self.bad += status != 0
        if not self.enabled:
            return
        secs = time.perf_counter() - self.t0
        if self.tty:
            width = 30
            full = int(width * self.done / self.total)
            bar = "#" * full + "-" * (width - full)
            eta = secs / self.done * (self.total - self.done)
            tail = f"，{self.bad} 个出错" if self.bad else ""
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total}{tail}  还需约 {eta:.0f} 秒 ")
            self.shown = True
        else:
            mark = "完成" if status == 0 else "出错"
            sys.stderr.write(f"[{self.done}/{self.total}] {mark} {name}（{secs:.1f} 秒）\n")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            self.shown = False

    def close(self) -> None:
        if self.tty and self.done:
            self.clear()
            secs = time.perf_counter() - self.t0
            tail = f"，{self.bad} 个出错" if self.bad else ""
            sys.stderr.write(f"共 {self.total} 个会议，{secs:.1f} 秒{tail}。\n")
