/*
 * store_record.h — helpers the store_*.c files share for reading records
 * generically (store layer only).
 */
#ifndef LAMTHEO_STORE_RECORD_H
#define LAMTHEO_STORE_RECORD_H

#include "store/store_db.h"

/* "id, code, kind, …" (every column of t), each prefixed with "alias." when
 * alias is not NULL.  0 or -1 when it does not fit. */
int sql_select_cols(const struct rtype *t, const char *alias, char *buf, size_t cap);

/* A record of type t from the current row, columns starting at col in the
 * order of sql_select_cols.  The caller frees with record_free(). */
struct record *record_from_row(const struct rtype *t, struct q *q, int col);

/* The record of type t whose column col (a name from the code, never from
 * input) equals value; ST_NOTFOUND when none. */
int store_get_by(struct store *st, enum rtype_id t, const char *col, const char *value,
    struct record **out);

/*
 * Writes "(col >= $n AND col < $n+1 OR …)" covering every prefix of the
 * scope into buf and returns the next free parameter number (n + 2 per
 * prefix), or -1 when it does not fit.  An empty scope gives "(1 = 0)".
 */
int sql_scope(const struct scope *sc, const char *col, int n, char *buf, size_t cap);

/* Binds the parameters written by sql_scope, starting at $n. */
void bind_scope(struct q *q, const struct scope *sc, int n);

/* Copies the template src into dst replacing each {NAME} of names[][0] by
 * names[][1]; -1 when it does not fit in cap. */
int sql_expand(const char *src, char *dst, size_t cap, const char *const names[][2], int n);

/*
 * Prepares the template tmpl for the tree of a year: {SCOPE} becomes the
 * test of sql_scope over pp.path, {Y} the year, {Y0} and {Y1} its first and
 * last day, all bound; {P1}, {P2}, {P3} become the parameters $*extra,
 * $*extra + 1, $*extra + 2 for the caller to bind.  NULL on error.
 */
struct q *q_prep_year(struct store *st, const char *tmpl, const struct scope *sc, int year,
    int *extra);

/* Reads every row of q — id, unit id, title, COUNT(*) OVER (), unit name[,
 * counted] — into *out (freed with free()) and finishes q. */
int q_hits(struct q *q, struct store_hit **out, int *n, int64_t *total);

/* The unit o stood inside the scope {SCOPE} (sql_scope over pp.path) at some
 * time between the dates {Y0} and {Y1}: the tree of a year. */
#define SQL_IN_SCOPE "EXISTS (SELECT 1 FROM org_period pp WHERE pp.org_id = o.id AND " \
	"pp.valid_from <= {Y1} AND (pp.valid_to IS NULL OR pp.valid_to > {Y0}) AND {SCOPE})"

/* The same units as a set the query can start from: the units of the
 * scope's subtrees found by path (an index range each), then their records
 * by unit — rather than every record of the year tested one by one.  For a
 * query over a large scope that is not held up to date (store_figures.c). */
#define SQL_IN_SCOPE_SET "o.id IN (SELECT pp.org_id FROM org_period pp WHERE " \
	"pp.valid_from <= {Y1} AND (pp.valid_to IS NULL OR pp.valid_to > {Y0}) AND {SCOPE})"

/*
 * The data-quality checks (core_quality.c), each a condition on a record of
 * its set, written once: the listing (store_quality.c) and the kept count
 * of each check (the hidden figures of store_indicator.c) use the same
 * text, so the count is exactly the number of records listed.
 */
#define QC_MEETINGS "a.kind = 'cell_meeting' AND a.year = {Y} AND a.deleted_at IS NULL"
/* Only a meeting with attendance taken person by person is counted
 * against its cell's members. */
#define QC_ATTENDANCE_OVER_IF "EXISTS (SELECT 1 FROM attendance t WHERE " \
	"t.activity_id = a.id AND t.deleted_at IS NULL) AND (SELECT COUNT(*) FROM " \
	"attendance t WHERE t.activity_id = a.id AND t.deleted_at IS NULL) > (SELECT " \
	"COUNT(*) FROM person x WHERE x.org_id = a.org_id AND x.party_member = 1 AND " \
	"x.status = 'active')"
#define QC_PLEDGES "p.year = {Y} AND p.deleted_at IS NULL"
#define QC_CHECKIN_AFTER_IF "p.verdict_on IS NOT NULL AND EXISTS (SELECT 1 FROM " \
	"pledge_checkin c WHERE c.pledge_id = p.id AND c.date > p.verdict_on)"
#define QC_DUE_BEFORE_IF "p.submitted_on IS NOT NULL AND p.due_date < p.submitted_on"
#define QC_DUPLICATE_IF "p.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM pledge q WHERE " \
	"q.person_id = p.person_id AND q.year = p.year AND q.id < p.id AND " \
	"q.deleted_at IS NULL)"
#define QC_EVALUATIONS "e.year = {Y} AND e.scale = 'party' AND e.deleted_at IS NULL AND " \
	"e.person_id IS NOT NULL"
#define QC_NOT_MEMBER_IF "EXISTS (SELECT 1 FROM person x WHERE x.id = e.person_id AND " \
	"x.party_member = 0)"
#define QC_COMMITTEE_KINDS "('province_committee', 'district_committee', 'base_committee')"
#define QC_UNITS "o.kind IN ('cell', 'province_committee', 'district_committee', " \
	"'base_committee') AND o.valid_from <= {Y1} AND (o.valid_to IS NULL OR " \
	"o.valid_to > {Y0})"
#define QC_NO_MEETING_IF "o.kind = 'cell' AND NOT EXISTS (SELECT 1 FROM activity a WHERE " \
	"a.org_id = o.id AND a.kind = 'cell_meeting' AND a.year = {Y} AND " \
	"a.deleted_at IS NULL)"
#define QC_NO_PLAN_IF "o.kind IN " QC_COMMITTEE_KINDS " AND NOT EXISTS (SELECT 1 FROM " \
	"plan p WHERE p.org_id = o.id AND p.year = {Y} AND p.deleted_at IS NULL)"
/* An accepted pledge is stale when its last check-in (or its acceptance)
 * is before {P1}: the index pledge_stale (migration 12) holds that day. */
#define QC_STALE_DAY "COALESCE(p.last_checkin, p.accepted_on)"
#define QC_STALE_IF "p.status = 'accepted' AND " QC_STALE_DAY " < {P1}"

/* "%text%" with %, _ and \ escaped for LIKE … ESCAPE '\'.  The caller frees
 * with free(); NULL on OOM. */
char *like_contains(const char *text);

/* ---- people (store_person.c, store_search.c) ---- */

/* The person columns for record_from_row, prefixed "p." (static text). */
const char *person_cols(void);

/* The ORDER BY of a sort over person p, the id last (static text). */
const char *person_order(enum person_sort sort, bool desc);

/* The WHERE clause of pq over person p JOIN org o into buf, its parameters
 * from $1; returns the next free parameter number, or -1 when it does not
 * fit.  person_bind binds them (pat: the LIKE pattern of pq->qfold). */
int person_where(const struct person_query *pq, char *buf, size_t cap);
void person_bind(struct q *q, const struct person_query *pq, const char *pat);

/* Whether the index can serve the folded query: 1 to SEARCH_WORDS words of
 * a-z and 0-9 (anything else separates words). */
bool search_indexable(const char *qfold);

/* store_person_list for a query search_indexable accepts, ranked. */
int store_person_search(struct store *st, const struct person_query *pq,
    struct record_list *out);

#endif
