"""Numbers of the page that are not the designer's to change, each with its reason."""

from __future__ import annotations

import math

# Two sizes or leadings this close (pt) are the same: a layout writes 五号 = 10.5 pt and
# 20pt leading, a fitting trial computes them; on the same grid means within this.
GRID_TOLERANCE = 0.01
# Whole characters or lines out of a float division: 14.999999 characters are 15.
FLOOR_TOLERANCE = 1e-6
# A computed value this close to another is the same value (a trial's leading against the
# layout's, a size step landing on min_size).
VALUE_TOLERANCE = 1e-6

# The CJK em box runs from 0.88 em above the baseline to 0.12 em below it (the fonts'
# ideographic em box): centred in a line's cell, the baseline is 0.38 em below the centre;
# a line whose em box starts at y has its baseline 0.88 em lower.
EM_BOX_ABOVE_BASELINE = 0.88
EM_BOX_CENTRE_ABOVE_BASELINE = 0.38

# A headline whose leading is off the body's grid gets 0.3 em of air above and below, so
# that the grid lines it takes do not press it against the text.
HEADLINE_PAD = 0.3
# A portrait's frame stands 0.15 grid lines in from the top and bottom of its lines.
PORTRAIT_INSET = 0.15
# A strip (版头, folio) keeps at least 1.3 em between baselines whatever its style says.
STRIP_MIN_LEADING = 1.3
# 导语 set in columns across the header: two ems between its columns.
LEAD_COLUMN_GAP = 2.0
# A double rule (文武线): the thin rule a third of the thick one's width (width / 3), 2.5
# widths below it; the pair takes three widths of the zone's height.
DOUBLE_RULE_THIN_PART = 3
DOUBLE_RULE_OFFSET = 2.5
DOUBLE_RULE_HEIGHT = 3


def baseline_in(top: float, lead: float, size: float) -> float:
    """Baseline of a line whose cell starts at top: the CJK em box centred in the cell."""
    return top + lead / 2 + EM_BOX_CENTRE_ABOVE_BASELINE * size


def whole_lines(height: float, lead: float) -> int:
    """Grid lines a height takes (a hair over a line is that line)."""
    return math.ceil(height / lead - FLOOR_TOLERANCE)


def on_grid(top: float, y: float, lead: float) -> float:
    """y moved down to the next grid line below top."""
    return top + whole_lines(y - top, lead) * lead
