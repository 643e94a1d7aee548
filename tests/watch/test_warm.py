"""What a warm process keeps between rebuilds must follow every edit."""

from __future__ import annotations

import shutil

from publish.layout.templates import Templates
from tests.conftest import ROOT


def test_compiled_templates_follow_edits(tmp_path):
    folder = tmp_path / "lay"
    (folder / "templates").mkdir(parents=True)
    tpl = folder / "templates" / "x.j2"
    tpl.write_text("甲{{ n }}", "utf-8")
    assert Templates(folder).render("x.j2", n=1) == "甲1"
    tpl.write_text("乙{{ n * 2 }}", "utf-8")
    assert Templates(folder).render("x.j2", n=2) == "乙4"
    # the same name in another layout folder is another template
    other = tmp_path / "other"
    shutil.copytree(folder, other)
    (other / "templates" / "x.j2").write_text("丙", "utf-8")
    assert Templates(other).render("x.j2", n=0) == "丙"
    assert Templates(folder).render("x.j2", n=3) == "乙6"


def test_layout_edits_reach_a_warm_session(tmp_path):
    """The session keeps the parsed layout until a file of the layout changes."""
    from publish.watch.session import Session

    lay = tmp_path / "mylayout"
    shutil.copytree(ROOT / "layouts" / "tabloid", lay)
    s = Session(tmp_path / "unused", str(lay), tmp_path / "out")
    first = s._layout()
    assert s._layout() is first
    text = (lay / "layout.yaml").read_text("utf-8")
    (lay / "layout.yaml").write_text(text.replace("title:", "title: 改过的", 1), "utf-8")
    again = s._layout()
    assert again is not first and again.title.startswith("改过的")
