/*
 * http_static.c — the web UI's static files.  Only plain names below webdir
 * are served ([A-Za-z0-9._-] segments, no dot-files, no ".."), with a
 * Content-Type from a fixed table; "/" is index.html.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/http_private.h"

#define STATIC_MAX_BYTES (4 * 1024 * 1024)

static const char *const types[][2] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".webmanifest", "application/manifest+json" },
};

static const char *
content_type(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return NULL;
}

/* Is every segment of path a plain name? */
static int
safe_path(const char *p)
{
	if (*p != '/')
		return 0;
	while (*p == '/') {
		const char *seg = ++p;

		if (*seg == '.' || *seg == '\0')
			return 0;
		while (*p && *p != '/') {
			char c = *p;

			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
				return 0;
			p++;
		}
	}
	return *p == '\0';
}

static void
not_found(struct http_req *r)
{
	static const char msg[] = "Không tìm thấy trang / Page not found\n";

	http_reply(r, 404, "text/plain; charset=utf-8", msg, sizeof(msg) - 1);
}

void
http_static(struct http_req *r, const char *webdir)
{
	const char *path = strcmp(r->path, "/") == 0 ? "/index.html" : r->path;
	const char *type;
	char file[4096];
	struct stat sb;
	char *buf = NULL;
	ssize_t got;
	size_t off = 0;
	int fd = -1;

	if (!safe_path(path) || (type = content_type(path)) == NULL) {
		not_found(r);
		return;
	}
	if ((size_t)snprintf(file, sizeof(file), "%s%s", webdir, path) >= sizeof(file)) {
		not_found(r);
		return;
	}
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > STATIC_MAX_BYTES) {
		not_found(r);
		goto out;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (buf == NULL) {
		http_reply(r, 503, "text/plain; charset=utf-8", "busy\n", 5);
		goto out;
	}
	while (off < (size_t)sb.st_size) {
		got = read(fd, buf + off, (size_t)sb.st_size - off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		off += (size_t)got;
	}
	http_add_header(r, "Cache-Control", "no-cache");
	http_reply(r, 200, type, buf, off);
out:
	free(buf);
	if (fd >= 0)
		close(fd);
}
