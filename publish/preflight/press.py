"""Checks a press operator makes on separated ink: total area coverage, bleed at the
trim, spot colours, and where four-colour black text sits. Every message says which
object, which page, where (millimetres from the trim's top-left corner) and what to do."""

from __future__ import annotations

from pathlib import Path

from ..units import MM
from .scan import Scan

OK, WARN, ERROR = "ok", "warn", "error"
REGISTRATION = {"Separation/All", "Separation/None"}  # marks; "None" paints nothing


def ink_checks(pdf: Path, s: Scan, limit: float, check_cls) -> list:
    """[coverage, bleed] Checks from the rendered separations."""
    from .ink import InkUnavailable, measure

    if not s.pages:
        return []
    try:
        pages = measure(pdf, s.pages, limit)
    except InkUnavailable as e:
        msg = f"{e}。请装好 Ghostscript 后再检查"
        return [
            check_cls("ink", "总墨量", ERROR, "无法测量", [msg]),
            check_cls("bleed", "出血", ERROR, "无法测量", [msg]),
        ]
    return [_coverage(pages, s, limit, check_cls), _bleed(pages, s, check_cls)]


def _what_is_at(s: Scan, page: int, at_mm, trim) -> str:
    """The image under a point, if there is one; else the colour fill or text there."""
    if trim:
        x = trim[0] + at_mm[0] * MM
        y = trim[3] - at_mm[1] * MM
        for im in s.images:
            b = getattr(im, "bbox", None)
            if im.page == page and b and b[0] <= x <= b[2] and b[1] <= y <= b[3]:
                return f"图片 {im.name}（{im.colorspace}）"
    return "色块或文字"


def _coverage(pages, s: Scan, limit: float, check_cls):
    det, worst = [], max(pages, key=lambda p: p.max_tac)
    for p in pages:
        if p.max_tac <= limit + 0.5:
            continue
        trim = s.pages[p.number - 1].boxes.get("TrimBox")
        what = _what_is_at(s, p.number, p.at_mm, trim)
        c, m, y, k = p.cmyk
        todo = (
            "请用印厂的特性文件（或本工具）把图片重新分色，加大黑版替代（GCR）"
            if what.startswith("图片")
            else "请改用较浅的颜色或单黑（总墨量 = C+M+Y+K）"
        )
        det.append(
            f"第 {p.number} 页 {what}：距成品左边 {p.at_mm[0]:.0f} 毫米、上边 {p.at_mm[1]:.0f} 毫米处 "
            f"总墨量 {p.max_tac:.0f}%（C{c} M{m} Y{y} K{k}），超过上限 {limit:g}%，"
            f"超限面积约 {p.over_mm2:.0f} 平方毫米。{todo}"
        )
    summary = f"最大 {worst.max_tac:.0f}%（第 {worst.number} 页，每 1 平方毫米平均），上限 {limit:g}%"
    if det:
        return check_cls("ink", "总墨量", ERROR, summary + "：超限，新闻纸上会蹭脏、干不了", det)
    return check_cls("ink", "总墨量", OK, summary)


def _bleed(pages, s: Scan, check_cls):
    det = []
    for p in pages:
        for edge, a, b in p.no_bleed:
            det.append(
                f"第 {p.number} 页{edge}：从 {a:.0f} 到 {b:.0f} 毫米处有内容碰到裁切线，却没有延伸到出血区，"
                "裁切稍有偏差就会露白边。请把这个色块或图片向外延伸 3 毫米出血，或离开裁切线至少 3 毫米"
            )
    if det:
        return check_cls("bleed", "出血", ERROR, f"{len(det)} 处内容到裁切线但没有出血", det)
    return check_cls("bleed", "出血", OK, "没有内容停在裁切线上（到边的内容都已出血）")


def check_spot(s: Scan, allowed: bool, check_cls):
    """Separation / DeviceN other than registration: a second ink the press may not have."""
    det, names = [], set()
    for (space, ctx), rec in sorted(s.colour_uses.items()):
        base = space.split("/", 1)[1] if space.startswith("Indexed/") else space
        if not base.startswith(("Separation/", "DeviceN")) or base in REGISTRATION:
            continue
        names.add(base)
        what = {"text": "文字", "vector": "线条色块", "image": "图片"}.get(ctx, ctx)
        pages = "、".join(str(n) for n in sorted(rec["pages"]))
        det.append(
            f"第 {pages} 页的{what}用了专色 {base}（{rec['count']} 处）："
            + (
                "版式允许专色，请确认印厂有这个色的印版"
                if allowed
                else "报纸只印 C、M、Y、K 四色，请改成 CMYK 颜色（或在版式 print: spot_colours: true 允许专色）"
            )
        )
    if not names:
        return check_cls("spot", "专色", OK, "没有专色（只用 CMYK）")
    return check_cls("spot", "专色", WARN if allowed else ERROR, f"用了专色 {'、'.join(sorted(names))}", det)


def rich_black_places(pdf: Path, limit: int = 12) -> list[str]:
    """Where text is set in four-colour black: page, position and the text itself.
    Read only when the scan found some (it walks the pages' text again)."""
    import pikepdf

    out: list[str] = []
    with pikepdf.open(pdf) as doc:
        for n, page in enumerate(doc.pages, 1):
            box = page.obj.get("/TrimBox") or page.obj.get("/MediaBox")
            if box is None:
                continue
            left, top = float(box[0]), float(box[3])
            try:
                ops = pikepdf.parse_content_stream(page)
            except pikepdf.PdfError:
                continue
            fill: tuple[float, ...] = ()
            tm, stack = (0.0, 0.0), []
            for ins in ops:
                if isinstance(ins, pikepdf.ContentStreamInlineImage):
                    continue
                op, args = str(ins.operator), ins.operands
                if op == "q":
                    stack.append(fill)
                elif op == "Q" and stack:
                    fill = stack.pop()
                elif op == "k":
                    fill = tuple(float(x) for x in args)
                elif op in ("Tm",) and len(args) == 6:
                    tm = (float(args[4]), float(args[5]))
                elif op in ("Td", "TD") and len(args) == 2:
                    tm = (tm[0] + float(args[0]), tm[1] + float(args[1]))
                elif op in ("Tj", "TJ") and len(fill) == 4 and fill[3] >= 0.9 and any(fill[:3]):
                    c, m, y, k = (round(v * 100) for v in fill)
                    out.append(
                        f"第 {n} 页距成品左边 {(tm[0] - left) / MM:.0f} 毫米、上边 {(top - tm[1]) / MM:.0f} 毫米处的文字"
                        f"是四色黑 C{c} M{m} Y{y} K{k}：请改成单黑 K100（C0 M0 Y0），否则套印稍差字就发虚"
                    )
                    if len(out) >= limit:
                        return out
    return out
