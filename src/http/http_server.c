/*
 * http_server.c — the libmicrohttpd daemon: epoll with a thread pool, the
 * named limits as connection options, the request lifecycle (first call,
 * body upload, dispatch, completion) and the access log.  The client's
 * address is the peer's, or the one a trusted proxy reports (http_proxy.c).
 *
 * Per-request state is allocated when the request line has been read (the
 * URI callback, which also judges the request target as the client sent
 * it) and freed in exactly one place, the completion callback.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "http/http_private.h"
#include "limits.h"

struct http_server {
	struct MHD_Daemon *d;
	struct http_config cfg;
	int port;
};

static const struct {
	const char *name;
	enum http_method m;
} methods[] = {
	{ "GET", HTTP_GET }, { "HEAD", HTTP_HEAD }, { "POST", HTTP_POST },
	{ "PUT", HTTP_PUT }, { "PATCH", HTTP_PATCH }, { "DELETE", HTTP_DELETE },
	{ "OPTIONS", HTTP_OPTIONS },
};

static enum http_method
parse_method(const char *s)
{
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(s, methods[i].name) == 0)
			return methods[i].m;
	return HTTP_OTHER;
}

static void
client_ip(struct MHD_Connection *c, char *buf, size_t cap)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(buf, cap, "-");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    buf, (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		    buf, (socklen_t)cap);
}

static void
reply_plain_error(struct http_req *r, int status, const char *code, const char *msg)
{
	char body[256];
	int n = snprintf(body, sizeof(body),
	    "{\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}", code, msg);

	http_add_header(r, "Cache-Control", "no-store");
	http_reply(r, status, "application/json; charset=utf-8", body, (size_t)n);
}

/* The largest body a path takes: a file upload (bulk import) or JSON. */
static size_t
body_limit(const char *path)
{
	return strcmp(path, "/api/v1/import") == 0 ? LIMIT_IMPORT_FILE_BYTES : LIMIT_BODY_BYTES;
}

void
http_dispatch(struct http_req *r, void *server)
{
	struct http_server *s = server;
	const char *p = r->path;

	if (r->bad_target == 414) {
		reply_plain_error(r, 414, "uri_too_long", http_lang_en(r) ?
		    "The address of the request is too long" :
		    "Địa chỉ yêu cầu quá dài");
		return;
	}
	if (r->bad_target != 0) {
		reply_plain_error(r, 400, "bad_request", http_lang_en(r) ?
		    "The address of the request holds a NUL byte (%00)" :
		    "Địa chỉ yêu cầu chứa ký tự rỗng (%00) không hợp lệ");
		return;
	}
	if (r->too_large) {
		if (body_limit(r->path) > LIMIT_BODY_BYTES)
			reply_plain_error(r, 413, "too_large", http_lang_en(r) ?
			    "The file is too large (limit 100 MiB): save it as CSV or split it" :
			    "Tệp quá lớn (tối đa 100 MiB): lưu thành CSV hoặc chia nhỏ");
		else if (http_lang_en(r))
			reply_plain_error(r, 413, "too_large", "The request body is too large (limit 1 MiB)");
		else
			reply_plain_error(r, 413, "too_large", "Dữ liệu gửi lên quá lớn (tối đa 1 MiB)");
		return;
	}
	if (strncmp(p, "/api/", 5) == 0 || strcmp(p, "/api") == 0 ||
	    strcmp(p, "/healthz") == 0) {
		s->cfg.api(r, s->cfg.api_arg);
		if (!r->held && !r->replied)	/* held: answered by another thread */
			reply_plain_error(r, 500, "internal", "no reply");
		return;
	}
	if (s->cfg.webdir != NULL && (r->method == HTTP_GET || r->method == HTTP_HEAD)) {
		http_static(r, s->cfg.webdir);
		return;
	}
	if (s->cfg.webdir != NULL) {
		http_add_header(r, "Allow", "GET, HEAD");
		reply_plain_error(r, 405, "method_not_allowed", "Method not allowed");
		return;
	}
	reply_plain_error(r, 404, "not_found", "Not found");
}

/* Does the request target hold an escaped NUL byte?  Decoded, it would
 * end the path or a parameter early: "/people/1%00junk" would read as
 * "/people/1". */
static bool
escaped_nul(const char *uri)
{
	for (const char *p = strchr(uri, '%'); p != NULL; p = strchr(p + 1, '%'))
		if (p[1] == '0' && p[2] == '0')
			return true;
	return false;
}

/*
 * Called once the request line is read, before the headers: the request,
 * allocated here (its pointer becomes *req_cls of on_request), and the
 * target as the client sent it, still escaped and with its query string:
 * over LIMIT_URL_BYTES it is refused 414, with %00 400 (http_dispatch).
 * NULL on OOM (on_request then drops the connection).
 */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct http_req *r = calloc(1, sizeof(*r));

	(void)cls;
	if (r == NULL)
		return NULL;
	r->conn = conn;
	r->method_name = "-";
	r->path = "-";
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	client_ip(conn, r->ip, sizeof(r->ip));
	if (strlen(uri) > LIMIT_URL_BYTES)
		r->bad_target = 414;
	else if (escaped_nul(uri))
		r->bad_target = 400;
	return r;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **req_cls)
{
	struct http_server *s = cls;
	struct http_req *r = *req_cls;

	(void)version;
	if (r == NULL)
		return MHD_NO;	/* on_uri could not allocate it */
	if (!r->started) {
		const char *cl;

		r->started = true;
		/* The headers are in: the client as a trusted proxy reports it. */
		http_proxy_client(r, s->cfg.proxies);
		if (s->cfg.https)
			r->https = true;
		r->method_name = method;
		r->method = parse_method(method);
		r->path = url;
		/* A bad target is refused before any body is read. */
		if (r->bad_target != 0) {
			http_dispatch(r, s);
			return MHD_YES;
		}
		/* A declared body over the limit is refused before it is read. */
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL && strtoull(cl, NULL, 10) > body_limit(url)) {
			r->too_large = true;
			http_dispatch(r, s);
			return MHD_YES;
		}
		/* A large body (an import's file) is read only for a session
		 * that may send it: an anonymous upload is answered 401 before
		 * its first byte is held in memory. */
		if (body_limit(url) > LIMIT_BODY_BYTES && s->cfg.admit != NULL &&
		    s->cfg.admit(r, s->cfg.api_arg) != 0)
			return MHD_YES;
		return MHD_YES;	/* answer on a later call: keeps keep-alive */
	}
	if (r->held) {
		/* Called again once resumed (http_resume): the held answer. */
		return http_send_held(r) == 0 ? MHD_YES : MHD_NO;
	}
	if (r->replied)
		return MHD_YES;
	if (*upload_data_size > 0) {
		size_t n = *upload_data_size;

		if (!r->too_large && r->body_len + n <= body_limit(r->path)) {
			char *b;

			/* Grow by doubling: an uploaded file comes in many pieces. */
			if (r->body_len + n + 1 > r->body_cap) {
				size_t cap = r->body_cap ? r->body_cap : 4096;

				while (cap < r->body_len + n + 1)
					cap *= 2;
				if ((b = realloc(r->body, cap)) == NULL)
					return MHD_NO;
				r->body = b;
				r->body_cap = cap;
			}
			memcpy(r->body + r->body_len, upload_data, n);
			r->body_len += n;
			r->body[r->body_len] = '\0';
		} else {
			r->too_large = true;	/* keep reading, answer 413 at the end */
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	http_dispatch(r, s);
	return MHD_YES;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct http_req *r = *req_cls;
	struct timespec end;
	double ms;

	(void)conn;
	if (r == NULL)
		return;
	if (!s->cfg.quiet) {
		clock_gettime(CLOCK_MONOTONIC, &end);
		ms = (double)(end.tv_sec - r->start.tv_sec) * 1e3 +
		    (double)(end.tv_nsec - r->start.tv_nsec) / 1e6;
		fprintf(stderr, "%s %s %s %d %zu %.1fms %s%s\n", r->ip, r->method_name,
		    r->path, r->replied ? r->status : 0, r->sent, ms,
		    r->user[0] ? r->user : "-",
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	}
	http_req_free(r);
	*req_cls = NULL;
}

struct http_server *
http_start(const struct http_config *cfg, char *err, size_t errlen)
{
	struct http_server *s;
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *di;
	int threads = cfg->threads;

	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->cfg = *cfg;
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		threads = n < 2 ? 2 : (int)n;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->host, &sa.sin_addr) != 1) {
		snprintf(err, errlen, "%s: not an IPv4 address", cfg->host);
		free(s);
		return NULL;
	}
	s->d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	    MHD_ALLOW_SUSPEND_RESUME,
	    0, NULL, NULL, on_request, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)LIMIT_CONNECTIONS,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)LIMIT_CONN_PER_IP,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)LIMIT_CONN_MEMORY,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)LIMIT_CONN_TIMEOUT_S,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		snprintf(err, errlen, "cannot listen on %s:%d", cfg->host, cfg->port);
		free(s);
		return NULL;
	}
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : cfg->port;
	return s;
}

int
http_port(const struct http_server *s)
{
	return s->port;
}

void
http_stop(struct http_server *s)
{
	if (s == NULL)
		return;
	MHD_stop_daemon(s->d);
	free(s);
}
