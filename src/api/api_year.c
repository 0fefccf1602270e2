/*
 * api_year.c — /api/v1/year_reports: a unit's year submitted, approved or
 * returned by the level above, reopened (core_year.c), and the view of who
 * under a unit has entered and submitted the year (completeness).  Also
 * the lock: api_year_unlocked refuses changes to a record of an approved
 * year of its unit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

int
api_year_unlocked(struct api_ctx *c, const struct record *r)
{
	enum year_status st = YST_OPEN;
	int year = record_year(r), e;
	int64_t org_id;

	if (year == 0 || (r->type->flags & RF_GLOBAL))
		return 0;
	if ((e = store_record_unit(c->st, r, &org_id)) != ST_OK ||
	    (e = store_year_status(c->st, org_id, year, &st)) != ST_OK) {
		api_fail_store(c, e);
		return -1;
	}
	return year_open(st) ? 0 : api_fail_rule(c, RULE_YEAR_LOCKED, "year");
}

static enum year_status
status_of(const struct record *rep)
{
	int i = rep ? enum_index(year_statuses, record_text(rep, YR_STATUS)) : -1;

	return i >= 0 ? (enum year_status)i : YST_OPEN;
}

/* The facts a step of unit org's year depends on (children only when
 * counting them matters: approving). */
static int
facts(struct api_ctx *c, const struct record *org, int year, enum year_step step,
    struct year_facts *f, struct record **rep)
{
	struct record_list kids = { 0 };
	int64_t parent;
	enum year_status ps = YST_OPEN;
	int e;

	memset(f, 0, sizeof(*f));
	if ((e = store_year_report(c->st, org->id, year, rep)) != ST_OK && e != ST_NOTFOUND)
		return e;
	f->status = status_of(*rep);
	if ((e = store_year_parent(c->st, org->id, year, &parent)) != ST_OK)
		return e;
	if (parent > 0 && (e = store_year_status(c->st, parent, year, &ps)) != ST_OK)
		return e;
	f->parent = ps;
	f->root = parent == 0;
	f->reports = year_reports_kind(record_text(org, ORG_KIND));
	f->admin = c->me.role == ROLE_ADMIN;
	/* The account's unit is above it: the unit is in its scope and is not
	 * the account's own (a secretary's cell has nothing under it). */
	f->above = org->id != c->me.org_id && api_in_scope(c, record_text(org, ORG_PATH));
	if (step == YSTEP_APPROVE) {
		if ((e = store_year_units(c->st, org->id, year, &kids)) != ST_OK)
			return e;
		for (size_t i = 0; i < kids.n; i++) {
			enum year_status ks;

			if ((e = store_year_status(c->st, kids.items[i]->id, year, &ks)) != ST_OK)
				break;
			f->children_not_approved += ks != YST_APPROVED;
		}
		record_list_free(&kids);
	}
	return e;
}

static json_t *
counts_json(const struct year_counts *k)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "units", (json_int_t)k->units,
	    "submitted", (json_int_t)k->submitted, "approved", (json_int_t)k->approved,
	    "pledges", (json_int_t)k->pledges, "meetings", (json_int_t)k->meetings);
}

/* {org, status, submitted_on, approved_on, reason, counts} of one unit. */
static json_t *
unit_json(struct api_ctx *c, const struct record *org, int year, int *err)
{
	struct record *rep = NULL;
	struct year_counts k;
	json_t *o;

	*err = store_year_report(c->st, org->id, year, &rep);
	if (*err == ST_NOTFOUND)
		*err = ST_OK;
	if (*err == ST_OK)
		*err = store_year_counts(c->st, org->id, year, &k);
	if (*err != ST_OK) {
		record_free(rep);
		return NULL;
	}
	o = json_pack("{s:o, s:s, s:o}", "org", api_org_ref(org), "status",
	    year_statuses[status_of(rep)], "counts", counts_json(&k));
	json_object_set_new(o, "submitted_on", rep && record_has(rep, YR_SUBMITTED_ON) ?
	    json_string(record_text(rep, YR_SUBMITTED_ON)) : json_null());
	json_object_set_new(o, "approved_on", rep && record_has(rep, YR_APPROVED_ON) ?
	    json_string(record_text(rep, YR_APPROVED_ON)) : json_null());
	json_object_set_new(o, "reason", rep && record_has(rep, YR_REASON) ?
	    json_string(record_text(rep, YR_REASON)) : json_null());
	record_free(rep);
	return o;
}

/* The steps the account may take now on org's year. */
static json_t *
actions_json(struct api_ctx *c, const struct record *org, int year, int *err)
{
	json_t *a = json_array();

	*err = ST_OK;
	if (!role_may(c->me.role, RES_YEAR_REPORT, ACT_WRITE))
		return a;
	for (int s = 0; s < YSTEP__MAX && *err == ST_OK; s++) {
		struct year_facts f;
		struct record *rep = NULL;
		struct verr ve = { 0 };

		*err = facts(c, org, year, (enum year_step)s, &f, &rep);
		record_free(rep);
		f.reason = "-";		/* asked for when the step is taken */
		if (*err == ST_OK && year_step_check((enum year_step)s, &f, &ve) >= 0)
			json_array_append_new(a, json_string(year_step_names[s]));
	}
	return a;
}

/* The whole view of org's year: its report, its actions, the units under it. */
static void
reply_view(struct api_ctx *c, const struct record *org, int year, int status)
{
	struct record_list kids = { 0 };
	json_t *o, *rows = NULL;
	int err;

	if ((o = unit_json(c, org, year, &err)) == NULL)
		goto fail;
	json_object_set_new(o, "year", json_integer(year));
	json_object_set_new(o, "actions", actions_json(c, org, year, &err));
	if (err != ST_OK || (err = store_year_units(c->st, org->id, year, &kids)) != ST_OK)
		goto fail;
	rows = json_array();
	for (size_t i = 0; i < kids.n; i++) {
		json_t *row;

		if (!api_in_scope(c, record_text(kids.items[i], ORG_PATH)))
			continue;
		if ((row = unit_json(c, kids.items[i], year, &err)) == NULL)
			goto fail;
		json_array_append_new(rows, row);
	}
	json_object_set_new(o, "children", rows);
	rows = NULL;
	api_reply(c, status, o);
	record_list_free(&kids);
	return;
fail:
	json_decref(o);
	record_list_free(&kids);
	api_fail_store(c, err);
}

/* ?org= (default: the account's unit) and ?year= (default: this year). */
static struct record *
query_unit(struct api_ctx *c, int64_t *year)
{
	int64_t org_id = 0;

	c->rt = &rtypes[RT_OP_YEAR_STEP];
	*year = atoi(c->today);
	if (api_param_int(c, "year", DATE_MIN_YEAR, DATE_MAX_YEAR, year) != 0 ||
	    api_param_int(c, "org", 1, INT64_MAX, &org_id) != 0)
		return NULL;
	return api_load_org(c, org_id ? org_id : c->me.org_id);
}

void
api_year_get(struct api_ctx *c)
{
	struct record *org;
	int64_t year;

	if (api_require(c, RES_YEAR_REPORT, ACT_READ) != 0 ||
	    (org = query_unit(c, &year)) == NULL)
		return;
	reply_view(c, org, (int)year, 200);
	record_free(org);
}

void
api_year_history(struct api_ctx *c)
{
	struct record *org, *rep = NULL;
	int64_t year;
	int e;

	if (api_require(c, RES_YEAR_REPORT, ACT_READ) != 0 ||
	    (org = query_unit(c, &year)) == NULL)
		return;
	e = store_year_report(c->st, org->id, (int)year, &rep);
	if (e == ST_NOTFOUND)
		api_reply(c, 200, json_pack("{s:[]}", "items"));
	else if (e != ST_OK)
		api_fail_store(c, e);
	else
		api_history(c, rep);
	record_free(rep);
	record_free(org);
}

/* Writes the step: the report created on its first step, audited. */
static int
save(struct api_ctx *c, const struct record *org, int year, enum year_step step,
    enum year_status to, struct record *rep, const char *reason)
{
	struct record *change = record_new(&rtypes[RT_YEAR_REPORT]), *after = NULL;
	int e;

	if (change == NULL)
		return ST_ERROR;
	record_set_text(change, YR_STATUS, year_statuses[to]);
	switch (step) {
	case YSTEP_SUBMIT:
		record_set_text(change, YR_SUBMITTED_ON, c->today);
		record_set_null(change, YR_REASON);
		break;
	case YSTEP_APPROVE:
		record_set_text(change, YR_APPROVED_ON, c->today);
		break;
	default:
		record_set_null(change, YR_APPROVED_ON);
		record_set_text(change, YR_REASON, reason);
		break;
	}
	if (rep == NULL) {
		record_set_int(change, YR_ORG, org->id);
		record_set_int(change, YR_YEAR, year);
		if ((e = store_insert(c->st, change)) == ST_OK &&
		    (e = store_get(c->st, RT_YEAR_REPORT, change->id, &after)) == ST_OK)
			e = api_audit(c, &rtypes[RT_YEAR_REPORT], change->id,
			    year_step_names[step], NULL, after);
	} else {
		change->id = rep->id;
		if ((e = store_update(c->st, change)) == ST_OK &&
		    (e = store_get(c->st, RT_YEAR_REPORT, rep->id, &after)) == ST_OK)
			e = api_audit(c, &rtypes[RT_YEAR_REPORT], rep->id,
			    year_step_names[step], rep, after);
	}
	record_free(after);
	record_free(change);
	return e;
}

void
api_year_step(struct api_ctx *c)
{
	const struct rtype *bt = &rtypes[RT_OP_YEAR_STEP];
	struct record *body_rec = NULL, *org = NULL, *rep = NULL;
	struct year_facts f;
	struct verr ve = { 0 };
	json_t *body = NULL;
	int step = enum_index(year_step_names, c->sub), to, e, year;

	c->rt = bt;
	if (step < 0) {
		api_fail(c, E_NOT_FOUND, NULL, 0);
		return;
	}
	if (api_require(c, RES_YEAR_REPORT, ACT_WRITE) != 0 ||
	    (body = api_body(c, bt)) == NULL ||
	    (body_rec = api_record_from_json(c, bt, body, VM_CREATE, NULL)) == NULL)
		goto out;
	year = (int)record_int(body_rec, YS_YEAR);
	if ((org = api_ref_org(c, record_int(body_rec, YS_ORG), "org_id")) == NULL)
		goto out;
	if ((e = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, e);
		goto out;
	}
	/* Decided inside the write transaction: nothing changes under it. */
	if ((e = facts(c, org, year, (enum year_step)step, &f, &rep)) != ST_OK) {
		store_rollback(c->st);
		api_fail_store(c, e);
		goto out;
	}
	f.reason = record_has(body_rec, YS_REASON) ? record_text(body_rec, YS_REASON) : NULL;
	if ((to = year_step_check((enum year_step)step, &f, &ve)) < 0) {
		store_rollback(c->st);
		api_fail_verr(c, &ve);
		goto out;
	}
	e = save(c, org, year, (enum year_step)step, (enum year_status)to, rep, f.reason);
	if (e == ST_OK)
		e = store_commit(c->st);
	else
		store_rollback(c->st);
	if (e != ST_OK)
		api_fail_store(c, e);
	else
		reply_view(c, org, year, 200);
out:
	json_decref(body);
	record_free(rep);
	record_free(org);
	record_free(body_rec);
}
