"""A year's kept figures built in the background (store_figures_build.c,
api_keeper.c): no request waits for a year to be built.  While it is being
built, a request for a large tree gets 503 "building" with the year and how
far it is, a small tree is answered from the records, writes go on and are
counted, a merge makes the build start again, a crash in the middle leaves
it to be finished by the next start, and once it is kept the figures equal
the records (`lamtheo check`).  Writes that bypass the server (sqlite3 by
hand) are brought up to date in the background too."""
import random
import signal
import sqlite3
import subprocess
import threading
import time

import pytest

from support import BIN, Client, Server, kept_years, unique, vn_today, wait_kept

YEAR = 2020         # before the demo's kept years (2021 on): never kept
IND = "/api/v1/indicators"


def check(db, year=None):
    args = [BIN, "check", "--db", db, "--live-depth", "2"]
    if year is not None:
        args += ["--year", str(year)]
    out = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def unkeep(db, year):
    """Makes year one not kept (as a database from before it was asked for)."""
    con = sqlite3.connect(db, timeout=10)
    with con:
        con.execute("DELETE FROM figure_year WHERE year = ?", (year,))
        con.execute("UPDATE data_generation SET n = n + 1")
    con.close()


def cells(db, n, year=YEAR):
    """n cells open the whole of year and still open."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = [r[0] for r in con.execute(
        "SELECT id FROM org WHERE kind = 'cell' AND valid_to IS NULL AND valid_from <= ? "
        "ORDER BY id LIMIT ?", ("%d-01-01" % year, n))]
    con.close()
    return rows


def root_of(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rid = con.execute("SELECT id FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    return rid


@pytest.fixture(scope="module")
def slow(tmp_path_factory):
    """A server that builds slowly (a few rows per transaction) and answers
    from the records only a tree of at most 5 units."""
    s = Server(tmp_path_factory.mktemp("build"), "build", records=True,
               args=["--build-chunk", "40", "--live-units", "5"])
    yield s
    if s.proc.poll() is None:
        s.stop()


@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    """A server that builds at its usual pace, over the demo without its
    generated records."""
    s = Server(tmp_path_factory.mktemp("bypass"), "bypass", args=["--live-units", "5"])
    yield s
    if s.proc.poll() is None:
        s.stop()


def meeting(client, org_id, tag, i):
    r = client.post("/api/v1/activities", json={
        "org_id": org_id, "kind": "cell_meeting", "date": "%d-05-%02d" % (YEAR, 1 + i % 28),
        "title": "%s-%d" % (tag, i), "topic_on_agenda": True})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_a_year_not_kept_is_built_in_the_background_while_writes_go_on(slow):
    admin = Client(slow, "admin")
    en = Client(slow, "admin", lang="en")
    assert YEAR not in kept_years(slow.db)[0]
    units = cells(slow.db, 6)
    # Writes into the year go on before, during and after the build.
    tag = unique("b")
    made, percents = [], []
    stop = threading.Event()
    writers = [Client(slow, "admin") for _ in range(3)]

    def write(k):
        for i in range(60):
            if stop.is_set():
                return
            made.append(meeting(writers[k], units[k % len(units)], "%s%d" % (tag, k), i))

    threads = [threading.Thread(target=write, args=(k,)) for k in range(3)]
    for th in threads:
        th.start()
    # The first request answers at once: the year is being built.
    t = time.time()
    r = admin.get(IND, params={"year": YEAR})
    assert time.time() - t < 5
    assert r.status_code == 503, r.text
    err = r.json()["error"]
    assert err["code"] == "building"
    assert err["building"]["year"] == YEAR and 0 <= err["building"]["percent"] < 100
    assert err["message"].startswith("Đang tính số liệu năm %d (" % YEAR), err["message"]
    assert r.headers["Retry-After"] == "2"
    r = en.get(IND, params={"year": YEAR})
    if r.status_code == 503:
        assert r.json()["error"]["message"].startswith("The figures of %d are being computed" % YEAR)
    # A cell is answered from the records meanwhile; so is one figure of it.
    r = admin.get(IND, params={"year": YEAR, "org": units[0]})
    assert r.status_code == 200, r.text
    r = admin.get(IND + "/member_pledge_rate", params={"year": YEAR, "org": units[0]})
    assert r.status_code == 200, r.text
    # The administrator sees the build; nobody else does.
    state = admin.get("/api/v1/figures").json()
    assert YEAR in state["kept"] or state["building"] is not None or YEAR in state["queued"]
    assert Client(slow, "lanhdao.hungyen").get("/api/v1/figures").status_code == 403
    deadline = time.time() + 300
    while True:
        r = admin.get(IND, params={"year": YEAR})
        if r.status_code == 200:
            break
        assert r.status_code == 503 and r.json()["error"]["code"] == "building", r.text
        percents.append(r.json()["error"]["building"]["percent"])
        assert time.time() < deadline, percents[-5:]
        time.sleep(0.05)
    for th in threads:
        th.join()
    assert len(made) == 180
    assert percents == sorted(percents) and all(0 <= p < 100 for p in percents), percents
    assert YEAR in kept_years(slow.db)[0]
    assert "%d: no difference" % YEAR in check(slow.db, YEAR)
    # The meetings are counted in the kept figure.
    r = admin.get(IND, params={"year": YEAR})
    mine = [i for i in r.json()["items"] if i["name"] == "cells_topic_in_meetings"]
    assert mine and mine[0]["num"] >= 3


def test_a_merge_during_the_build_starts_it_again(slow):
    admin = Client(slow, "admin")
    year = YEAR - 1
    assert year not in kept_years(slow.db)[0]
    r = admin.get(IND, params={"year": year})
    assert r.status_code == 503, r.text
    # Two communes of the same district merge while the year is built.
    con = sqlite3.connect("file:%s?mode=ro" % slow.db, uri=True)
    a, b = con.execute(
        "SELECT a.id, b.id FROM org a JOIN org b ON b.parent_id = a.parent_id AND b.id > a.id "
        "WHERE a.kind = 'base_committee' AND b.kind = 'base_committee' AND a.valid_to IS NULL "
        "AND b.valid_to IS NULL AND a.successor_id IS NULL AND b.successor_id IS NULL "
        "LIMIT 1").fetchone()
    con.close()
    r = admin.post("/api/v1/orgs/%d/merge" % b, json={"successor_id": a,
                                                      "date": vn_today().isoformat()})
    assert r.status_code == 200, r.text
    wait_kept(slow.db, (year,), timeout=300)
    assert "%d: no difference" % year in check(slow.db, year)


def test_a_build_cut_by_a_crash_is_finished_by_the_next_start(slow):
    admin = Client(slow, "admin")
    year = 2023
    unkeep(slow.db, year)
    assert admin.get(IND, params={"year": year}).status_code == 503
    deadline = time.time() + 60
    while year not in kept_years(slow.db)[1]:
        assert time.time() < deadline
        time.sleep(0.02)
    time.sleep(random.random() * 0.5)
    slow.proc.send_signal(signal.SIGKILL)
    slow.proc.wait()
    kept, building = kept_years(slow.db)
    if year not in kept:
        assert year in building
    slow._start()           # nobody asks: the build left unfinished resumes
    wait_kept(slow.db, (year,), timeout=300)
    assert "%d: no difference" % year in check(slow.db, year)


def test_writes_that_bypass_the_server_are_brought_up_to_date(quick):
    admin = Client(quick, "admin")
    year = vn_today().year
    wait_kept(quick.db, (year,))
    root = root_of(quick.db)
    before = admin.get(IND, params={"year": year}).json()
    count = {i["name"]: i["num"] for i in before["items"]}["dialogues"]
    # A few units: flushed.  Many (more than a group brings up to date at
    # once): the kept years are built again, answered "building" meanwhile.
    con = sqlite3.connect(quick.db, timeout=10)
    with con:
        unit = cells(quick.db, 1, year)[0]
        con.execute("INSERT INTO activity (org_id, kind, date, year, title, created_at, "
                    "updated_at) VALUES (?, 'dialogue', ?, ?, 'Đối thoại ghi ngoài hệ thống', 0, 0)",
                    (unit, "%d-01-15" % year, year))
        con.execute("UPDATE data_generation SET n = n + 1")
    con.close()
    deadline = time.time() + 60
    while True:
        con = sqlite3.connect("file:%s?mode=ro" % quick.db, uri=True)
        pending = con.execute("SELECT COUNT(*) FROM figure_dirty").fetchone()[0]
        con.close()
        if pending == 0:
            break
        assert time.time() < deadline
        time.sleep(0.2)
    r = admin.get(IND, params={"year": year, "org": root})
    assert r.status_code == 200, r.text
    assert {i["name"]: i["num"] for i in r.json()["items"]}["dialogues"] == count + 1
    assert year in kept_years(quick.db)[0]
    # Many units at once (every member's record touched by hand).
    con = sqlite3.connect(quick.db, timeout=10)
    with con:
        con.execute("UPDATE person SET updated_at = updated_at + 1")
        con.execute("UPDATE data_generation SET n = n + 1")
    con.close()
    deadline = time.time() + 120
    saw_building = False
    while True:
        r = admin.get(IND, params={"year": year})
        if r.status_code == 200 and year in kept_years(quick.db)[0]:
            con = sqlite3.connect("file:%s?mode=ro" % quick.db, uri=True)
            pending = con.execute("SELECT COUNT(*) FROM figure_dirty").fetchone()[0]
            con.close()
            if pending == 0:
                break
        if r.status_code == 503:
            assert r.json()["error"]["code"] == "building"
            saw_building = True
        assert time.time() < deadline, (r.status_code, r.text[:300], kept_years(quick.db),
                                         "".join(x for x in quick.log if "figures" in x))
        time.sleep(0.2)
    assert saw_building or any("brought up to date" in x for x in quick.log)
    out = check(quick.db)
    assert "DIFFERENCES" not in out and "no difference" in out
