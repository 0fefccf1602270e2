"""The year submission view and the data-quality checks read kept counts
(issue 8: hidden indicators kept like the figures, migration 12): their
answers must equal the records exactly.  Each count is recomputed here by
plain SQL written from the definitions (the tree of a year as
bench/benchlib/plain.py walks it; the checks' conditions as
docs/indicators.md words them), for the root, every province, every unit
that another was merged into and those merged units, in a past year's tree
(2022, before the 2025 mergers), the year of the mergers, last year and
this year — then again after changes that each count reads."""
import datetime
import os
import sqlite3
import sys

import pytest

from support import create, db_write, drive_pledge, make_org, make_person, pledge_body, vn_today, wait_no_pending

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
from benchlib import plain  # noqa: E402

TODAY = vn_today()
YEARS = [2022, 2025, TODAY.year - 1, TODAY.year]
OPEN = "o.valid_from <= :y1 AND (o.valid_to IS NULL OR o.valid_to > :y0)"
OWN = plain.SCOPE.replace("""    SELECT :org
    UNION
    SELECT o.id FROM org o JOIN merged m ON o.successor_id = m.id),""", """    SELECT :org),""")
COMMITTEES = "('province_committee', 'district_committee', 'base_committee')"
CHECKS = {
    "attendance_over_members": """
      SELECT COUNT(*) FROM scope s JOIN activity a ON a.org_id = s.id
       WHERE a.kind = 'cell_meeting' AND a.year = :y AND a.deleted_at IS NULL
         AND (SELECT COUNT(*) FROM attendance t WHERE t.activity_id = a.id
                AND t.deleted_at IS NULL) > MAX(0, (SELECT COUNT(*) FROM person x
                WHERE x.org_id = a.org_id AND x.party_member = 1 AND x.status = 'active'))""",
    "checkin_after_verdict": """
      SELECT COUNT(*) FROM scope s JOIN pledge p ON p.org_id = s.id
       WHERE p.year = :y AND p.deleted_at IS NULL AND p.verdict_on IS NOT NULL
         AND EXISTS (SELECT 1 FROM pledge_checkin c WHERE c.pledge_id = p.id
                     AND c.date > p.verdict_on)""",
    "due_before_filed": """
      SELECT COUNT(*) FROM scope s JOIN pledge p ON p.org_id = s.id
       WHERE p.year = :y AND p.deleted_at IS NULL AND p.due_date < p.submitted_on""",
    "duplicate_pledge": """
      SELECT COUNT(*) FROM scope s JOIN pledge p ON p.org_id = s.id
       WHERE p.year = :y AND p.deleted_at IS NULL AND p.person_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM pledge q WHERE q.person_id = p.person_id
                     AND q.year = p.year AND q.id < p.id AND q.deleted_at IS NULL)""",
    "evaluation_not_member": """
      SELECT COUNT(*) FROM scope s JOIN evaluation e ON e.org_id = s.id
        JOIN person x ON x.id = e.person_id
       WHERE e.year = :y AND e.scale = 'party' AND e.deleted_at IS NULL
         AND x.party_member = 0""",
    "cell_without_meeting": """
      SELECT COUNT(*) FROM scope s JOIN org o ON o.id = s.id
       WHERE o.kind = 'cell' AND """ + OPEN + """ AND NOT EXISTS (SELECT 1 FROM activity a
         WHERE a.org_id = o.id AND a.kind = 'cell_meeting' AND a.year = :y
           AND a.deleted_at IS NULL)""",
    "committee_without_plan": """
      SELECT COUNT(*) FROM scope s JOIN org o ON o.id = s.id
       WHERE o.kind IN """ + COMMITTEES + " AND " + OPEN + """ AND NOT EXISTS (SELECT 1
         FROM plan p WHERE p.org_id = o.id AND p.year = :y AND p.deleted_at IS NULL)""",
    "stale_pledge": """
      SELECT COUNT(*) FROM scope s JOIN pledge p ON p.org_id = s.id
       WHERE p.year = :y AND p.deleted_at IS NULL AND p.status = 'accepted'
         AND COALESCE(p.last_checkin, p.accepted_on) < :stale""",
}
YEAR_COUNTS = """
  SELECT (SELECT COUNT(*) FROM scope s JOIN org o ON o.id = s.id
           WHERE o.kind IN ('national', 'province_committee', 'district_committee',
                 'base_committee', 'cell') AND """ + OPEN + """),
         (SELECT COUNT(*) FROM scope s JOIN org o ON o.id = s.id
            JOIN year_report r ON r.org_id = o.id AND r.year = :y
           WHERE o.kind IN ('national', 'province_committee', 'district_committee',
                 'base_committee', 'cell') AND """ + OPEN + """
             AND r.status IN ('submitted', 'approved')),
         (SELECT COUNT(*) FROM scope s JOIN org o ON o.id = s.id
            JOIN year_report r ON r.org_id = o.id AND r.year = :y
           WHERE o.kind IN ('national', 'province_committee', 'district_committee',
                 'base_committee', 'cell') AND """ + OPEN + """ AND r.status = 'approved'),
         (SELECT COUNT(*) FROM scope s JOIN pledge p ON p.org_id = s.id
           WHERE p.year = :y AND p.status <> 'draft' AND p.deleted_at IS NULL),
         (SELECT COUNT(*) FROM scope s JOIN activity a ON a.org_id = s.id
           WHERE a.year = :y AND a.kind = 'cell_meeting' AND a.deleted_at IS NULL)
"""


def params(org, year):
    return {"org": org, "y": year, "y0": "%d-01-01" % year, "y1": "%d-12-31" % year,
            "ny0": "%d-01-01" % (year + 1),
            "stale": (TODAY - datetime.timedelta(days=90)).isoformat()}


def units(con):
    """The root, the provinces, the units merged into others and theirs."""
    rows = con.execute("SELECT id FROM org WHERE parent_id IS NULL OR kind = 'province_committee'"
                       " UNION SELECT id FROM org WHERE successor_id IS NOT NULL"
                       " UNION SELECT successor_id FROM org WHERE successor_id IS NOT NULL")
    return sorted(r[0] for r in rows)


def compare_all(admin, db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    ids = units(con)
    assert len(ids) > 10
    merged_into = {r[0] for r in con.execute(
        "SELECT successor_id FROM org WHERE successor_id IS NOT NULL")}
    assert merged_into, "the demo has mergers"
    for year in YEARS:
        for org in ids:
            p = params(org, year)
            want = {name: con.execute(plain.SCOPE + sql, p).fetchone()[0]
                    for name, sql in CHECKS.items()}
            r = admin.get("/api/v1/quality", params={"org": org, "year": year})
            assert r.status_code == 200, r.text
            got = {i["name"]: i["total"] for i in r.json()["items"]}
            assert got == want, (org, year)
            for i in r.json()["items"]:
                assert len(i["sample"]) == min(5, i["total"]), (org, year, i["name"])
            u, s, a, pl, m = con.execute(OWN + YEAR_COUNTS, p).fetchone()
            r = admin.get("/api/v1/year_reports", params={"org": org, "year": year})
            assert r.status_code == 200, r.text
            assert r.json()["counts"] == {"units": u, "submitted": s, "approved": a,
                                          "pledges": pl, "meetings": m}, (org, year)
    con.close()


@pytest.fixture(scope="module")
def admin(clients):
    return clients["admin"]


def test_kept_counts_equal_the_records(admin, server):
    compare_all(admin, server.db)


def test_after_changes_each_count_reads(admin, org_ids, server):
    """A tree with one record of each kind a check finds, a year report
    submitted, then a fix of some: every count still equals the records."""
    last = TODAY.year - 1
    p = make_org(admin, org_ids["HY"], kind="district_committee", name="Huyện thử số giữ",
                 valid_from="2020-01-01")
    c = make_org(admin, p["id"], kind="base_committee", name="Xã thử số giữ",
                 valid_from="2020-01-01")
    k = make_org(admin, c["id"], kind="cell", name="Chi bộ thử số giữ", valid_from="2020-01-01")
    k2 = make_org(admin, c["id"], kind="cell", name="Chi bộ thử số giữ 2",
                  valid_from="2020-01-01")
    member = make_person(admin, k["id"], "Đảng Viên Thử Số Giữ", party_member=True,
                         party_joined="2010-05-19")
    outsider = make_person(admin, k["id"], "Quần Chúng Thử Số Giữ")
    meeting = create(admin, "/api/v1/activities", {
        "title": "Sinh hoạt thử số giữ", "kind": "cell_meeting", "date": "%d-04-10" % last,
        "org_id": k["id"]})
    for who in (member, outsider):
        r = admin.post("/api/v1/activities/%d/attendance" % meeting["id"],
                       json={"person_id": who["id"]})
        assert r.status_code == 201, r.text
    # Two pledges of the same person in two units (filed in K, moved to
    # K2, filed again): the duplicate is in K2.
    first = create(admin, "/api/v1/pledges", pledge_body(org_id=k["id"], person_id=member["id"],
                                                         year=last))
    db_write(server.db, "UPDATE person SET org_id = ? WHERE id = ?", k2["id"], member["id"])
    wait_no_pending(server.db)
    second = create(admin, "/api/v1/pledges", pledge_body(org_id=k2["id"],
                                                          person_id=member["id"], year=last))
    drive_pledge(admin, second["id"], "accepted")
    create(admin, "/api/v1/evaluations", {"year": last, "org_id": k["id"],
                                          "person_id": outsider["id"], "scale": "party",
                                          "score_general": 25, "score_tasks": 60})
    r = admin.post("/api/v1/year_reports/submit", json={"org_id": k["id"], "year": last})
    assert r.status_code == 200, r.text
    compare_all(admin, server.db)
    # The person rated moves to K2, then becomes a party member (the rating
    # is kept by K): the check clears; the first pledge (in K) is deleted:
    # the second (in K2) is no longer a duplicate.
    db_write(server.db, "UPDATE person SET org_id = ? WHERE id = ?", k2["id"], outsider["id"])
    wait_no_pending(server.db)
    r = admin.patch("/api/v1/people/%d" % outsider["id"],
                    json={"party_member": True, "party_joined": "2015-01-01"})
    assert r.status_code == 200, r.text
    assert admin.delete("/api/v1/pledges/%d" % first["id"]).status_code in (200, 204)
    # Aged by hand, as an import of old data would leave it.
    db_write(server.db, "UPDATE pledge SET accepted_on = ?, last_checkin = NULL WHERE id = ?",
             (TODAY - datetime.timedelta(days=120)).isoformat(), second["id"])
    wait_no_pending(server.db)
    compare_all(admin, server.db)
