"""Data quality (issue 4): GET /api/v1/quality lists, for a unit's tree and
a year, the records that are possible but suspicious and the units that
have not entered their year; /quality/<check> pages through one check.

Each test builds a private district (P) with a commune (C) and two cells
(K has a meeting, K2 none), so the counts below are exactly what the test
made.  Records that the API itself refuses to make (a check-in after the
verdict, a pledge left without news for months) are aged directly in the
database, as an import of old data would leave them."""
import datetime

import pytest

from support import (Client, create, db_write, drive_pledge, error_of, make_org, make_person,
                     pledge_body, vn_today)

TODAY = vn_today()
YEAR = TODAY.year
LAST = YEAR - 1
CHECKS = ["attendance_over_members", "checkin_after_verdict", "due_before_filed",
          "duplicate_pledge", "evaluation_not_member", "cell_without_meeting",
          "committee_without_plan", "stale_pledge"]


@pytest.fixture(scope="module")
def admin(clients):
    return clients["admin"]


def sql(server, stmt, *args):
    db_write(server.db, stmt, *args)


@pytest.fixture(scope="module")
def t(admin, org_ids, server):
    """The private tree and the suspicious records of LAST in it."""
    p = make_org(admin, org_ids["HY"], kind="district_committee", name="Huyện thử chất lượng",
                 valid_from="2020-01-01")
    c = make_org(admin, p["id"], kind="base_committee", name="Xã thử chất lượng",
                 valid_from="2020-01-01")
    k = make_org(admin, c["id"], kind="cell", name="Chi bộ thử chất lượng",
                 valid_from="2020-01-01")
    k2 = make_org(admin, c["id"], kind="cell", name="Chi bộ thử chưa sinh hoạt",
                  valid_from="2020-01-01")
    member = make_person(admin, k["id"], "Đảng Viên Thử Chất Lượng", party_member=True,
                         party_joined="2010-05-19")
    outsider = make_person(admin, k["id"], "Quần Chúng Thử Chất Lượng")
    create(admin, "/api/v1/plans", {"org_id": p["id"], "year": LAST,
                                    "title": "Kế hoạch thử chất lượng"})
    # Two people checked in to a meeting of a cell with one party member.
    meeting = create(admin, "/api/v1/activities", {
        "title": "Sinh hoạt chi bộ thử chất lượng", "kind": "cell_meeting",
        "date": "%d-04-10" % LAST, "org_id": k["id"]})
    for who in (member, outsider):
        r = admin.post("/api/v1/activities/%d/attendance" % meeting["id"],
                       json={"person_id": who["id"]})
        assert r.status_code == 201, r.text
    # A pledge of LAST filed today: after its due date.
    late = create(admin, "/api/v1/pledges", pledge_body(org_id=k["id"], person_id=member["id"],
                                                        year=LAST))
    late = drive_pledge(admin, late["id"], "accepted")
    # A second pledge of the same person and year, closed, then a check-in
    # dated after the verdict (as old data would have it).
    second = create(admin, "/api/v1/pledges", pledge_body(org_id=k["id"],
                                                          person_id=member["id"], year=LAST))
    drive_pledge(admin, second["id"], "accepted")
    r = admin.post("/api/v1/pledges/%d/checkins" % second["id"],
                   json={"date": TODAY.isoformat(), "progress": 80, "note": "Gần xong"})
    assert r.status_code == 201, r.text
    r = admin.post("/api/v1/pledges/%d/verdict" % second["id"],
                   json={"verdict": "done", "verdict_note": "Hoàn thành"})
    assert r.status_code == 200, r.text
    second = r.json()
    day_before = (TODAY - datetime.timedelta(days=1)).isoformat()
    sql(server, "UPDATE pledge SET verdict_on = ? WHERE id = ?", day_before, second["id"])
    # The first pledge: accepted 100 days ago, no news since.
    old = (TODAY - datetime.timedelta(days=100)).isoformat()
    sql(server, "UPDATE pledge SET accepted_on = ?, last_checkin = NULL WHERE id = ?",
        old, late["id"])
    # A party member's rating of someone not in the Party.
    ev = create(admin, "/api/v1/evaluations", {"year": LAST, "org_id": k["id"],
                                                "person_id": outsider["id"], "scale": "party",
                                                "score_general": 25, "score_tasks": 60})
    return dict(P=p, C=c, K=k, K2=k2, member=member, outsider=outsider, meeting=meeting,
                late=late, second=second, ev=ev)


def summary(client, org, year=LAST, **params):
    r = client.get("/api/v1/quality", params=dict(org=org["id"], year=year, **params))
    assert r.status_code == 200, r.text
    return r.json()


def test_each_check_finds_what_was_made(admin, t):
    s = summary(admin, t["P"])
    assert s["org"]["id"] == t["P"]["id"] and s["year"] == LAST
    assert [i["name"] for i in s["items"]] == CHECKS
    got = {i["name"]: (i["total"], sorted(h["id"] for h in i["sample"])) for i in s["items"]}
    assert got == {
        "attendance_over_members": (1, [t["meeting"]["id"]]),
        "checkin_after_verdict": (1, [t["second"]["id"]]),
        "due_before_filed": (2, sorted([t["late"]["id"], t["second"]["id"]])),
        "duplicate_pledge": (1, [t["second"]["id"]]),
        "evaluation_not_member": (1, [t["ev"]["id"]]),
        "cell_without_meeting": (1, [t["K2"]["id"]]),
        "committee_without_plan": (1, [t["C"]["id"]]),
        "stale_pledge": (1, [t["late"]["id"]]),
    }
    item = {i["name"]: i for i in s["items"]}
    hit = item["stale_pledge"]["sample"][0]
    assert hit["title"].startswith("Đảng Viên Thử Chất Lượng: ") and \
        hit["org"] == {"id": t["K"]["id"], "name": "Chi bộ thử chất lượng"}
    assert item["cell_without_meeting"]["path"] == "orgs"
    assert item["stale_pledge"]["path"] == "pledges"
    assert item["stale_pledge"]["label"].startswith("Bản đăng ký đã chấp nhận")


def test_scoped_to_the_unit_and_year(admin, t):
    """A cell's own tree holds only its own findings; another year, none of
    the records (the units without entries stay: nothing was entered)."""
    k2 = {i["name"]: i["total"] for i in summary(admin, t["K2"])["items"]}
    assert k2 == dict({c: 0 for c in CHECKS}, cell_without_meeting=1)
    before = {i["name"]: i["total"] for i in summary(admin, t["P"], year=LAST - 1)["items"]}
    assert before == dict({c: 0 for c in CHECKS}, cell_without_meeting=2,
                          committee_without_plan=2)


def test_fixing_the_record_clears_it(admin, t):
    e = create(admin, "/api/v1/activities", {"title": "Sinh hoạt chi bộ bù", "kind": "cell_meeting",
                                             "date": "%d-06-10" % LAST, "org_id": t["K2"]["id"]})
    try:
        s = {i["name"]: i["total"] for i in summary(admin, t["P"])["items"]}
        assert s["cell_without_meeting"] == 0
    finally:
        assert admin.delete("/api/v1/activities/%d" % e["id"]).status_code in (200, 204)
    s = {i["name"]: i["total"] for i in summary(admin, t["P"])["items"]}
    assert s["cell_without_meeting"] == 1


def test_one_check_pages(admin, t):
    url = "/api/v1/quality/due_before_filed"
    first = admin.get(url, params={"org": t["P"]["id"], "year": LAST, "per_page": 1}).json()
    second = admin.get(url, params={"org": t["P"]["id"], "year": LAST, "per_page": 1,
                                    "page": 2}).json()
    assert (first["total"], first["page"], first["per_page"]) == (2, 1, 1)
    assert first["name"] == "due_before_filed" and first["org"]["id"] == t["P"]["id"]
    assert sorted([first["items"][0]["id"], second["items"][0]["id"]]) == \
        sorted([t["late"]["id"], t["second"]["id"]])


def test_english_labels(server, t):
    en = Client(server, "admin", lang="en")
    s = summary(en, t["P"])
    assert s["items"][0]["label"] == "More attendees checked in than the unit has members"


def test_refusals(admin, clients, t):
    q = "/api/v1/quality"
    for send, status, code, field in [
        (lambda: admin.get(q, params={"year": "abc"}), 400, "bad_param", "year"),
        (lambda: admin.get(q, params={"year": 99999}), 400, "bad_param", "year"),
        (lambda: admin.get(q, params={"org": "x"}), 400, "bad_param", "org"),
        (lambda: admin.get(q, params={"org": 999999}), 404, "not_found", None),
        (lambda: admin.get(q + "/no_such_check"), 404, "not_found", None),
        (lambda: admin.get(q + "/stale_pledge", params={"per_page": 100000}), 400,
         "bad_param", "per_page"),
        # A member sees only his or her own records: not these lists.
        (lambda: clients["dangvien.queo"].get(q), 403, "forbidden", None),
        (lambda: clients["dangvien.queo"].get(q + "/stale_pledge"), 403, "forbidden", None),
        # Outside the account's scope.
        (lambda: clients["bithu.queo"].get(q, params={"org": t["P"]["id"]}), 404,
         "not_found", None),
        (lambda: clients["bacninh.tuyengiao"].get(q + "/stale_pledge",
                                                  params={"org": t["P"]["id"]}),
         404, "not_found", None),
    ]:
        error_of(send(), status, code, field)


def test_roles_in_scope(clients, t):
    """Staff and viewers of Hưng Yên see the findings of the tree below."""
    for who in ("hungyen.tuyengiao", "lanhdao.hungyen"):
        s = {i["name"]: i["total"] for i in summary(clients[who], t["P"])["items"]}
        assert s["stale_pledge"] == 1 and s["cell_without_meeting"] == 1, (who, s)
    # The secretary's own cell, by default the account's unit.
    r = clients["bithu.queo"].get("/api/v1/quality", params={"year": LAST})
    assert r.status_code == 200 and r.json()["org"]["code"] == "BN.QV.CHI_LANG.QUE_O"
