/*
 * cmd_util.c — helpers shared by the subcommands: --option parsing with
 * generated help, error printing, reading a password from standard input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "api/api.h"
#include "cmd/cmd.h"

static void
usage_print(FILE *f, const char *usage, const struct opt *opts)
{
	fprintf(f, "%s\n", usage);
	if (opts[0].name != NULL)
		fprintf(f, "\nOptions:\n");
	for (int i = 0; opts[i].name != NULL; i++) {
		char left[64];

		snprintf(left, sizeof(left), "--%s%s%s", opts[i].name,
		    opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
		fprintf(f, "  %-24s %s\n", left, opts[i].help);
	}
	fprintf(f, "  %-24s %s\n", "--help", "show this help");
}

int
cmd_parse(int argc, char **argv, int first, const char *usage, struct opt *opts)
{
	int i;

	for (i = first; i < argc; i++) {
		const char *a = argv[i], *eq;
		size_t n;
		int k;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_print(stdout, usage, opts);
			exit(0);
		}
		if (strncmp(a, "--", 2) != 0)
			break;
		a += 2;
		eq = strchr(a, '=');
		n = eq ? (size_t)(eq - a) : strlen(a);
		for (k = 0; opts[k].name != NULL; k++)
			if (strlen(opts[k].name) == n && strncmp(opts[k].name, a, n) == 0)
				break;
		if (opts[k].name == NULL) {
			fprintf(stderr, "lamtheo: unknown option --%.*s\n\n", (int)n, a);
			usage_print(stderr, usage, opts);
			exit(2);
		}
		if (opts[k].arg == NULL) {
			*opts[k].value = "1";
			continue;
		}
		if (eq != NULL) {
			*opts[k].value = eq + 1;
		} else if (i + 1 < argc) {
			*opts[k].value = argv[++i];
		} else {
			fprintf(stderr, "lamtheo: --%s needs a value (%s)\n", opts[k].name,
			    opts[k].arg);
			exit(2);
		}
	}
	return i;
}

int
cmd_fail(const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "lamtheo: %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
cmd_read_password(const char *prompt, char *buf, size_t cap)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	size_t n;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (fgets(buf, (int)cap, stdin) == NULL)
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	n = strlen(buf);
	if (n > 0 && buf[n - 1] != '\n' && !feof(stdin))
		return -1;	/* longer than the buffer */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return 0;
}

void
cmd_print_verr(const char *what, const struct verr *e, const struct rtype *t)
{
	char msg[512];

	cmd_fail(what, "--%s: %s", e->field, api_verr_message(e, t, true, msg, sizeof(msg)));
}
