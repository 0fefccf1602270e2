/*
 * api_router.c — the route table of /api/v1 and the per-thread database
 * connections.  A route says its method, path pattern (":id" is a positive
 * integer), handler, whether it needs a session and a CSRF token and
 * whether it takes a body (a body sent to a route that takes none is
 * refused, not ignored); the handler then checks role and scope itself.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "limits.h"
#include "text/text.h"

#define MAX_STORES 256

struct api {
	char *db_path;
	pthread_mutex_t mu;
	struct store *stores[MAX_STORES];	/* every connection opened, closed by api_free */
	int nstores;
	struct api_memo *memo;
	struct api_writer *writer;	/* group commit of the write routes */
	struct api_keeper *keeper;	/* kept figures built in the background */
	struct api_options opt;
};

static _Thread_local struct store *tls_store;
static _Thread_local struct api *tls_owner;

#define R_PUBLIC	0x1	/* no session needed */
#define R_WRITE		0x2	/* changes data: CSRF checked for cookie sessions */
#define R_MEMO		0x4	/* a read whose answer is remembered until the data changes */
#define R_BODY		0x8	/* takes a body (JSON, or the file of an import) */
#define R_DIRECT	0x10	/* a write run on the worker thread in its own transaction,
				 * not in the writer's group: it checks a password
				 * (Argon2id, ~0,1 s and 32 MiB) that must not hold up
				 * every other write; it writes a few rows of one account */

enum route_id {
	ROUTE_HEALTHZ, ROUTE_META, ROUTE_LOGIN, ROUTE_LOGOUT, ROUTE_ME,
	ROUTE_ORGS, ROUTE_ORGS_POST, ROUTE_ORG, ROUTE_ORG_PATCH, ROUTE_ORG_MOVE, ROUTE_ORG_CLOSE,
	ROUTE_ORG_MERGE, ROUTE_ORG_HISTORY, ROUTE_PERSON_HISTORY,
	ROUTE_FIGURES, ROUTE_INDICATORS, ROUTE_INDICATOR, ROUTE_INDICATOR_RECORDS, ROUTE_QUALITY, ROUTE_QUALITY_ONE,
	ROUTE_YEARS, ROUTE_YEAR_HISTORY, ROUTE_YEAR_STEP, ROUTE_IMPORT, ROUTE_EXPORT,
	ROUTE_PEOPLE, ROUTE_PEOPLE_POST, ROUTE_PERSON, ROUTE_PERSON_PATCH, ROUTE_PERSON_TRANSFER,
	ROUTE_ACCOUNTS, ROUTE_ACCOUNTS_POST, ROUTE_ACCOUNT, ROUTE_ACCOUNT_PATCH,
	ROUTE_ACCOUNT_SESSIONS, ROUTE_ACCOUNT_SESSIONS_END, ROUTE_ACCOUNT_SESSION_END,
	ROUTE_ACCOUNT_TOTP_RESET,
	ROUTE_LOGIN_TOTP, ROUTE_LOGIN_ENROL, ROUTE_LOGIN_ENROL_CONFIRM,
	ROUTE_ME_PASSWORD, ROUTE_ME_TOTP, ROUTE_ME_TOTP_ENROL, ROUTE_ME_TOTP_CONFIRM,
	ROUTE_ME_TOTP_DISABLE, ROUTE_ME_TOTP_RECOVERY,
	/* Generic record types: ":type" is the path of one (core_model.c). */
	ROUTE_RECORDS, ROUTE_RECORDS_POST, ROUTE_RECORD, ROUTE_RECORD_PATCH,
	ROUTE_RECORD_DELETE, ROUTE_RECORD_SUB, ROUTE_RECORD_SUB_POST,
	ROUTE_RECORD_CHILD_DELETE, ROUTE_RECORD_CHILD_PATCH,
	ROUTE__MAX
};

struct route {
	enum http_method method;
	const char *pattern;
	void (*fn)(struct api_ctx *);
	unsigned flags;
};

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_HEALTHZ] = { HTTP_GET, "/healthz", api_healthz, R_PUBLIC },
	[ROUTE_META] = { HTTP_GET, "/api/v1/meta", api_meta, R_PUBLIC },
	[ROUTE_LOGIN] = { HTTP_POST, "/api/v1/login", api_login, R_PUBLIC | R_BODY },
	[ROUTE_LOGOUT] = { HTTP_POST, "/api/v1/logout", api_logout, R_WRITE },
	[ROUTE_ME] = { HTTP_GET, "/api/v1/me", api_me, 0 },
	[ROUTE_ORGS] = { HTTP_GET, "/api/v1/orgs", api_orgs_list, R_MEMO },
	[ROUTE_ORGS_POST] = { HTTP_POST, "/api/v1/orgs", api_org_create, R_WRITE | R_BODY },
	[ROUTE_ORG] = { HTTP_GET, "/api/v1/orgs/:id", api_org_get, 0 },
	[ROUTE_ORG_PATCH] = { HTTP_PATCH, "/api/v1/orgs/:id", api_org_patch, R_WRITE | R_BODY },
	[ROUTE_ORG_MOVE] = { HTTP_POST, "/api/v1/orgs/:id/move", api_org_move, R_WRITE | R_BODY },
	[ROUTE_ORG_CLOSE] = { HTTP_POST, "/api/v1/orgs/:id/close", api_org_close, R_WRITE | R_BODY },
	[ROUTE_ORG_MERGE] = { HTTP_POST, "/api/v1/orgs/:id/merge", api_org_merge, R_WRITE | R_BODY },
	[ROUTE_FIGURES] = { HTTP_GET, "/api/v1/figures", api_figures_state, 0 },
	[ROUTE_INDICATORS] = { HTTP_GET, "/api/v1/indicators", api_indicators, R_MEMO },
	[ROUTE_INDICATOR] = { HTTP_GET, "/api/v1/indicators/:sub", api_indicator_one, R_MEMO },
	[ROUTE_INDICATOR_RECORDS] = { HTTP_GET, "/api/v1/indicators/:sub/records",
	    api_indicator_records, R_MEMO },
	[ROUTE_QUALITY] = { HTTP_GET, "/api/v1/quality", api_quality, R_MEMO },
	[ROUTE_QUALITY_ONE] = { HTTP_GET, "/api/v1/quality/:sub", api_quality_one, R_MEMO },
	[ROUTE_YEARS] = { HTTP_GET, "/api/v1/year_reports", api_year_get, R_MEMO },
	[ROUTE_YEAR_HISTORY] = { HTTP_GET, "/api/v1/year_reports/history", api_year_history, 0 },
	[ROUTE_YEAR_STEP] = { HTTP_POST, "/api/v1/year_reports/:sub", api_year_step, R_WRITE | R_BODY },
	[ROUTE_IMPORT] = { HTTP_POST, "/api/v1/import", api_import, R_WRITE | R_BODY },
	[ROUTE_EXPORT] = { HTTP_GET, "/api/v1/export", api_export, 0 },
	[ROUTE_ORG_HISTORY] = { HTTP_GET, "/api/v1/orgs/:id/history", api_org_history, 0 },
	[ROUTE_PERSON_HISTORY] = { HTTP_GET, "/api/v1/people/:id/history",
	    api_person_history, 0 },
	[ROUTE_PEOPLE] = { HTTP_GET, "/api/v1/people", api_people_list, R_MEMO },
	[ROUTE_PEOPLE_POST] = { HTTP_POST, "/api/v1/people", api_person_create, R_WRITE | R_BODY },
	[ROUTE_PERSON] = { HTTP_GET, "/api/v1/people/:id", api_person_get, 0 },
	[ROUTE_PERSON_PATCH] = { HTTP_PATCH, "/api/v1/people/:id", api_person_patch, R_WRITE | R_BODY },
	[ROUTE_PERSON_TRANSFER] = { HTTP_POST, "/api/v1/people/:id/transfer",
	    api_person_transfer, R_WRITE | R_BODY },
	[ROUTE_ACCOUNTS] = { HTTP_GET, "/api/v1/accounts", api_accounts_list, 0 },
	[ROUTE_ACCOUNTS_POST] = { HTTP_POST, "/api/v1/accounts", api_account_create, R_WRITE | R_BODY },
	[ROUTE_ACCOUNT] = { HTTP_GET, "/api/v1/accounts/:id", api_account_get, 0 },
	[ROUTE_ACCOUNT_PATCH] = { HTTP_PATCH, "/api/v1/accounts/:id", api_account_patch,
	    R_WRITE | R_BODY },
	[ROUTE_ACCOUNT_SESSIONS] = { HTTP_GET, "/api/v1/accounts/:id/sessions",
	    api_account_sessions, 0 },
	[ROUTE_ACCOUNT_SESSIONS_END] = { HTTP_DELETE, "/api/v1/accounts/:id/sessions",
	    api_account_sessions_end, R_WRITE },
	[ROUTE_ACCOUNT_SESSION_END] = { HTTP_DELETE, "/api/v1/accounts/:id/sessions/:cid",
	    api_account_session_end, R_WRITE },
	[ROUTE_ACCOUNT_TOTP_RESET] = { HTTP_POST, "/api/v1/accounts/:id/totp/reset",
	    api_account_totp_reset, R_WRITE },
	/* The second log-in step: public like /login, a ticket instead of a
	 * session. */
	[ROUTE_LOGIN_TOTP] = { HTTP_POST, "/api/v1/login/totp", api_login_totp,
	    R_PUBLIC | R_BODY },
	[ROUTE_LOGIN_ENROL] = { HTTP_POST, "/api/v1/login/enrol", api_login_enrol,
	    R_PUBLIC | R_BODY },
	[ROUTE_LOGIN_ENROL_CONFIRM] = { HTTP_POST, "/api/v1/login/enrol/confirm",
	    api_login_enrol_confirm, R_PUBLIC | R_BODY },
	[ROUTE_ME_PASSWORD] = { HTTP_POST, "/api/v1/me/password", api_me_password,
	    R_WRITE | R_BODY | R_DIRECT },
	[ROUTE_ME_TOTP] = { HTTP_GET, "/api/v1/me/totp", api_me_totp, 0 },
	[ROUTE_ME_TOTP_ENROL] = { HTTP_POST, "/api/v1/me/totp/enrol", api_me_totp_enrol,
	    R_WRITE | R_BODY | R_DIRECT },
	[ROUTE_ME_TOTP_CONFIRM] = { HTTP_POST, "/api/v1/me/totp/confirm", api_me_totp_confirm,
	    R_WRITE | R_BODY | R_DIRECT },
	[ROUTE_ME_TOTP_DISABLE] = { HTTP_POST, "/api/v1/me/totp/disable", api_me_totp_disable,
	    R_WRITE | R_BODY | R_DIRECT },
	[ROUTE_ME_TOTP_RECOVERY] = { HTTP_POST, "/api/v1/me/totp/recovery",
	    api_me_totp_recovery, R_WRITE | R_BODY | R_DIRECT },
	[ROUTE_RECORDS] = { HTTP_GET, "/api/v1/:type", api_records_list, R_MEMO },
	[ROUTE_RECORDS_POST] = { HTTP_POST, "/api/v1/:type", api_records_create, R_WRITE | R_BODY },
	[ROUTE_RECORD] = { HTTP_GET, "/api/v1/:type/:id", api_record_get, 0 },
	[ROUTE_RECORD_PATCH] = { HTTP_PATCH, "/api/v1/:type/:id", api_record_patch, R_WRITE | R_BODY },
	[ROUTE_RECORD_DELETE] = { HTTP_DELETE, "/api/v1/:type/:id", api_record_delete,
	    R_WRITE },
	[ROUTE_RECORD_SUB] = { HTTP_GET, "/api/v1/:type/:id/:sub", api_record_get_sub, 0 },
	/* A child, or a step that may take a body: api_record_post_sub refuses
	 * one sent to a step that takes none. */
	[ROUTE_RECORD_SUB_POST] = { HTTP_POST, "/api/v1/:type/:id/:sub", api_record_post_sub,
	    R_WRITE | R_BODY },
	[ROUTE_RECORD_CHILD_DELETE] = { HTTP_DELETE, "/api/v1/:type/:id/:sub/:cid",
	    api_record_delete_child, R_WRITE },
	[ROUTE_RECORD_CHILD_PATCH] = { HTTP_PATCH, "/api/v1/:type/:id/:sub/:cid",
	    api_record_patch_child, R_WRITE | R_BODY },
};

struct api *
api_new(const char *db_path, const struct api_options *opt, char *err, size_t errlen)
{
	struct api *a;
	struct store *st;
	struct date today;
	int version;

	if (auth_init() != 0) {
		snprintf(err, errlen, "libsodium: cannot initialise");
		return NULL;
	}
	if ((st = store_open(db_path, err, errlen)) == NULL)
		return NULL;
	if (store_migrate(st, &version) != ST_OK) {
		snprintf(err, errlen, "%s: migration failed: %s", db_path, store_errmsg(st));
		store_close(st);
		return NULL;
	}
	store_close(st);
	a = calloc(1, sizeof(*a));
	if (a == NULL || (a->db_path = strdup(db_path)) == NULL) {
		free(a);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((a->memo = api_memo_new()) == NULL) {
		free(a->db_path);
		free(a);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	a->opt = *opt;
	if (a->opt.live_units < 0)
		a->opt.live_units = LIVE_UNITS_MAX;
	if ((a->writer = api_writer_start(db_path, err, errlen)) == NULL ||
	    (a->keeper = api_keeper_start(db_path, a->writer, opt->build_chunk_rows, err,
	    errlen)) == NULL) {
		api_writer_free(a->writer);
		api_memo_free(a->memo);
		free(a->db_path);
		free(a);
		return NULL;
	}
	pthread_mutex_init(&a->mu, NULL);
	/* This year's figures are kept from the start. */
	date_from_unix_vn((int64_t)time(NULL), &today);
	api_keeper_want(a->keeper, today.y);
	return a;
}

struct api_keeper *
api_keeper_of(struct api *a)
{
	return a->keeper;
}

const struct api_options *
api_options_of(struct api *a)
{
	return &a->opt;
}

struct api_writer *
api_writer_of(struct api *a)
{
	return a->writer;
}

void
api_quiesce(struct api *a)
{
	api_keeper_stop(a->keeper);	/* its steps go through the writer */
	api_writer_stop(a->writer);
}

struct api_memo *
api_memo_of(struct api *a)
{
	return a->memo;
}

void
api_free(struct api *a)
{
	if (a == NULL)
		return;
	api_keeper_free(a->keeper);
	api_writer_free(a->writer);
	for (int i = 0; i < a->nstores; i++)
		store_close(a->stores[i]);
	pthread_mutex_destroy(&a->mu);
	api_memo_free(a->memo);
	free(a->db_path);
	free(a);
}

struct store *
api_store(struct api *a)
{
	char err[256];

	if (tls_store != NULL && tls_owner == a)
		return tls_store;
	pthread_mutex_lock(&a->mu);
	if (a->nstores < MAX_STORES) {
		tls_store = store_open(a->db_path, err, sizeof(err));
		if (tls_store != NULL) {
			a->stores[a->nstores++] = tls_store;
			tls_owner = a;
		} else {
			fprintf(stderr, "api_store: %s\n", err);
		}
	} else {
		tls_store = NULL;
	}
	pthread_mutex_unlock(&a->mu);
	return tls_store;
}

/* What the variable segments of a route matched. */
struct route_args {
	int64_t id, cid;
	const struct rtype *type;
	char sub[32];
};

/*
 * A positive integer segment at *path, as the API writes ids: digits only,
 * no leading zero, at most 18 of them (so the value fits an int64_t; a
 * 19th digit is refused before it is added).  Its length, or 0.
 */
static int
id_segment(const char *path, int64_t *out)
{
	int64_t v = 0;
	int n = 0;

	if (path[0] < '1' || path[0] > '9')
		return 0;
	while (path[n] >= '0' && path[n] <= '9') {
		if (n == 18)
			return 0;
		v = v * 10 + (path[n++] - '0');
	}
	if (path[n] != '/' && path[n] != '\0')
		return 0;
	*out = v;
	return n;
}

/* A word segment ([a-z_], < 32) at *path into buf: its length. */
static int
word_segment(const char *path, char *buf)
{
	int n = 0;

	while ((path[n] >= 'a' && path[n] <= 'z') || path[n] == '_') {
		if (n == 31)
			return 0;
		buf[n] = path[n];
		n++;
	}
	buf[n] = '\0';
	return n > 0 && (path[n] == '/' || path[n] == '\0') ? n : 0;
}

/*
 * Matches path against pattern.  ":id" and ":cid" are positive integers,
 * ":type" the path of a generic record type, ":sub" a word.
 */
static int
match(const char *pattern, const char *path, struct route_args *a)
{
	char word[32];
	int n;

	while (*pattern && *path) {
		if (*pattern == ':') {
			if (strncmp(pattern, ":id", 3) == 0) {
				n = id_segment(path, &a->id);
				pattern += 3;
			} else if (strncmp(pattern, ":cid", 4) == 0) {
				n = id_segment(path, &a->cid);
				pattern += 4;
			} else if (strncmp(pattern, ":type", 5) == 0) {
				n = word_segment(path, word);
				if (n == 0 || (a->type = rtype_by_path(word)) == NULL)
					return 0;
				pattern += 5;
			} else if (strncmp(pattern, ":sub", 4) == 0) {
				n = word_segment(path, a->sub);
				pattern += 4;
			} else {
				return 0;
			}
			if (n == 0)
				return 0;
			path += n;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

/* A remembered read: answers from the memo when the data has not changed
 * since (true), or notes the key its answer is kept under (api_reply). */
static bool
remembered(struct api_ctx *c)
{
	char query[MEMO_KEY_MAX], key[MEMO_KEY_MAX];
	size_t len;
	char *body;
	int w;

	/* The generation was read when the session was checked. */
	if ((c->memo_gen < 0 && store_generation(c->st, &c->memo_gen) != ST_OK) ||
	    http_query_all(c->req, query, sizeof(query)) != 0)
		return false;
	/* Shared by the sessions that see the same: an answer depends on the
	 * role, the unit (the scope) and, for a member, the person only. */
	w = snprintf(key, sizeof(key), "%d/%lld/%lld|%d|%s|%s?%s", (int)c->me.role,
	    (long long)c->me.org_id, (long long)c->me.person_id, c->en, c->today,
	    http_path(c->req), query);
	if (w < 0 || (size_t)w >= sizeof(key))
		return false;
	if ((body = api_memo_answer(api_memo_of(c->api), key, c->memo_gen, c->now,
	    &len)) != NULL) {
		http_add_header(c->req, "Cache-Control", "no-store");
		http_reply(c->req, 200, "application/json; charset=utf-8", body, len);
		free(body);
		return true;
	}
	c->memo_key = strdup(key);
	return false;
}

/* The context of request r and its route: NULL after answering (no such
 * route or method, no connection, no session or CSRF token). */
static const struct route *
api_begin(struct api_ctx *c, struct http_req *r, void *arg)
{
	const struct route *rt = NULL;
	bool path_known = false;
	struct route_args args;
	struct date d;

	memset(c, 0, sizeof(*c));
	c->memo_gen = -1;
	c->req = r;
	c->api = arg;
	c->en = http_lang_en(r);
	c->now = (int64_t)time(NULL);
	date_from_unix_vn(c->now, &d);
	date_format(&d, c->today);

	for (int i = 0; i < ROUTE__MAX; i++) {
		memset(&args, 0, sizeof(args));
		if (!match(routes[i].pattern, http_path(r), &args))
			continue;
		path_known = true;
		if (routes[i].method == http_method(r) ||
		    (routes[i].method == HTTP_GET && http_method(r) == HTTP_HEAD)) {
			rt = &routes[i];
			break;
		}
	}
	if (rt == NULL) {
		api_fail(c, path_known ? E_METHOD : E_NOT_FOUND, NULL, 0);
		return NULL;
	}
	c->id = args.id;
	c->cid = args.cid;
	c->res_type = args.type;
	memcpy(c->sub, args.sub, sizeof(c->sub));
	if ((c->st = api_store(c->api)) == NULL) {
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return NULL;
	}
	store_set_actor(c->st, 0);	/* the connection serves many accounts */
	if (!(rt->flags & R_PUBLIC)) {
		if (api_authenticate(c) != 0)
			return NULL;
		if ((rt->flags & R_WRITE) && api_check_csrf(c) != 0)
			return NULL;
	}
	return rt;
}

int
api_admit(struct http_req *r, void *arg)
{
	struct api_ctx c;
	const struct route *rt = api_begin(&c, r, arg);

	if (rt == NULL)
		return -1;
	if (rt == &routes[ROUTE_IMPORT] && api_may_import(&c) != 0)
		return -1;
	return 0;
}

void
api_handle(struct http_req *r, void *arg)
{
	struct api_ctx c;
	const struct route *rt = api_begin(&c, r, arg);

	if (rt == NULL)
		return;
	if (!(rt->flags & R_BODY) && api_body_none(&c) != 0)
		return;
	if ((rt->flags & R_MEMO) && http_method(r) == HTTP_GET && remembered(&c))
		return;
	/* A write joins the next group (api_write.c); its answer is sent
	 * once the group is on disk. */
	if ((rt->flags & (R_WRITE | R_DIRECT)) == R_WRITE &&
	    api_writer_submit(c.api->writer, &c, rt->fn) == 0)
		return;
	rt->fn(&c);
	free(c.memo_key);
}
