"""Points and millimetres: PDF geometry is in pt (1/72 in), designers and print shops speak mm."""

from __future__ import annotations

MM = 72 / 25.4  # points in one millimetre


def pt_to_mm(pt: float) -> float:
    return pt * 25.4 / 72


def mm(pt: float, digits: int = 1) -> float:
    """A length in pt as mm, rounded for a report (0.1 mm is finer than any trim)."""
    return round(pt_to_mm(pt), digits)
