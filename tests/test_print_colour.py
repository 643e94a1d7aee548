"""Issue 17: photos separated with littleCMS for the output profile, within the ink limit."""

import pikepdf
import pytest
from PIL import Image, ImageDraw

from publish.layout.spec import load_layout
from publish.render.colour import limit_ink, max_ink, to_print
from publish.render.pdfx import read_profile

from .conftest import run_cli


def dark_portrait(size=(600, 840)) -> Image.Image:
    """A dark suit and tie on a near-black background with a face: what takes most ink."""
    im = Image.new("RGB", size, (12, 12, 18))
    d = ImageDraw.Draw(im)
    w, h = size
    d.rectangle([0, h * 0.55, w, h], fill=(20, 22, 35))  # navy suit
    d.polygon([(w * 0.45, h * 0.55), (w * 0.55, h * 0.55), (w * 0.5, h)], fill=(90, 10, 20))  # red tie
    d.ellipse([w * 0.3, h * 0.15, w * 0.7, h * 0.55], fill=(205, 160, 130))  # face
    for x in range(w):  # a dark gradient
        d.line([(x, 0), (x, h * 0.1)], fill=(x * 40 // w, x * 30 // w, x * 50 // w))
    return im


def _profile() -> bytes:
    lay = load_layout("broadsheet")
    return read_profile(lay.icc_profile, str(lay.source))


def _images(pdf):
    with pikepdf.open(pdf) as p:
        for page in p.pages:
            imgs = page.get_images() if hasattr(page, "get_images") else page.images
            for _, xo in imgs.items():
                yield pikepdf.PdfImage(xo).as_pil_image()


def test_dark_rgb_portrait_on_the_reference_page_stays_within_the_ink_limit(meeting_copy, tmp_path):
    (meeting_copy / "portraits").mkdir()
    im = dark_portrait()
    assert max_ink(im.convert("CMYK")) > 270  # what plain convert("CMYK") gave: over the limit
    im.save(meeting_copy / "portraits" / "dark.png")
    sp = meeting_copy / "speakers" / "01-zhang-xiaomei.md"
    sp.write_text(
        sp.read_text("utf-8").replace("name: 张小梅\n", "name: 张小梅\nportrait: portraits/dark.png\n"), "utf-8"
    )
    r = run_cli("build", meeting_copy, "-f", "pdf", "-o", tmp_path, "-q")
    assert r.returncode == 0, r.stderr
    placed = list(_images(tmp_path / "yongchuan-2026-q1.pdf"))
    assert len(placed) == 1 and placed[0].mode == "CMYK"
    limit = load_layout("broadsheet").ink_limit
    assert limit == 240
    assert max_ink(placed[0]) <= limit
    # Black generation, not just thinning: the darkest pixels carry the profile's
    # black limit (95 %), and the suit is mostly K.
    assert placed[0].getchannel("K").getextrema()[1] >= 230


def test_greyscale_photo_goes_to_k_only():
    prof = _profile()
    grey = Image.linear_gradient("L").resize((64, 64)).convert("RGB")
    out = to_print(grey, prof, 240)
    assert out.mode == "L"  # DeviceGray: one ink (K) on press
    assert to_print(Image.new("L", (8, 8), 30), prof, 240).mode == "L"


def test_embedded_profile_is_used():
    """An Adobe RGB photo is not read as sRGB: a saturated green separates differently."""
    from PIL import ImageCms

    adobe = "/usr/share/color/icc/compatibleWithAdobeRGB1998.icc"
    try:
        src = ImageCms.ImageCmsProfile(adobe)
    except (OSError, ImageCms.PyCMSError):
        pytest.skip("no Adobe RGB compatible profile installed")
    prof = _profile()
    tagged = Image.new("RGB", (4, 4), (0, 200, 0))
    tagged.info["icc_profile"] = src.tobytes()
    plain = Image.new("RGB", (4, 4), (0, 200, 0))
    assert to_print(tagged, prof, 240).getpixel((0, 0)) != to_print(plain, prof, 240).getpixel((0, 0))


@pytest.mark.parametrize("limit", [200, 240, 300])
def test_limit_ink_keeps_every_pixel_within_the_limit(limit):
    im = Image.new("CMYK", (256, 4))
    im.putdata([(255, v, 255 - v // 2, v) for v in range(256)] * 4)
    out = limit_ink(im, limit)
    assert max_ink(out) <= limit + 1e-9
    light = Image.new("CMYK", (4, 4), (50, 40, 40, 0))
    assert limit_ink(light, limit).tobytes() == light.tobytes()  # within the limit: untouched
