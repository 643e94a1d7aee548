"""Every character of every content paragraph reaches the PDF, in order.

pdfplumber gives characters in content-stream order, which is reading order in
our renderer (header, then speaker blocks column by column)."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings, strategies as st

from publish.content import load_meeting

from ..conftest import REFERENCE, is_subsequence
from .helpers import build, docx_text, pdf_text


def _visible(s: str) -> str:
    return "".join(s.split())


def _check(meeting_dir, out):
    meeting = load_meeting(meeting_dir)
    pdf, docx = build(meeting_dir, out).outputs
    paras = [p.text for p in meeting.lead] + [p.text for s in meeting.speakers for p in s.paragraphs]
    for text in (_visible(pdf_text(pdf)), _visible(docx_text(docx))):
        for p in paras:
            # Within one paragraph nothing is interleaved: it must be there unbroken.
            assert _visible(p) in text, p
        assert is_subsequence(_visible("".join(paras)), text)
        for s in meeting.speakers:
            assert _visible(s.headline) in text and s.name in text


def test_reference_meeting_nothing_lost(tmp_path):
    _check(REFERENCE, tmp_path / "out")


# An alphabet of common characters, punctuation, digits and Latin. Every generated
# meeting also prints the whole alphabet once, so each font subset is the same
# from one example to the next and comes from the cache (a new subset costs seconds).
HAN = "的一国在人了有中是年和大业不为发以会经进工地展新部作区全建设推动市场服务项目企业创造体系群众"
PUNCT = "，。、；：？！“”‘’（）《》——…"
LATIN = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%+-."
ALPHABET = HAN + PUNCT + LATIN

# A paragraph must not start with a closing mark or “一是…。”, which the layout sets in another font.
paragraph = st.text(alphabet=ALPHABET, min_size=1, max_size=160).map(lambda s: "据悉" + s.strip() + "。")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(speakers=st.lists(st.lists(paragraph, min_size=1, max_size=3), min_size=1, max_size=4))
def test_generated_meetings_nothing_lost(tmp_path_factory, speakers):
    tmp = tmp_path_factory.mktemp("gen")
    m = tmp / "gen-meeting"
    shutil.copytree(REFERENCE, m)
    shutil.rmtree(m / "speakers")
    (m / "speakers").mkdir()
    speakers = speakers + [["字表" + ALPHABET + "。"]]
    keys = []
    for i, paras in enumerate(speakers, 1):
        key = f"{i:02d}-speaker"
        keys.append(key)
        (m / "speakers" / f"{key}.md").write_text(
            "---\nheadline: 推动发展 建设新区\nposition: 区委书记\nname: 张小梅\n---\n" + "\n\n".join(paras) + "\n",
            "utf-8",
        )
    meeting = (m / "meeting.yaml").read_text("utf-8").split("speakers:")[0]
    (m / "meeting.yaml").write_text(meeting + "speakers:\n" + "".join(f"  - {k}\n" for k in keys), "utf-8")
    _check(m, tmp / "out")
