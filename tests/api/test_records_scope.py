"""The scope matrix of the generic record API: every demo account x every
endpoint of each type (list, get, create, patch, delete, restore, its
transition, its child list, create, patch and delete) x records made by the
admin in Viet Nam's unit, Hưng Yên, Thái Bình (merged into Hưng Yên), Bắc
Ninh and the Quế Ổ cell, each its own test.

As in test_scope.py, the expectation comes from a small rule table and the
scopes computed here from the tree (support.scope_roots):

  - a record the account cannot see             -> 404 not_found
      it sees the records of its scope; topics (inherited) also when
      issued by a unit above its own; members only their own pledges
  - seen, but the role may not write the type   -> 403 forbidden
  - seen only as an inherited topic (issued above the account's unit)
                                                -> INHERITED_WRITE
  - creating: the role first (403), then the unit named in the body
    outside the scope                           -> 400 ref org_id
  - otherwise                                   -> 2xx, the change in the history
    under the account's name
  - lists answer 200 and hold the record exactly when it can be seen.

A refused request changes nothing (database digest, which covers the audit
table).  A write that should succeed acts on a throwaway made for the case
by the admin in the same unit, so the base records stay as they were.
"""
import pytest

from support import (DEMO_ACCOUNTS, audit_rows, create, drive_pledge, error_of,
                     find_person, history, load_orgs, marker, pledge_body, scope_roots, vn_today)

TODAY = vn_today()
YEAR = TODAY.year
CELL = "BN.QV.CHI_LANG.QUE_O"

# ---- the rules -------------------------------------------------------------------------

# role -> type -> what it may do inside what it sees (src/core/core_scope.c).
MAY = {
    "admin": {"topic": "rw", "activity": "rw", "pledge": "rw"},
    "staff": {"topic": "rw", "activity": "rw", "pledge": "rw"},
    "secretary": {"topic": "r", "activity": "rw", "pledge": "rw"},
    "member": {"topic": "r", "activity": "r", "pledge": "rw"},
    "viewer": {"topic": "r", "activity": "r", "pledge": "r"},
}
INHERITED = {"topic"}       # also seen below the issuing unit
OWNED = {"pledge"}          # a member sees and writes only their own
# A topic issued above the account's unit is read there, not changed: the
# record is seen, so 403 rather than 404.
INHERITED_WRITE = (403, "forbidden")

# path -> (type, child path, transition)
TYPES = {
    "topics": ("topic", None, None),
    "activities": ("activity", "attendance", None),
    "pledges": ("pledge", "checkins", "submit"),
}
READS = ("list", "get", "child_list")
OK = {"list": 200, "get": 200, "child_list": 200, "create": 201, "patch": 200, "delete": 200,
      "restore": 200, "transition": 200, "child_create": 201, "child_patch": 200,
      "child_delete": 204}

# ---- the targets ---------------------------------------------------------------------------

# target -> (unit of a topic or activity, person whose pledge it is)
TARGETS = {
    "VN": ("VN", None),                 # a collective pledge of the national unit
    "HY": ("HY", "HY.member"),
    "TB": ("TB", "TB.official"),
    "BN": ("BN", "BN.member"),
    "QUE_O": (CELL, "QUE_O.member"),
    "QUE_O.self": (CELL, "QUE_O.self"),  # pledges: the member account's own
}
# person -> (unit code, exact name or None for an ordinary member)
PERSONS = {
    "HY.member": ("TB.TT.DIEM_DIEN.C01", None),      # a Thái Bình cell now in Hưng Yên
    "TB.official": ("TB.TT", "Đỗ Văn Hiện"),         # a closed Thái Bình district
    "BN.member": ("BN.QV.PHO_MOI.C01", None),
    "QUE_O.member": (CELL, None),
    "QUE_O.self": (CELL, "@dangvien.queo"),
}


def actions_of(path):
    _, child, tr = TYPES[path]
    out = ["list", "get", "create", "patch", "delete", "restore"]
    if tr:
        out.append("transition")
    if child:
        out += ["child_list", "child_create", "child_patch", "child_delete"]
    return out


def targets_of(path):
    return [t for t in TARGETS if t != "QUE_O.self" or TYPES[path][0] in OWNED]


def cases():
    out = [(a, p, x, t) for a in DEMO_ACCOUNTS for p in TYPES for x in actions_of(p)
           for t in targets_of(p)]
    # Reads first, then writes: the digest is recomputed only after a write.
    out.sort(key=lambda c: (c[2] not in READS, DEMO_ACCOUNTS.index(c[0])))
    return out


CASES = cases()


class Matrix:
    def __init__(self, server, clients, db_watch):
        self.server = server
        self.clients = clients
        self.watch = db_watch
        self.admin = clients["admin"]
        self.orgs = load_orgs(server.db)
        self.by_code = {o.code: o for o in self.orgs.values()}
        self.scopes = {u: scope_roots(self.orgs, c.account["org"]["id"])
                       for u, c in clients.items()}
        me = clients["dangvien.queo"].account["person_id"]
        self.persons = {}
        for k, (unit, name) in PERSONS.items():
            if name and name.startswith("@"):
                self.persons[k] = self.admin.get(
                    "/api/v1/people/%d" % clients[name[1:]].account["person_id"]).json()
            else:
                self.persons[k] = find_person(self.admin, self.by_code[unit].id, name, skip={me})
        self.bases = {}

    # -- where a target's records are ----------------------------------------------------
    def where(self, path, tkey):
        """(unit id, person dict or None) of the target's record of this type."""
        unit, pkey = TARGETS[tkey]
        if TYPES[path][0] == "pledge":
            if pkey is None:
                return self.by_code[unit].id, None
            p = self.persons[pkey]
            return p["org_id"], p
        return self.by_code[unit].id, None

    def attendee(self, tkey):
        """Who attends an activity of the target: someone of its unit."""
        return self.persons[TARGETS[tkey][1] or "HY.member"]

    # -- scope ---------------------------------------------------------------------------------
    def in_scope(self, account, org_id):
        return any(self.orgs[org_id].path.startswith(r) for r in self.scopes[account])

    def visible(self, account, path, tkey):
        me = self.clients[account].account
        tname = TYPES[path][0]
        unit, person = self.where(path, tkey)
        if me["role"] == "member" and tname in OWNED and \
                (person is None or person["id"] != me["person_id"]):
            return False
        if self.in_scope(account, unit):
            return True
        own = self.orgs[me["org"]["id"]].path
        return tname in INHERITED and own.startswith(self.orgs[unit].path)

    # -- the expectation -------------------------------------------------------------------------
    def expect(self, account, path, action, tkey):
        """(status, error code or None, error field or None, why)"""
        role = self.clients[account].account["role"]
        tname = TYPES[path][0]
        may = MAY[role][tname]
        unit, _ = self.where(path, tkey)
        if action == "list":
            return 200, None, None, "a list answers; the record in it iff seen"
        if action == "create":
            if "w" not in may:
                return 403, "forbidden", None, "role %s may not write %s" % (role, tname)
            if not self.in_scope(account, unit):
                return 400, "ref", "org_id", "the unit named in the body is outside the scope"
            return 201, None, None, "allowed"
        if not self.visible(account, path, tkey):
            return 404, "not_found", None, "the record is not seen"
        if action in READS:
            return 200, None, None, "seen"
        if "w" not in may:
            return 403, "forbidden", None, "role %s may not write %s" % (role, tname)
        if not self.in_scope(account, unit):
            return INHERITED_WRITE + (None, "an inherited topic is read, not changed, below")
        return OK[action], None, None, "allowed"

    # -- records -----------------------------------------------------------------------------------
    def body(self, path, tkey, account="admin", mk=None):
        """A new record of the target's unit, as account would send it."""
        unit, person = self.where(path, tkey)
        mk = mk or marker()
        if path == "topics":
            return {"title": "Chuyên đề phạm vi %s" % mk, "kind": "year", "year_from": YEAR,
                    "org_id": unit}
        if path == "activities":
            return {"title": "Hoạt động phạm vi %s" % mk, "kind": "conference",
                    "date": TODAY.isoformat(), "org_id": unit}
        if self.clients[account].account["role"] == "member":
            return pledge_body(org_id=unit, follow="Làm theo phạm vi %s" % mk)
        return pledge_body(org_id=unit, person_id=person and person["id"],
                           follow="Làm theo phạm vi %s" % mk)

    def child_body(self, path, tkey, account):
        if path == "activities":
            return {"person_id": self.attendee(tkey)["id"], "note": "Có mặt"}
        return {"date": TODAY.isoformat(), "progress": 20, "note": "Cập nhật của %s" % account}

    def make(self, path, tkey, with_child=False, mk=None):
        """A record of the target as the admin; accepted and with a child
        when asked (children of pledges follow an accepted pledge)."""
        rec = create(self.admin, "/api/v1/" + path, self.body(path, tkey, mk=mk))
        child = None
        if with_child and path == "pledges":
            rec = drive_pledge(self.admin, rec["id"], "accepted")
        if with_child:
            child = create(self.admin, "/api/v1/%s/%d/%s" % (path, rec["id"], TYPES[path][1]),
                           self.child_body(path, tkey, "admin"))
        return rec, child

    def base(self, path, tkey, with_child=False):
        """The target's record for reads and refusals, made once: (record,
        child, marker).  An activity has one attendee; a pledge is a draft,
        or (with_child) another, accepted, with a check-in."""
        key = (path, tkey, with_child and path == "pledges")
        if key not in self.bases:
            mk = marker()
            rec, child = self.make(path, tkey, with_child=path == "activities" or key[2], mk=mk)
            self.bases[key] = (rec, child, mk)
        return self.bases[key]

    def throwaway(self, path, action, tkey):
        """The subject of a write that should succeed: (record, child)."""
        if action == "create":
            return None, None
        if action.startswith("child_"):
            rec, child = self.make(path, tkey, with_child=action != "child_create")
            if action == "child_create" and path == "pledges":
                rec = drive_pledge(self.admin, rec["id"], "accepted")
            return rec, child
        rec, _ = self.make(path, tkey)
        if action == "restore":
            r = self.admin.delete("/api/v1/%s/%d" % (path, rec["id"]))
            assert r.status_code == 200, r.text
        return rec, None

    # -- requests -----------------------------------------------------------------------------------
    def send(self, account, path, action, tkey, rec, child, mk):
        c = self.clients[account]
        base = "/api/v1/" + path
        one = "%s/%d" % (base, rec["id"]) if rec else None
        cpath = TYPES[path][1]
        if action == "list":
            return c.get(base, params={"q": mk, "per_page": 200})
        if action == "get":
            return c.get(one)
        if action == "create":
            return c.post(base, json=self.body(path, tkey, account))
        if action == "patch":
            field = "target_text" if path == "pledges" else "note"
            return c.patch(one, json={field: "Sửa bởi %s" % account})
        if action == "delete":
            return c.delete(one)
        if action == "restore":
            return c.post(one + "/restore")
        if action == "transition":
            return c.post("%s/%s" % (one, TYPES[path][2]))
        if action == "child_list":
            return c.get("%s/%s" % (one, cpath))
        if action == "child_create":
            return c.post("%s/%s" % (one, cpath), json=self.child_body(path, tkey, account))
        if action == "child_patch":
            return c.patch("%s/%s/%d" % (one, cpath, child["id"]),
                           json={"note": "Sửa bởi %s" % account})
        if action == "child_delete":
            return c.delete("%s/%s/%d" % (one, cpath, child["id"]))
        raise AssertionError(action)

    # -- one case ------------------------------------------------------------------------------------
    def run(self, account, path, action, tkey):
        status, code, field, why = self.expect(account, path, action, tkey)
        write = action not in READS
        child_action = action.startswith("child_")
        if status < 300 and write:
            rec, child = self.throwaway(path, action, tkey)
            mk = None
        else:
            rec, child, mk = self.base(path, tkey, with_child=child_action)
        where = "%s %s %s of %s (#%s): expected %d %s %s [%s]" % (
            account, action, path, tkey, rec and rec["id"], status, code or "", field or "", why)
        before = self.watch.digest() if status >= 300 else None
        r = self.send(account, path, action, tkey, rec, child, mk)
        assert r.status_code == status, "%s; got %d %s" % (where, r.status_code, r.text[:300])
        if status >= 300:
            error_of(r, status, code, field)
            assert self.watch.digest() == before, "%s; the database changed" % where
            return
        me = self.clients[account].account
        if action == "list":
            listed = [x["id"] for x in r.json()["items"]]
            seen = self.visible(account, path, tkey)
            assert (rec["id"] in listed) == seen, "%s; listed %s, seen %s" % (where, listed, seen)
            return
        if action == "get":
            body = r.json()
            assert body["id"] == rec["id"], where
            may_edit = self.expect(account, path, "patch", tkey)[0] < 300
            assert ("edit" in body["actions"]) == may_edit, \
                "%s; actions %s, may edit: %s" % (where, body["actions"], may_edit)
            return
        if action == "child_list":
            assert child["id"] in [x["id"] for x in r.json()["items"]], where
            return
        self.check_written(account, me, path, action, tkey, rec, child, r, where)

    def check_written(self, account, me, path, action, tkey, rec, child, r, where):
        """A change made: its effect, and the audit row under the account's name."""
        ctype = {"activities": "attendance", "pledges": "checkin"}.get(path)
        tname = TYPES[path][0]
        if action == "create":
            body = r.json()
            assert body["org_id"] == self.where(path, tkey)[0], where
            if me["role"] == "member":
                assert body["person_id"] == me["person_id"], where
            rows = audit_rows(self.server.db, tname, body["id"])
            assert [(x[3], x[4]) for x in rows] == [("create", me["id"])], where
            return
        if action.startswith("child_"):
            cid = r.json()["id"] if action == "child_create" else child["id"]
            want = {"child_create": "create", "child_patch": "update",
                    "child_delete": "delete"}[action]
            rows = audit_rows(self.server.db, ctype, cid)
            assert (rows[-1][3], rows[-1][4]) == (want, me["id"]), "%s; audit %s" % (where, rows)
            if action == "child_delete":
                assert r.content == b"", where
                left = self.admin.get("/api/v1/%s/%d/%s" % (path, rec["id"], TYPES[path][1]))
                assert cid not in [x["id"] for x in left.json()["items"]], where
            return
        body = r.json()
        if action == "patch":
            field = "target_text" if path == "pledges" else "note"
            assert body[field] == "Sửa bởi %s" % account, where
        elif action == "delete":
            assert body["deleted_at"] is not None, where
        elif action == "restore":
            assert body["deleted_at"] is None, where
        elif action == "transition":
            assert body["status"] == "submitted", where
        want = {"patch": "update", "transition": TYPES[path][2]}.get(action, action)
        last = history(self.admin, "/api/v1/" + path, rec["id"])[-1]
        assert (last["action"], last["account"]["id"]) == (want, me["id"]), \
            "%s; last history row %s by %s" % (where, last["action"], last["account"])


@pytest.fixture(scope="module")
def matrix(server, clients, db_watch):
    return Matrix(server, clients, db_watch)


@pytest.mark.parametrize("account,path,action,target", CASES,
                         ids=["%s-%s-%s-%s" % c for c in CASES])
def test_records_scope_matrix(matrix, account, path, action, target):
    matrix.run(account, path, action, target)


# ---- what the matrix does not say -------------------------------------------------------------

def test_inherited_topics_are_listed_below(matrix, clients):
    """The Quế Ổ accounts list the topics of the national unit, Bắc Ninh and
    their cell, not those of Hưng Yên or Thái Bình."""
    for account in ("bithu.queo", "dangvien.queo"):
        got = {t: matrix.base("topics", t)[0]["id"] in
               [x["id"] for x in clients[account].get(
                   "/api/v1/topics", params={"q": matrix.base("topics", t)[2]}).json()["items"]]
               for t in ("VN", "HY", "TB", "BN", "QUE_O")}
        assert got == {"VN": True, "HY": False, "TB": False, "BN": True, "QUE_O": True}, account


def test_lists_never_leak_out_of_scope(matrix, clients):
    """Every record any list gives an account is one it may see."""
    for account in DEMO_ACCOUNTS:
        me = clients[account].account
        own = matrix.orgs[me["org"]["id"]].path
        for path in TYPES:
            items = clients[account].get("/api/v1/" + path, params={"per_page": 200}).json()["items"]
            for x in items:
                inside = matrix.in_scope(account, x["org_id"])
                if TYPES[path][0] in INHERITED:
                    inside = inside or own.startswith(matrix.orgs[x["org_id"]].path)
                assert inside, (account, path, x["id"], x["org_id"])
                if me["role"] == "member" and TYPES[path][0] in OWNED:
                    assert x["person_id"] == me["person_id"], (account, x["id"])


@pytest.mark.parametrize("account", DEMO_ACCOUNTS)
def test_deleted_lists_are_for_writers(matrix, clients, account, digest):
    """deleted=1 lists soft-deleted records to those who may write the type
    (a member: their own pledges); the others get 403."""
    role = clients[account].account["role"]
    for path, (tname, _, _) in TYPES.items():
        r = clients[account].get("/api/v1/" + path, params={"deleted": 1})
        if "w" in MAY[role][tname]:
            assert r.status_code == 200, (path, r.text)
            assert all(x["deleted_at"] is not None for x in r.json()["items"])
        else:
            error_of(r, 403, "forbidden")


def test_filter_by_a_unit_out_of_scope_is_404(clients, matrix):
    staff = clients["bacninh.tuyengiao"]
    for path in TYPES:
        for params in ({"org": matrix.by_code["HY"].id}, {"org_id": matrix.by_code["HY"].id}):
            error_of(staff.get("/api/v1/" + path, params=params), 404, "not_found")
