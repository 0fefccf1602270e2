/*
 * store_db.h — the store layer's internal query interface.  The store_*.c
 * files that hold SQL talk to the database only through these functions, so
 * a second backend (libpq) implements this header and reuses every query.
 *
 * SQL uses $1, $2 … parameters.  Prepared statements are cached per
 * connection by SQL text; q_prep() hands back a reset statement.
 */
#ifndef LAMTHEO_STORE_DB_H
#define LAMTHEO_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct q;

/* A prepared statement for sql (cached; the cache owns it).  NULL on error
 * (store_errmsg says why).  Each q_prep must be paired with q_done. */
struct q *q_prep(struct store *st, const char *sql);

/* Bind parameter $n (1-based).  Text and blobs are copied. */
void q_int(struct q *q, int n, int64_t v);
void q_text(struct q *q, int n, const char *s);
void q_blob(struct q *q, int n, const void *p, size_t len);
void q_null(struct q *q, int n);

/* The same without a copy: s (len bytes) must stay as it is until the
 * statement is reset or done (a bulk insert binds a record's own text). */
void q_text_ref(struct q *q, int n, const char *s, size_t len);
void q_blob_ref(struct q *q, int n, const void *p, size_t len);

/* Runs one step: 1 when a row is ready, 0 when done, or -enum store_rc. */
int q_step(struct q *q);

/* Columns of the current row (0-based).  Text is valid until the next step. */
int64_t q_col_int(struct q *q, int col);
const char *q_col_text(struct q *q, int col);	/* NULL when SQL NULL */
const void *q_col_blob(struct q *q, int col, size_t *len);
int q_col_null(struct q *q, int col);
int q_col_count(struct q *q);

/* The store the statement belongs to. */
struct store *q_store(struct q *q);

/* Releases the statement back to the cache. */
void q_done(struct q *q);

/* Makes the statement ready to run again, without releasing it: a loop
 * that runs one statement many times (a bulk import) keeps it from q_prep
 * to q_done instead of looking it up for each run. */
void q_reset(struct q *q);

/* Runs a statement expecting no rows; returns ST_OK or an error. */
int q_run(struct q *q);
/* Runs q, a statement that RETURNs the row it touched, and finishes it:
 * ST_OK when it touched one, ST_NOTFOUND when none, or an error. */
int q_run_one(struct q *q);

/* Runs SQL text that takes no parameters (DDL, pragmas). */
int q_exec(struct store *st, const char *sql);

/* Records an error message (printf-like) on the store; returns rc. */
/* store_profile.c: the statement profile (LAMTHEO_SQL_PROFILE). */
struct sqlite3;
void store_profile_attach(struct sqlite3 *db);

int store_fail(struct store *st, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The account the connection's changes are stamped with (0: none). */
int64_t store_actor(const struct store *st);

/* The unix time the store stamps rows with. */
int64_t store_now(void);

#endif
