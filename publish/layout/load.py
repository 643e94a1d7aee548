"""Finding a layout folder and reading its layout.yaml by the schema in spec.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..sourcefile import LocDict, did_you_mean, parse_yaml, read_text
from .check import Checker, read
from .locate import layouts_root
from .spec import LAYOUT_FILE, SECTIONS, Layout


def available_layouts(root: Path | None = None) -> dict[str, Path]:
    root = root or layouts_root()
    return {p.parent.name: p.parent for p in sorted(root.glob(f"*/{LAYOUT_FILE}"))}


def resolve_layout(name_or_path: str, root: Path | None = None) -> Path:
    p = Path(name_or_path)
    # exists, not is_file: a FIFO or a link named layout.yaml is read (and refused) by the checked read.
    if (p / LAYOUT_FILE).exists() or (p / LAYOUT_FILE).is_symlink():
        return p
    layouts = available_layouts(root)
    if name_or_path in layouts:
        return layouts[name_or_path]
    if p.is_dir() or "/" in name_or_path or "\\" in name_or_path:
        # A folder was meant: saying "no layout named /a/b" would send the designer looking for a name.
        what = f"版式文件夹里缺少 {LAYOUT_FILE}。" if p.is_dir() else "找不到这个版式文件夹。"
        raise InputError(
            Problem(name_or_path, None, what + f"版式文件夹应包含 {LAYOUT_FILE}（可复制 layouts/broadsheet 修改）。")
        )
    hint = did_you_mean(name_or_path, layouts) or ""
    raise InputError(
        Problem(
            name_or_path,
            None,
            f"没有名为“{name_or_path}”的版式。{hint}可用的版式：{'、'.join(layouts) or '（无）'}。"
            "运行 publish layouts 查看说明。",
        )
    )


def load_layout(name_or_path: str, root: Path | None = None) -> Layout:
    from .templates import SHARED

    folder = resolve_layout(name_or_path, root)
    path = folder / LAYOUT_FILE
    data = parse_yaml(read_text(path, "layout", root=folder), path)
    if data is None:
        raise InputError(Problem(str(path), 1, "版式文件是空的。请从 layouts/broadsheet/layout.yaml 复制一份再修改。"))
    if not isinstance(data, LocDict):
        raise InputError(Problem(str(path), 1, "版式文件应为“项目: 内容”的格式。"))
    ck = Checker(path, folder, SHARED)
    ctx: dict[str, Any] = {"colors": {}, "fonts": {}, "styles": {}, "where": "版式文件"}
    values = read(ck, Layout, data, "版式文件", ctx, also=SECTIONS, folder=folder, source=path)
    for sec, zh in SECTIONS.items():
        values.update(
            read(
                ck, Layout, ck.mapping(data, sec), f"{sec}（{zh}）", {**ctx, **_refs(values), "where": sec}, section=sec
            )
        )
    if ck.problems:
        raise InputError(ck.problems)
    values["name"] = folder.name
    return Layout(lines={k: data.line_of(k) for k in data}, **values)


def _refs(values: dict) -> dict:
    return {"colors": values.get("colors", {}), "fonts": values.get("fonts", {}), "styles": values.get("styles", {})}
