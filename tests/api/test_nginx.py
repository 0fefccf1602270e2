"""The example deployment end to end: packaging/nginx-lamtheo.conf in a real
nginx with a self-signed certificate, in front of `lamtheo serve` started
with packaging/lamtheo.conf (ports and paths replaced, nothing else).  Log in
over HTTPS: the cookie is Secure, HSTS is sent, the session works over
HTTPS, a client's forged X-Forwarded-For does not get through, HTTP is
redirected.  Skipped when nginx or openssl is absent (scripts/install-deps.sh
installs both for `make check`)."""
import os
import shutil
import socket
import subprocess
import time

import pytest
import requests

from support import ROOT, Server, error_of

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx")
                                   else None)
OPENSSL = shutil.which("openssl")
pytestmark = pytest.mark.skipif(NGINX is None or OPENSSL is None,
                                reason="nginx or openssl not installed")


# An account without a second factor: its password alone opens a session.
STAFF = "hungyen.tuyengiao"

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def replaced(text, pairs):
    """text with each (old, new) replaced; each old must be there."""
    for old, new in pairs:
        assert old in text, "packaging file changed: %r not found" % old
        text = text.replace(old, new)
    return text


def self_signed(d):
    cert, key = os.path.join(d, "fullchain.pem"), os.path.join(d, "privkey.pem")
    r = subprocess.run([OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=lamtheo.example.vn", "-addext",
                        "subjectAltName=DNS:lamtheo.example.vn,IP:127.0.0.1",
                        "-keyout", key, "-out", cert], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    return cert, key


def wait_port(port, proc, log):
    for _ in range(100):
        if proc.poll() is not None:
            raise AssertionError("nginx exited: " + open(log).read())
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("nginx did not listen: " + open(log).read())


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("deploy"))
    # lamtheo with the example configuration: its database and web files
    # here, a free port (the command line's --db/--listen win anyway).
    lt_port = free_port()
    with open(os.path.join(ROOT, "packaging", "lamtheo.conf"), encoding="utf-8") as f:
        conf = replaced(f.read(), [
            ("/var/lib/lamtheo/lamtheo.db", os.path.join(d, "lt.db")),
            ("/usr/local/share/lamtheo/web", os.path.join(ROOT, "web")),
            ("127.0.0.1:8080", "127.0.0.1:%d" % lt_port)])
    conf_path = os.path.join(d, "lamtheo.conf")
    with open(conf_path, "w", encoding="utf-8") as f:
        f.write(conf)
    server = Server(d, "lt", args=["--config", conf_path])
    port = int(server.base.rsplit(":", 1)[1])

    # nginx with the example site, as root or not, all its files here.
    cert, key = self_signed(d)
    https, http = free_port(), free_port()
    with open(os.path.join(ROOT, "packaging", "nginx-lamtheo.conf"), encoding="utf-8") as f:
        site = replaced(f.read(), [
            ("\tlisten [::]:80;\n", ""), ("\tlisten [::]:443 ssl http2;\n", ""),
            ("listen 80;", "listen 127.0.0.1:%d;" % http),
            ("listen 443 ssl http2;", "listen 127.0.0.1:%d ssl http2;" % https),
            ("/etc/ssl/lamtheo/fullchain.pem", cert),
            ("/etc/ssl/lamtheo/privkey.pem", key),
            ("/var/www/letsencrypt", os.path.join(d, "acme")),
            ("server 127.0.0.1:8080;", "server 127.0.0.1:%d;" % port)])
    os.makedirs(os.path.join(d, "acme", ".well-known", "acme-challenge"))
    with open(os.path.join(d, "acme", ".well-known", "acme-challenge", "t0k3n"), "w") as f:
        f.write("t0k3n.proof")
    with open(os.path.join(d, "site.conf"), "w", encoding="utf-8") as f:
        f.write(site)
    log = os.path.join(d, "nginx-error.log")
    main = """\
%(user)s
daemon off;
worker_processes 1;
pid %(d)s/nginx.pid;
error_log %(log)s info;
events { worker_connections 64; }
http {
	access_log %(d)s/nginx-access.log;
	client_body_temp_path %(d)s/body;
	proxy_temp_path %(d)s/proxy;
	fastcgi_temp_path %(d)s/fastcgi;
	uwsgi_temp_path %(d)s/uwsgi;
	scgi_temp_path %(d)s/scgi;
	include %(d)s/site.conf;
}
""" % {"d": d, "log": log, "user": "user root;" if os.geteuid() == 0 else ""}
    with open(os.path.join(d, "nginx.conf"), "w", encoding="utf-8") as f:
        f.write(main)
    args = [NGINX, "-p", d, "-e", log, "-c", os.path.join(d, "nginx.conf")]
    t = subprocess.run(args + ["-t"], capture_output=True, text=True, timeout=60)
    assert t.returncode == 0, t.stderr
    nginx = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(https, nginx, log)
        yield server, "https://127.0.0.1:%d" % https, "http://127.0.0.1:%d" % http, cert
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
        rc = server.stop()
        assert rc == 0, "".join(server.log[-60:])


def test_login_through_nginx_over_https(deployed):
    server, base, _, cert = deployed
    s = requests.Session()
    s.trust_env = False  # REQUESTS_CA_BUNDLE would win over s.verify
    s.verify = cert
    r = s.post(base + "/api/v1/login", timeout=30,
               headers={"X-Forwarded-For": "203.0.113.66", "X-Real-IP": "203.0.113.67",
                        "X-Forwarded-Proto": "http"},
               json={"username": STAFF, "password": server.passwords[STAFF]})
    assert r.status_code == 200, r.text
    attrs = [p.strip().lower() for p in r.headers["Set-Cookie"].split(";")]
    assert attrs[0].startswith("lt_session=") and "secure" in attrs, attrs
    assert "httponly" in attrs and "samesite=strict" in attrs, attrs
    assert r.headers["Strict-Transport-Security"] == "max-age=31536000", r.headers
    # The Secure cookie goes back over HTTPS: the session works.
    s.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    r = s.get(base + "/api/v1/me", timeout=30)
    assert r.status_code == 200 and r.json()["username"] == STAFF, r.text
    # The web page comes through too, with HSTS.
    r = s.get(base + "/", timeout=30)
    assert r.status_code == 200 and "Strict-Transport-Security" in r.headers
    # An anonymous import is refused before its body is read, through nginx
    # too: lamtheo answers 401 and closes with the body unread, and nginx
    # passes the 401 on — or, when the reset of that close reaches it
    # before the answer, says 502 (a lingering close would settle it; the
    # refusal itself is tested without nginx in test_upload_admit.py).
    r = requests.post(base + "/api/v1/import?type=people", verify=cert, timeout=60,
                      data=b"x" * (4 * 1024 * 1024), headers={"Content-Type": "text/csv"})
    if r.status_code != 502:
        error_of(r, 401, "unauthenticated")
    r = s.post(base + "/api/v1/logout", timeout=30)
    assert r.status_code == 204, r.text
    assert "secure" in r.headers["Set-Cookie"].lower()
    # nginx replaced the forged headers with the real address.
    time.sleep(0.2)
    lines = [line for line in server.log if " /api/v1/login " in line]
    assert lines and lines[-1].startswith("127.0.0.1 POST "), lines
    assert not any("203.0.113" in line for line in server.log)


def test_plain_http_is_redirected(deployed):
    _, _, http, _ = deployed
    r = requests.get(http + "/api/v1/me?x=1", allow_redirects=False, timeout=30,
                     headers={"Host": "lamtheo.example.vn"})
    assert r.status_code == 301, r.text
    assert r.headers["Location"] == "https://lamtheo.example.vn/api/v1/me?x=1"
    assert "Strict-Transport-Security" not in r.headers
    # Except certbot's challenge, served over HTTP.
    r = requests.get(http + "/.well-known/acme-challenge/t0k3n", timeout=30)
    assert r.status_code == 200 and r.text == "t0k3n.proof"
