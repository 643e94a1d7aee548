"""What a preflight scan records of a PDF, and how it reads a damaged or oversized file:
every object read through guard() (damage is a finding, never a crash), content streams
decoded with a cap and their operators counted before they are parsed."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


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


class OverLimit(Exception):
    """More than the check reads (limits.PDF_*): said in the report, not raised."""


# Characters that end a content-stream token: their count bounds the number of
# operators before the stream is parsed (parsing 1 million operators costs ~0.6 GB).
_TOKEN_ENDS = tuple(bytes([c]) for c in b" \n\r\t\f\0()<>[]{}/%")


def token_estimate(data: bytes) -> int:
    return sum(data.count(c) for c in _TOKEN_ENDS) + 1


def stream_bytes(stream) -> bytes:
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
        raise OverLimit(f"内容流解压后超过 {limits.PDF_STREAM_BYTES // limits.MB} MB")
    return data


def _objname(obj) -> str:
    try:
        if obj is not None and obj.is_indirect:
            return f"{obj.objgen[0]}"
    except Exception:  # noqa: BLE001 - naming the object must not fail in turn
        pass
    return "（直接对象）"


def guard(scan: "Scan", obj, what: str, fn):
    """Run fn; a malformed object is recorded as “无法读取对象 N：…”, never a crash."""
    try:
        return fn()
    except OverLimit as e:
        scan.over_limits.append(f"{what}：{e}")
    except RecursionError:
        scan.unreadable.append(f"无法读取对象 {_objname(obj)}（{what}）：嵌套太深")
    except Exception as e:  # noqa: BLE001 - any shape of damage is reported, not raised
        msg = str(e).strip().splitlines()[0][:120] if str(e).strip() else type(e).__name__
        scan.unreadable.append(f"无法读取对象 {_objname(obj)}（{what}）：{msg}")
    return None


def num(x) -> float:
    return float(x)


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
