/*
 * http_private.h — the request structure shared by the http_*.c files only.
 */
#ifndef LAMTHEO_HTTP_PRIVATE_H
#define LAMTHEO_HTTP_PRIVATE_H

#include <stdbool.h>
#include <time.h>

#include <microhttpd.h>

#include "http/http.h"

struct http_hdr {
	char *name, *value;
};

struct http_req {
	struct MHD_Connection *conn;
	enum http_method method;
	const char *method_name;
	const char *path;
	char ip[64];		/* the client: the peer, or as a trusted proxy says */
	bool https;		/* came over HTTPS (a trusted proxy says so, or --secure-cookies) */
	struct timespec start;

	char *body;		/* accumulated upload, NUL-terminated */
	size_t body_len;
	size_t body_cap;	/* bytes allocated for body */
	bool too_large;		/* the body passed LIMIT_BODY_BYTES */
	bool started;		/* first call done (see STACK.md trap 1) */
	int bad_target;		/* the request target as sent: 414 too long, 400 %00; 0 */

	struct http_hdr *hdrs;	/* extra response headers */
	int nhdrs;
	bool replied;
	bool held;		/* suspended: http_reply keeps the answer in held_resp */
	struct MHD_Response *held_resp;
	unsigned held_status;
	int status;
	size_t sent;
	char user[80];
};

/* The route every request takes once its body is read. */
void http_dispatch(struct http_req *r, void *server);

/* Sends the answer held while the request was suspended (http_response.c). */
int http_send_held(struct http_req *r);

/* http_proxy.c: when the peer of r is a trusted proxy: r->ip and r->https as it says
 * (X-Forwarded-For or X-Real-IP, X-Forwarded-Proto); else unchanged. */
void http_proxy_client(struct http_req *r, const struct http_proxies *p);

/* Frees the request (MHD's completion callback calls this). */
void http_req_free(struct http_req *r);

#endif
