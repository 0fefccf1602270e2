"""Group commit (src/api/api_write.c): many clients write at once, some of
their requests refused, in the same groups.  Every acknowledged write is
there with exactly one audit row, every refused one changed nothing, the
kept figures equal the records (`lamtheo check`), and a `kill -9` in the
middle of the writes loses no acknowledged write."""
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time

import pytest

from support import BIN, Client, Server, unique

CLIENTS = 12
YEAR = 2026


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("group"), "group")
    yield s
    if s.proc.poll() is None:
        s.stop()


def cells(db, n=24):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = [r[0] for r in con.execute(
        "SELECT id FROM org WHERE kind = 'cell' AND valid_to IS NULL ORDER BY id LIMIT ?", (n,))]
    con.close()
    assert len(rows) == n
    return rows


def check(db):
    out = subprocess.run([BIN, "check", "--db", db, "--live-depth", "1"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr


def writer(client, units, tag, count, acked, refused, stop=None):
    """Sends count writes (or until stop is set): meetings, a third of
    them refused (a date before 1900, or a unit that does not exist),
    and people; notes what was acknowledged and what refused."""
    rnd = random.Random(tag)
    for i in range(count):
        if stop is not None and stop.is_set():
            return
        title = "%s-%d" % (tag, i)
        kind = rnd.random()
        if kind < 0.6:
            body = {"org_id": rnd.choice(units), "kind": "cell_meeting",
                    "date": "%d-03-%02d" % (YEAR, 1 + i % 28), "title": title,
                    "topic_on_agenda": rnd.random() < 0.5}
            bad = rnd.random() < 0.35
            if bad and rnd.random() < 0.5:
                body["date"] = "1800-01-01"
            elif bad:
                body["org_id"] = 987654321
            path = "/api/v1/activities"
        else:
            body = {"full_name": "Người Gộp %s" % title, "org_id": rnd.choice(units)}
            bad = rnd.random() < 0.3
            if bad:
                body["gender"] = "khác lạ"
            path = "/api/v1/people"
        try:
            r = client.post(path, json=body)
        except Exception:  # noqa: BLE001 — the server was killed mid-request
            return
        if r.status_code == 201:
            assert not bad, (path, body, r.text)
            acked.append((path, r.json()["id"], title))
        else:
            assert bad and r.status_code == 400, (path, body, r.status_code, r.text)
            refused.append((path, title))


def present(db, acked, refused):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    for path, rid, title in acked:
        table = "activity" if path.endswith("activities") else "person"
        col = "title" if table == "activity" else "full_name"
        want = title if table == "activity" else "Người Gộp " + title
        got = con.execute("SELECT %s FROM %s WHERE id = ?" % (col, table), (rid,)).fetchone()
        assert got is not None and got[0] == want, (path, rid, title, got)
    for path, title in refused:
        if path.endswith("activities"):
            n = con.execute("SELECT COUNT(*) FROM activity WHERE title = ?", (title,)).fetchone()[0]
        else:
            n = con.execute("SELECT COUNT(*) FROM person WHERE full_name = ?",
                            ("Người Gộp " + title,)).fetchone()[0]
        assert n == 0, (path, title)
    con.close()


def test_concurrent_writers_with_refusals_in_the_same_groups(own):
    admin = Client(own, "admin")
    # The year's figures are kept, so every group brings them up to date.
    assert admin.get("/api/v1/indicators?year=%d" % YEAR).status_code == 200
    units = cells(own.db)
    con = sqlite3.connect("file:%s?mode=ro" % own.db, uri=True)
    audit_before = con.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0]
    con.close()
    acked, refused = [], []
    tag = unique("g")
    clients = [Client(own, "admin") for _ in range(CLIENTS)]
    threads = [threading.Thread(target=writer, args=(clients[k], units, "%s%d" % (tag, k), 25,
                                                     acked, refused))
               for k in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(acked) + len(refused) == CLIENTS * 25
    assert acked and refused
    present(own.db, acked, refused)
    # Exactly one audit row per acknowledged change, none for a refusal.
    # (The log-ins of the clients may add the administrator's own rows:
    # new recovery codes, support.second_step.)
    con = sqlite3.connect("file:%s?mode=ro" % own.db, uri=True)
    rows = con.execute("SELECT rtype, record_id, action FROM audit WHERE id > ? "
                       "AND rtype <> 'account'", (audit_before,)).fetchall()
    con.close()
    want = sorted(("activity" if p.endswith("activities") else "person", rid, "create")
                  for p, rid, _ in acked)
    assert sorted(rows) == want
    check(own.db)
    # The writes were grouped: fewer commits than writes (the server says
    # how many of each when it stops).
    assert own.stop() == 0
    line = [x for x in own.log if "writes in" in x]
    assert line, "".join(own.log[-20:])
    m = re.search(r"(\d+) writes in (\d+) groups", line[-1])
    writes, groups = int(m.group(1)), int(m.group(2))
    assert writes >= CLIENTS * 25
    assert groups < writes, line[-1]
    own._start()


def test_kill_9_in_the_middle_of_groups_loses_no_acknowledged_write(own):
    units = cells(own.db)
    for round_no in range(4):
        acked, refused = [], []
        stop = threading.Event()
        clients = [Client(own, "admin") for _ in range(6)]
        threads = [threading.Thread(target=writer, args=(
            clients[k], units, unique("k%d_%d_" % (round_no, k)), 10 ** 6, acked, refused, stop))
            for k in range(6)]
        for t in threads:
            t.start()
        deadline = time.time() + 30
        while len(acked) < 20 + 10 * round_no and time.time() < deadline:
            time.sleep(0.02)
        own.proc.send_signal(signal.SIGKILL)
        own.proc.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        assert len(acked) >= 20, "too few writes before the kill"
        con = sqlite3.connect(own.db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        present(own.db, acked, refused)
        check(own.db)
        own._start()
