"""Accounts are scoped like everything else: an administrator of a unit
sees and changes only the accounts of the units in its scope (its subtree
and the units merged into it, support.scope_roots), every other account is
answered as if it did not exist, and an account is given only a unit and a
person of that scope.  Only an administrator of the root makes a new root
unit.

Every account route (list, read, create, change, new password, unit,
disable; there is no sessions route) x administrators of a province (with a
province merged into it), of a province merged into another, of a commune
and of a province with a merged province x accounts of units inside and
outside each scope:

  - list                       -> exactly the accounts of the scope
  - inside                     -> 2xx, the change made (a new password logs in)
  - outside                    -> 404 not_found, nothing changed (the old
                                  password still logs in, the account works)
  - create in a unit outside   -> 400 ref org_id
  - a person outside           -> 400 ref person_id
  - POST /orgs without parent  -> 400 required parent_id unless the
                                  administrator's unit is a root
"""
import sqlite3

import pytest

from support import (Client, DbWatch, Server, error_of, load_orgs, scope_roots, unchanged_by,
                     unique)

# label -> unit of the administrator
ADMINS = {"province": "HY", "merged": "TB", "commune": "BN.CHI_LANG", "province.bn": "BN"}
# the units the target accounts belong to; the national one is an administrator
TARGETS = ["VN", "HY", "TB", "TB.TT", "HY.THAI_THUY", "BN", "BG.LG", "BN.CHI_LANG",
           "BN.QV.CHI_LANG.QUE_O"]
PASSWORD = "mat-khau-pham-vi-tk"


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("acct"))
    yield s
    assert s.stop() == 0, "".join(s.log[-40:])


class World:
    def __init__(self, srv):
        self.srv = srv
        self.root = Client(srv, "admin")
        self.orgs = load_orgs(srv.db)
        self.by_code = {o.code: o for o in self.orgs.values()}
        self.admins, self.scopes = {}, {}
        for label, unit in ADMINS.items():
            name = "t.admin." + label
            srv.add_user(name, "admin", unit, PASSWORD)
            self.admins[label] = Client(srv, name)
            self.scopes[label] = scope_roots(self.orgs, self.by_code[unit].id)
        self.watch = DbWatch(srv.db)

    def inside(self, label, unit):
        return any(self.by_code[unit].path.startswith(r) for r in self.scopes[label])

    def target(self, unit):
        """A new account of unit (made by the root administrator): (id, username)."""
        name = unique("t.target.")
        r = self.root.post("/api/v1/accounts", json={
            "username": name, "password": PASSWORD, "org_id": self.by_code[unit].id,
            "role": "admin" if unit == "VN" else "viewer"})
        assert r.status_code == 201, r.text
        self.srv.passwords[name] = PASSWORD
        return r.json()["id"], name

    def logs_in(self, username, password):
        r = self.root.s.post(self.srv.url("/api/v1/login"),
                             json={"username": username, "password": password})
        return r.status_code == 200


@pytest.fixture(scope="module")
def world(srv):
    w = World(srv)
    yield w
    w.watch.close()


def accounts_by_unit_path(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT a.username, o.path FROM account a JOIN org o "
                       "ON o.id = a.org_id").fetchall()
    con.close()
    return rows


def test_scopes_are_what_the_cases_need(world):
    """A province with a merged one, a merged one, a commune: each scope holds
    some targets and misses others (the national administrator always)."""
    for label in ADMINS:
        inside = [u for u in TARGETS if world.inside(label, u)]
        assert inside and len(inside) < len(TARGETS) and "VN" not in inside, (label, inside)
    assert world.inside("province", "TB.TT") and not world.inside("merged", "HY")
    assert world.inside("province.bn", "BG.LG")


@pytest.mark.parametrize("label", ADMINS)
def test_list_holds_exactly_the_accounts_of_the_scope(world, label):
    for unit in TARGETS:
        world.target(unit)
    want = sorted(u for u, path in accounts_by_unit_path(world.srv.db)
                  if any(path.startswith(r) for r in world.scopes[label]))
    r = world.admins[label].get("/api/v1/accounts", params={"per_page": 200})
    assert r.status_code == 200, r.text
    got = sorted(a["username"] for a in r.json()["items"])
    assert got == want and r.json()["total"] == len(want), (label, got, want)
    # a search too
    r = world.admins[label].get("/api/v1/accounts", params={"per_page": 200, "q": "target"})
    got = sorted(a["username"] for a in r.json()["items"])
    assert got == [u for u in want if u.startswith("t.target")], (label, got)


CASES = [(label, unit) for label in ADMINS for unit in TARGETS]


@pytest.mark.parametrize("label,unit", CASES, ids=["%s-%s" % c for c in CASES])
def test_account_routes_inside_and_outside_the_scope(world, label, unit):
    admin, inside = world.admins[label], world.inside(label, unit)
    aid, name = world.target(unit)
    url = "/api/v1/accounts/%d" % aid
    own_unit = world.by_code[ADMINS[label]].id
    new_pw = "mat-khau-moi-%d" % aid
    steps = [
        ("read", lambda: admin.get(url)),
        ("change", lambda: admin.patch(url, json={"display_name": "Sửa bởi " + label})),
        ("password", lambda: admin.patch(url, json={"password": new_pw})),
        ("unit", lambda: admin.patch(url, json={"org_id": own_unit})),
        ("disable", lambda: admin.patch(url, json={"disabled": True})),
    ]
    for step, send in steps:
        r, same = unchanged_by(world.watch, send)
        if inside:
            assert r.status_code == 200, (step, r.status_code, r.text)
            if step == "password":
                assert world.logs_in(name, new_pw), "the new password does not log in"
        else:
            error_of(r, 404, "not_found")
            assert same, "%s: a refused request changed the database" % step
    if not inside:
        assert world.logs_in(name, PASSWORD), "the account outside the scope was changed"
    else:
        assert not world.logs_in(name, new_pw), "the account was not disabled"
    # a new account of that unit
    body = {"username": unique("t.made."), "password": PASSWORD, "role": "viewer",
            "org_id": world.by_code[unit].id}
    r, same = unchanged_by(world.watch, lambda: admin.post("/api/v1/accounts", json=body))
    if inside:
        assert r.status_code == 201, r.text
    else:
        error_of(r, 400, "ref", "org_id")
        assert same


@pytest.mark.parametrize("label", ADMINS)
def test_unit_and_person_given_must_be_in_the_scope(world, label):
    admin = world.admins[label]
    con = sqlite3.connect("file:%s?mode=ro" % world.srv.db, uri=True)
    people = {code: pid for code, pid in con.execute(
        "SELECT o.code, MIN(p.id) FROM person p JOIN org o ON o.id = p.org_id "
        "WHERE o.code IN ('BN.QV.CHI_LANG.QUE_O', 'TB.TT') GROUP BY o.code")}
    con.close()
    own = world.by_code[ADMINS[label]]
    aid, _ = world.target(ADMINS[label])
    for unit, pid in people.items():
        body = {"username": unique("t.linked."), "password": PASSWORD, "role": "viewer",
                "org_id": own.id, "person_id": pid}
        r, same = unchanged_by(world.watch, lambda: admin.post("/api/v1/accounts", json=body))
        r2, same2 = unchanged_by(world.watch, lambda: admin.patch(
            "/api/v1/accounts/%d" % aid, json={"person_id": pid}))
        if world.inside(label, unit):
            assert r.status_code == 201 and r2.status_code == 200, (r.text, r2.text)
        else:
            error_of(r, 400, "ref", "person_id")
            error_of(r2, 400, "ref", "person_id")
            assert same and same2
    for unit in TARGETS:
        if world.inside(label, unit):
            continue
        r, same = unchanged_by(world.watch, lambda: admin.patch(
            "/api/v1/accounts/%d" % aid, json={"org_id": world.by_code[unit].id}))
        error_of(r, 400, "ref", "org_id")
        assert same


@pytest.mark.parametrize("label", ADMINS)
def test_only_an_administrator_of_the_root_makes_a_root(world, label):
    r, same = unchanged_by(world.watch, lambda: world.admins[label].post("/api/v1/orgs", json={
        "code": unique("T.ROOT"), "kind": "national", "name": "Gốc thứ hai"}))
    error_of(r, 400, "required", "parent_id")
    assert same
