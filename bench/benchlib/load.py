"""Loading the generated files into a new database, through the real path
where there is one:

  lamtheo migrate --db PATH
  lamtheo import --db PATH --type orgs|people|pledges|evaluations|activities FILE
  lamtheo user add --db PATH --username bench.staff --role staff --org VN

Two things have no command yet, and are written with plain SQL here (the
README's Benchmarks section and the table say so):
  - plans, concerns, petitions, exemplars and inspections: `lamtheo import`
    has no --type for them;
  - the workflow state of the year's pledges (submitted, accepted, reviewed,
    closed with a verdict): an imported pledge is a draft, and a past year's
    pledges can only move on one API call at a time.
They are written between two imports, so that the next import's commit
brings whatever the store keeps up to date (the figures) up to date, as if
they had come through it.
"""
import csv
import os
import secrets
import shutil
import sqlite3
import subprocess
import time

USERNAME = "bench.staff"


def _sql_connect(db):
    con = sqlite3.connect(db, timeout=60)
    con.execute("PRAGMA foreign_keys = ON")
    return con


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        yield from r


def load_extras(db, outdir, log):
    """Plans, concerns, petitions, exemplars, inspections by SQL (no import type)."""
    con = _sql_connect(db)
    org = dict(con.execute("SELECT code, id FROM org"))
    now = int(time.time())
    n = 0
    with con:
        rows = [(org[c], int(y), num, t, d, now, now) for c, y, num, t, d in
                _rows(os.path.join(outdir, "plans.csv"))]
        con.executemany("INSERT INTO plan (org_id, year, number, title, issued_on, created_at,"
                        " updated_at) VALUES (?,?,?,?,?,?,?)", rows)
        n += len(rows)
        rows = [(org[c], t, f, s, o, int(o[:4]), st, k, r or None, now, now)
                for c, t, f, s, o, st, k, r in _rows(os.path.join(outdir, "concerns.csv"))]
        con.executemany("INSERT INTO concern (org_id, title, field, source, opened, year, state,"
                        " state_kind, resolved_on, created_at, updated_at) VALUES"
                        " (?,?,?,?,?,?,?,?,?,?,?)", rows)
        n += len(rows)
        rows = [(org[c], kd, rc, int(rc[:4]), s, int(w), st, k, r or None, now, now)
                for c, kd, rc, s, w, st, k, r in _rows(os.path.join(outdir, "petitions.csv"))]
        con.executemany("INSERT INTO petition (org_id, kind, received, year, subject,"
                        " within_competence, state, state_kind, resolved_on, created_at,"
                        " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        n += len(rows)
        ex = list(_rows(os.path.join(outdir, "exemplars.csv")))
        people = {}
        for p in {r[1] for r in ex if r[1]}:
            people[p] = con.execute("SELECT id FROM person WHERE code = ?", (p,)).fetchone()[0]
        rows = [(org[c], people.get(p), int(y), lv, t, st, now, now)
                for c, p, y, lv, t, st in ex]
        con.executemany("INSERT INTO exemplar (org_id, person_id, year, level, title, status,"
                        " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", rows)
        n += len(rows)
        rows = [(org[c], k, org[tc], sd, int(y), s, now, now)
                for c, k, tc, sd, y, s in _rows(os.path.join(outdir, "inspections.csv"))]
        con.executemany("INSERT INTO inspection (org_id, kind, target_org_id, start_date, year,"
                        " subject, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", rows)
        n += len(rows)
    con.close()
    log("  plans, concerns, petitions, exemplars, inspections by SQL: %d rows" % n)
    return n


def pledge_workflow(db, year, log):
    """The pledges of the year through their workflow, by SQL: 0,5 % stay
    drafts, 1,5 % accepted, 1,5 % reviewed, the rest closed with a verdict
    (done 88 %, partly 9,5 %, not done 2,5 %); those due next year accepted.
    Chosen by a hash of the id, so the same load gives the same states."""
    con = _sql_connect(db)
    h = "((id * 2654435761) % 1000)"
    h2 = "((id * 40503 + 7) % 1000)"
    y1 = "'%d-12-31'" % year
    st = (f"(CASE WHEN {h} < 5 THEN 0 WHEN {h} < 20 OR due_date > {y1} THEN 1 "
          f"WHEN {h} < 35 THEN 2 ELSE 3 END)")
    verdict = f"(CASE WHEN {h2} < 880 THEN 'done' WHEN {h2} < 975 THEN 'partly' ELSE 'not_done' END)"
    sql = f"""
    UPDATE pledge SET
      status = CASE {st} WHEN 0 THEN 'draft' WHEN 1 THEN 'accepted' WHEN 2 THEN 'reviewed'
               ELSE 'closed' END,
      submitted_on = CASE WHEN {st} >= 1 THEN printf('%d-01-%02d', {year}, 5 + {h} % 20) END,
      accepted_on = CASE WHEN {st} >= 1 THEN printf('%d-02-%02d', {year}, 1 + {h} % 20) END,
      self_review = CASE WHEN {st} >= 2 THEN 'Đã thực hiện các nội dung đăng ký' END,
      reviewed_on = CASE WHEN {st} >= 2 THEN min(due_date, '{year}-12-01') END,
      verdict = CASE WHEN {st} = 3 THEN {verdict} END,
      verdict_on = CASE WHEN {st} = 3 THEN '{year}-12-20' END,
      progress = CASE WHEN {st} = 0 THEN NULL WHEN {st} < 3 THEN 60
                 WHEN {verdict} = 'done' THEN 100 WHEN {verdict} = 'partly' THEN 70 ELSE 30 END
    WHERE year = {year} AND status = 'draft'
    """
    t = time.time()
    with con:
        n = con.execute(sql).rowcount
    con.close()
    log("  pledge workflow by SQL: %d pledges in %.1f s" % (n, time.time() - t))
    return n


# The lookups `lamtheo import` matches rows with (src/io/io_import.c,
# key_fields and store_find), an example of each, the column its plan must
# search by, and the partial index that makes it do so.  Without them
# SQLite (no statistics on a new database) answers "person_id IS NULL AND
# year = ?" from the index on (person_id, year) — every collective pledge or
# unit evaluation of the year for each row: quadratic, days at national scale
# — and evaluations by person have no index at all.
LOOKUPS = {
    "pledges": [
        ("SELECT id FROM pledge WHERE org_id = 1 AND person_id IS NULL AND year = 2025 "
         "AND follow = 'x' ORDER BY id", "org_id=?",
         "CREATE INDEX bench_pledge_collective ON pledge(org_id, year, follow) "
         "WHERE person_id IS NULL"),
    ],
    "evaluations": [
        ("SELECT id FROM evaluation WHERE person_id = 1 AND year = 2025 ORDER BY id",
         "person_id=?",
         "CREATE INDEX bench_evaluation_person ON evaluation(person_id, year) "
         "WHERE person_id IS NOT NULL"),
        ("SELECT id FROM evaluation WHERE org_id = 1 AND person_id IS NULL AND year = 2025 "
         "ORDER BY id", "org_id=?", None),
    ],
    # By (unit, kind, date, title): SQLite picks the index on date alone,
    # every activity of that day in the country for each row.
    "activities": [
        ("SELECT id FROM activity WHERE org_id = 1 AND kind = 'x' AND date = '2025-01-01' "
         "AND title = 't' ORDER BY id", "org_id=?",
         "CREATE INDEX bench_activity_key ON activity(org_id, kind, date)"),
    ],
}


def import_workarounds(db, typ, log):
    """Adds the indexes the import's lookups of typ lack (LOOKUPS); returns
    their names, for drop_workarounds once the file is in."""
    con = _sql_connect(db)
    made = []
    for sql, want, index in LOOKUPS.get(typ, []):
        plan = " ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + sql))
        if want in plan:
            continue
        if index is None:
            raise RuntimeError("the import's lookup %r searches by %s" % (sql, plan))
        with con:
            con.execute(index)
        made.append(index.split()[2])
        log("  (workaround: %s, for the import's lookup by %s; dropped after it)" % (
            index, want.rstrip("=?")))
    # A lookup that had a good plan may have lost it to the new index.
    for sql, want, _ in LOOKUPS.get(typ, []):
        plan = " ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + sql))
        if want not in plan:
            raise RuntimeError("the import's lookup %r searches by %s" % (sql, plan))
    con.close()
    return made


def drop_workarounds(db, names):
    con = _sql_connect(db)
    with con:
        for n in names:
            con.execute("DROP INDEX IF EXISTS %s" % n)
    con.close()


def lamtheo(bin, *args, stdin=None, logf=None):
    r = subprocess.run([bin, *args], input=stdin, text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    if logf:
        logf.write("$ lamtheo %s\n%s\n" % (" ".join(args), r.stdout))
        logf.flush()
    if r.returncode != 0:
        raise RuntimeError("lamtheo %s failed (%d):\n%s" % (" ".join(args), r.returncode,
                                                            r.stdout[-4000:]))
    return r.stdout


def import_file(bin, db, typ, path, logf=None):
    """Runs one import; returns its wall time in seconds."""
    t = time.time()
    lamtheo(bin, "import", "--db", db, "--type", typ, path, logf=logf)
    return time.time() - t


def load(bin, db, outdir, manifest, log=print):
    """A new database at db from the files in outdir.  Writes outdir/orgs.db
    (the tree alone: the people import of bench/run starts from it) and
    db.login (the bench account's password).  Returns the timings and the
    names of the indexes added for the imports (and dropped after them)."""
    for suffix in ("", "-wal", "-shm", ".login"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    logf = open(os.path.join(outdir, "load.log"), "w", encoding="utf-8")
    times, workarounds = {}, []
    t0 = time.time()
    lamtheo(bin, "migrate", "--db", db, logf=logf)
    rows = manifest["rows"]
    for typ, name in manifest["files"]["import"]:
        path = os.path.join(outdir, name)
        made = import_workarounds(db, typ, log)
        workarounds += made
        dt = import_file(bin, db, typ, path, logf)
        drop_workarounds(db, made)
        times[typ] = dt
        log("  import %-12s %10d rows in %7.1f s (%.0f rows/s)" % (
            typ, rows[name], dt, rows[name] / dt if dt > 0 else 0))
        if typ == "orgs":
            shutil.copyfile(db, os.path.join(outdir, "orgs.db"))
        if typ == "people":
            t = time.time()
            load_extras(db, outdir, log)
            times["extras_sql"] = time.time() - t
        if typ == "pledges":
            t = time.time()
            pledge_workflow(db, manifest["year"], log)
            times["pledge_workflow_sql"] = time.time() - t
    password = secrets.token_urlsafe(18)
    # Committee staff at the root: everything the benchmark does (writes,
    # merges, the national views), with a password alone (an administrator
    # must log in with a second factor).
    lamtheo(bin, "user", "add", "--db", db, "--username", USERNAME, "--role", "staff",
            "--org", manifest["root"]["code"], stdin=password + "\n", logf=logf)
    fd = os.open(db + ".login", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("%s\t%s\n" % (USERNAME, password))
    times["total"] = time.time() - t0
    logf.close()
    return times, workarounds


def login_of(db):
    with open(db + ".login") as f:
        user, pw = f.read().strip().split("\t")
    return user, pw
