"""Log-in, sessions (cookie and Bearer), CSRF, log-out, disabled accounts,
the log-in rate limits and the language of messages.

The rate-limit tests run their own server: failures are counted per client
address, and 20 of them would lock 127.0.0.1 out of the shared server for
15 minutes.  Tests on the shared server fail at most a couple of log-ins.
"""
import re
import time

import pytest
import requests

from support import Client, Server, error_of, make_person, unique

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def login(server, username, password, lang=None):
    headers = {"Accept-Language": lang} if lang else {}
    return requests.post(server.url("/api/v1/login"), timeout=30, headers=headers,
                         json={"username": username, "password": password})


def cookie_attrs(set_cookie):
    """'a=b; Path=/; HttpOnly' -> ('a', 'b', {'path': '/', 'httponly': True})"""
    parts = [p.strip() for p in set_cookie.split(";")]
    name, _, value = parts[0].partition("=")
    attrs = {}
    for p in parts[1:]:
        k, eq, v = p.partition("=")
        attrs[k.lower()] = v if eq else True
    return name, value, attrs


# ---- log-in -----------------------------------------------------------------

def test_login_returns_token_csrf_and_account(server, org_ids):
    before = time.time()
    r = login(server, "hungyen.tuyengiao", server.passwords["hungyen.tuyengiao"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"account", "csrf_token", "token", "expires_at"}, body
    assert TOKEN_RE.match(body["token"]), body["token"]
    assert TOKEN_RE.match(body["csrf_token"]), body["csrf_token"]
    assert body["token"] != body["csrf_token"]
    assert body["expires_at"] > before
    acc = body["account"]
    assert acc["username"] == "hungyen.tuyengiao"
    assert acc["role"] == "staff"
    assert acc["org"]["code"] == "HY" and acc["org"]["id"] == org_ids["HY"]
    assert acc["csrf_token"] == body["csrf_token"]
    assert [s["code"] for s in acc["scope"]] == ["HY", "TB"]
    assert acc["person_id"] is None
    assert "write" in acc["permissions"]["org"]
    assert acc["permissions"]["account"] == []


def test_login_member_is_linked_to_a_person(clients, org_ids):
    acc = clients["dangvien.queo"].account
    assert acc["role"] == "member"
    assert isinstance(acc["person_id"], int) and acc["person_id"] > 0
    assert acc["org"]["id"] == org_ids["BN.QV.CHI_LANG.QUE_O"]
    assert [s["id"] for s in acc["scope"]] == [org_ids["BN.QV.CHI_LANG.QUE_O"]]
    assert acc["permissions"]["person"] == ["read"]


def test_login_cookie_is_httponly_samesite_strict(server):
    r = login(server, "lanhdao.hungyen", server.passwords["lanhdao.hungyen"])
    assert r.status_code == 200, r.text
    raw = r.headers["Set-Cookie"]
    name, value, attrs = cookie_attrs(raw)
    assert name == "lt_session", raw
    assert value == r.json()["token"], raw
    assert attrs.get("httponly") is True, raw
    assert attrs.get("samesite") == "Strict", raw
    assert attrs.get("path") == "/", raw


def test_wrong_password_and_unknown_user_answer_alike(server):
    # Two failures on the shared server's address: well under its limit.
    r1 = login(server, "lanhdao.hungyen", "not-the-password-1")
    r2 = login(server, "nobody.at.all", "not-the-password-1")
    err = error_of(r1, 401, "invalid_credentials")
    error_of(r2, 401, "invalid_credentials")
    assert r1.json() == r2.json()
    assert "field" not in err
    # Vietnamese unless asked otherwise.
    assert "không đúng" in err["message"], err
    # The account still logs in (one failure is not a lock-out).
    assert login(server, "lanhdao.hungyen",
                 server.passwords["lanhdao.hungyen"]).status_code == 200


# ---- /me, Bearer and cookie ---------------------------------------------------

def test_me_with_cookie(server):
    c = Client(server, "bacninh.tuyengiao", cookie=True)
    assert "Authorization" not in c.s.headers
    r = c.get("/api/v1/me")
    assert r.status_code == 200, r.text
    me = r.json()
    assert me["username"] == "bacninh.tuyengiao"
    assert me["csrf_token"] == c.csrf
    assert [s["code"] for s in me["scope"]][:1] == ["BN"]


def test_me_with_bearer(server):
    c = Client(server, "haiha.tuyengiao")
    assert "lt_session" not in c.s.cookies
    r = c.get("/api/v1/me")
    assert r.status_code == 200, r.text
    assert r.json()["username"] == "haiha.tuyengiao"
    assert r.json()["org"]["code"] == "QN.HH"


def test_me_without_session_is_401(anon):
    error_of(anon.get("/api/v1/me"), 401, "unauthenticated")
    # A token of the right shape that was never issued.
    r = anon.get("/api/v1/me", headers={"Authorization": "Bearer " + "A" * 43})
    error_of(r, 401, "unauthenticated")
    r = anon.get("/api/v1/me", cookies={"lt_session": "B" * 43})
    error_of(r, 401, "unauthenticated")
    r = anon.get("/api/v1/me", headers={"Authorization": "Basic YWRtaW46YWRtaW4="})
    error_of(r, 401, "unauthenticated")


def test_session_token_never_in_me(server):
    r = login(server, "bithu.queo", server.passwords["bithu.queo"])
    token = r.json()["token"]
    for kw in ({"headers": {"Authorization": "Bearer " + token}},
               {"cookies": {"lt_session": token}}):
        me = requests.get(server.url("/api/v1/me"), timeout=30, **kw)
        assert me.status_code == 200, me.text
        assert token not in me.text
        assert "token" not in me.json() or me.json()["token"] != token


def test_password_hash_never_in_any_response(server, clients):
    admin = clients["admin"]
    r = login(server, "admin", server.passwords["admin"])
    assert "argon2" not in r.text and "password" not in r.text
    lst = admin.get("/api/v1/accounts", params={"per_page": 200})
    assert lst.status_code == 200, lst.text
    assert lst.json()["total"] >= 8
    assert "argon2" not in lst.text.lower()
    assert "password" not in lst.text.lower()
    for acc in lst.json()["items"]:
        one = admin.get("/api/v1/accounts/%d" % acc["id"])
        assert one.status_code == 200
        assert "argon2" not in one.text.lower() and "password" not in one.text.lower()
    for u in ("admin", "dangvien.queo"):
        me = clients[u].get("/api/v1/me")
        assert "argon2" not in me.text.lower() and "password" not in me.text.lower()
    assert server.passwords["admin"] not in lst.text


# ---- log-out ------------------------------------------------------------------

def test_logout_bearer_deletes_the_session(server):
    c = Client(server, "lanhdao.hungyen")
    assert c.get("/api/v1/me").status_code == 200
    r = c.post("/api/v1/logout")
    assert r.status_code == 204, r.text
    error_of(c.get("/api/v1/me"), 401, "unauthenticated")
    # Logging out again with the dead token is refused too.
    error_of(c.post("/api/v1/logout"), 401, "unauthenticated")


def test_logout_cookie_clears_cookie_and_deletes_the_session(server):
    c = Client(server, "lanhdao.hungyen", cookie=True)
    token = c.s.cookies["lt_session"]
    r = c.post("/api/v1/logout")
    assert r.status_code == 204, r.text
    name, value, attrs = cookie_attrs(r.headers["Set-Cookie"])
    assert name == "lt_session" and value == ""
    assert attrs.get("max-age") == "0"
    r = requests.get(server.url("/api/v1/me"), cookies={"lt_session": token}, timeout=30)
    error_of(r, 401, "unauthenticated")
    r = requests.get(server.url("/api/v1/me"), timeout=30,
                     headers={"Authorization": "Bearer " + token})
    error_of(r, 401, "unauthenticated")


def test_logout_ends_only_that_session(server):
    a = Client(server, "lanhdao.hungyen")
    b = Client(server, "lanhdao.hungyen")
    assert a.post("/api/v1/logout").status_code == 204
    assert b.get("/api/v1/me").status_code == 200


# ---- CSRF ------------------------------------------------------------------------

@pytest.fixture
def csrf_target(clients, org_ids):
    """A person of our own whose note the CSRF tests try to change."""
    return make_person(clients["admin"], org_ids["HY.THAI_THUY"], "Người Thử CSRF")


def test_cookie_write_without_csrf_is_refused(server, csrf_target, digest):
    c = Client(server, "hungyen.tuyengiao", cookie=True)
    del c.s.headers["X-CSRF-Token"]
    path = "/api/v1/people/%d" % csrf_target["id"]
    before = digest()
    error_of(c.patch(path, json={"note": "không có mã"}), 403, "csrf")
    error_of(c.post("/api/v1/people", json={"full_name": "Không Mã",
                                            "org_id": csrf_target["org_id"]}), 403, "csrf")
    error_of(c.post("/api/v1/logout"), 403, "csrf")
    assert digest() == before
    # Reads need no token, and the refused log-out left the session alive.
    assert c.get(path).status_code == 200
    assert c.get(path).json()["note"] is None


def test_cookie_write_with_wrong_csrf_is_refused(server, csrf_target, digest):
    c = Client(server, "hungyen.tuyengiao", cookie=True)
    path = "/api/v1/people/%d" % csrf_target["id"]
    before = digest()
    for bad in ("x" * 43, c.csrf[:-1] + ("A" if c.csrf[-1] != "A" else "B"), "",
                c.s.cookies["lt_session"]):
        r = c.patch(path, json={"note": "mã sai"}, headers={"X-CSRF-Token": bad})
        error_of(r, 403, "csrf")
    # Another session's token is no good either.
    other = Client(server, "hungyen.tuyengiao", cookie=True)
    r = c.patch(path, json={"note": "mã sai"}, headers={"X-CSRF-Token": other.csrf})
    error_of(r, 403, "csrf")
    assert digest() == before


def test_cookie_write_with_csrf_succeeds(server, csrf_target):
    c = Client(server, "hungyen.tuyengiao", cookie=True)
    path = "/api/v1/people/%d" % csrf_target["id"]
    r = c.patch(path, json={"note": "có mã"})
    assert r.status_code == 200, r.text
    assert r.json()["note"] == "có mã"
    # The token of /me is the same one.
    assert c.get("/api/v1/me").json()["csrf_token"] == c.csrf


def test_bearer_write_needs_no_csrf(server, csrf_target):
    c = Client(server, "hungyen.tuyengiao")
    assert "X-CSRF-Token" not in c.s.headers
    r = c.patch("/api/v1/people/%d" % csrf_target["id"], json={"note": "bearer"})
    assert r.status_code == 200, r.text
    assert r.json()["note"] == "bearer"


# ---- disabled accounts ----------------------------------------------------------

def test_disabled_account_cannot_log_in_and_loses_its_sessions(server, clients, org_ids,
                                                               digest):
    admin = clients["admin"]
    username, password = unique("t.disabled"), "mat-khau-thu-nghiem"
    r = admin.post("/api/v1/accounts", json={
        "username": username, "password": password, "role": "viewer",
        "org_id": org_ids["HY"], "display_name": "Tài khoản sẽ bị khóa"})
    assert r.status_code == 201, r.text
    acc = r.json()
    assert acc["disabled"] is False
    server.passwords[username] = password
    bearer = Client(server, username)
    cookie = Client(server, username, cookie=True)
    assert bearer.get("/api/v1/me").status_code == 200
    assert cookie.get("/api/v1/me").status_code == 200

    r = admin.patch("/api/v1/accounts/%d" % acc["id"], json={"disabled": True})
    assert r.status_code == 200, r.text
    assert r.json()["disabled"] is True
    error_of(bearer.get("/api/v1/me"), 401, "unauthenticated")
    error_of(cookie.get("/api/v1/me"), 401, "unauthenticated")
    error_of(bearer.get("/api/v1/orgs"), 401, "unauthenticated")
    before = digest()
    err = error_of(login(server, username, password), 403, "account_disabled")
    assert "khóa" in err["message"]
    assert digest() == before
    # A wrong password still answers invalid_credentials, not a hint that
    # the account exists and is disabled.
    error_of(login(server, username, "wrong-password-x"), 401, "invalid_credentials")

    # Enabled again, it logs in.
    r = admin.patch("/api/v1/accounts/%d" % acc["id"], json={"disabled": False})
    assert r.status_code == 200, r.text
    assert login(server, username, password).status_code == 200


# ---- language -------------------------------------------------------------------

def test_messages_vietnamese_by_default_english_on_request(server):
    body = {"password": "whatever-password"}
    vi = requests.post(server.url("/api/v1/login"), json=body, timeout=30)
    err = error_of(vi, 400, "required", "username")
    assert "Tên đăng nhập" in err["message"], err
    en = requests.post(server.url("/api/v1/login"), json=body, timeout=30,
                       headers={"Accept-Language": "en"})
    err_en = error_of(en, 400, "required", "username")
    assert "User name" in err_en["message"], err_en
    assert "Tên đăng nhập" not in err_en["message"]

    vi = requests.get(server.url("/api/v1/me"), timeout=30)
    assert "đăng nhập" in error_of(vi, 401, "unauthenticated")["message"]
    en = requests.get(server.url("/api/v1/me"), timeout=30,
                      headers={"Accept-Language": "en-GB,en;q=0.9"})
    msg = error_of(en, 401, "unauthenticated")["message"]
    assert "log in" in msg and "đăng nhập" not in msg
    # A Vietnamese browser asking for vi first gets Vietnamese.
    vi2 = requests.get(server.url("/api/v1/me"), timeout=30,
                       headers={"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.8"})
    assert "đăng nhập" in error_of(vi2, 401, "unauthenticated")["message"]


def test_english_client_gets_english_validation_messages(clients, server, org_ids):
    c = Client(server, "admin", lang="en")
    r = c.post("/api/v1/people", json={"full_name": "A" * 201, "org_id": org_ids["HY"]})
    err = error_of(r, 400, "too_long", "full_name")
    assert "Full name" in err["message"] and "200" in err["message"], err
    r = clients["admin"].post("/api/v1/people",
                              json={"full_name": "A" * 201, "org_id": org_ids["HY"]})
    err = error_of(r, 400, "too_long", "full_name")
    assert "Họ và tên" in err["message"] and "200" in err["message"], err


# ---- rate limits (own server each) -----------------------------------------------

@pytest.fixture
def own_server(tmp_path):
    s = Server(tmp_path, "rl")
    yield s
    rc = s.stop()
    assert rc == 0, "server exit status %d:\n%s" % (rc, "".join(s.log[-60:]))


def test_rate_limit_per_account(own_server):
    s = own_server
    for i in range(5):
        error_of(login(s, "lanhdao.hungyen", "wrong-password-%d" % i), 401,
                 "invalid_credentials")
    # The sixth attempt is refused, even with the right password.
    r = login(s, "lanhdao.hungyen", s.passwords["lanhdao.hungyen"])
    err = error_of(r, 429, "rate_limited")
    retry = int(r.headers["Retry-After"])
    assert 0 < retry <= 15 * 60, retry
    assert "phút" in err["message"], err
    r = login(s, "lanhdao.hungyen", "wrong-password-again")
    error_of(r, 429, "rate_limited")
    assert "Retry-After" in r.headers
    # English message on request.
    r = login(s, "lanhdao.hungyen", s.passwords["lanhdao.hungyen"], lang="en")
    assert "minutes" in error_of(r, 429, "rate_limited")["message"]
    # Another account from the same address still logs in.
    r = login(s, "bithu.queo", s.passwords["bithu.queo"])
    assert r.status_code == 200, r.text


def test_rate_limit_per_address(own_server):
    s = own_server
    early = Client(s, "lanhdao.hungyen")
    # 20 failures spread over names that never reach the per-account limit.
    for i in range(20):
        r = login(s, "khong.ton.tai.%d" % (i // 4), "wrong-password-%d" % i)
        error_of(r, 401, "invalid_credentials")
    for user in ("admin", "bithu.queo"):
        r = login(s, user, s.passwords[user])
        error_of(r, 429, "rate_limited")
        retry = int(r.headers["Retry-After"])
        assert 0 < retry <= 15 * 60, retry
    # Sessions made before the lock-out are not affected: only log-ins are.
    assert early.get("/api/v1/me").status_code == 200
