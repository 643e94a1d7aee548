"""What a template may see: plain data made from the content model.

Layouts travel between desks and are not trusted code. A template gets strings,
numbers, booleans, tuples and read-only mappings — never a Path, a file or a model
object with methods that could reach the file system (a portrait used to arrive
as a pathlib.Path, whose .read_text() printed any file into the PDF).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from pathlib import PurePath
from types import MappingProxyType
from typing import Any

# Fields that only locate content for messages; a template has no use for them.
_HIDDEN = {"source", "portrait_source"}


class Record(dict):
    """A read-only mapping; its class name is the model's (messages say “Byline” has no …)."""

    __slots__ = ()

    def _blocked(self, *a, **kw):
        raise TypeError("模板数据是只读的")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _blocked


class Date(Record):
    """A date as data: year, month, day, weekday (0 = Monday), iso; prints as 2026-02-05."""

    __slots__ = ()

    def __str__(self) -> str:
        return self["iso"]


_RECORDS: dict[str, type] = {}


def _record_type(name: str) -> type:
    if name not in _RECORDS:
        _RECORDS[name] = type(name, (Record,), {"__slots__": (), "__module__": __name__})
    return _RECORDS[name]


def _make(cls: type, items: dict) -> Record:
    r = cls()
    dict.update(r, items)
    return r


def to_data(obj: Any, _depth: int = 0) -> Any:
    """obj as template data; anything that is not plain data becomes its text."""
    if _depth > 20:
        return None
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, Record):
        return obj
    if isinstance(obj, _dt.date):
        return _make(
            Date,
            {"year": obj.year, "month": obj.month, "day": obj.day, "weekday": obj.weekday(), "iso": obj.isoformat()},
        )
    if isinstance(obj, PurePath):
        return obj.name  # a file name, never a path object
    if isinstance(obj, (list, tuple)):
        return tuple(to_data(v, _depth + 1) for v in obj)
    if isinstance(obj, (dict, MappingProxyType)):
        return _make(Record, {str(k): to_data(v, _depth + 1) for k, v in obj.items()})
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        items = {
            f.name: to_data(getattr(obj, f.name), _depth + 1)
            for f in dataclasses.fields(obj)
            if f.name not in _HIDDEN and not f.name.startswith("_")
        }
        # Computed fields (Paragraph.text, Speaker.headline_phrases) are data too.
        for name, attr in vars(type(obj)).items():
            if isinstance(attr, property) and not name.startswith("_"):
                items[name] = to_data(getattr(obj, name), _depth + 1)
        return _make(_record_type(type(obj).__name__), items)
    return str(obj)
