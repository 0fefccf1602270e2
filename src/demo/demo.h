/*
 * demo.h — the demo data set: one province and its neighbours as the seed
 * articles describe them (2021–2023), the 1/7/2025 reorganisation, and
 * generated members.  Names after 2025 that the seeds do not give are
 * illustrative (marked so in the data).
 *
 * demo_data.c holds the tables (no logic), demo_names.c the name generator,
 * demo_load.c writes them through the store.
 */
#ifndef LAMTHEO_DEMO_H
#define LAMTHEO_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct store;

/* A unit of the tree as it stood before the reorganisation, or one created by it. */
struct demo_org {
	const char *code;	/* unique, e.g. "TB.TT.THT" */
	const char *parent;	/* parent's code; NULL only for the national root */
	const char *kind;	/* org_kind_names[]: "province_committee", "cell", ... */
	const char *name;	/* full Vietnamese name, e.g. "Đảng bộ xã Thụy Hải" */
	const char *valid_from;	/* ISO date; NULL = DEMO_EPOCH */
	int gen_cells;		/* base committees: cells to generate under it (0 = none) */
	int gen_members;	/* mean members per generated cell (0 = default 25); with
				 * gen_cells 0, members attached to the unit itself */
	const char *note;	/* NULL, or e.g. "Tên minh họa" for invented names */
};

enum demo_event_kind {
	DEMO_MERGE,	/* close `code` on `date`, successor `target`, its open children move to target */
	DEMO_CLOSE,	/* close `code` on `date` (no successor; must have no open children) */
	DEMO_MOVE,	/* move `code` under `target` on `date` */
	DEMO_RENAME,	/* rename `code` to `name` on `date` */
};

/* Something that happened to the tree, applied in table order after all units exist. */
struct demo_event {
	const char *date;
	enum demo_event_kind kind;
	const char *code;
	const char *target;	/* MERGE: successor; MOVE: new parent */
	const char *name;	/* RENAME */
};

/* A person the seeds name, with the post the article gives (nothing else). */
struct demo_person {
	const char *full_name;
	const char *org;	/* code of the unit they belong to */
	const char *position;	/* post as written in the seed */
	const char *gender;	/* "male" only when the article says "Ông"; else NULL */
	int key_cadre;
	int head;
	const char *seed;	/* which article: "000" ... "004" */
};

/* A demo log-in; the password is generated when the database is created. */
struct demo_account {
	const char *username;
	const char *role;	/* role_names[] */
	const char *org;	/* unit code */
	const char *display_name;
	const char *person;	/* for member accounts: "gen:<cell code>" = first generated member of that cell */
};

#define DEMO_EPOCH "1975-01-01"
#define DEMO_REORG_DATE "2025-07-01"

extern const struct demo_org demo_orgs[];
extern const int demo_norgs;
extern const struct demo_event demo_events[];
extern const int demo_nevents;
extern const struct demo_person demo_people[];
extern const int demo_npeople;
extern const struct demo_account demo_accounts[];
extern const int demo_naccounts;

/* demo_names.c: a deterministic generator of realistic Vietnamese people. */
struct demo_rng {
	uint64_t s;
};
void demo_rng_seed(struct demo_rng *r, uint64_t seed);
uint32_t demo_rng_next(struct demo_rng *r);
/* Uniform in [0, n). */
uint32_t demo_rng_below(struct demo_rng *r, uint32_t n);

/*
 * Writes a generated full name ("Nguyễn Thị Thu Hà") of the given gender
 * (0 male, 1 female) into buf, drawing the family name by its real frequency
 * (Nguyễn ~38%, Trần, Lê, Phạm, Hoàng/Huỳnh, Vũ/Võ, Phan, Trương, Bùi, Đặng,
 * Đỗ, Ngô, Hồ, Dương, Đinh …), a middle name typical of the gender and a given
 * name typical of the gender.  NFC UTF-8.
 */
void demo_name(struct demo_rng *r, int female, char *buf, size_t cap);

/* A village (thôn/xóm/tổ dân phố) name for the n-th generated cell of a
 * commune: "Thôn Đông", "Thôn An Lạc", "Tổ dân phố số 3" … into buf. */
void demo_place(struct demo_rng *r, int n, int urban, char *buf, size_t cap);

/*
 * Creates the demo data set in an empty, migrated store: the tree, the events,
 * the seeds' people, generated members, the campaign's records when records
 * is true (demo_records.c), and the demo accounts with fresh
 * random passwords, which are written to out (one line per account:
 * "username<TAB>password<TAB>role<TAB>unit name").  Progress goes to
 * progress (may be NULL).  Returns 0 or -1 (nothing is kept on failure).
 */
int demo_load(struct store *st, bool records, FILE *out, FILE *progress);

/*
 * demo_records.c: the campaign records of 2021, 2022, 2023 and the year of
 * today (ISO date) — topics, plans, pledges, meetings, issues, petitions,
 * models, inspections, evaluations, awards, the survey, emulation figures —
 * at the proportions the seeds report, built and validated as the API would.
 * Called inside demo_load's transaction after the tree, people and events
 * exist.  Returns 0 or -1 (the caller rolls back).
 */
int demo_load_records(struct store *st, const char *today, FILE *progress);

/* The first year of the records (their figures are kept from it to today's). */
#define DEMO_FIRST_YEAR 2021

#endif
