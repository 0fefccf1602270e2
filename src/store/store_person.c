/*
 * store_person.c — people: the scoped, searchable, Vietnamese-ordered list,
 * creation with a generated code, and transfers between units with their
 * history.  A search by name or code goes through the index
 * (store_search.c) when it can; the scan here serves the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

const char *
person_cols(void)
{
	static _Thread_local char cols[1024];

	if (cols[0] == '\0' &&
	    sql_select_cols(&rtypes[RT_PERSON], "p", cols, sizeof(cols)) != 0)
		cols[0] = '\0';
	return cols;
}

/* ORDER BY of each sort; the id breaks ties so pages never overlap. */
static const char *const sort_sql[PSORT__MAX][2] = {
	[PSORT_NAME] = { "p.sort_key, p.id", "p.sort_key DESC, p.id DESC" },
	[PSORT_BIRTH_YEAR] = { "p.birth_year IS NULL, p.birth_year, p.sort_key, p.id",
	    "p.birth_year IS NULL, p.birth_year DESC, p.sort_key, p.id" },
	[PSORT_PARTY_JOINED] = { "p.party_joined IS NULL, p.party_joined, p.sort_key, p.id",
	    "p.party_joined IS NULL, p.party_joined DESC, p.sort_key, p.id" },
	[PSORT_CODE] = { "p.code, p.id", "p.code DESC, p.id DESC" },
};

const char *
person_order(enum person_sort sort, bool desc)
{
	return sort_sql[sort][desc];
}

int
person_where(const struct person_query *pq, char *buf, size_t cap)
{
	char scope[2048];
	int n = 1;
	size_t off;

	if ((n = sql_scope(pq->scope, "o.path", n, scope, sizeof(scope))) < 0)
		return -1;
	off = (size_t)snprintf(buf, cap, "%s", scope);
	if (pq->org_path != NULL) {
		off += (size_t)snprintf(buf + off, cap - off,
		    " AND o.path >= $%d AND o.path < $%d", n, n + 1);
		n += 2;
	}
	if (pq->qfold != NULL) {
		off += (size_t)snprintf(buf + off, cap - off,
		    " AND (p.name_fold LIKE $%d ESCAPE '\\' OR p.code = $%d)", n, n + 1);
		n += 2;
	}
	if (pq->status != NULL)
		off += (size_t)snprintf(buf + off, cap - off, " AND p.status = $%d", n++);
	if (pq->only_id > 0)
		off += (size_t)snprintf(buf + off, cap - off, " AND p.id = $%d", n++);
	return off >= cap ? -1 : n;
}

void
person_bind(struct q *q, const struct person_query *pq, const char *pat)
{
	char upper[sizeof(pq->scope->prefix[0]) + 2];
	int n = 1 + 2 * pq->scope->n;

	if (pq->scope->n == 0)
		n = 1;
	bind_scope(q, pq->scope, 1);
	if (pq->org_path != NULL) {
		path_upper(pq->org_path, upper, sizeof(upper));
		q_text(q, n++, pq->org_path);
		q_text(q, n++, upper);
	}
	if (pq->qfold != NULL) {
		q_text(q, n++, pat);
		q_text(q, n++, pq->qraw ? pq->qraw : pq->qfold);
	}
	if (pq->status != NULL)
		q_text(q, n++, pq->status);
	if (pq->only_id > 0)
		q_int(q, n++, pq->only_id);
}

int
store_person_list(struct store *st, const struct person_query *pq,
    struct record_list *out)
{
	char where[3072], sql[5120];
	char *pat = NULL;
	struct q *q;
	int n, rc;

	/* A search the index serves (store_search.c); else the scan. */
	if (pq->qfold != NULL && search_indexable(pq->qfold))
		return store_person_search(st, pq, out);
	if (pq->qfold != NULL && (pat = like_contains(pq->qfold)) == NULL)
		return store_fail(st, ST_ERROR, "out of memory");
	if ((n = person_where(pq, where, sizeof(where))) < 0) {
		rc = store_fail(st, ST_ERROR, "person query too large");
		goto out;
	}
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM person p JOIN org o "
	    "ON o.id = p.org_id WHERE %s", where);
	if ((q = q_prep(st, sql)) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	person_bind(q, pq, pat);
	rc = q_step(q);
	out->total = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	if (rc < 0) {
		rc = -rc;
		goto out;
	}
	snprintf(sql, sizeof(sql), "SELECT %s FROM person p JOIN org o "
	    "ON o.id = p.org_id WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d",
	    person_cols(), where, sort_sql[pq->sort][pq->desc], n, n + 1);
	if ((q = q_prep(st, sql)) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	person_bind(q, pq, pat);
	q_int(q, n, pq->per_page);
	q_int(q, n + 1, (int64_t)(pq->page - 1) * pq->per_page);
	while ((rc = q_step(q)) == 1)
		record_list_push(out, record_from_row(&rtypes[RT_PERSON], q, 0));
	q_done(q);
	rc = rc < 0 ? -rc : ST_OK;
out:
	free(pat);
	return rc;
}

int
store_person_by_code(struct store *st, const char *code, struct record **out)
{
	return store_get_by(st, RT_PERSON, "code", code, out);
}

int
store_person_path(struct store *st, int64_t id, char *buf, size_t cap)
{
	struct q *q = q_prep(st, "SELECT o.path FROM person p JOIN org o "
	    "ON o.id = p.org_id WHERE p.id = $1");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	rc = q_step(q);
	if (rc == 1)
		snprintf(buf, cap, "%s", q_col_text(q, 0));
	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 1 ? ST_OK : ST_NOTFOUND;
}

int
store_person_create(struct store *st, struct record *p)
{
	char code[32];
	struct q *q;
	int rc;

	if (!record_has(p, PERSON_STATUS))
		record_set_text(p, PERSON_STATUS, "active");
	for (int f = PERSON_PARTY_MEMBER; f <= PERSON_UNION_MEMBER; f++)
		if (!record_has(p, f))
			record_set_int(p, f, 0);
	if ((rc = store_insert(st, p)) != ST_OK)
		return rc;
	if (record_has(p, PERSON_CODE))
		return ST_OK;
	snprintf(code, sizeof(code), "DV%06lld", (long long)p->id);
	if ((q = q_prep(st, "UPDATE person SET code = $1 WHERE id = $2")) == NULL)
		return ST_ERROR;
	q_text(q, 1, code);
	q_int(q, 2, p->id);
	if ((rc = q_run(q)) == ST_OK)
		record_set_text(p, PERSON_CODE, code);
	return rc;
}

int
store_person_transfer(struct store *st, int64_t id, int64_t to_org,
    const char *date, const char *note, int64_t account_id)
{
	struct q *q;
	int rc;

	q = q_prep(st, "INSERT INTO person_transfer (person_id, from_org_id, "
	    "to_org_id, date, note, account_id, created_at) "
	    "SELECT id, org_id, $2, $3, $4, $5, $6 FROM person WHERE id = $1");
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	q_int(q, 2, to_org);
	q_text(q, 3, date);
	q_text(q, 4, note);
	if (account_id > 0)
		q_int(q, 5, account_id);
	else
		q_null(q, 5);
	q_int(q, 6, store_now());
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	q = q_prep(st, "UPDATE person SET org_id = $1, updated_at = $2 WHERE id = $3");
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, to_org);
	q_int(q, 2, store_now());
	q_int(q, 3, id);
	return q_run(q);
}

int
store_person_last_transfer(struct store *st, int64_t id, char last[11])
{
	struct q *q = q_prep(st, "SELECT MAX(date) FROM person_transfer WHERE person_id = $1");
	int rc;

	last[0] = '\0';
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	rc = q_step(q);
	if (rc == 1 && !q_col_null(q, 0))
		snprintf(last, 11, "%s", q_col_text(q, 0));
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_person_transfers(struct store *st, int64_t id, struct transfer **out, int *n)
{
	struct q *q = q_prep(st, "SELECT date, from_org_id, to_org_id, note "
	    "FROM person_transfer WHERE person_id = $1 ORDER BY date, id");
	struct transfer *t = NULL;
	int cap = 0, rc;

	*out = NULL;
	*n = 0;
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	while ((rc = q_step(q)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			struct transfer *t2 = realloc(t, (size_t)cap * sizeof(*t));
			if (t2 == NULL) {
				q_done(q);
				store_transfers_free(t, *n);
				return store_fail(st, ST_ERROR, "out of memory");
			}
			t = t2;
		}
		struct transfer *e = &t[(*n)++];
		snprintf(e->date, sizeof(e->date), "%s", q_col_text(q, 0));
		e->from_org = q_col_int(q, 1);
		e->to_org = q_col_int(q, 2);
		e->note = q_col_null(q, 3) ? NULL : strdup(q_col_text(q, 3));
	}
	q_done(q);
	*out = t;
	return rc < 0 ? -rc : ST_OK;
}

void
store_transfers_free(struct transfer *t, int n)
{
	for (int i = 0; i < n; i++)
		free(t[i].note);
	free(t);
}
