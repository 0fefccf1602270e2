/*
 * api.h — the JSON API over core and store: one file per resource
 * (api_org.c, api_person.c, …), a route table (api_router.c), the error
 * table with Vietnamese and English messages (api_error.c), JSON <-> record
 * conversion driven by the record descriptions (api_json.c) and
 * authentication, sessions and CSRF (api_auth.c).
 *
 * The top of this header is what the program uses; the rest is shared by the
 * api_*.c files.
 */
#ifndef LAMTHEO_API_H
#define LAMTHEO_API_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/core.h"
#include "http/http.h"
#include "store/store.h"

struct api;

/* How the server answers figures of a year not kept yet. */
struct api_options {
	int build_chunk_rows;	/* figure rows per write of a build (0: BUILD_CHUNK_ROWS) */
	int live_units;		/* live figures up to this many units (-1: LIVE_UNITS_MAX) */
};

/* Opens the database at db_path (migrating it) for the API.  NULL with a
 * message in err on failure.  Free with api_free() after the server stopped. */
struct api *api_new(const char *db_path, const struct api_options *opt, char *err,
    size_t errlen);
void api_free(struct api *a);

/* The http_handler for /api/ and /healthz. */
void api_handle(struct http_req *r, void *api);
/* Before the HTTP layer reads a large body (an import's file): the route,
 * the session, its CSRF token and the role, from the headers alone.  0: the
 * body may be read; -1: answered (401, 403 …). */
int api_admit(struct http_req *r, void *api);

/* Before the HTTP server stops: the writes queued are run and answered,
 * and later ones run on their own thread (the server can then stop with no
 * connection suspended). */
void api_quiesce(struct api *a);

/* ---- shared by the api_*.c files ------------------------------------- */

/* One request as the API sees it. */
struct api_ctx {
	struct http_req *req;
	struct api *api;
	struct store *st;		/* this thread's connection */
	bool en;			/* answer in English */
	bool authed;
	struct principal me;
	int64_t now;
	char today[11];			/* Viet Nam date of now */
	int64_t id;			/* the :id of the route, when it has one */
	int64_t cid;			/* the :cid (a child record) of the route */
	const struct rtype *rt;		/* the record type being handled, for error labels */
	const struct rtype *res_type;	/* generic routes: the :type of the URL */
	char sub[32];			/* generic routes: the :sub segment */
	char *memo_key;			/* a remembered route: the key of its answer */
	int64_t memo_gen;		/* the generation the answer is computed at */
};

enum api_err {
	E_BAD_JSON, E_UNKNOWN_FIELD, E_READ_ONLY, E_CREATE_ONLY, E_INVALID_TYPE,
	E_REQUIRED, E_NOT_NULL, E_INVALID_UTF8, E_TOO_LONG, E_TOO_SHORT,
	E_INVALID_FORMAT, E_OUT_OF_RANGE, E_INVALID_DATE, E_INVALID_VALUE,
	E_DATE_ORDER, E_RULE, E_REF, E_BAD_PARAM, E_UNAUTHENTICATED,
	E_INVALID_CREDENTIALS, E_ACCOUNT_DISABLED, E_FORBIDDEN, E_CSRF,
	E_NOT_FOUND, E_METHOD, E_EXISTS, E_TOO_LARGE, E_RATE_LIMITED,
	E_UNAVAILABLE, E_INTERNAL, E_UNEXPECTED_BODY,
	E_INVALID_CODE, E_INVALID_TICKET, E_WRONG_PASSWORD, E_WRONG_CODE, E__MAX
};

/* api_memo.c: answers and sessions remembered while nothing changed. */
struct api_memo;
struct api_memo *api_memo_new(void);
void api_memo_free(struct api_memo *m);
/* The answer kept for key at generation gen (a copy to free), or NULL. */
char *api_memo_answer(struct api_memo *m, const char *key, int64_t gen, int64_t now,
    size_t *len);
void api_memo_keep_answer(struct api_memo *m, const char *key, int64_t gen, int64_t now,
    const char *body, size_t len);
/* The principal of the session whose token hashes to token_hash, kept at
 * generation gen and not older than MEMO_SESSION_S: true and *me filled. */
bool api_memo_session(struct api_memo *m, const char *token_hash, int64_t gen, int64_t now,
    struct principal *me);
void api_memo_keep_session(struct api_memo *m, const char *token_hash, int64_t gen, int64_t now,
    const struct principal *me);
void api_memo_forget_session(struct api_memo *m, const char *token_hash);
/* The API's memo (api_router.c). */
struct api_memo *api_memo_of(struct api *a);

/* api_error.c */

/* Answers with the error's status and {"error":{code,message,field}}.
 * field may be NULL; limit fills messages that name a bound. */
void api_fail(struct api_ctx *c, enum api_err e, const char *field, int64_t limit);
/* 503 "building": the figures of year are being computed (percent done),
 * with Retry-After. */
void api_fail_building(struct api_ctx *c, int year, int percent);
/* The message of a validation error for record type t (may be NULL), in
 * English when en, into buf; returns buf.  Used by the CLI too. */
char *api_verr_message(const struct verr *v, const struct rtype *t, bool en,
    char *buf, size_t cap);
/* A validation error from core. */
void api_fail_verr(struct api_ctx *c, const struct verr *v);
/* A domain rule broken on field: 400 "rule" with the rule's message; -1. */
int api_fail_rule(struct api_ctx *c, enum rule_id id, const char *field);
/* A store error: 404, 409 (field named), 503 or 500 (logged). */
void api_fail_store(struct api_ctx *c, int rc);
/* The label of a field in the request's language. */
const char *api_label(const struct api_ctx *c, const char *field);

/* api_cache.c: records already loaded while answering one request. */
#define API_CACHE 64
struct api_cache {
	struct record *r[API_CACHE];
	int n;
};
/* Record id of type t, loaded once per request; NULL when there is none.
 * The cache owns it (api_cache_free). */
const struct record *api_cached(struct api_ctx *c, struct api_cache *ac,
    enum rtype_id t, int64_t id);
void api_cache_free(struct api_cache *ac);

/* api_json.c */

/* Answers with a JSON body (stolen) and the given status. */
void api_reply(struct api_ctx *c, int status, json_t *body);
void api_reply_empty(struct api_ctx *c, int status);

/*
 * The request body as a JSON object for record type t (whose labels name
 * the fields in errors), checked for size, depth, key count and valid UTF-8.
 * NULL after answering 400 (the caller just returns).  The caller frees
 * with json_decref().
 */
json_t *api_body(struct api_ctx *c, const struct rtype *t);

/* For a request that takes no body: 0 when it has none (nothing, blanks,
 * or the empty object "{}" clients send by default), else -1 after
 * answering 400 unexpected_body. */
int api_body_none(struct api_ctx *c);

/*
 * The conversion behind api_record_from_json, without answering: NULL with
 * *e naming the field at fault.  (Also the entry point of the JSON fuzzer.)
 */
struct record *api_json_to_record(const struct rtype *t, json_t *obj,
    enum vmode mode, const char *const *extras, struct verr *e);

/*
 * A record of type t from a JSON object: every key must be a field of t
 * (or listed in extras, which are left for the caller), each of the right
 * JSON type; then record_validate(mode).  NULL after answering 400.
 */
struct record *api_record_from_json(struct api_ctx *c, const struct rtype *t,
    json_t *obj, enum vmode mode, const char *const *extras);

/* The body of an operation (a request type described once, RT_OP_…) as a
 * record of type t, checked: NULL after answering 400. */
struct record *api_op_body(struct api_ctx *c, const struct rtype *t);

/* The JSON object of a record: "id" and every visible field (stolen by the
 * caller). */
json_t *api_record_json(const struct record *r);

/* {"id","code","name","kind"} of a unit, or null. */
json_t *api_org_ref(const struct record *org);

/* Query-string helpers: each answers 400 bad_param and returns -1 on a bad
 * value; 0 when absent (out unchanged) or parsed. */
int api_param_int(struct api_ctx *c, const char *name, int64_t min, int64_t max,
    int64_t *out);
int api_param_date(struct api_ctx *c, const char *name, const char **out);
int api_param_text(struct api_ctx *c, const char *name, size_t max_chars,
    const char **out);
int api_param_enum(struct api_ctx *c, const char *name, const char *const *values,
    int *out);
/* page/per_page. */
int api_param_page(struct api_ctx *c, int *page, int *per_page);
/* {"items":[...],"page","per_page","total"}; items stolen. */
json_t *api_page_json(json_t *items, int page, int per_page, int64_t total);

/* api_auth.c */

/* Fills c->me from the session cookie or bearer token.  0, or -1 after
 * answering 401. */
int api_authenticate(struct api_ctx *c);
/* For a cookie-authenticated write: 0 when X-CSRF-Token matches, else -1
 * after answering 403. */
int api_check_csrf(struct api_ctx *c);
/* 0 when the role may; else -1 after answering 403. */
int api_require(struct api_ctx *c, enum resource res, enum action act);
/* Is this unit (by path) visible to the account? */
bool api_in_scope(const struct api_ctx *c, const char *path);
/* Loads unit id if visible; else answers 404 (or the store error) and
 * returns NULL.  The caller frees with record_free(). */
struct record *api_load_org(struct api_ctx *c, int64_t id);
/* Loads a unit named by a body field; invisible or missing -> 400 "ref"
 * naming the field, NULL. */
struct record *api_ref_org(struct api_ctx *c, int64_t id, const char *field);

void api_login(struct api_ctx *c);
void api_logout(struct api_ctx *c);
void api_me(struct api_ctx *c);

/* Starts a session for account acc, whose log-in is complete: the cookie,
 * and 200 {"account","csrf_token","token","expires_at"} with the keys of
 * extra (stolen, may be NULL) added.  Answers in every case. */
void api_session_start(struct api_ctx *c, const struct record *acc, json_t *extra);
/* Log-in failures: kind "account" (passwords) or "second" (second-factor
 * codes), keyed by the user name; the client address is counted with
 * both.  api_login_rate answers 429 and returns -1 when either is over
 * its limit; api_login_failed notes one more failure of each. */
int api_login_rate(struct api_ctx *c, const char *kind, const char *username);
void api_login_failed(struct api_ctx *c, const char *kind, const char *username);
/* Checks the signed-in account's password for a step that asks for it
 * again (rate-limited as log-ins): 0, or -1 after answering 400
 * wrong_password naming field (or 429).  *acc is the account, to free. */
int api_reauth(struct api_ctx *c, const char *password, const char *field,
    struct record **acc);

/* api_totp.c: the second factor. */

/* After the password of acc was right: when the account has a second
 * factor, or is an administrator that must enrol one, answers 200 with a
 * ticket for the second step and returns 1; 0 when the log-in is complete
 * (no second step); -1 after answering an error. */
int api_second_factor(struct api_ctx *c, const struct record *acc);
/* {"enabled","required"} of account acc (a new object, or NULL). */
json_t *api_two_factor_json(struct api_ctx *c, int64_t account_id, const char *role);
void api_login_totp(struct api_ctx *c);
void api_login_enrol(struct api_ctx *c);
void api_login_enrol_confirm(struct api_ctx *c);
void api_me_totp(struct api_ctx *c);
void api_me_totp_enrol(struct api_ctx *c);
void api_me_totp_confirm(struct api_ctx *c);
void api_me_totp_disable(struct api_ctx *c);
void api_me_totp_recovery(struct api_ctx *c);

/* api_health.c */
void api_healthz(struct api_ctx *c);
void api_meta(struct api_ctx *c);

/* api_org.c */
void api_orgs_list(struct api_ctx *c);
void api_org_get(struct api_ctx *c);
void api_org_create(struct api_ctx *c);
void api_org_patch(struct api_ctx *c);
void api_org_move(struct api_ctx *c);
void api_org_close(struct api_ctx *c);
void api_org_merge(struct api_ctx *c);
void api_org_history(struct api_ctx *c);

/* api_person.c */
void api_people_list(struct api_ctx *c);
void api_person_get(struct api_ctx *c);
void api_person_create(struct api_ctx *c);
void api_person_patch(struct api_ctx *c);
void api_person_transfer(struct api_ctx *c);
void api_person_history(struct api_ctx *c);

/* api_account.c */
void api_accounts_list(struct api_ctx *c);
void api_account_get(struct api_ctx *c);
void api_account_create(struct api_ctx *c);
void api_account_patch(struct api_ctx *c);
void api_account_sessions(struct api_ctx *c);
void api_account_session_end(struct api_ctx *c);
void api_account_sessions_end(struct api_ctx *c);
void api_account_totp_reset(struct api_ctx *c);
void api_me_password(struct api_ctx *c);

/* api_indicator.c */

/*
 * The unit of the query (?org=, default: the account's own) and its scopes
 * for the year and, when compare > 0, the year compared (the tree of each
 * year: a 2022 figure of a commune made in 2025 is the sum of the communes
 * merged into it).  With period, also ?period= (a quarter or a month:
 * the dated figures count the records dated in it).  NULL after answering.
 */
struct record *api_unit_scopes(struct api_ctx *c, int year, struct scope *sc, int compare,
    struct scope *sc2, int *period);
void api_figures_state(struct api_ctx *c);
void api_indicators(struct api_ctx *c);
void api_indicator_one(struct api_ctx *c);
void api_indicator_records(struct api_ctx *c);

/* api_year.c */

/* 0 when record r may change: its unit's year (r's own year field; child
 * records pass their parent) is not approved.  Else -1 after answering. */
int api_year_unlocked(struct api_ctx *c, const struct record *r);
void api_year_get(struct api_ctx *c);
void api_year_history(struct api_ctx *c);
void api_year_step(struct api_ctx *c);

/* api_quality.c */
void api_quality(struct api_ctx *c);
/* api_import.c: bulk import (the body is the file) and export. */
/* May the account import (staff, administrators)?  0, or -1 after 403. */
int api_may_import(struct api_ctx *c);
void api_import(struct api_ctx *c);
void api_export(struct api_ctx *c);
void api_quality_one(struct api_ctx *c);

/* api_record.c: every generic record type (core_model.c RF_GENERIC) */
void api_records_list(struct api_ctx *c);
void api_records_create(struct api_ctx *c);
void api_record_get(struct api_ctx *c);
void api_record_patch(struct api_ctx *c);
void api_record_delete(struct api_ctx *c);
void api_record_post_sub(struct api_ctx *c);	/* restore, a transition, or a child */
void api_record_get_sub(struct api_ctx *c);	/* history, or a child list */
void api_record_delete_child(struct api_ctx *c);
void api_record_patch_child(struct api_ctx *c);

/* Writes an audit row of r (before and after as JSON, either NULL). */
int api_audit(struct api_ctx *c, const struct rtype *t, int64_t id, const char *action,
    const struct record *before, const struct record *after);

/* Answers the audit history of record r (visibility checked by the caller). */
void api_history(struct api_ctx *c, const struct record *r);

/* Audits the change of record id of type t made in the current transaction:
 * the record as it is now is read back as "after".  ST_OK or the error. */
int api_audit_change(struct api_ctx *c, const struct rtype *t, int64_t id,
    const char *action, const struct record *before);

/* api_router.c: the thread's store (opened on first use). */
struct store *api_store(struct api *a);

/* api_write.c: group commit (the argument is at the top of that file). */
struct api_writer;
/* Starts the writer thread on its own connection to db_path.  NULL with a
 * message in err.  Free with api_writer_free(). */
struct api_writer *api_writer_start(const char *db_path, char *err, size_t errlen);
/* Queues the write request c (copied) to be run by fn in the next group;
 * its answer is sent when the group committed.  -1 when the writer takes
 * no more requests (stopping): the caller runs it itself. */
int api_writer_submit(struct api_writer *w, const struct api_ctx *c,
    void (*fn)(struct api_ctx *));
/* Notes that session token_hash was used at when (written by the writer,
 * soon; advisory). */
void api_writer_touch(struct api_writer *w, const char *token_hash, int64_t when);
/* Runs and answers what is queued, then stops the thread.  Idempotent. */
void api_writer_stop(struct api_writer *w);
void api_writer_free(struct api_writer *w);
/* Groups committed and write requests run since the start. */
void api_writer_stats(struct api_writer *w, uint64_t *groups, uint64_t *writes);
/* The API's writer (api_router.c). */
struct api_writer *api_writer_of(struct api *a);
/* Runs step(st, arg) in the writer's next group, as one request (its own
 * savepoint), and waits until that group ended: what step returned once
 * the group committed, or ST_ERROR. */
int api_writer_run(struct api_writer *w, int (*step)(struct store *st, void *arg), void *arg);

/* api_keeper.c: a year's kept figures built in the background. */
struct api_keeper;
struct api_keeper *api_keeper_start(const char *db_path, struct api_writer *w, int chunk_rows,
    char *err, size_t errlen);
/* Asks for year to be kept (it is built soon if it is not). */
void api_keeper_want(struct api_keeper *k, int year);
/* Looks for units changed outside the server now (not in KEEPER_POLL_S). */
void api_keeper_look(struct api_keeper *k);
/* How far the build of year is (0–99), or -1 when it is not being built. */
int api_keeper_progress(struct api_keeper *k, int year);
/* The year being built (0: none) and how far, the years waiting, and the
 * units left pending by writes that bypassed the server. */
void api_keeper_state(struct api_keeper *k, int *year, int *percent, int *queued, int cap,
    int *nqueued, int64_t *pending);
/* Stops at the next step; idempotent. */
void api_keeper_stop(struct api_keeper *k);
void api_keeper_free(struct api_keeper *k);
/* The API's keeper and its options (api_router.c). */
struct api_keeper *api_keeper_of(struct api *a);
const struct api_options *api_options_of(struct api *a);

#endif
