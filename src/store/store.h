/*
 * store.h — persistence behind one interface.  Every SQL string of lamtheo
 * lives under src/store/; callers see records, lists and return codes.
 *
 * A struct store is one database connection and is used by one thread at a
 * time (the server keeps one per worker thread).  SQLite is the embedded
 * backend (WAL, foreign keys, synchronous=FULL: a committed write survives a
 * crash or power loss).  SQL is written in the subset PostgreSQL also
 * accepts ($1 parameters, ON CONFLICT, ISO dates as text) so a libpq backend
 * can implement store_db.h without touching the queries.
 *
 * Functions return enum store_rc: ST_OK (0) or an error; on error the
 * database is unchanged by that call, and callers inside a transaction
 * roll it back.  Dates are ISO "YYYY-MM-DD" strings.
 */
#ifndef LAMTHEO_STORE_H
#define LAMTHEO_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/core.h"

struct store;

enum store_rc {
	ST_OK = 0,
	ST_NOTFOUND,	/* no such row */
	ST_EXISTS,	/* a unique value is taken; store_errfield() names it */
	ST_INVALID,	/* a domain rule failed; the verr says which */
	ST_BUSY,	/* the database stayed locked past the busy timeout */
	ST_ERROR,	/* anything else; store_errmsg() says what */
};

/* Opens (creating if needed) the database at path.  NULL on failure with a
 * message in err.  The caller closes with store_close(). */
struct store *store_open(const char *path, char *err, size_t errlen);
void store_close(struct store *st);

/* Applies pending migrations, all in one transaction.  Returns ST_OK; the
 * version reached goes to *version (may be NULL). */
int store_migrate(struct store *st, int *version);

/* Transactions.  store_begin(st, true) takes the write lock at once
 * (BEGIN IMMEDIATE) so a read-then-write never deadlocks. */
int store_begin(struct store *st, bool write);
int store_commit(struct store *st);
/* Ends a transaction as its work went: commits when rc is ST_OK (then the
 * commit's result), else rolls back and returns rc. */
int store_end(struct store *st, int rc);

/* How many write transactions have been committed to the database (by any
 * process): an answer computed at generation g is still true while it is g. */
int store_generation(struct store *st, int64_t *gen);
/* The same and, in the same read, the access generation: raised by any
 * change to who may see what (an account, a session ended, a unit moved or
 * merged: migration 9's triggers, whoever writes). */
int store_generations(struct store *st, int64_t *data, int64_t *access);
void store_rollback(struct store *st);

/*
 * Group commit (src/api/api_write.c): one write transaction that the
 * requests of a group share.  Between store_group_begin and
 * store_group_commit, a request's store_begin/store_commit/store_rollback
 * are a savepoint, its release and its rollback: a refused request undoes
 * only its own changes.  store_group_commit brings the figures up to date
 * once for the whole group, raises the generation once and commits; on
 * failure everything of the group is rolled back.  store_group_alive says
 * whether the group's transaction is still open (an I/O error or a full
 * disk can end it in the middle of a request).
 */
int store_group_begin(struct store *st);
/* The WAL is copied back into the database by store_checkpoint, called
 * from another thread, rather than by a commit of this connection (the
 * writer's commits then never wait for a checkpoint's fsync). */
int store_manual_checkpoints(struct store *st);
/* Copies what the WAL holds into the database, without waiting for or
 * blocking anyone (a passive checkpoint). */
int store_checkpoint(struct store *st);
int store_group_commit(struct store *st);
void store_group_rollback(struct store *st);
bool store_group_alive(struct store *st);

/* The account whose changes follow (created_by, updated_by, audit rows);
 * 0 for the system (demo loader, command line). */
void store_set_actor(struct store *st, int64_t account_id);

const char *store_errmsg(const struct store *st);
const char *store_errfield(const struct store *st);

/* ---- store_record.c: any record type, driven by its description -------- */

/* Loads record id of type t into *out (the caller frees with record_free). */
int store_get(struct store *st, enum rtype_id t, int64_t id, struct record **out);

/* Inserts every set or null column of r; sets r->id, created_at, updated_at. */
int store_insert(struct store *st, struct record *r);

/* Updates the set or null columns of r (row r->id) and updated_at. */
int store_update(struct store *st, struct record *r);

/* Marks record id of type t deleted (deleted true) or not.  ST_NOTFOUND
 * when there is no such record. */
int store_set_deleted(struct store *st, const struct rtype *t, int64_t id, bool deleted);

/* Deletes record id of type t for good (child records such as attendance). */
int store_delete(struct store *st, const struct rtype *t, int64_t id);

/* The unit a record belongs to (its org field, or its parent's). */
int store_record_unit(struct store *st, const struct record *r, int64_t *org_id);

/* ---- store_list.c: lists of any generic record type -------------------- */

#define LIST_MAX_EQ 8

struct list_query {
	const struct rtype *t;
	const struct scope *scope;	/* required: only records whose unit is in it */
	const char *inherit_path;	/* RF_INHERITED types: the account's unit path */
	const char *org_path;		/* optional: only this subtree */
	int64_t parent_id;		/* child types: the parent */
	int64_t only_person;		/* members: only records about this person */
	const char *qfold;		/* folded search text */
	struct {
		int field;		/* index in t->fields */
		const char *text;	/* value (text, or integer as text) */
	} eq[LIST_MAX_EQ];
	int neq;
	int sort_field;			/* -1: t->default_sort */
	bool desc;
	bool deleted;			/* the deleted records instead of the live ones */
	const char *due_before;		/* types with due_date: due on or before this day */
	const char *stale_before;	/* pledges: no sign of life (accepted, checked in) since */
	int page, per_page;
};

/* One page of the records matching q; out->total counts all matches. */
int store_list(struct store *st, const struct list_query *q, struct record_list *out);

/* How many records matching q have each value of field f (at most cap
 * values, most frequent first).  Values are copied into val[i] (64 bytes). */
int store_list_facet(struct store *st, const struct list_query *q, int f,
    char val[][64], int64_t *count, int cap, int *n);

/* Number of live child records of type child under parent_id. */
int store_count_children(struct store *st, const struct rtype *child, int64_t parent_id,
    int64_t *n);

/* The active entries of catalog list `list` as the rules' bands
 * (rule_ctx_bands). */
int store_catalog_bands(struct store *st, const char *list, struct rule_ctx *ctx);

/* The entry code of the configurable list `list` (catalog_item). */
int store_catalog_item(struct store *st, const char *list, const char *code,
    struct record **out);

/* ---- store_indicator.c: the figures ------------------------------------- */

/* The scope of unit org_id for a year: the paths it and the units merged
 * into it (transitively) had during the year — the tree of that year.  An
 * empty scope when none of them stood that year. */
int store_scope_for_year(struct store *st, int64_t org_id, int year, struct scope *out);

/* The same without the units merged into it: only its own tree of that year
 * (what reported to it that year: the year reports). */
int store_scope_own_year(struct store *st, int64_t org_id, int year, struct scope *out);

/* Indicator id over the units that stood inside sc (a store_scope_for_year)
 * during year (Σ over the whole scope): the kept figure when the year is
 * kept (store_figures.c), otherwise computed from the records. */
int store_indicator(struct store *st, enum indicator_id id, const struct scope *sc,
    int year, struct ind_value *out);

/* The same figure always computed from the records. */
int store_indicator_live(struct store *st, enum indicator_id id, const struct scope *sc,
    int year, struct ind_value *out);

/* What each unit's own records add to indicator id in year: fn(arg, unit,
 * value) for every unit with any, in unit order; only the units listed in
 * table units (figure_dirty, figure_settle) unless it is NULL.  fn returns
 * non-zero to stop (ST_ERROR). */
int store_indicator_units(struct store *st, enum indicator_id id, int year, const char *units,
    int (*fn)(void *arg, int64_t org_id, const struct ind_value *v), void *arg);

/* The same for a dated figure (indicator_dated) per unit and month of its
 * records' day: fn(arg, unit, month 1 … 12, value) in that order.  Its
 * quarters and months add up to the year, except where store_indicator_any:
 * there a unit counts (num 1, den 0) in each month one of its records of
 * that month makes it count, in a quarter when it counts in one of its
 * months, and the denominator is the year's. */
int store_indicator_months(struct store *st, enum indicator_id id, int year, const char *units,
    int (*fn)(void *arg, int64_t org_id, int month, const struct ind_value *v), void *arg);
bool store_indicator_any(enum indicator_id id);

/* Do the children of a changed record (merged: as it would be stored; change:
 * the fields set) still pass their type's check against it?  ST_OK,
 * ST_INVALID with *ve (on the first date the change sets), or an error.  What
 * the API and the import both ask before changing a parent. */
int store_children_fit(struct store *st, const struct record *merged, const struct record *change,
    struct verr *ve);

/* ---- store_results.c: the surveys and the emulation metrics ------------- */

/* One answer of one question over the surveys of a tree and year. */
struct survey_share {
	char question[1024], label[512];
	int64_t count;		/* Σ of this answer */
	int64_t answered;	/* Σ people who answered the question */
	int64_t surveys;	/* surveys that asked it */
};

/* The answers of every question asked in sc's surveys of year (dated in
 * sc's span when it has one), questions in the order first asked, answers
 * in their order.  The caller frees *out with free(). */
int store_survey_shares(struct store *st, const struct scope *sc, int year,
    struct survey_share **out, int *n);

/* One metric of the catalogue summed over a tree, year and period. */
struct metric_sum {
	char code[64], label_vi[256], label_en[256], kind[16], unit[64];
	int64_t total;		/* Σ of the values */
	int64_t units;		/* units that reported one */
};

/* Every metric of the catalogue (the active ones and any with a value),
 * summed over sc for year and period ("year", "q1" … "m12").  The caller
 * frees *out with free(). */
int store_metric_sums(struct store *st, const struct scope *sc, int year, const char *period,
    struct metric_sum **out, int *n);

/* ---- store_figures.c: the figures kept up to date ------------------------ */

/* Unit org_id's kept figure ind (an indicator name) of year: ST_NOTFOUND
 * when the year is not kept or a change is pending. */
int store_figure_kept(struct store *st, int64_t org_id, int year, const char *ind,
    struct ind_value *out);

/* Is year kept? */
bool store_figures_kept(struct store *st, int year);

/* Starts keeping year (in the caller's write transaction): computes every
 * unit's figures of it; *built tells whether it was not kept yet. */
int store_figures_ensure(struct store *st, int year, bool *built);

/* Brings the kept figures up to date with the writes of the transaction
 * (store_commit calls it). */
int store_figures_flush(struct store *st);

/* The tree changed from from_year on (a unit moved or closed that year;
 * 0: every year — a merge): the commit rebuilds the rollups of the kept
 * years it reaches. */
int store_figures_tree_changed(struct store *st, int from_year);

/* The kept years, in order. */
int store_figures_years(struct store *st, int *years, int cap, int *n);

/* ---- store_figures_build.c: a year built beside the writes -------------- */

/* Runs fn(st, arg) in a write transaction of the caller's (the server's
 * writer, a transaction of the command line) and returns what it returned,
 * or the error of the transaction. */
typedef int (*store_write_fn)(void *wctx, int (*fn)(struct store *st, void *arg), void *arg);
/* How far the build of year is (0–100); false to stop it. */
typedef bool (*store_progress_fn)(void *parg, int year, int percent);

/* Builds the kept figures of year: reads the records on rd (a connection
 * of its own, outside any transaction) and writes through write, a few
 * thousand rows at a time (chunk_rows; 0: BUILD_CHUNK_ROWS).  *kept: the
 * year is kept now (also when it was already).  ST_OK without *kept: the
 * build was started again elsewhere, or stopped. */
int store_figures_build(struct store *rd, int year, int chunk_rows, store_write_fn write,
    void *wctx, store_progress_fn progress, void *parg, bool *kept);

/* The years being built (started and not yet kept), newest first. */
int store_figures_building(struct store *st, int *years, int cap, int *n);

/* Units noted as touched and not yet brought up to date: none after a
 * lamtheo write; some after a write that bypassed lamtheo (sqlite3 by hand,
 * a restore). */
int store_figures_pending(struct store *st, int64_t *units);

/* (In a write transaction.)  Brings the pending units up to date: a few
 * are flushed now; many, or a change of the tree, make every kept year one
 * to build again (years, *n: those years). */
int store_figures_adopt(struct store *st, int *years, int cap, int *n);

/* Is year kept, with nothing pending (its kept figures are the answer)? */
bool store_figures_ready(struct store *st, int year);

/* Changes made on this connection since it was opened. */
int64_t store_changes(struct store *st);

/* Recomputes every figure of a kept year from the records and reports each
 * difference from the kept one (what: "tally" — a unit's own records —,
 * "rollup" — its whole tree, from the tallies — or "live" — the whole
 * figure computed by store_indicator_live, for the units down to
 * live_depth (-1: none) and those under the path live_under (NULL: none)). */
typedef void (*store_figures_report_fn)(void *arg, int year, int64_t org_id, const char *ind,
    const char *what, const struct ind_value *kept, const struct ind_value *now);
int store_figures_check(struct store *st, int year, int live_depth, const char *live_under,
    store_figures_report_fn report, void *arg, int64_t *differences);

/* A record in a list of findings: the records behind a figure, the records
 * a data-quality check finds. */
struct store_hit {
	int64_t id, org_id;
	char title[256], org_name[256];
	bool counted;		/* behind a rate: in its numerator */
};

/* One page of the records behind figure id for scope sc (a
 * store_scope_for_year) and year: the rows of its denominator in the
 * numerator (IW_COUNTED), not in it (IW_MISSING), or all; a count has only
 * IW_ALL.  *total counts them all; the caller frees *out with free().
 * visible (NULL: every unit): only the rows of units inside it today are
 * listed and counted in *total; *hidden counts the others. */
int store_indicator_rows(struct store *st, enum indicator_id id, const struct scope *sc,
    int year, enum ind_which which, const struct scope *visible, int page, int per_page,
    struct store_hit **out, int *n, int64_t *total, int64_t *hidden);

/* ---- store_quality.c: suspicious records -------------------------------- */

/* One page of the records check id finds in scope sc (a
 * store_scope_for_year) for year; *total counts them all.  The caller frees
 * *out with free(). */
int store_quality(struct store *st, enum quality_id id, const struct scope *sc, int year,
    const char *today, int page, int per_page, struct store_hit **out, int *n,
    int64_t *total);

/* ---- store_year.c: year reports ----------------------------------------- */

/* The report of unit org_id for year; ST_NOTFOUND when it has none (open). */
int store_year_report(struct store *st, int64_t org_id, int year, struct record **out);

/* Its status only (YST_OPEN when none): what locks a record. */
int store_year_status(struct store *st, int64_t org_id, int year, enum year_status *out);

/* The units that stood directly under org_id during year (where each stood
 * last that year), by path: those that report to it. */
int store_year_units(struct store *st, int64_t org_id, int year, struct record_list *out);

/* The unit org_id stood under at the end of year (0: none, the root). */
int store_year_parent(struct store *st, int64_t org_id, int year, int64_t *parent_id);

/* What the units of org_id's own tree of year (store_scope_own_year: not
 * the units merged into it) entered for year: kept counts, or from the
 * records. */
struct year_counts {
	int64_t units;		/* units open during the year */
	int64_t submitted;	/* of which submitted or approved */
	int64_t approved;
	int64_t pledges;	/* filed (not draft) */
	int64_t meetings;	/* cell meetings */
};
int store_year_counts(struct store *st, int64_t org_id, int year, struct year_counts *out);

/* ---- store_audit.c: who changed what ------------------------------------ */

struct audit_row {
	int64_t id, record_id, account_id, at;
	char rtype[32];
	char action[24];
	char *before, *after;	/* JSON text or NULL */
};

/* Appends an audit row for record id of type t (before/after: JSON text or
 * NULL), stamped with the actor; in the caller's transaction.  A child
 * record's row names its parent (parent_id > 0), whose history shows it. */
int store_audit_add(struct store *st, const struct rtype *t, int64_t id,
    int64_t parent_id, const char *action, const char *before, const char *after);

/* The audit rows of a record and of its children, oldest first.  Free with
 * store_audit_free(). */
int store_audit_list(struct store *st, const struct rtype *t, int64_t id,
    struct audit_row **out, int *n);
/* The audit row of an import (rtype and action "import", record_id org_id:
 * the unit of the account that imported, 0 for the command line; after:
 * the JSON summary, which names the type imported), stamped with the
 * actor, in the caller's transaction.  It is the import's own row, in no
 * record's history: filed under a record type, it would show in that of
 * the record of the type whose id is the unit's. */
int store_audit_import(struct store *st, int64_t org_id, const char *summary);
void store_audit_free(struct audit_row *rows, int n);

/* ---- store_org.c: the organisation tree with its history -------------- */

/* One period of a unit's life: where it sat and what it was called. */
struct org_period {
	int64_t parent_id;
	char *name;
	char valid_from[11];
	char valid_to[11];	/* "" while open */
};

int store_org_by_code(struct store *st, const char *code, struct record **out);

/*
 * Creates a unit from a validated record (code, kind, name, parent_id,
 * valid_from default today, note): checks the tree rules against the parent
 * (org_check_create), fills path, depth and search key, and opens its first
 * period.  ST_INVALID with *e on a rule, ST_EXISTS when the code is taken.
 */
int store_org_create(struct store *st, struct record *org, const char *today,
    struct verr *e);

/* Applies a validated change (name, code, note) to unit change->id.  A new
 * name starts a new period on date. */
int store_org_update(struct store *st, struct record *change, const char *date,
    struct verr *e);

/* Moves unit id (and its subtree) under new parent from date on. */
int store_org_move(struct store *st, int64_t id, int64_t parent_id,
    const char *date, struct verr *e);

/*
 * Closes unit id on date.  With successor_id > 0 it is a merge: the
 * successor is recorded and the unit's open children move under it.  Without
 * one, the unit must have no open children (RULE_HAS_CHILDREN).
 */
int store_org_close(struct store *st, int64_t id, int64_t successor_id,
    const char *date, const char *note, struct verr *e);

/* Children of parent as they stood on as_of (name and place of that date).
 * as_of NULL means today's tree; include_closed adds children that closed
 * before today. */
int store_org_children(struct store *st, int64_t parent_id, const char *as_of,
    const char *today, bool include_closed, struct record_list *out);

/* Units of the scope whose search key contains qfold (already folded),
 * ordered by depth then name, paginated (1-based page); out->total counted. */
/* Units under the scope's paths, counted up to limit + 1. */
int store_scope_units(struct store *st, const struct scope *sc, int64_t limit, int64_t *n);

int store_org_search(struct store *st, const struct scope *sc, const char *qfold,
    int page, int per_page, struct record_list *out);

/* Ancestors of a unit from the root down (not the unit itself). */
int store_org_ancestors(struct store *st, const struct record *org,
    struct record_list *out);

/* Units merged into id (successor_id = id), by closing date. */
int store_org_predecessors(struct store *st, int64_t id, struct record_list *out);

/* Every period of unit id, oldest first.  The caller frees with
 * store_org_periods_free(). */
int store_org_periods(struct store *st, int64_t id, struct org_period **out, int *n);
void store_org_periods_free(struct org_period *p, int n);

/* Units open on as_of directly under org whose current place is in the
 * scope sc (so the count matches what a listing shows), and the active
 * people whose unit is in org's subtree today (when people is not NULL). */
int store_org_counts(struct store *st, const struct record *org, const char *as_of,
    const struct scope *sc, int64_t *children, int64_t *people);

/* The scope of an account whose unit is org_id: that subtree plus, repeatedly,
 * the subtrees of units merged into anything already in the scope. */
int store_scope_load(struct store *st, int64_t org_id, struct scope *out);

/* ---- store_person.c ---------------------------------------------------- */

enum person_sort { PSORT_NAME, PSORT_BIRTH_YEAR, PSORT_PARTY_JOINED, PSORT_CODE, PSORT__MAX };

struct person_query {
	const struct scope *scope;	/* required: only people in these subtrees */
	const char *org_path;		/* optional: only this subtree (already checked in scope) */
	const char *qfold;		/* optional: folded search text (name contains, or code equals qraw) */
	const char *qraw;
	const char *status;		/* optional */
	int64_t only_id;		/* optional: just this person (members see themselves) */
	enum person_sort sort;
	bool desc;
	int page, per_page;
};

/* The people matching q, one page in the requested order; out->total is
 * the number of matches. */
int store_person_list(struct store *st, const struct person_query *q,
    struct record_list *out);

int store_person_by_code(struct store *st, const char *code, struct record **out);

/* Path of the unit person id belongs to (for scope checks), into buf[128]. */
int store_person_path(struct store *st, int64_t id, char *buf, size_t cap);

/* Inserts a validated, derived person; generates code "DV" + id when absent. */
int store_person_create(struct store *st, struct record *p);

/* Moves person id to unit to_org on date, recording the transfer. */
int store_person_transfer(struct store *st, int64_t id, int64_t to_org,
    const char *date, const char *note, int64_t account_id);

/* Date of the person's latest transfer into buf[11] ("" when none). */
int store_person_last_transfer(struct store *st, int64_t id, char last[11]);

struct transfer {
	char date[11];
	int64_t from_org, to_org;
	char *note;
};
int store_person_transfers(struct store *st, int64_t id, struct transfer **out, int *n);
void store_transfers_free(struct transfer *t, int n);

/* ---- store_account.c --------------------------------------------------- */

int store_account_by_username(struct store *st, const char *username,
    struct record **out);

/* Accounts whose username or display name contains qfold (may be NULL)
 * and whose unit is inside scope sc (NULL: every unit). */
int store_account_list(struct store *st, const struct scope *sc, const char *qfold, int page,
    int per_page, struct record_list *out);

/* Sets the password hash of account id. */
int store_account_set_password(struct store *st, int64_t id, const char *hash);

/* ---- store_io.c: bulk import and export --------------------------------- */

/* Appends to out the records of key->type whose fields fields[0..n) equal
 * those of key (a field key holds null or absent matches NULL), deleted ones
 * included, oldest first. */
int store_find(struct store *st, const struct record *key, const int *fields, int n,
    struct record_list *out);

/*
 * Calls fn on every live record of type t (units, people, or a type with a
 * unit field) whose unit is in the subtree at org_path (NULL: everywhere),
 * of the given year when t has a "year" field (0: every year): units in
 * path order (a parent before the units under it), others by id.  The
 * record is freed when fn returns; fn returns 0 to go on, non-zero to stop
 * (then ST_ERROR).
 */
int store_each(struct store *st, const struct rtype *t, const char *org_path, int year,
    int (*fn)(void *arg, const struct record *r), void *arg);



/* Turns SQLite's foreign key checks of this connection off or back on.
 * Only outside a transaction (SQLite ignores it inside one): for an
 * import that checks every reference it writes itself.  ST_OK or an error. */
int store_foreign_keys(struct store *st, bool on);

/*
 * For a load of a large file by the only connection to the database: the
 * rollback journal instead of the WAL (on) until the load is committed,
 * then the WAL again (off).  With the WAL every page of a load is written
 * twice, into the WAL and then, by the checkpoint, into the database; with
 * a journal, pages the load appends to the file are written once, and only
 * the few pages that were already there are copied into the journal first
 * (as safe: SQLite rolls a journal left by a crash back on the next open).
 * Only outside a transaction.  on: 1 switched, 0 not (another connection
 * has the database open, or it is not in WAL mode: nothing changed), -1 on
 * an error.  off: ST_OK or an error.
 */
int store_bulk_journal(struct store *st, bool on);

/* A bulk write (an import): one transaction, one writer. */
#define STORE_BULK_DEFERRED 8
struct store_bulk {
	int64_t now;			/* the time stamp of the rows written */
	int64_t next_person;		/* the id the next person gets */
	int64_t people;			/* people in the table when it began */
	int ndeferred;			/* indexes and triggers dropped until store_bulk_end */
	char *deferred[STORE_BULK_DEFERRED];	/* their CREATE statements */
	char deferred_drop[STORE_BULK_DEFERRED][96];
	bool notes_orgs;		/* the figures' trigger is replaced by orgs[] */
	int64_t search_from;		/* > 0: the search trigger too, for the ids from it */
	char **words;			/* the words of their names (a set) */
	size_t words_cap, nwords;
	int64_t *orgs, last_org;	/* the units of the people inserted (a set) */
	size_t orgs_cap, norgs;
	struct q *insert_q, *code_q;	/* statements kept for the whole load */
	bool begun;			/* store_bulk_begin changed the pragmas below */
	int64_t cache_size, temp_store;	/* the connection's, given back at the end */
};

/* Begins a bulk write in the caller's write transaction: a larger page
 * cache, and the state below.  ST_OK or an error; *b is always set (and
 * store_bulk_end must follow). */
int store_bulk_begin(struct store *st, struct store_bulk *b);

/* The id of the person with this code; ST_NOTFOUND when none. */
int store_person_code_id(struct store *st, struct store_bulk *b, const char *code,
    int64_t *id);

/* Inserts a validated, derived person with every column in one prepared
 * statement (absent flags 0, status active); sets p->id to the id it
 * hands out: the largest + 1, as SQLite would, but without a RETURNING
 * (whose result table SQLite builds for every row). */
int store_person_insert_bulk(struct store *st, struct store_bulk *b, struct record *p);

/*
 * For a load of many people: drops the plain (not unique) indexes of person
 * inside the transaction, to be built again, sorted, by store_bulk_end
 * (many rows are written much faster without them), and the trigger that
 * notes each new person's unit for the kept figures (it costs a statement
 * journal per row): store_person_insert_bulk notes the units instead and
 * store_bulk_end writes each one once.  ST_OK or an error (then roll back).
 */
int store_bulk_defer_person(struct store *st, struct store_bulk *b);

/* Ends a bulk write: when rebuild, notes the units and builds the deferred
 * indexes and triggers again, in the transaction, before its commit (not
 * needed before a rollback); then the usual page cache.  ST_OK or an error
 * (then roll back). */
int store_bulk_end(struct store *st, struct store_bulk *b, bool rebuild);

/* ---- store_session.c --------------------------------------------------- */

struct session_row {
	int64_t id;
	int64_t account_id;
	char csrf[48];
	int64_t created_at, expires_at, last_seen;
};

/* ip and user_agent may be NULL. */
int store_session_create(struct store *st, const char *token_hash,
    int64_t account_id, const char *csrf, int64_t now, int64_t expires_at,
    const char *ip, const char *user_agent);

/* The live session of token_hash (not expired at now, not idle longer than
 * idle_s).  It writes nothing: the caller notes the use with
 * store_session_touch (the server's writer does, api_write.c). */
int store_session_touch(struct store *st, const char *token_hash, int64_t when);
int store_session_get(struct store *st, const char *token_hash, int64_t now,
    int64_t idle_s, struct session_row *out);
int store_session_delete(struct store *st, const char *token_hash);
/* Deletes every session of an account (password change, disabling). */
int store_session_delete_account(struct store *st, int64_t account_id);
/* Deletes every session of an account but the one of keep_hash. */
int store_session_delete_others(struct store *st, int64_t account_id, const char *keep_hash);
/* Deletes session id of account_id: ST_NOTFOUND when it has none such. */
int store_session_delete_id(struct store *st, int64_t account_id, int64_t id);
/* Expired sessions, old failed log-ins and expired log-in tickets. */
int store_session_purge(struct store *st, int64_t now);

/* A session as an administrator sees it (never its token or digest). */
struct session_info {
	int64_t id;
	int64_t created_at, expires_at, last_seen;
	char ip[64];
	char user_agent[SESSION_AGENT_MAX + 1];
	bool current;		/* the one whose digest was given as mine */
};
/* The live sessions of account_id (as store_session_get), newest first, at
 * most max into out; *n their number.  mine: the asking session's digest. */
int store_session_list(struct store *st, int64_t account_id, int64_t now, int64_t idle_s,
    const char *mine, struct session_info *out, int max, int *n);

/* ---- store_totp.c: the second factor ----------------------------------- */

struct totp_row {
	bool enabled;			/* secret is on */
	unsigned char secret[TOTP_SECRET_BYTES];
	int64_t enabled_at, last_step;	/* last_step: the last code's time step */
	bool pending;			/* an enrolment under way */
	unsigned char pending_secret[TOTP_SECRET_BYTES];
	int64_t pending_at;
};
/* The second factor of account_id: ST_NOTFOUND when it has none at all. */
int store_totp_get(struct store *st, int64_t account_id, struct totp_row *out);
/* Begins (or begins again) an enrolment with secret; an enabled secret
 * stays on until the new one is confirmed. */
int store_totp_begin(struct store *st, int64_t account_id,
    const unsigned char secret[TOTP_SECRET_BYTES], int64_t now);
/* The pending secret becomes the account's, its first code's step noted. */
int store_totp_enable(struct store *st, int64_t account_id, int64_t step, int64_t now);
/* Notes that a code of step was accepted: ST_NOTFOUND when a code of that
 * step or a later one was already (the same code sent twice at once). */
int store_totp_used(struct store *st, int64_t account_id, int64_t step);
/* Removes the second factor, its recovery codes and log-in tickets. */
int store_totp_delete(struct store *st, int64_t account_id);

/* Replaces the account's recovery codes by the n digests given. */
int store_recovery_replace(struct store *st, int64_t account_id, char (*hashes)[65], int n,
    int64_t now);
/* Uses the unused recovery code of that digest: ST_NOTFOUND when none. */
int store_recovery_use(struct store *st, int64_t account_id, const char *hash, int64_t now);
/* Recovery codes not used yet. */
int store_recovery_left(struct store *st, int64_t account_id, int64_t *n);

/* Log-in tickets: between the password and the second step (kind "totp"),
 * or the enrolment an administrator must make first ("enrol"). */
int store_ticket_create(struct store *st, const char *ticket_hash, int64_t account_id,
    const char *kind, int64_t now, int64_t expires_at);
/* The live ticket: its account and kind ("totp" or "enrol"). */
int store_ticket_get(struct store *st, const char *ticket_hash, int64_t now,
    int64_t *account_id, char kind[8]);
int store_ticket_delete(struct store *st, const char *ticket_hash);

/* Failed log-ins: kind "account" or "ip". */
int store_login_failure_add(struct store *st, const char *kind, const char *key,
    int64_t now);
/* Failures since `since`, and the time of the oldest of them. */
int store_login_failures(struct store *st, const char *kind, const char *key,
    int64_t since, int64_t *count, int64_t *oldest);
int store_login_failures_clear(struct store *st, const char *kind, const char *key);

#endif
