"""Ink on paper, measured the way the press will see it: each page rendered to its
C, M, Y and K separations by Ghostscript (tiff32nc), then

- total area coverage: C+M+Y+K averaged over every 1 mm × 1 mm square inside the
  bleed (4 pixels a millimetre, the square slid pixel by pixel), against the
  layout's limit;
- bleed: ink that reaches the trim edge but does not carry on into the bleed —
  a white hairline at the edge when the guillotine is a fraction off.

Marks outside the bleed (registration colour is 400 %) are not counted.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..units import MM

PX_PER_MM = 4  # 101.6 dpi: a 1 mm square is 4 × 4 pixels
MAX_PIXELS = 60_000_000  # per page; a bigger page is measured more coarsely
EDGE_INK = 0.10  # ink at the trim edge that counts as "something is there"
BLEED_PROBE_MM = 2.0  # where the bleed is looked at, outside the trim
GS_TIMEOUT = 300


@dataclass
class PageInk:
    number: int
    max_tac: float = 0.0  # %, worst 1 mm² square
    at_mm: tuple[float, float] = (0.0, 0.0)  # its centre, from the trim's top-left corner
    cmyk: tuple[float, ...] = (0, 0, 0, 0)  # % of each ink there
    over_mm2: float = 0.0  # squares over the limit (approx. mm²)
    no_bleed: list[tuple[str, float, float]] = field(default_factory=list)  # (edge, from mm, to mm)


class InkUnavailable(Exception):
    """Ghostscript is missing or failed: coverage cannot be measured."""


def measure(pdf: Path, pages, limit: float) -> list[PageInk]:
    """pages: the scan's PageInfo list (boxes in pt). One PageInk per page."""
    gs = shutil.which("gs")
    if not gs:
        raise InkUnavailable("没有 Ghostscript（gs），无法测量总墨量；Debian 上请安装 ghostscript")
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # our own render, sized from the page boxes
    ppm = _resolution(pages)
    with tempfile.TemporaryDirectory(prefix="publish-ink-") as td:
        out = Path(td) / "p%04d.tif"
        cmd = [
            gs,
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-dNOINTERPOLATE",
            "-sDEVICE=tiff32nc",
            f"-r{25.4 * ppm:g}",
            "-sCompression=lzw",
            f"-sOutputFile={out}",
            str(pdf),
        ]
        try:
            r = subprocess.run(cmd, capture_output=True, timeout=GS_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise InkUnavailable(f"Ghostscript 分色超过 {GS_TIMEOUT} 秒未完成") from None
        if r.returncode != 0:
            msg = (r.stderr or r.stdout).decode("utf-8", "replace").strip().splitlines()
            raise InkUnavailable("Ghostscript 无法分色：" + (msg[0][:160] if msg else f"退出码 {r.returncode}"))
        result = []
        for p in pages:
            f = Path(td) / f"p{p.number:04d}.tif"
            if not f.exists():
                raise InkUnavailable(f"Ghostscript 没有输出第 {p.number} 页")
            with Image.open(f) as im:
                result.append(_page(p, im, limit, ppm))
        return result


def _resolution(pages) -> int:
    """Pixels a millimetre: 4, fewer for a page so big that 4 would exhaust memory."""
    biggest = max(
        ((b[2] - b[0]) * (b[3] - b[1]) / MM / MM for p in pages if (b := p.boxes.get("MediaBox"))), default=0.0
    )
    ppm = PX_PER_MM
    while ppm > 1 and biggest * ppm * ppm > MAX_PIXELS:
        ppm -= 1
    if biggest * ppm * ppm > MAX_PIXELS:
        raise InkUnavailable(f"页面太大（{biggest / 1e6:.1f} 平方米），无法分色测量总墨量")
    return ppm


def _page(p, im, limit: float, n: int = PX_PER_MM) -> PageInk:
    import numpy as np

    a = np.asarray(im.convert("CMYK"), dtype=np.int32)
    media = p.boxes["MediaBox"]
    trim = p.boxes.get("TrimBox") or media
    bleed = p.boxes.get("BleedBox") or trim
    h, w = a.shape[:2]
    sx, sy = w / (media[2] - media[0]), h / (media[3] - media[1])

    def col(x):  # pt → pixel column
        return int(round((x - media[0]) * sx))

    def row(y):  # pt → pixel row (rows run down from the top)
        return int(round((media[3] - y) * sy))

    res = PageInk(p.number)
    x0, x1 = max(0, col(bleed[0])), min(w, col(bleed[2]))
    y0, y1 = max(0, row(bleed[3])), min(h, row(bleed[1]))
    area = a[y0:y1, x0:x1]
    if area.shape[0] >= n and area.shape[1] >= n:
        tac = area.sum(axis=2)
        # Mean of every n×n window from an integral image: the worst 1 mm² anywhere.
        ii = np.pad(tac, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
        win = (ii[n:, n:] - ii[:-n, n:] - ii[n:, :-n] + ii[:-n, :-n]) / (n * n) / 255 * 100
        iy, ix = np.unravel_index(int(np.argmax(win)), win.shape)
        res.max_tac = float(win[iy, ix])
        res.over_mm2 = float((win > limit + 0.5).sum()) / (n * n)
        spot = area[iy : iy + n, ix : ix + n].reshape(-1, 4).mean(axis=0) / 255 * 100
        res.cmyk = tuple(round(float(v)) for v in spot)
        cx = (x0 + ix + n / 2) / sx + media[0]
        cy = media[3] - (y0 + iy + n / 2) / sy
        res.at_mm = ((cx - trim[0]) / MM, (trim[3] - cy) / MM)
    if p.boxes.get("TrimBox"):  # without one, the boxes check has already said so
        res.no_bleed = _bleed_edges(a, trim, col, row, sx)
    return res


def _bleed_edges(a, trim, col, row, scale) -> list[tuple[str, float, float]]:
    """Runs along each trim edge where ink stops at the edge instead of running into the bleed."""
    import numpy as np

    h, w = a.shape[:2]
    probe = int(round(BLEED_PROBE_MM * MM * scale))
    tac = a.sum(axis=2) / 255.0
    l, r, t, b = col(trim[0]), col(trim[2]), row(trim[3]), row(trim[1])
    edges = {
        "上边": (lambda i: tac[t + 1, i], lambda i: tac[t - probe, i] if t - probe >= 0 else 0.0, range(l, r)),
        "下边": (lambda i: tac[b - 2, i], lambda i: tac[b + probe, i] if b + probe < h else 0.0, range(l, r)),
        "左边": (lambda i: tac[i, l + 1], lambda i: tac[i, l - probe] if l - probe >= 0 else 0.0, range(t, b)),
        "右边": (lambda i: tac[i, r - 2], lambda i: tac[i, r + probe] if r + probe < w else 0.0, range(t, b)),
    }
    out = []
    for name, (inside, outside, span) in edges.items():
        if not span or min(span.start, span.stop - 1) < 0 or span.stop > (w if name in ("上边", "下边") else h):
            continue
        bad = np.array([inside(i) >= EDGE_INK and outside(i) < 0.02 for i in span])
        if bad.sum() < scale * MM:  # less than a millimetre: a stray pixel
            continue
        idx = np.flatnonzero(bad)
        start = idx[0]
        origin = l if name in ("上边", "下边") else t
        out.append((name, (span.start + start - origin) / scale / MM, (span.start + idx[-1] - origin) / scale / MM))
    return out
