"""The data quality page (#/quality) in headless Chromium against the real
server: Hưng Yên's committee staff reach it by the tab of the figures, see
every check the API lists with its total, the found ones first with their
first records, open one check's full list a page at a time and go on to a
record it names.

Screenshots at 360 and 1280 px go to tests/artifacts/ (quality-*)."""
import pytest
from selenium.webdriver.common.by import By

from support import vn_today
from ui import csp_errors, login, make_browser, shot, wait

YEAR = vn_today().year


@pytest.fixture(scope="module")
def browser():
    d = make_browser()
    yield d
    d.quit()


def css(d, selector):
    return d.find_element(By.CSS_SELECTOR, selector)


def vn_int(n):
    return "{:,}".format(n).replace(",", ".")


def shots_at(d, name):
    for width in (360, 1280):
        d.set_window_size(width, 900)
        d.execute_script("window.scrollTo(0, 0)")
        shot(d, name, width)
    d.set_window_size(1280, 900)


def test_quality_checks_and_one_list(browser, server, clients):
    d = browser
    d.set_window_size(1280, 900)
    staff = clients["hungyen.tuyengiao"]
    hy = staff.account["org"]["id"]
    r = staff.get("/api/v1/quality", params={"org": hy, "year": YEAR})
    assert r.status_code == 200, r.text
    checks = r.json()["items"]
    found = [c for c in checks if c["total"] > 0]
    assert found, "the test database has something for a check to find"
    check = max(found, key=lambda c: c["total"])

    login(d, server, "hungyen.tuyengiao")
    wait(d, lambda d: d.current_url.endswith("#/dashboard"))
    tab = wait(d, lambda d: css(d, "main .fig-tab[data-tab=quality]"))
    wait(d, lambda d: "org=%d" % hy in css(d, "main .fig-tab[data-tab=quality]").get_attribute("href"))
    tab.click()
    wait(d, lambda d: "#/quality?org=%d&year=%d" % (hy, YEAR) in d.current_url)
    wait(d, lambda d: len(d.find_elements(By.CSS_SELECTOR, "main .quality-check")) == len(checks))
    assert css(d, "main .fig-tab[aria-current=page]").get_attribute("data-tab") == "quality"
    shown = [li.get_attribute("data-name") for li in d.find_elements(By.CSS_SELECTOR, "main .quality-check")]
    # what was found first, in the server's order, then the clean checks
    assert shown == [c["name"] for c in found] + [c["name"] for c in checks if c["total"] == 0], shown
    for c in checks:
        li = css(d, "main .quality-check[data-name=%s]" % c["name"])
        assert c["label"] in li.text
        assert ("%s trường hợp" % vn_int(c["total"]) if c["total"] else "Không có") in li.text, li.text
        sample = [a.text for a in li.find_elements(By.CSS_SELECTOR, ".quality-sample a")]
        assert sample == [s["title"] for s in c["sample"]], (c["name"], sample)
    assert "%d / %d mục kiểm tra" % (len(found), len(checks)) in css(d, "main .quality-summary").text
    shots_at(d, "quality")

    # one check's whole list, as the API gives it
    css(d, "main .quality-check[data-name=%s] h2 a" % check["name"]).click()
    wait(d, lambda d: "#/quality/%s?org=%d&year=%d" % (check["name"], hy, YEAR) in d.current_url)
    wait(d, lambda d: css(d, "main h1").text == check["label"])
    wait(d, lambda d: "%s trường hợp" % vn_int(check["total"]) in css(d, "main .table-status").text)
    page = staff.get("/api/v1/quality/" + check["name"],
                     params={"org": hy, "year": YEAR, "per_page": 50}).json()
    titles = [a.text for a in d.find_elements(By.CSS_SELECTOR, "main tbody td.col-title a")]
    assert titles == [it["title"] for it in page["items"]], titles[:3]
    assert css(d, "main .breadcrumb a").text == "Chất lượng dữ liệu"
    shots_at(d, "quality-check")
    first = css(d, "main tbody td.col-title a")
    href = first.get_attribute("href")
    want = "#/orgs/%d" % page["items"][0]["id"] if page["path"] == "orgs" else \
        "#/r/%s/%d" % (page["path"], page["items"][0]["id"])
    assert href.endswith(want), (href, want)
    first.click()
    wait(d, lambda d: d.current_url.endswith(want))
    wait(d, lambda d: page["items"][0]["title"].split(":")[0] in css(d, "main h1").text)
    assert not csp_errors(d), csp_errors(d)
