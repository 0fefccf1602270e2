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
