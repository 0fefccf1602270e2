/*
 * api_auth.c — who is asking: log-in with Argon2id and rate limiting per
 * account and per client address, sessions carried by an HttpOnly
 * SameSite=Strict cookie (Secure over HTTPS) or a Bearer token, CSRF
 * tokens for cookie writes, log-out, and the checks every handler uses
 * (role, scope).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

#define COOKIE_NAME "lt_session"

static const char *
bearer_token(const struct api_ctx *c)
{
	const char *h = http_header(c->req, "Authorization");

	if (h == NULL || strncmp(h, "Bearer ", 7) != 0)
		return NULL;
	return h + 7;
}

/* A token as we issue them: 43 base64url characters. */
static bool
token_shape(const char *t)
{
	size_t n = 0;

	for (; t[n]; n++) {
		char ch = t[n];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
			return false;
	}
	return n == 43;
}

/* Fills the principal of account acc (scope included).  ST_OK or an error. */
static int
load_principal(struct api_ctx *c, const struct record *acc)
{
	struct principal *p = &c->me;
	const char *dn = record_text(acc, ACCOUNT_DISPLAY_NAME);
	int rc;

	p->account_id = acc->id;
	snprintf(p->username, sizeof(p->username), "%s", record_text(acc, ACCOUNT_USERNAME));
	snprintf(p->display_name, sizeof(p->display_name), "%s", dn ? dn : p->username);
	p->role = (enum role)enum_index(role_names, record_text(acc, ACCOUNT_ROLE));
	p->org_id = record_int(acc, ACCOUNT_ORG);
	p->person_id = record_int(acc, ACCOUNT_PERSON);
	if ((int)p->role < 0)
		return ST_ERROR;
	if ((rc = store_scope_load(c->st, p->org_id, &p->scope)) != ST_OK)
		return rc;
	c->authed = true;
	store_set_actor(c->st, acc->id);
	http_set_user(c->req, p->username);
	return ST_OK;
}

int
api_authenticate(struct api_ctx *c)
{
	const char *tok = bearer_token(c);
	struct session_row s;
	struct record *acc = NULL;
	char hash[65];
	int64_t gen = -1, access = -1;
	bool via_cookie = false;
	int rc;

	if (tok == NULL) {
		tok = http_cookie(c->req, COOKIE_NAME);
		via_cookie = true;
	}
	if (tok == NULL || !token_shape(tok)) {
		api_fail(c, E_UNAUTHENTICATED, NULL, 0);
		return -1;
	}
	auth_token_hash(tok, hash);
	/* Seen a moment ago and nobody's access changed since (whatever else
	 * was written): the same principal, its scope not computed again. */
	if (store_generations(c->st, &gen, &access) == ST_OK)
		c->memo_gen = gen;	/* the answer memo checks against the same */
	if (access >= 0 && api_memo_session(api_memo_of(c->api), hash, access, c->now, &c->me)) {
		c->me.via_cookie = via_cookie;
		c->authed = true;
		store_set_actor(c->st, c->me.account_id);
		http_set_user(c->req, c->me.username);
		return 0;
	}
	rc = store_session_get(c->st, hash, c->now, SESSION_IDLE_S, &s);
	if (rc == ST_OK)
		rc = store_get(c->st, RT_ACCOUNT, s.account_id, &acc);
	if (rc == ST_NOTFOUND || (rc == ST_OK && record_int(acc, ACCOUNT_DISABLED))) {
		record_free(acc);
		api_fail(c, E_UNAUTHENTICATED, NULL, 0);
		return -1;
	}
	if (rc == ST_OK)
		rc = load_principal(c, acc);
	record_free(acc);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return -1;
	}
	/* Its last use, noted by the writer (a read never waits for a write). */
	if (c->now - s.last_seen >= SESSION_TOUCH_S)
		api_writer_touch(api_writer_of(c->api), hash, c->now);
	snprintf(c->me.csrf, sizeof(c->me.csrf), "%s", s.csrf);
	snprintf(c->me.token_hash, sizeof(c->me.token_hash), "%s", hash);
	c->me.session_expires = s.expires_at;
	c->me.via_cookie = via_cookie;
	if (access >= 0)
		api_memo_keep_session(api_memo_of(c->api), hash, access, c->now, &c->me);
	return 0;
}

int
api_check_csrf(struct api_ctx *c)
{
	const char *h;

	if (!c->me.via_cookie)
		return 0;
	h = http_header(c->req, "X-CSRF-Token");
	if (h != NULL && c->me.csrf[0] != '\0' && auth_equal(h, c->me.csrf))
		return 0;
	api_fail(c, E_CSRF, NULL, 0);
	return -1;
}

int
api_require(struct api_ctx *c, enum resource res, enum action act)
{
	if (role_may(c->me.role, res, act))
		return 0;
	api_fail(c, E_FORBIDDEN, NULL, 0);
	return -1;
}

bool
api_in_scope(const struct api_ctx *c, const char *path)
{
	return scope_contains(&c->me.scope, path);
}

struct record *
api_load_org(struct api_ctx *c, int64_t id)
{
	struct record *org = NULL;
	int rc = store_get(c->st, RT_ORG, id, &org);

	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return NULL;
	}
	if (!api_in_scope(c, record_text(org, ORG_PATH))) {
		record_free(org);
		api_fail(c, E_NOT_FOUND, NULL, 0);
		return NULL;
	}
	return org;
}

struct record *
api_ref_org(struct api_ctx *c, int64_t id, const char *field)
{
	struct record *org = NULL;
	int rc = store_get(c->st, RT_ORG, id, &org);

	if (rc == ST_OK && api_in_scope(c, record_text(org, ORG_PATH)))
		return org;
	record_free(org);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		api_fail_store(c, rc);
	else
		api_fail(c, E_REF, field, 0);
	return NULL;
}

/* The account as /me and /login describe it. */
static json_t *
me_json(struct api_ctx *c)
{
	json_t *o = json_object(), *scope = json_array(), *perms = json_object();
	struct record *org;

	json_object_set_new(o, "id", json_integer(c->me.account_id));
	json_object_set_new(o, "username", json_string(c->me.username));
	json_object_set_new(o, "display_name", json_string(c->me.display_name));
	json_object_set_new(o, "role", json_string(role_names[c->me.role]));
	org = NULL;
	store_get(c->st, RT_ORG, c->me.org_id, &org);
	json_object_set_new(o, "org", api_org_ref(org));
	record_free(org);
	json_object_set_new(o, "person_id", c->me.person_id > 0 ?
	    json_integer(c->me.person_id) : json_null());
	json_object_set_new(o, "csrf_token", json_string(c->me.csrf));
	json_object_set_new(o, "two_factor", api_two_factor_json(c, c->me.account_id,
	    role_names[c->me.role]));
	for (int i = 0; i < c->me.scope.n; i++) {
		/* The root of a prefix is its last id. */
		const char *p = c->me.scope.prefix[i];
		size_t len = strlen(p);
		const char *s = p + len - 1;
		long long id;

		while (s > p && s[-1] != '/')
			s--;
		id = atoll(s);
		org = NULL;
		if (store_get(c->st, RT_ORG, id, &org) == ST_OK) {
			json_t *ref = api_org_ref(org);

			json_object_set_new(ref, "valid_to", record_has(org, ORG_VALID_TO) ?
			    json_string(record_text(org, ORG_VALID_TO)) : json_null());
			json_array_append_new(scope, ref);
		}
		record_free(org);
	}
	json_object_set_new(o, "scope", scope);
	for (int r = 0; r < RES__MAX; r++) {
		json_t *a = json_array();

		if (role_may(c->me.role, (enum resource)r, ACT_READ))
			json_array_append_new(a, json_string("read"));
		if (role_may(c->me.role, (enum resource)r, ACT_WRITE))
			json_array_append_new(a, json_string("write"));
		json_object_set_new(perms, resource_names[r], a);
	}
	json_object_set_new(o, "permissions", perms);
	return o;
}

void
api_me(struct api_ctx *c)
{
	api_reply(c, 200, me_json(c));
}

int
api_login_rate(struct api_ctx *c, const char *kind, const char *username)
{
	const char *kinds[2] = { kind, "ip" };
	const char *keys[2] = { username, http_client_ip(c->req) };
	const int64_t max[2] = { strcmp(kind, "second") == 0 ? LOGIN_MAX_FAIL_SECOND :
	    LOGIN_MAX_FAIL_ACCOUNT, LOGIN_MAX_FAIL_IP };

	for (int i = 0; i < 2; i++) {
		int64_t n, oldest;
		int rc = store_login_failures(c->st, kinds[i], keys[i],
		    c->now - LOGIN_WINDOW_S, &n, &oldest);

		if (rc != ST_OK) {
			api_fail_store(c, rc);
			return -1;
		}
		if (n >= max[i]) {
			int64_t wait = oldest + LOGIN_WINDOW_S - c->now;
			char ra[32];

			if (wait < 1)
				wait = 1;
			snprintf(ra, sizeof(ra), "%lld", (long long)wait);
			http_add_header(c->req, "Retry-After", ra);
			api_fail(c, E_RATE_LIMITED, NULL, (wait + 59) / 60);
			return -1;
		}
	}
	return 0;
}

void
api_login_failed(struct api_ctx *c, const char *kind, const char *username)
{
	if (store_begin(c->st, true) != ST_OK)
		return;
	if (store_login_failure_add(c->st, kind, username, c->now) != ST_OK ||
	    store_login_failure_add(c->st, "ip", http_client_ip(c->req), c->now) != ST_OK) {
		store_rollback(c->st);
		return;
	}
	store_commit(c->st);
}

int
api_reauth(struct api_ctx *c, const char *password, const char *field, struct record **acc)
{
	int rc;

	*acc = NULL;
	if (api_login_rate(c, "account", c->me.username) != 0)
		return -1;
	if ((rc = store_get(c->st, RT_ACCOUNT, c->me.account_id, acc)) != ST_OK) {
		api_fail_store(c, rc);
		return -1;
	}
	if (!auth_password_verify(record_text(*acc, ACCOUNT_PW_HASH), password)) {
		api_login_failed(c, "account", c->me.username);
		api_fail(c, E_WRONG_PASSWORD, field, 0);
		record_free(*acc);
		*acc = NULL;
		return -1;
	}
	return 0;
}

/* A user agent as kept with a session: printable ASCII, at most
 * SESSION_AGENT_MAX bytes (it is shown to administrators, as JSON). */
static void
agent_of(struct api_ctx *c, char out[SESSION_AGENT_MAX + 1])
{
	const char *ua = http_header(c->req, "User-Agent");
	size_t k = 0;

	for (; ua != NULL && *ua && k < SESSION_AGENT_MAX; ua++)
		out[k++] = (*ua >= 0x20 && *ua < 0x7f) ? *ua : '?';
	out[k] = '\0';
}

void
api_login(struct api_ctx *c)
{
	json_t *body = api_body(c, &rtypes[RT_OP_LOGIN]);
	struct record *in = NULL, *acc = NULL;
	const char *user, *pw, *stored;
	int rc, ok;

	if (body == NULL)
		return;
	in = api_record_from_json(c, &rtypes[RT_OP_LOGIN], body, VM_CREATE, NULL);
	json_decref(body);
	if (in == NULL)
		return;
	user = record_text(in, LOGIN_USERNAME);
	pw = record_text(in, LOGIN_PASSWORD);
	if (api_login_rate(c, "account", user) != 0)
		goto out;
	rc = store_account_by_username(c->st, user, &acc);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		api_fail_store(c, rc);
		goto out;
	}
	/* Unknown names cost the same hash as known ones. */
	stored = acc ? record_text(acc, ACCOUNT_PW_HASH) : auth_dummy_hash();
	ok = auth_password_verify(stored, pw) && acc != NULL;
	if (!ok) {
		api_login_failed(c, "account", user);
		api_fail(c, E_INVALID_CREDENTIALS, NULL, 0);
		goto out;
	}
	if (record_int(acc, ACCOUNT_DISABLED)) {
		api_fail(c, E_ACCOUNT_DISABLED, NULL, 0);
		goto out;
	}
	/* A second step (or the enrolment an administrator owes) first. */
	if (api_second_factor(c, acc) == 0)
		api_session_start(c, acc, NULL);
out:
	record_free(in);
	record_free(acc);
}

void
api_session_start(struct api_ctx *c, const struct record *acc, json_t *extra)
{
	char token[44], csrf[44], hash[65], cookie[160], agent[SESSION_AGENT_MAX + 1];
	const char *user = record_text(acc, ACCOUNT_USERNAME);
	json_t *out;
	int64_t expires;
	int rc;

	agent_of(c, agent);
	auth_token_new(token);
	auth_token_new(csrf);
	auth_token_hash(token, hash);
	expires = c->now + SESSION_TTL_S;
	if ((rc = store_begin(c->st, true)) == ST_OK) {
		rc = store_session_create(c->st, hash, acc->id, csrf, c->now, expires,
		    http_client_ip(c->req), agent);
		if (rc == ST_OK)
			rc = store_login_failures_clear(c->st, "account", user);
		if (rc == ST_OK)
			rc = store_commit(c->st);
		else
			store_rollback(c->st);
	}
	if (rc == ST_OK)
		rc = load_principal(c, acc);
	if (rc != ST_OK) {
		json_decref(extra);
		api_fail_store(c, rc);
		return;
	}
	snprintf(c->me.csrf, sizeof(c->me.csrf), "%s", csrf);
	snprintf(cookie, sizeof(cookie), COOKIE_NAME "=%s; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=%d%s", token, SESSION_TTL_S,
	    http_secure(c->req) ? "; Secure" : "");
	http_add_header(c->req, "Set-Cookie", cookie);
	out = json_pack("{s:o, s:s, s:s, s:I}", "account", me_json(c),
	    "csrf_token", csrf, "token", token, "expires_at", (json_int_t)expires);

	if (extra != NULL)
		json_object_update(out, extra);
	json_decref(extra);
	api_reply(c, 200, out);
}

void
api_logout(struct api_ctx *c)
{
	const char *tok = c->me.via_cookie ? http_cookie(c->req, COOKIE_NAME) :
	    bearer_token(c);
	char hash[65];
	int rc;

	auth_token_hash(tok, hash);
	api_memo_forget_session(api_memo_of(c->api), hash);
	if ((rc = store_session_delete(c->st, hash)) != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	http_add_header(c->req, "Set-Cookie", http_secure(c->req) ?
	    COOKIE_NAME "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure" :
	    COOKIE_NAME "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	api_reply_empty(c, 204);
}
