"""Measuring a fitted page on the composition: columns, feet, 背题, headline lines."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from publish.build import compose_meeting
from publish.compose.boxes import TextLine

from ..conftest import REFERENCE

TESTS = Path(__file__).resolve().parents[1]
MEETINGS = {p.name: p for p in sorted((TESTS / "meetings").iterdir()) if (p / "meeting.yaml").is_file()}
MEETINGS["reference"] = REFERENCE
LAYOUTS = ("broadsheet", "tabloid", "a4-bulletin")
# names of the test meetings and the reference: a headline or name line never breaks inside one
NAMES = [
    "王建国",
    "欧阳明远",
    "李娜",
    "陈志强",
    "司马晓峰",
    "刘芳",
    "赵德明",
    "孙丽华",
    "周文斌",
    "吴晓燕",
    "郑国栋",
    "黄海涛",
    "林小红",
    "何振宇",
    "罗静",
    "高天宇",
    "马晓东",
    "梁秀英",
    "张小梅",
    "李世红",
    "唐智勇",
    "周萍",
    "胡绍华",
    "冯威",
    "徐一村",
]

_cache: dict = {}


def composed(meeting: str, layout: str, pages: int | None = None):
    key = (meeting, layout, pages)
    if key not in _cache:
        _cache[key] = compose_meeting(MEETINGS[meeting], layout, pages=pages)
    return _cache[key]


def lines(pg, *roles):
    return [it for it in pg.items if isinstance(it, TextLine) and it.role in roles]


def column_feet(comp, pg):
    """Per column of a page's body zone: (first grid row, last grid row occupied, rows in the column)."""
    top, depth, lead = pg.body
    feet: dict[int, int] = defaultdict(lambda: -1)
    for r in pg.regions:
        feet[r.column] = max(feet[r.column], r.row + r.lines - 1)
    return feet, depth, lead


def empty_share(comp, pg, columns: int) -> float:
    """Blank grid lines at the column feet over all lines of the body zone (designed
    white between blocks is not blank: it belongs to a block)."""
    feet, depth, _ = column_feet(comp, pg)
    cols = [feet.get(c, -1) for c in range(columns)]
    blank = sum(depth - 1 - f for f in cols)
    if pg.number < len(comp.pages) and lines(pg, "continued"):
        blank -= 1  # the 下转 line at the foot of the last column
    return blank / (depth * columns)


def feet_spread(comp, pg, columns: int) -> int:
    feet, depth, _ = column_feet(comp, pg)
    cols = [feet.get(c, -1) for c in range(columns)]
    return max(cols) - min(cols)


def headline_groups(pg):
    """Each speaker group's headline lines (text of each line), from the regions."""
    out = []
    for r in pg.regions:
        if r.kind != "head":
            continue
        ls = [it for it in lines(pg, "headline") if r.x - 0.1 <= it.x <= r.x + 0.1 and r.y <= it.baseline <= r.y + r.h]
        ls.sort(key=lambda t: t.baseline)
        out.append((r.owner, ["".join(g.ch for g in t.glyphs) for t in ls], ls))
    return out
