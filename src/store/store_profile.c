/*
 * store_profile.c — the statement profile: with LAMTHEO_SQL_PROFILE set in
 * the environment, the time SQLite spends in each SQL statement (summed over
 * every connection) is printed to standard error when the program exits,
 * the statements that took longest first.  For measuring where a request's
 * time goes (docs/indicators.md); off, it costs nothing.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/store_db.h"

#define PROFILE_MAX	1024	/* distinct statements */
#define PROFILE_SHOWN	30

struct entry {
	char *sql;
	uint64_t ns, n;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct entry entries[PROFILE_MAX];
static int nentries;
static bool registered;

static int
by_time(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : 0;
}

static void
report(void)
{
	uint64_t total = 0;

	pthread_mutex_lock(&mu);
	qsort(entries, (size_t)nentries, sizeof(entries[0]), by_time);
	for (int i = 0; i < nentries; i++)
		total += entries[i].ns;
	fprintf(stderr, "statement profile: %.3f s in %d statements\n", (double)total / 1e9,
	    nentries);
	for (int i = 0; i < nentries && i < PROFILE_SHOWN; i++)
		fprintf(stderr, "%9.3f ms %8llu× %7.1f µs  %.2000s\n", (double)entries[i].ns / 1e6,
		    (unsigned long long)entries[i].n,
		    (double)entries[i].ns / 1e3 / (double)entries[i].n, entries[i].sql);
	for (int i = 0; i < nentries; i++)
		free(entries[i].sql);
	nentries = 0;
	pthread_mutex_unlock(&mu);
}

static int
on_profile(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);
	uint64_t ns = (uint64_t)*(sqlite3_int64 *)x;
	int i;

	(void)ctx;
	if (type != SQLITE_TRACE_PROFILE || sql == NULL)
		return 0;
	pthread_mutex_lock(&mu);
	for (i = 0; i < nentries; i++)
		if (strcmp(entries[i].sql, sql) == 0)
			break;
	if (i == nentries && nentries < PROFILE_MAX &&
	    (entries[i].sql = strdup(sql)) != NULL)
		nentries++;
	if (i < nentries) {
		entries[i].ns += ns;
		entries[i].n++;
	}
	pthread_mutex_unlock(&mu);
	return 0;
}

void
store_profile_attach(sqlite3 *db)
{
	if (getenv("LAMTHEO_SQL_PROFILE") == NULL)
		return;
	pthread_mutex_lock(&mu);
	if (!registered)
		registered = atexit(report) == 0;
	pthread_mutex_unlock(&mu);
	sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, on_profile, NULL);
}
