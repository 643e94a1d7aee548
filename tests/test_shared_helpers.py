"""Issue 14: one helper each for Han ranges, units, SOURCE_DATE_EPOCH, reproducible zips, atomic writes."""

import datetime as dt
import io
import os
import zipfile

import pytest

from publish import han, reproducible, units
from publish.atomic import atomic_path, write_atomic
from publish.errors import BuildError


def in_table(o, table):
    return any(lo <= o <= hi for lo, hi in table)


def test_han_functions_agree_with_the_range_tables():
    points = list(range(0x3000, 0xFFFF)) + list(range(0x1F000, 0x41000, 7))
    for o in points:
        ch = chr(o)
        assert han.is_han(ch) == in_table(o, han.HAN_RANGES), hex(o)
        assert han.is_han_like(ch) == in_table(o, han.HAN_RANGES + han.KANA_BOPOMOFO_RANGES), hex(o)


@pytest.mark.parametrize(
    "ch,is_han,like",
    [
        ("永", True, True),
        ("〇", True, True),
        ("㐀", True, True),
        ("𠀀", True, True),
        ("か", False, True),
        ("ㄅ", False, True),
        ("，", False, False),
        ("A", False, False),
        ("1", False, False),
    ],
)
def test_importer_proof_and_typesetter_share_one_answer(ch, is_han, like):
    from publish.importer.punct import is_han as importer_is_han
    from publish.proof.rules import is_han as proof_is_han
    from publish.typeset.classes import is_han as typeset_side

    assert importer_is_han(ch) == proof_is_han(ch) == is_han
    assert typeset_side(ch) == like


def test_mm_and_pt():
    assert units.MM == pytest.approx(2.834645669)
    assert units.pt_to_mm(units.MM * 390) == pytest.approx(390)
    assert units.mm(1105.5118110236222) == 390.0 and units.mm(8.5) == 3.0


def test_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert reproducible.source_date_epoch() is None
    d = reproducible.source_date(dt.date(2026, 4, 8))
    assert d.isoformat() == "2026-04-08T00:00:00+08:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert reproducible.source_date(dt.date(2026, 4, 8)).isoformat() == "2023-11-14T22:13:20+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError) as e:
        reproducible.source_date()
    assert "SOURCE_DATE_EPOCH 应为整数秒数" in str(e.value.problems[0].message)


def test_zip_dates_clamped_to_1980_and_bytes_repeat():
    assert reproducible.zip_date_time(dt.datetime(1970, 1, 1)) == (1980, 1, 1, 0, 0, 0)
    when = reproducible.zip_date_time(dt.datetime(2026, 4, 8, 9, 30, tzinfo=reproducible.BEIJING))
    assert when == (2026, 4, 8, 9, 30, 0)
    files = {"b.txt": b"two", "a.txt": b"one" * 100}
    bufs = []
    for _ in range(2):
        buf = io.BytesIO()
        reproducible.write_zip(buf, files, when, compresslevel=6)
        bufs.append(buf.getvalue())
    assert bufs[0] == bufs[1]
    with zipfile.ZipFile(io.BytesIO(bufs[0])) as z:
        assert z.namelist() == ["b.txt", "a.txt"]  # the order given
        for info in z.infolist():
            assert info.date_time == when and info.create_system == 3 and info.external_attr >> 16 == 0o644
        assert z.read("a.txt") == b"one" * 100


def test_write_atomic_replaces_whole_and_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "sub" / "out.bin"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first" and oct(target.stat().st_mode & 0o777) == "0o644"
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("disk full")
    assert target.read_bytes() == b"first"
    assert sorted(os.listdir(target.parent)) == ["out.bin"]
