"""Issue 2: malformed content gives FILE:LINE: message, exit 2, no output file."""

import pytest

from .conftest import run_cli


def build(meeting, tmp_path, *extra):
    out = tmp_path / "out"
    r = run_cli("build", meeting, "-o", out, *extra)
    return r, out


def assert_clean_failure(r, out, pattern):
    assert r.returncode == 2, r.stderr + r.stdout
    assert "Traceback" not in r.stderr
    first = r.stderr.strip().splitlines()[0]
    assert pattern in first, r.stderr
    assert not out.exists() or not any(out.iterdir()), list(out.iterdir())


def test_broken_yaml(meeting_copy, tmp_path):
    f = meeting_copy / "meeting.yaml"
    lines = f.read_text("utf-8").splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith("title:"))
    lines[i] = "title: 坚定信心: 真抓实干"  # an unquoted second colon
    f.write_text("\n".join(lines) + "\n", "utf-8")
    r, out = build(meeting_copy, tmp_path)
    assert_clean_failure(r, out, f"meeting.yaml:{i + 1}: 格式错误")


def test_broken_front_matter(meeting_copy, tmp_path):
    f = meeting_copy / "speakers" / "02-li-shihong.md"
    f.write_text(f.read_text("utf-8").replace("name: 李世红", "name: [李世红"), "utf-8")
    r, out = build(meeting_copy, tmp_path)
    assert_clean_failure(r, out, "02-li-shihong.md:")
    assert "格式错误" in r.stderr


@pytest.mark.parametrize(
    "speaker,old,new,message",
    [
        pytest.param(
            "03-tang-zhiyong",
            "name: 唐智勇\n",
            "",
            "03-tang-zhiyong.md:2: 缺少必填项“name”",
            id="missing_required_field",
        ),
        pytest.param(
            "01-zhang-xiaomei",
            "position:",
            "postion:",
            "01-zhang-xiaomei.md:3: 发言人文件中没有“postion”这一项。是不是要写“position”？",
            id="unknown_key_suggests",
        ),
    ],
)
def test_speaker_file_edit_is_reported(meeting_copy, tmp_path, speaker, old, new, message):
    f = meeting_copy / "speakers" / f"{speaker}.md"
    f.write_text(f.read_text("utf-8").replace(old, new), "utf-8")
    r, out = build(meeting_copy, tmp_path)
    assert_clean_failure(r, out, message)


def test_missing_title(meeting_copy, tmp_path):
    f = meeting_copy / "meeting.yaml"
    text = f.read_text("utf-8")
    f.write_text("\n".join(l for l in text.splitlines() if not l.startswith("title:")) + "\n", "utf-8")
    r, out = build(meeting_copy, tmp_path)
    assert_clean_failure(r, out, "meeting.yaml:3: 缺少必填项“title”（主题）。请添加一行“title: …”")


def test_unknown_layout(tmp_path):
    from .conftest import REFERENCE

    r, out = build(REFERENCE, tmp_path, "--layout", "broadshet")
    assert_clean_failure(r, out, "没有名为“broadshet”的版式")
    assert "broadsheet" in r.stderr


def test_missing_speaker_file(meeting_copy, tmp_path):
    (meeting_copy / "speakers" / "06-feng-wei.md").unlink()
    r, out = build(meeting_copy, tmp_path)
    lines = (meeting_copy / "meeting.yaml").read_text("utf-8").splitlines()
    n = next(k for k, ln in enumerate(lines) if "06-feng-wei" in ln) + 1
    assert_clean_failure(r, out, f"meeting.yaml:{n}: 发言人“06-feng-wei”没有对应的文件")


def test_non_utf8_file(meeting_copy, tmp_path):
    f = meeting_copy / "speakers" / "01-zhang-xiaomei.md"
    f.write_bytes(f.read_text("utf-8").encode("gb18030"))
    r, out = build(meeting_copy, tmp_path)
    assert_clean_failure(r, out, "01-zhang-xiaomei.md:2: 文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码")


def test_failed_build_keeps_previous_output(meeting_copy, tmp_path):
    out = tmp_path / "out"
    r = run_cli("build", meeting_copy, "-o", out, "-f", "pdf")
    assert r.returncode == 0, r.stderr
    pdf = out / "yongchuan-2026-q1.pdf"
    good = pdf.read_bytes()
    (meeting_copy / "meeting.yaml").write_text("title: [\n", "utf-8")
    r = run_cli("build", meeting_copy, "-o", out, "-f", "pdf")
    assert r.returncode == 2
    assert pdf.read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == ["yongchuan-2026-q1.pdf"]
