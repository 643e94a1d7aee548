"""The page plan: every template rendered once, nodes in reading order, roles resolved
to the layout's style names, page numbers as fields."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publish.content import load_meeting
from publish.errors import InputError
from publish.layout.spec import load_layout
from publish.layout.templates import Templates
from publish.plan import (
    EndMatter,
    Field,
    ItemKind,
    Numerals,
    Para,
    ParaRole,
    Plan,
    Separator,
    SpanRole,
    SpeakerGroup,
    plan,
)
from publish.plan.fields import PROBES
from tests.conftest import REFERENCE, ROOT

ALL_FIELDS = ROOT / "tests" / "importer" / "meetings" / "all-fields"


@pytest.fixture(scope="module")
def reference() -> Plan:
    return plan(load_meeting(REFERENCE), load_layout("broadsheet"))


@pytest.fixture(scope="module")
def bulletin() -> Plan:
    return plan(load_meeting(ALL_FIELDS), load_layout("a4-bulletin"))


def test_header_items_rendered_in_layout_order(reference):
    m = load_meeting(REFERENCE)
    kinds = [(h.kind, h.style) for h in reference.header]
    assert kinds == [
        (ItemKind.STRIP, "masthead"),
        (ItemKind.LINE, "kicker"),
        (ItemKind.LINE, "title"),
        (ItemKind.LINE, "subtitle"),
        (ItemKind.LINE, "byline"),
        (ItemKind.LEAD, "lead-wide"),
    ]
    masthead, kicker, title, subtitle, byline, lead = reference.header
    assert masthead.left == f"{m.publication.page_number}\u3000{m.publication.page_name}"
    assert masthead.center == m.publication.paper
    assert masthead.right.startswith("2026年")
    assert kicker.empty  # the reference meeting has no 引题: kept (repeat_header counts items) but empty
    assert title.text == m.title and subtitle.text == "——" + m.subtitle
    assert byline.text == f"{m.publication.paper}记者\u3000{m.byline.reporters[0]}"
    assert [p.text for p in lead.lead] == [p.text for p in m.lead]
    assert reference.lead_in_header


def test_body_in_reading_order_with_separators(reference):
    m = load_meeting(REFERENCE)
    body = reference.body
    # the lead is in the header: the columns start with the first speaker, no separator above it
    assert isinstance(body[0], SpeakerGroup) and body[0].key == m.speakers[0].key
    groups = reference.groups
    assert [g.key for g in groups] == [s.key for s in m.speakers]
    for g, s in zip(groups, m.speakers):
        assert g.headline == s.headline and g.name == s.name and g.position == s.position
        assert g.name_line == f"{s.position}\u3000{s.name}"
        assert g.headline_style == "headline" and g.line_style == "speaker"
    for i, node in enumerate(body):
        if isinstance(node, Separator):
            assert isinstance(body[i + 1], SpeakerGroup) and body[i + 1].key == node.owner
    assert sum(isinstance(n, Separator) for n in body) == len(m.speakers) - 1
    paras = reference.paragraphs
    assert [p.text for p in paras] == [p.text for s in m.speakers for p in s.paragraphs]
    assert {p.owner for p in paras} == {s.key for s in m.speakers}
    assert all(p.style == "body" and p.role is ParaRole.BODY for p in paras)


def test_point_leads_and_bold_spans():
    m = load_meeting(REFERENCE)
    p = plan(m, load_layout("broadsheet"))
    with_point = [q for q in p.paragraphs if q.spans and q.spans[0].role is SpanRole.POINT]
    assert with_point, "the reference has 一是……。 leads"
    for q in with_point:
        lead = q.spans[0].text
        assert lead[1:2] == "是" or lead[2:3] == "是"
        assert lead[-1] in "。！？"
        assert q.spans[1].role is not SpanRole.POINT
    # the 导语 across the header never takes the point style
    header_lead = next(h for h in p.header if h.kind is ItemKind.LEAD)
    assert all(s.role is not SpanRole.POINT for q in header_lead.lead for s in q.spans)


def test_roles_resolved_to_layout_styles(bulletin):
    m = load_meeting(ALL_FIELDS)
    assert not bulletin.lead_in_header  # a4-bulletin sets the 导语 in the columns
    lead = [q for q in bulletin.paragraphs if q.owner == "lead"]
    assert [(q.role, q.style) for q in lead] == [(ParaRole.LEAD, "lead"), (ParaRole.NOTE, "note")]
    assert lead[1].text == m.editor_note[0].text
    roles = {q.role: q for q in bulletin.paragraphs}
    assert roles[ParaRole.ATTRIBUTION].style == "attribution"
    assert roles[ParaRole.ATTRIBUTION].text == "——诸葛文静委员（市政协委员、市第一人民医院副院长）"
    assert roles[ParaRole.CREDIT].style == "credit" and roles[ParaRole.CREDIT].text == f"（{m.credit}）"
    assert roles[ParaRole.CLOSING].style == "closing" and roles[ParaRole.CLOSING].text == f"（{m.closing_note}）"
    # an inline speaker: the name line prints nothing, the name opens the first paragraph in bold
    inline = next(g for g in bulletin.groups if g.key == "04-inline")
    assert inline.name_line == "" and inline.section is not None
    assert inline.section.text == "推动产业转型升级" and inline.section.style == "section"
    first = next(q for q in bulletin.paragraphs if q.owner == "04-inline")
    assert first.spans[0] == type(first.spans[0])("尉迟浩委员（市经济信息委副主任）：", SpanRole.BOLD)
    # the topic heading stands once above its run of speakers
    assert next(g for g in bulletin.groups if g.key == "05-inline").section is None
    # 05 is named in its text under no new heading: no group above it and no separator
    g5 = next(g for g in bulletin.groups if g.key == "05-inline")
    assert g5.empty
    i = bulletin.body.index(g5)
    assert not isinstance(bulletin.body[i - 1], Separator)


def test_role_falls_back_to_zone_style_when_layout_has_none(tmp_path):
    """An older layout without a credit style still prints the credit, in the body style."""
    folder = tmp_path / "plain"
    shutil.copytree(ROOT / "layouts" / "broadsheet", folder)
    yaml = folder / "layout.yaml"
    text = yaml.read_text("utf-8")
    assert "\n  credit: {" in text
    yaml.write_text("\n".join(ln for ln in text.split("\n") if not ln.startswith("  credit: {")), "utf-8")
    p = plan(load_meeting(ALL_FIELDS), load_layout(str(folder)))
    credit = [q for q in p.paragraphs if q.role is ParaRole.CREDIT]
    assert credit and all(q.style == "body" for q in credit)
    assert next(q for q in p.paragraphs if q.role is ParaRole.CLOSING).style == "closing"


def test_end_matter_and_folio_fields(bulletin):
    end = [n for n in bulletin.body if isinstance(n, EndMatter)]
    assert len(end) == 1 and bulletin.body[-1] is end[0]
    assert end[0].style == "banji" and end[0].lines[-1] == "江北日报\t2026年3月6日印发"
    (folio,) = bulletin.footer
    assert folio.kind is ItemKind.LINE
    assert folio.text.segments[0] == "— " and folio.text.segments[2] == " —"
    assert folio.text.fields[0].field is Field.PAGE
    assert [folio.text.text(bulletin.numbers(i, 3)) for i in range(3)] == ["— 1 —", "— 2 —", "— 3 —"]
    assert not bulletin.continued_to and not bulletin.continued_from  # empty.j2: 逐页接排


def test_continued_labels_name_the_next_and_previous_page(reference):
    assert reference.page_number == 3
    to, frm = reference.continued_to, reference.continued_from
    assert [f.field for f in to.fields] == [Field.NEXT] and [f.field for f in frm.fields] == [Field.PREV]
    assert to.text(reference.numbers(0, 2)) == "（下转第4版）"
    assert frm.text(reference.numbers(1, 2)) == "（上接第3版）"


def test_metadata(reference):
    m = load_meeting(REFERENCE)
    assert (reference.meta.title, reference.meta.subject) == (m.title, m.subtitle)
    assert reference.meta.author == "、".join(m.byline.reporters)


def _layout_with_folio(tmp_path: Path, folio: str):
    folder = tmp_path / "bulletin"
    shutil.copytree(ROOT / "layouts" / "a4-bulletin", folder)
    (folder / "templates" / "folio.j2").write_text(folio, encoding="utf-8")
    return load_layout(str(folder)), folder / "templates" / "folio.j2"


def test_folio_in_chinese_numerals_is_a_field(tmp_path):
    layout, _ = _layout_with_folio(tmp_path, "第{{ page | cn_number }}页 共{{ pages }}页\n")
    p = plan(load_meeting(REFERENCE), layout)
    ft = p.footer[0].text
    assert [(f.field, f.numerals) for f in ft.fields] == [
        (Field.PAGE, Numerals.CHINESE),
        (Field.PAGES, Numerals.ARABIC),
    ]
    assert ft.text(p.numbers(10, 12)) == "第十一页 共12页"
    # the numerals it may print are among the characters its font sets
    folio_font = layout.style("folio").font
    chars = set("".join(u.text for u in p.uses if u.role == folio_font))
    assert set("〇一二三四五六七八九十0123456789") <= chars


@pytest.mark.parametrize(
    "folio",
    ["— {{ page + 1 }} —\n", "{% if page > 1 %}— {{ page }} —{% endif %}\n", "{{ '%02d' % page }}\n"],
)
def test_folio_computing_with_the_page_is_a_layout_error(tmp_path, folio):
    layout, path = _layout_with_folio(tmp_path, "{# 页码 #}\n" + folio)
    with pytest.raises(InputError) as e:
        plan(load_meeting(REFERENCE), layout)
    (problem,) = e.value.problems
    assert problem.path == str(path) and problem.line == 2
    assert "页码" in problem.message and "{{ page }}" in problem.message


def test_each_template_rendered_once(monkeypatch):
    calls: dict[str, int] = {}
    real = Templates.render

    def counting(self, name, **ctx):
        calls[name] = calls.get(name, 0) + 1
        return real(self, name, **ctx)

    monkeypatch.setattr(Templates, "render", counting)
    layout = load_layout("broadsheet")
    m = load_meeting(REFERENCE)
    plan(m, layout)
    furniture = {layout.continued_to, layout.continued_from} | {
        n for it in layout.footer for n in (it.template, it.left, it.center, it.right) if n
    }
    for name, n in calls.items():
        if name in furniture:
            assert n == 1 + len(PROBES), name  # once, then checked against real page numbers
        elif name == layout.speaker.line_template:
            assert n == len(m.speakers), name  # once per speaker
        else:
            assert n == 1, name


def test_uses_give_every_printed_character(reference):
    m = load_meeting(REFERENCE)
    used = set("".join(u.text for u in reference.uses))
    for text in m.all_text():
        assert set(text.replace(" ", "")) <= used


def test_paragraph_spans_join_to_the_printed_text(bulletin):
    for q in bulletin.paragraphs:
        assert isinstance(q, Para) and q.text == "".join(s.text for s in q.spans)
        assert all(s.text for s in q.spans)
        assert all(a.role is not b.role for a, b in zip(q.spans, q.spans[1:]))


def test_folio_error_through_the_cli(tmp_path):
    from tests.conftest import run_cli

    layout, path = _layout_with_folio(tmp_path, "— {{ page * 2 }} —\n")
    r = run_cli("build", REFERENCE, "--layout", layout.folder, "-o", tmp_path / "out")
    assert r.returncode == 2
    assert "folio.j2:1:" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("head_columns", [4, 2])
def test_head_columns_put_the_lead_across_the_page_in_both_outputs(tmp_path, head_columns):
    """grid.head_columns ≥ the page's columns sets the 导语 across the page under the header
    (the PDF and the DOCX alike, from the plan); fewer columns: it flows like the body."""
    from publish.compose.boxes import TextLine
    from publish.compose.page import compose_plan

    folder = tmp_path / "wide-lead"
    shutil.copytree(ROOT / "layouts" / "tabloid", folder)
    yaml = folder / "layout.yaml"
    text = yaml.read_text("utf-8")
    assert "  - {content: lead," in text and "\n  columns: 4\n" in text
    text = "\n".join(ln for ln in text.split("\n") if not ln.startswith("  - {content: lead,"))
    yaml.write_text(text.replace("\n  columns: 4\n", f"\n  columns: 4\n  head_columns: {head_columns}\n"), "utf-8")
    m = load_meeting(REFERENCE)
    lay = load_layout(str(folder))
    p = plan(m, lay)
    lead_paras = [q for q in p.body if isinstance(q, Para) and q.owner == "lead"]
    comp = compose_plan(p, lay)
    page = comp.pages[0]
    in_columns = {r.owner for r in page.regions}
    if head_columns >= lay.grid.columns:
        assert p.lead_in_header and p.header[-1].kind is ItemKind.LEAD
        assert [q.text for q in p.header[-1].lead] == [q.text for q in m.lead]
        assert not lead_paras and "lead" not in in_columns
        # the 导语 stands above the columns: its first line is set above the body's top
        first = m.lead[0].text[:6]
        lines = [it for it in page.items if isinstance(it, TextLine)]
        top = page.body[0]
        assert any(first in "".join(g.ch for g in ln.glyphs) and ln.baseline < top for ln in lines)
    else:
        assert not p.lead_in_header and [q.text for q in lead_paras] == [q.text for q in m.lead]
        assert "lead" in in_columns
