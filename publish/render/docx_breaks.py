"""Where the PDF broke the title, headlines and speaker lines, read from the composed page.

Word sets body text itself (the DOCX must reflow as an editor types), but a headline
broken mid-phrase (一季|度) or a name split across lines (张|小梅) is wrong. The composed
page already holds the lines the PDF prints, broken by the same phrase-aware function;
the DOCX repeats those breaks (w:br) and sizes instead of letting Word guess.
"""

from __future__ import annotations

from collections import defaultdict, deque

from ..compose.boxes import Composition, TextLine

_BLANK = " \u3000\t"


class PdfLines:
    """The composed page's lines of each role, in reading order, consumed as the DOCX is written."""

    def __init__(self, composition: Composition | None = None):
        self._queues: dict[str, deque] = defaultdict(deque)
        self.head_h: dict[str, float] = {}  # speaker → height of its 小标题 group, 撑版 air included
        self.space_lines: dict[str, int] = {}  # speaker → grid lines of the separator above it
        if composition is None:
            return
        for page in composition.pages:
            for item in page.items:
                if isinstance(item, TextLine) and item.glyphs:
                    self._queues[item.role].append(item.glyphs)
            for r in page.regions:
                if r.kind == "head":
                    self.head_h[r.owner] = self.head_h.get(r.owner, 0.0) + r.h
                elif r.kind == "space":
                    self.space_lines[r.owner] = self.space_lines.get(r.owner, 0) + r.lines

    def take(self, role: str, text: str) -> tuple[list[tuple[str, list]], float | None]:
        """The text cut into the PDF's lines, each with its glyphs, and the size it was set in.

        The lines of `role` at the head of its queue must spell the text (blanks aside);
        otherwise the text comes back as one line without glyphs and no size, and nothing
        is consumed."""
        want = "".join(ch for ch in text if ch not in _BLANK)
        q = self._queues.get(role)
        if not want or not q:
            return [(text, [])], None
        got, n = "", 0
        while n < len(q) and len(got) < len(want):
            got += "".join(g.ch for g in q[n] if g.ch not in _BLANK)
            n += 1
        if got != want:
            return [(text, [])], None
        lines = [[g for g in q.popleft() if g.ch not in _BLANK] for _ in range(n)]
        out, pos = [], 0
        for i, glyphs in enumerate(lines):
            start = pos
            k = 0
            while pos < len(text) and k < len(glyphs):
                k += text[pos] not in _BLANK
                pos += 1
            if i == len(lines) - 1:
                pos = len(text)
            out.append((text[start:pos].strip(_BLANK), glyphs))
            while pos < len(text) and text[pos] in _BLANK and i < len(lines) - 1:
                pos += 1
        return out, lines[0][0].size


def squeeze(glyphs: list) -> list[float]:
    """How much narrower than its advance the PDF set each glyph (标点挤压), in pt, moved
    onto the glyph Word can take it from: Word's character spacing narrows a glyph on
    its right, so the blank an opening mark loses on its left is taken from the glyph
    before it."""
    out = [0.0] * len(glyphs)
    for i, g in enumerate(glyphs):
        lost = max(0.0, g.advance - g.width)
        if lost and g.trim > 0 and i > 0:
            out[i - 1] += lost
        else:
            out[i] += lost
    return out
