"""Shared helpers of the robustness suite: copies of the reference meeting and
layout in tmp, in-process builds, and the text of a built PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import REFERENCE, ROOT

LAYOUT = ROOT / "layouts" / "broadsheet"
SPEAKERS = "speakers"


def copy_meeting(dst: Path, name: str = "yongchuan-2026-q1") -> Path:
    d = dst / name
    shutil.copytree(REFERENCE, d)
    return d


def copy_layout(dst: Path) -> Path:
    d = dst / "layout" / "broadsheet"
    shutil.copytree(LAYOUT, d)
    return d


def build(meeting: Path, out: Path, layout: str = "broadsheet"):
    """One in-process PDF build (the CLI path minus the process start-up)."""
    from publish.build import BuildOptions, build_one

    return build_one(meeting, BuildOptions(layout=layout, formats=("pdf", "docx"), out_dir=out, quiet=True))


def docx_text(docx: Path) -> str:
    """The DOCX's paragraphs in document order, as python-docx (and Word) read them."""
    import docx as python_docx

    return "".join(p.text for p in python_docx.Document(str(docx)).paragraphs)


def pdf_text(pdf: Path) -> str:
    """Every character of the PDF in content-stream order (reading order for our renderer)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "".join(c["text"] for page in doc.pages for c in page.chars)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), "utf-8")


def line_of(path: Path, needle: str) -> int:
    for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in ln:
            return i
    raise AssertionError(f"{needle!r} not in {path}")
