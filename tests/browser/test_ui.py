"""The web UI in headless Chromium against the real server: log in, search a
person accent-insensitively, open them, edit with a server-side error shown
under the field; the tree browser; a secretary sees only their cell.
Screenshots at 360 and 1280 px go to tests/artifacts/."""

import sqlite3

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from ui import csp_errors, login, main_text, make_browser, shot, wait


@pytest.fixture(scope="module")
def browser():
    d = make_browser()
    yield d
    d.quit()


def test_login_search_open_person(browser, server):
    d = browser
    d.set_window_size(1280, 900)
    d.get(server.url("/"))
    wait(d, EC.presence_of_element_located((By.NAME, "username")))
    shot(d, "login", 360)
    shot(d, "login", 1280)

    # Wrong password: the Vietnamese message, no navigation.
    d.find_element(By.NAME, "username").send_keys("bacninh.tuyengiao")
    d.find_element(By.NAME, "password").send_keys("sai-mat-khau-123")
    d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait(d, lambda d: "không đúng" in d.find_element(By.TAG_NAME, "main").text)

    login(d, server, "bacninh.tuyengiao")
    d.get(server.url("/#/people"))
    box = wait(d, EC.element_to_be_clickable((By.CSS_SELECTOR, "input[type=search]")))
    box.send_keys("nguyen van sang")
    link = wait(d, EC.element_to_be_clickable(
        (By.XPATH, "//main//a[normalize-space()='Nguyễn Văn Sáng'] | "
                   "//main//*[contains(@class,'row-link')][contains(., 'Nguyễn Văn Sáng')]")))
    shot(d, "people-search", 360)
    shot(d, "people-search", 1280)
    d.set_window_size(1280, 900)
    link = wait(d, EC.element_to_be_clickable(
        (By.XPATH, "//main//*[contains(@class,'row-link')][contains(., 'Nguyễn Văn Sáng')] | "
                   "//main//a[normalize-space()='Nguyễn Văn Sáng']")))
    link.click()
    wait(d, lambda d: "/people/" in d.current_url)
    h1 = wait(d, EC.visibility_of_element_located((By.CSS_SELECTOR, "main h1")))
    wait(d, lambda d: "Nguyễn Văn Sáng" in d.find_element(By.CSS_SELECTOR, "main h1").text)
    main = d.find_element(By.TAG_NAME, "main").text
    assert "Bí thư Chi bộ thôn Quế Ổ" in main
    shot(d, "person", 360)
    shot(d, "person", 1280)
    assert not csp_errors(d), csp_errors(d)
    assert h1.text.strip().startswith("Nguyễn Văn Sáng")


def test_search_count_capped(browser, server):
    # A search matching more than 1.000 people says so instead of a count.
    d = browser
    login(d, server, "admin")
    d.get(server.url("/#/people?q=nguyen"))
    wait(d, lambda d: "hơn 1.000 kết quả" in main_text(d))


def test_edit_shows_server_error_under_field(browser, server):
    d = browser
    d.set_window_size(1280, 900)
    login(d, server, "bacninh.tuyengiao")
    d.get(server.url("/#/people?q=nguyen%20van%20sang"))
    link = wait(d, EC.element_to_be_clickable(
        (By.XPATH, "//main//*[contains(@class,'row-link')][contains(., 'Nguyễn Văn Sáng')] | "
                   "//main//a[normalize-space()='Nguyễn Văn Sáng']")))
    href = link.get_attribute("href")
    pid = href.rstrip("/").split("/")[-1]
    d.get(server.url("/#/people/%s/edit" % pid))
    joined = wait(d, EC.element_to_be_clickable((By.NAME, "party_joined")))
    # A date the client accepts but the server refuses (in the future).
    joined.clear()
    joined.send_keys("01/01/2099")
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(d, lambda d: d.find_element(By.NAME, "party_joined").get_attribute("aria-invalid") == "true")
    err = d.find_element(By.TAG_NAME, "main").text
    assert "tương lai" in err, err
    shot(d, "person-edit-error", 360)
    shot(d, "person-edit-error", 1280)


def org_id(server, code):
    con = sqlite3.connect("file:%s?mode=ro" % server.db, uri=True)
    (oid,) = con.execute("SELECT id FROM org WHERE code = ?", (code,)).fetchone()
    con.close()
    return oid


def test_tree_shows_merger(browser, server):
    d = browser
    d.set_window_size(1280, 900)
    login(d, server, "hungyen.tuyengiao")
    d.get(server.url("/#/orgs"))
    wait(d, lambda d: "Đảng bộ tỉnh Hưng Yên" in main_text(d))
    wait(d, lambda d: "Đảng bộ tỉnh Thái Bình" in main_text(d))
    shot(d, "tree", 360)
    shot(d, "tree", 1280)
    d.set_window_size(1280, 900)

    # Expand Thái Bình (closed on 1/7/2025): its districts as they stood.
    tb = d.find_element(By.XPATH, "//main//li[.//a[normalize-space()='Đảng bộ tỉnh Thái Bình']]"
                                  "//button[@aria-expanded]")
    tb.click()
    wait(d, lambda d: "Đảng bộ huyện Thái Thụy" in main_text(d))
    assert "Đảng bộ huyện Tiền Hải" in main_text(d)
    shot(d, "tree-thai-binh", 1280)

    # A commune merged in 2025 names its successor, which lists it back.
    d.get(server.url("/#/orgs/%d" % org_id(server, "TB.TT.THUY_HAI")))
    wait(d, lambda d: "Đảng bộ xã Thụy Hải" in main_text(d) and "Hợp nhất vào" in main_text(d))
    assert "Đảng bộ xã Thái Thụy" in main_text(d)
    assert "01/07/2025" in main_text(d)
    shot(d, "org-merged", 360)
    shot(d, "org-merged", 1280)
    d.get(server.url("/#/orgs/%d" % org_id(server, "HY.THAI_THUY")))
    wait(d, lambda d: "Được hợp nhất từ" in main_text(d))
    assert "Đảng bộ xã Thụy Hải" in main_text(d)


def test_secretary_sees_only_the_cell(browser, server):
    d = browser
    d.set_window_size(1280, 900)
    login(d, server, "bithu.queo")
    d.get(server.url("/#/orgs"))
    wait(d, lambda d: "Chi bộ thôn Quế Ổ" in d.find_element(By.TAG_NAME, "main").text)
    text = d.find_element(By.TAG_NAME, "main").text
    assert "Hưng Yên" not in text and "Thái Bình" not in text
    d.get(server.url("/#/people?q=do%20van%20hien"))
    wait(d, lambda d: "Đỗ Văn Hiện" not in d.find_element(By.TAG_NAME, "main").text
         and ("Không" in d.find_element(By.TAG_NAME, "main").text))
    shot(d, "secretary-people", 360)
