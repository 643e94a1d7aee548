"""reportlab's font registry, scoped to the pages being drawn.

reportlab keeps every font it is given in one table for the life of the process
and has no call to take one out again. Each page has subset fonts of its own, so
a process that draws many pages (a build of many meetings, `publish watch`
saving after saving) would hold every page's subsets for ever. The fonts a
scope registered are removed when the last scope open at the time ends: two
scopes at once (the watch server drawing a zoomed page while a rebuild writes
its PDF) never take a font from under each other.

This module is the only place that reaches into reportlab's private tables
(`pdfmetrics._fonts`, `_dynFaceNames`): if reportlab changes them, only here
needs to follow.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from typing import Iterator

_LOCK = threading.Lock()
_open = 0  # scopes open now
_before: set[str] = set()  # fonts registered when the first of them opened


@contextlib.contextmanager
def page_fonts() -> Iterator[None]:
    """Fonts registered inside the scope are forgotten when it (and every scope open
    alongside it) has ended; fonts registered before it stay."""
    global _open, _before
    with _LOCK:
        if _open == 0:
            _before = _registered()
        _open += 1
    try:
        yield
    finally:
        with _LOCK:
            _open -= 1
            if _open == 0:
                _forget(_registered() - _before)


def _registered() -> set[str]:
    mod = sys.modules.get("reportlab.pdfbase.pdfmetrics")
    return set(mod.getRegisteredFontNames()) if mod else set()


def _forget(names: set[str]) -> None:
    mod = sys.modules.get("reportlab.pdfbase.pdfmetrics")
    if mod is None:
        return
    for name in names:
        font = mod._fonts.pop(name, None)
        face = getattr(getattr(font, "face", None), "name", None)
        if font is not None and mod._dynFaceNames.get(face) is font:
            del mod._dynFaceNames[face]
