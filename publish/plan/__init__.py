"""The renderer-neutral page plan (#14): plan(meeting, layout) -> Plan.

    content model (model.py) + layout spec (layout/)
        └─ plan()   templates rendered once; spans and paragraphs with roles; page numbers as fields
              ├─ compose  geometry on the column grid → render/pdf.py
              └─ render/docx*.py  Word styles and paragraphs

Modules: nodes.py (the node types), fields.py (page-number fields), spans.py (span roles),
chars.py (characters per font role), printed.py (the meeting as printed: attribution lines,
credits and notes as paragraphs with roles), record.py (the content as its files say it, for a round
trip through an editable output), make.py (plan()), page.py (Plan).
"""

from .fields import Field, FieldRef, FieldText, Numerals, PageNumbers
from .make import plan
from .nodes import (
    BodyNode,
    EndMatter,
    FooterItem,
    HeaderItem,
    Heading,
    ItemKind,
    Metadata,
    Para,
    ParaRole,
    Separator,
    Span,
    SpanRole,
    SpeakerGroup,
    Use,
)
from .page import Plan

__all__ = [
    "BodyNode",
    "EndMatter",
    "Field",
    "FieldRef",
    "FieldText",
    "FooterItem",
    "HeaderItem",
    "Heading",
    "ItemKind",
    "Metadata",
    "Numerals",
    "PageNumbers",
    "Para",
    "ParaRole",
    "Plan",
    "Separator",
    "Span",
    "SpanRole",
    "SpeakerGroup",
    "Use",
    "plan",
]
