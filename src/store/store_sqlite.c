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
	rc = q_exec(st, write ? "BEGIN IMMEDIATE" : "BEGIN");
	if (rc == ST_OK) {
		st->in_tx = 1;
		st->writing = write;
	}
	return rc;
}

int
store_commit(struct store *st)
{
	int rc = st->in_tx && st->writing ? store_figures_flush(st) : ST_OK;

	if (rc == ST_OK && st->in_tx && st->writing)
		rc = q_exec(st, "UPDATE data_generation SET n = n + 1");
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

void
store_rollback(struct store *st)
{
	if (st->in_tx)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}
