"""Issue 17: same content, layout and fonts → same bytes, whatever the font cache's age."""

import hashlib
import json
import time
import zipfile

import pikepdf
from fontTools.ttLib import TTFont

from .conftest import REFERENCE, run_cli


def _package(tmp_path, name):
    cache = tmp_path / f"cache-{name}"  # a fresh, empty font cache
    out = tmp_path / name
    r = run_cli("package", REFERENCE, "-o", out, env={"PUBLISH_FONT_CACHE": str(cache)})
    assert r.returncode == 0, r.stderr + r.stdout
    return out / "yongchuan-2026-q1-print.zip", cache


def test_two_fresh_font_caches_give_identical_pdf_and_package(tmp_path):
    a, cache_a = _package(tmp_path, "a")
    time.sleep(1.2)  # the caches are filled in different seconds
    b, _ = _package(tmp_path, "b")
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    assert za.read("yongchuan-2026-q1.pdf") == zb.read("yongchuan-2026-q1.pdf")
    assert a.read_bytes() == b.read_bytes()
    # The subsets carry the face's own dates, not the time the cache was filled.
    sub = sorted((cache_a / "subsets").glob("*.ttf"))[0]
    head = TTFont(str(sub))["head"]
    assert head.modified < time.time() + 2082844800 - 86400  # 1904 epoch


def test_manifest_names_the_font_files(tmp_path):
    a, _ = _package(tmp_path, "m")
    z = zipfile.ZipFile(a)
    man = json.loads(z.read("manifest.json"))
    fonts = man["fonts"]
    assert fonts
    with pikepdf.open(z.open("yongchuan-2026-q1.pdf")) as pdf:
        base = {str(f.get("/BaseFont")) for p in pdf.pages for _, f in p.Resources.Font.items()}
    assert len(base) >= len(fonts)
    from publish.fonts.resolve import find_face

    for f in fonts:
        assert f["version"].startswith("Version"), f
        face = find_face(f"{f['family']}:{f['style']}")
        assert face is not None, f
        data = open(face.path, "rb").read()
        assert f["file"]["name"] == face.path.rsplit("/", 1)[1]
        assert f["file"]["sha256"] == hashlib.sha256(data).hexdigest() and f["file"]["bytes"] == len(data)
