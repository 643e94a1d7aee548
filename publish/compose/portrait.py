"""Portraits (照片): read with Pillow, cropped to the frame, never stretched."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem

# Larger than any newspaper portrait; guards memory against a 20,000 × 20,000 px file.
MAX_PIXELS = 40_000_000


def open_image(path, where):
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        im = Image.open(path)
        im.size  # noqa: B018 - forces the header to be read
    except Image.DecompressionBombError:
        raise InputError(
            Problem(
                where[0],
                where[1],
                f"照片“{path.name}”像素过多（超过 {MAX_PIXELS // 1_000_000} 百万像素）。请缩小到 3000 像素以内再用。",
            )
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise InputError(
            Problem(
                where[0], where[1], f"照片“{path.name}”无法读取，文件可能已损坏或不是 JPEG/PNG 图片。请重新导出照片。"
            )
        ) from None
    if im.width * im.height > MAX_PIXELS:
        raise InputError(
            Problem(
                where[0],
                where[1],
                f"照片“{path.name}”有 {im.width}×{im.height} 像素，过大。请缩小到 3000 像素以内再用。",
            )
        )
    return im


def prepare(
    path: Path, where: tuple[str, int | None], frame_w: float, frame_h: float
) -> tuple[float, float, tuple[int, int, int, int]]:
    """Frame size in pt and the pixel box of the image shown in it (cropped to the frame's shape).
    where: the content line that names the picture, for messages."""
    im = open_image(path, where)
    try:
        im.load()
    except (OSError, SyntaxError, ValueError):
        raise InputError(
            Problem(where[0], where[1], f"照片“{path.name}”无法读取，文件可能已损坏。请重新导出照片。")
        ) from None
    w, h = im.size
    target = frame_w / frame_h
    if w / h > target:  # too wide: trim the sides equally
        cw = round(h * target)
        box = ((w - cw) // 2, 0, (w - cw) // 2 + cw, h)
    else:  # too tall: keep the top, where the face is
        ch = round(w / target)
        top = min((h - ch) // 4, h - ch)
        box = (0, top, w, top + ch)
    return frame_w, frame_h, box
