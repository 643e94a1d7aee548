"""The copyfit drawn on the page: geometry and labels taken from compose's own
result (PageBox.regions and .body, the copyfit Report), as fractions of the page
so the browser can lay them over an image of any size.

Marks:
  block      each speaker's pieces, labelled with lines/characters over or under its share
  beiti      背题: a 小标题 group left at a column foot without two lines of its text
  window     开天窗: a column ending WINDOW_LINES or more lines short of the page
  overflow   a block with lines that found no place on the page
"""

from __future__ import annotations

from collections import defaultdict

WINDOW_LINES = 2  # one line short is the balance tolerance of the last page; two is a hole
KEEP_LINES = 2  # lines of text a 小标题 needs below it in its column


def overlay(comp) -> dict:
    report = comp.report
    fits = {b.key: b for b in getattr(report, "blocks", [])}
    cpl = getattr(report, "chars_per_line", 0) or 0
    # A share of the page means something only where the page is to be filled; text
    # running on over as many pages as it needs (转版) has lines, not a share.
    shared = getattr(report, "fill", not getattr(report, "continues", False))
    labels = {k: _block_fit(b, cpl, shared) for k, b in fits.items()}
    pages = [_page(pg, comp.width, comp.height, labels, report) for pg in comp.pages]
    return {"pages": pages, "blocks": list(labels.values()), "chars_per_line": cpl}


def _block_fit(b, cpl: int, shared: bool = True) -> dict:
    fixed = b.key in ("lead", "end") or not shared
    over = 0 if fixed else b.over
    if fixed:
        text = f"{b.lines} 行"
        state = "fixed"
    elif over > 0:
        text, state = f"超出 {over} 行（约 {over * cpl} 字）", "over"
    elif over < 0:
        text, state = f"不足 {-over} 行（约 {-over * cpl} 字）", "under"
    else:
        text, state = "正好", "ok"
    if b.unplaced:
        text += f"；{b.unplaced} 行排不下"
        state = "overflow"
    return {
        "key": b.key,
        "name": b.label,
        "chars": b.chars,
        "lines": b.lines,
        "share": round(b.allotment),
        "over": over,
        "unplaced": b.unplaced,
        "verdict": text,
        "state": state,
    }


def _page(pg, width: float, height: float, labels: dict, report) -> dict:
    def box(x, y, w, h):
        return [round(x / width, 5), round(y / height, 5), round(w / width, 5), round(h / height, 5)]

    marks = []
    labelled = set()
    for r in pg.regions:
        if r.kind == "space":
            continue
        label = labels.get(r.owner)
        mark = {"kind": "block", "key": r.owner, "part": r.kind, "box": box(r.x, r.y, r.w, r.h)}
        if label is not None and r.owner not in labelled:
            labelled.add(r.owner)
            mark["label"] = label
        marks.append(mark)
    marks += _beiti(pg, box)
    marks += _windows(pg, box, report)
    return {"number": pg.number, "marks": marks}


def _columns(pg) -> dict[int, list]:
    cols = defaultdict(list)
    for r in pg.regions:
        cols[r.column].append(r)
    for rs in cols.values():
        rs.sort(key=lambda r: r.row)
    return cols


def _beiti(pg, box) -> list[dict]:
    out = []
    for rs in _columns(pg).values():
        for i, r in enumerate(rs):
            if r.kind != "head":
                continue
            follow = 0
            for nxt in rs[i + 1 :]:
                if nxt.owner != r.owner or nxt.kind != "text":
                    break
                follow += nxt.lines
            if follow < KEEP_LINES:
                out.append(
                    {"kind": "beiti", "key": r.owner, "box": box(r.x, r.y, r.w, r.h), "text": f"背题：下接{follow}行"}
                )
    return out


def _windows(pg, box, report) -> list[dict]:
    if not pg.body or not pg.regions:
        return []
    top, depth, lead = pg.body
    cols = _columns(pg)
    ncols = getattr(report, "columns", 0) or (max(cols) + 1)
    some = pg.regions[0]
    # column pitch from two columns that hold something: places an empty column's hole
    by_col = {r.column: r.x for r in pg.regions}
    pitch = None
    if len(by_col) > 1:
        (c0, x0), (c1, x1) = min(by_col.items()), max(by_col.items())
        pitch = (x1 - x0) / (c1 - c0)
    out = []
    for c in range(ncols):
        rs = cols.get(c, [])
        used = max((r.row + r.lines for r in rs), default=0)
        short = depth - used
        if short < WINDOW_LINES:
            continue
        if rs:
            x = rs[0].x
        elif pitch:
            x = some.x + (c - some.column) * pitch
        else:
            continue
        out.append(
            {
                "kind": "window",
                "column": c,
                "box": box(x, top + used * lead, some.w, short * lead),
                "lines": short,
                "text": f"开天窗 {short}行",
            }
        )
    return out
