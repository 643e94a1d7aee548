"""Photos separated for the press: littleCMS (Pillow's ImageCms) from the photo's own
profile (or sRGB) to the layout's output profile, then black generation that keeps
every pixel within the layout's total ink limit. Greyscale photos print on K alone.

Why a second step after littleCMS: an output profile may allow more ink than the
layout's limit (a print shop's own profile, or Ghostscript's SWOP profile, which
separates a dark suit to ~300 %; the shipped newsprint profile stays within 240 %).
Grey component is then moved from C+M+Y into K (GCR), and only what K cannot take
is removed from C, M and Y in proportion.
"""

from __future__ import annotations

import io

# Channel spread (0–255) below which an RGB photo is treated as a greyscale one.
GREY_SPREAD = 3


def to_print(im, profile: bytes | None, ink_limit: float):
    """A PIL image in mode CMYK (colour) or L (greyscale: DeviceGray, printed on K only),
    every pixel within ink_limit %."""
    im = _flatten(im)
    if im.mode == "L":
        return im
    if im.mode == "CMYK":
        return limit_ink(im, ink_limit)
    if _is_grey(im):
        return _grey(im)
    cmyk = im.convert("CMYK") if profile is None else _icc(im, profile)
    return limit_ink(cmyk, ink_limit)


def _flatten(im):
    """Palette, alpha, 16-bit and odd modes to L, RGB or CMYK; transparency onto white paper."""
    from PIL import Image

    if im.mode in ("L", "RGB", "CMYK"):
        return im
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("LA", "RGBA", "PA", "La", "RGBa"):
        base = Image.new("RGB" if im.mode.startswith(("RGB", "P")) else "L", im.size, "white")
        rgba = im.convert("RGBA" if base.mode == "RGB" else "LA")
        base.paste(rgba.convert(base.mode), mask=rgba.getchannel("A"))
        return base
    if im.mode in ("1", "I", "F") or im.mode.startswith("I;16"):
        return im.convert("L")
    return im.convert("RGB")


def _is_grey(im) -> bool:
    from PIL import ImageChops

    r, g, b = im.split()
    spread = ImageChops.lighter(ImageChops.difference(r, g), ImageChops.difference(g, b))
    low, high = spread.getextrema()  # one band: (lowest, highest)
    return isinstance(high, (int, float)) and high <= GREY_SPREAD


def _grey(im):
    """A neutral RGB photo to one channel by its lightness L* (through its own profile
    when it has one, else sRGB): one ink, no registration to hold on newsprint."""
    from PIL import ImageCms

    lab = ImageCms.createProfile("LAB")
    xf = ImageCms.buildTransform(_source_profile(im), lab, "RGB", "LAB")
    return ImageCms.applyTransform(im, xf).getchannel("L")


def _source_profile(im):
    from PIL import ImageCms

    icc = im.info.get("icc_profile")
    if icc:
        try:
            return ImageCms.ImageCmsProfile(io.BytesIO(icc))
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken embedded profile: the photo is taken as sRGB
    return ImageCms.createProfile("sRGB")


def _icc(im, profile: bytes):
    from PIL import ImageCms

    dst = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    # Perceptual with black-point compensation: shadows keep detail on paper
    # that cannot print the monitor's black.
    xf = ImageCms.buildTransform(
        _source_profile(im),
        dst,
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
    return ImageCms.applyTransform(im.convert("RGB"), xf)


def limit_ink(cmyk, ink_limit: float):
    """GCR then proportional CMY reduction wherever C+M+Y+K exceeds ink_limit %."""
    import numpy as np
    from PIL import Image

    a = np.asarray(cmyk, dtype=np.float64) / 255.0
    limit = ink_limit / 100.0
    total = a.sum(axis=2)
    if total.max() <= limit + 1e-9:
        return cmyk
    c, m, y, k = (a[..., i].copy() for i in range(4))
    over = np.maximum(total - limit, 0.0)
    # Each unit of grey moved from C+M+Y to K saves two units of ink.
    grey = np.minimum(np.minimum(c, m), y)
    u = np.minimum(np.minimum(grey, over / 2.0), 1.0 - k)
    c, m, y, k = c - u, m - u, y - u, k + u
    cmy = c + m + y
    room = np.maximum(limit - k, 0.0)
    scale = np.where(cmy > room, room / np.maximum(cmy, 1e-9), 1.0)
    c, m, y = c * scale, m * scale, y * scale
    # Rounding down keeps the limit after quantisation.
    out = np.floor(np.stack([c, m, y, k], axis=2) * 255.0 + 1e-6).clip(0, 255).astype(np.uint8)
    return Image.fromarray(out, "CMYK")


def max_ink(im) -> float:
    """Highest total ink of any pixel, in % (DeviceGray: 0 is full black)."""
    import numpy as np

    a = np.asarray(im, dtype=np.float64)
    if im.mode == "L":
        return float((255.0 - a.min()) / 255.0 * 100.0)
    return float(a.sum(axis=2).max() / 255.0 * 100.0)
