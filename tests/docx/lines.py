"""Lines of a rendered page, read back from its PDF: where a PDF (ours, or LibreOffice's
export of our DOCX) broke the text, to compare the two and to find split numbers and names."""

from __future__ import annotations

import re
from pathlib import Path

# A break between two of these splits a number, a percentage or a Latin word.
_LATIN = re.compile(r"[0-9A-Za-z.,%‰]")


def column_geometry(layout) -> tuple[float, float, float]:
    """Column measure, gutter and left edge as the PDF sets them: whole body characters at the
    specified gutter, the column block centred in the type area."""
    g, p = layout.grid, layout.page
    col = (p.type_width - g.gutter * (g.columns - 1)) / g.columns
    if g.columns == 1:
        return col, 0.0, p.left
    body = layout.styles[layout.body_style].size
    measure = int(col / body + 1e-6) * body
    width = g.columns * measure + (g.columns - 1) * g.gutter
    return measure, g.gutter, p.left + (p.type_width - width) / 2


def _rows(chars) -> list[str]:
    chars = sorted(chars, key=lambda c: c["bottom"])
    rows: list[list] = []
    last = None
    for c in chars:
        if last is None or c["bottom"] - last > 2:
            rows.append([])
        rows[-1].append(c)
        last = c["bottom"]
    return ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"])) for r in rows]


def pdf_lines(pdf: Path, layout) -> list[str]:
    """Every line of text, in reading order: the zone above the columns, then column by column, page by page."""
    import pdfplumber

    g = layout.grid
    measure, gutter, left = column_geometry(layout)
    body = layout.styles[layout.body_style].size
    out: list[str] = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            start = page.height
            if g.columns > 1:
                # The column zone starts where the column rules start (both PDFs draw them) …
                rules = [
                    ln["top"]
                    for ln in page.lines + page.rects
                    if abs(ln["x1"] - ln["x0"]) < 2
                    and ln["bottom"] - ln["top"] > 4 * body
                    and any(
                        abs(ln["x0"] - (left + k * (measure + gutter) - gutter / 2)) < gutter / 2
                        for k in range(1, g.columns)
                    )
                ]
                # … or, without rules, where body-size text appears right of the first column.
                in_cols = [c["top"] for c in chars if abs(c["size"] - body) < 0.3 and c["x0"] > left + measure + 1]
                start = min(rules) - 1 if rules else min(in_cols) - 1 if in_cols else page.height
            out += _rows([c for c in chars if c["top"] < start])
            for k in range(g.columns if g.columns > 1 else 0):
                x0 = left + k * (measure + gutter)
                out += _rows(
                    [c for c in chars if c["top"] >= start and x0 - gutter / 2 <= c["x0"] < x0 + measure + gutter / 2]
                )
    return [ln.replace(" ", "").replace("\u3000", "") for ln in out if ln.strip()]


def latin_splits(lines: list[str], source: str) -> list[str]:
    """Line ends that cut a number, percentage or Latin word of the source text: "41.|6%"."""
    flat = source.replace(" ", "")
    out = []
    for a, b in zip(lines, lines[1:]):
        if a and b and _LATIN.match(a[-1]) and _LATIN.match(b[0]) and (a[-1].isalnum() or b[0].isalnum()):
            if a[-2:] + b[:2] in flat or a[-1] + b[0] in flat and a[-3:] + b[:1] in flat:
                out.append(f"{a[-6:]}|{b[:6]}")
    return out


def breaks_in(lines: list[str], text: str) -> list[tuple[int, ...]]:
    """For each place the text occurs across consecutive lines, the offsets in it where a line ends."""
    text = text.replace(" ", "").replace("\u3000", "")
    if not text:
        return []
    joined = "\n".join(lines)
    pat = re.compile("\n?".join(re.escape(ch) for ch in text))
    found = []
    for m in pat.finditer(joined):
        seg, offs, n = m.group(0), [], 0
        for ch in seg:
            if ch == "\n":
                offs.append(n)
            else:
                n += 1
        found.append(tuple(offs))
    return found


def fonts_by_ps_name(env: dict | None = None) -> dict[str, tuple[str, int]]:
    """PostScript name → (file, index) of every font fontconfig knows (under the given environment)."""
    import subprocess

    r = subprocess.run(
        ["fc-list", "-f", "%{postscriptname}\t%{file}\t%{index}\n"], capture_output=True, text=True, env=env, timeout=60
    )
    out = {}
    for row in r.stdout.splitlines():
        ps, path, idx = (row.split("\t") + ["", "", "0"])[:3]
        if ps:
            out.setdefault(ps, (path, int(idx or 0)))
    return out


def _member_name(ps: str) -> str:
    """LibreOffice names a CFF face of a collection by the CFF's own name, which the Noto CJK
    collections share between their regional members (NotoSerifCJKjp-Regular), plus a
    "-VKana" tag; the SC member is the one with the same glyphs that fontconfig lists."""
    return re.sub(r"-VKana$", "", ps).replace("CJKjp-", "CJKsc-")


def box_glyphs(pdf: Path, fonts: dict[str, tuple[str, int]]) -> list[str]:
    """Characters a PDF draws with a font that has no glyph for them (.notdef boxes).

    LibreOffice draws a character no installed font has with the .notdef box of the
    font it asked for; the text layer then still names that font, whose cmap lacks it."""
    import pdfplumber
    from fontTools.ttLib import TTFont

    cmaps: dict[str, set[int] | None] = {}
    bad = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for c in page.chars:
                ch = c["text"]
                if not ch.strip() or len(ch) != 1:
                    continue
                ps = c["fontname"].split("+", 1)[-1]
                if ps not in cmaps:
                    where = fonts.get(ps) or fonts.get(_member_name(ps))
                    cmaps[ps] = set(TTFont(where[0], fontNumber=where[1], lazy=True).getBestCmap()) if where else None
                cmap = cmaps[ps]
                if cmap is None or ord(ch) not in cmap:
                    bad.append(f"{ch}@{ps}")
    return bad


def fitted(name: str, content=None):
    """The layout as the PDF page of `content` (the reference) was fitted: leading, sizes,
    gutters and margins the DOCX is written with (publish/compose/fitted.py)."""
    from publish.build import compose_meeting
    from publish.compose.fitted import fitted_layout
    from ..conftest import REFERENCE

    _, layout, comp = compose_meeting(content or REFERENCE, name)
    return fitted_layout(layout, comp)
