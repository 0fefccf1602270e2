/*
 * io_import.c — `lamtheo import`: rows of a CSV or XLSX file become
 * records, checked exactly as the API checks a request and written in one
 * transaction, or not at all.
 *
 * Matching.  A row updates the record it names, else creates one, so
 * importing the same file twice changes nothing the second time:
 *   orgs         by code (new units under parent_code, which may be a row
 *                above; an existing unit's name and note only — a move or
 *                a closing is an operation of its own, never an import)
 *   people       by code (org_code places a new person; a different unit
 *                for an existing one is a transfer, refused here)
 *   pledges      by (person_code, year); collective ones by
 *                (org_code, year, follow)
 *   evaluations  by (person_code, year), or (org_code, year) for a unit
 *   activities   by (org_code, kind, date, title)
 * Only the fields that differ are written; a row that changes nothing is
 * "unchanged".  Two rows of a file with the same key are refused.
 *
 * Checks.  What api_record.c, api_person.c and api_org.c check for an
 * account that sees everything (the command line is the system): the
 * field table (record_validate), catalog codes, references that exist and
 * are not deleted, the person inside the unit, the type's rules with a
 * rule_ctx holding the configured evaluation levels, its derived fields,
 * create-only fields, the statuses in which a record may be edited, the
 * children that must still fit, the tree's rules for new units.
 *
 * Two passes.  The file is read twice inside one transaction: the first
 * pass converts and checks every row and reports every problem (reading
 * only: the server's writers are not held up meanwhile); only when none
 * was found does the second pass convert the rows again and write them.
 * The first write turns the transaction into a write transaction; if
 * another connection wrote in between, SQLite refuses (its snapshot is
 * stale) and nothing is written — run the import again.  Holding no
 * converted record between the passes keeps memory to a row at a time,
 * whatever the size of the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "io/io.h"
#include "store/store.h"
#include "text/text.h"

/* ---- a map of strings ------------------------------------------------------- */

/* Open addressing, keys copied; values are the caller's. */
struct smap {
	char **k;
	void **v;
	size_t cap, n;
};


static size_t
slot(const struct smap *m, const char *k)
{
	size_t i = (size_t)text_hash(k) & (m->cap - 1);

	while (m->k[i] != NULL && strcmp(m->k[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void *
smap_get(const struct smap *m, const char *k)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	i = slot(m, k);
	return m->k[i] ? m->v[i] : NULL;
}

/* Sets k to v (v not NULL). */
static void
smap_put(struct smap *m, const char *k, void *v)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct smap old = *m;

		m->cap = m->cap ? m->cap * 2 : 64;
		m->k = calloc(m->cap, sizeof(*m->k));
		m->v = calloc(m->cap, sizeof(*m->v));
		if (m->k == NULL || m->v == NULL)
			abort();
		for (size_t j = 0; j < old.cap; j++)
			if (old.k[j] != NULL) {
				i = slot(m, old.k[j]);
				m->k[i] = old.k[j];
				m->v[i] = old.v[j];
			}
		free(old.k);
		free(old.v);
	}
	i = slot(m, k);
	if (m->k[i] == NULL) {
		if ((m->k[i] = strdup(k)) == NULL)
			abort();
		m->n++;
	}
	m->v[i] = v;
}

/* Frees the keys, and the values with fv when it is not NULL. */
static void
smap_free(struct smap *m, void (*fv)(void *))
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->k[i] != NULL) {
			free(m->k[i]);
			if (fv != NULL)
				fv(m->v[i]);
		}
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static void
free_record(void *r)
{
	record_free(r);
}

/* A set of 64-bit hashes with a line each (seen_key): hash and line side
 * by side, so a lookup of a random key touches one cache line. */
struct hslot {
	uint64_t h;
	uint32_t line;
} __attribute__((packed));

struct hset {
	struct hslot *s;
	size_t cap, n;
};

/* ---- the import's state ------------------------------------------------------- */

enum outcome { O_CREATED, O_UPDATED, O_UNCHANGED, O_BAD, O_FATAL };

struct imp {
	struct store *st;
	const struct io_import_opts *o;
	const struct rtype *t;
	int write;			/* the second pass */
	struct io_column cols[IO_COLUMNS_MAX];
	int ncols;
	int colof[IO_COLUMNS_MAX];	/* the file column of each column, -1 when absent */
	/* the header row */
	int header_line;		/* 0 until read */
	char **heads;			/* its cells' text */
	int *colmap;			/* file column -> column index, -1: no header */
	int nheads;
	int header_bad;
	struct rule_ctx ctx;
	/* per pass */
	struct hset seen;		/* the keys of the rows so far -> their line */
	int code_col;			/* people: the file column of the code, or -1 */
	struct smap pending;		/* orgs: codes of new units in rows above -> record */
	struct io_counts counts;
	size_t rows;
	/* kept across passes */
	struct record_list orgs;	/* units loaded (own the records) */
	struct smap org_code, org_id;	/* -> records of orgs */
	struct record *last_org;	/* the one org_by_id found last */
	/* the row being handled */
	int line;
	struct record *row_person;	/* the person its person_code named */
	const struct record *row_parent;	/* orgs: the parent_code unit (stored or pending) */
	int fatal;
	int64_t first_id, last_id;	/* the records created */
	struct store_bulk bulk;		/* the bulk write (ids, deferred indexes) */
	int bulk_decided;		/* whether to defer the indexes was decided */
};

static void
fast_free(struct imp *im)
{
	(void)im;
}

/* Notes a record created. */
static void
created(struct imp *im, int64_t id)
{
	if (im->first_id == 0 || id < im->first_id)
		im->first_id = id;
	if (id > im->last_id)
		im->last_id = id;
}

/* ---- problems ----------------------------------------------------------------- */

static void
report(struct imp *im, int line, int filecol, const struct verr *ve, const char *msg)
{
	struct io_problem p = { .line = line, .col = filecol >= 0 ? filecol + 1 : 0,
	    .t = im->t, .ve = ve, .msg = msg };

	if (filecol >= 0 && filecol < im->nheads)
		p.header = im->heads[filecol];
	im->o->problem(im->o->arg, &p);
}

static void problem(struct imp *im, int filecol, const char *vi, const char *en, ...)
    __attribute__((format(printf, 4, 5)));

/* A problem of the current row at file column filecol (-1: the row), in
 * Vietnamese (vi) or, for an English session, en: two wordings of the same
 * arguments, in the same order. */
static void
problem(struct imp *im, int filecol, const char *vi, const char *en, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, en);
	vsnprintf(msg, sizeof(msg), im->o->en ? en : vi, ap);
	va_end(ap);
	report(im, im->line, filecol, NULL, msg);
}

/* The file column holding field name, or -1. */
static int
column_of_field(const struct imp *im, const char *name)
{
	for (int i = 0; i < im->ncols; i++)
		if (strcmp(im->t->fields[im->cols[i].field].name, name) == 0)
			return im->colof[i];
	return -1;
}

/* A validation error of the current row, at the column of its field. */
static enum outcome
refuse(struct imp *im, const struct verr *ve)
{
	report(im, im->line, column_of_field(im, ve->field), ve, NULL);
	return O_BAD;
}

static enum outcome
refuse_rule(struct imp *im, enum rule_id rule, const char *field)
{
	struct verr ve;

	verr_set(&ve, VE_RULE, field, 0);
	ve.rule = rule;
	return refuse(im, &ve);
}

static enum outcome
store_failed(struct imp *im, int rc)
{
	if (rc == ST_BUSY)
		problem(im, -1, "Dữ liệu đã được người khác thay đổi trong lúc kiểm tra tệp; chưa "
		    "có gì được ghi: hãy nhập lại tệp%s", "the database was changed by someone "
		    "else while the file was being checked; nothing was written: run the import "
		    "again%s", "");
	else
		problem(im, -1, "Lỗi cơ sở dữ liệu: %s", "database: %s", store_errmsg(im->st));
	im->fatal = 1;
	return O_FATAL;
}

/* ---- units, cached ------------------------------------------------------------ */

static const struct record *
cache_org(struct imp *im, struct record *org)
{
	char key[32];

	record_list_push(&im->orgs, org);
	smap_put(&im->org_code, record_text(org, ORG_CODE), org);
	snprintf(key, sizeof(key), "%lld", (long long)org->id);
	smap_put(&im->org_id, key, org);
	return org;
}

/* The stored unit with this code, or NULL (not found, or *rc set). */
static const struct record *
org_by_code(struct imp *im, const char *code, int *rc)
{
	struct record *org = smap_get(&im->org_code, code);

	*rc = ST_OK;
	if (org != NULL)
		return org;
	if ((*rc = store_org_by_code(im->st, code, &org)) != ST_OK) {
		if (*rc == ST_NOTFOUND)
			*rc = ST_OK;
		return NULL;
	}
	return cache_org(im, org);
}

static const struct record *
org_by_id(struct imp *im, int64_t id, int *rc)
{
	struct record *org;
	char key[32];

	*rc = ST_OK;
	/* Rows of a file mostly come unit by unit. */
	if (im->last_org != NULL && im->last_org->id == id)
		return im->last_org;
	snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((org = smap_get(&im->org_id, key)) != NULL)
		return im->last_org = org;
	if ((*rc = store_get(im->st, RT_ORG, id, &org)) != ST_OK) {
		if (*rc == ST_NOTFOUND)
			*rc = ST_OK;
		return NULL;
	}
	return cache_org(im, org);
}

/* Is unit id inside the import's scope (always, without one)?  false with
 * *rc set on a store failure, or when there is no such unit. */
static bool
unit_in_scope(struct imp *im, int64_t id, int *rc)
{
	const struct record *org;

	*rc = ST_OK;
	if (im->o->scope == NULL)
		return true;
	if ((org = org_by_id(im, id, rc)) == NULL)
		return false;
	return scope_contains(im->o->scope, record_text(org, ORG_PATH));
}

/* ---- the header ------------------------------------------------------------------ */

static int
blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* "code, full_name, …": the columns of the type, for messages. */
/* A column as the problems name it: its header in English, its
 * Vietnamese label (which a header may be too) otherwise. */
static const char *
column_label(const struct imp *im, const char *name)
{
	if (im->o->en)
		return name;
	for (int i = 0; i < im->ncols; i++)
		if (strcmp(im->cols[i].name, name) == 0)
			return im->t->fields[im->cols[i].field].label_vi;
	return name;
}

static void
column_list(const struct imp *im, char *buf, size_t cap)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < im->ncols && off < cap; i++)
		off += (size_t)snprintf(buf + off, cap - off, "%s%s", i ? ", " : "",
		    column_label(im, im->cols[i].name));
}

static int
has_column(const struct imp *im, const char *name)
{
	for (int i = 0; i < im->ncols; i++)
		if (strcmp(im->cols[i].name, name) == 0)
			return im->colof[i] >= 0;
	return 0;
}

/* The columns a row is matched by must be there. */
static void
check_keys(struct imp *im)
{
	static const char *const need[IO_TYPE__MAX][4] = {
		[IO_ORGS] = { "code" },
		[IO_PEOPLE] = { "code" },
		[IO_PLEDGES] = { "year" },
		[IO_EVALUATIONS] = { "year" },
		[IO_ACTIVITIES] = { "org_code", "kind", "date", "title" },
	};
	enum io_type ty = im->o->type;

	for (int i = 0; i < 4 && need[ty][i]; i++)
		if (!has_column(im, need[ty][i])) {
			problem(im, -1, "Tệp cần có cột “%s”: các dòng được đối chiếu theo cột này",
			    "a column “%s” is needed: rows are matched by it",
			    column_label(im, need[ty][i]));
			im->header_bad = 1;
		}
	if ((ty == IO_PLEDGES || ty == IO_EVALUATIONS) && !has_column(im, "person_code") &&
	    !has_column(im, "org_code")) {
		problem(im, -1, "Tệp cần có cột “%s” hoặc “%s”: các dòng được đối chiếu theo "
		    "cột này", "a column “%s” or “%s” is needed: rows are matched by it",
		    column_label(im, "person_code"), column_label(im, "org_code"));
		im->header_bad = 1;
	}
}

/* Reads the header row: every cell names a column (or is empty). */
static void
header(struct imp *im, const struct io_row *row)
{
	char list[1024];

	im->header_line = row->line;
	im->nheads = row->n;
	if ((im->heads = calloc((size_t)row->n, sizeof(*im->heads))) == NULL ||
	    (im->colmap = calloc((size_t)row->n, sizeof(*im->colmap))) == NULL)
		abort();
	for (int i = 0; i < im->ncols; i++)
		im->colof[i] = -1;
	column_list(im, list, sizeof(list));
	for (int j = 0; j < row->n; j++) {
		const struct io_cell *c = &row->cells[j];
		int k;

		im->colmap[j] = -1;
		if ((im->heads[j] = strndup(c->s, c->len)) == NULL)
			abort();
		if (blank(c->s, c->len))
			continue;
		if (!text_utf8_valid(c->s, c->len, 0) ||
		    (k = io_column_find(im->t, im->cols, im->ncols, im->heads[j])) == -2) {
			problem(im, j, "Tiêu đề cột không phải văn bản UTF-8 hợp lệ (hãy lưu tệp "
			    "dưới dạng UTF-8)%s", "the header is not valid UTF-8 text (save the file "
			    "as UTF-8)%s", "");
			im->header_bad = 1;
			continue;
		}
		if (k < 0) {
			int f = rtype_field(im->t, im->heads[j]);

			if (f >= 0 && im->t->fields[f].type == FT_REF &&
			    rtype_field(im->t, im->heads[j]) >= 0 &&
			    (im->t->fields[f].ref == 0 || im->t->fields[f].ref == RT_PERSON + 1))
				problem(im, j, "Cột không dùng được: đơn vị và người được ghi bằng mã "
				    "(các cột của %s: %s)", "unknown column: references are given by "
				    "code (the columns of %s are: %s)", im->o->en ?
				    io_type_names[im->o->type] : im->t->label_vi, list);
			else
				problem(im, j, "Cột không có trong mẫu (các cột của %s: %s)",
				    "unknown column (the columns of %s are: %s)", im->o->en ?
				    io_type_names[im->o->type] : im->t->label_vi, list);
			im->header_bad = 1;
			continue;
		}
		if (im->colof[k] >= 0) {
			char letter[8];

			problem(im, j, "Trùng với cột %s", "the same column as column %s",
			    io_col_letter(im->colof[k], letter));
			im->header_bad = 1;
			continue;
		}
		im->colof[k] = j;
		im->colmap[j] = k;
	}
	if (!im->header_bad)
		check_keys(im);
	im->code_col = column_of_field(im, "code");
}

/* ---- a row's cells as a record ------------------------------------------------------- */

/* A code from a cell: trimmed, without NUL bytes.  0 or -1. */
static int
cell_code(const struct io_cell *c, char *buf, size_t cap)
{
	const char *s = c->s;
	size_t len = c->len;

	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= cap || memchr(s, '\0', len) != NULL)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return 0;
}

/* A unit or person named by code into field f of r.  0, -1 (reported), or
 * -2 (store failure, reported). */
static int
resolve_code(struct imp *im, struct record *r, const struct io_column *col, int j,
    const struct io_cell *c)
{
	char code[LIMIT_CODE_CHARS * 4 + 1];
	const struct record *org;
	struct record *p = NULL;
	int rc;

	if (cell_code(c, code, sizeof(code)) != 0) {
		problem(im, j, "Không phải là một mã%s", "not a code%s", "");
		return -1;
	}
	if (col->kind == IO_COL_PERSON_CODE) {
		if ((rc = store_person_by_code(im->st, code, &p)) == ST_OK &&
		    !unit_in_scope(im, record_int(p, PERSON_ORG), &rc) && rc == ST_OK)
			rc = ST_NOTFOUND;
		if (rc == ST_NOTFOUND) {
			record_free(p);
			problem(im, j, "Không có người nào mang mã “%s”%s",
			    "no person has the code “%s”%s", code, !im->o->scope ? "" :
			    im->o->en ? " in your units" : " trong các đơn vị của bạn");
			return -1;
		}
		if (rc != ST_OK) {
			record_free(p);
			store_failed(im, rc);
			return -2;
		}
		record_set_int(r, col->field, p->id);
		record_free(im->row_person);
		im->row_person = p;
		return 0;
	}
	if ((org = org_by_code(im, code, &rc)) == NULL && rc != ST_OK) {
		store_failed(im, rc);
		return -2;
	}
	/* A new unit may sit under a unit created by a row above. */
	if (org == NULL && im->t->id == RT_ORG && col->field == ORG_PARENT &&
	    (org = smap_get(&im->pending, code)) != NULL) {
		im->row_parent = org;
		return 0;
	}
	if (org != NULL && im->o->scope != NULL &&
	    !scope_contains(im->o->scope, record_text(org, ORG_PATH)))
		org = NULL;
	if (org == NULL) {
		problem(im, j, "Không có đơn vị nào mang mã “%s”%s%s",
		    "no unit has the code “%s”%s%s", code, !im->o->scope ? "" :
		    im->o->en ? " in your units" : " trong các đơn vị của bạn",
		    im->t->id != RT_ORG ? "" : im->o->en ? " (nor a row above)" :
		    " (kể cả ở các dòng phía trên)");
		return -1;
	}
	if (im->t->id == RT_ORG && col->field == ORG_PARENT)
		im->row_parent = org;
	record_set_int(r, col->field, org->id);
	return 0;
}

/* The record a row gives: every column's cell converted, references
 * resolved.  NULL when a cell was refused (each reported). */
static struct record *
convert(struct imp *im, const struct io_row *row)
{
	struct record *r = record_new(im->t);
	char msg[300];
	int bad = 0;

	for (int j = im->nheads; j < row->n; j++)
		if (!blank(row->cells[j].s, row->cells[j].len)) {
			problem(im, j, "Có giá trị trong một cột không có tiêu đề%s",
			    "a value in a column without a header%s", "");
			bad = 1;
		}
	for (int j = 0; j < im->nheads && j < row->n; j++)
		if (im->colmap[j] < 0 && !blank(row->cells[j].s, row->cells[j].len)) {
			problem(im, j, "Có giá trị trong một cột không có tiêu đề%s",
			    "a value in a column without a header%s", "");
			bad = 1;
		}
	for (int i = 0; i < im->ncols && !im->fatal; i++) {
		const struct io_column *col = &im->cols[i];
		int j = im->colof[i], rc;
		const struct io_cell *c;

		if (j < 0)
			continue;
		if (j >= row->n || blank(row->cells[j].s, row->cells[j].len)) {
			io_empty_to_field(r, col->field);
			continue;
		}
		c = &row->cells[j];
		if (col->kind != IO_COL_VALUE)
			rc = resolve_code(im, r, col, j, c);
		else if ((rc = io_cell_to_field(r, col->field, c->s, c->len, msg,
		    sizeof(msg))) != 0)
			problem(im, j, "%s", "%s", msg);
		bad |= rc != 0;
	}
	if (bad || im->fatal) {
		record_free(r);
		return NULL;
	}
	return r;
}

/* ---- comparing ---------------------------------------------------------------------- */

static int
fval_eq(const struct fval *a, const struct fval *b)
{
	if (a->state != b->state)
		return 0;
	if (a->state != FV_SET)
		return 1;
	if (a->s != NULL || b->s != NULL)
		return a->s != NULL && b->s != NULL && a->len == b->len &&
		    memcmp(a->s, b->s, a->len) == 0;
	return a->i == b->i;
}

/* A stored column the import may change (not a time stamp or the deletion). */
static int
compared(const struct field *fd)
{
	static const char *const stamps[] = {
		"created_at", "updated_at", "created_by", "updated_by", "deleted_at", NULL
	};

	return !(fd->flags & F_NOCOLUMN) && enum_index(stamps, fd->name) < 0;
}

/* The fields where merged differs from cur, as a change of record cur->id;
 * NULL when there are none. */
static struct record *
difference(const struct record *cur, const struct record *merged)
{
	const struct rtype *t = cur->type;
	struct record *d = NULL;

	for (int f = 0; f < t->nfields; f++) {
		const struct fval *v = &merged->v[f];

		if (!compared(&t->fields[f]) || fval_eq(&cur->v[f], v))
			continue;
		if (d == NULL) {
			d = record_new(t);
			d->id = cur->id;
		}
		if (v->state == FV_NULL)
			record_set_null(d, f);
		else if (v->state == FV_SET && v->s != NULL)
			record_set_blob(d, f, v->s, v->len);
		else if (v->state == FV_SET)
			record_set_int(d, f, v->i);
	}
	return d;
}

/* Drops from change the create-only fields (and the key fields) it gives
 * with the values cur already has: a file repeats them on every row. */
static void
drop_same(struct record *change, const struct record *cur, const int *also, int nalso)
{
	const struct rtype *t = change->type;

	for (int f = 0; f < t->nfields; f++) {
		int key = 0;

		for (int k = 0; k < nalso; k++)
			key |= also[k] == f;
		if ((key || (t->fields[f].flags & F_CREATEONLY)) &&
		    change->v[f].state != FV_ABSENT && fval_eq(&change->v[f], &cur->v[f]))
			record_unset(change, f);
	}
}

/* Writes the audit row of record id, as it now is. */
static int
audit(struct imp *im, int64_t id, const char *action, const struct record *before)
{
	if (im->o->audit == NULL)
		return ST_OK;
	return im->o->audit(im->o->arg, im->st, im->t, id, action, before);
}

/*
 * The keys of the rows so far, for refusing a second row with the same key:
 * a 64-bit hash of the key and the line it was on, 12 bytes a row (about
 * 100 MB for the 5,6 million people of the country) instead of the keys.
 * Two different keys with the same hash (odds of about 1 in a million
 * for 5 million rows) would be reported as the same key.
 */
static uint64_t
key_hash(const char *s)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
	}
	h ^= h >> 29;
	h *= 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 32;
	return h ? h : 1;
}

/* Makes room in m for n keys at most 7/10 full (a power of two slots). */
static void
hset_grow(struct hset *m, size_t n)
{
	struct hset old = *m;
	size_t cap = m->cap ? m->cap : 1024, i;

	while (10 * n > 7 * cap)
		cap *= 2;
	if (cap == m->cap)
		return;
	m->cap = cap;
	if ((m->s = calloc(m->cap, sizeof(*m->s))) == NULL)
		abort();
	for (size_t j = 0; j < old.cap; j++)
		if (old.s[j].h != 0) {
			for (i = (size_t)old.s[j].h & (m->cap - 1); m->s[i].h != 0;
			    i = (i + 1) & (m->cap - 1))
				;
			m->s[i] = old.s[j];
		}
	free(old.s);
}

static int
seen_key(struct imp *im, const char *key)
{
	struct hset *m = &im->seen;
	uint64_t h = key_hash(key);
	size_t i;

	if (10 * (m->n + 1) > 7 * m->cap)
		hset_grow(m, m->n + 1);
	for (i = (size_t)h & (m->cap - 1); m->s[i].h != 0; i = (i + 1) & (m->cap - 1))
		if (m->s[i].h == h)
			return (int)m->s[i].line;
	m->s[i].h = h;
	m->s[i].line = (uint32_t)im->line;
	m->n++;
	return 0;
}

/* Starts loading the slot of a person row's code while the row is
 * converted: the set is far larger than the CPU's caches, and its lookup
 * (seen_key, after the conversion) would otherwise wait for memory.  Only
 * a hint: a code that the conversion changes (spaces, a quote) just finds
 * the slot cold. */
static void
prefetch_key(const struct imp *im, const struct io_row *row)
{
	int j = im->code_col;

	/* Cells are NUL-terminated. */
	if (j >= 0 && j < row->n && im->seen.cap > 0)
		__builtin_prefetch(&im->seen.s[(size_t)key_hash(row->cells[j].s) &
		    (im->seen.cap - 1)]);
}

static void
hset_free(struct hset *m)
{
	free(m->s);
	memset(m, 0, sizeof(*m));
}

/* ---- units ---------------------------------------------------------------------------- */

static enum outcome
row_org(struct imp *im, struct record *given)
{
	const char *code = record_text(given, ORG_CODE);
	struct record *cur = NULL, *merged = NULL, *d = NULL;
	struct verr ve = { 0 };
	enum outcome out = O_BAD;
	int rc, above;

	if (code == NULL)
		return refuse(im, (verr_set(&ve, VE_REQUIRED, "code", 0), &ve));
	if ((above = seen_key(im, code)) != 0) {
		problem(im, column_of_field(im, "code"), "Mã “%s” đã có ở dòng %d",
		    "the code “%s” is on line %d too", code, above);
		return O_BAD;
	}
	if ((rc = store_org_by_code(im->st, code, &cur)) != ST_OK && rc != ST_NOTFOUND)
		return store_failed(im, rc);
	if (cur != NULL && im->o->scope != NULL &&
	    !scope_contains(im->o->scope, record_text(cur, ORG_PATH))) {
		record_free(cur);
		return refuse_rule(im, RULE_OUT_OF_SCOPE, "code");
	}
	if (cur != NULL && im->o->scope != NULL && im->o->own_root_ro &&
	    strcmp(record_text(cur, ORG_PATH), im->o->scope->prefix[0]) == 0) {
		record_free(cur);
		problem(im, column_of_field(im, "code"), "Bạn không được sửa đơn vị “%s”",
		    "the unit “%s” is not one you may change", code);
		return O_BAD;
	}
	if (cur == NULL) {
		/* A new unit: api_org_create as an administrator. */
		if (record_validate(given, VM_CREATE, &ve) != 0)
			return refuse(im, &ve);
		if (record_has(given, ORG_VALID_FROM) &&
		    strcmp(record_text(given, ORG_VALID_FROM), im->o->today) > 0)
			return refuse_rule(im, RULE_DATE_FUTURE, "valid_from");
		if (!record_has(given, ORG_VALID_FROM))
			record_set_text(given, ORG_VALID_FROM, im->o->today);
		if (org_check_create(given, im->row_parent, &ve) != 0)
			return refuse(im, &ve);
		if (!im->write) {
			smap_put(&im->pending, code, record_overlay(given, given));
			return O_CREATED;
		}
		if ((rc = store_org_create(im->st, given, im->o->today, &ve)) == ST_INVALID)
			return refuse(im, &ve);
		if (rc == ST_OK)
			created(im, given->id);
		return rc == ST_OK ? O_CREATED : store_failed(im, rc);
	}
	/* An existing unit: its name and note (api_org_patch, a correction). */
	if (given->v[ORG_PARENT].state == FV_NULL ? record_int(cur, ORG_PARENT) != 0 :
	    given->v[ORG_PARENT].state != FV_ABSENT && (im->row_parent == NULL ||
	    im->row_parent->id != record_int(cur, ORG_PARENT) || im->row_parent->id == 0)) {
		problem(im, column_of_field(im, "parent_id"), "Đơn vị đang trực thuộc đơn vị "
		    "khác: chuyển đơn vị là một thao tác riêng (Chuyển trong ứng dụng), không "
		    "làm bằng nhập tệp%s", "the unit is under another unit: moving it is an "
		    "operation of its own (Move in the application), not an import%s", "");
		goto out;
	}
	{
		int key[] = { ORG_CODE };

		drop_same(given, cur, key, 1);
	}
	if (record_validate(given, VM_UPDATE, &ve) != 0) {
		out = refuse(im, &ve);
		goto out;
	}
	merged = record_overlay(cur, given);
	if ((d = difference(cur, merged)) == NULL) {
		out = O_UNCHANGED;
		goto out;
	}
	out = O_UPDATED;
	if (!im->write)
		goto out;
	rc = store_org_update(im->st, d, NULL, &ve);
	if (rc == ST_INVALID)
		out = refuse(im, &ve);
	else if (rc == ST_OK && (rc = audit(im, cur->id, "update", cur)) != ST_OK)
		out = store_failed(im, rc);
	else if (rc != ST_OK)
		out = store_failed(im, rc);
out:
	record_free(d);
	record_free(merged);
	record_free(cur);
	return out;
}

/* ---- people ---------------------------------------------------------------------------- */

static enum outcome
row_person(struct imp *im, struct record *given)
{
	const char *code = record_text(given, PERSON_CODE);
	struct record *cur = NULL, *merged = NULL, *d = NULL;
	struct verr ve = { 0 };
	enum outcome out = O_BAD;
	int64_t pid;
	int rc, above;

	if (code == NULL) {
		problem(im, column_of_field(im, "code"), "Cần có mã: các dòng được đối chiếu theo "
		    "mã%s", "a code is needed: rows are matched by it%s", "");
		return O_BAD;
	}
	if ((above = seen_key(im, code)) != 0) {
		problem(im, column_of_field(im, "code"), "Mã “%s” đã có ở dòng %d",
		    "the code “%s” is on line %d too", code, above);
		return O_BAD;
	}
	/* A table that had no one when the import began holds only the rows
	 * above (seen_key refused their codes): nothing to look up. */
	if (im->bulk.people == 0 && im->bulk.next_person > 0)
		rc = ST_NOTFOUND;
	else if ((rc = store_person_code_id(im->st, &im->bulk, code, &pid)) == ST_OK)
		rc = store_get(im->st, RT_PERSON, pid, &cur);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return store_failed(im, rc);
	if (cur != NULL && !unit_in_scope(im, record_int(cur, PERSON_ORG), &rc)) {
		record_free(cur);
		if (rc != ST_OK)
			return store_failed(im, rc);
		return refuse_rule(im, RULE_OUT_OF_SCOPE, "code");
	}
	if (cur == NULL) {
		/* A new person: api_person_create. */
		const struct record *org;

		if (record_validate(given, VM_CREATE, &ve) != 0)
			return refuse(im, &ve);
		if ((org = org_by_id(im, record_int(given, PERSON_ORG), &rc)) == NULL)
			return rc != ST_OK ? store_failed(im, rc) :
			    refuse(im, (verr_set(&ve, VE_REF, "org_id", 0), &ve));
		if (strcmp(record_text(org, ORG_KIND), "national") == 0)
			return refuse_rule(im, RULE_PERSON_ORG_KIND, "org_id");
		if (person_check(given, im->o->today, &ve) != 0)
			return refuse(im, &ve);
		if (person_derive(given) != 0)
			return refuse(im, (verr_set(&ve, VE_UTF8, "full_name", 0), &ve));
		if (!im->write)
			return O_CREATED;
		if ((rc = store_person_insert_bulk(im->st, &im->bulk, given)) == ST_OK)
			created(im, given->id);
		return rc == ST_OK ? O_CREATED : store_failed(im, rc);
	}
	/* An existing person: api_person_patch. */
	if (given->v[PERSON_ORG].state == FV_SET &&
	    record_int(given, PERSON_ORG) != record_int(cur, PERSON_ORG)) {
		int rc2;
		const struct record *now = org_by_id(im, record_int(cur, PERSON_ORG), &rc2);

		problem(im, column_of_field(im, "org_id"), "%s đang thuộc đơn vị %s: đổi đơn "
		    "vị là chuyển sinh hoạt (Chuyển trong ứng dụng), không làm bằng nhập tệp",
		    "%s is in the unit %s: a change of unit is a transfer (Transfer in the "
		    "application), not an import", code, now ? record_text(now, ORG_NAME) : "?");
		goto out;
	}
	{
		int key[] = { PERSON_CODE };

		drop_same(given, cur, key, 1);
	}
	if (record_validate(given, VM_UPDATE, &ve) != 0) {
		out = refuse(im, &ve);
		goto out;
	}
	merged = record_overlay(cur, given);
	if (person_check(merged, im->o->today, &ve) != 0) {
		out = refuse(im, &ve);
		goto out;
	}
	if ((d = difference(cur, merged)) == NULL) {
		out = O_UNCHANGED;
		goto out;
	}
	out = O_UPDATED;
	if (record_has(d, PERSON_FULL_NAME) && person_derive(d) != 0) {
		out = refuse(im, (verr_set(&ve, VE_UTF8, "full_name", 0), &ve));
		goto out;
	}
	if (!im->write)
		goto out;
	if ((rc = store_update(im->st, d)) == ST_OK)
		rc = audit(im, cur->id, "update", cur);
	if (rc != ST_OK)
		out = store_failed(im, rc);
out:
	record_free(d);
	record_free(merged);
	record_free(cur);
	return out;
}

/* ---- campaign records (api_record.c) ---------------------------------------------------- */

/* check_catalog: every catalog code is an active entry; its kind and
 * weight go into "<field>_kind" and "<field>_weight".  0, -1 with *ve, or
 * -2 on a store failure. */
static int
check_catalog(struct imp *im, struct record *change, struct verr *ve)
{
	const struct rtype *t = change->type;

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		struct record *item = NULL;
		char name[64];
		int fk, rc;

		if (fd->type != FT_CATALOG || !record_has(change, f) || (fd->flags & F_READONLY))
			continue;
		rc = store_catalog_item(im->st, fd->catalog, record_text(change, f), &item);
		if (rc == ST_NOTFOUND || (rc == ST_OK && !record_int(item, CATALOG_ACTIVE))) {
			record_free(item);
			return verr_set(ve, VE_ENUM, fd->name, 0);
		}
		if (rc != ST_OK) {
			store_failed(im, rc);
			return -2;
		}
		snprintf(name, sizeof(name), "%s_kind", fd->name);
		if ((fk = rtype_field(t, name)) >= 0)
			record_set_text(change, fk, record_text(item, CATALOG_KIND) ?
			    record_text(item, CATALOG_KIND) : "");
		snprintf(name, sizeof(name), "%s_weight", fd->name);
		if ((fk = rtype_field(t, name)) >= 0)
			record_set_int(change, fk, record_int(item, CATALOG_WEIGHT));
		record_free(item);
	}
	return 0;
}

/* The path of the unit of person id. */
static const char *
person_unit_path(struct imp *im, int64_t person_id, int *rc)
{
	struct record *p = NULL;
	const struct record *org;
	int64_t org_id;

	if (im->row_person != NULL && im->row_person->id == person_id) {
		org_id = record_int(im->row_person, PERSON_ORG);
	} else {
		if ((*rc = store_get(im->st, RT_PERSON, person_id, &p)) != ST_OK)
			return NULL;
		org_id = record_int(p, PERSON_ORG);
		record_free(p);
	}
	org = org_by_id(im, org_id, rc);
	return org ? record_text(org, ORG_PATH) : NULL;
}

/* check_refs: references exist and are live; the person is inside the
 * unit.  0, -1 with *ve, -2 on a store failure. */
static int
check_refs(struct imp *im, struct record *change, const struct record *merged,
    struct verr *ve)
{
	const struct rtype *t = change->type;
	int fo = t->org_field ? rtype_field(t, t->org_field) : -1;
	int fp = t->person_field ? rtype_field(t, t->person_field) : -1;
	int rc = ST_OK, e;

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		struct record *r = NULL;
		int fdel;

		if (fd->type != FT_REF || !record_has(change, f))
			continue;
		if (fd->ref == 0) {
			if (org_by_id(im, record_int(change, f), &rc) == NULL)
				goto bad;
			continue;
		}
		rc = store_get(im->st, (enum rtype_id)(fd->ref - 1), record_int(change, f), &r);
		fdel = r ? rtype_field(r->type, "deleted_at") : -1;
		if (rc == ST_OK && fdel >= 0 && record_has(r, fdel))
			rc = ST_NOTFOUND;
		if (rc == ST_OK && r->type->id == RT_PERSON &&
		    org_by_id(im, record_int(r, PERSON_ORG), &rc) == NULL && rc == ST_OK)
			rc = ST_NOTFOUND;
		record_free(r);
		if (rc != ST_OK)
			goto bad;
		continue;
bad:
		if (rc != ST_OK && rc != ST_NOTFOUND) {
			store_failed(im, rc);
			return -2;
		}
		return verr_set(ve, VE_REF, fd->name, 0);
	}
	if ((e = check_catalog(im, change, ve)) != 0)
		return e;
	if (fo >= 0 && fp >= 0 && record_has(merged, fo) && record_has(merged, fp)) {
		const struct record *unit = org_by_id(im, record_int(merged, fo), &rc);
		const char *upath = unit ? record_text(unit, ORG_PATH) : NULL;
		const char *ppath = person_unit_path(im, record_int(merged, fp), &rc);

		if (rc != ST_OK && rc != ST_NOTFOUND) {
			store_failed(im, rc);
			return -2;
		}
		if (upath == NULL || ppath == NULL || strncmp(ppath, upath, strlen(upath)) != 0) {
			verr_set(ve, VE_RULE, t->person_field, 0);
			ve->rule = RULE_PERSON_UNIT;
			return -1;
		}
	}
	return 0;
}

/* rules_and_derive: the type's check and derive on the state the change
 * produces; derived read-only fields copied into change.  0 or -1 with *ve. */
static int
rules_derive(struct imp *im, struct record *change, struct record *merged, struct verr *ve)
{
	const struct rtype *t = change->type;

	if (t->rules && t->rules->check && t->rules->check(merged, &im->ctx, ve) != 0)
		return -1;
	if ((t->rules && t->rules->derive && t->rules->derive(merged, &im->ctx) != 0) ||
	    record_derive_search(merged) != 0)
		return verr_set(ve, VE_UTF8, "", 0);
	if (change != merged)
		record_take_derived(change, merged);
	return 0;
}

/* The fields a row of type t is matched by (given holds the row). */
static int
key_fields(struct imp *im, const struct record *given, int *kf)
{
	switch (im->o->type) {
	case IO_PLEDGES:
		if (record_has(given, PLEDGE_PERSON)) {
			kf[0] = PLEDGE_PERSON, kf[1] = PLEDGE_YEAR;
			return 2;
		}
		kf[0] = PLEDGE_ORG, kf[1] = PLEDGE_PERSON, kf[2] = PLEDGE_YEAR;
		kf[3] = PLEDGE_FOLLOW;
		return 4;
	case IO_EVALUATIONS:
		if (record_has(given, EVALUATION_PERSON)) {
			kf[0] = EVALUATION_PERSON, kf[1] = EVALUATION_YEAR;
			return 2;
		}
		kf[0] = EVALUATION_ORG, kf[1] = EVALUATION_PERSON, kf[2] = EVALUATION_YEAR;
		return 3;
	case IO_ACTIVITIES:
		kf[0] = ACTIVITY_ORG, kf[1] = ACTIVITY_KIND, kf[2] = ACTIVITY_DATE;
		kf[3] = ACTIVITY_TITLE;
		return 4;
	default:
		return 0;
	}
}

/*
 * The key of a row as a record (text normalised as record_validate would)
 * and as a string; NULL when a key field is missing (then the row can
 * only be a new record, and its checks say what is missing).
 */
static struct record *
row_key(struct imp *im, const struct record *given, const int *kf, int nk, char *str,
    size_t cap)
{
	struct record *key = record_new(given->type);
	size_t off = 0;

	str[0] = '\0';
	for (int i = 0; i < nk; i++) {
		const struct field *fd = &given->type->fields[kf[i]];
		const struct fval *v = &given->v[kf[i]];
		char *clean = NULL;

		if (v->state == FV_ABSENT || (v->state == FV_NULL && fd->type != FT_REF)) {
			record_free(key);
			return NULL;
		}
		if (v->state == FV_NULL) {
			off += (size_t)snprintf(str + off, off < cap ? cap - off : 0, "-\x1f");
			continue;
		}
		if (v->s == NULL) {
			record_set_int(key, kf[i], v->i);
			off += (size_t)snprintf(str + off, off < cap ? cap - off : 0, "%lld\x1f",
			    (long long)v->i);
			continue;
		}
		if ((fd->type == FT_TEXT || fd->type == FT_LONGTEXT) &&
		    text_utf8_valid(v->s, v->len, fd->type == FT_LONGTEXT))
			clean = text_clean(v->s, fd->type == FT_TEXT);
		record_set_text(key, kf[i], clean ? clean : v->s);
		off += (size_t)snprintf(str + off, off < cap ? cap - off : 0, "%s\x1f",
		    clean ? clean : v->s);
		free(clean);
	}
	(void)im;
	return key;
}

/* Is r's unit's year approved (core_year.c)?  Then the row changes
 * nothing: the level above reopens the year first, as in the application.
 * 1 locked, 0 open, -1 a store error (rc set). */
static int
year_locked(struct imp *im, const struct record *r, int fo, int *rc)
{
	enum year_status status;
	int year = record_year(r);

	*rc = ST_OK;
	if (year == 0 || fo < 0 || !record_has(r, fo))
		return 0;
	if ((*rc = store_year_status(im->st, record_int(r, fo), year, &status)) != ST_OK)
		return -1;
	return !year_open(status);
}

/* Is stored record r (a pledge, an evaluation …) of a unit outside the
 * import's scope?  A row matched by person and year finds the record
 * whatever unit filed it: a pledge the province filed for a person of a
 * district is the province's, and the district's staff may not change
 * it, as through the API.  1 outside, 0 inside (or no scope, or no r),
 * -1 on a store failure (*rc set). */
static int
outside_scope(struct imp *im, const struct record *r, int *rc)
{
	int fo = im->t->org_field ? rtype_field(im->t, im->t->org_field) : -1;

	*rc = ST_OK;
	if (r == NULL || im->o->scope == NULL)
		return 0;
	if (fo >= 0 && record_has(r, fo) && unit_in_scope(im, record_int(r, fo), rc))
		return 0;
	return *rc == ST_OK ? 1 : -1;
}

static enum outcome
row_record(struct imp *im, struct record *given)
{
	const struct rtype *t = im->t;
	int fo = t->org_field ? rtype_field(t, t->org_field) : -1;
	int fp = t->person_field ? rtype_field(t, t->person_field) : -1;
	int kf[4], nk = key_fields(im, given, kf), rc, e, above;
	struct record *key, *cur = NULL, *merged = NULL, *d = NULL;
	const struct record *gone = NULL;
	struct record_list found = { 0 };
	struct verr ve = { 0 };
	enum outcome out = O_BAD;
	char kstr[8192];

	if ((key = row_key(im, given, kf, nk, kstr, sizeof(kstr))) != NULL) {
		if ((above = seen_key(im, kstr)) != 0) {
			problem(im, -1, "Trùng %s với dòng %d (các dòng được đối chiếu theo %s)",
			    "the same %s as line %d (rows are matched by %s)", im->o->en ?
			    t->label_en : t->label_vi, above, im->o->type == IO_ACTIVITIES ?
			    "org_code, kind, date, title" : record_has(given, fp) ?
			    "person_code, year" : im->o->type == IO_PLEDGES ?
			    "org_code, year, follow" : "org_code, year");
			record_free(key);
			return O_BAD;
		}
		rc = store_find(im->st, key, kf, nk, &found);
		record_free(key);
		if (rc != ST_OK) {
			record_list_free(&found);
			return store_failed(im, rc);
		}
	}
	{
		int fdel = rtype_field(t, "deleted_at"), live = 0, dead = 0;

		for (size_t i = 0; i < found.n; i++) {
			if (record_has(found.items[i], fdel)) {
				if (dead++ == 0)
					gone = found.items[i];
				continue;
			}
			if (live++ == 0) {
				cur = found.items[i];
				found.items[i] = NULL;
			}
		}
		if (live > 1) {
			problem(im, -1, "Có %d bản ghi (%s) cùng khớp với dòng này: hãy sửa chúng "
			    "trong ứng dụng", "%d records (%s) match this row: correct them in the "
			    "application", live, im->o->en ? t->label_en : t->label_vi);
			goto out;
		}
		/* The record the row would change (or, for an evaluation, the
		 * deleted one that keeps it from being created) is in scope. */
		if ((e = outside_scope(im, cur ? cur : t->id == RT_EVALUATION ? gone : NULL,
		    &rc)) != 0) {
			out = e < 0 ? store_failed(im, rc) : refuse_rule(im, RULE_OUT_OF_SCOPE,
			    fp >= 0 && record_has(given, fp) ? t->person_field : t->org_field);
			goto out;
		}
		/* One evaluation per subject and year, deleted ones included. */
		if (live == 0 && dead > 0 && t->id == RT_EVALUATION) {
			problem(im, -1, "Bản đánh giá này đã bị xóa: hãy khôi phục trong ứng dụng%s",
			    "this evaluation was deleted: restore it in the application%s", "");
			goto out;
		}
	}
	if (cur == NULL) {
		/* A new record: api_record.c create(). */
		if (record_validate(given, VM_CREATE, &ve) != 0) {
			out = refuse(im, &ve);
			goto out;
		}
		if (fp >= 0 && record_has(given, fp) && fo >= 0 && !record_has(given, fo) &&
		    im->row_person != NULL)
			record_set_int(given, fo, record_int(im->row_person, PERSON_ORG));
		if (fo >= 0 && !record_has(given, fo)) {
			out = refuse(im, (verr_set(&ve, VE_REQUIRED, t->org_field, 0), &ve));
			goto out;
		}
		if ((e = check_refs(im, given, given, &ve)) != 0 ||
		    (e = rules_derive(im, given, given, &ve)) != 0) {
			out = e == -2 ? O_FATAL : refuse(im, &ve);
			goto out;
		}
		if ((e = year_locked(im, given, fo, &rc)) != 0) {
			out = e < 0 ? store_failed(im, rc) : refuse_rule(im, RULE_YEAR_LOCKED, "year");
			goto out;
		}
		out = O_CREATED;
		if (!im->write)
			goto out;
		if ((rc = store_insert(im->st, given)) == ST_OK)
			created(im, given->id);
		if (rc != ST_OK)
			out = store_failed(im, rc);
		goto out;
	}
	/* An existing record: api_record.c patch(). */
	drop_same(given, cur, kf, nk);
	if (record_validate(given, VM_UPDATE, &ve) != 0) {
		out = refuse(im, &ve);
		goto out;
	}
	merged = record_overlay(cur, given);
	if ((e = check_refs(im, given, merged, &ve)) != 0 ||
	    (e = rules_derive(im, given, merged, &ve)) != 0) {
		out = e == -2 ? O_FATAL : refuse(im, &ve);
		goto out;
	}
	if ((d = difference(cur, merged)) == NULL) {
		out = O_UNCHANGED;
		goto out;
	}
	if ((e = year_locked(im, cur, fo, &rc)) != 0 ||
	    (e = year_locked(im, merged, fo, &rc)) != 0) {
		out = e < 0 ? store_failed(im, rc) : refuse_rule(im, RULE_YEAR_LOCKED, "year");
		goto out;
	}
	if (t->editable_in != NULL && t->status_field != NULL &&
	    enum_index(t->editable_in, record_text(cur, rtype_field(t, t->status_field))) < 0) {
		problem(im, -1, "%s này không còn sửa được bằng nhập tệp ở bước hiện tại của "
		    "nó: hãy sửa trong ứng dụng", "the %s can no longer be changed by an import "
		    "at its current step: change it in the application", im->o->en ?
		    t->label_en : t->label_vi);
		goto out;
	}
	if ((rc = store_children_fit(im->st, merged, given, &ve)) != ST_OK) {
		out = rc == ST_INVALID ? refuse(im, &ve) : store_failed(im, rc);
		goto out;
	}
	out = O_UPDATED;
	if (!im->write)
		goto out;
	if ((rc = store_update(im->st, d)) == ST_OK)
		rc = audit(im, cur->id, "update", cur);
	if (rc != ST_OK)
		out = store_failed(im, rc);
out:
	record_list_free(&found);
	record_free(d);
	record_free(merged);
	record_free(cur);
	return out;
}

/* ---- the rows --------------------------------------------------------------------- */

/* After this many rows the import guesses how many records the file will
 * create; when they are many next to the table, its plain indexes are
 * dropped and built again, sorted, at the end (store_bulk_defer_indexes):
 * inserting millions of random sort keys one by one into a B-tree costs
 * far more than sorting them once. */
#define IO_DEFER_PROBE_ROWS	4096
#define IO_DEFER_MIN_ROWS	50000	/* fewer new rows: keep the indexes */
#define IO_DEFER_SHARE		5	/* new rows over 1/5 of the table */

/* A people file at least this large is loaded through a rollback journal
 * when nothing else has the database open (store_bulk_journal): about
 * 50.000 rows, where writing the WAL twice starts to cost seconds. */
#define IO_JOURNAL_MIN_BYTES	(4 << 20)

/* 0, or -1 on a store failure (reported). */
static int
maybe_defer(struct imp *im, const struct io_row *row)
{
	double created, est;
	int rc;

	if (im->bulk_decided || im->o->type != IO_PEOPLE || !im->write || row->done == 0 ||
	    row->total <= row->done)
		return 0;
	im->bulk_decided = 1;
	/* The rows of the whole file, by the bytes read so far. */
	est = (double)im->rows * (double)row->total / (double)row->done;
	created = est * (double)im->counts.created / (double)im->rows;
	if (created < IO_DEFER_MIN_ROWS ||
	    created * IO_DEFER_SHARE < (double)im->bulk.people)
		return 0;
	if ((rc = store_bulk_defer_person(im->st, &im->bulk)) != ST_OK) {
		store_failed(im, rc);
		return -1;
	}
	return 0;
}

static int
on_row(void *arg, const struct io_row *row)
{
	struct imp *im = arg;
	struct record *given;
	enum outcome out;
	int all_blank = 1;

	for (int j = 0; j < row->n && all_blank; j++)
		all_blank = blank(row->cells[j].s, row->cells[j].len);
	if (all_blank)
		return 0;
	im->line = row->line;
	if (im->header_line == 0) {
		header(im, row);
		return im->header_bad ? -1 : 0;
	}
	im->rows++;
	im->row_parent = NULL;
	if (im->o->type == IO_PEOPLE)
		prefetch_key(im, row);
	if ((given = convert(im, row)) == NULL) {
		out = im->fatal ? O_FATAL : O_BAD;
	} else {
		switch (im->o->type) {
		case IO_ORGS:
			out = row_org(im, given);
			break;
		case IO_PEOPLE:
			out = row_person(im, given);
			break;
		default:
			out = row_record(im, given);
			break;
		}
		record_free(given);
	}
	record_free(im->row_person);
	im->row_person = NULL;
	switch (out) {
	case O_CREATED:
		im->counts.created++;
		break;
	case O_UPDATED:
		im->counts.updated++;
		break;
	case O_UNCHANGED:
		im->counts.unchanged++;
		break;
	case O_BAD:
		im->counts.bad++;
		break;
	case O_FATAL:
		im->fatal = 1;
		break;
	}
	if (im->o->progress != NULL)
		im->o->progress(im->o->arg, im->write ? IO_WRITING : IO_CHECKING, im->rows,
		    row->done, row->total);
	if (im->rows == IO_DEFER_PROBE_ROWS && row->done > 0 && row->total > row->done)
		/* The set of keys at the size the file needs (by the bytes read so
		 * far), rather than grown, and copied, a dozen times. */
		hset_grow(&im->seen, (size_t)((double)im->rows * (double)row->total /
		    (double)row->done));
	if (im->rows == IO_DEFER_PROBE_ROWS && !im->fatal && maybe_defer(im, row) != 0)
		im->fatal = 1;
	/* After the first problem nothing will be kept: the rest is only checked. */
	if (im->counts.bad > 0)
		im->write = 0;
	return im->fatal ? -1 : 0;
}

/* ---- the file ------------------------------------------------------------------------ */

/* One pass over the file at fd from its start.  XLSX files are mapped (they
 * are bounded by LIMIT_IMPORT_FILE_BYTES); CSV is streamed. */
static int
pass_fd(struct imp *im, int fd, size_t size, const void *map)
{
	struct io_readerr e;
	int rc;

	hset_free(&im->seen);
	smap_free(&im->pending, free_record);
	memset(&im->counts, 0, sizeof(im->counts));
	im->rows = 0;
	im->header_line = 0;
	if (map != NULL) {
		rc = io_xlsx_read(map, size, on_row, im, &e);
	} else if (lseek(fd, 0, SEEK_SET) != 0) {
		snprintf(e.msg, sizeof(e.msg), "cannot read the file twice: %s", strerror(errno));
		e.line = e.col = 0;
		rc = -1;
	} else {
		rc = io_csv_read_fd(fd, size, on_row, im, &e);
	}
	if (rc != 0 && e.msg[0] != '\0') {
		report(im, e.line, e.col - 1, NULL, e.msg);
		return -1;
	}
	if (rc == 0 && im->header_line == 0) {
		report(im, 0, -1, NULL, im->o->en ? "the file is empty: the first row must name "
		    "the columns" : "Tệp trống: dòng đầu tiên phải là tên các cột");
		return -1;
	}
	return rc;
}

/* The import's own audit row (filed under "import", not under a record):
 * who (the store's actor), the type, the file,
 * the counts and the ids of the records it created (one transaction on one
 * writer: they follow each other). */
static int
audit_import(struct imp *im, int xlsx)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I}",
	    "type", io_type_names[im->o->type],
	    "file", im->o->file_name ? im->o->file_name : "",
	    "format", xlsx ? "xlsx" : "csv",
	    "rows", (json_int_t)im->rows,
	    "created", (json_int_t)im->counts.created,
	    "updated", (json_int_t)im->counts.updated,
	    "unchanged", (json_int_t)im->counts.unchanged);
	char *txt;
	int rc;

	if (j == NULL)
		abort();
	if (im->first_id > 0) {
		json_object_set_new(j, "first_id", json_integer(im->first_id));
		json_object_set_new(j, "last_id", json_integer(im->last_id));
	}
	if (im->o->who != NULL)
		json_object_set_new(j, "who", json_string(im->o->who));
	if ((txt = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
		abort();
	rc = store_audit_import(im->st, im->o->org_id, txt);
	free(txt);
	json_decref(j);
	return rc;
}

int
io_import_fd(struct store *st, int fd, const struct io_import_opts *o, struct io_counts *c)
{
	struct imp im = { .st = st, .o = o, .t = io_type_rtype(o->type) };
	unsigned char magic[4] = { 0 };
	void *map = NULL;
	struct stat sb;
	size_t size;
	int xlsx, rc = -1, e, fk_off = 0, journal = 0;

	memset(c, 0, sizeof(*c));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		report(&im, 0, -1, NULL, S_ISDIR(sb.st_mode) ? "a directory, not a file" :
		    "not a regular file (the file is read twice)");
		return 1;
	}
	size = (size_t)sb.st_size;
	xlsx = pread(fd, magic, 4, 0) == 4 && memcmp(magic, "PK\x03\x04", 4) == 0;
	if (xlsx && size > LIMIT_IMPORT_FILE_BYTES) {
		report(&im, 0, -1, NULL, "the XLSX file is larger than the limit: save it as CSV "
		    "or split it");
		return 1;
	}
	if (xlsx && (map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		report(&im, 0, -1, NULL, strerror(errno));
		return 1;
	}
	im.ncols = io_columns(im.t, im.cols);
	store_set_actor(st, o->actor);
	/* People reference nothing but their unit, and every row's unit is
	 * looked up (org_by_id) before the row is written, an existing
	 * person's unit never changes: SQLite's own check of person.org_id,
	 * a search of org per row, is redundant for the load.  Only outside a
	 * transaction; turned back on below whatever happens. */
	fk_off = o->type == IO_PEOPLE && store_foreign_keys(st, false) == ST_OK;
	/* A large file from the command line, alone on the database: written
	 * once through a rollback journal rather than twice through the WAL. */
	if (o->type == IO_PEOPLE && o->scope == NULL && !o->dry_run && !xlsx &&
	    size >= IO_JOURNAL_MIN_BYTES && (journal = store_bulk_journal(st, true)) < 0) {
		store_failed(&im, ST_ERROR);
		journal = 0;
		goto out;
	}
	/* One pass, writing as it goes inside one write transaction; after a
	 * refused row the rest is only checked, and everything is rolled back. */
	if ((e = store_begin(st, true)) != ST_OK) {
		store_failed(&im, e);
		goto out;
	}
	if ((e = store_bulk_begin(st, &im.bulk)) != ST_OK) {
		store_failed(&im, e);
		goto rollback;
	}
	im.ctx.today = o->today;
	if (im.t->bands != NULL && (e = store_catalog_bands(st, im.t->bands, &im.ctx)) != ST_OK) {
		store_failed(&im, e);
		goto rollback;
	}
	im.write = 1;
	if (pass_fd(&im, fd, size, map) != 0 || im.header_bad || im.counts.bad > 0 ||
	    im.fatal) {
		rc = im.fatal ? -1 : 1;
		*c = im.counts;
		goto rollback;
	}
	*c = im.counts;
	if (o->dry_run) {
		rc = 0;
		goto rollback;
	}
	/* The indexes dropped for the load are built again, in the transaction. */
	if ((e = store_bulk_end(st, &im.bulk, true)) != ST_OK ||
	    (e = audit_import(&im, xlsx)) != ST_OK || (e = store_commit(st)) != ST_OK) {
		im.line = 0;
		store_failed(&im, e);
		goto rollback;
	}
	rc = 0;
	goto out;
rollback:
	store_rollback(st);
out:
	store_bulk_end(st, &im.bulk, false);
	if (journal > 0 && store_bulk_journal(st, false) != ST_OK && rc == 0) {
		/* Committed; the next open of the database goes back to the WAL. */
		im.line = 0;
		store_failed(&im, ST_ERROR);
		rc = -1;
	}
	if (fk_off && store_foreign_keys(st, true) != ST_OK && rc == 0) {
		/* Committed, but the connection must not go on unchecked. */
		im.line = 0;
		store_failed(&im, ST_ERROR);
		rc = -1;
	}
	store_set_actor(st, 0);
	fast_free(&im);
	hset_free(&im.seen);
	smap_free(&im.pending, free_record);
	smap_free(&im.org_code, NULL);
	smap_free(&im.org_id, NULL);
	record_list_free(&im.orgs);
	record_free(im.row_person);
	for (int j = 0; j < im.nheads; j++)
		free(im.heads[j]);
	free(im.heads);
	free(im.colmap);
	if (map != NULL)
		munmap(map, size);
	return rc;
}

int
io_import_file(struct store *st, const char *path, const struct io_import_opts *o,
    struct io_counts *c)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0) {
		struct imp im = { .o = o, .t = io_type_rtype(o->type) };

		memset(c, 0, sizeof(*c));
		report(&im, 0, -1, NULL, strerror(errno));
		return 1;
	}
	rc = io_import_fd(st, fd, o, c);
	close(fd);
	return rc;
}
