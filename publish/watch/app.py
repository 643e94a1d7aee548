"""`publish watch`: wire the session, the watcher and the server together, and stop
them all cleanly on Ctrl-C (SIGINT) or SIGTERM: exit status 0, outputs untouched."""

from __future__ import annotations

import signal
import sys
import threading
import time
from pathlib import Path

from ..errors import InputError, Problem
from .server import PreviewServer
from .session import Session
from .watcher import Watcher

DEFAULT_PORT = 8765


class _Trigger:
    """Saves arriving while a rebuild runs are folded into one more rebuild."""

    def __init__(self):
        self.cond = threading.Condition()
        self.dirty = True  # the first build
        self.paths: set[Path] = set()
        self.noticed: float | None = None  # wall clock of the first event of the burst
        self.last_noticed: float | None = None

    def fire(self, paths: set[Path]) -> None:
        with self.cond:
            self.dirty = True
            self.paths |= paths
            self.noticed = self.noticed or time.time()
            self.cond.notify()

    def take(self, stop: threading.Event) -> set[Path] | None:
        with self.cond:
            self.cond.wait_for(lambda: self.dirty or stop.is_set())
            if stop.is_set():
                return None
            self.dirty, paths, self.paths = False, self.paths, set()
            self.last_noticed, self.noticed = self.noticed, None
            return paths


def _builder(session: Session, trigger: _Trigger, stop: threading.Event, quiet: bool) -> None:
    import gc

    first = True
    while True:
        paths = trigger.take(stop)
        if paths is None:
            return
        session.rebuild(noticed=trigger.last_noticed)
        if first:
            # What the first build loaded (modules, fonts, glyph store) stays for the
            # process's life: keep it out of every later garbage collection's scan.
            gc.collect()
            gc.freeze()
            first = False
        if not quiet:
            _say(session.snapshot(), paths)


def _say(state: dict, paths: set[Path]) -> None:
    status = {"ok": "正常", "overflow": "排不下", "error": "有错误", "short": "排不满", "blocked": "不能付印"}.get(
        state["status"], state["status"]
    )
    what = "、".join(sorted(p.name for p in paths)[:3]) if paths else "全部"
    print(f"{time.strftime('%H:%M:%S')} 重排（{what}）{state.get('seconds') or 0:.2f} 秒：{status}", flush=True)
    for e in state.get("errors", []):
        print("  " + e, file=sys.stderr, flush=True)


def _server(session: Session, port: int | None, stop: threading.Event) -> PreviewServer:
    try:
        return PreviewServer(session, DEFAULT_PORT if port is None else port, stop)
    except OSError:
        if port is not None:
            raise InputError(
                Problem(
                    "",
                    None,
                    f"端口 {port} 已被占用（或不能使用）。请换一个端口，例如 --port {port + 1}，或不写 --port。",
                )
            ) from None
        return PreviewServer(session, 0, stop)  # the usual port is taken: any free one


def run_watch(
    content_dir: Path,
    layout: str,
    out_dir: Path,
    port: int | None = None,
    open_browser: bool = False,
    quiet: bool = False,
    draft: bool = False,
) -> int:
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise InputError(
            Problem(str(content_dir), None, "找不到这个会议文件夹。请检查路径，或用 publish new 新建一个。")
        )
    session = Session(content_dir, layout, out_dir, draft=draft)
    stop = threading.Event()
    server = _server(session, port, stop)
    trigger = _Trigger()
    watcher = Watcher(session.watched_folders(), trigger.fire, stop, skip=(out_dir,))
    threads = [
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True),
        threading.Thread(target=_builder, args=(session, trigger, stop, quiet), daemon=True),
        threading.Thread(target=watcher.run, daemon=True),
    ]
    for t in threads:
        t.start()
    print(f"预览：{server.url}  （只在本机可见；保存文件即自动重排；按 Ctrl-C 停止）", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop.set()
        session.close()
        with trigger.cond:
            trigger.cond.notify_all()
        server.shutdown()
        server.server_close()
        for t in threads:
            t.join(timeout=10)  # a rebuild under way finishes (or leaves nothing half-written)
    print("已停止预览。", flush=True)
    return 0
