"""Two-factor log-in (TOTP, RFC 6238; docs/api.md "Two-factor log-in"):
the whole flow with codes computed here (support.totp), the enrolment an
administrator cannot skip, a code taken once, wrong codes refused and rate-
limited like passwords, recovery codes single-use, the secret never given
back, optional for other roles, and an administrator's reset of another
in-scope account's factor.

The tests run their own servers: wrong codes are counted per client
address too, and would lock 127.0.0.1 out of the shared server."""
import re
import time

import pytest
import requests

from support import (Client, Server, audit_rows, error_of, next_totp_step, totp, unique,
                     TOTP_STEP)

PASSWORD = "dai-lau-moi-nho-2026"
B32_RE = re.compile(r"^[A-Z2-7]{32}$")
RECOVERY_RE = re.compile(r"^[a-z2-9]{5}-[a-z2-9]{5}$")


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("totp"))
    yield s
    assert s.stop() == 0, "".join(s.log[-40:])


def post(server, path, body, token=None):
    headers = {"Authorization": "Bearer " + token} if token else {}
    return requests.post(server.url(path), json=body, headers=headers, timeout=30)


def get(server, path, token):
    return requests.get(server.url(path), headers={"Authorization": "Bearer " + token},
                        timeout=30)


def new_account(server, role="admin", org="VN"):
    name = unique("t.tf.")
    server.add_user(name, role, org, PASSWORD)
    return name


def password_step(server, username, password=PASSWORD):
    r = post(server, "/api/v1/login", {"username": username, "password": password})
    assert r.status_code == 200, r.text
    return r


def enrol(server, username):
    """Enrols a new administrator through the log-in: (secret, step, recovery
    codes, the session's body)."""
    first = password_step(server, username).json()
    assert first["second_factor"] == "enrol"
    r = post(server, "/api/v1/login/enrol", {"ticket": first["ticket"]})
    assert r.status_code == 200, r.text
    secret = r.json()["secret"]
    step = int(time.time() // TOTP_STEP)
    r = post(server, "/api/v1/login/enrol/confirm", {"ticket": first["ticket"],
                                                     "code": totp(secret, step)})
    assert r.status_code == 200, r.text
    body = r.json()
    return secret, step, body["recovery_codes"], body


# ---- administrators: enrolment first ---------------------------------------

def test_administrator_enrols_before_anything_works(srv):
    name = new_account(srv)
    r = password_step(srv, name)
    first = r.json()
    # A ticket, no session: no cookie, no token, no account.
    assert set(first) == {"second_factor", "ticket", "expires_at"}, first
    assert first["second_factor"] == "enrol"
    assert "Set-Cookie" not in r.headers
    assert first["expires_at"] > time.time()
    ticket = first["ticket"]
    # The ticket opens nothing: not a session, and not the code step.
    error_of(get(srv, "/api/v1/me", ticket), 401, "unauthenticated")
    error_of(get(srv, "/api/v1/orgs", ticket), 401, "unauthenticated")
    error_of(post(srv, "/api/v1/login/totp", {"ticket": ticket, "code": "123456"}),
             401, "invalid_ticket", "ticket")
    # Confirming before a QR code was asked for.
    error_of(post(srv, "/api/v1/login/enrol/confirm", {"ticket": ticket, "code": "123456"}),
             400, "rule", "code")
    r = post(srv, "/api/v1/login/enrol", {"ticket": ticket})
    assert r.status_code == 200, r.text
    e = r.json()
    assert B32_RE.match(e["secret"]), e
    assert e["otpauth_uri"] == ("otpauth://totp/lamtheo:%s?secret=%s&issuer=lamtheo"
                                "&algorithm=SHA1&digits=6&period=30" % (name, e["secret"]))
    assert e["qr_svg"].startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    assert e["qr_svg"].endswith("</svg>") and e["secret"] not in e["qr_svg"]
    assert (e["digits"], e["period"]) == (6, 30)
    # A wrong first code switches nothing on.
    wrong = "%06d" % ((int(totp(e["secret"])) + 1) % 10 ** 6)
    error_of(post(srv, "/api/v1/login/enrol/confirm", {"ticket": ticket, "code": wrong}),
             401, "invalid_code", "code")
    error_of(post(srv, "/api/v1/login/enrol/confirm", {"ticket": ticket, "code": "12a456"}),
             400, "invalid_value", "code")
    r = post(srv, "/api/v1/login/enrol/confirm", {"ticket": ticket, "code": totp(e["secret"])})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"account", "token", "csrf_token", "expires_at", "recovery_codes"} <= set(body)
    codes = body["recovery_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(RECOVERY_RE.match(c) for c in codes), codes
    assert body["account"]["two_factor"] == {"enabled": True, "required": True}
    me = get(srv, "/api/v1/me", body["token"])
    assert me.status_code == 200 and me.json()["two_factor"]["enabled"] is True
    # The ticket is used up.
    error_of(post(srv, "/api/v1/login/enrol", {"ticket": ticket}), 401, "invalid_ticket")
    # The secret is never given back: not by /me, /me/totp, the account, the list.
    token = body["token"]
    seen = [get(srv, p, token).text for p in
            ("/api/v1/me", "/api/v1/me/totp", "/api/v1/accounts/%d" % body["account"]["id"],
             "/api/v1/accounts?q=" + name)]
    for text in seen:
        assert e["secret"] not in text and "secret" not in text, text
    state = get(srv, "/api/v1/me/totp", token).json()
    assert state["enabled"] is True and state["required"] is True
    assert state["recovery_codes_left"] == 10 and state["enrolling"] is False


def test_administrator_without_second_factor_gets_no_session_by_password(srv):
    """Whatever the client sends, a right password alone gives an
    administrator no session while it has not enrolled."""
    name = new_account(srv)
    for _ in range(2):
        first = password_step(srv, name).json()
        assert first["second_factor"] == "enrol" and "token" not in first
    # The demo's administrator too (support.Client enrols it like a person would).
    first = password_step(srv, "admin", srv.passwords["admin"]).json()
    assert first["second_factor"] in ("enrol", "totp") and "token" not in first


# ---- the code step ----------------------------------------------------------

def test_totp_log_in_takes_each_code_once(srv):
    name = new_account(srv)
    secret, step, _codes, _ = enrol(srv, name)
    # The code of the enrolment's step is used: a later one is needed.
    first = password_step(srv, name).json()
    assert set(first) == {"second_factor", "ticket", "expires_at"}
    assert first["second_factor"] == "totp"
    error_of(post(srv, "/api/v1/login/totp", {"ticket": first["ticket"],
                                              "code": totp(secret, step)}),
             401, "invalid_code", "code")
    # Too old a code (two steps back), and a wrong one.
    now = int(time.time() // TOTP_STEP)
    error_of(post(srv, "/api/v1/login/totp", {"ticket": first["ticket"],
                                              "code": totp(secret, now - 3)}),
             401, "invalid_code", "code")
    nxt = step + 1
    r = post(srv, "/api/v1/login/totp", {"ticket": first["ticket"], "code": totp(secret, nxt)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"account", "csrf_token", "token", "expires_at"}
    assert "lt_session=" in r.headers["Set-Cookie"]
    assert get(srv, "/api/v1/me", body["token"]).status_code == 200
    # The ticket went with it; the same code again in a new log-in is refused.
    error_of(post(srv, "/api/v1/login/totp", {"ticket": first["ticket"],
                                              "code": totp(secret, nxt + 1)}),
             401, "invalid_ticket", "ticket")
    again = password_step(srv, name).json()
    error_of(post(srv, "/api/v1/login/totp", {"ticket": again["ticket"],
                                              "code": totp(secret, nxt)}),
             401, "invalid_code", "code")


def test_code_step_bad_input(srv):
    name = new_account(srv)
    enrol(srv, name)
    ticket = password_step(srv, name).json()["ticket"]
    cases = [
        ({"ticket": ticket}, 400, "required", "code"),
        ({"ticket": ticket, "code": "123456", "recovery_code": "abcde-fghjk"},
         400, "invalid_value", "recovery_code"),
        ({"ticket": ticket, "code": "12345"}, 400, "invalid_value", "code"),
        ({"ticket": ticket, "code": "１２３４５６"}, 400, "invalid_value", "code"),
        ({"ticket": ticket, "recovery_code": "abc"}, 400, "invalid_value", "recovery_code"),
        ({"ticket": ticket, "code": 123456}, 400, "invalid_type", "code"),
        ({"code": "123456"}, 400, "required", "ticket"),
        ({"ticket": ticket, "code": "123456", "user": "x"}, 400, "unknown_field", "user"),
        ({"ticket": "x" * 43, "code": "123456"}, 401, "invalid_ticket", "ticket"),
        ({"ticket": "x" * 65, "code": "123456"}, 400, "too_long", "ticket"),
    ]
    for body, status, code, field in cases:
        err = error_of(post(srv, "/api/v1/login/totp", body), status, code, field)
        assert err["message"], err
    # In Vietnamese, naming the field.
    err = error_of(post(srv, "/api/v1/login/totp", {"ticket": ticket}), 400, "required")
    assert "Mã xác thực" in err["message"]


# ---- recovery codes ---------------------------------------------------------

def test_recovery_code_works_once(srv):
    name = new_account(srv)
    secret, step, codes, _ = enrol(srv, name)
    ticket = password_step(srv, name).json()["ticket"]
    # Upper case and without the dash is the same code.
    r = post(srv, "/api/v1/login/totp", {"ticket": ticket,
                                         "recovery_code": codes[0].replace("-", "").upper()})
    assert r.status_code == 200, r.text
    assert r.json()["recovery_codes_left"] == 9
    ticket = password_step(srv, name).json()["ticket"]
    error_of(post(srv, "/api/v1/login/totp", {"ticket": ticket, "recovery_code": codes[0]}),
             401, "invalid_code", "recovery_code")
    r = post(srv, "/api/v1/login/totp", {"ticket": ticket, "recovery_code": codes[1]})
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    # New codes replace the old ones, and ask for the password.
    error_of(post(srv, "/api/v1/me/totp/recovery", {"password": "sai-mat-khau-roi"}, token),
             400, "wrong_password", "password")
    r = post(srv, "/api/v1/me/totp/recovery", {"password": PASSWORD}, token)
    assert r.status_code == 200, r.text
    fresh = r.json()["recovery_codes"]
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    ticket = password_step(srv, name).json()["ticket"]
    error_of(post(srv, "/api/v1/login/totp", {"ticket": ticket, "recovery_code": codes[2]}),
             401, "invalid_code", "recovery_code")
    assert post(srv, "/api/v1/login/totp", {"ticket": ticket,
                                            "recovery_code": fresh[0]}).status_code == 200


# ---- rate limits ------------------------------------------------------------

def test_wrong_codes_are_rate_limited(tmp_path):
    s = Server(tmp_path)
    try:
        name = new_account(s)
        secret, step, codes, _ = enrol(s, name)
        ticket = password_step(s, name).json()["ticket"]
        wrong = "%06d" % ((int(totp(secret)) + 500000) % 10 ** 6)
        for _ in range(5):
            error_of(post(s, "/api/v1/login/totp", {"ticket": ticket, "code": wrong}),
                     401, "invalid_code")
        # Then even the right code and a recovery code wait.
        r = post(s, "/api/v1/login/totp", {"ticket": ticket, "code": totp(secret, step + 1)})
        err = error_of(r, 429, "rate_limited")
        assert int(r.headers["Retry-After"]) > 0
        assert "phút" in err["message"]
        error_of(post(s, "/api/v1/login/totp", {"ticket": ticket, "recovery_code": codes[0]}),
                 429, "rate_limited")
        # The enrolment's confirmation counts too (another administrator).
        other = new_account(s)
        first = password_step(s, other).json()
        e = post(s, "/api/v1/login/enrol", {"ticket": first["ticket"]}).json()
        bad = "%06d" % ((int(totp(e["secret"])) + 500000) % 10 ** 6)
        for _ in range(5):
            error_of(post(s, "/api/v1/login/enrol/confirm",
                          {"ticket": first["ticket"], "code": bad}), 401, "invalid_code")
        error_of(post(s, "/api/v1/login/enrol/confirm",
                      {"ticket": first["ticket"], "code": totp(e["secret"])}),
                 429, "rate_limited")
        # Other accounts are not held up (the address has 10 of its 20).
        assert Client(s, "hungyen.tuyengiao").get("/api/v1/me").status_code == 200
    finally:
        assert s.stop() == 0


# ---- optional for the other roles -------------------------------------------

def test_staff_enrols_when_it_wants_and_may_turn_it_off(srv):
    name = new_account(srv, "staff", "HY")
    body = password_step(srv, name).json()
    assert "second_factor" not in body and body["account"]["two_factor"] == {
        "enabled": False, "required": False}
    token = body["token"]
    state = get(srv, "/api/v1/me/totp", token).json()
    assert state["enabled"] is False and state["required"] is False
    error_of(post(srv, "/api/v1/me/totp/enrol", {"password": "khong-phai-mat-khau"}, token),
             400, "wrong_password", "password")
    error_of(post(srv, "/api/v1/me/totp/enrol", {}, token), 400, "required", "password")
    error_of(post(srv, "/api/v1/me/totp/confirm", {"code": "123456"}, token),
             400, "rule", "code")
    r = post(srv, "/api/v1/me/totp/enrol", {"password": PASSWORD}, token)
    assert r.status_code == 200, r.text
    secret = r.json()["secret"]
    assert get(srv, "/api/v1/me/totp", token).json()["enrolling"] is True
    wrong = "%06d" % ((int(totp(secret)) + 1) % 10 ** 6)
    error_of(post(srv, "/api/v1/me/totp/confirm", {"code": wrong}, token), 400, "wrong_code",
             "code")
    step = int(time.time() // TOTP_STEP)
    r = post(srv, "/api/v1/me/totp/confirm", {"code": totp(secret, step)}, token)
    assert r.status_code == 200, r.text
    assert r.json()["enabled"] is True and len(r.json()["recovery_codes"]) == 10
    # The session goes on; the next log-in asks for a code.
    assert get(srv, "/api/v1/me", token).json()["two_factor"]["enabled"] is True
    first = password_step(srv, name).json()
    assert first["second_factor"] == "totp"
    r = post(srv, "/api/v1/login/totp", {"ticket": first["ticket"],
                                         "code": totp(secret, step + 1)})
    assert r.status_code == 200, r.text
    # Off again (with the password); then the password alone logs in.
    error_of(post(srv, "/api/v1/me/totp/disable", {"password": "sai-mat-khau-nua"}, token),
             400, "wrong_password")
    r = post(srv, "/api/v1/me/totp/disable", {"password": PASSWORD}, token)
    assert r.status_code == 200 and r.json()["enabled"] is False, r.text
    assert "second_factor" not in password_step(srv, name).json()
    error_of(post(srv, "/api/v1/me/totp/disable", {"password": PASSWORD}, token),
             400, "rule")


def test_administrators_cannot_turn_it_off(srv):
    name = new_account(srv)
    *_, body = enrol(srv, name)
    err = error_of(post(srv, "/api/v1/me/totp/disable", {"password": PASSWORD},
                        body["token"]), 400, "rule")
    assert "bắt buộc" in err["message"]
    assert get(srv, "/api/v1/me/totp", body["token"]).json()["enabled"] is True


def test_re_enrolment_keeps_the_old_factor_until_confirmed(srv):
    name = new_account(srv)
    secret, step, _codes, body = enrol(srv, name)
    token = body["token"]
    new = post(srv, "/api/v1/me/totp/enrol", {"password": PASSWORD}, token).json()["secret"]
    assert new != secret
    # Not confirmed: the old secret still logs in.
    first = password_step(srv, name).json()
    assert post(srv, "/api/v1/login/totp", {"ticket": first["ticket"],
                                            "code": totp(secret, step + 1)}).status_code == 200
    r = post(srv, "/api/v1/me/totp/confirm", {"code": totp(new)}, token)
    assert r.status_code == 200, r.text
    first = password_step(srv, name).json()
    error_of(post(srv, "/api/v1/login/totp", {"ticket": first["ticket"],
                                              "code": totp(secret, step + 2)}),
             401, "invalid_code")


# ---- an administrator resets another account's factor ----------------------

def test_reset_by_an_administrator(srv):
    root = Client(srv, "admin")
    # A staff of Hưng Yên with a factor, signed in.
    name = new_account(srv, "staff", "HY")
    body = password_step(srv, name).json()
    secret = post(srv, "/api/v1/me/totp/enrol", {"password": PASSWORD},
                  body["token"]).json()["secret"]
    assert post(srv, "/api/v1/me/totp/confirm", {"code": totp(secret)},
                body["token"]).status_code == 200
    acc_id = body["account"]["id"]
    assert root.get("/api/v1/accounts/%d" % acc_id).json()["two_factor"]["enabled"] is True
    # Not by a non-administrator; not outside the administrator's scope.
    error_of(Client(srv, "hungyen.tuyengiao").post("/api/v1/accounts/%d/totp/reset" % acc_id),
             403, "forbidden")
    bn_admin = new_account(srv, "admin", "BN")
    bn = Client(srv, bn_admin)
    error_of(bn.post("/api/v1/accounts/%d/totp/reset" % acc_id), 404, "not_found")
    # Its own: on its security page, not here.
    error_of(root.post("/api/v1/accounts/%d/totp/reset" % root.account["id"]), 400, "rule")
    r = root.post("/api/v1/accounts/%d/totp/reset" % acc_id)
    assert r.status_code == 200, r.text
    assert r.json()["two_factor"] == {"enabled": False, "required": False}
    # Its sessions ended; the password alone logs it in again.
    error_of(get(srv, "/api/v1/me", body["token"]), 401, "unauthenticated")
    assert "second_factor" not in password_step(srv, name).json()
    # An administrator reset enrols again at its next log-in.
    other = new_account(srv, "admin", "HY")
    *_, obody = enrol(srv, other)
    assert root.post("/api/v1/accounts/%d/totp/reset" % obody["account"]["id"]).status_code == 200
    assert password_step(srv, other).json()["second_factor"] == "enrol"
    # Audited on the accounts.
    actions = [row[3] for row in audit_rows(srv.db, "account", obody["account"]["id"])]
    assert actions[-2:] == ["totp_enable", "totp_reset"], actions


def test_client_helper_logs_in_many_times(srv):
    """support.Client: more log-ins of one administrator than codes in 30 s
    (recovery codes, renewed when few are left)."""
    name = new_account(srv)
    clients = [Client(srv, name) for _ in range(8)]
    assert all(c.get("/api/v1/me").status_code == 200 for c in clients)
    assert next_totp_step(10 ** 12) is None
