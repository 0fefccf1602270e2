"""What the browser tests share: headless Chromium with the flags of
test_ui.py, waiting, logging in through the form, screenshots at a width
into tests/artifacts/ (failing when the page overflows horizontally), and
the console errors (CSP violations, script errors)."""
import os
import tempfile

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "artifacts")


def make_browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run", "--disable-quic",
              "--user-data-dir=" + tempfile.mkdtemp(prefix="lamtheo-chrome-"),
              "--window-size=1280,900", "--lang=vi"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    d.set_page_load_timeout(30)
    return d


def wait(d, cond, timeout=15):
    """Waits for cond; an element replaced while it is read (the page
    re-rendered) or not there yet only means "not yet"."""
    return WebDriverWait(d, timeout, ignored_exceptions=(
        NoSuchElementException, StaleElementReferenceException)).until(cond)


def shot(d, name, width):
    os.makedirs(ARTIFACTS, exist_ok=True)
    d.set_window_size(width, 900)
    # Let the layout settle at the new width.
    d.execute_script("return document.body.offsetHeight")
    path = os.path.join(ARTIFACTS, "%s-%d.png" % (name, width))
    d.save_screenshot(path)
    assert os.path.getsize(path) > 1000
    overflow = d.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "%s overflows by %d px at %d px" % (name, overflow, width)
    return path


def csp_errors(d):
    """CSP violations and script errors in the console (the expected 401s of
    /me before log-in are network entries, not these)."""
    return [e["message"] for e in d.get_log("browser")
            if "Content Security Policy" in e["message"] or
            (e["level"] == "SEVERE" and "Failed to load resource" not in e["message"])]


def login(d, server, username):
    d.delete_all_cookies()
    d.get(server.url("/?fresh#/login"))
    d.refresh()
    user = wait(d, EC.element_to_be_clickable((By.NAME, "username")))
    user.clear()
    user.send_keys(username)
    pw = d.find_element(By.NAME, "password")
    pw.clear()
    pw.send_keys(server.passwords[username])
    d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait(d, lambda d: "#/login" not in d.current_url)


def main_text(d):
    return d.find_element(By.TAG_NAME, "main").text
