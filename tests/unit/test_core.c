/*
 * test_core.c — unit tests of the core layer: dates, the field tables and
 * validation, record overlays, the tree's rules, scopes and permissions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "api/api.h"
#include "core/core.h"

static void
test_date_parse(void **state)
{
	struct date d;
	char buf[11];

	(void)state;
	assert_int_equal(date_parse("2023-02-05", &d), 0);
	assert_int_equal(d.y, 2023);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 5);
	date_format(&d, buf);
	assert_string_equal(buf, "2023-02-05");
	assert_int_equal(date_parse("2024-02-29", &d), 0);	/* leap year */
	assert_int_equal(date_parse("2023-02-29", &d), -1);
	assert_int_equal(date_parse("2100-02-29", &d), -1);	/* not leap */
	assert_int_equal(date_parse("2000-02-29", &d), 0);	/* leap */
	assert_int_equal(date_parse("2023-13-01", &d), -1);
	assert_int_equal(date_parse("2023-04-31", &d), -1);
	assert_int_equal(date_parse("2023-4-01", &d), -1);
	assert_int_equal(date_parse("2023-04-01 ", &d), -1);
	assert_int_equal(date_parse("1899-12-31", &d), -1);	/* before DATE_MIN_YEAR */
	assert_int_equal(date_parse("", &d), -1);
	assert_int_equal(date_parse(NULL, &d), -1);
	assert_int_equal(date_parse("２023-01-01", &d), -1);
}

static void
test_date_vn(void **state)
{
	struct date d;

	(void)state;
	assert_int_equal(date_parse_vn("05/02/2023", &d), 0);
	assert_true(d.y == 2023 && d.m == 2 && d.d == 5);
	assert_int_equal(date_parse_vn("5/2/2023", &d), 0);
	assert_true(d.y == 2023 && d.m == 2 && d.d == 5);
	assert_int_equal(date_parse_vn("31/02/2023", &d), -1);
	assert_int_equal(date_parse_vn("05/02/23", &d), -1);
	assert_int_equal(date_parse_vn("05-02-2023", &d), -1);
	assert_int_equal(date_parse_vn("05/02/2023x", &d), -1);
}

static void
test_date_days(void **state)
{
	struct date d = { 1970, 1, 1 }, e;

	(void)state;
	assert_int_equal(date_days(&d), 0);
	d = (struct date){ 2025, 7, 1 };
	date_from_days(date_days(&d) - 1, &e);
	assert_true(e.y == 2025 && e.m == 6 && e.d == 30);
	/* Every day of 1900..2100 round-trips. */
	d = (struct date){ 1900, 1, 1 };
	for (int64_t n = date_days(&d), end = n + 73000; n < end; n++) {
		date_from_days(n, &e);
		assert_int_equal(date_days(&e), n);
	}
	/* 2026-11-23 17:00 UTC is already the 24th in Viet Nam. */
	date_from_unix_vn(1795453200, &e);
	assert_true(e.y == 2026 && e.m == 11 && e.d == 24);
	date_from_unix_vn(1795453200 - 3600, &e);
	assert_true(e.y == 2026 && e.m == 11 && e.d == 23);
}

static void
test_model_tables(void **state)
{
	(void)state;
	for (int t = 0; t < RT__MAX; t++) {
		const struct rtype *rt = &rtypes[t];

		assert_int_equal(rt->id, t);
		for (int f = 0; f < rt->nfields; f++) {
			/* Every field is described (designated initialisers
			 * leave no hole) and found by its name. */
			assert_non_null(rt->fields[f].name);
			assert_non_null(rt->fields[f].label_vi);
			assert_non_null(rt->fields[f].label_en);
			assert_int_equal(rtype_field(rt, rt->fields[f].name), f);
			if (rt->fields[f].type == FT_ENUM)
				assert_non_null(rt->fields[f].values);
		}
	}
	assert_int_equal(rtype_field(&rtypes[RT_PERSON], "nope"), -1);
	assert_int_equal(enum_index(org_kind_names, "cell"), ORG_CELL);
	assert_int_equal(enum_index(role_names, "viewer"), ROLE_VIEWER);
	assert_int_equal(enum_index(role_names, "root"), -1);
}

static void
test_validate_person(void **state)
{
	struct record *p = record_new(&rtypes[RT_PERSON]);
	struct verr e;
	char longname[LIMIT_NAME_CHARS * 3 + 16];

	(void)state;
	/* Missing required name. */
	record_set_int(p, PERSON_ORG, 3);
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_REQUIRED);
	assert_string_equal(e.field, "full_name");

	/* Decomposed input is stored NFC, spaces collapsed. */
	record_set_text(p, PERSON_FULL_NAME, "  Nguye\xcc\x82\xcc\x83n   Va\xcc\x86n  Sa\xcc\x81ng ");
	assert_int_equal(record_validate(p, VM_CREATE, &e), 0);
	assert_string_equal(record_text(p, PERSON_FULL_NAME), "Nguyễn Văn Sáng");

	/* Only spaces is as good as missing. */
	record_set_text(p, PERSON_FULL_NAME, "   ");
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_REQUIRED);

	/* Invalid UTF-8 and control characters. */
	record_set_text(p, PERSON_FULL_NAME, "Nguy\xff");
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_UTF8);
	record_set_blob(p, PERSON_FULL_NAME, "A\0B", 3);
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_UTF8);

	/* Length counts code points, not bytes: 200 "ệ" pass, 201 do not. */
	longname[0] = '\0';
	for (int i = 0; i < LIMIT_NAME_CHARS; i++)
		strcat(longname, "ệ");
	record_set_text(p, PERSON_FULL_NAME, longname);
	assert_int_equal(record_validate(p, VM_CREATE, &e), 0);
	strcat(longname, "ệ");
	record_set_text(p, PERSON_FULL_NAME, longname);
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_TOO_LONG);
	assert_int_equal(e.limit, LIMIT_NAME_CHARS);

	record_set_text(p, PERSON_FULL_NAME, "Trần Thị Bình");
	record_set_text(p, PERSON_GENDER, "other");
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_ENUM);
	assert_string_equal(e.field, "gender");
	record_set_null(p, PERSON_GENDER);
	record_set_int(p, PERSON_BIRTH_YEAR, 1850);
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_RANGE);
	record_set_int(p, PERSON_BIRTH_YEAR, 1975);
	record_set_text(p, PERSON_PARTY_JOINED, "2001-02-30");
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_DATE);
	record_set_text(p, PERSON_PARTY_JOINED, "2001-02-03");
	assert_int_equal(record_validate(p, VM_CREATE, &e), 0);

	/* Read-only and create-only fields. */
	record_set_text(p, PERSON_NAME_FOLD, "x");
	assert_int_equal(record_validate(p, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_READONLY);
	record_unset(p, PERSON_NAME_FOLD);
	assert_int_equal(record_validate(p, VM_UPDATE, &e), -1);
	assert_int_equal(e.code, VE_CREATEONLY);
	assert_string_equal(e.field, "org_id");
	record_unset(p, PERSON_ORG);
	assert_int_equal(record_validate(p, VM_UPDATE, &e), 0);
	/* A required field cannot be nulled (create or update). */
	record_set_null(p, PERSON_FULL_NAME);
	assert_int_equal(record_validate(p, VM_UPDATE, &e), -1);
	assert_int_equal(e.code, VE_NOT_NULL);
	assert_string_equal(e.field, "full_name");
	record_free(p);
}

static void
test_validate_code(void **state)
{
	struct record *o = record_new(&rtypes[RT_ORG]);
	struct verr e;

	(void)state;
	record_set_text(o, ORG_KIND, "cell");
	record_set_text(o, ORG_NAME, "Chi bộ thôn Quế Ổ");
	record_set_text(o, ORG_CODE, "BN.QV.CL-1_a");
	assert_int_equal(record_validate(o, VM_CREATE, &e), 0);
	record_set_text(o, ORG_CODE, "BN QV");
	assert_int_equal(record_validate(o, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_FORMAT);
	record_set_text(o, ORG_CODE, "Quế");
	assert_int_equal(record_validate(o, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_FORMAT);
	record_set_text(o, ORG_CODE, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456");	/* 33 */
	assert_int_equal(record_validate(o, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_TOO_LONG);
	record_set_text(o, ORG_CODE, "");
	assert_int_equal(record_validate(o, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_REQUIRED);
	record_set_text(o, ORG_CODE, "OK");
	record_set_text(o, ORG_KIND, "village");
	assert_int_equal(record_validate(o, VM_CREATE, &e), -1);
	assert_int_equal(e.code, VE_ENUM);
	record_free(o);
}

static void
test_overlay(void **state)
{
	struct record *a = record_new(&rtypes[RT_PERSON]);
	struct record *ch = record_new(&rtypes[RT_PERSON]);
	struct record *m;

	(void)state;
	a->id = 9;
	record_set_text(a, PERSON_FULL_NAME, "Lê Văn A");
	record_set_int(a, PERSON_BIRTH_YEAR, 1980);
	record_set_text(a, PERSON_POSITION, "Đảng viên");
	record_set_null(ch, PERSON_POSITION);
	record_set_int(ch, PERSON_BIRTH_YEAR, 1981);
	m = record_overlay(a, ch);
	assert_int_equal(m->id, 9);
	assert_string_equal(record_text(m, PERSON_FULL_NAME), "Lê Văn A");
	assert_int_equal(record_int(m, PERSON_BIRTH_YEAR), 1981);
	assert_int_equal(m->v[PERSON_POSITION].state, FV_NULL);
	assert_int_equal(m->v[PERSON_NOTE].state, FV_ABSENT);
	record_free(a);
	record_free(ch);
	record_free(m);
}

static void
test_person_rules(void **state)
{
	struct record *p = record_new(&rtypes[RT_PERSON]);
	struct verr e;

	(void)state;
	record_set_text(p, PERSON_FULL_NAME, "Phạm Thị Hoa");
	record_set_int(p, PERSON_BIRTH_YEAR, 1990);
	assert_int_equal(person_check(p, "2026-11-23", &e), 0);
	record_set_int(p, PERSON_BIRTH_YEAR, 2027);
	assert_int_equal(person_check(p, "2026-11-23", &e), -1);
	assert_int_equal(e.rule, RULE_BIRTH_FUTURE);
	record_set_int(p, PERSON_BIRTH_YEAR, 1990);
	record_set_text(p, PERSON_PARTY_JOINED, "2015-05-19");
	assert_int_equal(person_check(p, "2026-11-23", &e), -1);
	assert_int_equal(e.rule, RULE_JOINED_NOT_MEMBER);
	record_set_int(p, PERSON_PARTY_MEMBER, 1);
	assert_int_equal(person_check(p, "2026-11-23", &e), 0);
	record_set_text(p, PERSON_PARTY_JOINED, "2007-05-19");	/* aged 17 */
	assert_int_equal(person_check(p, "2026-11-23", &e), -1);
	assert_int_equal(e.rule, RULE_JOINED_TOO_YOUNG);
	assert_string_equal(e.field, "party_joined");
	record_set_text(p, PERSON_PARTY_JOINED, "2026-12-01");
	assert_int_equal(person_check(p, "2026-11-23", &e), -1);
	assert_int_equal(e.rule, RULE_DATE_FUTURE);

	/* Derived keys. */
	record_set_text(p, PERSON_FULL_NAME, "Đỗ Văn Hiện");
	assert_int_equal(person_derive(p), 0);
	assert_string_equal(record_text(p, PERSON_NAME_FOLD), "do van hien");
	assert_true(p->v[PERSON_SORT_KEY].len > 0);
	record_free(p);
}

static struct record *
org(int64_t id, const char *kind, const char *path, const char *from, const char *to)
{
	struct record *o = record_new(&rtypes[RT_ORG]);

	o->id = id;
	record_set_text(o, ORG_KIND, kind);
	if (path)
		record_set_text(o, ORG_PATH, path);
	record_set_text(o, ORG_VALID_FROM, from);
	if (to)
		record_set_text(o, ORG_VALID_TO, to);
	return o;
}

static void
test_org_rules(void **state)
{
	struct record *vn = org(1, "national", "/1/", "1930-02-03", NULL);
	struct record *tb = org(2, "province_committee", "/1/2/", "1975-01-01", "2025-07-01");
	struct record *hy = org(3, "province_committee", "/1/3/", "1975-01-01", NULL);
	struct record *xa = org(4, "base_committee", "/1/2/4/", "1975-01-01", NULL);
	struct record *cell = org(5, "cell", "/1/2/4/5/", "1980-01-01", NULL);
	struct record *nw = org(6, "base_committee", NULL, "2025-07-01", NULL);
	struct verr e;

	(void)state;
	assert_true(org_kind_parent_ok(ORG_PROVINCE, ORG_BASE));
	assert_true(org_kind_parent_ok(ORG_BASE, ORG_CELL));
	assert_false(org_kind_parent_ok(ORG_CELL, ORG_CELL));
	assert_false(org_kind_parent_ok(ORG_DISTRICT, ORG_CELL));
	assert_false(org_kind_parent_ok(ORG_NATIONAL, ORG_CELL));

	assert_true(org_open_on(tb, "2025-06-30"));
	assert_false(org_open_on(tb, "2025-07-01"));
	assert_false(org_open_on(tb, "1974-12-31"));

	/* Creating: root only national; kinds; parent open on valid_from. */
	assert_int_equal(org_check_create(nw, NULL, &e), -1);
	assert_int_equal(e.rule, RULE_ROOT_KIND);
	assert_int_equal(org_check_create(nw, tb, &e), -1);
	assert_int_equal(e.rule, RULE_PARENT_CLOSED);
	assert_int_equal(org_check_create(nw, hy, &e), 0);
	assert_int_equal(org_check_create(nw, vn, &e), -1);
	assert_int_equal(e.rule, RULE_PARENT_KIND);

	/* Moving: not under itself, not before it opened, kinds fit. */
	assert_int_equal(org_check_move(xa, cell, "2020-01-01", &e), -1);
	assert_int_equal(e.rule, RULE_MOVE_CYCLE);
	assert_int_equal(org_check_move(xa, hy, "2020-01-01", &e), 0);
	assert_int_equal(org_check_move(xa, hy, "1970-01-01", &e), -1);
	assert_int_equal(e.code, VE_DATE_ORDER);
	assert_int_equal(org_check_move(xa, tb, "2025-08-01", &e), -1);
	assert_int_equal(e.rule, RULE_PARENT_CLOSED);
	assert_int_equal(org_check_move(cell, hy, "2020-01-01", &e), -1);
	assert_int_equal(e.rule, RULE_PARENT_KIND);

	/* Closing and merging. */
	assert_int_equal(org_check_close(tb, hy, "2025-08-01", &e), -1);
	assert_int_equal(e.rule, RULE_ORG_CLOSED);
	assert_int_equal(org_check_close(xa, xa, "2025-07-01", &e), -1);
	assert_int_equal(e.rule, RULE_SUCCESSOR_SELF);
	assert_int_equal(org_check_close(xa, cell, "2025-07-01", &e), -1);
	assert_int_equal(e.rule, RULE_MOVE_CYCLE);
	assert_int_equal(org_check_close(xa, tb, "2025-07-01", &e), -1);
	assert_int_equal(e.rule, RULE_SUCCESSOR_CLOSED);
	assert_int_equal(org_check_close(xa, NULL, "1975-01-01", &e), -1);
	assert_int_equal(e.code, VE_DATE_ORDER);
	assert_int_equal(org_check_close(xa, NULL, "2025-07-01", &e), 0);

	record_free(vn);
	record_free(tb);
	record_free(hy);
	record_free(xa);
	record_free(cell);
	record_free(nw);
}

static void
test_paths(void **state)
{
	char buf[32], up[40];

	(void)state;
	assert_int_equal(org_child_path(NULL, 1, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/1/");
	assert_int_equal(org_child_path("/1/12/", 123, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/1/12/123/");
	assert_int_equal(org_child_path("/1/12/", 123, buf, 8), -1);
	path_upper("/1/12/", up, sizeof(up));
	/* Every descendant sorts inside [prefix, upper); a sibling with a
	 * longer id does not. */
	assert_true(strcmp("/1/12/5/", "/1/12/") > 0 && strcmp("/1/12/5/", up) < 0);
	assert_true(strcmp("/1/123/", "/1/12/") > 0);
	assert_false(strncmp("/1/123/", "/1/12/", 6) == 0);
}

static void
test_scope(void **state)
{
	struct scope s = { 0 };

	(void)state;
	assert_int_equal(scope_add(&s, "/1/3/"), 0);
	assert_int_equal(scope_add(&s, "/1/2/"), 0);
	assert_int_equal(scope_add(&s, "/1/3/9/"), 0);	/* covered: not added */
	assert_int_equal(s.n, 2);
	assert_true(scope_contains(&s, "/1/3/"));
	assert_true(scope_contains(&s, "/1/2/7/8/"));
	assert_false(scope_contains(&s, "/1/"));
	assert_false(scope_contains(&s, "/1/33/"));
	assert_false(scope_contains(&s, NULL));
	/* A wider prefix replaces what it covers, the own unit stays first. */
	assert_int_equal(scope_add(&s, "/4/"), 0);
	assert_int_equal(scope_add(&s, "/4/5/"), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.prefix[0], "/1/3/");
	for (int i = 0; s.n < LIMIT_SCOPE_PREFIXES; i++) {
		char p[32];

		snprintf(p, sizeof(p), "/9/%d/", i);
		assert_int_equal(scope_add(&s, p), 0);
	}
	assert_int_equal(scope_add(&s, "/10/"), -1);
	/* Only a scope whose own unit is a root is at the root. */
	assert_false(scope_at_root(&s));
	{
		struct scope r = { 0 }, none = { 0 };

		assert_int_equal(scope_add(&r, "/1/"), 0);
		assert_true(scope_at_root(&r));
		assert_false(scope_at_root(&none));
	}
}

static void
test_permissions(void **state)
{
	(void)state;
	/* The table of SPEC §2. */
	for (int r = 0; r < ROLE__MAX; r++) {
		assert_true(role_may((enum role)r, RES_ORG, ACT_READ));
		assert_true(role_may((enum role)r, RES_PERSON, ACT_READ));
	}
	assert_true(role_may(ROLE_ADMIN, RES_ACCOUNT, ACT_WRITE));
	assert_false(role_may(ROLE_STAFF, RES_ACCOUNT, ACT_READ));
	assert_true(role_may(ROLE_STAFF, RES_ORG, ACT_WRITE));
	assert_false(role_may(ROLE_SECRETARY, RES_ORG, ACT_WRITE));
	assert_true(role_may(ROLE_SECRETARY, RES_PERSON, ACT_WRITE));
	assert_false(role_may(ROLE_SECRETARY, RES_TRANSFER, ACT_WRITE));
	assert_false(role_may(ROLE_MEMBER, RES_PERSON, ACT_WRITE));
	assert_false(role_may(ROLE_VIEWER, RES_PERSON, ACT_WRITE));
	assert_false(role_may(ROLE_VIEWER, RES_ORG, ACT_WRITE));
	assert_false(role_may(ROLE__MAX, RES_ORG, ACT_READ));
}

static void
test_account_rules(void **state)
{
	struct record *a = record_new(&rtypes[RT_ACCOUNT]);
	struct verr e;

	(void)state;
	record_set_text(a, ACCOUNT_ROLE, "secretary");
	assert_int_equal(account_check(a, "base_committee", &e), -1);
	assert_int_equal(e.rule, RULE_SECRETARY_CELL);
	assert_int_equal(account_check(a, "cell", &e), 0);
	record_set_text(a, ACCOUNT_ROLE, "member");
	assert_int_equal(account_check(a, "cell", &e), -1);
	assert_int_equal(e.rule, RULE_MEMBER_NEEDS_PERSON);
	record_set_int(a, ACCOUNT_PERSON, 4);
	assert_int_equal(account_check(a, "cell", &e), 0);
	record_free(a);
}

static void
test_rule_messages(void **state)
{
	char buf[512];

	(void)state;
	/* Every rule has a message in both languages. */
	for (int r = 0; r < RULE__MAX; r++) {
		struct verr e;

		verr_set(&e, VE_RULE, "x", 0);
		e.rule = r;
		for (int en = 0; en < 2; en++) {
			api_verr_message(&e, NULL, en, buf, sizeof(buf));
			assert_true(strlen(buf) > 10);
			assert_null(strstr(buf, "(null)"));
		}
	}
}

/* The levels of the two scales as the migration seeds them. */
static void
seeded_bands(struct rule_ctx *ctx)
{
	static const struct { const char *code, *scale; int min; } b[] = {
		{ "excellent", "party", 90 }, { "good", "party", 70 }, { "done", "party", 50 },
		{ "not_done", "party", 0 }, { "strong", "mass", -1 }, { "fair", "mass", -1 },
		{ "average", "mass", -1 }, { "weak", "mass", -1 },
	};
	struct record *items[8];

	for (int i = 0; i < 8; i++) {
		items[i] = record_new(&rtypes[RT_CATALOG]);
		record_set_text(items[i], CATALOG_CODE, b[i].code);
		record_set_text(items[i], CATALOG_KIND, b[i].scale);
		if (b[i].min >= 0)
			record_set_int(items[i], CATALOG_WEIGHT, b[i].min);
	}
	memset(ctx, 0, sizeof(*ctx));
	ctx->today = "2026-11-23";
	rule_ctx_bands(ctx, items, 8);
	for (int i = 0; i < 8; i++)
		record_free(items[i]);
}

static void
test_evaluation_levels(void **state)
{
	struct record *ev = record_new(&rtypes[RT_EVALUATION]);
	const struct rtype_rules *ru = rtypes[RT_EVALUATION].rules;
	struct rule_ctx ctx;
	struct verr e;

	(void)state;
	seeded_bands(&ctx);
	assert_int_equal(ctx.nbands, 8);
	assert_string_equal(band_of_score(&ctx, "party", 90), "excellent");
	assert_string_equal(band_of_score(&ctx, "party", 89), "good");
	assert_string_equal(band_of_score(&ctx, "party", 70), "good");
	assert_string_equal(band_of_score(&ctx, "party", 69), "done");
	assert_string_equal(band_of_score(&ctx, "party", 50), "done");
	assert_string_equal(band_of_score(&ctx, "party", 49), "not_done");
	assert_null(band_of_score(&ctx, "mass", 99));
	assert_string_equal(band_find(&ctx, "strong")->scale, "mass");
	assert_null(band_find(&ctx, "nope"));
	/* The scale is configuration: a stricter "excellent" changes the level. */
	ctx.bands[0].min = 95;
	assert_string_equal(band_of_score(&ctx, "party", 92), "good");
	ctx.bands[0].min = 90;

	record_set_int(ev, EVALUATION_YEAR, 2022);
	record_set_int(ev, EVALUATION_ORG, 4);
	record_set_int(ev, EVALUATION_PERSON, 9);
	record_set_text(ev, EVALUATION_SCALE, "party");
	/* Nothing to rate by. */
	assert_int_equal(ru->check(ev, &ctx, &e), -1);
	assert_int_equal(e.rule, RULE_LEVEL_MISSING);
	record_set_int(ev, EVALUATION_SCORE_GENERAL, 27);
	assert_int_equal(ru->check(ev, &ctx, &e), -1);
	assert_int_equal(e.rule, RULE_SCORE_PARTS);
	record_set_int(ev, EVALUATION_SCORE_TASKS, 65);
	assert_int_equal(ru->check(ev, &ctx, &e), 0);
	assert_int_equal(ru->derive(ev, &ctx), 0);
	assert_int_equal(record_int(ev, EVALUATION_SCORE), 92);
	assert_string_equal(record_text(ev, EVALUATION_DERIVED), "excellent");
	assert_string_equal(record_text(ev, EVALUATION_LEVEL), "excellent");
	assert_string_equal(record_text(ev, EVALUATION_SUBJECT), "p9");
	/* Given another level: only with a reason, only of the scale. */
	record_set_text(ev, EVALUATION_GIVEN, "good");
	assert_int_equal(ru->check(ev, &ctx, &e), -1);
	assert_int_equal(e.rule, RULE_OVERRIDE_REASON);
	record_set_text(ev, EVALUATION_REASON, "Chưa đủ điều kiện bổ sung của mức xuất sắc");
	assert_int_equal(ru->check(ev, &ctx, &e), 0);
	assert_int_equal(ru->derive(ev, &ctx), 0);
	assert_string_equal(record_text(ev, EVALUATION_LEVEL), "good");
	record_set_text(ev, EVALUATION_GIVEN, "strong");
	assert_int_equal(ru->check(ev, &ctx, &e), -1);
	assert_int_equal(e.rule, RULE_LEVEL_SCALE);
	/* A mass organisation's scale has no points. */
	record_set_text(ev, EVALUATION_SCALE, "mass");
	assert_int_equal(ru->check(ev, &ctx, &e), -1);
	assert_int_equal(e.rule, RULE_SCORE_PARTS);
	record_set_null(ev, EVALUATION_SCORE_GENERAL);
	record_set_null(ev, EVALUATION_SCORE_TASKS);
	assert_int_equal(ru->check(ev, &ctx, &e), 0);
	assert_int_equal(ru->derive(ev, &ctx), 0);
	assert_string_equal(record_text(ev, EVALUATION_LEVEL), "strong");
	record_free(ev);
}

static void
test_weighted_total(void **state)
{
	int64_t s[] = { 80, 90, 100 }, w[] = { 30, 20, 50 };

	(void)state;
	assert_int_equal(weighted_total(s, w, 3), 92);	/* (2400 + 1800 + 5000) / 100 */
	assert_int_equal(weighted_total(s, w, 0), 0);
	w[0] = w[1] = w[2] = 0;
	assert_int_equal(weighted_total(s, w, 3), 0);
	{
		int64_t s2[] = { 1, 2 }, w2[] = { 1, 1 };

		assert_int_equal(weighted_total(s2, w2, 2), 2);	/* 1,5 rounds up */
	}
}

static void
test_task_rule_and_plan_count(void **state)
{
	const struct rtype *tt = &rtypes[RT_TASK];
	struct record *t1 = record_new(tt), *t2 = record_new(tt);
	struct record *ch = record_new(&rtypes[RT_PLAN]);
	struct record *kids[2] = { t1, t2 };
	struct rule_ctx ctx = { .today = "2026-11-23" };
	struct verr e;

	(void)state;
	record_set_text(t1, TASK_STATUS, "done");
	assert_int_equal(tt->rules->check(t1, &ctx, &e), -1);
	assert_int_equal(e.rule, RULE_DONE_NEEDS_DATE);
	record_set_text(t1, TASK_DONE_ON, "2026-12-01");
	assert_int_equal(tt->rules->check(t1, &ctx, &e), -1);
	assert_int_equal(e.rule, RULE_DATE_FUTURE);
	record_set_text(t1, TASK_DONE_ON, "2026-10-01");
	assert_int_equal(tt->rules->check(t1, &ctx, &e), 0);
	record_set_text(t2, TASK_STATUS, "in_progress");
	record_set_text(t2, TASK_DONE_ON, "2026-10-01");
	assert_int_equal(tt->rules->check(t2, &ctx, &e), -1);
	assert_int_equal(tt->rules->recompute_parent(kids, 2, NULL, ch, &e), 0);
	assert_int_equal(record_int(ch, PLAN_TASKS_DONE), 1);
	record_free(t1);
	record_free(t2);
	record_free(ch);
}

static void
test_concern_state_follows_updates(void **state)
{
	const struct rtype *ut = &rtypes[RT_CONCERN_UPDATE];
	struct record *u1 = record_new(ut), *u2 = record_new(ut);
	struct record *ch = record_new(&rtypes[RT_CONCERN]);
	struct record *kids[2] = { u1, u2 };
	struct verr e;

	(void)state;
	record_set_text(u1, UPDATE_DATE, "2022-03-01");
	record_set_text(u1, UPDATE_STATE, "resolved");
	record_set_text(u1, UPDATE_STATE_KIND, "resolved");
	record_set_text(u2, UPDATE_DATE, "2022-05-01");
	record_set_text(u2, UPDATE_STATE, "in_progress");
	record_set_text(u2, UPDATE_STATE_KIND, "open");
	/* Resolved, then reopened: the latest counts. */
	assert_int_equal(ut->rules->recompute_parent(kids, 1, NULL, ch, &e), 0);
	assert_string_equal(record_text(ch, CONCERN_STATE_KIND), "resolved");
	assert_string_equal(record_text(ch, CONCERN_RESOLVED_ON), "2022-03-01");
	assert_int_equal(ut->rules->recompute_parent(kids, 2, NULL, ch, &e), 0);
	assert_string_equal(record_text(ch, CONCERN_STATE), "in_progress");
	assert_int_equal(ch->v[CONCERN_RESOLVED_ON].state, FV_NULL);
	assert_int_equal(ut->rules->recompute_parent(kids, 0, NULL, ch, &e), 0);
	assert_string_equal(record_text(ch, CONCERN_STATE), "new");
	record_free(u1);
	record_free(u2);
	record_free(ch);
}

static void
test_generic_registry(void **state)
{
	(void)state;
	/* Every generic type has a path, a permission and a way to its unit;
	 * every child finds its parent and is found from it. */
	for (int t = 0; t < RT__MAX; t++) {
		const struct rtype *rt = &rtypes[t];

		if (!(rt->flags & RF_GENERIC))
			continue;
		assert_non_null(rt->path);
		assert_non_null(rt->table);
		assert_true(rt->res > RES_ACCOUNT && rt->res < RES__MAX);
		if (rt->parent > 0) {
			assert_ptr_equal(rtype_child(rtype_parent(rt), rt->path), rt);
			assert_true(rtype_field(rt, rt->parent_field) >= 0);
		} else {
			assert_ptr_equal(rtype_by_path(rt->path), rt);
			assert_true(rt->org_field != NULL || (rt->flags & RF_GLOBAL));
		}
		assert_true(rtype_field(rt, "search_fold") >= 0);
		assert_true(rtype_field(rt, "deleted_at") >= 0);
		if (rt->status_field != NULL)
			assert_true(rtype_field(rt, rt->status_field) >= 0);
		for (const struct transition *tr = rt->transitions; tr && tr->name; tr++)
			if (tr->stamp)
				assert_true(rtype_field(rt, tr->stamp) >= 0);
	}
	assert_null(rtype_by_path("nope"));
	assert_string_equal(rtype_transition(&rtypes[RT_PLEDGE], "verdict")->to, "closed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_vn),
		cmocka_unit_test(test_date_days),
		cmocka_unit_test(test_model_tables),
		cmocka_unit_test(test_validate_person),
		cmocka_unit_test(test_validate_code),
		cmocka_unit_test(test_overlay),
		cmocka_unit_test(test_person_rules),
		cmocka_unit_test(test_org_rules),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_permissions),
		cmocka_unit_test(test_account_rules),
		cmocka_unit_test(test_rule_messages),
		cmocka_unit_test(test_evaluation_levels),
		cmocka_unit_test(test_weighted_total),
		cmocka_unit_test(test_task_rule_and_plan_count),
		cmocka_unit_test(test_concern_state_follows_updates),
		cmocka_unit_test(test_generic_registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
