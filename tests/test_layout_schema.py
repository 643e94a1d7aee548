"""Issue 14: the layout schema is defined once (publish/layout/spec.py); the checker and the
designers' reference in layouts/README.md come from it."""

import dataclasses
import shutil
from pathlib import Path

import pytest

from publish.errors import InputError
from publish.layout import reference
from publish.layout.check import keys_of
from publish.layout.spec import SECTIONS, Align, FontChoice, Item, Layout, Overflow, RuleSpec, Style, load_layout

ROOT = Path(__file__).resolve().parents[1]
DECLARED = [Layout, Item, RuleSpec, Style, FontChoice] + [k.cls for _, _, k in keys_of(Layout) if k.kind == "section"]


def test_readme_reference_is_the_generated_one():
    """Fails when a key is added, removed or changed in spec.py without regenerating the README."""
    readme = (ROOT / "layouts" / "README.md").read_text("utf-8")
    assert reference.spliced(readme) == readme, "run: python -m publish.layout.reference --write"


def test_every_declared_key_is_in_the_readme_once():
    readme = (ROOT / "layouts" / "README.md").read_text("utf-8")
    table = readme.split(reference.BEGIN)[1].split(reference.END)[0]
    rows = [ln.split("|")[1].strip().strip("`") for ln in table.splitlines() if ln.startswith("| `")]
    assert len(rows) == len(set(rows))
    for sec in SECTIONS:
        for name, _, _ in keys_of(Layout, sec):
            assert f"{sec}.{name}" in rows
    for name, _, k in keys_of(Layout):
        if k.kind == "section":
            for n, _, _ in keys_of(k.cls):  # a per-name mapping is documented as KEY.NAME
                assert any(r == f"{name}.{n}" or r.startswith(f"{name}.{n}.") for r in rows), n
    assert {f"styles.NAME.{n}" for n, _, _ in keys_of(Style)} <= set(rows)
    assert {f"ITEM.{n}" for n, _, _ in keys_of(Item)} <= set(rows)


@pytest.mark.parametrize("cls", DECLARED, ids=lambda c: c.__name__)
def test_each_key_has_a_chinese_name_and_a_one_line_doc(cls):
    for name, _, k in keys_of(cls) + [e for s in SECTIONS for e in keys_of(cls, s)]:
        assert k.zh and k.doc and "\n" not in k.doc, name
        if k.kind == "enum":
            assert all(m.label for m in k.choices)


def layout_copy(tmp_path, old, new):
    dst = tmp_path / "lay"
    shutil.copytree(ROOT / "layouts" / "broadsheet", dst)
    text = (dst / "layout.yaml").read_text("utf-8")
    assert old in text
    (dst / "layout.yaml").write_text(text.replace(old, new, 1), "utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return dst, line


def problems(folder):
    with pytest.raises(InputError) as e:
        load_layout(str(folder))
    return [(p.line, p.message) for p in e.value.problems]


def test_enum_message_lists_the_closed_set_from_the_schema(tmp_path):
    lay, line = layout_copy(tmp_path, "align: center}", "align: centre}")
    [(at, msg)] = problems(lay)
    assert at == line
    assert msg.startswith("align 只能是 " + " / ".join(f"{m.value}（{m.label}）" for m in Align))
    assert "是不是要写“center”" in msg


def test_enum_values_are_enum_members_equal_to_the_words(tmp_path):
    lay = load_layout("tabloid")
    assert lay.page.overflow is Overflow.CONTINUE and lay.page.overflow == "continue"
    assert lay.style("title").align is Align.CENTER


@pytest.mark.parametrize(
    "old,new,key",
    [
        ("han_latin_space: 0 ", "han_latin_space: 5 ", "han_latin_space"),
        ("image_min_ppi: 100", "image_min_ppi: lots", "image_min_ppi"),
    ],
)
def test_flat_section_values_are_checked_not_silently_defaulted(tmp_path, old, new, key):
    lay, line = layout_copy(tmp_path, old, new)
    [(at, msg)] = problems(lay)
    assert at == line and msg.startswith(f"{key} 应为数字")


def test_unknown_key_in_a_flat_section_names_the_known_ones(tmp_path):
    lay, line = layout_copy(tmp_path, "image_min_ppi: 100", "image_min_dpi: 100")
    [(at, msg)] = problems(lay)
    assert at == line and "print（印刷）中没有“image_min_dpi”" in msg and "image_min_ppi" in msg


def test_defaults_come_from_the_declaration(tmp_path):
    lay, _ = layout_copy(tmp_path, "  bleed: 3mm\n", "")
    page = load_layout(str(lay)).page
    assert page.bleed == pytest.approx(3 * 72 / 25.4)
    style = load_layout(str(lay)).style("masthead")  # no leading given: 1.5em of its size
    assert style.leading == pytest.approx(1.5 * style.size)
    assert style.indent == next(f.default for f in dataclasses.fields(Style) if f.name == "indent")
