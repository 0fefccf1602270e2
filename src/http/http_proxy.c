/*
 * http_proxy.c — the client behind a trusted reverse proxy (nginx doing
 * TLS): its address, for the log-in rate limits, the sessions and the
 * access log, and whether it came over HTTPS, for the Secure cookie and
 * HSTS.
 *
 * The headers that say so (X-Forwarded-For, X-Real-IP, X-Forwarded-Proto)
 * are anyone's to send: they are read only when the connection comes from
 * an address of --trusted-proxy, and never otherwise.  X-Forwarded-For is
 * read from the right, the end the nearest proxy appends to: the client is
 * the first address that is not itself a trusted proxy, so that addresses
 * a client put in the header on its own are never taken for its own.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/http_private.h"
#include "limits.h"

/* An address or a network, as IPv6 (IPv4 mapped to ::ffff:0:0/96). */
struct net {
	unsigned char a[16];
	int bits;
};

struct http_proxies {
	struct net net[LIMIT_TRUSTED_PROXIES];
	int n;
};

/* An address (no network) from n bytes of text; 0 or -1. */
static int
addr_parse(const char *s, size_t n, unsigned char a[16], int *bits)
{
	char buf[INET6_ADDRSTRLEN];
	struct in_addr v4;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, &v4) == 1) {
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
		memcpy(a + 12, &v4, 4);
		*bits = 128;
		return 32;	/* the bits an IPv4 prefix length counts */
	}
	if (inet_pton(AF_INET6, buf, a) == 1) {
		*bits = 128;
		return 128;
	}
	return -1;
}

/* Does network net hold address a? */
static bool
net_has(const struct net *net, const unsigned char a[16])
{
	int full = net->bits / 8, rest = net->bits % 8;

	if (memcmp(net->a, a, (size_t)full) != 0)
		return false;
	return rest == 0 || ((net->a[full] ^ a[full]) & (0xff << (8 - rest))) == 0;
}

static bool
trusted(const struct http_proxies *p, const unsigned char a[16])
{
	for (int i = 0; p != NULL && i < p->n; i++)
		if (net_has(&p->net[i], a))
			return true;
	return false;
}

struct http_proxies *
http_proxies_parse(const char *list, char *err, size_t errlen)
{
	struct http_proxies *p = calloc(1, sizeof(*p));
	const char *s = list, *end;

	if (p == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (; list != NULL && *s != '\0'; s = *end ? end + 1 : end) {
		const char *slash;
		struct net *net = &p->net[p->n];
		size_t n;
		int width;
		char *e;

		while (*s == ' ')
			s++;
		end = s + strcspn(s, ",");
		n = (size_t)(end - s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
		slash = memchr(s, '/', n);
		if (p->n == LIMIT_TRUSTED_PROXIES) {
			snprintf(err, errlen, "more than %d trusted proxies", LIMIT_TRUSTED_PROXIES);
			goto fail;
		}
		width = addr_parse(s, slash ? (size_t)(slash - s) : n, net->a, &net->bits);
		if (width < 0) {
			snprintf(err, errlen, "'%.*s' is not an IPv4 or IPv6 address "
			    "(ADDR or ADDR/BITS)", (int)n, s);
			goto fail;
		}
		if (slash != NULL) {
			long bits = strtol(slash + 1, &e, 10);

			if (e != s + n || slash + 1 == e || bits < 0 || bits > width) {
				snprintf(err, errlen, "'%.*s': a network's prefix is 0 to %d bits",
				    (int)n, s, width);
				goto fail;
			}
			net->bits = (int)bits + 128 - width;
		}
		/* The host bits of a network are ignored: 10.1.2.3/8 is 10/8. */
		for (int b = net->bits; b < 128; b++)
			net->a[b / 8] &= (unsigned char)~(0x80 >> (b % 8));
		p->n++;
	}
	return p;
fail:
	free(p);
	return NULL;
}

void
http_proxies_free(struct http_proxies *p)
{
	free(p);
}

/* The connection's peer as IPv6 (IPv4 mapped); -1 when it has none. */
static int
peer_addr(struct MHD_Connection *c, unsigned char a[16])
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (sa != NULL && sa->sa_family == AF_INET) {
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
		memcpy(a + 12, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
		return 0;
	}
	if (sa != NULL && sa->sa_family == AF_INET6) {
		memcpy(a, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
		return 0;
	}
	return -1;
}

/* The text of address a (IPv4 mapped ones as IPv4) into buf. */
static void
addr_text(const unsigned char a[16], char *buf, size_t cap)
{
	static const unsigned char mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (memcmp(a, mapped, 12) == 0)
		inet_ntop(AF_INET, a + 12, buf, (socklen_t)cap);
	else
		inet_ntop(AF_INET6, a, buf, (socklen_t)cap);
}

/* The X-Forwarded-For headers, in the order received (a proxy may add its
 * own header instead of appending to the one it got). */
struct xff {
	const char *v[LIMIT_FORWARDED_HEADERS];
	int n;
	bool over;
};

static enum MHD_Result
xff_header(void *arg, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct xff *x = arg;

	(void)kind;
	if (strcasecmp(key, "X-Forwarded-For") != 0)
		return MHD_YES;
	if (x->n == LIMIT_FORWARDED_HEADERS) {
		x->over = true;
		return MHD_NO;
	}
	x->v[x->n++] = value;
	return MHD_YES;
}

/*
 * The client as the trusted proxies in front report it, into a (which
 * holds the peer, a trusted proxy): the rightmost address of
 * X-Forwarded-For that is not a trusted proxy; without that header,
 * X-Real-IP.  A value that does not read as an address stops the walk: a
 * itself is then the last trusted hop that vouched for it.
 */
static void
forwarded_client(struct http_req *r, const struct http_proxies *p, unsigned char a[16])
{
	struct xff x = { .n = 0 };
	const char *real;
	int bits;

	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, xff_header, &x);
	if (x.over)
		return;
	for (int h = x.n - 1; h >= 0; h--) {
		const char *v = x.v[h], *end = v + strlen(v);

		while (end > v) {
			const char *s = end;
			unsigned char hop[16];
			size_t n;

			while (s > v && s[-1] != ',')
				s--;
			n = (size_t)(end - s);
			end = s > v ? s - 1 : v;
			while (n > 0 && (*s == ' ' || *s == '\t'))
				s++, n--;
			while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
				n--;
			if (addr_parse(s, n, hop, &bits) < 0)
				return;
			memcpy(a, hop, 16);
			if (!trusted(p, hop))
				return;
		}
	}
	if (x.n == 0 && (real = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    "X-Real-IP")) != NULL) {
		unsigned char hop[16];

		if (addr_parse(real, strlen(real), hop, &bits) >= 0)
			memcpy(a, hop, 16);
	}
}

/* X-Forwarded-Proto, as the nearest proxy set it (its last value): https? */
static bool
forwarded_https(struct http_req *r)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    "X-Forwarded-Proto"), *last;

	if (v == NULL)
		return false;
	last = strrchr(v, ',');
	last = last ? last + 1 : v;
	while (*last == ' ' || *last == '\t')
		last++;
	return strncasecmp(last, "https", 5) == 0 &&
	    (last[5] == '\0' || last[5] == ' ' || last[5] == '\t');
}

void
http_proxy_client(struct http_req *r, const struct http_proxies *p)
{
	unsigned char a[16];

	if (p == NULL || p->n == 0 || peer_addr(r->conn, a) != 0 || !trusted(p, a))
		return;
	forwarded_client(r, p, a);
	addr_text(a, r->ip, sizeof(r->ip));
	if (forwarded_https(r))
		r->https = true;
}
