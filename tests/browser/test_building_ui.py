"""The dashboard of a year whose figures are still being computed in the
background (api_keeper.c): it says so in Vietnamese with the progress
("Đang tính số liệu năm 2022 (43%)"), asks again by itself, and shows the
figures once the year is kept — nobody presses anything, nobody waits for
a request.  Screenshots at 360 and 1280 px go to tests/artifacts/."""
import re

import pytest
from selenium.webdriver.common.by import By

from support import Server
from ui import csp_errors, login, make_browser, shot, wait

YEAR = 2022         # not kept by the demo without its records


@pytest.fixture(scope="module")
def browser():
    d = make_browser()
    yield d
    d.quit()


@pytest.fixture(scope="module")
def slow(tmp_path_factory):
    """Every tree answered "being computed" until its year is kept, and a
    build slow enough to be seen (a few rows per transaction)."""
    s = Server(tmp_path_factory.mktemp("buildui"), "buildui",
               args=["--live-units", "0", "--build-chunk", "3"])
    yield s
    assert s.stop() == 0


def test_the_dashboard_shows_the_progress_then_the_figures(browser, slow):
    d = browser
    login(d, slow, "admin")
    d.get(slow.url("/#/dashboard?year=%d" % YEAR))
    shown = re.compile(r"Đang tính số liệu năm (%d|%d) \(\d+%%\)" % (YEAR, YEAR - 1))
    try:
        box = wait(d, lambda d: next((b for b in d.find_elements(
            By.CSS_SELECTOR, ".building-box") if shown.search(b.text)), None), timeout=30)
    except Exception:
        raise AssertionError(d.current_url + "\n" + d.find_element(By.TAG_NAME, "main").text)
    text = box.text
    assert "Số liệu sẽ hiện khi tính xong" in text
    assert box.get_attribute("role") == "status"
    bar = box.find_element(By.TAG_NAME, "progress")
    assert 0 <= int(bar.get_attribute("value")) < 100
    # No English, no code, no id on the screen.
    assert "building" not in text and "503" not in text
    for width in (360, 1280):
        shot(d, "dashboard-building", width)
    # It asks again by itself until the figures are there.
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, ".ind-card"), timeout=240)
    assert not d.find_elements(By.CSS_SELECTOR, ".building-box")
    shot(d, "dashboard-built", 1280)
    assert not csp_errors(d)
