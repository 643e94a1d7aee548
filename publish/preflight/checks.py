"""The checks of a scanned PDF: page boxes and bleed, fonts, colour spaces, black text,
image resolution, transparency, PDF/X keys, file structure. Each returns one Check; a
check that meets damage it did not expect fails (safely), it never stops the others."""

from __future__ import annotations

from ..units import pt_to_mm
from .report import ERROR, OK, WARN, Check
from .scan import Scan

CONTEXT = {"text": "文字", "vector": "线条色块", "image": "图片"}
MIN_BLEED_MM = 3.0


def page_list(pages) -> str:
    """1、2、3、5 → 1–3、5: a long document's page list stays one readable line."""
    ps = sorted(set(pages))
    runs, start = [], None
    for i, p in enumerate(ps):
        start = p if start is None else start
        if i + 1 == len(ps) or ps[i + 1] != p + 1:
            runs.append(f"{start}–{p}" if p - start > 1 else f"{start}、{p}" if p > start else str(p))
            start = None
    return "、".join(runs)


def _size(b) -> str:
    return f"{pt_to_mm(b[2] - b[0]):.1f}×{pt_to_mm(b[3] - b[1]):.1f} 毫米"


def _inside(inner, outer, tol=0.01) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


def check_boxes(s: Scan) -> Check:
    det, status = [], OK
    trims = set()
    bleeds = set()
    no_trim = []
    for p in s.pages:
        b = p.boxes
        media, trim, bleed = b["MediaBox"], b["TrimBox"], b["BleedBox"]
        if media is None:
            det.append(f"第 {p.number} 页：没有 MediaBox")
            status = ERROR
            continue
        if trim is None:
            no_trim.append(p.number)
            status = ERROR
            continue
        trims.add(_size(trim))
        if not _inside(trim, media):
            det.append(f"第 {p.number} 页：TrimBox 超出 MediaBox")
            status = ERROR
        if bleed is None:
            det.append(f"第 {p.number} 页：没有 BleedBox（出血框）")
            status = max(status, WARN, key=_rank)
            continue
        sides = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
        least = pt_to_mm(min(sides))
        bleeds.add(round(least, 1))
        if not _inside(trim, bleed) or not _inside(bleed, media):
            det.append(f"第 {p.number} 页：页面框次序不对（应为 TrimBox ⊂ BleedBox ⊂ MediaBox）")
            status = ERROR
        elif least < MIN_BLEED_MM - 0.05:
            det.append(f"第 {p.number} 页：出血只有 {least:.1f} 毫米，应至少 {MIN_BLEED_MM:g} 毫米")
            status = max(status, WARN, key=_rank)
    if no_trim:
        det.insert(0, f"第 {page_list(no_trim)} 页：没有 TrimBox（成品尺寸），印厂无法确定裁切位置")
    if len(trims) > 1:
        det.append("各页成品尺寸不一致：" + "、".join(sorted(trims)))
        status = max(status, WARN, key=_rank)
    if status == ERROR or not s.pages:
        summary = ("没有 TrimBox（成品尺寸）" if no_trim else "页面框有错误") if s.pages else "文件没有页面"
        status = ERROR
    else:
        first = s.pages[0].boxes
        summary = f"成品 {_size(first['TrimBox'])}（TrimBox）"
        if first["BleedBox"]:
            summary += f"，出血每边 {min(bleeds):.1f} 毫米（BleedBox）"
        summary += f"，媒体 {_size(first['MediaBox'])}（MediaBox）"
        if status == WARN:
            summary += "；有提醒"
    return Check("boxes", "页面框", status, summary, det)


def _rank(s: str) -> int:
    return {OK: 0, WARN: 1, ERROR: 2}[s]


def check_fonts(s: Scan) -> Check:
    fonts = sorted(s.fonts.values(), key=lambda f: f.name)
    missing = [f for f in fonts if not f.embedded]
    whole = [f for f in fonts if f.embedded and not f.subset]
    det = [f"未嵌入：{f.name}（{f.subtype}，第 {page_list(f.pages)} 页）" for f in missing]
    det += [f"整套嵌入（未子集化）：{f.name}" for f in whole]
    if missing:
        return Check(
            "fonts",
            "字体",
            ERROR,
            f"{len(missing)} 种字体未嵌入（{'、'.join(f.name for f in missing)}），印厂没有这些字体时会被替换",
            det,
        )
    subst = s.info.get("FontSubstitution", "")
    if subst:
        det.insert(0, f"字体替代（版式 fallback 允许的）：{subst}；请确认印厂和编辑都接受这个替代字体")
        return Check("fonts", "字体", WARN, f"{len(fonts)} 种字体都已嵌入，但有字体被替代：{subst}", det)
    if whole:
        return Check("fonts", "字体", WARN, f"{len(fonts)} 种字体都已嵌入，其中 {len(whole)} 种未子集化", det)
    if not fonts:
        return Check("fonts", "字体", OK, "没有用到字体")
    return Check("fonts", "字体", OK, f"{len(fonts)} 种字体，全部嵌入并子集化", [f.name for f in fonts])


def colour_level(space: str) -> str:
    base = space.split("/", 1)[1] if space.startswith(("Indexed/", "Pattern/")) else space
    if base in ("DeviceCMYK", "DeviceGray", "（蒙版）"):
        return OK
    if "RGB" in base or base in ("ICCBased/3", "Lab", "JPX"):
        return ERROR
    return WARN


def check_colours(s: Scan) -> Check:
    det, status = [], OK
    by_space: dict[str, list[str]] = {}
    for (space, ctx), rec in sorted(s.colour_uses.items()):
        by_space.setdefault(space, []).append(CONTEXT.get(ctx, ctx))
        lvl = colour_level(space)
        if "Separation/" in space or "DeviceN" in space:
            continue  # spot colours: check_spot
        if lvl != OK:
            pages = page_list(rec["pages"])
            why = "印刷不能用 RGB 等屏幕颜色" if lvl == ERROR else "不是 DeviceCMYK/DeviceGray，请确认"
            det.append(f"{CONTEXT.get(ctx, ctx)}用了 {space}（{rec['count']} 处，第 {pages} 页）：{why}")
            status = max(status, lvl, key=_rank)
    used = "；".join(f"{sp}（{'、'.join(ctx)}）" for sp, ctx in by_space.items()) or "没有着色内容"
    if status == ERROR:
        bad = sorted({sp for (sp, _) in s.colour_uses if colour_level(sp) == ERROR})
        return Check("colour", "颜色空间", ERROR, f"用了非印刷颜色 {'、'.join(bad)}；全部：{used}", det)
    return Check("colour", "颜色空间", status, used, det)


def check_black_text(s: Scan) -> Check:
    pure = rich = 0
    det = []
    for (space, v), n in sorted(s.text_colours.items()):
        if space == "DeviceCMYK" and len(v) == 4:
            c, m, y, k = v
            if k >= 0.9 and (c or m or y):
                rich += n
                det.append(
                    f"四色黑文字 C{c * 100:g} M{m * 100:g} Y{y * 100:g} K{k * 100:g}：{n} 处（套印不准时字会发虚）"
                )
            elif (c, m, y, k) == (0, 0, 0, 1):
                pure += n
        elif space == "DeviceGray" and v == (0,):
            pure += n
        elif space == "DeviceRGB" and v and max(v) <= 0.1:
            rich += n
            det.append(f"RGB 黑文字 {v}：{n} 处（分色后会变成四色黑）")
    if rich:
        return Check("black_text", "黑色文字", ERROR, f"{rich} 处黑色文字不是单黑 K100（四色黑）", det)
    if not pure:
        return Check("black_text", "黑色文字", OK, "没有黑色文字")
    return Check("black_text", "黑色文字", OK, f"全部为单黑 K100（{pure} 段文字）")


def check_images(s: Scan, min_ppi: float, warn_ppi: float) -> Check:
    imgs = [i for i in s.images if not i.is_mask]
    if not imgs:
        return Check("images", "图片分辨率", OK, "没有图片")
    det, status = [], OK
    for i in imgs:
        if i.bits == 1:  # line art: judged by other rules, not by photo ppi
            continue
        size = f"{pt_to_mm(i.width_pt):.0f}×{pt_to_mm(i.height_pt):.0f} 毫米"
        if i.ppi < min_ppi:
            status = ERROR
            det.append(
                f"第 {i.page} 页图片 {i.name}：{i.width_px}×{i.height_px} 像素印成 {size}，"
                f"有效分辨率 {i.ppi:.0f} ppi，低于最低 {min_ppi:g} ppi"
            )
        elif i.ppi < warn_ppi:
            status = max(status, WARN, key=_rank)
            det.append(f"第 {i.page} 页图片 {i.name}：有效分辨率 {i.ppi:.0f} ppi，低于建议的 {warn_ppi:g} ppi")
    low = min(i.ppi for i in imgs)
    summary = f"{len(imgs)} 处图片，最低有效分辨率 {low:.0f} ppi"
    if status == ERROR:
        summary += f"（低于 {min_ppi:g} ppi，印出来会模糊）"
    return Check("images", "图片分辨率", status, summary, det)


def check_transparency(s: Scan) -> Check:
    if not s.transparency:
        return Check("transparency", "透明", OK, "没有透明效果")
    det = [f"第 {p} 页：{w}" for p, w in s.transparency]
    return Check("transparency", "透明", ERROR, f"{len(det)} 处透明效果（PDF/X-1a 不允许，需先拼合）", det)


def check_pdfx(s: Scan) -> Check:
    det, status = [], OK
    intents = [o for o in s.output_intents if o["S"] == "GTS_PDFX"]
    version = s.info.get("GTS_PDFXConformance") or s.info.get("GTS_PDFXVersion")
    if not intents:
        det.append("没有 PDF/X 输出意图（OutputIntents / GTS_PDFX）")
        status = ERROR
    else:
        oi = intents[0]
        if oi["profile_components"] is None:
            if oi["OutputConditionIdentifier"] in ("", "Custom"):
                det.append("输出意图没有附带 ICC 特性文件（自定义条件必须附带）")
                status = ERROR
            else:
                det.append(f"输出意图只写了注册条件 {oi['OutputConditionIdentifier']}，没有附带特性文件")
                status = max(status, WARN, key=_rank)
        elif oi["profile_components"] != 4:
            det.append(f"输出意图特性文件不是 CMYK（{oi['profile_components']} 个通道）")
            status = ERROR
    if not s.info.get("GTS_PDFXVersion"):
        det.append("文档信息里没有 GTS_PDFXVersion")
        status = ERROR
    trapped = s.info.get("Trapped", "")
    if trapped.lstrip("/") not in ("True", "False"):
        det.append(f"Trapped 应为 True 或 False，现在是“{trapped or '未设置'}”")
        status = ERROR
    if not s.info.get("Title"):
        det.append("文档信息里没有标题（Title）")
        status = max(status, WARN, key=_rank)
    if version == "PDF/X-1a:2001" and s.version > "1.3":
        det.append(f"PDF/X-1a:2001 要求 PDF 1.3，文件是 PDF {s.version}")
        status = max(status, WARN, key=_rank)
    if status == ERROR:
        return Check("pdfx", "PDF/X", ERROR, "不是合格的 PDF/X 文件", det)
    oi = intents[0]
    summary = (
        f"{version}，输出意图 {oi['OutputCondition'] or oi['OutputConditionIdentifier']}"
        f"（{oi['OutputConditionIdentifier']}），Trapped={trapped.lstrip('/')}"
    )
    return Check("pdfx", "PDF/X", status, summary, det)


def damage_note(e: Exception) -> str:
    msg = (str(e).strip().splitlines() or [""])[0][:160]
    return f"无法读取文件中的数据（{type(e).__name__}{'：' + msg if msg else ''}）"


def safely(check, *args) -> Check:
    """One check; a file damaged in a way the scan let through fails this check, not the run."""
    try:
        return check(*args)
    except Exception as e:  # noqa: BLE001
        cid = check.__name__.removeprefix("check_")
        return Check(cid, cid, ERROR, "无法完成这项检查", [damage_note(e)])


def check_structure(s: Scan) -> Check:
    """Encryption (PDF/X forbids it) and what could not be read or was too big to check:
    a preflight that could not look is not a pass."""
    det = list(s.unreadable[:20]) + (["……"] if len(s.unreadable) > 20 else []) + s.over_limits
    if s.encrypted:
        det.insert(0, f"文件已加密（{s.encrypted}）：PDF/X 不允许加密，印厂的 RIP 可能拒收")
    if not det:
        return Check("structure", "文件结构", OK, "可以完整读取，未加密")
    summary = ("文件已加密" if s.encrypted else "") or (
        f"{len(s.unreadable)} 个对象无法读取" if s.unreadable else "超出检查上限，未能完整检查"
    )
    return Check("structure", "文件结构", ERROR, summary, det)
