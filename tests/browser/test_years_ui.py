"""The year's report (#/years) in headless Chromium against the real server.

A private tree under Hưng Yên (as tests/api/test_year_reports.py builds
it): a commune C with two cells K1 and K2, an account of C's committee staff
and K1's secretary.  For last year:
(a) the secretary submits the cell's year;
(b) C's staff see it in the completeness of the units under C, open it and
    return it with a reason (asked for in the form: required, shown on the
    field);
(c) the secretary reads the reason and submits again;
(d) C's staff approve it; the completeness says so, and the history of the
    report lists every step with its reason.

Screenshots at 360 and 1280 px go to tests/artifacts/ (years-*)."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from support import Client, create, drive_pledge, make_org, make_person, pledge_body, unique, vn_today
from ui import csp_errors, login, main_text, make_browser, shot, wait

LAST = vn_today().year - 1
REASON = "Thiếu biên bản sinh hoạt chi bộ tháng 3; đề nghị bổ sung."


@pytest.fixture(scope="module")
def browser():
    d = make_browser()
    yield d
    d.quit()


@pytest.fixture(scope="module")
def tree(clients, org_ids, server):
    """The tree, an account of C's staff and one of K1's secretary, a pledge
    of LAST filed in K1."""
    admin = clients["admin"]
    t = {}
    p = make_org(admin, org_ids["HY"], kind="district_committee", name="Huyện thử nộp năm",
                 valid_from="2020-01-01")
    t["c"] = make_org(admin, p["id"], kind="base_committee", name="Xã thử nộp năm", valid_from="2020-01-01")
    t["k1"] = make_org(admin, t["c"]["id"], kind="cell", name="Chi bộ thử nộp năm 1", valid_from="2020-01-01")
    t["k2"] = make_org(admin, t["c"]["id"], kind="cell", name="Chi bộ thử nộp năm 2", valid_from="2020-01-01")
    member = make_person(admin, t["k1"]["id"], "Đảng Viên Thử Nộp Năm", party_member=True,
                         party_joined="2010-05-19")
    pledge = create(admin, "/api/v1/pledges", pledge_body(org_id=t["k1"]["id"], person_id=member["id"], year=LAST))
    drive_pledge(admin, pledge["id"], "submitted")
    for key, role, org in (("staff", "staff", t["c"]), ("secretary", "secretary", t["k1"])):
        user = unique("yrui.%s." % key)
        server.add_user(user, role, org["code"], "mật-khẩu-thử-" + user)
        t[key] = user
    return t


def css(d, selector):
    return d.find_element(By.CSS_SELECTOR, selector)


def clickable(d, selector):
    return wait(d, EC.element_to_be_clickable((By.CSS_SELECTOR, selector)))


def open_year(d, server, org):
    d.get(server.url("/#/years?org=%d&year=%d" % (org["id"], LAST)))
    wait(d, lambda d: org["name"] in css(d, "main .dash-viewing").text and
         d.find_elements(By.CSS_SELECTOR, "main .year-card"))


def status(d):
    return css(d, "main .year-details [data-status]").get_attribute("data-status")


def wait_status(d, value):
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main .year-details [data-status=%s]" % value))


def steps(d):
    return [b.get_attribute("data-step") for b in d.find_elements(By.CSS_SELECTOR, "main .year-actions button")]


def confirm_step(d, step):
    clickable(d, "main .year-actions button[data-step=%s]" % step).click()
    clickable(d, "dialog .btn-primary").click()
    wait(d, lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog"))


def history(d):
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main .year-history .history-list, main .year-history .hint")
         and "Đang tải" not in css(d, "main .year-history").text)
    return [li.get_attribute("data-action") for li in
            d.find_elements(By.CSS_SELECTOR, "main .year-history .history-item")]


def shots_at(d, name):
    for width in (360, 1280):
        d.set_window_size(width, 900)
        d.execute_script("window.scrollTo(0, 0)")
        shot(d, name, width)
    d.set_window_size(1280, 900)


def test_submit_return_resubmit_approve(browser, server, tree):
    d = browser
    d.set_window_size(1280, 900)
    k1, k2, c = tree["k1"], tree["k2"], tree["c"]

    # (a) the secretary submits the cell's year
    login(d, server, tree["secretary"])
    open_year(d, server, k1)
    assert status(d) == "open" and "Chưa nộp" in css(d, "main .year-details").text
    assert steps(d) == ["submit"]
    assert "1 bản đăng ký" in css(d, "main .year-details").text
    assert [a.text for a in d.find_elements(By.CSS_SELECTOR, "main .fig-tabs a")] == \
        ["Chỉ tiêu", "Nộp, duyệt năm", "Chất lượng dữ liệu"]
    assert "Không có tổ chức đảng trực thuộc" in main_text(d)
    assert history(d) == []
    confirm_step(d, "submit")
    wait_status(d, "submitted")
    assert "Đã nộp số liệu năm %d của %s." % (LAST, k1["name"]) in css(d, "#flash").text
    assert vn_today().strftime("%d/%m/%Y") in css(d, "main .year-details").text
    assert steps(d) == [], "the cell cannot approve its own year"
    assert history(d) == ["submit"]

    # (b) C's staff see it among the units under C and return it
    login(d, server, tree["staff"])
    open_year(d, server, c)
    row = lambda org: css(d, "main .year-children tr[data-org='%d']" % org["id"])  # noqa: E731
    assert row(k1).get_attribute("data-status") == "submitted" and "Đã nộp" in row(k1).text
    assert row(k2).get_attribute("data-status") == "open" and "Chưa nộp" in row(k2).text
    assert "2 đơn vị: 1 đã nộp, chờ duyệt · 1 chưa nộp" in css(d, "main .year-completeness").text
    shots_at(d, "years")
    row(k1).find_element(By.CSS_SELECTOR, "a.row-link").click()
    wait(d, lambda d: "org=%d&" % k1["id"] in d.current_url)
    wait(d, lambda d: k1["name"] in css(d, "main .dash-viewing").text)
    wait_status(d, "submitted")
    assert steps(d) == ["approve", "return"]
    assert c["name"] in css(d, "main .breadcrumb").text
    clickable(d, "main .year-actions button[data-step=return]").click()
    box = clickable(d, "dialog textarea[name=reason]")
    assert k1["name"] in css(d, "dialog").text
    # the reason is required: said under the field, nothing sent
    css(d, "dialog button[type=submit]").click()
    wait(d, lambda d: css(d, "dialog textarea[name=reason]").get_attribute("aria-invalid") == "true")
    assert css(d, "dialog .field-error").is_displayed()
    box.send_keys(REASON)
    css(d, "dialog button[type=submit]").click()
    wait(d, lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog"))
    wait_status(d, "returned")
    details = css(d, "main .year-details").text
    assert "Bị trả lại" in details and "Lý do trả lại" in details and REASON in details
    assert history(d) == ["return", "submit"], "newest first"
    assert REASON in css(d, "main .year-history").text
    shots_at(d, "years-returned")

    # (c) the secretary reads the reason and submits again
    login(d, server, tree["secretary"])
    open_year(d, server, k1)
    wait_status(d, "returned")
    assert REASON in css(d, "main .year-details").text
    confirm_step(d, "submit")
    wait_status(d, "submitted")
    assert REASON not in css(d, "main .year-details").text

    # (d) C's staff approve it
    login(d, server, tree["staff"])
    open_year(d, server, k1)
    wait_status(d, "submitted")
    confirm_step(d, "approve")
    wait_status(d, "approved")
    assert "Đã duyệt" in css(d, "main .year-details").text and "Ngày duyệt" in css(d, "main .year-details").text
    assert steps(d) == ["reopen"]
    assert history(d) == ["approve", "submit", "return", "submit"]
    css(d, "main .breadcrumb a[href*='org=%d&']" % c["id"]).click()
    wait(d, lambda d: c["name"] in css(d, "main .dash-viewing").text)
    wait(d, lambda d: row(k1).get_attribute("data-status") == "approved")
    assert "Đã duyệt" in row(k1).text
    assert "1 đã duyệt · 1 chưa nộp" in css(d, "main .year-completeness").text
    assert not csp_errors(d), csp_errors(d)

    # the server agrees
    api = Client(server, tree["staff"])
    rep = api.get("/api/v1/year_reports", params={"org": k1["id"], "year": LAST}).json()
    assert rep["status"] == "approved" and rep["reason"] is None, rep
