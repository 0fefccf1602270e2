/*
 * api_indicator.c — /api/v1/indicators: the figures of SPEC §4 for a unit
 * (its whole subtree and the units merged into it) and a year, live from
 * the records, with the numerator and denominator beside every rate, the
 * figure of another year to compare, the breakdown by the units under it,
 * and the records behind each figure (/indicators/NAME/records: the members
 * without a pledge, the unresolved concerns …), a page at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "limits.h"
#include "text/text.h"

/* {num, den, parts, rate, display} of one value. */
static json_t *
value_json(const struct indicator *ind, const struct ind_value *v)
{
	json_t *o = json_object(), *parts = json_array();
	char buf[64];

	json_object_set_new(o, "num", json_integer(v->num));
	if (ind->kind == IK_RATE) {
		json_object_set_new(o, "den", json_integer(v->den));
		/* Per mille rounded half up, as a percentage with one decimal. */
		json_object_set_new(o, "rate", v->den > 0 ?
		    json_real((double)((v->num * 2000 / v->den + 1) / 2) / 10.0) : json_null());
		text_fmt_percent(v->num, v->den, ind->decimals, buf, sizeof(buf));
	} else {
		text_fmt_int(v->num, buf, sizeof(buf));
	}
	json_object_set_new(o, "display", json_string(buf));
	for (int i = 0; i < IND_PARTS; i++)
		json_array_append_new(parts, json_integer(v->part[i]));
	json_object_set_new(o, "parts", parts);
	return o;
}

/* The year of the query (default: this year).  -1 after answering. */
static int
year_param(struct api_ctx *c, const char *name, int64_t *year)
{
	return api_param_int(c, name, DATE_MIN_YEAR, DATE_MAX_YEAR, year);
}

/* ?period=year|q1…q4|m01…m12 (default: the year).  -1 after answering. */
static int
period_param(struct api_ctx *c, int *period)
{
	*period = PERIOD_YEAR;
	return api_param_enum(c, "period", period_names, period);
}

/* The period a figure was counted over: the asked one when it is dated. */
static const char *
period_of(int i, const struct scope *sc, int period)
{
	return sc->from[0] != '\0' && indicator_dated[i] ? period_names[period] : "year";
}

/*
 * Can the figures of year over sc be answered now?  Yes when the year is
 * kept (store_figures.c), or is not one that is kept (before KEEP_YEAR_MIN,
 * after next year), or the scope is small enough to count live.  Otherwise
 * the year is asked of the keeper (api_keeper.c), which builds it in the
 * background, and the answer is "being computed (43%)": no request ever
 * waits for a year to be built.
 */
static bool
figures_answerable(struct api_ctx *c, const struct scope *sc, int year)
{
	struct api_keeper *k = api_keeper_of(c->api);
	int live = api_options_of(c->api)->live_units, p;
	int64_t units;

	if (year < KEEP_YEAR_MIN || year > atoi(c->today) + 1 || store_figures_ready(c->st, year))
		return true;
	/* Kept, with units changed outside the server: those are brought up
	 * to date first; not kept: it is built. */
	if (store_figures_kept(c->st, year))
		api_keeper_look(k);
	else
		api_keeper_want(k, year);
	if (store_scope_units(c->st, sc, live, &units) == ST_OK && units <= live)
		return true;
	p = api_keeper_progress(k, year);
	api_fail_building(c, year, p < 0 ? 0 : p);
	return false;
}

/* GET /api/v1/figures (administrators): which years are kept, which is
 * being built and how far, which wait, and the units changed outside the
 * server that are being brought up to date. */
void
api_figures_state(struct api_ctx *c)
{
	int years[DATE_MAX_YEAR - DATE_MIN_YEAR + 1], queued[16], n, nq, year, pct, rc;
	int64_t pending;
	json_t *kept, *wait;

	if (c->me.role != ROLE_ADMIN) {
		api_fail(c, E_FORBIDDEN, NULL, 0);
		return;
	}
	if ((rc = store_figures_years(c->st, years, (int)(sizeof(years) / sizeof(years[0])),
	    &n)) != ST_OK) {
		api_fail_store(c, rc);
		return;
	}
	api_keeper_state(api_keeper_of(c->api), &year, &pct, queued,
	    (int)(sizeof(queued) / sizeof(queued[0])), &nq, &pending);
	kept = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(kept, json_integer(years[i]));
	wait = json_array();
	for (int i = 0; i < nq; i++)
		json_array_append_new(wait, json_integer(queued[i]));
	api_reply(c, 200, json_pack("{s:o, s:o, s:o, s:I}", "kept", kept, "building", year > 0 ?
	    json_pack("{s:i, s:i}", "year", year, "percent", pct) : json_null(), "queued", wait,
	    "pending_units", (json_int_t)pending));
}

struct record *
api_unit_scopes(struct api_ctx *c, int year, struct scope *sc, int compare,
    struct scope *sc2, int *period)
{
	int64_t org_id = 0;
	struct record *org;
	int e, p = PERIOD_YEAR;

	if (api_param_int(c, "org", 1, INT64_MAX, &org_id) != 0 ||
	    (period != NULL && period_param(c, &p) != 0))
		return NULL;
	if (org_id == 0)
		org_id = c->me.org_id;
	if ((org = api_load_org(c, org_id)) == NULL)
		return NULL;
	e = store_scope_for_year(c->st, org->id, year, sc);
	if (e == ST_OK && compare > 0)
		e = store_scope_for_year(c->st, org->id, compare, sc2);
	if (e != ST_OK) {
		record_free(org);
		api_fail_store(c, e);
		return NULL;
	}
	if (period != NULL) {
		*period = p;
		scope_span(sc, (enum period)p, year);
		if (compare > 0)
			scope_span(sc2, (enum period)p, compare);
	}
	return org;
}

static json_t *
indicator_json(struct api_ctx *c, int i, const struct record *org, int year, int period,
    const struct scope *sc, int compare, const struct scope *sc2, int *err)
{
	const struct indicator *ind = &indicators[i];
	struct ind_value v, w;
	json_t *o;
	char path[96], params[96];

	if ((*err = store_indicator(c->st, (enum indicator_id)i, sc, year, &v)) != ST_OK)
		return NULL;
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "name", ind->name,
	    "kind", ind->kind == IK_RATE ? "rate" : "count",
	    "label", c->en ? ind->label_en : ind->label_vi, "seed", ind->seed,
	    "rule", c->en ? ind->rule_en : ind->rule_vi, "year", (json_int_t)year);
	json_object_update_new(o, value_json(ind, &v));
	json_object_set_new(o, "period", json_string(period_of(i, sc, period)));
	snprintf(path, sizeof(path), "indicators/%s/records", ind->name);
	snprintf(params, sizeof(params), "org=%lld&year=%d%s%s", (long long)org->id, year,
	    strcmp(period_of(i, sc, period), "year") ? "&period=" : "",
	    strcmp(period_of(i, sc, period), "year") ? period_names[period] : "");
	json_object_set_new(o, "records", json_pack("{s:s, s:s}", "path", path,
	    "params", params));
	if (compare > 0) {
		if ((*err = store_indicator(c->st, (enum indicator_id)i, sc2, compare, &w)) != ST_OK) {
			json_decref(o);
			return NULL;
		}
		json_t *cj = value_json(ind, &w);

		json_object_set_new(cj, "year", json_integer(compare));
		json_object_set_new(o, "compare", cj);
	}
	return o;
}

/* "surveys": the share of each answer of every question asked in the
 * tree's surveys; "metrics": each emulation metric summed (store_results.c). */
static int
add_results(struct api_ctx *c, json_t *o, const struct scope *sc, int year, int period)
{
	struct survey_share *sh = NULL;
	struct metric_sum *ms = NULL;
	json_t *qs = json_array(), *q = NULL, *mj = json_array();
	char buf[160], num[32];
	int n = 0, m = 0, e;

	if ((e = store_survey_shares(c->st, sc, year, &sh, &n)) == ST_OK)
		e = store_metric_sums(c->st, sc, year, period_names[period], &ms, &m);
	for (int i = 0; i < n && e == ST_OK; i++) {
		if (q == NULL || strcmp(json_string_value(json_object_get(q, "question")),
		    sh[i].question) != 0) {
			q = json_pack("{s:s, s:I, s:I, s:[]}", "question", sh[i].question, "surveys",
			    (json_int_t)sh[i].surveys, "answered", (json_int_t)sh[i].answered,
			    "answers");
			json_array_append_new(qs, q);
		}
		text_fmt_percent(sh[i].count, sh[i].answered, 2, buf, sizeof(buf));
		json_array_append_new(json_object_get(q, "answers"), json_pack("{s:s, s:I, s:o, s:s}",
		    "label", sh[i].label, "count", (json_int_t)sh[i].count, "share",
		    sh[i].answered > 0 ? json_real((double)((sh[i].count * 10000 +
		    sh[i].answered / 2) / sh[i].answered) / 100.0) : json_null(), "display", buf));
	}
	for (int i = 0; i < m && e == ST_OK; i++) {
		if (strcmp(ms[i].kind, "money") == 0)
			text_fmt_money_words(ms[i].total, buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "%.31s%s%.64s", text_fmt_int(ms[i].total, num,
			    sizeof(num)), ms[i].unit[0] ? " " : "", ms[i].unit);
		json_array_append_new(mj, json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:I}",
		    "code", ms[i].code, "label", c->en ? ms[i].label_en : ms[i].label_vi, "kind",
		    ms[i].kind, "unit", ms[i].unit, "value", (json_int_t)ms[i].total, "display", buf,
		    "units", (json_int_t)ms[i].units));
	}
	free(sh);
	free(ms);
	json_object_set_new(o, "surveys", qs);
	json_object_set_new(o, "metrics", mj);
	return e;
}

void
api_indicators(struct api_ctx *c)
{
	struct scope sc, sc2;
	struct record *org;
	int64_t year = atoi(c->today), compare = 0;
	json_t *items, *o;
	int err, period;

	if (year_param(c, "year", &year) != 0 || year_param(c, "compare", &compare) != 0)
		return;
	if ((org = api_unit_scopes(c, (int)year, &sc, (int)compare, &sc2, &period)) == NULL)
		return;
	if (!figures_answerable(c, &sc, (int)year) ||
	    (compare > 0 && !figures_answerable(c, &sc2, (int)compare))) {
		record_free(org);
		return;
	}
	items = json_array();
	for (int i = 0; i < IND__SHOWN; i++) {
		o = indicator_json(c, i, org, (int)year, period, &sc, (int)compare, &sc2, &err);

		if (o == NULL) {
			json_decref(items);
			record_free(org);
			api_fail_store(c, err);
			return;
		}
		json_array_append_new(items, o);
	}
	o = json_pack("{s:o, s:I, s:s, s:o}", "org", api_org_ref(org), "year", (json_int_t)year,
	    "period", period_names[period], "items", items);
	if ((err = add_results(c, o, &sc, (int)year, period)) != ST_OK) {
		json_decref(o);
		record_free(org);
		api_fail_store(c, err);
		return;
	}
	api_reply(c, 200, o);
	record_free(org);
}

/* The last day a unit stood in the year: 31/12, or the day before it closed. */
static void
last_day(const struct record *org, int year, char out[11])
{
	const char *to = record_text(org, ORG_VALID_TO);
	struct date d;


	struct date end = { year, 12, 31 };

	date_format(&end, out);
	if (to != NULL && strcmp(to, out) <= 0 && date_parse(to, &d) == 0) {
		date_from_days(date_days(&d) - 1, &d);
		date_format(&d, out);
	}
}

/* One row of a breakdown: the unit and its value over its own scope. */
static json_t *
row_json(struct api_ctx *c, int i, const struct record *unit, int year,
    const struct scope *whole, int *err)
{
	struct scope sc;
	struct ind_value v;
	json_t *o;

	if ((*err = store_scope_for_year(c->st, unit->id, year, &sc)) != ST_OK)
		return NULL;
	memcpy(sc.from, whole->from, sizeof(sc.from));
	memcpy(sc.to, whole->to, sizeof(sc.to));
	if ((*err = store_indicator(c->st, (enum indicator_id)i, &sc, year, &v)) != ST_OK)
		return NULL;
	o = json_pack("{s:o}", "org", api_org_ref(unit));
	json_object_update_new(o, value_json(&indicators[i], &v));
	return o;
}

/*
 * The unit's own share of a breakdown: what its records (and those of units
 * dissolved under it) count beyond the rows of the units under it, so that
 * the rows always add up to the total.  Added when it is not nothing.
 */
static void
add_own_row(json_t *total, const struct record *org, json_t *rows)
{
	int64_t num = json_integer_value(json_object_get(total, "num"));
	int64_t den = json_integer_value(json_object_get(total, "den"));
	bool rate = json_object_get(total, "den") != NULL;
	size_t k;
	json_t *row, *r;

	json_array_foreach(rows, k, r) {
		num -= json_integer_value(json_object_get(r, "num"));
		den -= json_integer_value(json_object_get(r, "den"));
	}
	if (num == 0 && (!rate || den == 0))
		return;
	row = json_pack("{s:o, s:b, s:b, s:I}", "org", api_org_ref(org), "merged", 0,
	    "own", 1, "num", (json_int_t)num);
	if (rate)
		json_object_set_new(row, "den", json_integer(den));
	json_array_append_new(rows, row);
}

void
api_indicator_one(struct api_ctx *c)
{
	struct record_list kids = { 0 }, preds = { 0 };
	struct scope sc, sc2;
	struct record *org;
	int64_t year = atoi(c->today), compare = 0;
	int i = indicator_by_name(c->sub), err = ST_OK, period;
	const char *by = NULL;
	char day[11];
	json_t *o, *rows;

	if (i < 0) {
		api_fail(c, E_NOT_FOUND, NULL, 0);
		return;
	}
	if (year_param(c, "year", &year) != 0 || year_param(c, "compare", &compare) != 0 ||
	    api_param_text(c, "by", 16, &by) != 0)
		return;
	if (by != NULL && strcmp(by, "children") != 0) {
		api_fail(c, E_BAD_PARAM, "by", 0);
		return;
	}
	if ((org = api_unit_scopes(c, (int)year, &sc, (int)compare, &sc2, &period)) == NULL)
		return;
	if (!figures_answerable(c, &sc, (int)year) ||
	    (compare > 0 && !figures_answerable(c, &sc2, (int)compare))) {
		record_free(org);
		return;
	}
	if ((o = indicator_json(c, i, org, (int)year, period, &sc, (int)compare, &sc2,
	    &err)) == NULL)
		goto fail;
	json_object_set_new(o, "org", api_org_ref(org));
	if (by != NULL) {
		/* The units under it as they stood that year, then the units
		 * merged into it that still stood then: together its scope. */
		rows = json_array();
		json_object_set_new(o, "children", rows);
		last_day(org, (int)year, day);
		if ((err = store_org_children(c->st, org->id, day, c->today, false, &kids)) != ST_OK ||
		    (err = store_org_predecessors(c->st, org->id, &preds)) != ST_OK)
			goto fail;
		for (size_t k = 0; k < kids.n + preds.n; k++) {
			const struct record *u = k < kids.n ? kids.items[k] : preds.items[k - kids.n];
			char first[11];
			json_t *row;

			struct date jan1 = { (int)year, 1, 1 };

			date_format(&jan1, first);
			if (k >= kids.n && record_has(u, ORG_VALID_TO) &&
			    strcmp(record_text(u, ORG_VALID_TO), first) <= 0)
				continue;	/* merged before the year began */
			if (!api_in_scope(c, record_text(u, ORG_PATH)))
				continue;
			if ((row = row_json(c, i, u, (int)year, &sc, &err)) == NULL)
				goto fail;
			json_object_set_new(row, "merged", json_boolean(k >= kids.n));
			json_array_append_new(rows, row);
		}
		add_own_row(o, org, rows);
	}
	api_reply(c, 200, o);
	o = NULL;
fail:
	json_decref(o);
	if (err != ST_OK)
		api_fail_store(c, err);
	record_list_free(&kids);
	record_list_free(&preds);
	record_free(org);
}

void
api_indicator_records(struct api_ctx *c)
{
	struct store_hit *hits = NULL;
	struct scope sc;
	struct record *org;
	int64_t year = atoi(c->today), total, hidden;
	int i = indicator_by_name(c->sub), which, page, per_page, n, err, period;
	json_t *items, *o;

	if (i < 0) {
		api_fail(c, E_NOT_FOUND, NULL, 0);
		return;
	}
	/* A member sees only his or her own records: not lists of others. */
	if (c->me.role == ROLE_MEMBER ||
	    !role_may(c->me.role, (enum resource)indicators[i].res, ACT_READ)) {
		api_fail(c, E_FORBIDDEN, NULL, 0);
		return;
	}
	which = indicators[i].kind == IK_RATE ? IW_MISSING : IW_ALL;
	if (year_param(c, "year", &year) != 0 ||
	    api_param_enum(c, "which", ind_which_names, &which) != 0 ||
	    api_param_page(c, &page, &per_page) != 0)
		return;
	if (indicators[i].kind != IK_RATE && which != IW_ALL) {
		api_fail(c, E_BAD_PARAM, "which", 0);	/* a count has no numerator */
		return;
	}
	if ((org = api_unit_scopes(c, (int)year, &sc, 0, NULL, &period)) == NULL)
		return;
	/* The records of the year's tree, as far as the account sees them
	 * today: those of a unit since moved out of its scope are counted in
	 * "hidden", not named. */
	err = store_indicator_rows(c->st, (enum indicator_id)i, &sc, (int)year,
	    (enum ind_which)which, &c->me.scope, page, per_page, &hits, &n, &total, &hidden);
	if (err != ST_OK) {
		record_free(org);
		api_fail_store(c, err);
		return;
	}
	items = json_array();
	for (int k = 0; k < n; k++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:b, s:{s:I, s:s}}",
		    "id", (json_int_t)hits[k].id, "path", indicators[i].rows, "title",
		    hits[k].title, "counted", hits[k].counted, "org", "id",
		    (json_int_t)hits[k].org_id, "name", hits[k].org_name));
	free(hits);
	o = api_page_json(items, page, per_page, total);
	json_object_update_new(o, json_pack("{s:s, s:s, s:s, s:o, s:I}", "name",
	    indicators[i].name, "label", c->en ? indicators[i].label_en : indicators[i].label_vi,
	    "which", ind_which_names[which], "org", api_org_ref(org), "year", (json_int_t)year));
	json_object_set_new(o, "period", json_string(period_of(i, &sc, period)));
	json_object_set_new(o, "hidden", json_integer(hidden));
	api_reply(c, 200, o);
	record_free(org);
}
