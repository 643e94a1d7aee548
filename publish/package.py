"""The print-shop hand-off: one zip with everything needed to print and to check.

Contents: the PDF/X file, the DOCX (when that renderer is installed), a PNG
proof of each page, the preflight report (text and JSON), the meeting's source
files, and manifest.json with a SHA-256 for every file, the fonts and their
licences, the layout and the tool version.

The zip is reproducible: same input, same bytes — entries sorted, timestamps
from SOURCE_DATE_EPOCH or the publication date, fixed permissions.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import re
import tempfile
from pathlib import Path

from . import __version__
from .atomic import atomic_path
from .errors import BuildError, Problem, PublishError
from .reproducible import source_date, write_zip, zip_date_time
from .units import mm

PROOF_DPI = 100
# Licences of the faces the layouts name, for when a font file carries no
# name ID 13/14 (the files are read first; this is the fallback).
KNOWN_LICENCES = {
    "Noto": ("SIL Open Font License 1.1", "https://openfontlicense.org"),
    "LXGW": ("SIL Open Font License 1.1", "https://openfontlicense.org"),
    "Fandol": ("GNU GPL v3（含字体例外）", "https://ctan.org/pkg/fandol"),
}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _docx_available() -> bool:
    return importlib.util.find_spec("publish.render.docx") is not None


def font_licences(fonts: dict) -> list[dict]:
    """One entry per face used: family, style, version, copyright and licence, read
    from the installed font file's name table, and which file it was (name, size,
    SHA-256) — so a print shop can tell that different bytes come from different fonts."""
    from fontTools.ttLib import TTFont

    out = {}
    for sub in fonts.values():
        face = getattr(sub, "face", None)
        src = face.path if face is not None else str(sub.ttf)
        f = TTFont(src, fontNumber=face.index if face is not None else -1, lazy=True)
        name = f["name"]

        def nm(i, name=name):
            v = name.getDebugName(i)
            return v.strip() if v else ""

        family = nm(16) or nm(1)
        style = nm(17) or nm(2)
        licence_text, url = nm(13), nm(14)
        short = ""
        if "SIL Open Font License" in licence_text or "OFL" in licence_text:
            short = "SIL Open Font License 1.1" if "1.1" in licence_text or "OFL" in url else "SIL Open Font License"
        for prefix, (lic, lic_url) in KNOWN_LICENCES.items():
            if family.startswith(prefix):
                short = short or lic
                url = url or lic_url
        key = (family, style)
        if key in out:
            continue
        data = Path(src).read_bytes()
        out[key] = {
            "family": family,
            "style": style,
            "postscript_name": nm(6),
            "version": nm(5),
            "copyright": nm(0),
            "licence": short or "未知（请核实）",
            "licence_url": url,
            "licence_text": licence_text,
            "embedded_as": "subset",
            "file": {
                "name": Path(src).name,
                "face_index": face.index if face is not None else 0,
                "bytes": len(data),
                "sha256": _sha256(data),
            },
        }
    return [out[k] for k in sorted(out)]


def render_proofs(pdf: Path, stem: str, dpi: int = PROOF_DPI) -> dict[str, bytes]:
    """A PNG of each page cut at the TrimBox, as the reader will see it (RGB is fine for a proof)."""
    import pypdfium2 as pdfium

    out = {}
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(doc)):
            page = doc[i]
            media = page.get_mediabox()
            trim = page.get_trimbox()
            crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
            bitmap = page.render(scale=dpi / 72, crop=crop)
            img = bitmap.to_pil().convert("RGB")
            buf = io.BytesIO()
            img.save(buf, "PNG", dpi=(dpi, dpi))
            out[f"proof/{stem}-{i + 1}.png"] = buf.getvalue()
            page.close()
    finally:
        doc.close()
    return out


def archive_name(*parts: str) -> str:
    """A zip entry name every unzip tool reads as a plain relative path: no “..”,
    no drive or root, no backslash (a Windows separator), no control characters."""
    out = []
    for part in "/".join(parts).split("/"):
        part = re.sub(r'[\x00-\x1f\x7f\\:*?"<>|]', "_", part).strip(" .")
        if part and part not in (".", ".."):
            out.append(part)
    return "/".join(out) or "_"


def source_files(meeting, content_dir: Path, layout, prefix: str) -> dict[str, bytes]:
    """Exactly the files the build read: meeting.yaml, the listed speakers' files, their
    portraits, the layout file and the templates used. Nothing else in the folder (a
    notes.txt linked to /etc/shadow, a stray 3 GB video) is read or shipped."""
    from .safeio import read_bytes

    content_dir = Path(content_dir)
    files = [(content_dir / "meeting.yaml", "content")]
    for sp in meeting.speakers:
        files.append((content_dir / "speakers" / f"{sp.key}.md", "content"))
        if sp.portrait:
            files.append((Path(sp.portrait), "portrait"))
    out = {}
    root = content_dir.resolve()
    for path, kind in files:
        rel = Path(path).resolve().relative_to(root).as_posix()
        out[archive_name(prefix, rel)] = read_bytes(path, kind, root=content_dir)
    lay_root = Path(layout.folder)
    out[archive_name("layout", layout.name, "layout.yaml")] = read_bytes(layout.source, "layout", root=lay_root)
    from .layout.templates import loaded_templates

    for t in sorted(loaded_templates(lay_root)):
        base = t.parent
        out[archive_name("layout", layout.name if base.parent == lay_root else "_shared", "templates", t.name)] = (
            read_bytes(t, "template", root=base)
        )
    return out


def licence_files(fonts: list[dict]) -> dict[str, bytes]:
    """The licence text of each embedded face, as its font file states it."""
    out = {}
    for f in fonts:
        text = f.get("licence_text") or ""
        if text:
            body = f"{f['family']} {f['style']}\n{f['copyright']}\n{f['licence']} {f['licence_url']}\n\n{text}\n"
            out[archive_name("fonts", f"{f['family']}-{f['style']}.licence.txt".replace(" ", "_"))] = body.encode(
                "utf-8"
            )
    return out


def _proofread(content_dir: Path, layout: str):
    """The proofreader's findings, or the error that stopped it (reported, not raised)."""
    from .proof import proof_meeting

    try:
        return proof_meeting(content_dir, layout)
    except PublishError as e:
        return e


def make_package(content_dir: Path, layout: str, out_dir: Path, marks: bool | None = None) -> Path:
    """Build, preflight and proof the meeting once, then zip what the print shop needs
    with a manifest; nothing is written when preflight fails."""
    from .build import compose_meeting, output_name

    content_dir = Path(content_dir)
    formats = ("pdf", "docx") if _docx_available() else ("pdf",)
    meeting, lay, comp = compose_meeting(content_dir, layout)
    stem = output_name(meeting.key, lay.name)
    files, report = _built_and_checked(content_dir, layout, marks, formats, (meeting, lay, comp), stem)
    files.update(source_files(meeting, content_dir, lay, f"source/{meeting.key}"))
    when = source_date(meeting.publication.date)
    fonts = font_licences(comp.fonts)
    files.update(licence_files(fonts))
    files = {archive_name(n): data for n, data in files.items()}
    manifest = _manifest(meeting, lay, formats, report, fonts, files, when)
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return _write_package(Path(out_dir) / f"{stem}-print.zip", files, when)


def _built_and_checked(content_dir: Path, layout: str, marks, formats, composed, stem: str):
    """The outputs, preflight reports and proof PNGs, from a build into a scratch folder."""
    from .build import BuildOptions, build_one
    from .preflight import build_checks, preflight

    _meeting, lay, comp = composed
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="publish-package-") as td:
        res = build_one(
            content_dir,
            BuildOptions(layout=layout, formats=formats, out_dir=Path(td), quiet=True, marks=marks),
            composed=composed,
        )
        for o in res.outputs:
            files[o.name] = o.read_bytes()
        pdf = Path(td) / f"{stem}.pdf"
        report = preflight(
            pdf,
            min_ppi=lay.image_min_ppi,
            warn_ppi=lay.image_warn_ppi,
            extra=build_checks(comp.report, _proofread(content_dir, layout)),
            ink_limit=lay.ink_limit,
            spot_colours=lay.spot_colours,
        )
        if report.errors:
            bad = [f"{c.title}：{c.summary}" for c in report.checks if c.status == "error"]
            raise BuildError([Problem(str(content_dir), None, "印前检查未通过，不生成文件包：" + "；".join(bad))])
        files["preflight.txt"] = report.text().encode("utf-8")
        files["preflight.json"] = report.json().encode("utf-8")
        files.update(render_proofs(pdf, stem))
    return files, report


def _manifest(meeting, lay, formats, report, fonts: list[dict], files: dict[str, bytes], when) -> dict:
    """What the package holds and how it was made (manifest.json): the print shop checks
    the files against it, and the figures it needs are there without opening the PDF."""
    from .render.pdfx import PDFX_CONFORMANCE, icc_description, read_profile

    profile = read_profile(lay.icc_profile, str(lay.source))
    return {
        "tool": {"name": "publish", "version": __version__},
        "meeting": {
            "key": meeting.key,
            "title": meeting.title,
            "publication_date": meeting.publication.date.isoformat(),
            "paper": meeting.publication.paper,
            "page": meeting.publication.page_number,
        },
        "layout": {"name": lay.name, "title": lay.title},
        "date": when.isoformat(),
        "print": {
            "pdfx": PDFX_CONFORMANCE,
            "output_intent": icc_description(profile),
            "output_condition": lay.output_condition or "Custom",
            "icc_profile_sha256": _sha256(profile),
            "trim_mm": [mm(lay.page.width), mm(lay.page.height)],
            "bleed_mm": mm(lay.page.bleed),
            "proof_dpi": PROOF_DPI,
        },
        "formats": list(formats),
        "preflight": {"passed": not report.errors, "errors": report.errors, "warnings": report.warnings},
        "fonts": fonts,
        "files": [{"path": n, "bytes": len(files[n]), "sha256": _sha256(files[n])} for n in sorted(files)],
    }


def _write_package(target: Path, files: dict[str, bytes], when) -> Path:
    """The zip, written whole or not at all, its members in name order (reproducible)."""
    from .envfault import check_out_dir, fault, is_env_error
    from .outdir import remove_stale_parts

    out_dir = target.parent
    check_out_dir(out_dir)
    remove_stale_parts(out_dir)
    try:
        with atomic_path(target) as tmp:
            write_zip(tmp, {n: files[n] for n in sorted(files)}, zip_date_time(when))
    except (OSError, MemoryError) as e:
        if is_env_error(e):
            raise fault(e, out_dir) from None
        raise
    return target
