/*
 * api_write.c — group commit: every write request of the server is run by
 * one writer thread, many of them in one database transaction.
 *
 * A worker thread that receives a write (a route flagged R_WRITE) checks
 * the session and the CSRF token, suspends the connection (http_suspend:
 * the worker goes on serving reads) and queues the request here.  The
 * writer takes everything queued (at most WRITE_GROUP_MAX requests), opens
 * one write transaction (store_group_begin) and runs each request's handler
 * in it; a handler's own store_begin/store_commit/store_rollback are then a
 * savepoint, so a refused request (4xx) rolls back its own changes alone.
 * Then the figures of every unit the group touched are brought up to date
 * once, the generation is raised once, and the group commits once, with
 * synchronous=FULL (store_group_commit).  Only then are the answers sent
 * (http_resume): no request is acknowledged before its group is durable.
 *
 * Why nothing acknowledged is lost: an answer is held by the http layer
 * (http_reply while suspended) and released only after COMMIT returned, and
 * COMMIT with synchronous=FULL returns after the WAL is synced; if the group
 * fails to commit (a full disk, an I/O error, the figures failing), every
 * answer it held that was not already a refusal is replaced by 503 and the
 * whole group is rolled back, so a 2xx is never sent for a change that is
 * not on disk, and a 503 never for one that is.
 *
 * Why the group is not waited for: the writer takes whatever queued up
 * while the previous group committed — one request alone when the server
 * is quiet (no added latency), dozens at once under load (one fsync for
 * all of them).  docs/indicators.md gives the measurements.
 *
 * The writer's connection never checkpoints: a checkpointer thread copies
 * the WAL into the database every WRITE_CHECKPOINT_GROUPS groups, beside
 * the writer (a passive checkpoint blocks nobody), so no group waits for
 * that copy and its fsync.
 *
 * Other processes (the command line) still write with their own
 * transactions; the writer then waits for SQLite's lock like any writer.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "limits.h"
#include "text/text.h"

struct write_job {
	struct api_ctx c;
	void (*fn)(struct api_ctx *);
	/* A step of the server's own (api_writer_run): fn is NULL. */
	int (*step)(struct store *st, void *arg);
	void *arg;
	int rc;				/* what the step returned, once committed */
	bool finished;			/* the step's group ended: its waiter may go */
	bool done;			/* the handler ran in the current group */
	struct write_job *next;
};

/* Sessions whose last use is to be noted (advisory: done by the next group). */
struct touch {
	char token_hash[65];
	int64_t when;
};

struct api_writer {
	char *db_path;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_cond_t step_cv;		/* a step's group ended */
	struct write_job *head, *tail;
	struct touch touches[WRITE_TOUCH_MAX];
	int ntouches;
	bool stopping;			/* no new request is taken */
	bool started;
	/* The checkpointer: copies the WAL into the database beside the
	 * writer, so that no group waits for that copy and its fsync. */
	pthread_t checkpointer;
	pthread_cond_t ckpt_cv;
	uint64_t ckpt_groups;		/* groups committed since the last checkpoint */
	uint64_t groups, writes;	/* statistics (api_writer_stats) */
};

static void
job_free(struct write_job *j)
{
	free(j->c.memo_key);
	free(j);
}

/* Notes the sessions touched since the last group (inside the group). */
static void
apply_touches(struct api_writer *w, struct store *st)
{
	struct touch t[WRITE_TOUCH_MAX];
	int n;

	pthread_mutex_lock(&w->mu);
	n = w->ntouches;
	memcpy(t, w->touches, (size_t)n * sizeof(t[0]));
	w->ntouches = 0;
	pthread_mutex_unlock(&w->mu);
	for (int i = 0; i < n; i++)
		if (store_session_touch(st, t[i].token_hash, t[i].when) != ST_OK)
			fprintf(stderr, "%s: %s\n", __func__, store_errmsg(st));
}

/* Answers every job 503: the database could not be written. */
static void
fail_all(struct write_job *jobs)
{
	for (struct write_job *j = jobs; j != NULL; j = j->next) {
		if (j->fn != NULL)
			api_fail(&j->c, E_UNAVAILABLE, NULL, 0);
		j->rc = ST_ERROR;
		j->done = true;
	}
}

/* Runs a step of the server's own as one request of the group. */
static void
run_step(struct store *st, struct write_job *j)
{
	if ((j->rc = store_begin(st, true)) != ST_OK)
		return;
	if ((j->rc = j->step(st, j->arg)) == ST_OK)
		j->rc = store_commit(st);
	else
		store_rollback(st);
}

/* Replaces a held answer by 503: its group did not commit. */
static void
unavailable(struct write_job *j)
{
	http_unreply(j->c.req);
	api_fail(&j->c, E_UNAVAILABLE, NULL, 0);
}

/*
 * Runs the jobs of one group in one transaction; answers them all (the
 * answers go out when each is resumed).  A job the group could not run
 * (its transaction ended under it) is left with done false for the next.
 */
static void
run_group(struct api_writer *w, struct store *st, struct write_job *jobs)
{
	struct write_job *j;
	int rc, n = 0;		/* requests run (the server's own steps not counted) */

	if ((rc = store_group_begin(st)) != ST_OK) {
		fprintf(stderr, "%s: begin: %s\n", __func__, store_errmsg(st));
		fail_all(jobs);
		return;
	}
	apply_touches(w, st);
	for (j = jobs; j != NULL; j = j->next) {
		if (j->fn == NULL) {
			run_step(st, j);
		} else {
			j->c.st = st;
			store_set_actor(st, j->c.me.account_id);
			j->fn(&j->c);
			if (!http_replied(j->c.req))
				api_fail(&j->c, E_INTERNAL, NULL, 0);
			n++;
		}
		j->done = true;
		if (!store_group_alive(st))
			break;		/* the rest go to the next group */
	}
	store_set_actor(st, 0);
	rc = store_group_commit(st);
	if (rc != ST_OK) {
		fprintf(stderr, "%s: a group of %d did not commit: %s\n", __func__, n,
		    store_errmsg(st));
		for (j = jobs; j != NULL && j->done; j = j->next)
			if (j->fn == NULL)
				j->rc = ST_ERROR;
			else if (http_status(j->c.req) < 400)
				unavailable(j);
	}
	pthread_mutex_lock(&w->mu);
	w->groups += n > 0;
	w->writes += (uint64_t)n;
	if (++w->ckpt_groups >= WRITE_CHECKPOINT_GROUPS)
		pthread_cond_signal(&w->ckpt_cv);
	pthread_mutex_unlock(&w->mu);
}

/* Notes the sessions' last use without a group: no figures, no new
 * generation (a session's last use changes no answer). */
static void
touch_alone(struct api_writer *w, struct store *st)
{
	if (store_begin(st, false) != ST_OK) {
		fprintf(stderr, "%s: %s\n", __func__, store_errmsg(st));
		return;
	}
	apply_touches(w, st);
	if (store_commit(st) != ST_OK)
		fprintf(stderr, "%s: %s\n", __func__, store_errmsg(st));
}

/* Runs jobs group after group until each has its answer, then sends them. */
static void
run_jobs(struct api_writer *w, struct store *st, struct write_job *jobs)
{
	while (jobs != NULL) {
		struct write_job *j;

		if (st == NULL)
			fail_all(jobs);
		else
			run_group(w, st, jobs);
		/* The jobs that ran are a prefix: answer them; the rest make
		 * the next group. */
		while (jobs != NULL && jobs->done) {
			j = jobs;
			jobs = j->next;
			if (j->fn == NULL) {
				/* The waiter owns the step (api_writer_run). */
				pthread_mutex_lock(&w->mu);
				j->finished = true;
				pthread_cond_broadcast(&w->step_cv);
				pthread_mutex_unlock(&w->mu);
				continue;
			}
			http_resume(j->c.req);
			job_free(j);
		}
	}
}

static void *
writer_main(void *arg)
{
	struct api_writer *w = arg;
	struct store *st;
	char err[256];

	if ((st = store_open(w->db_path, err, sizeof(err))) == NULL)
		fprintf(stderr, "%s: %s\n", __func__, err);
	else if (store_manual_checkpoints(st) != ST_OK)
		fprintf(stderr, "%s: %s\n", __func__, store_errmsg(st));
	pthread_mutex_lock(&w->mu);
	for (;;) {
		struct write_job *jobs, *last;
		int n = 1;

		while (w->head == NULL && w->ntouches == 0 && !w->stopping)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->head == NULL) {
			if (w->ntouches == 0)
				break;		/* stopping, and nothing left */
			pthread_mutex_unlock(&w->mu);
			if (st != NULL)
				touch_alone(w, st);
			pthread_mutex_lock(&w->mu);
			w->ntouches = 0;	/* dropped when the database cannot be opened */
			continue;
		}
		/* Everything queued, up to the group's size. */
		jobs = last = w->head;
		while (last->next != NULL && n < WRITE_GROUP_MAX) {
			last = last->next;
			n++;
		}
		w->head = last->next;
		if (w->head == NULL)
			w->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&w->mu);
		run_jobs(w, st, jobs);
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	store_close(st);
	text_collate_cleanup();
	return NULL;
}

static void *
checkpointer_main(void *arg)
{
	struct api_writer *w = arg;
	struct store *st;
	char err[256];

	if ((st = store_open(w->db_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s: %s\n", __func__, err);
		return NULL;
	}
	pthread_mutex_lock(&w->mu);
	while (!w->stopping || w->ckpt_groups > 0) {
		while (w->ckpt_groups < WRITE_CHECKPOINT_GROUPS && !w->stopping)
			pthread_cond_wait(&w->ckpt_cv, &w->mu);
		if (w->ckpt_groups == 0)
			continue;
		w->ckpt_groups = 0;
		pthread_mutex_unlock(&w->mu);
		if (store_checkpoint(st) != ST_OK)
			fprintf(stderr, "%s: %s\n", __func__, store_errmsg(st));
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	store_close(st);
	return NULL;
}

/* Frees a writer whose threads are not running. */
static void
writer_destroy(struct api_writer *w)
{
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	pthread_cond_destroy(&w->step_cv);
	pthread_cond_destroy(&w->ckpt_cv);
	free(w->db_path);
	free(w);
}

struct api_writer *
api_writer_start(const char *db_path, char *err, size_t errlen)
{
	struct api_writer *w = calloc(1, sizeof(*w));

	if (w == NULL || (w->db_path = strdup(db_path)) == NULL) {
		free(w);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	pthread_cond_init(&w->step_cv, NULL);
	pthread_cond_init(&w->ckpt_cv, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		snprintf(err, errlen, "cannot start the writer thread");
		goto fail;
	}
	if (pthread_create(&w->checkpointer, NULL, checkpointer_main, w) != 0) {
		snprintf(err, errlen, "cannot start the checkpoint thread");
		pthread_mutex_lock(&w->mu);
		w->stopping = true;
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
		goto fail;
	}
	w->started = true;
	return w;
fail:
	writer_destroy(w);
	return NULL;
}

/* Queues j (the lock held). */
static void
enqueue(struct api_writer *w, struct write_job *j)
{
	if (w->tail != NULL)
		w->tail->next = j;
	else
		w->head = j;
	w->tail = j;
	pthread_cond_signal(&w->cv);
}

int
api_writer_submit(struct api_writer *w, const struct api_ctx *c, void (*fn)(struct api_ctx *))
{
	struct write_job *j;

	if (w == NULL || (j = calloc(1, sizeof(*j))) == NULL)
		return -1;
	j->c = *c;
	j->fn = fn;
	pthread_mutex_lock(&w->mu);
	if (w->stopping) {
		pthread_mutex_unlock(&w->mu);
		free(j);
		return -1;
	}
	/* Suspended before the writer can answer and resume it. */
	http_suspend(c->req);
	enqueue(w, j);
	pthread_mutex_unlock(&w->mu);
	return 0;
}

int
api_writer_run(struct api_writer *w, int (*step)(struct store *st, void *arg), void *arg)
{
	struct write_job j = { .step = step, .arg = arg };

	if (w == NULL)
		return ST_ERROR;
	pthread_mutex_lock(&w->mu);
	if (w->stopping) {
		pthread_mutex_unlock(&w->mu);
		return ST_ERROR;
	}
	enqueue(w, &j);
	while (!j.finished)
		pthread_cond_wait(&w->step_cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
	return j.rc;
}

void
api_writer_touch(struct api_writer *w, const char *token_hash, int64_t when)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	for (int i = 0; i < w->ntouches; i++)
		if (strcmp(w->touches[i].token_hash, token_hash) == 0) {
			w->touches[i].when = when;
			goto out;
		}
	if (w->ntouches < WRITE_TOUCH_MAX) {
		snprintf(w->touches[w->ntouches].token_hash,
		    sizeof(w->touches[0].token_hash), "%s", token_hash);
		w->touches[w->ntouches++].when = when;
		pthread_cond_signal(&w->cv);
	}
out:
	pthread_mutex_unlock(&w->mu);
}

void
api_writer_stop(struct api_writer *w)
{
	if (w == NULL || !w->started)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_lock(&w->mu);
	pthread_cond_signal(&w->ckpt_cv);	/* a last checkpoint, then it ends */
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->checkpointer, NULL);
	w->started = false;
}

void
api_writer_free(struct api_writer *w)
{
	if (w == NULL)
		return;
	api_writer_stop(w);
	writer_destroy(w);
}

void
api_writer_stats(struct api_writer *w, uint64_t *groups, uint64_t *writes)
{
	pthread_mutex_lock(&w->mu);
	*groups = w->groups;
	*writes = w->writes;
	pthread_mutex_unlock(&w->mu);
}
