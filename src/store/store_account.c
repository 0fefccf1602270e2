/*
 * store_account.c — log-in accounts: lookup by user name, the admin's list
 * (of the accounts of the units in the admin's scope), and password changes
 * (which end the account's sessions).
 */
#include <stdio.h>
#include <stdlib.h>

#include "store/store_db.h"
#include "store/store_record.h"

static const char *
account_cols(void)
{
	static _Thread_local char cols[1024];

	if (cols[0] == '\0' &&
	    sql_select_cols(&rtypes[RT_ACCOUNT], "a", cols, sizeof(cols)) != 0)
		cols[0] = '\0';
	return cols;
}

int
store_account_by_username(struct store *st, const char *username, struct record **out)
{
	return store_get_by(st, RT_ACCOUNT, "username", username, out);
}

int
store_account_list(struct store *st, const struct scope *sc, const char *qfold, int page,
    int per_page, struct record_list *out)
{
	char scope[6144], from[6400], sql[8192];
	char *pat = qfold ? like_contains(qfold) : NULL;
	struct q *q;
	int rc, n = 2;

	if (qfold != NULL && pat == NULL)
		return store_fail(st, ST_ERROR, "out of memory");
	/* $1 the pattern, then the scope's bounds, then the page. */
	if (sc != NULL && (n = sql_scope(sc, "o.path", 2, scope, sizeof(scope))) < 0) {
		free(pat);
		return store_fail(st, ST_ERROR, "account list: scope too long");
	}
	snprintf(from, sizeof(from), "FROM account a JOIN org o ON o.id = a.org_id "
	    "WHERE ($1 IS NULL OR a.username LIKE $1 ESCAPE '\\' "
	    "OR lower(a.display_name) LIKE $1 ESCAPE '\\')%s%s",
	    sc != NULL ? " AND " : "", sc != NULL ? scope : "");
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) %s", from);
	if ((q = q_prep(st, sql)) == NULL) {
		free(pat);
		return ST_ERROR;
	}
	q_text(q, 1, pat);
	if (sc != NULL)
		bind_scope(q, sc, 2);
	rc = q_step(q);
	out->total = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	if (rc < 0) {
		free(pat);
		return -rc;
	}
	snprintf(sql, sizeof(sql), "SELECT %s %s ORDER BY a.username LIMIT $%d OFFSET $%d",
	    account_cols(), from, n, n + 1);
	if ((q = q_prep(st, sql)) == NULL) {
		free(pat);
		return ST_ERROR;
	}
	q_text(q, 1, pat);
	if (sc != NULL)
		bind_scope(q, sc, 2);
	q_int(q, n, per_page);
	q_int(q, n + 1, (int64_t)(page - 1) * per_page);
	while ((rc = q_step(q)) == 1)
		record_list_push(out, record_from_row(&rtypes[RT_ACCOUNT], q, 0));
	q_done(q);
	free(pat);
	return rc < 0 ? -rc : ST_OK;
}

int
store_account_set_password(struct store *st, int64_t id, const char *hash)
{
	struct q *q = q_prep(st, "UPDATE account SET password_hash = $1, "
	    "updated_at = $2 WHERE id = $3");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, hash);
	q_int(q, 2, store_now());
	q_int(q, 3, id);
	return q_run(q);
}
