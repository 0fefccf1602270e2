/*
 * fuzz_rows.h — what the table harnesses (fuzz_csv.c, fuzz_xlsx.c) check of
 * every row a reader hands over, as io.h promises it: at least one cell,
 * each NUL-terminated at its length.  (Not progress within the total: an
 * XLSX part may unzip to more than its header declares.)  Rows are
 * folded into a digest so that two readings of one input can be compared.
 * Header only, so each harness still builds from its one line.
 */
#ifndef LAMTHEO_FUZZ_ROWS_H
#define LAMTHEO_FUZZ_ROWS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"

#define FUZZ_CHECK(c)	do { if (!(c)) abort(); } while (0)

struct fuzz_rows {
	uint64_t digest;	/* FNV-1a over every row's line, cells and progress */
	int nrows;
	int last_line;
};

static inline void
fuzz_mix(struct fuzz_rows *g, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		g->digest = (g->digest ^ b[i]) * 0x100000001b3ULL;
}

/* io_row_fn: checks row and adds it to the digest of arg (a struct fuzz_rows). */
static inline int
fuzz_row(void *arg, const struct io_row *row)
{
	struct fuzz_rows *g = arg;

	FUZZ_CHECK(row->n >= 1 && row->n <= LIMIT_IMPORT_COLUMNS);
	fuzz_mix(g, &row->line, sizeof(row->line));
	fuzz_mix(g, &row->n, sizeof(row->n));
	fuzz_mix(g, &row->done, sizeof(row->done));
	for (int i = 0; i < row->n; i++) {
		const struct io_cell *c = &row->cells[i];

		FUZZ_CHECK(c->s != NULL && c->s[c->len] == '\0');
		FUZZ_CHECK(c->len <= LIMIT_IMPORT_ROW_BYTES);
		fuzz_mix(g, &c->len, sizeof(c->len));
		fuzz_mix(g, c->s, c->len);
	}
	g->nrows++;
	g->last_line = row->line;
	/* A cell "STOP" asks the reader to stop: the path of a caller that
	 * gives up on a file. */
	return row->cells[0].len == 4 && memcmp(row->cells[0].s, "STOP", 4) == 0 ? -1 : 0;
}

#endif
