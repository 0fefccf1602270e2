"""Year submission and approval (issue 4): a unit submits its year's data,
the level above approves it or returns it with a reason, a unit is approved
only when every unit under it is, and an approved year locks the unit's
records of that year until the level above reopens it (with a reason, in
the audit trail).  GET /api/v1/year_reports shows a unit's status, what the
account may do now and the status of every unit under it.

Each test module builds a private tree under Hưng Yên: a district P, a
commune C, two cells K1 and K2 and an agency A (agencies do not report), and
accounts at each level, so every status below is what the test made."""
import pytest

from support import Client, create, drive_pledge, error_of, make_org, make_person, pledge_body, refused_all, unique, vn_today

TODAY = vn_today()
LAST = TODAY.year - 1
YEARS = "/api/v1/year_reports"


@pytest.fixture(scope="module")
def admin(clients):
    return clients["admin"]


@pytest.fixture(scope="module")
def t(admin, org_ids, server):
    """The tree, one account per level, a pledge of LAST filed in K1."""
    class T:
        pass
    t = T()
    t.p = make_org(admin, org_ids["HY"], kind="district_committee", name="Huyện thử duyệt năm",
                   valid_from="2020-01-01")
    t.c = make_org(admin, t.p["id"], kind="base_committee", name="Xã thử duyệt năm",
                   valid_from="2020-01-01")
    t.k1 = make_org(admin, t.c["id"], kind="cell", name="Chi bộ thử duyệt năm 1",
                    valid_from="2020-01-01")
    t.k2 = make_org(admin, t.c["id"], kind="cell", name="Chi bộ thử duyệt năm 2",
                    valid_from="2020-01-01")
    t.a = make_org(admin, t.c["id"], kind="agency", name="Cơ quan thử duyệt năm",
                   valid_from="2020-01-01")
    t.member = make_person(admin, t.k1["id"], "Đảng Viên Thử Duyệt Năm", party_member=True,
                           party_joined="2010-05-19")
    for name, role, org in (("p", "staff", t.p), ("c", "staff", t.c), ("k1", "secretary", t.k1),
                            ("k2", "secretary", t.k2)):
        user = unique("yr.%s." % name)
        server.add_user(user, role, org["code"], "mật-khẩu-thử-" + user)
        setattr(t, "as_" + name, Client(server, user))
    t.pledge = create(admin, "/api/v1/pledges", pledge_body(org_id=t.k1["id"],
                                                            person_id=t.member["id"], year=LAST))
    # A draft is not counted as entered: filed, it is.
    t.draft = create(admin, "/api/v1/pledges", pledge_body(org_id=t.k1["id"],
                                                           person_id=t.member["id"], year=LAST))
    drive_pledge(admin, t.pledge["id"], "submitted")
    return t


def step(client, name, org, year=LAST, reason=None):
    body = {"org_id": org["id"], "year": year}
    if reason is not None:
        body["reason"] = reason
    return client.post("%s/%s" % (YEARS, name), json=body)


def ok(r):
    assert r.status_code == 200, r.text
    return r.json()


def view(client, org, year=LAST):
    return ok(client.get(YEARS, params={"org": org["id"], "year": year}))


def status(client, org, year=LAST):
    return view(client, org, year)["status"]


def test_a_new_year_is_open_and_shows_its_units(t):
    v = view(t.as_c, t.c)
    assert v["status"] == "open" and v["year"] == LAST
    assert v["org"]["id"] == t.c["id"]
    assert v["submitted_on"] is None and v["approved_on"] is None and v["reason"] is None
    # The commune's own staff can submit it, not approve it.
    assert v["actions"] == ["submit"]
    kids = {row["org"]["id"]: row for row in v["children"]}
    # The agency reports through its party organisation: not listed.
    assert set(kids) == {t.k1["id"], t.k2["id"]}
    assert all(row["status"] == "open" for row in kids.values())
    # The counts are the tree's: the one pledge of LAST is in K1.
    assert kids[t.k1["id"]]["counts"]["pledges"] == 1
    assert kids[t.k2["id"]]["counts"]["pledges"] == 0
    assert v["counts"]["units"] == 3 and v["counts"]["pledges"] == 1
    assert v["counts"]["submitted"] == 0 and v["counts"]["approved"] == 0
    # The staff above sees approval steps only once there is something to approve.
    assert view(t.as_c, t.k1)["actions"] == ["submit"]


def test_the_full_flow_submit_return_resubmit_approve_reopen(t, admin, server):
    k2 = t.k2
    v = ok(step(t.as_k2, "submit", k2))
    assert v["status"] == "submitted" and v["submitted_on"] == TODAY.isoformat()
    # The cell cannot approve itself; a return needs a reason.
    err = error_of(step(t.as_k2, "approve", k2), 400, "rule", "org_id")
    assert "cấp trên" in err["message"]
    error_of(step(t.as_c, "return", k2), 400, "rule", "reason")
    error_of(step(t.as_c, "return", k2, reason="   "), 400, "rule", "reason")
    assert view(t.as_c, k2)["actions"] == ["approve", "return"]
    v = ok(step(t.as_c, "return", k2, reason="Thiếu biên bản sinh hoạt tháng 5"))
    assert v["status"] == "returned" and v["reason"] == "Thiếu biên bản sinh hoạt tháng 5"
    # Returned: the cell sees why and submits again.
    assert view(t.as_k2, k2)["reason"] == "Thiếu biên bản sinh hoạt tháng 5"
    assert view(t.as_k2, k2)["actions"] == ["submit"]
    v = ok(step(t.as_k2, "submit", k2))
    assert v["status"] == "submitted" and v["reason"] is None
    v = ok(step(t.as_c, "approve", k2))
    assert v["status"] == "approved" and v["approved_on"] == TODAY.isoformat()
    # Submitting or approving again is a state error.
    error_of(step(t.as_k2, "submit", k2), 400, "rule", "status")
    error_of(step(t.as_c, "approve", k2), 400, "rule", "status")
    # Reopened with a reason by the level above: open again, recorded.
    error_of(step(t.as_c, "reopen", k2), 400, "rule", "reason")
    error_of(step(t.as_k2, "reopen", k2, reason="Tự mở"), 400, "rule", "org_id")
    v = ok(step(t.as_c, "reopen", k2, reason="Bổ sung kết quả kiểm tra cuối năm"))
    assert v["status"] == "open" and v["approved_on"] is None
    h = ok(t.as_c.get(YEARS + "/history", params={"org": k2["id"], "year": LAST}))["items"]
    actions = [row["action"] for row in h]
    assert sorted(actions) == sorted(["submit", "return", "submit", "approve", "reopen"]), h
    reopen = [row for row in h if row["action"] == "reopen"][0]
    assert reopen["after"]["reason"] == "Bổ sung kết quả kiểm tra cuối năm"
    assert reopen["before"]["status"] == "approved"


def test_a_unit_is_approved_only_when_every_unit_under_it_is(t):
    year = LAST - 1
    ok(step(t.as_c, "submit", t.c, year))
    err = error_of(step(t.as_p, "approve", t.c, year), 400, "rule", "org_id")
    assert "trực thuộc" in err["message"]
    assert view(t.as_p, t.c, year)["actions"] == ["return"]
    for cell, who in ((t.k1, t.as_k1), (t.k2, t.as_k2)):
        ok(step(who, "submit", cell, year))
        ok(step(t.as_c, "approve", cell, year))
    v = ok(step(t.as_p, "approve", t.c, year))
    assert v["status"] == "approved"
    # "submitted" counts every unit that has handed its year in, approved or not.
    assert v["counts"]["approved"] == 3 and v["counts"]["submitted"] == 3
    # The district's view counts its tree: C and both cells approved.
    pv = view(t.as_p, t.p, year)
    assert pv["counts"]["units"] == 4 and pv["counts"]["approved"] == 3
    assert [row["status"] for row in pv["children"]] == ["approved"]
    # A cell cannot be reopened while the commune's year stays approved.
    err = error_of(step(t.as_c, "reopen", t.k1, year, reason="Sửa"), 400, "rule", "org_id")
    assert "cấp trên" in err["message"]
    ok(step(t.as_p, "reopen", t.c, year, reason="Mở lại để sửa chi bộ 1"))
    assert ok(step(t.as_c, "reopen", t.k1, year, reason="Sửa số liệu"))["status"] == "open"


def test_an_approved_year_locks_the_units_records_of_that_year(t, admin, refuses):
    year = LAST - 2
    pledge = create(admin, "/api/v1/pledges", pledge_body(org_id=t.k1["id"],
                                                          person_id=t.member["id"], year=year))
    meeting = create(admin, "/api/v1/activities", {
        "title": "Sinh hoạt chi bộ thử khóa năm", "kind": "cell_meeting",
        "date": "%d-04-10" % year, "org_id": t.k1["id"]})
    ok(step(t.as_k1, "submit", t.k1, year))
    ok(step(t.as_c, "approve", t.k1, year))
    path = "/api/v1/pledges/%d" % pledge["id"]
    refused = [
        ("create", lambda: admin.post("/api/v1/pledges", json=pledge_body(
            org_id=t.k1["id"], person_id=t.member["id"], year=year))),
        ("patch", lambda: admin.patch(path, json={"solutions": "Sửa sau khi duyệt"})),
        ("delete", lambda: admin.delete(path)),
        ("secretary's patch", lambda: t.as_k1.patch(path, json={"solutions": "Sửa"})),
        ("attendance", lambda: admin.post("/api/v1/activities/%d/attendance" % meeting["id"],
                                          json={"person_id": t.member["id"]})),
        ("move a record into the locked year", lambda: admin.patch(
            "/api/v1/activities/%d" % meeting["id"], json={"date": "%d-05-01" % (year + 5)})),
        ("move a record of another year into it", lambda: admin.patch(
            "/api/v1/pledges/%d" % t.draft["id"], json={"year": year,
                                                          "due_date": "%d-12-31" % year})),
    ]
    refused_all(refuses, [(desc, send, 400, "rule", "year") for desc, send in refused])
    # Other years and other units are not locked.
    other = create(admin, "/api/v1/pledges", pledge_body(org_id=t.k1["id"],
                                                         person_id=t.member["id"], year=year + 1))
    assert admin.delete("/api/v1/pledges/%d" % other["id"]).status_code in (200, 204)
    create(admin, "/api/v1/pledges", pledge_body(org_id=t.k2["id"], person_id=None, year=year))
    # Reopened: the same change goes through.
    ok(step(t.as_c, "reopen", t.k1, year, reason="Cần sửa đăng ký"))
    r = admin.patch(path, json={"solutions": "Sửa sau khi mở lại"})
    assert r.status_code == 200, r.text


def test_an_import_into_an_approved_year_writes_nothing(t, admin, refuses):
    year = LAST - 4
    ok(step(t.as_k1, "submit", t.k1, year))
    ok(step(t.as_c, "approve", t.k1, year))
    csv = ("org_code,kind,date,title\r\n"
           "%s,cell_meeting,%d-03-05,Sinh hoạt chi bộ nhập từ tệp\r\n"
           "%s,cell_meeting,%d-03-05,Sinh hoạt chi bộ nhập từ tệp\r\n" % (
               t.k2["code"], year, t.k1["code"], year)).encode()

    def send():
        return admin.post("/api/v1/import?type=activities", data=csv,
                          headers={"Content-Type": "text/csv"})

    err = refuses(send, 400, "import_rows")
    # Line 3 (K1, approved) is refused on its year column; line 2 (K2) is fine.
    rows = admin.post("/api/v1/import?type=activities&dry_run=1", data=csv,
                      headers={"Content-Type": "text/csv"}).json()["error"]["rows"]
    assert [(x["line"]) for x in rows] == [3], rows
    assert "duyệt" in rows[0]["message"] or "approved" in rows[0]["message"]
    del err


def test_who_may_take_which_step(t, clients, refuses):
    year = LAST - 3
    # A member reads but does not write; units outside one's scope are refused.
    member = clients["dangvien.queo"]
    refuses(lambda: member.post(YEARS + "/submit", json={"org_id": t.k1["id"], "year": year}),
            403, "forbidden")
    refuses(lambda: t.as_k2.post(YEARS + "/submit", json={"org_id": t.k1["id"], "year": year}),
            400, "ref", "org_id")
    # Reading it answers as if the unit did not exist.
    error_of(t.as_k2.get(YEARS, params={"org": t.k1["id"], "year": year}), 404, "not_found")
    # The agency does not report; an unknown step is 404; bad bodies name the field.
    refuses(lambda: t.as_c.post(YEARS + "/submit", json={"org_id": t.a["id"], "year": year}),
            400, "rule", "org_id")
    refuses(lambda: t.as_c.post(YEARS + "/publish", json={"org_id": t.c["id"], "year": year}),
            404, "not_found")
    refuses(lambda: t.as_c.post(YEARS + "/submit", json={"org_id": t.c["id"]}),
            400, "required", "year")
    refuses(lambda: t.as_c.post(YEARS + "/submit", json={"org_id": t.c["id"], "year": "x"}),
            400, "invalid_type", "year")
    error_of(t.as_c.get(YEARS, params={"org": t.c["id"], "year": "20x"}), 400, "bad_param", "year")
