"""What a DOCX cannot show, kept in its custom document properties, so that a DOCX that
`publish build` made imports back to the same content files (publish/importer/word.py).

The text an editor may change in Word (titles, byline, paragraphs, bold, credits) is read
back from the document itself; only what the page does not print as text stays here:
the publication fields, bulletin furniture, file keys, how each name splits into 职务 /
姓名 / 称谓, where the attribution stood, portraits, and the import's review list.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from ..model import PLACEHOLDER, Meeting

PROPERTY = "publish-content"
FORMAT = 1
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def content_record(m: Meeting) -> dict:
    pub = m.publication
    held = {k for k, _ in pub.placeholders}
    publication = {
        "paper": pub.paper,
        "date": PLACEHOLDER if "date" in held else pub.date.isoformat(),
        "page_number": PLACEHOLDER if "page_number" in held else pub.page_number,
        "page_name": pub.page_name,
        "editor": pub.editor,
        "designer": pub.designer,
        "proofreader": pub.proofreader,
    }
    b = m.bulletin
    return {
        "format": FORMAT,
        "key": m.key,
        "publication": publication,
        "bulletin": {
            "name": b.name,
            "issue": b.issue,
            "issuer": b.issuer,
            "distribution": [[k, v] for k, v in b.distribution],
        },
        "column": m.column,
        "byline_note": m.byline.note,
        "byline_source": m.byline.unit,
        "credit": bool(m.credit),
        # Word shows a headline broken where the PDF breaks it: the spaces between phrases go
        "title": m.title,
        "headlines": [s.headline for s in m.speakers],
        "sections": [s.section for s in m.speakers],
        "review": list(m.review),
        "checked": m.checked,
        "speakers": [
            {
                "key": s.key,
                "position": s.position,
                "name": s.name,
                "suffix": s.suffix,
                "attribution": s.attribution,
                "credit": bool(s.credit),
                "paragraphs": len(s.paragraphs),
                "portrait": s.portrait.name if s.portrait else "",
                "portrait_path": _rel(m, s.portrait),
            }
            for s in m.speakers
        ],
    }


def _rel(m: Meeting, path) -> str:
    if not path:
        return ""
    from pathlib import Path

    folder = Path(m.source.path).parent
    try:
        return str(Path(path).relative_to(folder.resolve()))
    except ValueError:
        return str(path)


def custom_part(m: Meeting) -> bytes:
    value = json.dumps(content_record(m), ensure_ascii=False, sort_keys=True)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{FMTID}" pid="2" name="{PROPERTY}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        "</Properties>"
    ).encode("utf-8")
