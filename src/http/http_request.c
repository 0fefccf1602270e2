/*
 * http_request.c — what a request asks for: method, path, body, client
 * address, query arguments, headers, cookies and preferred language.
 */
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

const char *
http_query(const struct http_req *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
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
	free(r);
}
