"""The HTTP layer: health check, security headers, static files, limits,
unknown routes and methods, and a clean stop on SIGTERM."""
import socket

from support import error_of


def test_healthz(anon):
    r = anon.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}
    assert r.headers["Content-Type"].startswith("application/json")


def test_security_headers_on_every_response(anon):
    for path in ("/healthz", "/", "/api/v1/me", "/nope.html"):
        r = anon.get(path)
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["Referrer-Policy"] == "no-referrer"


def test_api_responses_are_not_cached(anon):
    assert anon.get("/api/v1/me").headers["Cache-Control"] == "no-store"


def test_static_index_and_types(anon):
    r = anon.get("/")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<html" in r.text.lower()


def test_static_refuses_traversal_and_dotfiles(anon, server):
    for path in ("/../meson.build", "/%2e%2e/meson.build", "/.git/config",
                 "/js/../../meson.build", "/nope.html", "/js/", "/web.txt"):
        r = anon.get(path)
        assert r.status_code == 404, path
    # libmicrohttpd would cut the decoded path at %00: refused before that.
    error_of(anon.get("/index.html%00.js"), 400, "bad_request")
    # A raw request line, so no client normalises the path.
    host, port = server.base[len("http://"):].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = s.recv(4096)
    assert data.startswith(b"HTTP/1.1 404"), data[:80]


def test_unknown_route_and_method(anon):
    error_of(anon.get("/api/v1/nothing"), 404, "not_found")
    error_of(anon.request("DELETE", "/api/v1/login"), 405, "method_not_allowed")
    r = anon.post("/index.html", data="x")
    assert r.status_code == 405


def test_body_over_limit_is_413(anon):
    big = b'{"username":"' + b"a" * (1024 * 1024 + 10) + b'"}'
    r = anon.post("/api/v1/login", data=big, headers={"Content-Type": "application/json"})
    error_of(r, 413, "too_large")


def test_chunked_body_over_limit_is_413(anon):
    def gen():
        yield b'{"username":"'
        for _ in range(1100):
            yield b"a" * 1024
        yield b'"}'
    r = anon.post("/api/v1/login", data=gen(), headers={"Content-Type": "application/json"})
    error_of(r, 413, "too_large")


def test_header_too_large_is_rejected(anon):
    r = anon.get("/healthz", headers={"X-Big": "a" * 100000})
    assert r.status_code in (413, 431, 400)


def test_access_log_has_one_line_per_request(anon, server):
    before = len(server.log)
    anon.get("/healthz?probe=1")
    for _ in range(50):
        lines = [l for l in server.log[before:] if "GET /healthz 200" in l]
        if lines:
            break
        import time
        time.sleep(0.05)
    assert len(lines) == 1
    # The query string (search text) is not logged.
    assert "probe" not in lines[0]
