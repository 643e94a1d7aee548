"""Paragraphs set before are kept per process (publish watch recomposes on every save):
only the edited paragraph is broken again, and the page composed warm is the page
composed cold, glyph for glyph, also when the edit changed the page's subset fonts."""

from __future__ import annotations

import shutil

from publish.build import compose_meeting
from publish.compose import text
from publish.compose.boxes import TextLine
from tests.conftest import REFERENCE


def _glyphs(comp):
    return [
        (pg.number, it.x, it.baseline, [(g.ch, g.font, g.size, g.x, g.advance) for g in it.glyphs])
        for pg in comp.pages
        for it in pg.items
        if isinstance(it, TextLine)
    ]


def test_warm_page_is_the_cold_page(tmp_path, monkeypatch):
    meeting = tmp_path / "m"
    shutil.copytree(REFERENCE, meeting)
    broken = []
    real = text.break_paragraph
    monkeypatch.setattr(text, "break_paragraph", lambda *a: broken.append(1) or real(*a))
    monkeypatch.setattr(text, "_SET", {})
    before = compose_meeting(meeting, "broadsheet")[2]
    speakers = sorted((meeting / "speakers").glob("*.md"))
    body = speakers[2].read_text("utf-8")
    assert "鑫" not in "".join(p.read_text("utf-8") for p in speakers)
    speakers[2].write_text(body.replace("。", "。鑫", 1), "utf-8")  # a new character: new subsets

    broken.clear()
    warm = compose_meeting(meeting, "broadsheet")[2]
    warm_breaks = len(broken)
    assert set(warm.fonts) != set(before.fonts)  # the page's subset names changed
    monkeypatch.setattr(text, "_SET", {})
    broken.clear()
    cold = compose_meeting(meeting, "broadsheet")[2]
    assert 0 < warm_breaks < len(broken) / 3  # the edited paragraph (at the sizes tried), not all
    assert _glyphs(warm) == _glyphs(cold)
    fonts = set(warm.fonts)
    assert all(g[1] in fonts for *_, gl in _glyphs(warm) for g in gl)
