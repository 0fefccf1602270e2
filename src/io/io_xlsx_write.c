/*
 * io_xlsx_write.c — a table as an XLSX file with libxlsxwriter: one
 * worksheet, a bold frozen header row, numbers as numbers and dates as date
 * cells shown yyyy-mm-dd (io_xlsx_read.c reads them back as the same ISO
 * dates).  Rows stream to disk (constant_memory), so an export of the
 * whole tree does not hold the sheet in memory; strings are then written
 * inline, which the reader handles too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "io/io.h"

struct xlsx_sheet {
	struct io_sheet base;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date;
	lxw_row_t row;
	lxw_col_t col;
	lxw_error err;		/* the first error */
};

static void
keep(struct xlsx_sheet *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

static void
xlsx_head(struct io_sheet *s, const char *text)
{
	struct xlsx_sheet *x = (struct xlsx_sheet *)s;
	size_t w = strlen(text) + 4;

	keep(x, worksheet_set_column(x->ws, x->col, x->col, w < 12 ? 12 : w > 40 ? 40 : (double)w,
	    NULL));
	keep(x, worksheet_write_string(x->ws, x->row, x->col++, text, x->bold));
}

static void
xlsx_text(struct io_sheet *s, const char *text)
{
	struct xlsx_sheet *x = (struct xlsx_sheet *)s;

	keep(x, worksheet_write_string(x->ws, x->row, x->col++, text, NULL));
}

static void
xlsx_number(struct io_sheet *s, int64_t v)
{
	struct xlsx_sheet *x = (struct xlsx_sheet *)s;

	keep(x, worksheet_write_number(x->ws, x->row, x->col++, (double)v, NULL));
}

static void
xlsx_date(struct io_sheet *s, const char *iso)
{
	struct xlsx_sheet *x = (struct xlsx_sheet *)s;
	struct date d;
	lxw_datetime dt = { 0 };

	if (date_parse(iso, &d) != 0) {
		xlsx_text(s, iso);
		return;
	}
	dt.year = d.y;
	dt.month = d.m;
	dt.day = d.d;
	keep(x, worksheet_write_datetime(x->ws, x->row, x->col++, &dt, x->date));
}

static void
xlsx_empty(struct io_sheet *s)
{
	((struct xlsx_sheet *)s)->col++;
}

static void
xlsx_end_row(struct io_sheet *s)
{
	struct xlsx_sheet *x = (struct xlsx_sheet *)s;

	x->row++;
	x->col = 0;
}

static int
xlsx_close(struct io_sheet *s, char *err, size_t errlen)
{
	struct xlsx_sheet *x = (struct xlsx_sheet *)s;
	lxw_error e = workbook_close(x->wb);
	int rc = 0;

	keep(x, e);
	if (x->err != LXW_NO_ERROR) {
		snprintf(err, errlen, "writing XLSX: %s", lxw_strerror(x->err));
		rc = -1;
	}
	free(x);
	return rc;
}

static const struct io_sheet_ops xlsx_ops = {
	xlsx_head, xlsx_text, xlsx_number, xlsx_date, xlsx_empty, xlsx_end_row, xlsx_close,
};

struct io_sheet *
io_xlsx_sheet_new(const char *path, const char *title, char *err, size_t errlen)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL,
	    .use_zip64 = LXW_FALSE };
	struct xlsx_sheet *x = calloc(1, sizeof(*x));

	if (x == NULL)
		abort();
	x->base.ops = &xlsx_ops;
	if ((x->wb = workbook_new_opt(path, &opt)) == NULL ||
	    (x->ws = workbook_add_worksheet(x->wb, title)) == NULL) {
		snprintf(err, errlen, "%s: cannot create the XLSX file", path);
		if (x->wb != NULL)
			workbook_close(x->wb);
		free(x);
		return NULL;
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	worksheet_freeze_panes(x->ws, 1, 0);
	return &x->base;
}
