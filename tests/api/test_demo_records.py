"""The demo data set's campaign records (src/demo/demo_records.c), loaded
through the same rules as the API: the API serves them, their derived
fields agree with their children, and the seeds' proportions come out."""
import sqlite3

import pytest

from support import Client, Server


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("full"), "full", records=True)
    yield s
    assert s.stop() == 0


def q(db, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_every_type_has_records(full):
    c = Client(full, "admin")
    for path in ("topics", "plans", "pledges", "activities", "concerns", "petitions",
                 "exemplars", "inspections", "evaluations", "awards", "surveys", "metrics"):
        r = c.get("/api/v1/" + path, params={"per_page": 1})
        assert r.status_code == 200, (path, r.text)
        assert r.json()["total"] > 0, path


def test_pledge_rates_of_the_seeds(full):
    # Seed 003: 96,8% of members pledged in 2021, 98,5% in 2022 — counted
    # over active party members who had joined by the end of the year.
    for year, want in ((2021, 96.8), (2022, 98.5)):
        (den,), = q(full.db, "SELECT COUNT(*) FROM person WHERE party_member = 1 AND "
                    "status = 'active' AND party_joined <= ? AND note IS NULL",
                    "%d-12-31" % year)
        (num,), = q(full.db, "SELECT COUNT(DISTINCT p.person_id) FROM pledge p JOIN person x "
                    "ON x.id = p.person_id WHERE p.year = ? AND p.deleted_at IS NULL AND "
                    "x.party_member = 1 AND x.status = 'active' AND x.party_joined <= ?",
                    year, "%d-12-31" % year)
        assert abs(100.0 * num / den - want) < 0.3, (year, num, den)


def test_concerns_resolved_share(full):
    # Seed 003: 88% of selected issues resolved in 2021, 94,7% in 2022.
    c = Client(full, "admin")
    for year, want in ((2021, 88.0), (2022, 94.7)):
        f = c.get("/api/v1/concerns", params={"year": year, "per_page": 1}).json()["facets"]
        share = 100.0 * f.get("resolved", 0) / sum(f.values())
        assert abs(share - want) < 1.0, (year, f)


def test_derived_fields_follow_children(full):
    # Each pledge shows its latest check-in; each concern its latest update.
    bad = q(full.db, "SELECT COUNT(*) FROM pledge p WHERE p.last_checkin IS NOT "
            "(SELECT MAX(date) FROM pledge_checkin c WHERE c.pledge_id = p.id)")
    assert bad == [(0,)]
    bad = q(full.db, "SELECT COUNT(*) FROM concern c WHERE c.state IS NOT (SELECT u.state "
            "FROM concern_update u WHERE u.concern_id = c.id ORDER BY u.date DESC, u.id DESC "
            "LIMIT 1) AND EXISTS (SELECT 1 FROM concern_update u WHERE u.concern_id = c.id)")
    assert bad == [(0,)]
    bad = q(full.db, "SELECT COUNT(*) FROM plan p WHERE p.tasks_done != (SELECT COUNT(*) "
            "FROM plan_task t WHERE t.plan_id = p.id AND t.status = 'done')")
    assert bad == [(0,)]


def test_the_seeds_officials_are_not_judged(full):
    # SPEC §7: the real officials get no pledge, evaluation or award.
    rows = q(full.db, "SELECT COUNT(*) FROM person x WHERE x.note LIKE 'Chức vụ theo bài báo%' "
             "AND (EXISTS (SELECT 1 FROM pledge p WHERE p.person_id = x.id) OR "
             "EXISTS (SELECT 1 FROM evaluation e WHERE e.person_id = x.id) OR "
             "EXISTS (SELECT 1 FROM award a WHERE a.person_id = x.id))")
    assert rows == [(0,)]


def test_member_account_can_file_this_years_pledge(full):
    m = Client(full, "dangvien.queo")
    year = int(m.get("/api/v1/me").json()["csrf_token"] and
               q(full.db, "SELECT MAX(year) FROM pledge")[0][0])
    mine = m.get("/api/v1/pledges", params={"year": year}).json()
    assert mine["total"] == 0
    assert m.get("/api/v1/pledges", params={"year": 2022}).json()["total"] == 1


# ---- the figures of SPEC §4, live from the records --------------------------------------

def org_id(db, code):
    return q(db, "SELECT id FROM org WHERE code = ?", code)[0][0]


def figures(c, org, year, **extra):
    r = c.get("/api/v1/indicators", params=dict(org=org, year=year, **extra))
    assert r.status_code == 200, r.text
    return {i["name"]: i for i in r.json()["items"]}


def test_the_seeds_figures_come_out(full):
    c = Client(full, "tw.tuyengiao")
    tb = figures(c, org_id(full.db, "TB"), 2022, compare=2021)
    # Seed 003: 96,8% in 2021, 98,5% in 2022; 100% of key cadres.
    assert tb["member_pledge_rate"]["display"] == "98,5%"
    assert tb["member_pledge_rate"]["compare"]["display"] == "96,8%"
    assert tb["key_cadre_pledge_rate"]["display"] == "100%"
    # Seed 003: issues resolved 88% (2021) → 94,7% (2022), within a point.
    assert abs(tb["concerns_resolved"]["rate"] - 94.7) < 1.0
    assert abs(tb["concerns_resolved"]["compare"]["rate"] - 88.0) < 1.0
    # Seed 003: 97% of cells put the topic into their regular meetings.
    assert abs(tb["cells_topic_in_meetings"]["rate"] - 97.0) < 1.0
    # Seed 004: the Nam Định bloc, 2022: members good or better 96,96%.
    nd = figures(c, org_id(full.db, "ND.KHOI"), 2022)
    assert abs(nd["members_good_or_better"]["rate"] - 96.96) < 0.1
    assert nd["members_good_or_better"]["display"].count(",") == 1
    # Seed 001: Hải Hà, more than 80 conferences and about 10.000
    # attendances in 2021–2022.
    hh = [figures(c, org_id(full.db, "QN.HH"), y)["conferences"] for y in (2021, 2022)]
    assert sum(x["num"] for x in hh) > 80
    assert 8000 < sum(x["parts"][1] for x in hh) < 12000


def test_rates_never_pass_100_and_num_within_den(full):
    c = Client(full, "admin")
    for code in ("VN", "HY", "TB", "BN", "QN.HH", "BN.QV.CHI_LANG.QUE_O"):
        for year in (2021, 2022, 2026):
            for f in figures(c, org_id(full.db, code), year).values():
                assert f["num"] >= 0, (code, year, f)
                if f["kind"] == "rate":
                    assert f["num"] <= f["den"], (code, year, f)
                    assert f["rate"] is None or 0 <= f["rate"] <= 100


def test_a_merged_province_counts_its_predecessors(full):
    """Hưng Yên's 2022 figures are those of the old Hưng Yên plus Thái Bình,
    merged into it in 2025; its breakdown by unit adds up to the total."""
    c = Client(full, "admin")
    hy, tb = org_id(full.db, "HY"), org_id(full.db, "TB")
    for name in ("member_pledge_rate", "concerns_resolved", "conferences"):
        r = c.get("/api/v1/indicators/" + name, params={"org": hy, "year": 2022, "by": "children"})
        assert r.status_code == 200, r.text
        body = r.json()
        rows = body["children"]
        assert any(x["org"]["id"] == tb and x["merged"] for x in rows), rows
        assert sum(x["num"] for x in rows) == body["num"], name
        if body["kind"] == "rate":
            assert sum(x["den"] for x in rows) == body["den"], name
        tb_alone = figures(c, tb, 2022)[name]
        assert body["num"] >= tb_alone["num"] > 0


def test_figures_follow_the_scope(full):
    sec = Client(full, "bithu.queo")
    me = sec.get("/api/v1/me").json()
    r = sec.get("/api/v1/indicators", params={"org": org_id(full.db, "TB"), "year": 2022})
    assert r.status_code == 404
    mine = sec.get("/api/v1/indicators", params={"year": 2022}).json()
    assert mine["org"]["id"] == me["org"]["id"]
    assert mine["items"][0]["records"] == {
        "path": "indicators/committees_with_plan/records",
        "params": "org=%d&year=2022" % me["org"]["id"]}
    r = sec.get("/api/v1/indicators/nope")
    assert r.status_code == 404
    r = sec.get("/api/v1/indicators", params={"year": "20x2"})
    assert r.status_code == 400 and r.json()["error"]["field"] == "year"


def test_the_survey_and_the_emulation_metrics(full):
    """Seed 003's survey: the share of each answer (98,73% trust = the first
    two answers; 92,93%; 98,13%), and the emulation metrics summed over the
    tree — as the records say."""
    c = Client(full, "tw.tuyengiao")
    r = c.get("/api/v1/indicators", params={"org": org_id(full.db, "TB"), "year": 2023})
    assert r.status_code == 200, r.text
    surveys = r.json()["surveys"]
    assert len(surveys) == 3
    trust = surveys[0]["answers"]
    assert surveys[0]["answered"] == 1500 and surveys[0]["surveys"] == 1
    assert round(trust[0]["share"] + trust[1]["share"], 2) == 98.73
    assert [a["display"] for a in surveys[1]["answers"]][0] == "92,93%"
    assert [a["display"] for a in surveys[2]["answers"]][0] == "98,13%"
    for question in surveys:
        assert sum(a["count"] for a in question["answers"]) == question["answered"]
    # Another year, or a province without the survey: none.
    r = c.get("/api/v1/indicators", params={"org": org_id(full.db, "QN"), "year": 2023})
    assert r.json()["surveys"] == []
    vn = org_id(full.db, "VN")
    got = {m["code"]: m for m in figures_body(c, vn, 2022)["metrics"]}
    want = dict(q(full.db, "SELECT metric, SUM(value) FROM metric_value WHERE year = 2022 "
                           "AND period = 'year' AND deleted_at IS NULL GROUP BY metric"))
    assert want and {k: v["value"] for k, v in got.items() if v["value"]} == want
    assert got["savings"]["display"].endswith("đồng")
    assert all(m["label"] for m in got.values())


def test_a_years_completeness_is_its_own_tree_of_that_year(full):
    """Hưng Yên's 2022 report covers what reported to it in 2022 — not Thái
    Bình, merged into it in 2025, which reported to the centre then — so its
    counts are its own and those of the units listed under it."""
    c = Client(full, "admin")
    hy = org_id(full.db, "HY")
    r = c.get("/api/v1/year_reports", params={"org": hy, "year": 2022})
    assert r.status_code == 200, r.text
    v = r.json()
    assert org_id(full.db, "TB") not in [k["org"]["id"] for k in v["children"]]
    assert v["counts"]["units"] == 1 + sum(k["counts"]["units"] for k in v["children"])
    # Its own pledges (the province committee's collective ones) and those below.
    assert 0 <= v["counts"]["pledges"] - sum(k["counts"]["pledges"] for k in v["children"]) < 10
    one = c.get("/api/v1/indicators/member_pledge_rate", params={"org": hy, "year": 2022})
    assert one.json()["org"]["id"] == hy


def figures_body(c, org, year, **extra):
    r = c.get("/api/v1/indicators", params=dict(org=org, year=year, **extra))
    assert r.status_code == 200, r.text
    return r.json()


QUARTERS = ("q1", "q2", "q3", "q4")
MONTHS = tuple("m%02d" % m for m in range(1, 13))


def test_quarters_and_months_add_up_to_the_year(full):
    """A dated figure (a meeting's day, an issue's opening …) of a quarter or a
    month counts the records dated in it, so the quarters — and the months —
    add up to the year (but the cells with the topic in a meeting, counted per
    cell); the figures counted by the year a record is for stay the year's,
    and say so."""
    c = Client(full, "tw.tuyengiao")
    org = org_id(full.db, "TB")
    year = figures(c, org, 2022)
    spans = {p: figures(c, org, 2022, period=p) for p in QUARTERS + MONTHS}
    dated = 0
    for name, f in year.items():
        assert f["period"] == "year"
        if spans["q1"][name]["period"] == "year":
            assert all(spans[p][name]["num"] == f["num"] for p in spans), name
            continue
        dated += 1
        if name == "cells_topic_in_meetings":
            # Counted per cell: each cell open that year, with the topic in a
            # meeting of that quarter — a cell may count in several quarters.
            assert all(spans[p][name]["den"] == f["den"] for p in spans)
            assert all(spans[p][name]["num"] <= f["num"] for p in spans)
            assert sum(spans[p][name]["num"] for p in QUARTERS) >= f["num"]
            continue
        for parts in (QUARTERS, MONTHS):
            assert [spans[p][name]["period"] for p in parts] == list(parts)
            assert sum(spans[p][name]["num"] for p in parts) == f["num"], name
            assert ([sum(spans[p][name]["parts"][k] for p in parts) for k in range(4)] ==
                    f["parts"]), name
        if f["kind"] == "rate":
            assert sum(spans[p][name]["den"] for p in QUARTERS) == f["den"], name
        elif f["num"] > 0:
            assert sum(1 for p in QUARTERS if spans[p][name]["num"] > 0) >= 2, name
    assert dated == 7
    # The records behind a quarter's figure are that quarter's.
    q1 = spans["q1"]["conferences"]
    assert q1["records"]["params"].endswith("&period=q1")
    got = behind(c, "conferences", org, 2022, period="q1", per_page=1)
    assert got["total"] == q1["num"] and got["period"] == "q1"
    r = c.get("/api/v1/indicators", params={"org": org, "year": 2022, "period": "q5"})
    assert r.status_code == 400 and r.json()["error"]["field"] == "period"


def behind(c, name, org, year, which=None, **extra):
    params = dict(org=org, year=year, **extra)
    if which:
        params["which"] = which
    r = c.get("/api/v1/indicators/%s/records" % name, params=params)
    assert r.status_code == 200, (name, which, r.text)
    return r.json()


def test_the_records_behind_every_figure_add_up(full):
    """Each figure opens on its records: for a rate, the rows of its
    denominator outside the numerator (default), inside it, or all; for a
    count, the records counted — always as many as the figure says."""
    c = Client(full, "tw.tuyengiao")
    for code in ("TB", "BN.QV.CHI_LANG.QUE_O"):
        org = org_id(full.db, code)
        for name, f in figures(c, org, 2022).items():
            if f["kind"] == "rate":
                missing = behind(c, name, org, 2022, per_page=1)
                assert missing["which"] == "missing"
                assert missing["total"] == f["den"] - f["num"], (code, name)
                assert behind(c, name, org, 2022, "counted", per_page=1)["total"] == f["num"]
                assert behind(c, name, org, 2022, "all", per_page=1)["total"] == f["den"]
                assert all(not x["counted"] for x in missing["items"])
            else:
                got = behind(c, name, org, 2022, per_page=1)
                assert got["which"] == "all" and got["total"] == f["num"], (code, name)
                assert all(x["counted"] for x in got["items"])


def test_members_without_a_pledge_are_those_people(full):
    """Thái Bình 2022: the people the list names as without a pledge are the
    active party members of its tree with no pledge that year, and each
    opens as a person."""
    c = Client(full, "hungyen.tuyengiao")
    tb = org_id(full.db, "TB")
    listed, page = [], 1
    while True:
        body = behind(c, "member_pledge_rate", tb, 2022, page=page, per_page=100)
        listed += body["items"]
        if page * 100 >= body["total"]:
            break
        page += 1
    want = {r[0] for r in q(full.db,
        "SELECT x.id FROM person x JOIN org o ON o.id = x.org_id WHERE x.party_member = 1 "
        "AND x.status = 'active' AND x.party_joined <= '2022-12-31' AND EXISTS (SELECT 1 "
        "FROM org_period pp, org t WHERE t.code = 'TB' AND pp.org_id = o.id AND "
        "pp.path LIKE t.path || '%' AND pp.valid_from <= '2022-12-31' AND (pp.valid_to IS "
        "NULL OR pp.valid_to > '2022-01-01')) AND NOT EXISTS (SELECT 1 FROM pledge p WHERE "
        "p.person_id = x.id AND p.year = 2022 AND p.status <> 'draft' AND p.deleted_at IS NULL)")}
    assert want and {x["id"] for x in listed} == want
    assert {x["path"] for x in listed} == {"people"}
    first = listed[0]
    r = c.get("/api/v1/people/%d" % first["id"])
    assert r.status_code == 200 and r.json()["full_name"] == first["title"]
    assert r.json()["org_id"] == first["org"]["id"]


def test_the_records_behind_refuse(full):
    c = Client(full, "admin")
    tb = org_id(full.db, "TB")
    url = "/api/v1/indicators/%s/records"
    for r, status, field in [
        (c.get(url % "conferences", params={"org": tb, "which": "missing"}), 400, "which"),
        (c.get(url % "concerns_resolved", params={"org": tb, "which": "some"}), 400, "which"),
        (c.get(url % "concerns_resolved", params={"org": tb, "per_page": 0}), 400, "per_page"),
        (c.get(url % "nope"), 404, None),
        (Client(full, "dangvien.queo").get(url % "member_pledge_rate"), 403, None),
        (Client(full, "bithu.queo").get(url % "member_pledge_rate", params={"org": tb}), 404,
         None),
    ]:
        assert r.status_code == status, r.text
        assert r.json()["error"].get("field") == field
