"""The layout as the page was fitted: for a renderer that sets the page itself (the DOCX).

The fitting search (fitting.py) may change leading, sizes and spacing, and sets the
columns at the specified gutter with the column block centred in the margins. A
renderer given this layout instead of the designer's gets the same geometry."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..layout.spec import Layout
from .blocks import Setting
from .boxes import Composition
from .metrics import FLOOR_TOLERANCE, GRID_TOLERANCE


def fitted_layout(layout: Layout, composition: Composition) -> Layout:
    st: Setting | None = composition.setting
    if st is None:  # a stand-in composition (a DOCX test without a composed page): as designed
        return layout
    page, grid = layout.page, layout.grid
    old_lead = grid.leading
    body = layout.style(layout.body_style)
    size = st.body_size
    cols = grid.columns
    styles = {}
    for name, s in layout.styles.items():
        ch: dict[str, Any] = {}
        if abs(s.leading - old_lead) < GRID_TOLERANCE:
            ch["leading"] = st.leading
        if (
            name in (layout.body_style, layout.lead_style, layout.point_style)
            and abs(s.size - body.size) < GRID_TOLERANCE
        ):
            ch["size"] = size
        if name == layout.speaker.headline_style:
            ch["size"] = st.headline_size
            if "leading" not in ch:
                ch["leading"] = s.leading * st.headline_size / s.size
        if name == layout.speaker.line_style:
            ch["size"] = st.line_size
        styles[name] = replace(s, **ch) if ch else s
    if cols > 1 and not layout.fit.body_chars:
        measure = int((page.type_width - (cols - 1) * grid.gutter) / cols / size + FLOOR_TOLERANCE) * size
        d = (page.type_width - cols * measure - (cols - 1) * grid.gutter) / 2
        page = replace(page, left=page.left + d, right=page.right + d)
    seps = [r.lines for pg in composition.pages for r in pg.regions if r.kind == "space"]
    speaker = replace(layout.speaker, portrait_lines=st.portrait_lines)
    if seps:
        hs = layout.style(speaker.headline_style)
        speaker = replace(speaker, separator_lines=max(0, round(sum(seps) / len(seps)) - int(hs.space_before)))
    return replace(layout, page=page, grid=replace(grid, leading=st.leading), styles=styles, speaker=speaker)
