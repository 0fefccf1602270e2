"""Bulk import and export (`lamtheo import`/`export`, POST /api/v1/import,
GET /api/v1/export): rows matched by code so a second import changes
nothing, a dry run writes nothing, one bad row refuses the whole file and
every bad row is reported with its line and column, the account's scope,
and the round trip export -> spreadsheet (LibreOffice) -> import."""
import csv
import hashlib
import io
import os
import re
import shutil
import sqlite3
import subprocess

import pytest

from support import BIN, DERIVED, Client, Server, db_digest, error_of, pledge_body, vn_today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEAD = ("code,full_name,gender,birth_year,party_joined,party_member,key_cadre,head,"
        "civil_servant,union_member,org_code,status,position,note\r\n")


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("imp"))
    yield s
    assert s.stop() == 0, "".join(s.log[-40:])


@pytest.fixture(scope="module")
def admin(srv):
    return Client(srv, "admin")


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=300)


def records_digest(db):
    """The digest of everything but the audit trail (an import that changes
    nothing still writes its own audit row)."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    h = hashlib.sha256()
    tables = con.execute("SELECT name, sql FROM sqlite_master WHERE type='table' ORDER BY name")
    for t, ddl in tables.fetchall():
        if t in ("session", "login_failure", "audit", "data_generation") or t in DERIVED:
            continue
        order = "" if "WITHOUT ROWID" in (ddl or "").upper() else " ORDER BY rowid"
        for row in con.execute('SELECT * FROM "%s"%s' % (t, order)):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


def audit_imports(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    n = con.execute("SELECT count(*) FROM audit WHERE action = 'import'").fetchone()[0]
    con.close()
    return n


def cell_code(db, like):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    row = con.execute("SELECT code, id FROM org WHERE kind = 'cell' AND code LIKE ? "
                      "ORDER BY id LIMIT 1", (like,)).fetchone()
    con.close()
    return row


def people_csv(cell, n, prefix, bad=()):
    out = ["\ufeff" + HEAD]
    for i in range(n):
        gender = "robot" if i in bad else ("female" if i % 2 else "male")
        out.append('%s%04d,"Nguyễn Văn, Thử %d",%s,%d,,0,0,0,0,1,%s,active,"Tổ ""A""",\r\n'
                   % (prefix, i, i, gender, 1970 + i % 30, cell))
    return "".join(out).encode("utf-8")


def test_help_and_usage():
    r = run("import", "--help")
    assert r.returncode == 0 and "--dry-run" in r.stdout and "--type TYPE" in r.stdout
    r = run("export", "--help")
    assert r.returncode == 0 and "--format FMT" in r.stdout and "--org CODE" in r.stdout
    r = run("import", "--db", "/tmp/x.db", "--type", "frobs", "f.csv")
    assert r.returncode == 2 and "--type must be one of" in r.stderr
    r = run("import", "--db", "/tmp/x.db", "--type", "people")
    assert r.returncode == 2


def test_cli_export_reimport_changes_nothing(srv, tmp_path):
    code, _ = cell_code(srv.db, "TB.%")
    f = tmp_path / "p.csv"
    r = run("export", "--db", srv.db, "--type", "people", "--org", code, str(f))
    assert r.returncode == 0, r.stderr
    text = f.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf\"code\",\"full_name\"")
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert len(rows) > 2 and all(r[10] == code for r in rows[1:])
    before = records_digest(srv.db)
    audits = audit_imports(srv.db)
    r = run("import", "--db", srv.db, "--type", "people", str(f))
    assert r.returncode == 0, r.stderr
    assert "0 created, 0 updated, %d unchanged" % (len(rows) - 1) in r.stdout
    assert records_digest(srv.db) == before
    assert audit_imports(srv.db) == audits + 1
    # orgs too: the whole tree, parents before children
    g = tmp_path / "o.csv"
    assert run("export", "--db", srv.db, "--type", "orgs", str(g)).returncode == 0
    r = run("import", "--db", srv.db, "--type", "orgs", str(g))
    assert r.returncode == 0 and " 0 created, 0 updated" in r.stdout, r.stdout + r.stderr
    assert records_digest(srv.db) == before


def test_cli_dry_run_and_bad_rows(srv, tmp_path):
    code, _ = cell_code(srv.db, "QN.%")
    f = tmp_path / "new.csv"
    f.write_bytes(people_csv(code, 20, "IMPDRY"))
    before = db_digest(srv.db)
    r = run("import", "--db", srv.db, "--type", "people", "--dry-run", str(f))
    assert r.returncode == 0, r.stderr
    assert "dry run" in r.stdout and "20 created" in r.stdout
    assert db_digest(srv.db) == before
    # rows 3 and 7 (lines 5 and 9) have a bad gender: nothing is written
    f.write_bytes(people_csv(code, 20, "IMPBAD", bad=(3, 7)))
    r = run("import", "--db", srv.db, "--type", "people", str(f))
    assert r.returncode == 1
    lines = [l for l in r.stderr.splitlines() if l.startswith(str(f) + ":")]
    assert any(l.startswith("%s:5:3: " % f) for l in lines), r.stderr
    assert any(l.startswith("%s:9:3: " % f) for l in lines), r.stderr
    assert "nothing written" in r.stderr
    assert db_digest(srv.db) == before


def test_csv_dialects(srv, tmp_path):
    """';' separators, CRLF, no BOM, quoted line breaks, Vietnamese headers."""
    code, _ = cell_code(srv.db, "BN.%")
    text = ("Mã;Họ và tên;Giới tính;Đơn vị sinh hoạt_code;org_code;Ghi chú\r\n")
    # an unknown header is refused with its column
    f = tmp_path / "semi.csv"
    f.write_text(text + "X1;A;male;;%s;\r\n" % code, encoding="utf-8")
    r = run("import", "--db", srv.db, "--type", "people", "--dry-run", str(f))
    assert r.returncode == 1 and "%s:1:4: unknown column" % f in r.stderr, r.stderr
    f.write_text("Mã;Họ và tên;Giới tính;org_code;Ghi chú\r\n"
                 'IMPSEMI1;Trần Thị Bé;female;%s;"hai\r\ndòng"\r\n'
                 "IMPSEMI2;Lê Văn Cả;male;%s;\r\n" % (code, code), encoding="utf-8")
    r = run("import", "--db", srv.db, "--type", "people", str(f))
    assert r.returncode == 0 and "2 created" in r.stdout, r.stderr
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    note = con.execute("SELECT note FROM person WHERE code = 'IMPSEMI1'").fetchone()[0]
    con.close()
    assert note == "hai\ndòng"
    # invalid UTF-8 is refused with line and column
    f.write_bytes(b"code,full_name,org_code\nIMPU1,Tr\xe1n,%s\n" % code.encode())
    r = run("import", "--db", srv.db, "--type", "people", str(f))
    assert r.returncode == 1 and "%s:2:2: " % f in r.stderr, r.stderr


def test_api_import_idempotent_and_audited(srv, admin):
    code, _ = cell_code(srv.db, "NĐ.%") or cell_code(srv.db, "%")
    body = people_csv(code, 30, "IMPAPI")
    r = admin.post("/api/v1/import?type=people&name=a.csv", data=body,
                   headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 30 and r.json()["dry_run"] is False
    before = records_digest(srv.db)
    r = admin.post("/api/v1/import?type=people", data=body, headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["unchanged"] == 30 and r.json()["created"] == 0
    assert records_digest(srv.db) == before
    # one field edited: one record updated, and its audit row says so
    r = admin.post("/api/v1/import?type=people", headers={"Content-Type": "text/csv"},
                   data=body.replace('Thử 5"'.encode(), 'Thử Năm"'.encode()))
    assert r.status_code == 200 and r.json()["updated"] == 1, r.text
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    pid = con.execute("SELECT id FROM person WHERE code = 'IMPAPI0005'").fetchone()[0]
    acts = [a for (a,) in con.execute("SELECT action FROM audit WHERE rtype = 'person' "
                                      "AND record_id = ?", (pid,))]
    summary = con.execute("SELECT after FROM audit WHERE action = 'import' "
                          "ORDER BY id DESC LIMIT 1").fetchone()[0]
    con.close()
    assert "update" in acts
    assert '"updated":1' in summary and '"who":"admin (API)"' in summary


def test_api_bad_rows_write_nothing(srv, admin):
    code, _ = cell_code(srv.db, "TB.%")
    body = people_csv(code, 10, "IMPAPIBAD", bad=(2, 6))
    body += ("IMPAPIBAD9999,X,male,1980,,0,0,0,0,0,NO.SUCH.UNIT,active,,\r\n").encode()
    before = db_digest(srv.db)
    r = admin.post("/api/v1/import?type=people", data=body, headers={"Content-Type": "text/csv"})
    err = error_of(r, 400, "import_rows")
    rows = r.json()["error"]["rows"]
    assert {(x["line"], x["column"]) for x in rows} >= {(4, 3), (8, 3), (12, 11)}, rows
    assert r.json()["error"]["bad_rows"] == 3
    assert all(x["message"] for x in rows)
    assert db_digest(srv.db) == before
    r = admin.post("/api/v1/import?type=people&dry_run=1", data=people_csv(code, 5, "IMPAPIDRY"),
                   headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["created"] == 5 and r.json()["dry_run"]
    assert db_digest(srv.db) == before
    del err


ENGLISH = re.compile(r"\b(the|is|are|column|unit|code|line|needed|matched|unknown|no|value|"
                     r"header|database|file|import)\b")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_api_problems_are_worded_in_the_sessions_language(srv, lang):
    """Every problem the web import shows is a Vietnamese sentence (no English
    one inside a Vietnamese answer), or an English one for an English
    session: the file's own problems (an unknown column, the same column
    twice, a value without a header, an empty file) and the rows' (a code
    twice, a unit that does not exist)."""
    client = Client(srv, "admin", lang="en" if lang == "en" else None)
    code, _ = cell_code(srv.db, "TB.%")
    files = [
        HEAD.replace("code,", "code,colour,") + "X1,do,A,male,1980,,0,0,0,0,1,%s,active,,\r\n" % code,
        HEAD.replace("gender", "full_name"),
        HEAD + "LANG1,Lê Văn Một,male,1980,,0,0,0,0,1,%s,active,,,thừa\r\n" % code,
        "",
        HEAD + ("LANG2,Lê Văn Hai,male,1980,,0,0,0,0,1,%s,active,,\r\n" % code) * 2 +
        "LANG3,Lê Văn Ba,male,1980,,0,0,0,0,1,KHONG.CO.DON.VI,active,,\r\n",
    ]
    for body in files:
        r = client.post("/api/v1/import?type=people&dry_run=1", data=body.encode(),
                        headers={"Content-Type": "text/csv"})
        assert r.status_code == 400, r.text
        err = r.json()["error"]
        rows = err.get("rows") or [err]
        for x in rows:
            # what is quoted is a name or a value from the file, not words
            words = ENGLISH.findall(re.sub("“[^”]*”", "", x["message"]).lower())
            if lang == "vi":
                assert not words, x["message"]
                assert re.search("[ăâđêôơưạảấầẩậắằẳặẹẻếềểệịỉọỏốồổộớờởợụủứừửự]",
                                 x["message"].lower()), x["message"]
            else:
                assert words, x["message"]


def test_scope_roles_and_csrf(srv):
    haiha = Client(srv, "haiha.tuyengiao")
    tb, _ = cell_code(srv.db, "TB.%")
    before = db_digest(srv.db)
    r = haiha.post("/api/v1/import?type=people", data=people_csv(tb, 2, "IMPSCOPE"),
                   headers={"Content-Type": "text/csv"})
    rows = error_of(r, 400, "import_rows") and r.json()["error"]["rows"]
    assert [x["line"] for x in rows] == [2, 3] and all(x["column"] == 11 for x in rows)
    assert db_digest(srv.db) == before
    # export outside the scope: as if it did not exist
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    tb_id = con.execute("SELECT id FROM org WHERE code = 'TB'").fetchone()[0]
    con.close()
    error_of(haiha.get("/api/v1/export?type=people&org=%d" % tb_id), 404, "not_found")
    for user in ("dangvien.queo", "bithu.queo", "lanhdao.hungyen"):
        c = Client(srv, user)
        error_of(c.post("/api/v1/import?type=people", data=b"code\n"), 403, "forbidden")
        error_of(c.get("/api/v1/export?type=people"), 403, "forbidden")
    cookie = Client(srv, "admin", cookie=True)
    del cookie.s.headers["X-CSRF-Token"]
    error_of(cookie.post("/api/v1/import?type=people", data=b"code\n"), 403, "csrf")
    error_of(Client(srv, "admin").get("/api/v1/export?type=robots"), 400, "bad_param")


# ---- a row matching a record outside the scope: every import type -------------------

# The importing staff's unit (a commune of Bắc Ninh), the cell below it whose
# records it may change, and units outside it: the province above, a cell
# of another commune.
IMP_UNIT, IMP_CELL, IMP_ABOVE, IMP_ELSEWHERE = ("BN.CHI_LANG", "BN.QV.CHI_LANG.QUE_O", "BN",
                                                "BN.QV.PHO_MOI.C01")


def people_of_unit(db, code, n):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT p.id, p.code FROM person p JOIN org o ON o.id = p.org_id "
                       "WHERE o.code = ? ORDER BY p.id LIMIT ?", (code, n)).fetchall()
    con.close()
    assert len(rows) == n, (code, rows)
    return rows


def test_import_refuses_rows_matching_records_outside_the_scope(srv, admin):
    """For every import type, a file whose row 2 changes a record inside the
    staff's scope and whose row 3 matches an existing record outside it (a
    unit above, a person elsewhere, a pledge and an evaluation the province
    filed for a person of the commune, an activity of the province): the
    file is refused, row 3 named with its column in Vietnamese, nothing is
    written; row 2 alone goes through (a dry run)."""
    user = "imp.staff.chilang"
    srv.add_user(user, "staff", IMP_UNIT, "Mat-khau-that-dai-1")
    staff = Client(srv, user)
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    ids = {c: i for i, c in con.execute("SELECT id, code FROM org WHERE code IN (?, ?)",
                                        (IMP_CELL, IMP_ABOVE))}
    con.close()
    (pa, pa_code), (pb, pb_code) = people_of_unit(srv.db, IMP_CELL, 2)
    (_, out_code), = people_of_unit(srv.db, IMP_ELSEWHERE, 1)
    year, today = vn_today().year, vn_today().isoformat()

    def made(path, body):
        r = admin.post(path, json=body)
        assert r.status_code == 201, (path, r.text)
        return r.json()["id"]

    # Filed above the commune for a person of its cell: the staff does not see it.
    far = {
        "pledges": made("/api/v1/pledges", pledge_body(org_id=ids[IMP_ABOVE], person_id=pa)),
        "evaluations": made("/api/v1/evaluations", {
            "year": year, "org_id": ids[IMP_ABOVE], "person_id": pa, "scale": "party",
            "score_general": 25, "score_tasks": 55, "note": "Tỉnh đánh giá"}),
        "activities": made("/api/v1/activities", {
            "org_id": ids[IMP_ABOVE], "kind": "conference", "date": today,
            "title": "Hội nghị của tỉnh IMPSCOPE"}),
    }
    for path, rid in far.items():
        error_of(staff.get("/api/v1/%s/%d" % (path, rid)), 404, "not_found")
    # ... and their twins in the cell, which the staff may change.
    made("/api/v1/pledges", pledge_body(org_id=ids[IMP_CELL], person_id=pb))
    made("/api/v1/evaluations", {"year": year, "org_id": ids[IMP_CELL], "person_id": pb,
                                  "scale": "party", "score_general": 25, "score_tasks": 55,
                                  "note": "Chi bộ đánh giá"})
    made("/api/v1/activities", {"org_id": ids[IMP_CELL], "kind": "conference", "date": today,
                                "title": "Hội nghị của chi bộ IMPSCOPE"})
    # type -> (header, the row inside the scope, the row outside, the column refused)
    files = {
        "orgs": ("code,name", "%s,Chi bộ đổi tên" % IMP_CELL, "%s,Tỉnh đổi tên" % IMP_ABOVE, 1),
        "people": ("code,full_name", "%s,Người Đổi Tên" % pb_code,
                   "%s,Người Đổi Tên" % out_code, 1),
        "pledges": ("person_code,year,follow", "%s,%d,Nội dung mới" % (pb_code, year),
                    "%s,%d,Nội dung mới" % (pa_code, year), 1),
        "evaluations": ("person_code,year,note", "%s,%d,Ghi chú mới" % (pb_code, year),
                        "%s,%d,Ghi chú mới" % (pa_code, year), 1),
        "activities": ("org_code,kind,date,title,note",
                       "%s,conference,%s,Hội nghị của chi bộ IMPSCOPE,Mới" % (IMP_CELL, today),
                       "%s,conference,%s,Hội nghị của tỉnh IMPSCOPE,Mới" % (IMP_ABOVE, today),
                       1),
    }
    assert set(files) == {"orgs", "people", "pledges", "evaluations", "activities"}
    problems = []
    for typ, (head, inside, outside, col) in files.items():
        url = "/api/v1/import?type=" + typ
        r = staff.post(url + "&dry_run=1", data=("%s\r\n%s\r\n" % (head, inside)).encode(),
                       headers={"Content-Type": "text/csv"})
        assert r.status_code == 200 and r.json()["updated"] == 1, (typ, r.text)
        before = db_digest(srv.db)
        r = staff.post(url, data=("%s\r\n%s\r\n%s\r\n" % (head, inside, outside)).encode(),
                       headers={"Content-Type": "text/csv"})
        if r.status_code != 400:
            problems.append("%s: %d %s" % (typ, r.status_code, r.text[:200]))
            continue
        err = error_of(r, 400, "import_rows")
        rows = r.json()["error"]["rows"]
        if [(x["line"], x["column"]) for x in rows] != [(3, col)]:
            problems.append("%s: %r" % (typ, rows))
        elif typ != "activities" and "ngoài phạm vi" not in rows[0]["message"]:
            # activities: the unit of the key is not found in the scope
            problems.append("%s: not the Vietnamese scope message: %r" % (typ, rows))
        if db_digest(srv.db) != before:
            problems.append("%s: the database changed" % typ)
        del err
    assert not problems, "\n".join(problems)
    for path, rid in far.items():
        r = admin.get("/api/v1/%s/%d" % (path, rid))
        assert "Mới" not in r.text and "mới" not in r.text, (path, r.text)


def test_import_audit_row_is_in_no_record_history(srv, admin):
    """Every import type, by an administrator and by a province's staff (an
    export of a cell imported back: nothing changes, the import's own audit
    row is written): the row is filed under "import" with the importer's
    unit, never under a record type, so the history of the record of every
    type whose id is that unit's shows no import."""
    meta = admin.get("/api/v1/meta").json()["types"]
    staff = Client(srv, "bacninh.tuyengiao")
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    cell = con.execute("SELECT id FROM org WHERE code = 'BN.QV.CHI_LANG.QUE_O'").fetchone()[0]
    con.close()
    imported = 0
    for client in (admin, staff):
        unit = client.account["org"]["id"]
        for typ in ("orgs", "people", "pledges", "evaluations", "activities"):
            f = client.get("/api/v1/export?type=%s&org=%d" % (typ, cell))
            assert f.status_code == 200, f.text
            r = client.post("/api/v1/import?type=%s&name=back.csv" % typ, data=f.content,
                            headers={"Content-Type": "text/csv"})
            assert r.status_code == 200 and r.json()["created"] == r.json()["updated"] == 0, \
                (typ, r.text)
            imported += 1
        # the history of the record with the unit's id, of every type that has one
        paths = ["/api/v1/orgs/%d/history" % unit, "/api/v1/people/%d/history" % unit]
        paths += ["/api/v1/%s/%d/history" % (t["path"], unit) for t in meta.values()
                  if t.get("path") and t["parent"] is None and t["path"] not in ("catalog",)]
        for path in paths:
            r = admin.get(path)
            if r.status_code == 404:
                continue
            assert r.status_code == 200, (path, r.text)
            acts = [(x["action"], x["type"]) for x in r.json()["items"]]
            assert all(a != "import" for a, _ in acts), (path, acts)
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    rows = con.execute("SELECT rtype, record_id, parent_rtype, after FROM audit "
                       "WHERE action = 'import' ORDER BY id").fetchall()
    con.close()
    assert len(rows) >= imported
    assert {r[0] for r in rows} == {"import"} and not set(meta) & {r[0] for r in rows}, rows
    assert all(r[2] is None for r in rows)
    # the type imported is in the summary, the unit in record_id
    last = rows[-1]
    assert '"type":"activities"' in last[3] and last[1] == staff.account["org"]["id"], last


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_round_trip_through_libreoffice(srv, admin, tmp_path):
    """export -> LibreOffice (CSV -> XLSX, XLSX -> CSV) -> import: nothing changes."""
    code, oid = cell_code(srv.db, "QN.%")
    r = admin.get("/api/v1/export?type=people&org=%d&format=csv" % oid)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert 'filename="people-%s.csv"' % code in r.headers["Content-Disposition"]
    (tmp_path / "p.csv").write_bytes(r.content)
    r = admin.get("/api/v1/export?type=people&org=%d&format=xlsx" % oid)
    assert r.status_code == 200 and r.headers["Content-Type"] == XLSX
    (tmp_path / "x.xlsx").write_bytes(r.content)
    env = dict(os.environ, HOME=str(tmp_path))
    # (LibreOffice is told the CSV is UTF-8, as its import dialog asks)
    for args in (["--infilter=Text - txt - csv (StarCalc):44,34,76,1", "--convert-to", "xlsx",
                  "p.csv"],
                 ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "x.xlsx"]):
        out = subprocess.run(["soffice", "--headless", "--norestore"] + args,
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
        assert out.returncode == 0, out.stderr
    before = records_digest(srv.db)
    n = r.content and None
    for name, ctype in (("p.xlsx", XLSX), ("x.csv", "text/csv"), ("x.xlsx", XLSX)):
        r = admin.post("/api/v1/import?type=people", data=(tmp_path / name).read_bytes(),
                       headers={"Content-Type": ctype})
        assert r.status_code == 200, (name, r.text)
        body = r.json()
        assert body["created"] == 0 and body["updated"] == 0 and body["unchanged"] > 0, (name, body)
        n = n or body["unchanged"]
        assert body["unchanged"] == n
    assert records_digest(srv.db) == before


def schema_of(db, table):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? "
                       "ORDER BY type, name", (table,)).fetchall()
    con.close()
    return rows


def test_bulk_people_keep_the_figures_and_the_schema(srv, admin, tmp_path):
    """A file that adds many people takes the bulk path (the person indexes
    and the figures' insert trigger dropped and made again in the
    transaction): the kept figures still equal the records (`lamtheo
    check`), the schema is as before, a second import changes nothing and a
    bad last row still writes nothing."""
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    root = con.execute("SELECT id FROM org WHERE parent_id IS NULL").fetchone()[0]
    con.close()
    year = vn_today().year
    for y in (year, year - 1):
        r = admin.get("/api/v1/indicators", params={"org": root, "year": y})
        assert r.status_code == 200, r.text
    cells = [cell_code(srv.db, like)[0] for like in ("QN.%", "TB.%", "HY.%")]
    schema = schema_of(srv.db, "person")
    assert any(name == "figure_person_i" for _, name, _ in schema)
    n = 60000
    out = [HEAD]
    for i in range(n):
        member = i % 3 != 0
        out.append("BULK%06d,Trần Thị Bích %d,female,%d,%s,%d,%d,0,0,1,%s,active,,\r\n" % (
            i, i % 97, 1950 + i % 40, "2015-0%d-1%d" % (1 + i % 9, i % 10) if member else "",
            member, i % 7 == 0, cells[(i * 3) // n]))
    f = tmp_path / "bulk.csv"
    f.write_text("".join(out), encoding="utf-8")
    r = run("import", "--db", srv.db, "--type", "people", str(f))
    assert r.returncode == 0, r.stderr
    assert "%d created, 0 updated, 0 unchanged" % n in r.stdout.replace(".", "")
    assert schema_of(srv.db, "person") == schema
    out_check = run("check", "--db", srv.db, "--live-depth", "2")
    assert out_check.returncode == 0, out_check.stdout + out_check.stderr
    assert "DIFFERENCES" not in out_check.stdout
    assert "%d: no difference" % year in out_check.stdout
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    assert con.execute("SELECT count(*) FROM person WHERE code LIKE 'BULK%'").fetchone()[0] == n
    assert con.execute("SELECT count(*) FROM figure_dirty").fetchone()[0] == 0
    # the indexes answer again (the plan of a unit's people list)
    plan = " ".join(r[-1] for r in con.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM person WHERE org_id = 1 ORDER BY sort_key"))
    assert "person_org" in plan
    # the people search indexed them at the end, in one statement, and
    # learnt their words (the trigger it stood for was dropped meanwhile)
    assert {"tran", "thi", "bich", "42"} <= {w for (w,) in con.execute(
        "SELECT word FROM person_word WHERE word IN ('tran', 'thi', 'bich', '42')")}
    cell_id = con.execute("SELECT id FROM org WHERE code = ?", (cells[1],)).fetchone()[0]
    want = con.execute("SELECT COUNT(*) FROM person WHERE code LIKE 'BULK%' AND org_id = ? AND "
                       "full_name = 'Trần Thị Bích 42'", (cell_id,)).fetchone()[0]
    con.close()
    r = admin.get("/api/v1/people", params={"org": cell_id, "q": "tran thi bich 42",
                                            "per_page": 100})
    assert r.status_code == 200, r.text
    got = r.json()
    assert want > 0 and got["total"] == want, (want, got["total"])
    assert all(p["full_name"] == "Trần Thị Bích 42" for p in got["items"])
    r = admin.get("/api/v1/people", params={"org": root, "q": "bich"})
    assert r.status_code == 200, r.text[:300]
    assert r.json()["total_capped"] and r.json()["items"][0]["full_name"].startswith(
        "Trần Thị Bích")
    con = sqlite3.connect(srv.db, timeout=10)
    con.execute("INSERT INTO person_search (person_search, rank) VALUES ('integrity-check', 1)")
    con.close()
    before = records_digest(srv.db)
    r = run("import", "--db", srv.db, "--type", "people", str(f))
    assert r.returncode == 0, r.stderr
    assert "0 created, 0 updated, %d unchanged" % n in r.stdout.replace(".", "")
    assert records_digest(srv.db) == before
    # many new rows, then a bad one at the very end: nothing is written
    out = [HEAD] + [l.replace("BULK", "BULK2") for l in out[1:]]
    out.append("BULK9999999,Lê Văn Sai,robot,1980,,0,0,0,0,1,%s,active,,\r\n" % cells[0])
    f.write_text("".join(out), encoding="utf-8")
    r = run("import", "--db", srv.db, "--type", "people", str(f))
    assert r.returncode == 1
    assert ("%s:%d:3: " % (f, n + 2)) in r.stderr, r.stderr[-2000:]
    assert records_digest(srv.db) == before
    assert schema_of(srv.db, "person") == schema


def test_bulk_people_alone_through_a_journal(srv, tmp_path):
    """A large people file imported from the command line into a database
    that nothing else has open is written through a rollback journal
    instead of the WAL (once instead of twice): the database is back in WAL
    mode afterwards, whole, with the same schema and kept figures equal to
    the records; a bad last row still writes nothing; with another
    connection open the import keeps the WAL."""
    db = str(tmp_path / "alone.db")
    src = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.execute("PRAGMA journal_mode=WAL")
    dst.close()
    cells = [cell_code(db, like)[0] for like in ("QN.%", "HY.%")]
    schema = schema_of(db, "person")
    n = 60000
    out = [HEAD]
    for i in range(n):
        out.append("ALONE%06d,Phạm Văn Một %d,male,%d,,0,0,0,0,1,%s,active,Tổ viên %d,\r\n" % (
            i, i % 89, 1950 + i % 40, cells[(i * 2) // n], i % 13))
    f = tmp_path / "alone.csv"
    f.write_text("".join(out), encoding="utf-8")
    assert f.stat().st_size >= 4 << 20
    # a bad row at the end: nothing written, the WAL again
    before = records_digest(db)
    bad = tmp_path / "alone-bad.csv"
    bad.write_text("".join(out) + "ALONE9999999,Lê Văn Sai,robot,1980,,0,0,0,0,1,%s,active,,\r\n"
                   % cells[0], encoding="utf-8")
    r = run("import", "--db", db, "--type", "people", str(bad))
    assert r.returncode == 1
    assert ("%s:%d:3: " % (bad, n + 2)) in r.stderr, r.stderr[-2000:]
    assert records_digest(db) == before
    assert not os.path.exists(db + "-journal")
    r = run("import", "--db", db, "--type", "people", str(f))
    assert r.returncode == 0, r.stderr
    assert "%d created, 0 updated, 0 unchanged" % n in r.stdout.replace(".", "")
    assert not os.path.exists(db + "-journal")
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM person WHERE code LIKE 'ALONE%'").fetchone()[0] == n
    con.close()
    assert schema_of(db, "person") == schema
    out_check = run("check", "--db", db, "--live-depth", "2")
    assert out_check.returncode == 0, out_check.stdout + out_check.stderr
    assert "DIFFERENCES" not in out_check.stdout
    # another connection open: the import keeps the WAL (and still works)
    other = sqlite3.connect(db)
    other.execute("SELECT count(*) FROM person").fetchone()
    g = tmp_path / "alone2.csv"
    g.write_text("".join([HEAD] + [l.replace("ALONE", "ALONF") for l in out[1:]]),
                 encoding="utf-8")
    r = run("import", "--db", db, "--type", "people", str(g))
    assert r.returncode == 0, r.stderr
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert other.execute("SELECT count(*) FROM person WHERE code LIKE 'ALONF%'").fetchone()[0] == n
    other.close()


def empty_of_people(srv, tmp_path, name):
    """A copy of srv's database without its people (their records left
    dangling: only people are imported into it)."""
    db = str(tmp_path / name)
    src = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.execute("DELETE FROM person")
    dst.commit()
    dst.execute("PRAGMA journal_mode=WAL")
    dst.close()
    # lamtheo brings the figures of the units left dirty up to date
    f = tmp_path / (name + ".csv")
    f.write_text(HEAD, encoding="utf-8")
    assert run("import", "--db", db, "--type", "people", str(f)).returncode == 0
    return db


def people_of(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT p.code, full_name, p.name_fold, sort_key, gender, birth_year, "
                       "party_joined, party_member, key_cadre, head, civil_servant, "
                       "union_member, o.code, status, position, p.note FROM person p "
                       "JOIN org o ON o.id = p.org_id WHERE p.code LIKE 'AHEAD%' "
                       "ORDER BY p.code").fetchall()
    con.close()
    return rows


def test_people_into_an_empty_table_checked_ahead(srv, tmp_path):
    """People into a table that had nobody: the rows are converted and
    checked on a second thread, ahead of the writes.  The problems (their
    lines, columns, words and order) and the people written are the same
    as for a table that already had someone (every check in turn on the
    writing thread); a bad row deep in a large file writes nothing."""
    empty = empty_of_people(srv, tmp_path, "empty.db")
    other = empty_of_people(srv, tmp_path, "other.db")
    cells = [cell_code(srv.db, like)[0] for like in ("QN.%", "HY.%", "TB.%")]
    one = tmp_path / "one.csv"
    one.write_text(HEAD + "ZZONE,Ai Đó,male,1980,,0,0,0,0,1,%s,active,,\r\n" % cells[0],
                   encoding="utf-8")
    assert run("import", "--db", other, "--type", "people", str(one)).returncode == 0
    n = 90000

    def row(i, gender="female", birth=None, member=None, cell=None, code=None, extra=""):
        member = i % 3 != 0 if member is None else member
        joined = "2015-0%d-1%d" % (1 + i % 9, i % 10) if i % 3 != 0 else ""
        return "%s,%s Thị Hoà %d,%s,%s,%s,%d,%d,0,0,1,%s,active,Tổ %d,%s\r\n" % (
            code or "AHEAD%06d" % i, ("Nguyễn", "Trần", "Đặng", "Lê")[i % 4], i % 101,
            gender, birth or str(1950 + i % 40), joined, member, i % 7 == 0,
            cell or cells[(i * 3) // n], i % 13, extra)

    good = [HEAD] + [row(i) for i in range(n)]
    bad = list(good)
    # deep in the file: a bad enum (record_validate), a date joined without
    # membership (person_check), a unit that does not exist, a bad number
    # and a bad unit in one row (two problems, in column order), a code
    # twice, a cell without a header
    bad[1 + 70001] = row(70001, gender="robot")
    bad[1 + 70003] = row(70003, member=False)
    bad[1 + 80003] = row(80003, cell="KHONG.CO")
    bad[1 + 80004] = row(80004, birth="19x0", cell="KHONG.CO")
    bad[1 + 85000] = row(85000, code="AHEAD000007")
    bad[1 + 89999] = row(89999, extra=",thừa")
    f = tmp_path / "ahead-bad.csv"
    f.write_text("".join(bad), encoding="utf-8")
    before = {db: records_digest(db) for db in (empty, other)}
    errs = {}
    for db in (empty, other):
        r = run("import", "--db", db, "--type", "people", str(f))
        assert r.returncode == 1, r.stdout + r.stderr[-2000:]
        assert records_digest(db) == before[db]
        errs[db] = [l[len(str(f)) + 1:] for l in r.stderr.splitlines()
                    if l.startswith(str(f) + ":") and l[len(str(f)) + 1].isdigit()]
    assert errs[empty] == errs[other]
    got = [tuple(int(x) for x in l.split(":")[:2]) for l in errs[empty]]
    assert got == [(70003, 3), (70005, 5), (80005, 11), (80006, 4), (80006, 11),
                   (85002, 1), (90001, 15)], errs[empty]
    assert "line 9 too" in errs[empty][5]
    # the good file: the same people either way
    g = tmp_path / "ahead.csv"
    g.write_text("".join(good), encoding="utf-8")
    for db in (empty, other):
        r = run("import", "--db", db, "--type", "people", str(g))
        assert r.returncode == 0, r.stderr[-2000:]
        assert "%d created, 0 updated, 0 unchanged" % n in r.stdout.replace(".", "")
    assert people_of(empty) == people_of(other)
    assert len(people_of(empty)) == n
