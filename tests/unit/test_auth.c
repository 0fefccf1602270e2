/*
 * test_auth.c — passwords and session tokens: Argon2id hashes verify only
 * the right password, the dummy hash verifies nothing, tokens are random
 * 256-bit base64url strings and their digests are stable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"

static int
setup(void **state)
{
	(void)state;
	return auth_init();
}

static void
test_password_hash(void **state)
{
	char h1[128], h2[128];

	(void)state;
	assert_int_equal(auth_password_hash("mật khẩu rất dài 2026", h1), 0);
	assert_int_equal(auth_password_hash("mật khẩu rất dài 2026", h2), 0);
	assert_true(strncmp(h1, "$argon2id$", 10) == 0);
	assert_string_not_equal(h1, h2);	/* salted */
	assert_int_equal(auth_password_verify(h1, "mật khẩu rất dài 2026"), 1);
	assert_int_equal(auth_password_verify(h2, "mật khẩu rất dài 2026"), 1);
	assert_int_equal(auth_password_verify(h1, "mật khẩu rất dài 2025"), 0);
	assert_int_equal(auth_password_verify(h1, ""), 0);
	assert_int_equal(auth_password_verify("not a hash", "x"), 0);
	assert_int_equal(auth_password_verify(NULL, "x"), 0);
	/* The stored string names the costs of limits.h. */
	assert_non_null(strstr(h1, "m=32768,t=3"));
}

static void
test_dummy_hash(void **state)
{
	const char *d = auth_dummy_hash();

	(void)state;
	assert_true(strncmp(d, "$argon2id$", 10) == 0);
	assert_ptr_equal(d, auth_dummy_hash());
	assert_int_equal(auth_password_verify(d, ""), 0);
	assert_int_equal(auth_password_verify(d, "password"), 0);
}

static void
test_password_rules(void **state)
{
	struct verr e;
	char big[LIMIT_PASSWORD_MAX + 2];

	(void)state;
	assert_int_equal(auth_password_check("đủ mười ký", &e), 0);	/* 10 chars, more bytes */
	assert_int_equal(auth_password_check("short", &e), -1);
	assert_int_equal(e.code, VE_TOO_SHORT);
	assert_string_equal(e.field, "password");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(auth_password_check(big, &e), -1);
	assert_int_equal(e.code, VE_TOO_LONG);
	assert_int_equal(auth_password_check("abcdefghij\xff", &e), -1);
	assert_int_equal(e.code, VE_UTF8);
}

static void
test_tokens(void **state)
{
	char a[44], b[44], ha[65], hb[65], ha2[65];

	(void)state;
	auth_token_new(a);
	auth_token_new(b);
	assert_int_equal(strlen(a), 43);
	assert_string_not_equal(a, b);
	for (size_t i = 0; i < 43; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", a[i]));
	auth_token_hash(a, ha);
	auth_token_hash(a, ha2);
	auth_token_hash(b, hb);
	assert_int_equal(strlen(ha), 64);
	assert_string_equal(ha, ha2);
	assert_string_not_equal(ha, hb);
	assert_null(strstr(ha, a));
	/* A known BLAKE2b-256 digest: of "abc". */
	auth_token_hash("abc", ha);
	assert_string_equal(ha, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

static void
test_equal(void **state)
{
	(void)state;
	assert_true(auth_equal("abc", "abc"));
	assert_false(auth_equal("abc", "abd"));
	assert_false(auth_equal("abc", "abcd"));
	assert_false(auth_equal("", "a"));
	assert_true(auth_equal("", ""));
}

/* RFC 6238 Appendix B (SHA-1 key "12345678901234567890"), the last six
 * of its eight digits; each code is taken once, within one step of now. */
static void
test_totp_rfc6238(void **state)
{
	const unsigned char *key = (const unsigned char *)"12345678901234567890";
	static const struct { int64_t t; const char *code; } v[] = {
		{ 59, "287082" }, { 1111111109, "081804" }, { 1111111111, "050471" },
		{ 1234567890, "005924" }, { 2000000000, "279037" },
	};
	char b32[TOTP_SECRET_B32], uri[256];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int64_t step = v[i].t / TOTP_STEP_S;

		assert_int_equal(totp_verify(key, 20, v[i].code, v[i].t, -1), step);
		/* A step later or earlier still; two steps, no longer. */
		assert_int_equal(totp_verify(key, 20, v[i].code, v[i].t + TOTP_STEP_S, -1), step);
		assert_int_equal(totp_verify(key, 20, v[i].code, v[i].t - TOTP_STEP_S, -1), step);
		assert_int_equal(totp_verify(key, 20, v[i].code, v[i].t + 2 * TOTP_STEP_S, -1), -1);
		/* Used once: not again. */
		assert_int_equal(totp_verify(key, 20, v[i].code, v[i].t, step), -1);
	}
	assert_int_equal(totp_verify(key, 20, "28708", 59, -1), -1);
	assert_int_equal(totp_verify(key, 20, "2870822", 59, -1), -1);
	assert_int_equal(totp_verify(key, 20, "28708a", 59, -1), -1);
	totp_secret_base32(key, b32);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(totp_uri("admin", b32, uri, sizeof(uri)), 0);
	assert_string_equal(uri, "otpauth://totp/lamtheo:admin?secret="
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=lamtheo&algorithm=SHA1&digits=6&period=30");
	assert_int_equal(totp_uri("admin", b32, uri, 20), -1);
}

static void
test_recovery_codes(void **state)
{
	char c[RECOVERY_CODE_CHARS + 2], n[RECOVERY_CODE_CHARS + 1], h1[65], h2[65];

	(void)state;
	recovery_code_new(c);
	assert_int_equal(strlen(c), RECOVERY_CODE_CHARS + 1);
	assert_int_equal(c[5], '-');
	assert_int_equal(recovery_code_normalise(c, n), 0);
	assert_int_equal(strlen(n), RECOVERY_CODE_CHARS);
	assert_int_equal(recovery_code_normalise("ABCDE FGHJK", n), 0);
	assert_string_equal(n, "abcdefghjk");
	assert_int_equal(recovery_code_normalise("abcde-fghj", n), -1);	/* short */
	assert_int_equal(recovery_code_normalise("abcde-fghjkm", n), -1);	/* long */
	assert_int_equal(recovery_code_normalise("abcde-fghj0", n), -1);	/* 0 is not used */
	recovery_code_hash(1, "abcdefghjk", h1);
	recovery_code_hash(2, "abcdefghjk", h2);
	assert_string_not_equal(h1, h2);	/* per account */
	recovery_code_hash(1, "abcdefghjk", h2);
	assert_string_equal(h1, h2);
}

static void
test_common_passwords(void **state)
{
	struct verr e;

	(void)state;
	assert_true(auth_password_common("password123"));
	assert_true(auth_password_common("PassWord123"));
	assert_true(auth_password_common("1234567890"));
	assert_false(auth_password_common("mot-cau-de-nho-2026"));
	assert_int_equal(auth_password_check("qwertyuiop", &e), -1);
	assert_int_equal(e.code, VE_RULE);
	assert_int_equal(e.rule, RULE_PASSWORD_COMMON);
	assert_string_equal(e.field, "password");
	assert_int_equal(auth_password_check("mot-cau-de-nho-2026", &e), 0);
}

static void
test_qr_svg(void **state)
{
	char *svg = qr_svg("otpauth://totp/lamtheo:admin?secret=GEZDGNBVGY3TQOJQ");

	(void)state;
	assert_non_null(svg);
	assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	assert_non_null(strstr(svg, "</svg>"));
	assert_null(strstr(svg, "GEZDGNBV"));	/* no text of the input */
	free(svg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_dummy_hash),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_recovery_codes),
		cmocka_unit_test(test_common_passwords),
		cmocka_unit_test(test_qr_svg),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
