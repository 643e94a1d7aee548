"""The text of a meeting folder as units with the file position of every character.

Read from the files themselves (not only from the loaded model), so the proof
points at the right column even when a paragraph spans lines, and still has
text to check when the meeting does not load.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..sourcefile import LocDict, parse_yaml, read_text

MEETING_FILE = "meeting.yaml"
SPEAKER_DIR = "speakers"


@dataclass
class Unit:
    kind: str  # title / kicker / subtitle / lead / headline / position / name / body
    path: str
    text: str
    pos: list[tuple[int, int]]  # (line, column) of each character of text
    speaker: str = ""  # file stem for speaker units

    def at(self, i: int) -> tuple[int, int]:
        if not self.pos:
            return 1, 1
        return self.pos[min(max(i, 0), len(self.pos) - 1)]


def paragraphs_in_lines(
    lines: list[str], first_line: int, path: str, kind: str, speaker: str = "", stop_at_dedent: bool = False
) -> list[Unit]:
    """Paragraphs as the loader makes them: blank-line separated, lines stripped and joined."""
    units, text, pos = [], [], []
    for k, line in enumerate(lines + [""]):
        if stop_at_dedent and line.strip() and not line[:1].isspace():
            lines = lines[:k]
            break
        if line.strip():
            lead = len(line) - len(line.lstrip())
            body = line.strip()
            for j, ch in enumerate(body):
                text.append(ch)
                pos.append((first_line + k, lead + j + 1))
            continue
        if text:
            units.append(Unit(kind, path, "".join(text), pos, speaker))
            text, pos = [], []
    if text:
        units.append(Unit(kind, path, "".join(text), pos, speaker))
    return units


def field_unit(d: LocDict, key: str, file_lines: list[str], path: str, kind: str, speaker: str = "") -> Unit | None:
    v = d.get(key)
    if not isinstance(v, str) or not v.strip():
        return None
    v = v.strip()
    line = d.line_of(key)
    src = file_lines[line - 1] if 0 < line <= len(file_lines) else ""
    # The value follows "key:" on its line; quoted values with escapes fall back to the value's start.
    after_key = src.find(":") + 1
    col = src.find(v, after_key)
    if col < 0:
        col = (
            after_key
            + len(src[after_key:])
            - len(src[after_key:].lstrip())
            + (1 if src[after_key:].lstrip()[:1] in "\"'" else 0)
        )
    return Unit(kind, path, v, [(line, col + 1 + j) for j in range(len(v))], speaker)


def meeting_units(folder: Path, problems: list[Problem]) -> tuple[LocDict | None, list[Unit]]:
    path = folder / MEETING_FILE
    try:
        text = read_text(path)
        data = parse_yaml(text, path)
    except InputError as e:
        problems.extend(e.problems)
        return None, []
    if not isinstance(data, LocDict):
        return None, []
    lines = text.split("\n")
    units = [u for u in (field_unit(data, k, lines, str(path), k) for k in ("kicker", "title", "subtitle")) if u]
    if isinstance(data.get("lead"), str) and data["lead"].strip():
        line = data.line_of("lead")
        src = lines[line - 1]
        if src.split(":", 1)[1].strip().startswith(("|", ">")):
            units += paragraphs_in_lines(lines[line:], line + 1, str(path), "lead", stop_at_dedent=True)
        else:
            u = field_unit(data, "lead", lines, str(path), "lead")
            units += [u] if u else []
    return data, units


def speaker_units(spath: Path, key: str, problems: list[Problem]) -> list[Unit]:
    try:
        text = read_text(spath)
    except InputError as e:
        problems.extend(e.problems)
        return []
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return []
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return []
    units = []
    try:
        head = parse_yaml("\n".join(lines[1:end]) + "\n", spath, first_line=2)
    except InputError:
        head = None  # the loader reports it
    if isinstance(head, LocDict):
        for k in ("headline", "position", "name"):
            u = field_unit(head, k, lines, str(spath), k, key)
            if u:
                units.append(u)
    units += paragraphs_in_lines(lines[end + 1 :], end + 2, str(spath), "body", key)
    return units
