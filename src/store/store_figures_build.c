/*
 * store_figures_build.c — a year's kept figures built beside the writes, so
 * that no request and no write waits for the whole year to be counted.
 *
 * Computing every tally and rollup of a national year reads millions of
 * records (tens of seconds); writing them is millions of rows.  Done in one
 * write transaction, as store_figures_ensure does, every write of the
 * server would wait behind it.  Here the work is cut in steps:
 *
 *   start   (a write)  the year goes into figure_build with a new epoch;
 *                      from this commit on, every flush notes the units it
 *                      touches in figure_build_dirty (store_figures.c);
 *   clear   (writes)   rows left from an earlier build are deleted, a few
 *                      thousand at a time;
 *   compute (a read)   on the caller's read connection, in one snapshot
 *                      taken after start: each indicator's tallies from the
 *                      records, and the rollups from them through the reach
 *                      of every unit (as rebuild_rollups does);
 *   write   (writes)   those rows, BUILD_CHUNK_ROWS at a time;
 *   settle  (writes)   the units written since start, FIG_BULK_UNITS at a
 *                      time: their tallies recomputed from the records and
 *                      the differences added to the rollups — exactly what
 *                      the flush does for a kept year; when none is left,
 *                      in the same transaction, the year moves from
 *                      figure_build to figure_year and is kept from then.
 *
 * Why the result equals the records: the snapshot holds every write
 * committed before it; a write committed after start is noted in
 * figure_build_dirty (a write between start and the snapshot is in both:
 * settling it again changes nothing); settling recomputes those units from
 * the records as they are then, and the last settle and the switch to kept
 * are one transaction, so no write falls between them.  A change of the
 * tree after start (a merge, a move) changes reaches the rollups were
 * computed with: the flush sets restart and the build starts again.  A
 * build that someone started again (another process, or after a restart
 * of the server) stops at its next write: each write checks the epoch.
 *
 * Each write step runs through the caller's write function: the server's
 * writer thread (a step joins a group like any request), or a transaction
 * of the command line.  Nothing here holds the write lock for long.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "store/store_figures.h"
#include "store/store_record.h"

#define BUILD_RESTARTS	3	/* the tree changed under the build: tries */

struct build {
	struct store *rd;
	int year;
	int64_t epoch;
	store_write_fn write;
	void *wctx;
	store_progress_fn progress;
	void *parg;
	int chunk;
	/* The rows of one step. */
	const char *table, *ind;
	const struct unit_values *rows;
	size_t from, to;
	/* What a step found. */
	bool stale, restart, done;
	int64_t left;
};

/* Is this build still the year's latest?  (Inside a write.) */
static int
check_epoch(struct store *st, struct build *b)
{
	struct q *q = q_prep(st, "SELECT epoch, restart FROM figure_build WHERE year = $1");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, b->year);
	rc = q_step(q);
	b->stale = rc != 1 || q_col_int(q, 0) != b->epoch;
	b->restart = rc == 1 && q_col_int(q, 1) != 0;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

static int
step_start(struct store *st, void *arg)
{
	struct build *b = arg;
	struct q *q;
	int rc;

	b->done = store_figures_kept(st, b->year);
	if (b->done)
		return ST_OK;
	/* A new epoch: any other build of the year stops at its next write. */
	if ((q = q_prep(st, "SELECT abs(random())")) == NULL)
		return ST_ERROR;
	if ((rc = q_step(q)) == 1)
		b->epoch = q_col_int(q, 0);
	q_done(q);
	if (rc != 1)
		return rc < 0 ? -rc : ST_ERROR;
	if ((q = q_prep(st, "INSERT INTO figure_build (year, epoch, restart) VALUES ($1, $2, 0) "
	    "ON CONFLICT (year) DO UPDATE SET epoch = excluded.epoch, restart = 0")) == NULL)
		return ST_ERROR;
	q_int(q, 1, b->year);
	q_int(q, 2, b->epoch);
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	if ((q = q_prep(st, "DELETE FROM figure_build_dirty WHERE year = $1")) == NULL)
		return ST_ERROR;
	q_int(q, 1, b->year);
	return q_run(q);
}

/* Deletes up to b->chunk rows of an earlier build; b->left: rows deleted. */
static int
step_clear(struct store *st, void *arg)
{
	static const char *const sql[2] = {
		"DELETE FROM figure_tally WHERE year = $1 AND (ind, org_id) IN (SELECT ind, "
		"org_id FROM figure_tally WHERE year = $1 LIMIT $2)",
		"DELETE FROM figure_rollup WHERE year = $1 AND (org_id, ind) IN (SELECT org_id, "
		"ind FROM figure_rollup WHERE year = $1 LIMIT $2)",
	};
	struct build *b = arg;
	int rc;

	b->left = 0;
	if ((rc = check_epoch(st, b)) != ST_OK || b->stale)
		return rc;
	for (int i = 0; i < 2; i++) {
		int64_t before = store_changes(st);
		struct q *q = q_prep(st, sql[i]);

		if (q == NULL)
			return ST_ERROR;
		q_int(q, 1, b->year);
		q_int(q, 2, b->chunk);
		if ((rc = q_run(q)) != ST_OK)
			return rc;
		b->left += store_changes(st) - before;
		if (b->left > 0)
			break;
	}
	return ST_OK;
}

static int
step_write(struct store *st, void *arg)
{
	struct build *b = arg;
	int rc;

	if ((rc = check_epoch(st, b)) != ST_OK || b->stale)
		return rc;
	for (size_t k = b->from; k < b->to && rc == ST_OK; k++)
		rc = fig_put_row(st, b->table, b->year, b->rows->org[k], b->ind, &b->rows->v[k]);
	return rc;
}

static int
step_settle(struct store *st, void *arg)
{
	struct build *b = arg;
	struct q *q;
	int rc;

	if ((rc = check_epoch(st, b)) != ST_OK || b->stale || b->restart)
		return rc;
	if ((q = q_prep(st, "INSERT INTO figure_settle (org_id) SELECT org_id FROM "
	    "figure_build_dirty WHERE year = $1 LIMIT $2")) == NULL)
		return ST_ERROR;
	q_int(q, 1, b->year);
	q_int(q, 2, FIG_BULK_UNITS);
	if ((rc = q_run(q)) != ST_OK ||
	    (rc = fig_update_tallies(st, b->year, "figure_settle", -1, true)) != ST_OK)
		return rc;
	if ((q = q_prep(st, "DELETE FROM figure_build_dirty WHERE year = $1 AND org_id IN "
	    "(SELECT org_id FROM figure_settle)")) == NULL)
		return ST_ERROR;
	q_int(q, 1, b->year);
	if ((rc = q_run(q)) != ST_OK || (rc = q_exec(st, "DELETE FROM figure_settle")) != ST_OK)
		return rc;
	if ((q = q_prep(st, "SELECT EXISTS (SELECT 1 FROM figure_build_dirty WHERE year = $1)")) == NULL)
		return ST_ERROR;
	q_int(q, 1, b->year);
	rc = q_step(q);
	b->done = rc == 1 && q_col_int(q, 0) == 0;
	q_done(q);
	if (rc < 0)
		return -rc;
	if (!b->done)
		return ST_OK;
	if ((q = q_prep(st, "DELETE FROM figure_build WHERE year = $1")) == NULL)
		return ST_ERROR;
	q_int(q, 1, b->year);
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	if ((q = q_prep(st, "INSERT INTO figure_year (year) VALUES ($1)")) == NULL)
		return ST_ERROR;
	q_int(q, 1, b->year);
	return q_run(q);
}

/* Tells the caller how far the build is; false: stop. */
static bool
report(struct build *b, int percent)
{
	return b->progress == NULL || b->progress(b->parg, b->year, percent);
}

/* Writes rows of table for indicator ind, a chunk per write. */
static int
write_rows(struct build *b, const char *table, const char *ind, const struct unit_values *rows)
{
	int rc = ST_OK;

	b->table = table;
	b->ind = ind;
	b->rows = rows;
	for (size_t k = 0; k < rows->n && rc == ST_OK && !b->stale; k += (size_t)b->chunk) {
		b->from = k;
		b->to = k + (size_t)b->chunk < rows->n ? k + (size_t)b->chunk : rows->n;
		rc = b->write(b->wctx, step_write, b);
	}
	return rc;
}

/* The rollups of indicator i from its tallies, through every unit's reach. */
static int
rollups_of(struct store *st, const struct reach_all *r, const struct unit_values *tallies,
    struct ind_value *acc, struct unit_values *out)
{
	memset(acc, 0, ((size_t)r->max_id + 1) * sizeof(*acc));
	for (size_t t = 0; t < tallies->n; t++) {
		int64_t o = tallies->org[t];

		if (o < 0 || o > r->max_id)
			continue;
		for (size_t k = r->off[o]; k < r->off[o + 1]; k++)
			if (r->ids[k] >= 0 && r->ids[k] <= r->max_id)
				fig_value_add(&acc[r->ids[k]], &tallies->v[t], 1);
	}
	for (int64_t a = 0; a <= r->max_id; a++)
		if (!fig_value_zero(&acc[a]) && fig_uv_push(out, a, &acc[a]) != 0)
			return store_fail(st, ST_ERROR, "out of memory");
	return ST_OK;
}

/* Compute and write: every indicator of the year from one snapshot. */
static int
compute_and_write(struct build *b)
{
	struct reach_all r;
	struct ind_value *acc = NULL;
	int rc;

	if ((rc = store_begin(b->rd, false)) != ST_OK)
		return rc;
	if ((rc = fig_reach_load(b->rd, b->year, &r)) != ST_OK) {
		store_rollback(b->rd);
		return rc;
	}
	if ((acc = malloc(((size_t)r.max_id + 1) * sizeof(*acc))) == NULL)
		rc = store_fail(b->rd, ST_ERROR, "out of memory");
	for (int i = 0; i < IND__MAX && rc == ST_OK && !b->stale; i++) {
		struct unit_values tallies[PERIOD__MAX] = { { 0 } };

		if (!report(b, 5 + 90 * i / IND__MAX))
			rc = ST_ERROR;
		if (rc == ST_OK)
			rc = fig_uv_records(b->rd, b->year, (enum indicator_id)i, NULL, tallies);
		for (int s = 0; s < fig_spans((enum indicator_id)i) && rc == ST_OK && !b->stale;
		    s++) {
			struct unit_values rollups = { 0 };
			char name[FIG_NAME_CHARS];

			fig_name((enum indicator_id)i, s, name);
			if ((rc = rollups_of(b->rd, &r, &tallies[s], acc, &rollups)) == ST_OK)
				rc = write_rows(b, "figure_tally", name, &tallies[s]);
			if (rc == ST_OK)
				rc = write_rows(b, "figure_rollup", name, &rollups);
			fig_uv_free(&rollups);
		}
		fig_uv_free_spans(tallies);
	}
	free(acc);
	fig_reach_free(&r);
	store_rollback(b->rd);		/* the read transaction: nothing to keep */
	return rc;
}

static int
build_once(struct build *b)
{
	int rc;

	b->stale = b->restart = b->done = false;
	if (!report(b, 0))
		return ST_ERROR;
	if ((rc = b->write(b->wctx, step_start, b)) != ST_OK || b->done)
		return rc;
	do {
		rc = b->write(b->wctx, step_clear, b);
	} while (rc == ST_OK && !b->stale && b->left > 0 && report(b, 2));
	if (rc == ST_OK && !b->stale)
		rc = compute_and_write(b);
	while (rc == ST_OK && !b->stale && !b->restart && !b->done && report(b, 96))
		rc = b->write(b->wctx, step_settle, b);
	return rc;
}

int
store_figures_build(struct store *rd, int year, int chunk_rows, store_write_fn write,
    void *wctx, store_progress_fn progress, void *parg, bool *kept)
{
	struct build b = { .rd = rd, .year = year, .write = write, .wctx = wctx,
	    .progress = progress, .parg = parg, .chunk = chunk_rows > 0 ? chunk_rows :
	    BUILD_CHUNK_ROWS };
	int rc = ST_OK;

	*kept = false;
	for (int tries = 0; tries < BUILD_RESTARTS && rc == ST_OK; tries++) {
		rc = build_once(&b);
		if (rc != ST_OK || !b.restart)
			break;
	}
	if (rc == ST_OK && b.done)
		report(&b, 100);
	*kept = rc == ST_OK && b.done;
	return rc;
}

int
store_figures_building(struct store *st, int *years, int cap, int *n)
{
	return fig_years(st, "SELECT year FROM figure_build ORDER BY year DESC", years, cap, n);
}

int
store_figures_pending(struct store *st, int64_t *units)
{
	struct q *q = q_prep(st, "SELECT COUNT(*) FROM figure_dirty");
	int rc;

	*units = 0;
	if (q == NULL)
		return ST_ERROR;
	rc = q_step(q);
	*units = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_figures_adopt(struct store *st, int *years, int cap, int *n)
{
	int64_t units, tree_from;
	struct q *q;
	int rc;

	*n = 0;
	if ((rc = fig_pending(st, &units, &tree_from)) != ST_OK)
		return rc;
	if (units == 0)
		return ST_OK;
	/* A few units, the tree as it was: the flush of this transaction. */
	if (units <= FIG_BULK_UNITS && tree_from < 0)
		return store_figures_flush(st);
	/* Many, or the tree changed: every kept year is built again beside
	 * the writes, and answered meanwhile as a year being built. */
	if ((rc = store_figures_years(st, years, cap, n)) != ST_OK)
		return rc;
	for (int i = 0; i < *n && rc == ST_OK; i++) {
		if ((q = q_prep(st, "INSERT OR IGNORE INTO figure_build (year, epoch) VALUES "
		    "($1, 0)")) == NULL)
			return ST_ERROR;
		q_int(q, 1, years[i]);
		rc = q_run(q);
	}
	if (rc == ST_OK)
		rc = q_exec(st, "DELETE FROM figure_year; DELETE FROM figure_dirty");
	return rc;
}
