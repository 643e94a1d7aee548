"""One warm rebuild, in process: what the browser is told and what reaches build/."""

from __future__ import annotations

import re

import pytest

from publish.watch.session import Session
from publish.watch.skeleton import write_skeleton

pytestmark = pytest.mark.slow


def test_new_meeting_previews_but_prints_only_as_draft(tmp_path):
    """A fresh `publish new` meeting: the page is shown at once; its 待填 publication fields
    keep it out of build/ (as `build` would) until --draft, which marks the page 样稿."""
    import pypdfium2 as pdfium

    meeting, out = tmp_path / "m", tmp_path / "out"
    write_skeleton(meeting)
    s = Session(meeting, "broadsheet", out)
    s.rebuild()
    st = s.snapshot()
    assert st["status"] == "blocked" and st["preview"]["count"] >= 1 and st["written"] is False
    found = [re.match(r".*meeting\.yaml:(\d+): 出版信息 (\w+)", e) for e in st["errors"]]
    held = sorted(int(m.group(1)) for m in found if m)  # (a skeleton's page is not full either)
    lines = (meeting / "meeting.yaml").read_text("utf-8").splitlines()
    assert [lines[n - 1].split(":")[0].strip() for n in held] == ["paper", "date", "page_number", "page_name"]
    assert not list(out.glob("*.pdf")) and not list(out.glob("*.docx"))

    d = Session(meeting, "broadsheet", out, draft=True)
    d.rebuild()
    st = d.snapshot()
    assert st["written"] is True and not any("待填”，不能付印" in e for e in st["errors"])
    pdf = out / "m.pdf"
    assert pdf.is_file() and (out / "m.docx").is_file()
    text = pdfium.PdfDocument(str(pdf))[0].get_textpage().get_text_range()
    assert "样稿" in text


def test_no_stale_download_while_the_outputs_are_written(tmp_path):
    """The page is shown before its PDF and DOCX are written: meanwhile the state offers
    no download, and a download asked for waits for the new files (never the old pair)."""
    import shutil
    import threading

    from tests.conftest import REFERENCE

    meeting, out = tmp_path / "yongchuan-2026-q1", tmp_path / "out"
    shutil.copytree(REFERENCE, meeting)
    s = Session(meeting, "broadsheet", out)
    s.rebuild()
    assert s.snapshot()["outputs"]["docx"]
    old = (out / "yongchuan-2026-q1.docx").read_bytes()
    first = sorted((meeting / "speakers").glob("*.md"))[0]
    first.write_text(first.read_text("utf-8").replace("全覆盖开展党的二十届四中全会精神宣讲，", "", 1), "utf-8")

    shown: dict = {}
    got: dict = {}
    asking = threading.Thread(target=lambda: got.update(body=s.download("yongchuan-2026-q1.docx").read_bytes()))
    write = s._write

    def held_write(*args):
        shown.update(s.snapshot())
        asking.start()
        asking.join(0.3)
        shown["waited"] = asking.is_alive()  # the download did not return the old file meanwhile
        write(*args)

    s._write = held_write
    s.rebuild()
    asking.join(10)
    assert shown["phase"] == "image" and shown["writing"] is True and shown["outputs"] == {}
    assert shown["waited"] is True
    assert got["body"] == (out / "yongchuan-2026-q1.docx").read_bytes() != old
    st = s.snapshot()
    assert st["writing"] is False and st["outputs"]["docx"]["name"] == "yongchuan-2026-q1.docx"


def test_a_failed_write_offers_the_pair_still_in_place(tmp_path):
    """The outputs could not be written (a full disk): the last good PDF and DOCX stay, and
    the state offers them again (not the empty list shown while writing)."""
    import shutil

    from tests.conftest import REFERENCE

    meeting, out = tmp_path / "yongchuan-2026-q1", tmp_path / "out"
    shutil.copytree(REFERENCE, meeting)
    s = Session(meeting, "broadsheet", out)
    s.rebuild()
    old = (out / "yongchuan-2026-q1.pdf").read_bytes()
    first = sorted((meeting / "speakers").glob("*.md"))[0]
    first.write_text(first.read_text("utf-8").replace("全覆盖开展党的二十届四中全会精神宣讲，", "", 1), "utf-8")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    s._write = full_disk
    s.rebuild()
    st = s.snapshot()
    assert st["status"] == "error" and st["writing"] is False
    assert sorted(st["outputs"]) == ["docx", "pdf"]
    assert (out / "yongchuan-2026-q1.pdf").read_bytes() == old
    assert s.download("yongchuan-2026-q1.pdf") == out / "yongchuan-2026-q1.pdf"
