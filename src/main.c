/*
 * main.c — the lamtheo program: dispatches to a subcommand (src/cmd/).
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{ "serve", cmd_serve, "serve the web application and the JSON API" },
	{ "demo", cmd_demo, "create the demo database (seed provinces, 2025 mergers)" },
	{ "user", cmd_user, "add accounts, reset passwords, list accounts" },
	{ "migrate", cmd_migrate, "create a database or bring its schema up to date" },
	{ "check", cmd_check, "recompute the kept figures from the records and report any difference" },
	{ "import", cmd_import, "import people, units or records from a CSV or XLSX file" },
	{ "export", cmd_export, "export people, units or records as CSV or XLSX" },
};

static void
usage(FILE *f)
{
	fprintf(f, "lamtheo %s — Học tập và làm theo tư tưởng, đạo đức, phong cách "
	    "Hồ Chí Minh\n\nUsage: lamtheo <command> [options]\n\nCommands:\n",
	    LAMTHEO_VERSION);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "  %-10s %s\n", "version", "print the version");
	fprintf(f, "\nRun 'lamtheo <command> --help' for the options of a command.\n");
}

int
main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("lamtheo %s\n", LAMTHEO_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc, argv);
	fprintf(stderr, "lamtheo: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
