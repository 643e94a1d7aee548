"""Writing a meeting folder in the format of content/yongchuan-2026-q1/, atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import EnvironmentFault, InputError, Problem

PLACEHOLDER = "待填"


@dataclass
class SpeakerOut:
    key: str
    headline: str
    position: str
    name: str
    paragraphs: list[str]
    suffix: str = ""
    attribution: str = "line"
    credit: str = ""
    section: str = ""


@dataclass
class MeetingOut:
    paper: str
    date: str
    page_number: int | str  # str: the 待填 placeholder
    page_name: str
    kicker: str
    title: str
    subtitle: str
    reporters: list[str]
    correspondents: list[str]
    lead: list[str]
    speakers: list[SpeakerOut]
    column: str = ""
    byline_note: str = ""
    byline_source: str = ""
    editor_note: list[str] = field(default_factory=list)
    closing_note: str = ""
    credit: str = ""
    review: list[str] = field(default_factory=list)
    editor: str = ""
    designer: str = ""
    proofreader: str = ""
    bulletin: dict = field(default_factory=dict)  # name, issue, issuer, distribution [[报, 单位], …]
    checked: bool = False


def scalar(v: str) -> str:
    """v as a YAML scalar: plain when it reads back the same, else double-quoted."""
    if v == "":
        return '""'
    try:
        plain_ok = (
            yaml.safe_load(f"k: {v}") == {"k": v}
            and "#" not in v
            and not v.startswith(("'", '"', "[", "{", "*", "&", "!", "|", ">", "%", "@", "`"))
        )
    except yaml.YAMLError:
        plain_ok = False
    # JSON strings are valid YAML double-quoted scalars.
    return v if plain_ok else json.dumps(v, ensure_ascii=False)


def _flow_list(names: list[str]) -> str:
    return "[" + ", ".join(scalar(n) if "," not in n else json.dumps(n, ensure_ascii=False) for n in names) + "]"


def _block(key: str, paras: list[str], comment: str) -> str:
    if not paras:
        return f'{key}: ""{comment}\n'
    return f"{key}: |{comment}\n" + "".join(
        f"  {p}\n" + ("\n" if i < len(paras) - 1 else "") for i, p in enumerate(paras)
    )


def _order(speakers: list[SpeakerOut]) -> str:
    out, section = [], ""
    for s in speakers:
        if s.section and s.section != section:
            out.append(f"  - section: {scalar(s.section)}\n")
        section = s.section
        out.append(f"  - {s.key}\n")
    return "".join(out)


def _review(items: list[str], checked: bool = False) -> str:
    if not items:
        return "checked: true\n" if checked else ""
    return (
        "\n# 待核对: what the importer guessed or found odd. `publish proof` lists these until you have\n"
        "# checked them: then delete them or set checked: true.\nreview:\n"
        + "".join(f"  - {scalar(r)}\n" for r in items)
        + f"checked: {'true' if checked else 'false'}\n"
    )


def _bulletin(b: dict) -> str:
    if not b or not any(b.values()):
        return ""
    lines = ["\n# 简报信息 (A4 bulletin furniture)", "bulletin:"]
    for k in ("name", "issue", "issuer"):
        if b.get(k):
            lines.append(f"  {k}: {scalar(str(b[k]))}")
    if b.get("distribution"):
        lines.append("  distribution:")
        lines += [f"    - {scalar(str(kind))}: {scalar(str(units))}" for kind, units in b["distribution"]]
    return "\n".join(lines) + "\n"


def meeting_yaml(m: MeetingOut) -> str:
    lead = "".join(f"  {p}\n" + ("\n" if i < len(m.lead) - 1 else "") for i, p in enumerate(m.lead))
    order = _order(m.speakers)
    return (
        "# 发言摘登 — one meeting, imported from reporter copy by `publish import`.\n"
        "# Editors: change the text here; the layout (fonts, sizes, fixed wording) lives in layouts/.\n"
        "publication:\n"
        f"  paper: {scalar(m.paper)}          # 报名\n"
        f"  date: {m.date}           # 出版日期 (YYYY-MM-DD)\n"
        f"  page_number: {m.page_number}             # 版次\n"
        f"  page_name: {scalar(m.page_name)}            # 版名\n"
        f"  editor: {scalar(m.editor)}                 # 责任编辑\n"
        f"  designer: {scalar(m.designer)}               # 美编\n"
        f"  proofreader: {scalar(m.proofreader)}            # 校对\n"
        "\n"
        + (f"column: {scalar(m.column)}                   # 栏目\n" if m.column else "")
        + f"kicker: {scalar(m.kicker)}                   # 引题 (optional, above the title)\n"
        f"title: {scalar(m.title)}\n"
        f"subtitle: {scalar(m.subtitle)}   # 副题 (optional); the layout adds the leading ——\n"
        "byline:\n"
        f"  reporters: {_flow_list(m.reporters)}        # 记者\n"
        f"  correspondents: {_flow_list(m.correspondents)}         # 通讯员\n"
        + (f"  note: {scalar(m.byline_note)}               # 署名说明\n" if m.byline_note else "")
        + (
            f"  unit: {scalar(m.byline_source)}               # 署名单位, printed before 记者\n"
            if m.byline_source
            else ""
        )
        + "\n"
        + ("lead: |\n" + lead if m.lead else 'lead: ""\n')
        + (_block("editor_note", m.editor_note, "   # 编者按") if m.editor_note else "")
        + (f"closing_note: {scalar(m.closing_note)}   # 结尾说明\n" if m.closing_note else "")
        + (f"credit: {scalar(m.credit)}   # 整理署名, after the last speaker\n" if m.credit else "")
        + "\n"
        "# 发言顺序: one entry per file in speakers/ (without .md), in the order printed;\n"
        "# “- section: 题目” puts a topic heading over the speakers after it.\n"
        "speakers:\n" + order + _bulletin(m.bulletin) + _review(m.review, m.checked)
    )


def speaker_md(s: SpeakerOut) -> str:
    head = ["---", f"headline: {scalar(s.headline)}", f"position: {scalar(s.position)}", f"name: {scalar(s.name)}"]
    head += [f"suffix: {scalar(s.suffix)}"] if s.suffix else []
    head += [f"attribution: {s.attribution}"] if s.attribution != "line" else []
    head += [f"credit: {scalar(s.credit)}"] if s.credit else []
    return "\n".join(head) + "\n---\n" + "\n\n".join(s.paragraphs) + "\n"


def check_target(out_dir: Path, force: bool) -> None:
    """Refuse before any work: an existing folder without --force, and with --force
    anything but one meeting folder (never `content/` with every other meeting in it)."""
    out_dir = Path(out_dir)
    if not out_dir.exists() and not out_dir.is_symlink():
        return
    if not out_dir.is_dir() or out_dir.is_symlink():
        raise InputError(
            Problem(
                str(out_dir), None, "这里已有一个同名的文件（不是会议文件夹），没有覆盖。请用 -o 换一个输出文件夹。"
            )
        )
    if not force:
        raise InputError(
            Problem(str(out_dir), None, "输出文件夹已存在，没有覆盖。请换一个输出文件夹（-o），或加 --force 覆盖它。")
        )
    if any(out_dir.iterdir()) and not (out_dir / "meeting.yaml").is_file():
        raise InputError(
            Problem(
                str(out_dir),
                None,
                "这个文件夹不是会议文件夹（里面没有 meeting.yaml），--force 不会替换它，"
                "以免删掉里面的其他文件。请用 -o 指定一个会议文件夹，例如 content/新会议。",
            )
        )


def backup_name(out_dir: Path) -> Path:
    """.NAME.backup-YYYYMMDD-HHMMSS beside the folder: hidden, so `make` does not build it as a meeting."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    cand = out_dir.with_name(f".{out_dir.name}.backup-{stamp}")
    n = 1
    while cand.exists() or cand.is_symlink():
        n += 1
        cand = out_dir.with_name(f".{out_dir.name}.backup-{stamp}-{n}")
    return cand


def write_meeting(m: MeetingOut, out_dir: Path) -> Path | None:
    """The folder appears whole or not at all. An old one (with --force) is renamed
    to a backup, never deleted: edits and portraits/ stay there. Returns the backup."""
    out_dir = Path(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.", suffix=".part"))
    except FileExistsError:
        raise EnvironmentFault(
            Problem(str(out_dir.parent), None, "这里应是文件夹，却是一个文件。请换一个输出位置（-o）。")
        ) from None
    except PermissionError:
        raise EnvironmentFault(
            Problem(str(out_dir.parent), None, "没有在这里写文件的权限（或磁盘只读）。请换一个输出位置（-o）。")
        ) from None
    except OSError as e:
        raise EnvironmentFault(Problem(str(out_dir.parent), None, f"无法写入：{e.strerror}。")) from None
    backup = None
    try:
        (tmp / "speakers").mkdir()
        (tmp / "meeting.yaml").write_text(meeting_yaml(m), encoding="utf-8")
        for s in m.speakers:
            (tmp / "speakers" / f"{s.key}.md").write_text(speaker_md(s), encoding="utf-8")
        os.chmod(tmp, 0o755)
        if out_dir.exists():
            backup = backup_name(out_dir)
            os.replace(out_dir, backup)
        os.replace(tmp, out_dir)
    except BaseException as e:
        if backup is not None and not out_dir.exists():
            os.replace(backup, out_dir)
            backup = None
        if isinstance(e, OSError):
            from ..envfault import fault

            raise fault(e, out_dir) from None
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(tmp)
    return backup
