"""One warm rebuild of a meeting, and the state the browser is shown.

The page image is made first, from a PDF written beside the target, and shown
at once; the DOCX is rendered after. Both replace their predecessors only when
the page is good (it fits, its photos are fine), exactly as `publish build`
would: a broken or overfull edit shows in the browser, never in build/.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from ..errors import Problem, PublishError
from . import raster
from .overlay import overlay
from .preview import Preview

PRERENDER = 2  # pages imaged before the browser is told; the rest when it asks
FETCH_WAIT_S = 0.5  # how long the outputs wait for a watching browser to fetch the page
WRITE_WAIT_S = 30.0  # how long a download waits for the outputs being written


class _KeepOld(Exception):
    """The page was composed but must not replace the last good outputs."""


class Session:
    """Everything kept warm between saves: imports, the parsed layout, the font
    book's glyph store (module-level caches), the last good preview."""

    def __init__(self, content_dir: Path, layout: str, out_dir: Path, draft: bool = False):
        self.content_dir = Path(content_dir)
        self.draft = draft
        self.layout_name = layout
        self.out_dir = Path(out_dir)
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.generation = 0
        self.preview: Preview | None = None
        self.state: dict = {
            "generation": 0,
            "status": "building",
            "errors": [],
            "warnings": [],
            "fit": "",
            "preview": None,
            "outputs": {},
            "seconds": None,
            "builds": 0,
        }
        self.outputs: dict[str, Path] = {}  # "pdf"/"docx" -> file served for download
        self.widths: dict[int, int] = {}  # page index -> width the browser last asked for
        self._layout_cache: tuple | None = None
        self._phases: dict[str, float] = {}
        self._shown_at = 0.0  # seconds from the rebuild's start to the page shown
        self._noticed = 0.0
        self.builds = 0
        self.closing = threading.Event()
        self.viewers = 0  # event streams open (the server counts them)
        self._fetched = threading.Event()  # the newest page image was asked for
        self._writing = False  # outputs being replaced: downloads wait

    # --- state shared with the server ------------------------------------------

    def snapshot(self) -> dict:
        with self.lock:
            return dict(self.state)

    def wait_newer(self, generation: int, timeout: float) -> dict | None:
        with self.changed:
            self.changed.wait_for(lambda: self.state["generation"] > generation or self.closing.is_set(), timeout)
            return dict(self.state) if self.state["generation"] > generation else None

    def close(self) -> None:
        """Wake everyone waiting for a rebuild (the event streams), for good."""
        with self.changed:
            self.closing.set()
            self.changed.notify_all()

    def _publish(self, **changes) -> None:
        with self.changed:
            self.state = dict(self.state, **changes, generation=self.state["generation"] + 1)
            self.changed.notify_all()

    def image(self, generation: int, index: int, width: int) -> bytes | None:
        with self.lock:
            pv = self.preview
            if pv is None or pv.generation != generation or not 0 <= index < pv.count:
                return None
            self.widths[index] = width
        return pv.image(index, width)

    def watching(self, delta: int) -> None:
        """An event stream opened (+1) or closed (-1)."""
        with self.lock:
            self.viewers += delta

    def served(self, generation: int) -> None:
        """The server has sent a page image of this generation."""
        with self.lock:
            if self.preview is not None and self.preview.generation == generation:
                self._fetched.set()

    # --- the rebuild -------------------------------------------------------------

    def _layout(self):
        from ..layout.spec import load_layout, resolve_layout
        from ..layout.templates import SHARED

        folder = resolve_layout(self.layout_name)
        stamp = tuple(_stamps(folder) + _stamps(SHARED))
        if self._layout_cache is None or self._layout_cache[0] != stamp:
            self._layout_cache = (stamp, load_layout(self.layout_name))
        return self._layout_cache[1]

    def watched_folders(self) -> list[Path]:
        from ..layout.spec import resolve_layout
        from ..layout.templates import SHARED

        try:
            folders = [resolve_layout(self.layout_name), SHARED]
        except PublishError:
            folders = []
        return [self.content_dir] + [f for f in folders if f.is_dir()]

    def rebuild(self, noticed: float | None = None) -> None:
        """Compose, show, then write the outputs; every problem ends up in the state.
        `builds` counts finished rebuilds, good or bad (what a client waits for)."""
        from ..render.fontreg import page_fonts

        t0 = time.perf_counter()
        self._noticed = noticed or time.time()
        try:
            with page_fonts():  # each save's subsets are forgotten after it
                final: dict[str, Any] = self._rebuild(t0)
        except PublishError as e:
            errors = [str(p) for p in e.problems]
            # proof finds the same broken line again: list it once
            where = {_where(e) for e in errors}
            final = {
                "status": "error",
                "errors": errors,
                "seconds": _since(t0),
                "warnings": [w for w in self._proof() if _where(w["text"]) not in where],
            }
        except Exception as e:  # a bug of ours: the watcher keeps going, the editor is told
            import traceback

            traceback.print_exc()
            final = {
                "status": "error",
                "seconds": _since(t0),
                "errors": [
                    f"内部错误，排版未完成（不是内容的问题）：{type(e).__name__}: {e}。详细信息见终端，请发给开发人员。"
                ],
            }
        self.builds += 1
        # after a failure too (a full disk while writing): the outputs on offer are those in place
        final.setdefault("outputs", self._offered())
        self._publish(builds=self.builds, total_seconds=_since(t0), phase="done", writing=False, **final)

    def _rebuild(self, t0: float) -> dict:
        from ..build import output_name
        from ..compose import compose
        from ..content import load_meeting

        cpu0 = time.thread_time()
        layout = self._layout()
        meeting = load_meeting(self.content_dir)
        held = [] if self.draft else _held(self.content_dir, meeting)
        if self.draft:
            meeting = _as_draft(meeting)
        comp = compose(meeting, layout)
        report = comp.report
        self._phases = {"compose": _since(t0)}
        base = self.out_dir / output_name(meeting.key, layout.name)
        warned, blocking = self._picture_problems(comp, layout)
        problems = (warned, held + blocking)
        good = report.fits and not problems[1]
        gen = self._show(comp, report, problems, t0, cpu0, writing=good)
        try:
            if good:
                self._let_viewers_fetch(gen)
                self._write(base, comp, meeting, layout, gen)
        finally:
            self._done_writing()
        self._phases["outputs"] = _since(t0)
        return self._after(problems, good, layout)

    def _write(self, base: Path, comp, meeting, layout, generation: int) -> None:
        """The PDF and DOCX of the page on screen, from its one composition; the old
        pair stays if either cannot be written."""
        from ..render.docx import render_docx

        with contextlib.ExitStack() as stack:
            pdf_tmp = stack.enter_context(atomic_path(base.with_suffix(".pdf")))
            self._render_pdf(comp, meeting, layout, pdf_tmp)
            docx_tmp = stack.enter_context(atomic_path(base.with_suffix(".docx")))
            render_docx(comp.plan, layout, docx_tmp, composition=comp)
            pdf = pdf_tmp.read_bytes()
        self.outputs = {"pdf": base.with_suffix(".pdf"), "docx": base.with_suffix(".docx")}
        with self.lock:
            if self.preview is not None and self.preview.generation == generation:
                self.preview.pdf = pdf  # zoomed images come from it

    def _picture_problems(self, comp, layout) -> tuple[list[Problem], list[Problem]]:
        from ..compose.boxes import Picture

        if any(isinstance(it, Picture) for pg in comp.pages for it in pg.items):
            from ..preflight.placed import check_pictures

            return check_pictures(comp, layout.image_min_ppi, layout.image_warn_ppi)
        return [], []

    def _render_pdf(self, comp, meeting, layout, target: Path) -> None:
        from ..render.pdf import render_pdf
        from ..render.pdfx import PdfxSpec

        spec = PdfxSpec.for_page(comp, meeting, layout)
        render_pdf(comp, target, marks=False, pdfx=spec)

    def _show(self, comp, report, problems, t0: float, cpu0: float, writing: bool) -> int:
        """Make the images the browser will ask for, then tell it. writing: the outputs
        are about to be replaced, so none is offered until they are (never a stale DOCX
        as this page's); otherwise the last good ones stay on offer, as before."""
        with self.lock:
            gen = self.state["generation"] + 1
            widths = dict(self.widths)
        pv = Preview(gen, comp, overlay(comp))
        for i in range(min(pv.count, PRERENDER)):
            pv.paint(i, widths.get(i, raster.DEFAULT_WIDTH))
        errors = [str(p) for p in problems[1]]
        lines = report.format().splitlines()
        if not report.fits:
            errors.insert(
                0,
                f"{self.content_dir}: " + next((ln for ln in lines if ln.startswith("排不下")), "排不下：" + lines[-1]),
            )
        # A page that is built but not full (开天窗) is written, as `build` does, and said loudly.
        short = report.fits and not getattr(report, "ok", True)
        if short:
            errors.append(f"{self.content_dir}: " + next((ln for ln in lines if ln.startswith("排不满")), lines[-1]))
        # blocked: this page is shown, but what stops `build` (a blurry photo, 待填) keeps the old outputs
        status = "overflow" if not report.fits else "blocked" if problems[1] else "short" if short else "ok"
        with self.lock:
            self.preview = pv
            self._writing = writing
            self._fetched.clear()
        more = {"outputs": {}, "writing": True} if writing else {}
        self._shown_at = _since(t0)
        self._publish(
            status=status,
            errors=errors,
            fit=report.format(),
            fits=report.fits,
            preview={"generation": gen, "count": pv.count, "size": [comp.width, comp.height], **pv.overlay},
            seconds=self._shown_at,
            cpu_seconds=round(time.thread_time() - cpu0, 3),
            phases=dict(self._phases, image=self._shown_at),
            phase="image",
            clock={"noticed": self._noticed, "shown": time.time()},
            **more,
        )
        return gen

    def _let_viewers_fetch(self, generation: int) -> None:
        """With a browser watching, wait (briefly) until it has fetched the new page:
        the DOCX and the proofreading would otherwise hold the interpreter while the
        server thread answers the event stream and the image request."""
        if self.viewers > 0:
            self._fetched.wait(FETCH_WAIT_S)

    def _done_writing(self) -> None:
        with self.changed:
            self._writing = False
            self.changed.notify_all()

    def _after(self, problems, written: bool, layout=None) -> dict:
        """Outputs and the proofreading findings: after the image, off its clock."""
        warnings = self._proof(layout) + [{"text": str(p), "severity": "warning"} for p in problems[0]]
        return {
            "warnings": warnings,
            "outputs": self._offered(),
            "written": written,
            "phases": dict(self._phases, image=self._shown_at),
        }

    def _offered(self) -> dict:
        """The outputs in place, for the download links."""
        outputs = {}
        for kind, path in self.outputs.items():
            with contextlib.suppress(OSError):
                st = path.stat()
                outputs[kind] = {"name": path.name, "version": st.st_mtime_ns}
        return outputs

    def _proof(self, layout=None) -> list[dict]:
        """`publish proof`'s findings, also for an edit that does not build (its lines
        are often the very thing to fix). layout: the one this build used, when it
        loaded the meeting without error (nothing read twice)."""
        from ..proof import proof_meeting

        try:
            if layout is None:
                findings = proof_meeting(self.content_dir, self.layout_name)
            else:
                findings = proof_meeting(self.content_dir, layout, loads=False)
        except PublishError as e:
            return [{"text": str(p), "severity": "error"} for p in e.problems]
        except Exception:  # the build's own error list already tells the editor what is wrong
            return []
        return [{"text": str(f), "severity": f.severity} for f in findings]

    def download(self, name: str) -> Path | None:
        """The current output with exactly this file name, nothing else. While a
        rebuild is writing its outputs, the request waits for them: what is
        downloaded is always the page on screen."""
        with self.changed:
            self.changed.wait_for(lambda: not self._writing or self.closing.is_set(), WRITE_WAIT_S)
        for path in self.outputs.values():
            if path.name == name and path.is_file():
                return path
        return None


def _held(content_dir: Path, meeting) -> list[Problem]:
    """What `build` refuses to print without --draft (publication fields still 待填)."""
    from .. import build

    refuse = getattr(build, "refuse_placeholders", None)
    if refuse is None:
        return []
    try:
        refuse(content_dir, meeting)
    except PublishError as e:
        return list(e.problems)
    return []


def _as_draft(meeting):
    """The page marked as `build --draft` marks it (样稿, not for print)."""
    from .. import build

    mark = getattr(build, "DRAFT_MARK", None)
    if mark is None or not hasattr(meeting, "column"):
        return meeting
    import dataclasses

    return dataclasses.replace(meeting, column=mark + meeting.column)


def _where(message: str) -> str:
    """FILE:LINE of a FILE:LINE[:COL]: message."""
    m = re.match(r"(.+?:\d+)(:\d+)?: ", message)
    return m.group(1) if m else message


def _since(t0: float) -> float:
    return round(time.perf_counter() - t0, 3)


def _stamps(folder: Path) -> list:
    out = []
    with contextlib.suppress(OSError):
        for root, _dirs, files in os.walk(folder):
            for f in sorted(files):
                with contextlib.suppress(OSError):
                    st = os.stat(os.path.join(root, f))
                    out.append((root, f, st.st_mtime_ns, st.st_size))
    return out
