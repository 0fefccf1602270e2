/*
 * cmd_demo.c — `lamtheo demo`: creates the demo database (the seeds'
 * provinces and their 2025 reorganisation, with generated members) and
 * prints the demo log-ins, one per role, with passwords made for this
 * database.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "demo/demo.h"
#include "store/store.h"
#include "text/text.h"

static const char usage[] =
    "Usage: lamtheo demo --db PATH [--force] [--logins FILE] [--no-records]\n\n"
    "Creates the demo database PATH: Thái Bình, Quảng Ninh, Bắc Ninh and Nam Định\n"
    "as the 2022–2023 articles describe them, the reorganisation of 1/7/2025,\n"
    "generated members, and one account per role.  The log-ins (with passwords\n"
    "generated now) are printed and written to FILE (default PATH.logins.txt,\n"
    "mode 0600).  The campaign's records of 2021–2023 and this year (pledges,\n"
    "meetings, evaluations …) come with it unless --no-records.";

/* Removes a database and its WAL files. */
static int
remove_db(const char *db)
{
	const char *suffix[] = { "", "-wal", "-shm" };
	char path[4096];

	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s%s", db, suffix[i]);
		if (unlink(path) != 0 && errno != ENOENT)
			return cmd_fail("demo", "%s: %s", path, strerror(errno));
	}
	return 0;
}

int
cmd_demo(int argc, char **argv)
{
	const char *db = NULL, *force = NULL, *logins = NULL, *norecords = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "database file to create (required)", &db },
		{ "force", NULL, "replace PATH if it exists", &force },
		{ "logins", "FILE", "where to write the log-ins (default PATH.logins.txt)", &logins },
		{ "no-records", NULL, "only the tree, people and accounts (tests)", &norecords },
		{ NULL, NULL, NULL, NULL },
	};
	char err[512], lpath[4096], line[512];
	struct store *st;
	struct stat sb;
	FILE *tmp, *lf;
	int rc = 1;

	if (cmd_parse(argc, argv, 2, usage, opts) != argc)
		return cmd_fail("demo", "unexpected argument (see --help)");
	if (db == NULL)
		return cmd_fail("demo", "--db PATH is required");
	if (stat(db, &sb) == 0) {
		if (force == NULL)
			return cmd_fail("demo", "%s exists; use --force to replace it", db);
		if (remove_db(db) != 0)
			return 1;
	}
	snprintf(lpath, sizeof(lpath), "%s", logins ? logins : db);
	if (logins == NULL)
		strncat(lpath, ".logins.txt", sizeof(lpath) - strlen(lpath) - 1);
	if ((st = store_open(db, err, sizeof(err))) == NULL)
		return cmd_fail("demo", "%s", err);
	if (store_migrate(st, NULL) != ST_OK) {
		cmd_fail("demo", "%s: %s", db, store_errmsg(st));
		goto out;
	}
	if ((tmp = tmpfile()) == NULL) {
		cmd_fail("demo", "tmpfile: %s", strerror(errno));
		goto out;
	}
	if (demo_load(st, norecords == NULL, tmp, stderr) != 0) {
		fclose(tmp);
		cmd_fail("demo", "loading failed; %s left empty", db);
		goto out;
	}
	umask(077);
	if ((lf = fopen(lpath, "w")) == NULL) {
		fclose(tmp);
		cmd_fail("demo", "%s: %s", lpath, strerror(errno));
		goto out;
	}
	rewind(tmp);
	printf("Demo log-ins (also in %s):\n", lpath);
	printf("  %-20s %-16s %-10s %s\n", "username", "password", "role", "unit");
	while (fgets(line, sizeof(line), tmp) != NULL) {
		char *f[4] = { line, NULL, NULL, NULL };

		fputs(line, lf);
		for (int i = 1; i < 4 && f[i - 1] != NULL; i++)
			if ((f[i] = strchr(f[i - 1], '\t')) != NULL)
				*f[i]++ = '\0';
		if (f[3] != NULL)
			printf("  %-20s %-16s %-10s %s", f[0], f[1], f[2], f[3]);
	}
	fclose(tmp);
	fclose(lf);
	/* Administrators must have a second factor (api_totp.c). */
	printf("\n  The administrator (admin) turns on two-factor log-in at its first\n"
	    "  log-in: scan the QR code shown with an authenticator app (FreeOTP,\n"
	    "  Google or Microsoft Authenticator, Aegis) or type its key, enter the\n"
	    "  6-digit code, and keep the 10 recovery codes shown.  Lost it?\n"
	    "  lamtheo user totp-reset --db %s --username admin\n", db);
	rc = 0;
out:
	store_close(st);
	text_collate_cleanup();
	return rc;
}
