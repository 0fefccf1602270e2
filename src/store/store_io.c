/*
 * store_io.c — what bulk import and export (src/io/) need beyond the other
 * store files: the records whose key fields have given values (rows of a
 * file are matched by them), and every record of a type in a subtree,
 * streamed to a callback so an export of the whole tree holds one record at
 * a time.  The SQL is built from the record descriptions; every value is a
 * bound parameter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

int
store_find(struct store *st, const struct record *key, const int *fields, int n,
    struct record_list *out)
{
	const struct rtype *t = key->type;
	char cols[2048], where[1024], sql[3200];
	size_t off = 0;
	struct q *q;
	int rc, p = 0;

	if (sql_select_cols(t, NULL, cols, sizeof(cols)) != 0)
		return store_fail(st, ST_ERROR, "%s: column list too long", t->name);
	where[0] = '\0';
	for (int i = 0; i < n; i++) {
		const struct field *fd = &t->fields[fields[i]];

		if (key->v[fields[i]].state == FV_SET)
			off += (size_t)snprintf(where + off, sizeof(where) - off, "%s%s = $%d",
			    i ? " AND " : "", fd->name, ++p);
		else
			off += (size_t)snprintf(where + off, sizeof(where) - off, "%s%s IS NULL",
			    i ? " AND " : "", fd->name);
		if (off >= sizeof(where))
			return store_fail(st, ST_ERROR, "%s: key too long", t->name);
	}
	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE %s ORDER BY id", cols, t->table,
	    n > 0 ? where : "1 = 1");
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	p = 0;
	for (int i = 0; i < n; i++) {
		const struct fval *v = &key->v[fields[i]];

		if (v->state != FV_SET)
			continue;
		if (v->s != NULL)
			q_text(q, ++p, v->s);
		else
			q_int(q, ++p, v->i);
	}
	while ((rc = q_step(q)) == 1)
		record_list_push(out, record_from_row(t, q, 0));
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_each(struct store *st, const struct rtype *t, const char *org_path, int year,
    int (*fn)(void *arg, const struct record *r), void *arg)
{
	char cols[2048], sql[3200], upper[160];
	const char *unit, *order;
	struct q *q;
	int rc = 0, p = 0, stopped = 0;

	if (sql_select_cols(t, "r", cols, sizeof(cols)) != 0)
		return store_fail(st, ST_ERROR, "%s: column list too long", t->name);
	/* Units sort by path: a parent comes before the units under it. */
	if (t->id == RT_ORG) {
		unit = "";
		order = "r.path";
	} else if (t->id == RT_PERSON) {
		unit = " JOIN org o ON o.id = r.org_id";
		order = "r.id";
	} else if (t->org_field != NULL) {
		static _Thread_local char join[96];

		snprintf(join, sizeof(join), " JOIN org o ON o.id = r.%s", t->org_field);
		unit = join;
		order = "r.id";
	} else {
		return store_fail(st, ST_ERROR, "%s: no unit", t->name);
	}
	snprintf(sql, sizeof(sql), "SELECT %s FROM %s r%s WHERE 1 = 1%s%s%s ORDER BY %s",
	    cols, t->table, unit,
	    org_path ? (t->id == RT_ORG ? " AND r.path >= $1 AND r.path < $2" :
	    " AND o.path >= $1 AND o.path < $2") : "",
	    rtype_field(t, "deleted_at") >= 0 ? " AND r.deleted_at IS NULL" : "",
	    year > 0 && rtype_field(t, "year") >= 0 ?
	    (org_path ? " AND r.year = $3" : " AND r.year = $1") : "", order);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	if (org_path != NULL) {
		path_upper(org_path, upper, sizeof(upper));
		q_text(q, ++p, org_path);
		q_text(q, ++p, upper);
	}
	if (year > 0 && rtype_field(t, "year") >= 0)
		q_int(q, ++p, year);
	while (!stopped && (rc = q_step(q)) == 1) {
		struct record *r = record_from_row(t, q, 0);

		stopped = fn(arg, r) != 0;
		record_free(r);
	}
	q_done(q);
	if (stopped)
		return store_fail(st, ST_ERROR, "stopped");
	return rc < 0 ? -rc : ST_OK;
}

int
store_audit_import(struct store *st, const struct rtype *t, int64_t org_id,
    const char *summary)
{
	return store_audit_add(st, t, org_id, 0, "import", NULL, summary);
}

int
store_person_code_id(struct store *st, const char *code, int64_t *id)
{
	struct q *q = q_prep(st, "SELECT id FROM person WHERE code = $1");
	int rc;

	*id = 0;
	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, code);
	if ((rc = q_step(q)) == 1)
		*id = q_col_int(q, 0);
	q_done(q);
	return rc < 0 ? -rc : rc == 1 ? ST_OK : ST_NOTFOUND;
}

/* Every column of person in field order, for the one INSERT below. */
#define PERSON_COLS "code, full_name, name_fold, sort_key, gender, birth_year, " \
	"party_joined, party_member, key_cadre, head, civil_servant, union_member, " \
	"org_id, status, position, note, created_at, updated_at"

int
store_person_insert_bulk(struct store *st, struct record *p)
{
	struct q *q = q_prep(st, "INSERT INTO person (" PERSON_COLS ") VALUES ($1, $2, $3, "
	    "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id");
	int64_t now = store_now();
	int rc;

	if (q == NULL)
		return ST_ERROR;
	for (int f = 0; f < PERSON_CREATED; f++) {
		const struct fval *v = &p->v[f];

		if (v->state != FV_SET) {
			/* The columns' defaults: no flag, active. */
			if (rtypes[RT_PERSON].fields[f].type == FT_BOOL)
				q_int(q, f + 1, 0);
			else if (f == PERSON_STATUS)
				q_text(q, f + 1, "active");
			else
				q_null(q, f + 1);
		} else if (rtypes[RT_PERSON].fields[f].type == FT_BLOB) {
			q_blob(q, f + 1, v->s, v->len);
		} else if (v->s != NULL) {
			q_text(q, f + 1, v->s);
		} else {
			q_int(q, f + 1, v->i);
		}
	}
	q_int(q, PERSON_CREATED + 1, now);
	if ((rc = q_step(q)) == 1)
		p->id = q_col_int(q, 0);
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_bulk(struct store *st, bool on)
{
	/* A bigger page cache while a large file is written: the indexes of
	 * a national table stay in memory (bounded: 256 MiB). */
	return q_exec(st, on ? "PRAGMA cache_size=-262144" : "PRAGMA cache_size=-16384");
}
