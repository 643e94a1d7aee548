"""reportlab's font registry is left as it was found: a process drawing page after
page (a build of many meetings, publish watch) keeps no page's subset fonts, and
two drawings at once never lose a font in the middle."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from publish.render.fontreg import page_fonts
from tests.conftest import REFERENCE
from tests.preflight_corpus import DEJAVU


def test_a_build_leaves_no_fonts_registered(tmp_path):
    from publish.build import BuildOptions, _build_quietly

    before = set(pdfmetrics.getRegisteredFontNames())
    out = _build_quietly(REFERENCE, BuildOptions(formats=("pdf",), out_dir=tmp_path, quiet=True))
    assert out.status == 0 and (tmp_path / "yongchuan-2026-q1.pdf").stat().st_size > 10_000
    assert set(pdfmetrics.getRegisteredFontNames()) == before


def test_overlapping_scopes_keep_fonts_until_the_last_ends():
    before = set(pdfmetrics.getRegisteredFontNames())
    inner_done = threading.Event()

    def other_drawing():
        with page_fonts():
            pdfmetrics.registerFont(TTFont("ScopeTestB", str(DEJAVU)))
        inner_done.set()

    with page_fonts():
        pdfmetrics.registerFont(TTFont("ScopeTestA", str(DEJAVU)))
        t = threading.Thread(target=other_drawing)
        t.start()
        t.join(10)
        assert inner_done.is_set()
        # the other drawing ended while this one goes on: nothing is taken from under it
        assert {"ScopeTestA", "ScopeTestB"} <= set(pdfmetrics.getRegisteredFontNames())
        assert pdfmetrics.getFont("ScopeTestA").face.name
    assert set(pdfmetrics.getRegisteredFontNames()) == before
