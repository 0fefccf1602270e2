"""Acknowledged writes survive a crash: a person created through the API is
there after `kill -9` of the server, and the database is intact."""
import signal
import sqlite3

import pytest

from support import Client, Server


@pytest.fixture
def own_server(tmp_path):
    s = Server(tmp_path, "crash")
    yield s
    if s.proc.poll() is None:
        s.stop()


def test_write_survives_kill_9(own_server):
    s = own_server
    c = Client(s, "admin")
    con = sqlite3.connect("file:%s?mode=ro" % s.db, uri=True)
    cell = con.execute("SELECT id FROM org WHERE code = 'BN.QV.CHI_LANG.QUE_O'").fetchone()[0]
    con.close()
    created = []
    for i in range(20):
        r = c.post("/api/v1/people", json={"full_name": "Người Thử Bền %d" % i, "org_id": cell})
        assert r.status_code == 201, r.text
        created.append(r.json()["id"])
    s.proc.send_signal(signal.SIGKILL)
    s.proc.wait(timeout=10)

    con = sqlite3.connect(s.db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    found = con.execute("SELECT COUNT(*) FROM person WHERE full_name LIKE 'Người Thử Bền %'").fetchone()[0]
    con.close()
    assert found == 20

    # And the server starts again on it and serves them.
    s._start()
    c2 = Client(s, "admin")
    for pid in created:
        assert c2.get("/api/v1/people/%d" % pid).status_code == 200
    assert s.stop() == 0
