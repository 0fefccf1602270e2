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
 *   Nam Định bloc, 2022: organisations good or better 89,81% (its 14
 *           base organisations allow 13/14; with their cells 55/61),
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
 * transitions set them, their bodies validated as transition bodies; the
 * person of a record is inside its unit (RULE_PERSON_UNIT).  Nothing is
 * dated after today.  No audit rows are written (the loader is the system,
 * like the tree and the people it creates).
 *
 * Speed.  About 300.000 rows must load in a few seconds, and NFC and
 * accent folding of the text cost more than SQLite: the records are made
 * and validated on a second thread and stored, in the order they were
 * made, on the loader's thread (run_generator); the search key is derived
 * by whichever thread is less busy.  The result is the same every time.
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
#include <pthread.h>
#include <stdatomic.h>
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
	char *name;
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

/*
 * Two threads: the generator (every make_* below: text, validation, rules)
 * runs on a second thread and hands finished records to the loader's thread,
 * which alone talks to the store, in the order they were made — so ids and
 * contents are the same every time.  A parent and its children travel
 * together: the children get the parent's id once it is stored.
 */
#define QUEUE_CAP 2048

struct job {
	struct record *rec;
	struct record **kids;
	int nk;
};

struct queue {
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	struct job q[QUEUE_CAP];
	int head, n;
	atomic_int backlog;	/* jobs handed over and not yet stored */
	int closed;		/* the generator is done */
	int failed;		/* either side failed: stop */
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
	struct queue *qu;	/* while generating on the second thread */
	struct rule_ctx ctx;	/* what the rules know: today, the configured levels */
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

static int
is_current(const struct gen *g, int yi)
{
	(void)g;
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
		/* offices, enterprises, and the committees that gather them */
		int office = (strcmp(d->kind, "base_committee") == 0 && !commune) ||
		    (strcmp(d->kind, "district_committee") == 0 && (strstr(d->name, "Khối") ||
		    strstr(d->name, "Ủy ban nhân dân") || strstr(d->name, "cơ quan Đảng")));
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
		m->name = strdup(record_text(p, PERSON_FULL_NAME));
		if (m->name == NULL)
			abort();
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
		{ "eval_level", "excellent" }, { "eval_level", "good" },
		{ "eval_level", "done" }, { "eval_level", "not_done" },
		{ "eval_level", "strong" }, { "eval_level", "fair" },
		{ "eval_level", "average" }, { "eval_level", "weak" },
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
	/* The rules' context, as the API builds it (levels of the scales). */
	g->ctx.today = g->today_s;
	return store_catalog_bands(g->st, "eval_level", &g->ctx) == ST_OK ? 0 : -1;
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

/* Validation, catalog, rules and derived fields of a new record.  The
 * search key (record_derive_search) is derived here when the writer is
 * behind, else in put() on the writer's thread: the same key either way,
 * and the two threads share the work. */
static int
prep(struct gen *g, struct record *r)
{
	const struct rtype *t = r->type;
	struct verr e = { 0 };

	if (record_validate(r, VM_CREATE, &e) != 0 || catalog_fill(g, r, &e) != 0 ||
	    (t->rules && t->rules->check && t->rules->check(r, &g->ctx, &e) != 0))
		return refused(r, &e);
	if ((t->rules && t->rules->derive && t->rules->derive(r, &g->ctx) != 0) ||
	    ((g->qu == NULL || atomic_load_explicit(&g->qu->backlog, memory_order_relaxed) >
	    QUEUE_CAP / 8) && record_derive_search(r) != 0)) {
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

/* Stores a prepared record, with its search key as the API derives it. */
static int
put(struct gen *g, struct record *r)
{
	int fs = rtype_field(r->type, "search_fold");

	if (fs >= 0 && !record_has(r, fs) && record_derive_search(r) != 0) {
		struct verr e = { 0 };

		verr_set(&e, VE_UTF8, "search_fold", 0);
		return refused(r, &e);
	}
	if (store_insert(g->st, r) != ST_OK) {
		fprintf(stderr, "demo: records: %s: %s\n", r->type->name, store_errmsg(g->st));
		return -1;
	}
	g->count[r->type->id]++;
	return 0;
}

static void
free_job(struct job *j)
{
	record_free(j->rec);
	for (int i = 0; i < j->nk; i++)
		record_free(j->kids[i]);
	free(j->kids);
	memset(j, 0, sizeof(*j));
}

/* Stores a record and then its children under it (loader's thread). */
static int
write_job(struct gen *g, struct job *j)
{
	if (put(g, j->rec) != 0)
		return -1;
	for (int i = 0; i < j->nk; i++) {
		const struct rtype *t = j->kids[i]->type;

		record_set_int(j->kids[i], rtype_field(t, t->parent_field), j->rec->id);
		if (put(g, j->kids[i]) != 0)
			return -1;
	}
	return 0;
}

/* Hands a prepared record and its prepared children (kids[0..nk), whose
 * slots are cleared) to the writer; takes ownership even on failure. */
static int
submit(struct gen *g, struct record *r, struct record **kids, int nk)
{
	struct job j = { r, NULL, nk };
	struct queue *q = g->qu;
	int rc = 0;

	if (nk > 0) {
		j.kids = malloc((size_t)nk * sizeof(*j.kids));
		if (j.kids == NULL)
			abort();
		for (int i = 0; i < nk; i++) {
			j.kids[i] = kids[i];
			kids[i] = NULL;
		}
	}
	if (q == NULL) {
		rc = write_job(g, &j);
		free_job(&j);
		return rc;
	}
	pthread_mutex_lock(&q->mu);
	while (q->n == QUEUE_CAP && !q->failed)
		pthread_cond_wait(&q->room, &q->mu);
	if (q->failed) {
		rc = -1;
	} else {
		q->q[(q->head + q->n) % QUEUE_CAP] = j;
		/* wake the writer when it may be waiting for work */
		if (q->n++ == 0)
			pthread_cond_signal(&q->more);
		atomic_fetch_add_explicit(&q->backlog, 1, memory_order_relaxed);
	}
	pthread_mutex_unlock(&q->mu);
	if (rc != 0)
		free_job(&j);
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

/* The topic's short name, for running text that repeats (meetings). */
static void
topic_short(const struct gen *g, int yi, int ui, char *buf, size_t cap)
{
	int64_t t = topic_for(g, yi, ui);

	if (t == g->topic_term)
		snprintf(buf, cap, "chuyên đề toàn khóa");
	else if (t == g->topic_2023)
		snprintf(buf, cap, "chuyên đề năm 2023 về văn hóa công vụ");
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

/* Who carries out a task of group grp (0–6) of committee ui's plan: the
 * propaganda department or the committee itself for study, the cells for
 * pledges and meetings, the people's committee for issues and procedures,
 * the Front and mass organisations for models, the committee for checks. */
static int
task_owner(struct gen *g, int ui, int yi, int grp)
{
	int o = -1;

	switch (grp) {
	case 0:
		o = random_child(g, ui, yi, 1u << ORG_AGENCY);
		if (o >= 0 && strstr(name_in(g, o, yi), "Tuyên giáo") == NULL)
			o = -1;
		break;
	case 1:
	case 2:
		o = pm(g, 600) ? random_child(g, ui, yi, (1u << ORG_CELL) | (1u << ORG_BASE)) : -1;
		break;
	case 3:
		o = random_child(g, ui, yi, 1u << ORG_AGENCY);
		if (o >= 0 && strstr(name_in(g, o, yi), "Ủy ban nhân dân") == NULL)
			o = -1;
		break;
	case 4:
		o = pm(g, 500) ? random_child(g, ui, yi, 1u << ORG_MASS) : -1;
		break;
	case 6:
		o = pm(g, 400) ? random_child(g, ui, yi, (1u << ORG_MASS) | (1u << ORG_BASE) |
		    (1u << ORG_DISTRICT)) : -1;
		break;
	default:
		break;
	}
	return o >= 0 ? o : ui;
}

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
	struct unit *u = &g->u[ui];
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
			int owner = task_owner(g, ui, yi, grp);
			int64_t due = task_due(y, grp);
			const char *status;

			kids[nk++] = t;
			record_set_int(t, TASK_GROUP, grp + 1);
			snprintf(buf, sizeof(buf), task_pool[grp][(first + k) % 4], tw);
			record_set_text(t, TASK_TITLE, buf);
			record_set_int(t, TASK_OWNER, g->u[owner].id);
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
	if (recompute(&rtypes[RT_TASK], kids, nk, p) != 0)
		goto out;
	rc = submit(g, p, kids, nk);
	p = NULL;
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
			struct unit *u = &g->u[i];
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
	"Làm theo tấm gương đạo đức cần, kiệm, liêm, chính, chí công vô tư của Bác.",
	"Gần dân, sát dân, lắng nghe ý kiến của nhân dân nơi cư trú.",
	"Thực hành tiết kiệm, chống lãng phí trong gia đình và nơi công tác.",
	"Nói đi đôi với làm; sửa những hạn chế đã chỉ ra trong kiểm điểm cuối năm.",
	"Chấp hành nghiêm sự phân công của chi bộ, giữ gìn kỷ luật đảng viên.",
	"Nêu gương ở khu dân cư, vận động quần chúng chấp hành chủ trương, pháp luật.",
};

static const char *const follow_rural[] = {
	"Tự lực, tự cường, tích cực lao động sản xuất, phát triển kinh tế gia đình.",
	"Thực hiện nếp sống văn minh trong việc cưới, việc tang; xây dựng nông thôn mới.",
	"Giữ gìn vệ sinh môi trường, phân loại rác thải tại nguồn ở thôn, xóm.",
	"Vận động bà con góp công, góp đất làm đường giao thông nông thôn.",
	"Giữ gìn đoàn kết trong dòng họ, hòa giải mâu thuẫn ngay từ cơ sở.",
};

static const char *const follow_urban[] = {
	"Thực hiện nếp sống văn minh đô thị, giữ gìn trật tự, vệ sinh tổ dân phố.",
	"Gương mẫu chấp hành quy định về trật tự xây dựng, lòng đường, vỉa hè.",
	"Tham gia xây dựng tổ dân phố văn hóa, an toàn về an ninh trật tự.",
	"Giữ gìn đoàn kết khu dân cư, hòa giải mâu thuẫn ngay từ cơ sở.",
};

static const char *const follow_office[] = {
	"Xây dựng văn hóa công vụ: đúng giờ, tận tụy, không gây phiền hà cho dân.",
	"Ứng dụng công nghệ thông tin, đẩy mạnh dịch vụ công trực tuyến.",
	"Giải quyết công việc đúng và trước hạn, không để hồ sơ tồn đọng.",
	"Thực hiện nghiêm văn hóa công sở, giữ gìn đoàn kết nội bộ cơ quan.",
	"Làm việc khoa học, tham mưu kịp thời, chính xác cho lãnh đạo.",
};

static const char *const follow_key[] = {
	"Nêu gương người đứng đầu; tiếp công dân định kỳ, đối thoại với nhân dân.",
	"Lãnh đạo giải quyết dứt điểm các vấn đề bức xúc, nổi cộm ở địa phương.",
	"“Trên trước, dưới sau”, “trong trước, ngoài sau”; nói đi đôi với làm.",
	"Công tâm, khách quan trong công tác cán bộ; chống bệnh “hình thức”.",
};

static const char *const follow_elder[] = {
	"Tham gia hòa giải ở cơ sở, vận động con cháu chấp hành pháp luật.",
	"Giữ gìn phẩm chất người đảng viên lâu năm, sinh hoạt chi bộ đầy đủ.",
	"Tham gia Ban công tác Mặt trận, Hội Người cao tuổi ở thôn.",
};

static const char *const follow_young[] = {
	"Học tập nâng cao trình độ lý luận chính trị, tham gia hoạt động tình nguyện.",
	"Đi đầu chuyển đổi số, hướng dẫn người dân dùng dịch vụ công trực tuyến.",
	"Rèn luyện tác phong đảng viên trẻ, nhận việc khó do chi bộ phân công.",
};

static const char *const sol_general[] = {
	"Đọc tài liệu về tư tưởng, đạo đức Hồ Chí Minh; dự đủ sinh hoạt chi bộ.",
	"Lập kế hoạch hằng tháng, cuối quý báo cáo chi bộ.",
	"Ủng hộ Quỹ Vì người nghèo, Quỹ Đền ơn đáp nghĩa.",
	"Tiếp thu góp ý của chi bộ, của quần chúng để sửa chữa.",
	"Đóng đảng phí đầy đủ, đúng quy định.",
};

static const char *const sol_rural[] = {
	"Vận động gia đình thực hiện tốt quy ước của thôn.",
	"Tham gia “Ngày Chủ nhật xanh” mỗi tháng một lần.",
	"Nhận giúp đỡ %d hộ khó khăn về cách làm ăn.",
	"Chuyển đổi cây trồng, vật nuôi; áp dụng kỹ thuật mới.",
	"Vận động các hộ liền kề trồng hoa, cây xanh trên đường thôn.",
	"Vận động %d hộ đăng ký gia đình văn hóa.",
};

static const char *const sol_urban[] = {
	"Tham gia “Ngày Chủ nhật xanh” mỗi tháng một lần.",
	"Vận động các hộ không lấn chiếm vỉa hè, lòng đường.",
	"Vận động %d hộ đăng ký gia đình văn hóa.",
	"Phân loại rác thải sinh hoạt tại nguồn, đổ rác đúng giờ.",
};

static const char *const sol_office[] = {
	"Hướng dẫn người dân nộp hồ sơ trực tuyến.",
	"Mỗi năm đề xuất một sáng kiến cải tiến công việc.",
	"Tiết kiệm điện, nước, văn phòng phẩm; dùng văn bản điện tử.",
	"Tham gia đủ các lớp bồi dưỡng chuyên môn, tin học.",
	"Đi làm đúng giờ, không làm việc riêng trong giờ hành chính.",
};

static const char *const sol_key[] = {
	"Tiếp công dân ít nhất một ngày mỗi tháng.",
	"Phân công cấp ủy viên phụ trách từng vấn đề bức xúc.",
	"Công khai bản đăng ký trước chi bộ để mọi người giám sát.",
	"Đi cơ sở nắm tình hình hai buổi mỗi tháng.",
};

static const char *const sol_elder[] = {
	"Tham gia tổ hòa giải; phản ánh với chi bộ ý kiến của dân.",
	"Kể chuyện về Bác, truyền thống cách mạng cho con cháu.",
	"Giữ gìn sức khỏe, tham gia câu lạc bộ người cao tuổi.",
};

static const char *const check_early[] = {
	"Đã lập kế hoạch, bắt đầu triển khai.",
	"Đã làm được một phần nội dung đăng ký.",
	"Đã báo cáo chi bộ kế hoạch thực hiện.",
	"Bước đầu giúp các hộ được phân công.",
};

static const char *const check_mid[] = {
	"Thực hiện được khoảng một nửa nội dung.",
	"Hoàn thành các việc được giao trong quý.",
	"Đã ủng hộ quỹ, đang tiếp tục vận động.",
	"Đang thực hiện đúng kế hoạch đề ra.",
};

static const char *const check_most[] = {
	"Đã làm được phần lớn nội dung đăng ký.",
	"Hoàn thành phần lớn; còn một số việc đang làm.",
	"Các việc trong quý đã xong; tiếp tục các việc còn lại.",
};

static const char *const check_late[] = {
	"Cơ bản hoàn thành nội dung đăng ký.",
	"Hoàn thành các chỉ tiêu đã đăng ký.",
	"Đã làm xong, được chi bộ ghi nhận.",
	"Hoàn thành; tiếp tục duy trì.",
};

static const char *const review_done[] = {
	"Đã thực hiện đầy đủ các nội dung đăng ký.",
	"Hoàn thành các chỉ tiêu đã đăng ký, đúng thời gian.",
	"Thực hiện nghiêm túc, có việc làm cụ thể.",
	"Hoàn thành; cần rèn luyện thêm tác phong làm việc.",
};

static const char *const review_partly[] = {
	"Làm được phần lớn; một số việc chậm do công việc chuyên môn nhiều.",
	"Hoàn thành một phần; việc vận động các hộ chưa đạt chỉ tiêu.",
	"Còn hạn chế về thời gian tham gia hoạt động ở khu dân cư.",
	"Sức khỏe hạn chế nên chưa tham gia đầy đủ.",
};

static const char *const review_not_done[] = {
	"Chưa thực hiện được do đi làm ăn xa dài ngày.",
	"Chưa hoàn thành do ốm đau kéo dài.",
	"Chưa thực hiện được; xin nhận khuyết điểm trước chi bộ.",
};

static const char *const verdict_done[] = {
	"Hoàn thành tốt, có việc làm cụ thể.",
	"Thực hiện đầy đủ; chi bộ ghi nhận.",
	"Hoàn thành, gương mẫu.",
};

static const char *const verdict_partly[] = {
	"Làm được phần lớn; cần khắc phục việc chậm tiến độ.",
	"Hoàn thành một phần; cần giải pháp cụ thể hơn.",
	"Chưa đạt chỉ tiêu; chi bộ nhắc nhở, theo dõi.",
};

static const char *const verdict_not_done[] = {
	"Chưa thực hiện; đề nghị kiểm điểm, rút kinh nghiệm.",
	"Không hoàn thành; đảng viên đã nhận khuyết điểm.",
};

static const char *const return_reasons[] = {
	"Nội dung còn chung chung, chưa gắn với nhiệm vụ được giao; đề nghị bổ sung việc làm "
	"cụ thể.",
	"Chưa có chỉ tiêu, thời gian hoàn thành từng nội dung; đề nghị bổ sung.",
	"Giải pháp chưa phù hợp với điều kiện thực tế; đề nghị điều chỉnh.",
};

static const char *const coll_cell_follow[] = {
	"Duy trì nền nếp sinh hoạt chi bộ, đưa nội dung học tập và làm theo Bác vào sinh hoạt "
	"hằng tháng; 100%% đảng viên xây dựng và thực hiện bản đăng ký làm theo.",
	"Lãnh đạo %s giữ vững danh hiệu văn hóa, phấn đấu đạt chuẩn khu dân cư nông thôn mới "
	"kiểu mẫu; phát huy vai trò nêu gương của đảng viên.",
	"Xây dựng chi bộ trong sạch, vững mạnh; lãnh đạo giải quyết dứt điểm các ý kiến, kiến "
	"nghị của nhân dân ở %s ngay từ cơ sở.",
	"Phát huy dân chủ, công khai minh bạch mọi việc của %s; “dân biết, dân bàn, dân làm, dân "
	"kiểm tra, dân giám sát, dân thụ hưởng”.",
};

static const char *const coll_office_follow[] = {
	"Xây dựng cơ quan văn hóa, chi bộ trong sạch, vững mạnh; 100%% đảng viên đăng ký và thực "
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
		    "Gần dân, trọng dân; hướng dẫn bà con làm thủ tục hành chính trực tuyến." :
		    "Xây dựng văn hóa công vụ chuyên nghiệp, hiện đại, phục vụ nhân dân.");
	else if (t == g->topic_2022)
		snprintf(buf, cap, "Đoàn kết, nêu gương, đổi mới, sáng tạo, góp phần xây dựng "
		    "Thái Bình phồn vinh, hạnh phúc.");
	else if (t == g->topic_cur)
		snprintf(buf, cap, "Góp phần xây dựng chính quyền hai cấp gần dân, sát dân, phục "
		    "vụ nhân dân.");
	else
		snprintf(buf, cap, "Phát huy ý chí tự lực, tự cường, khát vọng xây dựng quê hương "
		    "phồn vinh, hạnh phúc.");
}

/* The pledge's own text: what will be followed, solutions, target, due date
 * (drafted: the day it was drafted). */
static void
pledge_text(struct gen *g, int yi, int ui, int mi, struct record *r, int64_t drafted)
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
		default:
			first = u->office ? PICK(g, follow_office) : u->urban ? PICK(g, follow_urban) :
			    PICK(g, follow_rural);
			break;
		}
		if (pm(g, 250)) {
			topic_follow(g, yi, ui, m, t, sizeof(t));
			snprintf(follow, sizeof(follow), "%s", t);
		} else if (pm(g, 250)) {
			snprintf(follow, sizeof(follow), "%s", PICK(g, follow_general));
		} else {
			snprintf(follow, sizeof(follow), "%s", first);
		}
		switch (pr) {
		case PR_KEY: add_line(sol, sizeof(sol), PICK(g, sol_key), g); break;
		case PR_ELDER: add_line(sol, sizeof(sol), PICK(g, sol_elder), g); break;
		case PR_OFFICE: add_line(sol, sizeof(sol), PICK(g, sol_office), g); break;
		default:
			add_line(sol, sizeof(sol), u->office ? PICK(g, sol_office) : u->urban ?
			    PICK(g, sol_urban) : PICK(g, sol_rural), g);
			break;
		}
		if ((prov_in(g, ui, yi) == g->tb || is_current(g, yi)) && pm(g, 250))
			add_line(sol, sizeof(sol), "Dùng Sổ tay đảng viên điện tử theo dõi lịch sinh "
			    "hoạt, nhiệm vụ được giao.", g);
		else
			add_line(sol, sizeof(sol), PICK(g, sol_general), g);
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

		if (due < drafted + 30)		/* a late pledge is due at year end */
			due = day(y, 12, 31);

		set_date(r, PLEDGE_DUE, due);
	}
}

static const char *
checkin_note(struct gen *g, int progress)
{
	return progress < 35 ? PICK(g, check_early) : progress < 66 ? PICK(g, check_mid) :
	    progress < 90 ? PICK(g, check_most) : PICK(g, check_late);
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
	pledge_text(g, yi, ui, mi, p, d0);
	if (prep(g, p) != 0)
		goto out;
	if (!cur) {
		forget = pm(g, 22);
		no_verdict = !forget && pm(g, 18);
	} else {
		/* the current year's laggards: filed late and still a draft,
		 * waiting for the cell, or returned and not yet resubmitted */
		int r = (int)rnd(g, 1000);
		int64_t from = g->today - 50 > lo ? g->today - 50 : lo;

		stale = pm(g, 95);
		if (from < g->today && r < 14) {
			sub1 = g->today + between(g, 1, 20);
		} else if (from < g->today && r < 30) {
			sub1 = rday(g, from, g->today);
			returned = 0;
			subm = sub1;
			acc = g->today + between(g, 1, 20);
		} else if (from + 12 < g->today && r < 35) {
			sub1 = rday(g, from, g->today - 12);
			returned = 1;
			ret = rday(g, sub1 + 2, g->today);
			sub2 = g->today + between(g, 1, 15);
			subm = sub2;
			acc = sub2 + between(g, 1, 15);
		}
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
			int n = forget ? (int)rnd(g, 2) : 1 + pm(g, 180);
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
				{ 4, 1, 4, 28 }, { 7, 1, 7, 28 }, { 10, 1, 10, 28 }, { 11, 10, 11, 20 }
			};
			int prog = 0;

			for (int k = 0; k < 4; k++) {
				int64_t d = rday(g, day(y, win[k][0], win[k][1]), day(y, win[k][2], win[k][3]));

				if (stale && (k > 0 || pm(g, 500)))
					break;
				if (!pm(g, k == 3 ? 450 : k == 2 ? 880 : 800) || d > g->today)
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
			const char *note = strcmp(verdict, "done") == 0 ?
			    (pm(g, 350) ? PICK(g, verdict_done) : NULL) :
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
	if (recompute(&rtypes[RT_CHECKIN], kids, nk, p) != 0)
		goto out;
	rc = submit(g, p, kids, nk);
	p = NULL;
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
		memset(has, 0, (size_t)(g->nm > 0 ? g->nm : 1));
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

/* ---- activities: meetings, conferences, receptions, with attendance -------- */

/* Cells whose attendance is recorded person by person (2022 and the
 * current year); every other meeting records a counted total. */
static const char *const attendance_cells[] = {
	"BN.QV.CHI_LANG.QUE_O", "TB.TT.THUY_HAI.C01", "TB.TH.NAM_THINH.C01",
	"TB.KX.NAM_BINH.C01", "QN.HH.QUANG_HA.C01", "BN.QV.PHO_MOI.C01", "ND.KHOI.STTTT",
	"ND.KHOI.DIEN_LUC.C01", "HY.TPHY.LE_LOI.C01", "BG.LG.VOI.C01",
	"HNAM.LN.VINH_TRU.C01", "NB.TPNB.DONG_THANH.C01",
};

static const char *const agenda_contents[] = {
	"Học tập một nội dung của %s; đảng viên báo cáo tiến độ bản đăng ký làm theo.",
	"Thảo luận vận dụng %s vào nhiệm vụ của chi bộ; kiểm điểm bản đăng ký làm theo.",
	"Kể chuyện về Bác; liên hệ trách nhiệm nêu gương của đảng viên theo %s.",
	"Đánh giá nhiệm vụ tháng; trao đổi về %s; phân công việc tháng tới.",
};

static const char *const plain_contents[] = {
	"Đánh giá thực hiện nghị quyết tháng; phân công nhiệm vụ; thu đảng phí.",
	"Triển khai văn bản của cấp ủy cấp trên; bàn nhiệm vụ trọng tâm của tháng.",
	"Thông tin thời sự; đánh giá an ninh trật tự, vệ sinh môi trường.",
	"Kiểm điểm thực hiện nghị quyết; xét kết nạp quần chúng ưu tú vào Đảng.",
};

static int
is_attendance_cell(const struct unit *u)
{
	for (int i = 0; i < NELEM(attendance_cells); i++)
		if (strcmp(u->code, attendance_cells[i]) == 0)
			return 1;
	return 0;
}

static void
location_of(const struct gen *g, int ui, int yi, char *buf, size_t cap)
{
	const struct unit *u = &g->u[ui];
	char place[200];
	int base = u->kind == ORG_CELL ? parent_in(g, ui, yi) : ui;

	if (u->office && base >= 0) {
		place_of(name_in(g, base, yi), place, sizeof(place));
		snprintf(buf, cap, "Hội trường %s", place);
	} else {
		place_of(name_in(g, ui, yi), place, sizeof(place));
		snprintf(buf, cap, "Nhà văn hóa %s", place);
	}
}

/* The common fields of an activity; the caller adds what is particular. */
static struct record *
activity(struct gen *g, int ui, const char *kind, int64_t date, const char *title,
    int64_t topic, int outside)
{
	struct record *a = record_new(&rtypes[RT_ACTIVITY]);

	record_set_int(a, ACTIVITY_ORG, g->u[ui].id);
	record_set_text(a, ACTIVITY_KIND, kind);
	set_date(a, ACTIVITY_DATE, date);
	record_set_text(a, ACTIVITY_TITLE, title);
	if (topic > 0) {
		record_set_int(a, ACTIVITY_TOPIC, topic);
		record_set_int(a, ACTIVITY_ON_AGENDA, 1);
	} else {
		record_set_int(a, ACTIVITY_ON_AGENDA, 0);
	}
	record_set_int(a, ACTIVITY_OUTSIDE, outside);
	return a;
}

static int
store_activity(struct gen *g, struct record *a)
{
	if (prep(g, a) != 0) {
		record_free(a);
		return -1;
	}
	return submit(g, a, NULL, 0);
}

/* Regular cell meetings: twelve a year; the topic on the agenda of at least
 * the quarterly thematic meetings in 97% of the cells (exact per province);
 * attendance by person in the sample cells, else counted. */
static int
load_meetings(struct gen *g)
{
	unsigned char *topic_cell = calloc((size_t)g->nu, 1), *sel = calloc((size_t)g->nu, 1);
	int *pool = malloc((size_t)g->nu * sizeof(int)), rc = -1, maxmem = 1;
	int *pres, nat;
	struct record **akids;

	for (int i = 0; i < g->nu; i++)
		if (g->u[i].nmem > maxmem)
			maxmem = g->u[i].nmem;
	pres = malloc((size_t)maxmem * sizeof(int));
	akids = calloc((size_t)maxmem, sizeof(*akids));
	if (topic_cell == NULL || sel == NULL || pool == NULL || pres == NULL || akids == NULL)
		abort();
	for (int yi = 0; yi < NYEARS; yi++) {
		int y = g->year[yi];

		memset(topic_cell, 0, (size_t)(g->nu > 0 ? g->nu : 1));
		for (int pv = 0; pv < g->nu; pv++) {
			int n = 0;

			if (g->u[pv].kind != ORG_PROVINCE)
				continue;
			for (int i = 0; i < g->nu; i++)
				if (g->u[i].kind == ORG_CELL && open_in(g, i, yi) && prov_in(g, i, yi) == pv)
					pool[n++] = i;
			choose(g, n, iround(0.97 * n), sel);
			for (int k = 0; k < n; k++)
				topic_cell[pool[k]] = sel[k];
		}
		for (int ui = 0; ui < g->nu; ui++) {
			struct unit *u = &g->u[ui];
			int64_t dates[12];
			int agenda[12], nd = 0, any = 0;
			int sample = is_attendance_cell(u) && (y == 2022 || is_current(g, yi));
			int with_topic = u->kind == ORG_BASE || topic_cell[ui];
			char tw[200], buf[600], loc[300];

			if (!holds_meetings(u) || !open_in(g, ui, yi))
				continue;
			topic_short(g, yi, ui, tw, sizeof(tw));
			location_of(g, ui, yi, loc, sizeof(loc));
			for (int mo = 1; mo <= 12; mo++) {
				int64_t d = day(y, mo, between(g, 3, 12));

				if (d > g->today || d < u->from)
					continue;
				dates[nd] = d;
				/* 2021: the term topic from the second half of the year */
				agenda[nd] = with_topic && (y > 2021 || mo >= 7) &&
				    (mo % 3 == 0 || pm(g, 420));
				any |= agenda[nd];
				nd++;
			}
			if (with_topic && !any && nd > 0)
				agenda[nd - 1] = 1;
			for (int k = 0; k < nd; k++) {
				int mo = month_of(dates[k]), present = 0, listed = 0, guests = 0;
				struct record *a;

				if (agenda[k] && mo % 3 == 0)
					snprintf(buf, sizeof(buf), "Sinh hoạt chuyên đề quý %d/%d", mo / 3, y);
				else
					snprintf(buf, sizeof(buf), "Sinh hoạt chi bộ định kỳ tháng %d/%d", mo, y);
				/* who came */
				for (int j = 0; j < u->nmem; j++) {
					const struct member *m = &g->m[u->mem[j]];

					if (m->official || m->joined > dates[k] ||
					    (is_current(g, yi) && !m->active))
						continue;
					listed++;
					if (pm(g, age_in(m, y) >= 70 ? 780 : 930))
						pres[present++] = u->mem[j];
				}
				if (sample && pm(g, 300))
					guests = between(g, 1, 2);
				a = activity(g, ui, "cell_meeting", dates[k], buf,
				    agenda[k] ? topic_for(g, yi, ui) : 0, sample ? guests : present);
				record_set_text(a, ACTIVITY_LOCATION, loc);
				snprintf(buf, sizeof(buf), agenda[k] ? PICK(g, agenda_contents) :
				    PICK(g, plain_contents), tw);
				if (agenda[k] || pm(g, 450))
					record_set_text(a, ACTIVITY_CONTENT, buf);
				if (!sample) {
					snprintf(buf, sizeof(buf), "Dự họp: %d/%d đảng viên.", present, listed);
					record_set_text(a, ACTIVITY_NOTE, buf);
				} else if (guests > 0) {
					record_set_text(a, ACTIVITY_NOTE, "Có đại diện cấp ủy cấp trên dự.");
				}
				if (prep(g, a) != 0) {
					record_free(a);
					goto out;
				}
				nat = 0;
				for (int j = 0; sample && j < present; j++) {
					struct record *at = record_new(&rtypes[RT_ATTENDANCE]);

					akids[nat++] = at;
					record_set_int(at, ATTENDANCE_PERSON, g->m[pres[j]].id);
					if (prep_kid(g, at, a) != 0) {
						free_kids(akids, nat);
						record_free(a);
						goto out;
					}
				}
				if (submit(g, a, akids, nat) != 0)
					goto out;
			}
		}
	}
	rc = 0;
out:
	free(topic_cell);
	free(sel);
	free(pool);
	free(pres);
	free(akids);
	return rc;
}

/* Units directly under ui in the year's tree whose kind is k, into out
 * (at most cap); returns how many. */
static int
children(const struct gen *g, int ui, int yi, enum org_kind k, int *out, int cap)
{
	int n = 0;

	for (int i = 0; i < g->nu && n < cap; i++)
		if (parent_in(g, i, yi) == ui && g->u[i].kind == k && open_in(g, i, yi))
			out[n++] = i;
	return n;
}

/*
 * Hải Hà (seed 001): "3 đợt sinh hoạt chính trị tư tưởng … gồm học tập
 * chuyên đề toàn khóa, đợt sinh hoạt chính trị “tự soi, tự sửa” và học tập
 * chuyên đề năm 2022 với trên 80 hội nghị, gần 10.000 lượt cán bộ, đảng
 * viên": 84 conferences (4 of the district and 3 in each of the 8 communes
 * per round), 9.846 attendances, and the launch of the “tự soi, tự sửa”
 * round.  And the council's 20 voter contacts of the 2016–2021 term.
 */
static int
load_haiha(struct gen *g)
{
	static const char *const rounds[3] = {
		"Hội nghị học tập, quán triệt chuyên đề toàn khóa nhiệm kỳ Đại hội XIII của Đảng",
		"Hội nghị sinh hoạt chính trị “tự soi, tự sửa” gắn với học tập và làm theo Bác",
		"Hội nghị học tập, quán triệt chuyên đề năm 2022",
	};
	static const char *const district_groups[4] = {
		"cán bộ chủ chốt huyện", "khối các cơ quan Đảng, Mặt trận và đoàn thể",
		"khối chính quyền", "khối trường học, đơn vị sự nghiệp",
	};
	static const int windows[3][4] = {
		{ 2021, 8, 2021, 10 }, { 2021, 11, 2022, 1 }, { 2022, 3, 2022, 5 }
	};
	int hh = find(g, "QN.HH"), hdnd = find(g, "QN.HH.HDND"), base[16], nb;
	int counts[84], sum = 0, k = 0, target = 9846;
	char title[400], note[200], loc[300], place[200];

	if (hh < 0 || hdnd < 0)
		return -1;
	nb = children(g, hh, 0, ORG_BASE, base, 16);
	if (nb != 8)
		return -1;
	for (int i = 0; i < 84; i++) {
		counts[i] = i % 28 < 4 ? between(g, 190, 320) : between(g, 70, 125);
		sum += counts[i];
	}
	for (int i = 0; i < 84; i++) {
		counts[i] = (int)((int64_t)counts[i] * target / sum);
		k += counts[i];
	}
	counts[0] += target - k;
	k = 0;
	for (int r = 0; r < 3; r++) {
		int64_t lo = day(windows[r][0], windows[r][1], 5);
		int64_t hi = day(windows[r][2], windows[r][3], 25);

		snprintf(note, sizeof(note), "Đợt %d trong 3 đợt sinh hoạt chính trị tư tưởng gắn với "
		    "học tập và làm theo Bác (tư liệu 001).", r + 1);
		for (int i = 0; i < 28; i++, k++) {
			int ui = i < 4 ? hh : base[(i - 4) / 3];
			struct record *a;

			if (i < 4) {
				snprintf(title, sizeof(title), "%s cho %s", rounds[r], district_groups[i]);
				snprintf(loc, sizeof(loc), "Hội trường Huyện ủy Hải Hà");
			} else {
				place_of(g->u[ui].name, place, sizeof(place));
				snprintf(title, sizeof(title), "%s tại Đảng bộ %s (buổi %d)", rounds[r], place,
				    (i - 4) % 3 + 1);
				snprintf(loc, sizeof(loc), "Hội trường Đảng ủy %s", place);
			}
			a = activity(g, ui, "conference", rday(g, lo, hi), title, g->topic_term, counts[k]);
			record_set_text(a, ACTIVITY_LOCATION, loc);
			record_set_text(a, ACTIVITY_NOTE, note);
			if (store_activity(g, a) != 0)
				return -1;
		}
	}
	{
		struct record *a = activity(g, hh, "political_round", day(2021, 11, 10),
		    "Phát động đợt sinh hoạt chính trị “tự soi, tự sửa” trong toàn Đảng bộ huyện",
		    g->topic_term, 96);

		record_set_text(a, ACTIVITY_LOCATION, "Hội trường Huyện ủy Hải Hà");
		record_set_text(a, ACTIVITY_CONTENT, "Gắn với thực hiện Kết luận số 21-KL/TW về đẩy "
		    "mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị.");
		if (store_activity(g, a) != 0)
			return -1;
	}
	/* "tổ chức 20 cuộc tiếp xúc cử tri" in the council's 2016–2021 term:
	 * before the mid-year and year-end sessions, in two communes each */
	for (int i = 0; i < 20; i++) {
		/* sessions: year-end 2016, mid-year and year-end 2017–2020, and
		 * the term's last session in spring 2021 */
		int half = (i + 2) / 2;
		int y = 2016 + half / 2, mid = half % 2 == 0, final = half == 10;
		int64_t d = final ? rday(g, day(y, 3, 1), day(y, 3, 20)) :
		    mid ? rday(g, day(y, 6, 5), day(y, 6, 28)) :
		    rday(g, day(y, 11, 20), day(y, 12, 10));
		struct record *a;

		place_of(g->u[base[(i * 3) % 8]].name, place, sizeof(place));
		snprintf(title, sizeof(title), "Tiếp xúc cử tri trước kỳ họp %s năm %d của Hội đồng "
		    "nhân dân huyện tại %s", final ? "cuối nhiệm kỳ" : mid ? "giữa năm" : "cuối năm",
		    y, place);
		a = activity(g, hdnd, "voter_contact", d, title, 0, between(g, 60, 150));
		snprintf(loc, sizeof(loc), "Nhà văn hóa %s", place);
		record_set_text(a, ACTIVITY_LOCATION, loc);
		record_set_text(a, ACTIVITY_NOTE, "Nhiệm kỳ Hội đồng nhân dân huyện 2016–2021 (tư liệu "
		    "001: 20 cuộc tiếp xúc cử tri).");
		if (store_activity(g, a) != 0)
			return -1;
	}
	return 0;
}

static const char *const reception_topics[] = {
	"đất đai, giải phóng mặt bằng", "chế độ, chính sách", "trật tự xây dựng",
	"vệ sinh môi trường", "cấp giấy chứng nhận quyền sử dụng đất", "tranh chấp dân sự",
};

static const char *const dialogue_topics[] = {
	"công tác giải phóng mặt bằng", "cải cách thủ tục hành chính", "xây dựng nông thôn mới",
	"vệ sinh môi trường, thu gom rác thải", "quản lý đất đai, trật tự xây dựng",
	"chuyển đổi số, dịch vụ công trực tuyến",
};

/* Conferences, political rounds, citizen receptions, dialogues, voter
 * contacts and working sessions of committees, every year. */
static int
load_gatherings(struct gen *g)
{
	int hh = find(g, "QN.HH");

	for (int yi = 0; yi < NYEARS; yi++) {
		int y = g->year[yi], cur = is_current(g, yi);
		int64_t first = y == 2021 ? day(y, 6, 1) : day(y, 1, 10);
		int64_t last = cur ? g->today : day(y, 12, 28);

		for (int ui = 0; ui < g->nu; ui++) {
			const struct unit *u = &g->u[ui];
			int haiha_busy = ui == hh || (u->oparent == hh && u->kind == ORG_BASE);
			int nconf, lo, hi;
			char tw[200], title[500], loc[300], place[200], buf[600];
			const char *cw;

			if (!is_committee(u->kind) || !open_in(g, ui, yi))
				continue;
			topic_words(g, yi, ui, tw, sizeof(tw));
			place_of(name_in(g, ui, yi), place, sizeof(place));
			cw = committee_word(g, ui, yi);
			snprintf(loc, sizeof(loc), "Hội trường %s %s", cw, place);
			if (strncmp(place, "Khối", 4) == 0 || strncmp(place, "Công ty", 7) == 0 ||
			    strncmp(place, "Sở", 3) == 0 || strncmp(place, "Ngân", 4) == 0 ||
			    strncmp(place, "Kho", 3) == 0 || strncmp(place, "Bảo", 4) == 0 ||
			    strncmp(place, "Tổng", 4) == 0 || strncmp(place, "Ủy", 3) == 0 ||
			    strncmp(place, "các", 3) == 0)
				snprintf(loc, sizeof(loc), "Hội trường %s", place);
			/* conferences (Hải Hà's of 2021–2022 are above) */
			if (u->kind == ORG_PROVINCE)
				lo = 2, hi = 3;
			else if (u->kind == ORG_DISTRICT)
				lo = 3, hi = 6;
			else
				lo = 1, hi = 3;
			nconf = haiha_busy && y <= 2022 ? 0 : between(g, lo, hi);
			for (int k = 0; k < nconf; k++) {
				int64_t d;
				int who = u->kind == ORG_PROVINCE ? between(g, 250, 600) :
				    u->kind == ORG_DISTRICT ? between(g, 120, 400) : between(g, 45, 180);
				struct record *a;

				switch (k) {
				case 0:
					if (y == 2021)
						snprintf(title, sizeof(title), "Hội nghị nghiên cứu, học tập, "
						    "quán triệt Kết luận số 01-KL/TW và chuyên đề toàn khóa");
					else
						snprintf(title, sizeof(title), "Hội nghị học tập, quán triệt %s",
						    tw);
					d = y == 2021 ? rday(g, day(y, 6, 15), day(y, 8, 25)) :
					    rday(g, day(y, 2, 15), day(y, 3, 31));
					break;
				case 1:
					snprintf(title, sizeof(title), "Hội nghị sơ kết 6 tháng thực hiện Kết "
					    "luận số 01-KL/TW và %s", tw);
					d = rday(g, day(y, 7, 5), day(y, 7, 30));
					if (y == 2021)
						d = rday(g, day(y, 9, 10), day(y, 9, 30));
					break;
				case 2:
					snprintf(title, sizeof(title), "Hội nghị biểu dương điển hình tiên tiến "
					    "trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
					    "Minh năm %d", y);
					d = rday(g, day(y, 11, 15), day(y, 12, 20));
					break;
				case 3:
					snprintf(title, sizeof(title), "Hội nghị quán triệt, triển khai kế "
					    "hoạch thực hiện %s đến cán bộ chủ chốt", tw);
					d = rday(g, day(y, 3, 1), day(y, 4, 20));
					break;
				default:
					snprintf(title, sizeof(title), "Hội nghị học tập chuyên đề cho đảng viên "
					    "mới, đoàn viên, hội viên (đợt %d)", k - 3);
					d = rday(g, day(y, 5, 1), day(y, 10, 31));
					break;
				}
				if (d > last || d < u->from || d < first)
					continue;
				a = activity(g, ui, "conference", d, title, topic_for(g, yi, ui), who);
				record_set_text(a, ACTIVITY_LOCATION, loc);
				if (store_activity(g, a) != 0)
					return -1;
			}
			/* the “tự soi, tự sửa” round of early 2022 */
			if (y == 2022 && !haiha_busy && u->kind != ORG_PROVINCE) {
				struct record *a = activity(g, ui, "political_round",
				    rday(g, day(y, 1, 5), day(y, 3, 15)),
				    "Đợt sinh hoạt chính trị “tự soi, tự sửa” gắn với học tập và làm theo Bác",
				    g->topic_term, u->kind == ORG_DISTRICT ? between(g, 150, 380) :
				    between(g, 60, 220));

				record_set_text(a, ACTIVITY_LOCATION, loc);
				record_set_text(a, ACTIVITY_CONTENT, "Cán bộ, đảng viên tự soi, tự sửa theo "
				    "các biểu hiện suy thoái đã được chỉ ra; gắn với Kết luận số 21-KL/TW.");
				if (store_activity(g, a) != 0)
					return -1;
			}
			/* monthly citizen receptions by the committee's secretary */
			if (u->kind != ORG_PROVINCE && !u->office) {
				for (int mo = 1; mo <= 12; mo++) {
					int64_t d = day(y, mo, between(g, 10, 25));
					int n = between(g, 0, 9);
					struct record *a;

					if (d > last || d < u->from)
						continue;
					snprintf(title, sizeof(title), "Bí thư %s tiếp công dân định kỳ tháng "
					    "%d/%d", cw, mo, y);
					a = activity(g, ui, "citizen_reception", d, title, 0, n);
					if (n > 0)
						snprintf(buf, sizeof(buf), "Tiếp %d lượt công dân; nội dung chủ "
						    "yếu về %s.", n, PICK(g, reception_topics));
					else
						snprintf(buf, sizeof(buf), "Không có công dân đến phản ánh, kiến "
						    "nghị.");
					record_set_text(a, ACTIVITY_CONTENT, buf);
					record_set_text(a, ACTIVITY_LOCATION, u->kind == ORG_DISTRICT ?
					    "Trụ sở Tiếp công dân" : "Trụ sở Đảng ủy, Ủy ban nhân dân");
					if (store_activity(g, a) != 0)
						return -1;
				}
			}
			/* a dialogue with the people */
			if (!u->office && pm(g, u->kind == ORG_BASE ? 720 : 900)) {
				int64_t d = rday(g, day(y, 4, 1), day(y, 10, 31));
				struct record *a;

				if (d <= last && d >= u->from && d >= first) {
					snprintf(title, sizeof(title), "Hội nghị đối thoại giữa người đứng đầu "
					    "cấp ủy, chính quyền với nhân dân về %s", PICK(g, dialogue_topics));
					a = activity(g, ui, "dialogue", d, title, 0, between(g, 70, 260));
					record_set_text(a, ACTIVITY_LOCATION, loc);
					if (store_activity(g, a) != 0)
						return -1;
				}
			}
			/* voter contacts before the council's two sessions */
			if ((u->kind == ORG_DISTRICT && strstr(name_in(g, ui, yi), "Khối") == NULL &&
			    !(ui == hh && y == 2021)) || (cur && u->kind == ORG_BASE && !u->office)) {
				int b[16], n = children(g, ui, yi, ORG_BASE, b, 16);

				for (int s = 0; s < (u->kind == ORG_BASE ? 1 : 2); s++) {
					int64_t d = s == 0 ? rday(g, day(y, 6, 5), day(y, 6, 28)) :
					    rday(g, day(y, 11, 20), day(y, 12, 10));
					int org = ui == hh ? find(g, "QN.HH.HDND") : ui;
					struct record *a;

					if (d > last || org < 0)
						continue;
					if (u->kind == ORG_BASE || n == 0)
						snprintf(title, sizeof(title), "Tiếp xúc cử tri trước kỳ họp %s năm "
						    "%d của Hội đồng nhân dân", s == 0 ? "giữa năm" : "cuối năm", y);
					else {
						place_of(name_in(g, b[rnd(g, (uint32_t)n)], yi), place, sizeof(place));
						snprintf(title, sizeof(title), "Tiếp xúc cử tri trước kỳ họp %s năm "
						    "%d của Hội đồng nhân dân tại %s", s == 0 ? "giữa năm" :
						    "cuối năm", y, place);
					}
					a = activity(g, org, "voter_contact", d, title, 0, between(g, 60, 180));
					if (store_activity(g, a) != 0)
						return -1;
				}
			}
			/* the province's working sessions with lower levels */
			if (u->kind == ORG_PROVINCE) {
				for (int k = 0; k < 2; k++) {
					int lower = random_child(g, ui, yi, (1u << ORG_DISTRICT) | (1u << ORG_BASE));
					int64_t d = rday(g, day(y, 4, 1), day(y, 11, 15));
					struct record *a;

					if (lower < 0 || d > last || d < first)
						continue;
					place_of(name_in(g, lower, yi), place, sizeof(place));
					snprintf(title, sizeof(title), "Đoàn công tác của Ban Thường vụ Tỉnh ủy làm "
					    "việc với Đảng bộ %s về việc thực hiện Kết luận số 01-KL/TW", place);
					a = activity(g, ui, "working_session", d, title, topic_for(g, yi, ui),
					    between(g, 15, 35));
					if (store_activity(g, a) != 0)
						return -1;
				}
			}
		}
	}
	return 0;
}

/* ---- pressing issues (vấn đề bức xúc, nổi cộm) ------------------------------ */

struct issue {
	const char *field;
	const char *const *titles;
	int ntitles;
	const char *resolved;	/* how it ended when resolved */
};

static const char *const t_land[] = {
	"Lấn chiếm, sử dụng đất nông nghiệp sai mục đích tại %s",
	"Tồn đọng hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu ở %s",
	"Giao đất trái thẩm quyền trước đây tại %s chưa được xử lý dứt điểm",
	"Tranh chấp đất đai kéo dài giữa một số hộ dân ở %s",
};
static const char *const t_site[] = {
	"Vướng mắc giải phóng mặt bằng dự án mở rộng đường trục xã qua %s",
	"Chậm bàn giao mặt bằng xây dựng trường học, nhà văn hóa ở %s",
	"Một số hộ chưa đồng thuận phương án bồi thường, hỗ trợ tại %s",
};
static const char *const t_build[] = {
	"Xây dựng công trình trái phép trên đất hành lang giao thông tại %s",
	"Vi phạm trật tự xây dựng ven đê, ven kênh ở %s",
};
static const char *const t_env[] = {
	"Ô nhiễm môi trường do chăn nuôi trong khu dân cư ở %s",
	"Rác thải sinh hoạt tồn đọng, chưa được thu gom kịp thời ở %s",
	"Ô nhiễm nguồn nước kênh tiêu chảy qua %s",
	"Đốt rơm rạ sau thu hoạch gây khói bụi ở %s",
};
static const char *const t_admin[] = {
	"Chậm trả kết quả thủ tục hành chính tại Bộ phận một cửa %s",
	"Người dân phải đi lại nhiều lần khi làm thủ tục chứng thực, hộ tịch ở %s",
	"Chậm giải quyết hồ sơ của người dân, doanh nghiệp tại %s",
};
static const char *const t_ethics[] = {
	"Một số đảng viên ở %s chưa gương mẫu trong tổ chức việc cưới, việc tang",
	"Biểu hiện nể nang, né tránh trong tự phê bình và phê bình ở một số chi bộ của %s",
	"Thái độ phục vụ của một số cán bộ, công chức %s chưa chuẩn mực",
};
static const char *const t_other[] = {
	"Mất an toàn giao thông tại nút giao tỉnh lộ qua %s",
	"Tụ tập đánh bạc, gây mất trật tự ở %s",
	"Chi tiêu hành chính còn lãng phí ở %s",
};
static const char *const t_office[] = {
	"Chi tiêu hành chính còn lãng phí ở %s",
	"Chậm ứng dụng văn bản điện tử, hồ sơ công việc ở %s",
	"Việc thực hiện quy chế dân chủ ở %s chưa thường xuyên",
};

static const struct issue issues[] = {
	{ "land", t_land, NELEM(t_land), "Đã xử lý dứt điểm các trường hợp vi phạm, trả lại "
	  "hiện trạng đất; công khai kết quả tại nhà văn hóa." },
	{ "site_clearance", t_site, NELEM(t_site), "Các hộ đã nhận tiền bồi thường, hỗ trợ và "
	  "bàn giao mặt bằng cho dự án." },
	{ "construction", t_build, NELEM(t_build), "Các công trình vi phạm đã được tháo dỡ, xử "
	  "phạt theo quy định." },
	{ "environment", t_env, NELEM(t_env), "Đã di dời, bố trí điểm tập kết và lịch thu gom; "
	  "môi trường khu dân cư được cải thiện rõ rệt." },
	{ "admin_procedures", t_admin, NELEM(t_admin), "Đã niêm yết công khai thủ tục, rút ngắn "
	  "thời gian giải quyết; không còn hồ sơ trễ hẹn." },
	{ "ethics", t_ethics, NELEM(t_ethics), "Các cá nhân liên quan đã kiểm điểm, khắc phục; "
	  "chi bộ tiếp tục theo dõi, nhắc nhở." },
	{ "other", t_other, NELEM(t_other), "Đã lắp đặt biển báo, phối hợp lực lượng chức năng "
	  "duy trì kiểm tra; tình hình ổn định." },
	{ "other", t_office, NELEM(t_office), "Đã ban hành quy chế, phân công theo dõi; kết quả "
	  "được công khai tại cơ quan." },
};

static const char *const upd_start[] = {
	"Thành lập tổ công tác, rà soát hiện trạng; tuyên truyền, vận động các hộ liên quan.",
	"Cấp ủy phân công đồng chí phó bí thư trực tiếp chỉ đạo; xây dựng kế hoạch giải quyết.",
	"Tổ chức đối thoại với các hộ dân liên quan; giao bộ phận chuyên môn đề xuất phương án.",
};
static const char *const upd_mid[] = {
	"Đã giải quyết được một phần; tiếp tục vận động các trường hợp còn lại.",
	"Một số trường hợp phức tạp đang được xác minh, đối chiếu hồ sơ.",
	"Báo cáo tiến độ tại hội nghị cấp ủy; đề nghị cấp trên hỗ trợ kinh phí.",
};

struct cplan {
	int ui, yi, group;
	const struct issue *is;
	char title[500];
	const char *source, *desc, *end_note;
	int64_t opened, end;	/* end: fixed resolution day, 0 to draw */
	int fixed;		/* -1 free, 1 resolved */
	int resolved;
};

/* A place under unit ui to name in a title: a village, or a commune. */
static void
some_place(struct gen *g, int ui, int yi, char *buf, size_t cap)
{
	int kinds = g->u[ui].kind == ORG_BASE ? (1 << ORG_CELL) :
	    g->u[ui].kind == ORG_DISTRICT ? (1 << ORG_BASE) : (1 << ORG_DISTRICT) | (1 << ORG_BASE);
	int c = g->u[ui].office && g->u[ui].kind == ORG_BASE ? -1 :
	    random_child(g, ui, yi, (unsigned)kinds);

	place_of(name_in(g, c >= 0 ? c : ui, yi), buf, cap);
}

static int
add_update(struct gen *g, struct record *parent, struct record **kids, int *nk, int cap,
    enum rtype_id t, int64_t d, const char *state, const char *note)
{
	struct record *u;

	if (*nk >= cap || d > g->today)
		return 0;
	u = record_new(&rtypes[t]);
	kids[(*nk)++] = u;
	set_date(u, UPDATE_DATE, d);
	record_set_text(u, UPDATE_STATE, state);
	record_set_text(u, UPDATE_NOTE, note);
	return prep_kid(g, u, parent);
}

static int
make_concern(struct gen *g, const struct cplan *c)
{
	struct record *r = record_new(&rtypes[RT_CONCERN]), *kids[8];
	int y = g->year[c->yi], nk = 0, rc = -1, cur = is_current(g, c->yi);
	int64_t start = c->opened + between(g, 5, 30), end = c->end;
	int resolved = c->resolved, reopen = pm(g, 40);

	record_set_int(r, CONCERN_ORG, g->u[c->ui].id);
	record_set_text(r, CONCERN_TITLE, c->title);
	record_set_text(r, CONCERN_FIELD, c->is->field);
	record_set_text(r, CONCERN_SOURCE, c->source);
	set_date(r, CONCERN_OPENED, c->opened);
	set_date(r, CONCERN_DUE, c->opened + between(g, 90, 270));
	if (c->desc != NULL)
		record_set_text(r, CONCERN_DESCRIPTION, c->desc);
	if (prep(g, r) != 0)
		goto out;
	if (end == 0) {
		end = c->opened + between(g, 40, 240);
		if (!cur && end > day(y, 12, 28) && c->opened < day(y, 10, 15) && pm(g, 850))
			end = rday(g, day(y, 11, 10), day(y, 12, 28));
	}
	if (end <= start + 10)
		end = start + between(g, 11, 40);
	if (cur)
		resolved = end <= g->today;
	/* a reopened issue: resolved, back again, then (maybe) resolved for good */
	reopen = reopen && c->fixed < 0 && end - 60 > start + 1;
	if (add_update(g, r, kids, &nk, 8, RT_CONCERN_UPDATE, start, "in_progress",
	    PICK(g, upd_start)) != 0)
		goto out;
	if (!reopen && end - start > 90 && pm(g, 500) &&
	    add_update(g, r, kids, &nk, 8, RT_CONCERN_UPDATE, start + (end - start) / 2,
	    "in_progress", PICK(g, upd_mid)) != 0)
		goto out;
	if (reopen && (resolved || cur) &&
	    (add_update(g, r, kids, &nk, 8, RT_CONCERN_UPDATE, end - 60, "resolved",
	    "Đã cơ bản giải quyết; tiếp tục theo dõi.") != 0 ||
	    add_update(g, r, kids, &nk, 8, RT_CONCERN_UPDATE, end - between(g, 30, 45),
	    "in_progress", "Phát sinh trở lại; cấp ủy tiếp tục chỉ đạo xử lý, mở lại theo "
	    "dõi.") != 0))
		goto out;
	if (resolved) {
		if (add_update(g, r, kids, &nk, 8, RT_CONCERN_UPDATE, end, "resolved",
		    c->end_note ? c->end_note : c->is->resolved) != 0)
			goto out;
	} else if (!cur && pm(g, 400)) {
		if (add_update(g, r, kids, &nk, 8, RT_CONCERN_UPDATE, end, "closed_unresolved",
		    "Vượt thẩm quyền của cấp cơ sở, đã báo cáo cấp trên; dừng theo dõi tại cơ sở.") != 0)
			goto out;
	} else if (!cur) {
		if (add_update(g, r, kids, &nk, 8, RT_CONCERN_UPDATE, end, "in_progress",
		    "Chưa giải quyết dứt điểm; chuyển sang năm sau tiếp tục chỉ đạo.") != 0)
			goto out;
	}
	if (recompute(&rtypes[RT_CONCERN_UPDATE], kids, nk, r) != 0)
		goto out;
	rc = submit(g, r, kids, nk);
	r = NULL;
	nk = 0;
out:
	free_kids(kids, nk);
	record_free(r);
	return rc;
}

static const char *
field_source(struct gen *g)
{
	int r = (int)rnd(g, 100);

	return r < 55 ? "committee" : r < 80 ? "citizens" : r < 88 ? "press" : "inspection";
}

/* The seeds' own issues (seed 000): Thái Thụy's site clearance for the Liên
 * Hà Thái industrial park, road 456 and the coastal road; Tiền Hải's stretch
 * of the coastal road; the one-stop desk of xã Nam Bình. */
static int
special_issues(struct gen *g, struct cplan *cp, int n)
{
	static const struct {
		const char *org;
		int year;
		const char *field, *title, *desc, *end_note;
		int oy, om, od, ry, rm, rd;
	} sp[] = {
		{ "TB.TT", 2021, "site_clearance",
		  "Giải phóng mặt bằng Khu công nghiệp Liên Hà Thái",
		  "Dự án trọng điểm; tuyên truyền, vận động, đối thoại với các hộ bị thu hồi đất, đề "
		  "cao trách nhiệm nêu gương của cán bộ, đảng viên (tư liệu 000).",
		  "Cơ bản hoàn thành giải phóng mặt bằng; thu hút 5 nhà đầu tư với tổng vốn đăng ký "
		  "gần 600 triệu USD (tư liệu 000).", 2021, 3, 10, 2022, 4, 22 },
		{ "TB.TT", 2021, "site_clearance", "Giải phóng mặt bằng dự án đường 456 đoạn qua "
		  "huyện Thái Thụy", "Dự án trọng điểm (tư liệu 000).", NULL,
		  2021, 3, 10, 2022, 9, 15 },
		{ "TB.TT", 2021, "site_clearance", "Giải phóng mặt bằng tuyến đường bộ ven biển đoạn "
		  "qua huyện Thái Thụy", "Dự án trọng điểm (tư liệu 000).", NULL,
		  2021, 3, 10, 2023, 5, 20 },
		{ "TB.TT", 2021, "land", "Vi phạm trong quản lý đất đai, trật tự xây dựng và chậm "
		  "cấp giấy chứng nhận quyền sử dụng đất", "Lĩnh vực nhân dân quan tâm (tư liệu "
		  "000).", NULL, 2021, 3, 10, 2021, 12, 10 },
		{ "TB.TH", 2022, "site_clearance", "Giải phóng mặt bằng tuyến đường bộ ven biển đoạn "
		  "qua huyện Tiền Hải", "Dự án trọng điểm của tỉnh.", NULL,
		  2022, 2, 20, 2022, 12, 20 },
		{ "TB.KX.NAM_BINH", 2021, "admin_procedures", "Giải quyết thủ tục hành chính cho "
		  "người dân tại Bộ phận một cửa xã Nam Bình", "Rút ngắn thời gian, không để hồ sơ "
		  "trễ hẹn (tư liệu 000).", NULL, 2021, 7, 1, 2021, 11, 30 },
	};
	int k = 0;

	for (int i = 0; i < NELEM(sp) && k < n; i++) {
		struct cplan *c = &cp[k];
		int ui = find(g, sp[i].org);

		if (ui < 0)
			return -1;
		memset(c, 0, sizeof(*c));
		c->ui = ui;
		c->yi = sp[i].year - 2021;
		c->group = g->u[ui].prov;
		for (int f = 0; f < NELEM(issues); f++)
			if (strcmp(issues[f].field, sp[i].field) == 0)
				c->is = &issues[f];
		snprintf(c->title, sizeof(c->title), "%s", sp[i].title);
		c->source = "committee";
		c->desc = sp[i].desc;
		c->end_note = sp[i].end_note;
		c->opened = day(sp[i].oy, sp[i].om, sp[i].od);
		c->end = day(sp[i].ry, sp[i].rm, sp[i].rd);
		c->fixed = 1;
		c->resolved = 1;
		k++;
	}
	return k;
}

/* Issues selected every year at every committee, resolved at the seeds'
 * rates (88% in 2021, 94,7% in 2022; exact per province); the current year
 * is wherever each stands today. */
static int
load_concerns(struct gen *g)
{
	static const double rates[NYEARS - 1] = { 0.88, 0.947, 0.955 };
	int cap = g->nu * 6 * NYEARS + 16, n = 0, rc = -1;
	struct cplan *cp = calloc((size_t)cap, sizeof(*cp));
	unsigned char *sel = calloc((size_t)cap, 1);
	int *pool = malloc((size_t)cap * sizeof(int));

	if (cp == NULL || sel == NULL || pool == NULL)
		abort();
	if ((n = special_issues(g, cp, cap)) < 0)
		goto out;
	for (int yi = 0; yi < NYEARS; yi++) {
		int y = g->year[yi];
		int64_t lo = day(y, 1, 15), hi = is_current(g, yi) ? g->today : day(y, 10, 31);

		if (hi > day(y, 10, 31))
			hi = day(y, 10, 31);
		for (int ui = 0; ui < g->nu; ui++) {
			const struct unit *u = &g->u[ui];
			int k = u->kind == ORG_PROVINCE ? between(g, 2, 3) :
			    u->kind == ORG_DISTRICT ? between(g, 3, 5) :
			    u->kind == ORG_BASE ? (u->office ? pm(g, 550) : between(g, 1, 3)) : 0;

			if (!open_in(g, ui, yi))
				continue;
			for (int j = 0; j < k && n < cap; j++) {
				struct cplan *c = &cp[n];
				const struct issue *is;
				char place[200];

				/* offices: procedures, ethics, their own matters */
				if (u->office)
					is = &issues[rnd(g, 3) == 0 ? 4 : rnd(g, 2) ? 5 : 7];
				else
					is = &issues[rnd(g, 7)];
				memset(c, 0, sizeof(*c));
				c->ui = ui;
				c->yi = yi;
				c->group = prov_in(g, ui, yi);
				c->is = is;
				some_place(g, ui, yi, place, sizeof(place));
				snprintf(c->title, sizeof(c->title), is->titles[rnd(g, (uint32_t)is->ntitles)],
				    place);
				c->source = field_source(g);
				c->opened = pm(g, 650) ? rday(g, lo, day(y, 3, 31) < hi ? day(y, 3, 31) : hi) :
				    rday(g, lo, hi);
				if (c->opened < u->from)
					c->opened = u->from + between(g, 10, 40);
				if (c->opened > g->today)
					c->opened = g->today;
				c->fixed = -1;
				n++;
			}
		}
	}
	/* exact resolved shares per past year, apportioned to the provinces by
	 * largest remainder so that every province is as close as it can be */
	for (int yi = 0; yi < NYEARS - 1; yi++) {
		int total = 0, given = 0, want[64] = { 0 }, np = 0, prov[64];
		double frac[64];

		for (int pv = 0; pv < g->nu && np < 64; pv++) {
			int cnt = 0;

			if (g->u[pv].kind != ORG_PROVINCE)
				continue;
			for (int i = 0; i < n; i++)
				cnt += cp[i].yi == yi && cp[i].group == pv;
			prov[np] = pv;
			want[np] = (int)(rates[yi] * cnt);
			frac[np] = rates[yi] * cnt - want[np];
			total += cnt;
			given += want[np];
			np++;
		}
		for (int extra = iround(rates[yi] * total) - given; extra > 0; extra--) {
			int best = 0;

			for (int k = 1; k < np; k++)
				if (frac[k] > frac[best])
					best = k;
			want[best]++;
			frac[best] = -1;
		}
		for (int k = 0; k < np; k++) {
			int free_n = 0, fixed = 0, w;

			for (int i = 0; i < n; i++) {
				if (cp[i].yi != yi || cp[i].group != prov[k])
					continue;
				if (cp[i].fixed >= 0)
					fixed += cp[i].fixed;
				else
					pool[free_n++] = i;
			}
			w = want[k] - fixed;
			choose(g, free_n, w < 0 ? 0 : w, sel);
			for (int j = 0; j < free_n; j++)
				cp[pool[j]].resolved = sel[j];
		}
	}
	for (int i = 0; i < n; i++)
		if (make_concern(g, &cp[i]) != 0)
			goto out;
	rc = 0;
out:
	free(cp);
	free(sel);
	free(pool);
	return rc;
}

/* ---- petitions (khiếu nại, tố cáo, kiến nghị, phản ánh) ------------------------ */

static const char *const p_complaint[] = {
	"Khiếu nại việc bồi thường, hỗ trợ khi thu hồi đất tại %s",
	"Khiếu nại việc bình xét hộ nghèo, hộ cận nghèo ở %s",
	"Khiếu nại quyết định xử phạt vi phạm trật tự xây dựng tại %s",
	"Khiếu nại việc đo đạc, cấp đổi giấy chứng nhận quyền sử dụng đất ở %s",
};
static const char *const p_denounce[] = {
	"Tố cáo cán bộ thôn thu các khoản đóng góp không đúng quy định ở %s",
	"Tố cáo hành vi lấn chiếm đất công tại %s",
	"Tố cáo công chức gây khó khăn khi giải quyết thủ tục cho người dân ở %s",
};
static const char *const p_recommend[] = {
	"Kiến nghị sửa chữa tuyến đường liên thôn xuống cấp qua %s",
	"Kiến nghị lắp đặt hệ thống đèn chiếu sáng công cộng ở %s",
	"Kiến nghị nạo vét kênh tưới tiêu nội đồng tại %s",
	"Kiến nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ ở %s",
	"Kiến nghị hỗ trợ kinh phí sửa chữa nhà văn hóa %s",
};
static const char *const p_report[] = {
	"Phản ánh tình trạng đổ trộm rác thải, phế thải xây dựng ở %s",
	"Phản ánh hoạt động karaoke gây ồn sau 22 giờ tại %s",
	"Phản ánh của báo chí về ô nhiễm từ cơ sở sản xuất ở %s",
	"Phản ánh việc chậm chi trả chế độ chính sách ở %s",
};

static int
make_petition(struct gen *g, int ui, int yi)
{
	static const char *const *const subjects[4] = {
		p_complaint, p_denounce, p_recommend, p_report
	};
	static const int nsubjects[4] = {
		NELEM(p_complaint), NELEM(p_denounce), NELEM(p_recommend), NELEM(p_report)
	};
	static const char *const kinds[4] = { "complaint", "denunciation", "recommendation",
		"report" };
	struct record *r = record_new(&rtypes[RT_PETITION]), *kids[4];
	int y = g->year[yi], cur = is_current(g, yi), nk = 0, rc = -1, k, up;
	int r100 = (int)rnd(g, 100), anonymous = 0;
	int64_t received, settle;
	char buf[600], place[200];
	const char *end;

	k = r100 < 25 ? 0 : r100 < 37 ? 1 : r100 < 75 ? 2 : 3;
	some_place(g, ui, yi, place, sizeof(place));
	received = rday(g, day(y, 1, 5), cur ? g->today : day(y, 12, 15));
	if (received < g->u[ui].from)
		received = g->u[ui].from + between(g, 3, 30);
	if (received > g->today)
		received = g->today;
	record_set_int(r, PETITION_ORG, g->u[ui].id);
	record_set_text(r, PETITION_KIND, kinds[k]);
	set_date(r, PETITION_RECEIVED, received);
	snprintf(buf, sizeof(buf), subjects[k][rnd(g, (uint32_t)nsubjects[k])], place);
	record_set_text(r, PETITION_SUBJECT, buf);
	if (k == 1 && pm(g, 300)) {
		anonymous = 1;
	} else {
		demo_name(&g->rng, pm(g, 400), buf, sizeof(buf));
		record_set_text(r, PETITION_FROM, buf);
	}
	set_date(r, PETITION_DEADLINE, received + (k < 2 ? 30 : 15));
	/* how it ends: resolved within competence, transferred, or dismissed */
	up = parent_in(g, ui, yi);
	settle = received + between(g, 5, k < 2 ? 40 : 20);
	if (anonymous) {
		end = "dismissed";
	} else {
		int e = (int)rnd(g, 100);

		end = e < 87 ? "resolved" : e < 96 && up >= 0 ? "transferred" : e < 98 ? "dismissed" :
		    "in_progress";
	}
	if (strcmp(end, "transferred") == 0) {
		record_set_int(r, PETITION_WITHIN, 0);
		record_set_int(r, PETITION_TRANSFERRED, g->u[up].id);
		settle = received + between(g, 2, 7);
	} else {
		record_set_int(r, PETITION_WITHIN, 1);
	}
	if (strcmp(end, "resolved") == 0 && settle <= g->today)
		record_set_text(r, PETITION_OUTCOME, k == 2 ? "Đã trả lời công dân; đưa vào kế hoạch "
		    "thực hiện và thông báo công khai." : k == 0 ? "Đã ban hành quyết định giải quyết "
		    "khiếu nại; công dân đồng ý với kết quả." : k == 1 ? "Đã xác minh, kết luận nội "
		    "dung tố cáo và xử lý theo quy định." : "Đã kiểm tra, xử lý và thông báo kết quả "
		    "cho người phản ánh.");
	if (prep(g, r) != 0)
		goto out;
	if (strcmp(end, "transferred") == 0) {
		snprintf(buf, sizeof(buf), "Không thuộc thẩm quyền; đã chuyển đến %s xem xét, giải "
		    "quyết theo quy định.", name_in(g, up, yi));
		if (add_update(g, r, kids, &nk, 4, RT_PETITION_UPDATE, settle, "transferred", buf) != 0)
			goto out;
	} else if (strcmp(end, "dismissed") == 0) {
		if (add_update(g, r, kids, &nk, 4, RT_PETITION_UPDATE, received + between(g, 2, 8),
		    "dismissed", anonymous ? "Đơn nặc danh, không đủ điều kiện xử lý theo quy định; "
		    "lưu đơn." : "Nội dung đã được giải quyết trước đây, không có tình tiết mới; "
		    "không thụ lý.") != 0)
			goto out;
	} else {
		if (add_update(g, r, kids, &nk, 4, RT_PETITION_UPDATE, received + between(g, 1, 4),
		    "in_progress", "Giao bộ phận chuyên môn kiểm tra, xác minh, báo cáo.") != 0)
			goto out;
		if (strcmp(end, "resolved") == 0 && settle > received + 4 &&
		    add_update(g, r, kids, &nk, 4, RT_PETITION_UPDATE, settle, "resolved",
		    "Đã giải quyết xong, trả lời công dân bằng văn bản.") != 0)
			goto out;
	}
	if (recompute(&rtypes[RT_PETITION_UPDATE], kids, nk, r) != 0)
		goto out;
	rc = submit(g, r, kids, nk);
	r = NULL;
	nk = 0;
out:
	free_kids(kids, nk);
	record_free(r);
	return rc;
}

static int
load_petitions(struct gen *g)
{
	for (int yi = 0; yi < NYEARS; yi++)
		for (int ui = 0; ui < g->nu; ui++) {
			const struct unit *u = &g->u[ui];
			int n = u->kind == ORG_DISTRICT ? between(g, 4, 8) :
			    u->kind == ORG_BASE && !u->office ? (is_current(g, yi) ? between(g, 4, 9) :
			    between(g, 2, 5)) : 0;

			if (!open_in(g, ui, yi) || strstr(name_in(g, ui, yi), "Khối") != NULL)
				continue;
			for (int k = 0; k < n; k++)
				if (make_petition(g, ui, yi) != 0)
					return -1;
		}
	return 0;
}

/* ---- exemplary models, their criteria scores and replications --------------- */

static const char *const ex_collective[] = {
	"Mô hình “Dân vận khéo” trong vận động nhân dân hiến đất làm đường giao thông ở %s",
	"Mô hình “Chi bộ bốn tốt” ở %s",
	"Mô hình “Tuyến đường hoa, cây xanh kiểu mẫu” ở %s",
	"Mô hình “Khu dân cư không có tội phạm và tệ nạn xã hội” ở %s",
	"Mô hình “Ngày thứ Bảy cùng dân” ở %s",
	"Mô hình “Nhà văn hóa sạch, đẹp, văn minh” ở %s",
	"Mô hình “Phụ nữ tiết kiệm, giúp nhau phát triển kinh tế” ở %s",
	"Mô hình “Gia đình văn hóa, dòng họ hiếu học” ở %s",
	"Mô hình “Phân loại rác thải tại nguồn” ở %s",
	"Mô hình “Cựu chiến binh giúp nhau làm kinh tế” ở %s",
	"Mô hình “Thắp sáng đường quê” ở %s",
	"Mô hình “Mỗi đảng viên nhận giúp đỡ một hộ khó khăn” ở %s",
};

static const char *const ex_office[] = {
	"Mô hình “Dân vận khéo” trong phục vụ người dân, doanh nghiệp của %s",
	"Mô hình “Cơ quan văn hóa, công sở không giấy” của %s",
	"Mô hình “Mỗi tháng một sáng kiến cải tiến” của %s",
	"Mô hình “Thực hành tiết kiệm, chống lãng phí trong chi tiêu hành chính” của %s",
};

/* Hải Hà's own colour: tea, the border with China, ethnic minorities. */
static const char *const ex_haiha[] = {
	"Mô hình trồng chè theo tiêu chuẩn VietGAP ở %s",
	"Mô hình “Tổ tự quản bảo vệ đường biên, cột mốc” ở %s",
	"Mô hình “Thanh niên tình nguyện giúp đỡ đồng bào dân tộc thiểu số” ở %s",
	"Mô hình nuôi trồng thủy sản gắn với bảo vệ rừng ngập mặn ở %s",
	"Mô hình “Bản làng văn hóa, không có người nghiện ma túy” ở %s",
};

static const char *const ex_person[] = {
	"Gương đảng viên %s vận động nhân dân hiến đất, góp công làm đường thôn",
	"Gương đảng viên %s phát triển kinh tế gia đình, giúp đỡ hộ nghèo trong thôn",
	"Gương đảng viên %s tận tụy, gần dân trong giải quyết công việc",
	"Gương đảng viên %s gương mẫu giữ gìn an ninh trật tự thôn xóm",
	"Gương đảng viên %s tích cực hòa giải mâu thuẫn ở khu dân cư",
	"Gương đảng viên %s thực hành tiết kiệm, ủng hộ các quỹ an sinh xã hội",
};

static const char *const ex_descs[] = {
	"Cách làm: cấp ủy chỉ đạo, đảng viên đi đầu, công khai bàn bạc với nhân dân; kết quả "
	"được nhân dân đồng tình, hưởng ứng.",
	"Phát huy vai trò nêu gương của cán bộ, đảng viên; vận động nhân dân cùng thực hiện, "
	"duy trì thường xuyên.",
	"Gắn học tập và làm theo Bác với nhiệm vụ chính trị của đơn vị; có kết quả cụ thể, đo "
	"đếm được.",
	"Cách làm đơn giản, ít tốn kém, dễ áp dụng ở các thôn, đơn vị khác.",
};

static const char *const score_criteria[4] = { "effect", "creativity", "spread", "example" };

struct exspec {
	int ui, mi, year;
	const char *level, *status;
	char title[500];
	const char *desc;
	int scored, quality;	/* quality: the criteria scores' centre (0: drawn) */
	int repl[4], nrepl;
	int issuer;		/* award for a commended model: who gives it (-1: none) */
};

static int
make_award(struct gen *g, int year, int ui, int mi, int issuer, const char *kind,
    const char *title, int64_t decided, int with_number)
{
	struct record *a = record_new(&rtypes[RT_AWARD]);
	char buf[64];

	record_set_int(a, AWARD_YEAR, year);
	record_set_int(a, AWARD_ORG, g->u[ui].id);
	if (mi >= 0)
		record_set_int(a, AWARD_PERSON, g->m[mi].id);
	record_set_text(a, AWARD_KIND, kind);
	record_set_text(a, AWARD_TITLE, title);
	record_set_int(a, AWARD_ISSUER, g->u[issuer].id);
	if (with_number) {
		if (decided > g->today)
			decided = g->today;
		snprintf(buf, sizeof(buf), "%d-QĐ/%s", between(g, 40, 980),
		    doc_suffix(g, issuer, year_of(decided) <= 2023 ? 0 : NYEARS - 1));
		record_set_text(a, AWARD_DECISION_NO, buf);
		set_date(a, AWARD_DECISION_DATE, decided);
	}
	if (prep(g, a) != 0) {
		record_free(a);
		return -1;
	}
	return submit(g, a, NULL, 0);
}

static int
make_exemplar(struct gen *g, const struct exspec *x)
{
	struct record *e = record_new(&rtypes[RT_EXEMPLAR]), *kids[8];
	int nk = 0, rc = -1, q = x->quality > 0 ? x->quality : between(g, 68, 92);

	record_set_int(e, EXEMPLAR_ORG, g->u[x->ui].id);
	if (x->mi >= 0)
		record_set_int(e, EXEMPLAR_PERSON, g->m[x->mi].id);
	record_set_int(e, EXEMPLAR_YEAR, x->year);
	record_set_text(e, EXEMPLAR_LEVEL, x->level);
	record_set_text(e, EXEMPLAR_TITLE, x->title);
	record_set_text(e, EXEMPLAR_DESCRIPTION, x->desc ? x->desc : PICK(g, ex_descs));
	record_set_text(e, EXEMPLAR_STATUS, x->status);
	if (prep(g, e) != 0)
		goto out;
	if (x->scored)
		for (int k = 0; k < 4; k++) {
			struct record *s = record_new(&rtypes[RT_EXEMPLAR_SCORE]);
			int v = q + between(g, -8, 8);

			kids[nk++] = s;
			record_set_text(s, SCORE_CRITERION, score_criteria[k]);
			record_set_int(s, SCORE_SCORE, v > 100 ? 100 : v);
			if (prep_kid(g, s, e) != 0)
				goto out;
		}
	if (recompute(&rtypes[RT_EXEMPLAR_SCORE], kids, nk, e) != 0)
		goto out;
	for (int k = 0; k < x->nrepl; k++) {
		struct record *r = record_new(&rtypes[RT_REPLICATION]);
		int64_t d = rday(g, day(x->year, 6, 1), day(x->year + 2, 10, 31));
		int64_t until = g->u[x->repl[k]].to < g->today ? g->u[x->repl[k]].to - 1 : g->today;
		char note[300], place[200];

		kids[nk++] = r;
		if (d > until)
			d = until;
		set_date(r, REPLICATION_DATE, d);
		record_set_int(r, REPLICATION_ORG, g->u[x->repl[k]].id);
		place_of(g->u[x->repl[k]].name, place, sizeof(place));
		snprintf(note, sizeof(note), "Học tập, áp dụng cách làm tại %s.", place);
		record_set_text(r, REPLICATION_NOTE, note);
		if (prep_kid(g, r, e) != 0)
			goto out;
	}
	if (submit(g, e, kids, nk) != 0) {
		e = NULL;
		nk = 0;
		goto out;
	}
	e = NULL;
	nk = 0;
	if (x->issuer >= 0 && strcmp(x->status, "commended") == 0) {
		int province = g->u[x->issuer].kind == ORG_PROVINCE;
		char title[600];

		snprintf(title, sizeof(title), "Đã có thành tích tiêu biểu trong học tập và làm theo "
		    "tư tưởng, đạo đức, phong cách Hồ Chí Minh năm %d", x->year);
		if (make_award(g, x->year, x->ui, x->mi, x->issuer, province ?
		    "certificate_of_honour" : "certificate_of_merit", title,
		    rday(g, day(x->year, 12, 10), day(x->year + 1, 2, 10)), 1) != 0)
			goto out;
	}
	rc = 0;
out:
	free_kids(kids, nk);
	record_free(e);
	return rc;
}

/* Status of a model registered in year y, by how long it has had to prove
 * itself. */
static const char *
ex_status(struct gen *g, int y, int cur_year)
{
	int age = cur_year - y, r = (int)rnd(g, 100);

	if (age >= 4)
		return r < 30 ? "replicated" : r < 55 ? "commended" : r < 95 ? "recognised" :
		    "registered";
	if (age >= 2)
		return r < 15 ? "replicated" : r < 35 ? "commended" : r < 90 ? "recognised" :
		    "registered";
	return r < 5 ? "replicated" : r < 15 ? "commended" : r < 65 ? "recognised" : "registered";
}

/* A random member of the subtree of ui in the tree of year yi (not an
 * official; a party member by the end of year y), or -1. */
static int
random_member(struct gen *g, int ui, int yi, int y)
{
	int pick = -1, n = 0;

	for (int u = 0; u < g->nu; u++) {
		if (g->u[u].nmem == 0 || !inside(g, u, ui, yi))
			continue;
		for (int j = 0; j < g->u[u].nmem; j++) {
			const struct member *m = &g->m[g->u[u].mem[j]];

			if (m->official || m->joined > day(y, 12, 31) ||
			    (is_current(g, yi) && !m->active))
				continue;
			if (rnd(g, (uint32_t)++n) == 0)
				pick = g->u[u].mem[j];
		}
	}
	return pick;
}

/* Fills x for a model of unit scope (collective, or a member when person)
 * registered in year y at level. */
static int
spec_exemplar(struct gen *g, struct exspec *x, int scope, int yi, int y, int person,
    const char *level, int haiha, int status_year)
{
	char place[200];
	int ui;

	memset(x, 0, sizeof(*x));
	x->year = y;
	x->level = level;
	x->mi = -1;
	x->issuer = -1;
	if (person) {
		x->mi = random_member(g, scope, yi, y);
		if (x->mi < 0)
			return -1;
		x->ui = g->m[x->mi].unit;
		snprintf(x->title, sizeof(x->title), PICK(g, ex_person), g->m[x->mi].name);
	} else {
		ui = random_child(g, scope, yi, (1u << ORG_BASE) | (1u << ORG_CELL) |
		    (1u << ORG_AGENCY) | (1u << ORG_MASS));
		if (ui >= 0 && g->u[ui].kind == ORG_BASE && pm(g, 500)) {
			int c = random_child(g, ui, yi, 1u << ORG_CELL);

			if (c >= 0)
				ui = c;
		}
		x->ui = ui >= 0 ? ui : scope;
		place_of(name_in(g, x->ui, yi), place, sizeof(place));
		snprintf(x->title, sizeof(x->title), g->u[x->ui].office ||
		    g->u[x->ui].kind == ORG_AGENCY || g->u[x->ui].kind == ORG_MASS ?
		    PICK(g, ex_office) : haiha && pm(g, 350) ? PICK(g, ex_haiha) :
		    PICK(g, ex_collective), place);
	}
	x->status = ex_status(g, y, status_year);
	x->scored = strcmp(x->status, "registered") != 0 || pm(g, 400);
	if (strcmp(x->status, "replicated") == 0) {
		int b[32], n = children(g, scope, yi, ORG_BASE, b, 32);

		if (n == 0)
			n = children(g, scope, yi, ORG_CELL, b, 32);
		for (int k = 0, want = between(g, 1, 3); k < want && n > 0; k++) {
			int c = b[rnd(g, (uint32_t)n)], dup = 0;

			for (int j = 0; j < x->nrepl; j++)
				dup |= x->repl[j] == c;
			if (!dup && c != x->ui)
				x->repl[x->nrepl++] = c;
		}
		if (x->nrepl == 0)
			x->status = "recognised";
	}
	return 0;
}

/*
 * Hải Hà (seed 001): "506 mô hình đăng ký cấp huyện" from 2016 to 2022,
 * 82 collective and 62 individual of them in 2021–2022 ("hơn 80 tập thể,
 * 60 cá nhân").  The seeds' models of the Nam Định bloc (seed 004) and of
 * Quế Ổ (seed 002).  Elsewhere a few models a year at every level.
 */
static int
load_exemplars(struct gen *g)
{
	static const int hh_years[7] = { 62, 70, 74, 76, 80, 72, 72 };	/* 2016–2022: 506 */
	int hh = find(g, "QN.HH");
	struct exspec x;

	if (hh < 0)
		return -1;
	for (int k = 0; k < 7; k++) {
		int y = 2016 + k, ncoll = y >= 2021 ? 41 : iround(hh_years[k] * 0.56);

		for (int i = 0; i < hh_years[k]; i++) {
			if (spec_exemplar(g, &x, hh, 0, y, i >= ncoll, "district", 1, 2023) != 0)
				return -1;
			x.issuer = hh;
			if (make_exemplar(g, &x) != 0)
				return -1;
		}
	}
	{
		static const struct {
			const char *org, *title, *desc;
		} seeds[] = {
			{ "ND.KHOI.HLHPN", "Phong trào “Thực hành tiết kiệm theo gương Bác” của Chi bộ "
			  "Cơ quan Hội Liên hiệp Phụ nữ tỉnh",
			  "Xây dựng chuẩn mực đạo đức cho cán bộ, đảng viên; cuộc vận động rèn luyện phẩm "
			  "chất “Tự tin - Tự trọng - Trung hậu - Đảm đang”; thực hiện tốt chế độ đi công "
			  "tác cơ sở; đăng ký sáng kiến, đề tài; ứng dụng công nghệ thông tin. Trong 5 năm: "
			  "3.218 buổi làm việc tại cơ sở, 73 lượt sáng kiến, trung bình mỗi năm tiết kiệm "
			  "300 triệu đồng hỗ trợ cán bộ, công chức vay đi học nâng cao trình độ, giải "
			  "quyết công việc gia đình (tư liệu 004)." },
			{ "ND.KHOI.DIEN_LUC", "Thực hiện tiêu chí số 4 về điện trong chương trình “Xây "
			  "dựng nông thôn mới”",
			  "Đầu tư các dự án chống quá tải, cải tạo, nâng cấp, sửa chữa lớn và thường xuyên "
			  "lưới điện khu vực nông thôn; giúp phát triển nông thôn mới bền vững, làm đẹp "
			  "cảnh quan, cải thiện đời sống người dân; đạt tiêu chí số 4 về điện trong xây "
			  "dựng nông thôn mới của tỉnh (tư liệu 004)." },
			{ "BN.QV.CHI_LANG.QUE_O", "Chi bộ thôn Quế Ổ: cán bộ, đảng viên tiên phong, công "
			  "khai minh bạch mọi việc trong xây dựng nông thôn mới",
			  "Xây dựng nghị quyết, phân công đảng viên phụ trách từng việc; “Dễ trăm lần không "
			  "dân cũng chịu, khó vạn lần dân liệu cũng xong”. 3 năm vận động nhân dân đóng góp "
			  "hơn 3 tỷ đồng tu sửa chùa làng, bờ ao đình, thiết bị nhà văn hóa, khu thu gom "
			  "rác, cống thoát nước; 95–98% hộ đạt “Gia đình văn hóa”; 5 năm liên tục “Làng văn "
			  "hóa” cấp thị xã (tư liệu 002)." },
		};

		for (int i = 0; i < NELEM(seeds); i++) {
			memset(&x, 0, sizeof(x));
			x.ui = find(g, seeds[i].org);
			if (x.ui < 0)
				return -1;
			x.mi = -1;
			x.issuer = -1;
			x.year = 2022;
			x.level = "district";
			x.status = "recognised";
			x.scored = 1;
			x.quality = between(g, 88, 93);
			snprintf(x.title, sizeof(x.title), "%s", seeds[i].title);
			x.desc = seeds[i].desc;
			if (make_exemplar(g, &x) != 0)
				return -1;
		}
	}
	for (int yi = 0; yi < NYEARS; yi++) {
		int y = g->year[yi];

		for (int ui = 0; ui < g->nu; ui++) {
			const struct unit *u = &g->u[ui];
			int nc, np;
			const char *level;

			if (!open_in(g, ui, yi) || (ui == hh && y <= 2022))
				continue;
			if (u->kind == ORG_DISTRICT)
				nc = between(g, 3, 7), np = between(g, 2, 4), level = "district";
			else if (u->kind == ORG_PROVINCE)
				nc = between(g, 1, 3), np = between(g, 0, 1), level = "province";
			else if (u->kind == ORG_BASE && !u->nmem)
				nc = pm(g, 550) + (is_current(g, yi) ? 1 : 0), np = pm(g, 300),
				level = "base";
			else
				continue;
			for (int i = 0; i < nc + np; i++) {
				if (spec_exemplar(g, &x, ui, yi, y, i >= nc, level, ui == hh,
				    g->year[NYEARS - 1]) != 0)
					continue;	/* nobody to honour there */
				x.issuer = u->kind == ORG_BASE ? parent_in(g, ui, yi) : ui;
				if (make_exemplar(g, &x) != 0)
					return -1;
			}
		}
	}
	return 0;
}

/* ---- inspections and supervisions, with follow-up actions ---------------------- */

static const char *const hdnd_subjects[] = {
	"Giám sát chuyên đề việc giải quyết kiến nghị của cử tri",
	"Giám sát chuyên đề công tác cải cách hành chính, thực hiện cơ chế một cửa",
	"Giám sát chuyên đề công tác quản lý đất đai, cấp giấy chứng nhận quyền sử dụng đất",
	"Giám sát chuyên đề việc thực hiện chương trình xây dựng nông thôn mới",
	"Giám sát chuyên đề việc quản lý, sử dụng ngân sách xã",
	"Giám sát chuyên đề công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
	"Giám sát chuyên đề việc thực hiện chính sách đối với đồng bào dân tộc thiểu số",
	"Giám sát chuyên đề công tác bảo vệ môi trường, thu gom, xử lý rác thải",
};

static const char *const findings_pool[] = {
	"Cấp ủy đã ban hành kế hoạch, tổ chức học tập chuyên đề đầy đủ; 100% cán bộ, đảng viên "
	"xây dựng bản đăng ký làm theo. Một số bản đăng ký còn chung chung, chưa có chỉ tiêu cụ "
	"thể.",
	"Nội dung học tập và làm theo Bác được đưa vào sinh hoạt chi bộ; tuy nhiên một số chi "
	"bộ chưa duy trì sinh hoạt chuyên đề hằng quý.",
	"Việc lựa chọn, giải quyết vấn đề bức xúc có chuyển biến; còn hồ sơ đất đai tồn đọng "
	"chưa được xử lý dứt điểm.",
	"Công tác tự kiểm tra được thực hiện theo kế hoạch; việc sơ kết, biểu dương điển hình "
	"chưa kịp thời.",
	"Đơn vị thực hiện nghiêm quy chế dân chủ, tiếp công dân định kỳ; việc cập nhật tiến độ "
	"bản đăng ký của một số đảng viên chưa thường xuyên.",
};

static const char *const conclusions_pool[] = {
	"Cơ bản thực hiện tốt; yêu cầu khắc phục các hạn chế đã chỉ ra và báo cáo kết quả.",
	"Thực hiện đúng kế hoạch; cần tăng cường theo dõi việc thực hiện bản đăng ký làm theo.",
	"Đạt yêu cầu; đề nghị nhân rộng các cách làm hay, khắc phục những tồn tại trong quý tới.",
};

static const char *const actions_pool[] = {
	"Bổ sung nội dung đăng ký làm theo cụ thể, có chỉ tiêu đo đếm được",
	"Đưa nội dung học tập và làm theo Bác vào sinh hoạt chi bộ thường kỳ",
	"Rà soát, giải quyết dứt điểm đơn thư, hồ sơ tồn đọng",
	"Tổ chức sơ kết, biểu dương điển hình tiên tiến",
	"Khắc phục những hạn chế được chỉ ra, báo cáo kết quả với cấp ủy cấp trên",
	"Hoàn thiện hồ sơ theo dõi việc thực hiện bản đăng ký của đảng viên",
};

static int
make_inspection(struct gen *g, int org, const char *kind, int target, int64_t start,
    const char *subject, int year_cur)
{
	struct record *r = record_new(&rtypes[RT_INSPECTION]), *kids[4];
	int nk = 0, rc = -1, na = between(g, 1, 3);
	int64_t end = start + between(g, 2, 20);

	if (end > g->today)
		end = g->today;
	record_set_int(r, INSPECTION_ORG, g->u[org].id);
	record_set_text(r, INSPECTION_KIND, kind);
	record_set_int(r, INSPECTION_TARGET, g->u[target].id);
	set_date(r, INSPECTION_START, start);
	if (end < g->today || !year_cur) {
		set_date(r, INSPECTION_END, end);
		record_set_text(r, INSPECTION_FINDINGS, PICK(g, findings_pool));
		record_set_text(r, INSPECTION_CONCLUSION, PICK(g, conclusions_pool));
	}
	record_set_text(r, INSPECTION_SUBJECT, subject);
	if (prep(g, r) != 0)
		goto out;
	for (int k = 0; k < na && (end < g->today || !year_cur); k++) {
		struct record *a = record_new(&rtypes[RT_INSPECTION_ACTION]);
		int64_t due = end + between(g, 30, 90);
		int done = due <= g->today ? pm(g, year_cur ? 750 : 920) : pm(g, 200);

		kids[nk++] = a;
		record_set_text(a, ACTION_TITLE, actions_pool[(k + rnd(g, 6)) % 6]);
		set_date(a, ACTION_DUE, due);
		if (done) {
			int64_t on = due - between(g, 0, 25);

			if (on <= end)
				on = end + 1;
			if (on > g->today)
				on = g->today;
			set_date(a, ACTION_DONE_ON, on);
		}
		if (prep_kid(g, a, r) != 0)
			goto out;
	}
	rc = submit(g, r, kids, nk);
	r = NULL;
	nk = 0;
out:
	free_kids(kids, nk);
	record_free(r);
	return rc;
}

/*
 * Hải Hà's council: "26 cuộc giám sát chuyên đề" in the 2016–2021 term
 * (seed 001).  Every year: the province inspects districts (since 2025 the
 * communes), districts inspect and supervise their base committees, base
 * committees inspect themselves.
 */
static int
load_inspections(struct gen *g)
{
	int hdnd = find(g, "QN.HH.HDND"), hh = find(g, "QN.HH"), base[16], nb;
	char subject[500], tw[200];

	if (hdnd < 0 || hh < 0)
		return -1;
	nb = children(g, hh, 0, ORG_BASE, base, 16);
	for (int i = 0; i < 26; i++) {
		/* about five a year from August 2016 to April 2021 */
		int64_t start = day(2016, 8, 1) + (int64_t)i * (day(2021, 4, 15) - day(2016, 8, 1)) / 26 +
		    between(g, 0, 20);
		int target = i % 3 == 0 ? find(g, "QN.HH.UBND") : base[rnd(g, (uint32_t)nb)];

		if (make_inspection(g, hdnd, "thematic_supervision", target, start,
		    hdnd_subjects[i % NELEM(hdnd_subjects)], 0) != 0)
			return -1;
	}
	for (int yi = 0; yi < NYEARS; yi++) {
		int y = g->year[yi], cur = is_current(g, yi);
		int64_t last = cur ? g->today : day(y, 12, 15);

		for (int ui = 0; ui < g->nu; ui++) {
			const struct unit *u = &g->u[ui];

			if (!is_committee(u->kind) || !open_in(g, ui, yi))
				continue;
			topic_short(g, yi, ui, tw, sizeof(tw));
			if (u->kind == ORG_PROVINCE || u->kind == ORG_DISTRICT) {
				int n = u->kind == ORG_PROVINCE ? between(g, 1, 2) : between(g, 2, 3);

				for (int k = 0; k < n; k++) {
					int t = random_child(g, ui, yi, u->kind == ORG_PROVINCE ?
					    (1u << ORG_DISTRICT) | (1u << ORG_BASE) : 1u << ORG_BASE);
					int64_t s = rday(g, day(y, y == 2021 ? 9 : 4, 1), day(y, 11, 20));

					if (t < 0 || s > last)
						continue;
					snprintf(subject, sizeof(subject), "Kiểm tra việc thực hiện Kết luận "
					    "số 01-KL/TW và %s", tw);
					if (make_inspection(g, ui, "inspection", t, s, subject, cur) != 0)
						return -1;
				}
				/* (Hải Hà's council term 2016–2021 had its own 26) */
				if (u->kind == ORG_DISTRICT && pm(g, 700) && !(ui == hh && y == 2021)) {
					int t = random_child(g, ui, yi, 1u << ORG_BASE);
					int64_t s = rday(g, day(y, 5, 1), day(y, 11, 30));

					if (t >= 0 && s <= last && make_inspection(g, ui,
					    "thematic_supervision", t, s, "Giám sát chuyên đề việc thực hiện "
					    "trách nhiệm nêu gương của người đứng đầu cấp ủy, chính quyền",
					    cur) != 0)
						return -1;
				}
			} else if (pm(g, 850)) {
				int64_t s = rday(g, day(y, y == 2021 ? 10 : 6, 1), day(y, 12, 5));

				if (s > last || s < u->from)
					continue;
				snprintf(subject, sizeof(subject), "Tự kiểm tra việc thực hiện %s và bản "
				    "đăng ký làm theo của cán bộ, đảng viên", tw);
				if (make_inspection(g, ui, "self_inspection", ui, s, subject, cur) != 0)
					return -1;
			}
		}
	}
	return 0;
}

/* ---- evaluations (xếp loại) 2021–2023, and the awards that follow -------------- */

struct cand {
	int idx, merit;
};

static int
by_merit(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->merit != y->merit ? (x->merit < y->merit ? 1 : -1) : x->idx - y->idx;
}

static int
make_eval(struct gen *g, int year, int ui, int mi, const char *scale, const char *level,
    int approver, const char *note)
{
	struct record *r = record_new(&rtypes[RT_EVALUATION]);

	record_set_int(r, EVALUATION_YEAR, year);
	record_set_int(r, EVALUATION_ORG, g->u[ui].id);
	if (mi >= 0)
		record_set_int(r, EVALUATION_PERSON, g->m[mi].id);
	record_set_text(r, EVALUATION_SCALE, scale);
	record_set_text(r, EVALUATION_GIVEN, level);
	if (approver >= 0)
		record_set_int(r, EVALUATION_APPROVER, g->u[approver].id);
	if (note != NULL)
		record_set_text(r, EVALUATION_NOTE, note);
	if (prep(g, r) != 0) {
		record_free(r);
		return -1;
	}
	return submit(g, r, NULL, 0);
}

/* The member's merit for the year: the pledge's verdict weighs most. */
static int
merit_of(struct gen *g, int mi, int yi)
{
	static const int bonus[] = {
		[OUT_NONE] = -500, [OUT_DONE] = 300, [OUT_PARTLY] = 0, [OUT_NOT_DONE] = -400,
		[OUT_OPEN] = -100,
	};

	return (int)rnd(g, 1000) + bonus[g->outcome[(size_t)mi * NYEARS + (size_t)yi]] +
	    (g->m[mi].key ? 150 : 0);
}

/* good-or-better rate of a group in a past year */
static double
group_rate(struct gen *g, int group, int y, int orgs)
{
	if (group == g->nd_bloc && y == 2022)
		return orgs ? 0.8981 : 0.9696;	/* seed 004 */
	return (orgs ? 890 + (int)rnd(g, 70) : 900 + (int)rnd(g, 65)) / 1000.0;
}

/*
 * Members and party organisations (cells, base committees) of 2021–2023,
 * levels given as the rules of those years gave them (no 100-point score
 * before Quy định 366-QĐ/TW); good-or-better shares exact per province and
 * year, the Nam Định bloc's 2022 at 96,96% of members and 89,81% of
 * organisations as near as its units allow (13 of its 14 base organisations,
 * the rest made up by the cells under them; the private company's cell,
 * formed in September 2022, is not yet rated), the Quế Ổ cell and the cell of
 * Sở Thông tin và Truyền thông excellent in 2022.  Mass organisations on
 * their own scale, about 85% "vững mạnh".
 */
static int
load_evaluations(struct gen *g, unsigned char *olevel)
{
	struct cand *c = malloc((size_t)(g->nm > g->nu ? g->nm : g->nu) * sizeof(*c));
	int sttt = find(g, "ND.KHOI.STTTT"), queo = find(g, "BN.QV.CHI_LANG.QUE_O"), rc = -1;
	unsigned char *forced = calloc((size_t)g->nu, 1);

	if (c == NULL || forced == NULL)
		abort();
	for (int yi = 0; yi < NYEARS - 1; yi++) {
		int y = g->year[yi];

		for (int grp = 0; grp < g->nu; grp++) {
			int n = 0, kgood, kexc, knd;
			double rate;

			if (g->u[grp].kind != ORG_PROVINCE && grp != g->nd_bloc)
				continue;
			/* members */
			for (int i = 0; i < g->nm; i++) {
				const struct member *m = &g->m[i];

				if (m->official || g->u[m->unit].group != grp || m->joined > day(y, 9, 30) ||
				    !open_in(g, m->unit, yi) || g->u[m->unit].from > day(y, 6, 30))
					continue;
				c[n].idx = i;
				c[n].merit = merit_of(g, i, yi);
				n++;
			}
			qsort(c, (size_t)n, sizeof(*c), by_merit);
			rate = group_rate(g, grp, y, 0);
			kgood = iround(rate * n);
			kexc = (int)(0.16 * kgood);
			knd = iround(0.004 * n);
			for (int k = 0; k < n; k++) {
				const struct member *m = &g->m[c[k].idx];
				int ap = g->u[m->unit].kind == ORG_CELL ? g->u[m->unit].oparent : m->unit;
				const char *lv = k < kexc ? "excellent" : k < kgood ? "good" :
				    k >= n - knd ? "not_done" : "done";

				if (make_eval(g, y, m->unit, c[k].idx, "party", lv, ap, NULL) != 0)
					goto out;
			}
			/* organisations: cells and base committees */
			n = 0;
			memset(forced, 0, (size_t)(g->nu > 0 ? g->nu : 1));
			if (grp == g->nd_bloc && y == 2022) {
				int bases[32], nb = 0;

				for (int i = 0; i < g->nu; i++)
					if (g->u[i].group == grp && g->u[i].kind == ORG_BASE &&
					    open_in(g, i, yi) && g->u[i].from <= day(y, 6, 30) && i != sttt)
						bases[nb++] = i;
				for (int k = 0; k < nb; k++)
					forced[bases[k]] = 1;	/* good or better */
				if (nb > 0)
					forced[bases[rnd(g, (uint32_t)nb)]] = 3;	/* done */
			}
			if (y == 2022) {
				if (sttt >= 0)
					forced[sttt] = 2;
				if (queo >= 0)
					forced[queo] = 2;
			}
			/* base organisations, then cells, each at its own rate; in the
			 * bloc's 2022 the cells make the whole 89,81% */
			for (int pass = 0, kbase = 0, nbase = 0; pass < 2; pass++) {
				enum org_kind kind = pass == 0 ? ORG_BASE : ORG_CELL;

				n = 0;
				for (int i = 0; i < g->nu; i++) {
					const struct unit *u = &g->u[i];

					if (u->group != grp || u->kind != kind || !open_in(g, i, yi) ||
					    u->from > day(y, 6, 30))
						continue;
					c[n].idx = i;
					c[n].merit = forced[i] == 2 ? 3000 : forced[i] == 1 ? 2000 :
					    forced[i] == 3 ? -1000 : (int)rnd(g, 1000);
					n++;
				}
				qsort(c, (size_t)n, sizeof(*c), by_merit);
				if (grp == g->nd_bloc && y == 2022)
					kgood = pass == 0 ? n - 1 :
					    iround(group_rate(g, grp, y, 1) * (nbase + n)) - kbase;
				else
					kgood = iround(group_rate(g, grp, y, 1) * n);
				if (pass == 0)
					kbase = kgood, nbase = n;
				for (int k = 0; k < n; k++) {
					int i = c[k].idx;
					const char *lv = forced[i] == 2 ? "excellent" : k < kgood ?
					    (pm(g, 200) ? "excellent" : "good") : pm(g, 60) ? "not_done" :
					    "done";
					char note[120];

					snprintf(note, sizeof(note), "Kiểm điểm, xếp loại chất lượng năm %d.", y);
					if (i == queo && y == 2022)
						snprintf(note, sizeof(note), "Danh hiệu “Hoàn thành xuất sắc nhiệm "
						    "vụ” năm 2022 (tư liệu 002).");
					if (i == sttt && y == 2022)
						snprintf(note, sizeof(note), "Tổ chức cơ sở đảng hoàn thành xuất sắc "
						    "nhiệm vụ năm 2022 (tư liệu 004).");
					olevel[(size_t)i * NYEARS + (size_t)yi] = lv[0] == 'e' ? 1 : 0;
					if (make_eval(g, y, i, -1, "party", lv, g->u[i].oparent, note) != 0)
						goto out;
				}
			}
		}
		/* mass organisations */
		{
			int n = 0, kstrong;

			for (int i = 0; i < g->nu; i++)
				if (g->u[i].kind == ORG_MASS && open_in(g, i, yi)) {
					c[n].idx = i;
					c[n].merit = (int)rnd(g, 1000);
					n++;
				}
			qsort(c, (size_t)n, sizeof(*c), by_merit);
			kstrong = iround(0.85 * n);
			for (int k = 0; k < n; k++)
				if (make_eval(g, y, c[k].idx, -1, "mass", k < kstrong ? "strong" :
				    pm(g, 800) ? "fair" : "average", g->u[c[k].idx].oparent, NULL) != 0)
					goto out;
		}
	}
	rc = 0;
out:
	free(c);
	free(forced);
	return rc;
}

/* Giấy khen of the bloc's standing committee to the cell of Sở Thông tin và
 * Truyền thông for 2022 (seed 004); each district committee's Giấy khen to
 * a few of its excellent organisations every year. */
static int
load_awards(struct gen *g, const unsigned char *olevel)
{
	int sttt = find(g, "ND.KHOI.STTTT");

	if (sttt < 0 || make_award(g, 2022, sttt, -1, g->nd_bloc, "certificate_of_merit",
	    "Tổ chức cơ sở Đảng hoàn thành xuất sắc nhiệm vụ năm 2022", 0, 0) != 0)
		return -1;
	for (int yi = 0; yi < NYEARS - 1; yi++) {
		int y = g->year[yi];

		for (int d = 0; d < g->nu; d++) {
			int given = 0, want = between(g, 2, 4);

			if (g->u[d].kind != ORG_DISTRICT || !open_in(g, d, yi))
				continue;
			for (int i = 0; i < g->nu && given < want; i++) {
				char title[300];

				if (i == sttt || !olevel[(size_t)i * NYEARS + (size_t)yi] ||
				    !inside(g, i, d, yi) || !pm(g, 350))
					continue;
				snprintf(title, sizeof(title), "%s hoàn thành xuất sắc nhiệm vụ năm %d",
				    g->u[i].kind == ORG_BASE ? "Tổ chức cơ sở Đảng" : "Chi bộ", y);
				if (make_award(g, y, i, -1, d, "certificate_of_merit", title,
				    rday(g, day(y + 1, 1, 8), day(y + 1, 2, 10)), 1) != 0)
					return -1;
				given++;
			}
		}
	}
	return 0;
}

/* ---- the mid-term opinion survey (seed 003) --------------------------------------- */

static int
make_survey(struct gen *g, int ui, int64_t date, const char *title, const char *question,
    int sample, const char *const *labels, const int *counts, int n)
{
	struct record *s = record_new(&rtypes[RT_SURVEY]), *kids[8];
	int nk = 0, rc = -1;

	record_set_int(s, SURVEY_ORG, g->u[ui].id);
	set_date(s, SURVEY_DATE, date);
	record_set_text(s, SURVEY_TITLE, title);
	record_set_text(s, SURVEY_QUESTION, question);
	record_set_int(s, SURVEY_SAMPLE, sample);
	if (prep(g, s) != 0)
		goto out;
	for (int k = 0; k < n && k < 8; k++) {
		struct record *a = record_new(&rtypes[RT_SURVEY_ANSWER]);

		kids[nk++] = a;
		record_set_text(a, ANSWER_LABEL, labels[k]);
		record_set_int(a, ANSWER_COUNT, counts[k]);
		record_set_int(a, ANSWER_SORT, (k + 1) * 10);
		if (prep_kid(g, a, s) != 0)
			goto out;
	}
	if (recompute(&rtypes[RT_SURVEY_ANSWER], kids, nk, s) != 0)
		goto out;
	rc = submit(g, s, kids, nk);
	s = NULL;
	nk = 0;
out:
	free_kids(kids, nk);
	record_free(s);
	return rc;
}

/*
 * "có hơn 98,7% ý kiến bày tỏ sự tin tưởng và tin tưởng tuyệt đối vào cấp ủy
 * cấp cao; 92,9% ý kiến thật sự phấn khởi trước tình hình kinh tế - xã hội
 * hiện nay. Có 98,1% ý kiến đánh giá việc thực hiện Chỉ thị 05 gắn với thực
 * hiện Nghị quyết Trung ương 4, khóa XII, XIII đã tạo sự chuyển biến tích
 * cực" (seed 003).  Seed 003 does not name its province: the survey is given
 * to Thái Bình, at the province level; the sample of 1.500 is invented.
 */
static int
load_survey(struct gen *g)
{
	static const char *const q1[] = {
		"Tin tưởng tuyệt đối", "Tin tưởng", "Phân vân, chưa tin tưởng hẳn", "Không tin tưởng",
	};
	static const int c1[] = { 612, 869, 15, 4 };	/* 1.481 / 1.500 = 98,73% */
	static const char *const q2[] = {
		"Thật sự phấn khởi", "Bình thường", "Chưa yên tâm",
	};
	static const int c2[] = { 1394, 96, 10 };	/* 92,93% */
	static const char *const q3[] = {
		"Có chuyển biến tích cực", "Chuyển biến chưa rõ", "Không có chuyển biến",
		"Khó trả lời",
	};
	static const int c3[] = { 1472, 22, 2, 4 };	/* 98,13% */
	static const char title[] = "Điều tra dư luận xã hội về kết quả thực hiện Nghị quyết Đại "
	    "hội đại biểu Đảng bộ tỉnh lần thứ XX sau nửa nhiệm kỳ";
	int64_t d = day(2023, 3, 20);

	if (make_survey(g, g->tb, d, title, "Mức độ tin tưởng của đồng chí vào sự lãnh đạo của "
	    "cấp ủy cấp cao?", 1500, q1, c1, NELEM(c1)) != 0 ||
	    make_survey(g, g->tb, d, title, "Đồng chí đánh giá thế nào về tình hình kinh tế - xã "
	    "hội hiện nay?", 1500, q2, c2, NELEM(c2)) != 0 ||
	    make_survey(g, g->tb, d, title, "Việc thực hiện Chỉ thị 05-CT/TW gắn với Nghị quyết "
	    "Trung ương 4 (khóa XII, XIII) có tạo chuyển biến trong cán bộ, đảng viên và các tầng "
	    "lớp nhân dân không?", 1500, q3, c3, NELEM(c3)) != 0)
		return -1;
	return 0;
}

/* ---- emulation figures ----------------------------------------------------------- */

static int
make_metric(struct gen *g, int ui, const char *code, int year, int64_t value, const char *note)
{
	struct record *r = record_new(&rtypes[RT_METRIC_VALUE]);

	record_set_int(r, METRIC_ORG, g->u[ui].id);
	record_set_text(r, METRIC_METRIC, code);
	record_set_int(r, METRIC_YEAR, year);
	record_set_text(r, METRIC_PERIOD, "year");
	record_set_int(r, METRIC_VALUE, value);
	if (note != NULL)
		record_set_text(r, METRIC_NOTE, note);
	if (prep(g, r) != 0) {
		record_free(r);
		return -1;
	}
	return submit(g, r, NULL, 0);
}

/*
 * Seed 004: the women's union of Nam Định, 2018–2022: 3.218 working sessions
 * at the base, 73 initiatives, about 300 triệu đồng saved a year (kept on
 * the cell of the union's office, inside the bloc); the bloc admitted 301
 * new members in 2022 (its whole figure: the demo tree holds only a sample
 * of its units).  Seed 002: Quế Ổ raised more than 3 tỷ đồng in 3 years and
 * has 95–98% cultural families (of 412 households, an invented count).
 * Elsewhere: new members of each base committee as the people's joining
 * dates say, initiatives and savings of the bloc's units.
 */
static int
load_metrics(struct gen *g)
{
	static const int ws[5] = { 668, 702, 581, 559, 708 };		/* 3.218 */
	static const int ini[5] = { 12, 15, 13, 16, 17 };		/* 73 */
	static const int sav[5] = { 285, 310, 296, 305, 304 };		/* 1.500 triệu */
	static const int64_t contrib[3] = { 980000000, 1045000000, 1120000000 };
	static const int families[6] = { 393, 396, 398, 401, 404, 402 };	/* of 412 */
	int hl = find(g, "ND.KHOI.HLHPN"), queo = find(g, "BN.QV.CHI_LANG.QUE_O");
	char note[300];

	if (hl < 0 || queo < 0)
		return -1;
	for (int k = 0; k < 5; k++) {
		if (make_metric(g, hl, "working_sessions", 2018 + k, ws[k], k == 4 ?
		    "5 năm 2018–2022: 3.218 buổi làm việc tại cơ sở (tư liệu 004)." : NULL) != 0 ||
		    make_metric(g, hl, "initiatives", 2018 + k, ini[k], k == 4 ?
		    "5 năm 2018–2022: 73 lượt sáng kiến (tư liệu 004)." : NULL) != 0 ||
		    make_metric(g, hl, "savings", 2018 + k, (int64_t)sav[k] * 1000000,
		    "Phong trào “Thực hành tiết kiệm theo gương Bác”; trung bình 300 triệu đồng mỗi "
		    "năm (tư liệu 004).") != 0)
			return -1;
	}
	if (make_metric(g, g->nd_bloc, "new_members", 2022, 301, "Số liệu toàn Đảng bộ Khối "
	    "năm 2022 (tư liệu 004).") != 0)
		return -1;
	for (int k = 0; k < 3; k++)
		if (make_metric(g, queo, "contributions", 2020 + k, contrib[k], "Vận động nhân dân "
		    "đóng góp xây dựng, tu sửa chùa làng, bờ ao đình, thiết bị nhà văn hóa, khu thu "
		    "gom rác thải, hệ thống cống thoát nước (tư liệu 002).") != 0)
			return -1;
	for (int k = 0; k < 6; k++) {
		snprintf(note, sizeof(note), "%d/412 hộ (số hộ của thôn là minh họa; tư liệu 002: "
		    "95–98%% hộ đạt “Gia đình văn hóa”).", families[k]);
		if (make_metric(g, queo, "cultural_families", 2018 + k, families[k], note) != 0)
			return -1;
	}
	for (int yi = 0; yi < NYEARS - 1; yi++) {
		int y = g->year[yi];

		for (int ui = 0; ui < g->nu; ui++) {
			const struct unit *u = &g->u[ui];
			int joined = 0;

			if (u->kind != ORG_BASE || !open_in(g, ui, yi) ||
			    (u->group == g->nd_bloc && y == 2022))
				continue;
			for (int i = 0; i < g->nm; i++)
				joined += !g->m[i].official && year_of(g->m[i].joined) == y &&
				    inside(g, g->m[i].unit, ui, yi);
			if (joined > 0 && make_metric(g, ui, "new_members", y, joined, NULL) != 0)
				return -1;
			if (u->group == g->nd_bloc && ui != hl && (make_metric(g, ui, "initiatives", y,
			    between(g, 1, 9), NULL) != 0 || make_metric(g, ui, "savings", y,
			    (int64_t)between(g, 20, 180) * 1000000, NULL) != 0))
				return -1;
		}
	}
	return 0;
}

/* ---- the whole ------------------------------------------------------------------ */

struct genarg {
	struct gen *g;
	unsigned char *olevel;
};

/* The generator's thread: every record after the topics, in a fixed order. */
static void *
generate(void *arg)
{
	struct genarg *a = arg;
	struct gen *g = a->g;
	struct queue *q = g->qu;
	int rc = -1;

	if (load_plans(g) == 0 && load_pledges(g) == 0 && load_meetings(g) == 0 &&
	    load_haiha(g) == 0 && load_gatherings(g) == 0 && load_concerns(g) == 0 &&
	    load_petitions(g) == 0 && load_exemplars(g) == 0 && load_inspections(g) == 0 &&
	    load_evaluations(g, a->olevel) == 0 && load_awards(g, a->olevel) == 0 &&
	    load_survey(g) == 0 && load_metrics(g) == 0)
		rc = 0;
	pthread_mutex_lock(&q->mu);
	if (rc != 0)
		q->failed = 1;
	q->closed = 1;
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* Runs the generator on a second thread and stores what it makes here. */
static int
run_generator(struct gen *g, unsigned char *olevel)
{
	struct queue *q = calloc(1, sizeof(*q));
	struct job *batch = malloc(QUEUE_CAP * sizeof(*batch));
	struct genarg arg = { g, olevel };
	pthread_t th;
	int failed = 0;

	if (q == NULL || batch == NULL)
		abort();
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->more, NULL);
	pthread_cond_init(&q->room, NULL);
	g->qu = q;
	if (pthread_create(&th, NULL, generate, &arg) != 0) {
		fprintf(stderr, "demo: records: cannot start the generator thread\n");
		failed = 1;
		goto done;
	}
	for (;;) {
		int n;

		/* take everything that is there, then store it unlocked */
		pthread_mutex_lock(&q->mu);
		while (q->n == 0 && !q->closed)
			pthread_cond_wait(&q->more, &q->mu);
		if (q->n == 0) {
			failed |= q->failed;
			pthread_mutex_unlock(&q->mu);
			break;
		}
		for (n = 0; q->n > 0; n++, q->n--) {
			batch[n] = q->q[q->head];
			q->head = (q->head + 1) % QUEUE_CAP;
		}
		pthread_cond_signal(&q->room);
		pthread_mutex_unlock(&q->mu);
		for (int k = 0; k < n; k++) {
			if (!failed && write_job(g, &batch[k]) != 0) {
				failed = 1;
				pthread_mutex_lock(&q->mu);
				q->failed = 1;
				pthread_cond_broadcast(&q->room);
				pthread_mutex_unlock(&q->mu);
			}
			free_job(&batch[k]);
			atomic_fetch_sub_explicit(&q->backlog, 1, memory_order_relaxed);
		}
	}
	pthread_join(th, NULL);
done:
	g->qu = NULL;
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->more);
	pthread_cond_destroy(&q->room);
	free(q);
	free(batch);
	return failed ? -1 : 0;
}

static void
gen_free(struct gen *g)
{
	for (int i = 0; i < g->nu; i++) {
		free(g->u[i].name);
		free(g->u[i].cname);
		free(g->u[i].mem);
	}
	free(g->u);
	free(g->by_id);
	for (int i = 0; i < g->nm; i++)
		free(g->m[i].name);
	free(g->m);
	free(g->outcome);
}

int
demo_load_records(struct store *st, const char *today, FILE *progress)
{
	struct gen g = { 0 };
	struct date d;
	unsigned char *olevel = NULL;
	int rc = -1;

	if (date_parse(today, &d) != 0)
		return -1;
	if (d.y <= 2023) {
		fprintf(stderr, "demo: records: today (%s) is before 2024; no campaign records\n",
		    today);
		return 0;
	}
	g.st = st;
	snprintf(g.today_s, sizeof(g.today_s), "%s", today);
	g.today = date_days(&d);
	for (int i = 0; i < NYEARS - 1; i++)
		g.year[i] = past_years[i];
	g.year[NYEARS - 1] = d.y;
	demo_rng_seed(&g.rng, 20220527);	/* seed 001's date: the same records every time */
	if (load_units(&g) != 0 || load_people(&g) != 0 || load_catalog(&g) != 0)
		goto out;
	olevel = calloc((size_t)g.nu * NYEARS, 1);
	if (olevel == NULL)
		abort();
	if (load_topics(&g) != 0)
		goto out;
	if (run_generator(&g, olevel) != 0)
		goto out;
	if (progress != NULL) {
		const long *n = g.count;

		fprintf(progress, "demo: records %d–%d and %d: %ld topics, %ld plans (%ld tasks), "
		    "%ld pledges (%ld check-ins), %ld activities (%ld attendance), %ld concerns "
		    "(%ld updates), %ld petitions (%ld updates)\n", g.year[0], g.year[NYEARS - 2],
		    g.year[NYEARS - 1], n[RT_TOPIC], n[RT_PLAN], n[RT_TASK], n[RT_PLEDGE],
		    n[RT_CHECKIN], n[RT_ACTIVITY], n[RT_ATTENDANCE], n[RT_CONCERN],
		    n[RT_CONCERN_UPDATE], n[RT_PETITION], n[RT_PETITION_UPDATE]);
		fprintf(progress, "demo: records: %ld exemplars (%ld scores, %ld replications), "
		    "%ld inspections (%ld actions), %ld evaluations, %ld awards, %ld surveys "
		    "(%ld answers), %ld metric values\n", n[RT_EXEMPLAR], n[RT_EXEMPLAR_SCORE],
		    n[RT_REPLICATION], n[RT_INSPECTION], n[RT_INSPECTION_ACTION], n[RT_EVALUATION],
		    n[RT_AWARD], n[RT_SURVEY], n[RT_SURVEY_ANSWER], n[RT_METRIC_VALUE]);
	}
	rc = 0;
out:
	free(olevel);
	gen_free(&g);
	return rc;
}
