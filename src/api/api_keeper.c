/*
 * api_keeper.c — the thread that builds the kept figures of a year in the
 * background (store_figures_build.c), so that no request ever does.
 *
 * A year is asked for (api_keeper_want) when the server starts (this year),
 * when a request wants figures of a year not kept yet, and for the years a
 * build was left unfinished by the last run.  The keeper reads the records
 * on a connection of its own and writes through the writer thread, a step
 * per group, so writes and reads go on while it works; its progress is
 * what a request for that year is told ("đang tính số liệu năm 2025 (43%)")
 * and what GET /api/v1/figures shows the administrator.
 *
 * Writes that bypassed the server (sqlite3 by hand, a restore) leave units
 * pending, and until they are brought up to date every figure would be
 * computed from the records.  The keeper looks for them when it starts and
 * every KEEPER_POLL_S seconds when idle, and hands them to the writer: a
 * few are flushed at once, many make the kept years ones to build again.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "limits.h"
#include "text/text.h"

#define KEEPER_WANTS	16

struct api_keeper {
	char *db_path;
	struct api_writer *writer;
	int chunk_rows;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int wants[KEEPER_WANTS];	/* years to build, in the order asked */
	int nwants;
	int year, percent;		/* the year being built now (0: none) */
	int64_t pending;		/* units left by writes that bypassed the server */
	bool adopt;			/* look for them now */
	bool stopping, started;
};

static void
want_locked(struct api_keeper *k, int year)
{
	for (int i = 0; i < k->nwants; i++)
		if (k->wants[i] == year)
			return;
	if (k->nwants < KEEPER_WANTS) {
		k->wants[k->nwants++] = year;
		pthread_cond_signal(&k->cv);
	}
}

void
api_keeper_want(struct api_keeper *k, int year)
{
	if (k == NULL)
		return;
	pthread_mutex_lock(&k->mu);
	want_locked(k, year);
	pthread_mutex_unlock(&k->mu);
}

void
api_keeper_look(struct api_keeper *k)
{
	if (k == NULL)
		return;
	pthread_mutex_lock(&k->mu);
	k->adopt = true;
	pthread_cond_signal(&k->cv);
	pthread_mutex_unlock(&k->mu);
}

int
api_keeper_progress(struct api_keeper *k, int year)
{
	int p = -1;

	if (k == NULL)
		return -1;
	pthread_mutex_lock(&k->mu);
	if (k->year == year)
		p = k->percent;
	else
		for (int i = 0; i < k->nwants; i++)
			if (k->wants[i] == year)
				p = 0;
	pthread_mutex_unlock(&k->mu);
	return p;
}

void
api_keeper_state(struct api_keeper *k, int *year, int *percent, int *queued, int cap,
    int *nqueued, int64_t *pending)
{
	*year = 0;
	*percent = 0;
	*nqueued = 0;
	*pending = 0;
	if (k == NULL)
		return;
	pthread_mutex_lock(&k->mu);
	*year = k->year;
	*percent = k->percent;
	*pending = k->pending;
	for (int i = 0; i < k->nwants && *nqueued < cap; i++)
		if (k->wants[i] != k->year)
			queued[(*nqueued)++] = k->wants[i];
	pthread_mutex_unlock(&k->mu);
}

static int
keeper_write(void *wctx, int (*fn)(struct store *st, void *arg), void *arg)
{
	struct api_keeper *k = wctx;

	return api_writer_run(k->writer, fn, arg);
}

static bool
keeper_progress(void *parg, int year, int percent)
{
	struct api_keeper *k = parg;
	bool go;

	pthread_mutex_lock(&k->mu);
	if (k->year == year)
		k->percent = percent;
	go = !k->stopping;
	pthread_mutex_unlock(&k->mu);
	return go;
}

struct adopt {
	int years[DATE_MAX_YEAR - DATE_MIN_YEAR + 1];
	int n;
};

static int
adopt_step(struct store *st, void *arg)
{
	struct adopt *a = arg;

	return store_figures_adopt(st, a->years, (int)(sizeof(a->years) / sizeof(a->years[0])),
	    &a->n);
}

/* Units left pending by writes that bypassed the server: brought up to
 * date by the writer, or the kept years built again. */
static void
adopt_pending(struct api_keeper *k, struct store *rd)
{
	struct adopt a = { .n = 0 };
	int64_t units;

	if (store_figures_pending(rd, &units) != ST_OK) {
		fprintf(stderr, "lamtheo: figures: %s\n", store_errmsg(rd));
		return;
	}
	pthread_mutex_lock(&k->mu);
	k->pending = units;
	pthread_mutex_unlock(&k->mu);
	if (units == 0)
		return;
	fprintf(stderr, "lamtheo: figures: %lld units changed outside the server, brought up "
	    "to date\n", (long long)units);
	if (api_writer_run(k->writer, adopt_step, &a) != ST_OK) {
		fprintf(stderr, "lamtheo: figures: the pending units could not be brought up to "
		    "date\n");
		return;
	}
	pthread_mutex_lock(&k->mu);
	k->pending = 0;
	for (int i = 0; i < a.n; i++)
		want_locked(k, a.years[i]);
	pthread_mutex_unlock(&k->mu);
}

/* The years a build was left unfinished by the last run. */
static void
resume_builds(struct api_keeper *k, struct store *rd)
{
	int years[DATE_MAX_YEAR - DATE_MIN_YEAR + 1], n;

	if (store_figures_building(rd, years, (int)(sizeof(years) / sizeof(years[0])), &n) !=
	    ST_OK) {
		fprintf(stderr, "lamtheo: figures: %s\n", store_errmsg(rd));
		return;
	}
	for (int i = 0; i < n; i++)
		api_keeper_want(k, years[i]);
}

static void
build(struct api_keeper *k, struct store *rd, int year)
{
	struct timespec t0, t1;
	bool kept = false;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = store_figures_build(rd, year, k->chunk_rows, keeper_write, k, keeper_progress, k,
	    &kept);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc != ST_OK && k->stopping)
		fprintf(stderr, "lamtheo: figures of %d: stopped with the server, resumed at its "
		    "next start\n", year);
	else if (rc != ST_OK)
		fprintf(stderr, "lamtheo: figures of %d: not built: %s\n", year, store_errmsg(rd));
	else if (kept)
		fprintf(stderr, "lamtheo: figures of %d: kept (%.1f s)\n", year,
		    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

static void *
keeper_main(void *arg)
{
	struct api_keeper *k = arg;
	struct store *rd;
	char err[256];

	if ((rd = store_open(k->db_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "lamtheo: figures: %s\n", err);
		return NULL;
	}
	adopt_pending(k, rd);
	resume_builds(k, rd);
	pthread_mutex_lock(&k->mu);
	while (!k->stopping) {
		int year;

		if (k->adopt) {
			k->adopt = false;
			pthread_mutex_unlock(&k->mu);
			adopt_pending(k, rd);
			pthread_mutex_lock(&k->mu);
			continue;
		}
		if (k->nwants == 0) {
			struct timespec until;

			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += KEEPER_POLL_S;
			if (pthread_cond_timedwait(&k->cv, &k->mu, &until) == ETIMEDOUT)
				k->adopt = true;
			continue;
		}
		year = k->year = k->wants[0];
		k->percent = 0;
		pthread_mutex_unlock(&k->mu);
		if (!store_figures_kept(rd, year))
			build(k, rd, year);
		pthread_mutex_lock(&k->mu);
		/* Done with it (kept, or to be asked again by the next request). */
		for (int i = 0; i < k->nwants; i++)
			if (k->wants[i] == year) {
				memmove(k->wants + i, k->wants + i + 1,
				    (size_t)(k->nwants - i - 1) * sizeof(k->wants[0]));
				k->nwants--;
				break;
			}
		k->year = 0;
	}
	pthread_mutex_unlock(&k->mu);
	store_close(rd);
	text_collate_cleanup();
	return NULL;
}

struct api_keeper *
api_keeper_start(const char *db_path, struct api_writer *w, int chunk_rows, char *err,
    size_t errlen)
{
	struct api_keeper *k = calloc(1, sizeof(*k));

	if (k == NULL || (k->db_path = strdup(db_path)) == NULL) {
		free(k);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	k->writer = w;
	k->chunk_rows = chunk_rows;
	pthread_mutex_init(&k->mu, NULL);
	pthread_cond_init(&k->cv, NULL);
	if (pthread_create(&k->thread, NULL, keeper_main, k) != 0) {
		snprintf(err, errlen, "cannot start the figures thread");
		pthread_mutex_destroy(&k->mu);
		pthread_cond_destroy(&k->cv);
		free(k->db_path);
		free(k);
		return NULL;
	}
	k->started = true;
	return k;
}

void
api_keeper_stop(struct api_keeper *k)
{
	if (k == NULL || !k->started)
		return;
	pthread_mutex_lock(&k->mu);
	k->stopping = true;
	pthread_cond_signal(&k->cv);
	pthread_mutex_unlock(&k->mu);
	pthread_join(k->thread, NULL);
	k->started = false;
}

void
api_keeper_free(struct api_keeper *k)
{
	if (k == NULL)
		return;
	api_keeper_stop(k);
	pthread_mutex_destroy(&k->mu);
	pthread_cond_destroy(&k->cv);
	free(k->db_path);
	free(k);
}
