/*
 * core_auth.c — passwords and session tokens with libsodium: Argon2id
 * password hashes (at most LOGIN_CONCURRENT_HASHES at once, since each takes
 * PWHASH_MEMLIMIT of memory), random 256-bit tokens and their stored digests.
 * Secrets never leave this file except as hashes.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/core.h"
#include "text/text.h"

static pthread_mutex_t hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cv = PTHREAD_COND_INITIALIZER;
static int hashes_running;

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

/* data/common-passwords.txt, sorted, lower case (scripts/embed-words.sh). */
extern const char *const common_passwords[];
extern const size_t common_passwords_count;

int
auth_init(void)
{
	if (sodium_init() < 0)
		return -1;
	return totp_init();
}

static void
hash_enter(void)
{
	pthread_mutex_lock(&hash_mu);
	while (hashes_running >= LOGIN_CONCURRENT_HASHES)
		pthread_cond_wait(&hash_cv, &hash_mu);
	hashes_running++;
	pthread_mutex_unlock(&hash_mu);
}

static void
hash_leave(void)
{
	pthread_mutex_lock(&hash_mu);
	hashes_running--;
	pthread_cond_signal(&hash_cv);
	pthread_mutex_unlock(&hash_mu);
}

int
auth_password_hash(const char *password, char out[128])
{
	int rc;

	_Static_assert(crypto_pwhash_STRBYTES <= 128, "hash string fits");
	hash_enter();
	rc = crypto_pwhash_str_alg(out, password, strlen(password),
	    PWHASH_OPSLIMIT, PWHASH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
	hash_leave();
	return rc == 0 ? 0 : -1;
}

int
auth_password_verify(const char *stored, const char *password)
{
	int rc;

	if (stored == NULL || password == NULL)
		return 0;
	hash_enter();
	rc = crypto_pwhash_str_verify(stored, password, strlen(password));
	hash_leave();
	return rc == 0;
}

static void
make_dummy(void)
{
	char pw[44];

	auth_token_new(pw);
	if (auth_password_hash(pw, dummy_hash) != 0)
		dummy_hash[0] = '\0';
}

const char *
auth_dummy_hash(void)
{
	pthread_once(&dummy_once, make_dummy);
	return dummy_hash;
}

int
auth_password_check(const char *password, struct verr *e)
{
	size_t len = strlen(password);

	if (!text_utf8_valid(password, len, 0))
		return verr_set(e, VE_UTF8, "password", 0);
	if (len < LIMIT_PASSWORD_MIN)
		return verr_set(e, VE_TOO_SHORT, "password", LIMIT_PASSWORD_MIN);
	if (len > LIMIT_PASSWORD_MAX)
		return verr_set(e, VE_TOO_LONG, "password", LIMIT_PASSWORD_MAX);
	if (auth_password_common(password)) {
		verr_set(e, VE_RULE, "password", 0);
		e->rule = RULE_PASSWORD_COMMON;
		return -1;
	}
	return 0;
}

static int
cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

bool
auth_password_common(const char *password)
{
	char low[LIMIT_PASSWORD_MAX + 1];
	size_t n = strlen(password);

	/* The list has no word longer than this (its longest is 30 bytes). */
	if (n > LIMIT_PASSWORD_MAX)
		return false;
	for (size_t i = 0; i <= n; i++)
		low[i] = (password[i] >= 'A' && password[i] <= 'Z') ?
		    (char)(password[i] - 'A' + 'a') : password[i];
	return bsearch(low, common_passwords, common_passwords_count,
	    sizeof(common_passwords[0]), cmp_word) != NULL;
}

void
auth_token_new(char out[44])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 44, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
auth_token_hash(const char *token, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

bool
auth_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}
