"""The configuration file of `lamtheo serve` (--config FILE, by default
/etc/lamtheo/lamtheo.conf): its options are applied, the command line wins
over it, and a bad line or an unknown key is refused naming FILE:LINE:COL."""
import re
import signal
import subprocess

import requests

from support import BIN


def migrated(tmp_path):
    db = str(tmp_path / "c.db")
    r = subprocess.run([BIN, "migrate", "--db", db], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    return db


def write_conf(tmp_path, text, name="lamtheo.conf"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def serve(*args):
    """`lamtheo serve ARGS`: the process, its first line and its base URL."""
    proc = subprocess.Popen([BIN, "serve", *args], stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", errors="replace")
    first = proc.stderr.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
    if not m:
        proc.kill()
        raise AssertionError("server did not start: " + first + proc.stderr.read())
    return proc, first, "http://127.0.0.1:%s" % m.group(1)


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    assert proc.wait(timeout=30) == 0, rest
    return rest


def refused(*args):
    r = subprocess.run([BIN, "serve", *args], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1, (r.returncode, r.stderr)
    return r.stderr


def test_file_options_are_applied(tmp_path):
    db = migrated(tmp_path)
    web = tmp_path / "web"
    web.mkdir()
    (web / "index.html").write_text("<!doctype html><title>t</title>")
    conf = write_conf(tmp_path, """\
# lamtheo serve, as a service starts it
db = %s
listen = 127.0.0.1:0      # any free port
threads = 3
web = %s
quiet = yes

trusted-proxy = 127.0.0.1, 10.0.0.0/8
secure-cookies = on
""" % (db, web))
    proc, first, base = serve("--config", conf)
    try:
        assert "serving %s on" % db in first, first
        assert "(3 threads, web %s, trusted proxies 127.0.0.1, 10.0.0.0/8)" % web in first, first
        r = requests.get(base + "/healthz", timeout=30)
        assert r.status_code == 200, r.text
        # secure-cookies: HSTS on every answer, static files too.
        assert r.headers["Strict-Transport-Security"].startswith("max-age="), r.headers
        r = requests.get(base + "/", timeout=30)
        assert r.status_code == 200 and "Strict-Transport-Security" in r.headers
    finally:
        rest = stop(proc)
    # quiet: no access-log line for either request.
    assert "GET /healthz" not in rest and "GET / " not in rest, rest


def test_flags_override_the_file(tmp_path):
    db = migrated(tmp_path)
    conf = write_conf(tmp_path, """\
db = %s/elsewhere.db
listen = 127.0.0.1:1
threads = 3
quiet = yes
""" % tmp_path)
    proc, first, base = serve("--config", conf, "--db", db, "--threads", "5",
                              "--listen=127.0.0.1:0")
    try:
        assert "serving %s on" % db in first and "(5 threads," in first, first
        assert "trusted proxies" not in first, first
        assert requests.get(base + "/healthz", timeout=30).status_code == 200
        assert "Strict-Transport-Security" not in requests.get(base + "/healthz").headers
    finally:
        rest = stop(proc)
    # A flag the command line gives is applied, the file's others stay:
    # quiet from the file.
    assert "GET /healthz" not in rest, rest
    assert not (tmp_path / "elsewhere.db").exists()


def test_bad_lines_name_file_line_and_column(tmp_path):
    cases = [
        # text, line, column, what the message says
        ("db /var/lib/lamtheo.db\n", 1, 4, "expected '=' after 'db'"),
        ("# ok\n\n  threads = 4\n  = 5\n", 4, 3, "expected an option name"),
        ("db = /x.db\nquiet = maybe\n", 2, 9, "'quiet' takes yes or no, not 'maybe'"),
        ("listen =\n", 1, 9, "no value for 'listen'"),
        ("db = /a.db\n\ndb = /b.db\n", 3, 1, "'db' is set twice (first at %s:1:6)"),
        ("threads = eight # words\n", 1, 11, "threads = eight: expected a number"),
        ("listen = here\n", 1, 10, "listen = here: expected HOST:PORT"),
        ("trusted-proxy = 127.0.0.1, proxy.lan\n", 1, 17,
         "'proxy.lan' is not an IPv4 or IPv6 address"),
    ]
    for i, (text, line, col, said) in enumerate(cases):
        conf = write_conf(tmp_path, text, "bad%d.conf" % i)
        if "%s" in said:
            said = said % conf
        err = refused("--config", conf, "--db", str(tmp_path / "never.db"))
        assert err.startswith("lamtheo: serve: %s:%d:%d: " % (conf, line, col)), (text, err)
        assert said in err, (text, err)
    assert not (tmp_path / "never.db").exists()
    # The same mistake made on the command line names the option instead.
    err = refused("--config", "/dev/null", "--db", str(tmp_path / "never.db"),
                  "--threads", "eight")
    assert "lamtheo: serve: --threads eight: expected a number" in err, err


def test_unknown_key_is_refused(tmp_path):
    conf = write_conf(tmp_path, "db = /tmp/x.db\n  listne = 127.0.0.1:8080\n")
    err = refused("--config", conf)
    assert err.startswith("lamtheo: serve: %s:2:3: unknown key 'listne'" % conf), err
    assert "lamtheo serve --help" in err, err
    # The file cannot name another file.
    conf = write_conf(tmp_path, "config = /etc/other.conf\n", "nested.conf")
    err = refused("--config", conf)
    assert "%s:1:1: unknown key 'config'" % conf in err, err


def test_a_named_file_must_exist(tmp_path):
    err = refused("--config", str(tmp_path / "missing.conf"), "--db", "/tmp/x.db")
    assert "missing.conf: No such file or directory" in err, err
