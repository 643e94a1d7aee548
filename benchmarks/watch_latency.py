"""Save → new page image in the browser, for a warm `publish watch` (`make bench`).

The browser is Debian's chromium driven by selenium when both are installed;
the page records when each new image finished loading (Date.now(), the same
clock as time.time() here). Without a browser, a client reading the event
stream and fetching the image as the page does stands in, and says so.
"""
from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Two versions of one paragraph, both in characters the page already has: the
# edit an editor makes most (a phrase cut or put back), not a new glyph.
CUT = ("全覆盖开展党的二十届四中全会精神宣讲，", "")


def _start(meeting: Path, out: Path, env: dict) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "publish", "watch", str(meeting), "-o", str(out), "--port", "0", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=ROOT, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not m:
        proc.kill()
        raise SystemExit("publish watch did not start: " + line + proc.stdout.read())
    return proc, m.group(0)


def _state(url: str) -> dict:
    with urllib.request.urlopen(url + "state", timeout=30) as r:
        return json.loads(r.read())


def _wait(url: str, pred, timeout: float = 120) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        st = _state(url)
        if pred(st):
            return st
        time.sleep(0.05)
    raise SystemExit("publish watch: no rebuild within the time allowed")


def _browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    if not (chromium and driver):
        return None
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        opts.add_argument(a)
    return webdriver.Chrome(options=opts, service=Service(driver))


def measure(reference: Path, work: Path, env: dict, runs: int) -> tuple[float, str, list[dict]]:
    """Median seconds from a saved edit to the new image shown, how it was seen, and per run
    the server's own figures (wall seconds to the image, CPU seconds of the rebuild thread, phases)."""
    meeting = work / "watch-meeting"
    shutil.copytree(reference, meeting)
    path = sorted((meeting / "speakers").glob("*.md"))[0]
    original = path.read_text("utf-8")
    assert CUT[0] in original, "the benchmark's edit no longer matches the reference text"
    proc, url = _start(meeting, work / "watch-out", env)
    browser = None
    times, server = [], []
    try:
        st = _wait(url, lambda s: s.get("phase") == "done")
        browser = _browser()
        how = "chromium" if browser else "event stream + image fetch (no chromium)"
        if browser:
            browser.get(url)
            _poll(lambda: browser.execute_script("return window.__watch.generation"))
        for i in range(runs + 1):                  # the first edit warms the paths an edit takes
            gen = st["preview"]["generation"]
            text = original.replace(*CUT, 1) if i % 2 == 0 else original
            time.sleep(0.3)
            path.write_text(text, "utf-8")
            t0 = time.time()
            if browser:
                loaded = _poll(lambda: browser.execute_script(
                    "const w = window.__watch; return w.generation > %d ? w.loadedAt : null" % gen))
                secs = loaded / 1000 - t0
            else:
                st = _wait(url, lambda s: (s.get("preview") or {}).get("generation", 0) > gen, 60)
                with urllib.request.urlopen(f"{url}page/{st['preview']['generation']}/1.jpg?w=1200", timeout=30) as r:
                    r.read()
                secs = time.time() - t0
            st = _wait(url, lambda s: s.get("phase") == "done" and s["preview"]["generation"] > gen)
            if i:
                times.append(secs)
                server.append({"seconds": secs, "server": st["seconds"], "cpu": st["cpu_seconds"],
                               "phases": st["phases"], "noticed": st["clock"]["noticed"] - t0,
                               "browser": secs - (st["clock"]["shown"] - t0)})
    finally:
        if browser:
            browser.quit()
        proc.terminate()
        proc.wait(timeout=20)
    return statistics.median(times), how, server


def _poll(get, timeout: float = 60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = get()
        if v:
            return v
        time.sleep(0.005)
    raise SystemExit("the browser showed no new page in time")
