"""A page's content stream interpreted just far enough to know, at each painting operator,
the current colour and the CTM: colours are judged where they are used (text, lines,
images) and an image's resolution where it is placed. Forms are followed (bounded depth,
each form once per placement)."""

from __future__ import annotations

import math
import re

from .pdfdata import FontInfo, ImageUse, OverLimit, Scan, colour_space_name, guard, num, stream_bytes, token_estimate

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
FILL_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE_PAINT = {"S", "s", "B", "B*", "b", "b*"}
MAX_FORM_DEPTH = 12
# Operators that set a device colour space with its colour.
_FILL_DEVICE = {"rg": "DeviceRGB", "k": "DeviceCMYK", "g": "DeviceGray"}
_STROKE_DEVICE = {"RG": "DeviceRGB", "K": "DeviceCMYK", "G": "DeviceGray"}


def _mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class Walker:
    """The colours, fonts, images and transparency one page's content uses, into its Scan."""

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

        if depth > MAX_FORM_DEPTH:
            self.scan.over_limits.append(f"第 {self.page} 页：表单嵌套超过 {MAX_FORM_DEPTH} 层")
            return
        guard(self.scan, resources, "字体资源", lambda: self.fonts(resources))
        guard(self.scan, resources, "图形状态", lambda: self.extgstates(resources))
        self._count_operators(stream_owner)
        gs = {"ctm": ctm, "fcs": "DeviceGray", "scs": "DeviceGray", "fill": (0.0,)}
        stack = []
        for ins in pikepdf.parse_content_stream(stream_owner):
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                self.inline_image(ins, resources, gs["ctm"])
                continue
            op = str(ins.operator)
            if op == "q":
                stack.append(dict(gs))
            elif op == "Q":
                if stack:
                    gs = stack.pop()
            else:
                self._operator(op, ins.operands, gs, resources, depth)

    def _count_operators(self, stream_owner) -> None:
        """Bound the work before parsing: a 100 KB file can hold millions of operators."""
        import pikepdf

        from .. import limits

        obj = getattr(stream_owner, "obj", stream_owner)
        contents = obj.get("/Contents") if isinstance(stream_owner, pikepdf.Page) else obj
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        for st in streams:
            if not isinstance(st, pikepdf.Stream):
                raise pikepdf.PdfError("内容不是流对象")
            self.scan.tokens += token_estimate(stream_bytes(st))
        if self.scan.tokens > limits.PDF_OPERATORS:
            raise OverLimit(f"内容流的操作总数超过 {limits.PDF_OPERATORS} 个（检查的上限）")

    def _operator(self, op: str, ops, gs: dict, resources, depth: int) -> None:
        """One operator other than q/Q: the graphics state it sets, or the colour it paints in."""
        import pikepdf

        if op == "cm" and len(ops) == 6:
            gs["ctm"] = _mul(tuple(num(x) for x in ops), gs["ctm"])
        elif op in _FILL_DEVICE:
            gs["fcs"] = _FILL_DEVICE[op]
            gs["fill"] = tuple(round(num(x), 4) for x in ops)
        elif op in _STROKE_DEVICE:
            gs["scs"] = _STROKE_DEVICE[op]
        elif op == "cs" and ops:
            gs["fcs"] = colour_space_name(ops[0], resources)
            gs["fill"] = ()
        elif op == "CS" and ops:
            gs["scs"] = colour_space_name(ops[0], resources)
        elif op in ("sc", "scn"):
            gs["fill"] = tuple(round(num(x), 4) for x in ops if not isinstance(x, pikepdf.Name))
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
            guard(
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
                info = guard(self.scan, font, f"字体 {fname}", lambda font=font: _font_info(font))
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
                if key in gs and num(gs[key]) < 1:
                    self._transparent(f"图形状态 {name} 的 {key[1:]} = {num(gs[key]):g}")
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
            m = tuple(num(x) for x in xo.get("/Matrix", [1, 0, 0, 1, 0, 0]))
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
