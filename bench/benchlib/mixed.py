"""The soak's clients (bench/soak): each logs in as one demo account and,
until told to stop, sends a mix of what people do all day — reads of
lists, people, figures and views, writes (meetings and people created and
changed), log-ins with log-outs, and bulk imports of a few meetings — over
its own kept-alive connection, noting every answer.

An error is what the soak must never see: a 5xx, or a connection that
fails (refused, reset, or closed without an answer on a fresh connection).
An answer other than the one the operation expects (a 4xx) is counted
apart as "unexpected": a bug of this script or of the server."""
import http.client
import json
import random
import threading
import time

READ_PATHS = [
    "/api/v1/me",
    "/api/v1/orgs?org={org}",
    "/api/v1/orgs/{org}",
    "/api/v1/people?org={org}&per_page=50",
    "/api/v1/people?org={org}&q=nguyen&per_page=20",
    "/api/v1/people?org={org}&q=th%E1%BB%8B&page=2",
    "/api/v1/indicators?org={org}&year={year}",
    "/api/v1/indicators/member_pledge_rate?org={org}&year={year}",
    "/api/v1/indicators/pledges_filed/records?org={org}&year={year}",
    "/api/v1/activities?org={org}&year={year}",
    "/api/v1/pledges?org={org}&year={year}",
    "/api/v1/quality?org={org}&year={year}",
    "/api/v1/year_reports?org={org}&year={year}",
    "/api/v1/meta",
]


class Stats:
    """Counts and latencies per operation, shared by every client."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ops = {}          # name -> [count, errors, unexpected, [latencies]]
        self.samples = []      # first few errors and unexpected answers, for the report
        self.reconnects = 0    # kept-alive connections the server had closed

    def note(self, op, seconds, error=None, unexpected=None):
        with self.lock:
            o = self.ops.setdefault(op, [0, 0, 0, []])
            o[0] += 1
            o[3].append(seconds)
            if error:
                o[1] += 1
            elif unexpected:
                o[2] += 1
            what = error or unexpected
            if what and len(self.samples) < 10:
                self.samples.append("%s: %s" % (op, what))

    def errors(self):
        with self.lock:
            return sum(o[1] for o in self.ops.values())


class ServerError(Exception):
    pass


class Client:
    """One account on one kept-alive connection."""

    def __init__(self, port, stats):
        self.port = port
        self.stats = stats
        self.conn = None
        self.token = None
        self.csrf = None

    def request(self, method, path, body=None, ctype="application/json", token=None):
        """(status, body bytes).  Raises ServerError when the connection
        fails; a kept-alive connection the server closed is opened again
        once (counted as a reconnect, not an error)."""
        headers = {"Accept": "application/json"}
        tok = self.token if token is None else token
        if tok:
            headers["Authorization"] = "Bearer " + tok
        if body is not None:
            if not isinstance(body, bytes):
                body = json.dumps(body).encode()
            headers["Content-Type"] = ctype
        for attempt in (0, 1):
            fresh = self.conn is None
            if fresh:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, data
            except (OSError, http.client.HTTPException) as e:
                self.conn.close()
                self.conn = None
                if fresh or attempt:
                    raise ServerError("%s %s: %s" % (method, path, e)) from e
                with self.stats.lock:
                    self.stats.reconnects += 1
        raise AssertionError("unreachable")

    def login(self, username, password):
        st, data = self.request("POST", "/api/v1/login",
                                {"username": username, "password": password}, token="")
        if st != 200:
            raise RuntimeError("login as %s: %d %s" % (username, st, data[:200]))
        return json.loads(data)["token"]


def _timed(stats, op, fn):
    """Runs fn() -> (status, body, expected statuses); notes the answer."""
    t = time.perf_counter()
    try:
        st, data, want = fn()
    except ServerError as e:
        stats.note(op, time.perf_counter() - t, error=str(e))
        return None
    dt = time.perf_counter() - t
    what = "%d %s" % (st, data[:200].decode(errors="replace"))
    if st >= 500:
        stats.note(op, dt, error=what)
    elif st not in want:
        stats.note(op, dt, unexpected=what)
    else:
        stats.note(op, dt)
    return data if st in want else None


def run(port, account, password, units, cells, year, stats, stop, seed):
    """One client until stop is set: account (with password) reads the units
    given (ids) and, when cells (codes by id) is not empty, writes in them."""
    rnd = random.Random(seed)
    c = Client(port, stats)
    c.token = c.login(account, password)
    n = 0
    while not stop.is_set():
        n += 1
        x = rnd.random()
        if x < 0.08:
            def login():
                tok = c.login(account, password)
                st, data = c.request("GET", "/api/v1/me", token=tok)
                if st == 200:
                    st, data = c.request("POST", "/api/v1/logout", token=tok)
                return st, data, (200, 204)
            _timed(stats, "log-in, me, log-out", login)
        elif cells and x < 0.12:
            ids = rnd.sample(sorted(cells), 2)
            rows = "".join("%s,cell_meeting,%d-%02d-%02d,Họp kiểm tra độ bền %d-%d-%d\n"
                           % (cells[ids[k % 2]], year, 1 + k % 12, 1 + rnd.randrange(28),
                              seed, n, k) for k in range(5))
            dry = rnd.random() < 0.3
            csv = ("org_code,kind,date,title\n" + rows).encode()
            path = "/api/v1/import?type=activities&name=soak.csv" + ("&dry_run=1" if dry else "")
            _timed(stats, "import 5 meetings", lambda: c.request("POST", path, csv, "text/csv")
                   + ((200,),))
        elif cells and x < 0.30:
            org = rnd.choice(sorted(cells))
            if rnd.random() < 0.6:
                body = {"org_id": org, "kind": "cell_meeting",
                        "date": "%d-%02d-%02d" % (year, 1 + rnd.randrange(12), 1 + rnd.randrange(28)),
                        "title": "Sinh hoạt chi bộ %d-%d" % (seed, n)}
                path, change = "/api/v1/activities", {"title": "Sinh hoạt chuyên đề %d-%d" % (seed, n)}
            else:
                body = {"full_name": "Nguyễn Thị Bền %d %d" % (seed, n), "org_id": org,
                        "gender": "female", "birth_year": 1970 + rnd.randrange(35)}
                path, change = "/api/v1/people", {"position": "Đảng viên", "note": "đã đổi %d" % n}
            data = _timed(stats, "create " + path.rsplit("/", 1)[1],
                          lambda: c.request("POST", path, body) + ((201,),))
            if data is not None and rnd.random() < 0.5:
                rid = json.loads(data)["id"]
                _timed(stats, "change " + path.rsplit("/", 1)[1],
                       lambda: c.request("PATCH", "%s/%d" % (path, rid), change) + ((200,),))
        else:
            t = rnd.choice(READ_PATHS)
            p = t.format(org=rnd.choice(units), year=year)
            _timed(stats, "GET " + t.split("?")[0].replace("{org}", "ID"),
                   lambda: c.request("GET", p) + ((200,),))
