"""Group commit (src/api/api_write.c): many clients create and change
records at once, some of their requests refused, in the same groups.  Every
acknowledged write is there with exactly one audit row, every refused one
changed nothing, the kept figures equal the records (`lamtheo check`), and
repeated `kill -9` in the middle of the writes lose no acknowledged write
and leave the database intact (PRAGMA integrity_check, `lamtheo check`)."""
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


class Writes:
    """What the writers were told: records created (path, id) -> the title
    acknowledged last and the one of a change sent but not answered (the
    server was killed: it may or may not be there), and refused creations."""

    def __init__(self):
        self.titles = {}       # (path, id) -> [acknowledged, pending or None]
        self.changes = []      # (path, id) of every acknowledged change
        self.refused = []      # (path, title) of every refused creation
        self.answered = 0      # requests answered, acknowledged or refused


def _send(client, method, path, body):
    """The answer, or None when the server was killed mid-request."""
    try:
        return client.request(method, path, json=body)
    except Exception:  # noqa: BLE001 — the server was killed mid-request
        return None


def _create(client, rnd, units, title, w):
    """A meeting or a person, a third of them refused (a date before
    1900, a unit that does not exist, a gender that is none)."""
    if rnd.random() < 0.6:
        body = {"org_id": rnd.choice(units), "kind": "cell_meeting",
                "date": "%d-03-%02d" % (YEAR, 1 + rnd.randrange(28)), "title": title,
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
    r = _send(client, "POST", path, body)
    if r is None:
        return False
    if r.status_code == 201:
        assert not bad, (path, body, r.text)
        w.titles[(path, r.json()["id"])] = [title, None]
    else:
        assert bad and r.status_code == 400, (path, body, r.status_code, r.text)
        w.refused.append((path, title))
    return True


def _change(client, rnd, key, title, w):
    """Renames a record this writer created, a quarter of the changes
    refused (a date before 1900, a gender that is none) and changing
    nothing."""
    path, rid = key
    bad = rnd.random() < 0.25
    if path.endswith("activities"):
        body = {"date": "1800-01-01"} if bad else {"title": title}
    else:
        body = {"gender": "khác lạ"} if bad else {"full_name": "Người Gộp %s" % title}
    if not bad:
        w.titles[key][1] = title
    r = _send(client, "PATCH", "%s/%d" % key, body)
    if r is None:
        return False
    if r.status_code == 200:
        assert not bad, (key, body, r.text)
        w.titles[key] = [title, None]
        w.changes.append(key)
    else:
        assert bad and r.status_code == 400, (key, body, r.status_code, r.text)
    return True


def writer(client, units, tag, count, w, stop=None):
    """Sends count writes (or until stop is set, or the server is gone):
    creations, and changes of what it created before; notes in w (a
    Writes of its own) what was acknowledged and what refused."""
    rnd = random.Random(tag)
    for i in range(count):
        if stop is not None and stop.is_set():
            return
        title = "%s-%d" % (tag, i)
        mine = list(w.titles)
        if mine and rnd.random() < 0.3:
            ok = _change(client, rnd, rnd.choice(mine), title, w)
        else:
            ok = _create(client, rnd, units, title, w)
        if not ok:
            return
        w.answered += 1


def present(db, writes):
    """Every acknowledged creation and change is in the database (or the
    change that followed it, sent when the server was killed), and no
    refused creation."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    for w in writes:
        for (path, rid), (acked, pending) in w.titles.items():
            table = "activity" if path.endswith("activities") else "person"
            col = "title" if table == "activity" else "full_name"
            want = [t if table == "activity" else "Người Gộp " + t
                    for t in (acked, pending) if t is not None]
            got = con.execute("SELECT %s FROM %s WHERE id = ?" % (col, table), (rid,)).fetchone()
            assert got is not None and got[0] in want, (path, rid, want, got)
        for path, title in w.refused:
            if path.endswith("activities"):
                n = con.execute("SELECT COUNT(*) FROM activity WHERE title = ?", (title,)).fetchone()[0]
            else:
                n = con.execute("SELECT COUNT(*) FROM person WHERE full_name = ?",
                                ("Người Gộp " + title,)).fetchone()[0]
            assert n == 0, (path, title)
    con.close()


def run_writers(own, units, tags, count, stop=None):
    """One client and thread per tag; their Writes and threads (started)."""
    writes = [Writes() for _ in tags]
    clients = [Client(own, "admin") for _ in tags]
    threads = [threading.Thread(target=writer, args=(clients[k], units, tags[k], count,
                                                     writes[k], stop))
               for k in range(len(tags))]
    for t in threads:
        t.start()
    return writes, threads


def test_concurrent_writers_with_refusals_in_the_same_groups(own):
    admin = Client(own, "admin")
    # The year's figures are kept, so every group brings them up to date.
    assert admin.get("/api/v1/indicators?year=%d" % YEAR).status_code == 200
    units = cells(own.db)
    con = sqlite3.connect("file:%s?mode=ro" % own.db, uri=True)
    audit_before = con.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0]
    con.close()
    tag = unique("g")
    writes, threads = run_writers(own, units, ["%s%d" % (tag, k) for k in range(CLIENTS)], 25)
    for t in threads:
        t.join()
    assert sum(w.answered for w in writes) == CLIENTS * 25
    assert all(any(getattr(w, a) for w in writes) for a in ("titles", "changes", "refused"))
    present(own.db, writes)
    # Exactly one audit row per acknowledged change, none for a refusal.
    # (The log-ins of the clients may add the administrator's own rows:
    # new recovery codes, support.second_step.)
    con = sqlite3.connect("file:%s?mode=ro" % own.db, uri=True)
    rows = con.execute("SELECT rtype, record_id, action FROM audit WHERE id > ? "
                       "AND rtype <> 'account'", (audit_before,)).fetchall()
    con.close()
    kind = lambda p: "activity" if p.endswith("activities") else "person"
    want = sorted([(kind(p), rid, "create") for w in writes for p, rid in w.titles] +
                  [(kind(p), rid, "update") for w in writes for p, rid in w.changes])
    assert sorted(rows) == want
    check(own.db)
    # The writes were grouped: fewer commits than writes (the server says
    # how many of each when it stops).
    assert own.stop() == 0
    line = [x for x in own.log if "writes in" in x]
    assert line, "".join(own.log[-20:])
    m = re.search(r"(\d+) writes in (\d+) groups", line[-1])
    nwrites, ngroups = int(m.group(1)), int(m.group(2))
    assert nwrites >= CLIENTS * 25
    assert ngroups < nwrites, line[-1]
    own._start()


def test_kill_9_in_the_middle_of_groups_loses_no_acknowledged_write(own):
    """Five rounds: six writers create and change records, the server is
    killed (SIGKILL) once some writes are acknowledged, and the database
    must be intact (PRAGMA integrity_check, `lamtheo check`) and hold every
    acknowledged write, of this round and the ones before, before it serves
    again."""
    units = cells(own.db)
    every = []
    for round_no in range(5):
        stop = threading.Event()
        writes, threads = run_writers(own, units, [unique("k%d_%d_" % (round_no, k))
                                                   for k in range(6)], 10 ** 6, stop)
        acked = lambda: sum(len(w.titles) + len(w.changes) for w in writes)
        deadline = time.time() + 30
        while acked() < 20 + 10 * round_no and time.time() < deadline:
            time.sleep(0.02)
        own.proc.send_signal(signal.SIGKILL)
        own.proc.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        assert acked() >= 20, "too few writes before the kill"
        con = sqlite3.connect(own.db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        # This round's writes, and those of the rounds before.
        every += writes
        present(own.db, every)
        check(own.db)
        own._start()
    assert any(w.changes for w in every), "no change acknowledged"
