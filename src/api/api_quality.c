/*
 * api_quality.c — /api/v1/quality: the records of a unit's tree and year
 * that are possible but suspicious, and the units that have not entered
 * their year (core_quality.c lists the checks).  The summary gives every
 * check the account's role may read with its count and first records; one
 * check pages through all of them.  Members do not see it: it names other
 * people.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

#define SAMPLE 5

static int
may_see(const struct api_ctx *c, int i)
{
	return c->me.role != ROLE_MEMBER &&
	    role_may(c->me.role, (enum resource)quality_checks[i].res, ACT_READ);
}

/* The year (default: this year), the unit and its scope; NULL after answering. */
static struct record *
query(struct api_ctx *c, int64_t *year, struct scope *sc)
{
	*year = atoi(c->today);
	if (c->me.role == ROLE_MEMBER) {
		api_fail(c, E_FORBIDDEN, NULL, 0);
		return NULL;
	}
	if (api_param_int(c, "year", DATE_MIN_YEAR, DATE_MAX_YEAR, year) != 0)
		return NULL;
	return api_unit_scopes(c, (int)*year, sc, 0, NULL, NULL);
}

/* One page of check i as a JSON array; *total counts all. */
static json_t *
hits_json(struct api_ctx *c, int i, const struct scope *sc, int year, int page,
    int per_page, int64_t *total, int *err)
{
	struct store_hit *hits;
	json_t *arr;
	int n;

	*err = store_quality(c->st, (enum quality_id)i, sc, year, c->today, page, per_page,
	    &hits, &n, total);
	if (*err != ST_OK)
		return NULL;
	arr = json_array();
	for (int k = 0; k < n; k++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:{s:I, s:s}}",
		    "id", (json_int_t)hits[k].id, "title", hits[k].title, "org",
		    "id", (json_int_t)hits[k].org_id, "name", hits[k].org_name));
	free(hits);
	return arr;
}

static json_t *
check_json(const struct api_ctx *c, int i)
{
	const struct quality_check *q = &quality_checks[i];

	return json_pack("{s:s, s:s, s:s}", "name", q->name, "path", q->path,
	    "label", c->en ? q->label_en : q->label_vi);
}

void
api_quality(struct api_ctx *c)
{
	struct scope sc;
	struct record *org;
	int64_t year, total;
	int err = ST_OK;
	json_t *items;

	if ((org = query(c, &year, &sc)) == NULL)
		return;
	items = json_array();
	for (int i = 0; i < QC__MAX; i++) {
		json_t *o, *hits;

		if (!may_see(c, i))
			continue;
		if ((hits = hits_json(c, i, &sc, (int)year, 1, SAMPLE, &total, &err)) == NULL)
			break;
		o = check_json(c, i);
		json_object_set_new(o, "total", json_integer(total));
		json_object_set_new(o, "sample", hits);
		json_array_append_new(items, o);
	}
	if (err != ST_OK) {
		json_decref(items);
		api_fail_store(c, err);
	} else {
		api_reply(c, 200, json_pack("{s:o, s:I, s:o}", "org", api_org_ref(org),
		    "year", (json_int_t)year, "items", items));
	}
	record_free(org);
}

void
api_quality_one(struct api_ctx *c)
{
	struct scope sc;
	struct record *org;
	int64_t year, total;
	int i, page, per_page, err;
	json_t *hits, *o;

	for (i = 0; i < QC__MAX && strcmp(quality_checks[i].name, c->sub) != 0; i++)
		;
	if (i == QC__MAX) {
		api_fail(c, E_NOT_FOUND, NULL, 0);
		return;
	}
	if (!may_see(c, i)) {
		api_fail(c, E_FORBIDDEN, NULL, 0);
		return;
	}
	if (api_param_page(c, &page, &per_page) != 0 || (org = query(c, &year, &sc)) == NULL)
		return;
	hits = hits_json(c, i, &sc, (int)year, page, per_page, &total, &err);
	if (hits == NULL) {
		api_fail_store(c, err);
	} else {
		o = api_page_json(hits, page, per_page, total);
		json_object_update_new(o, check_json(c, i));
		json_object_set_new(o, "org", api_org_ref(org));
		json_object_set_new(o, "year", json_integer(year));
		api_reply(c, 200, o);
	}
	record_free(org);
}
