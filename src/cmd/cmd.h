/*
 * cmd.h — the subcommands of the lamtheo program and the small helpers they
 * share (option parsing, reading a password, printing validation errors).
 */
#ifndef LAMTHEO_CMD_H
#define LAMTHEO_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"

int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* One option of a subcommand: --name VALUE (or a flag without value). */
struct opt {
	const char *name;
	const char *arg;	/* metavariable, NULL for a flag */
	const char *help;
	const char **value;	/* receives the value ("1" for a flag) */
};

/*
 * Parses argv[first..] against opts; --help prints usage (from `usage` and
 * the options) and exits 0; an unknown option or a missing value prints an
 * error and exits 2.  Returns the index of the first non-option argument.
 */
int cmd_parse(int argc, char **argv, int first, const char *usage, struct opt *opts);

/* Prints "lamtheo: <what>: message" to stderr and returns 1 (exit status). */
int cmd_fail(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * cmd_config.c: cmd_parse, after reading the configuration file named by
 * the option conf_opt of opts or, when it is not given, default_path if
 * that exists.  The file holds `key = value` lines whose keys are the
 * names of opts; the command line wins over it.  Returns cmd_parse's
 * index, with *conf owning the file's values (cmd_conf_free() once they
 * are no longer used; NULL when no file was read); or -1 after printing
 * "lamtheo: <what>: FILE:LINE:COL: ...".
 */
struct cmd_conf;
int cmd_parse_conf(const char *what, int argc, char **argv, int first, const char *usage,
    struct opt *opts, const char *conf_opt, const char *default_path,
    struct cmd_conf **conf);
void cmd_conf_free(struct cmd_conf *conf);
/* cmd_fail() about the value of option opts[k], named where it was given:
 * "--listen nope: ..." or "FILE:3:10: listen = nope: ...".  Returns 1. */
int cmd_fail_opt(const char *what, const struct cmd_conf *conf, const struct opt *opts, int k,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Reads one line (a password) from stdin without its newline; without echo
 * when stdin is a terminal.  0 or -1. */
int cmd_read_password(const char *prompt, char *buf, size_t cap);

/* Prints a validation error for record type t, naming the option. */
void cmd_print_verr(const char *what, const struct verr *e, const struct rtype *t);

#endif
