/*
 * io.h — bulk import and export of records as CSV and XLSX files
 * (`lamtheo import`, `lamtheo export`).
 *
 * The layer sits above core and store, like src/demo: it reads tables
 * (io_csv.c with libcsv, io_xlsx_read.c with libzip + expat), maps their
 * columns to a record type's fields (io_columns.c: JSON names or labels,
 * references by code), converts and validates every row as the API would
 * and writes them in one transaction (io_import.c), and writes the same
 * columns back out (io_export.c through io_csv.c or io_xlsx_write.c with
 * libxlsxwriter).  It prints nothing: problems, progress and the audit of
 * each change go through the caller's callbacks (src/cmd/cmd_import.c).
 */
#ifndef LAMTHEO_IO_H
#define LAMTHEO_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

struct store;

/* ---- what can be imported and exported ------------------------------------- */

enum io_type { IO_ORGS, IO_PEOPLE, IO_PLEDGES, IO_EVALUATIONS, IO_ACTIVITIES, IO_TYPE__MAX };

/* "orgs", "people", … (the --type values), NULL-terminated. */
extern const char *const io_type_names[IO_TYPE__MAX + 1];

/* The record type of an import type. */
const struct rtype *io_type_rtype(enum io_type t);

/* ---- io_csv.c, io_xlsx_read.c: tables read from a file ------------------ */

struct io_cell {
	const char *s;		/* NUL-terminated (a NUL byte before len is kept) */
	size_t len;
};

struct io_row {
	int line;		/* CSV: the line the row starts on; XLSX: its row number */
	int n;			/* number of cells, >= 1 */
	const struct io_cell *cells;
	size_t done, total;	/* bytes of the input read so far, and in all */
};

/* Called for each row that is not blank.  The cells are valid until it
 * returns.  Returns 0 to go on, -1 to stop reading. */
typedef int (*io_row_fn)(void *arg, const struct io_row *row);

/* Why reading stopped: where (0 when unknown) and what; msg is "" when the
 * callback asked to stop. */
struct io_readerr {
	int line, col;
	char msg[240];
};

/*
 * Reads CSV as Excel and LibreOffice write it: UTF-8 with or without a BOM,
 * fields separated by ',' or ';' (whichever the first line uses more),
 * quoted fields with "" for a quote and line breaks inside, CRLF or LF.
 * Blank lines are skipped.  0, or -1 with *e: malformed quoting, a row over
 * LIMIT_IMPORT_ROW_BYTES or LIMIT_IMPORT_COLUMNS, or fn returned -1.
 */
int io_csv_read(const char *buf, size_t len, io_row_fn fn, void *arg, struct io_readerr *e);

/* The same from the file open at fd, read from where it stands a chunk at
 * a time (memory stays at a few rows whatever the file's size); total is
 * its size for progress (0 when unknown). */
int io_csv_read_fd(int fd, size_t total, io_row_fn fn, void *arg, struct io_readerr *e);

/*
 * Reads the first worksheet of an XLSX file in buf: shared and inline
 * strings, numbers (whole numbers without ".0"), booleans as 1/0, and
 * numbers in date-formatted cells as ISO dates.  Formulas give their cached
 * value.  0, or -1 with *e (not an XLSX file, a part over
 * LIMIT_IMPORT_XML_BYTES, a row over the limits, or fn returned -1).
 */
int io_xlsx_read(const void *buf, size_t len, io_row_fn fn, void *arg, struct io_readerr *e);

/* ---- io_csv.c, io_xlsx_write.c: tables written to a file ---------------- */

enum io_format { IO_CSV, IO_XLSX, IO_FORMAT__MAX };

/* "csv", "xlsx", NULL-terminated. */
extern const char *const io_format_names[IO_FORMAT__MAX + 1];

struct io_sheet;

/* A table being written, row by row, cell by cell.  Errors are kept and
 * reported by close, which also frees the sheet. */
struct io_sheet_ops {
	void (*head)(struct io_sheet *s, const char *text);	/* a header cell */
	void (*text)(struct io_sheet *s, const char *text);
	void (*number)(struct io_sheet *s, int64_t v);
	void (*date)(struct io_sheet *s, const char *iso);	/* "YYYY-MM-DD" */
	void (*empty)(struct io_sheet *s);
	void (*end_row)(struct io_sheet *s);
	/* Finishes the file: 0, or -1 with a message in err. */
	int (*close)(struct io_sheet *s, char *err, size_t errlen);
};

struct io_sheet {
	const struct io_sheet_ops *ops;
};

/* A CSV file at path: UTF-8 with a BOM, ',' between fields, CRLF after each
 * row, fields quoted (so Excel opens Vietnamese text correctly).  Text that
 * a spreadsheet would run as a formula (= + - @ first) gets a leading "'",
 * which io_csv_read's callers drop again (io_cell_to_field).  NULL with a
 * message in err. */
struct io_sheet *io_csv_sheet_new(const char *path, char *err, size_t errlen);

/* An XLSX file at path with one worksheet named title: a bold, frozen
 * header row, numbers as numbers and dates as date cells.  NULL with a
 * message in err. */
struct io_sheet *io_xlsx_sheet_new(const char *path, const char *title, char *err,
    size_t errlen);

/* ---- io_columns.c: the columns of a file -------------------------------- */

enum io_colkind {
	IO_COL_VALUE,		/* the field's own value */
	IO_COL_ORG_CODE,	/* a unit, given by its code */
	IO_COL_PERSON_CODE,	/* a person, given by his or her code */
};

#define IO_COLUMNS_MAX 40

struct io_column {
	char name[48];		/* the header: the JSON name, or "org_code" for "org_id" */
	int field;		/* index in the type's fields */
	enum io_colkind kind;
};

/* The columns of type t, in the order of its description: every field a
 * client may set (not read-only, hidden or secret); units and people by
 * code.  Fills cols (IO_COLUMNS_MAX) and returns their number. */
int io_columns(const struct rtype *t, struct io_column *cols);

/* The column a header names — its name, or the field's Vietnamese or
 * English label, compared without accents, case or punctuation
 * ("Họ và tên", "HO VA TEN", "full name").  Its index, -1 when none, -2
 * when the header is not valid UTF-8. */
int io_column_find(const struct rtype *t, const struct io_column *cols, int n,
    const char *header);

/*
 * Sets field f of r from the text of a cell (not empty): integers, booleans
 * (1/0, true/false, có/không, x), dates (yyyy-mm-dd or dd/mm/yyyy) and text
 * as is (a "'" before = + - @ dropped).  Bounds, enums and text are checked
 * later by record_validate.  0, or -1 with a message in msg.
 */
int io_cell_to_field(struct record *r, int f, const char *s, size_t len, char *msg,
    size_t cap);

/* An empty cell for field f of r: null where the field may be null, false
 * for a boolean, else left absent (unchanged, or the default). */
void io_empty_to_field(struct record *r, int f);

/* "A", "B", … "AA" for the column index col (0-based), into buf[8]. */
char *io_col_letter(int col, char buf[8]);

/* ---- io_import.c --------------------------------------------------------- */

/* Something wrong with the file or one of its rows. */
struct io_problem {
	int line;		/* 0: the file as a whole */
	int col;		/* 1-based column, 0: the row as a whole */
	const char *header;	/* the column's header text, or NULL */
	const struct rtype *t;	/* the record type (for field labels) */
	const struct verr *ve;	/* a validation error, worded by the caller … */
	const char *msg;	/* … or this message (when ve is NULL) */
};

enum io_phase { IO_CHECKING, IO_WRITING };

struct io_counts {
	size_t created, updated, unchanged;
	size_t bad;		/* rows refused */
};

struct io_import_opts {
	enum io_type type;
	const char *today;	/* ISO date, for the rules */
	bool dry_run;		/* everything but the commit */
	int64_t actor;		/* the account importing (0: the system, the command line) */
	const char *who;	/* who, in words, for the audit row (NULL: none) */
	const char *file_name;	/* the file's name, for the audit row */
	/* Only units and people inside this scope may be named or changed;
	 * NULL: everywhere (the command line). */
	const struct scope *scope;
	bool own_root_ro;	/* orgs: the scope's own root may not be changed (staff) */
	int64_t org_id;		/* the unit the audit row is filed under (0: none) */
	bool en;		/* the problems in English (else Vietnamese) */
	void *arg;		/* handed to the callbacks */
	/* Each problem, as soon as it is found. */
	void (*problem)(void *arg, const struct io_problem *p);
	/* Rows handled in a phase, and bytes of the file read of total.  May be NULL. */
	void (*progress)(void *arg, enum io_phase ph, size_t rows, size_t done, size_t total);
	/* The audit row of record id of type t just changed (before: the
	 * record as it was), in the import's transaction: ST_OK or a store
	 * error.  May be NULL.  Creations are not audited one by one: the
	 * import's own audit row names the range of ids it created. */
	int (*audit)(void *arg, struct store *st, const struct rtype *t, int64_t id,
	    const char *action, const struct record *before);
};

/*
 * Imports the CSV or XLSX file at path (told apart by its content) into
 * records of opts->type, matched by their keys (io_import.c says which), in
 * two passes over the file inside one transaction: every row is converted
 * and checked as the API checks a request, and only when none was refused
 * are the rows written (created, or the changed fields updated), stamped as
 * the system (actor 0).  A dry run rolls the writes back.
 * Returns 0 (counts in *c), 1 when rows or the file were refused (each
 * problem reported; nothing written), or -1 on another failure (reported).
 */
int io_import_file(struct store *st, const char *path, const struct io_import_opts *o,
    struct io_counts *c);

/* The same for the regular file open at fd (read from its start, twice). */
int io_import_fd(struct store *st, int fd, const struct io_import_opts *o,
    struct io_counts *c);

/* ---- io_export.c --------------------------------------------------------- */

struct io_export_opts {
	enum io_type type;
	enum io_format format;
	const char *org_code;	/* only this unit's subtree; NULL: every unit */
	int year;		/* only this year (types with a year); 0: all */
};

/*
 * Writes every live record of o->type (in the subtree, of the year) to a
 * new file at path, in the columns io_import_file reads: JSON names as
 * headers, codes for references, ISO dates.  The file appears whole or not
 * at all (written beside it, then renamed).  0 with the number of rows in
 * *rows, or -1 with a message in err.
 */
int io_export_file(struct store *st, const struct io_export_opts *o, const char *path,
    size_t *rows, char *err, size_t errlen);

#endif
