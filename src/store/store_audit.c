/*
 * store_audit.c — the audit trail: one row per change of a record (create,
 * update, delete, restore, a workflow step, a child added), with the account,
 * the time and the record before and after as JSON, written inside the
 * transaction of the change so that neither exists without the other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"

/* One row: the target (rtype, id), its parent's (NULL for none), the
 * action, the actor and the time, before and after. */
static int
audit_insert(struct store *st, const char *rtype, int64_t id, const char *parent_rtype,
    int64_t parent_id, const char *action, const char *before, const char *after)
{
	struct q *q = q_prep(st, "INSERT INTO audit (rtype, record_id, action, "
	    "account_id, at, before, after, parent_rtype, parent_id) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, rtype);
	q_int(q, 2, id);
	q_text(q, 3, action);
	if (parent_rtype != NULL) {
		q_text(q, 8, parent_rtype);
		q_int(q, 9, parent_id);
	} else {
		q_null(q, 8);
		q_null(q, 9);
	}
	if (store_actor(st) > 0)
		q_int(q, 4, store_actor(st));
	else
		q_null(q, 4);
	q_int(q, 5, store_now());
	q_text(q, 6, before);
	q_text(q, 7, after);
	return q_run(q);
}

int
store_audit_add(struct store *st, const struct rtype *t, int64_t id,
    int64_t parent_id, const char *action, const char *before, const char *after)
{
	const struct rtype *pt = rtype_parent(t);

	return audit_insert(st, t->name, id, pt != NULL && parent_id > 0 ? pt->name : NULL,
	    parent_id, action, before, after);
}

int
store_audit_import(struct store *st, int64_t org_id, const char *summary)
{
	return audit_insert(st, "import", org_id, NULL, 0, "import", NULL, summary);
}

int
store_audit_list(struct store *st, const struct rtype *t, int64_t id,
    struct audit_row **out, int *n)
{
	struct q *q = q_prep(st, "SELECT id, account_id, at, action, before, after, "
	    "rtype, record_id FROM audit WHERE (rtype = $1 AND record_id = $2) "
	    "OR (parent_rtype = $1 AND parent_id = $2) ORDER BY id");
	struct audit_row *rows = NULL;
	int cap = 0, rc;

	*out = NULL;
	*n = 0;
	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, t->name);
	q_int(q, 2, id);
	while ((rc = q_step(q)) == 1) {
		if (*n == cap) {
			struct audit_row *r2;

			cap = cap ? cap * 2 : 8;
			if ((r2 = realloc(rows, (size_t)cap * sizeof(*rows))) == NULL) {
				q_done(q);
				store_audit_free(rows, *n);
				return store_fail(st, ST_ERROR, "out of memory");
			}
			rows = r2;
		}
		struct audit_row *a = &rows[(*n)++];
		a->id = q_col_int(q, 0);
		a->account_id = q_col_null(q, 1) ? 0 : q_col_int(q, 1);
		a->at = q_col_int(q, 2);
		snprintf(a->action, sizeof(a->action), "%s", q_col_text(q, 3));
		a->before = q_col_null(q, 4) ? NULL : strdup(q_col_text(q, 4));
		a->after = q_col_null(q, 5) ? NULL : strdup(q_col_text(q, 5));
		snprintf(a->rtype, sizeof(a->rtype), "%s", q_col_text(q, 6));
		a->record_id = q_col_int(q, 7);
	}
	q_done(q);
	*out = rows;
	return rc < 0 ? -rc : ST_OK;
}

void
store_audit_free(struct audit_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		free(rows[i].before);
		free(rows[i].after);
	}
	free(rows);
}
