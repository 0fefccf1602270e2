"""Every figure of GET /api/v1/indicators by one plain SQL query: a
recursive CTE over the organisation tree joined to the records, GROUP BY.

Written from the definitions in docs/indicators.md (and their SQL in
src/store/store_indicator.c), independently of the server's code, so that
the benchmark can check that the server's figures equal it exactly:

  scope of unit X for year Y: X and, repeatedly, the units merged into it
    (successor_id); every unit that stood under one of them at some time
    during Y, following the periods of the tree (org_period: parent,
    valid_from inclusive, valid_to exclusive), each step within the time
    the step above it held;
  units (committees, cells) count when open during Y (org.valid_from <=
    31/12, valid_to after 1/1 or open);
  members: party members, active, joined by 31/12 of Y, in their unit of
    today; records: by their year (or due date) and unit, not deleted;
    draft pledges are not filed.

Each figure gives (num, den, parts[4]) as the API does: a rate has num and
den and no parts; a count has num = the count and its parts.
"""
import sqlite3
import time

SCOPE = """
WITH RECURSIVE
  merged(id) AS (
    SELECT :org
    UNION
    SELECT o.id FROM org o JOIN merged m ON o.successor_id = m.id),
  tree(id, f, t) AS (
    SELECT p.org_id, max(p.valid_from, :y0), min(coalesce(p.valid_to, '9999-12-31'), :ny0)
      FROM org_period p JOIN merged m ON p.org_id = m.id
     WHERE p.valid_from < :ny0 AND coalesce(p.valid_to, '9999-12-31') > :y0
    UNION
    SELECT c.org_id, max(c.valid_from, t.f), min(coalesce(c.valid_to, '9999-12-31'), t.t)
      FROM org_period c JOIN tree t ON c.parent_id = t.id
     WHERE c.valid_from < t.t AND coalesce(c.valid_to, '9999-12-31') > t.f),
  scope(id) AS (SELECT DISTINCT id FROM tree)
"""

OPEN = "o.valid_from <= :y1 AND (o.valid_to IS NULL OR o.valid_to > :y0)"


def _rate(name, sql):
    return (name, "rate", sql)


def _count(name, sql):
    return (name, "count", sql)


# Each: SELECT num, den, p1, p2, p3, p4 over `scope`.
FIGURES = [
    _rate("committees_with_plan", f"""
      SELECT SUM(has), COUNT(*), 0, 0, 0, 0 FROM (
        SELECT o.id, MAX(p.id IS NOT NULL) AS has
          FROM scope s JOIN org o ON o.id = s.id
          LEFT JOIN plan p ON p.org_id = o.id AND p.year = :y AND p.deleted_at IS NULL
         WHERE o.kind IN ('province_committee', 'district_committee', 'base_committee')
           AND {OPEN}
         GROUP BY o.id)"""),
    _rate("member_pledge_rate", """
      SELECT SUM(has), COUNT(*), 0, 0, 0, 0 FROM (
        SELECT x.id, MAX(p.id IS NOT NULL) AS has
          FROM scope s JOIN person x ON x.org_id = s.id
          LEFT JOIN pledge p ON p.person_id = x.id AND p.year = :y
               AND p.status <> 'draft' AND p.deleted_at IS NULL
         WHERE x.party_member = 1 AND x.status = 'active' AND x.party_joined <= :y1
         GROUP BY x.id)"""),
    _rate("key_cadre_pledge_rate", """
      SELECT SUM(has), COUNT(*), 0, 0, 0, 0 FROM (
        SELECT x.id, MAX(p.id IS NOT NULL) AS has
          FROM scope s JOIN person x ON x.org_id = s.id
          LEFT JOIN pledge p ON p.person_id = x.id AND p.year = :y
               AND p.status <> 'draft' AND p.deleted_at IS NULL
         WHERE x.party_member = 1 AND x.status = 'active' AND x.party_joined <= :y1
           AND (x.key_cadre = 1 OR x.head = 1)
         GROUP BY x.id)"""),
    _count("pledges_filed", """
      SELECT COUNT(*), 0, SUM(p.person_id IS NOT NULL), SUM(p.person_id IS NULL), 0, 0
        FROM scope s JOIN pledge p ON p.org_id = s.id
       WHERE p.year = :y AND p.status <> 'draft' AND p.deleted_at IS NULL"""),
    _rate("pledges_completed", """
      SELECT SUM(p.verdict = 'done'), COUNT(*), 0, 0, 0, 0
        FROM scope s JOIN pledge p ON p.org_id = s.id
       WHERE p.due_date >= :y0 AND p.due_date <= :y1 AND p.status <> 'draft'
         AND p.deleted_at IS NULL"""),
    _rate("cells_topic_in_meetings", f"""
      SELECT SUM(has), COUNT(*), 0, 0, 0, 0 FROM (
        SELECT o.id, MAX(a.id IS NOT NULL) AS has
          FROM scope s JOIN org o ON o.id = s.id
          LEFT JOIN activity a ON a.org_id = o.id AND a.kind = 'cell_meeting'
               AND a.topic_on_agenda = 1 AND a.year = :y AND a.deleted_at IS NULL
         WHERE o.kind = 'cell' AND {OPEN}
         GROUP BY o.id)"""),
    _count("conferences", """
      SELECT COUNT(*), 0, COUNT(*), SUM(outside_count + present), 0, 0 FROM (
        SELECT a.id, a.outside_count, COUNT(t.id) AS present
          FROM scope s JOIN activity a ON a.org_id = s.id
          LEFT JOIN attendance t ON t.activity_id = a.id
         WHERE a.kind = 'conference' AND a.year = :y AND a.deleted_at IS NULL
         GROUP BY a.id)"""),
    _rate("concerns_resolved", """
      SELECT SUM(c.state_kind = 'resolved'), COUNT(*), 0, 0, 0, 0
        FROM scope s JOIN concern c ON c.org_id = s.id
       WHERE c.year = :y AND c.deleted_at IS NULL"""),
    _count("exemplars", """
      SELECT COUNT(*), 0, SUM(person_id IS NULL), SUM(person_id IS NOT NULL),
             SUM(status IN ('commended', 'replicated')), SUM(status = 'replicated' OR nrep > 0)
        FROM (
        SELECT e.id, e.person_id, e.status, COUNT(r.id) AS nrep
          FROM scope s JOIN exemplar e ON e.org_id = s.id
          LEFT JOIN exemplar_replication r ON r.exemplar_id = e.id
         WHERE e.year = :y AND e.deleted_at IS NULL
         GROUP BY e.id)"""),
    _count("inspections", """
      SELECT COUNT(*), 0, SUM(i.kind = 'inspection'), SUM(i.kind = 'thematic_supervision'),
             SUM(i.kind = 'self_inspection'), 0
        FROM scope s JOIN inspection i ON i.org_id = s.id
       WHERE i.year = :y AND i.deleted_at IS NULL"""),
    _count("dialogues", """
      SELECT COUNT(*), 0, SUM(a.kind = 'citizen_reception'), SUM(a.kind = 'dialogue'),
             SUM(a.kind = 'voter_contact'), 0
        FROM scope s JOIN activity a ON a.org_id = s.id
       WHERE a.year = :y AND a.kind IN ('citizen_reception', 'dialogue', 'voter_contact')
         AND a.deleted_at IS NULL"""),
    _rate("petitions_handled", """
      SELECT SUM(p.state_kind = 'resolved'), COUNT(*), 0, 0, 0, 0
        FROM scope s JOIN petition p ON p.org_id = s.id
       WHERE p.year = :y AND p.within_competence = 1 AND p.deleted_at IS NULL"""),
    _rate("orgs_good_or_better", """
      SELECT SUM(e.level IN ('excellent', 'good')), COUNT(*), 0, 0, 0, 0
        FROM scope s JOIN org o ON o.id = s.id JOIN evaluation e ON e.org_id = o.id
       WHERE e.year = :y AND e.deleted_at IS NULL AND e.person_id IS NULL
         AND e.scale = 'party' AND o.kind = 'base_committee'"""),
    _rate("members_good_or_better", """
      SELECT SUM(e.level IN ('excellent', 'good')), COUNT(*), 0, 0, 0, 0
        FROM scope s JOIN evaluation e ON e.org_id = s.id
       WHERE e.year = :y AND e.deleted_at IS NULL AND e.person_id IS NOT NULL
         AND e.scale = 'party'"""),
    _rate("mass_orgs_strong", """
      SELECT SUM(e.level = 'strong'), COUNT(*), 0, 0, 0, 0
        FROM scope s JOIN org o ON o.id = s.id JOIN evaluation e ON e.org_id = o.id
       WHERE e.year = :y AND e.deleted_at IS NULL AND e.person_id IS NULL
         AND e.scale = 'mass' AND o.kind = 'mass_org'"""),
]

NAMES = [f[0] for f in FIGURES]

# One statement: the scope once, every figure a row.
QUERY = SCOPE + "\nUNION ALL\n".join(
    "SELECT '%s', '%s', * FROM (%s)" % (name, kind, sql) for name, kind, sql in FIGURES)


def params(org_id, year):
    return {"org": org_id, "y": year, "y0": "%04d-01-01" % year, "y1": "%04d-12-31" % year,
            "ny0": "%04d-01-01" % (year + 1)}


def connect(db):
    """A read-only connection, as a reporting tool would open the file."""
    return sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=60)


def figures(con, org_id, year):
    """{name: (kind, num, den, [p1..p4])} of unit org_id in year."""
    out = {}
    for name, kind, *v in con.execute(QUERY, params(org_id, year)):
        v = [int(x or 0) for x in v]
        out[name] = (kind, v[0], v[1], v[2:6])
    return out


def timed_figures(con, org_id, year):
    t = time.perf_counter()
    f = figures(con, org_id, year)
    return f, time.perf_counter() - t


def api_figures(body):
    """The same shape from GET /api/v1/indicators."""
    out = {}
    for it in body["items"]:
        parts = [int(x) for x in it.get("parts", [])] + [0] * 4
        kind = it["kind"]
        out[it["name"]] = (kind, int(it["num"]), int(it.get("den", 0)) if kind == "rate" else 0,
                           parts[:4] if kind == "count" else [0, 0, 0, 0])
    return out


def differences(api, plain):
    """Lines describing every difference; empty when they are equal."""
    diff = []
    for name in sorted(set(api) | set(plain)):
        if name not in plain:
            diff.append("%s: served but has no plain query (add one to bench/benchlib/plain.py)"
                        % name)
        elif name not in api:
            diff.append("%s: not served by /api/v1/indicators" % name)
        elif api[name] != plain[name]:
            diff.append("%s: server %r, plain query %r" % (name, api[name][1:], plain[name][1:]))
    return diff
