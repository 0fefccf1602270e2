/*
 * store_totp.c — the second factor's rows: an account's TOTP secret (on,
 * or being enrolled), the time step of the last code accepted, its
 * recovery codes (digests only) and the tickets of log-ins waiting for
 * their second step (digests only, like sessions).  Nothing here is a
 * field of an account record, so nothing here reaches JSON.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_db.h"

/* Copies a secret column (exactly TOTP_SECRET_BYTES) into out: true when
 * it is there. */
static bool
secret_col(struct q *q, int col, unsigned char out[TOTP_SECRET_BYTES])
{
	size_t len = 0;
	const void *p = q_col_null(q, col) ? NULL : q_col_blob(q, col, &len);

	if (p == NULL || len != TOTP_SECRET_BYTES)
		return false;
	memcpy(out, p, TOTP_SECRET_BYTES);
	return true;
}

int
store_totp_get(struct store *st, int64_t account_id, struct totp_row *out)
{
	struct q *q = q_prep(st, "SELECT secret, enabled_at, last_step, pending_secret, "
	    "pending_at FROM account_totp WHERE account_id = $1");
	int rc;

	memset(out, 0, sizeof(*out));
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	rc = q_step(q);
	if (rc == 1) {
		out->enabled = secret_col(q, 0, out->secret);
		out->enabled_at = q_col_null(q, 1) ? 0 : q_col_int(q, 1);
		out->last_step = q_col_int(q, 2);
		out->pending = secret_col(q, 3, out->pending_secret);
		out->pending_at = q_col_null(q, 4) ? 0 : q_col_int(q, 4);
	}
	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 1 ? ST_OK : ST_NOTFOUND;
}

int
store_totp_begin(struct store *st, int64_t account_id,
    const unsigned char secret[TOTP_SECRET_BYTES], int64_t now)
{
	struct q *q = q_prep(st, "INSERT INTO account_totp (account_id, pending_secret, "
	    "pending_at) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO UPDATE SET "
	    "pending_secret = excluded.pending_secret, pending_at = excluded.pending_at");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	q_blob(q, 2, secret, TOTP_SECRET_BYTES);
	q_int(q, 3, now);
	return q_run(q);
}

int
store_totp_enable(struct store *st, int64_t account_id, int64_t step, int64_t now)
{
	struct q *q = q_prep(st, "UPDATE account_totp SET secret = pending_secret, "
	    "enabled_at = $2, last_step = $3, pending_secret = NULL, pending_at = NULL "
	    "WHERE account_id = $1 AND pending_secret IS NOT NULL RETURNING account_id");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	q_int(q, 2, now);
	q_int(q, 3, step);
	return q_run_one(q);
}

int
store_totp_used(struct store *st, int64_t account_id, int64_t step)
{
	struct q *q = q_prep(st, "UPDATE account_totp SET last_step = $2 "
	    "WHERE account_id = $1 AND last_step < $2 AND secret IS NOT NULL "
	    "RETURNING account_id");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	q_int(q, 2, step);
	return q_run_one(q);
}

int
store_totp_delete(struct store *st, int64_t account_id)
{
	static const char *const sql[] = {
		"DELETE FROM account_totp WHERE account_id = $1",
		"DELETE FROM recovery_code WHERE account_id = $1",
		"DELETE FROM login_ticket WHERE account_id = $1",
	};
	int rc;

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		struct q *q = q_prep(st, sql[i]);

		if (q == NULL)
			return ST_ERROR;
		q_int(q, 1, account_id);
		if ((rc = q_run(q)) != ST_OK)
			return rc;
	}
	return ST_OK;
}

int
store_recovery_replace(struct store *st, int64_t account_id, char (*hashes)[65], int n,
    int64_t now)
{
	struct q *q = q_prep(st, "DELETE FROM recovery_code WHERE account_id = $1");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		if ((q = q_prep(st, "INSERT INTO recovery_code (account_id, code_hash, "
		    "created_at) VALUES ($1, $2, $3)")) == NULL)
			return ST_ERROR;
		q_int(q, 1, account_id);
		q_text(q, 2, hashes[i]);
		q_int(q, 3, now);
		if ((rc = q_run(q)) != ST_OK)
			return rc;
	}
	return ST_OK;
}

int
store_recovery_use(struct store *st, int64_t account_id, const char *hash, int64_t now)
{
	struct q *q = q_prep(st, "UPDATE recovery_code SET used_at = $3 WHERE account_id = $1 "
	    "AND code_hash = $2 AND used_at IS NULL RETURNING account_id");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	q_text(q, 2, hash);
	q_int(q, 3, now);
	return q_run_one(q);
}

int
store_recovery_left(struct store *st, int64_t account_id, int64_t *n)
{
	struct q *q = q_prep(st, "SELECT COUNT(*) FROM recovery_code WHERE account_id = $1 "
	    "AND used_at IS NULL");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	rc = q_step(q);
	*n = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_ticket_create(struct store *st, const char *ticket_hash, int64_t account_id,
    const char *kind, int64_t now, int64_t expires_at)
{
	struct q *q = q_prep(st, "INSERT INTO login_ticket (ticket_hash, account_id, kind, "
	    "created_at, expires_at) VALUES ($1, $2, $3, $4, $5)");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, ticket_hash);
	q_int(q, 2, account_id);
	q_text(q, 3, kind);
	q_int(q, 4, now);
	q_int(q, 5, expires_at);
	return q_run(q);
}

int
store_ticket_get(struct store *st, const char *ticket_hash, int64_t now,
    int64_t *account_id, char kind[8])
{
	struct q *q = q_prep(st, "SELECT account_id, kind FROM login_ticket "
	    "WHERE ticket_hash = $1 AND expires_at > $2");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, ticket_hash);
	q_int(q, 2, now);
	rc = q_step(q);
	if (rc == 1) {
		const char *k = q_col_text(q, 1);

		*account_id = q_col_int(q, 0);
		snprintf(kind, 8, "%s", k ? k : "");
	}
	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 1 ? ST_OK : ST_NOTFOUND;
}

int
store_ticket_delete(struct store *st, const char *ticket_hash)
{
	struct q *q = q_prep(st, "DELETE FROM login_ticket WHERE ticket_hash = $1");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, ticket_hash);
	return q_run(q);
}
