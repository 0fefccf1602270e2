/*
 * http.h — the HTTP layer: a libmicrohttpd server with a thread pool, request
 * bodies bounded by LIMIT_BODY_BYTES, security headers on every response,
 * static files from web/, one access-log line per request, and a clean stop.
 * It knows nothing of JSON or the database: /api/ requests go to the handler
 * given in struct http_config, which answers with http_reply().
 */
#ifndef LAMTHEO_HTTP_H
#define LAMTHEO_HTTP_H

#include <stddef.h>
#include <stdint.h>

enum http_method {
	HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE,
	HTTP_OPTIONS, HTTP_OTHER, HTTP_METHOD__MAX
};

struct http_req;

/* What a request asks for.  Strings live as long as the request. */
enum http_method http_method(const struct http_req *r);
const char *http_method_name(const struct http_req *r);
const char *http_path(const struct http_req *r);
/* The body, NUL-terminated (len excludes the NUL); NULL/0 when there is none. */
const char *http_body(const struct http_req *r, size_t *len);
/* The client's address: the peer's, or the one a trusted proxy reports. */
const char *http_client_ip(const struct http_req *r);
/* 1 when the request came over HTTPS: a trusted proxy says so
 * (X-Forwarded-Proto: https) or the server is reached only that way
 * (http_config.https).  Answers then carry HSTS; cookies must be Secure. */
int http_secure(const struct http_req *r);
/* Query-string argument (decoded), header, or cookie value; NULL if absent. */
const char *http_query(const struct http_req *r, const char *key);
const char *http_header(const struct http_req *r, const char *name);
const char *http_cookie(const struct http_req *r, const char *name);
/* Every query argument, decoded, as "k=v&k=v" in the order given ('%', '&'
 * and '=' inside them escaped), into buf; -1 when it does not fit. */
int http_query_all(const struct http_req *r, char *buf, size_t cap);
/* 1 when Accept-Language prefers English, else 0 (Vietnamese). */
int http_lang_en(const struct http_req *r);

/* Notes the account a request acted for, for the access log. */
void http_set_user(struct http_req *r, const char *username);

/* Adds a response header (copied) to the reply that follows. */
void http_add_header(struct http_req *r, const char *name, const char *value);

/*
 * Answers the request: status, Content-Type and body (copied).  Call exactly
 * once per request; a second call is ignored.  Security headers are added.
 */
void http_reply(struct http_req *r, int status, const char *content_type,
    const char *body, size_t len);

/*
 * Hands the request to another thread.  The connection is suspended (its
 * worker thread goes on serving other connections) and from now on
 * http_reply() holds the answer instead of sending it.  Call from the
 * handler, before the request is handed over; the thread that takes it may
 * then call http_reply(), http_unreply() and, once, http_resume().
 */
void http_suspend(struct http_req *r);
/* Discards the held answer, so that another one can be given: a write
 * whose group did not commit is answered 503 instead. */
void http_unreply(struct http_req *r);
/* Sends the held answer: the connection is resumed by its own thread.
 * The request must not be touched after this. */
void http_resume(struct http_req *r);

/* Whether the request has its answer, and its status (0 before). */
int http_replied(const struct http_req *r);
int http_status(const struct http_req *r);

typedef void (*http_handler)(struct http_req *r, void *arg);
/* Asked, from the headers alone, whether a body larger than LIMIT_BODY_BYTES
 * (an import's file) may be read: 0 to read it; otherwise it has answered
 * (http_reply) and the body is never read. */
typedef int (*http_admit)(struct http_req *r, void *arg);

struct http_config {
	const char *host;		/* listen address, e.g. "127.0.0.1" */
	int port;
	int threads;			/* worker threads (0: number of CPUs, at least 2) */
	const char *webdir;		/* static files; NULL for none */
	http_handler api;		/* handles every path under /api/ and /healthz */
	http_admit admit;		/* before a large body (NULL: always read it) */
	void *api_arg;
	int quiet;			/* no access log */
	/* Peers believed about the client (X-Forwarded-For, X-Real-IP,
	 * X-Forwarded-Proto), from http_proxies_parse(); NULL: none. */
	const struct http_proxies *proxies;
	int https;			/* reached over HTTPS only (a TLS proxy in front) */
};

/*
 * http_proxy.c: the trusted reverse proxies, from a list of addresses and
 * networks "ADDR[/BITS][,ADDR[/BITS]...]" (IPv4 or IPv6; NULL or "": none).
 * NULL with a message in err when the list does not read; the caller frees
 * with http_proxies_free() once the server stopped.
 */
struct http_proxies;
struct http_proxies *http_proxies_parse(const char *list, char *err, size_t errlen);
void http_proxies_free(struct http_proxies *p);

struct http_server;

/* Starts listening.  NULL with a message in err on failure. */
struct http_server *http_start(const struct http_config *cfg, char *err, size_t errlen);

/* Stops accepting, lets running requests finish, frees the server. */
void http_stop(struct http_server *s);

/* The port actually bound (useful with port 0). */
int http_port(const struct http_server *s);

/* http_static.c: serves a file below webdir for GET/HEAD of path. */
void http_static(struct http_req *r, const char *webdir);

#endif
