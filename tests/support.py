"""What the API and browser tests share: a real `lamtheo serve` on 127.0.0.1
over a fresh demo database (Server), clients logged in as demo accounts
(Client), a digest of the database to prove that a rejected request changed
nothing, and small helpers.  The fixtures built on them are in conftest.py.

The server binary is $LAMTHEO_BIN (make check sets it to the ASan+UBSan
build); it must exit 0 on SIGTERM, so a leak or a sanitizer report at
shutdown fails the run.
"""
import base64
import datetime
import hashlib
import hmac
import itertools
import os
import re
import signal
import sqlite3
import struct
import subprocess
import threading
import time
from collections import namedtuple

import pytest
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("LAMTHEO_BIN", os.path.join(ROOT, "build-check", "lamtheo"))


class Server:
    """A running `lamtheo serve` over the database at self.db."""

    def __init__(self, tmpdir, name="t", records=False, args=()):
        """The demo database without the campaign's generated records unless
        records (they make it ~90 MB and its digest slow), then the server
        (with the options args of `lamtheo serve`)."""
        self.dir = str(tmpdir)
        self.args = list(args)
        self.db = os.path.join(self.dir, name + ".db")
        args = [BIN, "demo", "--db", self.db] + ([] if records else ["--no-records"])
        out = subprocess.run(args, capture_output=True, text=True, encoding="utf-8",
                             errors="replace", timeout=600)
        assert out.returncode == 0, out.stderr
        self.passwords = {}
        self.roles = {}
        # The second factor of each account enrolled by a Client (secret,
        # last time step used, recovery codes left): see Client.
        self.factors = {}
        with open(self.db + ".logins.txt", encoding="utf-8") as f:
            for line in f:
                user, pw, role, _unit = line.rstrip("\n").split("\t")
                self.passwords[user] = pw
                self.roles[user] = role
        self._start()

    def _start(self):
        """Starts `lamtheo serve` on the database (again, after a crash)."""
        self.log = []
        self.proc = subprocess.Popen(
            # No configuration file: not the machine's /etc/lamtheo/lamtheo.conf.
            [BIN, "serve", "--config", "/dev/null", "--db", self.db,
             "--listen", "127.0.0.1:0", "--threads", "4"] + self.args,
            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
        first = self.proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert m, "server did not start: " + first + self.proc.stderr.read()
        self.base = "http://127.0.0.1:%s" % m.group(1)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        # Quiet before the tests: this year's figures kept (the server
        # builds them on start-up when they are not), no build left.
        wait_idle(self.db)

    def _read(self):
        for line in self.proc.stderr:
            self.log.append(line)

    def url(self, path):
        return self.base + path

    def add_user(self, username, role, org_code, password, person=None):
        args = [BIN, "user", "add", "--db", self.db, "--username", username,
                "--role", role, "--org", org_code]
        if person:
            args += ["--person", person]
        out = subprocess.run(args, input=password + "\n", capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        self.passwords[username] = password
        self.roles[username] = role

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("server did not stop within 30 s of SIGTERM")
        self._reader.join(timeout=5)
        return rc


# ---- the second factor (TOTP, RFC 6238) -------------------------------------------

TOTP_STEP = 30


def totp(secret_b32, step=None):
    """The 6-digit code of a base32 secret at time step step (default: now),
    computed here as RFC 6238 says (HMAC-SHA1, dynamic truncation)."""
    if step is None:
        step = int(time.time() // TOTP_STEP)
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    off = mac[-1] & 15
    n = (struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 10 ** 6
    return "%06d" % n


def next_totp_step(last):
    """A time step the server takes now (it accepts one step either side of
    its own) and that is later than last (it takes each code once), or None:
    up to three log-ins of one account per 30 s this way."""
    now = time.time()
    step = int(now // TOTP_STEP)
    # The step before only when the server reads it before the next one.
    candidates = ([step - 1] if now - step * TOTP_STEP < TOTP_STEP - 3 else []) + [step, step + 1]
    for c in candidates:
        if c > last:
            return c
    return None


def second_step(server, session, username, first):
    """Completes a log-in whose password step answered first ({"second_factor",
    "ticket"}) through session: enrols the account (an administrator's
    first log-in) or gives a code; returns the final 200 body.  Each code
    is taken once, so after three log-ins in 30 s it gives a recovery code,
    and gets ten new ones when few are left."""
    url, ticket = server.url, first["ticket"]
    if first["second_factor"] == "enrol":
        r = session.post(url("/api/v1/login/enrol"), json={"ticket": ticket}, timeout=30)
        assert r.status_code == 200, r.text
        secret = r.json()["secret"]
        step = int(time.time() // TOTP_STEP)
        r = session.post(url("/api/v1/login/enrol/confirm"),
                         json={"ticket": ticket, "code": totp(secret, step)}, timeout=30)
        assert r.status_code == 200, r.text
        body = r.json()
        server.factors[username] = {"secret": secret, "last_step": step,
                                    "recovery": list(body["recovery_codes"])}
        return body
    assert first["second_factor"] == "totp", first
    f = server.factors[username]
    step = next_totp_step(f["last_step"])
    if step is not None:
        f["last_step"] = step
        answer = {"ticket": ticket, "code": totp(f["secret"], step)}
    else:
        answer = {"ticket": ticket, "recovery_code": f["recovery"].pop()}
    r = session.post(url("/api/v1/login/totp"), json=answer, timeout=30)
    assert r.status_code == 200, r.text
    body = r.json()
    if len(f["recovery"]) < 3:
        r = requests.post(url("/api/v1/me/totp/recovery"), timeout=30,
                          headers={"Authorization": "Bearer " + body["token"]},
                          json={"password": server.passwords[username]})
        assert r.status_code == 200, r.text
        f["recovery"] = list(r.json()["recovery_codes"])
    return body


def login_body(server, session, username, password=None):
    """POST /login through session, with the second step when there is one:
    the final 200 body."""
    r = session.post(server.url("/api/v1/login"), timeout=30,
                     json={"username": username,
                           "password": password or server.passwords[username]})
    assert r.status_code == 200, r.text
    body = r.json()
    if "second_factor" in body:
        body = second_step(server, session, username, body)
    return body


class Client:
    """requests against the server as one account (Bearer token or cookie).
    Accounts with a second factor log in with it (second_step); an
    administrator's first log-in enrols one, as the server requires."""

    def __init__(self, server, username=None, cookie=False, lang=None):
        self.server = server
        self.s = requests.Session()
        if lang:
            self.s.headers["Accept-Language"] = lang
        self.csrf = None
        self.account = None
        if username:
            body = login_body(server, self.s, username)
            self.account = body["account"]
            self.csrf = body["csrf_token"]
            if cookie:
                assert "lt_session" in self.s.cookies
            else:
                self.s.cookies.clear()
                self.s.headers["Authorization"] = "Bearer " + body["token"]
            if cookie:
                self.s.headers["X-CSRF-Token"] = self.csrf

    def request(self, method, path, **kw):
        return self.s.request(method, self.server.url(path), timeout=30, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


# The kept figures: derived from the records, built and brought up to date
# in the background by the server (api_keeper.c) at any moment; `lamtheo
# check` compares them with the records.
DERIVED = ("figure_year", "figure_tally", "figure_rollup", "figure_dirty", "figure_build",
           "figure_build_dirty", "figure_settle")


def db_digest(path, con=None):
    """SHA-256 of every row of every table but the session bookkeeping and
    the kept figures (DERIVED), read through con when given: a snapshot held
    open in a read transaction."""
    own = con is None
    if own:
        con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    h = hashlib.sha256()
    tables = con.execute("SELECT name, sql FROM sqlite_master WHERE type='table' ORDER BY name")
    for t, ddl in tables.fetchall():
        # Bookkeeping: sessions, log-ins half done, failed log-ins, the
        # count of commits.
        if t in ("session", "login_ticket", "login_failure", "data_generation") or \
                t in DERIVED:
            continue
        # A WITHOUT ROWID table (the kept figures) is read in key order.
        order = "" if "WITHOUT ROWID" in (ddl or "").upper() else " ORDER BY rowid"
        for row in con.execute('SELECT * FROM "%s"%s' % (t, order)):
            h.update(repr(row).encode())
    if own:
        con.close()
    return h.hexdigest()


class DbWatch:
    """db_digest() without its cost (about 70 ms on the demo data) when
    nothing was written: PRAGMA data_version, read on one connection kept
    open, changes exactly when another connection commits, so the full
    digest is computed again only then."""

    def __init__(self, path):
        self.path = path
        self.con = sqlite3.connect("file:%s?mode=ro" % path, uri=True,
                                   isolation_level=None, check_same_thread=False)
        self.version = None
        self.value = None

    def digest(self):
        v = self.con.execute("PRAGMA data_version").fetchone()[0]
        if v != self.version:
            self.version = v
            self.value = db_digest(self.path)
        return self.value

    def data_version(self):
        return self.con.execute("PRAGMA data_version").fetchone()[0]

    def close(self):
        self.con.close()


def db_write(db, stmt, *args):
    """Changes the database behind the server's back, as old data would be
    (a date the API stamps today moved into the past).  Like every write
    lamtheo commits, it raises the data generation, so the server does not
    answer from what it remembered (api_memo.c)."""
    con = sqlite3.connect(db, timeout=10)
    with con:
        con.execute(stmt, args)
        con.execute("UPDATE data_generation SET n = n + 1")
    con.close()
    wait_no_pending(db)


def wait_no_pending(db, timeout=60):
    """Waits until the server brought the kept figures up to date with a
    write that bypassed it (api_keeper.c looks every KEEPER_POLL_S)."""
    deadline = time.time() + timeout
    while True:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
        n = con.execute("SELECT COUNT(*) FROM figure_dirty").fetchone()[0]
        con.close()
        if n == 0:
            return
        assert time.time() < deadline, "figures still pending after a write by hand"
        time.sleep(0.05)


def kept_years(db):
    """The years whose figures are kept, and those being built."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
    kept = [y for (y,) in con.execute("SELECT year FROM figure_year ORDER BY year")]
    building = [y for (y,) in con.execute("SELECT year FROM figure_build ORDER BY year")]
    con.close()
    return kept, building


def wait_idle(db, timeout=120):
    """Waits until this year is kept and no year is being built."""
    deadline = time.time() + timeout
    while True:
        kept, building = kept_years(db)
        if vn_today().year in kept and not building:
            return
        assert time.time() < deadline, ("keeper busy", kept, building)
        time.sleep(0.05)


def wait_kept(db, years, timeout=120):
    """Waits until every year of years is kept (built in the background by
    the server's keeper, api_keeper.c)."""
    deadline = time.time() + timeout
    while True:
        kept, building = kept_years(db)
        if all(y in kept for y in years):
            return
        assert time.time() < deadline, ("not kept", years, kept, building)
        time.sleep(0.1)


def unchanged_by(watch, send):
    """Sends send() and tells whether the database is as it was: a read
    snapshot (WAL) is held open across the request, and only when another
    connection committed meanwhile (PRAGMA data_version) are the snapshot's
    digest and the database's compared — so a refusal costs no digest.
    Returns (response, unchanged)."""
    snap = sqlite3.connect("file:%s?mode=ro" % watch.path, uri=True, isolation_level=None)
    try:
        snap.execute("BEGIN")
        snap.execute("SELECT COUNT(*) FROM audit").fetchone()      # the snapshot starts
        v0 = watch.data_version()
        r = send()
        same = watch.data_version() == v0 or db_digest(watch.path, snap) == db_digest(watch.path)
        snap.execute("COMMIT")
    finally:
        snap.close()
    return r, same


_seq = itertools.count(1)


def vn_today():
    """The server's "today": the date in Viet Nam (UTC+7), not the host's."""
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date()


def unique(prefix):
    """A code or user name no other test uses ("T.ORG3")."""
    return "%s%d" % (prefix, next(_seq))


_years = {}


def fresh_year(key, first=2000, last=2100):
    """The first year from first to last not yet handed out for key: what
    makes a record unique per subject and year (one evaluation of a person
    a year, one metric value of a unit per metric, year and period) new
    each time, whichever test file asks."""
    used = _years.setdefault(key, set())
    for year in range(first, last + 1):
        if year not in used:
            used.add(year)
            return year
    raise AssertionError("no year left in %d-%d for %r" % (first, last, key))


def make_org(client, parent_id, kind="agency", name=None, **extra):
    """Creates a unit under parent_id and returns it (the 201 body)."""
    body = {"code": unique("T.U"), "kind": kind,
            "name": name or "Đơn vị thử nghiệm", "parent_id": parent_id}
    body.update(extra)
    r = client.post("/api/v1/orgs", json=body)
    assert r.status_code == 201, (body, r.status_code, r.text)
    return r.json()


def make_person(client, org_id, full_name="Người Thử Nghiệm", **extra):
    """Creates a person in org_id and returns it (the 201 body)."""
    body = {"full_name": full_name, "org_id": org_id}
    body.update(extra)
    r = client.post("/api/v1/people", json=body)
    assert r.status_code == 201, (body, r.status_code, r.text)
    return r.json()


def error_of(r, status, code, field=None):
    """Asserts r is the error (status, code[, field]) with a message."""
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert err["code"] == code, err
    assert isinstance(err["message"], str) and err["message"], err
    if field is not None:
        assert err.get("field") == field, err
    return err


# ---- the tree and scopes -----------------------------------------------------------

# The demo accounts (cmd_demo), from the narrowest scope to the widest.
DEMO_ACCOUNTS = ["dangvien.queo", "bithu.queo", "lanhdao.hungyen", "haiha.tuyengiao",
                 "hungyen.tuyengiao", "bacninh.tuyengiao", "tw.tuyengiao", "admin"]

Org = namedtuple("Org", "id code kind path parent_id valid_from valid_to successor_id name")


def load_orgs(db):
    """Every unit of the database at db: id -> Org."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    orgs = {r[0]: Org(*r) for r in con.execute(
        "SELECT id, code, kind, path, parent_id, valid_from, valid_to, successor_id, name "
        "FROM org")}
    con.close()
    return orgs


def scope_roots(orgs, org_id):
    """Path prefixes an account of unit org_id sees (SPEC §2): the unit's
    subtree, then the subtree of every unit merged into anything already in."""
    roots = [orgs[org_id].path]
    inside = lambda path: any(path.startswith(r) for r in roots)
    changed = True
    while changed:
        changed = False
        for o in sorted(orgs.values(), key=lambda o: o.id):
            if o.successor_id and inside(orgs[o.successor_id].path) and not inside(o.path):
                roots.append(o.path)
                changed = True
    return roots


def find_person(admin, org_id, name=None, skip=()):
    """A person of unit org_id itself (not of a unit below it): the one named
    name, or the first without a position (an ordinary member)."""
    r = admin.get("/api/v1/people", params={"org": org_id, "per_page": 10, "q": name})
    assert r.status_code == 200, r.text
    for p in r.json()["items"]:
        if p["org_id"] == org_id and p["id"] not in skip and \
                (name is None or p["full_name"] == name) and \
                (name is not None or p["position"] is None):
            return p
    raise AssertionError("no person in unit %d named %r" % (org_id, name))


# ---- generic records (topics, activities, pledges …) ---------------------------------

def marker():
    """A word no other record contains, not even as a part ("zq7x" is not
    inside "zq17x"): put it in a title and search for it."""
    return "zq%dx" % next(_seq)


def create(client, path, body):
    """POST body to path (/api/v1/topics …), asserts 201, returns the record."""
    r = client.post(path, json=body)
    assert r.status_code == 201, (path, body, r.status_code, r.text)
    return r.json()


def history(client, path, rid):
    """The audit trail of record rid of the type at path, oldest first."""
    r = client.get("%s/%d/history" % (path, rid))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def own_fields(meta_type, record):
    """The record's own fields (what the audit stores): the meta's fields and
    id, without the references, counts, children and actions added for
    display."""
    names = {f["name"] for f in meta_type["fields"]} | {"id"}
    return {k: v for k, v in record.items() if k in names}


def audit_rows(db, rtype=None, record_id=None):
    """Rows of the audit table, read directly: (id, rtype, record_id, action,
    account_id, before, after), oldest first."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    sql, args = "SELECT id, rtype, record_id, action, account_id, before, after FROM audit", []
    if rtype is not None:
        sql += " WHERE rtype = ? AND record_id = ?"
        args = [rtype, record_id]
    rows = con.execute(sql + " ORDER BY id", args).fetchall()
    con.close()
    return rows


def audit_count(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    n = con.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    con.close()
    return n


PLEDGES = "/api/v1/pledges"

# The pledge workflow as the brief gives it: transition -> (from, to).
PLEDGE_FLOW = {
    "submit": (("draft", "returned"), "submitted"),
    "accept": (("submitted",), "accepted"),
    "return": (("submitted",), "returned"),
    "review": (("accepted",), "reviewed"),
    "verdict": (("accepted", "reviewed"), "closed"),
}
PLEDGE_STATUSES = ("draft", "submitted", "accepted", "returned", "reviewed", "closed")
# How a new pledge reaches each status.
PLEDGE_PATHS = {
    "draft": (),
    "submitted": ("submit",),
    "accepted": ("submit", "accept"),
    "returned": ("submit", "return"),
    "reviewed": ("submit", "accept", "review"),
    "closed": ("submit", "accept", "verdict"),
}
TRANSITION_BODIES = {
    "submit": None,
    "accept": None,
    "return": {"return_reason": "Giải pháp chưa cụ thể, cần bổ sung chỉ tiêu"},
    "review": {"self_review": "Đã hoàn thành phần lớn nội dung đăng ký"},
    "verdict": {"verdict": "done", "verdict_note": "Hoàn thành tốt"},
}


def transition(client, pid, name, body=None):
    """POST /pledges/ID/name (with its usual body unless one is given)."""
    if body is None:
        body = TRANSITION_BODIES[name]
    kw = {"json": body} if body is not None else {}
    return client.post("%s/%d/%s" % (PLEDGES, pid, name), **kw)


def drive_pledge(client, pid, status):
    """Takes a new draft pledge to status through the workflow."""
    rec = None
    for name in PLEDGE_PATHS[status]:
        r = transition(client, pid, name)
        assert r.status_code == 200, (name, r.status_code, r.text)
        rec = r.json()
    return rec


def pledge_body(org_id=None, person_id=None, year=None, **extra):
    year = year or vn_today().year
    body = {"year": year, "follow": "Làm theo tấm gương đạo đức Hồ Chí Minh về cần, kiệm, liêm, chính",
            "solutions": "Tự học mỗi tuần, công khai kết quả trong chi bộ",
            "due_date": "%d-12-31" % year}
    if org_id is not None:
        body["org_id"] = org_id
    if person_id is not None:
        body["person_id"] = person_id
    body.update(extra)
    return body


def make_pledge(client, status="draft", driver=None, **kw):
    """Creates a pledge (pledge_body(**kw)) as client and takes it to status
    as driver (default: the same client).  Returns the record."""
    rec = create(client, PLEDGES, pledge_body(**kw))
    if status != "draft":
        rec = drive_pledge(driver or client, rec["id"], status)
    assert rec["status"] == status, rec
    return rec


def refused_all(refuses, cases):
    """Runs every (description, send, status, code, field) through the
    `refuses` fixture and reports all that were not refused so, not only
    the first."""
    problems = []
    for desc, send, status, code, field in cases:
        try:
            refuses(send, status, code, field)
        except AssertionError as e:
            problems.append("%s: %s" % (desc, str(e).splitlines()[0][:300]))
    assert not problems, "\n".join(problems)
