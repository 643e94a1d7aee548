"""The plan carries the content as its files say it (for the DOCX round trip) and the
publication's paper and date (Word's keywords and creation date, the outputs' timestamps)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from publish.content import load_meeting
from publish.layout.spec import load_layout
from publish.model import PLACEHOLDER
from publish.plan import plan
from tests.conftest import REFERENCE, ROOT

ALL_FIELDS = ROOT / "tests" / "importer" / "meetings" / "all-fields"


def test_record_is_the_content_as_the_files_say_it():
    m = load_meeting(ALL_FIELDS)
    rec = json.loads(plan(m, load_layout("tabloid")).content_record)
    assert rec["key"] == "all-fields"
    assert rec["publication"]["proofreader"] == "巴莫曲布嫫"
    # the printed meeting would give the topic heading to the first speaker of its run only
    assert rec["sections"].count("推动产业转型升级") == 2
    # and would add the attribution and credit lines to the paragraphs
    assert [s["paragraphs"] for s in rec["speakers"]] == [len(s.paragraphs) for s in m.speakers]
    assert [(s["position"], s["name"], s["attribution"]) for s in rec["speakers"]] == [
        (s.position, s.name, s.attribution) for s in m.speakers
    ]


def test_record_keeps_placeholders_and_is_stable():
    m = load_meeting(REFERENCE)
    pub = dataclasses.replace(m.publication, placeholders=(("date", 3),))
    held = dataclasses.replace(m, publication=pub)
    lay = load_layout("broadsheet")
    text = plan(held, lay).content_record
    assert json.loads(text)["publication"]["date"] == PLACEHOLDER
    assert text == plan(held, lay).content_record


def test_metadata_has_paper_and_date():
    m = load_meeting(REFERENCE)
    meta = plan(m, load_layout("a4-bulletin")).meta
    assert (meta.paper, meta.date) == ("渝西都市报", dt.date(2026, 2, 5))
