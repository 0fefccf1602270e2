/*
 * store_quality.c — the SQL of the data-quality checks (core_quality.c):
 * records that are possible but suspicious, and units that have not entered
 * their year, over the tree of that year (the same scope as the figures).
 * Each query returns the record's id, its unit, a title, the number of all
 * matches (window function) and the unit's name, one page at a time
 * (q_hits); {P1} is the day before which an accepted pledge is stale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

#define IN_SCOPE SQL_IN_SCOPE_SET
#define PLEDGE_FROM "FROM pledge p JOIN org o ON o.id = p.org_id WHERE " IN_SCOPE \
	" AND p.year = {Y} AND p.deleted_at IS NULL"
#define PLEDGE_TITLE "COALESCE((SELECT x.full_name FROM person x WHERE x.id = p.person_id), " \
	"o.name) || ': ' || substr(p.follow, 1, 120)"

static const char *const templates[QC__MAX] = {
	[QC_ATTENDANCE_OVER] =
	    "SELECT a.id, a.org_id, a.title, COUNT(*) OVER (), o.name FROM activity a JOIN org o "
	    "ON o.id = a.org_id WHERE " IN_SCOPE " AND a.year = {Y} AND a.kind = 'cell_meeting' "
	    /* Only a meeting with attendance taken person by person is counted
	     * against its cell's members. */
	    "AND a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM attendance t WHERE "
	    "t.activity_id = a.id AND t.deleted_at IS NULL) AND (SELECT COUNT(*) FROM "
	    "attendance t WHERE t.activity_id = a.id AND t.deleted_at IS NULL) > (SELECT "
	    "COUNT(*) FROM person x WHERE x.org_id = a.org_id AND x.party_member = 1 AND "
	    "x.status = 'active') ORDER BY a.date, a.id",
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
	    " AND p.status = 'accepted' AND COALESCE(p.last_checkin, p.accepted_on) < {P1} "
	    "ORDER BY COALESCE(p.last_checkin, p.accepted_on), p.id",
};

int
store_quality(struct store *st, enum quality_id id, const struct scope *sc, int year,
    const char *today, int page, int per_page, struct store_hit **out, int *n,
    int64_t *total)
{
	char sql[4096], since[11];
	struct date d;
	struct q *q;
	int extra, w;

	*out = NULL;
	*n = 0;
	*total = 0;
	if ((unsigned)id >= QC__MAX)
		return store_fail(st, ST_ERROR, "no such check");
	w = snprintf(sql, sizeof(sql), "%s LIMIT {P2} OFFSET {P3}", templates[id]);
	if (w < 0 || (size_t)w >= sizeof(sql))
		return store_fail(st, ST_ERROR, "quality query too large");
	if ((q = q_prep_year(st, sql, sc, year, &extra)) == NULL)
		return ST_ERROR;
	if (date_parse(today, &d) != 0)
		d = (struct date){ year, 12, 31 };
	date_from_days(date_days(&d) - QUALITY_STALE_DAYS, &d);
	date_format(&d, since);
	q_text(q, extra, since);
	q_int(q, extra + 1, per_page);
	q_int(q, extra + 2, (int64_t)(page - 1) * per_page);
	return q_hits(q, out, n, total);
}
