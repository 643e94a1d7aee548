"""Make reportlab's PDF a PDF/X-1a:2001 file for the print shop.

reportlab cannot write an OutputIntent or the PDF/X keys, so they are added
afterwards with pikepdf. Only the catalog and the Info dictionary change: page
content and fonts are copied as they are (no recompression), so what was
typeset is exactly what is printed.

Reproducible: the file ID is derived from the content (deterministic_id), and
the only dates written come from SOURCE_DATE_EPOCH or, without it, from the
publication date — never from the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from pathlib import Path

from ..errors import BuildError, Problem
from ..reproducible import source_date

# PDF/X-1a:2001 (ISO 15930-1): CMYK/grey only, fonts embedded, no transparency,
# PDF 1.3. In the 2001 edition the version key names the family and the
# conformance key the level (X-1a).
PDFX_VERSION = "PDF/X-1:2001"
PDFX_CONFORMANCE = "PDF/X-1a:2001"
PDF_VERSION = "1.3"


def pdf_date(when: dt.datetime) -> str:
    off = when.utcoffset() or dt.timedelta(0)
    mins = int(off.total_seconds()) // 60
    sign = "+" if mins >= 0 else "-"
    return when.strftime("D:%Y%m%d%H%M%S") + f"{sign}{abs(mins) // 60:02d}'{abs(mins) % 60:02d}'"


def icc_description(data: bytes) -> str:
    """The profile's own name (desc tag), for the OutputCondition shown by RIPs."""
    import struct

    try:
        count = struct.unpack(">I", data[128:132])[0]
        for i in range(count):
            sig, off, size = struct.unpack(">4sII", data[132 + 12 * i : 144 + 12 * i])
            if sig != b"desc":
                continue
            tag = data[off : off + size]
            if tag[:4] == b"desc":  # ICC v2 textDescriptionType: ASCII
                n = struct.unpack(">I", tag[8:12])[0]
                return tag[12 : 12 + n].rstrip(b"\0").decode("latin-1")
            if tag[:4] == b"mluc":  # ICC v4: first record, UTF-16BE
                _, rec_size = struct.unpack(">II", tag[8:16])
                ln, off2 = struct.unpack(">II", tag[20:28])
                return tag[off2 : off2 + ln].decode("utf-16-be").rstrip("\0")
    except (struct.error, UnicodeDecodeError):
        pass
    return ""


def resolve_profile(path: str, layout_source: str = "") -> Path:
    """A relative profile name: the layout's own folder first (a print shop's profile
    travels with the layout), then the profiles shipped in layouts/_shared/icc/."""
    p = Path(path)
    if p.is_absolute():
        return p
    if layout_source and os.path.lexists(Path(layout_source).parent / p):  # a FIFO too: refused when read
        return Path(layout_source).parent / p
    from ..layout.locate import layouts_root, shipped_root

    own = layouts_root() / "_shared" / "icc" / p
    return own if own.is_file() else shipped_root() / "_shared" / "icc" / p


def read_profile(path: str, layout_source: str = "") -> bytes:
    if not path:
        raise BuildError(
            Problem(layout_source, None, "版式没有指定输出意图的 CMYK 特性文件（print: icc_profile），无法生成 PDF/X。")
        )
    p = resolve_profile(path, layout_source)
    from ..errors import InputError
    from ..safeio import read_bytes

    if not p.exists() and not p.is_symlink():
        raise BuildError(
            Problem(
                layout_source,
                None,
                f"找不到输出意图特性文件“{path}”（print: icc_profile）。"
                "写文件名时先在版式文件夹里找，再在 layouts/_shared/icc/ 里找；"
                "印厂给的特性文件请放进版式文件夹。",
            )
        )
    try:
        data = read_bytes(p, "icc")  # /dev/zero or a FIFO named as a profile must not hang the build
    except InputError as e:
        raise InputError(
            Problem(layout_source, None, f"输出意图特性文件“{path}”（print: icc_profile）：{e.problems[0].message}")
        ) from None
    if len(data) < 132 or data[36:40] != b"acsp" or data[16:20] != b"CMYK":
        raise BuildError(Problem(layout_source, None, f"“{path}”不是 CMYK 的 ICC 特性文件，不能作为印刷输出意图。"))
    return data


class PdfxSpec:
    """What the renderer writes to make its PDF a PDF/X-1a file directly (no second pass)."""

    @classmethod
    def for_page(cls, comp, meeting, layout) -> "PdfxSpec":
        """The spec of one composed page: its title, the layout's output condition, the issue date."""
        return cls(
            title=comp.title,
            icc_profile=layout.icc_profile,
            output_condition=layout.output_condition,
            date=meeting.publication.date,
            layout_source=str(layout.source),
            ink_limit=layout.ink_limit,
        )

    def __init__(
        self,
        *,
        title: str,
        icc_profile: str,
        output_condition: str = "",
        date: dt.date | None = None,
        layout_source: str = "",
        ink_limit: float = 240,
    ):
        self.title = title
        self.ink_limit = ink_limit
        self.stamp = pdf_date(source_date(date))
        self.profile = read_profile(icc_profile, layout_source) if icc_profile else None
        self.description = (icc_description(self.profile) or Path(icc_profile).stem) if self.profile else ""
        self.condition = output_condition or "Custom"


def make_pdfx(
    path: Path,
    *,
    title: str,
    icc_profile: str,
    output_condition: str = "",
    date: dt.date | None = None,
    layout_source: str = "",
) -> None:
    """Rewrite a PDF at path in place as PDF/X-1a:2001 (for PDFs made elsewhere;
    our own renderer writes the same keys itself, see PdfxSpec).

    A layout without print.icc_profile still gets a reproducible PDF, but not the
    PDF/X keys: claiming PDF/X without an output intent would be false, and
    `publish preflight` (run by make) then says what is missing."""
    import pikepdf
    from pikepdf import Name, String

    stamp = pdf_date(source_date(date))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        info = pdf.docinfo
        info.Title = String(title)
        info.Trapped = Name("/False")  # nothing trapped here; the RIP may trap
        info.CreationDate = String(stamp)
        info.ModDate = String(stamp)
        if icc_profile:
            _output_intent(pdf, read_profile(icc_profile, layout_source), icc_profile, output_condition)
        pdf.save(
            path,
            deterministic_id=True,
            force_version=PDF_VERSION,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            # Streams are copied byte for byte (qpdf would otherwise re-encode
            # reportlab's ASCII85+Flate content streams).
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            compress_streams=False,
        )


def _output_intent(pdf, profile: bytes, icc_profile: str, output_condition: str) -> None:
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    desc = icc_description(profile) or Path(icc_profile).stem
    icc = pikepdf.Stream(pdf, b"")
    icc.write(zlib.compress(profile, 9), filter=Name.FlateDecode)
    icc.N = 4
    icc.Alternate = Name.DeviceCMYK
    intent = pdf.make_indirect(
        Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFX,
            # "Custom" unless the layout names a registered condition (e.g. FOGRA39):
            # then the embedded profile is what the RIP must use.
            OutputConditionIdentifier=String(output_condition or "Custom"),
            OutputCondition=String(desc),
            Info=String(desc),
            RegistryName=String("http://www.color.org"),
            DestOutputProfile=icc,
        )
    )
    pdf.Root.OutputIntents = Array([intent])
    pdf.docinfo.GTS_PDFXVersion = String(PDFX_VERSION)
    pdf.docinfo.GTS_PDFXConformance = String(PDFX_CONFORMANCE)
