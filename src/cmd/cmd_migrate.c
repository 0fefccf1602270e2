/*
 * cmd_migrate.c — `lamtheo migrate`: creates the database or applies the
 * pending schema migrations, in one transaction.
 */
#include <stdio.h>

#include "cmd/cmd.h"
#include "store/store.h"

static const char usage[] =
    "Usage: lamtheo migrate --db PATH\n\n"
    "Creates the SQLite database PATH, or brings its schema up to date.";

int
cmd_migrate(int argc, char **argv)
{
	const char *db = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "SQLite database file (required)", &db },
		{ NULL, NULL, NULL, NULL },
	};
	struct store *st;
	char err[512];
	int version;

	if (cmd_parse(argc, argv, 2, usage, opts) != argc)
		return cmd_fail("migrate", "unexpected argument (see --help)");
	if (db == NULL)
		return cmd_fail("migrate", "--db PATH is required");
	if ((st = store_open(db, err, sizeof(err))) == NULL)
		return cmd_fail("migrate", "%s", err);
	if (store_migrate(st, &version) != ST_OK) {
		cmd_fail("migrate", "%s: %s", db, store_errmsg(st));
		store_close(st);
		return 1;
	}
	printf("%s: schema version %d\n", db, version);
	store_close(st);
	return 0;
}
