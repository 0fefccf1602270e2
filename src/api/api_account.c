/*
 * api_account.c — /api/v1/accounts, for administrators: list, read, create
 * (Argon2id-hashed password) and change accounts.  A new password, a new
 * role or unit, or disabling ends the account's sessions at once.
 *
 * An administrator's accounts are those of the units in its scope: any
 * other is answered as if it did not exist (404), and an account is given
 * only a unit and a person of the scope (400 ref).  Other roles have no
 * access to accounts at all (403, before anything else).
 */
#include <stdlib.h>
#include <string.h>

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
	if (rc == ST_OK)
		rc = store_commit(c->st);
	else
		store_rollback(c->st);
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
