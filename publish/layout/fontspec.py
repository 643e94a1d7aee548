"""The `fonts:` section of a layout: each font role's names by preference, and the faces
that may stand in when the first is not installed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..sourcefile import LocDict
from .check import Checker, key, read


def _font_list(ck: Checker, v: Any, line: int, msg: str) -> tuple[str, ...] | None:
    v = [v] if isinstance(v, str) else v
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
        ck.err(line, msg)
        return None
    return tuple(x.strip() for x in v)


def _names(ck: Checker, d: LocDict, name: str, ctx: dict, values: dict) -> tuple[str, ...] | None:
    role = ctx["role"]
    if name == "fallback":
        if d.get(name) is None:
            return ()
        return (
            _font_list(ck, d[name], ctx["line"], f'字体“{role}”的 fallback 应为字体名列表，例如 ["LXGW WenKai"]。')
            or ()
        )
    return _font_list(
        ck, d.get(name), ctx["line"], f'字体“{role}”应为字体名列表（按优先顺序），例如 ["Noto Serif CJK SC"]。'
    )


@dataclass(frozen=True)
class FontChoice:
    """A font role written as a mapping, to name what may stand in for a missing font."""

    font: tuple[str, ...] = key(
        "字体",
        "font names by preference; the first must be installed",
        "custom",
        required=True,
        parse=_names,
        value="list of font names",
        factory=tuple,
    )
    fallback: tuple[str, ...] = key(
        "后备字体",
        "faces that may stand in when the font is not installed (the build says so, preflight reports it)",
        "custom",
        parse=_names,
        value="list of font names",
        factory=tuple,
    )


def read_fonts(ck: Checker, data: LocDict, name: str, ctx: dict, values: dict) -> tuple[dict, dict]:
    """role: [font, faces for characters it lacks …], or {font: […], fallback: […]}."""
    d = ck.mapping(data, name)
    out: dict[str, tuple[str, ...]] = {}
    fallbacks: dict[str, tuple[str, ...]] = {}
    for role, v in d.items():
        c = {**ctx, "role": role, "line": d.line_of(role)}
        if isinstance(v, LocDict):
            got = read(ck, FontChoice, v, f"字体“{role}”", c)
            names, fb = got["font"], got["fallback"]
        else:
            names, fb = _names(ck, LocDict(font=v), "font", c, {}), ()
        if names is None:
            continue
        out[role] = names
        if fb:
            fallbacks[role] = fb
    ctx["fonts"] = out
    return out, fallbacks
