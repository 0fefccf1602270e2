/*
 * store_quality.c — the SQL of the data-quality checks (core_quality.c):
 * records that are possible but suspicious, and units that have not entered
 * their year, over the tree of that year (the same scope as the figures).
 * Each query returns the record's id, its unit, a title, the number of all
 * matches and the unit's name, one page at a time (q_hits).
 *
 * Why it is fast at national scope (issue 8: 26 s for the national root
 * before).  Counting a check over the tree means reading every record of
 * the year.  So each check's count is kept like a figure: a hidden
 * indicator of core_indicator.c (store_indicator.c, same condition text
 * QC_* of store_record.h), whose part k is the number of records of a unit
 * the check finds, with num 0 so that only units where the check finds
 * something have a tally row.  Then:
 *   - the count over a unit's tree of the year is its rollup: one row;
 *   - a page of the records starts from the units with a non-zero tally
 *     in the tree (figure_tally, index (year, ind, org_id), each unit
 *     tested against the scope) and reads only their records.  Checks find
 *     few records (they are suspicions), so that is a few units; a check
 *     that finds many (every cell without a meeting, early in a year)
 *     costs in proportion to the units it finds.
 * When the year is not kept, or a write is pending (store_figure_kept),
 * both come from the records as before: the same conditions, so the same
 * answer.
 *
 * The stale pledges depend on today (accepted, no check-in for
 * QUALITY_STALE_DAYS), so they can't be a kept count; the partial index
 * pledge_stale (migration 12: the accepted live pledges by year and the
 * day of their last check-in or acceptance) holds exactly the candidates
 * in order: for a large tree the page is the first entries of the index in
 * the tree; the count is the kept number of accepted pledges of the tree
 * (hidden _accepted_pledges) less those checked in since the day, or the
 * entries before the day, whichever side of the index is smaller (only it
 * is tested against the tree, unit by unit).  For a past year nothing is
 * after the day.  A small tree reads its units' pledges as before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

#define PLEDGE_TITLE "COALESCE((SELECT x.full_name FROM person x WHERE x.id = p.person_id), " \
	"o.name) || ': ' || substr(p.follow, 1, 120)"
#define PLEDGE_FROM "pledge p JOIN org o ON o.id = p.org_id"

/* A tree of at least this many party organisations lists its stale
 * pledges from the index; a smaller one from its units' pledges. */
#define STALE_INDEX_UNITS	2000
/* At most this many entries after the day: counted on that side. */
#define STALE_SIDE_MAX		20000

/* One check: the records' table(s) (o is the unit), the condition, the
 * columns id, unit id, title, the order; its kept count (part `part` of
 * the hidden indicator `ind`; ind -1: none). */
static const struct {
	const char *from, *cond, *cols, *order;
	int ind, part;
} checks[QC__MAX] = {
	[QC_ATTENDANCE_OVER] = { "activity a JOIN org o ON o.id = a.org_id",
	    QC_MEETINGS " AND " QC_ATTENDANCE_OVER_IF, "a.id, a.org_id, a.title", "a.date, a.id",
	    IND_ACTIVITY_CHECKS, 1 },
	[QC_CHECKIN_AFTER_VERDICT] = { PLEDGE_FROM, QC_PLEDGES " AND " QC_CHECKIN_AFTER_IF,
	    "p.id, p.org_id, " PLEDGE_TITLE, "p.id", IND_PLEDGE_CHECKS, 1 },
	[QC_DUE_BEFORE_FILED] = { PLEDGE_FROM, QC_PLEDGES " AND " QC_DUE_BEFORE_IF,
	    "p.id, p.org_id, " PLEDGE_TITLE, "p.id", IND_PLEDGE_CHECKS, 2 },
	[QC_DUPLICATE_PLEDGE] = { PLEDGE_FROM, QC_PLEDGES " AND " QC_DUPLICATE_IF,
	    "p.id, p.org_id, " PLEDGE_TITLE, "p.id", IND_PLEDGE_CHECKS, 3 },
	[QC_EVALUATION_NOT_MEMBER] = { "evaluation e JOIN org o ON o.id = e.org_id JOIN person x "
	    "ON x.id = e.person_id", QC_EVALUATIONS " AND " QC_NOT_MEMBER_IF,
	    "e.id, e.org_id, x.full_name", "e.id", IND_EVALUATION_CHECKS, 1 },
	[QC_CELL_NO_MEETING] = { "org o", QC_UNITS " AND " QC_NO_MEETING_IF, "o.id, o.id, o.name",
	    "o.path", IND_UNIT_CHECKS, 1 },
	[QC_COMMITTEE_NO_PLAN] = { "org o", QC_UNITS " AND " QC_NO_PLAN_IF, "o.id, o.id, o.name",
	    "o.path", IND_UNIT_CHECKS, 2 },
	[QC_STALE_PLEDGE] = { PLEDGE_FROM, QC_PLEDGES " AND " QC_STALE_IF,
	    "p.id, p.org_id, " PLEDGE_TITLE, QC_STALE_DAY ", p.id", -1, 0 },
};

/* The units of the tree with a non-zero tally of part k of the hidden
 * indicator named {P1}. */
#define FLAGGED(k) "o.id IN (SELECT t.org_id FROM figure_tally t JOIN org o ON " \
	"o.id = t.org_id WHERE t.year = {Y} AND t.ind = {P1} AND t.p" k " > 0 AND " \
	SQL_IN_SCOPE ")"
static const char *const flagged[IND_PARTS + 1] = {
	NULL, FLAGGED("1"), FLAGGED("2"), FLAGGED("3"), FLAGGED("4"),
};

/* The day before which an accepted pledge is stale. */
static void
stale_since(const char *today, int year, char since[11])
{
	struct date d;

	if (date_parse(today, &d) != 0)
		d = (struct date){ year, 12, 31 };
	date_from_days(date_days(&d) - QUALITY_STALE_DAYS, &d);
	date_format(&d, since);
}

/* The entries of pledge_stale of the year before the day (before) or from
 * it on, in the tree (each unit with any tested once). */
static int
stale_side(struct store *st, const struct scope *sc, int year, const char *since,
    bool before, int64_t *n)
{
	char sql[1024];
	struct q *q;
	int extra, rc;

	snprintf(sql, sizeof(sql), "SELECT COALESCE(SUM(g.n), 0) FROM (SELECT p.org_id AS id, "
	    "COUNT(*) AS n FROM pledge p INDEXED BY pledge_stale WHERE p.year = {Y} AND "
	    "p.status = 'accepted' AND p.deleted_at IS NULL AND " QC_STALE_DAY " %s {P1} "
	    "GROUP BY p.org_id) g JOIN org o ON o.id = g.id WHERE " SQL_IN_SCOPE,
	    before ? "<" : ">=");
	if ((q = q_prep_year(st, sql, sc, year, &extra)) == NULL)
		return ST_ERROR;
	q_text(q, extra, since);
	rc = q_step(q);
	*n = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

/* The stale pledges of the tree of sc->unit: of its `accepted` (kept:
 * the accepted pledges with a day), those before the day.  Counted from
 * the index on the side after the day (taken from `accepted`) when it is
 * small — always for a past year, where nothing is after the day — and on
 * the side before it otherwise. */
static int
stale_count(struct store *st, const struct scope *sc, int year, const char *since,
    int64_t accepted, int64_t *total)
{
	struct q *q;
	int64_t after, n;
	int extra, rc;

	if ((q = q_prep_year(st, "SELECT COUNT(*) FROM (SELECT 1 FROM pledge p INDEXED BY "
	    "pledge_stale WHERE p.year = {Y} AND p.status = 'accepted' AND p.deleted_at IS NULL "
	    "AND " QC_STALE_DAY " >= {P1} LIMIT {P2})", sc, year, &extra)) == NULL)
		return ST_ERROR;
	q_text(q, extra, since);
	q_int(q, extra + 1, STALE_SIDE_MAX + 1);
	rc = q_step(q);
	after = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	if (rc < 0)
		return -rc;
	if ((rc = stale_side(st, sc, year, since, after > STALE_SIDE_MAX, &n)) != ST_OK)
		return rc;
	*total = after > STALE_SIDE_MAX ? n : accepted - n;
	return ST_OK;
}

int
store_quality(struct store *st, enum quality_id id, const struct scope *sc, int year,
    const char *today, int page, int per_page, struct store_hit **out, int *n,
    int64_t *total)
{
	char sql[4096], since[11];
	struct ind_value kept, accepted;
	const char *ind = NULL;
	struct q *q;
	bool stale = false;
	int extra, w, rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if ((unsigned)id >= QC__MAX)
		return store_fail(st, ST_ERROR, "no such check");
	stale_since(today, year, since);
	/* The count kept for the unit's tree of the year, when it is. */
	if (checks[id].ind >= 0 && sc->unit > 0 && sc->from[0] == '\0') {
		rc = store_figure_kept(st, sc->unit, year, indicators[checks[id].ind].name, &kept);
		if (rc != ST_OK && rc != ST_NOTFOUND)
			return rc;
		if (rc == ST_OK) {
			ind = indicators[checks[id].ind].name;
			*total = kept.part[checks[id].part - 1];
			if (*total <= (int64_t)(page - 1) * per_page)
				return ST_OK;	/* nothing on this page: no query */
		}
	}
	/* The stale pledges of a large tree: from the index (above). */
	if (id == QC_STALE_PLEDGE && sc->unit > 0 && sc->from[0] == '\0' &&
	    store_figure_kept(st, sc->unit, year, indicators[IND_YEAR_UNITS].name,
	    &kept) == ST_OK && kept.num >= STALE_INDEX_UNITS &&
	    store_figure_kept(st, sc->unit, year, indicators[IND_ACCEPTED_PLEDGES].name,
	    &accepted) == ST_OK) {
		if ((rc = stale_count(st, sc, year, since, accepted.num, total)) != ST_OK)
			return rc;
		stale = true;
	}
	w = snprintf(sql, sizeof(sql), "SELECT %s, %s, o.name FROM %s WHERE %s AND %s "
	    "ORDER BY %s LIMIT {P2} OFFSET {P3}", checks[id].cols,
	    ind != NULL || stale ? "0" : "COUNT(*) OVER ()",
	    checks[id].from, ind != NULL ? flagged[checks[id].part] :
	    stale ? SQL_IN_SCOPE : SQL_IN_SCOPE_SET, checks[id].cond, checks[id].order);
	if (w < 0 || (size_t)w >= sizeof(sql))
		return store_fail(st, ST_ERROR, "quality query too large");
	if ((q = q_prep_year(st, sql, sc, year, &extra)) == NULL)
		return ST_ERROR;
	q_text(q, extra, ind != NULL ? ind : since);
	q_int(q, extra + 1, per_page);
	q_int(q, extra + 2, (int64_t)(page - 1) * per_page);
	if (ind == NULL && !stale)
		return q_hits(q, out, n, total);
	{
		int64_t keep = *total, ignored;

		rc = q_hits(q, out, n, &ignored);
		*total = keep;
		return rc;
	}
}
