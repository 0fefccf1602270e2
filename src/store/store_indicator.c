/*
 * store_indicator.c — the SQL of the figures (core_indicator.c): each one
 * query over the records whose unit lies in the scope (a unit's subtree and
 * the units merged into it, so that a 2022 figure of a new commune is the
 * sum of its predecessors), for one year.  Rates are Σ numerator ÷ Σ
 * denominator over the whole scope; the numerator is always a subset of the
 * denominator, so no rate exceeds 100%.
 *
 * Who counts for a year (docs/indicators.md): the tree of that year.  The
 * scope of a unit for a year (store_scope_for_year) is the paths its
 * periods had during the year, and those of the units merged into it; a
 * unit counts when one of its periods overlapping the year lies under them.
 *  - a unit counts when it was open at some time during the year;
 *  - a member, when active today, a party member, and joined the Party by
 *    31/12 of the year, in the unit he or she belongs to today (whose place
 *    that year decides);
 *  - a record, by its own year (or date) and the unit it was made for.
 *
 * Each query returns num, den, part 1..4 (0 where it has none).  Templates
 * name their parameters {Y} (the year), {Y0} (1 January) and {Y1}
 * (31 December); the scope's parameters come first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

#define LIVE(a) a ".deleted_at IS NULL"
#define IN_SCOPE SQL_IN_SCOPE
#define OPEN_IN_YEAR "o.valid_from <= {Y1} AND (o.valid_to IS NULL OR o.valid_to > {Y0})"

static const char *const templates[IND__MAX] = {
	[IND_PLANS] =
	    "SELECT SUM(CASE WHEN EXISTS (SELECT 1 FROM plan p WHERE p.org_id = o.id "
	    "AND p.year = {Y} AND " LIVE("p") ") THEN 1 ELSE 0 END), COUNT(*), 0, 0, 0, 0 "
	    "FROM org o WHERE " IN_SCOPE " AND o.kind IN ('province_committee', "
	    "'district_committee', 'base_committee') AND " OPEN_IN_YEAR,
	[IND_PLEDGE_RATE] =
	    "SELECT SUM(CASE WHEN EXISTS (SELECT 1 FROM pledge p WHERE p.person_id = x.id "
	    "AND p.year = {Y} AND p.status <> 'draft' AND " LIVE("p") ") THEN 1 ELSE 0 END), "
	    "COUNT(*), 0, 0, 0, 0 FROM person x JOIN org o ON o.id = x.org_id WHERE " IN_SCOPE " "
	    "AND x.party_member = 1 AND x.status = 'active' AND x.party_joined <= {Y1}",
	[IND_KEY_PLEDGE_RATE] =
	    "SELECT SUM(CASE WHEN EXISTS (SELECT 1 FROM pledge p WHERE p.person_id = x.id "
	    "AND p.year = {Y} AND p.status <> 'draft' AND " LIVE("p") ") THEN 1 ELSE 0 END), "
	    "COUNT(*), 0, 0, 0, 0 FROM person x JOIN org o ON o.id = x.org_id WHERE " IN_SCOPE " "
	    "AND x.party_member = 1 AND x.status = 'active' AND x.party_joined <= {Y1} "
	    "AND (x.key_cadre = 1 OR x.head = 1)",
	[IND_PLEDGES_FILED] =
	    "SELECT COUNT(*), 0, SUM(CASE WHEN p.person_id IS NOT NULL THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN p.person_id IS NULL THEN 1 ELSE 0 END), 0, 0 "
	    "FROM pledge p JOIN org o ON o.id = p.org_id WHERE " IN_SCOPE " AND p.year = {Y} "
	    "AND p.status <> 'draft' AND " LIVE("p"),
	[IND_PLEDGES_DONE] =
	    "SELECT SUM(CASE WHEN p.verdict = 'done' THEN 1 ELSE 0 END), COUNT(*), 0, 0, 0, 0 "
	    "FROM pledge p JOIN org o ON o.id = p.org_id WHERE " IN_SCOPE " AND p.due_date >= {Y0} "
	    "AND p.due_date <= {Y1} AND p.status <> 'draft' AND " LIVE("p"),
	[IND_CELLS_TOPIC] =
	    "SELECT SUM(CASE WHEN EXISTS (SELECT 1 FROM activity a WHERE a.org_id = o.id "
	    "AND a.kind = 'cell_meeting' AND a.topic_on_agenda = 1 AND a.year = {Y} AND "
	    LIVE("a") ") THEN 1 ELSE 0 END), COUNT(*), 0, 0, 0, 0 FROM org o WHERE " IN_SCOPE " "
	    "AND o.kind = 'cell' AND " OPEN_IN_YEAR,
	[IND_CONFERENCES] =
	    "SELECT COUNT(*), 0, COUNT(*), SUM(a.outside_count + (SELECT COUNT(*) FROM "
	    "attendance t WHERE t.activity_id = a.id)), 0, 0 FROM activity a JOIN org o "
	    "ON o.id = a.org_id WHERE " IN_SCOPE " AND a.kind = 'conference' AND a.year = {Y} "
	    "AND " LIVE("a"),
	[IND_CONCERNS] =
	    "SELECT SUM(CASE WHEN c.state_kind = 'resolved' THEN 1 ELSE 0 END), COUNT(*), "
	    "0, 0, 0, 0 FROM concern c JOIN org o ON o.id = c.org_id WHERE " IN_SCOPE " "
	    "AND c.year = {Y} AND " LIVE("c"),
	[IND_EXEMPLARS] =
	    "SELECT COUNT(*), 0, SUM(CASE WHEN e.person_id IS NULL THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN e.person_id IS NOT NULL THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN e.status IN ('commended', 'replicated') THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN e.status = 'replicated' OR EXISTS (SELECT 1 FROM "
	    "exemplar_replication r WHERE r.exemplar_id = e.id) THEN 1 ELSE 0 END) "
	    "FROM exemplar e JOIN org o ON o.id = e.org_id WHERE " IN_SCOPE " AND e.year = {Y} "
	    "AND " LIVE("e"),
	[IND_INSPECTIONS] =
	    "SELECT COUNT(*), 0, SUM(CASE WHEN i.kind = 'inspection' THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN i.kind = 'thematic_supervision' THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN i.kind = 'self_inspection' THEN 1 ELSE 0 END), 0 "
	    "FROM inspection i JOIN org o ON o.id = i.org_id WHERE " IN_SCOPE " AND i.year = {Y} "
	    "AND " LIVE("i"),
	[IND_DIALOGUES] =
	    "SELECT COUNT(*), 0, SUM(CASE WHEN a.kind = 'citizen_reception' THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN a.kind = 'dialogue' THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN a.kind = 'voter_contact' THEN 1 ELSE 0 END), 0 "
	    "FROM activity a JOIN org o ON o.id = a.org_id WHERE " IN_SCOPE " AND a.year = {Y} "
	    "AND a.kind IN ('citizen_reception', 'dialogue', 'voter_contact') AND " LIVE("a"),
	[IND_PETITIONS] =
	    "SELECT SUM(CASE WHEN p.state_kind = 'resolved' THEN 1 ELSE 0 END), COUNT(*), "
	    "0, 0, 0, 0 FROM petition p JOIN org o ON o.id = p.org_id WHERE " IN_SCOPE " "
	    "AND p.year = {Y} AND p.within_competence = 1 AND " LIVE("p"),
	[IND_ORGS_GOOD] =
	    "SELECT SUM(CASE WHEN e.level IN ('excellent', 'good') THEN 1 ELSE 0 END), "
	    "COUNT(*), 0, 0, 0, 0 FROM evaluation e JOIN org o ON o.id = e.org_id "
	    "WHERE " IN_SCOPE " AND e.year = {Y} AND e.person_id IS NULL AND e.scale = 'party' "
	    "AND o.kind = 'base_committee' AND " LIVE("e"),
	[IND_MEMBERS_GOOD] =
	    "SELECT SUM(CASE WHEN e.level IN ('excellent', 'good') THEN 1 ELSE 0 END), "
	    "COUNT(*), 0, 0, 0, 0 FROM evaluation e JOIN org o ON o.id = e.org_id "
	    "WHERE " IN_SCOPE " AND e.year = {Y} AND e.person_id IS NOT NULL AND e.scale = 'party' "
	    "AND " LIVE("e"),
	[IND_MASS_STRONG] =
	    "SELECT SUM(CASE WHEN e.level = 'strong' THEN 1 ELSE 0 END), COUNT(*), 0, 0, 0, 0 "
	    "FROM evaluation e JOIN org o ON o.id = e.org_id WHERE " IN_SCOPE " AND e.year = {Y} "
	    "AND e.person_id IS NULL AND e.scale = 'mass' AND o.kind = 'mass_org' AND "
	    LIVE("e"),
};

int
store_indicator(struct store *st, enum indicator_id id, const struct scope *sc,
    int year, struct ind_value *out)
{
	char scope[2048], sql[6144], py[16], py0[16], py1[16], y0[16], y1[16];
	const char *names[4][2];
	struct q *q;
	int n, rc;

	memset(out, 0, sizeof(*out));
	if ((unsigned)id >= IND__MAX)
		return store_fail(st, ST_ERROR, "no such indicator");
	if ((n = sql_scope(sc, "pp.path", 1, scope, sizeof(scope))) < 0)
		return store_fail(st, ST_ERROR, "scope too large");
	snprintf(py, sizeof(py), "$%d", n);
	snprintf(py0, sizeof(py0), "$%d", n + 1);
	snprintf(py1, sizeof(py1), "$%d", n + 2);
	names[0][0] = "{SCOPE}", names[0][1] = scope;
	names[1][0] = "{Y0}", names[1][1] = py0;
	names[2][0] = "{Y1}", names[2][1] = py1;
	names[3][0] = "{Y}", names[3][1] = py;
	if (sql_expand(templates[id], sql, sizeof(sql), names, 4) != 0)
		return store_fail(st, ST_ERROR, "indicator query too large");
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	bind_scope(q, sc, 1);
	snprintf(y0, sizeof(y0), "%04d-01-01", year % 10000);
	snprintf(y1, sizeof(y1), "%04d-12-31", year % 10000);
	/* A template may not use all three: SQLite binds by name and ignores
	 * a name it does not have. */
	q_int(q, n, year);
	q_text(q, n + 1, y0);
	q_text(q, n + 2, y1);
	rc = q_step(q);
	if (rc == 1) {
		out->num = q_col_int(q, 0);
		out->den = q_col_int(q, 1);
		for (int i = 0; i < IND_PARTS; i++)
			out->part[i] = q_col_int(q, 2 + i);
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_scope_for_year(struct store *st, int64_t org_id, int year, struct scope *out)
{
	int64_t ids[LIMIT_SCOPE_PREFIXES];
	int nids = 1, done = 0, rc;
	char y0[16], y1[16];
	struct date a = { year, 1, 1 }, b = { year, 12, 31 };

	memset(out, 0, sizeof(*out));
	ids[0] = org_id;
	date_format(&a, y0);
	date_format(&b, y1);
	/* The unit and, repeatedly, the units merged into any of them. */
	while (done < nids) {
		struct q *q = q_prep(st, "SELECT id FROM org WHERE successor_id = $1");

		if (q == NULL)
			return ST_ERROR;
		q_int(q, 1, ids[done++]);
		while ((rc = q_step(q)) == 1 && nids < LIMIT_SCOPE_PREFIXES)
			ids[nids++] = q_col_int(q, 0);
		q_done(q);
		if (rc < 0)
			return -rc;
	}
	/* Where each of them stood during the year. */
	for (int i = 0; i < nids; i++) {
		struct q *q = q_prep(st, "SELECT path FROM org_period WHERE org_id = $1 "
		    "AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $3)");

		if (q == NULL)
			return ST_ERROR;
		q_int(q, 1, ids[i]);
		q_text(q, 2, y1);
		q_text(q, 3, y0);
		while ((rc = q_step(q)) == 1)
			scope_add(out, q_col_text(q, 0));
		q_done(q);
		if (rc < 0)
			return -rc;
	}
	return ST_OK;
}
