/*
 * fuzz_route.c — libFuzzer harness for the request target: the path and
 * its ids as the router matches them (api_router.c) and the query string
 * as libmicrohttpd splits it and the API reads it (http_request.c,
 * api_json.c's api_param_*, the list filters of api_record.c), through the
 * real server: http_start() and the API on a small database made at start,
 * a keep-alive connection on 127.0.0.1, an administrator's session.
 *
 * The first byte of an input chooses the method and the language, the rest
 * is the target, sent with every byte outside '!'..'~' (and '#', '%' only
 * when not escaping) escaped as %XX, so any byte can reach a decoded value.
 * The session is a cookie without its CSRF token: writes are refused
 * (403) before they change anything, so every input meets the same data.
 * Checks: every request is answered, never 5xx, errors and answers that
 * say so in JSON; the sanitizers watch the server's threads too.
 *
 * Build (from the top of the tree; scripts/fuzz.sh runs this very line):
 *   mkdir -p build-fuzz && clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=all -D_GNU_SOURCE -Isrc tests/fuzz/fuzz_route.c \
 *     src/text/text_*.c src/core/core_*.c src/store/store_*.c src/http/http_*.c src/api/api_*.c \
 *     src/io/io_*.c $(pkg-config --cflags --libs jansson libsodium libutf8proc icu-uc icu-i18n \
 *     sqlite3 libmicrohttpd expat libzip xlsxwriter) -lcsv -lpthread -o build-fuzz/fuzz_route
 * Run (new inputs go to the first directory):
 *   mkdir -p build-fuzz/corpus_route && build-fuzz/fuzz_route -max_total_time=60 \
 *     build-fuzz/corpus_route tests/fuzz/corpus_route
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "api/api.h"
#include "io/io.h"
#include "store/store.h"

#define CHECK(c)	do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, \
			    __LINE__, #c); abort(); } } while (0)
#define TARGET_MAX	6000	/* past LIMIT_URL_BYTES, so 414 is reached */
#define PASSWORD	"Mật khẩu thử nghiệm 2025"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char orgs_csv[] =
    "code,kind,name,parent_code\n"
    "VN,national,Ban Chấp hành Trung ương Đảng,\n"
    "TB,province_committee,Đảng bộ tỉnh Thái Bình,VN\n"
    "TB.TT,district_committee,Đảng bộ huyện Thái Thụy,TB\n"
    "TB.TT.THT,base_committee,Đảng bộ xã Thụy Hải,TB.TT\n"
    "TB.TT.THT.C01,cell,Chi bộ thôn Đông Hồ,TB.TT.THT\n";
static const char people_csv[] =
    "code,full_name,gender,birth_year,party_member,org_code,position\n"
    "DV000001,Nguyễn Hoàng Việt,male,1981,1,TB.TT.THT.C01,Bí thư chi bộ\n"
    "DV000002,Trần Thị Lan,female,1990,1,TB.TT.THT.C01,\n"
    "DV000003,Lê Văn Bình,male,1975,1,TB.TT.THT,Phó bí thư\n";
static const char activities_csv[] =
    "org_code,kind,date,title\n"
    "TB.TT.THT.C01,cell_meeting,2025-03-05,Sinh hoạt chi bộ tháng 3\n";

static const char *const method_names[] = {
	"GET", "GET", "HEAD", "POST", "PATCH", "DELETE", "PUT", "OPTIONS",
};

static int port;
static int sock = -1;
static char token[64];

/* Imports csv as records of type t (the command line's way). */
static void
load(struct store *st, enum io_type t, const char *csv)
{
	struct io_import_opts o = { .type = t, .today = "2025-07-01" };
	struct io_counts n;
	int fd = memfd_create("fuzz_route", 0);

	CHECK(fd >= 0 && write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv));
	CHECK(io_import_fd(st, fd, &o, &n) == 0 && n.created > 0);
	close(fd);
}

/* The database: a few units, people, a meeting and an administrator of
 * the whole tree. */
static void
make_db(const char *path)
{
	struct record *acc = record_new(&rtypes[RT_ACCOUNT]), *root = NULL;
	char err[256], hash[128];
	struct store *st;

	CHECK(auth_init() == 0);
	CHECK((st = store_open(path, err, sizeof(err))) != NULL);
	CHECK(store_migrate(st, NULL) == ST_OK);
	load(st, IO_ORGS, orgs_csv);
	load(st, IO_PEOPLE, people_csv);
	load(st, IO_ACTIVITIES, activities_csv);
	CHECK(store_org_by_code(st, "VN", &root) == ST_OK);
	CHECK(auth_password_hash(PASSWORD, hash) == 0);
	record_set_text(acc, ACCOUNT_USERNAME, "quantri");
	record_set_text(acc, ACCOUNT_ROLE, "admin");
	record_set_text(acc, ACCOUNT_DISPLAY_NAME, "Quản trị thử");
	record_set_int(acc, ACCOUNT_ORG, root->id);
	record_set_text(acc, ACCOUNT_PW_HASH, hash);
	record_set_int(acc, ACCOUNT_DISABLED, 0);
	CHECK(store_begin(st, true) == ST_OK && store_insert(st, acc) == ST_OK &&
	    store_commit(st) == ST_OK);
	record_free(acc);
	record_free(root);
	store_close(st);
}

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
 * connection was closed before it (the caller connects again). */
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
	static const char body[] = "{\"username\":\"quantri\",\"password\":\"" PASSWORD "\"}";
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
	static char dir[] = "/tmp/fuzz_route.XXXXXX";
	static struct api_options opt = { .live_units = -1 };
	struct http_config cfg = { .host = "127.0.0.1", .threads = 2, .quiet = 1 };
	struct http_server *srv;
	struct api *api;
	char db[64], err[256];

	(void)argc, (void)argv;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/route.db", dir);
	make_db(db);
	CHECK((api = api_new(db, &opt, err, sizeof(err))) != NULL);
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
