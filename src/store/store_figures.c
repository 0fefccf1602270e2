/*
 * store_figures.c — the figures kept up to date, so that reading all the
 * indicators of any unit is a handful of indexed rows at national scale.
 *
 * A figure is Σ over the units in a unit's tree of the year of what each
 * unit's own records add (store_indicator.c).  For every year in
 * figure_year two tables hold:
 *   figure_tally   what unit o's own records add to indicator i:
 *                  store_indicator_units, the same SQL as the live figure
 *                  grouped by unit;
 *   figure_rollup  the figure of unit a: Σ of the tallies of every unit o
 *                  with a in reach(o, year).
 * reach(o, year) is every unit on the paths o had during the year and,
 * repeatedly, the units those were merged into: exactly the units whose
 * tree of the year (store_scope_for_year: their own paths and those of
 * the units merged into them) holds o.  Each unit counts once per figure,
 * as in the live query.
 *
 * The triggers of migration 6 note in figure_dirty the units a write
 * touches; store_figures_flush, run by the commit of every write
 * transaction, recomputes their tallies and adds the differences to the
 * rollups of their reach.  A change of the tree itself (move, close,
 * merge: org_id 0 or -year in figure_dirty) changes reaches, so the rollups
 * of the years it reaches are rebuilt from the tallies: every year for a
 * merge, the years from its date for a move or a closure (history is only
 * appended, so earlier years keep their tree).  A year is kept from the first time
 * its figures are asked for (store_figures_ensure); until then and while
 * anything is pending the figures are computed from the records.
 * store_figures_check recomputes everything and reports any difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_figures.h"
#include "store/store_record.h"


bool
fig_value_zero(const struct ind_value *v)
{
	if (v->num != 0 || v->den != 0)
		return false;
	for (int i = 0; i < IND_PARTS; i++)
		if (v->part[i] != 0)
			return false;
	return true;
}

static bool
value_same(const struct ind_value *a, const struct ind_value *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

void
fig_value_add(struct ind_value *to, const struct ind_value *v, int sign)
{
	to->num += sign * v->num;
	to->den += sign * v->den;
	for (int i = 0; i < IND_PARTS; i++)
		to->part[i] += sign * v->part[i];
}

void
fig_read_value(struct q *q, int col, struct ind_value *v)
{
	v->num = q_col_null(q, col) ? 0 : q_col_int(q, col);
	v->den = q_col_null(q, col + 1) ? 0 : q_col_int(q, col + 1);
	for (int i = 0; i < IND_PARTS; i++)
		v->part[i] = q_col_null(q, col + 2 + i) ? 0 : q_col_int(q, col + 2 + i);
}

void
fig_bind_value(struct q *q, int n, const struct ind_value *v)
{
	q_int(q, n, v->num);
	q_int(q, n + 1, v->den);
	for (int i = 0; i < IND_PARTS; i++)
		q_int(q, n + 2 + i, v->part[i]);
}

void
fig_year_bounds(int year, char y0[11], char y1[11])
{
	struct date a = { year, 1, 1 }, b = { year, 12, 31 };

	date_format(&a, y0);
	date_format(&b, y1);
}

int
store_figure_kept(struct store *st, int64_t org_id, int year, const char *ind,
    struct ind_value *out)
{
	struct q *q = q_prep(st, "SELECT EXISTS (SELECT 1 FROM figure_dirty), r.num, r.den, "
	    "r.p1, r.p2, r.p3, r.p4 FROM figure_year y LEFT JOIN figure_rollup r ON "
	    "r.year = y.year AND r.org_id = $2 AND r.ind = $3 WHERE y.year = $1");
	int rc;

	memset(out, 0, sizeof(*out));
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	q_int(q, 2, org_id);
	q_text(q, 3, ind);
	rc = q_step(q);
	if (rc == 1 && q_col_int(q, 0) == 0)
		fig_read_value(q, 1, out);
	else if (rc >= 0)
		rc = 0;		/* not kept, or a write is pending: from the records */
	q_done(q);
	return rc < 0 ? -rc : rc == 1 ? ST_OK : ST_NOTFOUND;
}

int
store_figure_kept_span(struct store *st, int64_t org_id, int year, enum indicator_id i,
    int span, struct ind_value *out)
{
	char name[FIG_NAME_CHARS];
	struct ind_value y;
	int rc;

	if (span < 0 || span >= fig_spans(i))
		return ST_NOTFOUND;	/* not kept over that span */
	fig_name(i, span, name);
	rc = store_figure_kept(st, org_id, year, name, out);
	/* A quarter of "has one in the span" counts the units of the year's
	 * denominator (store_indicator_any). */
	if (rc == ST_OK && span != PERIOD_YEAR && store_indicator_any(i) &&
	    (rc = store_figure_kept(st, org_id, year, indicators[i].name, &y)) == ST_OK)
		out->den = y.den;
	return rc;
}

/* ---- reach ---------------------------------------------------------------- */

static int
reach_add(int64_t *ids, int *n, int64_t id)
{
	for (int i = 0; i < *n; i++)
		if (ids[i] == id)
			return 0;
	if (*n >= REACH_MAX)
		return -1;
	ids[(*n)++] = id;
	return 0;
}

/* Adds the units on path ("/1/5/23/"). */
static int
reach_path(int64_t *ids, int *n, const char *path)
{
	for (const char *p = path; p != NULL && *p != '\0';) {
		char *end;
		long long id;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		id = strtoll(p, &end, 10);
		if (end == p || reach_add(ids, n, id) != 0)
			return -1;
		p = end;
	}
	return 0;
}


static void
reach_close(const struct reach_all *r, int64_t *ids, int *n)
{
	for (int k = 0; k < *n; k++) {
		int64_t s = ids[k] >= 0 && ids[k] <= r->max_id ? r->succ[ids[k]] : 0;

		if (s > 0 && reach_add(ids, n, s) != 0)
			return;
	}
}

static int
reach_store(struct reach_all *r, int64_t org, int64_t *ids, int n)
{
	reach_close(r, ids, &n);
	if (r->n + (size_t)n > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 4096;
		int64_t *p;

		while (cap < r->n + (size_t)n)
			cap *= 2;
		if ((p = realloc(r->ids, cap * sizeof(*p))) == NULL)
			return -1;
		r->ids = p;
		r->cap = cap;
	}
	memcpy(r->ids + r->n, ids, (size_t)n * sizeof(*ids));
	r->n += (size_t)n;
	r->off[org + 1] = r->n;
	return 0;
}

void
fig_reach_free(struct reach_all *r)
{
	free(r->succ);
	free(r->off);
	free(r->ids);
	memset(r, 0, sizeof(*r));
}

int
fig_reach_load(struct store *st, int year, struct reach_all *r)
{
	char y0[11], y1[11];
	int64_t cur = -1, ids[REACH_MAX];
	int n = 0, rc;
	struct q *q;

	memset(r, 0, sizeof(*r));
	if ((q = q_prep(st, "SELECT COALESCE(MAX(id), 0) FROM org")) == NULL)
		return ST_ERROR;
	rc = q_step(q);
	r->max_id = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	if (rc < 0)
		return -rc;
	r->succ = calloc((size_t)r->max_id + 1, sizeof(*r->succ));
	r->off = calloc((size_t)r->max_id + 2, sizeof(*r->off));
	if (r->succ == NULL || r->off == NULL) {
		fig_reach_free(r);
		return store_fail(st, ST_ERROR, "out of memory");
	}
	if ((q = q_prep(st, "SELECT id, successor_id FROM org WHERE successor_id > 0")) == NULL) {
		fig_reach_free(r);
		return ST_ERROR;
	}
	while ((rc = q_step(q)) == 1)
		if (q_col_int(q, 0) <= r->max_id)
			r->succ[q_col_int(q, 0)] = q_col_int(q, 1);
	q_done(q);
	if (rc < 0) {
		fig_reach_free(r);
		return -rc;
	}
	fig_year_bounds(year, y0, y1);
	if ((q = q_prep(st, "SELECT org_id, path FROM org_period WHERE valid_from <= $1 AND "
	    "(valid_to IS NULL OR valid_to > $2) ORDER BY org_id")) == NULL) {
		fig_reach_free(r);
		return ST_ERROR;
	}
	q_text(q, 1, y1);
	q_text(q, 2, y0);
	while ((rc = q_step(q)) == 1) {
		int64_t org = q_col_int(q, 0);

		if (org < 0 || org > r->max_id)
			continue;
		if (org != cur) {
			if (cur >= 0 && reach_store(r, cur, ids, n) != 0)
				break;
			/* The units without a period this year reach nothing. */
			for (int64_t o = cur + 1; o <= org; o++)
				r->off[o + 1] = r->off[o] = r->n;
			cur = org;
			n = 0;
		}
		if (reach_path(ids, &n, q_col_text(q, 1)) != 0)
			break;
	}
	q_done(q);
	if (rc == 1 || (rc == 0 && cur >= 0 && reach_store(r, cur, ids, n) != 0)) {
		fig_reach_free(r);
		return store_fail(st, ST_ERROR, "figures: reach too large or out of memory");
	}
	if (rc < 0) {
		fig_reach_free(r);
		return -rc;
	}
	for (int64_t o = cur + 1; o <= r->max_id; o++)
		r->off[o + 1] = r->off[o] = r->n;
	return ST_OK;
}

/* The reach of one unit, read unit by unit (the few a write touches). */
int
fig_reach_one(struct store *st, int64_t org, int year, int64_t *ids, int *n)
{
	char y0[11], y1[11];
	struct q *q;
	int rc;

	*n = 0;
	fig_year_bounds(year, y0, y1);
	if ((q = q_prep(st, "SELECT path FROM org_period WHERE org_id = $1 AND "
	    "valid_from <= $2 AND (valid_to IS NULL OR valid_to > $3)")) == NULL)
		return ST_ERROR;
	q_int(q, 1, org);
	q_text(q, 2, y1);
	q_text(q, 3, y0);
	while ((rc = q_step(q)) == 1)
		if (reach_path(ids, n, q_col_text(q, 0)) != 0) {
			q_done(q);
			return store_fail(st, ST_ERROR, "figures: reach too large");
		}
	q_done(q);
	if (rc < 0)
		return -rc;
	for (int k = 0; k < *n; k++) {
		if ((q = q_prep(st, "SELECT successor_id FROM org WHERE id = $1 AND "
		    "successor_id IS NOT NULL")) == NULL)
			return ST_ERROR;
		q_int(q, 1, ids[k]);
		rc = q_step(q);
		if (rc == 1 && reach_add(ids, n, q_col_int(q, 0)) != 0)
			rc = -ST_ERROR;
		q_done(q);
		if (rc < 0)
			return store_fail(st, -rc, "figures: successors");
	}
	return ST_OK;
}

/* ---- values by unit -------------------------------------------------------- */


int
fig_uv_push(void *arg, int64_t org, const struct ind_value *v)
{
	struct unit_values *u = arg;

	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 256;
		int64_t *o = realloc(u->org, cap * sizeof(*o));
		struct ind_value *w;

		if (o == NULL)
			return -1;
		u->org = o;
		if ((w = realloc(u->v, cap * sizeof(*w))) == NULL)
			return -1;
		u->v = w;
		u->cap = cap;
	}
	u->org[u->n] = org;
	u->v[u->n++] = *v;
	return 0;
}

void
fig_uv_free(struct unit_values *u)
{
	free(u->org);
	free(u->v);
	memset(u, 0, sizeof(*u));
}

/* The kept rows of table (figure_tally or figure_rollup) for year and
 * indicator, of the units listed in table units only (figure_dirty,
 * figure_settle; NULL: every unit). */
int
fig_uv_kept(struct store *st, const char *table, int year, const char *ind,
    const char *units, struct unit_values *out)
{
	char sql[400];
	struct q *q;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT org_id, num, den, p1, p2, p3, p4 FROM %s WHERE "
	    "year = $1 AND ind = $2%s%s%s ORDER BY org_id", table,
	    units ? " AND org_id IN (SELECT org_id FROM " : "", units ? units : "",
	    units ? ")" : "");
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	q_text(q, 2, ind);
	while ((rc = q_step(q)) == 1) {
		struct ind_value v;

		fig_read_value(q, 1, &v);
		if (fig_uv_push(out, q_col_int(q, 0), &v) != 0) {
			q_done(q);
			return store_fail(st, ST_ERROR, "out of memory");
		}
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

/* Figure i's kept tallies of the year over every span, of the units listed
 * in table units only (NULL: every unit): one query for all the spans. */
static int
uv_kept_spans(struct store *st, int year, enum indicator_id i, const char *units,
    struct unit_values out[PERIOD__MAX])
{
	char sql[600], names[PERIOD__MAX][FIG_NAME_CHARS];
	int n = fig_spans(i), w, rc;
	struct q *q;

	memset(out, 0, PERIOD__MAX * sizeof(*out));
	w = snprintf(sql, sizeof(sql), "SELECT ind, org_id, num, den, p1, p2, p3, p4 FROM "
	    "figure_tally WHERE year = $1 AND ind IN (");
	for (int s = 0; s < n; s++)
		w += snprintf(sql + w, sizeof(sql) - (size_t)w, "%s$%d", s ? ", " : "", s + 2);
	snprintf(sql + w, sizeof(sql) - (size_t)w, ")%s%s%s ORDER BY ind, org_id",
	    units ? " AND org_id IN (SELECT org_id FROM " : "", units ? units : "",
	    units ? ")" : "");
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	for (int s = 0; s < n; s++) {
		fig_name(i, s, names[s]);
		q_text(q, s + 2, names[s]);
	}
	while ((rc = q_step(q)) == 1) {
		const char *ind = q_col_text(q, 0);
		struct ind_value v;
		int s = 0;

		while (s < n && (ind == NULL || strcmp(ind, names[s]) != 0))
			s++;
		fig_read_value(q, 2, &v);
		if (s < n && fig_uv_push(&out[s], q_col_int(q, 1), &v) != 0) {
			q_done(q);
			return store_fail(st, ST_ERROR, "out of memory");
		}
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
fig_spans(enum indicator_id i)
{
	return (unsigned)i < IND__MAX && indicator_dated[i] ? PERIOD__MAX : 1;
}

void
fig_name(enum indicator_id i, int span, char out[FIG_NAME_CHARS])
{
	snprintf(out, FIG_NAME_CHARS, "%s%s%s", indicators[i].name, span > 0 ? "@" : "",
	    span > 0 ? period_names[span] : "");
}

void
fig_uv_free_spans(struct unit_values out[PERIOD__MAX])
{
	for (int s = 0; s < PERIOD__MAX; s++)
		fig_uv_free(&out[s]);
}

/* One unit's months of a dated figure, gathered to make its quarters. */
struct months {
	struct unit_values *out;
	bool any;		/* store_indicator_any: a quarter counts a unit once */
	int64_t org;
	struct ind_value m[13];
	bool has[13];
};

static int
months_put(struct months *c)
{
	for (int q = 0; q < 4; q++) {
		struct ind_value v = { 0 };
		bool has = false;

		for (int m = 3 * q + 1; m <= 3 * q + 3; m++)
			if (c->has[m]) {
				has = true;
				if (c->any)
					v.num = 1;
				else
					fig_value_add(&v, &c->m[m], 1);
			}
		if (has && !fig_value_zero(&v) && fig_uv_push(&c->out[PERIOD_Q1 + q], c->org, &v))
			return -1;
	}
	for (int m = 1; m <= 12; m++)
		if (c->has[m] && !fig_value_zero(&c->m[m]) &&
		    fig_uv_push(&c->out[PERIOD_M01 + m - 1], c->org, &c->m[m]) != 0)
			return -1;
	memset(c->has, 0, sizeof(c->has));
	return 0;
}

static int
months_add(void *arg, int64_t org, int month, const struct ind_value *v)
{
	struct months *c = arg;

	if (org != c->org && c->org >= 0 && months_put(c) != 0)
		return -1;
	c->org = org;
	c->m[month] = *v;
	c->has[month] = true;
	return 0;
}

int
fig_uv_records(struct store *st, int year, enum indicator_id i, const char *units,
    struct unit_values out[PERIOD__MAX])
{
	struct months c = { out, store_indicator_any(i), -1, { { 0 } }, { false } };
	int rc;

	memset(out, 0, PERIOD__MAX * sizeof(*out));
	if ((rc = store_indicator_units(st, i, year, units, fig_uv_push, &out[0])) != ST_OK ||
	    fig_spans(i) == 1)
		return rc;
	if ((rc = store_indicator_months(st, i, year, units, months_add, &c)) == ST_OK &&
	    c.org >= 0 && months_put(&c) != 0)
		rc = store_fail(st, ST_ERROR, "out of memory");
	return rc;
}

/* Walks two lists in unit order: fn(org, kept, now) for every unit in
 * either (zero where absent). */
static int
uv_merge(const struct unit_values *kept, const struct unit_values *now,
    int (*fn)(void *arg, int64_t org, const struct ind_value *a, const struct ind_value *b),
    void *arg)
{
	static const struct ind_value zero;
	size_t i = 0, j = 0;

	while (i < kept->n || j < now->n) {
		int64_t a = i < kept->n ? kept->org[i] : INT64_MAX;
		int64_t b = j < now->n ? now->org[j] : INT64_MAX;
		int rc;

		if (a == b)
			rc = fn(arg, a, &kept->v[i++], &now->v[j++]);
		else if (a < b)
			rc = fn(arg, a, &kept->v[i++], &zero);
		else
			rc = fn(arg, b, &zero, &now->v[j++]);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* ---- bringing the kept figures up to date ------------------------------- */

struct update {
	struct store *st;
	int year;
	const char *ind;
	bool deltas;		/* add the differences to the rollups */
};

int
fig_put_row(struct store *st, const char *table, int year, int64_t org, const char *ind,
    const struct ind_value *v)
{
	char sql[300];
	struct q *q;

	if (fig_value_zero(v))
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE year = $1 AND org_id = $2 AND "
		    "ind = $3", table);
	else
		snprintf(sql, sizeof(sql), "INSERT OR REPLACE INTO %s (year, org_id, ind, num, "
		    "den, p1, p2, p3, p4) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", table);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	q_int(q, 2, org);
	q_text(q, 3, ind);
	if (!fig_value_zero(v))
		fig_bind_value(q, 4, v);
	return q_run(q);
}

static int
add_to_rollups(struct update *u, int64_t org, const struct ind_value *d)
{
	int64_t ids[REACH_MAX];
	int n, rc;

	if ((rc = fig_reach_one(u->st, org, u->year, ids, &n)) != ST_OK)
		return rc;
	for (int k = 0; k < n && rc == ST_OK; k++) {
		struct q *q = q_prep(u->st, "INSERT INTO figure_rollup (year, org_id, ind, num, "
		    "den, p1, p2, p3, p4) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT "
		    "(year, org_id, ind) DO UPDATE SET num = num + excluded.num, den = den + "
		    "excluded.den, p1 = p1 + excluded.p1, p2 = p2 + excluded.p2, p3 = p3 + "
		    "excluded.p3, p4 = p4 + excluded.p4");

		if (q == NULL)
			return ST_ERROR;
		q_int(q, 1, u->year);
		q_int(q, 2, ids[k]);
		q_text(q, 3, u->ind);
		fig_bind_value(q, 4, d);
		rc = q_run(q);
	}
	return rc;
}

static int
update_unit(void *arg, int64_t org, const struct ind_value *kept, const struct ind_value *now)
{
	struct update *u = arg;
	struct ind_value d = *now;
	int rc;

	if (value_same(kept, now))
		return ST_OK;
	if ((rc = fig_put_row(u->st, "figure_tally", u->year, org, u->ind, now)) != ST_OK)
		return rc;
	if (!u->deltas)
		return ST_OK;
	fig_value_add(&d, kept, -1);
	return add_to_rollups(u, org, &d);
}

/* Recomputes the year's tallies (of the units listed in table units, or
 * all) and, with deltas, adds their differences to the rollups.  With
 * units "figure_dirty", a figure is recomputed only for the units noted
 * with a write to a table it reads, and not at all when mask (the tables
 * written to) holds none of them. */
int
fig_update_tallies(struct store *st, int year, const char *units, int64_t mask, bool deltas)
{
	bool dirty = units != NULL && strcmp(units, "figure_dirty") == 0;
	int rc = ST_OK;

	for (int i = 0; i < IND__MAX && rc == ST_OK; i++) {
		struct unit_values now[PERIOD__MAX] = { { 0 } }, kept[PERIOD__MAX] = { { 0 } };
		int64_t reads = store_indicator_tables((enum indicator_id)i);
		char noted[112], name[FIG_NAME_CHARS];

		if (dirty && (mask & reads) == 0)
			continue;
		if (dirty) {
			snprintf(noted, sizeof(noted), "figure_dirty WHERE mask & %lld AND years & %lld",
			    (long long)reads, (long long)(FIG_YEAR_BIT(year) | FIG_ALL_YEARS));
			units = noted;
		}
		if ((rc = fig_uv_records(st, year, (enum indicator_id)i, units, now)) == ST_OK)
			rc = uv_kept_spans(st, year, (enum indicator_id)i, units, kept);
		for (int s = 0; s < fig_spans((enum indicator_id)i) && rc == ST_OK; s++) {
			struct update u = { st, year, name, deltas };

			fig_name((enum indicator_id)i, s, name);
			rc = uv_merge(&kept[s], &now[s], update_unit, &u);
		}
		fig_uv_free_spans(now);
		fig_uv_free_spans(kept);
	}
	return rc;
}

/* Every unit's rollup of indicator ind for the year, from the kept
 * tallies: acc[0 … max_id], zeroed by the caller. */
static int
rollups_from_tallies(struct store *st, const struct reach_all *r, int year, const char *ind,
    struct ind_value *acc)
{
	struct q *q = q_prep(st, "SELECT org_id, num, den, p1, p2, p3, p4 FROM figure_tally "
	    "WHERE year = $1 AND ind = $2");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	q_text(q, 2, ind);
	while ((rc = q_step(q)) == 1) {
		int64_t o = q_col_int(q, 0);
		struct ind_value v;

		if (o < 0 || o > r->max_id)
			continue;
		fig_read_value(q, 1, &v);
		for (size_t k = r->off[o]; k < r->off[o + 1]; k++)
			if (r->ids[k] >= 0 && r->ids[k] <= r->max_id)
				fig_value_add(&acc[r->ids[k]], &v, 1);
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

/* The rollups of figure i over span from the kept tallies, written. */
static int
put_rollups(struct store *st, const struct reach_all *r, int year, enum indicator_id i,
    int span, struct ind_value *acc)
{
	char name[FIG_NAME_CHARS];
	int rc;

	fig_name(i, span, name);
	memset(acc, 0, ((size_t)r->max_id + 1) * sizeof(*acc));
	rc = rollups_from_tallies(st, r, year, name, acc);
	for (int64_t a = 0; a <= r->max_id && rc == ST_OK; a++)
		if (!fig_value_zero(&acc[a]))
			rc = fig_put_row(st, "figure_rollup", year, a, name, &acc[a]);
	return rc;
}

static int
rebuild_rollups(struct store *st, int year)
{
	struct reach_all r;
	struct ind_value *acc = NULL;
	struct q *q;
	int rc;

	if ((rc = fig_reach_load(st, year, &r)) != ST_OK)
		return rc;
	if ((q = q_prep(st, "DELETE FROM figure_rollup WHERE year = $1")) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	q_int(q, 1, year);
	if ((rc = q_run(q)) != ST_OK)
		goto out;
	if ((acc = malloc(((size_t)r.max_id + 1) * sizeof(*acc))) == NULL) {
		rc = store_fail(st, ST_ERROR, "out of memory");
		goto out;
	}
	for (int i = 0; i < IND__MAX && rc == ST_OK; i++)
		for (int s = 0; s < fig_spans((enum indicator_id)i) && rc == ST_OK; s++)
			rc = put_rollups(st, &r, year, (enum indicator_id)i, s, acc);
out:
	free(acc);
	fig_reach_free(&r);
	return rc;
}

/* The years a query lists (its first column), in its order. */
int
fig_years(struct store *st, const char *sql, int *years, int cap, int *n)
{
	struct q *q = q_prep(st, sql);
	int rc;

	*n = 0;
	if (q == NULL)
		return ST_ERROR;
	while ((rc = q_step(q)) == 1)
		if (*n < cap)
			years[(*n)++] = (int)q_col_int(q, 0);
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

static int
kept_years(struct store *st, int *years, int cap, int *n)
{
	return fig_years(st, "SELECT year FROM figure_year ORDER BY year", years, cap, n);
}

/* The years being built beside the writes (store_figures_build.c) settle
 * the units written since they read the records before they are kept, and
 * start again when the tree changed under them. */
static int
note_for_builds(struct store *st)
{
	struct q *q = q_prep(st, "INSERT OR IGNORE INTO figure_build_dirty (year, org_id) "
	    "SELECT b.year, d.org_id FROM figure_build b, figure_dirty d WHERE d.org_id > 0");
	int rc;

	if (q == NULL || (rc = q_run(q)) != ST_OK)
		return q == NULL ? ST_ERROR : rc;
	if ((q = q_prep(st, "UPDATE figure_build SET restart = 1 WHERE EXISTS (SELECT 1 "
	    "FROM figure_dirty d WHERE d.org_id = 0 OR (d.org_id < 0 AND -d.org_id <= "
	    "figure_build.year))")) == NULL)
		return ST_ERROR;
	return q_run(q);
}

/* The tables the noted writes were to and the years of their records (the
 * bits of figure_dirty.mask and .years). */
static int
tables_written(struct store *st, int64_t *mask, int64_t *yrs)
{
	struct q *q = q_prep(st, "SELECT DISTINCT mask, years FROM figure_dirty");
	int rc;

	*mask = *yrs = 0;
	if (q == NULL)
		return ST_ERROR;
	while ((rc = q_step(q)) == 1) {
		*mask |= q_col_int(q, 0);
		*yrs |= q_col_int(q, 1);
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
fig_pending(struct store *st, int64_t *touched, int64_t *tree_from)
{
	struct q *q = q_prep(st, "SELECT COUNT(*), COALESCE(MIN(CASE WHEN org_id <= 0 THEN "
	    "-org_id END), -1) FROM figure_dirty");
	int rc;

	*touched = 0;
	*tree_from = -1;
	if (q == NULL)
		return ST_ERROR;
	rc = q_step(q);
	if (rc == 1) {
		*touched = q_col_int(q, 0);
		*tree_from = q_col_int(q, 1);
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_figures_flush(struct store *st)
{
	int64_t touched, tree_from;
	int years[DATE_MAX_YEAR - DATE_MIN_YEAR + 1], ny, rc;
	int64_t mask, yrs;
	bool noted;

	if ((rc = fig_pending(st, &touched, &tree_from)) != ST_OK)
		return rc;
	if (touched == 0)
		return ST_OK;
	if ((rc = note_for_builds(st)) != ST_OK || (rc = tables_written(st, &mask, &yrs)) != ST_OK)
		return rc;
	if ((rc = kept_years(st, years, (int)(sizeof(years) / sizeof(years[0])), &ny)) != ST_OK)
		return rc;
	/* A change of the tree made by lamtheo noted the reaches it changes
	 * (store_figures_tree.c): brought in unit by unit. */
	noted = tree_from >= 0 && store_figures_tree_noted(st);
	for (int y = 0; y < ny && rc == ST_OK; y++) {
		bool tree = tree_from >= 0 && years[y] >= tree_from;
		/* Many units touched, or the tree changed without notes (a
		 * write outside lamtheo): recompute and rebuild the year
		 * rather than unit by unit. */
		bool rebuild = (tree && !noted) || (touched > FIG_BULK_UNITS && !tree);

		if (tree && noted)
			rc = store_figures_tree_apply(st, years[y]);
		/* Nothing written for this year (a meeting of 2025 changes no
		 * figure of 2024). */
		if (!rebuild && !tree && (yrs & (FIG_YEAR_BIT(years[y]) | FIG_ALL_YEARS)) == 0)
			continue;
		if (rc == ST_OK)
			rc = fig_update_tallies(st, years[y], rebuild ? NULL : "figure_dirty",
			    mask, !rebuild);
		if (rc == ST_OK && rebuild)
			rc = rebuild_rollups(st, years[y]);
	}
	if (rc == ST_OK && tree_from >= 0)
		rc = q_exec(st, "DELETE FROM figure_reach_old");
	return rc == ST_OK ? q_exec(st, "DELETE FROM figure_dirty") : rc;
}

int
store_figures_tree_changed(struct store *st, int from_year)
{
	struct q *q = q_prep(st, "INSERT OR IGNORE INTO figure_dirty (org_id) VALUES ($1)");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, from_year > 0 ? -(int64_t)from_year : 0);
	return q_run(q);
}

int
store_figures_ensure(struct store *st, int year, bool *built)
{
	struct q *q;
	int rc;

	*built = false;
	if (store_figures_kept(st, year))
		return ST_OK;
	if ((q = q_prep(st, "INSERT INTO figure_year (year) VALUES ($1)")) == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	*built = true;
	/* Anything pending is brought up to date by this build. */
	if ((q = q_prep(st, "DELETE FROM figure_tally WHERE year = $1")) == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	if ((rc = q_run(q)) != ST_OK ||
	    (rc = fig_update_tallies(st, year, NULL, -1, false)) != ST_OK)
		return rc;
	return rebuild_rollups(st, year);
}

bool
store_figures_ready(struct store *st, int year)
{
	struct q *q = q_prep(st, "SELECT NOT EXISTS (SELECT 1 FROM figure_dirty) FROM "
	    "figure_year WHERE year = $1");
	int rc;

	if (q == NULL)
		return false;
	q_int(q, 1, year);
	rc = q_step(q);
	rc = rc == 1 && q_col_int(q, 0) == 1;
	q_done(q);
	return rc;
}

bool
store_figures_kept(struct store *st, int year)
{
	struct q *q = q_prep(st, "SELECT 1 FROM figure_year WHERE year = $1");
	int rc;

	if (q == NULL)
		return false;
	q_int(q, 1, year);
	rc = q_step(q);
	q_done(q);
	return rc == 1;
}

/* ---- check ------------------------------------------------------------------ */

struct check {
	struct store *st;
	int year;
	const char *ind, *what;
	store_figures_report_fn report;
	void *arg;
	int64_t differences;
};

static int
check_unit(void *arg, int64_t org, const struct ind_value *kept, const struct ind_value *now)
{
	struct check *c = arg;

	if (!value_same(kept, now)) {
		c->differences++;
		c->report(c->arg, c->year, org, c->ind, c->what, kept, now);
	}
	return ST_OK;
}

/* The kept rollups of the year against those recomputed from the tallies. */
static int
check_rollups(struct check *c, const struct reach_all *r, struct ind_value *acc)
{
	struct unit_values kept = { 0 }, now = { 0 };
	int rc;

	memset(acc, 0, ((size_t)r->max_id + 1) * sizeof(*acc));
	if ((rc = rollups_from_tallies(c->st, r, c->year, c->ind, acc)) != ST_OK ||
	    (rc = fig_uv_kept(c->st, "figure_rollup", c->year, c->ind, NULL, &kept)) != ST_OK)
		goto out;
	for (int64_t a = 0; a <= r->max_id; a++)
		if (!fig_value_zero(&acc[a]) && fig_uv_push(&now, a, &acc[a]) != 0) {
			rc = store_fail(c->st, ST_ERROR, "out of memory");
			goto out;
		}
	c->what = "rollup";
	rc = uv_merge(&kept, &now, check_unit, c);
out:
	fig_uv_free(&kept);
	fig_uv_free(&now);
	return rc;
}

/* The kept figures of the units down to depth, and of those under path
 * under (NULL: none), against the live query. */
static int
check_live(struct check *c, int depth, const char *under)
{
	struct unit_values units = { 0 };
	struct q *q = q_prep(c->st, "SELECT id FROM org WHERE depth <= $1 OR "
	    "(path >= $2 AND path < $2 || x'ff') ORDER BY id");
	static const struct ind_value none;
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, depth);
	q_text(q, 2, under != NULL ? under : "~");
	while ((rc = q_step(q)) == 1)
		if (fig_uv_push(&units, q_col_int(q, 0), &none) != 0)
			rc = -ST_ERROR;
	q_done(q);
	c->what = "live";
	for (size_t u = 0; u < units.n && rc >= 0; u++) {
		struct scope sc;

		if ((rc = store_scope_for_year(c->st, units.org[u], c->year, &sc)) != ST_OK)
			break;
		for (int i = 0; i < IND__MAX && rc == ST_OK; i++)
			for (int s = 0; s < fig_spans((enum indicator_id)i) && rc == ST_OK; s++) {
				struct ind_value kept, now;
				char name[FIG_NAME_CHARS];

				fig_name((enum indicator_id)i, s, name);
				c->ind = name;
				scope_span(&sc, (enum period)s, c->year);
				if ((rc = store_figure_kept_span(c->st, units.org[u], c->year,
				    (enum indicator_id)i, s, &kept)) == ST_NOTFOUND)
					rc = ST_OK;	/* not kept: nothing to compare */
				else if (rc == ST_OK &&
				    (rc = store_indicator_live(c->st, (enum indicator_id)i, &sc,
				    c->year, &now)) == ST_OK)
					check_unit(c, units.org[u], &kept, &now);
			}
	}
	fig_uv_free(&units);
	return rc < 0 ? -rc : rc;
}

int
store_figures_check(struct store *st, int year, int live_depth, const char *live_under,
    store_figures_report_fn report, void *arg, int64_t *differences)
{
	struct check c = { st, year, NULL, NULL, report, arg, 0 };
	struct reach_all r;
	struct ind_value *acc;
	int rc;

	*differences = 0;
	if ((rc = fig_reach_load(st, year, &r)) != ST_OK)
		return rc;
	if ((acc = malloc(((size_t)r.max_id + 1) * sizeof(*acc))) == NULL) {
		fig_reach_free(&r);
		return store_fail(st, ST_ERROR, "out of memory");
	}
	for (int i = 0; i < IND__MAX && rc == ST_OK; i++) {
		struct unit_values now[PERIOD__MAX] = { { 0 } };
		char name[FIG_NAME_CHARS];

		rc = fig_uv_records(st, year, (enum indicator_id)i, NULL, now);
		for (int s = 0; s < fig_spans((enum indicator_id)i) && rc == ST_OK; s++) {
			struct unit_values kept = { 0 };

			fig_name((enum indicator_id)i, s, name);
			c.ind = name;
			c.what = "tally";
			if ((rc = fig_uv_kept(st, "figure_tally", year, name, NULL, &kept)) == ST_OK)
				rc = uv_merge(&kept, &now[s], check_unit, &c);
			fig_uv_free(&kept);
			if (rc == ST_OK)
				rc = check_rollups(&c, &r, acc);
		}
		fig_uv_free_spans(now);
	}
	free(acc);
	fig_reach_free(&r);
	if (rc == ST_OK)
		rc = check_live(&c, live_depth, live_under);
	*differences = c.differences;
	return rc;
}

int
store_figures_years(struct store *st, int *years, int cap, int *n)
{
	return kept_years(st, years, cap, n);
}

/* ---- indicators added to the kept years (migration 12) ------------------
 * A separate hunk: a migration that adds indicators (the hidden counts of
 * core_indicator.c) computes them for every year already kept, in the
 * migration's transaction, so that a kept year holds every indicator.  The
 * same steps as store_figures_ensure, for the indicators from `from` on. */

int
store_figures_add_kept(struct store *st, int from, int first_span)
{
	int years[DATE_MAX_YEAR - DATE_MIN_YEAR + 1], ny, rc;

	if ((rc = kept_years(st, years, (int)(sizeof(years) / sizeof(years[0])), &ny)) != ST_OK)
		return rc;
	for (int y = 0; y < ny && rc == ST_OK; y++) {
		struct reach_all r;
		struct ind_value *acc;

		if ((rc = fig_reach_load(st, years[y], &r)) != ST_OK)
			return rc;
		if ((acc = malloc(((size_t)r.max_id + 1) * sizeof(*acc))) == NULL) {
			fig_reach_free(&r);
			return store_fail(st, ST_ERROR, "out of memory");
		}
		for (int i = from; i < IND__MAX && rc == ST_OK; i++) {
			struct unit_values now[PERIOD__MAX] = { { 0 } };

			if (first_span >= fig_spans((enum indicator_id)i))
				continue;
			rc = fig_uv_records(st, years[y], (enum indicator_id)i, NULL, now);
			for (int s = first_span; s < fig_spans((enum indicator_id)i) && rc == ST_OK;
			    s++) {
				char name[FIG_NAME_CHARS];

				fig_name((enum indicator_id)i, s, name);
				for (size_t k = 0; k < now[s].n && rc == ST_OK; k++)
					if (!fig_value_zero(&now[s].v[k]))
						rc = fig_put_row(st, "figure_tally", years[y],
						    now[s].org[k], name, &now[s].v[k]);
				if (rc == ST_OK)
					rc = put_rollups(st, &r, years[y], (enum indicator_id)i, s, acc);
			}
			fig_uv_free_spans(now);
		}
		free(acc);
		fig_reach_free(&r);
	}
	return rc;
}
