/*
 * store_results.c — the two figures of SPEC §4 that are not one number:
 * the opinion surveys (the share of each answer) and the emulation metrics
 * (a sum per metric of the catalogue), over a unit's tree of a year like
 * the other figures (store_indicator.c).  Computed from the records each
 * time: there are a few surveys and metric values per unit.
 *
 *  - surveys: the surveys of the year in the tree (their date in the span of
 *    a quarter or month when one is asked for), grouped by their question,
 *    so the same question asked in many communes adds up: Σ count of each
 *    answer ÷ Σ people who answered;
 *  - metrics: every metric of the catalogue, Σ of the values units reported
 *    for that year and period ("year", "q1" …) — a unit reporting by
 *    quarter is summed by quarter, not into the year.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

#define LIVE(a) a ".deleted_at IS NULL"
#define SPAN(col) col " >= {D0} AND " col " <= {D1}"

static int
grow(void **items, int *cap, int n, size_t size)
{
	void *p;

	if (n < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 16;
	if ((p = realloc(*items, (size_t)*cap * size)) == NULL)
		return -1;
	*items = p;
	return 0;
}

int
store_survey_shares(struct store *st, const struct scope *sc, int year,
    struct survey_share **out, int *n)
{
	static const char tmpl[] =
	    "SELECT s.question, a.label, SUM(a.count), MIN(a.sort_order), q.answered, "
	    "q.surveys FROM survey s JOIN org o ON o.id = s.org_id JOIN survey_answer a ON "
	    "a.survey_id = s.id AND " LIVE("a") " JOIN (SELECT s.question AS question, "
	    "SUM(s.answered) AS answered, COUNT(*) AS surveys, MIN(s.id) AS first FROM survey s "
	    "JOIN org o ON o.id = s.org_id WHERE " SQL_IN_SCOPE " AND s.year = {Y} AND "
	    SPAN("s.date") " AND " LIVE("s") " GROUP BY s.question) q ON q.question = "
	    "s.question WHERE " SQL_IN_SCOPE " AND s.year = {Y} AND " SPAN("s.date") " AND "
	    LIVE("s") " GROUP BY s.question, a.label ORDER BY q.first, MIN(a.sort_order), a.label";
	struct survey_share *items = NULL;
	struct q *q;
	int rc, cap = 0, extra;

	*out = NULL;
	*n = 0;
	if ((q = q_prep_year(st, tmpl, sc, year, &extra)) == NULL)
		return ST_ERROR;
	while ((rc = q_step(q)) == 1) {
		struct survey_share *x;

		if (grow((void **)&items, &cap, *n, sizeof(*items)) != 0) {
			rc = -store_fail(st, ST_ERROR, "out of memory");
			break;
		}
		x = &items[(*n)++];
		snprintf(x->question, sizeof(x->question), "%s", q_col_text(q, 0));
		snprintf(x->label, sizeof(x->label), "%s", q_col_text(q, 1));
		x->count = q_col_int(q, 2);
		x->answered = q_col_int(q, 4);
		x->surveys = q_col_int(q, 5);
	}
	q_done(q);
	if (rc < 0) {
		free(items);
		*n = 0;
		return -rc;
	}
	*out = items;
	return ST_OK;
}

int
store_metric_sums(struct store *st, const struct scope *sc, int year, const char *period,
    struct metric_sum **out, int *n)
{
	static const char tmpl[] =
	    "SELECT c.code, c.label_vi, c.label_en, c.kind, c.unit, COALESCE(v.total, 0), "
	    "COALESCE(v.units, 0) FROM catalog_item c LEFT JOIN (SELECT m.metric AS metric, "
	    "SUM(m.value) AS total, COUNT(DISTINCT m.org_id) AS units FROM metric_value m JOIN "
	    "org o ON o.id = m.org_id WHERE " SQL_IN_SCOPE " AND m.year = {Y} AND m.period = {P1} "
	    "AND " LIVE("m") " GROUP BY m.metric) v ON v.metric = c.code WHERE c.list = 'metric' "
	    "AND " LIVE("c") " AND (c.active = 1 OR v.total IS NOT NULL) ORDER BY c.sort_order, "
	    "c.code";
	struct metric_sum *items = NULL;
	struct q *q;
	int rc, cap = 0, extra;

	*out = NULL;
	*n = 0;
	if ((q = q_prep_year(st, tmpl, sc, year, &extra)) == NULL)
		return ST_ERROR;
	q_text(q, extra, period);
	while ((rc = q_step(q)) == 1) {
		struct metric_sum *x;

		if (grow((void **)&items, &cap, *n, sizeof(*items)) != 0) {
			rc = -store_fail(st, ST_ERROR, "out of memory");
			break;
		}
		x = &items[(*n)++];
		snprintf(x->code, sizeof(x->code), "%s", q_col_text(q, 0));
		snprintf(x->label_vi, sizeof(x->label_vi), "%s", q_col_text(q, 1));
		snprintf(x->label_en, sizeof(x->label_en), "%s",
		    q_col_null(q, 2) ? q_col_text(q, 1) : q_col_text(q, 2));
		snprintf(x->kind, sizeof(x->kind), "%s", q_col_null(q, 3) ? "" : q_col_text(q, 3));
		snprintf(x->unit, sizeof(x->unit), "%s", q_col_null(q, 4) ? "" : q_col_text(q, 4));
		x->total = q_col_int(q, 5);
		x->units = q_col_int(q, 6);
	}
	q_done(q);
	if (rc < 0) {
		free(items);
		*n = 0;
		return -rc;
	}
	*out = items;
	return ST_OK;
}
