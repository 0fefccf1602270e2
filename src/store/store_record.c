/*
 * store_record.c — reading and writing any record type from its description
 * (core_model.c): the column list, the INSERT and the UPDATE are built from
 * the field table, never written by hand per type.  Column names come from
 * the tables in the code, values are always bound parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

/* A column-backed field: not a write-only secret. */
static int
has_column(const struct field *fd)
{
	return !(fd->flags & F_NOCOLUMN);
}

int
sql_select_cols(const struct rtype *t, const char *alias, char *buf, size_t cap)
{
	size_t off = 0;
	int n;

	n = snprintf(buf, cap, "%s%sid", alias ? alias : "", alias ? "." : "");
	if (n < 0 || (size_t)n >= cap)
		return -1;
	off = (size_t)n;
	for (int f = 0; f < t->nfields; f++) {
		if (!has_column(&t->fields[f]))
			continue;
		n = snprintf(buf + off, cap - off, ", %s%s%s", alias ? alias : "",
		    alias ? "." : "", t->fields[f].name);
		if (n < 0 || (size_t)n >= cap - off)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

struct record *
record_from_row(const struct rtype *t, struct q *q, int col)
{
	struct record *r = record_new(t);
	const void *p;
	size_t len;

	r->id = q_col_int(q, col++);
	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];

		if (!has_column(fd))
			continue;
		if (q_col_null(q, col)) {
			record_set_null(r, f);
		} else {
			switch (fd->type) {
			case FT_INT:
			case FT_BOOL:
			case FT_REF:
				record_set_int(r, f, q_col_int(q, col));
				break;
			case FT_BLOB:
				p = q_col_blob(q, col, &len);
				record_set_blob(r, f, p, len);
				break;
			default:
				record_set_text(r, f, q_col_text(q, col));
				break;
			}
		}
		col++;
	}
	return r;
}

/* Binds field f of r to parameter n. */
static void
bind_field(struct q *q, int n, const struct record *r, int f)
{
	const struct fval *v = &r->v[f];

	if (v->state == FV_NULL) {
		q_null(q, n);
		return;
	}
	switch (r->type->fields[f].type) {
	case FT_INT:
	case FT_BOOL:
	case FT_REF:
		q_int(q, n, v->i);
		break;
	case FT_BLOB:
		q_blob(q, n, v->s, v->len);
		break;
	default:
		q_text(q, n, v->s);
		break;
	}
}

/* One record of type tid whose column col equals the id (value NULL) or
 * the text value. */
static int
get_one(struct store *st, enum rtype_id tid, const char *col, int64_t id,
    const char *value, struct record **out)
{
	const struct rtype *t = &rtypes[tid];
	char cols[1024], sql[1280];
	struct q *q;
	int rc;

	*out = NULL;
	if (sql_select_cols(t, NULL, cols, sizeof(cols)) != 0)
		return store_fail(st, ST_ERROR, "%s: column list too long", t->name);
	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE %s = $1", cols, t->table, col);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	if (value != NULL)
		q_text(q, 1, value);
	else
		q_int(q, 1, id);
	rc = q_step(q);
	if (rc == 1)
		*out = record_from_row(t, q, 0);
	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 1 ? ST_OK : ST_NOTFOUND;
}

int
store_get(struct store *st, enum rtype_id tid, int64_t id, struct record **out)
{
	return get_one(st, tid, "id", id, NULL, out);
}

int
store_get_by(struct store *st, enum rtype_id tid, const char *col, const char *value,
    struct record **out)
{
	return get_one(st, tid, col, 0, value, out);
}

/* Is field f written by insert/update: a column, and given (set or null)? */
static int
written(const struct record *r, int f)
{
	return has_column(&r->type->fields[f]) && r->v[f].state != FV_ABSENT &&
	    strcmp(r->type->fields[f].name, "created_at") != 0 &&
	    strcmp(r->type->fields[f].name, "updated_at") != 0;
}

/* Stamps the actor into created_by (insert) and updated_by, when the type
 * has them. */
static void
stamp_actor(struct store *st, struct record *r, bool insert)
{
	int fc = rtype_field(r->type, "created_by");
	int fu = rtype_field(r->type, "updated_by");
	int64_t a = store_actor(st);

	if (fc >= 0 && insert) {
		if (a > 0)
			record_set_int(r, fc, a);
		else
			record_set_null(r, fc);
	}
	if (fu >= 0) {
		if (a > 0)
			record_set_int(r, fu, a);
		else
			record_set_null(r, fu);
	}
}

int
store_insert(struct store *st, struct record *r)
{
	const struct rtype *t = r->type;
	char cols[1024], vals[512], sql[1700];
	size_t co = 0, vo = 0;
	int n = 0, rc, fc, fu;
	int64_t now = store_now();
	struct q *q;

	stamp_actor(st, r, true);
	for (int f = 0; f < t->nfields; f++) {
		if (!written(r, f))
			continue;
		n++;
		co += (size_t)snprintf(cols + co, sizeof(cols) - co, "%s, ",
		    t->fields[f].name);
		vo += (size_t)snprintf(vals + vo, sizeof(vals) - vo, "$%d, ", n);
		if (co >= sizeof(cols) || vo >= sizeof(vals))
			return store_fail(st, ST_ERROR, "%s: too many columns", t->name);
	}
	snprintf(sql, sizeof(sql), "INSERT INTO %s (%screated_at, updated_at) "
	    "VALUES (%s$%d, $%d) RETURNING id", t->table, cols, vals, n + 1, n + 1);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	n = 0;
	for (int f = 0; f < t->nfields; f++)
		if (written(r, f))
			bind_field(q, ++n, r, f);
	q_int(q, n + 1, now);
	rc = q_step(q);
	if (rc == 1)
		r->id = q_col_int(q, 0);
	q_done(q);
	if (rc < 0)
		return -rc;
	fc = rtype_field(t, "created_at");
	fu = rtype_field(t, "updated_at");
	if (fc >= 0)
		record_set_int(r, fc, now);
	if (fu >= 0)
		record_set_int(r, fu, now);
	return ST_OK;
}

int
store_update(struct store *st, struct record *r)
{
	const struct rtype *t = r->type;
	char sets[1024], sql[1300];
	size_t so = 0;
	int n = 0, rc, fu;
	int64_t now = store_now();
	struct q *q;

	stamp_actor(st, r, false);
	for (int f = 0; f < t->nfields; f++) {
		if (!written(r, f))
			continue;
		n++;
		so += (size_t)snprintf(sets + so, sizeof(sets) - so, "%s = $%d, ",
		    t->fields[f].name, n);
		if (so >= sizeof(sets))
			return store_fail(st, ST_ERROR, "%s: too many columns", t->name);
	}
	snprintf(sql, sizeof(sql), "UPDATE %s SET %supdated_at = $%d WHERE id = $%d",
	    t->table, sets, n + 1, n + 2);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	n = 0;
	for (int f = 0; f < t->nfields; f++)
		if (written(r, f))
			bind_field(q, ++n, r, f);
	q_int(q, n + 1, now);
	q_int(q, n + 2, r->id);
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	fu = rtype_field(t, "updated_at");
	if (fu >= 0)
		record_set_int(r, fu, now);
	return ST_OK;
}

int
sql_scope(const struct scope *sc, const char *col, int n, char *buf, size_t cap)
{
	size_t off = 0;
	int w;

	if (sc->n == 0) {
		w = snprintf(buf, cap, "(1 = 0)");
		return w < 0 || (size_t)w >= cap ? -1 : n;
	}
	for (int i = 0; i < sc->n; i++) {
		w = snprintf(buf + off, cap - off, "%s%s >= $%d AND %s < $%d%s",
		    i == 0 ? "(" : " OR ", col, n, col, n + 1,
		    i == sc->n - 1 ? ")" : "");
		if (w < 0 || (size_t)w >= cap - off)
			return -1;
		off += (size_t)w;
		n += 2;
	}
	return n;
}

void
bind_scope(struct q *q, const struct scope *sc, int n)
{
	char upper[sizeof(sc->prefix[0]) + 2];

	for (int i = 0; i < sc->n; i++) {
		path_upper(sc->prefix[i], upper, sizeof(upper));
		q_text(q, n++, sc->prefix[i]);
		q_text(q, n++, upper);
	}
}

char *
like_contains(const char *text)
{
	size_t len = strlen(text);
	char *out = malloc(len * 2 + 3), *p;

	if (out == NULL)
		return NULL;
	p = out;
	*p++ = '%';
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*p++ = '\\';
		*p++ = *text;
	}
	*p++ = '%';
	*p = '\0';
	return out;
}

int
store_set_deleted(struct store *st, const struct rtype *t, int64_t id, bool deleted)
{
	char sql[256];
	struct q *q;
	int rc;
	struct record *r = NULL;

	if ((rc = store_get(st, t->id, id, &r)) != ST_OK)
		return rc;
	record_free(r);
	snprintf(sql, sizeof(sql), "UPDATE %s SET deleted_at = $1, updated_at = $2, "
	    "updated_by = $3 WHERE id = $4", t->table);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	if (deleted)
		q_int(q, 1, store_now());
	else
		q_null(q, 1);
	q_int(q, 2, store_now());
	if (store_actor(st) > 0)
		q_int(q, 3, store_actor(st));
	else
		q_null(q, 3);
	q_int(q, 4, id);
	return q_run(q);
}

int
store_record_unit(struct store *st, const struct record *r, int64_t *org_id)
{
	const struct rtype *t = r->type, *pt = rtype_parent(t);
	struct record *parent = NULL;
	int rc;

	*org_id = 0;
	if (t->org_field != NULL) {
		*org_id = record_int(r, rtype_field(t, t->org_field));
		return ST_OK;
	}
	if (pt == NULL || t->parent_field == NULL)
		return store_fail(st, ST_ERROR, "%s: no unit", t->name);
	rc = store_get(st, pt->id, record_int(r, rtype_field(t, t->parent_field)), &parent);
	if (rc == ST_OK)
		rc = store_record_unit(st, parent, org_id);
	record_free(parent);
	return rc;
}

int
store_delete(struct store *st, const struct rtype *t, int64_t id)
{
	char sql[160];
	struct q *q;

	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = $1", t->table);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	return q_run(q);
}

int
sql_expand(const char *src, char *dst, size_t cap, const char *const names[][2], int n)
{
	size_t off = 0;

	while (*src) {
		int k = -1;

		if (*src == '{')
			for (int i = 0; i < n; i++)
				if (strncmp(src, names[i][0], strlen(names[i][0])) == 0) {
					k = i;
					break;
				}
		if (k >= 0) {
			size_t len = strlen(names[k][1]);

			if (off + len >= cap)
				return -1;
			memcpy(dst + off, names[k][1], len);
			off += len;
			src += strlen(names[k][0]);
		} else {
			if (off + 1 >= cap)
				return -1;
			dst[off++] = *src++;
		}
	}
	dst[off] = '\0';
	return 0;
}

struct q *
q_prep_year(struct store *st, const char *tmpl, const struct scope *sc, int year,
    int *extra)
{
	char scope[2048], sql[8192], tmp[8192], p[8][16], y0[11], y1[11];
	const char *names[10][2] = { { "{SCOPE}", scope }, { "{Y0}", p[1] }, { "{Y1}", p[2] },
	    { "{Y}", p[0] }, { "{P1}", p[3] }, { "{P2}", p[4] }, { "{P3}", p[5] },
	    { "{ORGS}", "" }, { "{D0}", p[6] }, { "{D1}", p[7] } };
	/* A query over a scope starts from the scope's units (SQL_IN_SCOPE_SET). */
	const char *first[1][2] = { { "{INSCOPE}", SQL_IN_SCOPE_SET } };
	struct date d;
	struct q *q;
	int k;

	if ((k = sql_scope(sc, "pp.path", 1, scope, sizeof(scope))) < 0) {
		store_fail(st, ST_ERROR, "scope too large");
		return NULL;
	}
	for (int i = 0; i < 8; i++)
		snprintf(p[i], sizeof(p[i]), "$%d", k + i);
	if (sql_expand(tmpl, tmp, sizeof(tmp), first, 1) != 0 ||
	    sql_expand(tmp, sql, sizeof(sql), names, 10) != 0) {
		store_fail(st, ST_ERROR, "query too large");
		return NULL;
	}
	if ((q = q_prep(st, sql)) == NULL)
		return NULL;
	bind_scope(q, sc, 1);
	/* A template may not use them all: SQLite binds by name and ignores
	 * a name it does not have. */
	d = (struct date){ year, 1, 1 };
	date_format(&d, y0);
	d = (struct date){ year, 12, 31 };
	date_format(&d, y1);
	q_int(q, k, year);
	q_text(q, k + 1, y0);
	q_text(q, k + 2, y1);
	/* After the page's three: the span of a dated figure. */
	q_text(q, k + 6, sc->from[0] ? sc->from : y0);
	q_text(q, k + 7, sc->to[0] ? sc->to : y1);
	*extra = k + 3;
	return q;
}

int
q_hits(struct q *q, struct store_hit **out, int *n, int64_t *total)
{
	struct store *st = q_store(q);
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	*total = 0;
	while ((rc = q_step(q)) == 1) {
		struct store_hit *hit;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((hit = realloc(*out, (size_t)cap * sizeof(**out))) == NULL) {
				q_done(q);
				free(*out);
				*out = NULL;
				*n = 0;
				return store_fail(st, ST_ERROR, "out of memory");
			}
			*out = hit;
		}
		hit = &(*out)[(*n)++];
		hit->id = q_col_int(q, 0);
		hit->org_id = q_col_int(q, 1);
		snprintf(hit->title, sizeof(hit->title), "%s",
		    q_col_null(q, 2) ? "" : q_col_text(q, 2));
		*total = q_col_int(q, 3);
		snprintf(hit->org_name, sizeof(hit->org_name), "%s",
		    q_col_null(q, 4) ? "" : q_col_text(q, 4));
		hit->counted = q_col_count(q) > 5 && q_col_int(q, 5) != 0;
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}
