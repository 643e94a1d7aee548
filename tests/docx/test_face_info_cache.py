"""The DOCX font table's face entries are read from a font once and kept in the font
cache: a warm build reads them back (no fontTools), equal to a fresh reading; a
damaged entry is read from the font again, never written into a DOCX."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from publish.fonts.resolve import find_face
from publish.render import docx_fonts


@pytest.fixture
def face(tmp_path, monkeypatch):
    monkeypatch.setenv("PUBLISH_FONT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(docx_fonts, "_info_memo", {})
    f = find_face("Noto Serif CJK SC")
    if f is None:
        pytest.skip("Noto Serif CJK SC is not installed")
    return f


def test_kept_entry_equals_a_fresh_reading(face, tmp_path):
    first = docx_fonts.face_info(face)
    assert first is not None and first == docx_fonts._read_info(face)
    stored = json.loads((tmp_path / "cache" / docx_fonts.INFO_FILE).read_text("utf-8"))
    assert len(stored) == 1
    # a new process reads it back without opening the font (fontTools never imported)
    code = (
        "import sys; from publish.fonts.resolve import find_face; from publish.render.docx_fonts import face_info;"
        "i = face_info(find_face('Noto Serif CJK SC')); print(i.panose, i.family, 'fontTools' in sys.modules)"
    )
    env_out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert env_out == [first.panose, first.family, "False"]


def test_damaged_entry_is_read_again(face, tmp_path):
    fresh = docx_fonts.face_info(face)
    path = tmp_path / "cache" / docx_fonts.INFO_FILE
    stored = json.loads(path.read_text("utf-8"))
    (stamp,) = stored
    stored[stamp][0] = '"/><w:evil/>'  # not a panose
    path.write_text(json.dumps(stored), "utf-8")
    docx_fonts._info_memo.clear()
    assert docx_fonts.face_info(face) == fresh
    path.write_text("not json", "utf-8")
    docx_fonts._info_memo.clear()
    assert docx_fonts.face_info(face) == fresh
