"""`publish new`: a commented skeleton that loads, every field explained, nothing overwritten."""
from __future__ import annotations

import re

from publish.content import load_meeting, loader
from tests.conftest import run_cli

HAN = re.compile(r"[\u4e00-\u9fff]")


def comment(line: str) -> str:
    """The comment after a field (of a field that is itself commented out, too)."""
    body = line.lstrip("# ")
    return body.split("#", 1)[1] if "#" in body else ""


def test_skeleton_loads_and_explains_every_field(tmp_path):
    target = tmp_path / "content" / "new-meeting"
    r = run_cli("new", target)
    assert r.returncode == 0, r.stderr
    meeting = load_meeting(target)
    assert [s.key for s in meeting.speakers] == ["01-fayanren", "02-fayanren"]
    assert meeting.title == "待填主题" and meeting.publication.page_number == 1
    text = (target / "meeting.yaml").read_text("utf-8")
    schema = {**loader.MEETING_KEYS, **loader.PUBLICATION_KEYS, **loader.BYLINE_KEYS, **loader.BULLETIN_KEYS}
    for key in schema:
        line = next((ln for ln in text.splitlines() if re.match(rf"^[# ]*{key}:", ln)), None)
        assert line is not None, f"meeting.yaml skeleton lacks {key}"
        assert HAN.search(comment(line)), f"no Chinese comment on: {line}"
    sp = (target / "speakers" / "01-fayanren.md").read_text("utf-8")
    for key in loader.SPEAKER_KEYS:
        line = next(ln for ln in sp.splitlines() if re.match(rf"^#? ?{key}:", ln))
        assert HAN.search(comment(line)), f"no Chinese comment on: {line}"
    # the placeholders are what proof reports until they are filled in
    r = run_cli("proof", target)
    assert "待填" in r.stdout + r.stderr


def test_speaker_count(tmp_path):
    r = run_cli("new", tmp_path / "m", "--speakers", "5")
    assert r.returncode == 0, r.stderr
    assert len(load_meeting(tmp_path / "m").speakers) == 5


def test_refuses_an_existing_folder(tmp_path):
    existing = tmp_path / "m"
    existing.mkdir()
    (existing / "meeting.yaml").write_text("title: 我的稿子\n", "utf-8")
    r = run_cli("new", existing)
    assert r.returncode == 2 and "已经存在" in r.stderr and "Traceback" not in r.stderr
    assert (existing / "meeting.yaml").read_text("utf-8") == "title: 我的稿子\n"
    assert sorted(p.name for p in existing.iterdir()) == ["meeting.yaml"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("new", empty).returncode == 2 and list(empty.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]    # no temporary left behind
