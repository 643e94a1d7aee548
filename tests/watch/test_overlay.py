"""The copyfit overlay: geometry from compose's own result, marks where the trouble is."""

from __future__ import annotations

import pytest

from publish.build import compose_meeting
from publish.compose.boxes import PageBox, Region, TextLine
from publish.copyfit import BlockFit, Report
from publish.watch.overlay import overlay
from tests.conftest import REFERENCE


@pytest.fixture(scope="module")
def composed():
    return compose_meeting(REFERENCE, "broadsheet")[2]


def test_every_speaker_labelled_once_with_its_figures(composed):
    ov = overlay(composed)
    report = composed.report
    labels = [m["label"] for pg in ov["pages"] for m in pg["marks"] if "label" in m]
    speakers = [b for b in report.blocks if b.key not in ("lead", "end")]
    assert sorted(lab["key"] for lab in labels if lab["state"] != "fixed") == sorted(b.key for b in speakers)
    for b in speakers:
        lab = next(lab for lab in labels if lab["key"] == b.key)
        assert (lab["lines"], lab["share"], lab["over"]) == (b.lines, round(b.allotment), b.over)
        n = abs(b.over)
        want = (
            "正好" if b.over == 0 else f"{'超出' if b.over > 0 else '不足'} {n} 行（约 {n * report.chars_per_line} 字）"
        )
        assert lab["verdict"] == want


def test_block_boxes_hold_their_lines(composed):
    """Each line of body text lies inside a block region of the page (positions, not just counts)."""
    ov = overlay(composed)
    W, H = composed.width, composed.height
    for pg, opg in zip(composed.pages, ov["pages"], strict=True):
        boxes = [m["box"] for m in opg["marks"] if m["kind"] == "block"]
        body = [it for it in pg.items if isinstance(it, TextLine) and it.role in ("body", "headline", "speaker")]
        assert body
        for ln in body:
            x, y = ln.x / W + 0.001, ln.baseline / H
            assert any(b[0] <= x <= b[0] + b[2] and b[1] <= y <= b[1] + b[3] for b in boxes), (
                ln.role,
                ln.x,
                ln.baseline,
            )


def _report(blocks, columns=2, depth=10):
    return Report(
        layout="t",
        meeting="m",
        columns=columns,
        lines_per_column=depth,
        capacity=columns * depth,
        used=sum(b.lines for b in blocks),
        chars_per_line=10,
        pages=1,
        unplaced=0,
        blocks=blocks,
    )


class _Comp:
    def __init__(self, pages, report):
        self.pages, self.report, self.width, self.height = pages, report, 200.0, 200.0


def test_beiti_and_window_marked():
    # column 0: A's text then B's 小标题 at the foot with one line of its text; column 1: B's text, 4 lines short
    lead = 10.0
    pg = PageBox(
        1,
        regions=[
            Region("a", "head", 0, 0, 2, 0, 0, 50, 20),
            Region("a", "text", 0, 2, 5, 0, 20, 50, 50),
            Region("b", "head", 0, 7, 2, 0, 70, 50, 20),
            Region("b", "text", 0, 9, 1, 0, 90, 50, 10),
            Region("b", "text", 1, 0, 6, 60, 0, 50, 60),
        ],
        body=(0.0, 10, lead),
    )
    blocks = [BlockFit("a", "甲（职务）", 70, 7, 7, 8.0), BlockFit("b", "乙（职务）", 90, 9, 9, 8.0)]
    ov = overlay(_Comp([pg], _report(blocks)))
    marks = ov["pages"][0]["marks"]
    beiti = [m for m in marks if m["kind"] == "beiti"]
    assert [m["key"] for m in beiti] == ["b"] and beiti[0]["box"] == [0, 0.35, 0.25, 0.1]
    windows = [m for m in marks if m["kind"] == "window"]
    assert [(m["column"], m["box"]) for m in windows] == [(1, [0.3, 0.3, 0.25, 0.2])]
    assert windows[0]["lines"] == 4 and "开天窗" in windows[0]["text"]
    states = {b["key"]: (b["state"], b["verdict"]) for b in ov["blocks"]}
    assert states == {"a": ("under", "不足 1 行（约 10 字）"), "b": ("over", "超出 1 行（约 10 字）")}


def test_one_line_short_is_no_window():
    pg = PageBox(
        1,
        regions=[Region("a", "text", 0, 0, 10, 0, 0, 50, 100), Region("a", "text", 1, 0, 9, 60, 0, 50, 90)],
        body=(0.0, 10, 10.0),
    )
    ov = overlay(_Comp([pg], _report([BlockFit("a", "甲", 190, 19, 19, 19.0)])))
    assert not [m for m in ov["pages"][0]["marks"] if m["kind"] == "window"]


def test_unplaced_lines_marked_overflow():
    pg = PageBox(1, regions=[Region("a", "text", 0, 0, 10, 0, 0, 50, 100)], body=(0.0, 10, 10.0))
    b = BlockFit("a", "甲", 150, 15, 10, 10.0)
    ov = overlay(_Comp([pg], _report([b], columns=1)))
    assert ov["blocks"][0]["state"] == "overflow" and "5 行排不下" in ov["blocks"][0]["verdict"]


def test_image_and_overlay_share_the_trim(composed, tmp_path):
    """The page image is the trimmed page, so a box the overlay draws sits on what it marks:
    the 小标题 fills' left edges land on the image's grey, the gutter beside them stays white."""
    import io

    from PIL import Image

    from publish.compose.boxes import Fill
    from publish.render.pdf import render_pdf
    from publish.watch import raster

    pdf = tmp_path / "p.pdf"
    render_pdf(composed, pdf)
    width = 2000
    img = Image.open(io.BytesIO(raster.render_page(pdf.read_bytes(), 0, width))).convert("L")
    scale = width / composed.width
    assert abs(img.height - composed.height * scale) <= 1
    fills = [it for it in composed.pages[0].items if isinstance(it, Fill) and it.w < composed.width / 2]
    assert fills
    for f in fills:
        x0, y = round(f.x * scale), round((f.y + f.h / 2) * scale)
        inside = [img.getpixel((x0 + dx, y)) for dx in (3, 5)]
        outside = [img.getpixel((x0 - dx, y)) for dx in (4, 6)]
        assert max(inside) < 250 and min(outside) > 250, (f, inside, outside)


def test_running_text_has_lines_not_shares():
    """The A4 bulletin runs on over as many pages as it needs: no share, so no over/under."""
    comp = compose_meeting(REFERENCE, "a4-bulletin")[2]
    ov = overlay(comp)
    assert len(ov["pages"]) == len(comp.pages) > 1
    assert ov["blocks"] and all(b["state"] == "fixed" and b["over"] == 0 for b in ov["blocks"])
    keys = {m["key"] for pg in ov["pages"] for m in pg["marks"] if "label" in m}
    assert keys == {b.key for b in comp.report.blocks}


def test_empty_column_is_a_window_where_it_stands():
    """Columns 0 and 2 hold text, column 1 nothing: the hole is drawn at column 1's place."""
    pg = PageBox(
        1,
        regions=[Region("a", "text", 0, 0, 10, 10, 0, 40, 100), Region("a", "text", 2, 0, 10, 110, 0, 40, 100)],
        body=(0.0, 10, 10.0),
    )
    ov = overlay(_Comp([pg], _report([BlockFit("a", "甲", 200, 20, 20, 20.0)], columns=3)))
    windows = [m for m in ov["pages"][0]["marks"] if m["kind"] == "window"]
    assert [(m["column"], m["box"], m["lines"]) for m in windows] == [(1, [0.3, 0.0, 0.2, 0.5], 10)]
