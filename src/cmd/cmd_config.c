/*
 * cmd_config.c — a subcommand's configuration file: the options of its
 * command line written as `key = value` lines, so that a service manager
 * starts `lamtheo serve` with no arguments but --config.
 *
 *   # a comment (also after a value, when preceded by a blank)
 *   db = /var/lib/lamtheo/lamtheo.db
 *   listen = 127.0.0.1:8080
 *   quiet = yes
 *
 * A key is the name of a long option; a flag takes yes/no (true/false,
 * on/off, 1/0).  Options given on the command line win over the file:
 * the file fills only those the command line left alone (a flag set to
 * yes in the file cannot be turned off there: flags have no "no" form).
 * The command line is parsed twice, before the file for its name and
 * after it to win.  A bad line,
 * an unknown or repeated key is an error naming FILE:LINE:COLUMN, like a
 * compiler's; nothing is guessed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/cmd.h"

#define CONF_LINE_MAX	4096	/* bytes in one line of the file */
#define CONF_OPTS_MAX	64	/* options a command may have */

/* The file as read: the value of each option it sets, and where. */
struct cmd_conf {
	char *value[CONF_OPTS_MAX];
	char *where[CONF_OPTS_MAX];	/* "FILE:LINE:COL" of the value */
};

void
cmd_conf_free(struct cmd_conf *c)
{
	if (c == NULL)
		return;
	for (int k = 0; k < CONF_OPTS_MAX; k++) {
		free(c->value[k]);
		free(c->where[k]);
	}
	free(c);
}

static int
conf_error(const char *what, const char *path, int line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "lamtheo: serve: FILE:LINE:COL: message"; returns -1. */
static int
conf_error(const char *what, const char *path, int line, size_t col, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "lamtheo: %s: %s:%d:%zu: ", what, path, line, col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* A flag's value: 1 yes, 0 no, -1 neither. */
static int
flag_value(const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/*
 * One line (NUL-terminated, without its newline) of the file into c: 0
 * when it is blank, a comment or a good `key = value`; -1 after printing
 * the error.  conf_opt (the option naming the file) is no key.
 */
static int
conf_line(const char *what, const char *path, int lineno, const char *line,
    const struct opt *opts, const char *conf_opt, struct cmd_conf *c)
{
	const char *p = line, *key, *val, *end;
	size_t klen, col;
	int k;

	while (is_blank(*p))
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	key = p;
	while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')
		p++;
	klen = (size_t)(p - key);
	if (klen == 0)
		return conf_error(what, path, lineno, (size_t)(p - line) + 1,
		    "expected an option name (lower-case letters, digits, '-')");
	while (is_blank(*p))
		p++;
	if (*p != '=')
		return conf_error(what, path, lineno, (size_t)(p - line) + 1,
		    "expected '=' after '%.*s'", (int)klen, key);
	for (k = 0; opts[k].name != NULL; k++)
		if (strlen(opts[k].name) == klen && strncmp(opts[k].name, key, klen) == 0)
			break;
	if (opts[k].name == NULL || strcmp(opts[k].name, conf_opt) == 0)
		return conf_error(what, path, lineno, (size_t)(key - line) + 1,
		    "unknown key '%.*s' (the keys are the options of 'lamtheo %s --help')",
		    (int)klen, key, what);
	if (c->where[k] != NULL)
		return conf_error(what, path, lineno, (size_t)(key - line) + 1,
		    "'%s' is set twice (first at %s)", opts[k].name, c->where[k]);
	p++;
	while (is_blank(*p))
		p++;
	val = p;
	col = (size_t)(val - line) + 1;
	/* The value ends at the line's end or at a comment: '#' after a blank. */
	for (end = val; *end != '\0' && !(*end == '#' && end > val && is_blank(end[-1])); end++)
		;
	while (end > val && is_blank(end[-1]))
		end--;
	if (end == val)
		return conf_error(what, path, lineno, col, "no value for '%s'", opts[k].name);
	if ((c->value[k] = strndup(val, (size_t)(end - val))) == NULL ||
	    asprintf(&c->where[k], "%s:%d:%zu", path, lineno, col) < 0) {
		fprintf(stderr, "lamtheo: out of memory\n");
		exit(1);	/* start-up only */
	}
	if (opts[k].arg == NULL && flag_value(c->value[k]) < 0)
		return conf_error(what, path, lineno, col, "'%s' takes yes or no, not '%s'",
		    opts[k].name, c->value[k]);
	return 0;
}

/* Reads the file path into *out (NULL when missing and missing_ok).
 * 0, or -1 after printing the error. */
static int
conf_read(const char *what, const char *path, bool missing_ok, const struct opt *opts,
    const char *conf_opt, struct cmd_conf **out)
{
	struct cmd_conf *c;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, rc = 0;
	FILE *f;

	*out = NULL;
	for (int k = 0; opts[k].name != NULL; k++)
		if (k + 1 >= CONF_OPTS_MAX)
			return conf_error(what, path, 0, 0, "too many options (internal)");
	if ((f = fopen(path, "r")) == NULL) {
		if (missing_ok && errno == ENOENT)
			return 0;
		fprintf(stderr, "lamtheo: %s: %s: %s\n", what, path, strerror(errno));
		return -1;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		fprintf(stderr, "lamtheo: out of memory\n");
		exit(1);
	}
	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if ((size_t)len != strlen(line))
			rc = conf_error(what, path, lineno, strlen(line) + 1, "a NUL byte");
		else if (len > CONF_LINE_MAX)
			rc = conf_error(what, path, lineno, CONF_LINE_MAX + 1,
			    "line longer than %d bytes", CONF_LINE_MAX);
		else
			rc = conf_line(what, path, lineno, line, opts, conf_opt, c);
	}
	if (rc == 0 && ferror(f)) {
		fprintf(stderr, "lamtheo: %s: %s: %s\n", what, path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	if (rc != 0) {
		cmd_conf_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

int
cmd_parse_conf(const char *what, int argc, char **argv, int first, const char *usage,
    struct opt *opts, const char *conf_opt, const char *default_path,
    struct cmd_conf **conf)
{
	const char *defaults[CONF_OPTS_MAX], *path = NULL;
	int k, n, conf_k = -1;

	*conf = NULL;
	for (k = 0; opts[k].name != NULL && k < CONF_OPTS_MAX; k++) {
		defaults[k] = *opts[k].value;
		if (strcmp(opts[k].name, conf_opt) == 0)
			conf_k = k;
	}
	/* First the command line alone, for the file's name (and --help). */
	n = cmd_parse(argc, argv, first, usage, opts);
	if (conf_k >= 0)
		path = *opts[conf_k].value;
	if (conf_read(what, path ? path : default_path, path == NULL, opts, conf_opt,
	    conf) != 0)
		return -1;
	if (*conf == NULL)
		return n;
	/* Then the file over the defaults, and the command line over both. */
	for (k = 0; opts[k].name != NULL; k++) {
		const char *v = (*conf)->value[k];

		*opts[k].value = defaults[k];
		if (v != NULL)
			*opts[k].value = opts[k].arg != NULL ? v : flag_value(v) ? "1" : NULL;
	}
	return cmd_parse(argc, argv, first, usage, opts);
}

int
cmd_fail_opt(const char *what, const struct cmd_conf *c, const struct opt *opts, int k,
    const char *fmt, ...)
{
	const char *v = *opts[k].value;
	va_list ap;

	/* The file's value unless the command line replaced it. */
	if (c != NULL && c->value[k] != NULL && v == c->value[k])
		fprintf(stderr, "lamtheo: %s: %s: %s = %s: ", what, c->where[k], opts[k].name, v);
	else
		fprintf(stderr, "lamtheo: %s: --%s %s: ", what, opts[k].name, v ? v : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}
