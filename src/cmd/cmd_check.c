/*
 * cmd_check.c — `lamtheo check`: recomputes every kept figure from the
 * records (store_figures.c) and reports each difference; exit status 1 when
 * there is any.  Read-only: it may run beside `lamtheo serve`.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cmd/cmd.h"
#include "store/store.h"

#define CHECK_PRINT_MAX 50	/* differences printed; the rest are counted */

static const char usage[] =
    "Usage: lamtheo check --db PATH [--keep YYYY] [--year YYYY] [--live-depth N]\n"
    "                     [--live-under CODE]\n\n"
    "Recomputes, for every year whose figures are kept up to date (or only\n"
    "YYYY), what each unit's own records add to each indicator and each unit's\n"
    "whole figure, and compares them with the kept ones; the units down to\n"
    "depth N (default 2: the country and the provinces) are also compared with\n"
    "the figure computed straight from the records, and so is every unit under\n"
    "CODE with --live-under.  Prints every difference; exit status 1 when there\n"
    "is one.  With --keep, it first starts keeping the figures of YYYY: they\n"
    "are computed beside a running server, a few thousand rows per\n"
    "transaction, so its writes do not wait (store_figures_build.c).";

struct report {
	struct store *st;
	int64_t printed;
};

static void
report(void *arg, int year, int64_t org_id, const char *ind, const char *what,
    const struct ind_value *kept, const struct ind_value *now)
{
	struct report *r = arg;
	struct record *org = NULL;

	if (r->printed++ >= CHECK_PRINT_MAX)
		return;
	if (store_get(r->st, RT_ORG, org_id, &org) != ST_OK)
		org = NULL;
	printf("%d %s (%s) %s [%s]: kept %" PRId64 "/%" PRId64 " (%" PRId64 " %" PRId64
	    " %" PRId64 " %" PRId64 "), from the records %" PRId64 "/%" PRId64 " (%" PRId64
	    " %" PRId64 " %" PRId64 " %" PRId64 ")\n", year,
	    org ? record_text(org, ORG_NAME) : "?", org ? record_text(org, ORG_CODE) : "?",
	    ind, what, kept->num, kept->den, kept->part[0], kept->part[1], kept->part[2],
	    kept->part[3], now->num, now->den, now->part[0], now->part[1], now->part[2],
	    now->part[3]);
	record_free(org);
}

static int
write_tx(void *wctx, int (*fn)(struct store *st, void *arg), void *arg)
{
	struct store *st = wctx;
	int rc;

	if ((rc = store_begin(st, true)) != ST_OK)
		return rc;
	if ((rc = fn(st, arg)) != ST_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

static bool
progress(void *parg, int year, int percent)
{
	int *last = parg;

	if (percent / 10 != *last / 10)
		fprintf(stderr, "lamtheo check: the figures of %d: %d%%\n", year, percent);
	*last = percent;
	return true;
}

/* Keeps year: built on a second connection that reads while this one
 * writes.  0, or 2 after saying why. */
static int
keep_year(struct store *st, const char *db, int year, bool *built)
{
	struct store *rd;
	char err[256];
	bool kept;
	int last = 0, rc;

	*built = !store_figures_kept(st, year);
	if (!*built)
		return 0;
	if ((rd = store_open(db, err, sizeof(err))) == NULL)
		return cmd_fail("check", "%s", err), 2;
	rc = store_figures_build(rd, year, 0, write_tx, st, progress, &last, &kept);
	if (rc != ST_OK)
		cmd_fail("check", "%s: keeping %d: %s", db, year, store_errmsg(rd)[0] ?
		    store_errmsg(rd) : store_errmsg(st));
	else if (!kept)
		cmd_fail("check", "%s: keeping %d: the build was started again by another "
		    "process", db, year);
	store_close(rd);
	return rc == ST_OK && kept ? 0 : 2;
}

int
cmd_check(int argc, char **argv)
{
	const char *db = NULL, *year_s = NULL, *depth_s = NULL, *under = NULL, *keep = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "SQLite database file (required)", &db },
		{ "keep", "YYYY", "start keeping this year's figures (computed now)", &keep },
		{ "year", "YYYY", "only this year (default: every kept year)", &year_s },
		{ "live-depth", "N", "compare with the records' figure down to this depth "
		    "(default 2; -1: none)", &depth_s },
		{ "live-under", "CODE", "and for every unit under this one", &under },
		{ NULL, NULL, NULL, NULL },
	};
	int years[DATE_MAX_YEAR - DATE_MIN_YEAR + 1], ny = 0, depth = 2, rc = 0;
	struct report rep = { 0 };
	struct record *root = NULL;
	struct store *st;
	char err[512];

	if (cmd_parse(argc, argv, 2, usage, opts) != argc)
		return cmd_fail("check", "unexpected argument (see --help)");
	if (db == NULL)
		return cmd_fail("check", "--db PATH is required");
	if (depth_s != NULL && (depth = atoi(depth_s)) < -1)
		return cmd_fail("check", "--live-depth: a number from -1");
	if ((st = store_open(db, err, sizeof(err))) == NULL)
		return cmd_fail("check", "%s", err);
	rep.st = st;
	if (store_migrate(st, NULL) != ST_OK ||
	    store_figures_years(st, years, (int)(sizeof(years) / sizeof(years[0])), &ny) != ST_OK) {
		cmd_fail("check", "%s: %s", db, store_errmsg(st));
		store_close(st);
		return 1;
	}
	if (keep != NULL) {
		int y = atoi(keep);
		bool built;

		if (y < KEEP_YEAR_MIN || y > DATE_MAX_YEAR) {
			store_close(st);
			return cmd_fail("check", "--keep: a year from %d", KEEP_YEAR_MIN);
		}
		if (keep_year(st, db, y, &built) != 0) {
			store_close(st);
			return 2;
		}
		printf("%s: the figures of %d %s\n", db, y, built ? "are kept from now on" :
		    "were kept already");
		if (store_figures_years(st, years, (int)(sizeof(years) / sizeof(years[0])),
		    &ny) != ST_OK) {
			cmd_fail("check", "%s: %s", db, store_errmsg(st));
			store_close(st);
			return 2;
		}
	}
	if (under != NULL && store_org_by_code(st, under, &root) != ST_OK) {
		cmd_fail("check", "--live-under %s: no such unit", under);
		store_close(st);
		return 2;
	}
	if (year_s != NULL) {
		int y = atoi(year_s);

		if (!store_figures_kept(st, y)) {
			printf("%s: the figures of %d are not kept (they are computed from the "
			    "records each time): nothing to check\n", db, y);
			record_free(root);
			store_close(st);
			return 0;
		}
		years[0] = y;
		ny = 1;
	}
	if (ny == 0)
		printf("%s: no year's figures are kept yet: nothing to check\n", db);
	for (int i = 0; i < ny && rc == 0; i++) {
		struct timespec t0, t1;
		int64_t diff = 0;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		/* One read snapshot: the figures and the records agree in it. */
		if (store_begin(st, false) != ST_OK ||
		    store_figures_check(st, years[i], depth, root ? record_text(root, ORG_PATH) :
		    NULL, report, &rep, &diff) != ST_OK) {
			cmd_fail("check", "%s: %s", db, store_errmsg(st));
			rc = 2;
		}
		store_rollback(st);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (rc == 0)
			printf("%d: %s (%.1f s)\n", years[i], diff == 0 ? "no difference" :
			    "DIFFERENCES", (double)(t1.tv_sec - t0.tv_sec) +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
		if (diff != 0 && rc == 0)
			rc = 1;
	}
	if (rep.printed > CHECK_PRINT_MAX)
		printf("… and %" PRId64 " more differences\n", rep.printed - CHECK_PRINT_MAX);
	record_free(root);
	store_close(st);
	return rc;
}
