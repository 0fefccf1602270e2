/*
 * io_csv.c — CSV files as spreadsheets write and read them, through libcsv
 * (no hand-written parser): reading with the line each row starts on, so
 * errors can name it, and writing UTF-8 with a BOM, which is what makes
 * Excel open Vietnamese text correctly.
 *
 * Line numbers.  libcsv reports fields and rows, not positions, so the
 * input is fed one physical line at a time: a row starts on the first line
 * after the previous row ended that is not blank (libcsv skips lines of
 * nothing but spaces, tabs and line ends outside a row, and so do we).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "io/io.h"

/* ---- reading ----------------------------------------------------------------- */

struct reader {
	io_row_fn fn;
	void *arg;
	struct io_readerr *e;
	/* The row being read: its fields' bytes, each NUL-terminated, in buf;
	 * field i at off[i], len[i] bytes. */
	char *buf;
	size_t used, cap;
	size_t *off, *len;
	struct io_cell *cells;
	size_t n, fcap;
	int line;		/* the line being fed (1-based) */
	int start;		/* the line the current row started on */
	int need_start;		/* the previous row ended: the next non-blank line starts one */
	size_t row_bytes;	/* bytes of the input fed since the row started */
	size_t done, total;
	int stop;		/* a limit was crossed or fn said stop */
};

static void fail(struct reader *rd, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fail(struct reader *rd, int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (rd->stop)
		return;
	rd->stop = 1;
	rd->e->line = line;
	rd->e->col = col;
	va_start(ap, fmt);
	vsnprintf(rd->e->msg, sizeof(rd->e->msg), fmt, ap);
	va_end(ap);
}

/* Room for need elements of size bytes in *p (capacity *cap).  Aborts on
 * OOM: everything here is bounded by the row limit. */
static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	if ((p = realloc(p, n * size)) == NULL)
		abort();
	*cap = n;
	return p;
}

/* libcsv: one field ended (NUL-terminated thanks to CSV_APPEND_NULL). */
static void
on_field(void *data, size_t len, void *arg)
{
	struct reader *rd = arg;

	if (rd->stop)
		return;
	if (rd->n == LIMIT_IMPORT_COLUMNS) {
		fail(rd, rd->start, (int)rd->n + 1, "more than %d cells in one row",
		    LIMIT_IMPORT_COLUMNS);
		return;
	}
	rd->buf = grow(rd->buf, &rd->cap, rd->used + len + 1, 1);
	if (len > 0)
		memcpy(rd->buf + rd->used, data, len);
	rd->buf[rd->used + len] = '\0';
	if (rd->n == rd->fcap) {
		size_t c1 = rd->fcap, c2 = rd->fcap, c3 = rd->fcap;

		rd->off = grow(rd->off, &c1, rd->n + 1, sizeof(*rd->off));
		rd->len = grow(rd->len, &c2, rd->n + 1, sizeof(*rd->len));
		rd->cells = grow(rd->cells, &c3, rd->n + 1, sizeof(*rd->cells));
		rd->fcap = c1;
	}
	rd->off[rd->n] = rd->used;
	rd->len[rd->n] = len;
	rd->used += len + 1;
	rd->n++;
}

/* libcsv: the row ended. */
static void
on_row(int c, void *arg)
{
	struct reader *rd = arg;
	struct io_row row;

	(void)c;
	rd->need_start = 1;
	rd->row_bytes = 0;
	if (!rd->stop && rd->n > 0) {
		for (size_t i = 0; i < rd->n; i++) {
			rd->cells[i].s = rd->buf + rd->off[i];
			rd->cells[i].len = rd->len[i];
		}
		row.line = rd->start;
		row.n = (int)rd->n;
		row.cells = rd->cells;
		row.done = rd->done;
		row.total = rd->total;
		if (rd->fn(rd->arg, &row) != 0) {
			rd->stop = 1;
			rd->e->line = rd->start;
			rd->e->msg[0] = '\0';
		}
	}
	rd->n = 0;
	rd->used = 0;
}

/* Only spaces, tabs and line ends: a line libcsv skips between rows. */
static int
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* ',' or ';': whichever the first physical line (outside quotes) holds
 * more of.  Only that line: it is all that is sure to be read when the
 * separator is chosen, and a cell quoted across lines must not make the
 * choice depend on how much of the file a read() returned. */
static unsigned char
detect_delim(const char *s, size_t len)
{
	size_t commas = 0, semis = 0;
	int quoted = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == '\n' || s[i] == '\r')
			break;
		else if (!quoted && s[i] == ',')
			commas++;
		else if (!quoted && s[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

/* Length of the physical line at s: through its "\n", "\r\n" or lone "\r". */
static size_t
line_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] != '\n' && s[i] != '\r')
		i++;
	if (i < len)
		i += s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	return i;
}

/* Where the bytes come from: a buffer given whole, or a file read a chunk
 * at a time into buf (then only a line or two is ever held). */
struct src {
	int fd;			/* -1: buf holds everything */
	char *buf;
	size_t len, pos, cap;
	size_t base;		/* bytes of the input before buf[0] */
	int eof;
};

/* Keeps the unread tail of s and reads more after it.  0, or -1 with *e. */
static int
refill(struct reader *rd, struct src *s)
{
	ssize_t got;

	if (s->pos > 0) {
		memmove(s->buf, s->buf + s->pos, s->len - s->pos);
		s->base += s->pos;
		s->len -= s->pos;
		s->pos = 0;
	}
	if (s->len > LIMIT_IMPORT_ROW_BYTES) {
		fail(rd, rd->line + 1, 0, "line longer than %d bytes", LIMIT_IMPORT_ROW_BYTES);
		return -1;
	}
	do
		got = read(s->fd, s->buf + s->len, s->cap - s->len);
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		fail(rd, 0, 0, "reading the file: %s", strerror(errno));
		return -1;
	}
	if (got == 0)
		s->eof = 1;
	s->len += (size_t)got;
	return 0;
}

/* Feeds the input to libcsv one physical line at a time. */
static int
run(struct reader *rd, struct src *s)
{
	struct csv_parser p;
	int first = 1;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		snprintf(rd->e->msg, sizeof(rd->e->msg), "cannot start the CSV parser");
		return -1;
	}
	while (!rd->stop) {
		size_t i = s->pos, n;

		while (i < s->len && s->buf[i] != '\n' && s->buf[i] != '\r')
			i++;
		/* A line (or a "\r\n") that may go on past what was read. */
		if (!s->eof && (i == s->len || (s->buf[i] == '\r' && i + 1 == s->len))) {
			if (refill(rd, s) != 0)
				break;
			continue;
		}
		if (first) {
			/* The first line is whole in buf: skip a BOM, then look at
			 * its separators. */
			first = 0;
			if (s->len - s->pos >= 3 && memcmp(s->buf + s->pos, "\xEF\xBB\xBF", 3) == 0)
				s->pos += 3;
			csv_set_delim(&p, detect_delim(s->buf + s->pos, s->len - s->pos));
		}
		if (s->pos == s->len)
			break;
		n = line_len(s->buf + s->pos, s->len - s->pos);
		rd->line++;
		if (rd->need_start && !blank(s->buf + s->pos, n)) {
			rd->start = rd->line;
			rd->need_start = 0;
		}
		rd->row_bytes += n;
		if (rd->row_bytes > LIMIT_IMPORT_ROW_BYTES) {
			fail(rd, rd->start, 0, "row longer than %d bytes", LIMIT_IMPORT_ROW_BYTES);
			break;
		}
		rd->done = s->base + s->pos + n;
		if (csv_parse(&p, s->buf + s->pos, n, on_field, on_row, rd) != n && !rd->stop)
			fail(rd, rd->line, 0, "malformed CSV: %s (a quote inside a field that "
			    "does not start with one, or text after a closing quote)",
			    csv_strerror(csv_error(&p)));
		s->pos += n;
	}
	if (!rd->stop && csv_fini(&p, on_field, on_row, rd) != 0)
		fail(rd, rd->start, 0, "malformed CSV: a quoted field is not closed");
	csv_free(&p);
	free(rd->buf);
	free(rd->off);
	free(rd->len);
	free(rd->cells);
	return rd->stop ? -1 : 0;
}

int
io_csv_read(const char *buf, size_t len, io_row_fn fn, void *arg, struct io_readerr *e)
{
	struct reader rd = { .fn = fn, .arg = arg, .e = e, .need_start = 1, .total = len };
	struct src s = { .fd = -1, .buf = (char *)buf, .len = len, .eof = 1 };

	memset(e, 0, sizeof(*e));
	return run(&rd, &s);
}

int
io_csv_read_fd(int fd, size_t total, io_row_fn fn, void *arg, struct io_readerr *e)
{
	struct reader rd = { .fn = fn, .arg = arg, .e = e, .need_start = 1, .total = total };
	struct src s = { .fd = fd, .cap = 2 * LIMIT_IMPORT_ROW_BYTES + 64 * 1024 };
	int rc;

	memset(e, 0, sizeof(*e));
	if ((s.buf = malloc(s.cap)) == NULL)
		abort();
	rc = run(&rd, &s);
	free(s.buf);
	return rc;
}

/* ---- writing ----------------------------------------------------------------- */

struct csv_sheet {
	struct io_sheet base;
	FILE *f;
	int col;		/* cells written in the current row */
	int err;		/* errno of the first failed write */
};

static void
cell(struct io_sheet *s, const char *text, int guard)
{
	struct csv_sheet *c = (struct csv_sheet *)s;

	if (c->col++ > 0 && fputc(',', c->f) == EOF && !c->err)
		c->err = errno;
	if (text == NULL)
		return;
	/* A spreadsheet runs "=…" (and + - @) as a formula: keep it text. */
	if (guard && text[0] != '\0' && strchr("=+-@", text[0]) != NULL) {
		size_t n = strlen(text);
		char *q = malloc(n + 2);

		if (q == NULL)
			abort();
		q[0] = '\'';
		memcpy(q + 1, text, n + 1);
		if (csv_fwrite(c->f, q, n + 1) != 0 && !c->err)
			c->err = errno;
		free(q);
		return;
	}
	if (csv_fwrite(c->f, text, strlen(text)) != 0 && !c->err)
		c->err = errno;
}

static void
csv_head(struct io_sheet *s, const char *text)
{
	cell(s, text, 0);
}

static void
csv_text(struct io_sheet *s, const char *text)
{
	cell(s, text, 1);
}

static void
csv_number(struct io_sheet *s, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	cell(s, buf, 0);
}

static void
csv_date(struct io_sheet *s, const char *iso)
{
	cell(s, iso, 0);
}

static void
csv_empty(struct io_sheet *s)
{
	cell(s, NULL, 0);
}

static void
csv_end_row(struct io_sheet *s)
{
	struct csv_sheet *c = (struct csv_sheet *)s;

	if (fputs("\r\n", c->f) == EOF && !c->err)
		c->err = errno;
	c->col = 0;
}

static int
csv_close(struct io_sheet *s, char *err, size_t errlen)
{
	struct csv_sheet *c = (struct csv_sheet *)s;
	int rc = 0;

	if (fflush(c->f) != 0 && !c->err)
		c->err = errno;
	if (fclose(c->f) != 0 && !c->err)
		c->err = errno;
	if (c->err) {
		snprintf(err, errlen, "writing CSV: %s", strerror(c->err));
		rc = -1;
	}
	free(c);
	return rc;
}

static const struct io_sheet_ops csv_ops = {
	csv_head, csv_text, csv_number, csv_date, csv_empty, csv_end_row, csv_close,
};

struct io_sheet *
io_csv_sheet_new(const char *path, char *err, size_t errlen)
{
	struct csv_sheet *c = calloc(1, sizeof(*c));

	if (c == NULL)
		abort();
	c->base.ops = &csv_ops;
	if ((c->f = fopen(path, "wb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(c);
		return NULL;
	}
	if (fputs("\xEF\xBB\xBF", c->f) == EOF)
		c->err = errno;
	return &c->base;
}
