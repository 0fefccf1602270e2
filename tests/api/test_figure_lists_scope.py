"""The records behind a past year's figure, as an account sees them today
(issue 9): a unit's figure of last year counts the tree it had then, which
may hold a unit since moved out of the account's units.  The figure stays
what it was; its lists name only the records of units the account sees
today, and count the others in "hidden" (the list's total and "hidden" add
up to the figure).  Generated over every shown figure × every list of it ×
every role that reads a district's lists, scoped to it (an administrator below the
root too), and the national administrator, who sees everything."""
import datetime
import sqlite3

import pytest

from support import Client, create, drive_pledge, make_org, make_person, pledge_body, vn_today

TODAY = vn_today()
LAST = TODAY.year - 1
IND = "/api/v1/indicators"
ROLES = ["admin", "staff", "viewer"]


@pytest.fixture(scope="module")
def moved(clients, server, org_ids):
    admin = clients["admin"]
    d = make_org(admin, org_ids["HY"], kind="district_committee", name="Huyện thử danh sách cũ",
                 valid_from="2020-01-01")
    e = make_org(admin, org_ids["HY"], kind="district_committee", name="Huyện nhận xã chuyển",
                 valid_from="2020-01-01")
    stay, go = (make_org(admin, d["id"], kind="base_committee", name="Xã %s" % n,
                         valid_from="2020-01-01") for n in ("ở lại", "chuyển đi"))
    cells = {}
    for key, commune in (("stay", stay), ("go", go)):
        cell = make_org(admin, commune["id"], kind="cell", name="Chi bộ %s" % key,
                        valid_from="2020-01-01")
        cells[key] = cell
        who = make_person(admin, cell["id"], "Đảng Viên Danh Sách %s" % key, party_member=True,
                          key_cadre=True, party_joined="2010-03-15")
        pledge = create(admin, "/api/v1/pledges", pledge_body(
            org_id=cell["id"], person_id=who["id"], year=LAST, due_date="%d-06-30" % LAST))
        drive_pledge(admin, pledge["id"], "closed")
        for kind in ("cell_meeting", "conference", "citizen_reception"):
            create(admin, "/api/v1/activities", {
                "title": "Hoạt động %s" % kind, "kind": kind, "date": "%d-05-10" % LAST,
                "org_id": cell["id"], "topic_on_agenda": True})
        r = admin.post("/api/v1/evaluations", json={
            "year": LAST, "org_id": cell["id"], "person_id": who["id"], "scale": "party",
            "score_general": 20, "score_tasks": 40})
        assert r.status_code == 201, r.text
    r = admin.post("/api/v1/orgs/%d/move" % go["id"],
                   json={"parent_id": e["id"], "date": TODAY.isoformat()})
    assert r.status_code == 200, r.text
    accounts = {}
    for role in ROLES:
        name = "ds.%s.%d" % (role, d["id"])
        server.add_user(name, role, d["code"], "Mật-khẩu-thử-%s-2026" % role)
        accounts[role] = Client(server, name)
    return {"d": d, "go": go, "cells": cells, "accounts": accounts}


def subtree(db, org_id):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    path = con.execute("SELECT path FROM org WHERE id = ?", (org_id,)).fetchone()[0]
    ids = {i for (i,) in con.execute("SELECT id FROM org WHERE path >= ? AND path < ?",
                                     (path, path + "\xff"))}
    con.close()
    return ids


def lists_of(item):
    return ["all", "counted", "missing"] if item["kind"] == "rate" else ["all"]


@pytest.mark.parametrize("role", ROLES + ["national"])
def test_past_year_lists_name_no_one_outside_the_scope(moved, clients, server, role):
    client = clients["admin"] if role == "national" else moved["accounts"][role]
    d = moved["d"]
    mine = subtree(server.db, d["id"])
    assert moved["go"]["id"] not in mine     # moved out today
    r = client.get(IND, params={"org": d["id"], "year": LAST})
    assert r.status_code == 200, r.text
    hidden_any = 0
    for item in r.json()["items"]:
        for which in lists_of(item):
            seen, page, total, hidden = [], 1, None, None
            while True:
                g = client.get("%s/%s/records" % (IND, item["name"]), params={
                    "org": d["id"], "year": LAST, "which": which, "page": page,
                    "per_page": 100})
                assert g.status_code == 200, (item["name"], which, g.text)
                body = g.json()
                total, hidden = body["total"], body["hidden"]
                seen += body["items"]
                if page * 100 >= total:
                    break
                page += 1
            if total is None:
                continue
            assert len(seen) == total
            if role != "national":
                outside = [x for x in seen if x["org"]["id"] not in mine]
                assert not outside, (item["name"], which, outside)
            else:
                assert hidden == 0, (item["name"], which)
            if which == "all":
                figure = item["den"] if item["kind"] == "rate" else item["num"]
                assert total + hidden == figure, (item["name"], total, hidden, figure)
            hidden_any += hidden
    if role != "national":
        # the moved commune's member, pledge, meetings and rating were
        # counted last year and are not named now
        assert hidden_any >= 5, hidden_any
