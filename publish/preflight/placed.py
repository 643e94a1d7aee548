"""Effective resolution of the portraits as placed on the composed page.

Checked before anything is rendered, so a blurry photo stops the build with
the speaker file and the line of its `portrait:` — the place the editor fixes it.
"""

from __future__ import annotations

from ..compose.boxes import Composition, Picture
from ..errors import Problem

CM = 72 / 2.54


def effective_ppi(pic: Picture) -> float:
    """Pixels of the crop per inch of frame, the worse of the two directions."""
    l, t, r, b = pic.crop
    return min((r - l) / (pic.w / 72), (b - t) / (pic.h / 72))


def check_pictures(comp: Composition, min_ppi: float, warn_ppi: float) -> tuple[list[Problem], list[Problem]]:
    """(warnings, errors) for every placed picture below the layout's thresholds."""
    warnings, errors = [], []
    for page in comp.pages:
        for it in page.items:
            if not isinstance(it, Picture):
                continue
            ppi = effective_ppi(it)
            if ppi >= warn_ppi:
                continue
            need = min_ppi if ppi < min_ppi else warn_ppi
            px_w, px_h = round(it.w / 72 * need), round(it.h / 72 * need)
            l, t, r, b = it.crop
            what = (
                f"照片“{it.path.name}”印在 {it.w / CM:.1f}×{it.h / CM:.1f} 厘米的框里，"
                f"只用到 {r - l}×{b - t} 像素，有效分辨率 {ppi:.0f} ppi"
            )
            path, line = it.source
            if ppi < min_ppi:
                errors.append(
                    Problem(
                        path or str(it.path),
                        line,
                        f"{what}，低于最低要求 {min_ppi:g} ppi，印出来会模糊。"
                        f"请换用更清晰的原图（裁切后至少 {px_w}×{px_h} 像素）。",
                    )
                )
            else:
                warnings.append(
                    Problem(
                        path or str(it.path),
                        line,
                        f"提醒：{what}，低于建议的 {warn_ppi:g} ppi。"
                        f"如有条件请换用更清晰的原图（裁切后约 {px_w}×{px_h} 像素）。",
                    )
                )
    return warnings, errors
