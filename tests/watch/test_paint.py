"""The preview painted from the composition is the page the PDF shows: same size,
same ink in the same places, same colours; and a repaint after an edit (lines
drawn before, reused) is exactly a fresh painting of the edited page."""

from __future__ import annotations

import io
import shutil

import pytest

from publish.build import compose_meeting
from publish.render.pdf import render_pdf
from publish.watch import paint, raster
from tests.conftest import REFERENCE, TESTS

WIDTH = 700  # about what the browser asks for at whole-page view


def _images(comp, tmp_path, width=WIDTH):
    from PIL import Image

    pdf = tmp_path / "page.pdf"
    render_pdf(comp, pdf)
    painted = Image.open(io.BytesIO(paint.page_jpeg(comp, 0, width))).convert("RGB")
    reference = Image.open(io.BytesIO(raster.render_page(pdf.read_bytes(), 0, width))).convert("RGB")
    return painted, reference


def _profiles(img, axis: int, band: int = 20) -> list[float]:
    """Ink per band of rows (axis 1) or columns (axis 0)."""
    import numpy as np

    ink = 255 - np.asarray(img.convert("L"), dtype=float)
    sums = ink.sum(axis=axis)
    n = len(sums) // band
    return [float(sums[i * band : (i + 1) * band].sum()) for i in range(n)]


def _correlation(a: list[float], b: list[float]) -> float:
    import numpy as np

    n = min(len(a), len(b))
    return float(np.corrcoef(a[:n], b[:n])[0, 1])


@pytest.mark.parametrize("meeting", [REFERENCE, TESTS / "meetings" / "portraits"], ids=["reference", "portraits"])
def test_painted_page_matches_the_pdf(meeting, tmp_path):
    import numpy as np

    comp = compose_meeting(meeting, "broadsheet")[2]
    painted, reference = _images(comp, tmp_path)
    assert painted.width == WIDTH and abs(painted.height - comp.height * WIDTH / comp.width) <= 1
    assert abs(painted.width - reference.width) <= 1 and abs(painted.height - reference.height) <= 1
    # ink in the same rows and columns (a line or a column out of place would break these)
    assert _correlation(_profiles(painted, 1), _profiles(reference, 1)) > 0.98
    assert _correlation(_profiles(painted, 0), _profiles(reference, 0)) > 0.98
    # about as much ink overall (type neither much bolder nor fainter than the PDF viewer's)
    ink_a = (255 - np.asarray(painted.convert("L"), dtype=float)).mean()
    ink_b = (255 - np.asarray(reference.convert("L"), dtype=float)).mean()
    assert 0.8 < ink_a / ink_b < 1.25, (ink_a, ink_b)


def test_painted_colours_are_the_layouts(tmp_path):
    """Where the PDF viewer shows a strongly coloured pixel (the red 主题), the painted page shows
    the same hue: red stays red."""
    import numpy as np

    comp = compose_meeting(REFERENCE, "broadsheet")[2]
    painted, reference = _images(comp, tmp_path)
    h, w = min(painted.height, reference.height), min(painted.width, reference.width)
    a = np.asarray(painted, dtype=int)[:h, :w]
    b = np.asarray(reference, dtype=int)[:h, :w]
    red = (b[..., 0] > 180) & (b[..., 1] < 90) & (b[..., 2] < 90)
    assert red.sum() > 500  # the reference page has a red headline
    pa = a[red]
    assert (pa[:, 0] > 150).mean() > 0.9 and (pa[:, 1] < 110).mean() > 0.9


def test_repaint_after_an_edit_is_a_fresh_painting(tmp_path):
    """Lines painted for the page before are reused only where they are the same:
    the edited page painted warm is byte for byte the edited page painted cold."""
    meeting = tmp_path / "m"
    shutil.copytree(REFERENCE, meeting)
    first = sorted((meeting / "speakers").glob("*.md"))[0]
    before = compose_meeting(meeting, "broadsheet")[2]
    paint.page_jpeg(before, 0, WIDTH)
    text = first.read_text("utf-8")
    cut = "全覆盖开展党的二十届四中全会精神宣讲，"
    assert cut in text
    first.write_text(text.replace(cut, "", 1), "utf-8")
    after = compose_meeting(meeting, "broadsheet")[2]
    warm = paint.page_jpeg(after, 0, WIDTH)
    for cache in (paint._LINES, paint._GLYPHS, paint._FONTS):
        cache.clear()
    cold = paint.page_jpeg(after, 0, WIDTH)
    assert warm == cold
    assert warm != paint.page_jpeg(before, 0, WIDTH)


def test_a_new_size_reuses_the_drawn_glyphs(monkeypatch):
    """When the fitting search changes the body size (or the browser zooms) every line is new,
    but the glyphs' shapes are not: they are reduced from those drawn before, not drawn again."""
    comp = compose_meeting(REFERENCE, "broadsheet")[2]
    for cache in (paint._LINES, paint._GLYPHS):
        cache.clear()
    drawn = []
    real = paint._draw
    monkeypatch.setattr(paint, "_draw", lambda *a: drawn.append(a) or real(*a))
    paint.page_jpeg(comp, 0, WIDTH)
    first = len(drawn)
    assert first > 300  # the page's characters, drawn once each
    drawn.clear()
    paint.page_jpeg(comp, 0, WIDTH + 100)
    assert len(drawn) < first * 0.1, (len(drawn), first)
