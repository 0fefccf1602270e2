/*
 * store_session.c — sessions, stored as digests of their tokens (a stolen
 * database does not yield live sessions) and listed for administrators by
 * their own id, never by digest; and the failed log-in counters
 * behind rate limiting.  Both live in the database so that several server
 * processes sharing it agree.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_db.h"

int
store_session_create(struct store *st, const char *token_hash, int64_t account_id,
    const char *csrf, int64_t now, int64_t expires_at, const char *ip,
    const char *user_agent)
{
	struct q *q = q_prep(st, "INSERT INTO session (token_hash, account_id, csrf, "
	    "created_at, expires_at, last_seen, ip, user_agent) "
	    "VALUES ($1, $2, $3, $4, $5, $4, $6, $7)");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, token_hash);
	q_int(q, 2, account_id);
	q_text(q, 3, csrf);
	q_int(q, 4, now);
	q_int(q, 5, expires_at);
	q_text(q, 6, ip);
	q_text(q, 7, user_agent);
	return q_run(q);
}

int
store_session_get(struct store *st, const char *token_hash, int64_t now,
    int64_t idle_s, struct session_row *out)
{
	struct q *q = q_prep(st, "SELECT account_id, csrf, created_at, expires_at, "
	    "last_seen, id FROM session WHERE token_hash = $1 AND expires_at > $2 "
	    "AND last_seen > $3");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, token_hash);
	q_int(q, 2, now);
	q_int(q, 3, now - idle_s);
	rc = q_step(q);
	if (rc == 1) {
		out->account_id = q_col_int(q, 0);
		snprintf(out->csrf, sizeof(out->csrf), "%s", q_col_text(q, 1));
		out->created_at = q_col_int(q, 2);
		out->expires_at = q_col_int(q, 3);
		out->last_seen = q_col_int(q, 4);
		out->id = q_col_int(q, 5);
	}
	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 0 ? ST_NOTFOUND : ST_OK;
}

int
store_session_touch(struct store *st, const char *token_hash, int64_t when)
{
	struct q *q = q_prep(st, "UPDATE session SET last_seen = $1 WHERE token_hash = $2 "
	    "AND last_seen < $1");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, when);
	q_text(q, 2, token_hash);
	return q_run(q);
}

int
store_session_delete(struct store *st, const char *token_hash)
{
	struct q *q = q_prep(st, "DELETE FROM session WHERE token_hash = $1");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, token_hash);
	return q_run(q);
}

int
store_session_delete_account(struct store *st, int64_t account_id)
{
	struct q *q = q_prep(st, "DELETE FROM session WHERE account_id = $1");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	return q_run(q);
}

int
store_session_delete_others(struct store *st, int64_t account_id, const char *keep_hash)
{
	struct q *q = q_prep(st, "DELETE FROM session WHERE account_id = $1 "
	    "AND token_hash <> $2");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	q_text(q, 2, keep_hash);
	return q_run(q);
}

int
store_session_delete_id(struct store *st, int64_t account_id, int64_t id)
{
	struct q *q = q_prep(st, "DELETE FROM session WHERE id = $1 AND account_id = $2 "
	    "RETURNING id");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	q_int(q, 2, account_id);
	return q_run_one(q);
}

int
store_session_list(struct store *st, int64_t account_id, int64_t now, int64_t idle_s,
    const char *mine, struct session_info *out, int max, int *n)
{
	struct q *q = q_prep(st, "SELECT id, created_at, expires_at, last_seen, ip, "
	    "user_agent, token_hash = $4 FROM session WHERE account_id = $1 "
	    "AND expires_at > $2 AND last_seen > $3 ORDER BY last_seen DESC, id DESC");
	int rc = 0;

	*n = 0;
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, account_id);
	q_int(q, 2, now);
	q_int(q, 3, now - idle_s);
	q_text(q, 4, mine);
	while (*n < max && (rc = q_step(q)) == 1) {
		struct session_info *s = &out[(*n)++];
		const char *ip = q_col_text(q, 4), *ua = q_col_text(q, 5);

		s->id = q_col_int(q, 0);
		s->created_at = q_col_int(q, 1);
		s->expires_at = q_col_int(q, 2);
		s->last_seen = q_col_int(q, 3);
		snprintf(s->ip, sizeof(s->ip), "%s", ip ? ip : "");
		snprintf(s->user_agent, sizeof(s->user_agent), "%s", ua ? ua : "");
		s->current = q_col_int(q, 6) == 1;
	}
	if (*n == max)
		rc = 0;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_session_purge(struct store *st, int64_t now)
{
	struct q *q = q_prep(st, "DELETE FROM session WHERE expires_at <= $1");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, now);
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	if ((q = q_prep(st, "DELETE FROM login_failure WHERE at <= $1")) == NULL)
		return ST_ERROR;
	q_int(q, 1, now - 24 * 3600);
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	if ((q = q_prep(st, "DELETE FROM login_ticket WHERE expires_at <= $1")) == NULL)
		return ST_ERROR;
	q_int(q, 1, now);
	return q_run(q);
}

int
store_login_failure_add(struct store *st, const char *kind, const char *key, int64_t now)
{
	struct q *q = q_prep(st, "INSERT INTO login_failure (kind, key, at) "
	    "VALUES ($1, $2, $3)");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, kind);
	q_text(q, 2, key);
	q_int(q, 3, now);
	return q_run(q);
}

int
store_login_failures(struct store *st, const char *kind, const char *key,
    int64_t since, int64_t *count, int64_t *oldest)
{
	struct q *q = q_prep(st, "SELECT COUNT(*), MIN(at) FROM login_failure "
	    "WHERE kind = $1 AND key = $2 AND at > $3");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, kind);
	q_text(q, 2, key);
	q_int(q, 3, since);
	rc = q_step(q);
	*count = rc == 1 ? q_col_int(q, 0) : 0;
	*oldest = rc == 1 && !q_col_null(q, 1) ? q_col_int(q, 1) : 0;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_login_failures_clear(struct store *st, const char *kind, const char *key)
{
	struct q *q = q_prep(st, "DELETE FROM login_failure WHERE kind = $1 AND key = $2");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, kind);
	q_text(q, 2, key);
	return q_run(q);
}
