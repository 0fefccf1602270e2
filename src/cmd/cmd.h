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

/* Reads one line (a password) from stdin without its newline; without echo
 * when stdin is a terminal.  0 or -1. */
int cmd_read_password(const char *prompt, char *buf, size_t cap);

/* Prints a validation error for record type t, naming the option. */
void cmd_print_verr(const char *what, const struct verr *e, const struct rtype *t);

#endif
