/*
 * test_io.c — the CSV and XLSX readers of src/io/: BOM, ';', quotes,
 * line breaks inside quotes, CRLF, where a row starts, malformed input
 * with its line, a streamed file read in chunks, and an XLSX written by
 * io_xlsx_write read back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/io.h"

/* The rows read, as "line|cell|cell\n". */
struct got {
	char text[8192];
	size_t len;
	int rows;
};

static int
collect(void *arg, const struct io_row *row)
{
	struct got *g = arg;

	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "%d", row->line);
	for (int i = 0; i < row->n; i++)
		g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "|%.*s",
		    (int)row->cells[i].len, row->cells[i].s);
	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "\n");
	g->rows++;
	return 0;
}

static const char *
read_csv(const char *in, int *rc, struct io_readerr *e)
{
	static struct got g;

	memset(&g, 0, sizeof(g));
	*rc = io_csv_read(in, strlen(in), collect, &g, e);
	return g.text;
}

static void
test_bom_comma_lf(void **state)
{
	struct io_readerr e;
	int rc;

	(void)state;
	assert_string_equal(read_csv("\xEF\xBB\xBF" "code,name\nA1,Nguyễn Văn A\n", &rc, &e),
	    "1|code|name\n2|A1|Nguyễn Văn A\n");
	assert_int_equal(rc, 0);
	/* no BOM, no final line end */
	assert_string_equal(read_csv("a,b\n1,2", &rc, &e), "1|a|b\n2|1|2\n");
	assert_int_equal(rc, 0);
}

static void
test_semicolon_crlf_quotes(void **state)
{
	struct io_readerr e;
	int rc;

	(void)state;
	assert_string_equal(read_csv("a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";1,5\r\n", &rc, &e),
	    "1|a|b|c\n2|x;y|say \"hi\"|1,5\n");
	assert_int_equal(rc, 0);
	/* more commas than semicolons in the first line: ',' */
	assert_string_equal(read_csv("a,b,\"c;d\"\r\n1,2,3\r\n", &rc, &e),
	    "1|a|b|c;d\n2|1|2|3\n");
}

static void
test_embedded_newlines_and_blank_lines(void **state)
{
	struct io_readerr e;
	int rc;

	(void)state;
	/* the row after a quoted line break starts on line 4; blank lines skipped */
	assert_string_equal(read_csv("h1,h2\r\n\"two\r\nlines\",x\r\n\r\nnext,y\r\n", &rc, &e),
	    "1|h1|h2\n2|two\r\nlines|x\n5|next|y\n");
	assert_int_equal(rc, 0);
	/* empty cells */
	assert_string_equal(read_csv("a,b,c\n,,\n", &rc, &e), "1|a|b|c\n2|||\n");
}

static void
test_malformed(void **state)
{
	struct io_readerr e;
	int rc;

	(void)state;
	/* a quote never closed: reported at the line its row starts on */
	read_csv("a,b\n1,2\n\"open,3\nmore\n", &rc, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.line, 3);
	assert_non_null(strstr(e.msg, "not closed"));
	/* text after a closing quote */
	read_csv("a,b\n\"x\"y,2\n", &rc, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.line, 2);
	assert_non_null(strstr(e.msg, "malformed"));
}

static void
test_bad_utf8_is_passed_on(void **state)
{
	struct io_readerr e;
	int rc;

	(void)state;
	/* The reader hands bytes on; the import refuses them with line and
	 * column (tests/api/test_import.py).  Here: the row and cell are right. */
	assert_string_equal(read_csv("a,b\nok,Tr\xe1n\n", &rc, &e), "1|a|b\n2|ok|Tr\xe1n\n");
	assert_int_equal(rc, 0);
}

/* A row-stopping callback: the reader stops with an empty message. */
static int
stop_at_2(void *arg, const struct io_row *row)
{
	(void)arg;
	return row->line == 2 ? -1 : 0;
}

static void
test_callback_stops(void **state)
{
	struct io_readerr e;
	const char *in = "a\nb\nc\n";

	(void)state;
	assert_int_equal(io_csv_read(in, strlen(in), stop_at_2, NULL, &e), -1);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.msg, "");
}

static int
count(void *arg, const struct io_row *row)
{
	int *n = arg;

	/* every row: its line and its two cells, the second over two lines */
	if (row->n != 2 || (row->line > 1 && (row->line % 2 != 0 ||
	    memchr(row->cells[1].s, '\n', row->cells[1].len) == NULL)))
		return -1;
	(*n)++;
	return 0;
}

/* A file bigger than the reader's buffer, with rows across chunk edges. */
static void
test_streamed_file(void **state)
{
	char path[] = "/tmp/test_io_XXXXXX";
	int fd = mkstemp(path), rc;
	struct io_readerr e;
	FILE *f;
	int n = 200000, rows = 0;

	(void)state;
	assert_true(fd >= 0);
	unlink(path);
	f = fdopen(dup(fd), "w");
	fputs("\xEF\xBB\xBF" "code;note\r\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f, "C%06d;\"row %d\r\nsecond line; with \"\"quotes\"\"\"\r\n", i, i);
	fclose(f);
	lseek(fd, 0, SEEK_SET);
	rc = io_csv_read_fd(fd, 0, count, &rows, &e);
	if (rc != 0)
		print_message("line %d: %s (rows %d)\n", e.line, e.msg, rows);
	assert_int_equal(rc, 0);
	assert_int_equal(rows, n + 1);
	close(fd);
}

static void
test_xlsx_round_trip(void **state)
{
	char path[] = "/tmp/test_io_XXXXXX.xlsx", err[256];
	struct io_sheet *s;
	struct io_readerr e;
	struct got g = { 0 };
	FILE *f;
	char *buf;
	long len;
	int fd = mkstemps(path, 5);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	s = io_xlsx_sheet_new(path, "Người", err, sizeof(err));
	assert_non_null(s);
	s->ops->head(s, "code");
	s->ops->head(s, "full_name");
	s->ops->head(s, "birth_year");
	s->ops->head(s, "party_joined");
	s->ops->end_row(s);
	s->ops->text(s, "DV1");
	s->ops->text(s, "Đỗ Thị \"Hà\" <&>");
	s->ops->number(s, 1980);
	s->ops->date(s, "2005-03-26");
	s->ops->end_row(s);
	s->ops->text(s, "DV2");
	s->ops->empty(s);
	s->ops->empty(s);
	s->ops->text(s, "=1+1");
	s->ops->end_row(s);
	assert_int_equal(s->ops->close(s, err, sizeof(err)), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	unlink(path);
	assert_int_equal(io_xlsx_read(buf, (size_t)len, collect, &g, &e), 0);
	assert_string_equal(g.text, "1|code|full_name|birth_year|party_joined\n"
	    "2|DV1|Đỗ Thị \"Hà\" <&>|1980|2005-03-26\n"
	    "3|DV2|||=1+1\n");
	/* not a spreadsheet */
	assert_int_equal(io_xlsx_read("PK\x03\x04junk", 8, collect, &g, &e), -1);
	assert_true(e.msg[0] != '\0');
	free(buf);
}

static void
test_col_letter(void **state)
{
	char b[8];

	(void)state;
	assert_string_equal(io_col_letter(0, b), "A");
	assert_string_equal(io_col_letter(25, b), "Z");
	assert_string_equal(io_col_letter(26, b), "AA");
	assert_string_equal(io_col_letter(701, b), "ZZ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_comma_lf),
		cmocka_unit_test(test_semicolon_crlf_quotes),
		cmocka_unit_test(test_embedded_newlines_and_blank_lines),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_bad_utf8_is_passed_on),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_streamed_file),
		cmocka_unit_test(test_xlsx_round_trip),
		cmocka_unit_test(test_col_letter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
