"""Characters no font of the layout can print: they would come out as blank boxes."""

from __future__ import annotations

from os import PathLike
from typing import Callable

from ..errors import InputError
from .units import Unit

EmitFile = Callable[[str, int, str, str], None]  # path, line, severity, message


def _style_for(kind: str, layout) -> str:
    return {
        "title": "title",
        "kicker": "kicker",
        "subtitle": "subtitle",
        "lead": layout.lead_style,
        "body": layout.body_style,
        "headline": layout.speaker.headline_style,
        "position": layout.speaker.line_style,
        "name": layout.speaker.line_style,
    }.get(kind, layout.body_style)


def role_coverage(fonts: tuple[str, ...]) -> tuple[frozenset[int] | None, list[str]]:
    """Code points the role's fallback chain covers (None when no font of it is installed)."""
    from ..fonts.resolve import find_face
    from ..fonts.subset import coverage

    covered: set[int] = set()
    found, missing = False, []
    for name in fonts:
        face = find_face(name)
        if face is None:
            missing.append(name)
            continue
        found = True
        covered.update(coverage(face))
    return (frozenset(covered) if found else None), missing


def coverage_check(
    units: list[Unit], layout_name, emit: Callable, emit_file: EmitFile, coverage_of: Callable | None = None
) -> None:
    """layout_name: a layout's name, or the Layout itself when the caller has it loaded."""
    layout = _layout(layout_name, emit_file)
    if layout is None:
        return
    coverage_of = coverage_of or role_coverage
    cache: dict[str, frozenset[int] | None] = {}
    for u in units:
        style = layout.styles.get(_style_for(u.kind, layout))
        roles = [style.font] if style else list(layout.fonts)
        for role in roles:
            if role not in cache:
                cache[role] = _role_cover(layout, role, coverage_of, emit_file)
        covers = [c for r in roles if (c := cache[r]) is not None]
        if covers:
            _missing_glyphs(u, layout, roles, covers, emit)


def _layout(layout_name, emit_file: EmitFile):
    from ..layout.spec import load_layout

    if not isinstance(layout_name, (str, PathLike)):
        return layout_name
    try:
        return load_layout(str(layout_name))
    except InputError as e:
        for p in e.problems:
            emit_file(p.path, p.line or 1, "error", f"版式无法读取，没有检查缺字：{p.message}")
        return None


def _role_cover(layout, role: str, coverage_of: Callable, emit_file: EmitFile) -> frozenset[int] | None:
    """What a font role covers. A role whose font is not installed is reported once, at the
    layout's fonts line: the build stops on it (or, with a fallback, sets the role in a stand-in)."""
    cov, missing = coverage_of(layout.fonts.get(role, ()))
    names = layout.fonts.get(role, ())
    if names and names[0] in missing:
        allowed = role in layout.font_fallbacks
        emit_file(
            str(layout.source),
            layout.lines.get("fonts", 1),
            "warning" if allowed else "error",
            f"版式 {layout.name} 的字体角色“{role}”要用的字体“{names[0]}”没有安装，"
            + ("将按 fallback 用替代字体排。" if allowed else "无法排版。请安装这个字体，或在版式中改用已安装的字体。")
            + ("" if cov is not None else "这些文字是否缺字也无法检查。"),
        )
    elif cov is None:
        emit_file(
            str(layout.source),
            layout.lines.get("fonts", 1),
            "warning",
            f"版式 {layout.name} 的字体角色“{role}”（{'、'.join(missing)}）一个也没有安装，"
            "无法检查这些文字是否缺字。请安装字体后再校对。",
        )
    return cov


def _missing_glyphs(u: Unit, layout, roles: list[str], covers: list[frozenset[int]], emit: Callable) -> None:
    """Each character of the unit that no font of its roles has, reported once."""
    reported: set[str] = set()
    for i, ch in enumerate(u.text):
        if ch.isspace() or ch in reported or ch == "*":
            continue
        if not any(ord(ch) in c for c in covers):
            reported.add(ch)
            fonts = "、".join(f for r in roles for f in layout.fonts.get(r, ()))
            emit(
                u,
                i,
                "error",
                f"“{ch}”（U+{ord(ch):04X}）在版式 {layout.name} 的字体（{fonts}）里没有字形，"
                "印出来会是空白方框。请改用常用字形，或在版式里为该字体角色加一个含此字的后备字体。",
            )
