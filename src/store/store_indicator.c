/*
 * store_indicator.c — the SQL of the figures (core_indicator.c): each one
 * query over the records whose unit lies in the scope (a unit's subtree and
 * the units merged into it, so that a 2022 figure of a new commune is the
 * sum of its predecessors), for one year.  Rates are Σ numerator ÷ Σ
 * denominator over the whole scope; the numerator is always a subset of the
 * denominator, so no rate exceeds 100%.
 *
 * Who counts for a year (docs/indicators.md): the tree of that year.  The
 * scope of a unit for a year (store_scope_for_year) is the paths its
 * periods had during the year, and those of the units merged into it; a
 * unit counts when one of its periods overlapping the year lies under them.
 *  - a unit counts when it was open at some time during the year;
 *  - a member, when active today, a party member, and joined the Party by
 *    31/12 of the year, in the unit he or she belongs to today (whose place
 *    that year decides);
 *  - a record, by its own year (or date) and the unit it was made for.
 *
 * Each figure is one set of rows (below): its value is one query of sums
 * (num, den, part 1..4, 0 where it has none), its records the same rows one
 * page at a time.  Templates name their parameters {Y} (the year), {Y0}
 * (1 January), {Y1} (31 December) and {P1}, {P2} (the page): q_prep_year.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_figures.h"
#include "store/store_record.h"

#define LIVE(a) a ".deleted_at IS NULL"
/* {INSCOPE}: the unit is in the scope of the year — as a set the query
 * starts from for a figure over a tree (q_prep_year), tested unit by unit
 * when the figures of the units are brought up to date (store_indicator_units,
 * where {ORGS} names the units touched). */
#define IN_SCOPE "{ORGS}{INSCOPE}"
#define OPEN_IN_YEAR "o.valid_from <= {Y1} AND (o.valid_to IS NULL OR o.valid_to > {Y0})"
#define MEMBERS "FROM person x JOIN org o ON o.id = x.org_id WHERE " IN_SCOPE " AND " \
	"x.party_member = 1 AND x.status = 'active' AND x.party_joined <= {Y1}"
#define HAS_PLEDGE "EXISTS (SELECT 1 FROM pledge p WHERE p.person_id = x.id AND " \
	"p.year = {Y} AND p.status <> 'draft' AND " LIVE("p") ")"
#define COMMITTEES "FROM org o WHERE " IN_SCOPE " AND o.kind IN ('province_committee', " \
	"'district_committee', 'base_committee') AND " OPEN_IN_YEAR
#define PLEDGES "FROM pledge p JOIN org o ON o.id = p.org_id WHERE " IN_SCOPE " AND "
#define ACTIVITIES "FROM activity a JOIN org o ON o.id = a.org_id WHERE " IN_SCOPE " AND "
#define EVALUATIONS "FROM evaluation e JOIN org o ON o.id = e.org_id WHERE " IN_SCOPE \
	" AND e.year = {Y} AND " LIVE("e") " AND "
#define PLEDGE_TITLE "COALESCE((SELECT x.full_name FROM person x WHERE x.id = p.person_id), " \
	"o.name) || ': ' || substr(p.follow, 1, 120)"
#define PERSON_OR_UNIT(t) "COALESCE((SELECT x.full_name FROM person x WHERE x.id = " \
	t ".person_id), o.name)"
#define SUM_IF(cond) "SUM(CASE WHEN " cond " THEN 1 ELSE 0 END)"
/* A dated figure (indicator_dated): the records dated in the span counted,
 * {D0} … {D1}, the whole year unless a quarter or a month is asked for. */
#define SPAN(col) col " >= {D0} AND " col " <= {D1} AND "

/*
 * One figure: `set` (FROM … WHERE …) is the denominator of a rate or the
 * records a count counts, `num` the condition of the numerator on a row of
 * it (rates only), `parts` the aggregates of a count's breakdown.  The same
 * set gives the value (one row of sums) and the records behind it (`id`,
 * `title`, one page in `order`), so the list always adds up to the figure.
 */
static const struct {
	const char *set, *num, *parts, *id, *title, *order;
	const char *count;	/* a count's num: COUNT(*) unless given */
	/* A dated figure's day (the column SPAN narrows), by whose month its
	 * tallies are kept per month (store_indicator_months).  Where the span
	 * narrows the numerator only (a cell counts in a month when one of its
	 * meetings of that month carried the topic), `span_set` is the rows
	 * dated in the span that make a unit count. */
	const char *span, *span_set;
} figures[IND__MAX] = {
	[IND_PLANS] = { COMMITTEES,
	    "EXISTS (SELECT 1 FROM plan p WHERE p.org_id = o.id AND p.year = {Y} AND "
	    LIVE("p") ")", NULL, "o.id", "o.name", "o.path" },
	[IND_PLEDGE_RATE] = { MEMBERS, HAS_PLEDGE, NULL, "x.id", "x.full_name",
	    "o.path, x.sort_key, x.id" },
	[IND_KEY_PLEDGE_RATE] = { MEMBERS " AND (x.key_cadre = 1 OR x.head = 1)", HAS_PLEDGE,
	    NULL, "x.id", "x.full_name", "o.path, x.sort_key, x.id" },
	[IND_PLEDGES_FILED] = { PLEDGES "p.year = {Y} AND p.status <> 'draft' AND " LIVE("p"),
	    NULL, SUM_IF("p.person_id IS NOT NULL") ", " SUM_IF("p.person_id IS NULL") ", 0, 0",
	    "p.id", PLEDGE_TITLE, "o.path, p.id" },
	[IND_PLEDGES_DONE] = { PLEDGES "p.due_date >= {D0} AND p.due_date <= {D1} AND "
	    "p.status <> 'draft' AND " LIVE("p"), "p.verdict = 'done'", NULL,
	    "p.id", PLEDGE_TITLE, "o.path, p.id", NULL, "p.due_date" },
	[IND_CELLS_TOPIC] = { "FROM org o WHERE " IN_SCOPE " AND o.kind = 'cell' AND "
	    OPEN_IN_YEAR, "EXISTS (SELECT 1 FROM activity a WHERE a.org_id = o.id AND "
	    "a.kind = 'cell_meeting' AND a.topic_on_agenda = 1 AND a.year = {Y} AND " SPAN("a.date")
	    LIVE("a") ")", NULL, "o.id", "o.name", "o.path", NULL, "a.date",
	    "FROM org o JOIN activity a ON a.org_id = o.id WHERE " IN_SCOPE " AND o.kind = 'cell' "
	    "AND " OPEN_IN_YEAR " AND a.kind = 'cell_meeting' AND a.topic_on_agenda = 1 AND "
	    "a.year = {Y} AND " SPAN("a.date") LIVE("a") },
	[IND_CONFERENCES] = { ACTIVITIES "a.kind = 'conference' AND a.year = {Y} AND " SPAN("a.date")
	    LIVE("a"), NULL, "COUNT(*), SUM(a.outside_count + (SELECT COUNT(*) FROM "
	    "attendance t WHERE t.activity_id = a.id)), 0, 0", "a.id", "a.title", "a.date, a.id",
	    NULL, "a.date" },
	[IND_CONCERNS] = { "FROM concern c JOIN org o ON o.id = c.org_id WHERE " IN_SCOPE
	    " AND c.year = {Y} AND " SPAN("c.opened") LIVE("c"), "c.state_kind = 'resolved'", NULL,
	    "c.id", "c.title", "c.opened, c.id", NULL, "c.opened" },
	[IND_EXEMPLARS] = { "FROM exemplar e JOIN org o ON o.id = e.org_id WHERE " IN_SCOPE
	    " AND e.year = {Y} AND " LIVE("e"), NULL, SUM_IF("e.person_id IS NULL") ", "
	    SUM_IF("e.person_id IS NOT NULL") ", " SUM_IF("e.status IN ('commended', "
	    "'replicated')") ", " SUM_IF("(e.status = 'replicated' OR EXISTS (SELECT 1 FROM "
	    "exemplar_replication r WHERE r.exemplar_id = e.id))"),
	    "e.id", "e.title", "o.path, e.id" },
	[IND_INSPECTIONS] = { "FROM inspection i JOIN org o ON o.id = i.org_id WHERE "
	    IN_SCOPE " AND i.year = {Y} AND " SPAN("i.start_date") LIVE("i"), NULL,
	    SUM_IF("i.kind = 'inspection'") ", " SUM_IF("i.kind = 'thematic_supervision'") ", "
	    SUM_IF("i.kind = 'self_inspection'") ", 0", "i.id", "i.subject", "i.start_date, i.id",
	    NULL, "i.start_date" },
	[IND_DIALOGUES] = { ACTIVITIES "a.year = {Y} AND " SPAN("a.date") "a.kind IN ('citizen_reception', "
	    "'dialogue', 'voter_contact') AND " LIVE("a"), NULL,
	    SUM_IF("a.kind = 'citizen_reception'") ", " SUM_IF("a.kind = 'dialogue'") ", "
	    SUM_IF("a.kind = 'voter_contact'") ", 0", "a.id", "a.title", "a.date, a.id",
	    NULL, "a.date" },
	[IND_PETITIONS] = { "FROM petition p JOIN org o ON o.id = p.org_id WHERE " IN_SCOPE
	    " AND p.year = {Y} AND " SPAN("p.received") "p.within_competence = 1 AND " LIVE("p"),
	    "p.state_kind = 'resolved'", NULL, "p.id", "p.subject", "p.received, p.id",
	    NULL, "p.received" },
	[IND_ORGS_GOOD] = { EVALUATIONS "e.person_id IS NULL AND e.scale = 'party' AND "
	    "o.kind = 'base_committee'", "e.level IN ('excellent', 'good')", NULL,
	    "e.id", "o.name", "o.path, e.id" },
	[IND_MEMBERS_GOOD] = { EVALUATIONS "e.person_id IS NOT NULL AND e.scale = 'party'",
	    "e.level IN ('excellent', 'good')", NULL, "e.id", PERSON_OR_UNIT("e"),
	    "o.path, e.id" },
	[IND_MASS_STRONG] = { EVALUATIONS "e.person_id IS NULL AND e.scale = 'mass' AND "
	    "o.kind = 'mass_org'", "e.level = 'strong'", NULL, "e.id", "o.name", "o.path, e.id" },
	/* Hidden (core_indicator.c): the counts of the year submission view
	 * (store_year.c) and of the data-quality checks (store_quality.c).
	 * A check's num is 0, so that a unit has a row only where the check
	 * finds something. */
	[IND_YEAR_UNITS] = { "FROM org o WHERE " IN_SCOPE " AND " OPEN_IN_YEAR " AND o.kind IN "
	    YEAR_REPORT_KINDS, NULL, SUM_IF("EXISTS (SELECT 1 FROM year_report r WHERE "
	    "r.org_id = o.id AND r.year = {Y} AND r.status IN ('submitted', 'approved'))") ", "
	    SUM_IF("EXISTS (SELECT 1 FROM year_report r WHERE r.org_id = o.id AND "
	    "r.year = {Y} AND r.status = 'approved')") ", 0, 0", "o.id", "o.name", "o.path" },
	[IND_CELL_MEETINGS] = { ACTIVITIES QC_MEETINGS, NULL, "0, 0, 0, 0", "a.id", "a.title",
	    "a.date, a.id" },
	[IND_ACTIVITY_CHECKS] = { ACTIVITIES QC_MEETINGS, NULL, SUM_IF(QC_ATTENDANCE_OVER_IF)
	    ", 0, 0, 0", "a.id", "a.title", "a.date, a.id", "0" },
	[IND_PLEDGE_CHECKS] = { PLEDGES QC_PLEDGES, NULL, SUM_IF(QC_CHECKIN_AFTER_IF) ", "
	    SUM_IF(QC_DUE_BEFORE_IF) ", " SUM_IF(QC_DUPLICATE_IF) ", 0", "p.id", PLEDGE_TITLE,
	    "p.id", "0" },
	[IND_UNIT_CHECKS] = { "FROM org o WHERE " IN_SCOPE " AND " QC_UNITS, NULL,
	    SUM_IF(QC_NO_MEETING_IF) ", " SUM_IF(QC_NO_PLAN_IF) ", 0, 0", "o.id", "o.name",
	    "o.path", "0" },
	[IND_EVALUATION_CHECKS] = { "FROM evaluation e JOIN org o ON o.id = e.org_id WHERE "
	    IN_SCOPE " AND " QC_EVALUATIONS, NULL, SUM_IF(QC_NOT_MEMBER_IF) ", 0, 0, 0",
	    "e.id", PERSON_OR_UNIT("e"), "e.id", "0" },
	[IND_ACCEPTED_PLEDGES] = { PLEDGES QC_PLEDGES " AND p.status = 'accepted' AND "
	    QC_STALE_DAY " IS NOT NULL", NULL, "0, 0, 0, 0", "p.id", PLEDGE_TITLE, "p.id" },
};

/* The query of figure id's sums (num, den, parts): over the whole set, or
 * per unit (by_unit: o.id first, one row per unit in id order), or per unit
 * and month of the figure's day (by_month: the month second). */
static int
value_sql(enum indicator_id id, bool by_unit, bool by_month, char *sql, size_t cap)
{
	char unit[96], group[64];
	int w;

	snprintf(unit, sizeof(unit), "%s%s%s%s", by_unit || by_month ? "o.id, " : "",
	    by_month ? "CAST(substr(" : "", by_month ? figures[id].span : "",
	    by_month ? ", 6, 2) AS INTEGER), " : "");
	snprintf(group, sizeof(group), "%s", by_month ? " GROUP BY 1, 2 ORDER BY 1, 2" :
	    by_unit ? " GROUP BY o.id ORDER BY o.id" : "");
	if (by_month && figures[id].span_set != NULL)
		w = snprintf(sql, cap, "SELECT %s1, 0, 0, 0, 0, 0 %s%s", unit, figures[id].span_set,
		    group);
	else if (figures[id].num != NULL)
		w = snprintf(sql, cap, "SELECT %sSUM(CASE WHEN (%s) THEN 1 ELSE 0 END), "
		    "COUNT(*), 0, 0, 0, 0 %s%s", unit, figures[id].num, figures[id].set, group);
	else
		w = snprintf(sql, cap, "SELECT %s%s, 0, %s %s%s", unit,
		    figures[id].count ? figures[id].count : "COUNT(*)", figures[id].parts,
		    figures[id].set, group);
	return w < 0 || (size_t)w >= cap ? -1 : 0;
}

/* The tables whose writes the triggers note (migrations 11, 12), each with its
 * bit in figure_dirty.mask: the same numbers as there. */
static const struct {
	const char *name;
	int64_t bit;
} noted[] = {
	{ "person", FIG_PERSON }, { "pledge", FIG_PLEDGE }, { "plan", FIG_PLAN },
	{ "activity", FIG_ACTIVITY }, { "attendance", FIG_ATTENDANCE },
	{ "concern", FIG_CONCERN }, { "petition", FIG_PETITION }, { "exemplar", FIG_EXEMPLAR },
	{ "exemplar_replication", FIG_REPLICATION }, { "inspection", FIG_INSPECTION },
	{ "evaluation", FIG_EVALUATION }, { "year_report", FIG_YEAR_REPORT },
	{ "pledge_checkin", FIG_CHECKIN },
};

static int64_t table_masks[IND__MAX];
static pthread_once_t masks_once = PTHREAD_ONCE_INIT;

/* Each figure's tables, read off its SQL: a table it reads FROM or JOINs. */
static void
compute_masks(void)
{
	for (int i = 0; i < IND__MAX; i++) {
		char sql[4096], from[64], join[64];
		int64_t m = FIG_ORG | FIG_ORG_PERIOD;	/* every figure reads the units */

		if (value_sql((enum indicator_id)i, true, false, sql, sizeof(sql)) != 0) {
			table_masks[i] = -1;
			continue;
		}
		for (size_t t = 0; t < sizeof(noted) / sizeof(noted[0]); t++) {
			snprintf(from, sizeof(from), "FROM %s ", noted[t].name);
			snprintf(join, sizeof(join), "JOIN %s ", noted[t].name);
			if (strstr(sql, from) != NULL || strstr(sql, join) != NULL)
				m |= noted[t].bit;
		}
		table_masks[i] = m;
	}
}

int64_t
store_indicator_tables(enum indicator_id id)
{
	pthread_once(&masks_once, compute_masks);
	return (unsigned)id < IND__MAX ? table_masks[id] : -1;
}

static void
read_value(struct q *q, int col, struct ind_value *out)
{
	out->num = q_col_int(q, col);
	out->den = q_col_int(q, col + 1);
	for (int i = 0; i < IND_PARTS; i++)
		out->part[i] = q_col_int(q, col + 2 + i);
}

int
store_indicator_live(struct store *st, enum indicator_id id, const struct scope *sc,
    int year, struct ind_value *out)
{
	char sql[4096];
	struct q *q;
	int rc, extra;

	memset(out, 0, sizeof(*out));
	if ((unsigned)id >= IND__MAX)
		return store_fail(st, ST_ERROR, "no such indicator");
	if (value_sql(id, false, false, sql, sizeof(sql)) != 0)
		return store_fail(st, ST_ERROR, "indicator query too large");
	if ((q = q_prep_year(st, sql, sc, year, &extra)) == NULL)
		return ST_ERROR;
	rc = q_step(q);
	if (rc == 1)
		read_value(q, 0, out);
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_indicator(struct store *st, enum indicator_id id, const struct scope *sc,
    int year, struct ind_value *out)
{
	int rc;

	/* A unit's figure of a year kept up to date (store_figures.c) is one
	 * row, and a dated one's of a quarter or a month one more; the same
	 * figure is computed from the records otherwise. */
	if (sc->unit > 0 && (unsigned)id < IND__MAX &&
	    (rc = store_figure_kept_span(st, sc->unit, year, id, sc->from[0] == '\0' ||
	    !indicator_dated[id] ? PERIOD_YEAR : sc->span, out)) != ST_NOTFOUND)
		return rc;
	return store_indicator_live(st, id, sc, year, out);
}

/* The figure's sums per unit (or per unit and month) over the units listed
 * in table units (or all): fn(arg, unit, month or 0, value) in that order. */
static int
units_query(struct store *st, enum indicator_id id, int year, const char *units, bool by_month,
    int (*fn)(void *arg, int64_t org_id, int month, const struct ind_value *v), void *arg)
{
	char tmpl[4096], sql[8192], orgs[128];
	const char *names[7][2] = { { "{SCOPE}", "1" }, { "{ORGS}", orgs }, { "{Y0}", "$2" },
	    { "{Y1}", "$3" }, { "{Y}", "$1" }, { "{D0}", "$2" }, { "{D1}", "$3" } };
	const char *first[1][2] = { { "{INSCOPE}", SQL_IN_SCOPE } };
	char tmp[8192];
	char y0[11], y1[11];
	struct q *q;
	int rc;

	if ((unsigned)id >= IND__MAX || (by_month && figures[id].span == NULL))
		return store_fail(st, ST_ERROR, "no such indicator");
	snprintf(orgs, sizeof(orgs), "%s%s%s", units ? "o.id IN (SELECT org_id FROM " : "",
	    units ? units : "", units ? ") AND " : "");
	if (value_sql(id, true, by_month, tmpl, sizeof(tmpl)) != 0 ||
	    sql_expand(tmpl, tmp, sizeof(tmp), first, 1) != 0 ||
	    sql_expand(tmp, sql, sizeof(sql), names, 7) != 0)
		return store_fail(st, ST_ERROR, "indicator query too large");
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	fig_year_bounds(year, y0, y1);
	q_int(q, 1, year);
	q_text(q, 2, y0);
	q_text(q, 3, y1);
	while ((rc = q_step(q)) == 1) {
		int month = by_month ? (int)q_col_int(q, 1) : 0;
		struct ind_value v;

		read_value(q, by_month ? 2 : 1, &v);
		if ((by_month && (month < 1 || month > 12)) ||
		    fn(arg, q_col_int(q, 0), month, &v) != 0) {
			rc = -ST_ERROR;
			break;
		}
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

struct per_unit {
	int (*fn)(void *arg, int64_t org_id, const struct ind_value *v);
	void *arg;
};

static int
per_unit(void *arg, int64_t org_id, int month, const struct ind_value *v)
{
	struct per_unit *u = arg;

	(void)month;
	return u->fn(u->arg, org_id, v);
}

int
store_indicator_units(struct store *st, enum indicator_id id, int year, const char *units,
    int (*fn)(void *arg, int64_t org_id, const struct ind_value *v), void *arg)
{
	struct per_unit u = { fn, arg };

	return units_query(st, id, year, units, false, per_unit, &u);
}

bool
store_indicator_any(enum indicator_id id)
{
	return (unsigned)id < IND__MAX && figures[id].span_set != NULL;
}

int
store_indicator_months(struct store *st, enum indicator_id id, int year, const char *units,
    int (*fn)(void *arg, int64_t org_id, int month, const struct ind_value *v), void *arg)
{
	return units_query(st, id, year, units, true, fn, arg);
}

/* The query of the rows behind figure id (which of them), with its page's
 * parameters {P1} {P2}; vis: a condition on the row's unit today, or "". */
static int
rows_sql(enum indicator_id id, enum ind_which which, const char *vis, bool count_only,
    char *sql, size_t cap)
{
	const char *num = figures[id].num;
	char cond[160];
	int w;

	snprintf(cond, sizeof(cond), "%s%s%s", which == IW_ALL ? "" : " AND (CASE WHEN (",
	    which == IW_ALL ? "" : "%s", which == IW_ALL ? "" : which == IW_COUNTED ?
	    ") THEN 1 ELSE 0 END) = 1" : ") THEN 1 ELSE 0 END) = 0");
	if (count_only)
		w = snprintf(sql, cap, "SELECT COUNT(*) %s", figures[id].set);
	else
		w = snprintf(sql, cap, "SELECT %s, o.id, %s, COUNT(*) OVER (), o.name, "
		    "%s%s%s %s", figures[id].id, figures[id].title, num ? "CASE WHEN (" : "1",
		    num ? num : "", num ? ") THEN 1 ELSE 0 END" : "", figures[id].set);
	if (w < 0 || (size_t)w >= cap)
		return -1;
	if (which != IW_ALL) {
		int v = snprintf(sql + w, cap - (size_t)w, cond, num);

		if (v < 0 || (size_t)v >= cap - (size_t)w)
			return -1;
		w += v;
	}
	if (*vis != '\0') {
		int v = snprintf(sql + w, cap - (size_t)w, " AND %s", vis);

		if (v < 0 || (size_t)v >= cap - (size_t)w)
			return -1;
		w += v;
	}
	if (!count_only) {
		int v = snprintf(sql + w, cap - (size_t)w, " ORDER BY %s LIMIT {P1} OFFSET {P2}",
		    figures[id].order);

		if (v < 0 || (size_t)v >= cap - (size_t)w)
			return -1;
	}
	return 0;
}

int
store_indicator_rows(struct store *st, enum indicator_id id, const struct scope *sc,
    int year, enum ind_which which, const struct scope *visible, int page, int per_page,
    struct store_hit **out, int *n, int64_t *total, int64_t *hidden)
{
	char sql[8192], vis[2048] = "";
	/* q_prep_year's parameters: the scope's 2 a prefix (at least 1), the
	 * year's 3, the page's 3, the span's 2; the visible units after them. */
	int first = 1 + 2 * (sc->n > 0 ? sc->n : 0) + 8, extra, rc;
	struct q *q;

	*out = NULL;
	*n = 0;
	*total = *hidden = 0;
	if ((unsigned)id >= IND__MAX || (figures[id].num == NULL && which != IW_ALL))
		return store_fail(st, ST_ERROR, "no such list");
	if (visible != NULL && sql_scope(visible, "o.path", first, vis, sizeof(vis)) < 0)
		return store_fail(st, ST_ERROR, "scope too large");
	if (rows_sql(id, which, vis, false, sql, sizeof(sql)) != 0)
		return store_fail(st, ST_ERROR, "indicator query too large");
	if ((q = q_prep_year(st, sql, sc, year, &extra)) == NULL)
		return ST_ERROR;
	if (visible != NULL)
		bind_scope(q, visible, first);
	q_int(q, extra, per_page);
	q_int(q, extra + 1, (int64_t)(page - 1) * per_page);
	if ((rc = q_hits(q, out, n, total)) != ST_OK || visible == NULL)
		return rc;
	/* The rows of units the account does not see today (a unit of the
	 * year's tree since moved elsewhere): counted, not listed. */
	if (rows_sql(id, which, "", true, sql, sizeof(sql)) != 0)
		return store_fail(st, ST_ERROR, "indicator query too large");
	if ((q = q_prep_year(st, sql, sc, year, &extra)) == NULL)
		return ST_ERROR;
	if ((rc = q_step(q)) == 1)
		*hidden = q_col_int(q, 0) - *total;
	q_done(q);
	if (*hidden < 0)
		*hidden = 0;
	return rc < 0 ? -rc : ST_OK;
}

static int
scope_year(struct store *st, int64_t org_id, int year, bool merged, struct scope *out)
{
	int64_t ids[LIMIT_SCOPE_PREFIXES];
	int nids = 1, done = merged ? 0 : 1, rc;
	char y0[16], y1[16];
	struct date a = { year, 1, 1 }, b = { year, 12, 31 };

	memset(out, 0, sizeof(*out));
	out->unit = merged ? org_id : 0;	/* the kept figures include the merged units */
	ids[0] = org_id;
	date_format(&a, y0);
	date_format(&b, y1);
	/* The unit and, repeatedly, the units merged into any of them. */
	while (done < nids) {
		struct q *q = q_prep(st, "SELECT id FROM org WHERE successor_id = $1");

		if (q == NULL)
			return ST_ERROR;
		q_int(q, 1, ids[done++]);
		while ((rc = q_step(q)) == 1 && nids < LIMIT_SCOPE_PREFIXES)
			ids[nids++] = q_col_int(q, 0);
		q_done(q);
		if (rc < 0)
			return -rc;
	}
	/* Where each of them stood during the year. */
	for (int i = 0; i < nids; i++) {
		struct q *q = q_prep(st, "SELECT path FROM org_period WHERE org_id = $1 "
		    "AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $3)");

		if (q == NULL)
			return ST_ERROR;
		q_int(q, 1, ids[i]);
		q_text(q, 2, y1);
		q_text(q, 3, y0);
		while ((rc = q_step(q)) == 1)
			scope_add(out, q_col_text(q, 0));
		q_done(q);
		if (rc < 0)
			return -rc;
	}
	return ST_OK;
}

int
store_scope_for_year(struct store *st, int64_t org_id, int year, struct scope *out)
{
	return scope_year(st, org_id, year, true, out);
}

int
store_scope_own_year(struct store *st, int64_t org_id, int year, struct scope *out)
{
	return scope_year(st, org_id, year, false, out);
}
