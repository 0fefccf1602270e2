/*
 * store_figures_tree.c — a change of the tree (a unit moved, closed or
 * merged) brought into the kept figures unit by unit, instead of rebuilding
 * every rollup of every year it reaches (seconds at national scale, holding
 * the write lock).
 *
 * A unit's rollup is Σ of the tallies of the units whose reach holds it
 * (store_figures.c).  A change of the tree at unit X changes the reach of
 * exactly the units whose reach holds X or a unit merged into X (repeatedly):
 * those under X, or under one of those predecessors, during the year.  The
 * tallies themselves do not change with the tree.  So, before the change
 * (store_figures_tree_before, called by store_org_move and store_org_close
 * before they write), the reach of each such unit o is noted in
 * figure_reach_old for every kept year; at the flush of the transaction,
 * before the tallies are brought up to date, each noted unit's tally is
 * taken off the rollups of the units its reach lost and added to those it
 * gained (store_figures_tree_apply).  The tallies' own changes are then
 * added along the new reaches as for any write.  Several changes in one
 * transaction (a merge moves each child, then closes the unit) keep the
 * first reach noted, the one before all of them; a refused request rolls
 * its notes back with its savepoint.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_figures.h"
#include "store/store_record.h"

#define TREE_UNITS_MAX	(1 << 20)	/* units noted per change at most */

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int
ids_push(struct ids *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		int64_t *v;

		if (cap > TREE_UNITS_MAX || (v = realloc(s->v, cap * sizeof(*v))) == NULL)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = id;
	return 0;
}

/* X and, repeatedly, the units merged into it. */
static int
merged_into(struct store *st, int64_t root, struct ids *out)
{
	if (ids_push(out, root) != 0)
		return store_fail(st, ST_ERROR, "figures: too many units");
	for (size_t k = 0; k < out->n; k++) {
		struct q *q = q_prep(st, "SELECT id FROM org WHERE successor_id = $1");
		int rc;

		if (q == NULL)
			return ST_ERROR;
		q_int(q, 1, out->v[k]);
		while ((rc = q_step(q)) == 1)
			if (ids_push(out, q_col_int(q, 0)) != 0)
				rc = -ST_ERROR;
		q_done(q);
		if (rc < 0)
			return store_fail(st, -rc, "figures: the merged units");
	}
	return ST_OK;
}

static void
reach_text(const int64_t *ids, int n, char *buf, size_t cap)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && off < cap; i++)
		off += (size_t)snprintf(buf + off, cap - off, "%s%lld", i ? " " : "",
		    (long long)ids[i]);
}

static int
reach_parse(const char *s, int64_t *ids, int *n)
{
	char *end;

	*n = 0;
	while (*s != '\0') {
		long long v = strtoll(s, &end, 10);

		if (end == s || *n >= REACH_MAX)
			return -1;
		ids[(*n)++] = v;
		s = end;
		while (*s == ' ')
			s++;
	}
	return 0;
}

/* Notes the reach of unit o in year, unless it was noted already. */
static int
note_unit(struct store *st, int year, int64_t o)
{
	char text[REACH_MAX * 21];
	int64_t ids[REACH_MAX];
	struct q *q;
	int n, rc;

	if ((q = q_prep(st, "SELECT 1 FROM figure_reach_old WHERE year = $1 AND org_id = $2")) == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	q_int(q, 2, o);
	rc = q_step(q);
	q_done(q);
	if (rc != 0)
		return rc < 0 ? -rc : ST_OK;
	if ((rc = fig_reach_one(st, o, year, ids, &n)) != ST_OK)
		return rc;
	reach_text(ids, n, text, sizeof(text));
	if ((q = q_prep(st, "INSERT INTO figure_reach_old (year, org_id, reach) VALUES "
	    "($1, $2, $3)")) == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	q_int(q, 2, o);
	q_text(q, 3, text);
	return q_run(q);
}

/* The units under path during year (their periods then). */
static int
units_under(struct store *st, const char *path, int year, struct ids *out)
{
	char upper[256], y0[11], y1[11];
	struct q *q = q_prep(st, "SELECT DISTINCT org_id FROM org_period WHERE path >= $1 AND "
	    "path < $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $4)");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	fig_year_bounds(year, y0, y1);
	path_upper(path, upper, sizeof(upper));
	q_text(q, 1, path);
	q_text(q, 2, upper);
	q_text(q, 3, y1);
	q_text(q, 4, y0);
	while ((rc = q_step(q)) == 1)
		if (ids_push(out, q_col_int(q, 0)) != 0)
			rc = -ST_ERROR;
	q_done(q);
	return rc < 0 ? store_fail(st, -rc, "figures: the units under a unit") : ST_OK;
}

/* The paths unit p had during year. */
static int
paths_of(struct store *st, int64_t p, int year, char paths[][256], int cap, int *n)
{
	char y0[11], y1[11];
	struct q *q = q_prep(st, "SELECT path FROM org_period WHERE org_id = $1 AND "
	    "valid_from <= $2 AND (valid_to IS NULL OR valid_to > $3)");
	int rc;

	*n = 0;
	if (q == NULL)
		return ST_ERROR;
	fig_year_bounds(year, y0, y1);
	q_int(q, 1, p);
	q_text(q, 2, y1);
	q_text(q, 3, y0);
	while ((rc = q_step(q)) == 1 && *n < cap)
		snprintf(paths[(*n)++], 256, "%s", q_col_text(q, 0));
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_figures_tree_before(struct store *st, int64_t root)
{
	int years[DATE_MAX_YEAR - DATE_MIN_YEAR + 1], ny, rc;
	struct ids from = { 0 };

	if ((rc = store_figures_years(st, years, (int)(sizeof(years) / sizeof(years[0])),
	    &ny)) != ST_OK || ny == 0)
		return rc;
	if ((rc = merged_into(st, root, &from)) != ST_OK)
		goto out;
	for (int y = 0; y < ny && rc == ST_OK; y++) {
		struct ids units = { 0 };

		for (size_t k = 0; k < from.n && rc == ST_OK; k++) {
			char paths[8][256];
			int np;

			if ((rc = paths_of(st, from.v[k], years[y], paths, 8, &np)) != ST_OK)
				break;
			for (int i = 0; i < np && rc == ST_OK; i++)
				rc = units_under(st, paths[i], years[y], &units);
		}
		for (size_t u = 0; u < units.n && rc == ST_OK; u++)
			rc = note_unit(st, years[y], units.v[u]);
		free(units.v);
	}
out:
	free(from.v);
	return rc;
}

static bool
has(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* Adds sign × v to the rollup of unit a. */
static int
rollup_add(struct store *st, int year, int64_t a, const char *ind, const struct ind_value *v,
    int sign)
{
	struct ind_value d = { 0 };
	struct q *q = q_prep(st, "INSERT INTO figure_rollup (year, org_id, ind, num, den, p1, p2, "
	    "p3, p4) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (year, org_id, ind) "
	    "DO UPDATE SET num = num + excluded.num, den = den + excluded.den, p1 = p1 + "
	    "excluded.p1, p2 = p2 + excluded.p2, p3 = p3 + excluded.p3, p4 = p4 + excluded.p4");

	if (q == NULL)
		return ST_ERROR;
	fig_value_add(&d, v, sign);
	q_int(q, 1, year);
	q_int(q, 2, a);
	q_text(q, 3, ind);
	fig_bind_value(q, 4, &d);
	return q_run(q);
}

/* Moves unit o's kept tallies of year from the rollups of old to those of
 * now: its rows of every kept figure, read in one statement (a lookup of
 * each figure's key inside it). */
static int
move_tallies(struct store *st, int year, int64_t o, const int64_t *old, int nold,
    const int64_t *now, int nnow)
{
	char sql[IND__MAX * PERIOD__MAX * 6 + 160];
	int w, k = 0, rc;
	struct q *q;

	w = snprintf(sql, sizeof(sql), "SELECT ind, num, den, p1, p2, p3, p4 FROM figure_tally "
	    "WHERE year = $1 AND org_id = $2 AND ind IN (");
	for (int i = 0; i < IND__MAX; i++)
		for (int s = 0; s < fig_spans((enum indicator_id)i); s++, k++)
			w += snprintf(sql + w, sizeof(sql) - (size_t)w, "%s$%d", k ? ", " : "", k + 3);
	snprintf(sql + w, sizeof(sql) - (size_t)w, ")");
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	q_int(q, 2, o);
	k = 0;
	for (int i = 0; i < IND__MAX; i++)
		for (int s = 0; s < fig_spans((enum indicator_id)i); s++, k++) {
			char name[FIG_NAME_CHARS];

			fig_name((enum indicator_id)i, s, name);
			q_text(q, k + 3, name);
		}
	rc = ST_OK;
	while (rc == ST_OK && (w = q_step(q)) == 1) {
		char name[FIG_NAME_CHARS];
		struct ind_value v;

		snprintf(name, sizeof(name), "%s", q_col_text(q, 0) ? q_col_text(q, 0) : "");
		fig_read_value(q, 1, &v);
		for (int j = 0; j < nold && rc == ST_OK; j++)
			if (!has(now, nnow, old[j]))
				rc = rollup_add(st, year, old[j], name, &v, -1);
		for (int j = 0; j < nnow && rc == ST_OK; j++)
			if (!has(old, nold, now[j]))
				rc = rollup_add(st, year, now[j], name, &v, 1);
	}
	q_done(q);
	return rc != ST_OK ? rc : w < 0 ? -w : ST_OK;
}

int
store_figures_tree_apply(struct store *st, int year)
{
	struct q *q = q_prep(st, "SELECT org_id, reach FROM figure_reach_old WHERE year = $1");
	struct {
		int64_t org;
		char *reach;
	} *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, year);
	while ((rc = q_step(q)) == 1) {
		if (n == cap) {
			void *p = realloc(rows, (cap = cap ? cap * 2 : 64) * sizeof(*rows));

			if (p == NULL) {
				rc = -ST_ERROR;
				break;
			}
			rows = p;
		}
		rows[n].org = q_col_int(q, 0);
		if ((rows[n].reach = strdup(q_col_text(q, 1))) == NULL) {
			rc = -ST_ERROR;
			break;
		}
		n++;
	}
	q_done(q);
	rc = rc < 0 ? store_fail(st, -rc, "figures: the reaches noted") : ST_OK;
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		int64_t old[REACH_MAX], now[REACH_MAX];
		int nold, nnow;

		if (reach_parse(rows[i].reach, old, &nold) != 0)
			rc = store_fail(st, ST_ERROR, "figures: a reach noted is damaged");
		else if ((rc = fig_reach_one(st, rows[i].org, year, now, &nnow)) == ST_OK)
			rc = move_tallies(st, year, rows[i].org, old, nold, now, nnow);
	}
	for (size_t i = 0; i < n; i++)
		free(rows[i].reach);
	free(rows);
	return rc;
}

bool
store_figures_tree_noted(struct store *st)
{
	struct q *q = q_prep(st, "SELECT EXISTS (SELECT 1 FROM figure_reach_old)");
	int rc;

	if (q == NULL)
		return false;
	rc = q_step(q) == 1 && q_col_int(q, 0) == 1;
	q_done(q);
	return rc;
}
