"""Four builds at once sharing one empty font cache: the cache is written
atomically under a lock, so every build succeeds and prints its own text."""

from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import ROOT
from .helpers import copy_meeting, edit, pdf_text

MARKS = ["甲子春风", "乙丑夏雨", "丙寅秋月", "丁卯冬雪"]


def test_four_builds_share_an_empty_font_cache(tmp_path):
    cache = tmp_path / "font-cache"
    cache.mkdir()
    env = dict(os.environ, PUBLISH_FONT_CACHE=str(cache), PYTHONPATH=str(ROOT))
    procs = []
    for i, mark in enumerate(MARKS):
        m = copy_meeting(tmp_path, f"meeting-{i}")
        # Own characters in body and title, so each build needs subsets of its own as well as shared ones.
        edit(
            m / "speakers" / "01-zhang-xiaomei.md",
            "一是以核心价值推动凝心铸魂。",
            f"一是以核心价值推动凝心铸魂。{mark}。",
        )
        edit(m / "meeting.yaml", "奋力夺取", f"{mark}奋力夺取")
        out = tmp_path / f"out-{i}"
        procs.append(
            (
                m,
                out,
                mark,
                subprocess.Popen(
                    [sys.executable, "-m", "publish", "build", str(m), "-f", "pdf,docx", "-o", str(out), "-q"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
        )
    for m, out, mark, p in procs:
        stdout, stderr = p.communicate(timeout=300)
        assert p.returncode == 0, stderr
        text = pdf_text(out / f"{m.name}.pdf")
        assert mark in text and text.count(mark) == 2
        assert "\x00" not in text
        for other in MARKS:
            if other != mark:
                assert other not in text
    # Nothing half-written or left over in the shared cache.
    leftovers = [p.name for p in cache.rglob("*") if p.suffix in (".tmp", ".part")]
    assert not leftovers
