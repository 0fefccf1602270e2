/*
 * cmd_io.c — `lamtheo import` and `lamtheo export`: the command-line side of
 * src/io/.  Problems are printed as compilers print them, "FILE:LINE:COL:
 * reason", so an editor can jump to them; a progress bar is drawn on
 * standard error only when it is a terminal.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "api/api.h"
#include "cmd/cmd.h"
#include "io/io.h"
#include "store/store.h"
#include "text/text.h"

static const char import_usage[] =
    "Usage: lamtheo import --db PATH --type TYPE [--dry-run] FILE\n\n"
    "Imports the rows of FILE (CSV: UTF-8 with or without a BOM, ',' or ';',\n"
    "quoted fields; or XLSX: the first sheet) as records of TYPE: orgs, people,\n"
    "pledges, evaluations or activities.  The first row names the columns\n"
    "(docs/import.md).  Rows are matched by their code (or key), so importing a\n"
    "file again changes nothing.  Every row is checked first; when any is\n"
    "refused, each problem is printed as FILE:LINE:COL: reason and nothing is\n"
    "written.  --dry-run checks and counts without writing.\n\n"
    "Exit status: 0 imported (or would be, with --dry-run), 1 rows or the file\n"
    "refused (nothing written), 2 bad usage, 3 database failure.";

static const char export_usage[] =
    "Usage: lamtheo export --db PATH --type TYPE [--format csv|xlsx] [--org CODE]\n"
    "                      [--year YYYY] FILE\n\n"
    "Writes every record of TYPE (orgs, people, pledges, evaluations,\n"
    "activities) — of the unit CODE and everything under it, of year YYYY — to\n"
    "FILE in the columns `lamtheo import` reads, so a file exported, edited in a\n"
    "spreadsheet and imported again changes only what was edited.  The format\n"
    "defaults to the file's extension (csv otherwise).";

struct run {
	const char *file;
	const struct rtype *t;
	int tty;
	struct timespec last;
	int drawn;
	size_t problems;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
clear_bar(struct run *r)
{
	if (r->drawn) {
		fputs("\r\033[K", stderr);
		r->drawn = 0;
	}
}

static void
on_problem(void *arg, const struct io_problem *p)
{
	struct run *r = arg;
	char msg[512];
	const char *text = p->msg;

	clear_bar(r);
	if (p->ve != NULL)
		text = api_verr_message(p->ve, p->t, true, msg, sizeof(msg));
	if (p->line > 0)
		fprintf(stderr, "%s:%d:%d: %s%s%s%s\n", r->file, p->line, p->col, text,
		    p->header ? " (column “" : "", p->header ? p->header : "",
		    p->header ? "”)" : "");
	else
		fprintf(stderr, "%s: %s\n", r->file, text);
	r->problems++;
}

static void
on_progress(void *arg, enum io_phase ph, size_t rows, size_t done, size_t total)
{
	static double last;
	struct run *r = arg;
	double t, frac;
	char n[32];
	int w = 30, fill;

	if (!r->tty || (rows % 1024 != 0 && done < total))
		return;
	t = now_s();
	if (t - last < 0.1 && done < total)
		return;
	last = t;
	frac = total ? (double)done / (double)total : 0;
	/* Checking is the first half of the bar, writing the second. */
	frac = ph == IO_CHECKING ? frac / 2 : 0.5 + frac / 2;
	fill = (int)(frac * w);
	text_fmt_int((int64_t)rows, n, sizeof(n));
	fprintf(stderr, "\r[%.*s%.*s] %3d%% %s %s rows", fill,
	    "##############################", w - fill, "..............................",
	    (int)(frac * 100), ph == IO_CHECKING ? "checking" : "writing ", n);
	r->drawn = 1;
}

/* Changed records are audited one by one, as the API audits them. */
static int
on_audit(void *arg, struct store *st, const struct rtype *t, int64_t id, const char *action,
    const struct record *before)
{
	struct record *after = NULL;
	json_t *b = NULL, *a = NULL;
	char *bs = NULL, *as = NULL;
	int rc;

	(void)arg;
	if ((rc = store_get(st, t->id, id, &after)) != ST_OK)
		return rc;
	b = api_record_json(before);
	a = api_record_json(after);
	bs = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
	as = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS);
	rc = bs && as ? store_audit_add(st, t, id, 0, action, bs, as) : ST_ERROR;
	free(bs);
	free(as);
	json_decref(b);
	json_decref(a);
	record_free(after);
	return rc;
}

static int
type_of(const char *what, const char *name, enum io_type *t)
{
	int i = name ? enum_index(io_type_names, name) : -1;

	if (i < 0) {
		fprintf(stderr, "lamtheo: %s: --type must be one of orgs, people, pledges, "
		    "evaluations, activities\n", what);
		return -1;
	}
	*t = (enum io_type)i;
	return 0;
}

static void
today_iso(char buf[11])
{
	struct date d;

	date_from_unix_vn((int64_t)time(NULL), &d);
	date_format(&d, buf);
}

static struct store *
open_db(const char *what, const char *db)
{
	char err[512];
	struct store *st;

	if ((st = store_open(db, err, sizeof(err))) == NULL) {
		cmd_fail(what, "%s", err);
		return NULL;
	}
	if (store_migrate(st, NULL) != ST_OK) {
		cmd_fail(what, "%s: %s", db, store_errmsg(st));
		store_close(st);
		return NULL;
	}
	return st;
}

int
cmd_import(int argc, char **argv)
{
	const char *db = NULL, *type = NULL, *dry = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "database file (required)", &db },
		{ "type", "TYPE", "orgs, people, pledges, evaluations or activities", &type },
		{ "dry-run", NULL, "check and count, write nothing", &dry },
		{ NULL, NULL, NULL, NULL },
	};
	struct io_import_opts o = { 0 };
	struct io_counts c;
	struct run r = { 0 };
	struct passwd *pw;
	char today[11], who[128], n1[32], n2[32], n3[32];
	struct store *st;
	double t0;
	const char *file;
	int i, rc;

	/* Options may come after FILE too. */
	file = NULL;
	for (i = cmd_parse(argc, argv, 2, import_usage, opts); i < argc;
	    i = cmd_parse(argc, argv, i + 1, import_usage, opts)) {
		if (file != NULL) {
			file = NULL;
			break;
		}
		file = argv[i];
	}
	if (file == NULL) {
		fprintf(stderr, "lamtheo: import: one FILE is needed (see --help)\n");
		return 2;
	}
	if (db == NULL) {
		fprintf(stderr, "lamtheo: import: --db PATH is required\n");
		return 2;
	}
	if (type_of("import", type, &o.type) != 0)
		return 2;
	r.file = file;
	r.t = io_type_rtype(o.type);
	r.tty = isatty(STDERR_FILENO);
	if ((st = open_db("import", db)) == NULL)
		return 3;
	today_iso(today);
	pw = getpwuid(getuid());
	snprintf(who, sizeof(who), "lamtheo import (%s)", pw ? pw->pw_name : "?");
	o.today = today;
	o.dry_run = dry != NULL;
	o.who = who;
	o.file_name = r.file;
	o.en = true;		/* the command line speaks English, as its validation messages */
	o.arg = &r;
	o.problem = on_problem;
	o.progress = on_progress;
	o.audit = on_audit;
	t0 = now_s();
	rc = io_import_file(st, r.file, &o, &c);
	clear_bar(&r);
	if (rc == 0) {
		double dt = now_s() - t0;
		size_t rows = c.created + c.updated + c.unchanged;

		text_fmt_int((int64_t)c.created, n1, sizeof(n1));
		text_fmt_int((int64_t)c.updated, n2, sizeof(n2));
		text_fmt_int((int64_t)c.unchanged, n3, sizeof(n3));
		printf("%s: %s%s created, %s updated, %s unchanged (%zu rows in %.1f s, "
		    "%.0f rows/s)\n", r.file, o.dry_run ? "dry run, nothing written: " : "",
		    n1, n2, n3, rows, dt, dt > 0 ? (double)rows / dt : 0.0);
	} else if (rc == 1) {
		fprintf(stderr, "%s: %zu problem%s%s; nothing written\n", r.file, r.problems,
		    r.problems == 1 ? "" : "s", c.bad ? "" : "");
	}
	store_close(st);
	text_collate_cleanup();
	return rc == 0 ? 0 : rc == 1 ? 1 : 3;
}

int
cmd_export(int argc, char **argv)
{
	const char *db = NULL, *type = NULL, *format = NULL, *org = NULL, *year = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "database file (required)", &db },
		{ "type", "TYPE", "orgs, people, pledges, evaluations or activities", &type },
		{ "format", "FMT", "csv or xlsx (default: from FILE's extension)", &format },
		{ "org", "CODE", "only this unit and the units under it", &org },
		{ "year", "YYYY", "only records of this year", &year },
		{ NULL, NULL, NULL, NULL },
	};
	struct io_export_opts o = { 0 };
	struct store *st;
	char err[512];
	size_t rows;
	const char *file;
	int i, rc;

	/* Options may come after FILE too. */
	file = NULL;
	for (i = cmd_parse(argc, argv, 2, export_usage, opts); i < argc;
	    i = cmd_parse(argc, argv, i + 1, export_usage, opts)) {
		if (file != NULL) {
			file = NULL;
			break;
		}
		file = argv[i];
	}
	if (file == NULL) {
		fprintf(stderr, "lamtheo: export: one FILE is needed (see --help)\n");
		return 2;
	}
	if (db == NULL) {
		fprintf(stderr, "lamtheo: export: --db PATH is required\n");
		return 2;
	}
	if (type_of("export", type, &o.type) != 0)
		return 2;
	if (format == NULL) {
		size_t n = strlen(file);

		format = n > 5 && strcasecmp(file + n - 5, ".xlsx") == 0 ? "xlsx" : "csv";
	}
	if ((rc = enum_index(io_format_names, format)) < 0) {
		fprintf(stderr, "lamtheo: export: --format must be csv or xlsx\n");
		return 2;
	}
	o.format = (enum io_format)rc;
	if (year != NULL) {
		char *end;
		long y = strtol(year, &end, 10);

		if (*end != '\0' || y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
			fprintf(stderr, "lamtheo: export: --year must be a year\n");
			return 2;
		}
		o.year = (int)y;
	}
	o.org_code = org;
	if ((st = open_db("export", db)) == NULL)
		return 3;
	rc = io_export_file(st, &o, file, &rows, err, sizeof(err));
	if (rc == 0)
		fprintf(stderr, "%s: %zu rows\n", file, rows);
	else
		cmd_fail("export", "%s", err);
	store_close(st);
	text_collate_cleanup();
	return rc == 0 ? 0 : 1;
}
