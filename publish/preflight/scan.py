"""Read any PDF the way a print shop's preflight does: what is really in the file.

scan_pdf reads the document (version, encryption, info, output intents) and each page
(boxes, transparency group, annotations); the page's content is interpreted by
content.py; what is found, and how damage is survived, is pdfdata.py.
"""

from __future__ import annotations

from .content import Walker
from .pdfdata import FontInfo, ImageUse, PageInfo, Scan, guard

__all__ = ["FontInfo", "ImageUse", "PageInfo", "Scan", "scan_pdf"]


def _box(obj, key):
    v = obj.get(key)
    if v is None:
        return None
    try:
        a = [float(x) for x in v]
    except (TypeError, ValueError):
        return None
    return [min(a[0], a[2]), min(a[1], a[3]), max(a[0], a[2]), max(a[1], a[3])]


def _inherited(page_obj, key):
    node, seen = page_obj, 0
    while node is not None and seen < 50:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        seen += 1
    return None


def _encryption(pdf) -> str:
    if not pdf.is_encrypted:
        return ""
    try:
        enc = pdf.encryption
        return f"{getattr(enc, 'stream', '')}".replace("EncryptionMethod.", "") or "已加密"
    except Exception:  # noqa: BLE001
        return "已加密"


def _intents(scan: Scan, pdf) -> None:
    import pikepdf

    intents = pdf.Root.get("/OutputIntents")
    if intents is None:
        return
    if not isinstance(intents, pikepdf.Array):
        raise TypeError("OutputIntents 应为数组")
    for oi in intents:

        def one(oi=oi):
            prof = oi.get("/DestOutputProfile")
            scan.output_intents.append(
                {
                    "S": str(oi.get("/S", ""))[1:],
                    "OutputConditionIdentifier": str(oi.get("/OutputConditionIdentifier", "")),
                    "OutputCondition": str(oi.get("/OutputCondition", oi.get("/Info", ""))),
                    "profile_components": int(prof.get("/N", 0)) if prof is not None else None,
                }
            )

        guard(scan, oi, "输出意图", one)


def scan_pdf(path) -> Scan:
    import pikepdf

    from .. import limits

    with pikepdf.open(path) as pdf:
        scan = Scan(version=pdf.pdf_version)
        scan.encrypted = _encryption(pdf)
        size = pdf.trailer.get("/Size", 0)
        if isinstance(size, int) and int(size) > limits.PDF_OBJECTS:
            scan.over_limits.append(f"文件有 {int(size)} 个对象，超过 {limits.PDF_OBJECTS} 个的检查上限")
            return scan
        guard(
            scan,
            pdf.trailer,
            "文档信息",
            lambda: scan.info.update({str(k)[1:]: str(v) for k, v in pdf.docinfo.items()}),
        )
        guard(scan, pdf.Root, "输出意图", lambda: _intents(scan, pdf))
        pages = guard(scan, pdf.Root, "页面树", lambda: len(pdf.pages)) or 0
        if pages > limits.PDF_PAGES:
            scan.over_limits.append(
                f"文件有 {pages} 页，超过 {limits.PDF_PAGES} 页的检查上限，只检查了前 {limits.PDF_PAGES} 页"
            )
        for i in range(1, min(pages, limits.PDF_PAGES) + 1):
            page = pdf.pages[i - 1]
            guard(scan, page.obj, f"第 {i} 页", lambda page=page, i=i: _scan_page(scan, page, i))
    return scan


def _scan_page(scan: Scan, page, i: int) -> None:
    import pikepdf

    from .. import limits

    if scan.tokens > limits.PDF_OPERATORS:
        return  # already over the limit (said once): later pages are not read
    obj = page.obj
    boxes = {"MediaBox": _box({"/MediaBox": _inherited(obj, "/MediaBox")}, "/MediaBox")}
    boxes["CropBox"] = _box({"/CropBox": _inherited(obj, "/CropBox")}, "/CropBox")
    for key in ("TrimBox", "BleedBox", "ArtBox"):
        boxes[key] = _box(obj, "/" + key)
    scan.pages.append(PageInfo(i, boxes))
    if "/Group" in obj and str(obj.Group.get("/S", "")) == "/Transparency":
        scan.transparency.append((i, "页面是透明度组"))
    w = Walker(scan, i)
    w.walk(page, _inherited(obj, "/Resources"), (1, 0, 0, 1, 0, 0))
    annots = obj.get("/Annots", [])
    if not isinstance(annots, (list, pikepdf.Array)):
        raise TypeError("Annots 应为数组")
    for annot in annots:
        ap = annot.get("/AP")
        normal = ap.get("/N") if ap is not None else None
        if isinstance(normal, pikepdf.Stream):
            guard(
                scan,
                normal,
                f"第 {i} 页的批注外观",
                lambda normal=normal: w.walk(normal, normal.get("/Resources"), (1, 0, 0, 1, 0, 0), 1),
            )
