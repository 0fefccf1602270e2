"""The scope matrix: every demo account x every endpoint x targets inside and
outside that account's subtree, each its own test.

The expected answer is not written case by case: it comes from a small
table of rules (which role may do what, docs/api.md) and from scope
membership computed here from the tree itself (an account sees its unit's
subtree and the subtrees of the units merged into anything in it, SPEC §2):

  - target outside the scope          -> 404 not_found (reads and writes alike)
  - inside, but the role may not      -> 403 forbidden
    (viewers and members write nothing, secretaries no units and no
    transfers, staff no accounts and not their own unit itself)
  - inside and allowed                -> 2xx, or the domain rule that applies
    (no unit under a cell, no person in the national unit)

A refused request must change nothing (database digest before == after).
A write that should succeed is made on a throwaway created for the case (as
admin) in the same place of the tree, so the demo data stays as it was.
"""
import pytest

from support import (DEMO_ACCOUNTS, Client, Org, error_of, find_person, load_orgs, make_org,
                     make_person, scope_roots, unique, vn_today)

TODAY = vn_today().isoformat()

ACCOUNTS = DEMO_ACCOUNTS

# ---- the rules ---------------------------------------------------------------

# role -> what it may do inside its scope (docs/api.md "Who:")
MAY = {
    "admin": {"org.read", "org.write", "person.read", "person.write", "person.transfer",
              "account.read", "account.write"},
    "staff": {"org.read", "org.write", "person.read", "person.write", "person.transfer"},
    "secretary": {"org.read", "person.read", "person.write"},
    "member": {"org.read", "person.read"},
    "viewer": {"org.read", "person.read"},
}

# action -> (permission needed, kind of target, status on success)
ACTIONS = {
    "GET_org": ("org.read", "org", 200),
    "GET_children": ("org.read", "org", 200),
    "PATCH_org": ("org.write", "org", 200),
    "POST_child_org": ("org.write", "org", 201),
    "POST_move": ("org.write", "org", 200),
    "POST_close": ("org.write", "org", 200),
    "POST_merge": ("org.write", "org", 200),
    "GET_people_of_org": ("person.read", "org", 200),
    "POST_person_in_org": ("person.write", "org", 201),
    "GET_person": ("person.read", "person", 200),
    "PATCH_person": ("person.write", "person", 200),
    "POST_transfer": ("person.transfer", "person", 200),
    "GET_accounts": ("account.read", "none", 200),
    "POST_account": ("account.write", "none", 201),
    "GET_account": ("account.read", "account", 200),
    "PATCH_account": ("account.write", "account", 200),
}
# Order of the checks (docs/api.md "Errors"): a target named in the URL
# outside the scope is 404 before anything else; then the role (403); then
# the body, where a unit named outside the scope (the parent of a new unit,
# the unit of a new person, where a person is transferred to) is answered as
# if it did not exist: 400 "ref" naming the field.
OUT_OF_SCOPE_REFERENCE = (400, "ref")
BODY_REFERENCE_ACTIONS = ("POST_child_org", "POST_person_in_org")
# Staff change units strictly below their own: their own unit only gets children.
# A unit merged into theirs (Thái Bình for Hưng Yên's staff) counts as below
# it: its subtree is part of theirs.
OWN_UNIT_FORBIDDEN = {"PATCH_org", "POST_move", "POST_close", "POST_merge"}
READS = {a for a, (perm, _, _) in ACTIONS.items() if perm.endswith(".read")}

# ---- the targets -----------------------------------------------------------------

ORG_TARGETS = {
    "VN": "VN",                          # the national root
    "HY": "HY",                          # new Hưng Yên
    "HY.commune": "HY.THAI_THUY",        # a commune created on 1/7/2025
    "TB": "TB",                          # Thái Bình, merged into Hưng Yên
    "TB.district": "TB.TT",              # a closed district of Thái Bình
    "BN": "BN",
    "BN.commune": "BN.CHI_LANG",         # the commune the Quế Ổ cell sits in now
    "BG.district": "BG.LG",              # Bắc Giang, merged into Bắc Ninh
    "QN.HH": "QN.HH",                    # Hải Hà district (closed)
    "QN.commune": "QN.QUANG_HA",         # took Hải Hà's communes, outside it
    "QUE_O": "BN.QV.CHI_LANG.QUE_O",     # the Quế Ổ cell
}
# person target -> how to find it: (unit code, exact name or None for the first)
PERSON_TARGETS = {
    "HY.member": ("TB.TT.DIEM_DIEN.C01", None),     # cell now in a Hưng Yên commune
    "TB.official": ("TB.TT", "Đỗ Văn Hiện"),        # in a closed Thái Bình district
    "BN.member": ("BN.QV.PHO_MOI.C01", None),
    "HH.official": ("QN.HH", "Lưu Văn Thường"),
    "QN.member": ("QN.HH.QUANG_HA.C01", None),      # cell moved out of Hải Hà
    "QUE_O.member": ("BN.QV.CHI_LANG.QUE_O", None),  # not the member account's person
    "QUE_O.self": ("BN.QV.CHI_LANG.QUE_O", "@dangvien.queo"),
}
ACCOUNT_TARGETS = ["acct.HY.viewer", "acct.QUE_O.secretary", "acct.self"]

# Where an account moves, merges and transfers things to: in its scope, open.
DESTS = {
    "admin": ["BN.CHI_LANG", "HY.THAI_THUY"],
    "tw.tuyengiao": ["BN.CHI_LANG", "HY.THAI_THUY"],
    "hungyen.tuyengiao": ["HY.THAI_THUY", "HY.TIEN_HAI"],
    "bacninh.tuyengiao": ["BN.CHI_LANG", "BN.QUE_VO"],
    "haiha.tuyengiao": ["QN.HH.QUANG_MINH", "QN.HH.QUANG_SON"],
}


def cases():
    out = []
    for account in ACCOUNTS:
        for action, (_, kind, _) in ACTIONS.items():
            targets = {"org": list(ORG_TARGETS), "person": list(PERSON_TARGETS),
                       "account": ACCOUNT_TARGETS, "none": ["-"]}[kind]
            for t in targets:
                out.append((account, action, t))
    # Reads first, then writes: the digest is recomputed only after a write.
    out.sort(key=lambda c: (c[1] not in READS, ACCOUNTS.index(c[0])))
    return out


CASES = cases()


class Matrix:
    def __init__(self, server, clients, db_watch):
        self.clients = clients
        self.watch = db_watch
        self.admin = clients["admin"]
        self.orgs = load_orgs(server.db)
        self.by_code = {o.code: o for o in self.orgs.values()}
        self.scopes = {u: self.scope_of(c.account["org"]["id"]) for u, c in clients.items()}
        self.persons = {k: self.find_person(*v) for k, v in PERSON_TARGETS.items()}
        self.accounts = {}
        self.merge_into = {}

    # -- scope, from the tree --------------------------------------------------
    def scope_of(self, org_id):
        """Path prefixes an account of unit org_id sees (support.scope_roots)."""
        return scope_roots(self.orgs, org_id)

    def in_scope(self, account, org_id):
        if org_id not in self.orgs:     # a unit made after the matrix read the tree
            o = self.admin.get("/api/v1/orgs/%d" % org_id).json()
            path = self.orgs[o["parent_id"]].path + "%d/" % org_id
        else:
            path = self.orgs[org_id].path
        return any(path.startswith(r) for r in self.scopes[account])

    # -- targets ------------------------------------------------------------------
    def find_person(self, unit, name):
        if name and name.startswith("@"):
            pid = self.clients[name[1:]].account["person_id"]
            return self.admin.get("/api/v1/people/%d" % pid).json()
        return find_person(self.admin, self.by_code[unit].id, name,
                           skip={self.clients["dangvien.queo"].account["person_id"]})

    def account_target(self, account, key):
        if key == "acct.self":
            return self.clients[account].account["id"]
        if key not in self.accounts:
            role, unit = {"acct.HY.viewer": ("viewer", "HY"),
                          "acct.QUE_O.secretary": ("secretary", "BN.QV.CHI_LANG.QUE_O")}[key]
            r = self.admin.post("/api/v1/accounts", json={
                "username": unique("t.scope."), "password": "mat-khau-pham-vi",
                "role": role, "org_id": self.by_code[unit].id})
            assert r.status_code == 201, r.text
            self.accounts[key] = r.json()["id"]
        return self.accounts[key]

    # -- the expectation -----------------------------------------------------------
    def expect(self, account, action, tkey):
        """(status, error code or None, why)"""
        me = self.clients[account].account
        role = me["role"]
        perm, kind, ok = ACTIONS[action]
        if kind == "org":
            org = self.by_code[ORG_TARGETS[tkey]]
            if not self.in_scope(account, org.id):
                if action in BODY_REFERENCE_ACTIONS:
                    if perm not in MAY[role]:
                        return 403, "forbidden", "role %s may not %s (checked before the body)" % (role, perm)
                    return OUT_OF_SCOPE_REFERENCE + ("unit named in the body outside the scope",)
                return 404, "not_found", "unit outside the scope"
        elif kind == "person":
            p = self.persons[tkey]
            if not self.in_scope(account, p["org_id"]):
                return 404, "not_found", "person outside the scope"
            if role == "member" and p["id"] != me["person_id"]:
                return 404, "not_found", "a member's scope is the member"
        if perm not in MAY[role]:
            return 403, "forbidden", "role %s may not %s" % (role, perm)
        if kind == "org":
            if role == "staff" and action in OWN_UNIT_FORBIDDEN and org.id == me["org"]["id"]:
                return 403, "forbidden", "staff may not change their own unit itself"
            if action == "POST_child_org" and org.kind == "cell":
                return 400, "rule", "nothing sits under a cell"
            if action == "POST_person_in_org" and org.kind == "national":
                return 400, "rule", "nobody belongs to the national unit"
        return ok, None, "allowed"

    # -- dates and destinations ----------------------------------------------------------
    @staticmethod
    def open_on(org, date):
        return org.valid_from <= date and (org.valid_to is None or date < org.valid_to)

    def opening(self, parent):
        """The day a throwaway under parent opens: parent open then."""
        return max(parent.valid_from, "2025-06-01")

    def dest(self, account, avoid=()):
        for code in DESTS.get(account, []):
            if self.by_code[code].id not in avoid:
                return self.by_code[code]
        return self.orgs[self.clients[account].account["org"]["id"]]

    def when(self, dest):
        return "2025-07-02" if self.open_on(dest, "2025-07-02") else "2025-06-15"

    # -- requests ----------------------------------------------------------------------
    def send(self, account, action, subject):
        """The request of action on subject (an Org, a person dict, an account id)."""
        c = self.clients[account]
        if action == "GET_org":
            return c.get("/api/v1/orgs/%d" % subject.id)
        if action == "GET_children":
            return c.get("/api/v1/orgs", params={"parent": subject.id})
        if action == "PATCH_org":
            return c.patch("/api/v1/orgs/%d" % subject.id,
                           json={"note": "Sửa bởi %s" % account})
        if action == "POST_child_org":
            return c.post("/api/v1/orgs", json={
                "code": unique("T.SC"), "kind": "agency", "name": "Cơ quan thử phạm vi",
                "parent_id": subject.id, "valid_from": self.opening(subject)})
        if action in ("POST_move", "POST_merge"):
            d = self.merge_into.get(subject.id) or \
                self.dest(account, avoid={subject.parent_id, subject.id})
            key = "parent_id" if action == "POST_move" else "successor_id"
            return c.post("/api/v1/orgs/%d/%s" % (subject.id, action[5:]),
                          json={key: d.id, "date": self.when(d)})
        if action == "POST_close":
            return c.post("/api/v1/orgs/%d/close" % subject.id,
                          json={"date": self.when(self.dest(account))})
        if action == "GET_people_of_org":
            return c.get("/api/v1/people", params={"org": subject.id})
        if action == "POST_person_in_org":
            return c.post("/api/v1/people", json={"full_name": "Người Thử Phạm Vi",
                                                  "org_id": subject.id})
        if action == "GET_person":
            return c.get("/api/v1/people/%d" % subject["id"])
        if action == "PATCH_person":
            return c.patch("/api/v1/people/%d" % subject["id"],
                           json={"position": "Sửa bởi %s" % account})
        if action == "POST_transfer":
            d = self.dest(account, avoid={subject["org_id"]})
            return c.post("/api/v1/people/%d/transfer" % subject["id"],
                          json={"org_id": d.id, "date": self.when(d)})
        if action == "GET_accounts":
            return c.get("/api/v1/accounts")
        if action == "GET_account":
            return c.get("/api/v1/accounts/%d" % subject)
        if action == "POST_account":
            return c.post("/api/v1/accounts", json={
                "username": unique("t.made.by."), "password": "mat-khau-moi-tao",
                "role": "viewer", "org_id": self.by_code["HY"].id})
        if action == "PATCH_account":
            return c.patch("/api/v1/accounts/%d" % subject,
                           json={"display_name": "Sửa bởi %s" % account})
        raise AssertionError(action)

    def subject(self, account, action, tkey):
        kind = ACTIONS[action][1]
        if kind == "org":
            return self.by_code[ORG_TARGETS[tkey]]
        if kind == "person":
            return self.persons[tkey]
        if kind == "account":
            return self.account_target(account, tkey)
        return None

    def throwaway(self, account, action, tkey):
        """A subject in the same place of the tree as the target, made by the
        admin, for a write that should succeed.  Returns (subject, units to
        close afterwards)."""
        kind = ACTIONS[action][1]
        if kind == "person":
            p = self.persons[tkey]
            return make_person(self.admin, p["org_id"], "Người Thử Phạm Vi"), []
        if kind in ("account", "none"):
            return self.subject(account, action, tkey), []
        org = self.by_code[ORG_TARGETS[tkey]]
        if action == "POST_child_org":
            return org, []
        if action == "POST_person_in_org" and org.kind == "cell":
            return org, []
        parent = self.orgs[org.parent_id] if org.kind == "cell" else org
        t = make_org(self.admin, parent.id, kind="cell" if org.kind == "cell" else "agency",
                     name="Đơn vị thử phạm vi", valid_from=self.opening(parent))
        t = Org(t["id"], t["code"], t["kind"], parent.path + "%d/" % t["id"], t["parent_id"],
                t["valid_from"], None, None, t["name"])
        if action == "POST_merge":
            # Merged into a sibling: a merge into another subtree would
            # widen that subtree's scope (units merged in are in it) and
            # change the demo accounts' scopes for the tests after this one.
            sib = make_org(self.admin, parent.id, kind=t.kind, name="Đơn vị nhận hợp nhất",
                           valid_from=t.valid_from)
            self.merge_into[t.id] = Org(sib["id"], sib["code"], sib["kind"],
                                        parent.path + "%d/" % sib["id"], sib["parent_id"],
                                        sib["valid_from"], None, None, sib["name"])
            return t, [t.id, sib["id"]]
        return t, [t.id]

    def cleanup(self, ids):
        """Closes units a case opened, so no closed unit gains open children."""
        for oid in ids:
            o = self.admin.get("/api/v1/orgs/%d" % oid).json()
            if not o["closed"]:
                r = self.admin.post("/api/v1/orgs/%d/close" % oid, json={"date": TODAY})
                assert r.status_code == 200, r.text

    # -- one case ---------------------------------------------------------------------------
    def run(self, account, action, tkey):
        status, code, why = self.expect(account, action, tkey)
        write = action not in READS
        if status < 300 and write:
            subject, made = self.throwaway(account, action, tkey)
        else:
            subject, made = self.subject(account, action, tkey), []
        label = tkey
        if isinstance(subject, Org):
            label = "%s (%s, %s)" % (tkey, subject.code, subject.name)
        elif isinstance(subject, dict):
            label = "%s (%s %s)" % (tkey, subject["code"], subject["full_name"])
        where = "%s %s on %s: expected %d %s [%s]" % (account, action, label, status,
                                                       code or "", why)
        before = self.watch.digest() if status >= 300 else None
        r = self.send(account, action, subject)
        assert r.status_code == status, "%s; got %d %s" % (where, r.status_code, r.text[:300])
        if status >= 300:
            err = error_of(r, status, code)
            assert self.watch.digest() == before, "%s; the database changed" % where
            return err
        body = r.json()
        if action == "GET_org":
            assert body["id"] == subject.id, where
        elif action == "GET_children":
            assert body["parent"]["id"] == subject.id, where
        elif action == "GET_people_of_org":
            if self.clients[account].account["role"] == "member":
                me = self.clients[account].account["person_id"]
                assert [p["id"] for p in body["items"]] in ([me], []), where
        elif action == "GET_person":
            assert body["id"] == subject["id"], where
        elif action == "POST_child_org":
            assert body["parent_id"] == subject.id, where
            made.append(body["id"])
        elif action == "POST_person_in_org":
            assert body["org_id"] == subject.id, where
        elif action == "PATCH_person":
            assert body["position"] == "Sửa bởi %s" % account, where
        elif action == "POST_transfer":
            assert body["org_id"] != subject["org_id"], where
            assert len(body["transfers"]) == 1, where
        elif action == "POST_close":
            assert body["closed"] is True or body["valid_to"], where
        elif action == "POST_merge":
            assert body["successor_id"] is not None, where
        self.cleanup(made)
        return body


@pytest.fixture(scope="module")
def matrix(server, clients, db_watch):
    return Matrix(server, clients, db_watch)


@pytest.mark.parametrize("account,action,target", CASES,
                         ids=["%s-%s-%s" % (a, x, t) for a, x, t in CASES])
def test_scope_matrix(matrix, account, action, target):
    matrix.run(account, action, target)


# ---- a few cases the matrix cannot express -----------------------------------------

@pytest.mark.parametrize("account", ACCOUNTS)
def test_scope_roots_match_the_tree(matrix, clients, account):
    """The scope /me reports is the one computed here from the tree."""
    me = clients[account].account
    want = [matrix.orgs[int(p.rstrip("/").rsplit("/", 1)[1])].code
            for p in matrix.scopes[account]]
    assert [s["code"] for s in me["scope"]] == want


@pytest.mark.parametrize("account", [a for a in ACCOUNTS if a != "admin"])
def test_nobody_but_admin_makes_themselves_admin(matrix, clients, account, digest):
    c = clients[account]
    before = digest()
    r = c.patch("/api/v1/accounts/%d" % c.account["id"],
                json={"role": "admin", "org_id": matrix.by_code["VN"].id})
    error_of(r, 403, "forbidden")
    assert digest() == before
    assert c.get("/api/v1/me").json()["role"] == c.account["role"]


def test_search_and_lists_never_leak_out_of_scope(matrix, clients):
    """Lists filter by scope: every person and unit a list returns is in it."""
    for account in ACCOUNTS:
        c = clients[account]
        people = c.get("/api/v1/people", params={"per_page": 200, "q": "nguyen"}).json()
        for p in people["items"]:
            assert matrix.in_scope(account, p["org_id"]), (account, p["full_name"])
        units = c.get("/api/v1/orgs", params={"q": "dang bo", "per_page": 200}).json()
        for o in units["items"]:
            assert matrix.in_scope(account, o["id"]), (account, o["code"])


def test_references_outside_scope_are_refused(matrix, clients, digest):
    """A body may not point outside the scope either: a transfer of one's own
    person to a unit of another province, a move or merge there."""
    staff = clients["hungyen.tuyengiao"]
    mine = make_person(clients["admin"], matrix.by_code["HY.THAI_THUY"].id, "Người Thử Tham Chiếu")
    unit = make_org(clients["admin"], matrix.by_code["HY"].id, valid_from="2025-06-01")
    bn = matrix.by_code["BN.CHI_LANG"].id
    before = digest()
    for r in (staff.post("/api/v1/people/%d/transfer" % mine["id"],
                         json={"org_id": bn, "date": "2025-08-01"}),
              staff.post("/api/v1/orgs/%d/move" % unit["id"],
                         json={"parent_id": bn, "date": "2025-08-01"}),
              staff.post("/api/v1/orgs/%d/merge" % unit["id"],
                         json={"successor_id": bn, "date": "2025-08-01"})):
        error_of(r, *OUT_OF_SCOPE_REFERENCE)
    assert digest() == before


def test_matrix_left_the_demo_tree_as_it_was(matrix, clients):
    """Runs after the matrix: no closed unit gained an open child."""
    admin = clients["admin"]
    for code in ("TB", "TB.TT", "QN.HH", "BG.LG"):
        r = admin.get("/api/v1/orgs", params={"parent": matrix.by_code[code].id})
        assert r.json()["items"] == [], (code, r.text[:300])


def test_moving_an_account_changes_its_scope_at_once(matrix, clients, server):
    """An account given another unit loses the old scope immediately: its
    sessions end, and the next log-in sees the new subtree only."""
    admin = clients["admin"]
    username, password = unique("t.moved."), "mat-khau-chuyen-don-vi"
    r = admin.post("/api/v1/accounts", json={"username": username, "password": password,
                                             "role": "staff", "org_id": matrix.by_code["HY"].id})
    assert r.status_code == 201, r.text
    server.passwords[username] = password
    before = Client(server, username)
    hy_unit = "/api/v1/orgs/%d" % matrix.by_code["HY.THAI_THUY"].id
    bn_unit = "/api/v1/orgs/%d" % matrix.by_code["BN.CHI_LANG"].id
    assert before.get(hy_unit).status_code == 200
    error_of(before.get(bn_unit), 404, "not_found")
    r = admin.patch("/api/v1/accounts/%d" % r.json()["id"],
                    json={"org_id": matrix.by_code["BN"].id})
    assert r.status_code == 200, r.text
    error_of(before.get(hy_unit), 401, "unauthenticated")
    after = Client(server, username)
    assert [s["code"] for s in after.account["scope"]] == ["BN", "BG"]
    error_of(after.get(hy_unit), 404, "not_found")
    assert after.get(bn_unit).status_code == 200
