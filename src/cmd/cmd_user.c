/*
 * cmd_user.c — `lamtheo user add|passwd|list|totp-reset`: accounts from the
 * command line, for the first administrator, for scripts, and for the
 * operator when an administrator lost the phone of its second factor.  Passwords are read
 * from standard input (without echo on a terminal), never from arguments.
 * Validation is the API's: the same field table and rules.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/store.h"

static const char usage_add[] =
    "Usage: lamtheo user add --db PATH --username U --role ROLE --org CODE\n"
    "                        [--display-name NAME] [--person CODE]\n\n"
    "Adds an account; the password is read from standard input.\n"
    "ROLE is one of admin, staff, secretary, member, viewer; CODE is the code\n"
    "of the unit whose subtree the account may see.";

static const char usage_passwd[] =
    "Usage: lamtheo user passwd --db PATH --username U\n\n"
    "Sets a new password (read from standard input) and ends the account's sessions.";

static const char usage_list[] =
    "Usage: lamtheo user list --db PATH";

static const char usage_totp[] =
    "Usage: lamtheo user totp-reset --db PATH --username U\n\n"
    "Removes the account's two-factor log-in and recovery codes and ends its\n"
    "sessions (a lost phone): an administrator enrols again at its next log-in.";

static struct store *
open_db(const char *what, const char *db)
{
	struct store *st;
	char err[512];

	if (db == NULL) {
		cmd_fail(what, "--db PATH is required");
		return NULL;
	}
	if (auth_init() != 0) {
		cmd_fail(what, "libsodium: cannot initialise");
		return NULL;
	}
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

/* Reads and checks a new password; hashes it into hash. */
static int
new_password(const char *what, char hash[128])
{
	char pw[LIMIT_PASSWORD_MAX + 2];
	struct verr ve;

	if (cmd_read_password("Password: ", pw, sizeof(pw)) != 0)
		return cmd_fail(what, "password longer than %d bytes", LIMIT_PASSWORD_MAX);
	if (auth_password_check(pw, &ve) != 0) {
		cmd_print_verr(what, &ve, &rtypes[RT_ACCOUNT]);
		return 1;
	}
	if (auth_password_hash(pw, hash) != 0)
		return cmd_fail(what, "out of memory hashing the password");
	return 0;
}

static int
user_add(int argc, char **argv)
{
	const char *db = NULL, *username = NULL, *role = NULL, *org = NULL;
	const char *display = NULL, *person = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "SQLite database file (required)", &db },
		{ "username", "U", "log-in name: letters, digits, . _ - (required)", &username },
		{ "role", "ROLE", "admin, staff, secretary, member or viewer (required)", &role },
		{ "org", "CODE", "code of the account's unit (required)", &org },
		{ "display-name", "NAME", "name shown in the application", &display },
		{ "person", "CODE", "code of the person this account is (members)", &person },
		{ NULL, NULL, NULL, NULL },
	};
	struct record *acc = NULL, *unit = NULL, *p = NULL;
	struct store *st;
	struct verr ve;
	char hash[128], pw[LIMIT_PASSWORD_MAX + 2];
	int rc = 1;

	if (cmd_parse(argc, argv, 3, usage_add, opts) != argc)
		return cmd_fail("user add", "unexpected argument (see --help)");
	if ((st = open_db("user add", db)) == NULL)
		return 1;
	if (org == NULL) {
		cmd_fail("user add", "--org CODE is required");
		goto out;
	}
	if (store_org_by_code(st, org, &unit) != ST_OK) {
		cmd_fail("user add", "--org %s: no unit has this code", org);
		goto out;
	}
	if (person != NULL && store_person_by_code(st, person, &p) != ST_OK) {
		cmd_fail("user add", "--person %s: no person has this code", person);
		goto out;
	}
	acc = record_new(&rtypes[RT_ACCOUNT]);
	if (username)
		record_set_text(acc, ACCOUNT_USERNAME, username);
	if (role)
		record_set_text(acc, ACCOUNT_ROLE, role);
	if (display)
		record_set_text(acc, ACCOUNT_DISPLAY_NAME, display);
	record_set_int(acc, ACCOUNT_ORG, unit->id);
	if (p != NULL)
		record_set_int(acc, ACCOUNT_PERSON, p->id);
	if (cmd_read_password("Password: ", pw, sizeof(pw)) != 0) {
		cmd_fail("user add", "password longer than %d bytes", LIMIT_PASSWORD_MAX);
		goto out;
	}
	record_set_text(acc, ACCOUNT_PASSWORD, pw);
	if (record_validate(acc, VM_CREATE, &ve) != 0 ||
	    auth_password_check(pw, &ve) != 0 ||
	    account_check(acc, record_text(unit, ORG_KIND), &ve) != 0) {
		cmd_print_verr("user add", &ve, &rtypes[RT_ACCOUNT]);
		goto out;
	}
	record_unset(acc, ACCOUNT_PASSWORD);
	if (auth_password_hash(pw, hash) != 0) {
		cmd_fail("user add", "out of memory hashing the password");
		goto out;
	}
	record_set_text(acc, ACCOUNT_PW_HASH, hash);
	record_set_int(acc, ACCOUNT_DISABLED, 0);
	if (store_begin(st, true) != ST_OK || store_insert(st, acc) != ST_OK ||
	    store_commit(st) != ST_OK) {
		store_rollback(st);
		if (strcmp(store_errfield(st), "username") == 0)
			cmd_fail("user add", "--username %s: already taken", username);
		else
			cmd_fail("user add", "%s", store_errmsg(st));
		goto out;
	}
	printf("account %s (%s) added for %s\n", username, role, record_text(unit, ORG_NAME));
	rc = 0;
out:
	record_free(p);
	record_free(unit);
	record_free(acc);
	store_close(st);
	return rc;
}

static int
user_passwd(int argc, char **argv)
{
	const char *db = NULL, *username = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "SQLite database file (required)", &db },
		{ "username", "U", "the account (required)", &username },
		{ NULL, NULL, NULL, NULL },
	};
	struct record *acc = NULL;
	struct store *st;
	char hash[128];
	int rc = 1;

	if (cmd_parse(argc, argv, 3, usage_passwd, opts) != argc)
		return cmd_fail("user passwd", "unexpected argument (see --help)");
	if (username == NULL)
		return cmd_fail("user passwd", "--username U is required");
	if ((st = open_db("user passwd", db)) == NULL)
		return 1;
	if (store_account_by_username(st, username, &acc) != ST_OK) {
		cmd_fail("user passwd", "--username %s: no such account", username);
		goto out;
	}
	if (new_password("user passwd", hash) != 0)
		goto out;
	if (store_begin(st, true) != ST_OK ||
	    store_account_set_password(st, acc->id, hash) != ST_OK ||
	    store_session_delete_account(st, acc->id) != ST_OK ||
	    store_commit(st) != ST_OK) {
		store_rollback(st);
		cmd_fail("user passwd", "%s", store_errmsg(st));
		goto out;
	}
	printf("password of %s changed; its sessions ended\n", username);
	rc = 0;
out:
	record_free(acc);
	store_close(st);
	return rc;
}

static int
user_list(int argc, char **argv)
{
	const char *db = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "SQLite database file (required)", &db },
		{ NULL, NULL, NULL, NULL },
	};
	struct record_list l = { 0 };
	struct store *st;

	if (cmd_parse(argc, argv, 3, usage_list, opts) != argc)
		return cmd_fail("user list", "unexpected argument (see --help)");
	if ((st = open_db("user list", db)) == NULL)
		return 1;
	if (store_account_list(st, NULL, NULL, 1, LIMIT_PAGE_SIZE_MAX, &l) != ST_OK) {
		cmd_fail("user list", "%s", store_errmsg(st));
		store_close(st);
		return 1;
	}
	for (size_t i = 0; i < l.n; i++) {
		struct record *org = NULL;

		store_get(st, RT_ORG, record_int(l.items[i], ACCOUNT_ORG), &org);
		printf("%-24s %-10s %s%s\n", record_text(l.items[i], ACCOUNT_USERNAME),
		    record_text(l.items[i], ACCOUNT_ROLE),
		    org ? record_text(org, ORG_NAME) : "?",
		    record_int(l.items[i], ACCOUNT_DISABLED) ? " (disabled)" : "");
		record_free(org);
	}
	record_list_free(&l);
	store_close(st);
	return 0;
}

static int
user_totp_reset(int argc, char **argv)
{
	const char *db = NULL, *username = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "SQLite database file (required)", &db },
		{ "username", "U", "the account (required)", &username },
		{ NULL, NULL, NULL, NULL },
	};
	struct record *acc = NULL;
	struct store *st;
	int rc = 1;

	if (cmd_parse(argc, argv, 3, usage_totp, opts) != argc)
		return cmd_fail("user totp-reset", "unexpected argument (see --help)");
	if (username == NULL)
		return cmd_fail("user totp-reset", "--username U is required");
	if ((st = open_db("user totp-reset", db)) == NULL)
		return 1;
	if (store_account_by_username(st, username, &acc) != ST_OK) {
		cmd_fail("user totp-reset", "--username %s: no such account", username);
		goto out;
	}
	if (store_begin(st, true) != ST_OK ||
	    store_totp_delete(st, acc->id) != ST_OK ||
	    store_session_delete_account(st, acc->id) != ST_OK ||
	    store_commit(st) != ST_OK) {
		store_rollback(st);
		cmd_fail("user totp-reset", "%s", store_errmsg(st));
		goto out;
	}
	printf("two-factor log-in of %s removed; its sessions ended\n", username);
	rc = 0;
out:
	record_free(acc);
	store_close(st);
	return rc;
}

int
cmd_user(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[2], "add") == 0)
		return user_add(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "passwd") == 0)
		return user_passwd(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "list") == 0)
		return user_list(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "totp-reset") == 0)
		return user_totp_reset(argc, argv);
	if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
		printf("Usage: lamtheo user add|passwd|list|totp-reset [options]\n\n"
		    "%s\n\n%s\n\n%s\n\n%s\n", usage_add, usage_passwd, usage_list, usage_totp);
		return 0;
	}
	fprintf(stderr, "Usage: lamtheo user add|passwd|list|totp-reset [options] (see --help)\n");
	return 2;
}
