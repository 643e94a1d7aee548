"""Read any PDF the way a print shop's preflight does: what is really in the file.

Content streams are interpreted just far enough to know, at each painting
operator, the current colour and the CTM — so colours are judged where they are
used (text, lines, images) and an image's resolution where it is placed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
FILL_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE_PAINT = {"S", "s", "B", "B*", "b", "b*"}
MAX_FORM_DEPTH = 12


@dataclass
class FontInfo:
    name: str
    subtype: str
    embedded: bool
    subset: bool
    pages: list[int] = field(default_factory=list)


@dataclass
class ImageUse:
    page: int
    name: str
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float
    colorspace: str
    bits: int
    is_mask: bool
    smask: bool
    bbox: tuple = ()  # where it sits on the page (pt): x0, y0, x1, y1

    @property
    def ppi(self) -> float:
        if self.width_pt <= 0 or self.height_pt <= 0:
            return math.inf
        return min(self.width_px / (self.width_pt / 72), self.height_px / (self.height_pt / 72))


@dataclass
class PageInfo:
    number: int
    boxes: dict[str, list[float] | None]  # MediaBox, CropBox, TrimBox, BleedBox, ArtBox in pt


@dataclass
class Scan:
    version: str
    pages: list[PageInfo] = field(default_factory=list)
    fonts: dict = field(default_factory=dict)  # objgen -> FontInfo
    colour_uses: dict = field(default_factory=dict)  # (space, context) -> {count, pages}
    text_colours: dict = field(default_factory=dict)  # (space, values) -> count
    images: list[ImageUse] = field(default_factory=list)
    transparency: list[tuple[int, str]] = field(default_factory=list)  # (page, what)
    info: dict = field(default_factory=dict)
    output_intents: list[dict] = field(default_factory=list)
    encrypted: str = ""  # how, when the file is encrypted
    unreadable: list[str] = field(default_factory=list)  # "无法读取对象 12：…"
    over_limits: list[str] = field(default_factory=list)  # what was too big to check
    tokens: int = 0  # content-stream tokens read so far


class _OverLimit(Exception):
    pass


# Characters that end a content-stream token: their count bounds the number of
# operators before the stream is parsed (parsing 1 million operators costs ~0.6 GB).
_TOKEN_ENDS = tuple(bytes([c]) for c in b" \n\r\t\f\0()<>[]{}/%")


def _token_estimate(data: bytes) -> int:
    return sum(data.count(c) for c in _TOKEN_ENDS) + 1


def _stream_bytes(stream) -> bytes:
    """The decoded stream, refusing a decompression bomb: Flate is inflated with a cap."""
    import zlib

    import pikepdf
    from .. import limits

    filt = stream.get("/Filter")
    if filt is None or (isinstance(filt, pikepdf.Array) and len(filt) == 0):
        data = stream.read_raw_bytes()
    elif str(filt) in ("/FlateDecode", "[ /FlateDecode ]") and "/DecodeParms" not in stream:
        d = zlib.decompressobj()
        try:
            data = d.decompress(stream.read_raw_bytes(), limits.PDF_STREAM_BYTES + 1)
        except zlib.error as e:
            raise pikepdf.PdfError(f"内容流无法解压（{e}）") from None
    else:
        data = stream.read_bytes()
    if len(data) > limits.PDF_STREAM_BYTES:
        raise _OverLimit(f"内容流解压后超过 {limits.PDF_STREAM_BYTES // limits.MB} MB")
    return data


def _objname(obj) -> str:
    try:
        if obj is not None and obj.is_indirect:
            return f"{obj.objgen[0]}"
    except Exception:  # noqa: BLE001 - naming the object must not fail in turn
        pass
    return "（直接对象）"


def _guard(scan: "Scan", obj, what: str, fn):
    """Run fn; a malformed object is recorded as “无法读取对象 N：…”, never a crash."""
    try:
        return fn()
    except _OverLimit as e:
        scan.over_limits.append(f"{what}：{e}")
    except RecursionError:
        scan.unreadable.append(f"无法读取对象 {_objname(obj)}（{what}）：嵌套太深")
    except Exception as e:  # noqa: BLE001 - any shape of damage is reported, not raised
        msg = str(e).strip().splitlines()[0][:120] if str(e).strip() else type(e).__name__
        scan.unreadable.append(f"无法读取对象 {_objname(obj)}（{what}）：{msg}")
    return None


def _num(x) -> float:
    return float(x)


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


def colour_space_name(cs, resources) -> str:
    """A colour space as a short family name: DeviceCMYK, ICCBased/3, Separation/红 …"""
    import pikepdf

    if isinstance(cs, pikepdf.Name):
        n = str(cs)
        if n in ("/DeviceCMYK", "/DeviceRGB", "/DeviceGray", "/Pattern"):
            return n[1:]
        if n in ("/CMYK", "/RGB", "/G"):  # inline-image abbreviations
            return {"/CMYK": "DeviceCMYK", "/RGB": "DeviceRGB", "/G": "DeviceGray"}[n]
        named = None
        try:
            named = resources.get("/ColorSpace", {}).get(n) if resources is not None else None
        except (AttributeError, TypeError):
            named = None
        if named is None:
            return n[1:]
        return colour_space_name(named, None)
    if isinstance(cs, pikepdf.Array) and len(cs):
        fam = str(cs[0])[1:]
        if fam == "ICCBased":
            try:
                return f"ICCBased/{int(cs[1].get('/N', 0))}"
            except (AttributeError, TypeError, ValueError):
                return "ICCBased"
        if fam in ("Indexed", "I"):
            return f"Indexed/{colour_space_name(cs[1], resources)}"
        if fam == "Separation":
            return f"Separation/{str(cs[1])[1:]}"
        if fam == "Pattern" and len(cs) > 1:
            return f"Pattern/{colour_space_name(cs[1], resources)}"
        return fam
    return "Unknown"


def _mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _Walker:
    def __init__(self, scan: Scan, page_no: int):
        self.scan = scan
        self.page = page_no
        self.seen_forms: set = set()

    def use(self, space: str, context: str):
        key = (space, context)
        rec = self.scan.colour_uses.setdefault(key, {"count": 0, "pages": []})
        rec["count"] += 1
        if self.page not in rec["pages"]:
            rec["pages"].append(self.page)

    def walk(self, stream_owner, resources, ctm, depth=0):
        import pikepdf

        from .. import limits

        if depth > MAX_FORM_DEPTH:
            self.scan.over_limits.append(f"第 {self.page} 页：表单嵌套超过 {MAX_FORM_DEPTH} 层")
            return
        _guard(self.scan, resources, "字体资源", lambda: self.fonts(resources))
        _guard(self.scan, resources, "图形状态", lambda: self.extgstates(resources))
        # Bound the work before parsing: a 100 KB file can hold millions of operators.
        obj = getattr(stream_owner, "obj", stream_owner)
        contents = obj.get("/Contents") if isinstance(stream_owner, pikepdf.Page) else obj
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        for st in streams:
            if not isinstance(st, pikepdf.Stream):
                raise pikepdf.PdfError("内容不是流对象")
            self.scan.tokens += _token_estimate(_stream_bytes(st))
        if self.scan.tokens > limits.PDF_OPERATORS:
            raise _OverLimit(f"内容流的操作总数超过 {limits.PDF_OPERATORS} 个（检查的上限）")
        instructions = pikepdf.parse_content_stream(stream_owner)
        gs = {"ctm": ctm, "fcs": "DeviceGray", "scs": "DeviceGray", "fill": (0.0,)}
        stack = []
        for ins in instructions:
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                self.inline_image(ins, resources, gs["ctm"])
                continue
            op = str(ins.operator)
            ops = ins.operands
            if op == "q":
                stack.append(dict(gs))
            elif op == "Q":
                if stack:
                    gs = stack.pop()
            elif op == "cm" and len(ops) == 6:
                gs["ctm"] = _mul(tuple(_num(x) for x in ops), gs["ctm"])
            elif op in ("rg", "k", "g"):
                gs["fcs"] = {"rg": "DeviceRGB", "k": "DeviceCMYK", "g": "DeviceGray"}[op]
                gs["fill"] = tuple(round(_num(x), 4) for x in ops)
            elif op in ("RG", "K", "G"):
                gs["scs"] = {"RG": "DeviceRGB", "K": "DeviceCMYK", "G": "DeviceGray"}[op]
            elif op == "cs" and ops:
                gs["fcs"] = colour_space_name(ops[0], resources)
                gs["fill"] = ()
            elif op == "CS" and ops:
                gs["scs"] = colour_space_name(ops[0], resources)
            elif op in ("sc", "scn"):
                gs["fill"] = tuple(round(_num(x), 4) for x in ops if not isinstance(x, pikepdf.Name))
            elif op in TEXT_SHOW:
                self.use(gs["fcs"], "text")
                key = (gs["fcs"], gs["fill"])
                self.scan.text_colours[key] = self.scan.text_colours.get(key, 0) + 1
            elif op == "sh" and ops:
                try:
                    sh = resources.Shading[ops[0]]
                    self.use(colour_space_name(sh.ColorSpace, resources), "vector")
                except (AttributeError, KeyError, TypeError):
                    pass
            elif op == "Do" and ops:
                _guard(
                    self.scan,
                    None,
                    f"第 {self.page} 页的 XObject {ops[0]}",
                    lambda name=ops[0], ctm=gs["ctm"]: self.do(name, resources, ctm, depth),
                )
            if op in FILL_PAINT:
                self.use(gs["fcs"], "vector")
            if op in STROKE_PAINT:
                self.use(gs["scs"], "vector")

    def fonts(self, resources):
        if resources is None or "/Font" not in resources:
            return
        for fname, font in resources.Font.items():
            key = font.objgen if font.is_indirect else id(font)
            info = self.scan.fonts.get(key)
            if info is None:
                info = _guard(self.scan, font, f"字体 {fname}", lambda font=font: _font_info(font))
                if info is None:
                    continue
                self.scan.fonts[key] = info
            if self.page not in info.pages:
                info.pages.append(self.page)

    def extgstates(self, resources):
        if resources is None or "/ExtGState" not in resources:
            return
        for name, gs in resources.ExtGState.items():
            for key in ("/CA", "/ca"):
                if key in gs and _num(gs[key]) < 1:
                    self._transparent(f"图形状态 {name} 的 {key[1:]} = {_num(gs[key]):g}")
            if "/SMask" in gs and str(gs.SMask) != "/None":
                self._transparent(f"图形状态 {name} 带软蒙版 SMask")
            if "/BM" in gs and str(gs.BM) not in ("/Normal", "/Compatible", "[ /Normal ]", "[ /Compatible ]"):
                self._transparent(f"图形状态 {name} 的混合模式 {gs.BM}")

    def _transparent(self, what):
        item = (self.page, what)
        if item not in self.scan.transparency:
            self.scan.transparency.append(item)

    def do(self, name, resources, ctm, depth):
        import pikepdf

        try:
            xo = resources.XObject[name]
        except (AttributeError, KeyError, TypeError):
            raise ValueError(f"资源里没有 XObject {name}") from None
        if not isinstance(xo, pikepdf.Stream):
            raise TypeError(f"XObject {name} 不是流对象")
        sub = str(xo.get("/Subtype", ""))
        if sub == "/Image":
            self.image(str(name)[1:], xo, resources, ctm)
        elif sub == "/Form":
            key = xo.objgen
            if (key, ctm) in self.seen_forms:
                return
            self.seen_forms.add((key, ctm))
            if "/Group" in xo and str(xo.Group.get("/S", "")) == "/Transparency":
                self._transparent(f"表单 {name} 是透明度组")
            m = tuple(_num(x) for x in xo.get("/Matrix", [1, 0, 0, 1, 0, 0]))
            self.walk(xo, xo.get("/Resources", resources), _mul(m, ctm), depth + 1)

    def image(self, name, xo, resources, ctm):
        is_mask = bool(xo.get("/ImageMask", False))
        cs = (
            "（蒙版）"
            if is_mask
            else colour_space_name(xo.get("/ColorSpace"), resources)
            if "/ColorSpace" in xo
            else "JPX"
        )
        smask = "/SMask" in xo
        use = ImageUse(
            self.page,
            name,
            int(xo.get("/Width", 0)),
            int(xo.get("/Height", 0)),
            math.hypot(ctm[0], ctm[1]),
            math.hypot(ctm[2], ctm[3]),
            cs,
            int(xo.get("/BitsPerComponent", 1 if is_mask else 8)),
            is_mask,
            smask,
            _unit_bbox(ctm),
        )
        self.scan.images.append(use)
        if not is_mask:
            self.use(cs, "image")
        if smask:
            self._transparent(f"图片 {name} 带透明通道（SMask）")

    def inline_image(self, ins, resources, ctm):
        try:
            ii = ins.iimage
            obj = ii.obj
            w, h = int(obj.get("/W", obj.get("/Width", 0))), int(obj.get("/H", obj.get("/Height", 0)))
            mask = bool(obj.get("/IM", obj.get("/ImageMask", False)))
            csobj = obj.get("/CS", obj.get("/ColorSpace"))
            cs = "（蒙版）" if mask else colour_space_name(csobj, resources) if csobj is not None else "Unknown"
            bits = int(obj.get("/BPC", obj.get("/BitsPerComponent", 1 if mask else 8)))
        except Exception:  # an odd inline image should not stop the whole check
            return
        self.scan.images.append(
            ImageUse(
                self.page,
                "（内嵌图片）",
                w,
                h,
                math.hypot(ctm[0], ctm[1]),
                math.hypot(ctm[2], ctm[3]),
                cs,
                bits,
                mask,
                False,
            )
        )
        if not mask:
            self.use(cs, "image")


def _unit_bbox(ctm) -> tuple:
    """The unit square an image fills, through the CTM, as a page rectangle."""
    a, b, c, d, e, f = ctm
    xs = [e, a + e, c + e, a + c + e]
    ys = [f, b + f, d + f, b + d + f]
    return (min(xs), min(ys), max(xs), max(ys))


def _font_info(font) -> FontInfo:
    name = str(font.get("/BaseFont", "/（无名）"))[1:]
    subtype = str(font.get("/Subtype", "/?"))[1:]
    if subtype == "Type3":
        return FontInfo(name or "Type3", subtype, True, True)
    desc = font
    if subtype == "Type0" and "/DescendantFonts" in font:
        desc = font.DescendantFonts[0]
    fd = desc.get("/FontDescriptor")
    embedded = fd is not None and any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return FontInfo(name, subtype, embedded, bool(SUBSET_TAG.match(name)))


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

        _guard(scan, oi, "输出意图", one)


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
        _guard(
            scan,
            pdf.trailer,
            "文档信息",
            lambda: scan.info.update({str(k)[1:]: str(v) for k, v in pdf.docinfo.items()}),
        )
        _guard(scan, pdf.Root, "输出意图", lambda: _intents(scan, pdf))
        pages = _guard(scan, pdf.Root, "页面树", lambda: len(pdf.pages)) or 0
        if pages > limits.PDF_PAGES:
            scan.over_limits.append(
                f"文件有 {pages} 页，超过 {limits.PDF_PAGES} 页的检查上限，只检查了前 {limits.PDF_PAGES} 页"
            )
        for i in range(1, min(pages, limits.PDF_PAGES) + 1):
            page = pdf.pages[i - 1]
            _guard(scan, page.obj, f"第 {i} 页", lambda page=page, i=i: _scan_page(scan, page, i))
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
    w = _Walker(scan, i)
    w.walk(page, _inherited(obj, "/Resources"), (1, 0, 0, 1, 0, 0))
    annots = obj.get("/Annots", [])
    if not isinstance(annots, (list, pikepdf.Array)):
        raise TypeError("Annots 应为数组")
    for annot in annots:
        ap = annot.get("/AP")
        normal = ap.get("/N") if ap is not None else None
        if isinstance(normal, pikepdf.Stream):
            _guard(
                scan,
                normal,
                f"第 {i} 页的批注外观",
                lambda normal=normal: w.walk(normal, normal.get("/Resources"), (1, 0, 0, 1, 0, 0), 1),
            )
