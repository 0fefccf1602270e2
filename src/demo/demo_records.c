/*
 * demo_records.c — the campaign records of the demo data set: topics, plans
 * and their tasks, pledges with their check-ins and year-end verdicts,
 * meetings, conferences and receptions with attendance, pressing issues,
 * petitions, exemplary models with criteria scores and replications,
 * inspections with follow-up actions, evaluations, awards, the opinion
 * survey and emulation figures, for 2021, 2022, 2023 and the current year,
 * at the proportions the seed articles report, so that the indicators
 * computed live from them read like the articles:
 *
 *   pledges of active members   96,8% (2021), 98,5% (2022)          seed 003
 *   key cadres and heads        100% (but see the officials below)  001, 003
 *   cells with the topic in their regular meetings   97%            003
 *   pressing issues resolved    88% (2021), 94,7% (2022)            003
 *   Hải Hà: 80+ conferences, ~10.000 attendances (2021–2022),
 *           506 district-level models since 2016 (80+ collective and
 *           60+ individual in 2021–2022), 20 voter contacts and
 *           26 thematic supervisions of the 2016–2021 council term  001
 *   Nam Định bloc, 2022: base organisations good or better ~89,81%,
 *           members 96,96%, 301 new members, Giấy khen to the cell of
 *           Sở Thông tin và Truyền thông; the women's union 3.218
 *           working sessions, 73 initiatives, ~300 triệu đồng a year  004
 *   Quế Ổ: "Hoàn thành xuất sắc nhiệm vụ" 2022, >3 tỷ đồng raised in
 *           3 years, 95–98% cultural families                        002
 *   mid-term survey: 98,7% trust, 92,9% excited, 98,1% positive      003
 *
 * Rates are exact quotas drawn per province and year (not coin flips), so
 * the province figures land on the seeds' numbers.  A member counts for a
 * year when he or she had joined the Party by 31/12 of that year (members
 * who joined later cannot have pledged): the pledge rate is pledges of
 * active members ÷ active members who had joined by the end of the year.
 * Seed 003 does not name its province; its figures (rates and survey) are
 * given to Thái Bình, whose 2023 topic it also supplies.
 *
 * Every record is built the way the API builds one: record_validate
 * (VM_CREATE), the catalog entry's kind and weight, the type's check and
 * derive rules, record_derive_search; children pass check_parent against
 * the parent as it stood when they were added, and the parent's derived
 * fields (pledge progress and last check-in, concern and petition state,
 * plan tasks_done, exemplar score, survey answered) come from the type's
 * recompute_parent over the children; workflow fields (pledge status and
 * its stamps, return reason, self-review, verdict) are set as the
 * transitions set them, their bodies validated as transition bodies.
 * Nothing is dated after today.  No audit rows are written (the loader is
 * the system, like the tree and the people it creates).
 *
 * Attendance.  Person-by-person attendance is recorded for the current year
 * and 2022 in a sample of cells (the Quế Ổ cell and one cell per district
 * or so, see attendance_cells[]); every other meeting and every conference
 * records its attendance as a counted total in outside_count (with "Dự họp:
 * N/M đảng viên" in the note), which keeps the load fast.  Indicators add
 * attendance rows and outside_count.
 *
 * The officials the seeds name (demo_people) get no pledge, evaluation,
 * verdict, score, attendance or award (SPEC §7); the member linked to the
 * "dangvien.queo" log-in has no pledge for the current year, so a test can
 * file one.  2021–2023 ratings are given as levels (the 100-point score of
 * Quy định 366-QĐ/TW only exists from 2025); the current year has none yet.
 * Everything generated is illustrative: invented topics say "minh họa".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo.h"
#include "store/store.h"

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(g, a) ((a)[rnd((g), (uint32_t)NELEM(a))])

#define NYEARS 4		/* 2021, 2022, 2023 and the current year */
#define OPEN_END INT64_MAX

static const int past_years[NYEARS - 1] = { 2021, 2022, 2023 };

/* A unit of the tree, as it stood in 2021–2023 and as it stands today. */
struct unit {
	int64_t id;
	char code[48];
	char pcode[48];		/* parent's code in demo_data.c (2021–2023) */
	char *name;		/* name in 2021–2023 (or when created) */
	char *cname;		/* name today */
	enum org_kind kind;
	int oparent, cparent;	/* parent then, parent today (-1: none) */
	int64_t cparent_id;	/* parent today, as stored */
	int prov, cprov;	/* province then, province today */
	int group;		/* rate group: the province, or the Nam Định bloc */
	int64_t from, to;	/* day numbers; to = OPEN_END while open */
	int office, urban;
	int *mem;		/* member indexes */
	int nmem, capmem;
};

struct member {
	int64_t id;
	int unit;
	int64_t joined;		/* day number */
	int born;
	unsigned char female, key, active, official, office;
};

/* An entry of a configurable list, as check_catalog reads it. */
struct catitem {
	const char *list, *code;
	char kind[32];
	int64_t weight;
	int active, found;
};

struct gen {
	struct store *st;
	struct demo_rng rng;
	char today_s[11];
	int64_t today;
	int year[NYEARS];	/* the four years; year[3] is the current one */
	struct unit *u;
	int nu;
	int *by_id;		/* unit index by org id */
	int64_t max_id;
	struct member *m;
	int nm;
	int queo;		/* the member of the "dangvien.queo" log-in */
	unsigned char *outcome;	/* per member and year: enum outcome */
	int64_t topic_term, topic_2022, topic_2023, topic_cur;
	int tb, nd_bloc;	/* unit indexes of Thái Bình and the Nam Định bloc */
	long count[RT__MAX];
	struct catitem cat[40];
	int ncat;
};

enum outcome { OUT_NONE, OUT_DONE, OUT_PARTLY, OUT_NOT_DONE, OUT_OPEN };

/* ---- small helpers ------------------------------------------------------- */

static uint32_t
rnd(struct gen *g, uint32_t n)
{
	return n ? demo_rng_below(&g->rng, n) : 0;
}

/* True with probability p per mille. */
static int
pm(struct gen *g, int p)
{
	return (int)rnd(g, 1000) < p;
}

static int
between(struct gen *g, int lo, int hi)
{
	return hi <= lo ? lo : lo + (int)rnd(g, (uint32_t)(hi - lo + 1));
}

static int64_t
day(int y, int m, int d)
{
	struct date x = { y, m, d };

	return date_days(&x);
}

static void
iso(int64_t n, char out[11])
{
	struct date d;

	date_from_days(n, &d);
	date_format(&d, out);
}

static int64_t
rday(struct gen *g, int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : lo + (int64_t)rnd(g, (uint32_t)(hi - lo + 1));
}

static int
year_of(int64_t n)
{
	struct date d;

	date_from_days(n, &d);
	return d.y;
}

static int
month_of(int64_t n)
{
	struct date d;

	date_from_days(n, &d);
	return d.m;
}

static void
set_date(struct record *r, int f, int64_t n)
{
	char b[11];

	iso(n, b);
	record_set_text(r, f, b);
}

/* Appends to buf (NUL-terminated, capacity cap). */
static void
cat(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
cat(char *buf, size_t cap, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 1 >= cap)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, cap - n, fmt, ap);
	va_end(ap);
}

/* k distinct indexes of [0, n) into sel (sel[i] = 1 when chosen). */
static void
choose(struct gen *g, int n, int k, unsigned char *sel)
{
	int *idx = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));

	if (idx == NULL)
		abort();
	memset(sel, 0, (size_t)(n > 0 ? n : 1));
	if (k > n)
		k = n;
	for (int i = 0; i < n; i++)
		idx[i] = i;
	for (int i = 0; i < k; i++) {
		int j = i + (int)rnd(g, (uint32_t)(n - i)), t = idx[i];

		idx[i] = idx[j];
		idx[j] = t;
		sel[idx[i]] = 1;
	}
	free(idx);
}

static int
iround(double x)
{
	return (int)(x + 0.5);
}

/* "Đảng bộ xã Thụy Hải" -> "xã Thụy Hải", "Chi bộ Thôn Đông" -> "thôn Đông". */
static void
place_of(const char *name, char *out, size_t cap)
{
	static const char *const strip[] = { "Đảng bộ ", "Chi bộ " };
	static const char *const lower[][2] = {
		{ "Thôn ", "thôn " }, { "Xóm ", "xóm " }, { "Tổ dân phố ", "tổ dân phố " },
		{ "Khu phố ", "khu phố " },
	};

	for (int i = 0; i < NELEM(strip); i++)
		if (strncmp(name, strip[i], strlen(strip[i])) == 0) {
			name += strlen(strip[i]);
			break;
		}
	for (int i = 0; i < NELEM(lower); i++)
		if (strncmp(name, lower[i][0], strlen(lower[i][0])) == 0) {
			snprintf(out, cap, "%s%s", lower[i][1], name + strlen(lower[i][0]));
			return;
		}
	snprintf(out, cap, "%s", name);
}

/* ---- the tree and the people ---------------------------------------------- */

static int
find(const struct gen *g, const char *code)
{
	for (int i = 0; i < g->nu; i++)
		if (strcmp(g->u[i].code, code) == 0)
			return i;
	return -1;
}

static struct unit *
U(struct gen *g, int i)
{
	return &g->u[i];
}

static int
is_current(const struct gen *g, int yi)
{
	return yi == NYEARS - 1;
}

/* The day a year's facts are read on: 31/12, or today for the current year. */
static int64_t
ref_day(const struct gen *g, int yi)
{
	return is_current(g, yi) ? g->today : day(g->year[yi], 12, 31);
}

static int
open_in(const struct gen *g, int ui, int yi)
{
	int64_t ref = ref_day(g, yi);

	return g->u[ui].from <= ref && g->u[ui].to > ref;
}

static int
parent_in(const struct gen *g, int ui, int yi)
{
	return is_current(g, yi) ? g->u[ui].cparent : g->u[ui].oparent;
}

static int
prov_in(const struct gen *g, int ui, int yi)
{
	return is_current(g, yi) ? g->u[ui].cprov : g->u[ui].prov;
}

static const char *
name_in(const struct gen *g, int ui, int yi)
{
	return is_current(g, yi) ? g->u[ui].cname : g->u[ui].name;
}

/* Is unit a inside unit b (or b itself) in the year's tree? */
static int
inside(const struct gen *g, int a, int b, int yi)
{
	for (int i = 0; a >= 0 && i < 16; i++, a = parent_in(g, a, yi))
		if (a == b)
			return 1;
	return 0;
}

/* A base committee that holds meetings itself: chi bộ cơ sở with members. */
static int
holds_meetings(const struct unit *u)
{
	return u->kind == ORG_CELL || (u->kind == ORG_BASE && u->nmem > 0);
}

static int
is_committee(enum org_kind k)
{
	return k == ORG_PROVINCE || k == ORG_DISTRICT || k == ORG_BASE;
}

static int
add_unit(struct gen *g, const char *code, const char *pcode, const char *name,
    int office, int urban)
{
	struct record *r = NULL;
	struct unit *u;

	if (store_org_by_code(g->st, code, &r) != ST_OK) {
		fprintf(stderr, "demo: records: unit %s not found\n", code);
		return -1;
	}
	u = &g->u[g->nu++];
	memset(u, 0, sizeof(*u));
	u->id = r->id;
	snprintf(u->code, sizeof(u->code), "%s", code);
	snprintf(u->pcode, sizeof(u->pcode), "%s", pcode ? pcode : "");
	u->name = strdup(name ? name : record_text(r, ORG_NAME));
	u->cname = strdup(record_text(r, ORG_NAME));
	if (u->name == NULL || u->cname == NULL)
		abort();
	u->kind = (enum org_kind)enum_index(org_kind_names, record_text(r, ORG_KIND));
	u->cparent_id = record_has(r, ORG_PARENT) ? record_int(r, ORG_PARENT) : 0;
	{
		struct date d;

		date_parse(record_text(r, ORG_VALID_FROM), &d);
		u->from = date_days(&d);
		u->to = OPEN_END;
		if (record_has(r, ORG_VALID_TO) && date_parse(record_text(r, ORG_VALID_TO), &d) == 0)
			u->to = date_days(&d);
	}
	u->office = office;
	u->urban = urban;
	u->oparent = u->prov = u->cprov = -1;
	if (r->id > g->max_id)
		g->max_id = r->id;
	record_free(r);
	return 0;
}

static int
load_units(struct gen *g)
{
	int cap = 0;

	for (int i = 0; i < demo_norgs; i++)
		cap += 1 + demo_orgs[i].gen_cells;
	g->u = calloc((size_t)cap, sizeof(*g->u));
	if (g->u == NULL)
		abort();
	for (int i = 0; i < demo_norgs; i++) {
		const struct demo_org *d = &demo_orgs[i];
		int commune = strstr(d->name, " xã ") != NULL ||
		    strstr(d->name, " phường ") != NULL || strstr(d->name, " thị trấn ") != NULL;
		int office = strcmp(d->kind, "base_committee") == 0 && !commune;
		int urban = office || strstr(d->name, " phường ") != NULL ||
		    strstr(d->name, " thị trấn ") != NULL;

		if (add_unit(g, d->code, d->parent, d->name, office, urban) != 0)
			return -1;
		for (int c = 0; c < d->gen_cells; c++) {
			char code[64];

			snprintf(code, sizeof(code), "%s.C%02d", d->code, c + 1);
			if (add_unit(g, code, d->code, NULL, office, urban) != 0)
				return -1;
		}
	}
	g->by_id = malloc((size_t)(g->max_id + 1) * sizeof(int));
	if (g->by_id == NULL)
		abort();
	for (int64_t i = 0; i <= g->max_id; i++)
		g->by_id[i] = -1;
	for (int i = 0; i < g->nu; i++)
		g->by_id[g->u[i].id] = i;
	for (int i = 0; i < g->nu; i++) {
		struct unit *u = &g->u[i];

		if (u->pcode[0] != '\0')
			u->oparent = find(g, u->pcode);
		u->cparent = u->cparent_id > 0 && u->cparent_id <= g->max_id ?
		    g->by_id[u->cparent_id] : -1;
	}
	for (int i = 0; i < g->nu; i++) {
		int p;

		for (p = i; p >= 0 && g->u[p].kind != ORG_PROVINCE; p = g->u[p].oparent)
			;
		g->u[i].prov = p;
		for (p = i; p >= 0 && g->u[p].kind != ORG_PROVINCE; p = g->u[p].cparent)
			;
		g->u[i].cprov = p;
	}
	g->tb = find(g, "TB");
	g->nd_bloc = find(g, "ND.KHOI");
	if (g->tb < 0 || g->nd_bloc < 0)
		return -1;
	for (int i = 0; i < g->nu; i++)
		g->u[i].group = inside(g, i, g->nd_bloc, 0) ? g->nd_bloc : g->u[i].prov;
	return 0;
}

static int
is_official(const struct record *p, const struct unit *u)
{
	for (int i = 0; i < demo_npeople; i++)
		if (strcmp(demo_people[i].full_name, record_text(p, PERSON_FULL_NAME)) == 0 &&
		    strcmp(demo_people[i].org, u->code) == 0)
			return 1;
	return 0;
}

static int
by_member_id(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int
load_people(struct gen *g)
{
	struct person_query q = { 0 };
	struct record_list l = { 0 };
	struct scope all = { 0 };
	int queo_unit = find(g, "BN.QV.CHI_LANG.QUE_O");

	scope_add(&all, "/");
	q.scope = &all;
	q.sort = PSORT_CODE;
	q.page = 1;
	q.per_page = 1000000;
	if (store_person_list(g->st, &q, &l) != ST_OK) {
		fprintf(stderr, "demo: records: people: %s\n", store_errmsg(g->st));
		return -1;
	}
	g->m = calloc(l.n ? l.n : 1, sizeof(*g->m));
	if (g->m == NULL)
		abort();
	for (size_t i = 0; i < l.n; i++) {
		const struct record *p = l.items[i];
		struct member *m = &g->m[g->nm];
		int64_t org = record_int(p, PERSON_ORG);
		struct date d;

		if (org < 0 || org > g->max_id || g->by_id[org] < 0 ||
		    !record_int(p, PERSON_PARTY_MEMBER))
			continue;
		m->id = p->id;
		m->unit = g->by_id[org];
		m->born = (int)record_int(p, PERSON_BIRTH_YEAR);
		m->joined = record_has(p, PERSON_PARTY_JOINED) &&
		    date_parse(record_text(p, PERSON_PARTY_JOINED), &d) == 0 ? date_days(&d) :
		    day(1990, 1, 1);
		m->female = record_text(p, PERSON_GENDER) != NULL &&
		    strcmp(record_text(p, PERSON_GENDER), "female") == 0;
		m->key = record_int(p, PERSON_KEY_CADRE) || record_int(p, PERSON_HEAD);
		m->active = strcmp(record_text(p, PERSON_STATUS), "active") == 0;
		m->official = is_official(p, &g->u[m->unit]);
		m->office = record_int(p, PERSON_CIVIL_SERVANT) || g->u[m->unit].office;
		g->nm++;
	}
	record_list_free(&l);
	qsort(g->m, (size_t)g->nm, sizeof(*g->m), by_member_id);
	g->queo = -1;
	for (int i = 0; i < g->nm; i++) {
		struct unit *u = &g->u[g->m[i].unit];

		if (u->nmem == u->capmem) {
			u->capmem = u->capmem ? u->capmem * 2 : 32;
			u->mem = realloc(u->mem, (size_t)u->capmem * sizeof(int));
			if (u->mem == NULL)
				abort();
		}
		u->mem[u->nmem++] = i;
		/* the first generated member of the Quế Ổ cell (lowest id) */
		if (g->m[i].unit == queo_unit && !g->m[i].official && g->queo < 0)
			g->queo = i;
	}
	g->outcome = calloc((size_t)(g->nm ? g->nm : 1) * NYEARS, 1);
	if (g->outcome == NULL)
		abort();
	return 0;
}

/* Age in a year. */
static int
age_in(const struct member *m, int y)
{
	return m->born > 0 ? y - m->born : 50;
}

/* ---- building records as the API does -------------------------------------- */

static int
load_catalog(struct gen *g)
{
	static const char *const items[][2] = {
		{ "concern_field", "land" }, { "concern_field", "site_clearance" },
		{ "concern_field", "construction" }, { "concern_field", "environment" },
		{ "concern_field", "admin_procedures" }, { "concern_field", "ethics" },
		{ "concern_field", "other" },
		{ "concern_state", "new" }, { "concern_state", "in_progress" },
		{ "concern_state", "resolved" }, { "concern_state", "closed_unresolved" },
		{ "petition_state", "received" }, { "petition_state", "in_progress" },
		{ "petition_state", "transferred" }, { "petition_state", "resolved" },
		{ "petition_state", "dismissed" },
		{ "exemplar_criterion", "effect" }, { "exemplar_criterion", "creativity" },
		{ "exemplar_criterion", "spread" }, { "exemplar_criterion", "example" },
		{ "metric", "initiatives" }, { "metric", "savings" },
		{ "metric", "working_sessions" }, { "metric", "new_members" },
		{ "metric", "contributions" }, { "metric", "cultural_families" },
	};

	for (int i = 0; i < NELEM(items); i++) {
		struct catitem *c = &g->cat[g->ncat++];
		struct record *r = NULL;

		c->list = items[i][0];
		c->code = items[i][1];
		if (store_catalog_item(g->st, c->list, c->code, &r) == ST_OK) {
			c->found = 1;
			c->active = (int)record_int(r, CATALOG_ACTIVE);
			snprintf(c->kind, sizeof(c->kind), "%s",
			    record_text(r, CATALOG_KIND) ? record_text(r, CATALOG_KIND) : "");
			c->weight = record_int(r, CATALOG_WEIGHT);
		}
		record_free(r);
	}
	return 0;
}

/* check_catalog of the API: every catalog code is an active entry; its kind
 * and weight go into "<field>_kind" and "<field>_weight". */
static int
catalog_fill(struct gen *g, struct record *r, struct verr *e)
{
	const struct rtype *t = r->type;

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		const struct catitem *c = NULL;
		char name[64];
		int fk;

		if (fd->type != FT_CATALOG || !record_has(r, f))
			continue;
		for (int i = 0; i < g->ncat; i++)
			if (strcmp(g->cat[i].list, fd->catalog) == 0 &&
			    strcmp(g->cat[i].code, record_text(r, f)) == 0)
				c = &g->cat[i];
		if (c == NULL || !c->found || !c->active)
			return verr_set(e, VE_ENUM, fd->name, 0);
		snprintf(name, sizeof(name), "%s_kind", fd->name);
		if ((fk = rtype_field(t, name)) >= 0)
			record_set_text(r, fk, c->kind);
		snprintf(name, sizeof(name), "%s_weight", fd->name);
		if ((fk = rtype_field(t, name)) >= 0)
			record_set_int(r, fk, c->weight);
	}
	return 0;
}

static int
refused(const struct record *r, const struct verr *e)
{
	fprintf(stderr, "demo: records: %s refused: field %s: error %d (rule %d)\n",
	    r->type->name, e->field, e->code, e->rule);
	return -1;
}

/* Validation, catalog, rules and derived fields of a new record. */
static int
prep(struct gen *g, struct record *r)
{
	const struct rtype *t = r->type;
	struct verr e = { 0 };

	if (record_validate(r, VM_CREATE, &e) != 0 || catalog_fill(g, r, &e) != 0 ||
	    (t->rules && t->rules->check && t->rules->check(r, g->today_s, &e) != 0))
		return refused(r, &e);
	if ((t->rules && t->rules->derive && t->rules->derive(r) != 0) ||
	    record_derive_search(r) != 0) {
		verr_set(&e, VE_UTF8, "", 0);
		return refused(r, &e);
	}
	return 0;
}

/* A child record: its parent field (the parent's id, or a placeholder while
 * the parent is not stored yet), prep, and check_parent against the parent
 * as it stands when the child is added. */
static int
prep_kid(struct gen *g, struct record *kid, const struct record *parent)
{
	const struct rtype *t = kid->type;
	struct verr e = { 0 };

	record_set_int(kid, rtype_field(t, t->parent_field), parent->id > 0 ? parent->id : 1);
	if (prep(g, kid) != 0)
		return -1;
	if (t->rules && t->rules->check_parent && t->rules->check_parent(kid, parent, &e) != 0)
		return refused(kid, &e);
	return 0;
}

/* The parent's fields that follow from its children (the type's
 * recompute_parent), laid over the parent. */
static int
recompute(const struct rtype *ct, struct record **kids, int n, struct record *parent)
{
	struct record *ch;
	struct verr e = { 0 };

	if (ct->rules == NULL || ct->rules->recompute_parent == NULL)
		return 0;
	ch = record_new(parent->type);
	if (ct->rules->recompute_parent(kids, (size_t)n, parent, ch, &e) != 0) {
		record_free(ch);
		return refused(parent, &e);
	}
	for (int f = 0; f < ch->type->nfields; f++) {
		const struct fval *v = &ch->v[f];

		if (v->state == FV_NULL)
			record_set_null(parent, f);
		else if (v->state == FV_SET && v->s != NULL)
			record_set_blob(parent, f, v->s, v->len);
		else if (v->state == FV_SET)
			record_set_int(parent, f, v->i);
	}
	record_free(ch);
	return 0;
}

static int
put(struct gen *g, struct record *r)
{
	if (store_insert(g->st, r) != ST_OK) {
		fprintf(stderr, "demo: records: %s: %s\n", r->type->name, store_errmsg(g->st));
		return -1;
	}
	g->count[r->type->id]++;
	return 0;
}

/* Stores the children under the stored parent and frees them. */
static int
put_kids(struct gen *g, struct record **kids, int n, int64_t parent_id)
{
	int rc = 0;

	for (int i = 0; i < n; i++) {
		if (rc == 0) {
			const struct rtype *t = kids[i]->type;

			record_set_int(kids[i], rtype_field(t, t->parent_field), parent_id);
			rc = put(g, kids[i]);
		}
		record_free(kids[i]);
		kids[i] = NULL;
	}
	return rc;
}

static void
free_kids(struct record **kids, int n)
{
	for (int i = 0; i < n; i++) {
		record_free(kids[i]);
		kids[i] = NULL;
	}
}

/* The text of an operation body (return, review, verdict) as the API reads
 * it: validated, NFC, trimmed; copied into the record's field of that name. */
static int
op_text(struct record *r, enum rtype_id op, int opf, const char *text)
{
	struct record *b = record_new(&rtypes[op]);
	struct verr e = { 0 };
	int f = rtype_field(r->type, rtypes[op].fields[opf].name);

	record_set_text(b, opf, text);
	if (record_validate(b, VM_CREATE, &e) != 0) {
		record_free(b);
		return refused(r, &e);
	}
	record_set_text(r, f, record_text(b, opf));
	record_free(b);
	return 0;
}

/* ---- topics ------------------------------------------------------------------ */

#define TERM_TOPIC "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý " \
	"chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc"
#define DOCS_05_01 "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh " \
	"học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh\n" \
	"Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện " \
	"Chỉ thị số 05-CT/TW"

static int
make_topic(struct gen *g, const char *org, const char *kind, int from, int to,
    const char *title, const char *docs, const char *note, int64_t *id)
{
	struct record *r = record_new(&rtypes[RT_TOPIC]);
	int ui = find(g, org), rc = -1;

	if (ui < 0)
		goto out;
	record_set_text(r, TOPIC_TITLE, title);
	record_set_text(r, TOPIC_KIND, kind);
	record_set_int(r, TOPIC_YEAR_FROM, from);
	record_set_int(r, TOPIC_YEAR_TO, to);
	record_set_int(r, TOPIC_ORG, g->u[ui].id);
	record_set_text(r, TOPIC_DOCUMENTS, docs);
	record_set_text(r, TOPIC_NOTE, note);
	if (prep(g, r) == 0 && put(g, r) == 0) {
		*id = r->id;
		rc = 0;
	}
out:
	record_free(r);
	return rc;
}

static int
load_topics(struct gen *g)
{
	char title[400], note[300];

	if (make_topic(g, "VN", "term", 2021, 2025, TERM_TOPIC, DOCS_05_01,
	    "Chuyên đề toàn khóa nhiệm kỳ Đại hội XIII của Đảng (tư liệu 001, 004).",
	    &g->topic_term) != 0)
		return -1;
	if (make_topic(g, "TB", "year", 2022, 2022,
	    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần đoàn "
	    "kết, trách nhiệm nêu gương, đổi mới, sáng tạo, xây dựng Thái Bình phồn vinh, "
	    "hạnh phúc", DOCS_05_01 "\nKế hoạch của Ban Thường vụ Tỉnh ủy thực hiện Kết luận "
	    "số 01-KL/TW và chuyên đề toàn khóa",
	    "Chuyên đề năm 2022 của Đảng bộ tỉnh: tên minh họa. Tư liệu 000 chỉ cho biết Ban "
	    "Tuyên giáo Tỉnh ủy xây dựng chủ đề học tập từ năm 2022 đến năm 2025.",
	    &g->topic_2022) != 0)
		return -1;
	if (make_topic(g, "TB", "year", 2023, 2023,
	    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng văn hóa "
	    "công vụ đáp ứng nhu cầu cải cách hành chính theo hướng chuyên nghiệp, hiện đại, "
	    "phục vụ nhân dân", DOCS_05_01,
	    "Chuyên đề năm 2023 theo báo cáo kết quả 02 năm thực hiện Kết luận số 01-KL/TW "
	    "(tư liệu 003). Bài không nêu tên tỉnh; bộ dữ liệu mẫu gán cho Thái Bình.",
	    &g->topic_2023) != 0)
		return -1;
	snprintf(title, sizeof(title), "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
	    "Chí Minh về xây dựng chính quyền địa phương hai cấp gần dân, sát dân, phục vụ "
	    "nhân dân (năm %d)", g->year[NYEARS - 1]);
	snprintf(note, sizeof(note), "Chuyên đề năm %d: minh họa, không có trong tư liệu.",
	    g->year[NYEARS - 1]);
	return make_topic(g, "VN", "year", g->year[NYEARS - 1], g->year[NYEARS - 1], title,
	    DOCS_05_01, note, &g->topic_cur);
}

/* The topic a unit works on in a year: Thái Bình's yearly topics in 2022 and
 * 2023, the current year's topic, else the whole-term topic. */
static int64_t
topic_for(const struct gen *g, int yi, int ui)
{
	int y = g->year[yi];

	if (is_current(g, yi))
		return g->topic_cur;
	if (prov_in(g, ui, yi) == g->tb && y == 2022)
		return g->topic_2022;
	if (prov_in(g, ui, yi) == g->tb && y == 2023)
		return g->topic_2023;
	return g->topic_term;
}

/* How the topic is named in running text. */
static void
topic_words(const struct gen *g, int yi, int ui, char *buf, size_t cap)
{
	int64_t t = topic_for(g, yi, ui);

	if (t == g->topic_term)
		snprintf(buf, cap, "chuyên đề toàn khóa về ý chí tự lực, tự cường và khát vọng "
		    "phát triển đất nước phồn vinh, hạnh phúc");
	else if (t == g->topic_2023)
		snprintf(buf, cap, "chuyên đề năm 2023 về xây dựng văn hóa công vụ");
	else if (t == g->topic_2022)
		snprintf(buf, cap, "chuyên đề năm 2022 của Đảng bộ tỉnh");
	else
		snprintf(buf, cap, "chuyên đề năm %d", g->year[yi]);
}

/* ---- committees' words ------------------------------------------------------ */

/* "Huyện ủy", "Thị ủy", "Đảng ủy", "Chi bộ" … */
static const char *
committee_word(const struct gen *g, int ui, int yi)
{
	const struct unit *u = &g->u[ui];
	const char *n = name_in(g, ui, yi);

	switch (u->kind) {
	case ORG_PROVINCE:
		return "Tỉnh ủy";
	case ORG_DISTRICT:
		if (strstr(n, "Khối") != NULL)
			return "Đảng ủy Khối";
		if (strstr(n, " huyện ") != NULL)
			return "Huyện ủy";
		if (strstr(n, " thị xã ") != NULL)
			return "Thị ủy";
		if (strstr(n, " thành phố ") != NULL)
			return "Thành ủy";
		return "Đảng ủy";
	case ORG_BASE:
		return strncmp(n, "Chi bộ", 6) == 0 ? "Chi bộ" : "Đảng ủy";
	default:
		return "Chi bộ";
	}
}

/* The suffix of a committee's document numbers: "12-KH/HU". */
static const char *
doc_suffix(const struct gen *g, int ui, int yi)
{
	const char *w = committee_word(g, ui, yi);

	if (strcmp(w, "Tỉnh ủy") == 0 || strcmp(w, "Thị ủy") == 0 || strcmp(w, "Thành ủy") == 0)
		return "TU";
	if (strcmp(w, "Huyện ủy") == 0)
		return "HU";
	if (strcmp(w, "Đảng ủy Khối") == 0)
		return "ĐUK";
	if (strcmp(w, "Chi bộ") == 0)
		return "CB";
	return "ĐU";
}

/* A random unit directly under ui in the year's tree whose kind is in
 * kinds (bit set of 1 << org_kind), or -1. */
static int
random_child(struct gen *g, int ui, int yi, unsigned kinds)
{
	int n = 0, pick = -1;

	for (int i = 0; i < g->nu; i++)
		if (parent_in(g, i, yi) == ui && open_in(g, i, yi) &&
		    (kinds & (1u << g->u[i].kind)) && rnd(g, (uint32_t)++n) == 0)
			pick = i;
	return pick;
}

/* ---- plans and tasks ("7 nhóm nhiệm vụ, giải pháp") ------------------------ */

static const char *const task_pool[7][4] = {
	{ "Tổ chức học tập, quán triệt %s đến 100%% cán bộ, đảng viên",
	  "Tuyên truyền các tấm gương điển hình, cách làm hay trên trang thông tin điện "
	  "tử, hệ thống truyền thanh cơ sở",
	  "Cung cấp tài liệu sinh hoạt chi bộ có nội dung học tập và làm theo Bác hằng tháng",
	  "Tổ chức hội nghị học tập, quán triệt cho cán bộ chủ chốt và đảng viên" },
	{ "Hướng dẫn cán bộ, đảng viên xây dựng bản đăng ký làm theo gắn với nhiệm vụ được giao",
	  "Người đứng đầu, cán bộ chủ chốt xây dựng kế hoạch làm theo và công khai trước chi bộ",
	  "Kiểm điểm việc thực hiện bản đăng ký làm theo trong sinh hoạt chi bộ hằng quý",
	  "Đưa kết quả thực hiện bản đăng ký làm theo vào đánh giá, xếp loại cuối năm" },
	{ "Đưa nội dung học tập và làm theo Bác vào sinh hoạt chi bộ định kỳ, sinh hoạt chuyên đề",
	  "Nâng cao chất lượng sinh hoạt chi bộ, xây dựng chi bộ kiểu mẫu",
	  "Duy trì sinh hoạt chuyên đề ít nhất mỗi quý một lần ở các chi bộ trực thuộc",
	  "Bồi dưỡng kỹ năng chuẩn bị nội dung sinh hoạt chuyên đề cho bí thư chi bộ" },
	{ "Lựa chọn, tập trung giải quyết dứt điểm các vấn đề bức xúc, nổi cộm ở địa phương",
	  "Thực hiện nghiêm việc tiếp công dân định kỳ, đối thoại trực tiếp với nhân dân của "
	  "người đứng đầu",
	  "Đẩy mạnh cải cách hành chính, giải quyết thủ tục hành chính đúng hạn, không gây "
	  "phiền hà",
	  "Giải quyết kịp thời đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh của công dân" },
	{ "Phát hiện, bồi dưỡng, biểu dương các tập thể, cá nhân điển hình trong học tập và "
	  "làm theo Bác",
	  "Xây dựng và nhân rộng mô hình “Dân vận khéo”, mô hình học tập và làm theo Bác",
	  "Lựa chọn mô hình tiêu biểu đăng ký cấp trên công nhận",
	  "Tổ chức biểu dương, khen thưởng điển hình tiên tiến cuối năm" },
	{ "Đưa việc thực hiện Kết luận số 01-KL/TW vào chương trình kiểm tra, giám sát của cấp ủy",
	  "Tự kiểm tra việc thực hiện chuyên đề năm tại các chi bộ trực thuộc",
	  "Giám sát việc thực hiện trách nhiệm nêu gương của cán bộ chủ chốt",
	  "Kiểm tra việc khắc phục hạn chế, khuyết điểm sau kiểm điểm cuối năm" },
	{ "Gắn học tập và làm theo Bác với phong trào thi đua yêu nước, xây dựng nông thôn "
	  "mới, đô thị văn minh",
	  "Sơ kết 6 tháng, tổng kết năm việc thực hiện kế hoạch",
	  "Gắn học tập và làm theo Bác với thực hiện Nghị quyết Trung ương 4 về xây dựng, "
	  "chỉnh đốn Đảng",
	  "Phát động phong trào thực hành tiết kiệm, chống lãng phí theo gương Bác" },
};

/* The month and day each group of tasks is due (2021: after Kết luận 01). */
static int64_t
task_due(int y, int group)
{
	static const int md[7][2] = {
		{ 3, 31 }, { 3, 15 }, { 12, 31 }, { 12, 31 }, { 11, 30 }, { 10, 31 }, { 12, 20 }
	};
	static const int md2021[7][2] = {
		{ 9, 30 }, { 10, 15 }, { 12, 31 }, { 12, 31 }, { 11, 30 }, { 11, 15 }, { 12, 20 }
	};
	const int *p = y == 2021 ? md2021[group] : md[group];

	return day(y, p[0], p[1]);
}

static int
make_plan(struct gen *g, int yi, int ui)
{
	static const char *const titles[] = {
		"Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm %d",
		"Kế hoạch thực hiện Kết luận số 01-KL/TW và chuyên đề năm %d",
		"Kế hoạch triển khai học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
		"năm %d",
	};
	static const char *const contents[] = {
		"Mục đích, yêu cầu: nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên; gắn học "
		"tập và làm theo Bác với nhiệm vụ chính trị. Nội dung: học tập %s; 7 nhóm nhiệm vụ, "
		"giải pháp; phân công tổ chức thực hiện.",
		"Quán triệt và cụ thể hóa %s thành việc làm của từng tập thể, cá nhân; 7 nhóm nhiệm "
		"vụ, giải pháp, thời hạn và đơn vị chủ trì từng nhiệm vụ.",
		"Tiếp tục thực hiện Chỉ thị số 05-CT/TW và Kết luận số 01-KL/TW; học tập %s; đăng "
		"ký làm theo; giải quyết các vấn đề bức xúc, nổi cộm; kiểm tra, giám sát, sơ kết, "
		"tổng kết.",
	};
	struct unit *u = U(g, ui);
	int y = g->year[yi], cur = is_current(g, yi), nk = 0, rc = -1;
	struct record *p = record_new(&rtypes[RT_PLAN]), *kids[16];
	char buf[1200], tw[200];
	int64_t issued, cutoff = cur ? g->today : day(y + 1, 1, 31);

	topic_words(g, yi, ui, tw, sizeof(tw));
	if (y == 2021)
		issued = u->kind == ORG_PROVINCE ? rday(g, day(y, 6, 15), day(y, 7, 10)) :
		    u->kind == ORG_DISTRICT ? rday(g, day(y, 7, 10), day(y, 8, 10)) :
		    rday(g, day(y, 8, 1), day(y, 9, 15));
	else
		issued = u->kind == ORG_PROVINCE ? rday(g, day(y, 1, 8), day(y, 1, 31)) :
		    u->kind == ORG_DISTRICT ? rday(g, day(y, 1, 20), day(y, 2, 25)) :
		    rday(g, day(y, 2, 10), day(y, 3, 20));
	if (issued < u->from)
		issued = u->from + between(g, 5, 20);
	if (issued > g->today)
		issued = g->today;
	record_set_int(p, PLAN_ORG, u->id);
	record_set_int(p, PLAN_YEAR, y);
	record_set_int(p, PLAN_TOPIC, topic_for(g, yi, ui));
	snprintf(buf, sizeof(buf), "%d-KH/%s", between(g, 3, 160), doc_suffix(g, ui, yi));
	record_set_text(p, PLAN_NUMBER, buf);
	if (y == 2021 && ui == g->tb) {
		record_set_null(p, PLAN_NUMBER);
		record_set_text(p, PLAN_TITLE, "Kế hoạch thực hiện Kết luận số 01-KL/TW và chuyên "
		    "đề toàn khóa Đại hội XIII của Đảng");
		record_set_text(p, PLAN_NOTE, "Ban Thường vụ Tỉnh ủy ban hành, tập trung vào 7 nhóm "
		    "nhiệm vụ, giải pháp cụ thể (tư liệu 000); số hiệu không nêu trong tư liệu.");
	} else if (y == 2021) {
		record_set_text(p, PLAN_TITLE, "Kế hoạch thực hiện Kết luận số 01-KL/TW của Bộ "
		    "Chính trị và chuyên đề toàn khóa Đại hội XIII của Đảng");
	} else {
		snprintf(buf, sizeof(buf), PICK(g, titles), y);
		record_set_text(p, PLAN_TITLE, buf);
	}
	set_date(p, PLAN_ISSUED_ON, issued);
	snprintf(buf, sizeof(buf), PICK(g, contents), tw);
	if (u->cprov == find(g, "QN") && y == 2021)
		cat(buf, sizeof(buf), " Căn cứ Chỉ thị số 16-CT/TU ngày 15/9/2021 của Ban Thường vụ "
		    "Tỉnh ủy.");
	record_set_text(p, PLAN_CONTENT, buf);
	if (prep(g, p) != 0)
		goto out;
	for (int grp = 0; grp < 7; grp++) {
		int n = 1 + pm(g, 450), first = (int)rnd(g, 4);

		for (int k = 0; k < n; k++) {
			struct record *t = record_new(&rtypes[RT_TASK]);
			int owner = -1;
			int64_t due = task_due(y, grp);
			const char *status;

			kids[nk++] = t;
			record_set_int(t, TASK_GROUP, grp + 1);
			snprintf(buf, sizeof(buf), task_pool[grp][(first + k) % 4], tw);
			record_set_text(t, TASK_TITLE, buf);
			if (pm(g, 550))
				owner = random_child(g, ui, yi, (1u << ORG_AGENCY) | (1u << ORG_MASS) |
				    (1u << ORG_BASE) | (1u << ORG_CELL) | (1u << ORG_DISTRICT));
			record_set_int(t, TASK_OWNER, g->u[owner >= 0 ? owner : ui].id);
			if (due < issued + 10)
				due = issued + between(g, 15, 40);
			set_date(t, TASK_DUE, due);
			if (!cur) {
				int r = (int)rnd(g, 1000);

				status = r < 915 ? "done" : r < 975 ? "in_progress" : "cancelled";
			} else if (due <= cutoff) {
				status = pm(g, 840) ? "done" : "in_progress";
			} else {
				int r = (int)rnd(g, 1000);

				status = r < 120 ? "done" : r < 620 ? "in_progress" : "pending";
			}
			record_set_text(t, TASK_STATUS, status);
			if (strcmp(status, "done") == 0) {
				int64_t on = due - between(g, 0, 40);

				if (on < issued + 3)
					on = issued + 3;
				if (on > cutoff)
					on = cutoff;
				if (on > g->today)
					on = g->today;
				set_date(t, TASK_DONE_ON, on);
			}
			if (strcmp(status, "cancelled") == 0)
				record_set_text(t, TASK_NOTE, "Điều chỉnh, lồng ghép vào nhiệm vụ năm sau.");
			if (prep_kid(g, t, p) != 0)
				goto out;
		}
	}
	if (recompute(&rtypes[RT_TASK], kids, nk, p) != 0 || put(g, p) != 0)
		goto out;
	rc = put_kids(g, kids, nk, p->id);
	nk = 0;
out:
	free_kids(kids, nk);
	record_free(p);
	return rc;
}

/* Every committee open in a year has its plan, except four base committees
 * in 2021 and the private company's cell formed in September 2022. */
static int
load_plans(struct gen *g)
{
	for (int yi = 0; yi < NYEARS; yi++) {
		int nbase = 0, skip[4] = { -1, -1, -1, -1 };

		for (int i = 0; i < g->nu; i++)
			nbase += g->u[i].kind == ORG_BASE && open_in(g, i, yi);
		if (g->year[yi] == 2021)
			for (int k = 0; k < 4; k++)
				skip[k] = (int)rnd(g, (uint32_t)nbase);
		for (int i = 0, b = 0; i < g->nu; i++) {
			struct unit *u = U(g, i);
			int skipped = 0;

			if (!is_committee(u->kind) || !open_in(g, i, yi))
				continue;
			if (u->kind == ORG_BASE) {
				for (int k = 0; k < 4; k++)
					skipped |= skip[k] == b;
				b++;
			}
			if (skipped || u->from > day(g->year[yi], 6, 30))
				continue;
			if (make_plan(g, yi, i) != 0)
				return -1;
		}
	}
	return 0;
}

/* ---- pledges (đăng ký làm theo) and their check-ins ---------------------------- */

static const char *const follow_general[] = {
	"Học tập và làm theo tấm gương đạo đức Hồ Chí Minh về cần, kiệm, liêm, chính, chí "
	"công vô tư; gương mẫu trong công việc và trong sinh hoạt hằng ngày.",
	"Làm theo phong cách quần chúng, dân chủ của Bác: gần dân, sát dân, lắng nghe và giải "
	"đáp kịp thời ý kiến của nhân dân nơi cư trú.",
	"Thực hành tiết kiệm, chống lãng phí trong gia đình và nơi công tác theo lời Bác dạy.",
	"Giữ gìn phẩm chất đạo đức, lối sống; nói đi đôi với làm; khắc phục những hạn chế đã "
	"được chỉ ra trong kiểm điểm cuối năm.",
	"Nâng cao tinh thần trách nhiệm, ý thức tổ chức kỷ luật; chấp hành nghiêm sự phân công "
	"của chi bộ.",
	"Thực hiện tốt trách nhiệm nêu gương của đảng viên ở khu dân cư, tham gia vận động quần "
	"chúng thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
};

static const char *const follow_rural[] = {
	"Phát huy ý chí tự lực, tự cường, tích cực lao động sản xuất, phát triển kinh tế gia "
	"đình.",
	"Gương mẫu thực hiện nếp sống văn minh trong việc cưới, việc tang; tham gia xây dựng "
	"nông thôn mới nâng cao, khu dân cư kiểu mẫu.",
	"Tham gia giữ gìn vệ sinh môi trường, phân loại rác thải tại nguồn ở thôn, xóm.",
	"Vận động gia đình và bà con lối xóm góp công, góp đất làm đường giao thông nông thôn, "
	"xây dựng các công trình phúc lợi của thôn.",
	"Giữ gìn đoàn kết trong dòng họ, khu dân cư; tham gia hòa giải các mâu thuẫn nhỏ ngay "
	"từ cơ sở.",
};

static const char *const follow_office[] = {
	"Xây dựng văn hóa công vụ: đúng giờ, tận tụy, không gây phiền hà, sách nhiễu khi giải "
	"quyết công việc của người dân, doanh nghiệp.",
	"Nâng cao trình độ chuyên môn, ứng dụng công nghệ thông tin, đẩy mạnh dịch vụ công trực "
	"tuyến trong giải quyết công việc.",
	"Giải quyết công việc được giao đúng và trước hạn, không để hồ sơ tồn đọng.",
	"Thực hiện nghiêm quy chế văn hóa công sở, giữ gìn đoàn kết nội bộ cơ quan.",
	"Làm việc có kế hoạch, khoa học; tham mưu kịp thời, chính xác cho lãnh đạo cơ quan.",
};

static const char *const follow_key[] = {
	"Phát huy vai trò nêu gương của người đứng đầu; thực hiện nghiêm việc tiếp công dân định "
	"kỳ, đối thoại trực tiếp với nhân dân.",
	"Tập trung lãnh đạo giải quyết dứt điểm các vấn đề bức xúc, nổi cộm ở địa phương, đơn vị.",
	"Nói đi đôi với làm, “trên trước, dưới sau”, “trong trước, ngoài sau”; gương mẫu đi đầu "
	"trong thực hiện các chủ trương của cấp ủy.",
	"Giữ nghiêm kỷ luật, kỷ cương; công tâm, khách quan trong công tác cán bộ; chống bệnh "
	"“thành tích”, bệnh “hình thức”.",
};

static const char *const follow_elder[] = {
	"Tham gia hòa giải ở cơ sở, vận động con cháu và bà con lối xóm chấp hành tốt chủ trương "
	"của Đảng, chính sách, pháp luật của Nhà nước.",
	"Giữ gìn phẩm chất của người đảng viên lâu năm, truyền thống cách mạng của gia đình; tham "
	"gia sinh hoạt chi bộ đầy đủ khi sức khỏe cho phép.",
	"Tham gia Ban công tác Mặt trận, Hội Người cao tuổi ở thôn; góp ý xây dựng chi bộ, chính "
	"quyền.",
};

static const char *const follow_young[] = {
	"Tích cực học tập nâng cao trình độ lý luận chính trị, chuyên môn; tham gia các hoạt "
	"động tình nguyện ở địa phương.",
	"Đi đầu trong ứng dụng công nghệ số, hướng dẫn người dân sử dụng các dịch vụ công trực "
	"tuyến.",
	"Rèn luyện bản lĩnh chính trị, tác phong của người đảng viên trẻ; nhận các việc khó do chi "
	"bộ phân công.",
};

static const char *const sol_general[] = {
	"Thường xuyên đọc sách, báo, tài liệu về tư tưởng, đạo đức, phong cách Hồ Chí Minh; tham "
	"gia đầy đủ sinh hoạt chi bộ.",
	"Xây dựng kế hoạch công việc hằng tháng; cuối mỗi quý tự kiểm tra và báo cáo chi bộ kết "
	"quả thực hiện.",
	"Tham gia ủng hộ Quỹ Vì người nghèo, Quỹ Đền ơn đáp nghĩa và các hoạt động an sinh xã "
	"hội ở địa phương.",
	"Tiếp thu góp ý của chi bộ, của quần chúng; kịp thời sửa chữa những thiếu sót.",
	"Đóng đảng phí đầy đủ, đúng quy định; thực hiện nghiêm những điều đảng viên không được "
	"làm.",
};

static const char *const sol_rural[] = {
	"Gương mẫu chấp hành và vận động gia đình thực hiện tốt hương ước, quy ước của thôn.",
	"Tham gia “Ngày Chủ nhật xanh”, dọn vệ sinh đường làng, ngõ xóm mỗi tháng một lần.",
	"Nhận giúp đỡ %d hộ khó khăn trong tổ dân cư về cách làm ăn, vay vốn ưu đãi.",
	"Chuyển đổi cơ cấu cây trồng, vật nuôi; áp dụng tiến bộ kỹ thuật vào sản xuất.",
	"Vận động các hộ liền kề chỉnh trang hàng rào, trồng hoa, cây xanh trên tuyến đường thôn.",
	"Phối hợp với chi hội, đoàn thể vận động %d hộ đăng ký gia đình văn hóa.",
};

static const char *const sol_office[] = {
	"Hướng dẫn người dân, doanh nghiệp nộp hồ sơ trực tuyến; công khai thời hạn giải quyết.",
	"Mỗi năm đề xuất ít nhất một sáng kiến cải tiến cách làm trong lĩnh vực được giao.",
	"Tiết kiệm điện, nước, văn phòng phẩm; sử dụng văn bản điện tử thay văn bản giấy.",
	"Tham gia đầy đủ các lớp bồi dưỡng chuyên môn, tin học do cơ quan tổ chức.",
	"Đi làm đúng giờ, không làm việc riêng trong giờ hành chính; không uống rượu, bia trong "
	"ngày làm việc.",
};

static const char *const sol_key[] = {
	"Tiếp công dân định kỳ ít nhất một ngày trong tháng; trực tiếp đối thoại với nhân dân khi "
	"có vụ việc phức tạp.",
	"Phân công cụ thể cấp ủy viên phụ trách từng vấn đề bức xúc, định kỳ kiểm tra tiến độ.",
	"Công khai bản đăng ký làm theo trước chi bộ và tập thể cơ quan để mọi người giám sát.",
	"Đi cơ sở nắm tình hình ít nhất hai buổi mỗi tháng.",
};

static const char *const sol_elder[] = {
	"Tham gia tổ hòa giải của thôn; kịp thời phản ánh với chi bộ những vấn đề nhân dân quan "
	"tâm.",
	"Kể chuyện về Bác, truyền thống cách mạng cho con cháu, đoàn viên thanh niên trong thôn.",
	"Giữ gìn sức khỏe, tham gia câu lạc bộ người cao tuổi của thôn.",
};

static const char *const check_early[] = {
	"Đã xây dựng kế hoạch thực hiện, bắt đầu triển khai các nội dung đăng ký.",
	"Tham gia đầy đủ sinh hoạt chi bộ; đã thực hiện được một phần nội dung đăng ký.",
	"Đã báo cáo chi bộ kế hoạch thực hiện; đang triển khai các việc đầu năm.",
	"Đã nhận phân công giúp đỡ các hộ trong tổ; bước đầu trao đổi cách làm ăn.",
};

static const char *const check_mid[] = {
	"Thực hiện được khoảng một nửa nội dung đăng ký; tiếp tục duy trì trong quý tới.",
	"Đã hoàn thành các việc của 6 tháng đầu năm; một số nội dung cần thêm thời gian.",
	"Tham gia đầy đủ sinh hoạt chi bộ, hoàn thành các việc được phân công trong quý.",
	"Đã tham gia ủng hộ quỹ an sinh xã hội; đang tiếp tục vận động các hộ.",
	"Giải quyết đúng hạn các hồ sơ được giao trong quý; chưa có hồ sơ quá hạn.",
};

static const char *const check_late[] = {
	"Cơ bản hoàn thành các nội dung đã đăng ký.",
	"Hoàn thành các chỉ tiêu đã đăng ký; chuẩn bị báo cáo tự đánh giá cuối năm.",
	"Đã thực hiện xong các việc đăng ký, được chi bộ ghi nhận trong sinh hoạt tháng.",
	"Hoàn thành nội dung đăng ký; tiếp tục duy trì những việc làm thường xuyên.",
};

static const char *const review_done[] = {
	"Đã thực hiện đầy đủ các nội dung đăng ký; tham gia đầy đủ sinh hoạt chi bộ, hoàn thành "
	"tốt nhiệm vụ được giao.",
	"Hoàn thành các chỉ tiêu đã đăng ký; giữ gìn đạo đức, lối sống, gương mẫu ở nơi cư trú.",
	"Thực hiện nghiêm túc bản đăng ký làm theo, có việc làm cụ thể, được chi bộ và quần "
	"chúng ghi nhận.",
	"Hoàn thành các việc đã đăng ký đúng thời gian; tự nhận thấy cần tiếp tục rèn luyện "
	"tác phong, lề lối làm việc.",
};

static const char *const review_partly[] = {
	"Thực hiện được phần lớn nội dung đăng ký; một số việc còn chậm do khối lượng công "
	"việc chuyên môn tăng.",
	"Hoàn thành một phần nội dung đăng ký; việc vận động các hộ chưa đạt chỉ tiêu đề ra.",
	"Đã thực hiện các nội dung chính; còn hạn chế trong việc dành thời gian tham gia hoạt "
	"động ở khu dân cư.",
	"Thực hiện được một số nội dung; sức khỏe hạn chế nên chưa tham gia đầy đủ các hoạt "
	"động của thôn.",
};

static const char *const review_not_done[] = {
	"Chưa thực hiện được nội dung đăng ký do đi làm ăn xa dài ngày.",
	"Chưa hoàn thành nội dung đăng ký do ốm đau kéo dài; xin khắc phục trong năm tới.",
	"Chưa thực hiện được các việc đã đăng ký; tự nhận khuyết điểm trước chi bộ.",
};

static const char *const verdict_done[] = {
	"Hoàn thành tốt nội dung đăng ký, có việc làm cụ thể, được quần chúng ghi nhận.",
	"Thực hiện đầy đủ bản đăng ký; chi bộ ghi nhận sự cố gắng.",
	"Hoàn thành nội dung đăng ký, gương mẫu trong thực hiện nhiệm vụ.",
	NULL,
};

static const char *const verdict_partly[] = {
	"Thực hiện được phần lớn nội dung; cần khắc phục việc chậm tiến độ trong năm tới.",
	"Hoàn thành một phần; đề nghị đảng viên bổ sung giải pháp cụ thể hơn.",
	"Chưa đạt chỉ tiêu đã đăng ký; chi bộ nhắc nhở, theo dõi.",
};

static const char *const verdict_not_done[] = {
	"Chưa thực hiện được nội dung đăng ký; chi bộ đề nghị kiểm điểm, rút kinh nghiệm.",
	"Không hoàn thành bản đăng ký; đảng viên đã nhận khuyết điểm trước chi bộ.",
};

static const char *const return_reasons[] = {
	"Nội dung đăng ký còn chung chung, chưa gắn với nhiệm vụ được giao; đề nghị bổ sung việc "
	"làm cụ thể.",
	"Chưa có chỉ tiêu, thời gian hoàn thành từng nội dung; đề nghị bổ sung.",
	"Giải pháp chưa phù hợp với điều kiện thực tế; đề nghị đồng chí điều chỉnh lại.",
};

static const char *const coll_cell_follow[] = {
	"Duy trì nền nếp sinh hoạt chi bộ, đưa nội dung học tập và làm theo Bác vào sinh hoạt "
	"hằng tháng; 100% đảng viên xây dựng và thực hiện bản đăng ký làm theo.",
	"Lãnh đạo %s giữ vững danh hiệu văn hóa, phấn đấu đạt chuẩn khu dân cư nông thôn mới "
	"kiểu mẫu; phát huy vai trò nêu gương của đảng viên.",
	"Xây dựng chi bộ trong sạch, vững mạnh; lãnh đạo giải quyết dứt điểm các ý kiến, kiến "
	"nghị của nhân dân ở %s ngay từ cơ sở.",
	"Phát huy dân chủ, công khai minh bạch mọi việc của %s; “dân biết, dân bàn, dân làm, dân "
	"kiểm tra, dân giám sát, dân thụ hưởng”.",
};

static const char *const coll_office_follow[] = {
	"Xây dựng cơ quan văn hóa, chi bộ trong sạch, vững mạnh; 100% đảng viên đăng ký và thực "
	"hiện việc làm theo gắn với nhiệm vụ chuyên môn.",
	"Đẩy mạnh cải cách hành chính, xây dựng văn hóa công vụ; không để xảy ra phiền hà, sách "
	"nhiễu trong giải quyết công việc.",
	"Thực hành tiết kiệm, chống lãng phí trong chi tiêu hành chính; phát động phong trào "
	"sáng kiến, cải tiến cách làm.",
};

static const char *const coll_committee_follow[] = {
	"Lãnh đạo thực hiện %s gắn với nhiệm vụ chính trị; tập trung giải quyết các vấn đề bức "
	"xúc, nổi cộm; xây dựng đảng bộ trong sạch, vững mạnh.",
	"Nâng cao trách nhiệm nêu gương của tập thể cấp ủy và người đứng đầu; đẩy mạnh cải cách "
	"hành chính, đối thoại với nhân dân.",
	"Cụ thể hóa %s thành các việc làm thiết thực của từng chi bộ, đơn vị; nhân rộng các mô "
	"hình, điển hình tiêu biểu.",
};

static const char *const coll_solutions[] = {
	"Phân công cấp ủy viên phụ trách từng chi bộ, theo dõi việc thực hiện bản đăng ký của "
	"đảng viên.",
	"Đưa nội dung làm theo vào nghị quyết, chương trình công tác hằng tháng, hằng quý.",
	"Sơ kết 6 tháng, tổng kết cuối năm; biểu dương tập thể, cá nhân tiêu biểu.",
	"Công khai kết quả thực hiện trên bảng tin, hệ thống truyền thanh để nhân dân giám sát.",
	"Phối hợp với Mặt trận và các đoàn thể vận động nhân dân cùng thực hiện.",
	"Gắn kết quả thực hiện với đánh giá, xếp loại tổ chức đảng và đảng viên cuối năm.",
};

/* What a member's profile suggests for a pledge. */
enum profile { PR_RURAL, PR_OFFICE, PR_KEY, PR_ELDER, PR_YOUNG };

static enum profile
profile_of(const struct member *m, int y)
{
	int age = age_in(m, y);

	if (m->key)
		return PR_KEY;
	if (age >= 65)
		return PR_ELDER;
	if (m->office)
		return PR_OFFICE;
	if (age < 33)
		return PR_YOUNG;
	return PR_RURAL;
}

/* Adds "- line" (distinct from what is there) to buf. */
static void
add_line(char *buf, size_t cap, const char *line, struct gen *g)
{
	char l[600];

	snprintf(l, sizeof(l), line, between(g, 2, 6));
	if (strstr(buf, l) != NULL)
		return;
	cat(buf, cap, "%s- %s", buf[0] ? "\n" : "", l);
}

static void
topic_follow(const struct gen *g, int yi, int ui, const struct member *m, char *buf, size_t cap)
{
	int64_t t = topic_for(g, yi, ui);

	if (t == g->topic_2023)
		snprintf(buf, cap, m != NULL && !m->office ?
		    "Làm theo phong cách gần dân, trọng dân, phục vụ nhân dân; gương mẫu thực hiện "
		    "và hướng dẫn bà con làm thủ tục hành chính trực tuyến." :
		    "Xây dựng văn hóa công vụ, đáp ứng yêu cầu cải cách hành chính theo hướng chuyên "
		    "nghiệp, hiện đại, phục vụ nhân dân.");
	else if (t == g->topic_2022)
		snprintf(buf, cap, "Phát huy tinh thần đoàn kết, trách nhiệm nêu gương, đổi mới, "
		    "sáng tạo, góp phần xây dựng Thái Bình phồn vinh, hạnh phúc.");
	else if (t == g->topic_cur)
		snprintf(buf, cap, "Góp phần xây dựng chính quyền địa phương hai cấp gần dân, sát "
		    "dân, phục vụ nhân dân; nhanh chóng thích ứng với địa bàn mới sau sắp xếp.");
	else
		snprintf(buf, cap, "Phát huy ý chí tự lực, tự cường và khát vọng phát triển quê "
		    "hương, đất nước phồn vinh, hạnh phúc theo chuyên đề toàn khóa.");
}

/* The pledge's own text: what will be followed, solutions, target, due date. */
static void
pledge_text(struct gen *g, int yi, int ui, int mi, struct record *r)
{
	int y = g->year[yi];
	const struct unit *u = &g->u[ui];
	char follow[1600] = "", sol[2000] = "", t[600], place[200];

	place_of(name_in(g, ui, yi), place, sizeof(place));
	if (mi >= 0) {
		const struct member *m = &g->m[mi];
		enum profile pr = profile_of(m, y);
		const char *first;

		switch (pr) {
		case PR_KEY: first = PICK(g, follow_key); break;
		case PR_ELDER: first = PICK(g, follow_elder); break;
		case PR_OFFICE: first = PICK(g, follow_office); break;
		case PR_YOUNG: first = PICK(g, follow_young); break;
		default: first = u->office ? PICK(g, follow_office) : PICK(g, follow_rural); break;
		}
		if (pm(g, 400)) {
			topic_follow(g, yi, ui, m, t, sizeof(t));
			snprintf(follow, sizeof(follow), "%s %s", t, first);
		} else if (pm(g, 450)) {
			const char *second = PICK(g, follow_general);

			snprintf(follow, sizeof(follow), "%s %s", first, second);
		} else {
			snprintf(follow, sizeof(follow), "%s", first);
		}
		switch (pr) {
		case PR_KEY: add_line(sol, sizeof(sol), PICK(g, sol_key), g); break;
		case PR_ELDER: add_line(sol, sizeof(sol), PICK(g, sol_elder), g); break;
		case PR_OFFICE: add_line(sol, sizeof(sol), PICK(g, sol_office), g); break;
		default:
			add_line(sol, sizeof(sol), u->office ? PICK(g, sol_office) : PICK(g, sol_rural),
			    g);
			break;
		}
		add_line(sol, sizeof(sol), PICK(g, sol_general), g);
		if (pm(g, 450))
			add_line(sol, sizeof(sol), pr == PR_OFFICE || u->office ? PICK(g, sol_office) :
			    PICK(g, sol_rural), g);
		if ((prov_in(g, ui, yi) == g->tb || is_current(g, yi)) && pm(g, 300))
			add_line(sol, sizeof(sol), "Sử dụng Sổ tay đảng viên điện tử để theo dõi lịch "
			    "sinh hoạt, tài liệu và nhiệm vụ được giao.", g);
		/* a target, for most */
		switch (rnd(g, 9)) {
		case 0:
			record_set_text(r, PLEDGE_TARGET_TEXT, "Tham gia đầy đủ 12/12 kỳ sinh hoạt chi bộ");
			record_set_int(r, PLEDGE_TARGET_VALUE, 12);
			record_set_text(r, PLEDGE_TARGET_UNIT, "buổi");
			break;
		case 1:
			if (pr == PR_OFFICE || u->office) {
				record_set_text(r, PLEDGE_TARGET_TEXT,
				    "Giải quyết 100% hồ sơ được giao đúng hạn");
				record_set_int(r, PLEDGE_TARGET_VALUE, 100);
				record_set_text(r, PLEDGE_TARGET_UNIT, "%");
			} else {
				int n = between(g, 5, 20);

				snprintf(t, sizeof(t), "Vận động %d hộ gia đình đạt danh hiệu “Gia đình "
				    "văn hóa”", n);
				record_set_text(r, PLEDGE_TARGET_TEXT, t);
				record_set_int(r, PLEDGE_TARGET_VALUE, n);
				record_set_text(r, PLEDGE_TARGET_UNIT, "hộ");
			}
			break;
		case 2: {
			int n = between(g, 2, 10) * 250000;

			snprintf(t, sizeof(t), "Ủng hộ các quỹ an sinh xã hội ở địa phương");
			record_set_text(r, PLEDGE_TARGET_TEXT, t);
			record_set_int(r, PLEDGE_TARGET_VALUE, n);
			record_set_text(r, PLEDGE_TARGET_UNIT, "đồng");
			break;
		}
		case 3:
			if (pr == PR_KEY) {
				record_set_text(r, PLEDGE_TARGET_TEXT, "Tiếp công dân định kỳ 12 buổi trong "
				    "năm");
				record_set_int(r, PLEDGE_TARGET_VALUE, 12);
				record_set_text(r, PLEDGE_TARGET_UNIT, "buổi");
			} else if (pr == PR_OFFICE) {
				record_set_text(r, PLEDGE_TARGET_TEXT, "Đề xuất 01 sáng kiến cải tiến công "
				    "việc");
				record_set_int(r, PLEDGE_TARGET_VALUE, 1);
				record_set_text(r, PLEDGE_TARGET_UNIT, "sáng kiến");
			}
			break;
		case 4: {
			int n = between(g, 1, 3);

			snprintf(t, sizeof(t), "Giúp đỡ %d hộ khó khăn ổn định cuộc sống", n);
			record_set_text(r, PLEDGE_TARGET_TEXT, t);
			record_set_int(r, PLEDGE_TARGET_VALUE, n);
			record_set_text(r, PLEDGE_TARGET_UNIT, "hộ");
			break;
		}
		case 5:
			record_set_text(r, PLEDGE_TARGET_TEXT, "Không có ý kiến phê bình của nhân dân nơi "
			    "cư trú");
			break;
		default:
			break;
		}
	} else {
		char tw[200];
		const char *tmpl;

		topic_words(g, yi, ui, tw, sizeof(tw));
		if (u->kind == ORG_CELL && !u->office)
			tmpl = PICK(g, coll_cell_follow);
		else if (u->kind == ORG_CELL || u->kind == ORG_AGENCY || u->kind == ORG_MASS ||
		    u->office)
			tmpl = PICK(g, coll_office_follow);
		else
			tmpl = PICK(g, coll_committee_follow);
		snprintf(follow, sizeof(follow), tmpl, u->kind == ORG_CELL ? place : tw);
		for (int k = 0, n = 2 + pm(g, 500); k < n; k++)
			add_line(sol, sizeof(sol), PICK(g, coll_solutions), g);
		if (u->kind == ORG_CELL && pm(g, 500)) {
			record_set_text(r, PLEDGE_TARGET_TEXT, "100% đảng viên hoàn thành bản đăng ký làm "
			    "theo");
			record_set_int(r, PLEDGE_TARGET_VALUE, 100);
			record_set_text(r, PLEDGE_TARGET_UNIT, "%");
		}
	}
	record_set_text(r, PLEDGE_FOLLOW, follow);
	record_set_text(r, PLEDGE_SOLUTIONS, sol);
	{
		int k = (int)rnd(g, 20);
		int64_t due = k < 12 ? day(y, 12, 31) : k < 16 ? day(y, 12, 15) :
		    k < 19 ? day(y, 11, 30) : day(y, 10, 31);

		set_date(r, PLEDGE_DUE, due);
	}
}

static const char *
checkin_note(struct gen *g, int progress)
{
	return progress < 40 ? PICK(g, check_early) : progress < 85 ? PICK(g, check_mid) :
	    PICK(g, check_late);
}

/* A check-in of pledge p (in its accepted state) on date d. */
static int
add_checkin(struct gen *g, struct record *p, struct record **kids, int *nk, int64_t d,
    int progress)
{
	struct record *c = record_new(&rtypes[RT_CHECKIN]);

	kids[(*nk)++] = c;
	set_date(c, CHECKIN_DATE, d);
	record_set_int(c, CHECKIN_PROGRESS, progress);
	record_set_text(c, CHECKIN_NOTE, checkin_note(g, progress));
	return prep_kid(g, c, p);
}

/*
 * One pledge of member mi (or of unit ui itself when mi < 0) for year yi,
 * followed through the year as the workflow takes it: drafted, submitted
 * (a few returned and resubmitted), accepted, checked in, self-reviewed and
 * judged by the cell.  Past years end mostly closed; a few were never
 * reviewed or never judged.  The current year stops at today.
 */
static int
make_pledge(struct gen *g, int yi, int ui, int mi)
{
	const struct unit *u = &g->u[ui];
	int y = g->year[yi], cur = is_current(g, yi), nk = 0, rc = -1;
	int64_t cutoff = cur ? g->today : OPEN_END, lo, hi, d0, sub1, ret, sub2, subm, acc, rev, vd;
	int returned = pm(g, 30), forget = 0, no_verdict = 0, stale = 0;
	struct record *p = record_new(&rtypes[RT_PLEDGE]), *kids[8];
	enum outcome out = OUT_OPEN;
	const char *status = "draft", *verdict = NULL;

	record_set_int(p, PLEDGE_YEAR, y);
	record_set_int(p, PLEDGE_ORG, u->id);
	if (mi >= 0)
		record_set_int(p, PLEDGE_PERSON, g->m[mi].id);
	record_set_int(p, PLEDGE_TOPIC, topic_for(g, yi, ui));
	pledge_text(g, yi, ui, mi, p);
	if (prep(g, p) != 0)
		goto out;

	/* 2021 pledges followed Kết luận 01 (Thái Bình's from 9/2021, seed 000) */
	if (y == 2021) {
		lo = prov_in(g, ui, yi) == g->tb ? day(y, 9, 1) : day(y, 6, 20);
		hi = prov_in(g, ui, yi) == g->tb ? day(y, 10, 15) : day(y, 9, 30);
	} else {
		lo = day(y, 1, 5);
		hi = day(y, 3, 10);
	}
	if (u->from + 7 > lo)
		lo = u->from + 7;
	if (mi >= 0 && g->m[mi].joined + 3 > lo)
		lo = g->m[mi].joined + 3;
	if (lo > day(y, 12, 10))
		lo = day(y, 12, 10);
	if (hi < lo)
		hi = lo + between(g, 0, 10);
	d0 = rday(g, lo, hi);
	sub1 = d0 + between(g, 0, 10);
	ret = sub1 + between(g, 2, 10);
	sub2 = ret + between(g, 2, 12);
	subm = returned ? sub2 : sub1;
	acc = subm + between(g, 1, 15);
	rev = day(y, 12, 1) + between(g, 0, 19);
	if (rev <= acc + 5)
		rev = acc + 6;
	vd = rev + between(g, 2, 24);
	if (!cur) {
		forget = pm(g, 22);
		no_verdict = !forget && pm(g, 18);
	} else {
		stale = pm(g, 95);
	}

	if (sub1 > cutoff) {
		status = "draft";
	} else if (returned && ret > cutoff) {
		status = "submitted";
		set_date(p, PLEDGE_SUBMITTED_ON, sub1);
	} else if (returned && sub2 > cutoff) {
		status = "returned";
		set_date(p, PLEDGE_SUBMITTED_ON, sub1);
		if (op_text(p, RT_OP_RETURN, RETURN_REASON, PICK(g, return_reasons)) != 0)
			goto out;
	} else {
		set_date(p, PLEDGE_SUBMITTED_ON, subm);
		if (returned &&
		    op_text(p, RT_OP_RETURN, RETURN_REASON, PICK(g, return_reasons)) != 0)
			goto out;
		status = acc > cutoff ? "submitted" : "accepted";
	}
	if (strcmp(status, "accepted") == 0) {
		int r = (int)rnd(g, 1000);

		set_date(p, PLEDGE_ACCEPTED_ON, acc);
		/* the cell's verdict decides what the last check-in shows */
		if (!cur && !forget && !no_verdict) {
			int done = mi < 0 ? 930 : 875, partly = mi < 0 ? 65 : 97;

			verdict = r < done ? "done" : r < done + partly ? "partly" : "not_done";
		}
		record_set_text(p, PLEDGE_STATUS, "accepted");
		if (!cur) {
			int final = verdict == NULL ? (forget ? between(g, 20, 55) : between(g, 70, 100)) :
			    strcmp(verdict, "done") == 0 ? (pm(g, 800) ? 100 : between(g, 90, 99)) :
			    strcmp(verdict, "partly") == 0 ? between(g, 50, 80) : between(g, 10, 40);
			int n = forget ? (int)rnd(g, 2) : 1 + pm(g, 450);
			int64_t last = rev - 1, prev = acc - 1;

			if (n == 2) {
				int64_t d = rday(g, acc + 15, day(y, 7, 31));

				if (d > last - 30)
					d = acc + (last - acc) / 3;
				if (d < acc)
					d = acc;
				if (add_checkin(g, p, kids, &nk, d,
				    between(g, 25, final > 60 ? 60 : final)) != 0)
					goto out;
				prev = d;
			}
			if (n >= 1) {
				int64_t d = forget ? rday(g, acc + 20, day(y, 6, 30)) :
				    rday(g, day(y, 10, 15), last);

				if (d <= prev)
					d = prev + 1 + (last > prev + 1 ? (int64_t)rnd(g,
					    (uint32_t)(last - prev - 1)) : 0);
				if (add_checkin(g, p, kids, &nk, d, final) != 0)
					goto out;
			}
		} else {
			/* quarterly points; a stale pledge ("đăng ký rồi quên") stops early */
			static const int win[4][4] = {
				{ 4, 1, 4, 28 }, { 7, 1, 7, 28 }, { 10, 1, 10, 28 }, { 11, 10, 11, 30 }
			};
			int prog = 0;

			for (int k = 0; k < 4; k++) {
				int64_t d = rday(g, day(y, win[k][0], win[k][1]), day(y, win[k][2], win[k][3]));

				if (stale && (k > 0 || pm(g, 500)))
					break;
				if (!pm(g, 820) || d > g->today)
					continue;
				if (d < acc + 7)
					continue;
				prog = k == 0 ? between(g, 15, 35) : k == 1 ? between(g, 40, 60) :
				    k == 2 ? between(g, 65, 85) : between(g, 85, 100);
				if (add_checkin(g, p, kids, &nk, d, prog) != 0)
					goto out;
			}
		}
		if (!forget && rev <= cutoff) {
			const char *text = verdict == NULL ? PICK(g, review_done) :
			    strcmp(verdict, "done") == 0 ? PICK(g, review_done) :
			    strcmp(verdict, "partly") == 0 ? PICK(g, review_partly) :
			    PICK(g, review_not_done);

			status = "reviewed";
			set_date(p, PLEDGE_REVIEWED_ON, rev);
			if (op_text(p, RT_OP_REVIEW, REVIEW_TEXT, text) != 0)
				goto out;
		}
		if (verdict != NULL && vd <= cutoff) {
			struct record *b = record_new(&rtypes[RT_OP_VERDICT]);
			struct verr e = { 0 };
			const char *note = strcmp(verdict, "done") == 0 ? PICK(g, verdict_done) :
			    strcmp(verdict, "partly") == 0 ? PICK(g, verdict_partly) :
			    PICK(g, verdict_not_done);

			record_set_text(b, VERDICT_VERDICT, verdict);
			if (note != NULL)
				record_set_text(b, VERDICT_NOTE, note);
			if (record_validate(b, VM_CREATE, &e) != 0) {
				record_free(b);
				refused(p, &e);
				goto out;
			}
			record_set_text(p, PLEDGE_VERDICT, record_text(b, VERDICT_VERDICT));
			if (note != NULL)
				record_set_text(p, PLEDGE_VERDICT_NOTE, record_text(b, VERDICT_NOTE));
			record_free(b);
			status = "closed";
			set_date(p, PLEDGE_VERDICT_ON, vd);
			out = strcmp(verdict, "done") == 0 ? OUT_DONE :
			    strcmp(verdict, "partly") == 0 ? OUT_PARTLY : OUT_NOT_DONE;
		}
	}
	record_set_text(p, PLEDGE_STATUS, status);
	if (recompute(&rtypes[RT_CHECKIN], kids, nk, p) != 0 || put(g, p) != 0)
		goto out;
	rc = put_kids(g, kids, nk, p->id);
	nk = 0;
	if (mi >= 0)
		g->outcome[(size_t)mi * NYEARS + (size_t)yi] = (unsigned char)out;
out:
	free_kids(kids, nk);
	record_free(p);
	return rc;
}

/* Does member mi count for year yi (party member by 31/12, unit open)? */
static int
counts_in(const struct gen *g, int mi, int yi)
{
	const struct member *m = &g->m[mi];

	return !m->official && m->joined <= ref_day(g, yi) && open_in(g, m->unit, yi) &&
	    (!is_current(g, yi) || m->active);
}

/*
 * Pledges per province and year at the seeds' rates: every key cadre and
 * head, then an exact quota of the other active members so that active
 * members with a pledge ÷ active members (the seeds' officials included,
 * who have none) is the year's rate; members no longer active pledged in
 * past years at the same rate.  Collective pledges: most cells and
 * committees.
 */
static int
load_pledges(struct gen *g)
{
	/* 2021, 2022 (seed 003), 2023, current year (any status but deleted) */
	static const double rates[NYEARS] = { 0.968, 0.985, 0.989, 0.976 };
	int *pool = malloc((size_t)(g->nm ? g->nm : 1) * sizeof(int));
	unsigned char *sel = malloc((size_t)(g->nm ? g->nm : 1));
	unsigned char *has = malloc((size_t)(g->nm ? g->nm : 1));

	if (pool == NULL || sel == NULL || has == NULL)
		abort();
	for (int yi = 0; yi < NYEARS; yi++) {
		memset(has, 0, (size_t)g->nm);
		for (int pv = 0; pv < g->nu; pv++) {
			int n = 0, denom = 0, keys = 0, target;

			if (g->u[pv].kind != ORG_PROVINCE)
				continue;
			for (int i = 0; i < g->nm; i++) {
				const struct member *m = &g->m[i];

				if (prov_in(g, m->unit, yi) != pv)
					continue;
				if (m->official) {
					denom += m->active;
					continue;
				}
				if (!counts_in(g, i, yi)) {
					/* no longer active: pledged then like the others */
					if (!is_current(g, yi) && m->joined <= ref_day(g, yi) &&
					    open_in(g, m->unit, yi) && pm(g, iround(rates[yi] * 1000)))
						has[i] = 1;
					continue;
				}
				if (!m->active)
					continue;
				denom++;
				if (m->key)
					keys++, has[i] = 1;
				else if (!(is_current(g, yi) && i == g->queo))
					pool[n++] = i;
			}
			target = iround(rates[yi] * denom) - keys;
			choose(g, n, target < 0 ? 0 : target, sel);
			for (int k = 0; k < n; k++)
				if (sel[k])
					has[pool[k]] = 1;
		}
		for (int i = 0; i < g->nm; i++)
			if (has[i] && make_pledge(g, yi, g->m[i].unit, i) != 0)
				goto fail;
		for (int i = 0; i < g->nu; i++) {
			const struct unit *u = &g->u[i];
			int p = u->kind == ORG_CELL ? 900 : is_committee(u->kind) ? 960 :
			    u->kind == ORG_AGENCY || u->kind == ORG_MASS ? 600 : 0;

			if (!open_in(g, i, yi) || u->from > day(g->year[yi], 6, 30) || !pm(g, p))
				continue;
			if (make_pledge(g, yi, i, -1) != 0)
				goto fail;
		}
	}
	free(pool);
	free(sel);
	free(has);
	return 0;
fail:
	free(pool);
	free(sel);
	free(has);
	return -1;
}
