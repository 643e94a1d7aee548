"""The meeting file's sub-mappings: publication (出版信息), byline (署名), bulletin (简报信息)."""

from __future__ import annotations

import datetime as dt
import re

from .. import limits
from ..model import PLACEHOLDER, Bulletin, Byline, Publication
from ..sourcefile import LocList, check_keys
from .fields import field_names, field_mapping, shorten, field_text

PUBLICATION_KEYS = {
    "paper": "报名",
    "date": "出版日期",
    "page_number": "版次",
    "page_name": "版名",
    "editor": "责任编辑",
    "designer": "美编",
    "proofreader": "校对",
}
BYLINE_KEYS = {"reporters": "记者", "correspondents": "通讯员", "note": "署名说明", "unit": "署名单位"}
BULLETIN_KEYS = {"name": "简报名称", "issue": "期号", "issuer": "编发单位", "distribution": "版记"}


def read_publication(v, parent, path, c) -> Publication | None:
    d = field_mapping(v, parent, "publication", path, c)
    if d is None:
        return None
    c.problems += check_keys(
        d, PUBLICATION_KEYS, {"paper", "date", "page_number", "page_name"}, path, "publication（出版信息）"
    )
    # “待填” holds a field open: only a --draft may print it, and the build names each one (FILE:LINE).
    held = tuple(
        (k, d.line_of(k))
        for k in ("paper", "date", "page_number", "page_name")
        if isinstance(v := d.get(k), str) and v.strip() == PLACEHOLDER
    )
    date = _date(d, path, c)
    page = _page_number(d, path, c)
    texts = {k: field_text(d, k, path, c) for k in ("paper", "page_name", "editor", "designer", "proofreader")}
    return Publication(date=date or dt.date(1970, 1, 1), page_number=page or 1, placeholders=held, **texts)


def _date(d, path, c) -> dt.date | None:
    """出版日期: a calendar date within limits.YEAR_RANGE (a year outside it is a typo)."""
    date = d.get("date")
    if isinstance(date, str) and date.strip() == PLACEHOLDER:
        date = None
    elif isinstance(date, str):
        written = date.strip()
        try:
            date = dt.date.fromisoformat(written)
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", written):
                c.add(path, d.line_of("date"), f"出版日期“{date}”不是日历上的日期（月或日超出范围）。请改正。")
            else:
                c.add(path, d.line_of("date"), f"出版日期“{date}”无法识别。请写成 2026-02-05 这样的格式。")
            date = None
    elif date is not None and not isinstance(date, dt.date):
        c.add(path, d.line_of("date"), "出版日期应写成 2026-02-05 这样的格式。")
        date = None
    lo, hi = limits.YEAR_RANGE
    if date is not None and not lo <= date.year <= hi:
        c.add(
            path,
            d.line_of("date"),
            f"出版日期“{date.isoformat()}”的年份 {date.year} 不在 {lo}–{hi} 之间，多半是笔误。请改正。",
        )
        date = None
    return date


def _page_number(d, path, c) -> int | None:
    """版次: a positive whole number up to limits.PAGE_NUMBER_MAX (digits in quotes count)."""
    page = d.get("page_number")
    if page == PLACEHOLDER:
        page = None
    if page is not None and (isinstance(page, bool) or not isinstance(page, int) or page < 1):
        if isinstance(page, str) and page.strip().isdigit() and len(page.strip()) <= 6:
            page = int(page)
        else:
            c.add(path, d.line_of("page_number"), f"版次应为正整数（例如 3），现在是“{shorten(page)}”。")
            page = None
    if page is not None and page > limits.PAGE_NUMBER_MAX:
        c.add(
            path,
            d.line_of("page_number"),
            f"版次 {shorten(page)} 太大（最多 {limits.PAGE_NUMBER_MAX}），多半是笔误。请改正。",
        )
        page = None
    return page


def read_byline(v, parent, path, c) -> Byline:
    d = field_mapping(v, parent, "byline", path, c)
    if d is None:
        return Byline()
    c.problems += check_keys(d, BYLINE_KEYS, set(), path, "byline（署名）")
    return Byline(
        reporters=field_names(d, "reporters", path, c),
        correspondents=field_names(d, "correspondents", path, c),
        note=field_text(d, "note", path, c),
        unit=field_text(d, "unit", path, c),
    )


def read_bulletin(v, parent, path, c) -> Bulletin:
    d = field_mapping(v, parent, "bulletin", path, c)
    if d is None:
        return Bulletin()
    c.problems += check_keys(d, BULLETIN_KEYS, set(), path, "bulletin（简报信息）")
    dist = []
    raw = d.get("distribution") or []
    if not isinstance(raw, list):
        c.add(path, d.line_of("distribution"), "版记应为列表，每行如“- 报: 区委办公室”。")
        raw = []
    for i, item in enumerate(raw):
        if isinstance(item, dict) and len(item) == 1:
            ((k, val),) = item.items()
            dist.append((str(k), str(val)))
        else:
            c.add(
                path,
                raw.lines[i] if isinstance(raw, LocList) else d.line_of("distribution"),
                "版记的每一项应写成“- 报: 单位”或“- 送: 单位”或“- 发: 单位”。",
            )
    return Bulletin(
        name=field_text(d, "name", path, c),
        issue=str(d.get("issue") or "").strip(),
        issuer=field_text(d, "issuer", path, c),
        distribution=tuple(dist),
    )
