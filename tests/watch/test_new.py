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
    assert meeting.title == "待填主题"
    # publication fields say 待填 the way `build` recognises: no print build until they are filled
    assert sorted(k for k, _line in meeting.publication.placeholders) == ["date", "page_name", "page_number", "paper"]
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
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left behind


def uncomment_examples(text: str) -> str:
    """Turn the commented-out optional fields into real ones (with their indented blocks)."""
    out, block = [], False
    for ln in text.splitlines():
        m = re.match(r"^(\s*)# ?(\s*)([a-z_]+: .*|[a-z_]+:\s*(#.*)?|- \S+: .*)$", ln)
        cont = block and re.match(r"^#(\s{2,}\S.*)$", ln)
        if m and not HAN.match(m.group(3)):
            out.append(m.group(1) + m.group(2) + m.group(3))
            block = m.group(3).split("#")[0].rstrip().endswith(("|", ":"))
        elif cont:
            out.append(cont.group(1)[1:])
        else:
            out.append(ln)
            block = block and ln.startswith("#")
    return "\n".join(out) + "\n"


def test_every_commented_example_is_valid(tmp_path):
    """An editor who takes out the “#” of an optional field gets a meeting that loads."""
    from PIL import Image

    target = tmp_path / "m"
    assert run_cli("new", target).returncode == 0
    for f in [target / "meeting.yaml", *(target / "speakers").glob("*.md")]:
        f.write_text(uncomment_examples(f.read_text("utf-8")), "utf-8")
    (target / "portraits").mkdir()
    for k in ("01-fayanren", "02-fayanren"):
        Image.new("RGB", (600, 800), (200, 200, 200)).save(target / "portraits" / f"{k}.jpg")
    m = load_meeting(target)
    assert (m.column, m.credit, m.closing_note, m.byline.note) == (
        "（议政）",
        "本报记者待填整理",
        "本版内容以发言先后为序",
        "整理",
    )
    assert m.editor_note and m.bulletin.name == "待填简报名称" and len(m.bulletin.distribution) == 2
    s = m.speakers[0]
    assert (s.suffix, s.attribution, s.credit) == ("委员", "line", "本报记者待填整理") and s.portrait is not None
