/*
 * api_org.c — /api/v1/orgs: the organisation tree as the account may see it
 * (scope roots, children as of a date, search, detail with ancestors,
 * predecessors and history), and its changes (create, rename, move, close,
 * merge) for admins and staff below their own unit.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "text/text.h"

/* A reference to a unit if the account may see it, else null. */
static json_t *
visible_ref(struct api_ctx *c, int64_t id)
{
	struct record *org = NULL;
	json_t *ref = json_null();

	if (id > 0 && store_get(c->st, RT_ORG, id, &org) == ST_OK &&
	    api_in_scope(c, record_text(org, ORG_PATH)))
		ref = api_org_ref(org);
	record_free(org);
	return ref;
}

/* A unit with its derived flags and its successor (when visible);
 * child_count counted on `on` when given, person_count when people. */
static json_t *
org_json(struct api_ctx *c, const struct record *org, const char *on, bool people)
{
	json_t *o = api_record_json(org);
	int64_t kids = 0, persons = 0;

	json_object_set_new(o, "closed", json_boolean(record_has(org, ORG_VALID_TO) &&
	    strcmp(record_text(org, ORG_VALID_TO), c->today) <= 0));
	json_object_set_new(o, "successor", visible_ref(c, record_int(org, ORG_SUCCESSOR)));
	if (on != NULL && store_org_counts(c->st, org, on, &c->me.scope, &kids,
	    people ? &persons : NULL) == ST_OK) {
		json_object_set_new(o, "child_count", json_integer(kids));
		if (people)
			json_object_set_new(o, "person_count", json_integer(persons));
	}
	return o;
}

/* The unit at the top of a scope prefix ("/1/5/23/" -> 23). */
static int64_t
prefix_root(const char *p)
{
	size_t len = strlen(p);
	const char *s = p + (len > 0 ? len - 1 : 0);

	while (s > p && s[-1] != '/')
		s--;
	return atoll(s);
}

static void
list_roots(struct api_ctx *c)
{
	json_t *items = json_array();

	for (int i = 0; i < c->me.scope.n; i++) {
		struct record *org = NULL;

		if (store_get(c->st, RT_ORG, prefix_root(c->me.scope.prefix[i]), &org) == ST_OK) {
			json_t *o = org_json(c, org, record_has(org, ORG_VALID_TO) ?
			    record_text(org, ORG_VALID_FROM) : c->today, false);

			/* A closed root is listed with the children it had
			 * on its last day. */
			if (record_has(org, ORG_VALID_TO)) {
				struct date d;
				char last[11];
				int64_t kids = 0;

				date_parse(record_text(org, ORG_VALID_TO), &d);
				date_from_days(date_days(&d) - 1, &d);
				date_format(&d, last);
				store_org_counts(c->st, org, last, &c->me.scope, &kids, NULL);
				json_object_set_new(o, "child_count", json_integer(kids));
				json_object_set_new(o, "last_day", json_string(last));
			}
			json_object_set_new(o, "predecessor_root", json_boolean(i > 0));
			json_array_append_new(items, o);
		}
		record_free(org);
	}
	api_reply(c, 200, json_pack("{s:o}", "items", items));
}

static void
list_children(struct api_ctx *c, int64_t parent_id, const char *as_of, bool closed)
{
	struct record *parent = api_load_org(c, parent_id);
	struct record_list l = { 0 };
	json_t *items;
	int rc;

	if (parent == NULL)
		return;
	rc = store_org_children(c->st, parent_id, as_of, c->today, closed, &l);
	if (rc != ST_OK) {
		record_free(parent);
		api_fail_store(c, rc);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		if (api_in_scope(c, record_text(l.items[i], ORG_PATH)))
			json_array_append_new(items, org_json(c, l.items[i],
			    as_of ? as_of : c->today, false));
	api_reply(c, 200, json_pack("{s:o, s:I, s:o, s:s}", "items", items,
	    "total", (json_int_t)json_array_size(items),
	    "parent", api_org_ref(parent), "as_of", as_of ? as_of : c->today));
	record_free(parent);
	record_list_free(&l);
}

static void
search(struct api_ctx *c, const char *q, int page, int per_page)
{
	struct record_list l = { 0 };
	char *fold = text_fold(q);
	json_t *items;
	int rc;

	if (fold == NULL) {
		api_fail(c, E_BAD_PARAM, "q", 0);
		return;
	}
	if (*fold == '\0') {
		/* Nothing searchable ("%", "--"): the same as no search. */
		free(fold);
		list_roots(c);
		return;
	}
	rc = store_org_search(c->st, &c->me.scope, fold, page, per_page, &l);
	free(fold);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, org_json(c, l.items[i], c->today, false));
	api_reply(c, 200, api_page_json(items, page, per_page, l.total));
	record_list_free(&l);
}

void
api_orgs_list(struct api_ctx *c)
{
	int64_t parent = 0, closed = 0;
	const char *as_of = NULL, *q = NULL;
	int page, per_page;

	if (api_require(c, RES_ORG, ACT_READ) != 0)
		return;
	if (api_param_int(c, "parent", 1, INT64_MAX, &parent) != 0 ||
	    api_param_date(c, "as_of", &as_of) != 0 ||
	    api_param_int(c, "include_closed", 0, 1, &closed) != 0 ||
	    api_param_text(c, "q", LIMIT_SEARCH_CHARS, &q) != 0 ||
	    api_param_page(c, &page, &per_page) != 0)
		return;
	if (parent > 0)
		list_children(c, parent, as_of, closed != 0);
	else if (q != NULL)
		search(c, q, page, per_page);
	else
		list_roots(c);
}

static json_t *
org_detail(struct api_ctx *c, const struct record *org)
{
	json_t *o = org_json(c, org, c->today, true), *a;
	struct record_list l = { 0 };
	struct org_period *per = NULL;
	int nper = 0;

	a = json_array();
	if (store_org_ancestors(c->st, org, &l) == ST_OK)
		for (size_t i = 0; i < l.n; i++)
			if (api_in_scope(c, record_text(l.items[i], ORG_PATH)))
				json_array_append_new(a, api_org_ref(l.items[i]));
	record_list_free(&l);
	json_object_set_new(o, "ancestors", a);

	a = json_array();
	if (store_org_predecessors(c->st, org->id, &l) == ST_OK)
		for (size_t i = 0; i < l.n; i++) {
			json_t *ref;

			if (!api_in_scope(c, record_text(l.items[i], ORG_PATH)))
				continue;
			ref = api_org_ref(l.items[i]);
			json_object_set_new(ref, "valid_to",
			    json_string(record_text(l.items[i], ORG_VALID_TO)));
			json_array_append_new(a, ref);
		}
	record_list_free(&l);
	json_object_set_new(o, "predecessors", a);

	a = json_array();
	if (store_org_periods(c->st, org->id, &per, &nper) == ST_OK)
		for (int i = 0; i < nper; i++)
			json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:o}",
			    "valid_from", per[i].valid_from,
			    "valid_to", per[i].valid_to[0] ? json_string(per[i].valid_to) : json_null(),
			    "name", per[i].name,
			    "parent", visible_ref(c, per[i].parent_id)));
	store_org_periods_free(per, nper);
	json_object_set_new(o, "history", a);
	return o;
}

void
api_org_get(struct api_ctx *c)
{
	struct record *org;

	if (api_require(c, RES_ORG, ACT_READ) != 0)
		return;
	if ((org = api_load_org(c, c->id)) == NULL)
		return;
	api_reply(c, 200, org_detail(c, org));
	record_free(org);
}

/* Ends a write transaction: audit, commit and answer the unit, or roll
 * back and answer the error. */
static void
finish(struct api_ctx *c, int rc, const struct verr *ve, int64_t id, int status,
    const char *action, const struct record *before)
{
	struct record *org = NULL;

	if (rc == ST_OK)
		rc = api_audit_change(c, &rtypes[RT_ORG], id, action, before);
	if (rc == ST_OK)
		rc = store_commit(c->st);
	else
		store_rollback(c->st);
	if (rc == ST_INVALID) {
		api_fail_verr(c, ve);
		return;
	}
	if (rc == ST_OK)
		rc = store_get(c->st, RT_ORG, id, &org);
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	api_reply(c, status, org_detail(c, org));
	record_free(org);
}

/* Staff change only units strictly below their own. */
static int
may_change(struct api_ctx *c, const struct record *org)
{
	if (c->me.role == ROLE_STAFF &&
	    strcmp(record_text(org, ORG_PATH), c->me.scope.prefix[0]) == 0) {
		api_fail(c, E_FORBIDDEN, NULL, 0);
		return -1;
	}
	return 0;
}

static int
begin(struct api_ctx *c)
{
	int rc = store_begin(c->st, true);

	if (rc != ST_OK)
		api_fail_store(c, rc);
	return rc == ST_OK ? 0 : -1;
}

/* Changes to the tree are recorded as they happen, not planned ahead: a
 * date after today is refused (RULE_DATE_FUTURE).  NULL passes. */
static int
not_future(struct api_ctx *c, const char *date, const char *field)
{
	struct verr ve;

	if (date == NULL || strcmp(date, c->today) <= 0)
		return 0;
	verr_set(&ve, VE_RULE, field, 0);
	ve.rule = RULE_DATE_FUTURE;
	api_fail_verr(c, &ve);
	return -1;
}

void
api_org_create(struct api_ctx *c)
{
	json_t *body;
	struct record *org = NULL, *parent = NULL;
	struct verr ve = { 0 };
	int rc;

	if (api_require(c, RES_ORG, ACT_WRITE) != 0 ||
	    (body = api_body(c, &rtypes[RT_ORG])) == NULL)
		return;
	org = api_record_from_json(c, &rtypes[RT_ORG], body, VM_CREATE, NULL);
	json_decref(body);
	if (org == NULL)
		return;
	if (not_future(c, record_text(org, ORG_VALID_FROM), "valid_from") != 0)
		goto out;
	/* A new root: only an administrator of a root, whose scope is the
	 * whole of a tree, makes another. */
	if (!record_has(org, ORG_PARENT) &&
	    (c->me.role != ROLE_ADMIN || !scope_at_root(&c->me.scope))) {
		api_fail(c, E_REQUIRED, "parent_id", 0);
		goto out;
	}
	if (record_has(org, ORG_PARENT) &&
	    (parent = api_ref_org(c, record_int(org, ORG_PARENT), "parent_id")) == NULL)
		goto out;
	if (begin(c) != 0)
		goto out;
	rc = store_org_create(c->st, org, c->today, &ve);
	finish(c, rc, &ve, org->id, 201, "create", NULL);
out:
	record_free(parent);
	record_free(org);
}

/* A date given as an extra body key ("date"); absent -> NULL.  -1 after
 * answering 400. */
static int
body_date(struct api_ctx *c, json_t *body, const char **out)
{
	json_t *v = json_object_get(body, "date");
	struct date d;

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		api_fail(c, E_INVALID_TYPE, "date", 0);
		return -1;
	}
	if (date_parse(json_string_value(v), &d) != 0) {
		api_fail(c, E_INVALID_DATE, "date", 0);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

void
api_org_patch(struct api_ctx *c)
{
	static const char *const extras[] = { "date", NULL };
	json_t *body = NULL;
	struct record *org, *change = NULL;
	struct verr ve = { 0 };
	const char *date;
	int rc;

	if ((org = api_load_org(c, c->id)) == NULL)
		return;
	if (api_require(c, RES_ORG, ACT_WRITE) != 0 || may_change(c, org) != 0 ||
	    (body = api_body(c, &rtypes[RT_ORG])) == NULL)
		goto out;
	if ((change = api_record_from_json(c, &rtypes[RT_ORG], body, VM_UPDATE, extras)) == NULL)
		goto out;
	if (body_date(c, body, &date) != 0 || not_future(c, date, "date") != 0 ||
	    begin(c) != 0)
		goto out;
	change->id = org->id;
	rc = store_org_update(c->st, change, date, &ve);
	finish(c, rc, &ve, org->id, 200, "update", org);
out:
	json_decref(body);
	record_free(change);
	record_free(org);
}

/* Shared start of move/close/merge: role, unit in scope and changeable, body
 * of type t.  NULL after answering. */
static struct record *
operation(struct api_ctx *c, enum rtype_id t, struct record **org)
{
	json_t *body;
	struct record *op;

	*org = NULL;
	if ((*org = api_load_org(c, c->id)) == NULL)
		return NULL;
	if (api_require(c, RES_ORG, ACT_WRITE) != 0 || may_change(c, *org) != 0 ||
	    (body = api_body(c, &rtypes[t])) == NULL) {
		record_free(*org);
		*org = NULL;
		return NULL;
	}
	op = api_record_from_json(c, &rtypes[t], body, VM_CREATE, NULL);
	json_decref(body);
	/* Every operation body has a "date": not in the future. */
	if (op != NULL && not_future(c, record_text(op, rtype_field(&rtypes[t], "date")),
	    "date") != 0) {
		record_free(op);
		op = NULL;
	}
	if (op == NULL) {
		record_free(*org);
		*org = NULL;
	}
	return op;
}

void
api_org_move(struct api_ctx *c)
{
	struct record *org, *op, *np = NULL;
	struct verr ve = { 0 };
	int rc;

	if ((op = operation(c, RT_OP_MOVE, &org)) == NULL)
		return;
	if ((np = api_ref_org(c, record_int(op, MOVE_PARENT), "parent_id")) == NULL ||
	    begin(c) != 0)
		goto out;
	rc = store_org_move(c->st, org->id, np->id, record_text(op, MOVE_DATE), &ve);
	finish(c, rc, &ve, org->id, 200, "move", org);
out:
	record_free(np);
	record_free(op);
	record_free(org);
}

void
api_org_close(struct api_ctx *c)
{
	struct record *org, *op;
	struct verr ve = { 0 };
	int rc;

	if ((op = operation(c, RT_OP_CLOSE, &org)) == NULL)
		return;
	if (begin(c) == 0) {
		rc = store_org_close(c->st, org->id, 0, record_text(op, CLOSE_DATE),
		    record_text(op, CLOSE_NOTE), &ve);
		finish(c, rc, &ve, org->id, 200, "close", org);
	}
	record_free(op);
	record_free(org);
}

void
api_org_merge(struct api_ctx *c)
{
	struct record *org, *op, *succ = NULL;
	struct verr ve = { 0 };
	int rc;

	if ((op = operation(c, RT_OP_MERGE, &org)) == NULL)
		return;
	if ((succ = api_ref_org(c, record_int(op, MERGE_SUCCESSOR), "successor_id")) == NULL ||
	    begin(c) != 0)
		goto out;
	rc = store_org_close(c->st, org->id, succ->id, record_text(op, MERGE_DATE),
	    record_text(op, MERGE_NOTE), &ve);
	finish(c, rc, &ve, org->id, 200, "merge", org);
out:
	record_free(succ);
	record_free(op);
	record_free(org);
}

void
api_org_history(struct api_ctx *c)
{
	struct record *org;

	if (api_require(c, RES_ORG, ACT_READ) != 0 || (org = api_load_org(c, c->id)) == NULL)
		return;
	api_history(c, org);
	record_free(org);
}
