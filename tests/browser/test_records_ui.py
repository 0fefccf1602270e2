"""The campaign's records in headless Chromium against the real server:

(a) the secretary of "Chi bộ thôn Quế Ổ" records a regular cell meeting,
    ticks three members present and sees the counts, corrects the number
    of guests, and opens the history of changes;
(b) a member files a pledge; the secretary returns it with a reason; the
    member sees the reason, fixes the pledge and resubmits it; the
    secretary accepts it; the member records 30% progress.  Each state is
    checked on screen, and the end state through the API.

Screenshots at 360 and 1280 px go to tests/artifacts/."""
import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from support import Client, vn_today
from ui import csp_errors, login, main_text, make_browser, shot, wait

CELL = "BN.QV.CHI_LANG.QUE_O"


@pytest.fixture(scope="module")
def browser():
    d = make_browser()
    yield d
    d.quit()


def css(d, selector):
    return d.find_element(By.CSS_SELECTOR, selector)


def clickable(d, selector, timeout=15):
    return wait(d, EC.element_to_be_clickable((By.CSS_SELECTOR, selector)), timeout)


def type_into(d, selector, text):
    el = clickable(d, selector)
    el.clear()
    el.send_keys(text)
    return el


def record_id(d, path):
    """The id of the record page the browser is on (#/r/<path>/ID)."""
    m = wait(d, lambda d: re.search(r"#/r/%s/(\d+)$" % path, d.current_url))
    return int(m.group(1))


def badge_text(d):
    return css(d, "main .badges .rec-status").text


def wait_badge(d, text):
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main .badges .rec-status") and
         badge_text(d) == text)


def submit_main_form(d):
    css(d, "main form button[type=submit]").click()


def shots_at(d, name, selector=None):
    """Screenshots at 360 and 1280 px with `selector` at the top of the
    window (the top of the page without one)."""
    for width in (360, 1280):
        d.set_window_size(width, 900)
        if selector:
            d.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
                             selector)
        else:
            d.execute_script("window.scrollTo(0, 0)")
        shot(d, name, width)
    d.set_window_size(1280, 900)


# ---- (a) a cell meeting with its attendance ---------------------------------

def test_secretary_records_cell_meeting(browser, server):
    d = browser
    d.set_window_size(1280, 900)
    sec = Client(server, "bithu.queo")
    cell_id = sec.account["org"]["id"]
    assert sec.account["org"]["code"] == CELL
    people = sec.get("/api/v1/people", params={"org": cell_id, "status": "active",
                                               "per_page": 200}).json()["items"]
    members = [p for p in people if p["party_member"]]
    assert len(members) >= 3
    chosen = members[:3]
    today = vn_today()
    title = "Sinh hoạt chi bộ tháng %d/%d (thử nghiệm giao diện)" % (today.month, today.year)

    login(d, server, "bithu.queo")
    d.get(server.url("/#/r/activities"))
    wait(d, lambda d: "Hoạt động" in css(d, "main h1").text)
    assert css(d, "#nav-list a[aria-current=page]").text == "Hoạt động"
    clickable(d, "main a[data-action=add]").click()
    wait(d, lambda d: "/r/activities/new" in d.current_url)
    # The unit is the secretary's cell by default.
    wait(d, lambda d: "Chi bộ thôn Quế Ổ" in css(d, "main form .picker-value").text)
    Select(clickable(d, "main select[name=kind]")).select_by_value("cell_meeting")
    type_into(d, "main input[name=date]", today.strftime("%d/%m/%Y"))
    type_into(d, "main input[name=title]", title)
    css(d, "main input[name=topic_on_agenda]").click()
    type_into(d, "main input[name=outside_count]", "3")
    type_into(d, "main input[name=location]", "Nhà văn hóa thôn Quế Ổ")
    submit_main_form(d)
    aid = record_id(d, "activities")
    wait(d, lambda d: css(d, "main h1").text == title)
    text = main_text(d)
    assert "Sinh hoạt chi bộ định kỳ" in text
    assert today.strftime("%d/%m/%Y") in text

    # The checklist of the cell's people: tick three members.
    summary = wait(d, EC.visibility_of_element_located((By.CSS_SELECTOR, "main .attendance-summary")))
    wait(d, lambda d: len(d.find_elements(By.CSS_SELECTOR, "main input[data-person]")) == len(people))
    assert summary.text == "Có mặt: 0/%d đảng viên · Khách mời: 3 · Tổng: 3" % len(members)
    for n, p in enumerate(chosen, 1):
        box = clickable(d, "main input[data-person='%d']" % p["id"])
        box.click()
        want = "Có mặt: %d/%d đảng viên · Khách mời: 3 · Tổng: %d" % (n, len(members), n + 3)
        wait(d, lambda d: css(d, "main .attendance-summary").text == want)
        wait(d, lambda d: css(d, "main input[data-person='%d']" % p["id"]).is_enabled())
    # A mistaken tick is undone, and ticked again.
    box = css(d, "main input[data-person='%d']" % chosen[2]["id"])
    box.click()
    wait(d, lambda d: css(d, "main .attendance-summary").text.startswith("Có mặt: 2/"))
    wait(d, lambda d: css(d, "main input[data-person='%d']" % chosen[2]["id"]).is_enabled())
    css(d, "main input[data-person='%d']" % chosen[2]["id"]).click()
    final = "Có mặt: 3/%d đảng viên · Khách mời: 3 · Tổng: 6" % len(members)
    wait(d, lambda d: css(d, "main .attendance-summary").text == final)

    # The number of guests is corrected in place.
    type_into(d, "main .guests-form input[name=outside_count]", "4")
    css(d, "main .guests-form button[type=submit]").click()
    final = "Có mặt: 3/%d đảng viên · Khách mời: 4 · Tổng: 7" % len(members)
    wait(d, lambda d: css(d, "main .attendance-summary").text == final)

    # Reloaded from the server, the same.
    d.refresh()
    wait(d, lambda d: css(d, "main .attendance-summary").text == final)
    wait(d, lambda d: all(css(d, "main input[data-person='%d']" % p["id"]).is_selected() for p in chosen))

    # The history: who created it, and the correction of the guests.
    clickable(d, "main details.history summary").click()
    wait(d, lambda d: len(d.find_elements(By.CSS_SELECTOR, "main .history-item")) >= 2)
    items = [e.text for e in d.find_elements(By.CSS_SELECTOR, "main .history-item")]
    newest, oldest = items[0], items[-1]
    assert newest.startswith("Sửa"), newest
    assert "Số lượt người ngoài danh sách: 3 → 4" in newest, newest
    assert "bí thư Chi bộ thôn Quế Ổ" in newest, newest
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", newest), newest
    assert oldest.startswith("Tạo mới"), oldest
    assert "Tên hoạt động: " + title in oldest, oldest
    assert "Loại hoạt động: Sinh hoạt chi bộ định kỳ" in oldest, oldest
    shots_at(d, "activity-history", "main .record-history")
    shots_at(d, "activity-attendance", "main .children-attendance")

    # The list of the year shows it with its count.
    d.get(server.url("/#/r/activities?kind=cell_meeting"))
    wait(d, lambda d: title in main_text(d))
    shots_at(d, "activities-list")
    assert not csp_errors(d), csp_errors(d)

    a = sec.get("/api/v1/activities/%d" % aid).json()
    assert a["kind"] == "cell_meeting" and a["org_id"] == cell_id
    assert a["topic_on_agenda"] is True and a["outside_count"] == 4
    assert a["attendance_count"] == 3
    assert sorted(x["person_id"] for x in a["attendance"]) == sorted(p["id"] for p in chosen)


# ---- (b) a pledge through its workflow --------------------------------------

def my_card(d, pid):
    return "main li.pledge-card[data-id='%d']" % pid


def test_pledge_workflow(browser, server):
    d = browser
    d.set_window_size(1280, 900)
    year = vn_today().year
    stamp = int(time.time())
    follow = "Nêu gương tiết kiệm, giữ gìn vệ sinh đường làng (%d)" % stamp
    reason = "Cần ghi rõ chỉ tiêu cụ thể: bao nhiêu buổi, bao nhiêu mét đường."
    target = "Tham gia 12 buổi dọn vệ sinh, 200 m đường hoa"

    me = Client(server, "dangvien.queo")
    name = me.get("/api/v1/people/%d" % me.account["person_id"]).json()["full_name"]

    # The member files a pledge.
    login(d, server, "dangvien.queo")
    assert css(d, "#nav-list").text.count("Đăng ký của tôi") == 1
    d.get(server.url("/#/my-pledges"))
    wait(d, lambda d: css(d, "main h1").text == "Đăng ký làm theo của tôi")
    clickable(d, "main a[data-action=add]").click()
    wait(d, lambda d: "/r/pledges/new" in d.current_url)
    year_box = clickable(d, "main input[name=year]")
    assert year_box.get_attribute("value") == str(year)
    # A member does not choose the unit or the person: they are theirs.
    assert not d.find_elements(By.CSS_SELECTOR, "main [name=person_id], main [name=org_id]")
    type_into(d, "main textarea[name=follow]", follow)
    type_into(d, "main textarea[name=solutions]", "Mỗi tháng tham gia dọn vệ sinh cùng chi hội.")
    type_into(d, "main input[name=due_date]", "31/12/%d" % year)
    submit_main_form(d)
    pid = record_id(d, "pledges")
    wait_badge(d, "Nháp")
    clickable(d, "main [data-action=submit]").click()
    wait_badge(d, "Đã nộp, chờ duyệt")
    assert not d.find_elements(By.CSS_SELECTOR, "main [data-action=edit]")

    # The secretary finds it among those awaiting approval and returns it.
    login(d, server, "bithu.queo")
    d.get(server.url("/#/r/pledges"))
    pending = clickable(d, "main button[data-quick=pending]")
    wait(d, lambda d: re.search(r"Chờ duyệt \(\d+\)", css(d, "main button[data-quick=pending]").text))
    pending.click()
    wait(d, lambda d: "status=submitted" in d.current_url)
    # Searched by a word of its text (accent-insensitive), among the pending.
    type_into(d, "main input[type=search]", "ve sinh duong lang %d" % stamp)
    wait(d, lambda d: "q=ve+sinh" in d.current_url)
    wait(d, lambda d: follow[:40] in main_text(d) and "1 bản ghi" in main_text(d))
    rows = d.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert all("Đã nộp, chờ duyệt" in r.text for r in rows), [r.text for r in rows]
    shots_at(d, "pledges-pending")
    d.get(server.url("/#/r/pledges/%d" % pid))
    wait_badge(d, "Đã nộp, chờ duyệt")
    assert name in main_text(d)
    clickable(d, "main [data-action=return]").click()
    box = clickable(d, "dialog textarea[name=return_reason]")
    # The reason is required: the dialog says so under the field.
    css(d, "dialog button[type=submit]").click()
    wait(d, lambda d: css(d, "dialog textarea[name=return_reason]").get_attribute("aria-invalid") == "true")
    box.send_keys(reason)
    css(d, "dialog button[type=submit]").click()
    wait(d, lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog"))
    wait_badge(d, "Trả lại để sửa")

    # The member sees the reason, fixes the pledge and resubmits it.
    login(d, server, "dangvien.queo")
    d.get(server.url("/#/my-pledges"))
    card = wait(d, EC.visibility_of_element_located((By.CSS_SELECTOR, my_card(d, pid))))
    wait(d, lambda d: reason in css(d, my_card(d, pid) + " .alert-returned").text)
    assert "Trả lại để sửa" in card.text
    shots_at(d, "my-pledges-returned")
    clickable(d, my_card(d, pid) + " a[data-action=fix]").click()
    wait(d, lambda d: "/r/pledges/%d/edit" % pid in d.current_url)
    assert reason in css(d, "main .alert-returned").text
    type_into(d, "main input[name=target_text]", target)
    button = css(d, "main form button[type=submit]")
    assert button.text == "Lưu và nộp lại", button.text
    button.click()
    wait(d, lambda d: re.search(r"#/r/pledges/%d$" % pid, d.current_url))
    wait_badge(d, "Đã nộp, chờ duyệt")
    assert target in main_text(d)
    assert reason not in main_text(d)

    # The secretary accepts it.
    login(d, server, "bithu.queo")
    d.get(server.url("/#/r/pledges/%d" % pid))
    wait_badge(d, "Đã nộp, chờ duyệt")
    clickable(d, "main [data-action=accept]").click()
    wait_badge(d, "Đã chấp nhận")

    # The member records the progress: 30%.
    login(d, server, "dangvien.queo")
    d.get(server.url("/#/my-pledges"))
    wait(d, EC.visibility_of_element_located((By.CSS_SELECTOR, my_card(d, pid))))
    assert "Đã chấp nhận" in css(d, my_card(d, pid)).text
    assert "Chưa cập nhật" in css(d, my_card(d, pid)).text
    clickable(d, my_card(d, pid) + " [data-action=checkin]").click()
    date_box = clickable(d, my_card(d, pid) + " input[name=date]")
    assert date_box.get_attribute("value") == vn_today().strftime("%d/%m/%Y")
    type_into(d, my_card(d, pid) + " input[name=progress]", "30")
    type_into(d, my_card(d, pid) + " textarea[name=note]", "Đã tham gia 4 buổi dọn vệ sinh đường làng.")
    css(d, my_card(d, pid) + " form button[type=submit]").click()
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, my_card(d, pid) + " .progress-figure") and
         css(d, my_card(d, pid) + " .progress-figure").text == "30%")
    shots_at(d, "my-pledges")

    # The pledge's own page: status, progress, the check-in, the history.
    d.get(server.url("/#/r/pledges/%d" % pid))
    wait_badge(d, "Đã chấp nhận")
    wait(d, lambda d: "Đã tham gia 4 buổi" in main_text(d))
    clickable(d, "main details.history summary").click()
    wait(d, lambda d: len(d.find_elements(By.CSS_SELECTOR, "main .history-item")) >= 8)
    heads = [e.text for e in d.find_elements(By.CSS_SELECTOR, "main .history-item .history-action")]
    # Newest first; the check-in itself is a row of its own ("Thêm: …").
    assert heads == ["Cập nhật tiến độ", "Thêm: Cập nhật tiến độ", "Chấp nhận", "Nộp", "Sửa",
                     "Trả lại", "Nộp", "Tạo mới"], heads
    hist = main_text(d)
    assert "Trạng thái: Đã nộp, chờ duyệt → Trả lại để sửa" in hist
    assert "Tiến độ (%): — → 30%" in hist
    shots_at(d, "pledge-history", "main .record-history")
    shots_at(d, "pledge-member")
    assert not csp_errors(d), csp_errors(d)

    # The server agrees.
    p = me.get("/api/v1/pledges/%d" % pid).json()
    assert p["status"] == "accepted"
    assert p["person_id"] == me.account["person_id"]
    assert p["follow"] == follow and p["target_text"] == target
    assert p["return_reason"] == reason
    assert p["progress"] == 30 and p["checkins_count"] == 1
    assert p["checkins"][0]["progress"] == 30
    assert p["actions"] == ["review"]
    h = me.get("/api/v1/pledges/%d/history" % pid).json()["items"]
    assert [(x["type"], x["action"]) for x in h] == [
        ("pledge", "create"), ("pledge", "submit"), ("pledge", "return"), ("pledge", "update"),
        ("pledge", "submit"), ("pledge", "accept"), ("checkin", "create"), ("pledge", "checkin")]
    sec = Client(server, "bithu.queo")
    listed = sec.get("/api/v1/pledges", params={"status": "accepted", "year": year}).json()["items"]
    assert pid in [x["id"] for x in listed]
