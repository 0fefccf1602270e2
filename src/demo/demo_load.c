/*
 * demo_load.c — writes the demo data set through the same store functions
 * and validation the API uses: the tree of demo_data.c, generated cells and
 * members, the people the seeds name, the 1/7/2025 reorganisation as
 * merges and closures, and one account per role with a fresh password.
 * Everything happens in one transaction: a failure leaves the database empty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "demo/demo.h"
#include "store/store.h"
#include "text/text.h"

#define DEFAULT_MEMBERS 25

/* Remembers the first generated member of each unit (for member accounts). */
struct first_member {
	char code[64];		/* generated cell codes: unit code + ".Cnn" */
	int64_t person_id;
};

/* What was generated per province (the first segment of the unit codes). */
struct tally {
	char prefix[16];
	const char *name;
	long cells, people;
};

#define MAX_TALLIES 16

struct loader {
	struct store *st;
	struct demo_rng rng;
	FILE *progress;
	struct first_member *firsts;
	int nfirsts, capfirsts;
	long people;
	long cells;
	char today[11];
	struct tally tally[MAX_TALLIES];
	int ntally;
};

/* The tally of the province a unit code belongs to ("TB.TT.X" -> "TB"). */
static struct tally *
tally_of(struct loader *l, const char *code)
{
	size_t n = strcspn(code, ".");

	for (int i = 0; i < l->ntally; i++)
		if (strlen(l->tally[i].prefix) == n && strncmp(l->tally[i].prefix, code, n) == 0)
			return &l->tally[i];
	if (l->ntally == MAX_TALLIES || n >= sizeof(l->tally[0].prefix))
		return NULL;
	snprintf(l->tally[l->ntally].prefix, sizeof(l->tally[0].prefix), "%.*s", (int)n, code);
	return &l->tally[l->ntally++];
}

static int
fail(struct loader *l, const char *what, const char *code, const struct verr *e)
{
	if (e != NULL && e->code != VE_OK)
		fprintf(stderr, "demo: %s %s: field %s: error %d (rule %d)\n", what,
		    code ? code : "", e->field, e->code, e->rule);
	else
		fprintf(stderr, "demo: %s %s: %s\n", what, code ? code : "",
		    store_errmsg(l->st));
	return -1;
}

static int64_t
org_id(struct loader *l, const char *code)
{
	struct record *r = NULL;
	int64_t id = 0;

	if (store_org_by_code(l->st, code, &r) == ST_OK)
		id = r->id;
	record_free(r);
	return id;
}

static int
make_org(struct loader *l, const char *code, const char *kind, const char *name,
    int64_t parent, const char *from, const char *note, int64_t *id)
{
	struct record *o = record_new(&rtypes[RT_ORG]);
	struct verr e = { 0 };
	int rc;

	record_set_text(o, ORG_CODE, code);
	record_set_text(o, ORG_KIND, kind);
	record_set_text(o, ORG_NAME, name);
	if (parent > 0)
		record_set_int(o, ORG_PARENT, parent);
	record_set_text(o, ORG_VALID_FROM, from);
	if (note != NULL)
		record_set_text(o, ORG_NOTE, note);
	if (record_validate(o, VM_CREATE, &e) != 0) {
		record_free(o);
		return fail(l, "unit", code, &e);
	}
	rc = store_org_create(l->st, o, l->today, &e);
	*id = o->id;
	record_free(o);
	return rc == ST_OK ? 0 : fail(l, "unit", code, rc == ST_INVALID ? &e : NULL);
}

static int
between(struct loader *l, int lo, int hi)
{
	return lo + (int)demo_rng_below(&l->rng, (uint32_t)(hi - lo + 1));
}

/* One generated member of unit org.  role 0: plain member, 1: secretary,
 * 2: deputy secretary. */
static int
make_member(struct loader *l, int64_t org, const char *unit_code, int urban_office,
    int role, int64_t *out)
{
	struct record *p = record_new(&rtypes[RT_PERSON]);
	struct verr e = { 0 };
	char name[128], joined[11];
	int female = demo_rng_below(&l->rng, 100) < 38;
	int age = between(l, 23, 82), born = 2026 - age;
	int joined_year = born + between(l, 19, age < 45 ? age - 1 : 45);
	int r = (int)demo_rng_below(&l->rng, 1000);

	if (joined_year > 2025)
		joined_year = 2025;
	demo_name(&l->rng, female, name, sizeof(name));
	record_set_text(p, PERSON_FULL_NAME, name);
	record_set_text(p, PERSON_GENDER, female ? "female" : "male");
	record_set_int(p, PERSON_BIRTH_YEAR, born);
	{
		struct date jd = { joined_year, between(l, 1, 12), between(l, 1, 28) };

		date_format(&jd, joined);
	}
	record_set_text(p, PERSON_PARTY_JOINED, joined);
	record_set_int(p, PERSON_PARTY_MEMBER, 1);
	record_set_int(p, PERSON_KEY_CADRE, role > 0 || demo_rng_below(&l->rng, 100) < 3);
	record_set_int(p, PERSON_HEAD, role == 1);
	record_set_int(p, PERSON_CIVIL_SERVANT, urban_office ?
	    demo_rng_below(&l->rng, 100) < 80 : demo_rng_below(&l->rng, 100) < 8);
	record_set_int(p, PERSON_UNION_MEMBER, demo_rng_below(&l->rng, 100) < 65);
	record_set_int(p, PERSON_ORG, org);
	/* About 1 in 100 members left the roll one way or another. */
	record_set_text(p, PERSON_STATUS, r < 6 ? "deceased" : r < 10 ? "transferred_out" :
	    r < 11 ? "left" : "active");
	if (role == 1)
		record_set_text(p, PERSON_POSITION, "Bí thư chi bộ");
	else if (role == 2)
		record_set_text(p, PERSON_POSITION, "Phó Bí thư chi bộ");
	if (record_validate(p, VM_CREATE, &e) != 0 || person_check(p, l->today, &e) != 0 ||
	    person_derive(p) != 0) {
		record_free(p);
		return fail(l, "member of", unit_code, &e);
	}
	if (store_person_create(l->st, p) != ST_OK) {
		record_free(p);
		return fail(l, "member of", unit_code, NULL);
	}
	*out = p->id;
	record_free(p);
	l->people++;
	return 0;
}

static void
remember_first(struct loader *l, const char *code, int64_t person)
{
	if (l->nfirsts == l->capfirsts) {
		l->capfirsts = l->capfirsts ? l->capfirsts * 2 : 256;
		l->firsts = realloc(l->firsts, (size_t)l->capfirsts * sizeof(*l->firsts));
		if (l->firsts == NULL)
			abort();
	}
	snprintf(l->firsts[l->nfirsts].code, sizeof(l->firsts[0].code), "%s", code);
	l->firsts[l->nfirsts++].person_id = person;
}

/* n members (around mean) in unit org; generated cells get a secretary and
 * a deputy, units given in the data get plain members only. */
static int
make_members(struct loader *l, int64_t org, const char *code, int mean, int officers,
    int office)
{
	int n = mean + (int)demo_rng_below(&l->rng, (uint32_t)(mean / 2 + 1)) - mean / 4;
	int64_t id = 0;

	for (int i = 0; i < n; i++) {
		int role = officers ? (i == 0 ? 1 : i == 1 ? 2 : 0) : 0;

		if (make_member(l, org, code, office, role, &id) != 0)
			return -1;
		if (i == (officers ? 2 : 0))
			remember_first(l, code, id);
	}
	return 0;
}

static int
load_orgs(struct loader *l)
{
	for (int i = 0; i < demo_norgs; i++) {
		const struct demo_org *d = &demo_orgs[i];
		const char *from = d->valid_from ? d->valid_from : DEMO_EPOCH;
		int64_t parent = 0, id;
		int mean = d->gen_members > 0 ? d->gen_members : DEFAULT_MEMBERS;
		/* Offices and enterprises (not communes) have civil servants;
		 * wards and towns have street names rather than villages. */
		int commune = strstr(d->name, " xã ") != NULL ||
		    strstr(d->name, " phường ") != NULL || strstr(d->name, " thị trấn ") != NULL;
		int office = strcmp(d->kind, "base_committee") == 0 && !commune;
		int urban = office || strstr(d->name, " phường ") != NULL ||
		    strstr(d->name, " thị trấn ") != NULL;

		if (d->parent != NULL && (parent = org_id(l, d->parent)) == 0) {
			fprintf(stderr, "demo: unit %s: parent %s not found\n", d->code, d->parent);
			return -1;
		}
		long before = l->people, cells_before = l->cells;
		struct tally *t = tally_of(l, d->code);

		if (make_org(l, d->code, d->kind, d->name, parent, from, d->note, &id) != 0)
			return -1;
		if (t != NULL && strcmp(d->kind, "province_committee") == 0)
			t->name = d->name;
		for (int c = 0; c < d->gen_cells; c++) {
			char code[64], place[96], name[160];
			int64_t cell;

			snprintf(code, sizeof(code), "%s.C%02d", d->code, c + 1);
			demo_place(&l->rng, c, urban, place, sizeof(place));
			snprintf(name, sizeof(name), "Chi bộ %s", place);
			if (make_org(l, code, "cell", name, id, from, NULL, &cell) != 0)
				return -1;
			if (make_members(l, cell, code, mean, 1, office) != 0)
				return -1;
			l->cells++;
		}
		if (d->gen_cells == 0 && d->gen_members > 0 &&
		    make_members(l, id, d->code, d->gen_members, 0, office) != 0)
			return -1;
		if (t != NULL) {
			t->people += l->people - before;
			t->cells += l->cells - cells_before;
		}
	}
	return 0;
}

static int
load_people(struct loader *l)
{
	for (int i = 0; i < demo_npeople; i++) {
		const struct demo_person *d = &demo_people[i];
		struct record *p = record_new(&rtypes[RT_PERSON]);
		struct verr e = { 0 };
		int64_t org = org_id(l, d->org);
		char note[64];

		if (org == 0) {
			record_free(p);
			fprintf(stderr, "demo: %s: unit %s not found\n", d->full_name, d->org);
			return -1;
		}
		record_set_text(p, PERSON_FULL_NAME, d->full_name);
		if (d->gender != NULL)
			record_set_text(p, PERSON_GENDER, d->gender);
		record_set_int(p, PERSON_PARTY_MEMBER, 1);
		record_set_int(p, PERSON_KEY_CADRE, d->key_cadre);
		record_set_int(p, PERSON_HEAD, d->head);
		record_set_int(p, PERSON_ORG, org);
		record_set_text(p, PERSON_POSITION, d->position);
		snprintf(note, sizeof(note), "Chức vụ theo bài báo (tư liệu %s)", d->seed);
		record_set_text(p, PERSON_NOTE, note);
		if (record_validate(p, VM_CREATE, &e) != 0 || person_derive(p) != 0 ||
		    store_person_create(l->st, p) != ST_OK) {
			record_free(p);
			return fail(l, "person", d->full_name, &e);
		}
		record_free(p);
		l->people++;
	}
	return 0;
}

static int
load_events(struct loader *l)
{
	for (int i = 0; i < demo_nevents; i++) {
		const struct demo_event *ev = &demo_events[i];
		int64_t id = org_id(l, ev->code), target = 0;
		struct verr e = { 0 };
		int rc;

		if (id == 0 || (ev->target != NULL && (target = org_id(l, ev->target)) == 0)) {
			fprintf(stderr, "demo: event %d: unit %s or %s not found\n", i,
			    ev->code, ev->target ? ev->target : "-");
			return -1;
		}
		switch (ev->kind) {
		case DEMO_MERGE:
			rc = store_org_close(l->st, id, target, ev->date, NULL, &e);
			break;
		case DEMO_CLOSE:
			rc = store_org_close(l->st, id, 0, ev->date,
			    "Giải thể khi tổ chức chính quyền địa phương 2 cấp (01/07/2025)", &e);
			break;
		case DEMO_MOVE:
			rc = store_org_move(l->st, id, target, ev->date, &e);
			break;
		case DEMO_RENAME: {
			struct record *ch = record_new(&rtypes[RT_ORG]);

			ch->id = id;
			record_set_text(ch, ORG_NAME, ev->name);
			rc = store_org_update(l->st, ch, ev->date, &e);
			record_free(ch);
			break;
		}
		default:
			rc = ST_ERROR;
		}
		if (rc != ST_OK)
			return fail(l, "event on", ev->code, rc == ST_INVALID ? &e : NULL);
	}
	return 0;
}

/* A password that is easy to type: three groups of four. */
static void
new_password(char out[15])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
	int k = 0;

	for (int i = 0; i < 12; i++) {
		if (i > 0 && i % 4 == 0)
			out[k++] = '-';
		out[k++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[k] = '\0';
}

static int
load_accounts(struct loader *l, FILE *out)
{
	for (int i = 0; i < demo_naccounts; i++) {
		const struct demo_account *d = &demo_accounts[i];
		struct record *a = record_new(&rtypes[RT_ACCOUNT]), *org = NULL;
		char pw[15], hash[128];
		struct verr e = { 0 };

		if (store_org_by_code(l->st, d->org, &org) != ST_OK) {
			record_free(a);
			fprintf(stderr, "demo: account %s: unit %s not found\n", d->username, d->org);
			return -1;
		}
		new_password(pw);
		record_set_text(a, ACCOUNT_USERNAME, d->username);
		record_set_text(a, ACCOUNT_ROLE, d->role);
		record_set_text(a, ACCOUNT_DISPLAY_NAME, d->display_name);
		record_set_int(a, ACCOUNT_ORG, org->id);
		record_set_int(a, ACCOUNT_DISABLED, 0);
		record_set_text(a, ACCOUNT_PASSWORD, pw);
		if (d->person != NULL && strncmp(d->person, "gen:", 4) == 0) {
			for (int k = 0; k < l->nfirsts; k++)
				if (strcmp(l->firsts[k].code, d->person + 4) == 0)
					record_set_int(a, ACCOUNT_PERSON, l->firsts[k].person_id);
		}
		if (record_validate(a, VM_CREATE, &e) != 0 ||
		    account_check(a, record_text(org, ORG_KIND), &e) != 0 ||
		    auth_password_hash(pw, hash) != 0) {
			record_free(a);
			record_free(org);
			return fail(l, "account", d->username, &e);
		}
		record_unset(a, ACCOUNT_PASSWORD);
		record_set_text(a, ACCOUNT_PW_HASH, hash);
		if (store_insert(l->st, a) != ST_OK) {
			record_free(a);
			record_free(org);
			return fail(l, "account", d->username, NULL);
		}
		if (out != NULL)
			fprintf(out, "%s\t%s\t%s\t%s\n", d->username, pw, d->role,
			    record_text(org, ORG_NAME));
		record_free(a);
		record_free(org);
	}
	return 0;
}

/* The figures of the years with records are kept up to date from the start
 * (store_figures.c), so the first look at them is as fast as the next. */
static int
keep_years(struct store *st, int from, int to, FILE *progress)
{
	bool built;

	if (store_begin(st, true) != ST_OK)
		return -1;
	for (int y = from; y <= to; y++)
		if (store_figures_ensure(st, y, &built) != ST_OK) {
			fprintf(stderr, "demo: figures of %d: %s\n", y, store_errmsg(st));
			store_rollback(st);
			return -1;
		}
	if (store_commit(st) != ST_OK) {
		fprintf(stderr, "demo: commit: %s\n", store_errmsg(st));
		return -1;
	}
	if (progress != NULL)
		fprintf(progress, "demo: figures of %d–%d kept up to date\n", from, to);
	return 0;
}

int
demo_load(struct store *st, bool records, FILE *out, FILE *progress)
{
	struct loader l = { .st = st, .progress = progress };
	struct date d;
	int rc = -1;

	date_from_unix_vn((int64_t)time(NULL), &d);
	date_format(&d, l.today);
	demo_rng_seed(&l.rng, 20230202);	/* the same data set every time */
	if (auth_init() != 0 || store_begin(st, true) != ST_OK)
		return -1;
	if (load_orgs(&l) != 0 || load_people(&l) != 0 || load_events(&l) != 0 ||
	    (records && demo_load_records(st, l.today, progress) != 0) ||
	    load_accounts(&l, out) != 0) {
		store_rollback(st);
		goto out;
	}
	if (store_commit(st) != ST_OK) {
		fprintf(stderr, "demo: commit: %s\n", store_errmsg(st));
		goto out;
	}
	if (records && keep_years(st, DEMO_FIRST_YEAR, d.y, progress) != 0)
		goto out;
	if (progress != NULL) {
		for (int i = 0; i < l.ntally; i++)
			if (l.tally[i].name != NULL && l.tally[i].people > 0)
				fprintf(progress, "demo: %s: %ld chi bộ, %ld người\n",
				    l.tally[i].name, l.tally[i].cells, l.tally[i].people);
		fprintf(progress, "demo: %d units in the data, %ld generated cells, "
		    "%ld people, %d events of the 2025 reorganisation\n",
		    demo_norgs, l.cells, l.people, demo_nevents);
	}
	rc = 0;
out:
	free(l.firsts);
	return rc;
}
