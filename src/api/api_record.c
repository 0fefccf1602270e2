/*
 * api_record.c — the resource API of every generic record type (topics,
 * activities, pledges …, RF_GENERIC in core_model.c): list with filters and
 * search, read, create, correct, soft delete and restore, the audit history,
 * workflow transitions (POST /ID/submit …) and child records (attendance,
 * check-ins).  Everything is driven by the type's description: which field
 * is its unit (the scope), which its person (members act only on their own),
 * its filters, rules, transitions and children.
 *
 * The order of checks is that of docs/api.md: the record of the URL in scope
 * (404), the role (403), the body (400, references in scope), the rules.
 * Every change writes its audit row in the same transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "text/text.h"

#define CHILDREN_INLINE 500	/* child records shown in a record's detail */

/* ---- visibility ---------------------------------------------------------- */

/* Path of unit org_id into buf; 0, or -1 when there is none. */
static int
unit_path(struct api_ctx *c, struct api_cache *rc, int64_t org_id, const char **path)
{
	const struct record *org = api_cached(c, rc, RT_ORG, org_id);

	*path = org ? record_text(org, ORG_PATH) : NULL;
	return *path ? 0 : -1;
}

/* May the account see record r?  (Its unit in scope — or, for inherited
 * types, an ancestor of the account's unit — and, for members, about them.) */
static bool
visible(struct api_ctx *c, struct api_cache *rc, const struct record *r)
{
	const struct rtype *t = r->type;
	const char *path;
	int64_t org_id;

	if (t->flags & RF_GLOBAL)
		return true;
	if (store_record_unit(c->st, r, &org_id) != ST_OK ||
	    unit_path(c, rc, org_id, &path) != 0)
		return false;
	if (c->me.role == ROLE_MEMBER) {
		const struct record *owner = r;
		const struct rtype *pt = rtype_parent(t);

		/* A child is the member's when its parent is. */
		if (t->person_field == NULL && pt != NULL && pt->person_field != NULL)
			owner = api_cached(c, rc, pt->id, record_int(r, rtype_field(t, t->parent_field)));
		if (owner != NULL && owner->type->person_field != NULL &&
		    !(owner->type->flags & (RF_INHERITED | RF_PUBLIC_PERSON)) &&
		    record_int(owner, rtype_field(owner->type, owner->type->person_field)) !=
		    c->me.person_id)
			return false;
	}
	if (api_in_scope(c, path))
		return true;
	/* A topic of the province is read by its cells. */
	return (t->flags & RF_INHERITED) &&
	    strncmp(c->me.scope.prefix[0], path, strlen(path)) == 0;
}

/* The record of the URL (type c->res_type, id c->id) if visible; else 404. */
static struct record *
load_visible(struct api_ctx *c, struct api_cache *rc, const struct rtype *t, int64_t id)
{
	struct record *r = NULL;
	int e = store_get(c->st, t->id, id, &r);

	if (e == ST_OK && !visible(c, rc, r))
		e = ST_NOTFOUND;
	if (e != ST_OK) {
		record_free(r);
		api_fail_store(c, e);
		return NULL;
	}
	return r;
}

/* Is the signed-in member the person of r (or of r's parent)? */
static bool
owned(struct api_ctx *c, struct api_cache *rc, const struct record *r)
{
	const struct rtype *t = r->type, *pt = rtype_parent(t);

	if (t->person_field != NULL)
		return c->me.person_id > 0 &&
		    record_int(r, rtype_field(t, t->person_field)) == c->me.person_id;
	if (pt != NULL) {
		const struct record *p = api_cached(c, rc, pt->id,
		    record_int(r, rtype_field(t, t->parent_field)));

		return p != NULL && owned(c, rc, p);
	}
	return false;
}

/* Is r's unit inside the scope (not only inherited from above)?  Records
 * read from a higher level — a province's topic — are not the account's to
 * change. */
static bool
writable_unit(struct api_ctx *c, struct api_cache *rc, const struct record *r)
{
	const char *path;
	int64_t org_id;

	if (r->type->flags & RF_GLOBAL)
		return true;
	return store_record_unit(c->st, r, &org_id) == ST_OK &&
	    unit_path(c, rc, org_id, &path) == 0 && api_in_scope(c, path);
}

/*
 * Which people's records of type t a list shows the account: 0 everyone's
 * (of the scope), a person's id (a member: the records about them), or -1
 * no one's (a member linked to no person).  Lists of child records too: an
 * activity a member sees lists the member's own attendance, not the names
 * of the others, whom /people does not show them either.
 */
static int64_t
only_person(const struct api_ctx *c, const struct rtype *t)
{
	if (c->me.role != ROLE_MEMBER || t->person_field == NULL ||
	    (t->flags & RF_PUBLIC_PERSON))
		return 0;
	return c->me.person_id > 0 ? c->me.person_id : -1;
}

/* May the account see who person id is, named in a record of type t:
 * what GET /people/ID shows it (the person's unit in the scope; a member
 * only themself), or, for the types that name people publicly (awards),
 * anyone of the scope. */
static bool
person_nameable(struct api_ctx *c, struct api_cache *rc, const struct rtype *t, int64_t id)
{
	const struct record *p = api_cached(c, rc, RT_PERSON, id);
	const char *path;

	if (p == NULL || unit_path(c, rc, record_int(p, PERSON_ORG), &path) != 0 ||
	    !api_in_scope(c, path))
		return false;
	return c->me.role != ROLE_MEMBER || id == c->me.person_id ||
	    (t->flags & RF_PUBLIC_PERSON);
}

/* Role may write records of t; members only their own, and only records of
 * the account's own subtree (when r is given). */
static int
require_write(struct api_ctx *c, struct api_cache *rc, const struct rtype *t,
    const struct record *r)
{
	if (api_require(c, (enum resource)t->res, ACT_WRITE) != 0)
		return -1;
	if (r != NULL && ((c->me.role == ROLE_MEMBER && !owned(c, rc, r)) ||
	    !writable_unit(c, rc, r))) {
		api_fail(c, E_FORBIDDEN, NULL, 0);
		return -1;
	}
	return 0;
}

/* ---- JSON out ---------------------------------------------------------------- */

/* May the account see the name of this unit: in its scope, or one of the
 * units above its own (who issued a topic, who inspects it)? */
static bool
org_nameable(struct api_ctx *c, const struct record *org)
{
	const char *path = record_text(org, ORG_PATH);

	return api_in_scope(c, path) ||
	    strncmp(c->me.scope.prefix[0], path, strlen(path)) == 0;
}

/* A short reference to a record of another type, for display. */
static json_t *
ref_json(struct api_ctx *c, struct api_cache *rc, const struct field *fd, int64_t id)
{
	enum rtype_id t = fd->ref > 0 ? (enum rtype_id)(fd->ref - 1) : RT_ORG;
	const struct record *r = api_cached(c, rc, t, id);

	if (r == NULL || (t == RT_ORG && !org_nameable(c, r)))
		return json_null();
	if (t == RT_ORG)
		return api_org_ref(r);
	if (t == RT_PERSON)
		return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)r->id, "code",
		    record_text(r, PERSON_CODE), "full_name", record_text(r, PERSON_FULL_NAME));
	/* Other records: their first searchable text is their name. */
	for (int f = 0; f < r->type->nfields; f++)
		if ((r->type->fields[f].flags & F_SEARCH) && r->type->fields[f].type == FT_TEXT)
			return json_pack("{s:I, s:s}", "id", (json_int_t)r->id, "title",
			    record_text(r, f) ? record_text(r, f) : "");
	return json_pack("{s:I}", "id", (json_int_t)r->id);
}

/* "org_id" -> "org" */
static void
ref_key(const char *field, char *buf, size_t cap)
{
	size_t n = strlen(field);

	if (n > 3 && strcmp(field + n - 3, "_id") == 0)
		n -= 3;
	snprintf(buf, cap, "%.*s", (int)n, field);
}

/* The actions the account may take on r now: transitions, edit, delete. */
static json_t *
actions_json(struct api_ctx *c, struct api_cache *rc, const struct record *r)
{
	const struct rtype *t = r->type;
	json_t *a = json_array();
	bool may_write = role_may(c->me.role, (enum resource)t->res, ACT_WRITE) &&
	    (c->me.role != ROLE_MEMBER || owned(c, rc, r)) && writable_unit(c, rc, r);
	int fs = t->status_field ? rtype_field(t, t->status_field) : -1;
	const char *status = fs >= 0 ? record_text(r, fs) : NULL;
	bool deleted = rtype_field(t, "deleted_at") >= 0 &&
	    record_has(r, rtype_field(t, "deleted_at"));

	if (!may_write)
		return a;
	if (deleted) {
		json_array_append_new(a, json_string("restore"));
		return a;
	}
	if (t->editable_in == NULL || enum_index(t->editable_in, status) >= 0)
		json_array_append_new(a, json_string("edit"));
	if (((t->flags & RF_SOFT_DELETE) || t->parent > 0) && (c->me.role != ROLE_MEMBER ||
	    t->editable_in == NULL || enum_index(t->editable_in, status) >= 0))
		json_array_append_new(a, json_string("delete"));
	for (const struct transition *tr = t->transitions; tr && tr->name; tr++) {
		bool role_ok = (tr->roles & (1u << c->me.role)) != 0 ||
		    (tr->owner && owned(c, rc, r));

		if (role_ok && enum_index(tr->from, status) >= 0)
			json_array_append_new(a, json_string(tr->name));
	}
	return a;
}

/* A record with its references, child counts and (detail) children. */
static json_t *
record_out(struct api_ctx *c, struct api_cache *rc, const struct record *r, bool detail)
{
	const struct rtype *t = r->type;
	json_t *o = api_record_json(r);
	char key[64];

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];

		if (fd->type != FT_REF || !record_has(r, f) ||
		    (t->parent_field && strcmp(fd->name, t->parent_field) == 0))
			continue;
		ref_key(fd->name, key, sizeof(key));
		json_object_set_new(o, key, fd->ref == RT_PERSON + 1 &&
		    !person_nameable(c, rc, t, record_int(r, f)) ? json_null() :
		    ref_json(c, rc, fd, record_int(r, f)));
	}
	for (int k = 0; k < RT__MAX; k++) {
		const struct rtype *ct = &rtypes[k];
		int64_t n = 0;

		if (ct->parent != (int)t->id + 1 || !(ct->flags & RF_GENERIC))
			continue;
		store_count_children(c->st, ct, r->id, &n);
		snprintf(key, sizeof(key), "%s_count", ct->path);
		json_object_set_new(o, key, json_integer(n));
		if (detail) {
			struct list_query q = { .t = ct, .scope = &c->me.scope,
			    .parent_id = r->id, .sort_field = -1, .page = 1,
			    .per_page = CHILDREN_INLINE, .only_person = only_person(c, ct) };
			struct record_list l = { 0 };
			json_t *items = json_array();
			struct scope all = { 0 };

			/* The parent is visible: so are its children (a member's:
			 * those about the member). */
			scope_add(&all, "/");
			q.scope = &all;
			if (q.only_person >= 0 && store_list(c->st, &q, &l) == ST_OK)
				for (size_t i = 0; i < l.n; i++)
					json_array_append_new(items, record_out(c, rc, l.items[i], false));
			record_list_free(&l);
			json_object_set_new(o, ct->path, items);
		}
	}
	if (detail)
		json_object_set_new(o, "actions", actions_json(c, rc, r));
	return o;
}

/* ---- audit ------------------------------------------------------------------ */

int
api_audit(struct api_ctx *c, const struct rtype *t, int64_t id, const char *action,
    const struct record *before, const struct record *after)
{
	json_t *b = before ? api_record_json(before) : NULL;
	json_t *a = after ? api_record_json(after) : NULL;
	char *bs = b ? json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *as = a ? json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc = ST_ERROR;

	if ((b == NULL || bs != NULL) && (a == NULL || as != NULL)) {
		const struct record *r = after ? after : before;
		int64_t parent_id = t->parent_field && r ?
		    record_int(r, rtype_field(t, t->parent_field)) : 0;

		rc = store_audit_add(c->st, t, id, parent_id, action, bs, as);
	}
	free(bs);
	free(as);
	json_decref(b);
	json_decref(a);
	return rc;
}

int
api_audit_change(struct api_ctx *c, const struct rtype *t, int64_t id,
    const char *action, const struct record *before)
{
	struct record *after = NULL;
	int e = store_get(c->st, t->id, id, &after);

	if (e == ST_OK)
		e = api_audit(c, t, id, action, before, after);
	record_free(after);
	return e;
}

/* ---- checks shared by create and patch ----------------------------------------- */

/*
 * Every catalog code the change sets is an active entry of its list; the
 * entry's kind and weight go into the read-only fields "<name>_kind" and
 * "<name>_weight" when the type has them (a state's kind, a criterion's
 * weight).
 */
static int
check_catalog(struct api_ctx *c, struct record *change)
{
	const struct rtype *t = change->type;

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		struct record *item = NULL;
		char name[64];
		int fk, e;

		if (fd->type != FT_CATALOG || !record_has(change, f))
			continue;
		e = store_catalog_item(c->st, fd->catalog, record_text(change, f), &item);
		if (e == ST_NOTFOUND || (e == ST_OK && !record_int(item, CATALOG_ACTIVE))) {
			record_free(item);
			api_fail(c, E_INVALID_VALUE, fd->name, 0);
			return -1;
		}
		if (e != ST_OK) {
			api_fail_store(c, e);
			return -1;
		}
		snprintf(name, sizeof(name), "%s_kind", fd->name);
		if ((fk = rtype_field(t, name)) >= 0)
			record_set_text(change, fk, record_text(item, CATALOG_KIND) ?
			    record_text(item, CATALOG_KIND) : "");
		snprintf(name, sizeof(name), "%s_weight", fd->name);
		if ((fk = rtype_field(t, name)) >= 0)
			record_set_int(change, fk, record_int(item, CATALOG_WEIGHT));
		record_free(item);
	}
	return 0;
}

/* Every reference the change sets points at a visible, live record; a
 * record with both a unit and a person has the person inside the unit. */
static int
check_refs(struct api_ctx *c, struct api_cache *rc, struct record *change,
    const struct record *merged)
{
	const struct rtype *t = change->type;
	int fo = t->org_field ? rtype_field(t, t->org_field) : -1;
	int fp = t->person_field ? rtype_field(t, t->person_field) : -1;

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		const struct record *r;

		if (fd->type != FT_REF || !record_has(change, f) ||
		    (t->parent_field && strcmp(fd->name, t->parent_field) == 0))
			continue;
		if (fd->ref == 0 && (fd->flags & F_REF_UP)) {
			/* A unit above the account's own is allowed here. */
			r = api_cached(c, rc, RT_ORG, record_int(change, f));
			if (r == NULL || !org_nameable(c, r)) {
				api_fail(c, E_REF, fd->name, 0);
				return -1;
			}
			continue;
		}
		if (fd->ref == 0) {
			struct record *org = api_ref_org(c, record_int(change, f), fd->name);

			if (org == NULL)
				return -1;
			record_free(org);
			continue;
		}
		r = api_cached(c, rc, (enum rtype_id)(fd->ref - 1), record_int(change, f));
		if (r == NULL || (r->type->id != RT_PERSON && !visible(c, rc, r)) ||
		    (rtype_field(r->type, "deleted_at") >= 0 &&
		    record_has(r, rtype_field(r->type, "deleted_at")))) {
			api_fail(c, E_REF, fd->name, 0);
			return -1;
		}
		if (r->type->id == RT_PERSON) {
			const char *path;

			if (unit_path(c, rc, record_int(r, PERSON_ORG), &path) != 0 ||
			    !api_in_scope(c, path)) {
				api_fail(c, E_REF, fd->name, 0);
				return -1;
			}
		}
	}
	if (check_catalog(c, change) != 0)
		return -1;
	if (fo >= 0 && fp >= 0 && record_has(merged, fo) && record_has(merged, fp)) {
		const struct record *p = api_cached(c, rc, RT_PERSON, record_int(merged, fp));
		const char *upath, *ppath;

		if (p == NULL || unit_path(c, rc, record_int(merged, fo), &upath) != 0 ||
		    unit_path(c, rc, record_int(p, PERSON_ORG), &ppath) != 0 ||
		    strncmp(ppath, upath, strlen(upath)) != 0)
			return api_fail_rule(c, RULE_PERSON_UNIT, t->person_field);
	}
	return 0;
}

/* The rules' context of type t: today, and the configured levels of its
 * scales (catalog list t->bands).  -1 after answering. */
static int
rule_ctx_load(struct api_ctx *c, const struct rtype *t, struct rule_ctx *ctx)
{
	int e;

	memset(ctx, 0, sizeof(*ctx));
	ctx->today = c->today;
	if (t->bands == NULL)
		return 0;
	if ((e = store_catalog_bands(c->st, t->bands, ctx)) != ST_OK) {
		api_fail_store(c, e);
		return -1;
	}
	return 0;
}

/* Rules and derived fields of the state a change produces; derived values
 * (and the search key) are copied into change.  -1 after answering. */
static int
rules_and_derive(struct api_ctx *c, struct record *change, struct record *merged)
{
	const struct rtype *t = change->type;
	struct verr ve = { 0 };
	struct rule_ctx ctx;

	if (rule_ctx_load(c, t, &ctx) != 0)
		return -1;
	if (t->rules && t->rules->check && t->rules->check(merged, &ctx, &ve) != 0) {
		api_fail_verr(c, &ve);
		return -1;
	}
	if ((t->rules && t->rules->derive && t->rules->derive(merged, &ctx) != 0) ||
	    record_derive_search(merged) != 0) {
		api_fail(c, E_INVALID_UTF8, NULL, 0);
		return -1;
	}
	/* Copy what derivation produced (read-only fields) into the change. */
	record_take_derived(change, merged);
	return 0;
}

/*
 * After a child of type ct under parent was added, changed or removed, the
 * parent's derived fields follow from all its live children; the parent's
 * change is stored and audited (action: the child type).  In the caller's
 * transaction; ST_INVALID with *ve when a rule of the whole refuses it.
 */
static int
recompute(struct api_ctx *c, const struct rtype *ct, const struct record *parent,
    struct verr *ve)
{
	struct list_query q = { .t = ct, .parent_id = parent->id, .sort_field = -1,
	    .desc = false, .page = 1, .per_page = 100000 };
	struct record_list l = { 0 };
	struct record *ch, *after;
	struct scope all = { 0 };
	int e;

	if (ct->rules == NULL || ct->rules->recompute_parent == NULL)
		return ST_OK;
	scope_add(&all, "/");
	q.scope = &all;
	if ((e = store_list(c->st, &q, &l)) != ST_OK)
		return e;
	ch = record_new(parent->type);
	ch->id = parent->id;
	if (ct->rules->recompute_parent(l.items, l.n, parent, ch, ve) != 0)
		e = ST_INVALID;
	if (e == ST_OK)
		e = store_update(c->st, ch);
	after = record_overlay(parent, ch);
	if (e == ST_OK)
		e = api_audit(c, parent->type, parent->id, ct->name, parent, after);
	record_free(after);
	record_free(ch);
	record_list_free(&l);
	return e;
}

static int
begin(struct api_ctx *c)
{
	int rc = store_begin(c->st, true);

	if (rc != ST_OK)
		api_fail_store(c, rc);
	return rc == ST_OK ? 0 : -1;
}

/*
 * Begins the write of a record whose year and unit are those of a (and,
 * when b is given, of b too: the state a change leaves): refused while that
 * year of the unit is approved (core_year.c).  Checked inside the write
 * transaction, so an approval cannot slip in between.
 */
static int
begin_unlocked(struct api_ctx *c, const struct record *a, const struct record *b)
{
	if (begin(c) != 0)
		return -1;
	if (api_year_unlocked(c, a) != 0 || (b != NULL && api_year_unlocked(c, b) != 0)) {
		store_rollback(c->st);
		return -1;
	}
	return 0;
}

/* Commits (rc ST_OK) and answers record id of t in full, or rolls back. */
static void
finish(struct api_ctx *c, struct api_cache *rc, int e, const struct rtype *t,
    int64_t id, int status)
{
	struct record *r = NULL;

	if (e == ST_OK)
		e = store_commit(c->st);
	else
		store_rollback(c->st);
	if (e == ST_OK)
		e = store_get(c->st, t->id, id, &r);
	if (e != ST_OK) {
		api_fail_store(c, e);
		return;
	}
	api_reply(c, status, record_out(c, rc, r, true));
	record_free(r);
}

/* ---- list ------------------------------------------------------------------- */

/* A number of days from today (sign +1: ahead, -1: back) as a date kept in
 * the context for the rest of the request.  0, or -1 after answering. */
static int
remind_param(struct api_ctx *c, const char *name, int sign, const char **out)
{
	static _Thread_local char buf[2][11];
	int64_t days = -1;
	struct date d;

	if (api_param_int(c, name, 0, 3660, &days) != 0)
		return -1;
	if (days < 0)
		return 0;
	date_parse(c->today, &d);
	date_from_days(date_days(&d) + sign * days, &d);
	date_format(&d, buf[sign > 0]);
	*out = buf[sign > 0];
	return 0;
}

/* Reads the list filters of t from the query string into q. */
static int
list_params(struct api_ctx *c, const struct rtype *t, struct list_query *q)
{
	static const char *const dirs[] = { "asc", "desc", NULL };
	const char *sort = NULL;
	int dir = -1;

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		const char *v;
		struct date d;
		int64_t i;

		if (!(fd->flags & F_FILTER) || (v = http_query(c->req, fd->name)) == NULL)
			continue;
		switch (fd->type) {
		case FT_ENUM:
			if (enum_index(fd->values, v) < 0)
				goto bad;
			break;
		case FT_DATE:
			if (date_parse(v, &d) != 0)
				goto bad;
			break;
		case FT_BOOL:
			if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
				goto bad;
			break;
		case FT_INT:
		case FT_REF:
			if (api_param_int(c, fd->name, fd->type == FT_REF ? 1 : fd->min,
			    fd->max, &i) != 0)
				return -1;
			break;
		default:
			if (strlen(v) > LIMIT_QUERY_VALUE || !text_utf8_valid(v, strlen(v), 0))
				goto bad;
			break;
		}
		if (q->neq == LIST_MAX_EQ)
			goto bad;
		q->eq[q->neq].field = f;
		q->eq[q->neq].text = v;
		q->neq++;
		continue;
bad:
		api_fail(c, E_BAD_PARAM, fd->name, 0);
		return -1;
	}
	/* Reminders ("đăng ký rồi quên"): ?due_within=N days, ?stale_days=N. */
	if (rtype_field(t, "due_date") >= 0 && remind_param(c, "due_within", +1,
	    &q->due_before) != 0)
		return -1;
	if (rtype_field(t, "last_checkin") >= 0 && rtype_field(t, "accepted_on") >= 0 &&
	    remind_param(c, "stale_days", -1, &q->stale_before) != 0)
		return -1;
	q->sort_field = -1;
	if (api_param_text(c, "sort", 64, &sort) != 0 ||
	    api_param_enum(c, "dir", dirs, &dir) != 0)
		return -1;
	if (sort != NULL) {
		q->sort_field = rtype_field(t, sort);
		if (q->sort_field < 0 || !(t->fields[q->sort_field].flags & F_SORT)) {
			api_fail(c, E_BAD_PARAM, "sort", 0);
			return -1;
		}
	}
	/* Dated lists newest first by default; others (codes, order) ascending. */
	if (dir < 0) {
		int sf = q->sort_field >= 0 ? q->sort_field :
		    t->default_sort ? rtype_field(t, t->default_sort) : -1;

		q->desc = sf >= 0 && (t->fields[sf].type == FT_DATE ||
		    strncmp(t->fields[sf].name, "year", 4) == 0);
	} else {
		q->desc = dir == 1;
	}
	return api_param_page(c, &q->page, &q->per_page);
}

#define FACETS_MAX 32

/* {"value": count …} of the type's facet field over the whole list, and for
 * evaluations the warning when "excellent" passes its share of "good". */
static void
add_facets(struct api_ctx *c, const struct list_query *q, json_t *out)
{
	const struct rtype *t = q->t;
	int f = t->facet_field ? rtype_field(t, t->facet_field) : -1, n = 0;
	char val[FACETS_MAX][64];
	int64_t count[FACETS_MAX], excellent = 0, good = 0;
	json_t *facets, *warnings;
	struct record *share = NULL;

	if (f < 0 || store_list_facet(c->st, q, f, val, count, FACETS_MAX, &n) != ST_OK)
		return;
	facets = json_object();
	for (int i = 0; i < n; i++) {
		json_object_set_new(facets, val[i], json_integer(count[i]));
		excellent += strcmp(val[i], "excellent") == 0 ? count[i] : 0;
		good += strcmp(val[i], "good") == 0 ? count[i] : 0;
	}
	json_object_set_new(out, "facets", facets);
	/* The quota concerns units' ratings, not a member's own list. */
	if (t->id != RT_EVALUATION || c->me.role == ROLE_MEMBER)
		return;
	warnings = json_array();
	if (store_catalog_item(c->st, "setting", "excellent_share", &share) == ST_OK &&
	    eval_excellent_over_quota(excellent, good, record_int(share, CATALOG_WEIGHT)))
		json_array_append_new(warnings, json_pack("{s:s, s:s, s:I, s:I, s:I}",
		    "code", "excellent_over_quota", "message", c->en ?
		    "More rated excellent than the allowed share of those rated good" :
		    "Số xếp loại “Hoàn thành xuất sắc nhiệm vụ” vượt tỷ lệ cho phép so với số “Hoàn thành tốt nhiệm vụ”",
		    "excellent", (json_int_t)excellent, "good", (json_int_t)good,
		    "share_pct", (json_int_t)record_int(share, CATALOG_WEIGHT)));
	record_free(share);
	json_object_set_new(out, "warnings", warnings);
}

static void
list_reply(struct api_ctx *c, struct list_query *q)
{
	struct record_list l = { 0 };
	struct api_cache rc = { 0 };
	json_t *items, *out;
	int e;

	if ((e = store_list(c->st, q, &l)) != ST_OK) {
		api_fail_store(c, e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, record_out(c, &rc, l.items[i], false));
	out = api_page_json(items, q->page, q->per_page, l.total);
	add_facets(c, q, out);
	api_reply(c, 200, out);
	record_list_free(&l);
	api_cache_free(&rc);
}

void
api_records_list(struct api_ctx *c)
{
	const struct rtype *t = c->res_type;
	struct list_query q = { .t = t, .scope = &c->me.scope };
	struct record *org = NULL;
	const char *text = NULL;
	char *fold = NULL;
	int64_t org_id = 0, deleted = 0;

	c->rt = t;
	if (api_require(c, (enum resource)t->res, ACT_READ) != 0)
		return;
	if (list_params(c, t, &q) != 0 ||
	    api_param_text(c, "q", LIMIT_SEARCH_CHARS, &text) != 0 ||
	    api_param_int(c, "org", 1, INT64_MAX, &org_id) != 0 ||
	    api_param_int(c, "deleted", 0, 1, &deleted) != 0)
		return;
	/* The filter named like the unit field is the subtree, not equality. */
	for (int i = 0; i < q.neq; i++)
		if (t->org_field && strcmp(t->fields[q.eq[i].field].name, t->org_field) == 0) {
			org_id = strtoll(q.eq[i].text, NULL, 10);
			q.eq[i] = q.eq[--q.neq];
			break;
		}
	if (org_id > 0 && (t->flags & RF_GLOBAL)) {
		api_fail(c, E_BAD_PARAM, "org", 0);	/* configuration has no unit */
		return;
	}
	if (org_id > 0) {
		if ((org = api_load_org(c, org_id)) == NULL)
			return;
		q.org_path = record_text(org, ORG_PATH);
	}
	if (deleted && api_require(c, (enum resource)t->res, ACT_WRITE) != 0)
		goto out;
	q.deleted = deleted != 0;
	if (text != NULL && (fold = text_fold(text)) != NULL && *fold != '\0')
		q.qfold = fold;
	q.inherit_path = c->me.scope.prefix[0];
	if ((q.only_person = only_person(c, t)) < 0) {
		api_reply(c, 200, api_page_json(json_array(), q.page, q.per_page, 0));
		goto out;
	}
	list_reply(c, &q);
out:
	record_free(org);
	free(fold);
}

/* ---- read, create, change --------------------------------------------------------- */

void
api_record_get(struct api_ctx *c)
{
	const struct rtype *t = c->res_type;
	struct api_cache rc = { 0 };
	struct record *r;

	c->rt = t;
	if ((r = load_visible(c, &rc, t, c->id)) == NULL)
		goto out;
	if (api_require(c, (enum resource)t->res, ACT_READ) == 0)
		api_reply(c, 200, record_out(c, &rc, r, true));
	record_free(r);
out:
	api_cache_free(&rc);
}

/* Creates a record of type t from body (parent_id > 0 for a child).  The
 * caller checked the role; answers. */
static void
create(struct api_ctx *c, struct api_cache *rc, const struct rtype *t, json_t *body,
    const struct record *parent)
{
	struct record *r = NULL;
	struct verr ve = { 0 };
	int fp = t->person_field ? rtype_field(t, t->person_field) : -1;
	int fo = t->org_field ? rtype_field(t, t->org_field) : -1;
	int e;

	if (parent != NULL) {
		json_t *given = json_object_get(body, t->parent_field);

		if (given != NULL && (!json_is_integer(given) ||
		    json_integer_value(given) != parent->id)) {
			api_fail(c, E_INVALID_VALUE, t->parent_field, 0);
			return;
		}
		json_object_set_new(body, t->parent_field, json_integer(parent->id));
	}
	/* The body first: every field error before anything else. */
	if ((r = api_record_from_json(c, t, body, VM_CREATE, NULL)) == NULL)
		return;
	/* A member's own record: the person is the member. */
	if (c->me.role == ROLE_MEMBER && fp >= 0) {
		if (record_has(r, fp) && record_int(r, fp) != c->me.person_id) {
			api_fail_rule(c, RULE_NOT_OWNER, t->person_field);
			goto out;
		}
		record_set_int(r, fp, c->me.person_id);
	}
	/* A record about a person belongs by default to the person's unit
	 * (then the person, not the unit, is what may be out of reach);
	 * given both, check_refs names them in field order. */
	if (fp >= 0 && record_has(r, fp) && fo >= 0 && !record_has(r, fo)) {
		const struct record *p = api_cached(c, rc, RT_PERSON, record_int(r, fp));
		const char *path;

		if (p == NULL || unit_path(c, rc, record_int(p, PERSON_ORG), &path) != 0 ||
		    !api_in_scope(c, path)) {
			api_fail(c, E_REF, t->person_field, 0);
			goto out;
		}
		record_set_int(r, fo, record_int(p, PERSON_ORG));
	}
	if (fo >= 0 && !record_has(r, fo)) {
		api_fail(c, E_REQUIRED, t->org_field, 0);
		goto out;
	}
	if (check_refs(c, rc, r, r) != 0 || rules_and_derive(c, r, r) != 0)
		goto out;
	if (parent != NULL && t->rules && t->rules->check_parent &&
	    t->rules->check_parent(r, parent, &ve) != 0) {
		api_fail_verr(c, &ve);
		goto out;
	}
	if (begin_unlocked(c, parent ? parent : r, NULL) != 0)
		goto out;
	e = store_insert(c->st, r);
	if (e == ST_OK) {
		/* The audit shows the row as stored (defaults included). */
		struct record *stored = NULL;

		e = store_get(c->st, t->id, r->id, &stored);
		if (e == ST_OK)
			e = api_audit(c, t, r->id, "create", NULL, stored);
		record_free(stored);
	}
	if (e == ST_OK && parent != NULL)
		e = recompute(c, t, parent, &ve);
	if (e == ST_INVALID) {
		store_rollback(c->st);
		api_fail_verr(c, &ve);
		goto out;
	}
	finish(c, rc, e, t, r->id, 201);
out:
	record_free(r);
}

void
api_records_create(struct api_ctx *c)
{
	const struct rtype *t = c->res_type;
	struct api_cache rc = { 0 };
	json_t *body;

	c->rt = t;
	if (require_write(c, &rc, t, NULL) != 0 || (body = api_body(c, t)) == NULL)
		return;
	create(c, &rc, t, body, NULL);
	json_decref(body);
	api_cache_free(&rc);
}

static bool
is_deleted(const struct record *r)
{
	int fd = rtype_field(r->type, "deleted_at");

	return fd >= 0 && record_has(r, fd);
}

/* May r be edited in its state (editable_in)?  -1 after answering. */
static int
editable(struct api_ctx *c, const struct record *r)
{
	const struct rtype *t = r->type;

	if (is_deleted(r))
		return api_fail_rule(c, RULE_STATE, "deleted_at");
	if (t->editable_in != NULL && t->status_field != NULL &&
	    enum_index(t->editable_in, record_text(r, rtype_field(t, t->status_field))) < 0)
		return api_fail_rule(c, RULE_STATE, t->status_field);
	return 0;
}

/* Applies the PATCH body to cur (a child of parent when parent is not
 * NULL, whose derived fields then follow).  The caller checked visibility
 * and role; answers. */
static void
patch(struct api_ctx *c, struct api_cache *rc, struct record *cur,
    const struct record *parent)
{
	const struct rtype *t = cur->type;
	struct record *change = NULL, *merged = NULL, *after = NULL;
	struct verr ve = { 0 };
	json_t *body = NULL;
	int e;

	if ((body = api_body(c, t)) == NULL)
		goto out;
	if ((change = api_record_from_json(c, t, body, VM_UPDATE, NULL)) == NULL)
		goto out;
	if (editable(c, cur) != 0)
		goto out;
	merged = record_overlay(cur, change);
	if (check_refs(c, rc, change, merged) != 0 || rules_and_derive(c, change, merged) != 0)
		goto out;
	/* A child is changed only while its parent takes children; a parent
	 * only so that its children still fit (an update dated before the
	 * new opening date). */
	if (parent != NULL && t->rules && t->rules->check_parent &&
	    t->rules->check_parent(merged, parent, &ve) != 0) {
		api_fail_verr(c, &ve);
		goto out;
	}
	if (parent == NULL && (e = store_children_fit(c->st, merged, change, &ve)) != ST_OK) {
		if (e == ST_INVALID)
			api_fail_verr(c, &ve);
		else
			api_fail_store(c, e);
		goto out;
	}
	if (json_object_size(body) == 0) {
		/* Nothing to change: nothing written, nothing audited. */
		api_reply(c, 200, record_out(c, rc, cur, true));
		goto out;
	}
	if (begin_unlocked(c, parent ? parent : cur, parent ? NULL : merged) != 0)
		goto out;
	change->id = cur->id;
	e = store_update(c->st, change);
	after = record_overlay(cur, change);
	if (e == ST_OK)
		e = api_audit(c, t, cur->id, "update", cur, after);
	if (e == ST_OK && parent != NULL)
		e = recompute(c, t, parent, &ve);
	if (e == ST_INVALID) {
		store_rollback(c->st);
		api_fail_verr(c, &ve);
		goto out;
	}
	finish(c, rc, e, t, cur->id, 200);
out:
	json_decref(body);
	record_free(after);
	record_free(merged);
	record_free(change);
}

void
api_record_patch(struct api_ctx *c)
{
	const struct rtype *t = c->res_type;
	struct api_cache rc = { 0 };
	struct record *cur;

	c->rt = t;
	if ((cur = load_visible(c, &rc, t, c->id)) != NULL &&
	    require_write(c, &rc, t, cur) == 0)
		patch(c, &rc, cur, NULL);
	record_free(cur);
	api_cache_free(&rc);
}

/* The child record c->cid of type c->sub under the visible record c->id:
 * *parent and the child, or NULL after answering. */
static struct record *
load_child(struct api_ctx *c, struct api_cache *rc, struct record **parent)
{
	const struct rtype *t = c->res_type, *ct = rtype_child(t, c->sub);
	struct record *child = NULL;
	int e;

	*parent = NULL;
	if (ct == NULL) {
		api_fail(c, E_NOT_FOUND, NULL, 0);
		return NULL;
	}
	if ((*parent = load_visible(c, rc, t, c->id)) == NULL)
		return NULL;
	e = store_get(c->st, ct->id, c->cid, &child);
	if (e == ST_OK && record_int(child, rtype_field(ct, ct->parent_field)) != (*parent)->id)
		e = ST_NOTFOUND;
	if (e != ST_OK) {
		record_free(child);
		api_fail_store(c, e);
		return NULL;
	}
	c->rt = ct;
	if (require_write(c, rc, t, *parent) != 0) {
		record_free(child);
		return NULL;
	}
	if (is_deleted(*parent)) {
		record_free(child);
		api_fail_rule(c, RULE_STATE, "deleted_at");
		return NULL;
	}
	return child;
}

void
api_record_patch_child(struct api_ctx *c)
{
	struct api_cache rc = { 0 };
	struct record *parent, *child;

	c->rt = c->res_type;
	if ((child = load_child(c, &rc, &parent)) != NULL)
		patch(c, &rc, child, parent);
	record_free(child);
	record_free(parent);
	api_cache_free(&rc);
}

/* Soft delete (deleted true) or restore. */
static void
set_deleted(struct api_ctx *c, bool deleted)
{
	const struct rtype *t = c->res_type;
	struct api_cache rc = { 0 };
	struct record *cur, *after = NULL;
	int e;

	c->rt = t;
	if ((cur = load_visible(c, &rc, t, c->id)) == NULL)
		goto out;
	if (require_write(c, &rc, t, cur) != 0)
		goto out;
	if (!(t->flags & RF_SOFT_DELETE)) {
		api_fail(c, E_METHOD, NULL, 0);
		goto out;
	}
	if (is_deleted(cur) == deleted) {
		api_fail_rule(c, RULE_STATE, "deleted_at");
		goto out;
	}
	/* Members delete only what they may still edit (their drafts). */
	if (deleted && c->me.role == ROLE_MEMBER && editable(c, cur) != 0)
		goto out;
	if (begin_unlocked(c, cur, NULL) != 0)
		goto out;
	e = store_set_deleted(c->st, t, cur->id, deleted);
	if (e == ST_OK && store_get(c->st, t->id, cur->id, &after) == ST_OK)
		e = api_audit(c, t, cur->id, deleted ? "delete" : "restore", cur, after);
	finish(c, &rc, e, t, cur->id, 200);
out:
	record_free(after);
	record_free(cur);
	api_cache_free(&rc);
}

void
api_record_delete(struct api_ctx *c)
{
	set_deleted(c, true);
}

/* ---- workflow --------------------------------------------------------------- */

static void
transition(struct api_ctx *c, const struct transition *tr)
{
	const struct rtype *t = c->res_type;
	struct api_cache rc = { 0 };
	struct record *cur, *change = NULL, *op = NULL, *after = NULL;
	const char *status;
	json_t *body = NULL;
	bool allowed;
	int e, fs;

	c->rt = t;
	if ((cur = load_visible(c, &rc, t, c->id)) == NULL)
		goto out;
	allowed = role_may(c->me.role, (enum resource)t->res, ACT_WRITE) &&
	    ((tr->roles & (1u << c->me.role)) || (tr->owner && owned(c, &rc, cur)));
	if (!allowed || (c->me.role == ROLE_MEMBER && !owned(c, &rc, cur))) {
		api_fail(c, E_FORBIDDEN, NULL, 0);
		goto out;
	}
	change = record_new(t);
	change->id = cur->id;
	if (tr->body > 0) {
		const struct rtype *bt = &rtypes[tr->body - 1];

		if ((body = api_body(c, bt)) == NULL ||
		    (op = api_record_from_json(c, bt, body, VM_CREATE, NULL)) == NULL)
			goto out;
		/* The body's fields are the record's fields of the same names. */
		for (int f = 0; f < bt->nfields; f++) {
			int tf = rtype_field(t, bt->fields[f].name);

			if (tf < 0 || op->v[f].state == FV_ABSENT)
				continue;
			if (op->v[f].state == FV_NULL)
				record_set_null(change, tf);
			else if (op->v[f].s != NULL)
				record_set_blob(change, tf, op->v[f].s, op->v[f].len);
			else
				record_set_int(change, tf, op->v[f].i);
		}
	}
	fs = rtype_field(t, t->status_field);
	status = record_text(cur, fs);
	if (is_deleted(cur) || enum_index(tr->from, status) < 0) {
		api_fail_rule(c, RULE_STATE, t->status_field);
		goto out;
	}
	record_set_text(change, fs, tr->to);
	if (tr->stamp != NULL)
		record_set_text(change, rtype_field(t, tr->stamp), c->today);
	if (begin_unlocked(c, cur, NULL) != 0)
		goto out;
	e = store_update(c->st, change);
	after = record_overlay(cur, change);
	if (e == ST_OK)
		e = api_audit(c, t, cur->id, tr->name, cur, after);
	finish(c, &rc, e, t, cur->id, 200);
out:
	json_decref(body);
	record_free(after);
	record_free(op);
	record_free(change);
	record_free(cur);
	api_cache_free(&rc);
}

/* ---- history and children ----------------------------------------------------- */

/* Does the account see audit row a (before, after: its JSON) of the history
 * of r: a change of r itself, or of a child — for a member, of a child
 * about the member only (only_person). */
static bool
audit_row_visible(const struct api_ctx *c, const struct record *r, const struct audit_row *a,
    json_t *before, json_t *after)
{
	const struct rtype *ct = NULL;
	json_t *pid;
	int64_t who;

	if (strcmp(a->rtype, r->type->name) == 0)
		return true;
	for (int k = 0; k < RT__MAX && ct == NULL; k++)
		if (strcmp(rtypes[k].name, a->rtype) == 0)
			ct = &rtypes[k];
	if (ct == NULL || (who = only_person(c, ct)) == 0)
		return true;
	pid = json_object_get(after ? after : before, ct->person_field);
	return json_is_integer(pid) && json_integer_value(pid) == who;
}

void
api_history(struct api_ctx *c, const struct record *r)
{
	struct audit_row *rows = NULL;
	struct api_cache rc = { 0 };
	json_t *items = json_array();
	int n = 0, e;

	if ((e = store_audit_list(c->st, r->type, r->id, &rows, &n)) != ST_OK) {
		json_decref(items);
		api_fail_store(c, e);
		return;
	}
	for (int i = 0; i < n; i++) {
		json_t *before = rows[i].before ? json_loads(rows[i].before, 0, NULL) : NULL;
		json_t *after = rows[i].after ? json_loads(rows[i].after, 0, NULL) : NULL;
		const struct record *acc;
		json_t *who;

		if (!audit_row_visible(c, r, &rows[i], before, after)) {
			json_decref(before);
			json_decref(after);
			continue;
		}
		acc = rows[i].account_id > 0 ?
		    api_cached(c, &rc, RT_ACCOUNT, rows[i].account_id) : NULL;
		who = acc ? json_pack("{s:I, s:s, s:s?}", "id", (json_int_t)acc->id,
		    "username", record_text(acc, ACCOUNT_USERNAME), "display_name",
		    record_text(acc, ACCOUNT_DISPLAY_NAME)) : json_null();
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:I, s:o, s:I, s:o, s:o}",
		    "id", (json_int_t)rows[i].id, "action", rows[i].action,
		    "type", rows[i].rtype, "record_id", (json_int_t)rows[i].record_id,
		    "account", who, "at", (json_int_t)rows[i].at,
		    "before", before ? before : json_null(), "after", after ? after : json_null()));
	}
	store_audit_free(rows, n);
	api_cache_free(&rc);
	api_reply(c, 200, json_pack("{s:o}", "items", items));
}

void
api_record_get_sub(struct api_ctx *c)
{
	const struct rtype *t = c->res_type, *ct;
	struct api_cache rc = { 0 };
	struct record *r;

	c->rt = t;
	if ((r = load_visible(c, &rc, t, c->id)) == NULL)
		goto out;
	if (api_require(c, (enum resource)t->res, ACT_READ) != 0)
		goto done;
	if (strcmp(c->sub, "history") == 0) {
		api_history(c, r);
	} else if ((ct = rtype_child(t, c->sub)) != NULL) {
		struct list_query q = { .t = ct, .parent_id = r->id };
		struct scope all = { 0 };

		/* The parent is visible: so are its children (a member's: those
		 * about the member). */
		scope_add(&all, "/");
		q.scope = &all;
		if (list_params(c, ct, &q) != 0)
			goto done;
		if ((q.only_person = only_person(c, ct)) < 0)
			api_reply(c, 200, api_page_json(json_array(), q.page, q.per_page, 0));
		else
			list_reply(c, &q);
	} else {
		api_fail(c, E_NOT_FOUND, NULL, 0);
	}
done:
	record_free(r);
out:
	api_cache_free(&rc);
}

void
api_record_post_sub(struct api_ctx *c)
{
	const struct rtype *t = c->res_type, *ct;
	const struct transition *tr;
	struct api_cache rc = { 0 };
	struct record *parent;
	json_t *body;

	c->rt = t;
	if (strcmp(c->sub, "restore") == 0) {
		if (api_body_none(c) == 0)
			set_deleted(c, false);
		return;
	}
	if ((tr = rtype_transition(t, c->sub)) != NULL) {
		if (tr->body > 0 || api_body_none(c) == 0)
			transition(c, tr);
		return;
	}
	if ((ct = rtype_child(t, c->sub)) == NULL) {
		api_fail(c, E_NOT_FOUND, NULL, 0);
		return;
	}
	if ((parent = load_visible(c, &rc, t, c->id)) == NULL)
		goto out;
	c->rt = ct;
	if (require_write(c, &rc, t, parent) != 0)
		goto done;
	if (is_deleted(parent)) {
		api_fail_rule(c, RULE_STATE, "deleted_at");
		goto done;
	}
	if ((body = api_body(c, ct)) == NULL)
		goto done;
	create(c, &rc, ct, body, parent);
	json_decref(body);
done:
	record_free(parent);
out:
	api_cache_free(&rc);
}

void
api_record_delete_child(struct api_ctx *c)
{
	struct api_cache rc = { 0 };
	struct record *parent, *child;
	struct verr ve = { 0 };
	int e;

	c->rt = c->res_type;
	if ((child = load_child(c, &rc, &parent)) == NULL)
		goto out;
	if (child->type->rules && child->type->rules->check_parent &&
	    child->type->rules->check_parent(child, parent, &ve) != 0) {
		api_fail_verr(c, &ve);
		goto out;
	}
	if (begin_unlocked(c, parent, NULL) != 0)
		goto out;
	e = store_delete(c->st, child->type, child->id);
	if (e == ST_OK)
		e = api_audit(c, child->type, child->id, "delete", child, NULL);
	if (e == ST_OK)
		e = recompute(c, child->type, parent, &ve);
	if (e == ST_OK)
		e = store_commit(c->st);
	else
		store_rollback(c->st);
	if (e == ST_INVALID)
		api_fail_verr(c, &ve);
	else if (e != ST_OK)
		api_fail_store(c, e);
	else
		api_reply_empty(c, 204);
out:
	record_free(child);
	record_free(parent);
	api_cache_free(&rc);
}
