/*
 * io_export.c — `lamtheo export`: every live record of a type in a subtree
 * (of a year) written as the file io_import_file reads back: the columns of
 * io_columns() with their JSON names as headers, units and people by code,
 * dates as ISO dates.  Records stream from the store one at a time
 * (store_each), so memory does not grow with the tree; the codes of units
 * are cached (there are far fewer units than rows), those of people are
 * looked up per row.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/io.h"
#include "store/store.h"

struct exp {
	struct store *st;
	const struct rtype *t;
	struct io_sheet *sh;
	struct io_column cols[IO_COLUMNS_MAX];
	int ncols;
	/* unit id -> code, open addressing; ids are never 0 */
	int64_t *ids;
	char **codes;
	size_t cap, n;
	size_t rows;
	int rc;			/* a store failure */
};

static size_t
id_slot(const struct exp *x, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ULL >> 20) & (x->cap - 1);

	while (x->ids[i] != 0 && x->ids[i] != id)
		i = (i + 1) & (x->cap - 1);
	return i;
}

static void
code_put(struct exp *x, int64_t id, const char *code)
{
	size_t i;

	if (2 * (x->n + 1) > x->cap) {
		int64_t *oids = x->ids;
		char **ocodes = x->codes;
		size_t ocap = x->cap;

		x->cap = x->cap ? x->cap * 2 : 1024;
		if ((x->ids = calloc(x->cap, sizeof(*x->ids))) == NULL ||
		    (x->codes = calloc(x->cap, sizeof(*x->codes))) == NULL)
			abort();
		for (size_t j = 0; j < ocap; j++)
			if (oids[j] != 0) {
				i = id_slot(x, oids[j]);
				x->ids[i] = oids[j];
				x->codes[i] = ocodes[j];
			}
		free(oids);
		free(ocodes);
	}
	i = id_slot(x, id);
	if (x->ids[i] == 0) {
		x->n++;
		x->ids[i] = id;
	} else {
		free(x->codes[i]);
	}
	if ((x->codes[i] = strdup(code ? code : "")) == NULL)
		abort();
}

/* The code of unit id ("" when it has none); NULL on a store failure. */
static const char *
org_code(struct exp *x, int64_t id)
{
	struct record *org = NULL;
	int rc;

	if (x->cap > 0) {
		size_t i = id_slot(x, id);

		if (x->ids[i] == id)
			return x->codes[i];
	}
	if ((rc = store_get(x->st, RT_ORG, id, &org)) != ST_OK && rc != ST_NOTFOUND) {
		x->rc = rc;
		return NULL;
	}
	code_put(x, id, org ? record_text(org, ORG_CODE) : "");
	record_free(org);
	return org_code(x, id);
}

static int
on_record(void *arg, const struct record *r)
{
	struct exp *x = arg;
	const struct io_sheet_ops *op = x->sh->ops;

	/* Units come parent first: remember their codes as they pass. */
	if (r->type->id == RT_ORG)
		code_put(x, r->id, record_text(r, ORG_CODE));
	for (int i = 0; i < x->ncols; i++) {
		const struct io_column *c = &x->cols[i];
		const struct field *fd = &x->t->fields[c->field];
		const struct fval *v = &r->v[c->field];
		struct record *p = NULL;
		const char *code;
		int rc;

		if (v->state != FV_SET) {
			op->empty(x->sh);
			continue;
		}
		switch (c->kind) {
		case IO_COL_ORG_CODE:
			if ((code = org_code(x, v->i)) == NULL)
				return -1;
			op->text(x->sh, code);
			continue;
		case IO_COL_PERSON_CODE:
			rc = store_get(x->st, RT_PERSON, v->i, &p);
			if (rc != ST_OK && rc != ST_NOTFOUND) {
				x->rc = rc;
				return -1;
			}
			if (p != NULL && record_text(p, PERSON_CODE) != NULL)
				op->text(x->sh, record_text(p, PERSON_CODE));
			else
				op->empty(x->sh);
			record_free(p);
			continue;
		case IO_COL_VALUE:
			break;
		}
		switch (fd->type) {
		case FT_INT:
		case FT_REF:
		case FT_BOOL:
			op->number(x->sh, v->i);
			break;
		case FT_DATE:
			op->date(x->sh, v->s);
			break;
		default:
			op->text(x->sh, v->s ? v->s : "");
			break;
		}
	}
	op->end_row(x->sh);
	x->rows++;
	return 0;
}

int
io_export_file(struct store *st, const struct io_export_opts *o, const char *path,
    size_t *rows, char *err, size_t errlen)
{
	struct exp x = { .st = st, .t = io_type_rtype(o->type) };
	struct record *org = NULL;
	const char *org_path = NULL;
	char tmp[4096];
	int rc = -1, e;

	*rows = 0;
	x.ncols = io_columns(x.t, x.cols);
	if (o->org_code != NULL) {
		if ((e = store_org_by_code(st, o->org_code, &org)) == ST_NOTFOUND) {
			snprintf(err, errlen, "no unit has the code “%s”", o->org_code);
			return -1;
		}
		if (e != ST_OK) {
			snprintf(err, errlen, "database: %s", store_errmsg(st));
			return -1;
		}
		org_path = record_text(org, ORG_PATH);
	}
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.part%ld", path, (long)getpid()) >=
	    sizeof(tmp)) {
		snprintf(err, errlen, "path too long");
		goto out;
	}
	x.sh = o->format == IO_XLSX ? io_xlsx_sheet_new(tmp, x.t->label_vi, err, errlen) :
	    io_csv_sheet_new(tmp, err, errlen);
	if (x.sh == NULL)
		goto out;
	for (int i = 0; i < x.ncols; i++)
		x.sh->ops->head(x.sh, x.cols[i].name);
	x.sh->ops->end_row(x.sh);
	/* One read transaction: the file is one consistent state. */
	if ((e = store_begin(st, false)) == ST_OK) {
		e = store_each(st, x.t, org_path, o->year, on_record, &x);
		store_rollback(st);
	}
	if (e != ST_OK || x.rc != ST_OK) {
		char ignore[8];

		snprintf(err, errlen, "database: %s", store_errmsg(st));
		x.sh->ops->close(x.sh, ignore, sizeof(ignore));
		unlink(tmp);
		goto out;
	}
	if (x.sh->ops->close(x.sh, err, errlen) != 0) {
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	*rows = x.rows;
	rc = 0;
out:
	for (size_t i = 0; i < x.cap; i++)
		free(x.codes ? x.codes[i] : NULL);
	free(x.ids);
	free(x.codes);
	record_free(org);
	return rc;
}
