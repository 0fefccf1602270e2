/*
 * api_account.c — /api/v1/accounts, for administrators: list, read, create
 * (Argon2id-hashed password) and change accounts.  A new password, a new
 * role or unit, or disabling ends the account's sessions at once.  An
 * account's sessions are listed and ended one by one or all at once, and
 * its second factor reset (it enrols again at its next log-in, when it is
 * an administrator).  And /me/password: every user changes their own
 * password, the old one given; their other sessions end.
 *
 * An administrator's accounts are those of the units in its scope: any
 * other is answered as if it did not exist (404), and an account is given
 * only a unit and a person of the scope (400 ref).  Other roles have no
 * access to accounts at all (403, before anything else).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "text/text.h"

static json_t *
account_json(struct api_ctx *c, const struct record *a)
{
	json_t *o = api_record_json(a);
	struct record *org = NULL;

	if (store_get(c->st, RT_ORG, record_int(a, ACCOUNT_ORG), &org) == ST_OK)
		json_object_set_new(o, "org", api_org_ref(org));
	record_free(org);
	json_object_set_new(o, "two_factor", api_two_factor_json(c, a->id,
	    record_text(a, ACCOUNT_ROLE)));
	return o;
}

void
api_accounts_list(struct api_ctx *c)
{
	struct record_list l = { 0 };
	const char *q = NULL;
	char *fold = NULL;
	int page, per_page, rc;
	json_t *items;

	if (api_require(c, RES_ACCOUNT, ACT_READ) != 0)
		return;
	if (api_param_text(c, "q", LIMIT_SEARCH_CHARS, &q) != 0 ||
	    api_param_page(c, &page, &per_page) != 0)
		return;
	if (q != NULL && (fold = text_fold(q)) != NULL && *fold == '\0') {
		free(fold);
		fold = NULL;
	}
	rc = store_account_list(c->st, &c->me.scope, fold, page, per_page, &l);
	free(fold);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, account_json(c, l.items[i]));
	api_reply(c, 200, api_page_json(items, page, per_page, l.total));
	record_list_free(&l);
}

/* Account id when its unit is in the scope; else NULL after answering 404
 * (or the store's error).  The caller frees with record_free(). */
static struct record *
load_account(struct api_ctx *c, int64_t id)
{
	struct record *a = NULL, *org = NULL;
	int rc = store_get(c->st, RT_ACCOUNT, id, &a);

	if (rc == ST_OK &&
	    (rc = store_get(c->st, RT_ORG, record_int(a, ACCOUNT_ORG), &org)) == ST_OK &&
	    !api_in_scope(c, record_text(org, ORG_PATH)))
		rc = ST_NOTFOUND;
	record_free(org);
	if (rc != ST_OK) {
		record_free(a);
		api_fail_store(c, rc);
		return NULL;
	}
	return a;
}

void
api_account_get(struct api_ctx *c)
{
	struct record *a;

	if (api_require(c, RES_ACCOUNT, ACT_READ) != 0 || (a = load_account(c, c->id)) == NULL)
		return;
	api_reply(c, 200, account_json(c, a));
	record_free(a);
}

/* Checks the merged account acc: its unit exists and is in the scope, the
 * role fits; the person given (when given sets one) exists and is in the
 * scope. */
static int
check(struct api_ctx *c, const struct record *acc, const struct record *given)
{
	struct record *org;
	char path[128];
	struct verr ve;
	int rc;

	if ((org = api_ref_org(c, record_int(acc, ACCOUNT_ORG), "org_id")) == NULL)
		return -1;
	rc = account_check(acc, record_text(org, ORG_KIND), &ve);
	record_free(org);
	if (rc != 0) {
		api_fail_verr(c, &ve);
		return -1;
	}
	if (record_has(given, ACCOUNT_PERSON)) {
		rc = store_person_path(c->st, record_int(given, ACCOUNT_PERSON), path,
		    sizeof(path));
		if (rc == ST_OK && !api_in_scope(c, path))
			rc = ST_NOTFOUND;
		if (rc == ST_NOTFOUND) {
			api_fail(c, E_REF, "person_id", 0);
			return -1;
		}
		if (rc != ST_OK) {
			api_fail_store(c, rc);
			return -1;
		}
	}
	return 0;
}

/* Replaces the plain password of a with its hash.  -1 after answering. */
static int
hash_password(struct api_ctx *c, struct record *a)
{
	char hash[128];
	struct verr ve;

	if (!record_has(a, ACCOUNT_PASSWORD))
		return 0;
	if (auth_password_check(record_text(a, ACCOUNT_PASSWORD), &ve) != 0) {
		api_fail_verr(c, &ve);
		return -1;
	}
	if (auth_password_hash(record_text(a, ACCOUNT_PASSWORD), hash) != 0) {
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return -1;
	}
	record_unset(a, ACCOUNT_PASSWORD);
	record_set_text(a, ACCOUNT_PW_HASH, hash);
	return 0;
}

static void
finish(struct api_ctx *c, int rc, int64_t id, int status, const char *action,
    const struct record *before)
{
	struct record *a = NULL;

	if (rc == ST_OK)
		rc = api_audit_change(c, &rtypes[RT_ACCOUNT], id, action, before);
	rc = store_end(c->st, rc);
	if (rc == ST_OK)
		rc = store_get(c->st, RT_ACCOUNT, id, &a);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	api_reply(c, status, account_json(c, a));
	record_free(a);
}

void
api_account_create(struct api_ctx *c)
{
	struct record *a;
	json_t *body;
	int rc;

	if (api_require(c, RES_ACCOUNT, ACT_WRITE) != 0 || (body = api_body(c, &rtypes[RT_ACCOUNT])) == NULL)
		return;
	a = api_record_from_json(c, &rtypes[RT_ACCOUNT], body, VM_CREATE, NULL);
	json_decref(body);
	if (a == NULL)
		return;
	if (!record_has(a, ACCOUNT_DISABLED))
		record_set_int(a, ACCOUNT_DISABLED, 0);
	if (check(c, a, a) != 0 || hash_password(c, a) != 0)
		goto out;
	if ((rc = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	rc = store_insert(c->st, a);	/* sets a->id: not in the same call */
	finish(c, rc, a->id, 201, "create", NULL);
out:
	record_free(a);
}

void
api_account_patch(struct api_ctx *c)
{
	struct record *cur = NULL, *change = NULL, *merged = NULL;
	json_t *body = NULL;
	bool end_sessions;
	int rc;

	if (api_require(c, RES_ACCOUNT, ACT_WRITE) != 0 || (cur = load_account(c, c->id)) == NULL)
		return;
	if ((body = api_body(c, &rtypes[RT_ACCOUNT])) == NULL)
		goto out;
	change = api_record_from_json(c, &rtypes[RT_ACCOUNT], body, VM_UPDATE, NULL);
	if (change == NULL)
		goto out;
	merged = record_overlay(cur, change);
	if (check(c, merged, change) != 0 || hash_password(c, change) != 0)
		goto out;
	end_sessions = record_has(change, ACCOUNT_PW_HASH) ||
	    record_int(change, ACCOUNT_DISABLED) ||
	    record_has(change, ACCOUNT_ROLE) || record_has(change, ACCOUNT_ORG);
	if ((rc = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	change->id = cur->id;
	rc = store_update(c->st, change);
	if (rc == ST_OK && end_sessions)
		rc = store_session_delete_account(c->st, cur->id);
	finish(c, rc, cur->id, 200, "update", cur);
out:
	json_decref(body);
	record_free(merged);
	record_free(change);
	record_free(cur);
}

/* ---- sessions and the second factor of an account ---------------------- */

void
api_account_sessions(struct api_ctx *c)
{
	struct session_info *ss;
	struct record *a;
	json_t *items;
	int n = 0, rc;

	if (api_require(c, RES_ACCOUNT, ACT_READ) != 0 || (a = load_account(c, c->id)) == NULL)
		return;
	if ((ss = calloc(SESSIONS_LISTED_MAX, sizeof(*ss))) == NULL) {
		record_free(a);
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return;
	}
	rc = store_session_list(c->st, a->id, c->now, SESSION_IDLE_S, c->me.token_hash, ss,
	    SESSIONS_LISTED_MAX, &n);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:b}",
		    "id", (json_int_t)ss[i].id, "created_at", (json_int_t)ss[i].created_at,
		    "last_seen", (json_int_t)ss[i].last_seen,
		    "expires_at", (json_int_t)ss[i].expires_at,
		    "ip", ss[i].ip[0] ? json_string(ss[i].ip) : json_null(),
		    "user_agent", ss[i].user_agent[0] ? json_string(ss[i].user_agent) : json_null(),
		    "current", ss[i].current));
	api_reply(c, 200, json_pack("{s:o, s:i}", "items", items, "total", n));
out:
	free(ss);
	record_free(a);
}

/* Ends session sid of account a (0: all of them) and audits it. */
static void
end_sessions(struct api_ctx *c, const struct record *a, int64_t sid)
{
	int rc;

	if ((rc = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	rc = sid > 0 ? store_session_delete_id(c->st, a->id, sid) :
	    store_session_delete_account(c->st, a->id);
	if (rc == ST_OK)
		rc = api_audit(c, &rtypes[RT_ACCOUNT], a->id, sid > 0 ? "session_end" :
		    "sessions_end", NULL, NULL);
	rc = store_end(c->st, rc);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	api_reply_empty(c, 204);
}

void
api_account_session_end(struct api_ctx *c)
{
	struct record *a;

	if (api_require(c, RES_ACCOUNT, ACT_WRITE) != 0 || (a = load_account(c, c->id)) == NULL)
		return;
	end_sessions(c, a, c->cid);
	record_free(a);
}

void
api_account_sessions_end(struct api_ctx *c)
{
	struct record *a;

	if (api_require(c, RES_ACCOUNT, ACT_WRITE) != 0 || (a = load_account(c, c->id)) == NULL)
		return;
	end_sessions(c, a, 0);
	record_free(a);
}

void
api_account_totp_reset(struct api_ctx *c)
{
	struct record *a;
	int rc;

	if (api_require(c, RES_ACCOUNT, ACT_WRITE) != 0 || (a = load_account(c, c->id)) == NULL)
		return;
	if (a->id == c->me.account_id) {
		api_fail_rule(c, RULE_TOTP_SELF, NULL);
		goto out;
	}
	if ((rc = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	/* Its sessions end: the next log-in asks for the new factor (or,
	 * for an administrator, for the enrolment). */
	rc = store_totp_delete(c->st, a->id);
	if (rc == ST_OK)
		rc = store_session_delete_account(c->st, a->id);
	if (rc == ST_OK)
		rc = api_audit(c, &rtypes[RT_ACCOUNT], a->id, "totp_reset", NULL, NULL);
	rc = store_end(c->st, rc);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	api_reply(c, 200, account_json(c, a));
out:
	record_free(a);
}

/* ---- /me/password ------------------------------------------------------ */

void
api_me_password(struct api_ctx *c)
{
	struct record *in, *acc = NULL;
	const char *old_pw, *new_pw;
	char hash[128];
	struct verr ve;
	int rc;

	if ((in = api_op_body(c, &rtypes[RT_OP_PASSWORD])) == NULL)
		return;
	old_pw = record_text(in, PASSWORD_OLD);
	new_pw = record_text(in, PASSWORD_NEW);
	if (auth_password_check(new_pw, &ve) != 0) {
		snprintf(ve.field, sizeof(ve.field), "new_password");
		api_fail_verr(c, &ve);
		goto out;
	}
	if (api_reauth(c, old_pw, "old_password", &acc) != 0)
		goto out;
	if (strcmp(old_pw, new_pw) == 0) {
		api_fail_rule(c, RULE_PASSWORD_SAME, "new_password");
		goto out;
	}
	if (auth_password_hash(new_pw, hash) != 0) {
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		goto out;
	}
	if ((rc = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	rc = store_account_set_password(c->st, acc->id, hash);
	/* Every other session ends; this one goes on. */
	if (rc == ST_OK)
		rc = store_session_delete_others(c->st, acc->id, c->me.token_hash);
	if (rc == ST_OK)
		rc = api_audit_change(c, &rtypes[RT_ACCOUNT], acc->id, "password_change", acc);
	rc = store_end(c->st, rc);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	api_reply_empty(c, 204);
out:
	sodium_memzero(hash, sizeof(hash));
	record_free(acc);
	record_free(in);
}
