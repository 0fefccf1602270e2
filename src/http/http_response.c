/*
 * http_response.c — answering a request: one reply per request, with the
 * security headers every response carries (CSP without inline script, no
 * framing, no sniffing, no referrer; HSTS over HTTPS) and the handler's own
 * headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_private.h"
#include "limits.h"

#define STR(x) #x
#define XSTR(x) STR(x)

static const char *const security_headers[][2] = {
	{ "Content-Security-Policy", "default-src 'self'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
	    "font-src 'self'; object-src 'none'; base-uri 'none'; "
	    "form-action 'self'; frame-ancestors 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "no-referrer" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

static const char hsts[] = "max-age=" XSTR(HSTS_MAX_AGE_S);

void
http_add_header(struct http_req *r, const char *name, const char *value)
{
	struct http_hdr *h = realloc(r->hdrs, (size_t)(r->nhdrs + 1) * sizeof(*h));

	if (h == NULL)
		return;		/* an optional header is dropped under OOM */
	r->hdrs = h;
	h[r->nhdrs].name = strdup(name);
	h[r->nhdrs].value = strdup(value);
	if (h[r->nhdrs].name == NULL || h[r->nhdrs].value == NULL) {
		free(h[r->nhdrs].name);
		free(h[r->nhdrs].value);
		return;
	}
	r->nhdrs++;
}

void
http_reply(struct http_req *r, int status, const char *content_type,
    const char *body, size_t len)
{
	struct MHD_Response *resp;

	if (r->replied)
		return;
	r->replied = true;
	resp = MHD_create_response_from_buffer(len, (void *)body,
	    MHD_RESPMEM_MUST_COPY);
	if (resp == NULL) {
		r->status = 500;
		return;		/* MHD closes the connection */
	}
	for (size_t i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	if (content_type != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	/* Only over HTTPS: a browser ignores it over HTTP (RFC 6797 8.1),
	 * and a server reached both ways must not pin itself to HTTPS. */
	if (r->https)
		MHD_add_response_header(resp, "Strict-Transport-Security", hsts);
	for (int i = 0; i < r->nhdrs; i++)
		MHD_add_response_header(resp, r->hdrs[i].name, r->hdrs[i].value);
	if (r->held) {
		/* Sent by the connection's own thread once resumed (on_request). */
		r->held_resp = resp;
		r->held_status = (unsigned)status;
		r->status = status;
		r->sent = len;
		return;
	}
	if (MHD_queue_response(r->conn, (unsigned)status, resp) == MHD_YES) {
		r->status = status;
		r->sent = len;
	} else {
		r->status = 500;
	}
	MHD_destroy_response(resp);
}

void
http_suspend(struct http_req *r)
{
	r->held = true;
	MHD_suspend_connection(r->conn);
}

void
http_unreply(struct http_req *r)
{
	if (!r->held)
		return;
	if (r->held_resp != NULL)
		MHD_destroy_response(r->held_resp);
	r->held_resp = NULL;
	r->replied = false;
	for (int i = 0; i < r->nhdrs; i++) {
		free(r->hdrs[i].name);
		free(r->hdrs[i].value);
	}
	r->nhdrs = 0;
}

void
http_resume(struct http_req *r)
{
	MHD_resume_connection(r->conn);
}

/* The connection's thread, called again after http_resume(): sends the
 * held answer (on_request).  -1 when there is none to send: the connection
 * is then closed. */
int
http_send_held(struct http_req *r)
{
	struct MHD_Response *resp = r->held_resp;
	int rc = 0;

	r->held = false;
	r->held_resp = NULL;
	if (resp == NULL) {
		r->status = 500;
		return -1;
	}
	if (MHD_queue_response(r->conn, r->held_status, resp) != MHD_YES) {
		r->status = 500;
		rc = -1;
	}
	MHD_destroy_response(resp);
	return rc;
}

int
http_replied(const struct http_req *r)
{
	return r->replied;
}

int
http_status(const struct http_req *r)
{
	return r->replied ? r->status : 0;
}
