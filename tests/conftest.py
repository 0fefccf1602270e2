"""Fixtures of the API and browser tests (their helpers are in support.py):
one real server for the whole run, a client per demo account, the database
digest.  Tests that need a server of their own (rate limits, crashes) build
one from support.Server."""
import os
import sqlite3
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support import Client, DbWatch, Server, audit_count, error_of  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("srv"))
    yield s
    rc = s.stop()
    assert rc == 0, "server exit status %d:\n%s" % (rc, "".join(s.log[-60:]))


@pytest.fixture(scope="session")
def clients(server):
    """A Bearer client per demo account, logged in once."""
    return {u: Client(server, u) for u in server.passwords}


@pytest.fixture
def anon(server):
    return Client(server)


@pytest.fixture(scope="session")
def org_ids(server):
    """Unit code -> id, read from the database."""
    con = sqlite3.connect("file:%s?mode=ro" % server.db, uri=True)
    ids = {code: i for i, code in con.execute("SELECT id, code FROM org")}
    con.close()
    return ids


@pytest.fixture(scope="session")
def db_watch(server):
    w = DbWatch(server.db)
    yield w
    w.close()


@pytest.fixture
def digest(db_watch):
    """A function returning the digest of the database as it is now."""
    return db_watch.digest


@pytest.fixture(scope="session")
def meta(clients):
    """GET /api/v1/meta: the description of every record type."""
    r = clients["admin"].get("/api/v1/meta")
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture
def refuses(server, digest):
    """refuses(send, status, code[, field]): send() is answered with that
    error, writes no audit row and leaves the database as it was.  Returns
    the error object."""
    def check(send, status, code, field=None):
        before, rows = digest(), audit_count(server.db)
        r = send()
        err = error_of(r, status, code, field)
        assert audit_count(server.db) == rows, "a refused request wrote an audit row: %r" % (err,)
        assert digest() == before, "a refused request changed the database: %r" % (err,)
        return err
    return check
