"""The generic record API, type by type (topics, activities, pledges; a new
type gets a Spec below and every test here runs for it too): create, read,
list with each filter, sort and accent-insensitive search, correct, soft
delete, list with and without deleted=1, restore; the field errors, driven
by GET /api/v1/meta (every required, bounded, read-only, create-only field
of the type is tried); references that are deleted, missing or outside the
scope; the audit history of every change.

A refused request must change nothing and write no audit row (the
`refuses` fixture: database digest and audit row count before and after).
The records live in private units under Hưng Yên made by this file.
"""
import json
import unicodedata
from types import SimpleNamespace

import pytest

from support import (PLEDGES, Client, audit_rows, create, drive_pledge, find_person, history,
                     make_org, make_person, marker, own_fields, refused_all, vn_today)

TODAY = vn_today()
YEAR = TODAY.year
TOPICS, ACTIVITIES = "/api/v1/topics", "/api/v1/activities"


# ---- the types -------------------------------------------------------------------------

class Spec:
    """What the tests need to know of one type beyond its meta: two valid
    bodies ("a" and "b") that differ in every filter and sort field, how
    to finish "b" (a workflow), a valid correction, its children."""
    path = name = None
    patch = {}              # a valid correction ("{mk}": the record's marker)
    child = None            # (child path, meta name of the child type)

    def body(self, ctx, variant, mk):
        raise NotImplementedError

    def finish(self, admin, rec, variant):
        return rec

    def patch_for(self, mk):
        return {k: v.format(mk=mk) if isinstance(v, str) else v for k, v in self.patch.items()}

    def child_body(self, ctx):
        raise NotImplementedError

    def parent_for_child(self, admin, ctx, mk):
        """A record that takes children now."""
        return create(admin, self.path, self.body(ctx, "a", mk))


class TopicSpec(Spec):
    path, name = TOPICS, "topic"
    patch = {"title": "Chuyên đề đã sửa {mk}: Tư tưởng Hồ Chí Minh về đại đoàn kết",
             "year_to": 2030, "documents": "Kết luận 01-KL/TW", "note": "Đã sửa"}

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"title": "Học tập và làm theo đạo đức %s Hồ Chí Minh" % mk,
                    "kind": "year", "year_from": YEAR - 1, "org_id": ctx.unit_a["id"],
                    "documents": "Chỉ thị 05-CT/TW", "note": "Ghi chú"}
        return {"title": "Chuyên đề toàn khóa %s" % mk, "kind": "term",
                "year_from": YEAR, "year_to": YEAR + 4, "org_id": ctx.unit_b["id"]}


class ActivitySpec(Spec):
    path, name = ACTIVITIES, "activity"
    patch = {"title": "Hội nghị đã sửa {mk}", "kind": "dialogue", "location": "Hội trường xã",
             "outside_count": 12, "content": "Đối thoại với nhân dân", "topic_on_agenda": True}
    child = ("attendance", "attendance")

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"title": "Học tập và làm theo đạo đức %s Hồ Chí Minh" % mk,
                    "kind": "conference", "date": "%d-03-05" % (YEAR - 1),
                    "org_id": ctx.unit_a["id"], "topic_id": ctx.topic_a["id"],
                    "topic_on_agenda": True, "outside_count": 3,
                    "location": "Hội trường tỉnh ủy", "content": "Quán triệt chuyên đề"}
        return {"title": "Sinh hoạt chi bộ %s" % mk, "kind": "cell_meeting",
                "date": "%d-04-10" % YEAR, "org_id": ctx.unit_b["id"],
                "topic_id": ctx.topic_b["id"], "topic_on_agenda": False}

    def child_body(self, ctx):
        return {"person_id": ctx.person_a["id"], "note": "Có mặt"}


class PledgeSpec(Spec):
    path, name = PLEDGES, "pledge"
    patch = {"follow": "Nội dung đã sửa {mk}", "solutions": "Giải pháp đã sửa",
             "target_text": "10 buổi", "target_value": 10, "target_unit": "buổi",
             "due_date": "%d-11-30" % YEAR, "year": YEAR}
    child = ("checkins", "checkin")

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"year": YEAR - 1, "org_id": ctx.unit_a["id"],
                    "person_id": ctx.person_a["id"], "topic_id": ctx.topic_a["id"],
                    "follow": "Học tập và làm theo đạo đức %s Hồ Chí Minh" % mk,
                    "solutions": "Đọc sách mỗi tối, ghi sổ tay",
                    "target_text": "Đọc 12 cuốn sách", "target_value": 12,
                    "target_unit": "cuốn", "due_date": "%d-12-31" % (YEAR - 1)}
        # A collective pledge of the unit.
        return {"year": YEAR, "org_id": ctx.unit_b["id"], "topic_id": ctx.topic_b["id"],
                "follow": "Đăng ký tập thể %s" % mk, "solutions": "Phân công từng đảng viên",
                "due_date": "%d-06-30" % (YEAR + 1)}

    def finish(self, admin, rec, variant):
        if variant == "b":
            return drive_pledge(admin, rec["id"], "closed")
        return rec

    def child_body(self, ctx):
        return {"date": TODAY.isoformat(), "progress": 30, "note": "Đã đọc 4 cuốn"}

    def parent_for_child(self, admin, ctx, mk):
        rec = create(admin, self.path, self.body(ctx, "a", mk))
        return drive_pledge(admin, rec["id"], "accepted")


SPECS = {s.path.rsplit("/", 1)[1]: s for s in (TopicSpec(), ActivitySpec(), PledgeSpec())}
TYPES = sorted(SPECS)
CHILD_TYPES = [t for t in TYPES if SPECS[t].child]


# ---- fixtures and helpers ------------------------------------------------------------------

@pytest.fixture(scope="module")
def admin(clients):
    return clients["admin"]


@pytest.fixture(scope="module")
def ctx(admin, org_ids):
    """Two private units under Hưng Yên, a person in each, a topic of each."""
    c = SimpleNamespace()
    c.unit_a = make_org(admin, org_ids["HY"], name="Cơ quan thử bản ghi A", valid_from="2020-01-01")
    c.unit_b = make_org(admin, org_ids["HY"], name="Cơ quan thử bản ghi B", valid_from="2020-01-01")
    c.person_a = make_person(admin, c.unit_a["id"], "Người Thử Bản Ghi")
    c.person_b = make_person(admin, c.unit_b["id"], "Người Thử Bản Ghi Hai")
    c.topic_a = create(admin, TOPICS, {"title": "Chuyên đề của đơn vị A", "kind": "year",
                                       "year_from": YEAR - 1, "org_id": c.unit_a["id"]})
    c.topic_b = create(admin, TOPICS, {"title": "Chuyên đề của đơn vị B", "kind": "term",
                                       "year_from": YEAR, "org_id": c.unit_b["id"]})
    return c


@pytest.fixture(scope="module")
def pairs(admin, ctx):
    """type -> (marker, record a, record b), made on first use."""
    made = {}

    def get(tname):
        if tname not in made:
            spec, mk = SPECS[tname], marker()
            recs = [spec.finish(admin, create(admin, spec.path, spec.body(ctx, v, mk)), v)
                    for v in ("a", "b")]
            made[tname] = (mk, recs[0], recs[1])
        return made[tname]
    return get


def tmeta(meta, tname):
    return meta["types"][SPECS[tname].name]


def listing(client, path, **params):
    params.setdefault("per_page", 200)
    r = client.get(path, params=params)
    assert r.status_code == 200, (params, r.text)
    body = r.json()
    assert body["total"] == len(body["items"]) or body["per_page"] < body["total"], body
    return body


def ids(body):
    return [x["id"] for x in body["items"]]


def qval(v):
    """A value as a query string carries it."""
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v)


def writable(tm):
    return [f for f in tm["fields"] if not f["read_only"]]


# ---- meta ----------------------------------------------------------------------------

@pytest.mark.parametrize("tname", TYPES)
def test_meta_describes_the_type(meta, tname):
    tm = tmeta(meta, tname)
    assert tm["path"] == tname
    assert tm["soft_delete"] is True
    assert tm["org_field"] == "org_id"
    names = [f["name"] for f in tm["fields"]]
    assert "search_fold" not in names                     # hidden
    for f in ("created_at", "updated_at", "created_by", "updated_by", "deleted_at"):
        assert f in names and next(x for x in tm["fields"] if x["name"] == f)["read_only"], f
    spec = SPECS[tname]
    if spec.child:
        assert tm["children"] == [spec.child[1]]
        assert meta["types"][spec.child[1]]["path"] == spec.child[0]
        assert meta["types"][spec.child[1]]["parent"] == spec.name
    assert any(f.get("search") for f in tm["fields"]), "nothing to search in"
    assert tm["default_sort"] in [f["name"] for f in tm["fields"] if f.get("sort")]


def test_meta_flags_of_the_campaign_types(meta):
    """The field flags the tests below rely on, as the brief states them."""
    def flags(t, name):
        f = next(x for x in meta["types"][t]["fields"] if x["name"] == name)
        return f
    assert flags("activity", "year")["read_only"] and flags("activity", "year").get("filter")
    assert flags("pledge", "status")["read_only"] and flags("pledge", "status").get("filter")
    assert flags("pledge", "status")["values"] == ["draft", "submitted", "accepted",
                                                   "returned", "reviewed", "closed"]
    assert flags("pledge", "person_id")["nullable"] and flags("pledge", "person_id")["create_only"]
    assert meta["types"]["pledge"]["person_field"] == "person_id"
    assert meta["types"]["pledge"]["status_field"] == "status"
    assert meta["types"]["topic"]["transitions"] == []
    assert meta["types"]["activity"]["transitions"] == []


# ---- create, read, list ---------------------------------------------------------------

@pytest.mark.parametrize("tname", TYPES)
def test_create_then_read(admin, meta, ctx, tname):
    spec, mk = SPECS[tname], marker()
    body = spec.body(ctx, "a", mk)
    rec = create(admin, spec.path, body)
    for k, v in body.items():
        assert rec[k] == v, (k, rec[k], v)
    assert rec["deleted_at"] is None and rec["created_at"] > 0
    assert rec["created_by"] == rec["updated_by"] == admin.account["id"]
    assert rec["org"]["id"] == body["org_id"]              # the unit, for display
    if "topic_id" in body:
        assert rec["topic"] == {"id": body["topic_id"], "title": ctx.topic_a["title"]}
    if spec.child:
        assert rec["%s_count" % spec.child[0]] == 0 and rec[spec.child[0]] == []
    assert "edit" in rec["actions"] and "delete" in rec["actions"]
    r = admin.get("%s/%d" % (spec.path, rec["id"]))
    assert r.status_code == 200 and r.json() == rec
    assert set(own_fields(tmeta(meta, tname), rec)) == \
        {f["name"] for f in tmeta(meta, tname)["fields"]} | {"id"}


@pytest.mark.parametrize("tname", TYPES)
def test_list_finds_both_newest_first(admin, meta, pairs, tname):
    mk, a, b = pairs(tname)
    body = listing(admin, SPECS[tname].path, q=mk)
    tm = tmeta(meta, tname)
    key = tm["default_sort"]
    want = [x["id"] for x in sorted([a, b], key=lambda x: (x[key], x["id"]), reverse=True)]
    assert ids(body) == want and body["total"] == 2
    item = body["items"][0]
    assert "actions" not in item                        # detail only
    page = listing(admin, SPECS[tname].path, q=mk, per_page=1, page=2)
    assert ids(page) == want[1:] and page["total"] == 2 and page["page"] == 2


@pytest.mark.parametrize("tname", TYPES)
def test_list_each_filter(admin, meta, pairs, tname):
    """Every field the meta marks "filter": a's value finds a, b's finds b."""
    mk, a, b = pairs(tname)
    path, problems = SPECS[tname].path, []
    filters = [f["name"] for f in tmeta(meta, tname)["fields"] if f.get("filter")]
    assert filters
    for f in filters:
        assert a[f] != b[f], "Spec of %s: a and b must differ in %s" % (tname, f)
        for rec in (a, b):
            if rec[f] is None:
                continue
            got = ids(listing(admin, path, q=mk, **{f: qval(rec[f])}))
            if got != [rec["id"]]:
                problems.append("%s=%s: expected [%d], got %s" % (f, rec[f], rec["id"], got))
    # org= is the same subtree filter as org_id=.
    for rec in (a, b):
        got = ids(listing(admin, path, q=mk, org=rec["org_id"]))
        if got != [rec["id"]]:
            problems.append("org=%d: expected [%d], got %s" % (rec["org_id"], rec["id"], got))
    assert not problems, problems


@pytest.mark.parametrize("tname", TYPES)
def test_list_org_filter_is_the_subtree(admin, org_ids, pairs, tname):
    mk, a, b = pairs(tname)
    path = SPECS[tname].path
    assert sorted(ids(listing(admin, path, q=mk, org_id=org_ids["HY"]))) == sorted([a["id"], b["id"]])
    assert ids(listing(admin, path, q=mk, org=org_ids["HY"])) != []
    assert ids(listing(admin, path, q=mk, org=org_ids["BN"])) == []


@pytest.mark.parametrize("tname", TYPES)
def test_list_each_sort(admin, meta, pairs, tname):
    mk, a, b = pairs(tname)
    path, problems = SPECS[tname].path, []
    for f in [f["name"] for f in tmeta(meta, tname)["fields"] if f.get("sort")]:
        assert a[f] != b[f], "Spec of %s: a and b must differ in %s" % (tname, f)
        asc = [x["id"] for x in sorted([a, b], key=lambda x: x[f])]
        for d, want in (("asc", asc), ("desc", asc[::-1])):
            got = ids(listing(admin, path, q=mk, sort=f, dir=d))
            if got != want:
                problems.append("sort=%s dir=%s: expected %s, got %s" % (f, d, want, got))
    assert not problems, problems


@pytest.mark.parametrize("tname", TYPES)
def test_list_bad_parameters(admin, meta, refuses, tname):
    path, tm = SPECS[tname].path, tmeta(meta, tname)
    unsortable = next(f["name"] for f in tm["fields"] if not f.get("sort") and not f["read_only"])
    refuses(lambda: admin.get(path, params={"sort": unsortable}), 400, "bad_param", "sort")
    refuses(lambda: admin.get(path, params={"sort": "search_fold"}), 400, "bad_param", "sort")
    refuses(lambda: admin.get(path, params={"dir": "up"}), 400, "bad_param", "dir")
    refuses(lambda: admin.get(path, params={"per_page": 201}), 400, "bad_param", "per_page")
    refuses(lambda: admin.get(path, params={"page": 0}), 400, "bad_param", "page")
    refuses(lambda: admin.get(path, params={"deleted": 2}), 400, "bad_param", "deleted")
    refuses(lambda: admin.get(path, params={"q": "x" * 101}), 400, "bad_param", "q")
    refuses(lambda: admin.get(path, params={"org": "abc"}), 400, "bad_param", "org")
    for f in tm["fields"]:
        if not f.get("filter"):
            continue
        bad = {"int": "abc", "ref": "0", "bool": "yes", "enum": "bogus"}.get(f["type"])
        if bad is not None:
            refuses(lambda: admin.get(path, params={f["name"]: bad}), 400, "bad_param", f["name"])
    refuses(lambda: admin.get(path, params={"org": 999999}), 404, "not_found")


@pytest.mark.parametrize("tname", TYPES)
@pytest.mark.parametrize("q", ["dao duc {mk}", "ĐẠO ĐỨC {MK}", "Đạo Đức {mk}", "đạo đức {mk}",
                               "dạo dức {mk}", "NFD:đạo đức {mk}", "  dao   duc, {mk}  "])
def test_search_is_accent_insensitive(admin, pairs, tname, q):
    mk, a, b = pairs(tname)
    text = q.format(mk=mk, MK=mk.upper())
    if text.startswith("NFD:"):
        text = unicodedata.normalize("NFD", text[4:])
    assert ids(listing(admin, SPECS[tname].path, q=text)) == [a["id"]]


@pytest.mark.parametrize("tname", TYPES)
def test_search_covers_every_search_field(admin, meta, ctx, tname):
    """A word only in one field marked "search" finds the record."""
    spec, problems = SPECS[tname], []
    search = [f for f in tmeta(meta, tname)["fields"] if f.get("search")]
    for f in search:
        mk, word = marker(), marker()
        body = spec.body(ctx, "a", mk)
        body[f["name"]] = "Nội dung riêng %s của trường" % word
        rec = create(admin, spec.path, body)
        got = ids(listing(admin, spec.path, q=word))
        if got != [rec["id"]]:
            problems.append("%s: expected [%d], got %s" % (f["name"], rec["id"], got))
    # ... and a field not marked "search" does not.
    other = next(f for f in writable(tmeta(meta, tname))
                 if f["type"] in ("text", "longtext") and not f.get("search"))
    mk, word = marker(), marker()
    body = spec.body(ctx, "a", mk)
    body[other["name"]] = "Chỉ ở đây %s" % word
    create(admin, spec.path, body)
    assert ids(listing(admin, spec.path, q=word)) == [], other["name"]
    assert not problems, problems


# ---- the life of a record ----------------------------------------------------------------

@pytest.mark.parametrize("tname", TYPES)
def test_patch_delete_restore_and_history(admin, meta, ctx, refuses, server, tname):
    spec, tm, mk = SPECS[tname], tmeta(meta, tname), marker()
    url = lambda rid: "%s/%d" % (spec.path, rid)
    rec = create(admin, spec.path, spec.body(ctx, "a", mk))
    rid = rec["id"]

    change = spec.patch_for(mk)
    r = admin.patch(url(rid), json=change)
    assert r.status_code == 200, r.text
    patched = r.json()
    for k, v in change.items():
        assert patched[k] == v, k
    assert admin.get(url(rid)).json() == patched

    r = admin.delete(url(rid))
    assert r.status_code == 200, r.text
    deleted = r.json()
    assert deleted["deleted_at"] is not None and deleted["actions"] == ["restore"]
    assert admin.get(url(rid)).json()["deleted_at"] is not None
    assert rid not in ids(listing(admin, spec.path, q=mk))
    assert rid not in ids(listing(admin, spec.path))
    assert ids(listing(admin, spec.path, q=mk, deleted=1)) == [rid]
    assert all(x["deleted_at"] is not None for x in listing(admin, spec.path, deleted=1)["items"])
    refuses(lambda: admin.patch(url(rid), json={"note" if "note" in rec else "follow": "x"}),
            400, "rule", "deleted_at")
    refuses(lambda: admin.delete(url(rid)), 400, "rule", "deleted_at")

    r = admin.post(url(rid) + "/restore")
    assert r.status_code == 200, r.text
    restored = r.json()
    assert restored["deleted_at"] is None and "edit" in restored["actions"]
    assert ids(listing(admin, spec.path, q=mk)) == [rid]
    assert ids(listing(admin, spec.path, q=mk, deleted=1)) == []
    refuses(lambda: admin.post(url(rid) + "/restore"), 400, "rule", "deleted_at")

    # The history: each change, who, before and after, oldest first.
    h = history(admin, spec.path, rid)
    assert [x["action"] for x in h] == ["create", "update", "delete", "restore"]
    assert all(x["account"]["username"] == "admin" for x in h)
    assert [x["id"] for x in h] == sorted(x["id"] for x in h)
    assert [x["at"] for x in h] == sorted(x["at"] for x in h)
    assert h[0]["before"] is None
    assert h[0]["after"] == own_fields(tm, rec)
    for prev, cur in zip(h, h[1:]):
        assert cur["before"] == prev["after"], cur["action"]
    assert h[1]["after"] == own_fields(tm, patched)
    changed = {k for k in h[1]["after"] if h[1]["after"][k] != h[1]["before"][k]}
    assert changed <= set(change) | {"updated_at", "updated_by", "year"}, changed
    assert h[2]["after"] == own_fields(tm, deleted)
    assert h[3]["after"] == own_fields(tm, restored) == own_fields(tm, admin.get(url(rid)).json())
    # The same rows in the table itself.
    rows = audit_rows(server.db, spec.name, rid)
    assert [(x[3], x[4]) for x in rows] == [(a, admin.account["id"]) for a in
                                            ("create", "update", "delete", "restore")]
    assert json.loads(rows[0][6]) == h[0]["after"]


@pytest.mark.parametrize("tname", TYPES)
def test_history_names_each_writer(clients, meta, org_ids, tname):
    """Changes by two accounts: each row names its own (staff of Hưng Yên,
    then the admin)."""
    staff, admin = clients["hungyen.tuyengiao"], clients["admin"]
    unit = make_org(admin, org_ids["HY"], name="Cơ quan thử người sửa", valid_from="2020-01-01")
    ctx = SimpleNamespace(unit_a=unit, unit_b=unit,
                          person_a=make_person(admin, unit["id"], "Người Thử Người Sửa"),
                          topic_a=None, topic_b=None)
    ctx.topic_a = create(admin, TOPICS, {"title": "Chuyên đề thử người sửa", "kind": "year",
                                         "year_from": YEAR - 1, "org_id": unit["id"]})
    spec = SPECS[tname]
    rec = create(staff, spec.path, spec.body(ctx, "a", marker()))
    assert rec["created_by"] == staff.account["id"]
    r = admin.patch("%s/%d" % (spec.path, rec["id"]), json=spec.patch_for("x"))
    assert r.status_code == 200, r.text
    assert r.json()["updated_by"] == admin.account["id"]
    assert r.json()["created_by"] == staff.account["id"]
    h = history(staff, spec.path, rec["id"])
    assert [(x["action"], x["account"]["username"]) for x in h] == \
        [("create", "hungyen.tuyengiao"), ("update", "admin")]
    assert h[0]["account"]["id"] == staff.account["id"]


def test_history_of_another_record_is_its_own(admin, ctx):
    a = create(admin, TOPICS, TopicSpec().body(ctx, "a", marker()))
    b = create(admin, ACTIVITIES, ActivitySpec().body(ctx, "a", marker()))
    assert [x["action"] for x in history(admin, TOPICS, a["id"])] == ["create"]
    # Same id in another type's table: not mixed up.
    for path, rid in ((TOPICS, a["id"]), (ACTIVITIES, b["id"])):
        for x in history(admin, path, rid):
            assert x["after"]["id"] == rid


@pytest.mark.parametrize("tname", TYPES)
def test_missing_records_are_404(admin, refuses, tname):
    path = SPECS[tname].path
    for send in (lambda: admin.get(path + "/999999"),
                 lambda: admin.patch(path + "/999999", json={}),
                 lambda: admin.delete(path + "/999999"),
                 lambda: admin.post(path + "/999999/restore"),
                 lambda: admin.get(path + "/999999/history"),
                 lambda: admin.get(path + "/1/nosuchthing"),
                 lambda: admin.post(path + "/1/nosuchthing", json={})):
        refuses(send, 404, "not_found")


@pytest.mark.parametrize("tname", TYPES)
def test_methods_sessions_and_csrf(server, admin, anon, ctx, refuses, tname):
    """No session: 401.  A cookie session writes only with its CSRF token.
    A method the path does not have: 405."""
    spec = SPECS[tname]
    rec = create(admin, spec.path, spec.body(ctx, "a", marker()))
    one = "%s/%d" % (spec.path, rec["id"])
    refuses(lambda: anon.get(spec.path), 401, "unauthenticated")
    refuses(lambda: anon.get(one), 401, "unauthenticated")
    refuses(lambda: anon.post(spec.path, json=spec.body(ctx, "a", marker())), 401, "unauthenticated")
    cookie = Client(server, "admin", cookie=True)
    del cookie.s.headers["X-CSRF-Token"]
    assert cookie.get(one).status_code == 200
    for send in (lambda: cookie.post(spec.path, json=spec.body(ctx, "a", marker())),
                 lambda: cookie.patch(one, json={}),
                 lambda: cookie.delete(one),
                 lambda: cookie.post(one + "/restore")):
        refuses(send, 403, "csrf")
    cookie.s.headers["X-CSRF-Token"] = cookie.csrf
    r = cookie.patch(one, json=spec.patch_for("x"))
    assert r.status_code == 200, r.text
    for method, path in (("PUT", one), ("PUT", spec.path), ("DELETE", spec.path),
                         ("PATCH", spec.path), ("POST", one)):
        refuses(lambda: admin.request(method, path, json={}), 405, "method_not_allowed")


# ---- field errors, driven by the meta ---------------------------------------------------------

def bad_values(f):
    """(value, error code) pairs field f refuses whatever the record."""
    t, out = f["type"], []
    if t in ("text", "longtext"):
        out.append(("x" * (f["max"] + 1), "too_long"))
        out.append(("đ" * (f["max"] + 1), "too_long"))           # characters, not bytes
        if f["min"] > 0:
            out += [("", "required"), ("   ", "required")]
        out += [(5, "invalid_type"), (["x"], "invalid_type"), ({"a": "b"}, "invalid_type"),
                (True, "invalid_type")]
    elif t == "int":
        out += [(f["min"] - 1, "out_of_range"), ("5", "invalid_type"), (5.5, "invalid_type"),
                (True, "invalid_type")]
        if f["max"] < 2 ** 63 - 1:
            out.append((f["max"] + 1, "out_of_range"))
    elif t == "ref":
        out += [(0, "out_of_range"), (-3, "out_of_range"), ("5", "invalid_type"),
                (1.5, "invalid_type"), ([5], "invalid_type")]
    elif t == "bool":
        out += [(1, "invalid_type"), (0, "invalid_type"), ("true", "invalid_type")]
    elif t == "date":
        out += [("%d-02-30" % (YEAR - 1), "invalid_date"), ("05/03/%d" % YEAR, "invalid_date"),
                ("%d-3-5" % YEAR, "invalid_date"), ("%d-13-01" % YEAR, "invalid_date"),
                ("hôm qua", "invalid_date"), (20250305, "invalid_type")]
    elif t == "enum":
        out += [("bogus", "invalid_value"), (f["values"][0].upper(), "invalid_value"),
                (f["values"][0] + " ", "invalid_value"), (1, "invalid_type"),
                ([f["values"][0]], "invalid_type")]
    return out


def good_value(f):
    """A value of the right JSON type for field f (for read-only and
    create-only fields, refused whatever the value)."""
    return {"int": 1, "ref": 1, "bool": True, "date": TODAY.isoformat(),
            "enum": (f.get("values") or ["x"])[0]}.get(f["type"], "x")


UNKNOWN_KEYS = ["bogus", "search_fold", "Title", "org", "actions", "person", "topic"]


def field_cases(tm, mode, skip=()):
    """(description, mutation of a valid body, code, field) for create or patch."""
    out = []
    for f in tm["fields"]:
        n = f["name"]
        if n in skip:
            continue
        if f["read_only"]:
            out.append(("%s read-only" % n, {n: good_value(f)}, "read_only", n))
            continue
        if mode == "patch" and f["create_only"]:
            out.append(("%s create-only" % n, {n: good_value(f)}, "create_only", n))
            continue
        if mode == "create" and f["required"]:
            out.append(("%s missing" % n, {n: KeyError}, "required", n))
        if not f["nullable"]:
            out.append(("%s null" % n, {n: None}, "not_null", n))
        for v, code in bad_values(f):
            out.append(("%s = %r" % (n, v if len(repr(v)) < 30 else repr(v)[:20] + "…"),
                        {n: v}, code, n))
    out.append(("id", {"id": 5}, "read_only", "id"))
    for k in UNKNOWN_KEYS:
        out.append(("unknown %s" % k, {k: 1}, "unknown_field", k))
    return out


def apply(body, mutation):
    body = dict(body)
    for k, v in mutation.items():
        if v is KeyError:
            body.pop(k, None)
        else:
            body[k] = v
    return body


def run_cases(cases, send, refuses):
    refused_all(refuses, [(desc, lambda m=mutation: send(m), 400, code, field)
                          for desc, mutation, code, field in cases])


@pytest.mark.parametrize("tname", TYPES)
def test_field_errors_on_create(admin, meta, ctx, refuses, tname):
    spec = SPECS[tname]
    base = spec.body(ctx, "a", marker())
    run_cases(field_cases(tmeta(meta, tname), "create"),
              lambda m: admin.post(spec.path, json=apply(base, m)), refuses)


@pytest.mark.parametrize("tname", TYPES)
def test_field_errors_on_patch(admin, meta, ctx, refuses, tname):
    spec = SPECS[tname]
    rec = create(admin, spec.path, spec.body(ctx, "a", marker()))
    cases = [c for c in field_cases(tmeta(meta, tname), "patch")
             if c[2] != "required"]                  # nothing is required in a PATCH
    run_cases(cases, lambda m: admin.patch("%s/%d" % (spec.path, rec["id"]), json=m), refuses)


@pytest.mark.parametrize("tname", CHILD_TYPES)
def test_field_errors_of_children(admin, meta, ctx, refuses, tname):
    spec = SPECS[tname]
    cpath, cname = spec.child
    parent = spec.parent_for_child(admin, ctx, marker())
    url = "%s/%d/%s" % (spec.path, parent["id"], cpath)
    parent_field = meta["types"][cname]["parent"] + "_id"
    cases = field_cases(meta["types"][cname], "create", skip=(parent_field,))
    run_cases(cases, lambda m: admin.post(url, json=apply(spec.child_body(ctx), m)), refuses)
    # The parent comes from the URL; a body naming another is refused.
    other = spec.parent_for_child(admin, ctx, marker())
    for v in (other["id"], str(parent["id"]), None):
        refuses(lambda: admin.post(url, json=dict(spec.child_body(ctx), **{parent_field: v})),
                400, "invalid_value", parent_field)
    # ... and one naming the same parent is fine.
    r = admin.post(url, json=dict(spec.child_body(ctx), **{parent_field: parent["id"]}))
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("tname", TYPES)
def test_longest_texts_are_accepted(admin, meta, ctx, tname):
    """The accepted twins of too_long: exactly max characters."""
    spec = SPECS[tname]
    rec = create(admin, spec.path, spec.body(ctx, "a", marker()))
    for f in writable(tmeta(meta, tname)):
        if f["type"] in ("text", "longtext") and not f["create_only"]:
            v = "ư" * f["max"]
            r = admin.patch("%s/%d" % (spec.path, rec["id"]), json={f["name"]: v})
            assert r.status_code == 200, (f["name"], r.text)
            assert r.json()[f["name"]] == v


@pytest.mark.parametrize("tname", TYPES)
def test_text_is_trimmed_and_nfc(admin, ctx, tname):
    spec = SPECS[tname]
    body = spec.body(ctx, "a", marker())
    main = "title" if "title" in body else "follow"
    body[main] = "  " + unicodedata.normalize("NFD", "Học tập và làm theo") + "  "
    rec = create(admin, spec.path, body)
    assert rec[main] == "Học tập và làm theo"


# ---- rules of single types ----------------------------------------------------------------------

def test_topic_years_in_order(admin, ctx, refuses):
    body = TopicSpec().body(ctx, "a", marker())
    refuses(lambda: admin.post(TOPICS, json=dict(body, year_from=2026, year_to=2025)),
            400, "rule", "year_to")
    rec = create(admin, TOPICS, dict(body, year_from=2026, year_to=2026))
    url = "%s/%d" % (TOPICS, rec["id"])
    refuses(lambda: admin.patch(url, json={"year_from": 2027}), 400, "rule", "year_to")
    refuses(lambda: admin.patch(url, json={"year_to": 2025}), 400, "rule", "year_to")
    r = admin.patch(url, json={"year_to": None, "year_from": 2027})
    assert r.status_code == 200 and r.json()["year_to"] is None, r.text


def test_activity_year_follows_the_date(admin, ctx, refuses):
    rec = create(admin, ACTIVITIES, dict(ActivitySpec().body(ctx, "a", marker()), date="2024-12-31"))
    assert rec["year"] == 2024
    url = "%s/%d" % (ACTIVITIES, rec["id"])
    r = admin.patch(url, json={"date": "2025-01-01"})
    assert r.status_code == 200 and r.json()["year"] == 2025, r.text
    assert rec["id"] in ids(listing(admin, ACTIVITIES, year=2025))
    assert rec["id"] not in ids(listing(admin, ACTIVITIES, year=2024))
    assert history(admin, ACTIVITIES, rec["id"])[-1]["after"]["year"] == 2025
    refuses(lambda: admin.patch(url, json={"year": 2025}), 400, "read_only", "year")
    refuses(lambda: admin.patch(url, json={"date": "2025-01-01", "year": 2030}),
            400, "read_only", "year")


def test_pledge_due_date_not_before_its_year(admin, ctx, refuses):
    body = PledgeSpec().body(ctx, "a", marker())
    refuses(lambda: admin.post(PLEDGES, json=dict(body, year=2026, due_date="2025-12-31")),
            400, "rule", "due_date")
    rec = create(admin, PLEDGES, dict(body, year=2025, due_date="2025-01-01"))
    url = "%s/%d" % (PLEDGES, rec["id"])
    refuses(lambda: admin.patch(url, json={"year": 2026}), 400, "rule", "due_date")
    r = admin.patch(url, json={"year": 2026, "due_date": "2027-03-31"})
    assert r.status_code == 200, r.text


def test_pledge_status_is_read_only(admin, ctx, refuses):
    body = PledgeSpec().body(ctx, "a", marker())
    for st in ("draft", "accepted", "closed"):
        refuses(lambda: admin.post(PLEDGES, json=dict(body, status=st)), 400, "read_only", "status")
    rec = create(admin, PLEDGES, body)
    assert rec["status"] == "draft" and rec["progress"] is None
    for f, v in (("status", "accepted"), ("accepted_on", TODAY.isoformat()),
                 ("verdict", "done"), ("progress", 100), ("last_checkin", TODAY.isoformat()),
                 ("return_reason", "x"), ("self_review", "x")):
        refuses(lambda: admin.patch("%s/%d" % (PLEDGES, rec["id"]), json={f: v}),
                400, "read_only", f)


def test_pledge_unit_and_person(admin, ctx, org_ids, refuses):
    """Individual: the unit defaults to the person's; the person must be in
    the unit's subtree.  Collective: no person, a unit is needed."""
    base = PledgeSpec().body(ctx, "a", marker())
    del base["org_id"]
    rec = create(admin, PLEDGES, base)
    assert rec["org_id"] == ctx.person_a["org_id"] == ctx.unit_a["id"]
    assert rec["person"]["id"] == ctx.person_a["id"]
    # A unit above the person's: inside its subtree.
    rec = create(admin, PLEDGES, dict(base, org_id=org_ids["HY"]))
    assert rec["org_id"] == org_ids["HY"]
    # A sibling unit: not the person's.
    refuses(lambda: admin.post(PLEDGES, json=dict(base, org_id=ctx.unit_b["id"])),
            400, "rule", "person_id")
    # Collective.
    coll = dict(base, org_id=ctx.unit_b["id"])
    del coll["person_id"]
    rec = create(admin, PLEDGES, coll)
    assert rec["person_id"] is None and rec.get("person") is None
    rec = create(admin, PLEDGES, dict(coll, person_id=None))
    assert rec["person_id"] is None
    del coll["org_id"]
    refuses(lambda: admin.post(PLEDGES, json=coll), 400, "required", "org_id")
    refuses(lambda: admin.post(PLEDGES, json=dict(coll, person_id=None)), 400, "required", "org_id")


# ---- references ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def deleted_topic(admin, ctx):
    t = create(admin, TOPICS, {"title": "Chuyên đề đã xóa", "kind": "year", "year_from": YEAR,
                               "org_id": ctx.unit_a["id"]})
    assert admin.delete("%s/%d" % (TOPICS, t["id"])).status_code == 200
    return t


@pytest.mark.parametrize("tname", ["activities", "pledges"])
def test_topic_reference_must_be_live_and_visible(admin, clients, ctx, org_ids, deleted_topic,
                                                  refuses, tname):
    spec = SPECS[tname]
    body = spec.body(ctx, "a", marker())
    for bad in (deleted_topic["id"], 999999):
        refuses(lambda: admin.post(spec.path, json=dict(body, topic_id=bad)), 400, "ref", "topic_id")
    rec = create(admin, spec.path, body)
    url = "%s/%d" % (spec.path, rec["id"])
    refuses(lambda: admin.patch(url, json={"topic_id": deleted_topic["id"]}), 400, "ref", "topic_id")
    r = admin.patch(url, json={"topic_id": None})
    assert r.status_code == 200 and r.json()["topic_id"] is None, r.text
    # A deleted topic that comes back can be named again.
    admin.post("%s/%d/restore" % (TOPICS, deleted_topic["id"]))
    try:
        r = admin.patch(url, json={"topic_id": deleted_topic["id"]})
        assert r.status_code == 200, r.text
    finally:
        admin.delete("%s/%d" % (TOPICS, deleted_topic["id"]))


@pytest.fixture(scope="module")
def scope_topics(admin, org_ids):
    """A topic of each of VN, HY, BN and the Quế Ổ cell."""
    out = {}
    for code in ("VN", "HY", "BN", "BN.QV.CHI_LANG.QUE_O"):
        out[code] = create(admin, TOPICS, {"title": "Chuyên đề của %s" % code, "kind": "year",
                                           "year_from": YEAR, "org_id": org_ids[code]})
    return out


@pytest.fixture(scope="module")
def bn_people(admin, org_ids, clients):
    cell = org_ids["BN.QV.CHI_LANG.QUE_O"]
    return {"cell": find_person(admin, cell, skip={clients["dangvien.queo"].account["person_id"]}),
            "hy": make_person(admin, org_ids["HY.THAI_THUY"], "Người Thử Ngoài Phạm Vi")}


def test_inherited_topics_may_be_named_below(clients, org_ids, scope_topics, bn_people):
    """A topic issued above the account's unit (BN, VN for the Quế Ổ cell)
    is visible to it, so its activities and pledges may name it."""
    sec, staff = clients["bithu.queo"], clients["bacninh.tuyengiao"]
    cell = org_ids["BN.QV.CHI_LANG.QUE_O"]
    for code in ("VN", "BN", "BN.QV.CHI_LANG.QUE_O"):
        t = scope_topics[code]["id"]
        a = create(sec, ACTIVITIES, {"title": "Sinh hoạt chuyên đề", "kind": "cell_meeting",
                                     "date": TODAY.isoformat(), "org_id": cell, "topic_id": t})
        assert a["topic"]["id"] == t
        p = create(sec, PLEDGES, {"year": YEAR, "person_id": bn_people["cell"]["id"],
                                  "topic_id": t, "follow": "Làm theo", "solutions": "Giải pháp",
                                  "due_date": "%d-12-31" % YEAR})
        assert p["topic"]["id"] == t and p["org_id"] == cell
    a = create(staff, ACTIVITIES, {"title": "Hội nghị tỉnh", "kind": "conference",
                                   "date": TODAY.isoformat(), "org_id": org_ids["BN"],
                                   "topic_id": scope_topics["VN"]["id"]})
    assert a["topic"]["id"] == scope_topics["VN"]["id"]


def test_references_outside_the_scope(clients, org_ids, scope_topics, bn_people, refuses):
    """Units, people and topics out of the account's scope are answered as
    if they did not exist: 400 ref naming the field."""
    staff = clients["bacninh.tuyengiao"]
    bn, hy = org_ids["BN"], org_ids["HY"]
    hy_person = bn_people["hy"]["id"]
    topic = {"title": "Chuyên đề", "kind": "year", "year_from": YEAR}
    act = {"title": "Hội nghị", "kind": "conference", "date": TODAY.isoformat()}
    pl = {"year": YEAR, "follow": "Làm theo", "solutions": "Giải pháp",
          "due_date": "%d-12-31" % YEAR}
    cases = [
        (TOPICS, dict(topic, org_id=hy), "org_id"),
        (TOPICS, dict(topic, org_id=org_ids["VN"]), "org_id"),       # above: read, not issued
        (TOPICS, dict(topic, org_id=999999), "org_id"),
        (ACTIVITIES, dict(act, org_id=hy), "org_id"),
        (ACTIVITIES, dict(act, org_id=999999), "org_id"),
        (ACTIVITIES, dict(act, org_id=bn, topic_id=scope_topics["HY"]["id"]), "topic_id"),
        (PLEDGES, dict(pl, org_id=hy), "org_id"),
        (PLEDGES, dict(pl, person_id=hy_person), "person_id"),
        (PLEDGES, dict(pl, org_id=bn, person_id=hy_person), "person_id"),
        (PLEDGES, dict(pl, org_id=bn, person_id=999999), "person_id"),
        (PLEDGES, dict(pl, org_id=bn, topic_id=scope_topics["HY"]["id"]), "topic_id"),
    ]
    checks = [("bacninh.tuyengiao POST %s %s" % (path, body),
               lambda path=path, body=body: staff.post(path, json=body), 400, "ref", field)
              for path, body, field in cases]
    # The Quế Ổ secretary: the province is above the cell, not in its scope.
    sec = clients["bithu.queo"]
    checks += [
        ("bithu.queo POST activity of BN", lambda: sec.post(ACTIVITIES, json=dict(act, org_id=bn)),
         400, "ref", "org_id"),
        ("bithu.queo POST pledge of BN", lambda: sec.post(PLEDGES, json=dict(pl, org_id=bn)),
         400, "ref", "org_id")]
    # A PATCH may not point outside either.
    rec = create(staff, ACTIVITIES, dict(act, org_id=bn))
    checks.append(("PATCH topic_id of HY",
                   lambda: staff.patch("%s/%d" % (ACTIVITIES, rec["id"]),
                                       json={"topic_id": scope_topics["HY"]["id"]}),
                   400, "ref", "topic_id"))
    refused_all(refuses, checks)


def test_checks_in_the_documented_order(clients, org_ids, refuses, scope_topics):
    """404 (URL) before 403 (role) before the body's fields before its
    references before the rules."""
    staff, viewer = clients["bacninh.tuyengiao"], clients["lanhdao.hungyen"]
    admin = clients["admin"]
    hy_act = create(admin, ACTIVITIES, {"title": "Hoạt động Hưng Yên", "kind": "conference",
                                        "date": TODAY.isoformat(), "org_id": org_ids["HY"]})
    url = "%s/%d" % (ACTIVITIES, hy_act["id"])
    refuses(lambda: staff.patch(url, json={"bogus": 1}), 404, "not_found")
    refuses(lambda: viewer.patch(url, json={"bogus": 1}), 403, "forbidden")
    refuses(lambda: viewer.post(ACTIVITIES, json={"org_id": org_ids["BN"]}), 403, "forbidden")
    # Fields before references.
    refuses(lambda: staff.post(ACTIVITIES, json={"title": "x" * 501, "kind": "conference",
                                                 "date": TODAY.isoformat(), "org_id": org_ids["HY"]}),
            400, "too_long", "title")
    # References before rules (due date before the year).
    refuses(lambda: staff.post(PLEDGES, json={"year": YEAR, "org_id": org_ids["HY"],
                                              "follow": "x", "solutions": "y",
                                              "due_date": "%d-01-01" % (YEAR - 1)}),
            400, "ref", "org_id")
    refuses(lambda: staff.post(TOPICS, json={"title": "x", "kind": "year", "year_from": 2026,
                                             "year_to": 2025, "org_id": org_ids["HY"]}),
            400, "ref", "org_id")


# ---- children --------------------------------------------------------------------------------

def test_attendance(admin, ctx, server, refuses, org_ids, clients):
    act = create(admin, ACTIVITIES, ActivitySpec().body(ctx, "a", marker()))
    url = "%s/%d/attendance" % (ACTIVITIES, act["id"])
    r = admin.post(url, json={"person_id": ctx.person_a["id"], "note": "Chủ trì"})
    assert r.status_code == 201, r.text
    att = r.json()
    assert att["activity_id"] == act["id"] and att["person"]["id"] == ctx.person_a["id"]
    assert att["person"]["full_name"] == ctx.person_a["full_name"]
    # Once per person.
    err = refuses(lambda: admin.post(url, json={"person_id": ctx.person_a["id"]}),
                  409, "exists", "person_id")
    assert err
    # A person outside the scope of the account, or none.
    staff = clients["hungyen.tuyengiao"]
    bn_person = find_person(admin, org_ids["BN.QV.CHI_LANG.QUE_O"])
    refuses(lambda: staff.post(url, json={"person_id": bn_person["id"]}), 400, "ref", "person_id")
    refuses(lambda: staff.post(url, json={"person_id": 999999}), 400, "ref", "person_id")
    r = staff.post(url, json={"person_id": ctx.person_b["id"]})     # another unit of the scope
    assert r.status_code == 201, r.text
    second = r.json()
    detail = admin.get("%s/%d" % (ACTIVITIES, act["id"])).json()
    assert detail["attendance_count"] == 2
    assert [x["id"] for x in detail["attendance"]] == [att["id"], second["id"]]
    lst = listing(admin, url)
    assert sorted(ids(lst)) == sorted([att["id"], second["id"]])
    assert ids(listing(admin, url, person_id=ctx.person_b["id"])) == [second["id"]]
    # A child of another activity is not found under this one.
    other = create(admin, ACTIVITIES, ActivitySpec().body(ctx, "a", marker()))
    refuses(lambda: admin.delete("%s/%d/attendance/%d" % (ACTIVITIES, other["id"], att["id"])),
            404, "not_found")
    refuses(lambda: admin.delete("%s/%d" % (url, 999999)), 404, "not_found")
    # Remove: 204, gone, counted again, audited.
    r = admin.delete("%s/%d" % (url, att["id"]))
    assert r.status_code == 204 and r.content == b"", r.text
    refuses(lambda: admin.delete("%s/%d" % (url, att["id"])), 404, "not_found")
    assert ids(listing(admin, url)) == [second["id"]]
    assert admin.get("%s/%d" % (ACTIVITIES, act["id"])).json()["attendance_count"] == 1
    # The person may be added again once removed.
    r = admin.post(url, json={"person_id": ctx.person_a["id"]})
    assert r.status_code == 201, r.text
    rows = audit_rows(server.db, "attendance", att["id"])
    assert [(x[3], x[4]) for x in rows] == [("create", admin.account["id"]),
                                            ("delete", admin.account["id"])]
    assert json.loads(rows[1][5])["person_id"] == ctx.person_a["id"] and rows[1][6] is None
    assert [x[4] for x in audit_rows(server.db, "attendance", second["id"])] == [staff.account["id"]]
    # Not on a deleted activity.
    assert admin.delete("%s/%d" % (ACTIVITIES, act["id"])).status_code == 200
    refuses(lambda: admin.post(url, json={"person_id": ctx.person_b["id"]}), 400, "rule", "deleted_at")
    refuses(lambda: admin.delete("%s/%d" % (url, second["id"])), 400, "rule", "deleted_at")
    assert ids(listing(admin, url)) != []                         # still listed under it


def test_children_have_no_soft_delete_nor_lists_of_their_own(admin, refuses, meta):
    for name in ("attendance", "checkin"):
        tm = meta["types"][name]
        assert tm["soft_delete"] is False and tm["parent"] in ("activity", "pledge")
    refuses(lambda: admin.get("/api/v1/attendance"), 404, "not_found")
    refuses(lambda: admin.get("/api/v1/checkins"), 404, "not_found")
