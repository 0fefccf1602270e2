"""The pledge workflow (SPEC §3: "đăng ký rồi quên" no more): draft →
submitted → accepted or returned → self-review → the cell's verdict, with
check-ins while the pledge is being carried out.

  - every transition from every status: allowed, or 400 rule "status";
  - the whole path by the real demo accounts: dangvien.queo (member of the
    Quế Ổ cell) pledges, bithu.queo (its secretary) returns, accepts, judges;
  - who may not: a viewer (403), another cell's secretary (404), a member
    on someone else's pledge (404), a member deciding on their own (403);
  - check-ins: only while accepted or reviewed, not in the future, not
    before the acceptance; the pledge shows the latest one;
  - the audit trail of all of it; a refused request writes nothing.
"""
import datetime

import pytest

from support import (PLEDGE_FLOW, PLEDGE_PATHS, PLEDGE_STATUSES, PLEDGES, TRANSITION_BODIES,
                     Client, audit_rows, create, db_write, error_of, find_person, history, make_pledge,
                     own_fields, pledge_body, refused_all, transition, unique, vn_today)

TODAY = vn_today()
YEAR = TODAY.year
CELL = "BN.QV.CHI_LANG.QUE_O"
OTHER_CELL = "BN.QV.PHO_MOI.C01"
TRANSITIONS = list(PLEDGE_FLOW)
# What each transition stamps (today) and records from its body.
STAMPS = {"submit": "submitted_on", "accept": "accepted_on", "review": "reviewed_on",
          "verdict": "verdict_on"}
EDITABLE = ("draft", "returned")
CHECKIN_OPEN = ("accepted", "reviewed")


def url(pid, sub=None):
    return "%s/%d%s" % (PLEDGES, pid, "/" + sub if sub else "")


def checkin(client, pid, date=None, progress=50, note="Đã thực hiện một phần"):
    return client.post(url(pid, "checkins"), json={
        "date": (date or TODAY).isoformat(), "progress": progress, "note": note})


# ---- accounts and people ---------------------------------------------------------------

@pytest.fixture(scope="module")
def admin(clients):
    return clients["admin"]


@pytest.fixture(scope="module")
def member(clients):
    return clients["dangvien.queo"]


@pytest.fixture(scope="module")
def secretary(clients):
    return clients["bithu.queo"]


@pytest.fixture(scope="module")
def cell(org_ids):
    return org_ids[CELL]


@pytest.fixture(scope="module")
def me(member):
    return member.account["person_id"]


@pytest.fixture(scope="module")
def neighbour(admin, cell, me):
    """Another person of the Quế Ổ cell."""
    return find_person(admin, cell, skip={me})


def new_account(server, admin, role, org_id, person_id=None):
    username, password = unique("t.pledge."), "mat-khau-dang-ky"
    body = {"username": username, "password": password, "role": role, "org_id": org_id}
    if person_id:
        body["person_id"] = person_id
    r = admin.post("/api/v1/accounts", json=body)
    assert r.status_code == 201, r.text
    server.passwords[username] = password
    return Client(server, username)


@pytest.fixture(scope="module")
def other_secretary(server, admin, org_ids):
    """The secretary of another cell of the same commune's district."""
    return new_account(server, admin, "secretary", org_ids[OTHER_CELL])


@pytest.fixture(scope="module")
def bn_viewer(server, admin, org_ids):
    """A viewer whose scope holds the Quế Ổ cell."""
    return new_account(server, admin, "viewer", org_ids["BN"])


def own_pledge(member, secretary, status, **kw):
    """A pledge of the member, written by the member and taken to status by
    the member (submit, review) and the secretary (accept, return, verdict)."""
    rec = create(member, PLEDGES, pledge_body(**kw))
    for name in PLEDGE_PATHS[status]:
        who = member if name in ("submit", "review") else secretary
        r = transition(who, rec["id"], name)
        assert r.status_code == 200, (name, r.text)
        rec = r.json()
    assert rec["status"] == status
    return rec


# ---- the description -------------------------------------------------------------------

def test_meta_describes_the_workflow(meta):
    p = meta["types"]["pledge"]
    got = {t["name"]: (tuple(t["from"]), t["to"]) for t in p["transitions"]}
    assert got == PLEDGE_FLOW
    assert {t["name"]: t["body"] for t in p["transitions"]} == \
        {"submit": None, "accept": None, "return": "return", "review": "review",
         "verdict": "verdict"}
    # The owner (the member) submits and reviews; only the cell decides.
    assert {t["name"]: t["owner"] for t in p["transitions"]} == \
        {"submit": True, "accept": False, "return": False, "review": True, "verdict": False}
    assert p["editable_in"] == list(EDITABLE)
    assert p["children"] == ["checkin"]
    for op, field in (("return", "return_reason"), ("review", "self_review"), ("verdict", "verdict")):
        f = next(x for x in meta["types"][op]["fields"] if x["name"] == field)
        assert f["required"], (op, field)
    verdict = next(x for x in meta["types"]["verdict"]["fields"] if x["name"] == "verdict")
    assert verdict["values"] == ["done", "partly", "not_done"]


# ---- every transition from every status ------------------------------------------------------

TABLE = [(s, t) for s in PLEDGE_STATUSES for t in TRANSITIONS]


@pytest.mark.parametrize("status,name", TABLE, ids=["%s-%s" % c for c in TABLE])
def test_transition_table(admin, meta, refuses, neighbour, status, name):
    rec = make_pledge(admin, status, person_id=neighbour["id"])
    before = history(admin, PLEDGES, rec["id"])
    sources, target = PLEDGE_FLOW[name]
    if status not in sources:
        refuses(lambda: transition(admin, rec["id"], name), 400, "rule", "status")
        assert history(admin, PLEDGES, rec["id"]) == before
        return
    r = transition(admin, rec["id"], name)
    assert r.status_code == 200, r.text
    after = r.json()
    assert after["status"] == target
    if name in STAMPS:
        assert after[STAMPS[name]] == TODAY.isoformat()
    for k, v in (TRANSITION_BODIES[name] or {}).items():
        assert after[k] == v, k
    # Nothing else changes (but the stamps of the change itself).
    own = lambda x: own_fields(meta["types"]["pledge"], x)
    changed = {k for k in own(rec) if own(rec)[k] != own(after)[k]}
    allowed = {"status", "updated_at", "updated_by", STAMPS.get(name)} | \
        set(TRANSITION_BODIES[name] or {})
    assert changed <= allowed, changed
    assert admin.get(url(rec["id"])).json() == after
    h = history(admin, PLEDGES, rec["id"])
    assert h[:-1] == before and h[-1]["action"] == name
    assert h[-1]["before"]["status"] == status and h[-1]["after"]["status"] == target
    assert h[-1]["account"]["username"] == "admin"
    assert h[-1]["after"] == own(after)


@pytest.mark.parametrize("name", TRANSITIONS)
def test_no_transition_of_a_deleted_pledge(admin, refuses, neighbour, name):
    status = PLEDGE_FLOW[name][0][0]
    rec = make_pledge(admin, status, person_id=neighbour["id"])
    assert admin.delete(url(rec["id"])).status_code == 200
    refuses(lambda: transition(admin, rec["id"], name), 400, "rule", "status")


@pytest.mark.parametrize("status", PLEDGE_STATUSES)
def test_patch_only_while_editable(secretary, refuses, neighbour, status):
    rec = make_pledge(secretary, status, person_id=neighbour["id"])
    change = {"solutions": "Giải pháp mới, cụ thể hơn", "target_value": 5}
    if status not in EDITABLE:
        refuses(lambda: secretary.patch(url(rec["id"]), json=change), 400, "rule", "status")
        return
    r = secretary.patch(url(rec["id"]), json=change)
    assert r.status_code == 200, r.text
    assert r.json()["solutions"] == change["solutions"] and r.json()["status"] == status


@pytest.mark.parametrize("status", PLEDGE_STATUSES)
def test_member_deletes_only_own_drafts(member, secretary, refuses, status):
    rec = own_pledge(member, secretary, status)
    if status not in EDITABLE:
        refuses(lambda: member.delete(url(rec["id"])), 400, "rule", "status")
        assert "delete" not in member.get(url(rec["id"])).json()["actions"]
        return
    assert "delete" in member.get(url(rec["id"])).json()["actions"]
    r = member.delete(url(rec["id"]))
    assert r.status_code == 200 and r.json()["deleted_at"] is not None, r.text
    assert rec["id"] not in [x["id"] for x in member.get(PLEDGES).json()["items"]]
    assert rec["id"] in [x["id"] for x in
                         member.get(PLEDGES, params={"deleted": 1}).json()["items"]]
    r = member.post(url(rec["id"], "restore"))
    assert r.status_code == 200 and r.json()["deleted_at"] is None, r.text
    assert [x["action"] for x in history(member, PLEDGES, rec["id"])][-2:] == ["delete", "restore"]


@pytest.mark.parametrize("status", PLEDGE_STATUSES)
def test_checkins_only_while_carried_out(member, secretary, refuses, status):
    rec = own_pledge(member, secretary, status)
    if status not in CHECKIN_OPEN:
        refuses(lambda: checkin(member, rec["id"]), 400, "rule")
        return
    r = checkin(member, rec["id"], progress=35)
    assert r.status_code == 201, r.text
    p = member.get(url(rec["id"])).json()
    assert p["progress"] == 35 and p["last_checkin"] == TODAY.isoformat()
    assert p["checkins_count"] == 1 and p["status"] == status


# ---- the whole path by the demo accounts -------------------------------------------------------

def test_the_whole_path(member, secretary, server, cell, me, meta):
    """dangvien.queo pledges, bithu.queo returns it, the member corrects and
    submits again, the secretary accepts, the member reports and reviews,
    the secretary gives the verdict.  Each step is in the history."""
    tm = meta["types"]["pledge"]
    r = member.post(PLEDGES, json={
        "year": YEAR, "follow": "Nêu gương về đạo đức, lối sống; gần dân, sát dân",
        "solutions": "Mỗi tháng đến thăm hai hộ khó khăn", "due_date": "%d-12-31" % YEAR})
    assert r.status_code == 201, r.text
    p = r.json()
    pid = p["id"]
    assert p["person_id"] == me and p["org_id"] == cell and p["status"] == "draft"
    assert p["created_by"] == member.account["id"]
    assert set(p["actions"]) == {"edit", "delete", "submit"}
    # The secretary sees it in the cell's list, may edit it or submit it.
    lst = secretary.get(PLEDGES, params={"person_id": me, "status": "draft"}).json()
    assert pid in [x["id"] for x in lst["items"]]
    assert {"edit", "delete", "submit"} <= set(secretary.get(url(pid)).json()["actions"])

    steps = []      # (action, account) expected in the history

    def step(client, method, path, body=None, status=200):
        r = client.request(method, path, json=body) if body is not None else \
            client.request(method, path)
        assert r.status_code == status, (method, path, r.text)
        return r.json()

    steps.append(("create", "dangvien.queo"))
    p = step(member, "PATCH", url(pid), {"target_text": "24 lượt thăm hộ", "target_value": 24,
                                         "target_unit": "lượt"})
    steps.append(("update", "dangvien.queo"))
    p = step(member, "POST", url(pid, "submit"))
    steps.append(("submit", "dangvien.queo"))
    assert p["status"] == "submitted" and p["submitted_on"] == TODAY.isoformat()
    assert p["actions"] == [], "the member waits for the cell"
    assert {"accept", "return"} <= set(secretary.get(url(pid)).json()["actions"])
    assert "edit" not in secretary.get(url(pid)).json()["actions"]

    p = step(secretary, "POST", url(pid, "return"),
             {"return_reason": "Cần nêu rõ thời gian, địa bàn thực hiện"})
    steps.append(("return", "bithu.queo"))
    assert p["status"] == "returned"
    assert p["return_reason"] == "Cần nêu rõ thời gian, địa bàn thực hiện"
    assert set(member.get(url(pid)).json()["actions"]) == {"edit", "delete", "submit"}
    p = step(member, "PATCH", url(pid), {"solutions": "Mỗi tháng thăm hai hộ khó khăn ở xóm 3"})
    steps.append(("update", "dangvien.queo"))
    p = step(member, "POST", url(pid, "submit"))
    steps.append(("submit", "dangvien.queo"))
    assert p["status"] == "submitted"

    p = step(secretary, "POST", url(pid, "accept"))
    steps.append(("accept", "bithu.queo"))
    assert p["status"] == "accepted" and p["accepted_on"] == TODAY.isoformat()
    assert set(member.get(url(pid)).json()["actions"]) == {"review"}

    c1 = step(member, "POST", url(pid, "checkins"),
              {"date": TODAY.isoformat(), "progress": 40, "note": "Đã thăm 10 hộ"}, 201)
    steps.append(("checkin", "dangvien.queo"))
    assert c1["pledge_id"] == pid
    p = member.get(url(pid)).json()
    assert (p["progress"], p["last_checkin"], p["checkins_count"]) == (40, TODAY.isoformat(), 1)

    p = step(member, "POST", url(pid, "review"), {"self_review": "Cơ bản hoàn thành"})
    steps.append(("review", "dangvien.queo"))
    assert p["status"] == "reviewed" and p["reviewed_on"] == TODAY.isoformat()
    assert p["self_review"] == "Cơ bản hoàn thành"
    assert p["actions"] == []

    c2 = step(member, "POST", url(pid, "checkins"),
              {"date": TODAY.isoformat(), "progress": 90, "note": "Đã thăm 22 hộ"}, 201)
    steps.append(("checkin", "dangvien.queo"))
    assert member.get(url(pid)).json()["progress"] == 90

    assert "verdict" in secretary.get(url(pid)).json()["actions"]
    p = step(secretary, "POST", url(pid, "verdict"),
             {"verdict": "partly", "verdict_note": "Còn thiếu hai lượt"})
    steps.append(("verdict", "bithu.queo"))
    assert p["status"] == "closed" and p["verdict"] == "partly"
    assert p["verdict_note"] == "Còn thiếu hai lượt" and p["verdict_on"] == TODAY.isoformat()
    assert p["progress"] == 90 and p["checkins_count"] == 2
    assert [c["id"] for c in p["checkins"]] == [c1["id"], c2["id"]]
    assert p["actions"] == [] or p["actions"] == ["delete"]   # nothing left to do but remove
    r = checkin(member, pid)
    error_of(r, 400, "rule")
    assert member.get(url(pid)).json()["actions"] == []

    # The trail: who did what, in order, each row continuing the last.  The
    # pledge's history also shows its check-ins' own rows (type "checkin").
    full = history(member, PLEDGES, pid)
    h = [x for x in full if x["type"] == "pledge"]
    kids = [x for x in full if x["type"] == "checkin"]
    assert [(x["action"], x["record_id"], x["account"]["username"]) for x in kids] == \
        [("create", c1["id"], "dangvien.queo"), ("create", c2["id"], "dangvien.queo")]
    assert [(x["action"], x["account"]["username"]) for x in h] == steps
    assert h[0]["before"] is None
    for prev, cur in zip(h, h[1:]):
        assert cur["before"] == prev["after"], cur["action"]
        assert cur["id"] > prev["id"] and cur["at"] >= prev["at"]
    assert h[-1]["after"] == own_fields(tm, member.get(url(pid)).json())
    statuses = [x["after"]["status"] for x in h]
    assert statuses == ["draft", "draft", "submitted", "returned", "returned", "submitted",
                        "accepted", "accepted", "reviewed", "reviewed", "closed"]
    checkin_rows = [x for x in h if x["action"] == "checkin"]
    assert [(x["before"]["progress"], x["after"]["progress"]) for x in checkin_rows] == \
        [(None, 40), (40, 90)]
    assert history(secretary, PLEDGES, pid) == full
    # Each check-in has its own "create" row, by the member.
    for c in (c1, c2):
        rows = audit_rows(server.db, "checkin", c["id"])
        assert [(x[3], x[4]) for x in rows] == [("create", member.account["id"])]
    rows = audit_rows(server.db, "pledge", pid)
    assert [x[3] for x in rows] == [s[0] for s in steps]


def test_secretary_may_review_for_the_member(secretary, neighbour):
    rec = make_pledge(secretary, "accepted", person_id=neighbour["id"])
    r = transition(secretary, rec["id"], "review", {"self_review": "Đồng chí tự đánh giá tại chi bộ"})
    assert r.status_code == 200 and r.json()["status"] == "reviewed", r.text


# ---- who may not ---------------------------------------------------------------------------------

WRITES = ["patch", "delete", "restore", "checkin", "checkin_delete"] + TRANSITIONS


def send(client, action, rec, child=None):
    pid = rec["id"]
    if action == "get":
        return client.get(url(pid))
    if action == "history":
        return client.get(url(pid, "history"))
    if action == "checkins":
        return client.get(url(pid, "checkins"))
    if action == "patch":
        return client.patch(url(pid), json={"target_text": "Sửa trái phép"})
    if action == "delete":
        return client.delete(url(pid))
    if action == "restore":
        return client.post(url(pid, "restore"))
    if action == "checkin":
        return checkin(client, pid)
    if action == "checkin_delete":
        return client.delete(url(pid, "checkins/%d" % child))
    return transition(client, pid, action)


@pytest.fixture(scope="module")
def targets(member, secretary, neighbour):
    """The member's own accepted pledge and the neighbour's, each with a
    check-in; plus a deleted one of each (for restore)."""
    out = {}
    for key, who in (("own", None), ("neighbour", neighbour["id"])):
        if who is None:
            rec = own_pledge(member, secretary, "accepted")
        else:
            rec = make_pledge(secretary, "accepted", person_id=who)
        r = checkin(secretary, rec["id"])
        assert r.status_code == 201, r.text
        out[key] = (rec, r.json()["id"])
    return out


@pytest.mark.parametrize("action", ["get", "history", "checkins"] + WRITES)
def test_another_cells_secretary_finds_nothing(other_secretary, targets, refuses, action):
    rec, child = targets["neighbour"]
    refuses(lambda: send(other_secretary, action, rec, child), 404, "not_found")
    listed = other_secretary.get(PLEDGES, params={"per_page": 200}).json()["items"]
    assert rec["id"] not in [x["id"] for x in listed]


@pytest.mark.parametrize("action", ["get", "history", "checkins"] + WRITES)
def test_member_finds_nothing_of_another_person(member, targets, refuses, neighbour, action):
    rec, child = targets["neighbour"]
    refuses(lambda: send(member, action, rec, child), 404, "not_found")
    for params in ({}, {"person_id": neighbour["id"]}, {"deleted": 1}):
        listed = member.get(PLEDGES, params=dict(params, per_page=200)).json()["items"]
        assert rec["id"] not in [x["id"] for x in listed], params
        assert all(x["person_id"] == member.account["person_id"] for x in listed)


@pytest.mark.parametrize("action", WRITES)
def test_viewer_reads_but_may_not_write(bn_viewer, clients, targets, refuses, action):
    rec, child = targets["neighbour"]
    assert bn_viewer.get(url(rec["id"])).status_code == 200
    assert bn_viewer.get(url(rec["id"])).json()["actions"] == []
    refuses(lambda: send(bn_viewer, action, rec, child), 403, "forbidden")
    # The Hưng Yên viewer does not see the Bắc Ninh cell at all.
    refuses(lambda: send(clients["lanhdao.hungyen"], action, rec, child), 404, "not_found")


@pytest.mark.parametrize("name,status", [("accept", "submitted"), ("return", "submitted"),
                                         ("verdict", "accepted"), ("verdict", "reviewed")])
def test_member_does_not_decide_on_own_pledge(member, secretary, refuses, name, status):
    rec = own_pledge(member, secretary, status)
    assert name not in member.get(url(rec["id"])).json()["actions"]
    refuses(lambda: transition(member, rec["id"], name), 403, "forbidden")


def test_member_writes_no_activity_or_topic(member, admin, cell, refuses):
    act = create(admin, "/api/v1/activities", {"title": "Sinh hoạt chi bộ", "kind": "cell_meeting",
                                               "date": TODAY.isoformat(), "org_id": cell})
    topic = create(admin, "/api/v1/topics", {"title": "Chuyên đề chi bộ", "kind": "year",
                                             "year_from": YEAR, "org_id": cell})
    assert member.get("/api/v1/activities/%d" % act["id"]).status_code == 200
    assert member.get("/api/v1/topics/%d" % topic["id"]).status_code == 200
    for send_ in (
            lambda: member.post("/api/v1/activities", json={"title": "x", "kind": "cell_meeting",
                                                            "date": TODAY.isoformat(), "org_id": cell}),
            lambda: member.patch("/api/v1/activities/%d" % act["id"], json={"note": "x"}),
            lambda: member.delete("/api/v1/activities/%d" % act["id"]),
            lambda: member.post("/api/v1/activities/%d/attendance" % act["id"],
                                json={"person_id": member.account["person_id"]}),
            lambda: member.post("/api/v1/topics", json={"title": "x", "kind": "year",
                                                        "year_from": YEAR, "org_id": cell}),
            lambda: member.patch("/api/v1/topics/%d" % topic["id"], json={"note": "x"}),
            lambda: member.delete("/api/v1/topics/%d" % topic["id"])):
        refuses(send_, 403, "forbidden")


def test_member_pledges_only_for_themselves(member, neighbour, me, cell, org_ids, refuses):
    body = pledge_body()
    refuses(lambda: member.post(PLEDGES, json=dict(body, person_id=neighbour["id"])),
            400, "rule", "person_id")
    refuses(lambda: member.post(PLEDGES, json=dict(body, person_id=999999)),
            400, "rule", "person_id")
    refuses(lambda: member.post(PLEDGES, json=dict(body, org_id=org_ids["BN"])),
            400, "ref", "org_id")
    rec = create(member, PLEDGES, dict(body, person_id=me))
    assert rec["person_id"] == me and rec["org_id"] == cell
    rec = create(member, PLEDGES, dict(body, org_id=cell))
    assert rec["person_id"] == me


def test_secretary_pledges_only_inside_the_cell(secretary, admin, org_ids, refuses):
    outsider = find_person(admin, org_ids[OTHER_CELL])
    refuses(lambda: secretary.post(PLEDGES, json=pledge_body(person_id=outsider["id"])),
            400, "ref", "person_id")
    refuses(lambda: secretary.post(PLEDGES, json=pledge_body(org_id=org_ids[OTHER_CELL])),
            400, "ref", "org_id")
    rec = create(secretary, PLEDGES, pledge_body(org_id=org_ids[CELL]))   # the cell's own
    assert rec["person_id"] is None


# ---- bodies of the transitions -------------------------------------------------------------------

def test_transition_bodies(admin, refuses, neighbour):
    sub = make_pledge(admin, "submitted", person_id=neighbour["id"])
    acc = make_pledge(admin, "accepted", person_id=neighbour["id"])
    cases = [
        (sub, "return", {}, "required", "return_reason"),
        (sub, "return", {"return_reason": ""}, "required", "return_reason"),
        (sub, "return", {"return_reason": "   "}, "required", "return_reason"),
        (sub, "return", {"return_reason": None}, "not_null", "return_reason"),
        (sub, "return", {"return_reason": "x" * 2001}, "too_long", "return_reason"),
        (sub, "return", {"return_reason": 5}, "invalid_type", "return_reason"),
        (sub, "return", {"return_reason": "Thiếu", "status": "draft"}, "unknown_field", "status"),
        (acc, "review", {}, "required", "self_review"),
        (acc, "review", {"self_review": "x" * 4001}, "too_long", "self_review"),
        (acc, "review", {"self_review": "Tốt", "bogus": 1}, "unknown_field", "bogus"),
        (acc, "verdict", {}, "required", "verdict"),
        (acc, "verdict", {"verdict": "excellent"}, "invalid_value", "verdict"),
        (acc, "verdict", {"verdict": "DONE"}, "invalid_value", "verdict"),
        (acc, "verdict", {"verdict": None}, "not_null", "verdict"),
        (acc, "verdict", {"verdict": "done", "verdict_note": "x" * 2001}, "too_long", "verdict_note"),
        (acc, "verdict", {"verdict": "done", "verdict_on": "2020-01-01"}, "unknown_field", "verdict_on"),
    ]
    for rec, name, body, code, field in cases:
        refuses(lambda: transition(admin, rec["id"], name, body), 400, code, field)
    for rec, name in ((sub, "return"), (acc, "verdict")):
        refuses(lambda: admin.post(url(rec["id"], name), data="{nope",
                                   headers={"Content-Type": "application/json"}), 400, "bad_json")
        refuses(lambda: admin.post(url(rec["id"], name)), 400, "bad_json")
    # A verdict without a note is complete.
    r = transition(admin, acc["id"], "verdict", {"verdict": "not_done"})
    assert r.status_code == 200 and r.json()["verdict_note"] is None, r.text


def test_body_errors_come_before_the_status_rule(admin, member, secretary, neighbour, refuses):
    """docs/api.md: the body (400 field errors) is checked before the
    domain rules, and "this status does not allow it" is one of them."""
    sub = make_pledge(admin, "submitted", person_id=neighbour["id"])
    draft = make_pledge(admin, "draft", person_id=neighbour["id"])
    refused_all(refuses, [
        ("PATCH submitted {bogus}", lambda: admin.patch(url(sub["id"]), json={"bogus": 1}),
         400, "unknown_field", "bogus"),
        ("PATCH submitted {status}", lambda: admin.patch(url(sub["id"]), json={"status": "draft"}),
         400, "read_only", "status"),
        ("return a draft {}", lambda: transition(admin, draft["id"], "return", {}),
         400, "required", "return_reason"),
        ("verdict on a draft {verdict: great}",
         lambda: transition(admin, draft["id"], "verdict", {"verdict": "great"}),
         400, "invalid_value", "verdict"),
        ("member POST for another person, year a string",
         lambda: member.post(PLEDGES, json={"person_id": neighbour["id"], "year": "2026"}),
         400, "invalid_type", "year"),
    ])


# ---- check-ins ------------------------------------------------------------------------------------

def test_checkin_rules(member, secretary, refuses, server, meta):
    rec = own_pledge(member, secretary, "accepted")
    pid = rec["id"]
    tomorrow = TODAY + datetime.timedelta(days=1)
    yesterday = TODAY - datetime.timedelta(days=1)
    refuses(lambda: checkin(member, pid, date=tomorrow), 400, "rule", "date")
    refuses(lambda: checkin(member, pid, date=yesterday), 400, "date_order", "date")
    for body, code, field in (
            ({"progress": 101}, "out_of_range", "progress"),
            ({"progress": -1}, "out_of_range", "progress"),
            ({"progress": "50"}, "invalid_type", "progress"),
            ({"note": ""}, "required", "note"),
            ({"note": None}, "not_null", "note"),
            ({"note": "x" * 2001}, "too_long", "note"),
            ({"date": "23/11/2026"}, "invalid_date", "date"),
            ({"date": None}, "not_null", "date"),
            ({"progress": 50, "status": "closed"}, "unknown_field", "status"),
            ({"pledge_id": pid + 1}, "invalid_value", "pledge_id")):
        full = dict({"date": TODAY.isoformat(), "progress": 10, "note": "x"}, **body)
        refuses(lambda: member.post(url(pid, "checkins"), json=full), 400, code, field)
    for missing in ("date", "progress", "note"):
        full = {"date": TODAY.isoformat(), "progress": 10, "note": "x"}
        del full[missing]
        refuses(lambda: member.post(url(pid, "checkins"), json=full), 400, "required", missing)
    assert member.get(url(pid)).json()["progress"] is None

    r = checkin(member, pid, progress=100, note="Hoàn thành")
    assert r.status_code == 201, r.text
    c = r.json()
    p = member.get(url(pid)).json()
    assert (p["progress"], p["last_checkin"]) == (100, TODAY.isoformat())
    assert [x["id"] for x in member.get(url(pid, "checkins")).json()["items"]] == [c["id"]]
    h = history(member, PLEDGES, pid)
    assert h[-1]["action"] == "checkin" and h[-1]["account"]["username"] == "dangvien.queo"
    assert h[-1]["before"]["progress"] is None and h[-1]["after"]["progress"] == 100
    assert h[-1]["after"] == own_fields(meta["types"]["pledge"], p)
    # Not on a deleted pledge.
    assert secretary.delete(url(pid)).status_code == 200
    refuses(lambda: checkin(member, pid), 400, "rule", "deleted_at")
    refuses(lambda: secretary.delete(url(pid, "checkins/%d" % c["id"])), 400, "rule", "deleted_at")


def test_the_pledge_shows_the_latest_checkin(member, secretary, server, meta):
    """Check-ins entered out of order, changed and removed: the pledge shows
    the one of the latest date (none: null).  The acceptance is moved back
    in the database itself: the API stamps it today."""
    rec = own_pledge(member, secretary, "accepted")
    pid = rec["id"]
    days = lambda n: (TODAY - datetime.timedelta(days=n)).isoformat()
    db_write(server.db, "UPDATE pledge SET accepted_on = ? WHERE id = ?", days(60), pid)
    later = checkin(member, pid, date=TODAY - datetime.timedelta(days=10), progress=60)
    earlier = checkin(member, pid, date=TODAY - datetime.timedelta(days=30), progress=30)
    assert later.status_code == 201 and earlier.status_code == 201, (later.text, earlier.text)
    show = lambda: (lambda p: (p["progress"], p["last_checkin"]))(member.get(url(pid)).json())
    assert show() == (60, days(10))
    error_of(checkin(member, pid, date=TODAY - datetime.timedelta(days=61)), 400, "date_order", "date")
    # A correction of the latest one shows at once.
    r = member.patch(url(pid, "checkins/%d" % later.json()["id"]), json={"progress": 65})
    assert r.status_code == 200, r.text
    assert show() == (65, days(10))
    r = member.delete(url(pid, "checkins/%d" % later.json()["id"]))
    assert r.status_code == 204, r.text
    assert show() == (30, days(30))
    r = member.delete(url(pid, "checkins/%d" % earlier.json()["id"]))
    assert r.status_code == 204, r.text
    assert show() == (None, None)
    p = member.get(url(pid)).json()
    assert p["checkins_count"] == 0
    h = history(member, PLEDGES, pid)
    assert h[-1]["after"] == own_fields(meta["types"]["pledge"], p)
    rows = audit_rows(server.db, "checkin", later.json()["id"])
    assert [x[3] for x in rows] == ["create", "update", "delete"]


def accepted_with_checkin(member, secretary):
    rec = own_pledge(member, secretary, "accepted")
    r = checkin(member, rec["id"], progress=40)
    assert r.status_code == 201, r.text
    return rec["id"], url(rec["id"], "checkins/%d" % r.json()["id"])


def test_checkin_corrections_obey_the_dates(member, secretary, refuses):
    """A check-in corrected (PATCH) obeys what its creation obeyed: not in
    the future, not before the acceptance."""
    pid, one = accepted_with_checkin(member, secretary)
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    refused_all(refuses, [
        ("PATCH date tomorrow", lambda: member.patch(one, json={"date": tomorrow}),
         400, "rule", "date"),
        ("PATCH progress 101", lambda: member.patch(one, json={"progress": 101}),
         400, "out_of_range", "progress"),
        ("PATCH pledge_id", lambda: member.patch(one, json={"pledge_id": pid}),
         400, "create_only", "pledge_id"),
        ("PATCH date before the acceptance", lambda: member.patch(one, json={"date": yesterday}),
         400, "date_order", "date"),
    ])
    r = member.patch(one, json={"progress": 45, "note": "Đã sửa số liệu"})
    assert r.status_code == 200 and r.json()["progress"] == 45, r.text
    assert member.get(url(pid)).json()["progress"] == 45


def test_checkins_are_final_after_the_verdict(member, secretary, refuses):
    """Check-ins follow the pledge until its verdict: then neither the
    member nor the cell changes or removes them (nor the progress shown)."""
    pid, one = accepted_with_checkin(member, secretary)
    r = transition(secretary, pid, "verdict", {"verdict": "done"})
    assert r.status_code == 200, r.text
    refused_all(refuses, [
        ("member PATCH after the verdict", lambda: member.patch(one, json={"progress": 99}),
         400, "rule", None),
        ("secretary PATCH after the verdict", lambda: secretary.patch(one, json={"progress": 99}),
         400, "rule", None),
        ("member DELETE after the verdict", lambda: member.delete(one), 400, "rule", None),
        ("secretary DELETE after the verdict", lambda: secretary.delete(one), 400, "rule", None),
    ])
    p = member.get(url(pid)).json()
    assert (p["status"], p["progress"], p["checkins_count"]) == ("closed", 40, 1)


# ---- reminders: "đăng ký rồi quên" ---------------------------------------------------

def test_due_soon_and_stale_lists(member, secretary, server):
    """?due_within=N lists pledges due in the next N days; ?stale_days=N those
    with no check-in (nor acceptance) for N days — what a secretary follows
    up before the year ends."""
    soon = (TODAY + datetime.timedelta(days=10)).isoformat()
    far = "%d-12-31" % (YEAR + 1)
    a = own_pledge(member, secretary, "accepted", due_date=soon, year=YEAR)
    b = own_pledge(member, secretary, "accepted", due_date=far, year=YEAR)

    def ids(**params):
        r = secretary.get(PLEDGES, params=dict(params, status="accepted", per_page=200,
                                                year=YEAR))
        assert r.status_code == 200, r.text
        return {x["id"] for x in r.json()["items"]}

    assert a["id"] in ids(due_within=30) and b["id"] not in ids(due_within=30)
    assert a["id"] not in ids(due_within=5)
    # Accepted today: not stale.  Accepted 90 days ago without a check-in:
    # stale for 60 days; a check-in today makes it fresh again.
    assert b["id"] not in ids(stale_days=60)
    old = (TODAY - datetime.timedelta(days=90)).isoformat()
    db_write(server.db, "UPDATE pledge SET accepted_on = ? WHERE id = ?", old, b["id"])
    assert b["id"] in ids(stale_days=60) and b["id"] not in ids(stale_days=120)
    r = checkin(member, b["id"])
    assert r.status_code == 201, r.text
    assert b["id"] not in ids(stale_days=60)
    # Bad values name the parameter.
    error_of(secretary.get(PLEDGES, params={"due_within": "soon"}), 400, "bad_param", "due_within")
    error_of(secretary.get(PLEDGES, params={"stale_days": -1}), 400, "bad_param", "stale_days")
