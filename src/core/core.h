/*
 * core.h — the domain of lamtheo: dates, the one description of every record
 * type, validation, the organisation tree's rules, people's rules, roles and
 * scopes, passwords and session tokens.
 *
 * core does no I/O: no files, no sockets, no clock (callers pass "today"),
 * no database.  It depends only on the text layer and libsodium.
 */
#ifndef LAMTHEO_CORE_H
#define LAMTHEO_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "limits.h"

/* ---- core_date.c: calendar dates as ISO-8601 "YYYY-MM-DD" ---------------- */

struct date {
	int y, m, d;
};

/* Parses a strict "YYYY-MM-DD" real calendar date between DATE_MIN_YEAR and
 * DATE_MAX_YEAR.  Returns 0, or -1 (out unchanged). */
int date_parse(const char *iso, struct date *out);

/* Parses "dd/mm/yyyy" (one-digit day and month allowed).  0 or -1. */
int date_parse_vn(const char *dmy, struct date *out);

/* Writes "YYYY-MM-DD" into buf (11 bytes). */
void date_format(const struct date *d, char buf[11]);

/* <0, 0, >0.  ISO strings also compare correctly with strcmp. */
int date_cmp(const struct date *a, const struct date *b);

/* Day count since 1970-01-01 (may be negative) and back. */
int64_t date_days(const struct date *d);
void date_from_days(int64_t days, struct date *out);

/* Today in UTC+7 (Viet Nam) for a given Unix time: pure arithmetic. */
void date_from_unix_vn(int64_t unix_time, struct date *out);

/* A part of a year (core_measure.c): the figures of a quarter or a month,
 * the emulation metrics' periods. */
enum period {
	PERIOD_YEAR, PERIOD_Q1, PERIOD_Q2, PERIOD_Q3, PERIOD_Q4, PERIOD_M01,
	PERIOD_M12 = PERIOD_M01 + 11, PERIOD__MAX
};
extern const char *const period_names[PERIOD__MAX + 1];	/* "year", "q1" … "m12" */

/* The first and last day of period p of year. */
void period_span(enum period p, int year, struct date *from, struct date *to);

/* ---- core_model.c: the one description of every record type ------------- */

enum ftype {
	FT_TEXT,	/* one line of text, NFC, spaces collapsed */
	FT_LONGTEXT,	/* multi-line text, NFC */
	FT_CODE,	/* identifier: [A-Za-z0-9._-], case kept */
	FT_INT,
	FT_BOOL,
	FT_DATE,	/* "YYYY-MM-DD" */
	FT_ENUM,	/* one of field.values */
	FT_REF,		/* id of another record (positive integer) */
	FT_BLOB,	/* internal bytes (sort keys): never in JSON */
	FT_PASSWORD,	/* write-only secret: no column, never output */
	FT_CATALOG,	/* a code of the configurable list field.catalog (catalog_item) */
	FT__MAX
};

/* Field flags */
#define F_REQUIRED	0x01	/* must be given (not null) on create */
#define F_NULLABLE	0x02	/* may be null */
#define F_READONLY	0x04	/* set by the server; a client sending it gets 400 */
#define F_CREATEONLY	0x08	/* may be given on create; changing it later is an operation */
#define F_HIDDEN	0x10	/* never in JSON (internal column) */
#define F_NOCOLUMN	0x20	/* not stored as a column (passwords) */
#define F_SEARCH	0x40	/* part of the record's accent-free search key */
#define F_FILTER	0x80	/* lists take ?name=value (equality) */
#define F_SORT		0x100	/* lists take ?sort=name */
#define F_REF_UP	0x200	/* REF to a unit: the units above the account's own are
				 * allowed too (who issued an award, who inspects) */

struct field {
	const char *name;		/* JSON key and SQL column */
	enum ftype type;
	unsigned flags;
	int64_t min, max;		/* INT: value range; text: length in code points; PASSWORD: bytes */
	const char *const *values;	/* ENUM: allowed values, NULL-terminated */
	const char *label_vi, *label_en;
	int ref;			/* REF: the enum rtype_id referred to, + 1 (0: a unit) */
	const char *catalog;		/* CATALOG: the list's name ("concern_state") */
};

enum rtype_id {
	RT_ORG, RT_PERSON, RT_ACCOUNT,
	/* Bodies of operations (no table): validated like records. */
	RT_OP_LOGIN, RT_OP_MOVE, RT_OP_CLOSE, RT_OP_MERGE, RT_OP_TRANSFER,
	/* Campaign records (generic resources, core_campaign.c). */
	RT_TOPIC, RT_ACTIVITY, RT_ATTENDANCE, RT_PLEDGE, RT_CHECKIN,
	RT_CATALOG, RT_PLAN, RT_TASK, RT_CONCERN, RT_CONCERN_UPDATE,
	RT_PETITION, RT_PETITION_UPDATE, RT_EXEMPLAR, RT_EXEMPLAR_SCORE,
	RT_REPLICATION, RT_INSPECTION, RT_INSPECTION_ACTION, RT_EVALUATION,
	RT_AWARD, RT_SURVEY, RT_SURVEY_ANSWER, RT_METRIC_VALUE,
	/* Bodies of record transitions. */
	RT_OP_RETURN, RT_OP_REVIEW, RT_OP_VERDICT,
	/* The year report of a unit (core_year.c) and the body of its steps. */
	RT_YEAR_REPORT, RT_OP_YEAR_STEP,
	/* Bodies of the second log-in step, a password change, a step that
	 * asks for the password again, and a second-factor code. */
	RT_OP_LOGIN_STEP, RT_OP_PASSWORD, RT_OP_REAUTH, RT_OP_TOTP_CODE,
	RT__MAX
};

struct record;
struct verr;

/* A level of a configurable scale (catalog list named by rtype.bands): its
 * code, the scale it belongs to, and the lowest score that earns it. */
struct band {
	char code[48];
	char scale[48];
	int64_t min;
	bool scored;		/* earned by a score (else only given) */
};

#define BANDS_MAX 32

/* What rules may know besides the record: the day, and the levels of the
 * type's scales as configured. */
struct rule_ctx {
	const char *today;
	struct band bands[BANDS_MAX];
	int nbands;
};

/* Rules of a record type beyond its fields' bounds. */
struct rtype_rules {
	/* Cross-field checks of the state a change produces. */
	int (*check)(const struct record *r, const struct rule_ctx *ctx, struct verr *e);
	/* Fills derived fields after validation (totals, levels). 0 or -1. */
	int (*derive)(struct record *r, const struct rule_ctx *ctx);
	/* Child records: may r be added under parent (in its state)? */
	int (*check_parent)(const struct record *r, const struct record *parent,
	    struct verr *e);
	/* Child records: the parent's fields that follow from all its live
	 * children (given in their default order, oldest first), set in
	 * change, which the caller stores.  0 or -1. */
	int (*recompute_parent)(struct record *const *kids, size_t n,
	    const struct record *parent, struct record *change, struct verr *e);
};

/* A named step of a record's workflow: POST /api/v1/<path>/ID/<name>. */
struct transition {
	const char *name;		/* "submit" */
	const char *const *from;	/* statuses it may start from */
	const char *to;			/* the status it leaves */
	unsigned roles;			/* (1u << enum role) that may take it */
	bool owner;			/* the record's own person (a member) may take it too */
	int body;			/* enum rtype_id of its body + 1, or 0 for none */
	const char *stamp;		/* a date field set to today, or NULL */
};

/* Record type flags */
#define RF_GENERIC	0x1	/* served by the generic resource API (api_record.c) */
#define RF_SOFT_DELETE	0x2	/* DELETE marks deleted_at; restore clears it */
#define RF_INHERITED	0x4	/* also visible below its unit's ancestors' accounts
				 * (a province's topic is read by its cells) */
#define RF_GLOBAL	0x8	/* no unit: configuration every account reads */
#define RF_PUBLIC_PERSON 0x10	/* the person field names who is honoured: members
				 * of the unit see everyone's (awards, exemplars) */

struct rtype {
	enum rtype_id id;
	const char *name;		/* API resource and audit name: "org" */
	const char *table;		/* SQL table; NULL for operation bodies */
	const struct field *fields;
	int nfields;
	const char *label_vi, *label_en;
	/* Generic resources only: */
	unsigned flags;
	const char *path;		/* URL collection: "pledges" */
	int res;			/* enum resource of the permission table */
	const char *org_field;		/* the unit the record belongs to: its scope */
	const char *person_field;	/* the person it is about (members see only their own) */
	int parent;			/* child records: enum rtype_id of the parent + 1 */
	const char *parent_field;	/* child records: the column naming the parent */
	const char *status_field;	/* the workflow's status, changed only by transitions */
	const char *default_sort;	/* a field, newest first by default */
	const char *facet_field;	/* lists also count their matches per value of it */
	const char *bands;		/* catalog list of the levels its rules use */
	const struct rtype_rules *rules;
	const struct transition *transitions;	/* NULL-name terminated */
	const char *const *editable_in;	/* statuses in which PATCH is allowed (NULL: always) */
};

/* The generic resource whose path is p, or NULL. */
const struct rtype *rtype_by_path(const char *p);

/* The child type of parent whose path is p, or NULL. */
const struct rtype *rtype_child(const struct rtype *parent, const char *p);

/* The transition of t named name, or NULL. */
const struct transition *rtype_transition(const struct rtype *t, const char *name);

/* The parent type of a child type, or NULL. */
const struct rtype *rtype_parent(const struct rtype *t);

/* Fills the hidden search_fold field from the fields marked F_SEARCH (all
 * of them must be present in r).  0, or -1 on invalid text; no-op for
 * types without search_fold. */
int record_derive_search(struct record *r);

extern const struct rtype rtypes[RT__MAX];

/* Index of a field by name, or -1. */
int rtype_field(const struct rtype *t, const char *name);

/* Organisations (SPEC §3).  Field indexes match rtypes[RT_ORG].fields. */
enum org_kind {
	ORG_NATIONAL, ORG_PROVINCE, ORG_DISTRICT, ORG_BASE, ORG_CELL,
	ORG_AGENCY, ORG_MASS, ORG_KIND__MAX
};
extern const char *const org_kind_names[ORG_KIND__MAX + 1];	/* NULL-terminated */

enum org_field {
	ORG_CODE, ORG_KIND, ORG_NAME, ORG_PARENT, ORG_VALID_FROM, ORG_VALID_TO,
	ORG_SUCCESSOR, ORG_PATH, ORG_DEPTH, ORG_NAME_FOLD, ORG_NOTE,
	ORG_CREATED, ORG_UPDATED, ORG__MAX
};

enum person_field {
	PERSON_CODE, PERSON_FULL_NAME, PERSON_NAME_FOLD, PERSON_SORT_KEY,
	PERSON_GENDER, PERSON_BIRTH_YEAR, PERSON_PARTY_JOINED,
	PERSON_PARTY_MEMBER, PERSON_KEY_CADRE, PERSON_HEAD,
	PERSON_CIVIL_SERVANT, PERSON_UNION_MEMBER,
	PERSON_ORG, PERSON_STATUS, PERSON_POSITION, PERSON_NOTE,
	PERSON_CREATED, PERSON_UPDATED, PERSON__MAX
};
extern const char *const person_statuses[];	/* active, transferred_out, left, deceased */
extern const char *const genders[];		/* male, female */

enum role { ROLE_ADMIN, ROLE_STAFF, ROLE_SECRETARY, ROLE_MEMBER, ROLE_VIEWER, ROLE__MAX };
extern const char *const role_names[ROLE__MAX + 1];	/* NULL-terminated */

enum account_field {
	ACCOUNT_USERNAME, ACCOUNT_DISPLAY_NAME, ACCOUNT_ROLE, ACCOUNT_ORG,
	ACCOUNT_PERSON, ACCOUNT_DISABLED, ACCOUNT_PASSWORD, ACCOUNT_PW_HASH,
	ACCOUNT_CREATED, ACCOUNT_UPDATED, ACCOUNT__MAX
};

/* The columns every campaign record ends with (core_campaign.c). */
#define RECORD_TRAILER(P) \
	P##_SEARCH, P##_CREATED, P##_UPDATED, P##_CREATED_BY, P##_UPDATED_BY, \
	P##_DELETED, P##__MAX

enum topic_field {
	TOPIC_TITLE, TOPIC_KIND, TOPIC_YEAR_FROM, TOPIC_YEAR_TO, TOPIC_ORG,
	TOPIC_DOCUMENTS, TOPIC_NOTE, RECORD_TRAILER(TOPIC)
};

enum activity_field {
	ACTIVITY_ORG, ACTIVITY_KIND, ACTIVITY_DATE, ACTIVITY_YEAR, ACTIVITY_TITLE,
	ACTIVITY_TOPIC, ACTIVITY_ON_AGENDA, ACTIVITY_OUTSIDE, ACTIVITY_LOCATION,
	ACTIVITY_CONTENT, ACTIVITY_NOTE, RECORD_TRAILER(ACTIVITY)
};

enum attendance_field {
	ATTENDANCE_ACTIVITY, ATTENDANCE_PERSON, ATTENDANCE_NOTE, RECORD_TRAILER(ATTENDANCE)
};

enum pledge_field {
	PLEDGE_YEAR, PLEDGE_ORG, PLEDGE_PERSON, PLEDGE_TOPIC, PLEDGE_FOLLOW,
	PLEDGE_SOLUTIONS, PLEDGE_TARGET_TEXT, PLEDGE_TARGET_VALUE, PLEDGE_TARGET_UNIT,
	PLEDGE_DUE, PLEDGE_STATUS, PLEDGE_SUBMITTED_ON, PLEDGE_ACCEPTED_ON,
	PLEDGE_RETURN_REASON, PLEDGE_SELF_REVIEW, PLEDGE_REVIEWED_ON, PLEDGE_VERDICT,
	PLEDGE_VERDICT_NOTE, PLEDGE_VERDICT_ON, PLEDGE_PROGRESS, PLEDGE_LAST_CHECKIN,
	RECORD_TRAILER(PLEDGE)
};

enum checkin_field {
	CHECKIN_PLEDGE, CHECKIN_DATE, CHECKIN_PROGRESS, CHECKIN_NOTE, RECORD_TRAILER(CHECKIN)
};

extern const char *const pledge_statuses[];	/* draft … closed */

/* An entry of a configurable list (concern fields and states, criteria,
 * metrics …): catalog_item rows, seeded by the migrations. */
enum catalog_field {
	CATALOG_LIST, CATALOG_CODE, CATALOG_LABEL_VI, CATALOG_LABEL_EN, CATALOG_KIND,
	CATALOG_WEIGHT, CATALOG_UNIT, CATALOG_SORT, CATALOG_ACTIVE, RECORD_TRAILER(CATALOG)
};

enum plan_field {
	PLAN_ORG, PLAN_YEAR, PLAN_TOPIC, PLAN_NUMBER, PLAN_TITLE, PLAN_ISSUED_ON,
	PLAN_CONTENT, PLAN_NOTE, PLAN_TASKS_DONE, RECORD_TRAILER(PLAN)
};

enum task_field {
	TASK_PLAN, TASK_GROUP, TASK_TITLE, TASK_OWNER, TASK_DUE, TASK_STATUS,
	TASK_DONE_ON, TASK_NOTE, RECORD_TRAILER(TASK)
};

/* Concerns and petitions share the state machinery: a configurable state
 * (catalog) whose kind is open, resolved or closed, changed by update rows. */
enum concern_field {
	CONCERN_ORG, CONCERN_TITLE, CONCERN_FIELD, CONCERN_SOURCE, CONCERN_OPENED,
	CONCERN_YEAR, CONCERN_DUE, CONCERN_DESCRIPTION, CONCERN_STATE,
	CONCERN_STATE_KIND, CONCERN_RESOLVED_ON, RECORD_TRAILER(CONCERN)
};

enum petition_field {
	PETITION_ORG, PETITION_KIND, PETITION_RECEIVED, PETITION_YEAR,
	PETITION_FROM, PETITION_SUBJECT, PETITION_CONTENT, PETITION_TRANSFERRED,
	PETITION_DEADLINE, PETITION_WITHIN, PETITION_OUTCOME, PETITION_STATE,
	PETITION_STATE_KIND, PETITION_RESOLVED_ON, RECORD_TRAILER(PETITION)
};

/* An update of a concern or a petition (the same fields after the parent). */
enum update_field {
	UPDATE_PARENT, UPDATE_DATE, UPDATE_STATE, UPDATE_STATE_KIND, UPDATE_NOTE,
	RECORD_TRAILER(UPDATE)
};

enum exemplar_field {
	EXEMPLAR_ORG, EXEMPLAR_PERSON, EXEMPLAR_YEAR, EXEMPLAR_LEVEL, EXEMPLAR_TITLE,
	EXEMPLAR_DESCRIPTION, EXEMPLAR_STATUS, EXEMPLAR_SCORE, RECORD_TRAILER(EXEMPLAR)
};

enum score_field {
	SCORE_EXEMPLAR, SCORE_CRITERION, SCORE_CRITERION_WEIGHT, SCORE_SCORE,
	SCORE_NOTE, RECORD_TRAILER(SCORE)
};

enum replication_field {
	REPLICATION_EXEMPLAR, REPLICATION_ORG, REPLICATION_DATE, REPLICATION_NOTE,
	RECORD_TRAILER(REPLICATION)
};

enum inspection_field {
	INSPECTION_ORG, INSPECTION_KIND, INSPECTION_TARGET, INSPECTION_START,
	INSPECTION_END, INSPECTION_YEAR, INSPECTION_SUBJECT, INSPECTION_FINDINGS,
	INSPECTION_CONCLUSION, RECORD_TRAILER(INSPECTION)
};

enum action_field {
	ACTION_INSPECTION, ACTION_TITLE, ACTION_DUE, ACTION_DONE_ON, ACTION_NOTE,
	RECORD_TRAILER(ACTION)
};

enum evaluation_field {
	EVALUATION_YEAR, EVALUATION_ORG, EVALUATION_PERSON, EVALUATION_SCALE,
	EVALUATION_SCORE_GENERAL, EVALUATION_SCORE_TASKS, EVALUATION_SCORE,
	EVALUATION_DERIVED, EVALUATION_GIVEN, EVALUATION_REASON,
	EVALUATION_LEVEL, EVALUATION_APPROVER, EVALUATION_SUBJECT, EVALUATION_NOTE,
	RECORD_TRAILER(EVALUATION)
};

enum award_field {
	AWARD_YEAR, AWARD_ORG, AWARD_PERSON, AWARD_KIND, AWARD_TITLE, AWARD_ISSUER,
	AWARD_DECISION_NO, AWARD_DECISION_DATE, RECORD_TRAILER(AWARD)
};

enum survey_field {
	SURVEY_ORG, SURVEY_DATE, SURVEY_YEAR, SURVEY_TITLE, SURVEY_QUESTION,
	SURVEY_SAMPLE, SURVEY_ANSWERED, RECORD_TRAILER(SURVEY)
};

enum answer_field {
	ANSWER_SURVEY, ANSWER_LABEL, ANSWER_COUNT, ANSWER_SORT, RECORD_TRAILER(ANSWER)
};

enum metric_field {
	METRIC_ORG, METRIC_METRIC, METRIC_YEAR, METRIC_PERIOD, METRIC_VALUE,
	METRIC_NOTE, RECORD_TRAILER(METRIC)
};

/* Evaluation scales (SPEC §3): party members and organisations score
 * 0–100 under Quy định 366-QĐ/TW; mass organisations use their own levels.
 * The levels and the scores that earn them are configuration (catalog list
 * "eval_level": kind = scale, weight = the lowest score). */
extern const char *const eval_scales[];

/* Fills ctx's bands from catalog entries (kind: the scale; weight: the
 * lowest score, none for levels only given). */
void rule_ctx_bands(struct rule_ctx *ctx, struct record *const *items, size_t n);

/* The level of scale a score earns: the scored band with the highest
 * minimum at most score; NULL when the scale has no scored levels. */
const char *band_of_score(const struct rule_ctx *ctx, const char *scale, int64_t score);

/* The band named code, or NULL. */
const struct band *band_find(const struct rule_ctx *ctx, const char *code);

/* Is the number of "excellent" ratings above share_pct percent of the
 * "good" ones (Hướng dẫn 21-HD/BTCTW caps it)? */
bool eval_excellent_over_quota(int64_t excellent, int64_t good, int64_t share_pct);

/* Weighted average of scores (0–100) by weights, rounded half up; 0 when
 * the weights sum to 0. */
int64_t weighted_total(const int64_t *scores, const int64_t *weights, size_t n);

/* Fields of the operation bodies. */
enum op_login_field { LOGIN_USERNAME, LOGIN_PASSWORD, LOGIN__MAX };
enum op_login_step_field { STEP_TICKET, STEP_CODE, STEP_RECOVERY, STEP__MAX };
enum op_password_field { PASSWORD_OLD, PASSWORD_NEW, PASSWORD__MAX };
enum op_reauth_field { REAUTH_PASSWORD, REAUTH__MAX };
enum op_totp_code_field { TOTPCODE_CODE, TOTPCODE__MAX };
enum op_move_field { MOVE_PARENT, MOVE_DATE, MOVE__MAX };
enum op_close_field { CLOSE_DATE, CLOSE_NOTE, CLOSE__MAX };
enum op_merge_field { MERGE_SUCCESSOR, MERGE_DATE, MERGE_NOTE, MERGE__MAX };
enum op_transfer_field { TRANSFER_ORG, TRANSFER_DATE, TRANSFER_NOTE, TRANSFER__MAX };
enum op_return_field { RETURN_REASON, RETURN__MAX };
enum op_review_field { REVIEW_TEXT, REVIEW__MAX };
enum op_verdict_field { VERDICT_VERDICT, VERDICT_NOTE, VERDICT__MAX };
enum op_year_step_field { YS_ORG, YS_YEAR, YS_REASON, YS__MAX };

/* ---- core_year.c: a unit's year submitted, approved, locked -------------- */

enum year_report_field {
	YR_ORG, YR_YEAR, YR_STATUS, YR_SUBMITTED_ON, YR_APPROVED_ON, YR_REASON,
	RECORD_TRAILER(YR)
};

/* The statuses of a year report; a unit without one is "open". */
enum year_status { YST_OPEN, YST_SUBMITTED, YST_RETURNED, YST_APPROVED, YST__MAX };
extern const char *const year_statuses[YST__MAX + 1];	/* NULL-terminated */

enum year_step { YSTEP_SUBMIT, YSTEP_APPROVE, YSTEP_RETURN, YSTEP_REOPEN, YSTEP__MAX };
extern const char *const year_step_names[YSTEP__MAX + 1];	/* NULL-terminated */

/* What a step needs to know beyond the report. */
struct year_facts {
	enum year_status status;	/* the report's */
	enum year_status parent;	/* the report of the unit above (YST_OPEN at the root) */
	bool reports;			/* its kind reports its year (year_reports_kind) */
	bool root;			/* the unit has nobody above it */
	bool above;			/* the account's unit is strictly above the unit */
	bool admin;
	int64_t children_not_approved;	/* units under it that year, not approved */
	const char *reason;		/* NULL or the text given */
};

/*
 * May step be taken?  A unit (or those above it) submits its open or
 * returned year; the level above approves a submitted year once every unit
 * under it is approved, or returns it with a reason; it reopens an approved
 * year with a reason while the year above is not approved.  The root's year
 * is approved by an administrator.  Returns the status it leaves, or -1
 * with *e.
 */
int year_step_check(enum year_step step, const struct year_facts *f, struct verr *e);

/* Does a unit of this kind report its year?  Party organisations do
 * (committees and cells); agencies and mass organisations report through
 * the party organisation they belong to. */
bool year_reports_kind(const char *kind);
#define YEAR_REPORT_KINDS "('national', 'province_committee', 'district_committee', " \
	"'base_committee', 'cell')"

/* May a record of this year be changed, given its unit's report status? */
bool year_open(enum year_status status);

/* The year a record belongs to (its "year" field), or 0 when it has none. */
int record_year(const struct record *r);

/* Index of s in a NULL-terminated table, or -1. */
int enum_index(const char *const *values, const char *s);

/* ---- core_record.c: one record of any type ------------------------------ */

enum fstate { FV_ABSENT = 0, FV_NULL, FV_SET };

struct fval {
	enum fstate state;
	int64_t i;		/* INT, BOOL, REF */
	char *s;		/* TEXT, LONGTEXT, CODE, DATE, ENUM, BLOB, PASSWORD (owned) */
	size_t len;		/* bytes of s (BLOB needs it) */
};

struct record {
	const struct rtype *type;
	int64_t id;		/* 0 until stored */
	struct fval v[];	/* type->nfields */
};

/* A record with every field absent.  Aborts on OOM (small allocation).  The
 * caller frees with record_free(). */
struct record *record_new(const struct rtype *t);
void record_free(struct record *r);

/* Setters copy their argument; each replaces what the field held. */
void record_set_text(struct record *r, int f, const char *s);
void record_set_blob(struct record *r, int f, const void *p, size_t len);
void record_set_int(struct record *r, int f, int64_t i);
void record_set_null(struct record *r, int f);
void record_unset(struct record *r, int f);

/* A copy of r with every given (set or null) field of change laid over it:
 * the state a change would produce.  The caller frees with record_free(). */
struct record *record_overlay(const struct record *r, const struct record *change);

/* Copies into change the read-only fields the rules derived in merged (its
 * state once changed) that change does not set: what a correction stores
 * besides the fields it names.  Not the time stamps nor the status, which
 * only their own steps move. */
void record_take_derived(struct record *change, const struct record *merged);

/* Getters: NULL / 0 when the field is absent or null. */
const char *record_text(const struct record *r, int f);
int64_t record_int(const struct record *r, int f);
bool record_has(const struct record *r, int f);	/* state == FV_SET */

/* A growable list of records; the list owns them. */
struct record_list {
	struct record **items;
	size_t n, cap;
	int64_t total;		/* rows matching before pagination, when counted */
	bool capped;		/* more matched than total: the count stopped there */
};
void record_list_push(struct record_list *l, struct record *r);
void record_list_free(struct record_list *l);

/* ---- core_valid.c: validation driven by the field tables ---------------- */

enum verr_code {
	VE_OK = 0,
	VE_REQUIRED,	/* missing on create */
	VE_NOT_NULL,	/* null where a value is needed */
	VE_UNKNOWN,	/* no such field */
	VE_READONLY,	/* set by the server */
	VE_CREATEONLY,	/* cannot be changed after creation */
	VE_TYPE,	/* wrong JSON type */
	VE_UTF8,	/* invalid UTF-8, NUL or control characters */
	VE_TOO_LONG,
	VE_TOO_SHORT,
	VE_FORMAT,	/* code charset, username charset */
	VE_RANGE,	/* number out of range */
	VE_DATE,	/* not a real date */
	VE_ENUM,	/* not one of the allowed values */
	VE_DATE_ORDER,	/* a date before the one it must follow */
	VE_RULE,	/* a domain rule; message says which */
	VE_EXISTS,	/* a unique value already used */
	VE_REF,		/* refers to a record that does not exist or is out of scope */
	VE__MAX
};

enum vmode { VM_CREATE, VM_UPDATE };

struct verr {
	enum verr_code code;
	char field[48];		/* JSON name of the field at fault */
	int64_t limit;		/* the bound that was crossed, when there is one */
	int rule;		/* VE_RULE: an enum rule_id */
};

/* Records a validation error: returns -1 so callers can `return verr_set(...)`. */
int verr_set(struct verr *e, enum verr_code code, const char *field, int64_t limit);

/*
 * Checks every given field of r against its description and normalises text
 * in place (NFC, trimmed, one-line text with spaces collapsed).  On create,
 * required fields must be set; on update, create-only fields must be absent.
 * Read-only fields are rejected in both modes (the API never lets a client set
 * them; internal callers set them after validation).  Returns 0, or -1 with
 * *e naming the first field at fault.
 */
int record_validate(struct record *r, enum vmode mode, struct verr *e);

/* Domain rules that are not a single field's bounds (VE_RULE). */
enum rule_id {
	RULE_NONE,
	RULE_PARENT_KIND,	/* this kind of unit cannot sit under that kind */
	RULE_ROOT_KIND,		/* only the national unit has no parent */
	RULE_PARENT_CLOSED,	/* parent closed on that date */
	RULE_ORG_CLOSED,	/* unit already closed */
	RULE_MOVE_CYCLE,	/* moving a unit under itself */
	RULE_SUCCESSOR_SELF,	/* merged into itself */
	RULE_SUCCESSOR_CLOSED,	/* successor not open on the merge date */
	RULE_JOINED_NOT_MEMBER,	/* date joined the Party but not a party member */
	RULE_JOINED_TOO_YOUNG,	/* joined before 18 */
	RULE_BIRTH_FUTURE,	/* born after today */
	RULE_DATE_FUTURE,	/* a date after today */
	RULE_MEMBER_NEEDS_PERSON,/* member accounts are linked to a person */
	RULE_SECRETARY_CELL,	/* secretary accounts belong to a cell */
	RULE_TRANSFER_SAME,	/* transfer to the unit the person is in */
	RULE_PERSON_ORG_KIND,	/* people belong to cells, committees, agencies */
	RULE_HAS_CHILDREN,	/* closing a unit that still has open units under it */
	RULE_STATE,		/* the record's status does not allow this */
	RULE_NOT_OWNER,		/* members act only on their own records */
	RULE_PERSON_UNIT,	/* the person does not belong to that unit's subtree */
	RULE_YEAR_RANGE,	/* a year range ends before it starts */
	RULE_DUE_BEFORE_YEAR,	/* due before the year it is for */
	RULE_DONE_NEEDS_DATE,	/* done without the date it was done (or a date without done) */
	RULE_OVERRIDE_REASON,	/* a level overridden without a written reason */
	RULE_LEVEL_SCALE,	/* a level that is not of the subject's scale */
	RULE_SCORE_PARTS,	/* general (0–30) + tasks (0–70) points out of range */
	RULE_UPDATE_ORDER,	/* an update dated before the previous one */
	RULE_ANSWERS_SAMPLE,	/* answers counted beyond the sample size */
	RULE_SELF_INSPECTION,	/* a self-inspection inspects the unit itself */
	RULE_LEVEL_MISSING,	/* neither scores nor a level */
	RULE_YEAR_LOCKED,	/* the unit's year is approved: reopen it first */
	RULE_CHILDREN_PENDING,	/* units under it are not approved yet */
	RULE_PARENT_APPROVED,	/* the year above is approved: reopen that first */
	RULE_STEP_LEVEL,	/* only the level above approves, returns, reopens */
	RULE_REASON_NEEDED,	/* returning or reopening needs a reason */
	RULE_NOT_REPORTING,	/* this kind of unit has no year report */
	RULE_OUT_OF_SCOPE,	/* an import row matches a record of a unit outside the scope */
	RULE_PASSWORD_COMMON,	/* one of the 10.000 most common passwords */
	RULE_PASSWORD_SAME,	/* the new password is the old one */
	RULE_TOTP_REQUIRED,	/* administrators cannot turn the second factor off */
	RULE_TOTP_NOT_STARTED,	/* a code confirmed with no enrolment begun */
	RULE_TOTP_OFF,		/* the account has no second factor */
	RULE_TOTP_SELF,		/* an administrator resets others' second factor, not its own */
	RULE__MAX
};

/* ---- core_org.c: the organisation tree's rules -------------------------- */

/* May a unit of kind child sit directly under one of kind parent? */
bool org_kind_parent_ok(enum org_kind parent, enum org_kind child);

/* Is the unit open on date (ISO)?  valid_from <= date < valid_to. */
bool org_open_on(const struct record *org, const char *date);

/*
 * Checks a new unit against its parent (NULL for the root) on top of
 * record_validate: kind allowed under the parent, parent open on valid_from.
 * 0 or -1 with *e.
 */
int org_check_create(const struct record *org, const struct record *parent, struct verr *e);

/* Checks a move of org under new_parent on date: not under itself (paths),
 * kinds fit, both open on the date. */
int org_check_move(const struct record *org, const struct record *new_parent,
    const char *date, struct verr *e);

/* Checks closing org on date, merged into successor (NULL when none). */
int org_check_close(const struct record *org, const struct record *successor,
    const char *date, struct verr *e);

/* Fills the derived search key (name_fold) of a unit from its name.  0 or -1. */
int org_derive(struct record *org);

/* Materialised path of a child: parent path + id + "/"; root is "/id/".
 * Writes into buf (cap bytes); returns 0 or -1 if it does not fit. */
int org_child_path(const char *parent_path, int64_t id, char *buf, size_t cap);

/* Upper bound of a path prefix for range scans: prefix + "~" ('~' sorts after
 * every digit and '/').  buf must hold strlen(prefix) + 2 bytes. */
void path_upper(const char *prefix, char *buf, size_t cap);

/* ---- core_person.c: people's rules -------------------------------------- */

/* Fills the derived columns of a person (search key, sort key) from full_name.
 * Call after record_validate.  0, or -1 on OOM/invalid text. */
int person_derive(struct record *p);

/* Cross-field rules, given the stored state merged with the change in p and
 * today's date: party_joined needs party_member, is at least birth_year + 18,
 * not in the future; birth_year not after this year. */
int person_check(const struct record *p, const char *today, struct verr *e);

/* ---- core_scope.c: roles, scopes and permissions ------------------------ */

/*
 * What an account can see: the materialised paths of the subtrees it may
 * read.  The first is its own unit's; the others are predecessors merged into
 * units of that subtree, so a province's staff also see the units that were
 * merged into it in 2025.
 */
struct scope {
	int n;
	int64_t unit;		/* a unit's tree of a year (store_scope_for_year); 0 otherwise */
	char from[11], to[11];	/* figures: only the records dated in this span ("": the year) */
	int span;		/* that span: an enum period (PERIOD_YEAR: the year) */
	char prefix[LIMIT_SCOPE_PREFIXES][128];
};

/* Is path inside one of the scope's subtrees? */
bool scope_contains(const struct scope *s, const char *path);

/* Adds a prefix unless one already covers it; drops prefixes it covers.
 * Returns 0, or -1 when the scope is full. */
int scope_add(struct scope *s, const char *prefix);

/* Narrows a year's scope to a quarter or a month (PERIOD_YEAR: the whole
 * year): the dated figures then count the records dated in it. */
void scope_span(struct scope *s, enum period p, int year);

/* Is the scope's own unit (its first prefix) a root of the tree? */
bool scope_at_root(const struct scope *s);

enum resource {
	RES_ORG, RES_PERSON, RES_TRANSFER, RES_ACCOUNT,
	RES_TOPIC, RES_ACTIVITY, RES_PLEDGE, RES_CONFIG, RES_PLAN, RES_CONCERN,
	RES_PETITION, RES_EXEMPLAR, RES_INSPECTION, RES_EVALUATION, RES_AWARD,
	RES_SURVEY, RES_METRIC, RES_YEAR_REPORT,
	RES__MAX
};
enum action { ACT_READ, ACT_WRITE, ACT__MAX };

/* The names of the resources, as /me and /meta give them. */
extern const char *const resource_names[RES__MAX];

/* The permission table: may role do action on resource (within its scope)? */
bool role_may(enum role role, enum resource res, enum action act);

/* Rules of an account (the stored state merged with a change): a secretary
 * belongs to a cell, a member is linked to a person.  org_kind is the kind
 * of its unit.  0 or -1 with *e. */
int account_check(const struct record *acc, const char *org_kind, struct verr *e);

/* The signed-in account a request acts for. */
struct principal {
	int64_t account_id;
	char username[LIMIT_USERNAME_CHARS * 4 + 1];
	char display_name[LIMIT_NAME_CHARS * 4 + 1];
	enum role role;
	int64_t org_id;
	int64_t person_id;	/* 0 when the account is not linked to a person */
	struct scope scope;
	char csrf[48];		/* this session's CSRF token */
	char token_hash[65];	/* the digest the session is stored under */
	bool via_cookie;	/* cookie-authenticated: writes need the CSRF header */
	int64_t session_expires;
};

/* ---- core_indicator.c: the figures (SPEC §4) ----------------------------- */

enum indicator_id {
	IND_PLANS, IND_PLEDGE_RATE, IND_KEY_PLEDGE_RATE, IND_PLEDGES_FILED,
	IND_PLEDGES_DONE, IND_CELLS_TOPIC, IND_CONFERENCES, IND_CONCERNS,
	IND_EXEMPLARS, IND_INSPECTIONS, IND_DIALOGUES, IND_PETITIONS,
	IND_ORGS_GOOD, IND_MEMBERS_GOOD, IND_MASS_STRONG,
	/* Kept like the figures but not shown on the dashboard: the counts of
	 * the year submission view (api_year.c) and of the data-quality checks
	 * (api_quality.c), so that a national count is one kept row. */
	IND__SHOWN, IND_YEAR_UNITS = IND__SHOWN, IND_CELL_MEETINGS, IND_ACTIVITY_CHECKS,
	IND_PLEDGE_CHECKS, IND_UNIT_CHECKS, IND_EVALUATION_CHECKS, IND_ACCEPTED_PLEDGES,
	IND__MAX
};

enum ind_kind { IK_RATE, IK_COUNT };

struct indicator {
	const char *name;
	enum ind_kind kind;
	const char *label_vi, *label_en;
	const char *seed;		/* the articles whose sentence it reproduces */
	const char *rule_vi, *rule_en;	/* what is counted, in words */
	int decimals;			/* rates: digits after the comma, as the seeds write them */
	const char *rows;		/* API collection of the records behind it */
	int res;			/* enum resource of those records: who may list them */
};

extern const struct indicator indicators[IND__MAX];

/* Counted by the date of its records (a meeting's day, an issue's opening):
 * a quarter's or a month's figure counts those dated in it.  The others are
 * counted by the year the record is for. */
extern const bool indicator_dated[IND__MAX];

/* The records behind a rate: those of its denominator outside the numerator
 * (the members without a pledge), inside it, or all. */
enum ind_which { IW_MISSING, IW_COUNTED, IW_ALL, IW__MAX };
extern const char *const ind_which_names[IW__MAX + 1];	/* NULL-terminated */

/* The index of the shown indicator named name, or -1. */
int indicator_by_name(const char *name);

/* The value of one indicator for a unit and a year: a rate is num ÷ den;
 * a count is num, with parts for its breakdown. */
#define IND_PARTS 4
struct ind_value {
	int64_t num, den;
	int64_t part[IND_PARTS];
};

/* ---- core_quality.c: suspicious records and missing entries ----------- */

enum quality_id {
	QC_ATTENDANCE_OVER, QC_CHECKIN_AFTER_VERDICT, QC_DUE_BEFORE_FILED,
	QC_DUPLICATE_PLEDGE, QC_EVALUATION_NOT_MEMBER, QC_CELL_NO_MEETING,
	QC_COMMITTEE_NO_PLAN, QC_STALE_PLEDGE, QC__MAX
};

struct quality_check {
	const char *name;
	const char *path;		/* API collection of the records it lists */
	int res;			/* enum resource: who may read it */
	const char *label_vi, *label_en;
};

extern const struct quality_check quality_checks[QC__MAX];

/* An accepted pledge without a check-in for longer than this is stale. */
#define QUALITY_STALE_DAYS 90

/* ---- core_auth.c: passwords and session tokens (libsodium) -------------- */

/* Must be called once before any other function here (sodium_init). */
int auth_init(void);

/* Argon2id hash string of a password (PWHASH_* costs), into out (128 bytes).
 * 0, or -1 when out of memory. */
int auth_password_hash(const char *password, char out[128]);

/* 1 when password matches the stored Argon2id string, else 0.  Runs in about
 * the same time whether or not stored is a real hash (use auth_dummy_hash()
 * for unknown accounts so timing does not reveal which names exist). */
int auth_password_verify(const char *stored, const char *password);
const char *auth_dummy_hash(void);

/* Is the password acceptable (length bounds, valid UTF-8)?  0 or -1 with *e. */
int auth_password_check(const char *password, struct verr *e);

/* A new random 256-bit token, base64url without padding (43 chars + NUL). */
void auth_token_new(char out[44]);

/* The hex BLAKE2b-256 digest of a token, as stored (64 chars + NUL). */
void auth_token_hash(const char *token, char out[65]);

/* Constant-time equality of two NUL-terminated strings. */
bool auth_equal(const char *a, const char *b);

/* Is the password one of the 10.000 most common (data/common-passwords.txt,
 * compiled in), letter case ignored?  auth_password_check refuses those. */
bool auth_password_common(const char *password);

/* ---- core_totp.c: the second factor (RFC 6238 TOTP with liboath) -------- */

#define TOTP_SECRET_BYTES	20	/* 160 bits, as RFC 4226 recommends */
#define TOTP_SECRET_B32		33	/* its base32 form, 32 characters + NUL */
#define TOTP_STEP_S		30	/* RFC 6238 time step */
#define TOTP_DIGITS		6
#define TOTP_WINDOW		1	/* steps accepted either side of now (clock drift) */
#define TOTP_ISSUER		"lamtheo"
#define RECOVERY_CODES		10	/* recovery codes given at a time */
#define RECOVERY_CODE_CHARS	10	/* shown as two groups of 5: "k7qm2-x9rtp" */

/* Must be called once before the others (auth_init does). 0 or -1. */
int totp_init(void);

/* A new random secret. */
void totp_secret_new(unsigned char out[TOTP_SECRET_BYTES]);

/* The secret in base32 (RFC 4648, no padding), as authenticator apps take it. */
void totp_secret_base32(const unsigned char secret[TOTP_SECRET_BYTES],
    char out[TOTP_SECRET_B32]);

/* The otpauth:// URI of the secret for username (the QR code's text), into
 * out.  0, or -1 when it does not fit. */
int totp_uri(const char *username, const char secret_b32[TOTP_SECRET_B32], char *out,
    size_t cap);

/* Is code TOTP_DIGITS decimal digits? */
bool totp_code_shape(const char *code);

/* The time step (counter) at which code is the secret's code, within
 * TOTP_WINDOW steps of now and later than step after (a code is accepted
 * once: RFC 6238 §5.2); -1 when none. */
int64_t totp_verify(const unsigned char *secret, size_t len, const char *code, int64_t now,
    int64_t after);

/* A new recovery code, "xxxxx-xxxxx" (RECOVERY_CODE_CHARS letters and
 * digits, no look-alikes), into out. */
void recovery_code_new(char out[RECOVERY_CODE_CHARS + 2]);

/* The recovery code in as stored: dashes and blanks dropped, lower case.
 * 0, or -1 when it is not the shape of one. */
int recovery_code_normalise(const char *in, char out[RECOVERY_CODE_CHARS + 1]);

/* The stored digest of a normalised recovery code of account_id (hex
 * BLAKE2b-256 keyed by the account, so equal codes of two accounts differ). */
void recovery_code_hash(int64_t account_id, const char *normalised, char out[65]);

/* ---- core_qr.c: QR codes as SVG (libqrencode) --------------------------- */

/* The QR code of text as an SVG document (black modules on white with a
 * quiet zone; no text of the input in it).  The caller frees; NULL on
 * failure. */
char *qr_svg(const char *text);

#endif
