"""The content as its files say it, for an editable output to carry (the DOCX keeps it in a
document property) so that it imports back to the same content files (importer/word.py).

The text an editor may change in Word (titles, byline, paragraphs, bold, credits) is read
back from the document itself; only what the page does not print as text is recorded:
the publication fields, bulletin furniture, file keys, how each name splits into 职务 /
姓名 / 称谓, where the attribution stood, portraits, and the import's review list.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..model import PLACEHOLDER, Meeting

FORMAT = 1


def content_record(m: Meeting) -> str:
    """The record as JSON (keys sorted, so the same content gives the same text)."""
    return json.dumps(_record(m), ensure_ascii=False, sort_keys=True)


def _record(m: Meeting) -> dict:
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
                "portrait_path": _relative(m, s.portrait),
            }
            for s in m.speakers
        ],
    }


def _relative(m: Meeting, path) -> str:
    """A portrait's path from the meeting's folder (as the files would name it)."""
    if not path:
        return ""
    folder = Path(m.source.path).parent
    try:
        return str(Path(path).relative_to(folder.resolve()))
    except ValueError:
        return str(path)
