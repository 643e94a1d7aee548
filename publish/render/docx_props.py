"""What a DOCX cannot show, kept in its custom document properties, so that a DOCX that
`publish build` made imports back to the same content files (publish/importer/word.py).

The record (the plan's content_record, publish/plan/record.py) holds only what the page
does not print as text; the text an editor may change in Word is read back from the
document itself.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

PROPERTY = "publish-content"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def custom_part(record: str) -> bytes:
    """record: the content as its files say it, as JSON (publish/plan/record.py)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{FMTID}" pid="2" name="{PROPERTY}"><vt:lpwstr>{escape(record)}</vt:lpwstr></property>'
        "</Properties>"
    ).encode("utf-8")
