/*
 * http_request.c — what a request asks for: method, path, body, client
 * address, query arguments, headers, cookies and preferred language.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>

#include "http/http_private.h"

enum http_method
http_method(const struct http_req *r)
{
	return r->method;
}

const char *
http_method_name(const struct http_req *r)
{
	return r->method_name;
}

const char *
http_path(const struct http_req *r)
{
	return r->path;
}

const char *
http_body(const struct http_req *r, size_t *len)
{
	*len = r->body_len;
	return r->body;
}

const char *
http_client_ip(const struct http_req *r)
{
	return r->ip;
}

int
http_secure(const struct http_req *r)
{
	return r->https;
}

const char *
http_query(const struct http_req *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

struct query_buf {
	char *buf;
	size_t cap, off;
	bool full;
};

/* Appends s with '%', '&' and '=' escaped, so that no two queries read alike. */
static void
query_put(struct query_buf *b, const char *s)
{
	for (; s != NULL && *s != '\0' && !b->full; s++) {
		bool esc = *s == '%' || *s == '&' || *s == '=';

		if (b->off + (esc ? 3 : 1) >= b->cap) {
			b->full = true;
			break;
		}
		if (esc)
			b->off += (size_t)snprintf(b->buf + b->off, 4, "%%%02X", (unsigned char)*s);
		else
			b->buf[b->off++] = *s;
	}
}

static enum MHD_Result
query_arg(void *arg, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct query_buf *b = arg;

	(void)kind;
	if (b->off > 0 && b->off + 1 < b->cap)
		b->buf[b->off++] = '&';
	query_put(b, key);
	if (b->off + 1 < b->cap)
		b->buf[b->off++] = '=';
	else
		b->full = true;
	query_put(b, value);
	return b->full ? MHD_NO : MHD_YES;
}

int
http_query_all(const struct http_req *r, char *buf, size_t cap)
{
	struct query_buf b = { buf, cap, 0, false };

	if (cap == 0)
		return -1;
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_arg, &b);
	buf[b.off < cap ? b.off : cap - 1] = '\0';
	return b.full ? -1 : 0;
}

const char *
http_header(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
http_cookie(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int
http_lang_en(const struct http_req *r)
{
	const char *al = http_header(r, "Accept-Language");

	/* The first language named wins; Vietnamese is the default. */
	while (al != NULL && (*al == ' ' || *al == '\t'))
		al++;
	return al != NULL && strncasecmp(al, "en", 2) == 0;
}

void
http_set_user(struct http_req *r, const char *username)
{
	size_t n = strlen(username);

	if (n >= sizeof(r->user))
		n = sizeof(r->user) - 1;
	memcpy(r->user, username, n);
	r->user[n] = '\0';
}

void
http_req_free(struct http_req *r)
{
	if (r == NULL)
		return;
	for (int i = 0; i < r->nhdrs; i++) {
		free(r->hdrs[i].name);
		free(r->hdrs[i].value);
	}
	free(r->hdrs);
	free(r->body);
	if (r->held_resp != NULL)
		MHD_destroy_response(r->held_resp);
	free(r);
}
