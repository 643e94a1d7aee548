"""A speaker's portrait: an inline picture in its own paragraph, the column's share wide."""

from __future__ import annotations

from pathlib import Path

from ..plan import SpeakerGroup
from .docx_doc import Doc
from .docx_styles import PORTRAIT
from .docx_xml import EMU, REL, attr, para


def portrait(doc: Doc, sp: SpeakerGroup) -> str:
    assert sp.portrait is not None
    path = Path(sp.portrait)
    ext = path.suffix.lower().lstrip(".") or "png"
    ext = "jpeg" if ext == "jpg" else ext
    doc.drawings += 1
    n = doc.drawings
    target = f"media/portrait{n}.{ext}"
    doc.package.add(f"word/{target}", path.read_bytes())
    rid = doc.package.rel(REL + "/image", target)
    w_px, h_px = _pixels(path)
    cx = int(round(doc.geo.col_width * doc.lay.speaker.portrait_width * EMU))
    cy = int(round(cx * h_px / max(1, w_px)))
    alt = attr(f"{sp.position} {sp.name}".strip())
    pic = (
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{n}" name="照片 {n}" descr="{alt}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="portrait{n}.{ext}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
    return para(doc.styles[PORTRAIT].sid, pic)


def _pixels(path: Path) -> tuple[int, int]:
    try:
        from PIL import Image

        with Image.open(path) as im:
            return im.size
    except Exception:  # an unreadable picture keeps a square frame rather than failing the DOCX
        return 1, 1
