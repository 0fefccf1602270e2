"""Accounts in the browser (issue 9): an administrator's first log-in
enrols the second factor (QR code drawn by the server, the key read from the
page, the first code, the recovery codes shown once); the code step of the
next log-in; "Đổi mật khẩu" (a common password refused with the rule under
the field, then a good one); an account's sessions on its page, one ended
with "Kết thúc phiên" (that session then gets 401).  Screenshots at 360 and
1280 px in tests/artifacts/."""
import sqlite3

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from support import Client, error_of, unique
from ui import csp_errors, enrol, give_code, login_step, make_browser, shot, wait

PASSWORD = "cau-dai-de-nho-cua-toi"


@pytest.fixture(scope="module")
def browser():
    d = make_browser()
    yield d
    d.quit()


def password_step(d, server, username):
    d.delete_all_cookies()
    d.get(server.url("/?fresh#/login"))
    d.refresh()
    user = wait(d, EC.element_to_be_clickable((By.NAME, "username")))
    user.send_keys(username)
    d.find_element(By.NAME, "password").send_keys(server.passwords[username])
    d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    return wait(d, login_step)


def test_administrator_enrols_then_gives_codes(browser, server):
    d = browser
    name = unique("t.ui.admin.")
    server.add_user(name, "admin", "VN", PASSWORD)
    assert password_step(d, server, name) == "enrol"
    text = d.find_element(By.CSS_SELECTOR, ".login-card").text
    assert "bắt buộc dùng xác thực hai bước" in text
    enrol(d, server, name, shots="totp")
    wait(d, lambda d: "#/login" not in d.current_url)
    # The next log-in asks for a code.
    d.find_element(By.ID, "logout").click()
    wait(d, lambda d: "#/login" in d.current_url)
    assert password_step(d, server, name) == "code"
    assert "Xác thực hai bước" in d.find_element(By.CSS_SELECTOR, ".login-card").text
    give_code(d, server, name, shots="totp")
    assert not csp_errors(d), csp_errors(d)


def test_change_password_page(browser, server):
    d = browser
    name = unique("t.ui.staff.")
    server.add_user(name, "staff", "HY", PASSWORD)
    assert password_step(d, server, name) == "done"
    d.get(server.url("/#/security"))
    wait(d, EC.presence_of_element_located((By.NAME, "old_password")))
    wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, ".security-totp .badge")))
    shot(d, "security", 360)
    shot(d, "security", 1280)
    assert "Đổi mật khẩu" in d.find_element(By.TAG_NAME, "main").text
    d.find_element(By.NAME, "old_password").send_keys(PASSWORD)
    d.find_element(By.NAME, "new_password").send_keys("password123")
    d.find_element(By.NAME, "new_password2").send_keys("password123")
    d.find_element(By.CSS_SELECTOR, ".security-password button[type=submit]").click()
    err = wait(d, lambda d: ([e for e in d.find_elements(
        By.CSS_SELECTOR, ".security-password .field-error, .security-password .form-error")
        if e.is_displayed() and e.text] or [None])[0])
    assert "phổ biến" in err.text and "10 ký tự" in err.text, err.text
    shot(d, "security-common", 360)
    for n in ("new_password", "new_password2"):
        el = d.find_element(By.NAME, n)
        el.clear()
        el.send_keys("mot-cau-moi-that-dai")
    d.find_element(By.CSS_SELECTOR, ".security-password button[type=submit]").click()
    wait(d, lambda d: "Đã đổi mật khẩu" in d.find_element(By.TAG_NAME, "main").text)
    server.passwords[name] = "mot-cau-moi-that-dai"
    assert Client(server, name).get("/api/v1/me").status_code == 200
    assert not csp_errors(d), csp_errors(d)


def test_sessions_ended_from_the_account_page(browser, server):
    d = browser
    staff = unique("t.ui.sess.")
    server.add_user(staff, "viewer", "HY", PASSWORD)
    first, second = Client(server, staff), Client(server, staff)
    admin = unique("t.ui.root.")
    server.add_user(admin, "admin", "VN", PASSWORD)
    Client(server, admin)            # enrolled through the API helper
    assert password_step(d, server, admin) == "code"
    give_code(d, server, admin)
    con = sqlite3.connect("file:%s?mode=ro" % server.db, uri=True)
    (aid,) = con.execute("SELECT id FROM account WHERE username = ?", (staff,)).fetchone()
    con.close()
    d.get(server.url("/#/accounts/%d" % aid))
    wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, ".session-item")))
    assert len(d.find_elements(By.CSS_SELECTOR, ".session-item")) == 2
    for width in (360, 1280):
        d.set_window_size(width, 900)
        d.execute_script("document.querySelector('.account-totp').scrollIntoView()")
        shot(d, "account-sessions", width)
    assert "Phiên đăng nhập" in d.find_element(By.TAG_NAME, "main").text
    # The newest first: that is `second`'s.
    d.find_elements(By.CSS_SELECTOR, ".session-item button")[0].click()
    ok = wait(d, EC.element_to_be_clickable((By.CSS_SELECTOR, "dialog .btn-danger")))
    ok.click()
    wait(d, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".session-item")) == 1)
    error_of(second.get("/api/v1/me"), 401, "unauthenticated")
    assert first.get("/api/v1/me").status_code == 200
    assert not csp_errors(d), csp_errors(d)
