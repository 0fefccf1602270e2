"""The figures (#/dashboard) in headless Chromium against the real server.

Over the demo with the campaign's records (a server of this module):
(a) Hưng Yên's committee staff land on the figures; every card shows the
    API's value, the year before and numerator / denominator for 2022;
(b) they open the member pledge rate, go down by the bar of Thái Bình
    (merged into Hưng Yên) to its figure, open the members without a
    pledge there, page through them as the API lists them, and open one.
(b') they choose Quý I for Thái Bình 2022: the dated cards are the API's
    period=q1 figures, compared with Quý I 2021, the others say "Cả năm";
    the period stays in the URL, on the one-figure page and its records.

Over the shared test server (no generated records), where the
administrator first files two pledges and an evaluation in the Quế Ổ cell:
(c) the cell's secretary lands on the figures and sees the cell's pledge
    rate computed from them, in Vietnamese and in English;
(d) Bắc Ninh's staff go down by the bars and the table to the cell;
(e) a member reads the cell's figures but is offered none of the lists
    behind them, nor the year's report or the quality checks (403 for them).

Screenshots at 360 and 1280 px go to tests/artifacts/ (dashboard-*)."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from support import Client, Server, create, drive_pledge, pledge_body, vn_today, PLEDGES
from ui import csp_errors, login, main_text, make_browser, shot, wait

CELL = "BN.QV.CHI_LANG.QUE_O"
CELL_NAME = "Chi bộ thôn Quế Ổ"
YEAR = vn_today().year
SEED_YEAR = 2022  # the demo's records follow the seeds' figures of 2021 and 2022


@pytest.fixture(scope="module")
def browser():
    d = make_browser()
    yield d
    d.quit()


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """A server over the demo with the campaign's records."""
    s = Server(tmp_path_factory.mktemp("dash"), "dash", records=True)
    yield s
    assert s.stop() == 0


def css(d, selector):
    return d.find_element(By.CSS_SELECTOR, selector)


def vn_int(n):
    """1234 -> "1.234" (format.js fmtInt)."""
    return "{:,}".format(n).replace(",", ".")


def ok(r):
    assert r.status_code == 200, r.text
    return r.json()


def figures(client, org, year=YEAR, compare=None):
    data = ok(client.get("/api/v1/indicators", params={"org": org, "year": year, "compare": compare}))
    return {it["name"]: it for it in data["items"]}


def figure(client, name, org, year=YEAR):
    items = figures(client, org, year)
    assert name in items, sorted(items)
    return items[name]


def items_of(client, path, **params):
    return ok(client.get(path, params=dict(per_page=200, **params)))["items"]


def card(d, name):
    return css(d, "main .ind-card[data-name='%s']" % name)


def wait_cards(d):
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main .ind-card[data-name=member_pledge_rate]")
         and not d.find_elements(By.CSS_SELECTOR, "main [aria-busy=true]"))


def shots_at(d, name):
    for width in (360, 1280):
        d.set_window_size(width, 900)
        d.execute_script("window.scrollTo(0, 0)")
        shot(d, name, width)
    d.set_window_size(1280, 900)


def shots_of(d, selector, name):
    """Screenshots at 360 and 1280 px with the element at the top."""
    for width in (360, 1280):
        d.set_window_size(width, 900)
        d.execute_script("document.querySelector(arguments[0]).scrollIntoView()", selector)
        shot(d, name, width)
    d.set_window_size(1280, 900)


# ---- over the demo's records ----------------------------------------------------------

def test_cards_show_the_api_figures(browser, full):
    d = browser
    d.set_window_size(1280, 900)
    staff = Client(full, "hungyen.tuyengiao")
    hy = staff.account["org"]["id"]
    want = figures(staff, hy, SEED_YEAR, SEED_YEAR - 1)
    # the seeds' figures come out (seed 003: 96,8% in 2021, 98,5% in 2022)
    assert want["member_pledge_rate"]["display"] == "98,5%", want["member_pledge_rate"]
    assert want["member_pledge_rate"]["compare"]["display"] == "96,8%"

    login(d, full, "hungyen.tuyengiao")
    wait(d, lambda d: d.current_url.endswith("#/dashboard"))
    wait_cards(d)
    assert css(d, "#nav-list li:first-child a").text == "Số liệu"
    assert css(d, "#nav-list a[aria-current=page]").get_attribute("href").endswith("#/dashboard")
    tabs = [a.text for a in d.find_elements(By.CSS_SELECTOR, "main .fig-tabs a")]
    assert tabs == ["Chỉ tiêu", "Nộp, duyệt năm", "Chất lượng dữ liệu"], tabs
    # the year select reloads the figures of that year
    css(d, "main select[name=year]").send_keys(str(SEED_YEAR))
    wait(d, lambda d: "year=%d" % SEED_YEAR in d.current_url)
    wait(d, lambda d: "năm %d, so với năm %d" % (SEED_YEAR, SEED_YEAR - 1) in css(d, "main .dash-viewing").text)
    wait_cards(d)
    wait(d, lambda d: card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, ".ind-value").text == "98,5%")
    shown = [c.get_attribute("data-name") for c in d.find_elements(By.CSS_SELECTOR, "main .ind-card")]
    assert sorted(shown) == sorted(want), (shown, sorted(want))
    for name, it in want.items():
        c = card(d, name)
        assert c.find_element(By.CSS_SELECTOR, ".ind-value").text == it["display"], name
        assert c.find_element(By.CSS_SELECTOR, "h2").text == it["label"], name
        text = c.text
        assert "Năm trước: " + it["compare"]["display"] in text, (name, text)
        if it["kind"] == "rate" and it["den"]:
            assert "%s / %s" % (vn_int(it["num"]), vn_int(it["den"])) in text, (name, text)
    # the change, in percentage points
    assert "+1,7 điểm %" in card(d, "member_pledge_rate").text
    shots_at(d, "dashboard")
    # the cards link to their figure
    assert card(d, "pledges_filed").find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href").endswith(
        "#/dashboard/pledges_filed?org=%d&year=%d" % (hy, SEED_YEAR))
    assert not csp_errors(d), csp_errors(d)


def test_the_survey_and_the_metrics(browser, full):
    """Thái Bình 2023: the survey's share of each answer (seed 003) and the
    emulation metrics, as the API gives them."""
    d = browser
    staff = Client(full, "hungyen.tuyengiao")
    tb = [u for u in items_of(staff, "/api/v1/orgs", q="Thái Bình") if u["code"] == "TB"][0]
    data = ok(staff.get("/api/v1/indicators", params={"org": tb["id"], "year": 2023}))
    login(d, full, "hungyen.tuyengiao")
    d.get(full.url("/#/dashboard?org=%d&year=2023" % tb["id"]))
    wait_cards(d)
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main .dash-surveys li.result-card"))
    qs = d.find_elements(By.CSS_SELECTOR, "main .dash-surveys > li")
    assert len(qs) == len(data["surveys"]) == 3
    assert "92,93%" in qs[1].text and data["surveys"][1]["question"] in qs[1].text
    assert [s.text for s in qs[0].find_elements(By.CSS_SELECTOR, ".survey-share")] == \
        [a["display"] for a in data["surveys"][0]["answers"]]
    shown = {li.get_attribute("data-code"): li.find_element(By.CSS_SELECTOR, ".ind-value").text
             for li in d.find_elements(By.CSS_SELECTOR, "main .dash-metrics li")}
    assert shown == {m["code"]: m["display"] for m in data["metrics"] if m["units"] > 0}
    for width in (360, 1280):
        d.set_window_size(width, 900)
        d.execute_script("document.querySelector('.dash-results').scrollIntoView()")
        shot(d, "dashboard-survey", width)
    d.set_window_size(1280, 900)
    assert not csp_errors(d), csp_errors(d)


def test_a_quarter(browser, full):
    """Thái Bình, Quý I 2022: the dated figures are the quarter's (compared
    with Quý I 2021), the others say they are the whole year's; the period
    stays in the URL, on the one-figure page (bars, table, the same quarter
    of each year) and on the list of its records."""
    d = browser
    d.set_window_size(1280, 900)
    staff = Client(full, "hungyen.tuyengiao")
    tb = [u for u in items_of(staff, "/api/v1/orgs", q="Thái Bình") if u["code"] == "TB"][0]
    data = ok(staff.get("/api/v1/indicators", params={
        "org": tb["id"], "year": SEED_YEAR, "compare": SEED_YEAR - 1, "period": "q1"}))
    q1 = {it["name"]: it for it in data["items"]}
    whole = figures(staff, tb["id"], SEED_YEAR)
    conf = q1["conferences"]
    assert conf["period"] == "q1" and q1["member_pledge_rate"]["period"] == "year", (conf, q1["member_pledge_rate"])
    assert 0 < conf["num"] < whole["conferences"]["num"], (conf, whole["conferences"])
    assert q1["member_pledge_rate"]["display"] == whole["member_pledge_rate"]["display"]

    login(d, full, "hungyen.tuyengiao")
    d.get(full.url("/#/dashboard?org=%d&year=%d" % (tb["id"], SEED_YEAR)))
    wait_cards(d)
    wait(d, lambda d: card(d, "conferences").find_element(By.CSS_SELECTOR, ".ind-value").text
         == whole["conferences"]["display"])
    assert not d.find_elements(By.CSS_SELECTOR, "main .ind-period-note"), "no note for the whole year"
    period = Select(css(d, "main select[name=period]"))
    assert period.first_selected_option.text == "Cả năm"
    assert [o.text for o in period.options][:6] == ["Cả năm", "Quý I", "Quý II", "Quý III", "Quý IV", "Tháng 1"]
    period.select_by_visible_text("Quý I")
    wait(d, lambda d: "period=q1" in d.current_url)
    assert d.current_url.endswith("#/dashboard?org=%d&year=%d&period=q1" % (tb["id"], SEED_YEAR)), d.current_url
    wait(d, lambda d: "Quý I năm %d, so với Quý I năm %d" % (SEED_YEAR, SEED_YEAR - 1)
         in css(d, "main .dash-viewing").text)
    wait_cards(d)
    wait(d, lambda d: card(d, "conferences").find_element(By.CSS_SELECTOR, ".ind-value").text == conf["display"])
    for name, it in q1.items():
        c = card(d, name)
        assert c.find_element(By.CSS_SELECTOR, ".ind-value").text == it["display"], name
        notes = c.find_elements(By.CSS_SELECTOR, ".ind-period-note")
        if it["period"] == "year":
            assert [n.text for n in notes] == ["Cả năm"], name
            assert "Năm trước: " + it["compare"]["display"] in c.text, (name, c.text)
        else:
            assert it["period"] == "q1" and not notes, name
            assert "Cùng kỳ năm trước: " + it["compare"]["display"] in c.text, (name, c.text)
    assert "Cả năm" in card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, ".ind-period-note").text
    assert "Theo Quý I" in css(d, "main .dash-note").text
    # the year's report and the quality checks are about whole years
    tabs = {a.get_attribute("data-tab"): a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "main .fig-tab")}
    assert tabs["dashboard"].endswith("period=q1") and "period" not in tabs["years"] + tabs["quality"], tabs
    shots_at(d, "dashboard-period")
    shots_of(d, "main .ind-card[data-name=conferences]", "dashboard-period-cards")
    # in English: the same choice, its words translated
    css(d, ".lang-btn[data-lang=en]").click()
    wait(d, lambda d: Select(css(d, "main select[name=period]")).first_selected_option.text == "Q1")
    wait(d, lambda d: "Q1 %d, compared with Q1 %d" % (SEED_YEAR, SEED_YEAR - 1) in css(d, "main .dash-viewing").text)
    wait(d, lambda d: card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, ".ind-period-note").text
         == "Whole year")
    assert "Same period last year: " + conf["compare"]["display"] in card(d, "conferences").text
    assert [o.text for o in Select(css(d, "main select[name=period]")).options][:7] == \
        ["Whole year", "Q1", "Q2", "Q3", "Q4", "January", "February"]
    css(d, ".lang-btn[data-lang=vi]").click()
    wait(d, lambda d: Select(css(d, "main select[name=period]")).first_selected_option.text == "Quý I")

    # the one-figure page keeps the quarter: the value, the units under it, the trend
    card(d, "conferences").find_element(By.CSS_SELECTOR, "h2 a").click()
    wait(d, lambda d: "#/dashboard/conferences?org=%d&year=%d&period=q1" % (tb["id"], SEED_YEAR) in d.current_url)
    wait(d, lambda d: css(d, "main .ind-summary .ind-value").text == conf["display"])
    assert Select(css(d, "main select[name=period]")).first_selected_option.text == "Quý I"
    assert "Cùng kỳ năm trước: " + conf["compare"]["display"] in css(d, "main .ind-summary").text
    detail = ok(staff.get("/api/v1/indicators/conferences", params={
        "org": tb["id"], "year": SEED_YEAR, "by": "children", "period": "q1"}))
    for c in detail["children"]:
        if c.get("own"):
            continue
        row = wait(d, EC.presence_of_element_located(
            (By.CSS_SELECTOR, "main .dash-table tr[data-org='%d']" % c["org"]["id"])))
        assert row.find_elements(By.CSS_SELECTOR, "td")[1].text == vn_int(c["num"]), (c, row.text)
        assert row.find_element(By.CSS_SELECTOR, "a.row-link").get_attribute("href").endswith("period=q1")
    assert vn_int(detail["num"]) in css(d, "main .dash-table tr.is-total").text
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main svg.chart-columns .chart-col"))
    prev = ok(staff.get("/api/v1/indicators/conferences", params={
        "org": tb["id"], "year": SEED_YEAR - 1, "period": "q1"}))
    cols = {g.find_element(By.CSS_SELECTOR, ".chart-year").text: g.find_element(By.CSS_SELECTOR, ".chart-value").text
            for g in d.find_elements(By.CSS_SELECTOR, "main svg.chart-columns .chart-col")}
    assert cols[str(SEED_YEAR)] == conf["display"] and cols[str(SEED_YEAR - 1)] == prev["display"], cols
    assert "Số liệu Quý I của mỗi năm" in main_text(d)
    shots_at(d, "dashboard-period-figure")
    shots_of(d, "main svg.chart-columns", "dashboard-period-trend")

    # and the records behind it: those of the quarter
    records = ok(staff.get("/api/v1/indicators/conferences/records", params={
        "org": tb["id"], "year": SEED_YEAR, "period": "q1", "per_page": 50}))
    assert records["total"] == conf["num"] and records["period"] == "q1", records["total"]
    css(d, "main a.dash-records").click()
    wait(d, lambda d: "/dashboard/conferences/records?org=%d&year=%d&period=q1" % (tb["id"], SEED_YEAR)
         in d.current_url)
    wait(d, lambda d: "%s hồ sơ" % vn_int(records["total"]) in css(d, "main .table-status").text)
    titles = [a.text for a in d.find_elements(By.CSS_SELECTOR, "main tbody td.col-title a")]
    assert titles == [it["title"] for it in records["items"]], titles[:3]
    assert "Quý I năm %d" % SEED_YEAR in css(d, "main .dash-viewing").text
    assert not d.find_elements(By.CSS_SELECTOR, "main .ind-period-note")
    shots_at(d, "dashboard-period-records")

    # a figure of the whole year, asked for a quarter: its page says so
    d.get(full.url("/#/dashboard/member_pledge_rate?org=%d&year=%d&period=q1" % (tb["id"], SEED_YEAR)))
    wait(d, lambda d: css(d, "main .ind-summary .ind-value").text == q1["member_pledge_rate"]["display"])
    assert css(d, "main .ind-summary .ind-period-note").text == "Cả năm"
    assert "Năm trước: " + q1["member_pledge_rate"]["compare"]["display"] in css(d, "main .ind-summary").text
    # its records: the year's, said so
    css(d, "main .ind-lists a[data-which=missing]").click()
    wait(d, lambda d: "/dashboard/member_pledge_rate/records?org=%d&year=%d&period=q1&which=missing"
         % (tb["id"], SEED_YEAR) in d.current_url)
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main .dash-viewing-row .ind-period-note"))
    assert "năm %d" % SEED_YEAR in css(d, "main .dash-viewing").text
    assert "Quý I" not in css(d, "main .dash-viewing").text
    shots_at(d, "dashboard-period-year-records")

    # back to the whole year: the period leaves the URL
    d.get(full.url("/#/dashboard?org=%d&year=%d&period=q1" % (tb["id"], SEED_YEAR)))
    wait_cards(d)
    Select(css(d, "main select[name=period]")).select_by_visible_text("Cả năm")
    wait(d, lambda d: d.current_url.endswith("#/dashboard?org=%d&year=%d" % (tb["id"], SEED_YEAR)))
    wait(d, lambda d: card(d, "conferences").find_element(By.CSS_SELECTOR, ".ind-value").text
         == whole["conferences"]["display"])
    assert not d.find_elements(By.CSS_SELECTOR, "main .ind-period-note")
    assert not csp_errors(d), csp_errors(d)


def test_figure_to_children_to_records(browser, full):
    d = browser
    d.set_window_size(1280, 900)
    staff = Client(full, "hungyen.tuyengiao")
    hy = staff.account["org"]["id"]
    name = "member_pledge_rate"
    detail = ok(staff.get("/api/v1/indicators/" + name, params={"org": hy, "year": SEED_YEAR, "by": "children"}))
    merged = [c for c in detail["children"] if c["merged"]]
    assert merged, detail["children"]
    tb = merged[0]  # Thái Bình, merged into Hưng Yên in 2025
    missing = ok(staff.get("/api/v1/indicators/%s/records" % name,
                           params={"org": tb["org"]["id"], "year": SEED_YEAR, "per_page": 50}))
    assert missing["total"] == tb["den"] - tb["num"] > 50, (missing["total"], tb)

    login(d, full, "hungyen.tuyengiao")
    d.get(full.url("/#/dashboard?year=%d" % SEED_YEAR))
    wait_cards(d)
    card(d, name).find_element(By.CSS_SELECTOR, ".ind-value").click()
    wait(d, lambda d: "#/dashboard/%s?org=%d&year=%d" % (name, hy, SEED_YEAR) in d.current_url)
    wait(d, lambda d: css(d, "main h1").text == detail["label"])
    # every unit under it in the table, with the API's figures, adding up
    for c in detail["children"]:
        row = wait(d, EC.presence_of_element_located(
            (By.CSS_SELECTOR, "main .dash-table tr[data-org='%d']" % c["org"]["id"])))
        assert c["display"] in row.text and vn_int(c["den"]) in row.text, (c, row.text)
    total = css(d, "main .dash-table tr.is-total").text
    assert vn_int(detail["num"]) in total and vn_int(detail["den"]) in total, total
    assert "đã hợp nhất vào Đảng bộ tỉnh Hưng Yên" in css(d, "main .dash-table tr[data-org='%d']" %
                                                        tb["org"]["id"]).text
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main svg.chart-columns"))
    shots_at(d, "dashboard-figure")

    # the bar of Thái Bình leads down to its figure
    bar = css(d, "main svg.chart-hbar a[href*='org=%d&']" % tb["org"]["id"])
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", bar)
    bar.click()
    wait(d, lambda d: "org=%d&" % tb["org"]["id"] in d.current_url)
    wait(d, lambda d: tb["org"]["name"] in css(d, "main .dash-viewing").text)
    assert css(d, "main .ind-summary .ind-value").text == tb["display"]
    # the breadcrumb: the figures, the units above, this one
    crumbs = [x.text for x in d.find_elements(By.CSS_SELECTOR, "main .breadcrumb li")]
    assert crumbs[0] == "Số liệu" and crumbs[-1] == tb["org"]["name"], crumbs

    # the members without a pledge, as the API lists them, a page at a time
    lists = css(d, "main .ind-lists").text
    assert "%s chưa đạt" % vn_int(missing["total"]) in lists, lists
    css(d, "main .ind-lists a[data-which=missing]").click()
    wait(d, lambda d: "/dashboard/%s/records?org=%d&year=%d&which=missing" % (name, tb["org"]["id"], SEED_YEAR)
         in d.current_url)
    wait(d, lambda d: "%s hồ sơ" % vn_int(missing["total"]) in css(d, "main .table-status").text)
    assert css(d, "main .fig-tab[aria-current=page]").get_attribute("data-which") == "missing"
    titles = [a.text for a in d.find_elements(By.CSS_SELECTOR, "main tbody td.col-title a")]
    assert titles == [it["title"] for it in missing["items"]], titles[:3]
    shots_at(d, "dashboard-records")
    css(d, "main .pager button:last-child").click()
    wait(d, lambda d: "page=2" in d.current_url)
    page2 = ok(staff.get("/api/v1/indicators/%s/records" % name,
                         params={"org": tb["org"]["id"], "year": SEED_YEAR, "per_page": 50, "page": 2}))
    wait(d, lambda d: [a.text for a in d.find_elements(By.CSS_SELECTOR, "main tbody td.col-title a")]
         == [it["title"] for it in page2["items"]])
    # the counted ones are a tab away, and each row opens its record
    css(d, "main .fig-tab[data-which=counted]").click()
    wait(d, lambda d: "which=counted" in d.current_url and "page=" not in d.current_url)
    wait(d, lambda d: "%s hồ sơ" % vn_int(tb["num"]) in css(d, "main .table-status").text)
    first = css(d, "main tbody td.col-title a")
    person = first.text
    assert re.search(r"#/people/\d+$", first.get_attribute("href")), first.get_attribute("href")
    first.click()
    wait(d, lambda d: re.search(r"#/people/\d+$", d.current_url))
    wait(d, lambda d: person in css(d, "main h1").text)
    assert not csp_errors(d), csp_errors(d)


# ---- over the shared test server ------------------------------------------------------

@pytest.fixture(scope="module")
def cell_figures(server, clients, org_ids):
    """Files two pledges and an evaluation in the Quế Ổ cell for this year;
    returns the cell's figures before and after."""
    admin = clients["admin"]
    cell = org_ids[CELL]
    before = figure(admin, "member_pledge_rate", cell)
    pledged = {p["person_id"] for p in items_of(admin, PLEDGES, org=cell, year=YEAR)}
    rated = {e["person_id"] for e in items_of(admin, "/api/v1/evaluations", org=cell, year=YEAR)}
    # members who count this year (joined by 31/12) and have no pledge yet
    people = [p for p in items_of(admin, "/api/v1/people", org=cell, status="active")
              if p["org_id"] == cell and p["party_member"] and p["party_joined"] and
              p["party_joined"] <= "%d-12-31" % YEAR]
    free = [p for p in people if p["id"] not in pledged]
    assert len(free) >= 2, "no two members of the cell without a pledge of %d" % YEAR
    for p in free[:2]:
        rec = create(admin, PLEDGES, pledge_body(org_id=cell, person_id=p["id"]))
        drive_pledge(admin, rec["id"], "submitted")
    unrated = [p for p in people if p["id"] not in rated]
    assert unrated, "every member of the cell is rated for %d" % YEAR
    create(admin, "/api/v1/evaluations", {
        "year": YEAR, "org_id": cell, "person_id": unrated[0]["id"], "scale": "party",
        # good, not excellent: test_types_ui counts the excellent ones of this server
        "score_general": 25, "score_tasks": 55, "note": "Thử nghiệm trang số liệu"})
    after = {n: figure(admin, n, cell) for n in ("member_pledge_rate", "members_good_or_better")}
    return {"cell": cell, "before": before, "after": after}


def test_secretary_sees_the_cell_pledge_rate(browser, server, cell_figures):
    d = browser
    d.set_window_size(1280, 900)
    before, after = cell_figures["before"], cell_figures["after"]["member_pledge_rate"]
    # the figure is computed from the pledges filed: two members more
    assert after["num"] == before["num"] + 2, (before, after)
    assert after["den"] == before["den"] and after["den"] > 0, (before, after)
    assert abs(float(after["display"].rstrip("%").replace(",", ".")) -
               100.0 * after["num"] / after["den"]) <= 0.051, after

    # the secretary lands on the figures of the cell
    login(d, server, "bithu.queo")
    wait(d, lambda d: d.current_url.endswith("#/dashboard"))
    wait_cards(d)
    assert css(d, "#nav-list li:first-child a").text == "Số liệu"
    assert CELL_NAME in css(d, "main .dash-viewing").text
    c = card(d, "member_pledge_rate")
    wait(d, lambda d: card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, ".ind-value").text
         == after["display"])
    text = c.text
    assert "Đảng viên đăng ký làm theo" in text
    assert "%s / %s đảng viên" % (vn_int(after["num"]), vn_int(after["den"])) in text
    assert "Nguồn: bài 003" in text
    if YEAR > 2021:
        assert "Năm trước: " in text
    # the evaluation counts among the members rated
    ev = cell_figures["after"]["members_good_or_better"]
    assert ev["den"] >= 1
    assert "%s / %s đảng viên được xếp loại" % (vn_int(ev["num"]), vn_int(ev["den"])) in \
        card(d, "members_good_or_better").text
    # the rule opens under "Cách tính"
    rule = c.find_element(By.CSS_SELECTOR, "details.ind-rule summary")
    assert rule.text == "Cách tính" and "÷" in rule.get_attribute("title")
    rule.click()
    wait(d, lambda d: card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, "details.ind-rule p").is_displayed())
    assert "/dashboard/" not in d.current_url, "opening the rule does not leave the page"
    shots_at(d, "dashboard-cell")

    # English: the same figures, the words translated, the numbers Vietnamese
    css(d, ".lang-btn[data-lang=en]").click()
    wait(d, lambda d: "party members" in card(d, "member_pledge_rate").text)
    text = card(d, "member_pledge_rate").text
    assert "Members with a pledge" in text
    assert "%s of %s party members" % (vn_int(after["num"]), vn_int(after["den"])) in text
    assert css(d, "#nav-list li:first-child a").text == "Figures"
    assert [a.text for a in d.find_elements(By.CSS_SELECTOR, "main .fig-tabs a")] == \
        ["Figures", "Year submission", "Data quality"]
    css(d, ".lang-btn[data-lang=vi]").click()
    wait(d, lambda d: "đảng viên" in card(d, "member_pledge_rate").text)

    # the card opens the figure of the cell (no unit under it) and its lists
    card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, ".ind-value").click()
    wait(d, lambda d: "#/dashboard/member_pledge_rate?" in d.current_url)
    assert "org=%d" % cell_figures["cell"] in d.current_url
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main svg.chart-columns"))
    assert "không có đơn vị trực thuộc" in main_text(d)
    assert css(d, "main a.dash-records").get_attribute("href").endswith(
        "#/dashboard/member_pledge_rate/records?org=%d&year=%d" % (cell_figures["cell"], YEAR))
    assert not csp_errors(d), csp_errors(d)


def test_drill_down_to_the_cell(browser, server, clients, cell_figures):
    d = browser
    d.set_window_size(1280, 900)
    staff = clients["bacninh.tuyengiao"]
    bn = staff.account["org"]["id"]
    cell = cell_figures["cell"]
    commune = staff.get("/api/v1/orgs/%d" % cell).json()["parent_id"]
    rows = ok(staff.get("/api/v1/indicators/member_pledge_rate",
                        params={"org": commune, "year": YEAR, "by": "children"}))["children"]
    mine = [r for r in rows if r["org"]["id"] == cell]
    assert len(mine) == 1, rows
    assert mine[0]["num"] == cell_figures["after"]["member_pledge_rate"]["num"]

    login(d, server, "bacninh.tuyengiao")
    wait(d, lambda d: d.current_url.endswith("#/dashboard"))
    wait_cards(d)
    assert "Đảng bộ tỉnh Bắc Ninh" in css(d, "main .dash-viewing").text
    card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, "h2 a").click()
    wait(d, lambda d: "#/dashboard/member_pledge_rate?org=%d&" % bn in d.current_url)
    # the bar of the commune leads down to it
    link = wait(d, EC.presence_of_element_located(
        (By.CSS_SELECTOR, "main svg.chart-hbar a[href*='org=%d&']" % commune)))
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    wait(d, lambda d: "org=%d&" % commune in d.current_url)
    wait(d, lambda d: CELL_NAME in css(d, "main .dash-table tr[data-org='%d']" % cell).text)
    row = css(d, "main .dash-table tr[data-org='%d']" % cell)
    assert mine[0]["display"] in row.text
    assert vn_int(mine[0]["num"]) in row.text
    # and in the chart, as a link
    labels = [a.get_attribute("aria-label") for a in d.find_elements(By.CSS_SELECTOR, "main svg.chart-hbar a")]
    assert any(CELL_NAME in (x or "") for x in labels), labels
    # the breadcrumb leads back up to the province
    crumbs = css(d, "main .breadcrumb").text
    assert "Số liệu" in crumbs and "Đảng bộ tỉnh Bắc Ninh" in crumbs

    # down to the cell by its name in the table
    row.find_element(By.CSS_SELECTOR, "a.row-link").click()
    wait(d, lambda d: re.search(r"org=%d(&|$)" % cell, d.current_url))
    wait(d, lambda d: CELL_NAME in css(d, "main .dash-viewing").text)
    wait(d, lambda d: css(d, "main .ind-summary .ind-value").text ==
         cell_figures["after"]["member_pledge_rate"]["display"])
    up = css(d, "main .breadcrumb").find_elements(By.CSS_SELECTOR, "a")
    assert [a.text for a in up][-1] == staff.get("/api/v1/orgs/%d" % commune).json()["name"]
    assert not csp_errors(d), csp_errors(d)


def test_members_read_figures_without_lists(browser, server, clients, cell_figures):
    d = browser
    d.set_window_size(1280, 900)
    member = clients["dangvien.queo"]
    # the server refuses them the lists (docs/api.md)
    for path in ("/api/v1/indicators/member_pledge_rate/records", "/api/v1/quality"):
        assert member.get(path, params={"year": YEAR}).status_code == 403, path
    want = figure(member, "member_pledge_rate", cell_figures["cell"])

    # signed out on another page first: the page of the account before
    # would be kept as the one to go back to
    d.delete_all_cookies()
    d.get(server.url("/?out"))
    login(d, server, "dangvien.queo")
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "#nav-list a"))
    assert d.current_url.endswith("#/"), "a member lands on the own home page: %s" % d.current_url
    nav = [a.text for a in d.find_elements(By.CSS_SELECTOR, "#nav-list > li > a")]
    assert nav[:2] == ["Trang chủ", "Số liệu"], nav
    css(d, "#nav-list a[href='#/dashboard']").click()
    wait_cards(d)
    wait(d, lambda d: card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, ".ind-value").text
         == want["display"])
    assert not d.find_elements(By.CSS_SELECTOR, "main .fig-tabs"), "no year report nor quality tabs"
    card(d, "member_pledge_rate").find_element(By.CSS_SELECTOR, "h2 a").click()
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main .ind-summary .ind-value"))
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "main svg.chart-columns"))
    assert not d.find_elements(By.CSS_SELECTOR, "main a.dash-records, main .ind-lists")
    for page in ("#/dashboard/member_pledge_rate/records", "#/years", "#/quality"):
        d.get(server.url("/" + page))
        wait(d, lambda d: "Không có quyền truy cập" in main_text(d))
    assert not csp_errors(d), csp_errors(d)
