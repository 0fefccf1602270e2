"""Write benchmarks (issue 8): acknowledged writes per second through the
server with 1, 8 and 32 clients (wrk + post_activity.lua), next to a bare
SQLite insert-commit loop with the same durability on the same disk (the
physical limit of one fsync per commit), and reads timed while the writes
run."""
import http.client
import os
import re
import sqlite3
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LUA = os.path.join(HERE, "post_activity.lua")


def bare_sqlite(directory, seconds):
    """Commits per second of one thread inserting a row per transaction
    (WAL, synchronous=FULL: what lamtheo's store uses) into a new file in
    directory, for about `seconds`."""
    path = os.path.join(directory, "bare-commit.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, org_id INTEGER, title TEXT)")
        n = 0
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO t (org_id, title) VALUES (?, ?)", (n, "Sinh hoạt chi bộ %d" % n))
            con.execute("COMMIT")
            n += 1
        elapsed = time.perf_counter() - start
    finally:
        con.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    return n / elapsed


def wrk_post(base, token, year, orgs, connections, duration, bad_every=0):
    """wrk creating meetings in the given cells: rate of acknowledged (201)
    writes, latency p50/p99 (seconds) and the count of each status."""
    threads = max(1, min(2, connections))
    args = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % duration,
            "--timeout", "30s", "-s", LUA, base, "--", token, str(year),
            ",".join(str(o) for o in orgs), str(bad_every)]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("wrk: %s %s" % (r.stdout, r.stderr))
    statuses = {int(k): int(v) for k, v in re.findall(r"(\d+)=(\d+)", re.search(
        r"statuses ?(.*)", r.stdout).group(1))}
    lat = re.search(r"latency_us p50=(\d+) p99=(\d+)", r.stdout)
    secs = float(re.search(r"requests in ([\d.]+)(m?s)", r.stdout).group(1))
    unit = re.search(r"requests in ([\d.]+)(m?s)", r.stdout).group(2)
    secs = secs / 1000 if unit == "ms" else secs
    errors = re.search(r"Socket errors:.*", r.stdout)
    return {"rate": statuses.get(201, 0) / secs, "statuses": statuses,
            "p50": int(lat.group(1)) / 1e6, "p99": int(lat.group(2)) / 1e6,
            "seconds": secs, "connections": connections,
            "errors": errors.group(0) if errors else "", "raw": r.stdout}


class ReadSampler(threading.Thread):
    """Times GET path over its own kept-alive connection, one request after
    the other, until stop() — the latencies a leader sees meanwhile."""

    def __init__(self, port, token, path):
        super().__init__(daemon=True)
        self.port, self.token, self.path = port, token, path
        self.samples, self.bad = [], 0
        self._halt = threading.Event()

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Authorization": "Bearer " + self.token}
        while not self._halt.is_set():
            t = time.perf_counter()
            try:
                conn.request("GET", self.path, headers=headers)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    self.bad += 1
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.bad += 1
                continue
            self.samples.append(time.perf_counter() - t)
        conn.close()

    def stop(self):
        self._halt.set()
        self.join()
        return self.samples
