"""Accounts (issue 9): every user changes their own password (the old one
given; their other sessions end), a password too common is refused with the
rule in Vietnamese wherever a password is set, and administrators list an
account's sessions and end them — for accounts of their scope only (404
outside, 403 for other roles)."""
import sqlite3
import subprocess

import pytest
import requests

from support import BIN, Client, Server, error_of, unique

PASSWORD = "mot-cau-de-nho-2026"
COMMON = ["password123", "1234567890", "qwertyuiop", "Manchester", "1QAZ2WSX3EDC"]


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("acc"))
    yield s
    assert s.stop() == 0, "".join(s.log[-40:])


def fresh(server, role="staff", org="HY", person=None):
    name = unique("t.self.")
    server.add_user(name, role, org, PASSWORD, person=person)
    return name


def change(client, old, new):
    return client.post("/api/v1/me/password", json={"old_password": old, "new_password": new})


def logs_in(server, username, password):
    r = requests.post(server.url("/api/v1/login"), timeout=30,
                      json={"username": username, "password": password})
    return r.status_code == 200


# ---- changing one's own password --------------------------------------------

@pytest.mark.parametrize("role,org,person", [
    ("staff", "HY", None), ("viewer", "HY", None), ("secretary", "BN.QV.CHI_LANG.QUE_O", None),
    ("admin", "VN", None)])
def test_every_role_changes_its_password(srv, role, org, person):
    name = fresh(srv, role, org, person)
    me, other = Client(srv, name, cookie=True), Client(srv, name)
    r = change(me, PASSWORD, "mat-khau-moi-cua-toi-" + role)
    assert r.status_code == 204, r.text
    # This session goes on, the other ended; only the new password logs in.
    assert me.get("/api/v1/me").status_code == 200
    error_of(other.get("/api/v1/me"), 401, "unauthenticated")
    assert not logs_in(srv, name, PASSWORD)
    srv.passwords[name] = "mat-khau-moi-cua-toi-" + role
    assert Client(srv, name).get("/api/v1/me").status_code == 200


def test_member_changes_its_password(srv):
    me = Client(srv, "dangvien.queo")
    new = "dang-vien-doi-mat-khau-2026"
    assert change(me, srv.passwords["dangvien.queo"], new).status_code == 204
    srv.passwords["dangvien.queo"] = new
    assert Client(srv, "dangvien.queo").get("/api/v1/me").status_code == 200


def test_password_change_rules(srv, tmp_path):
    name = fresh(srv)
    me = Client(srv, name, cookie=True)
    err = error_of(change(me, "khong-dung-dau", "mat-khau-moi-hop-le"), 400, "wrong_password",
                   "old_password")
    assert "Mật khẩu hiện tại" in err["message"]
    err = error_of(change(me, PASSWORD, "ngan"), 400, "too_short", "new_password")
    assert "10" in err["message"]
    error_of(change(me, PASSWORD, PASSWORD), 400, "rule", "new_password")
    error_of(change(me, PASSWORD, "x" * 257), 400, "too_long", "new_password")
    error_of(me.post("/api/v1/me/password", json={"new_password": "mat-khau-moi-hop-le"}),
             400, "required", "old_password")
    error_of(me.post("/api/v1/me/password", json={"old_password": PASSWORD}),
             400, "required", "new_password")
    error_of(me.post("/api/v1/me/password", json={"old_password": PASSWORD,
                                                  "new_password": "mat-khau-moi-hop-le",
                                                  "username": "admin"}),
             400, "unknown_field", "username")
    # A cookie session needs the CSRF token; none needs no session.
    me.s.headers.pop("X-CSRF-Token")
    error_of(change(me, PASSWORD, "mat-khau-moi-hop-le"), 403, "csrf")
    error_of(change(Client(srv), PASSWORD, "mat-khau-moi-hop-le"), 401, "unauthenticated")
    assert logs_in(srv, name, PASSWORD)


@pytest.mark.parametrize("common", COMMON)
def test_common_password_refused_with_the_rule(srv, common):
    name = fresh(srv)
    me = Client(srv, name)
    err = error_of(change(me, PASSWORD, common), 400, "rule", "new_password")
    assert "phổ biến" in err["message"] and "10 ký tự" in err["message"], err
    en = Client(srv, name, lang="en")
    err = error_of(change(en, PASSWORD, common), 400, "rule", "new_password")
    assert "common" in err["message"]
    assert logs_in(srv, name, PASSWORD)


def test_wrong_old_passwords_are_rate_limited(tmp_path):
    s = Server(tmp_path)
    try:
        name = unique("t.self.")
        s.add_user(name, "staff", "HY", PASSWORD)
        me = Client(s, name)
        for _ in range(5):
            error_of(change(me, "doan-sai-mat-khau", "mat-khau-moi-hop-le"), 400,
                     "wrong_password")
        error_of(change(me, PASSWORD, "mat-khau-moi-hop-le"), 429, "rate_limited")
    finally:
        assert s.stop() == 0


def test_common_password_refused_when_an_administrator_sets_one(srv, org_ids_srv):
    root = Client(srv, "admin")
    err = error_of(root.post("/api/v1/accounts", json={
        "username": unique("t.common."), "password": "password123", "role": "viewer",
        "org_id": org_ids_srv["HY"]}), 400, "rule", "password")
    assert "phổ biến" in err["message"]
    name = fresh(srv, "viewer")
    error_of(root.patch("/api/v1/accounts/%d" % account_id(root, name),
                        json={"password": "qwertyuiop"}),
             400, "rule", "password")
    # And on the command line.
    out = subprocess.run([BIN, "user", "add", "--db", srv.db, "--username", unique("t.cli."),
                          "--role", "viewer", "--org", "HY"], input="1234567890\n",
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0 and "too common" in out.stderr, out.stderr


@pytest.fixture(scope="module")
def org_ids_srv(srv):
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    ids = {code: i for i, code in con.execute("SELECT id, code FROM org")}
    con.close()
    return ids


# ---- sessions seen and ended by an administrator ------------------------------

def account_id(root, username):
    con = sqlite3.connect("file:%s?mode=ro" % root.server.db, uri=True)
    (aid,) = con.execute("SELECT id FROM account WHERE username = ?", (username,)).fetchone()
    con.close()
    return aid


def test_administrator_lists_and_ends_sessions(srv):
    root = Client(srv, "admin")
    name = fresh(srv)
    a = Client(srv, name)
    b = Client(srv, name)
    ua = "Mozilla/5.0 (X11; Linux x86_64) Chromium/120"
    c = requests.Session()
    r = c.post(srv.url("/api/v1/login"), headers={"User-Agent": ua},
               json={"username": name, "password": PASSWORD}, timeout=30)
    assert r.status_code == 200
    c_token = r.json()["token"]
    aid = account_id(root, name)
    r = root.get("/api/v1/accounts/%d/sessions" % aid)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert r.json()["total"] == 3 == len(items)
    for s in items:
        assert set(s) == {"id", "created_at", "last_seen", "expires_at", "ip", "user_agent",
                          "current"}, s
        assert s["ip"] == "127.0.0.1" and s["current"] is False
        assert s["created_at"] <= s["last_seen"] < s["expires_at"]
    assert ua in [s["user_agent"] for s in items]
    # No token or digest in it.
    assert c_token not in r.text and "token" not in r.text
    # End the newest (the one with the user agent): only it gets 401.
    sid = [s["id"] for s in items if s["user_agent"] == ua][0]
    assert root.delete("/api/v1/accounts/%d/sessions/%d" % (aid, sid)).status_code == 204
    error_of(requests.get(srv.url("/api/v1/me"), timeout=30,
                          headers={"Authorization": "Bearer " + c_token}), 401, "unauthenticated")
    assert a.get("/api/v1/me").status_code == 200 and b.get("/api/v1/me").status_code == 200
    error_of(root.delete("/api/v1/accounts/%d/sessions/%d" % (aid, sid)), 404, "not_found")
    assert len(root.get("/api/v1/accounts/%d/sessions" % aid).json()["items"]) == 2
    # A session of another account is not found through this one.
    other = Client(srv, fresh(srv))
    oid = account_id(root, other.account["username"])
    osid = root.get("/api/v1/accounts/%d/sessions" % oid).json()["items"][0]["id"]
    error_of(root.delete("/api/v1/accounts/%d/sessions/%d" % (aid, osid)), 404, "not_found")
    assert other.get("/api/v1/me").status_code == 200
    # All of them at once.
    assert root.delete("/api/v1/accounts/%d/sessions" % aid).status_code == 204
    error_of(a.get("/api/v1/me"), 401, "unauthenticated")
    error_of(b.get("/api/v1/me"), 401, "unauthenticated")
    assert root.get("/api/v1/accounts/%d/sessions" % aid).json()["items"] == []
    # The administrator's own session is marked current.
    mine = root.get("/api/v1/accounts/%d/sessions" % root.account["id"]).json()["items"]
    assert [s["current"] for s in mine].count(True) == 1


def test_session_routes_bad_input_and_roles(srv):
    root = Client(srv, "admin")
    aid = account_id(root, "hungyen.tuyengiao")
    for path in ("/api/v1/accounts/%d/sessions" % aid,):
        error_of(Client(srv, "hungyen.tuyengiao").get(path), 403, "forbidden")
        error_of(Client(srv).get(path), 401, "unauthenticated")
    error_of(Client(srv, "lanhdao.hungyen").delete("/api/v1/accounts/%d/sessions/1" % aid),
             403, "forbidden")
    error_of(root.get("/api/v1/accounts/999999/sessions"), 404, "not_found")
    error_of(root.delete("/api/v1/accounts/%d/sessions/0" % aid), 404, "not_found")
    error_of(root.delete("/api/v1/accounts/%d/sessions/abc" % aid), 404, "not_found")
    error_of(root.delete("/api/v1/accounts/%d/sessions/1" % aid, json={"x": 1}), 400,
             "unexpected_body")
    error_of(root.post("/api/v1/accounts/%d/sessions" % aid), 405, "method_not_allowed")


def test_province_administrator_sees_only_its_accounts_sessions(srv):
    """Scope: an administrator of Hưng Yên lists and ends the sessions of
    Hưng Yên's accounts (Thái Bình merged into it included), and gets 404
    for any other: Bắc Ninh's, the national administrator's."""
    root = Client(srv, "admin")
    hy_admin = fresh(srv, "admin", "HY")
    hy = Client(srv, hy_admin)
    inside = fresh(srv, "viewer", "HY")
    merged = fresh(srv, "viewer", "TB")
    outside = fresh(srv, "viewer", "BN")
    victims = {u: Client(srv, u) for u in (inside, merged, outside)}
    for u in (inside, merged):
        aid = account_id(root, u)
        assert hy.get("/api/v1/accounts/%d/sessions" % aid).status_code == 200
        assert hy.delete("/api/v1/accounts/%d/sessions" % aid).status_code == 204
        error_of(victims[u].get("/api/v1/me"), 401, "unauthenticated")
    for u in (outside, "admin", "bacninh.tuyengiao"):
        aid = account_id(root, u)
        sid = root.get("/api/v1/accounts/%d/sessions" % aid).json()["items"]
        error_of(hy.get("/api/v1/accounts/%d/sessions" % aid), 404, "not_found")
        error_of(hy.delete("/api/v1/accounts/%d/sessions" % aid), 404, "not_found")
        if sid:
            error_of(hy.delete("/api/v1/accounts/%d/sessions/%d" % (aid, sid[0]["id"])),
                     404, "not_found")
        error_of(hy.post("/api/v1/accounts/%d/totp/reset" % aid), 404, "not_found")
    assert victims[outside].get("/api/v1/me").status_code == 200
    assert root.get("/api/v1/me").status_code == 200
