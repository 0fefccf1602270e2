/*
 * fuzz_route.c — libFuzzer harness for the request target: the path and
 * its ids as the router matches them (api_router.c) and the query string
 * as libmicrohttpd splits it and the API reads it (http_request.c,
 * api_json.c's api_param_*, the list filters of api_record.c), through the
 * real server: http_start() and the API on the small database of
 * fuzz_db.h, a keep-alive connection on 127.0.0.1, its administrator's
 * session.
 *
 * The first byte of an input chooses the method, the language and whether
 * an empty body is declared; the rest is the target, sent with every byte
 * outside '!'..'~' (and '#') escaped as %XX, so that any byte can reach a
 * decoded value ('%' itself is sent as it is: an input writes escapes of
 * its own, malformed ones too).
 * The session is a cookie without its CSRF token: writes are refused
 * (403) before they change anything, so every input meets the same data.
 * Checks: every request is answered, never 5xx, errors and answers that
 * say so in JSON; the sanitizers watch the server's threads too.
 *
 * Build (from the top of the tree; scripts/fuzz.sh runs this very line):
 *   mkdir -p build-fuzz && scripts/embed-words.sh data/common-passwords.txt \
 *     build-fuzz/common_passwords.c common_passwords && \
 *     clang -g -O1 -fsanitize=fuzzer,address,undefined build-fuzz/common_passwords.c \
 *     -fno-sanitize-recover=all -D_GNU_SOURCE -Isrc tests/fuzz/fuzz_route.c \
 *     src/text/text_*.c src/core/core_*.c src/store/store_*.c src/http/http_*.c src/api/api_*.c \
 *     src/io/io_*.c $(pkg-config --cflags --libs jansson libsodium libutf8proc icu-uc icu-i18n \
 *     sqlite3 libmicrohttpd expat libzip xlsxwriter liboath libqrencode) -lcsv -lpthread -o build-fuzz/fuzz_route
 * Run (new inputs go to the first directory):
 *   mkdir -p build-fuzz/corpus_route && build-fuzz/fuzz_route -max_total_time=60 \
 *     build-fuzz/corpus_route tests/fuzz/corpus_route
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <jansson.h>

#include "api/api.h"
#include "fuzz_db.h"

#define CHECK(c)	FUZZ_DB_CHECK(c)
#define TARGET_MAX	6000	/* past LIMIT_URL_BYTES, so 414 is reached */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const method_names[] = {
	"GET", "GET", "HEAD", "POST", "PATCH", "DELETE", "PUT", "OPTIONS",
};

static int port;
static int sock = -1;
static char token[64];

static void
reconnect(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	struct timeval tv = { .tv_sec = 15 };

	if (sock >= 0)
		close(sock);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK((sock = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	CHECK(setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
	CHECK(connect(sock, (struct sockaddr *)&sa, sizeof(sa)) == 0);
}

struct answer {
	int status;
	char *body;		/* NUL-terminated */
	size_t len;
	int closes;		/* the server closes the connection after it */
	int json;		/* its Content-Type says JSON */
};

/* Sends req on the connection and reads the answer: 0, or -1 when the
 * connection was closed or reset before it (the caller connects again and
 * sends it once more, as HTTP clients do with a stale connection). */
static int
exchange(const char *req, size_t reqlen, int head, struct answer *a)
{
	static char buf[1 << 20];
	size_t got = 0, want = 0;
	char *end = NULL, *cl;
	ssize_t n;

	if (send(sock, req, reqlen, MSG_NOSIGNAL) != (ssize_t)reqlen)
		return -1;
	for (;;) {
		int one = 1;

		/* ACK at once: the server's second segment does not wait for
		 * the delayed ACK of its first (Nagle). */
		setsockopt(sock, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
		n = recv(sock, buf + got, sizeof(buf) - 1 - got, 0);
		if (n < 0 && errno == EINTR)
			continue;	/* libFuzzer's SIGALRM (-timeout) */
		/* A kept-alive connection the server had dropped is reset
		 * before any answer: the caller sends again on a new one. */
		if (n < 0 && got == 0 && errno == ECONNRESET)
			return -1;
		if (n < 0)
			fprintf(stderr, "no answer: %s\n", strerror(errno));
		CHECK(n >= 0);	/* an answer within 15 s */
		if (n == 0)
			break;
		got += (size_t)n;
		buf[got] = '\0';
		if (end == NULL && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			if ((cl = strcasestr(buf, "\r\nContent-Length:")) != NULL && cl < end)
				want = (size_t)(end + 4 - buf) + (head ? 0 :
				    strtoul(cl + 17, NULL, 10));
			else
				want = sizeof(buf);	/* until the server closes */
		}
		if (end != NULL && got >= want)
			break;
		CHECK(got < sizeof(buf) - 1);
	}
	if (end == NULL) {
		CHECK(got == 0);	/* closed before answering, or half an answer */
		return -1;
	}
	*end = '\0';
	CHECK(sscanf(buf, "HTTP/1.%*d %d", &a->status) == 1);
	a->closes = strcasestr(buf, "\r\nConnection: close") != NULL || want == sizeof(buf);
	a->json = strcasestr(buf, "\r\nContent-Type: application/json") != NULL;
	a->body = end + 4;
	a->len = got - (size_t)(end + 4 - buf);
	return 0;
}

/* Logs in as the administrator: the session's token. */
static void
log_in(void)
{
	static const char body[] = "{\"username\":\"" FUZZ_DB_USER "\",\"password\":\""
	    FUZZ_DB_PASSWORD "\"}";
	struct answer a;
	char req[512];
	json_t *j;
	int n = snprintf(req, sizeof(req), "POST /api/v1/login HTTP/1.1\r\nHost: fuzz\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
	    strlen(body), body);

	CHECK(exchange(req, (size_t)n, 0, &a) == 0 && a.status == 200);
	CHECK((j = json_loadb(a.body, a.len, 0, NULL)) != NULL);
	snprintf(token, sizeof(token), "%s", json_string_value(json_object_get(j, "token")));
	CHECK(token[0] != '\0');
	json_decref(j);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static struct api_options opt = { .live_units = -1 };
	struct http_config cfg = { .host = "127.0.0.1", .threads = 2, .quiet = 1 };
	struct http_server *srv;
	struct api *api;
	char err[256];

	(void)argc, (void)argv;
	CHECK((api = api_new(fuzz_db_make(), &opt, err, sizeof(err))) != NULL);
	cfg.api = api_handle;
	cfg.admit = api_admit;
	cfg.api_arg = api;
	CHECK((srv = http_start(&cfg, err, sizeof(err))) != NULL);
	port = http_port(srv);
	/* The server and the database live as long as the process. */
	reconnect();
	log_in();
	return 0;
}

/* The request of an input: method and language from data[0], the target
 * from the rest. */
static size_t
request(const uint8_t *data, size_t size, char *req, size_t cap, int *head)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *m = method_names[data[0] % 8];
	size_t off = (size_t)snprintf(req, cap, "%s ", m);

	*head = strcmp(m, "HEAD") == 0;
	for (size_t i = 1; i < size && off + 3 < cap - 256; i++) {
		uint8_t b = data[i];

		if (b > ' ' && b < 0x7f && b != '#') {
			req[off++] = (char)b;
		} else {
			req[off++] = '%';
			req[off++] = hex[b >> 4];
			req[off++] = hex[b & 15];
		}
	}
	if (size == 1)
		req[off++] = '/';
	off += (size_t)snprintf(req + off, cap - off, " HTTP/1.1\r\nHost: fuzz\r\n"
	    "Cookie: lt_session=%s\r\n%s%s\r\n", token,
	    data[0] & 8 ? "Accept-Language: en\r\n" : "",
	    data[0] & 16 ? "Content-Length: 0\r\n" : "");
	return off;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char req[3 * TARGET_MAX + 512];
	struct answer a;
	json_t *j;
	size_t n;
	int head;

	if (size < 1 || size > TARGET_MAX)
		return 0;
	n = request(data, size, req, sizeof(req), &head);
	if (exchange(req, n, head, &a) != 0) {
		reconnect();
		CHECK(exchange(req, n, head, &a) == 0);
	}
	if (a.status >= 500)
		fprintf(stderr, "%.*s\n%d %.*s\n", (int)n, req, a.status, (int)a.len, a.body);
	CHECK(a.status >= 200 && a.status < 500);
	/* Errors are JSON, and so is every answer that says it is (an
	 * export's is a file). */
	CHECK(a.json || a.status < 300);
	if (!head && a.json) {
		CHECK((j = json_loadb(a.body, a.len, 0, NULL)) != NULL);
		json_decref(j);
	}
	if (a.closes)
		reconnect();
	return 0;
}
