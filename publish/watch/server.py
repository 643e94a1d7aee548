"""The preview server: 127.0.0.1 only, a fixed set of routes, nothing read from disk
but the page's own static files and the meeting's current outputs.

    /                       the preview page
    /static/watch.js|css    its script and style (from the package, by exact name)
    /state                  the current state as JSON
    /events                 server-sent events: the state after every rebuild
    /page/G/N.jpg?w=W       page N (1-based) of preview generation G, W pixels wide
    /download/NAME          the current PDF or DOCX (NAME must be exactly its file name)
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qs, unquote, urlsplit

from . import raster

HOST = "127.0.0.1"
STATIC = {
    "watch.js": "text/javascript; charset=utf-8",
    "watch.css": "text/css; charset=utf-8",
    "index.html": "text/html; charset=utf-8",
}
_PAGE = re.compile(r"/page/(\d{1,9})/(\d{1,4})\.jpg")
KEEPALIVE_S = 10.0
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _static(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, session, port: int, stop: threading.Event):
        self.session = session
        self.stop = stop
        super().__init__((HOST, port), _Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # the terminal shows rebuilds, not requests
        pass

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        if not self._host_ok():
            return self._send(403, b"forbidden", "text/plain")
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        if path in ("/", "/index.html"):
            return self._send(200, _static("index.html"), STATIC["index.html"], head=head)
        if path.startswith("/static/") and path[8:] in STATIC and path[8:] != "index.html":
            return self._send(200, _static(path[8:]), STATIC[path[8:]], head=head)
        if path == "/state":
            return self._json(self.server.session.snapshot(), head)
        if path == "/events" and not head:
            return self._events()
        m = _PAGE.fullmatch(path)
        if m:
            return self._page(int(m[1]), int(m[2]), query, head)
        if path.startswith("/download/"):
            return self._download(path[len("/download/") :], head)
        self._send(404, "找不到。".encode(), "text/plain; charset=utf-8", head=head)

    def _host_ok(self) -> bool:
        """A page on another site must not read this one through a DNS name pointed
        at 127.0.0.1 (DNS rebinding): only our own host names are answered."""
        host = (self.headers.get("Host") or "").strip().lower()
        port = self.server.server_address[1]
        return host in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _send(self, code: int, body: bytes, ctype: str, head: bool = False, extra: dict | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _json(self, data, head=False) -> None:
        self._send(200, json.dumps(data, ensure_ascii=False).encode(), "application/json; charset=utf-8", head)

    def _page(self, generation: int, number: int, query: dict, head: bool) -> None:
        try:
            width = raster.snap_width(int(query.get("w", [raster.DEFAULT_WIDTH])[0]))
        except ValueError:
            width = raster.DEFAULT_WIDTH
        img = self.server.session.image(generation, number - 1, width)
        if img is None:  # an old generation: the browser is told to catch up
            return self._send(404, b"gone", "text/plain", head=head)
        self._send(200, img, "image/jpeg", head=head)
        self.server.session.served(generation)

    def _download(self, name: str, head: bool) -> None:
        path = self.server.session.download(name)
        if path is None:
            return self._send(404, "没有这个文件。".encode(), "text/plain; charset=utf-8", head=head)
        ctype = "application/pdf" if path.suffix == ".pdf" else DOCX_TYPE
        try:
            body = path.read_bytes()
        except OSError:
            return self._send(404, "文件暂时不可用。".encode(), "text/plain; charset=utf-8", head=head)
        self._send(
            200,
            body,
            ctype,
            head=head,
            extra={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(path.name)}"},
        )

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        session, stop = self.server.session, self.server.stop
        state = session.snapshot()
        session.watching(+1)
        try:
            self._event(state)
            while not stop.is_set():
                newer = session.wait_newer(state["generation"], KEEPALIVE_S)
                if stop.is_set() or session.closing.is_set():
                    break
                if newer is None:
                    self.wfile.write(b": keepalive\n\n")
                    self.wfile.flush()
                    continue
                state = newer
                self._event(state)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        finally:
            session.watching(-1)

    def _event(self, state: dict) -> None:
        data = json.dumps(state, ensure_ascii=False)
        self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
        self.wfile.flush()


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
