/*
 * store_sqlite.c — the SQLite backend of store_db.h: one connection with WAL,
 * foreign keys and synchronous=FULL, a per-connection cache of prepared
 * statements keyed by SQL text, $n parameter binding, and the mapping of
 * SQLite result codes to enum store_rc.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "store/store_db.h"
#include "text/text.h"

#define STMT_CACHE	256	/* distinct SQL texts kept prepared per connection */
#define BUSY_TIMEOUT_MS	5000

struct q {
	struct store *st;
	sqlite3_stmt *stmt;
	char *sql;
	uint64_t hash;
	int in_use;
	int cached;
	int ordered;		/* $1, $2 … are parameters 1, 2 … (bound without a search) */
};

struct store {
	sqlite3 *db;
	struct q *cache[STMT_CACHE];
	int in_tx;
	bool group;		/* inside a group (store_group_begin): transactions are savepoints */
	int64_t group_tc0;	/* total changes when the group began */
	int64_t sp_tc0;		/* … when the current savepoint began */
	int64_t sp_changes;	/* changes made inside savepoints, kept or not */
	int64_t kept_changes;	/* … of the savepoints released */
	bool writing;		/* the transaction may write: its commit brings the figures up to date */
	int64_t actor;		/* the account changes are stamped with (0: none) */
	char errmsg[512];
	char errfield[48];
};

int64_t
store_now(void)
{
	return (int64_t)time(NULL);
}

int
store_fail(struct store *st, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->errmsg, sizeof(st->errmsg), fmt, ap);
	va_end(ap);
	return rc;
}

const char *
store_errmsg(const struct store *st)
{
	return st->errmsg;
}

const char *
store_errfield(const struct store *st)
{
	return st->errfield;
}

struct store *
store_open(const char *path, char *err, size_t errlen)
{
	static const char *const pragmas[] = {
		"PRAGMA journal_mode=WAL",
		"PRAGMA synchronous=FULL",
		"PRAGMA foreign_keys=ON",
		/* A big sort (building a year's figures groups millions of rows)
		 * spills to a temporary file past the page cache, so a server's
		 * memory stays bounded whatever the data. */
		"PRAGMA temp_store=FILE",
		"PRAGMA cache_size=-16384",
	};
	struct store *st;
	int rc;

	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	rc = sqlite3_open_v2(path, &st->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	store_profile_attach(st->db);
	for (size_t i = 0; i < sizeof(pragmas) / sizeof(pragmas[0]); i++) {
		if (sqlite3_exec(st->db, pragmas[i], NULL, NULL, NULL) != SQLITE_OK) {
			snprintf(err, errlen, "%s: %s: %s", path, pragmas[i],
			    sqlite3_errmsg(st->db));
			goto fail;
		}
	}
	return st;
fail:
	sqlite3_close(st->db);
	free(st);
	return NULL;
}

static void
q_free(struct q *q)
{
	if (q == NULL)
		return;
	sqlite3_finalize(q->stmt);
	free(q->sql);
	free(q);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		q_free(st->cache[i]);
	sqlite3_close(st->db);
	free(st);
}

/* Whether parameter n of stmt is named "$n" for every n: SQLite numbers
 * named parameters in the order they first appear. */
static int
params_ordered(sqlite3_stmt *stmt)
{
	int n = sqlite3_bind_parameter_count(stmt);

	for (int i = 1; i <= n; i++) {
		const char *p = sqlite3_bind_parameter_name(stmt, i);
		int k = 0;

		if (p == NULL || *p++ != '$')
			return 0;
		while (*p >= '0' && *p <= '9' && k < 100000)
			k = k * 10 + (*p++ - '0');
		if (*p != '\0' || k != i)
			return 0;
	}
	return 1;
}

struct q *
q_prep(struct store *st, const char *sql)
{
	uint64_t h = text_hash(sql);
	int slot = (int)(h % STMT_CACHE);
	struct q *q = st->cache[slot];

	if (q != NULL && !q->in_use && q->hash == h && strcmp(q->sql, sql) == 0) {
		q->in_use = 1;
		return q;
	}
	q = calloc(1, sizeof(*q));
	if (q == NULL || (q->sql = strdup(sql)) == NULL) {
		free(q);
		store_fail(st, ST_ERROR, "out of memory");
		return NULL;
	}
	q->st = st;
	q->hash = h;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &q->stmt, NULL) != SQLITE_OK) {
		store_fail(st, ST_ERROR, "prepare: %s: %s", sqlite3_errmsg(st->db), sql);
		q_free(q);
		return NULL;
	}
	q->ordered = params_ordered(q->stmt);
	/* Replace the slot's statement unless it is in use right now (a
	 * query running inside another's loop keeps its own copy). */
	if (st->cache[slot] == NULL || !st->cache[slot]->in_use) {
		q_free(st->cache[slot]);
		st->cache[slot] = q;
		q->cached = 1;
	}
	q->in_use = 1;
	return q;
}

void
q_reset(struct q *q)
{
	sqlite3_reset(q->stmt);
	sqlite3_clear_bindings(q->stmt);
}

void
q_done(struct q *q)
{
	if (q == NULL)
		return;
	sqlite3_reset(q->stmt);
	sqlite3_clear_bindings(q->stmt);
	q->in_use = 0;
	if (!q->cached)
		q_free(q);
}

static int
param_index(struct q *q, int n)
{
	char name[16];

	if (q->ordered)
		return n;
	snprintf(name, sizeof(name), "$%d", n);
	return sqlite3_bind_parameter_index(q->stmt, name);
}

void
q_int(struct q *q, int n, int64_t v)
{
	sqlite3_bind_int64(q->stmt, param_index(q, n), v);
}

void
q_text(struct q *q, int n, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(q->stmt, param_index(q, n));
	else
		sqlite3_bind_text(q->stmt, param_index(q, n), s, -1, SQLITE_TRANSIENT);
}

void
q_text_ref(struct q *q, int n, const char *s, size_t len)
{
	sqlite3_bind_text64(q->stmt, param_index(q, n), s, len, SQLITE_STATIC, SQLITE_UTF8);
}

void
q_blob_ref(struct q *q, int n, const void *p, size_t len)
{
	sqlite3_bind_blob64(q->stmt, param_index(q, n), p, len, SQLITE_STATIC);
}

void
q_blob(struct q *q, int n, const void *p, size_t len)
{
	sqlite3_bind_blob64(q->stmt, param_index(q, n), p, len, SQLITE_TRANSIENT);
}

void
q_null(struct q *q, int n)
{
	sqlite3_bind_null(q->stmt, param_index(q, n));
}

/* "UNIQUE constraint failed: org.code" -> "code" */
static void
unique_field(struct store *st, const char *msg)
{
	const char *p = strstr(msg, "failed: ");
	const char *dot;
	size_t n;

	st->errfield[0] = '\0';
	if (p == NULL)
		return;
	p += 8;
	dot = strchr(p, '.');
	if (dot != NULL)
		p = dot + 1;
	n = strcspn(p, ", ");
	if (n >= sizeof(st->errfield))
		n = sizeof(st->errfield) - 1;
	memcpy(st->errfield, p, n);
	st->errfield[n] = '\0';
}

int
q_step(struct q *q)
{
	struct store *st = q->st;
	int rc = sqlite3_step(q->stmt);

	switch (rc) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		unique_field(st, sqlite3_errmsg(st->db));
		store_fail(st, ST_EXISTS, "%s", sqlite3_errmsg(st->db));
		return -ST_EXISTS;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_BUSY_SNAPSHOT:
		store_fail(st, ST_BUSY, "database busy");
		return -ST_BUSY;
	default:
		store_fail(st, ST_ERROR, "%s (%d): %s", sqlite3_errmsg(st->db), rc,
		    sqlite3_sql(q->stmt));
		return -ST_ERROR;
	}
}

int64_t
q_col_int(struct q *q, int col)
{
	return sqlite3_column_int64(q->stmt, col);
}

const char *
q_col_text(struct q *q, int col)
{
	return (const char *)sqlite3_column_text(q->stmt, col);
}

const void *
q_col_blob(struct q *q, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(q->stmt, col);

	*len = (size_t)sqlite3_column_bytes(q->stmt, col);
	return p;
}

int
q_col_null(struct q *q, int col)
{
	return sqlite3_column_type(q->stmt, col) == SQLITE_NULL;
}

int
q_col_count(struct q *q)
{
	return sqlite3_column_count(q->stmt);
}

struct store *
q_store(struct q *q)
{
	return q->st;
}

int
q_run(struct q *q)
{
	int rc;

	while ((rc = q_step(q)) == 1)
		;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
q_run_one(struct q *q)
{
	int rc = q_step(q);

	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 1 ? ST_OK : ST_NOTFOUND;
}

int
q_exec(struct store *st, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);

	if (rc == SQLITE_OK)
		return ST_OK;
	store_fail(st, (rc & 0xff) == SQLITE_BUSY ? ST_BUSY : ST_ERROR, "%s",
	    msg ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	return (rc & 0xff) == SQLITE_BUSY ? ST_BUSY : ST_ERROR;
}

void
store_set_actor(struct store *st, int64_t account_id)
{
	st->actor = account_id;
}

int64_t
store_actor(const struct store *st)
{
	return st->actor;
}

int
store_begin(struct store *st, bool write)
{
	int rc;

	if (st->in_tx)
		return store_fail(st, ST_ERROR, "nested transaction");
	if (st->group) {
		st->sp_tc0 = sqlite3_total_changes64(st->db);
		rc = q_exec(st, "SAVEPOINT request");
	} else
		rc = q_exec(st, write ? "BEGIN IMMEDIATE" : "BEGIN");
	if (rc == ST_OK) {
		st->in_tx = 1;
		st->writing = write;
	}
	return rc;
}

/* The end of a write transaction of its own: the figures, the generation. */
static int
commit_work(struct store *st)
{
	int rc = store_figures_flush(st);

	if (rc == ST_OK)
		rc = q_exec(st, "UPDATE data_generation SET n = n + 1");
	return rc;
}

int
store_end(struct store *st, int rc)
{
	if (rc == ST_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

int
store_commit(struct store *st)
{
	int rc;

	if (st->group) {
		/* The group's commit does the rest (store_group_commit). */
		int64_t made = sqlite3_total_changes64(st->db) - st->sp_tc0;

		rc = st->in_tx ? q_exec(st, "RELEASE request") : ST_OK;
		if (rc != ST_OK) {
			store_rollback(st);
		} else if (st->in_tx) {
			st->sp_changes += made;
			st->kept_changes += made;
		}
		st->in_tx = 0;
		return rc;
	}
	rc = st->in_tx && st->writing ? commit_work(st) : ST_OK;
	if (rc != ST_OK) {
		store_rollback(st);
		return rc;
	}
	rc = q_exec(st, "COMMIT");

	if (rc == ST_OK)
		st->in_tx = 0;
	else
		store_rollback(st);
	return rc;
}

int
store_generation(struct store *st, int64_t *gen)
{
	struct q *q = q_prep(st, "SELECT n FROM data_generation");
	int rc;

	*gen = -1;
	if (q == NULL)
		return ST_ERROR;
	rc = q_step(q);
	if (rc == 1)
		*gen = q_col_int(q, 0);
	q_done(q);
	return rc < 0 ? -rc : rc == 1 ? ST_OK : store_fail(st, ST_ERROR, "no data generation");
}

int
store_generations(struct store *st, int64_t *data, int64_t *access)
{
	struct q *q = q_prep(st, "SELECT d.n, a.n FROM data_generation d, access_generation a");
	int rc;

	*data = *access = -1;
	if (q == NULL)
		return ST_ERROR;
	rc = q_step(q);
	if (rc == 1) {
		*data = q_col_int(q, 0);
		*access = q_col_int(q, 1);
	}
	q_done(q);
	return rc < 0 ? -rc : rc == 1 ? ST_OK : store_fail(st, ST_ERROR, "no data generation");
}

void
store_rollback(struct store *st)
{
	if (st->in_tx && st->group) {
		st->sp_changes += sqlite3_total_changes64(st->db) - st->sp_tc0;
		if (sqlite3_get_autocommit(st->db) == 0)
			sqlite3_exec(st->db, "ROLLBACK TO request; RELEASE request", NULL, NULL, NULL);
	} else if (st->in_tx) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	}
	st->in_tx = 0;
}

int64_t
store_changes(struct store *st)
{
	return sqlite3_total_changes64(st->db);
}

int
store_group_begin(struct store *st)
{
	int rc;

	if (st->in_tx || st->group)
		return store_fail(st, ST_ERROR, "nested transaction");
	if ((rc = q_exec(st, "BEGIN IMMEDIATE")) == ST_OK) {
		st->group = true;
		st->group_tc0 = sqlite3_total_changes64(st->db);
		st->sp_changes = st->kept_changes = 0;
	}
	return rc;
}

int
store_manual_checkpoints(struct store *st)
{
	return q_exec(st, "PRAGMA wal_autocheckpoint=0");
}

int
store_checkpoint(struct store *st)
{
	int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

	if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY)
		return ST_OK;
	return store_fail(st, ST_ERROR, "checkpoint: %s", sqlite3_errmsg(st->db));
}

bool
store_group_alive(struct store *st)
{
	return st->group && sqlite3_get_autocommit(st->db) == 0;
}

int
store_group_commit(struct store *st)
{
	int rc = ST_OK;

	if (!st->group)
		return store_fail(st, ST_ERROR, "no group");
	if (st->in_tx)		/* a request that neither committed nor rolled back */
		store_rollback(st);
	if (!store_group_alive(st))
		rc = store_fail(st, ST_ERROR, "the group's transaction ended early");
	/* A group that kept no change (every request refused) is rolled
	 * back: no fsync, and the generation does not move. */
	if (rc == ST_OK && st->kept_changes == 0 &&
	    sqlite3_total_changes64(st->db) - st->group_tc0 == st->sp_changes) {
		store_group_rollback(st);
		return ST_OK;
	}
	if (rc == ST_OK)
		rc = commit_work(st);
	if (rc == ST_OK)
		rc = q_exec(st, "COMMIT");
	if (rc != ST_OK) {
		char msg[sizeof(st->errmsg)];

		memcpy(msg, st->errmsg, sizeof(msg));
		store_group_rollback(st);
		memcpy(st->errmsg, msg, sizeof(msg));
	}
	st->group = false;
	return rc;
}

void
store_group_rollback(struct store *st)
{
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
	st->group = false;
}
