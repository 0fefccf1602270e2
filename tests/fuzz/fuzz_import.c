/*
 * fuzz_import.c — libFuzzer harness for what an import makes of a file: the
 * first byte chooses the type (orgs, people, pledges, evaluations,
 * activities), the rest is the file.
 *
 * Every input is read as CSV and taken as io_import.c's header() and
 * convert() take it, without the store (io_columns.c): its first row names
 * the columns (io_column_find: JSON names and labels in either language,
 * accents and case aside); every other row's cells become a record
 * (io_cell_to_field, io_empty_to_field; the columns of codes are the
 * store's business and are skipped), which is validated in both modes,
 * checked by the type's rules and derived as an import does.  Checks: a
 * header of valid UTF-8 is never refused as invalid text, a column's own
 * name finds it, a conversion that fails says why, and what validation lets
 * through is clean text (fuzz_record.h).
 *
 * One input in FULL_EVERY (chosen by its content) is also imported whole,
 * as a dry run, by io_import_fd on the database of fuzz_db.h — a CSV, or an
 * XLSX file when the rest starts "PK" — as the command line (no scope) or
 * as staff of a district (its scope), as the content chooses: the answer
 * is 0 with no problem or 1 with some, never a store failure, and the
 * database is unchanged.  (Not every input: the streamed CSV reader's
 * 2 MiB buffer and the transaction cost a few ms.)
 *
 * Build (from the top of the tree; scripts/fuzz.sh runs this very line):
 *   mkdir -p build-fuzz && scripts/embed-words.sh data/common-passwords.txt \
 *     build-fuzz/common_passwords.c common_passwords && \
 *     clang -g -O1 -fsanitize=fuzzer,address,undefined build-fuzz/common_passwords.c \
 *     -fno-sanitize-recover=all -D_GNU_SOURCE -Isrc tests/fuzz/fuzz_import.c \
 *     src/io/io_columns.c src/io/io_csv.c src/io/io_xlsx_read.c src/io/io_import.c \
 *     src/core/core_*.c src/text/text_*.c src/store/store_*.c \
 *     $(pkg-config --cflags --libs jansson libsodium libutf8proc icu-uc icu-i18n sqlite3 \
 *     expat libzip liboath libqrencode) -lcsv -lpthread -o build-fuzz/fuzz_import
 * Run (new inputs go to the first directory):
 *   mkdir -p build-fuzz/corpus_import && build-fuzz/fuzz_import -max_total_time=60 \
 *     build-fuzz/corpus_import tests/fuzz/corpus_import
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_db.h"
#include "fuzz_record.h"

#define CHECK(c)	FUZZ_DB_CHECK(c)
#define FULL_EVERY	128

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct imp {
	const struct rtype *t;
	struct io_column cols[IO_COLUMNS_MAX];
	int ncols;
	int *colmap;		/* file column -> index in cols, or -1 */
	int nheads;
	struct rule_ctx ctx;
};

static int
blank(const struct io_cell *c)
{
	for (size_t i = 0; i < c->len; i++)
		if (c->s[i] != ' ' && c->s[i] != '\t' && c->s[i] != '\r' && c->s[i] != '\n')
			return 0;
	return 1;
}

/* The header row: each cell a column, or not. */
static void
header(struct imp *im, const struct io_row *row)
{
	im->nheads = row->n;
	if ((im->colmap = calloc((size_t)row->n, sizeof(int))) == NULL)
		abort();
	for (int j = 0; j < row->n; j++) {
		const struct io_cell *c = &row->cells[j];
		char *h;
		int k;

		im->colmap[j] = -1;
		if (blank(c) || (h = strndup(c->s, c->len)) == NULL)
			continue;
		k = io_column_find(im->t, im->cols, im->ncols, h);
		CHECK(k >= -2 && k < im->ncols);
		/* Valid text is never refused as such (NUL bytes end it). */
		CHECK(k != -2 || !text_utf8_valid(h, strlen(h), 1));
		if (k >= 0) {
			char letter[8];

			/* The column's own name finds it too. */
			CHECK(io_column_find(im->t, im->cols, im->ncols, im->cols[k].name) == k);
			CHECK(strlen(io_col_letter(j, letter)) > 0);
			im->colmap[j] = k;
		}
		free(h);
	}
}

/* A row's cells as a record: fields converted, or NULL (each refusal said why). */
static struct record *
make_record(struct imp *im, const struct io_row *row)
{
	struct record *r = record_new(im->t);
	char msg[300];
	int bad = 0;

	for (int j = 0; j < im->nheads; j++) {
		const struct io_column *col;

		if (im->colmap[j] < 0 || (col = &im->cols[im->colmap[j]])->kind != IO_COL_VALUE)
			continue;
		if (j >= row->n || blank(&row->cells[j])) {
			io_empty_to_field(r, col->field);
			continue;
		}
		msg[0] = '\0';
		if (io_cell_to_field(r, col->field, row->cells[j].s, row->cells[j].len, msg,
		    sizeof(msg)) != 0) {
			CHECK(msg[0] != '\0');
			bad = 1;
		}
	}
	if (bad) {
		record_free(r);
		return NULL;
	}
	return r;
}

/* What an import checks of a row's record: validation in both modes, and
 * for a new record the type's rules, its derived fields and search text. */
static void
convert(struct imp *im, const struct io_row *row)
{
	for (int mode = VM_CREATE; mode <= VM_UPDATE; mode++) {
		struct record *r = make_record(im, row);
		struct verr ve = { 0 };

		if (r == NULL)
			return;
		if (record_validate(r, (enum vmode)mode, &ve) != 0) {
			CHECK(ve.code != VE_OK);
		} else {
			fuzz_record_clean(r);
			if (mode == VM_CREATE && im->t->rules && im->t->rules->check &&
			    im->t->rules->check(r, &im->ctx, &ve) == 0 && im->t->rules->derive)
				im->t->rules->derive(r, &im->ctx);
			if (mode == VM_CREATE)
				record_derive_search(r);
		}
		record_free(r);
	}
}

static int
on_row(void *arg, const struct io_row *row)
{
	struct imp *im = arg;

	if (im->colmap == NULL)
		header(im, row);
	else
		convert(im, row);
	return 0;
}

/* io_import_opts.problem: each says what and where. */
static void
on_problem(void *arg, const struct io_problem *p)
{
	CHECK(p->ve != NULL || (p->msg != NULL && p->msg[0] != '\0'));
	CHECK(p->line >= 0 && p->col >= 0);
	(*(int *)arg)++;
}

/* The whole import of the file (data, size), a dry run. */
static void
import_whole(enum io_type type, const uint8_t *data, size_t size, uint64_t h)
{
	static struct store *st;
	static struct scope district;
	static int fd = -1;
	struct io_import_opts o = { .type = type, .today = FUZZ_DB_TODAY, .dry_run = true,
	    .problem = on_problem, .file_name = "fuzz.csv" };
	struct io_counts n;
	int64_t g0, g1;
	int problems = 0, rc;

	if (st == NULL) {
		struct record *org = NULL;
		char err[256];

		FUZZ_DB_CHECK((st = store_open(fuzz_db_make(), err, sizeof(err))) != NULL);
		FUZZ_DB_CHECK(store_org_by_code(st, "TB.TT", &org) == ST_OK &&
		    store_scope_load(st, org->id, &district) == ST_OK);
		record_free(org);
		FUZZ_DB_CHECK((fd = memfd_create("fuzz_import", 0)) >= 0);
	}
	if (h & 64) {
		o.scope = &district;
		o.own_root_ro = true;
		o.actor = 1;
	}
	o.arg = &problems;
	CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size);
	CHECK(store_generation(st, &g0) == ST_OK);
	rc = io_import_fd(st, fd, &o, &n);
	CHECK(store_generation(st, &g1) == ST_OK && g0 == g1);
	CHECK((rc == 0 && problems == 0) || (rc == 1 && problems > 0));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imp im = { .ctx = { .today = FUZZ_DB_TODAY } };
	struct io_readerr e;
	uint64_t h = 0xcbf29ce484222325ULL;

	if (size < 1)
		return 0;
	im.t = io_type_rtype((enum io_type)(data[0] % IO_TYPE__MAX));
	im.ncols = io_columns(im.t, im.cols);
	io_csv_read((const char *)data + 1, size - 1, on_row, &im, &e);
	free(im.colmap);
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 0x100000001b3ULL;
	if (h % FULL_EVERY == 0)
		import_whole((enum io_type)(data[0] % IO_TYPE__MAX), data + 1, size - 1, h);
	return 0;
}
