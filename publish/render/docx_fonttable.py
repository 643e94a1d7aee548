"""word/fontTable.xml: one entry per font the styles name, and the fonts embedded in the
package (the characters each face sets, recorded as the document is written)."""

from __future__ import annotations

from pathlib import Path

from .docx_fonts import FontRef, font_entry, font_key, full_font, may_embed_full, obfuscate
from .docx_styles import WStyle
from .docx_xml import NS, REL, XML_DECL, rels_part

EmbedReport = list[tuple[str, bool, str]]  # (font, embedded whole, licence or reason)


class FontUse:
    """The characters set in each face, for embedding subsets."""

    def __init__(self) -> None:
        self.chars: dict[tuple[str, bool], set[str]] = {}
        self.faces: dict[tuple[str, bool], FontRef] = {}

    def note(self, ws: WStyle, text: str) -> None:
        key = (ws.font.name, ws.font.bold)
        self.faces.setdefault(key, ws.font)
        self.chars.setdefault(key, set()).update(text)


def font_table(styles: list[WStyle], use: FontUse, embed: bool | str, parts: dict[str, bytes]) -> EmbedReport:
    """Put word/fontTable.xml (and embedded fonts with their rels) into `parts`.

    embed: False, True / "subset" (the characters used), or "full" (whole fonts whose
    licence allows it). Returns what was embedded."""
    # One entry per name; roles sharing it (宋 and 粗宋 are one family, the weight from
    # w:b) pool their alternates, the regular role's first; the regular face describes it.
    refs: dict[str, list] = {}
    for ws in sorted(styles, key=lambda w: w.font.bold):
        refs.setdefault(ws.font.name, []).append(ws.font)
    report: EmbedReport = []
    embeds = _embed(use, embed, parts, report) if embed else {}
    x = [XML_DECL, f"<w:fonts {NS}>"]
    for n in sorted(refs):
        alternates = tuple(dict.fromkeys(a for r in refs[n] for a in r.alternates))
        # Regular before Bold, as CT_Font orders them.
        emb = "".join(sorted(embeds.get(n, []), key=lambda e: "Bold" in e))
        x.append(font_entry(n, refs[n][0].face, alternates, emb))
    x.append("</w:fonts>")
    parts["word/fontTable.xml"] = "".join(x).encode("utf-8")
    return report


def _embed(use: FontUse, embed: bool | str, parts: dict[str, bytes], report: EmbedReport) -> dict[str, list[str]]:
    """Embed each face set in the document: whole when asked and the licence allows, else
    the characters used. Records what was done in `report`."""
    from ..fonts.subset import subset

    embeds: dict[str, list[str]] = {}
    rels: list[tuple[str, str, str]] = []
    for name, bold in sorted(use.chars):
        ref = use.faces[(name, bold)]
        if ref.face is None:
            report.append((name, False, "本机没有这个字体，无法嵌入"))
            continue
        whole, why = may_embed_full(ref.face) if embed == "full" else (False, "")
        if whole:
            data = full_font(ref.face)
        else:
            data = Path(subset(ref.face, use.chars[(name, bold)]).ttf).read_bytes()
        report.append((name + (" Bold" if bold else ""), whole, why))
        key = font_key(data)
        rid = f"rId{len(rels) + 1}"
        target = f"fonts/font{len(rels) + 1}.odttf"
        rels.append((rid, REL + "/font", target))
        parts[f"word/{target}"] = obfuscate(data, key)
        tag = "embedBold" if bold else "embedRegular"
        sub = "" if whole else ' w:subsetted="1"'
        embeds.setdefault(name, []).append(f'<w:{tag} r:id="{rid}" w:fontKey="{key}"{sub}/>')
    parts["word/_rels/fontTable.xml.rels"] = rels_part(rels)
    return embeds
