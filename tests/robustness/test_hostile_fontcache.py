"""A damaged, read-only or misplaced font cache: every entry is checked when read,
a damaged one is rebuilt with a one-line notice, and the build still succeeds."""

from __future__ import annotations

import errno
import json
import shutil

import pytest

from .bounded import cli
from .helpers import copy_layout, copy_meeting, pdf_text

NOTICE = "提示：字体缓存中的 {} 已损坏，已重新生成。"


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A cache warmed by one build of the reference meeting."""
    t = tmp_path_factory.mktemp("warm")
    m = copy_meeting(t)
    cache = t / "cache"
    r = cli("build", m, "-f", "pdf", "-o", t / "out", "-q", env={"PUBLISH_FONT_CACHE": str(cache)}, seconds=600)
    assert r.returncode == 0, r.stderr
    return cache


@pytest.fixture
def cache(warm, tmp_path):
    c = tmp_path / "cache"
    shutil.copytree(warm, c)
    return c


def _build(tmp_path, cache, *extra):
    m = copy_meeting(tmp_path)
    out = tmp_path / "out"
    r = cli("build", m, "-f", "pdf", "-o", out, "-q", *extra, env={"PUBLISH_FONT_CACHE": str(cache)}, seconds=600)
    return r, out / "yongchuan-2026-q1.pdf"


def _notices(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("提示：字体缓存中的")]


def _ok(r, pdf):
    assert r.returncode == 0, r.stderr
    assert "坚定信心" in pdf_text(pdf)


def test_truncated_subset_is_rebuilt(cache, tmp_path):
    ttf = sorted((cache / "subsets").glob("*.ttf"))[0]
    ttf.write_bytes(ttf.read_bytes()[:1000])
    r, pdf = _build(tmp_path, cache)
    _ok(r, pdf)
    assert _notices(r.stderr) == [NOTICE.format(f"字体子集 {ttf.name}")]
    # repaired: the next build is quiet
    r2, _ = _build(tmp_path / "again", cache)
    assert r2.returncode == 0 and _notices(r2.stderr) == []


def test_subset_json_garbage(cache, tmp_path):
    meta = sorted((cache / "subsets").glob("*.json"))[0]
    meta.write_text('{"advances": [1, 2', "utf-8")
    r, pdf = _build(tmp_path, cache)
    _ok(r, pdf)
    assert _notices(r.stderr) == [NOTICE.format(f"字体子集 {meta.with_suffix('.ttf').name}")]


def test_subset_swapped_for_another(cache, tmp_path):
    a, b = sorted((cache / "subsets").glob("*.ttf"))[:2]
    a.write_bytes(b.read_bytes())  # whole, but not the font its .json describes
    r, pdf = _build(tmp_path, cache)
    _ok(r, pdf)
    assert _notices(r.stderr) == [NOTICE.format(f"字体子集 {a.name}")]


def test_truncated_cmap_is_rebuilt(cache, tmp_path):
    shutil.rmtree(cache / "subsets")  # so the glyph store is read
    cmap = sorted((cache / "faces").glob("*/cmap.bin"))[0]
    cmap.write_bytes(cmap.read_bytes()[:100])
    r, pdf = _build(tmp_path, cache)
    _ok(r, pdf)
    assert _notices(r.stderr) == [NOTICE.format(f"字形表 {cmap.parent.name}/cmap.bin")]


def test_info_json_garbage(cache, tmp_path):
    shutil.rmtree(cache / "subsets")
    info = sorted((cache / "faces").glob("*/info.json"))[0]
    info.write_text("{", "utf-8")
    r, pdf = _build(tmp_path, cache)
    _ok(r, pdf)
    assert _notices(r.stderr) == [NOTICE.format(f"字形表 {info.parent.name}/cmap.bin")]


def test_damaged_glyph_record(cache, tmp_path):
    shutil.rmtree(cache / "subsets")
    glyphs = sorted((cache / "faces").glob("*/glyphs.bin"), key=lambda p: p.stat().st_size)[-1]
    data = bytearray(glyphs.read_bytes())
    data[40:48] = b"XXXXXXXX"  # inside the first record's outline bytes
    glyphs.write_bytes(bytes(data))
    r, pdf = _build(tmp_path, cache)
    _ok(r, pdf)
    assert _notices(r.stderr) == [NOTICE.format("字形库 glyphs.bin 中的记录")]


@pytest.mark.parametrize("text", ["[1, 2]", "{", '{"Noto Serif CJK SC": {"path": 3}}'])
def test_wrong_faces_json(cache, tmp_path, text):
    (cache / "faces.json").write_text(text, "utf-8")
    r, pdf = _build(tmp_path, cache)
    _ok(r, pdf)
    assert len(_notices(r.stderr)) <= 1
    assert isinstance(json.loads((cache / "faces.json").read_text("utf-8")), dict)


def test_faces_json_record_of_wrong_shape(cache, tmp_path):
    data = json.loads((cache / "faces.json").read_text("utf-8"))
    key = sorted(data)[0]
    data[key] = {"path": "/etc/passwd", "index": "zero"}
    (cache / "faces.json").write_text(json.dumps(data), "utf-8")
    r, pdf = _build(tmp_path, cache)
    _ok(r, pdf)
    assert _notices(r.stderr) == [NOTICE.format(f"字体索引 faces.json 中“{key}”这一项")]


def test_cache_path_is_a_file(tmp_path):
    f = tmp_path / "cachefile"
    f.write_text("x", "utf-8")
    r, _ = _build(tmp_path, f)
    assert (r.returncode, r.stderr.strip()) == (
        3,
        f"{f}: 字体缓存的位置是一个文件，不是文件夹。请删去或改名这个文件，"
        "或设置环境变量 PUBLISH_FONT_CACHE 指向一个文件夹。",
    )
    assert f.read_text("utf-8") == "x"


def test_read_only_cache_serves(cache, tmp_path, monkeypatch):
    """Every write into the cache fails as on a read-only disk: the build still succeeds,
    the missing subset is made in a private folder, and the cache is unchanged."""
    from publish.fonts import cache as cache_mod
    from publish.fonts import glyphs, resolve, subset

    from .helpers import build

    victim = sorted((cache / "subsets").glob("*.ttf"))[0]
    victim.unlink()
    victim.with_suffix(".json").unlink()
    before = {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()}

    def refuse(*a, **kw):
        raise OSError(errno.EROFS, "Read-only file system")

    real_open = open
    real_write = cache_mod.write_atomic

    def ro_write(path, data):
        if str(cache) in str(path):
            refuse()
        real_write(path, data)

    def ro_open(path, mode="r", *a, **kw):
        if any(c in mode for c in "wa+") and str(cache) in str(path):
            refuse()
        return real_open(path, mode, *a, **kw)

    monkeypatch.setenv("PUBLISH_FONT_CACHE", str(cache))
    for mod in (subset, glyphs, resolve):
        monkeypatch.setattr(mod, "write_atomic", ro_write)
    monkeypatch.setattr(cache_mod, "open", ro_open, raising=False)
    monkeypatch.setattr(glyphs, "open", ro_open, raising=False)
    monkeypatch.setattr(glyphs, "_stores", {})
    res = build(copy_meeting(tmp_path), tmp_path / "out")
    assert "坚定信心" in pdf_text(res.outputs[0])
    assert {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()} == before
    assert not victim.exists()


def test_font_path_that_is_not_a_font(tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    fake = tmp_path / "notafont.ttf"
    fake.write_text("this is text, not a font\n", "utf-8")
    y = lay / "layout.yaml"
    y.write_text(y.read_text("utf-8").replace('song: ["Noto Serif CJK SC"]', f'song: ["{fake}"]'), "utf-8")
    r = cli("build", m, "--layout", lay, "-o", tmp_path / "out")
    assert (r.returncode, r.stderr.strip()) == (
        2,
        f"{fake}: 这不是字体文件（TrueType .ttf、OpenType .otf 或字体集 .ttc）。"
        "请在版式的 fonts 中改成字体文件的路径或字体名称。",
    )


def test_font_path_that_is_a_fifo(tmp_path):
    import os

    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    fifo = tmp_path / "font.ttf"
    os.mkfifo(fifo)
    y = lay / "layout.yaml"
    y.write_text(y.read_text("utf-8").replace('song: ["Noto Serif CJK SC"]', f'song: ["{fifo}"]'), "utf-8")
    r = cli("build", m, "--layout", lay, "-o", tmp_path / "out", seconds=60)
    assert (r.returncode, r.stderr.strip()) == (
        2,
        f"{fifo}: 这不是普通文件，而是命名管道（FIFO），不能作为字体文件读取。请换成真正的文件。",
    )
