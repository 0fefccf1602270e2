/*
 * api_import.c — bulk import and export over HTTP: POST /api/v1/import
 * (the body is the CSV or XLSX file) and GET /api/v1/export, the same code
 * as `lamtheo import` and `lamtheo export` (src/io/), limited to the
 * account's scope.  Only staff and administrators import and export: the
 * files hold whole lists of people.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "api/api.h"
#include "http/http.h"
#include "io/io.h"
#include "store/store.h"

/* Rows listed in a refusal; the rest are only counted. */
#define IMPORT_PROBLEMS_MAX 1000

struct upload {
	struct api_ctx *c;
	json_t *rows;
	size_t problems;
};

static void
on_problem(void *arg, const struct io_problem *p)
{
	struct upload *u = arg;
	char msg[512];
	json_t *o;

	if (u->problems++ >= IMPORT_PROBLEMS_MAX)
		return;
	o = json_pack("{s:i, s:i, s:s}", "line", p->line, "column", p->col, "message",
	    p->ve ? api_verr_message(p->ve, p->t, u->c->en, msg, sizeof(msg)) : p->msg);
	if (p->col > 0) {
		char letter[8];

		json_object_set_new(o, "column_letter",
		    json_string(io_col_letter(p->col - 1, letter)));
	}
	if (p->header != NULL)
		json_object_set_new(o, "header", json_string(p->header));
	if (p->ve != NULL && p->ve->field[0] != '\0')
		json_object_set_new(o, "field", json_string(p->ve->field));
	json_array_append_new(u->rows, o);
}

static int
on_audit(void *arg, struct store *st, const struct rtype *t, int64_t id, const char *action,
    const struct record *before)
{
	struct upload *u = arg;

	(void)st;
	return api_audit_change(u->c, t, id, action, before);
}

/* Staff and administrators only. */
int
api_may_import(struct api_ctx *c)
{
	if (c->me.role == ROLE_ADMIN || c->me.role == ROLE_STAFF)
		return 0;
	api_fail(c, E_FORBIDDEN, NULL, 0);
	return -1;
}

static int
type_param(struct api_ctx *c, enum io_type *t)
{
	int i = -1;

	if (api_param_enum(c, "type", io_type_names, &i) != 0)
		return -1;
	if (i < 0) {
		api_fail(c, E_BAD_PARAM, "type", 0);
		return -1;
	}
	*t = (enum io_type)i;
	return 0;
}

/* A temporary file, already unlinked: its descriptor, or -1. */
static int
temp_fd(char *path, size_t cap)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, cap, "%s/lamtheo-io-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return -1;
	return fd;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void
api_import(struct api_ctx *c)
{
	struct io_import_opts o = { 0 };
	struct upload u = { .c = c };
	struct io_counts n;
	const char *body, *name = NULL;
	char path[512], who[300];
	int64_t dry = 0;
	size_t len;
	int fd, rc;

	if (api_may_import(c) != 0 || type_param(c, &o.type) != 0 ||
	    api_param_int(c, "dry_run", 0, 1, &dry) != 0 ||
	    api_param_text(c, "name", 200, &name) != 0)
		return;
	body = http_body(c->req, &len);
	if (body == NULL || len == 0) {
		api_fail(c, E_BAD_PARAM, "file", 0);
		return;
	}
	if ((fd = temp_fd(path, sizeof(path))) < 0) {
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return;
	}
	unlink(path);
	if (write_all(fd, body, len) != 0) {
		close(fd);
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return;
	}
	snprintf(who, sizeof(who), "%s (API)", c->me.username);
	o.today = c->today;
	o.dry_run = dry != 0;
	o.actor = c->me.account_id;
	o.who = who;
	o.file_name = name ? name : "upload";
	o.scope = &c->me.scope;
	o.own_root_ro = c->me.role != ROLE_ADMIN;
	o.en = c->en;
	o.org_id = c->me.org_id;
	o.arg = &u;
	o.problem = on_problem;
	o.audit = on_audit;
	u.rows = json_array();
	rc = io_import_fd(c->st, fd, &o, &n);
	close(fd);
	if (rc == 0) {
		api_reply(c, 200, json_pack("{s:s, s:b, s:I, s:I, s:I, s:I}",
		    "type", io_type_names[o.type], "dry_run", o.dry_run,
		    "rows", (json_int_t)(n.created + n.updated + n.unchanged),
		    "created", (json_int_t)n.created, "updated", (json_int_t)n.updated,
		    "unchanged", (json_int_t)n.unchanged));
		json_decref(u.rows);
		return;
	}
	if (rc < 0 && u.problems == 0) {
		json_decref(u.rows);
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return;
	}
	api_reply(c, 400, json_pack("{s:{s:s, s:s, s:o, s:I, s:I}}", "error",
	    "code", "import_rows",
	    "message", c->en ? "The file was refused: nothing was written" :
	    "Tệp bị từ chối: chưa ghi gì vào cơ sở dữ liệu",
	    "rows", u.rows, "total", (json_int_t)u.problems,
	    "bad_rows", (json_int_t)n.bad));
}

void
api_export(struct api_ctx *c)
{
	struct io_export_opts o = { 0 };
	struct record *org;
	char path[512], err[256], disp[160];
	int64_t org_id = c->me.org_id, year = 0;
	int fmt = IO_CSV, fd;
	struct stat sb;
	char *buf = NULL;
	size_t rows;

	if (api_may_import(c) != 0 || type_param(c, &o.type) != 0 ||
	    api_param_int(c, "org", 1, INT64_MAX, &org_id) != 0 ||
	    api_param_int(c, "year", DATE_MIN_YEAR, DATE_MAX_YEAR, &year) != 0 ||
	    api_param_enum(c, "format", io_format_names, &fmt) != 0)
		return;
	if ((org = api_load_org(c, org_id)) == NULL)
		return;
	o.format = (enum io_format)fmt;
	o.org_code = record_text(org, ORG_CODE);
	o.year = (int)year;
	if ((fd = temp_fd(path, sizeof(path))) < 0) {
		record_free(org);
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return;
	}
	close(fd);
	if (io_export_file(c->st, &o, path, &rows, err, sizeof(err)) != 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "%s: %s\n", __func__, err);
		unlink(path);
		record_free(org);
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return;
	}
	unlink(path);
	if (fstat(fd, &sb) != 0 || (buf = malloc((size_t)sb.st_size + 1)) == NULL ||
	    read(fd, buf, (size_t)sb.st_size) != sb.st_size) {
		close(fd);
		free(buf);
		record_free(org);
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return;
	}
	close(fd);
	/* The name is made of the type, the unit's code ([A-Za-z0-9._-]) and
	 * the year: nothing to escape. */
	if (year > 0)
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s-%s-%lld.%s\"",
		    io_type_names[o.type], o.org_code, (long long)year, io_format_names[fmt]);
	else
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s-%s.%s\"",
		    io_type_names[o.type], o.org_code, io_format_names[fmt]);
	http_add_header(c->req, "Content-Disposition", disp);
	http_add_header(c->req, "Cache-Control", "no-store");
	http_reply(c->req, 200, fmt == IO_XLSX ?
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" :
	    "text/csv; charset=utf-8", buf, (size_t)sb.st_size);
	free(buf);
	record_free(org);
}
