/*
 * api_totp.c — the second factor (TOTP, RFC 6238) of a log-in, and an
 * account's own enrolment.
 *
 * The log-in, when the password was right (api_login):
 *   - the account has a second factor: 200 {"second_factor": "totp",
 *     "ticket"}; POST /login/totp {"ticket", "code" | "recovery_code"}
 *     completes it (a session, as /login gives one);
 *   - an administrator without one (they are required to have it): 200
 *     {"second_factor": "enrol", "ticket"}; nothing else works until it
 *     enrols: POST /login/enrol {"ticket"} gives the secret, its otpauth://
 *     URI and a QR code (SVG, made here), POST /login/enrol/confirm
 *     {"ticket", "code"} checks a first code, switches the factor on and
 *     completes the log-in, with the recovery codes shown this once;
 *   - anyone else without one: the session at once (it is optional).
 * A ticket is a random token kept as a digest, bound to one account, for
 * LOGIN_TICKET_S (TOTP_ENROL_S for an enrolment), used once.  Wrong codes
 * count like wrong passwords (kind "second" per account, and the address).
 *
 * Signed in, anyone may enrol (again, with a new device), get new recovery
 * codes, or, except administrators, turn the factor off: each asks for the
 * password again (api_reauth).  Once on, the secret is never sent again.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"

static bool
is_admin(const struct record *acc)
{
	return strcmp(record_text(acc, ACCOUNT_ROLE), role_names[ROLE_ADMIN]) == 0;
}

json_t *
api_two_factor_json(struct api_ctx *c, int64_t account_id, const char *role)
{
	struct totp_row t;
	int rc = store_totp_get(c->st, account_id, &t);
	json_t *o;

	if (rc != ST_OK && rc != ST_NOTFOUND)
		return json_null();
	o = json_pack("{s:b, s:b}", "enabled", rc == ST_OK && t.enabled,
	    "required", strcmp(role, role_names[ROLE_ADMIN]) == 0);
	sodium_memzero(&t, sizeof(t));
	return o;
}

/* {"recovery_codes": [...]}: RECOVERY_CODES new codes replace the account's
 * old ones (in the caller's transaction).  NULL on a store error (rc set). */
static json_t *
new_recovery_codes(struct api_ctx *c, int64_t account_id, int *rc)
{
	char hashes[RECOVERY_CODES][65], code[RECOVERY_CODE_CHARS + 2];
	char norm[RECOVERY_CODE_CHARS + 1];
	json_t *a = json_array();

	for (int i = 0; i < RECOVERY_CODES; i++) {
		recovery_code_new(code);
		recovery_code_normalise(code, norm);
		recovery_code_hash(account_id, norm, hashes[i]);
		json_array_append_new(a, json_string(code));
	}
	sodium_memzero(code, sizeof(code));
	sodium_memzero(norm, sizeof(norm));
	*rc = store_recovery_replace(c->st, account_id, hashes, RECOVERY_CODES, c->now);
	if (*rc != ST_OK) {
		json_decref(a);
		return NULL;
	}
	return json_pack("{s:o}", "recovery_codes", a);
}

int
api_second_factor(struct api_ctx *c, const struct record *acc)
{
	struct totp_row t;
	char ticket[44], hash[65];
	const char *kind;
	int64_t expires;
	int rc = store_totp_get(c->st, acc->id, &t);

	if (rc != ST_OK && rc != ST_NOTFOUND) {
		api_fail_store(c, rc);
		return -1;
	}
	kind = rc == ST_OK && t.enabled ? "totp" : is_admin(acc) ? "enrol" : NULL;
	sodium_memzero(&t, sizeof(t));
	if (kind == NULL)
		return 0;
	expires = c->now + (kind[0] == 't' ? LOGIN_TICKET_S : TOTP_ENROL_S);
	auth_token_new(ticket);
	auth_token_hash(ticket, hash);
	if ((rc = store_begin(c->st, true)) == ST_OK) {
		rc = store_ticket_create(c->st, hash, acc->id, kind, c->now, expires);
		/* The password was right: its failures are forgiven, as they
		 * are when a session starts. */
		if (rc == ST_OK)
			rc = store_login_failures_clear(c->st, "account",
			    record_text(acc, ACCOUNT_USERNAME));
		rc = store_end(c->st, rc);
	}
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return -1;
	}
	api_reply(c, 200, json_pack("{s:s, s:s, s:I}", "second_factor", kind,
	    "ticket", ticket, "expires_at", (json_int_t)expires));
	sodium_memzero(ticket, sizeof(ticket));
	return 1;
}

/* The body of a second step: NULL after answering. */
static struct record *
step_body(struct api_ctx *c)
{
	return api_op_body(c, &rtypes[RT_OP_LOGIN_STEP]);
}

/* The account of the live ticket of kind in `in`, not disabled: NULL after
 * answering 401 invalid_ticket (or 403 account_disabled).  The caller
 * frees; *hash is the ticket's digest. */
static struct record *
ticket_account(struct api_ctx *c, const struct record *in, const char *want, char hash[65])
{
	const char *ticket = record_text(in, STEP_TICKET);
	struct record *acc = NULL;
	int64_t account_id = 0;
	char kind[8] = "";
	int rc;

	auth_token_hash(ticket, hash);
	rc = store_ticket_get(c->st, hash, c->now, &account_id, kind);
	if (rc == ST_OK && strcmp(kind, want) != 0)
		rc = ST_NOTFOUND;
	if (rc == ST_OK)
		rc = store_get(c->st, RT_ACCOUNT, account_id, &acc);
	if (rc == ST_NOTFOUND) {
		api_fail(c, E_INVALID_TICKET, "ticket", 0);
		return NULL;
	}
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		return NULL;
	}
	if (record_int(acc, ACCOUNT_DISABLED)) {
		record_free(acc);
		api_fail(c, E_ACCOUNT_DISABLED, NULL, 0);
		return NULL;
	}
	return acc;
}

/* A wrong code: counted, then 401 invalid_code naming field. */
static void
wrong_code(struct api_ctx *c, const struct record *acc, const char *field)
{
	api_login_failed(c, "second", record_text(acc, ACCOUNT_USERNAME));
	api_fail(c, E_INVALID_CODE, field, 0);
}

/* Ends a second step that succeeded (in the caller's transaction): the
 * ticket is used up, the wrong codes forgiven.  ST_OK or an error. */
static int
step_done(struct api_ctx *c, const struct record *acc, const char *ticket_hash)
{
	int rc = store_ticket_delete(c->st, ticket_hash);

	if (rc == ST_OK)
		rc = store_login_failures_clear(c->st, "second",
		    record_text(acc, ACCOUNT_USERNAME));
	return rc;
}

void
api_login_totp(struct api_ctx *c)
{
	struct record *in, *acc = NULL;
	char hash[65], norm[RECOVERY_CODE_CHARS + 1], digest[65];
	const char *field;
	json_t *extra = NULL;
	struct totp_row t;
	int64_t left = 0;
	int rc;

	memset(&t, 0, sizeof(t));
	if ((in = step_body(c)) == NULL)
		return;
	/* Exactly one of the two; each of its shape (not counted as a try). */
	if (record_has(in, STEP_CODE) == record_has(in, STEP_RECOVERY)) {
		api_fail(c, record_has(in, STEP_CODE) ? E_INVALID_VALUE : E_REQUIRED,
		    record_has(in, STEP_CODE) ? "recovery_code" : "code", 0);
		goto out;
	}
	field = record_has(in, STEP_CODE) ? "code" : "recovery_code";
	if (field[0] == 'c' ? !totp_code_shape(record_text(in, STEP_CODE)) :
	    recovery_code_normalise(record_text(in, STEP_RECOVERY), norm) != 0) {
		api_fail(c, E_INVALID_VALUE, field, 0);
		goto out;
	}
	if ((acc = ticket_account(c, in, "totp", hash)) == NULL)
		goto out;
	if (api_login_rate(c, "second", record_text(acc, ACCOUNT_USERNAME)) != 0)
		goto out;
	if ((rc = store_totp_get(c->st, acc->id, &t)) != ST_OK || !t.enabled) {
		/* Reset since the password step: that ticket is gone too. */
		if (rc == ST_OK || rc == ST_NOTFOUND)
			api_fail(c, E_INVALID_TICKET, "ticket", 0);
		else
			api_fail_store(c, rc);
		goto out;
	}
	if ((rc = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	if (field[0] == 'c') {
		int64_t step = totp_verify(t.secret, sizeof(t.secret),
		    record_text(in, STEP_CODE), c->now, t.last_step);

		rc = step < 0 ? ST_NOTFOUND : store_totp_used(c->st, acc->id, step);
	} else {
		recovery_code_hash(acc->id, norm, digest);
		rc = store_recovery_use(c->st, acc->id, digest, c->now);
		if (rc == ST_OK)
			rc = store_recovery_left(c->st, acc->id, &left);
		if (rc == ST_OK)
			extra = json_pack("{s:I}", "recovery_codes_left", (json_int_t)left);
	}
	if (rc == ST_OK)
		rc = step_done(c, acc, hash);
	rc = store_end(c->st, rc);
	if (rc == ST_NOTFOUND) {
		wrong_code(c, acc, field);
		goto out;
	}
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	api_session_start(c, acc, extra);
	extra = NULL;
out:
	json_decref(extra);
	sodium_memzero(&t, sizeof(t));
	sodium_memzero(norm, sizeof(norm));
	record_free(acc);
	record_free(in);
}

/* 200 {"secret","otpauth_uri","qr_svg","expires_at"} for a new secret of
 * account acc, begun in the store (the enabled one, if any, stays on until
 * the new one is confirmed). */
static void
enrol_begin(struct api_ctx *c, const struct record *acc)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	char b32[TOTP_SECRET_B32], uri[512];
	char *svg = NULL;
	int rc;

	totp_secret_new(secret);
	totp_secret_base32(secret, b32);
	if (totp_uri(record_text(acc, ACCOUNT_USERNAME), b32, uri, sizeof(uri)) != 0 ||
	    (svg = qr_svg(uri)) == NULL) {
		api_fail(c, E_INTERNAL, NULL, 0);
		goto out;
	}
	if ((rc = store_begin(c->st, true)) == ST_OK) {
		rc = store_totp_begin(c->st, acc->id, secret, c->now);
		rc = store_end(c->st, rc);
	}
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	api_reply(c, 200, json_pack("{s:s, s:s, s:s, s:I, s:i, s:i}", "secret", b32,
	    "otpauth_uri", uri, "qr_svg", svg, "expires_at",
	    (json_int_t)(c->now + TOTP_ENROL_S), "digits", TOTP_DIGITS, "period", TOTP_STEP_S));
out:
	free(svg);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(b32, sizeof(b32));
	sodium_memzero(uri, sizeof(uri));
}

/*
 * Confirms the enrolment of acc with code (in the caller's transaction,
 * begun): the pending secret goes on and new recovery codes are made,
 * returned as {"recovery_codes": [...]}.  NULL with *rc: ST_NOTFOUND for a
 * wrong code, -1 when no enrolment is under way (none begun, or older than
 * TOTP_ENROL_S), or a store error.
 */
static json_t *
enrol_confirm(struct api_ctx *c, const struct record *acc, const char *code, int *rc)
{
	struct totp_row t;
	json_t *out = NULL;
	int64_t step;

	*rc = store_totp_get(c->st, acc->id, &t);
	if (*rc == ST_NOTFOUND || (*rc == ST_OK &&
	    (!t.pending || t.pending_at + TOTP_ENROL_S <= c->now))) {
		*rc = -1;
		goto out;
	}
	if (*rc != ST_OK)
		goto out;
	step = totp_verify(t.pending_secret, sizeof(t.pending_secret), code, c->now, -1);
	if (step < 0) {
		*rc = ST_NOTFOUND;
		goto out;
	}
	store_set_actor(c->st, acc->id);
	if ((*rc = store_totp_enable(c->st, acc->id, step, c->now)) == ST_OK &&
	    (out = new_recovery_codes(c, acc->id, rc)) != NULL)
		*rc = api_audit(c, &rtypes[RT_ACCOUNT], acc->id, "totp_enable", NULL, NULL);
out:
	sodium_memzero(&t, sizeof(t));
	if (*rc != ST_OK) {
		json_decref(out);
		out = NULL;
	}
	return out;
}

void
api_login_enrol(struct api_ctx *c)
{
	struct record *in, *acc = NULL;
	char hash[65];

	if ((in = step_body(c)) == NULL)
		return;
	if (record_has(in, STEP_CODE) || record_has(in, STEP_RECOVERY)) {
		api_fail(c, E_UNKNOWN_FIELD, record_has(in, STEP_CODE) ? "code" :
		    "recovery_code", 0);
		goto out;
	}
	if ((acc = ticket_account(c, in, "enrol", hash)) != NULL)
		enrol_begin(c, acc);
out:
	record_free(acc);
	record_free(in);
}

void
api_login_enrol_confirm(struct api_ctx *c)
{
	struct record *in, *acc = NULL;
	json_t *codes = NULL;
	char hash[65];
	int rc;

	if ((in = step_body(c)) == NULL)
		return;
	if (record_has(in, STEP_RECOVERY)) {
		api_fail(c, E_UNKNOWN_FIELD, "recovery_code", 0);
		goto out;
	}
	if (!record_has(in, STEP_CODE) || !totp_code_shape(record_text(in, STEP_CODE))) {
		api_fail(c, record_has(in, STEP_CODE) ? E_INVALID_VALUE : E_REQUIRED, "code", 0);
		goto out;
	}
	if ((acc = ticket_account(c, in, "enrol", hash)) == NULL ||
	    api_login_rate(c, "second", record_text(acc, ACCOUNT_USERNAME)) != 0)
		goto out;
	if ((rc = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	codes = enrol_confirm(c, acc, record_text(in, STEP_CODE), &rc);
	if (rc == ST_OK)
		rc = step_done(c, acc, hash);
	rc = store_end(c->st, rc);
	if (rc == ST_NOTFOUND)
		wrong_code(c, acc, "code");
	else if (rc == -1)
		api_fail_rule(c, RULE_TOTP_NOT_STARTED, "code");
	else if (rc != ST_OK)
		api_fail_store(c, rc);
	else {
		api_session_start(c, acc, codes);
		codes = NULL;
	}
out:
	json_decref(codes);
	record_free(acc);
	record_free(in);
}

/* ---- signed in: /me/totp ------------------------------------------------ */

void
api_me_totp(struct api_ctx *c)
{
	struct totp_row t;
	int64_t left = 0;
	int rc = store_totp_get(c->st, c->me.account_id, &t);
	bool on = rc == ST_OK && t.enabled;

	if ((rc != ST_OK && rc != ST_NOTFOUND) ||
	    (on && (rc = store_recovery_left(c->st, c->me.account_id, &left)) != ST_OK)) {
		api_fail_store(c, rc);
		return;
	}
	api_reply(c, 200, json_pack("{s:b, s:b, s:o, s:b, s:I}", "enabled", on,
	    "required", c->me.role == ROLE_ADMIN,
	    "enabled_at", on ? json_integer(t.enabled_at) : json_null(),
	    "enrolling", rc == ST_OK && t.pending && t.pending_at + TOTP_ENROL_S > c->now,
	    "recovery_codes_left", (json_int_t)left));
	sodium_memzero(&t, sizeof(t));
}

/* The password of a body that carries only it: 0 and *acc (to free), or -1
 * after answering. */
static int
reauth_body(struct api_ctx *c, struct record **acc)
{
	struct record *in;
	int rc;

	*acc = NULL;
	if ((in = api_op_body(c, &rtypes[RT_OP_REAUTH])) == NULL)
		return -1;
	rc = api_reauth(c, record_text(in, REAUTH_PASSWORD), "password", acc);
	record_free(in);
	return rc;
}

void
api_me_totp_enrol(struct api_ctx *c)
{
	struct record *acc;

	if (reauth_body(c, &acc) != 0)
		return;
	enrol_begin(c, acc);
	record_free(acc);
}

void
api_me_totp_confirm(struct api_ctx *c)
{
	json_t *codes = NULL;
	struct record *in, *acc = NULL;
	int rc;

	if ((in = api_op_body(c, &rtypes[RT_OP_TOTP_CODE])) == NULL)
		return;
	if (!totp_code_shape(record_text(in, TOTPCODE_CODE))) {
		api_fail(c, E_INVALID_VALUE, "code", 0);
		goto out;
	}
	if (api_login_rate(c, "second", c->me.username) != 0)
		goto out;
	if ((rc = store_get(c->st, RT_ACCOUNT, c->me.account_id, &acc)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	if ((rc = store_begin(c->st, true)) != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	codes = enrol_confirm(c, acc, record_text(in, TOTPCODE_CODE), &rc);
	if (rc == ST_OK)
		rc = store_login_failures_clear(c->st, "second", c->me.username);
	rc = store_end(c->st, rc);
	if (rc == ST_NOTFOUND) {
		api_login_failed(c, "second", c->me.username);
		api_fail(c, E_WRONG_CODE, "code", 0);
	} else if (rc == -1) {
		api_fail_rule(c, RULE_TOTP_NOT_STARTED, "code");
	} else if (rc != ST_OK) {
		api_fail_store(c, rc);
	} else {
		json_object_set_new(codes, "enabled", json_true());
		api_reply(c, 200, codes);
		codes = NULL;
	}
out:
	json_decref(codes);
	record_free(acc);
	record_free(in);
}

/* Is the signed-in account's second factor on?  1, 0, or -1 after
 * answering a store error. */
static int
totp_on(struct api_ctx *c)
{
	struct totp_row t;
	int rc = store_totp_get(c->st, c->me.account_id, &t);
	bool on = rc == ST_OK && t.enabled;

	sodium_memzero(&t, sizeof(t));
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		api_fail_store(c, rc);
		return -1;
	}
	return on;
}

void
api_me_totp_disable(struct api_ctx *c)
{
	struct record *acc;
	int rc, on;

	if (reauth_body(c, &acc) != 0)
		return;
	if (c->me.role == ROLE_ADMIN) {
		api_fail_rule(c, RULE_TOTP_REQUIRED, NULL);
		goto out;
	}
	if ((on = totp_on(c)) <= 0) {
		if (on == 0)
			api_fail_rule(c, RULE_TOTP_OFF, NULL);
		goto out;
	}
	if ((rc = store_begin(c->st, true)) == ST_OK) {
		rc = store_totp_delete(c->st, c->me.account_id);
		if (rc == ST_OK)
			rc = api_audit(c, &rtypes[RT_ACCOUNT], c->me.account_id, "totp_disable",
			    NULL, NULL);
		rc = store_end(c->st, rc);
	}
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	api_reply(c, 200, api_two_factor_json(c, c->me.account_id, role_names[c->me.role]));
out:
	record_free(acc);
}

void
api_me_totp_recovery(struct api_ctx *c)
{
	struct record *acc;
	json_t *codes = NULL;
	int rc, on;

	if (reauth_body(c, &acc) != 0)
		return;
	if ((on = totp_on(c)) <= 0) {
		if (on == 0)
			api_fail_rule(c, RULE_TOTP_OFF, NULL);
		goto out;
	}
	if ((rc = store_begin(c->st, true)) == ST_OK) {
		codes = new_recovery_codes(c, c->me.account_id, &rc);
		if (rc == ST_OK)
			rc = api_audit(c, &rtypes[RT_ACCOUNT], c->me.account_id,
			    "recovery_codes", NULL, NULL);
		rc = store_end(c->st, rc);
	}
	if (rc != ST_OK) {
		api_fail_store(c, rc);
		goto out;
	}
	api_reply(c, 200, codes);
	codes = NULL;
out:
	json_decref(codes);
	record_free(acc);
}
