"""What the browser tests share: headless Chromium with the flags of
test_ui.py, waiting, logging in through the form, screenshots at a width
into tests/artifacts/ (failing when the page overflows horizontally), and
the console errors (CSP violations, script errors)."""
import os
import tempfile
import time

import requests

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from support import TOTP_STEP, next_totp_step, totp

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
    step = wait(d, login_step)
    if step == "enrol":
        enrol(d, server, username)
    elif step == "code":
        give_code(d, server, username)
    wait(d, lambda d: "#/login" not in d.current_url)


def login_step(d):
    """Where a log-in stands: "done", "code" (the second step), "enrol" (an
    administrator's enrolment), or False (not yet)."""
    if "#/login" not in d.current_url:
        return "done"
    if d.find_elements(By.CSS_SELECTOR, "button.enrol-start"):
        return "enrol"
    if d.find_elements(By.CSS_SELECTOR, ".login-card input[name=code]") and \
            not d.find_elements(By.CSS_SELECTOR, ".totp-enrol"):
        return "code"
    return False


def enrol(d, server, username, shots=None):
    """An administrator's first log-in: the QR code, its key read from the
    page, the first code, the recovery codes kept (in server.factors, as
    support.Client keeps them).  shots: a name to screenshot each screen."""
    wait(d, EC.element_to_be_clickable((By.CSS_SELECTOR, "button.enrol-start")))
    if shots:
        shot(d, shots + "-enrol", 360)
        shot(d, shots + "-enrol", 1280)
    d.find_element(By.CSS_SELECTOR, "button.enrol-start").click()
    secret_el = wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, ".totp-secret")))
    wait(d, lambda d: d.execute_script(
        "const i = document.querySelector('img.totp-qr'); return i && i.complete && i.naturalWidth > 0"))
    if shots:
        shot(d, shots + "-qr", 360)
        shot(d, shots + "-qr", 1280)
    secret = secret_el.get_attribute("textContent").replace(" ", "")
    step = int(time.time() // TOTP_STEP)
    code = d.find_element(By.NAME, "code")
    code.send_keys(totp(secret, step))
    d.find_element(By.CSS_SELECTOR, ".totp-enrol form button[type=submit]").click()
    wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, ".recovery-codes li")))
    codes = [li.get_attribute("textContent") for li in
             d.find_elements(By.CSS_SELECTOR, ".recovery-codes li")]
    assert len(codes) == 10, codes
    server.factors[username] = {"secret": secret, "last_step": step, "recovery": codes}
    if shots:
        shot(d, shots + "-codes", 360)
        shot(d, shots + "-codes", 1280)
    d.find_element(By.CSS_SELECTOR, ".totp-recovery .btn-primary").click()


def give_code(d, server, username, shots=None):
    """The second step: a code of the authenticator app, or a recovery code
    when this account's codes of the moment are used up (then new ones are
    made through the API with the browser's session)."""
    if shots:
        shot(d, shots + "-code", 360)
        shot(d, shots + "-code", 1280)
    f = server.factors[username]
    step = next_totp_step(f["last_step"])
    if step is not None:
        f["last_step"] = step
        d.find_element(By.NAME, "code").send_keys(totp(f["secret"], step))
    else:
        d.find_element(By.CSS_SELECTOR, "button.use-other").click()
        wait(d, EC.presence_of_element_located((By.NAME, "recovery_code"))).send_keys(
            f["recovery"].pop())
    d.find_element(By.CSS_SELECTOR, ".login-card form button[type=submit]").click()
    wait(d, lambda d: "#/login" not in d.current_url)
    if len(f["recovery"]) < 3:
        token = d.get_cookie("lt_session")["value"]
        r = requests.post(server.url("/api/v1/me/totp/recovery"), timeout=30,
                          headers={"Authorization": "Bearer " + token},
                          json={"password": server.passwords[username]})
        assert r.status_code == 200, r.text
        f["recovery"] = list(r.json()["recovery_codes"])


def main_text(d):
    return d.find_element(By.TAG_NAME, "main").text
