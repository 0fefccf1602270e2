"""Behind a reverse proxy: the client's address (log-in rate limits, access
log) comes from X-Forwarded-For / X-Real-IP only when the connection comes
from a --trusted-proxy address, never otherwise; the session cookie is
Secure and HSTS is sent only for HTTPS (X-Forwarded-Proto: https from a
trusted proxy, or --secure-cookies).  Each test runs its own server: the
failed log-ins it counts are kept in its database."""
import time

import pytest
import requests

from support import Server, error_of

HSTS = "Strict-Transport-Security"


# An account without a second factor: its password alone opens a session
# (an administrator's log-in goes on to the second step, with no cookie yet).
STAFF = "hungyen.tuyengiao"


def login(server, username, password, headers=None):
    return requests.post(server.url("/api/v1/login"), timeout=30, headers=headers or {},
                         json={"username": username, "password": password})


def fail_20(server, headers_of):
    """20 failed log-ins (the per-address limit) over names that never reach
    the per-account one, the i-th with headers_of(i)."""
    for i in range(20):
        r = login(server, "khong.ton.tai.%d" % (i // 4), "sai-mat-khau-%d" % i, headers_of(i))
        error_of(r, 401, "invalid_credentials")


def session_cookie(r):
    sc = r.headers.get("Set-Cookie", "")
    assert sc.startswith("lt_session="), r.headers
    return [p.strip().lower() for p in sc.split(";")]


def access_log(server, path, n):
    """The n access-log lines of path (written once each answer is sent:
    waits for them a little)."""
    for _ in range(100):
        lines = [line for line in server.log if " %s " % path in line]
        if len(lines) >= n:
            return lines
        time.sleep(0.05)
    raise AssertionError("%d access-log lines of %s, not %d" % (len(lines), path, n))


@pytest.fixture
def untrusted(tmp_path):
    s = Server(tmp_path, "px")
    yield s
    assert s.stop() == 0, "".join(s.log[-60:])


@pytest.fixture
def trusted(tmp_path):
    # The tests' client is 127.0.0.1: a trusted proxy (as a network, with
    # an address that is not ours in the list too).
    s = Server(tmp_path, "px", args=["--trusted-proxy", "192.0.2.1, 127.0.0.0/8, ::1"])
    yield s
    assert s.stop() == 0, "".join(s.log[-60:])


def test_forged_forwarded_for_from_an_untrusted_peer_is_ignored(untrusted):
    s = untrusted
    # Every failure claims another address: all are counted against the
    # real one, 127.0.0.1.
    fail_20(s, lambda i: {"X-Forwarded-For": "203.0.113.%d" % i,
                          "X-Real-IP": "198.51.100.%d" % i})
    for forged in ({"X-Forwarded-For": "203.0.113.200"}, {"X-Real-IP": "198.51.100.200"},
                   {}):
        r = login(s, STAFF, s.passwords[STAFF], forged)
        error_of(r, 429, "rate_limited")
    # The access log names the peer, not the forged address.
    lines = access_log(s, "/api/v1/login", 23)
    assert all(line.startswith("127.0.0.1 POST ") for line in lines), lines[:3]
    assert not any("203.0.113" in line or "198.51.100" in line for line in s.log)


def test_untrusted_peer_claiming_https_gets_no_secure_cookie_nor_hsts(untrusted):
    s = untrusted
    r = login(s, STAFF, s.passwords[STAFF], {"X-Forwarded-Proto": "https"})
    assert r.status_code == 200, r.text
    assert "secure" not in session_cookie(r) and HSTS not in r.headers, r.headers
    r = requests.get(s.url("/healthz"), headers={"X-Forwarded-Proto": "https"}, timeout=30)
    assert HSTS not in r.headers


def test_trusted_proxy_reports_the_client(trusted):
    s = trusted
    fail_20(s, lambda i: {"X-Forwarded-For": "203.0.113.7"})
    # That client is locked out, under any header the proxy uses for it …
    for via in ({"X-Forwarded-For": "203.0.113.7"}, {"X-Real-IP": "203.0.113.7"},
                # … and whatever it put in front of its own address itself;
                {"X-Forwarded-For": "198.51.100.1, 203.0.113.7"},
                # through a chain of trusted proxies (the right end is the nearest).
                {"X-Forwarded-For": "198.51.100.1, 203.0.113.7, 127.0.0.9"},
                {"X-Forwarded-For": "203.0.113.7", "X-Real-IP": "198.51.100.2"}):
        r = login(s, STAFF, s.passwords[STAFF], via)
        error_of(r, 429, "rate_limited")
    # Another client behind the same proxy is not; nor the proxy itself.
    for other in ({"X-Forwarded-For": "203.0.113.8"}, {"X-Real-IP": "2001:db8::8"},
                  {"X-Forwarded-For": "203.0.113.7, 203.0.113.9"}, {}):
        r = login(s, STAFF, s.passwords[STAFF], other)
        assert r.status_code == 200, (other, r.text)
    # The access log names the client the proxy reported.
    lines = access_log(s, "/api/v1/login", 29)
    assert sum(line.startswith("203.0.113.7 POST ") for line in lines) == 25, lines
    assert any(line.startswith("2001:db8::8 POST ") for line in lines), lines
    assert any(line.startswith("127.0.0.1 POST ") for line in lines), lines


def test_a_bad_forwarded_address_is_not_taken(trusted):
    s = trusted
    for junk in ("not-an-address", "203.0.113.7:4444", "", "203.0.113.7,,",
                 "999.1.1.1"):
        r = requests.get(s.url("/healthz"), headers={"X-Forwarded-For": junk}, timeout=30)
        assert r.status_code == 200
    lines = access_log(s, "/healthz", 5)
    assert all(line.startswith("127.0.0.1 GET ") for line in lines), lines


def test_https_through_a_trusted_proxy_gets_secure_cookie_and_hsts(trusted):
    s = trusted
    r = login(s, STAFF, s.passwords[STAFF], {"X-Forwarded-Proto": "https"})
    assert r.status_code == 200, r.text
    attrs = session_cookie(r)
    assert "secure" in attrs and "httponly" in attrs and "samesite=strict" in attrs, attrs
    assert r.headers[HSTS] == "max-age=31536000", r.headers
    # Log-out clears the cookie the same way.
    token = r.json()["csrf_token"]
    r = requests.post(s.url("/api/v1/logout"), timeout=30,
                      headers={"X-Forwarded-Proto": "https", "X-CSRF-Token": token},
                      cookies={"lt_session": r.cookies["lt_session"]})
    assert r.status_code == 204, r.text
    assert "secure" in session_cookie(r) and HSTS in r.headers
    # Static files too.
    r = requests.get(s.url("/"), headers={"X-Forwarded-Proto": "https"}, timeout=30)
    assert r.status_code == 200 and r.headers[HSTS] == "max-age=31536000"
    # Plain HTTP through the same proxy: neither.
    for proto in ({"X-Forwarded-Proto": "http"}, {}):
        r = login(s, STAFF, s.passwords[STAFF], proto)
        assert r.status_code == 200, r.text
        assert "secure" not in session_cookie(r) and HSTS not in r.headers, r.headers


def test_secure_cookies_option(tmp_path):
    s = Server(tmp_path, "px", args=["--secure-cookies"])
    try:
        r = login(s, STAFF, s.passwords[STAFF])
        assert r.status_code == 200, r.text
        assert "secure" in session_cookie(r) and HSTS in r.headers
        r = requests.get(s.url("/api/v1/nothing-here"), timeout=30)
        assert r.status_code == 404 and HSTS in r.headers
    finally:
        assert s.stop() == 0, "".join(s.log[-60:])


def test_bad_trusted_proxy_list_is_refused(tmp_path):
    import subprocess

    from support import BIN
    for bad, said in (("localhost", "'localhost' is not an IPv4 or IPv6 address"),
                      ("10.0.0.0/33", "'10.0.0.0/33': a network's prefix is 0 to 32 bits"),
                      ("::1/129", "prefix is 0 to 128 bits"),
                      ("10.0.0.1/", "prefix is 0 to 32 bits")):
        r = subprocess.run([BIN, "serve", "--config", "/dev/null", "--db",
                            str(tmp_path / "never.db"), "--trusted-proxy", bad],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 1 and "--trusted-proxy %s: " % bad in r.stderr, r.stderr
        assert said in r.stderr, r.stderr
    assert not (tmp_path / "never.db").exists()
