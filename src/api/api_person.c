/*
 * api_person.c — /api/v1/people: the scoped, accent-insensitive search,
 * ranked (whole words, then prefixes, then parts of words: store_search.c)
 * and in Vietnamese name order within a rank, a person's record with transfer history, creation,
 * correction and transfer between units.  Members see only themselves;
 * secretaries write only in their cell; only staff and admins transfer.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "text/text.h"

/* A unit reference if visible, else null. */
static json_t *
org_ref_visible(struct api_ctx *c, struct api_cache *oc, int64_t id)
{
	const struct record *org = api_cached(c, oc, RT_ORG, id);

	if (org == NULL || !api_in_scope(c, record_text(org, ORG_PATH)))
		return json_null();
	return api_org_ref(org);
}

static json_t *
person_json(struct api_ctx *c, struct api_cache *oc, const struct record *p)
{
	json_t *o = api_record_json(p);

	json_object_set_new(o, "org", org_ref_visible(c, oc, record_int(p, PERSON_ORG)));
	return o;
}

static const char *const sort_names[PSORT__MAX + 1] = {
	[PSORT_NAME] = "name", [PSORT_BIRTH_YEAR] = "birth_year",
	[PSORT_PARTY_JOINED] = "party_joined", [PSORT_CODE] = "code",
	[PSORT__MAX] = NULL,
};
static const char *const dir_names[] = { "asc", "desc", NULL };

void
api_people_list(struct api_ctx *c)
{
	struct person_query pq = { 0 };
	struct record_list l = { 0 };
	struct api_cache oc = { 0 };
	struct record *org = NULL;
	const char *q = NULL;
	char *fold = NULL;
	int64_t org_id = 0;
	int status = -1, sort = PSORT_NAME, dir = 0, rc;
	json_t *items;

	if (api_require(c, RES_PERSON, ACT_READ) != 0)
		return;
	if (api_param_text(c, "q", LIMIT_SEARCH_CHARS, &q) != 0 ||
	    api_param_int(c, "org", 1, INT64_MAX, &org_id) != 0 ||
	    api_param_enum(c, "status", person_statuses, &status) != 0 ||
	    api_param_enum(c, "sort", sort_names, &sort) != 0 ||
	    api_param_enum(c, "dir", dir_names, &dir) != 0 ||
	    api_param_page(c, &pq.page, &pq.per_page) != 0)
		return;
	if (org_id > 0) {
		if ((org = api_load_org(c, org_id)) == NULL)
			return;
		pq.org_path = record_text(org, ORG_PATH);
	}
	if (q != NULL) {
		if ((fold = text_fold(q)) == NULL) {
			api_fail(c, E_BAD_PARAM, "q", 0);
			goto out;
		}
		if (*fold != '\0') {
			pq.qfold = fold;
			pq.qraw = q;
		}
	}
	pq.scope = &c->me.scope;
	pq.status = status >= 0 ? person_statuses[status] : NULL;
	pq.sort = (enum person_sort)sort;
	pq.desc = dir == 1;
	if (c->me.role == ROLE_MEMBER)
		pq.only_id = c->me.person_id > 0 ? c->me.person_id : -1;
	if (pq.only_id < 0) {
		api_reply(c, 200, api_page_json(json_array(), pq.page, pq.per_page, 0));
		goto out;
	}
	if ((rc = store_person_list(c->st, &pq, &l)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, person_json(c, &oc, l.items[i]));
	json_t *page = api_page_json(items, pq.page, pq.per_page, l.total);
	/* A search stops counting at LIMIT_SEARCH_RANKED (store_search.c):
	 * total is then "more than" and the pages end there. */
	if (q != NULL)
		json_object_set_new(page, "total_capped", json_boolean(l.capped));
	api_reply(c, 200, page);
out:
	api_cache_free(&oc);
	record_list_free(&l);
	record_free(org);
	free(fold);
}

/* Loads person id if the account may see it; else answers 404. */
static struct record *
load_person(struct api_ctx *c, int64_t id)
{
	struct record *p = NULL;
	char path[128];
	int rc = store_person_path(c->st, id, path, sizeof(path));

	if (rc == ST_OK && (!api_in_scope(c, path) ||
	    (c->me.role == ROLE_MEMBER && c->me.person_id != id)))
		rc = ST_NOTFOUND;
	if (rc == ST_OK)
		rc = store_get(c->st, RT_PERSON, id, &p);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return NULL;
	}
	return p;
}

static void
reply_person(struct api_ctx *c, int64_t id, int status)
{
	struct api_cache oc = { 0 };
	struct transfer *t = NULL;
	struct record *p = NULL;
	int nt = 0, rc;
	json_t *o, *a;

	if ((rc = store_get(c->st, RT_PERSON, id, &p)) != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	o = person_json(c, &oc, p);
	a = json_array();
	if (store_person_transfers(c->st, id, &t, &nt) == ST_OK)
		for (int i = 0; i < nt; i++)
			json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o}",
			    "date", t[i].date,
			    "from", org_ref_visible(c, &oc, t[i].from_org),
			    "to", org_ref_visible(c, &oc, t[i].to_org),
			    "note", t[i].note ? json_string(t[i].note) : json_null()));
	store_transfers_free(t, nt);
	json_object_set_new(o, "transfers", a);
	api_reply(c, status, o);
	api_cache_free(&oc);
	record_free(p);
}

void
api_person_get(struct api_ctx *c)
{
	struct record *p;

	if (api_require(c, RES_PERSON, ACT_READ) != 0 || (p = load_person(c, c->id)) == NULL)
		return;
	record_free(p);
	reply_person(c, c->id, 200);
}

/* Audits, commits (or rolls back on rc != ST_OK) and answers the person. */
static void
finish(struct api_ctx *c, int rc, int64_t id, int status, const char *action,
    const struct record *before)
{
	if (rc == ST_OK)
		rc = api_audit_change(c, &rtypes[RT_PERSON], id, action, before);
	if (rc == ST_OK)
		rc = store_commit(c->st);
	else
		store_rollback(c->st);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	reply_person(c, id, status);
}

static int
begin(struct api_ctx *c)
{
	int rc = store_begin(c->st, true);

	if (rc != ST_OK)
		api_fail_store(c, rc);
	return rc == ST_OK ? 0 : -1;
}

void
api_person_create(struct api_ctx *c)
{
	struct record *p = NULL, *org = NULL;
	struct verr ve;
	json_t *body;
	int rc;

	if (api_require(c, RES_PERSON, ACT_WRITE) != 0 ||
	    (body = api_body(c, &rtypes[RT_PERSON])) == NULL)
		return;
	p = api_record_from_json(c, &rtypes[RT_PERSON], body, VM_CREATE, NULL);
	json_decref(body);
	if (p == NULL)
		return;
	if ((org = api_ref_org(c, record_int(p, PERSON_ORG), "org_id")) == NULL)
		goto out;
	if (strcmp(record_text(org, ORG_KIND), "national") == 0) {
		api_fail_rule(c, RULE_PERSON_ORG_KIND, "org_id");
		goto out;
	}
	/* A closed unit still takes people: records of a dissolved unit
	 * (its officials, its members of earlier years) are entered late. */
	if (person_check(p, c->today, &ve) != 0) {
		api_fail_verr(c, &ve);
		goto out;
	}
	if (person_derive(p) != 0) {
		api_fail(c, E_INVALID_UTF8, "full_name", 0);
		goto out;
	}
	if (begin(c) != 0)
		goto out;
	rc = store_person_create(c->st, p);	/* sets p->id */
	finish(c, rc, p->id, 201, "create", NULL);
out:
	record_free(org);
	record_free(p);
}

void
api_person_patch(struct api_ctx *c)
{
	struct record *cur, *change = NULL, *merged = NULL;
	struct verr ve;
	json_t *body = NULL;

	if ((cur = load_person(c, c->id)) == NULL)
		return;
	if (api_require(c, RES_PERSON, ACT_WRITE) != 0 ||
	    (body = api_body(c, &rtypes[RT_PERSON])) == NULL)
		goto out;
	change = api_record_from_json(c, &rtypes[RT_PERSON], body, VM_UPDATE, NULL);
	if (change == NULL)
		goto out;
	merged = record_overlay(cur, change);
	if (person_check(merged, c->today, &ve) != 0) {
		api_fail_verr(c, &ve);
		goto out;
	}
	if (record_has(change, PERSON_FULL_NAME) && person_derive(change) != 0) {
		api_fail(c, E_INVALID_UTF8, "full_name", 0);
		goto out;
	}
	if (begin(c) != 0)
		goto out;
	change->id = cur->id;
	finish(c, store_update(c->st, change), cur->id, 200, "update", cur);
out:
	json_decref(body);
	record_free(merged);
	record_free(change);
	record_free(cur);
}

void
api_person_transfer(struct api_ctx *c)
{
	struct record *p, *op = NULL, *to = NULL;
	const char *date;
	char last[11];
	json_t *body;

	if ((p = load_person(c, c->id)) == NULL)
		return;
	if (api_require(c, RES_TRANSFER, ACT_WRITE) != 0 ||
	    (body = api_body(c, &rtypes[RT_OP_TRANSFER])) == NULL)
		goto out;
	op = api_record_from_json(c, &rtypes[RT_OP_TRANSFER], body, VM_CREATE, NULL);
	json_decref(body);
	if (op == NULL)
		goto out;
	date = record_text(op, TRANSFER_DATE);
	if ((to = api_ref_org(c, record_int(op, TRANSFER_ORG), "org_id")) == NULL)
		goto out;
	if (to->id == record_int(p, PERSON_ORG)) {
		api_fail_rule(c, RULE_TRANSFER_SAME, "org_id");
		goto out;
	}
	if (strcmp(record_text(to, ORG_KIND), "national") == 0) {
		api_fail_rule(c, RULE_PERSON_ORG_KIND, "org_id");
		goto out;
	}
	if (!org_open_on(to, date)) {
		api_fail_rule(c, RULE_ORG_CLOSED, "org_id");
		goto out;
	}
	if (strcmp(date, c->today) > 0) {
		api_fail_rule(c, RULE_DATE_FUTURE, "date");
		goto out;
	}
	if (begin(c) != 0)
		goto out;
	/* Transfers follow each other: none dated before the last one. */
	if (store_person_last_transfer(c->st, p->id, last) != ST_OK) {
		store_rollback(c->st);
		api_fail_store(c, ST_ERROR);
		goto out;
	}
	if (last[0] != '\0' && strcmp(date, last) < 0) {
		struct verr ve;

		store_rollback(c->st);
		verr_set(&ve, VE_DATE_ORDER, "date", 0);
		api_fail_verr(c, &ve);
		goto out;
	}
	finish(c, store_person_transfer(c->st, p->id, to->id, date,
	    record_text(op, TRANSFER_NOTE), c->me.account_id), p->id, 200, "transfer", p);
out:
	record_free(to);
	record_free(op);
	record_free(p);
}

void
api_person_history(struct api_ctx *c)
{
	struct record *p;

	if (api_require(c, RES_PERSON, ACT_READ) != 0 || (p = load_person(c, c->id)) == NULL)
		return;
	api_history(c, p);
	record_free(p);
}
