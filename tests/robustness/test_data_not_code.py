"""Content is data: markup-looking text in content prints as typed, and templates
cannot reach outside what they are given."""

from __future__ import annotations

from .helpers import build, copy_meeting, edit, pdf_text

TRICKY = ["<b>加粗</b>", "A&B", "1<2", "{{ 1+1 }}", "{% raw %}", "&amp;", "${x}", "%s"]


def _squash(s: str) -> str:
    return "".join(s.split())


def test_markup_in_content_prints_as_typed(tmp_path):
    m = copy_meeting(tmp_path)
    body = "这是测试" + "、".join(TRICKY) + "。"
    edit(m / "speakers" / "01-zhang-xiaomei.md", "一是以核心价值推动凝心铸魂。", "一是以核心价值推动凝心铸魂。" + body)
    edit(
        m / "meeting.yaml",
        "title: 坚定信心 真抓实干 奋力夺取一季度全区经济社会发展“开门红”",
        "title: '{{ 1+1 }} <b>&amp; {% raw %}'",
    )
    edit(m / "meeting.yaml", "subtitle: 永川区", "subtitle: A&B<i>{{ x }}永川区")
    edit(m / "speakers" / "02-li-shihong.md", "name: 李世红", "name: 李世红{{ name }}")
    text = _squash(pdf_text(build(m, tmp_path / "out").outputs[0]))
    for s in [body, "{{1+1}}<b>&amp;{%raw%}", "A&B<i>{{x}}永川区", "李世红{{name}}"]:
        assert _squash(s) in text, s
    assert "2<b>" not in text  # {{ 1+1 }} was not evaluated


def test_second_meeting_in_one_process_keeps_its_glyphs(tmp_path, capsys):
    """`publish build A B`: B's own characters must not come out as empty boxes
    (reportlab used to reuse A's font subset for B)."""
    from publish.build import BuildOptions, build_many

    a = copy_meeting(tmp_path, "a")
    b = copy_meeting(tmp_path, "b")
    edit(
        b / "speakers" / "01-zhang-xiaomei.md",
        "一是以核心价值推动凝心铸魂。",
        "一是以核心价值推动凝心铸魂。甲乙丙丁<>&{}。",
    )
    edit(b / "meeting.yaml", "奋力夺取", "奋力夺取ABC{}&")
    out = tmp_path / "out"
    assert build_many([a, b], BuildOptions(formats=("pdf", "docx"), out_dir=out, quiet=True)) == 0
    text = pdf_text(out / "b.pdf")
    assert "\x00" not in text
    assert "甲乙丙丁<>&{}" in text and "ABC{}&" in _squash(text)
