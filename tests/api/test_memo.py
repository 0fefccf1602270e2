"""Answers remembered while nothing changed (src/api/api_memo.c): the
figures, lists and year views a session has just read are answered again
from memory until any write is committed — by this server or by another
process — and a session's account is checked again after a write, after
30 seconds, and at once after logging out.  These tests prove that nothing
remembered outlives the change that makes it wrong."""
import sqlite3
import subprocess

import pytest

from support import BIN, Client, Server, create, make_person, pledge_body, unique, vn_today

YEAR = vn_today().year


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("memo"), "memo")
    yield s
    assert s.stop() == 0


def unit(srv, code):
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    (i,) = con.execute("SELECT id FROM org WHERE code = ?", (code,)).fetchone()
    con.close()
    return {"id": i}


def ok(r):
    assert r.status_code == 200, r.text
    return r.json()


def test_a_write_shows_at_once_in_what_was_read(srv):
    admin = Client(srv, "admin")
    hy = unit(srv, "HY")
    params = {"q": "Người Nhớ Đệm", "per_page": 5}
    first = ok(admin.get("/api/v1/people", params=params))
    assert ok(admin.get("/api/v1/people", params=params)) == first
    who = make_person(admin, hy["id"], "Người Nhớ Đệm", party_member=True,
                      party_joined="2001-01-01")
    after = ok(admin.get("/api/v1/people", params=params))
    assert after["total"] == first["total"] + 1
    fig = {"org": hy["id"], "year": YEAR}
    before = {i["name"]: i for i in ok(admin.get("/api/v1/indicators", params=fig))["items"]}
    pledge = create(admin, "/api/v1/pledges", pledge_body(org_id=hy["id"], person_id=who["id"]))
    assert ok(admin.post("/api/v1/pledges/%d/submit" % pledge["id"]))["status"] == "submitted"
    now = {i["name"]: i for i in ok(admin.get("/api/v1/indicators", params=fig))["items"]}
    assert now["pledges_filed"]["num"] == before["pledges_filed"]["num"] + 1


def test_sessions_do_not_share_answers(srv):
    admin, member = Client(srv, "admin"), Client(srv, "dangvien.queo")
    a = ok(admin.get("/api/v1/orgs"))
    m = ok(member.get("/api/v1/orgs"))
    assert a != m
    assert ok(admin.get("/api/v1/orgs")) == a and ok(member.get("/api/v1/orgs")) == m
    # The same query written differently is not mistaken for another one.
    x = ok(admin.get("/api/v1/people?q=a%26per_page%3D1"))
    y = ok(admin.get("/api/v1/people?q=a&per_page=1"))
    assert y["per_page"] == 1 and x["per_page"] != 1


def test_logging_out_ends_the_session_at_once(srv):
    c = Client(srv, "admin")
    assert c.get("/api/v1/orgs").status_code == 200
    assert c.get("/api/v1/orgs").status_code == 200
    assert c.post("/api/v1/logout").status_code in (200, 204)
    assert c.get("/api/v1/orgs").status_code == 401
    assert c.get("/api/v1/me").status_code == 401


def test_a_disabled_account_is_refused_at_once(srv):
    admin = Client(srv, "admin")
    user = unique("memo.staff.")
    srv.add_user(user, "staff", "HY", "mật-khẩu-nhớ-đệm-1")
    c = Client(srv, user)
    assert c.get("/api/v1/orgs").status_code == 200
    acc = [a for a in ok(admin.get("/api/v1/accounts", params={"per_page": 100}))["items"]
           if a["username"] == user][0]
    assert ok(admin.patch("/api/v1/accounts/%d" % acc["id"], json={"disabled": True}))
    assert c.get("/api/v1/orgs").status_code == 401


def test_another_process_writing_is_seen_at_once(srv):
    user = unique("memo.cli.")
    srv.add_user(user, "staff", "HY", "mật-khẩu-nhớ-đệm-2")
    c = Client(srv, user)
    assert c.get("/api/v1/people", params={"per_page": 1}).status_code == 200
    # `lamtheo user passwd` (another process) ends the account's sessions.
    out = subprocess.run([BIN, "user", "passwd", "--db", srv.db, "--username", user],
                         input="mật-khẩu-mới-nhớ-đệm\n", capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert c.get("/api/v1/people", params={"per_page": 1}).status_code == 401
