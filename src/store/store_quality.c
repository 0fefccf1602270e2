/*
 * store_quality.c — the SQL of the data-quality checks (core_quality.c):
 * records that are possible but suspicious, and units that have not entered
 * their year, over the tree of that year (the same scope as the figures).
 * Each query returns the record's id, its unit, a title, the number of all
 * matches (window function) and the unit's name, one page at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

#define IN_SCOPE SQL_IN_SCOPE
#define PLEDGE_FROM "FROM pledge p JOIN org o ON o.id = p.org_id WHERE " IN_SCOPE \
	" AND p.year = {Y} AND p.deleted_at IS NULL"
#define PLEDGE_TITLE "COALESCE((SELECT x.full_name FROM person x WHERE x.id = p.person_id), " \
	"o.name) || ': ' || substr(p.follow, 1, 120)"

static const char *const templates[QC__MAX] = {
	[QC_ATTENDANCE_OVER] =
	    "SELECT a.id, a.org_id, a.title, COUNT(*) OVER (), o.name FROM activity a JOIN org o "
	    "ON o.id = a.org_id WHERE " IN_SCOPE " AND a.year = {Y} AND a.kind = 'cell_meeting' "
	    "AND a.deleted_at IS NULL AND (SELECT COUNT(*) FROM attendance t WHERE "
	    "t.activity_id = a.id AND t.deleted_at IS NULL) > (SELECT COUNT(*) FROM person x WHERE x.org_id = a.org_id "
	    "AND x.party_member = 1 AND x.status = 'active') ORDER BY a.date, a.id",
	[QC_CHECKIN_AFTER_VERDICT] =
	    "SELECT p.id, p.org_id, " PLEDGE_TITLE ", COUNT(*) OVER (), o.name " PLEDGE_FROM
	    " AND p.verdict_on IS NOT NULL AND EXISTS (SELECT 1 FROM pledge_checkin c "
	    "WHERE c.pledge_id = p.id AND c.date > p.verdict_on) ORDER BY p.id",
	[QC_DUE_BEFORE_FILED] =
	    "SELECT p.id, p.org_id, " PLEDGE_TITLE ", COUNT(*) OVER (), o.name " PLEDGE_FROM
	    " AND p.submitted_on IS NOT NULL AND p.due_date < p.submitted_on ORDER BY p.id",
	[QC_DUPLICATE_PLEDGE] =
	    "SELECT p.id, p.org_id, " PLEDGE_TITLE ", COUNT(*) OVER (), o.name " PLEDGE_FROM
	    " AND p.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM pledge q WHERE "
	    "q.person_id = p.person_id AND q.year = p.year AND q.id < p.id AND "
	    "q.deleted_at IS NULL) ORDER BY p.id",
	[QC_EVALUATION_NOT_MEMBER] =
	    "SELECT e.id, e.org_id, x.full_name, COUNT(*) OVER (), o.name FROM evaluation e "
	    "JOIN org o ON o.id = e.org_id JOIN person x ON x.id = e.person_id WHERE "
	    IN_SCOPE " AND e.year = {Y} AND e.scale = 'party' AND e.deleted_at IS NULL "
	    "AND x.party_member = 0 ORDER BY e.id",
	[QC_CELL_NO_MEETING] =
	    "SELECT o.id, o.id, o.name, COUNT(*) OVER (), o.name FROM org o WHERE " IN_SCOPE
	    " AND o.kind = 'cell' AND o.valid_from <= {Y1} AND (o.valid_to IS NULL OR "
	    "o.valid_to > {Y0}) AND NOT EXISTS (SELECT 1 FROM activity a WHERE "
	    "a.org_id = o.id AND a.kind = 'cell_meeting' AND a.year = {Y} AND "
	    "a.deleted_at IS NULL) ORDER BY o.path",
	[QC_COMMITTEE_NO_PLAN] =
	    "SELECT o.id, o.id, o.name, COUNT(*) OVER (), o.name FROM org o WHERE " IN_SCOPE
	    " AND o.kind IN ('province_committee', 'district_committee', 'base_committee') "
	    "AND o.valid_from <= {Y1} AND (o.valid_to IS NULL OR o.valid_to > {Y0}) AND "
	    "NOT EXISTS (SELECT 1 FROM plan p WHERE p.org_id = o.id AND p.year = {Y} AND "
	    "p.deleted_at IS NULL) ORDER BY o.path",
	[QC_STALE_PLEDGE] =
	    "SELECT p.id, p.org_id, " PLEDGE_TITLE ", COUNT(*) OVER (), o.name " PLEDGE_FROM
	    " AND p.status = 'accepted' AND COALESCE(p.last_checkin, p.accepted_on) < {T90} "
	    "ORDER BY COALESCE(p.last_checkin, p.accepted_on), p.id",
};

int
store_quality(struct store *st, enum quality_id id, const struct scope *sc, int year,
    const char *today, int page, int per_page, struct quality_hit **out, int *n,
    int64_t *total)
{
	char scope[2048], sql[6144], p[4][16], y0[16], y1[16], t90[16];
	const char *names[5][2];
	struct date d;
	struct q *q;
	int k, rc, cap = 0;

	*out = NULL;
	*n = 0;
	*total = 0;
	if ((unsigned)id >= QC__MAX)
		return store_fail(st, ST_ERROR, "no such check");
	if ((k = sql_scope(sc, "pp.path", 1, scope, sizeof(scope))) < 0)
		return store_fail(st, ST_ERROR, "scope too large");
	for (int i = 0; i < 4; i++)
		snprintf(p[i], sizeof(p[i]), "$%d", k + i);
	names[0][0] = "{SCOPE}", names[0][1] = scope;
	names[1][0] = "{Y0}", names[1][1] = p[1];
	names[2][0] = "{Y1}", names[2][1] = p[2];
	names[3][0] = "{Y}", names[3][1] = p[0];
	names[4][0] = "{T90}", names[4][1] = p[3];
	if (sql_expand(templates[id], sql, sizeof(sql) - 64, names, 5) != 0)
		return store_fail(st, ST_ERROR, "quality query too large");
	snprintf(sql + strlen(sql), 64, " LIMIT $%d OFFSET $%d", k + 4, k + 5);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	bind_scope(q, sc, 1);
	d = (struct date){ year, 1, 1 };
	date_format(&d, y0);
	d = (struct date){ year, 12, 31 };
	date_format(&d, y1);
	date_parse(today, &d);
	date_from_days(date_days(&d) - QUALITY_STALE_DAYS, &d);
	date_format(&d, t90);
	q_int(q, k, year);
	q_text(q, k + 1, y0);
	q_text(q, k + 2, y1);
	q_text(q, k + 3, t90);
	q_int(q, k + 4, per_page);
	q_int(q, k + 5, (int64_t)(page - 1) * per_page);
	while ((rc = q_step(q)) == 1) {
		if (*n == cap) {
			struct quality_hit *h;

			cap = cap ? cap * 2 : 16;
			if ((h = realloc(*out, (size_t)cap * sizeof(**out))) == NULL) {
				q_done(q);
				free(*out);
				*out = NULL;
				return store_fail(st, ST_ERROR, "out of memory");
			}
			*out = h;
		}
		struct quality_hit *hit = &(*out)[(*n)++];
		hit->id = q_col_int(q, 0);
		hit->org_id = q_col_int(q, 1);
		snprintf(hit->title, sizeof(hit->title), "%s",
		    q_col_null(q, 2) ? "" : q_col_text(q, 2));
		*total = q_col_int(q, 3);
		snprintf(hit->org_name, sizeof(hit->org_name), "%s",
		    q_col_null(q, 4) ? "" : q_col_text(q, 4));
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}
