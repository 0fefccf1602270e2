"""The kept figures (issue 4, store_figures.c): once a year's indicators have
been asked for, every unit's figures of that year are kept up to date by
each write, so that reading them is a few rows at national scale.  Whatever
happens — records created, corrected, deleted and restored, people joining,
moving and leaving, units moved, closed and merged — the kept figures must
equal the figures computed from the records.  `lamtheo check` recomputes
both and reports any difference; these tests make random changes through
the API and run it after each batch."""
import random
import sqlite3
import subprocess

import pytest

from support import (BIN, create, db_write, drive_pledge, make_org, make_person, pledge_body,
                     vn_today, wait_kept)

TODAY = vn_today()
YEAR = TODAY.year
LAST = YEAR - 1
IND = "/api/v1/indicators"


def check(server, root):
    """`lamtheo check` on the server's database, comparing every unit under
    root with the live query too.  Returns its output; fails on a difference."""
    out = subprocess.run([BIN, "check", "--db", server.db, "--live-depth", "1",
                          "--live-under", root["code"]],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "DIFFERENCES" not in out.stdout
    return out.stdout


def kept_state(server):
    con = sqlite3.connect("file:%s?mode=ro" % server.db, uri=True)
    years = [y for (y,) in con.execute("SELECT year FROM figure_year")]
    dirty = con.execute("SELECT COUNT(*) FROM figure_dirty").fetchone()[0]
    con.close()
    return years, dirty


def figures(client, org, year):
    r = client.get(IND, params={"org": org["id"], "year": year})
    assert r.status_code == 200, r.text
    return {i["name"]: i for i in r.json()["items"]}


@pytest.fixture(scope="module")
def admin(clients):
    return clients["admin"]


@pytest.fixture(scope="module")
def tree(admin, org_ids):
    p = make_org(admin, org_ids["HY"], kind="district_committee", name="Huyện thử số liệu giữ sẵn",
                 valid_from="2020-01-01")
    communes = [make_org(admin, p["id"], kind="base_committee", name="Xã thử số liệu %d" % i,
                         valid_from="2020-01-01") for i in range(3)]
    cells = [make_org(admin, communes[i % 3]["id"], kind="cell",
                      name="Chi bộ thử số liệu %d" % i, valid_from="2020-01-01") for i in range(6)]
    return {"P": p, "communes": communes, "cells": cells}


def test_asking_for_a_year_keeps_it_and_the_kept_figures_equal_the_records(admin, tree, server):
    # The figures are answered at once (from the records: the tree is
    # small); the year is built in the background (store_figures_build.c).
    for year in (LAST, YEAR):
        figures(admin, tree["P"], year)
    wait_kept(server.db, (LAST, YEAR))
    years, dirty = kept_state(server)
    assert LAST in years and YEAR in years and dirty == 0
    out = check(server, tree["P"])
    assert "%d: no difference" % LAST in out and "%d: no difference" % YEAR in out
    # Years far away are not kept: a stray request does not burden every write.
    figures(admin, tree["P"], 1995)
    assert 1995 not in kept_state(server)[0]


def test_a_merge_shows_last_years_figure_as_the_sum_of_its_predecessors(admin, tree, server):
    a, b = (make_org(admin, tree["P"]["id"], kind="base_committee", name="Xã thử hợp nhất %s" % n,
                     valid_from="2020-01-01") for n in "AB")
    for unit, members in ((a, 3), (b, 2)):
        cell = make_org(admin, unit["id"], kind="cell", name="Chi bộ thử hợp nhất",
                        valid_from="2020-01-01")
        for k in range(members):
            who = make_person(admin, cell["id"], "Đảng Viên Hợp Nhất %d" % k, party_member=True,
                              party_joined="2015-03-0%d" % (k + 1))
            if k % 2 == 0:
                pl = create(admin, "/api/v1/pledges", pledge_body(
                    org_id=cell["id"], person_id=who["id"], year=LAST))
                drive_pledge(admin, pl["id"], "submitted")
    before = {u["code"]: figures(admin, u, LAST)["member_pledge_rate"] for u in (a, b)}
    assert (before[a["code"]]["num"], before[a["code"]]["den"]) == (2, 3)
    assert (before[b["code"]]["num"], before[b["code"]]["den"]) == (1, 2)
    r = admin.post("/api/v1/orgs/%d/merge" % b["id"],
                   json={"successor_id": a["id"], "date": TODAY.isoformat()})
    assert r.status_code == 200, r.text
    after = figures(admin, a, LAST)["member_pledge_rate"]
    assert (after["num"], after["den"]) == (3, 5)
    assert kept_state(server)[1] == 0
    check(server, tree["P"])


def test_a_chain_of_merges_and_moves_is_brought_in_unit_by_unit(admin, server, org_ids):
    """Merges and moves made one after another, each reaching into the
    units merged before (store_figures_tree.c notes the reaches they change
    and moves each unit's tallies): after each, the kept figures equal the
    records, and the whole equals the sum of its parts."""
    figures(admin, {"id": org_ids["HY"]}, LAST)
    wait_kept(server.db, (LAST, YEAR))
    d1, d2 = (make_org(admin, org_ids["HY"], kind="district_committee",
                       name="Huyện chuỗi hợp nhất %s" % n, valid_from="2020-01-01") for n in "12")
    communes = {}
    for n, d in (("a", d1), ("b", d1), ("c", d1), ("d", d2)):
        c = make_org(admin, d["id"], kind="base_committee", name="Xã chuỗi %s" % n,
                     valid_from="2020-01-01")
        communes[n] = c
        for k in range(2):
            cell = make_org(admin, c["id"], kind="cell", name="Chi bộ chuỗi %s%d" % (n, k),
                            valid_from="2020-01-01")
            for m in range(k + 2):
                who = make_person(admin, cell["id"], "Đảng Viên Chuỗi %s%d%d" % (n, k, m),
                                  party_member=True, party_joined="2015-01-0%d" % (m + 1))
                if m % 2 == 0:
                    for year in (LAST, YEAR):
                        pl = create(admin, "/api/v1/pledges", pledge_body(
                            org_id=cell["id"], person_id=who["id"], year=year))
                        drive_pledge(admin, pl["id"], "submitted")
    whole = {y: figures(admin, {"id": org_ids["HY"]}, y)["member_pledge_rate"] for y in (LAST, YEAR)}

    def step(path, body):
        r = admin.post(path, json=body)
        assert r.status_code == 200, r.text
        assert kept_state(server)[1] == 0
        check(server, d2)
        for y in (LAST, YEAR):
            now = figures(admin, {"id": org_ids["HY"]}, y)["member_pledge_rate"]
            assert (now["num"], now["den"]) == (whole[y]["num"], whole[y]["den"])

    c = communes
    step("/api/v1/orgs/%d/merge" % c["a"]["id"],
         {"successor_id": c["b"]["id"], "date": "%d-03-01" % LAST})
    step("/api/v1/orgs/%d/move" % c["b"]["id"],
         {"parent_id": d2["id"], "date": "%d-06-01" % LAST})
    step("/api/v1/orgs/%d/merge" % d1["id"],
         {"successor_id": d2["id"], "date": "%d-09-01" % LAST})
    step("/api/v1/orgs/%d/merge" % c["d"]["id"],
         {"successor_id": c["b"]["id"], "date": TODAY.isoformat()})
    # Last year's figure of the commune that took the others in is theirs too.
    got = figures(admin, c["b"], LAST)["member_pledge_rate"]
    parts = [figures(admin, c[n], LAST)["member_pledge_rate"] for n in "abd"]
    assert got["den"] >= max(p["den"] for p in parts) and got["den"] > 0


PERIODS = ["q1", "q2", "q3", "q4"] + ["m%02d" % m for m in range(1, 13)]


def test_quarters_and_months_are_kept_and_answered_from_the_kept_rows(admin, tree, server):
    """The dated figures are kept per quarter and month too ("conferences@q2"):
    a quarter's figure of a unit is its kept row (a row changed behind the
    server's back shows), and every quarter and month equals the records."""
    cell, commune = tree["cells"][0], tree["communes"][0]
    for month, topic in ((2, True), (5, False), (5, True), (11, True)):
        create(admin, "/api/v1/activities", {
            "title": "Hội nghị quý", "kind": "conference", "date": "%d-%02d-12" % (LAST, month),
            "org_id": cell["id"]})
        create(admin, "/api/v1/activities", {
            "title": "Sinh hoạt chi bộ tháng", "kind": "cell_meeting",
            "date": "%d-%02d-05" % (LAST, month), "org_id": cell["id"],
            "topic_on_agenda": topic})
    figures(admin, tree["P"], LAST)
    wait_kept(server.db, [LAST])

    def dated(org, period):
        r = admin.get(IND, params={"org": org["id"], "year": LAST, "period": period})
        assert r.status_code == 200, r.text
        return {i["name"]: i for i in r.json()["items"] if i["period"] == period}

    q2 = dated(tree["P"], "q2")
    assert q2["conferences"]["num"] >= 1
    topic = q2["cells_topic_in_meetings"]
    assert topic["num"] >= 1 and topic["den"] == figures(
        admin, tree["P"], LAST)["cells_topic_in_meetings"]["den"]
    # The cell counts once in the second quarter although two meetings of
    # May were held there, one with the topic.
    assert dated(cell, "q2")["cells_topic_in_meetings"]["num"] == 1
    months = {p: dated(cell, p)["conferences"]["num"] for p in PERIODS}
    assert months["m05"] == 2 and months["m02"] == 1 and months["m03"] == 0
    for q in range(4):
        assert months["q%d" % (q + 1)] == sum(months["m%02d" % m] for m in range(3 * q + 1,
                                                                               3 * q + 4))

    con = sqlite3.connect("file:%s?mode=ro" % server.db, uri=True)
    row = con.execute("SELECT num FROM figure_rollup WHERE year = ? AND org_id = ? AND "
                      "ind = 'conferences@q3'", (LAST, commune["id"])).fetchone()
    con.close()
    kept = row[0] if row else 0
    assert dated(commune, "q3")["conferences"]["num"] == kept
    db_write(server.db, "INSERT INTO figure_rollup (year, org_id, ind, num, den, p1, p2, p3, p4) "
             "VALUES (?, ?, 'conferences@q3', ?, 0, ?, 0, 0, 0) ON CONFLICT DO UPDATE SET "
             "num = excluded.num, p1 = excluded.p1", LAST, commune["id"], kept + 1000, kept + 1000)
    try:
        assert dated(commune, "q3")["conferences"]["num"] == kept + 1000
    finally:
        db_write(server.db, "UPDATE figure_rollup SET num = num - 1000, p1 = p1 - 1000 WHERE "
                 "year = ? AND org_id = ? AND ind = 'conferences@q3'", LAST, commune["id"])
        db_write(server.db, "DELETE FROM figure_rollup WHERE num = 0 AND den = 0 AND p1 = 0 "
                 "AND p2 = 0 AND p3 = 0 AND p4 = 0")
    check(server, tree["P"])


@pytest.mark.parametrize("seed", [1, 2])
def test_random_changes_never_leave_a_difference(admin, tree, server, seed):
    rng = random.Random(seed)
    cells = list(tree["cells"])
    communes = list(tree["communes"])
    people, pledges, meetings, deleted = [], [], [], []
    for year in (LAST, YEAR):
        figures(admin, tree["P"], year)

    def year_of():
        return rng.choice((LAST, YEAR))

    def add_member():
        cell = rng.choice(cells)
        who = make_person(admin, cell["id"], "Đảng Viên Ngẫu Nhiên %d" % len(people),
                          party_member=True, key_cadre=rng.random() < 0.2,
                          party_joined="%d-0%d-15" % (rng.choice((2010, LAST, YEAR)),
                                                      rng.randint(1, 9)))
        people.append(who)

    def add_pledge():
        if not people:
            return add_member()
        who = rng.choice(people)
        year = year_of()
        rec = create(admin, "/api/v1/pledges", pledge_body(
            org_id=who["org_id"], person_id=who["id"], year=year,
            due_date="%d-%02d-28" % (year, rng.randint(1, 12))))
        if rng.random() < 0.8:
            rec = drive_pledge(admin, rec["id"], rng.choice(("submitted", "accepted", "closed")))
        pledges.append(rec)

    def delete_or_restore():
        if deleted and rng.random() < 0.5:
            path = deleted.pop()
            r = admin.post(path + "/restore")
        elif pledges or meetings:
            rec, base = rng.choice([(p, "/api/v1/pledges") for p in pledges] +
                                   [(m, "/api/v1/activities") for m in meetings])
            path = "%s/%d" % (base, rec["id"])
            r = admin.delete(path)
            if r.status_code in (200, 204):
                deleted.append(path)
        else:
            return
        assert r.status_code in (200, 204, 400), r.text

    def add_meeting():
        cell = rng.choice(cells)
        year = year_of()
        rec = create(admin, "/api/v1/activities", {
            "title": "Sinh hoạt chi bộ ngẫu nhiên", "kind": rng.choice(("cell_meeting",
                                                                         "conference")),
            "date": "%d-%02d-10" % (year, rng.randint(1, TODAY.month if year == YEAR else 12)),
            "org_id": cell["id"], "topic_on_agenda": rng.random() < 0.6})
        meetings.append(rec)
        for who in rng.sample(people, min(len(people), rng.randint(0, 3))):
            r = admin.post("/api/v1/activities/%d/attendance" % rec["id"],
                           json={"person_id": who["id"]})
            assert r.status_code in (201, 400), r.text

    def evaluate():
        if not people:
            return add_member()
        who = rng.choice(people)
        r = admin.post("/api/v1/evaluations", json={
            "year": year_of(),
            "org_id": who["org_id"], "person_id": who["id"], "scale": "party",
            # Under 70 points: "pass" or "fail", so that the shared server's
            # count of excellent and good ratings (test_types_ui's quota
            # warning) stays as other tests make it.
            "score_general": rng.randint(10, 24), "score_tasks": rng.randint(30, 45)})
        assert r.status_code in (201, 409), r.text     # one per person and year

    def plan():
        unit = rng.choice(communes + [tree["P"]])
        r = admin.post("/api/v1/plans", json={"org_id": unit["id"], "year": year_of(),
                                              "title": "Kế hoạch ngẫu nhiên"})
        assert r.status_code == 201, r.text

    def transfer():
        if not people:
            return
        who = rng.choice(people)
        to = rng.choice(cells)
        r = admin.post("/api/v1/people/%d/transfer" % who["id"],
                       json={"org_id": to["id"], "date": TODAY.isoformat()})
        assert r.status_code in (200, 400), r.text
        if r.status_code == 200:
            who["org_id"] = to["id"]

    def leave():
        if not people:
            return
        who = people.pop(rng.randrange(len(people)))
        r = admin.patch("/api/v1/people/%d" % who["id"], json={"status": "left"})
        assert r.status_code == 200, r.text

    def move_cell():
        cell = rng.choice(cells)
        to = rng.choice(communes)
        r = admin.post("/api/v1/orgs/%d/move" % cell["id"],
                       json={"parent_id": to["id"], "date": TODAY.isoformat()})
        assert r.status_code in (200, 400), r.text

    def new_cell():
        cells.append(make_org(admin, rng.choice(communes)["id"], kind="cell",
                              name="Chi bộ mới ngẫu nhiên", valid_from=TODAY.isoformat()))

    def merge_commune():
        if len(communes) < 2:
            return
        gone = communes.pop(rng.randrange(len(communes)))
        into = rng.choice(communes)
        r = admin.post("/api/v1/orgs/%d/merge" % gone["id"],
                       json={"successor_id": into["id"], "date": TODAY.isoformat()})
        # Refused when a unit involved already changed today (history is appended).
        assert r.status_code in (200, 400), r.text
        if r.status_code == 400:
            communes.append(gone)

    ops = [(add_member, 6), (add_pledge, 8), (delete_or_restore, 3), (add_meeting, 4),
           (evaluate, 3), (plan, 1), (transfer, 2), (leave, 1), (move_cell, 1), (new_cell, 1),
           (merge_commune, 0.3)]
    names, weights = zip(*ops)
    for batch in range(4):
        for _ in range(25):
            rng.choices(names, weights)[0]()
        years, dirty = kept_state(server)
        assert dirty == 0 and LAST in years and YEAR in years
        check(server, tree["P"])


def test_check_keep_starts_keeping_a_year_at_once(tmp_path):
    db = str(tmp_path / "keep.db")
    out = subprocess.run([BIN, "demo", "--db", db, "--no-records"], capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr

    def keep(year):
        return subprocess.run([BIN, "check", "--db", db, "--keep", str(year), "--live-depth", "1"],
                              capture_output=True, text=True, timeout=600)

    first, again = keep(LAST), keep(LAST)
    assert first.returncode == 0 and "kept from now on" in first.stdout, first.stdout + first.stderr
    assert "no difference" in first.stdout
    assert again.returncode == 0 and "kept already" in again.stdout
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    assert [y for (y,) in con.execute("SELECT year FROM figure_year")] == [LAST]
    assert con.execute("SELECT COUNT(*) FROM figure_rollup WHERE year = ?", (LAST,)).fetchone()[0] > 0
    con.close()
    bad = keep(1990)
    assert bad.returncode != 0 and "--keep" in bad.stderr
