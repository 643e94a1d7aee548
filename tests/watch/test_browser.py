"""The live preview in a real browser (Debian's chromium, driven by selenium).

Set PUBLISH_SCREENSHOTS=docs/proofs to keep the screenshots of each state
(`make proofs` does); otherwise they go to the test's temporary folder."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .helpers import WatchProcess

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
WAIT_S = 90


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        msg = "chromium and chromium-driver are needed (tools/sysdeps.sh installs them)"
        pytest.fail(msg) if os.environ.get("CI") else pytest.skip(msg)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--force-device-scale-factor=1",
        "--lang=zh-CN",
    ):
        opts.add_argument(a)
    driver = webdriver.Chrome(options=opts, service=Service(DRIVER))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def shots(tmp_path):
    d = Path(os.environ.get("PUBLISH_SCREENSHOTS") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


def until(driver, cond, what):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(
        driver, WAIT_S, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)
    ).until(lambda d: cond(d), message=what)


def shown_generation(driver):
    return driver.execute_script("return window.__watch.generation")


# The page replaces its elements on every state: read them in one script, never
# through element handles that a state arriving meanwhile would make stale.


def yaml_errors(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('#error-list li')].map(li => li.textContent)"
        ".filter(t => t.includes('meeting.yaml'))"
    )


def errors_shown(driver) -> bool:
    return driver.execute_script("return !document.getElementById('errors').hidden")


def label(driver, key):
    return driver.execute_script(
        "const e = document.querySelector(`.label[data-key='${arguments[0]}']`); return e ? e.textContent : null", key
    )


def test_edit_break_fix_in_the_browser(tmp_path, browser, shots):
    from selenium.webdriver.common.by import By

    w = WatchProcess(tmp_path / "w")
    try:
        w.wait_status("good", timeout=180)
        browser.get(w.url)
        until(browser, lambda d: shown_generation(d) is not None, "the first page image")
        key = "03-tang-zhiyong"
        before_label = label(browser, key)
        assert before_label and re.fullmatch(r"唐智勇 \d+/\d+行 (正好|[+−]\d+行≈\d+字)", before_label), before_label
        page = browser.find_element(By.ID, "page-1")
        before_png = page.screenshot_as_png
        gen = shown_generation(browser)
        browser.save_screenshot(str(shots / "watch-1-page.png"))

        # An editor cuts a paragraph of one speaker and saves.
        path = w.meeting / "speakers" / f"{key}.md"
        text = path.read_text("utf-8")
        paras = text.split("\n\n")
        path.write_text("\n\n".join(paras[:-1]) + "\n", "utf-8")
        until(browser, lambda d: shown_generation(d) != gen and label(d, key) != before_label, "the edit to show")
        after_label = label(browser, key)
        st = w.wait_status("good")
        block = next(b for b in st["preview"]["blocks"] if b["key"] == key)
        over, cpl = block["over"], st["preview"]["chars_per_line"]
        diff = f"{'+' if over > 0 else '−'}{abs(over)}行≈{abs(over) * cpl}字" if over else "正好"
        assert after_label == f"唐智勇 {block['lines']}/{block['share']}行 {diff}", after_label
        assert browser.find_element(By.ID, "page-1").screenshot_as_png != before_png
        browser.save_screenshot(str(shots / "watch-2-edited.png"))

        # Then breaks the YAML of the meeting file.
        meeting = w.meeting / "meeting.yaml"
        good = meeting.read_text("utf-8")
        meeting.write_text(good.replace("title: ", "title: [", 1), "utf-8")
        until(browser, lambda d: errors_shown(d) and yaml_errors(d), "the error list")
        assert all(re.search(r"meeting\.yaml:\d+: ", t) for t in yaml_errors(browser))
        assert "failed" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
        assert browser.find_element(By.ID, "page-1").is_displayed()  # the last good page, dimmed behind
        broken_gen = shown_generation(browser)
        browser.save_screenshot(str(shots / "watch-3-error.png"))

        # And fixes it: the page comes back.
        meeting.write_text(good, "utf-8")
        until(browser, lambda d: not yaml_errors(d) and shown_generation(d) != broken_gen, "the page to come back")
        assert "failed" not in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
        assert label(browser, key) == after_label
        browser.save_screenshot(str(shots / "watch-4-fixed.png"))
    finally:
        w.close()


def test_zoom_asks_for_a_sharper_image(tmp_path, browser):
    from selenium.webdriver.common.by import By

    w = WatchProcess(tmp_path / "z")
    try:
        w.wait_status("good", timeout=180)
        browser.get(w.url)
        until(browser, lambda d: shown_generation(d) is not None, "the first page image")
        img = browser.find_element(By.ID, "page-1")
        width0 = img.size["width"]
        src0 = img.get_attribute("src")
        for _ in range(3):
            browser.find_element(By.ID, "zoom-in").click()
        until(browser, lambda d: d.find_element(By.ID, "page-1").get_attribute("src") != src0, "a new image")
        img = browser.find_element(By.ID, "page-1")
        assert img.size["width"] > 1.8 * width0
        asked = int(re.search(r"w=(\d+)", img.get_attribute("src")).group(1))
        assert asked > int(re.search(r"w=(\d+)", src0).group(1))
        assert browser.find_element(By.ID, "zoom-level").text == "195%"
        # the overlay scales with the page: a label still sits on its block
        width = browser.execute_script(
            "return document.querySelector('.mark.block[data-key=\"01-zhang-xiaomei\"]').getBoundingClientRect().width"
        )
        assert width > 0.1 * img.size["width"]
    finally:
        w.close()
