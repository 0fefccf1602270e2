/*
 * store_year.c — the year reports (core_year.c): one per unit and year,
 * the party organisations that stood under a unit that year (who report to
 * it), and what a subtree has entered for the year (the completeness view).
 *
 * The completeness counts of a unit (party organisations open in the year,
 * how many submitted and approved, pledges filed, cell meetings) are kept
 * figures (issue 8: 11 s for the national root when counted from the
 * records): the hidden indicators _year_units and _cell_meetings and the
 * shown pledges_filed (core_indicator.c), one rollup row each.  The view
 * counts a unit's own tree of the year (store_scope_own_year), the figures
 * also the units merged into it; the two are the same unit for unit
 * unless a unit has been merged into it (a unit's reach grows beyond its
 * paths only through a successor), so a unit that some unit was merged
 * into — a few communes and provinces — is counted from the records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

int
store_year_report(struct store *st, int64_t org_id, int year, struct record **out)
{
	const struct rtype *t = &rtypes[RT_YEAR_REPORT];
	char cols[1024], sql[1400];
	struct q *q;
	int rc;

	*out = NULL;
	if (sql_select_cols(t, NULL, cols, sizeof(cols)) < 0)
		return store_fail(st, ST_ERROR, "year_report: columns");
	snprintf(sql, sizeof(sql), "SELECT %s FROM year_report WHERE org_id = $1 AND year = $2",
	    cols);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, org_id);
	q_int(q, 2, year);
	rc = q_step(q);
	if (rc == 1)
		*out = record_from_row(t, q, 0);
	q_done(q);
	if (rc < 0)
		return -rc;
	if (rc == 0)
		return ST_NOTFOUND;
	return *out ? ST_OK : store_fail(st, ST_ERROR, "out of memory");
}

int
store_year_status(struct store *st, int64_t org_id, int year, enum year_status *out)
{
	struct q *q;
	int rc, i;

	*out = YST_OPEN;
	if ((q = q_prep(st, "SELECT status FROM year_report WHERE org_id = $1 AND "
	    "year = $2")) == NULL)
		return ST_ERROR;
	q_int(q, 1, org_id);
	q_int(q, 2, year);
	rc = q_step(q);
	if (rc == 1 && (i = enum_index(year_statuses, q_col_text(q, 0))) >= 0)
		*out = (enum year_status)i;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_year_units(struct store *st, int64_t org_id, int year, struct record_list *out)
{
	const struct rtype *t = &rtypes[RT_ORG];
	char cols[1024], sql[1600];
	struct q *q;
	int rc;

	if (sql_select_cols(t, "o", cols, sizeof(cols)) < 0)
		return store_fail(st, ST_ERROR, "org: columns");
	/* The units whose place that year was under it: a unit moved or
	 * merged during the year reports where it stood last. */
	snprintf(sql, sizeof(sql), "SELECT %s FROM org o WHERE o.id IN (SELECT p.org_id "
	    "FROM org_period p WHERE p.parent_id = $1 AND p.valid_from <= $2 AND "
	    "(p.valid_to IS NULL OR p.valid_to > $3) AND NOT EXISTS (SELECT 1 FROM "
	    "org_period l WHERE l.org_id = p.org_id AND l.valid_from > p.valid_from AND "
	    "l.valid_from <= $2)) AND o.kind IN " YEAR_REPORT_KINDS " ORDER BY o.path", cols);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, org_id);
	{
		char y0[11], y1[11];
		struct date a = { year, 1, 1 }, b = { year, 12, 31 };

		date_format(&b, y1);
		date_format(&a, y0);
		q_text(q, 2, y1);
		q_text(q, 3, y0);
	}
	while ((rc = q_step(q)) == 1) {
		struct record *r = record_from_row(t, q, 0);

		if (r == NULL) {
			q_done(q);
			return store_fail(st, ST_ERROR, "out of memory");
		}
		record_list_push(out, r);
	}
	q_done(q);
	out->total = (int64_t)out->n;
	return rc < 0 ? -rc : ST_OK;
}

#define OPEN_IN_YEAR "o.valid_from <= {Y1} AND (o.valid_to IS NULL OR o.valid_to > {Y0})"

/* The counts of what the tree entered, from the records. */
static int
counts_live(struct store *st, const struct scope *sc, int year, struct year_counts *out)
{
	static const char tmpl[] =
	    "SELECT COUNT(*), "
	    "SUM(CASE WHEN r.status IN ('submitted', 'approved') THEN 1 ELSE 0 END), "
	    "SUM(CASE WHEN r.status = 'approved' THEN 1 ELSE 0 END), "
	    "(SELECT COUNT(*) FROM pledge p JOIN org o ON o.id = p.org_id WHERE " SQL_IN_SCOPE_SET
	    " AND p.year = {Y} AND p.status <> 'draft' AND p.deleted_at IS NULL), "
	    "(SELECT COUNT(*) FROM activity a JOIN org o ON o.id = a.org_id WHERE " SQL_IN_SCOPE_SET
	    " AND a.year = {Y} AND a.kind = 'cell_meeting' AND a.deleted_at IS NULL) "
	    "FROM org o LEFT JOIN year_report r ON r.org_id = o.id AND r.year = {Y} "
	    "WHERE " SQL_IN_SCOPE_SET " AND " OPEN_IN_YEAR " AND o.kind IN " YEAR_REPORT_KINDS;
	struct q *q;
	int rc, extra;

	memset(out, 0, sizeof(*out));
	if ((q = q_prep_year(st, tmpl, sc, year, &extra)) == NULL)
		return ST_ERROR;
	rc = q_step(q);
	if (rc == 1) {
		out->units = q_col_int(q, 0);
		out->submitted = q_col_int(q, 1);
		out->approved = q_col_int(q, 2);
		out->pledges = q_col_int(q, 3);
		out->meetings = q_col_int(q, 4);
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_year_parent(struct store *st, int64_t org_id, int year, int64_t *parent_id)
{
	char y1[11];
	struct date d = { year, 12, 31 };
	struct q *q;
	int rc;

	*parent_id = 0;
	date_format(&d, y1);
	/* Where it stood last that year. */
	if ((q = q_prep(st, "SELECT parent_id FROM org_period WHERE org_id = $1 AND "
	    "valid_from <= $2 ORDER BY valid_from DESC LIMIT 1")) == NULL)
		return ST_ERROR;
	q_int(q, 1, org_id);
	q_text(q, 2, y1);
	rc = q_step(q);
	if (rc == 1 && !q_col_null(q, 0))
		*parent_id = q_col_int(q, 0);
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_year_counts(struct store *st, int64_t org_id, int year, struct year_counts *out)
{
	struct ind_value units, pledges, meetings;
	struct scope sc;
	struct q *q;
	int rc, merged;

	memset(out, 0, sizeof(*out));
	if ((q = q_prep(st, "SELECT EXISTS (SELECT 1 FROM org WHERE successor_id = $1)")) == NULL)
		return ST_ERROR;
	q_int(q, 1, org_id);
	rc = q_step(q);
	merged = rc == 1 ? (int)q_col_int(q, 0) : 1;
	q_done(q);
	if (rc < 0)
		return -rc;
	if (!merged &&
	    (rc = store_figure_kept(st, org_id, year, indicators[IND_YEAR_UNITS].name,
	    &units)) == ST_OK &&
	    (rc = store_figure_kept(st, org_id, year, indicators[IND_PLEDGES_FILED].name,
	    &pledges)) == ST_OK &&
	    (rc = store_figure_kept(st, org_id, year, indicators[IND_CELL_MEETINGS].name,
	    &meetings)) == ST_OK) {
		out->units = units.num;
		out->submitted = units.part[0];
		out->approved = units.part[1];
		out->pledges = pledges.num;
		out->meetings = meetings.num;
		return ST_OK;
	}
	if (!merged && rc != ST_NOTFOUND)
		return rc;
	if ((rc = store_scope_own_year(st, org_id, year, &sc)) != ST_OK)
		return rc;
	return counts_live(st, &sc, year, out);
}
