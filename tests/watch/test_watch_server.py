"""`publish watch` as a process: what it serves, to whom, what it writes, how it stops."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import time

import pytest

from .helpers import WatchProcess

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def watch(tmp_path_factory):
    w = WatchProcess(tmp_path_factory.mktemp("watch"))
    w.wait_status("good", timeout=180)
    yield w
    w.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def speaker(w, n=0):
    return sorted((w.meeting / "speakers").glob("*.md"))[n]


def listening_addresses(port: int) -> set[str]:
    """Local addresses of sockets listening on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:  # 0A = LISTEN
                if len(addr) == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(addr)[::-1]))
                else:
                    found.add(addr)
    return found


def test_binds_loopback_only(watch):
    assert listening_addresses(watch.port) == {"127.0.0.1"}
    # and it is not reachable on this machine's other addresses
    others = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    for addr in others:
        with pytest.raises(OSError):
            socket.create_connection((addr, watch.port), timeout=2).close()


def test_serves_the_current_outputs(watch):
    st = watch.state()
    pdf = watch.out / "yongchuan-2026-q1.pdf"
    assert st["outputs"]["pdf"]["name"] == pdf.name
    status, body, headers = watch.get("/download/yongchuan-2026-q1.pdf")
    assert status == 200 and body == pdf.read_bytes() and headers["Content-Type"] == "application/pdf"
    status, body, _ = watch.get("/download/yongchuan-2026-q1.docx")
    assert status == 200 and body == (watch.out / "yongchuan-2026-q1.docx").read_bytes()
    status, body, headers = watch.get(f"/page/{st['preview']['generation']}/1.jpg?w=600")
    assert status == 200 and body[:3] == b"\xff\xd8\xff" and headers["Content-Type"] == "image/jpeg"


TRAVERSALS = [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/download/../../../../etc/passwd",
    "/download/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/download/%2e%2e%2f%2e%2e%2fyongchuan-2026-q1%2fmeeting.yaml",
    "/download/%252e%252e%252fmeeting.yaml",
    "/download//etc/passwd",
    "/download/%2Fetc%2Fpasswd",
    "/download/meeting.yaml",
    "/download/yongchuan-2026-q1.pdf/../../yongchuan-2026-q1/meeting.yaml",
    "/download/yongchuan-2026-q1.pdf%00.txt",
    "/static/../server.py",
    "/static/..%2fserver.py",
    "/static/%2e%2e%2f__init__.py",
    "/static//etc/passwd",
    "//etc/passwd",
    "/etc/passwd",
    "/page/1/1.jpg/../../../etc/passwd",
    "/yongchuan-2026-q1/meeting.yaml",
    "/build/yongchuan-2026-q1.pdf",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_serves_nothing_outside_the_outputs(watch, path):
    status, body, _ = watch.get(path)
    assert status == 404
    assert b"root:" not in body and "publication".encode() not in body and b"import" not in body


def test_absolute_paths_refused(watch):
    for target in (watch.meeting / "meeting.yaml", watch.out / "yongchuan-2026-q1.pdf", "/etc/passwd"):
        status, _, _ = watch.get("/download/" + str(target))
        assert status == 404
        status, _, _ = watch.get("/download/" + str(target).replace("/", "%2F"))
        assert status == 404


def test_other_host_names_refused(watch):
    """A web page elsewhere must not read the preview through a name pointed at 127.0.0.1."""
    status, body, _ = watch.get("/state", host="attacker.example:%d" % watch.port)
    assert status == 403 and b"meeting" not in body
    status, _, _ = watch.get("/state", host=f"localhost:{watch.port}")
    assert status == 200


def test_broken_edit_keeps_last_good_outputs(watch):
    pdf, docx = watch.out / "yongchuan-2026-q1.pdf", watch.out / "yongchuan-2026-q1.docx"
    before = digest(pdf), digest(docx)
    meeting = watch.meeting / "meeting.yaml"
    good = meeting.read_text("utf-8")
    gen = watch.state()["preview"]["generation"]
    meeting.write_text(good.replace("title: ", "title: [未闭合\n  x: ", 1), "utf-8")
    st = watch.wait_status("error")
    assert any("meeting.yaml:" in e for e in st["errors"]), st["errors"]
    assert st["preview"]["generation"] == gen  # the last good page stays
    # proof finds the broken line too: it is listed once, as the error
    broken = {re.match(r".+?:\d+", e).group(0) + ":" for e in st["errors"]}
    assert not any(w["text"].startswith(tuple(broken)) for w in st["warnings"]), (broken, st["warnings"])
    assert (digest(pdf), digest(docx)) == before
    meeting.write_text(good, "utf-8")
    st = watch.wait_status("good")
    assert not any("meeting.yaml" in e for e in st["errors"]) and st["preview"]["generation"] > gen
    assert not list(watch.out.glob(".*.part"))


def test_overflow_shows_the_page_but_keeps_outputs(watch):
    pdf = watch.out / "yongchuan-2026-q1.pdf"
    before = digest(pdf)
    path = speaker(watch, 2)
    good = path.read_text("utf-8")
    path.write_text(
        good + ("\n\n" + "会议要求，各部门要坚定信心、真抓实干，全力以赴推动经济社会高质量发展。" * 12) * 12, "utf-8"
    )
    st = watch.wait_status("overflow")
    blocks = {b["key"]: b for b in st["preview"]["blocks"]}
    assert blocks[path.stem]["unplaced"] > 0 or blocks[path.stem]["state"] in ("over", "overflow")
    assert any("排不下" in e for e in st["errors"])
    assert digest(pdf) == before
    path.write_text(good, "utf-8")
    watch.wait_status("good")


def test_survives_what_editors_do(watch):
    path = speaker(watch, 1)
    good = path.read_text("utf-8")
    # a half-saved file
    path.write_text(good[: len(good) // 3].split("---")[0] + "---\nheadline: 半", "utf-8")
    st = watch.wait_status("error")
    assert any(path.name in e for e in st["errors"])
    # an atomic-rename save (write a temporary file, rename it over the original)
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(good.replace("坚持", "始终坚持", 1), "utf-8")
    os.replace(tmp, path)
    watch.wait_status("good")
    # deleted, then back
    path.unlink()
    st = watch.wait_status("error")
    assert any(path.stem in e and "meeting.yaml:" in e for e in st["errors"]), st["errors"]
    path.write_text(good, "utf-8")
    watch.wait_status("good")
    # renamed away and back
    moved = path.with_name("zz-" + path.name)
    path.rename(moved)
    watch.wait_status("error")
    moved.rename(path)
    watch.wait_status("good")


def test_swap_files_do_not_rebuild(watch):
    watch.wait_status("good")
    builds = watch.state()["builds"]
    sp = watch.meeting / "speakers"
    junk = [
        sp / ".01-zhang-xiaomei.md.swp",
        sp / "01-zhang-xiaomei.md~",
        sp / "4913",
        sp / "#01.md#",
        watch.meeting / ".meeting.yaml.swx",
    ]
    for j in junk:
        j.write_text("垃圾 ---\n: [", "utf-8")
    time.sleep(1.5)
    for j in junk:
        j.unlink()
    time.sleep(1.0)
    assert watch.state()["builds"] == builds


def test_whole_folder_renamed_away_and_back(watch):
    watch.wait_status("good")
    away = watch.meeting.with_name("elsewhere")
    watch.meeting.rename(away)
    watch.wait_status("error")
    away.rename(watch.meeting)
    st = watch.wait_status("good", pred=lambda s: not any("找不到" in e for e in s["errors"]))
    # and it still follows edits afterwards
    path = speaker(watch, 0)
    text = path.read_text("utf-8")
    path.write_text(text.replace("全区", "全区上下", 1), "utf-8")
    watch.wait(lambda s: s["builds"] > st["builds"] and s.get("phase") == "done", what="a rebuild after the move")


def test_blurry_photo_shows_the_page_but_keeps_outputs(watch):
    """What stops `build` (here a photo far below the layout's minimum ppi) stops the outputs,
    not the preview: the page with the photo is shown, the problem listed at its line."""
    from PIL import Image

    pdf = watch.out / "yongchuan-2026-q1.pdf"
    before = digest(pdf)
    (watch.meeting / "portraits").mkdir(exist_ok=True)
    Image.new("RGB", (12, 16), (120, 90, 60)).save(watch.meeting / "portraits" / "tiny.jpg")
    path = speaker(watch, 3)
    good = path.read_text("utf-8")
    gen = watch.state()["preview"]["generation"]
    path.write_text(good.replace("\nname:", "\nportrait: portraits/tiny.jpg\nname:", 1), "utf-8")
    st = watch.wait_status("blocked")
    assert st["preview"]["generation"] > gen
    assert any(re.match(rf".*{path.name}:\d+: .*tiny\.jpg.*ppi", e) for e in st["errors"]), st["errors"]
    assert digest(pdf) == before
    path.write_text(good, "utf-8")
    watch.wait_status("good")
