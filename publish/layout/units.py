"""Lengths and type sizes as a designer writes them: 9pt, 3mm, 1.2cm, 小五, 2em."""

from __future__ import annotations

import re

from ..units import MM

# 字号: the traditional Chinese type-size names, in pt.
ZIHAO = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5,
}
_UNITS = {"pt": 1.0, "mm": MM, "cm": 10 * MM, "in": 72.0, "px": 0.75}
_LEN = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|px|em)?\s*$")


class UnitError(ValueError):
    pass


def length(value, em: float | None = None) -> float:
    """A length in pt. Bare numbers are pt; 'em' needs the font size it is relative to."""
    if isinstance(value, bool):
        raise UnitError(f"“{value}”不是长度")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        v = value.strip()
        if v in ZIHAO:
            return float(ZIHAO[v])
        m = _LEN.match(v)
        if m:
            n, unit = float(m.group(1)), m.group(2) or "pt"
            if unit == "em":
                if em is None:
                    raise UnitError(f"“{value}”：这里不能用 em，请用 pt 或 mm")
                return n * em
            return n * _UNITS[unit]
    raise UnitError(f"“{value}”不是长度。请写成 9pt、3mm、1.5em 或字号名（如 小五、五号）")


def size(value) -> float:
    s = length(value)
    if not 2 <= s <= 400:
        raise UnitError(f"字号 {value} 超出合理范围（2pt–400pt）")
    return s
