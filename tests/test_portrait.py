"""Issue 4: a speaker's portrait, scaled and cropped to its frame, never stretched, in CMYK."""

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from publish.build import compose_meeting
from publish.compose.boxes import Picture

from .conftest import run_cli


@pytest.fixture
def with_portrait(meeting_copy):
    (meeting_copy / "portraits").mkdir()
    # A wide RGB photo: the frame is narrower, so the sides must be trimmed.
    im = Image.new("RGB", (1200, 600), (200, 150, 120))
    for x in range(500, 700):
        for y in range(100, 500, 4):
            im.putpixel((x, y), (20, 20, 20))
    im.save(meeting_copy / "portraits" / "li.jpg", quality=90)
    f = meeting_copy / "speakers" / "02-li-shihong.md"
    f.write_text(f.read_text("utf-8").replace("name: 李世红\n", "name: 李世红\nportrait: portraits/li.jpg\n"), "utf-8")
    return meeting_copy


def test_portrait_cropped_to_frame_not_stretched(with_portrait):
    _, layout, comp = compose_meeting(with_portrait, "broadsheet")
    pics = [it for p in comp.pages for it in p.items if isinstance(it, Picture)]
    assert len(pics) == 1
    pic = pics[0]
    x0, y0, x1, y1 = pic.crop
    # the crop has the frame's shape: same aspect ratio within a pixel's rounding
    assert (x1 - x0) / (y1 - y0) == pytest.approx(pic.w / pic.h, rel=0.01)
    assert y1 - y0 == 600 and x1 - x0 < 1200  # trimmed at the sides, full height kept
    assert (x0 + x1) / 2 == pytest.approx(600, abs=1)  # centred
    lead = comp.setting.leading  # as the page was fitted
    assert pic.h == pytest.approx(comp.setting.portrait_lines * lead - 0.3 * lead)


def test_portrait_in_pdf_is_cmyk_and_in_the_speaker_column(with_portrait, tmp_path):
    r = run_cli("build", with_portrait, "-f", "pdf", "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    pdf_path = tmp_path / "yongchuan-2026-q1.pdf"
    reader = PdfReader(pdf_path)
    xobjs = reader.pages[0]["/Resources"]["/XObject"]
    images = [x.get_object() for x in xobjs.values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1
    assert images[0]["/ColorSpace"] in ("/DeviceCMYK", "/DeviceGray")
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        img = page.images[0]
        name = [c for c in page.chars if c["text"] == "李" and abs(c["size"] - 12) < 0.01]
    # the speaker line (李世红) sits right under the portrait, in the same column
    assert name
    below = [c for c in name if 0 < c["top"] - img["bottom"] < 40]
    assert below and img["x0"] < below[0]["x0"] < img["x1"] + 60


def test_speaker_without_portrait_has_no_frame(meeting_copy):
    _, _, comp = compose_meeting(meeting_copy, "broadsheet")
    assert not [it for p in comp.pages for it in p.items if isinstance(it, Picture)]
