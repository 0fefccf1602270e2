/*
 * store_list.c — the one list query of every generic record type, built from
 * its description: the scope (through the record's unit, or its parent's),
 * equality filters on the fields marked F_FILTER, the accent-free search
 * key, live or deleted records, a sort field and a page.  Column names come
 * from the code's tables; every value is a bound parameter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

#define SQL_CAP 6144

/* "r." or "par." — where the unit of a record of type t is found. */
static const char *
unit_owner(const struct rtype *t, const char **field)
{
	const struct rtype *pt = rtype_parent(t);

	if (t->org_field != NULL) {
		*field = t->org_field;
		return "r";
	}
	*field = pt ? pt->org_field : "org_id";
	return "par";
}

/* FROM … WHERE … of q into buf; returns the next parameter number or -1. */
static int
list_from_where(const struct list_query *q, char *buf, size_t cap)
{
	const struct rtype *t = q->t, *pt = rtype_parent(t);
	const char *ufield, *owner = unit_owner(t, &ufield);
	char scope[2048];
	size_t off;
	int n;

	if (t->flags & RF_GLOBAL) {
		/* Configuration: no unit, no scope. */
		off = (size_t)snprintf(buf, cap, " FROM %s r WHERE 1 = 1", t->table);
		n = 1;
		goto rest;
	}
	if ((n = sql_scope(q->scope, "o.path", 1, scope, sizeof(scope))) < 0)
		return -1;
	off = (size_t)snprintf(buf, cap, " FROM %s r", t->table);
	if (pt != NULL)
		off += (size_t)snprintf(buf + off, cap - off, " JOIN %s par ON par.id = r.%s",
		    pt->table, t->parent_field);
	off += (size_t)snprintf(buf + off, cap - off,
	    " JOIN org o ON o.id = %s.%s WHERE (%s", owner, ufield, scope);
	if ((t->flags & RF_INHERITED) && q->inherit_path != NULL) {
		off += (size_t)snprintf(buf + off, cap - off,
		    " OR substr($%d, 1, length(o.path)) = o.path", n);
		n++;
	}
	off += (size_t)snprintf(buf + off, cap - off, ")");
rest:
	if (rtype_field(t, "deleted_at") >= 0)
		off += (size_t)snprintf(buf + off, cap - off, " AND r.deleted_at IS %s",
		    q->deleted ? "NOT NULL" : "NULL");
	if (q->org_path != NULL) {
		off += (size_t)snprintf(buf + off, cap - off,
		    " AND o.path >= $%d AND o.path < $%d", n, n + 1);
		n += 2;
	}
	if (pt != NULL && q->parent_id > 0)
		off += (size_t)snprintf(buf + off, cap - off, " AND r.%s = $%d",
		    t->parent_field, n++);
	if (q->only_person > 0 && t->person_field != NULL)
		off += (size_t)snprintf(buf + off, cap - off, " AND r.%s = $%d",
		    t->person_field, n++);
	if (q->qfold != NULL && rtype_field(t, "search_fold") >= 0)
		off += (size_t)snprintf(buf + off, cap - off,
		    " AND r.search_fold LIKE $%d ESCAPE '\\'", n++);
	for (int i = 0; i < q->neq; i++)
		off += (size_t)snprintf(buf + off, cap - off, " AND r.%s = $%d",
		    t->fields[q->eq[i].field].name, n++);
	if (q->due_before != NULL)
		off += (size_t)snprintf(buf + off, cap - off, " AND r.due_date <= $%d", n++);
	if (q->stale_before != NULL)
		off += (size_t)snprintf(buf + off, cap - off,
		    " AND COALESCE(r.last_checkin, r.accepted_on) < $%d", n++);
	return off >= cap ? -1 : n;
}

static void
list_bind(struct q *qq, const struct list_query *q, const char *pat)
{
	const struct rtype *t = q->t, *pt = rtype_parent(t);
	char upper[sizeof(q->scope->prefix[0]) + 2];
	int n = q->scope->n > 0 ? 1 + 2 * q->scope->n : 1;

	if (t->flags & RF_GLOBAL)
		n = 1;
	else
		bind_scope(qq, q->scope, 1);
	if ((t->flags & RF_INHERITED) && q->inherit_path != NULL)
		q_text(qq, n++, q->inherit_path);
	if (q->org_path != NULL) {
		path_upper(q->org_path, upper, sizeof(upper));
		q_text(qq, n++, q->org_path);
		q_text(qq, n++, upper);
	}
	if (pt != NULL && q->parent_id > 0)
		q_int(qq, n++, q->parent_id);
	if (q->only_person > 0 && t->person_field != NULL)
		q_int(qq, n++, q->only_person);
	if (q->qfold != NULL && rtype_field(t, "search_fold") >= 0)
		q_text(qq, n++, pat);
	for (int i = 0; i < q->neq; i++) {
		const struct field *fd = &t->fields[q->eq[i].field];

		if (fd->type == FT_INT || fd->type == FT_BOOL || fd->type == FT_REF)
			q_int(qq, n++, strtoll(q->eq[i].text, NULL, 10));
		else
			q_text(qq, n++, q->eq[i].text);
	}
	if (q->due_before != NULL)
		q_text(qq, n++, q->due_before);
	if (q->stale_before != NULL)
		q_text(qq, n++, q->stale_before);
}

int
store_list(struct store *st, const struct list_query *q, struct record_list *out)
{
	const struct rtype *t = q->t;
	char *from = NULL, *sql = NULL, *pat = NULL, cols[2048];
	const char *sort;
	struct q *qq;
	int n, rc;

	if (q->qfold != NULL && (pat = like_contains(q->qfold)) == NULL)
		return store_fail(st, ST_ERROR, "out of memory");
	from = malloc(SQL_CAP);
	sql = malloc(SQL_CAP + sizeof(cols) + 256);
	if (from == NULL || sql == NULL) {
		rc = store_fail(st, ST_ERROR, "out of memory");
		goto out;
	}
	if ((n = list_from_where(q, from, SQL_CAP)) < 0 ||
	    sql_select_cols(t, "r", cols, sizeof(cols)) != 0) {
		rc = store_fail(st, ST_ERROR, "%s: list query too large", t->name);
		goto out;
	}
	snprintf(sql, SQL_CAP + 256, "SELECT COUNT(*)%s", from);
	if ((qq = q_prep(st, sql)) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	list_bind(qq, q, pat);
	rc = q_step(qq);
	out->total = rc == 1 ? q_col_int(qq, 0) : 0;
	q_done(qq);
	if (rc < 0) {
		rc = -rc;
		goto out;
	}
	sort = q->sort_field >= 0 ? t->fields[q->sort_field].name :
	    t->default_sort ? t->default_sort : "id";
	/* Newest first unless asked otherwise: lists of a year's records. */
	snprintf(sql, SQL_CAP + sizeof(cols) + 256, "SELECT %s%s ORDER BY r.%s %s, r.id %s "
	    "LIMIT $%d OFFSET $%d", cols, from, sort, q->desc ? "DESC" : "ASC",
	    q->desc ? "DESC" : "ASC", n, n + 1);
	if ((qq = q_prep(st, sql)) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	list_bind(qq, q, pat);
	q_int(qq, n, q->per_page);
	q_int(qq, n + 1, (int64_t)(q->page - 1) * q->per_page);
	while ((rc = q_step(qq)) == 1)
		record_list_push(out, record_from_row(t, qq, 0));
	q_done(qq);
	rc = rc < 0 ? -rc : ST_OK;
out:
	free(from);
	free(sql);
	free(pat);
	return rc;
}

int
store_list_facet(struct store *st, const struct list_query *q, int f,
    char val[][64], int64_t *count, int cap, int *n)
{
	char *from = malloc(SQL_CAP), *sql = malloc(SQL_CAP + 256), *pat = NULL;
	struct q *qq;
	int rc, k;

	*n = 0;
	if (q->qfold != NULL)
		pat = like_contains(q->qfold);
	if (from == NULL || sql == NULL || (q->qfold != NULL && pat == NULL)) {
		rc = store_fail(st, ST_ERROR, "out of memory");
		goto out;
	}
	if ((k = list_from_where(q, from, SQL_CAP)) < 0) {
		rc = store_fail(st, ST_ERROR, "facet query too large");
		goto out;
	}
	snprintf(sql, SQL_CAP + 256, "SELECT r.%s, COUNT(*)%s GROUP BY r.%s "
	    "ORDER BY COUNT(*) DESC, r.%s", q->t->fields[f].name, from,
	    q->t->fields[f].name, q->t->fields[f].name);
	if ((qq = q_prep(st, sql)) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	list_bind(qq, q, pat);
	while ((rc = q_step(qq)) == 1 && *n < cap) {
		snprintf(val[*n], 64, "%s", q_col_null(qq, 0) ? "" : q_col_text(qq, 0));
		count[(*n)++] = q_col_int(qq, 1);
	}
	q_done(qq);
	rc = rc < 0 ? -rc : ST_OK;
out:
	free(from);
	free(sql);
	free(pat);
	return rc;
}

int
store_catalog_item(struct store *st, const char *list, const char *code,
    struct record **out)
{
	char cols[1024], sql[1300];
	struct q *q;
	int rc;

	*out = NULL;
	if (sql_select_cols(&rtypes[RT_CATALOG], NULL, cols, sizeof(cols)) != 0)
		return store_fail(st, ST_ERROR, "catalog: column list too long");
	snprintf(sql, sizeof(sql), "SELECT %s FROM catalog_item WHERE list = $1 AND "
	    "code = $2 AND deleted_at IS NULL", cols);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_text(q, 1, list);
	q_text(q, 2, code);
	rc = q_step(q);
	if (rc == 1)
		*out = record_from_row(&rtypes[RT_CATALOG], q, 0);
	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 1 ? ST_OK : ST_NOTFOUND;
}

int
store_catalog_bands(struct store *st, const char *list, struct rule_ctx *ctx)
{
	struct list_query q = { .t = &rtypes[RT_CATALOG], .sort_field = -1, .page = 1,
	    .per_page = BANDS_MAX };
	struct record_list l = { 0 };
	struct scope none = { 0 };
	int rc;

	q.scope = &none;
	q.eq[0].field = CATALOG_LIST;
	q.eq[0].text = list;
	q.eq[1].field = CATALOG_ACTIVE;
	q.eq[1].text = "1";
	q.neq = 2;
	if ((rc = store_list(st, &q, &l)) == ST_OK)
		rule_ctx_bands(ctx, l.items, l.n);
	record_list_free(&l);
	return rc;
}

int
store_count_children(struct store *st, const struct rtype *child, int64_t parent_id,
    int64_t *n)
{
	char sql[256];
	struct q *q;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE %s = $1%s", child->table,
	    child->parent_field, rtype_field(child, "deleted_at") >= 0 ?
	    " AND deleted_at IS NULL" : "");
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, parent_id);
	rc = q_step(q);
	*n = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_children_fit(struct store *st, const struct record *merged, const struct record *change,
    struct verr *ve)
{
	const struct rtype *t = merged->type;

	for (int k = 0; k < RT__MAX; k++) {
		const struct rtype *ct = &rtypes[k];
		struct list_query q = { .t = ct, .parent_id = merged->id, .sort_field = -1,
		    .page = 1, .per_page = 100000 };
		struct record_list l = { 0 };
		struct scope all = { 0 };
		int bad = 0, rc;

		if (ct->parent != (int)t->id + 1 || ct->rules == NULL ||
		    ct->rules->check_parent == NULL)
			continue;
		scope_add(&all, "/");
		q.scope = &all;
		if ((rc = store_list(st, &q, &l)) != ST_OK) {
			record_list_free(&l);
			return rc;
		}
		for (size_t i = 0; i < l.n && !bad; i++)
			bad = ct->rules->check_parent(l.items[i], merged, ve) != 0;
		record_list_free(&l);
		if (!bad)
			continue;
		/* Reported on the first date the change sets, when there is one. */
		for (int f = 0; f < t->nfields; f++)
			if (t->fields[f].type == FT_DATE && record_has(change, f)) {
				snprintf(ve->field, sizeof(ve->field), "%s", t->fields[f].name);
				break;
			}
		return ST_INVALID;
	}
	return ST_OK;
}
