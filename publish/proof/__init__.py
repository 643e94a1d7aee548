"""`publish proof`: the copy desk's checks on a meeting folder.

    for f in proof_meeting(Path("content/会议"), "broadsheet"):
        print(f)            # FILE:LINE:COL: 错误: …  /  FILE:LINE:COL: 提醒: …

Errors are what must not go to print (half-width punctuation, unpaired quotes,
numbering out of order, characters no font can print, a missing speaker file);
warnings ask an editor to look (variant characters, a block out of proportion).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, Problem, _display_path
from ..sourcefile import LocDict, LocList, did_you_mean
from . import rules
from .glyphs import coverage_check
from .units import MEETING_FILE, SPEAKER_DIR, Unit, meeting_units, speaker_units

if TYPE_CHECKING:
    from ..layout.spec import Layout

__all__ = ["Finding", "proof_meeting", "speaker_lengths"]

SEVERITY_LABEL = {"error": "错误", "warning": "提醒"}
PLACEHOLDER = "待填"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    col: int
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{_display_path(self.path)}:{self.line}:{self.col}: {SEVERITY_LABEL[self.severity]}: {self.message}"


def proof_meeting(folder: Path, layout: "str | Layout" = "broadsheet", *, loads: bool = True) -> list[Finding]:
    """Every finding on the meeting, in file order.

    layout: a layout name, or the Layout itself when the caller has it loaded (the
    watch session: no second reading of the layout on every save).
    loads: False when the caller has just loaded this meeting without error, so
    the loader's own objections need not be looked for again."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(Problem(str(folder), None, "找不到这个会议文件夹。请检查路径。"))
    findings: list[Finding] = []
    problems: list[Problem] = []
    data, units = meeting_units(folder, problems)
    meeting_path = folder / MEETING_FILE
    if not meeting_path.exists():
        findings.append(
            Finding(
                str(meeting_path),
                1,
                1,
                "error",
                f"会议文件夹里缺少 {MEETING_FILE}。请新建它（标题、导语、发言顺序），或用 publish import 从记者稿导入。",
            )
        )
    order = _order(data, meeting_path, folder, findings)
    blocks: dict[str, list[Unit]] = {}
    for key in order:
        spath = folder / SPEAKER_DIR / f"{key}.md"
        if spath.exists():
            blocks[key] = speaker_units(spath, key, problems)
            units += blocks[key]
    _check_text(folder, units, blocks, layout, findings)
    if isinstance(data, LocDict):
        findings += _placeholders(data, meeting_path)
        findings += _review(data, meeting_path)
    if loads:
        problems += _loader_problems(folder)
    _add_problems(findings, problems)
    files = [str(meeting_path)] + [str(folder / SPEAKER_DIR / f"{k}.md") for k in order]
    rank = {p: i for i, p in enumerate(files)}
    findings.sort(key=lambda f: (rank.get(f.path, len(rank)), f.path, f.line, f.col))
    return findings


def _check_text(folder: Path, units: list[Unit], blocks: dict[str, list[Unit]], layout, findings: list) -> None:
    """The rules on every text unit, the speakers' numbering and lengths, and the glyphs."""

    def emit(u: Unit, i: int, severity: str, message: str) -> None:
        line, col = u.at(i)
        findings.append(Finding(u.path, line, col, severity, message))

    for u in units:
        rules.half_width(u, emit)
        rules.pairs(u, emit)
        rules.doubled(u, emit)
        rules.spaces(u, emit)
        rules.variants(u, emit)
    for us in blocks.values():
        rules.numbering(us, emit)

    def emit_at(key: str, severity: str, message: str) -> None:
        findings.append(Finding(str(folder / SPEAKER_DIR / f"{key}.md"), 1, 1, severity, message))

    rules.lengths(blocks, emit_at)
    coverage_check(units, layout, emit, lambda path, line, sev, msg: findings.append(Finding(path, line, 1, sev, msg)))


def _loader_problems(folder: Path) -> list[Problem]:
    """What the loader objects to (bad YAML, missing fields …): an error too, once."""
    from ..content import load_meeting

    try:
        load_meeting(folder)
    except InputError as e:
        return list(e.problems)
    return []


def _add_problems(findings: list[Finding], problems: list[Problem]) -> None:
    """Problems as error findings, except where an error finding already stands."""
    known = {(f.path, f.line) for f in findings if f.severity == "error"}
    seen = set()
    for p in problems:
        where = (p.path, p.line or 1)
        if where in known or (where, p.message) in seen:
            continue
        seen.add((where, p.message))
        findings.append(Finding(p.path, p.line or 1, p.col or 1, "error", p.message))


def speaker_lengths(folder: Path) -> dict[str, int]:
    """字数 of each speaker's body, in meeting order (for reports)."""
    folder = Path(folder)
    data, _ = meeting_units(folder, [])
    out = {}
    for key in _order(data, folder / MEETING_FILE, folder, []):
        spath = folder / SPEAKER_DIR / f"{key}.md"
        if spath.exists():
            out[key] = sum(rules.char_count(u.text) for u in speaker_units(spath, key, []) if u.kind == "body")
    return out


def _order(data, meeting_path: Path, folder: Path, findings: list[Finding]) -> list[str]:
    """The speaker order; names in it without a file, and files not in it, are findings."""
    available = sorted(p.stem for p in (folder / SPEAKER_DIR).glob("*.md"))
    order: list[str] = []
    raw = data.get("speakers") if isinstance(data, LocDict) else None
    if isinstance(raw, list):
        text = meeting_path.read_text("utf-8", errors="replace").split("\n")
        for i, key in enumerate(raw):
            if not isinstance(key, str) or not key.strip():
                continue
            key = key.strip()
            line = raw.lines[i] if isinstance(raw, LocList) else data.line_of("speakers")
            src = text[line - 1] if 0 < line <= len(text) else ""
            col = max(src.find(key), 0) + 1
            if key in order:
                continue  # the loader reports the repetition
            order.append(key)
            if "/" not in key and not (folder / SPEAKER_DIR / f"{key}.md").exists():
                hint = did_you_mean(key, [a for a in available if a not in raw])
                findings.append(
                    Finding(
                        str(meeting_path),
                        line,
                        col,
                        "error",
                        f"发言顺序里的“{key}”没有对应的文件 {SPEAKER_DIR}/{key}.md。"
                        + (hint or "请新建该文件，或从发言顺序中删去这一行。"),
                    )
                )
    for stem in available:
        if isinstance(data, LocDict) and stem not in order:
            findings.append(
                Finding(
                    str(folder / SPEAKER_DIR / f"{stem}.md"),
                    1,
                    1,
                    "warning",
                    f"发言人文件 {stem}.md 不在 meeting.yaml 的发言顺序里，不会排上版面。"
                    f"如要刊登，请在 speakers 下加一行“- {stem}”；否则请删去或移出此文件。",
                )
            )
    return order


def _placeholders(data: LocDict, path: Path) -> list[Finding]:
    pub = data.get("publication")
    if not isinstance(pub, LocDict):
        return []
    out = []
    for key, v in pub.items():
        if isinstance(v, str) and PLACEHOLDER in v:
            out.append(
                Finding(
                    str(path),
                    pub.line_of(key),
                    1,
                    "warning",
                    f"出版信息 {key} 还是占位的“{PLACEHOLDER}”（导入时稿件里没有）。请填写实际内容。",
                )
            )
    return out


def _review(data: LocDict, path: Path) -> list[Finding]:
    """The importer's open questions stay on the proof until the editor sets checked: true."""
    items = data.get("review")
    if data.get("checked") is True or not isinstance(items, list):
        return []
    lines = items.lines if isinstance(items, LocList) else [data.line_of("review")] * len(items)
    return [
        Finding(str(path), line, 1, "warning", f"导入时待核对：{item}（核对后删去这一项，或设 checked: true）")
        for item, line in zip(items, lines)
        if isinstance(item, str)
    ]
