/*
 * test_auth.c — passwords and session tokens: Argon2id hashes verify only
 * the right password, the dummy hash verifies nothing, tokens are random
 * 256-bit base64url strings and their digests are stable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_dummy_hash),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_equal),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
