/*
 * core_totp.c — the second factor: TOTP secrets and codes (RFC 6238, HMAC-
 * SHA1, 6 digits, 30 s, computed and checked by liboath), the otpauth://
 * URI authenticator apps read from the QR code, and single-use recovery
 * codes (random, shown once, stored as keyed BLAKE2b digests: libsodium).
 *
 * A code is accepted once: totp_verify returns the time step it matched,
 * the caller stores it, and only later steps are accepted after that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>
#include <sodium.h>

#include "core/core.h"

/* Recovery codes: no 0/o, 1/l/i look-alikes (31 symbols, ~49 bits a code). */
static const char recovery_alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

int
totp_init(void)
{
	return oath_init() == OATH_OK ? 0 : -1;
}

void
totp_secret_new(unsigned char out[TOTP_SECRET_BYTES])
{
	randombytes_buf(out, TOTP_SECRET_BYTES);
}

void
totp_secret_base32(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_SECRET_B32])
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned buf = 0;
	int bits = 0, k = 0;

	/* 160 bits are exactly 32 symbols: no padding. */
	for (int i = 0; i < TOTP_SECRET_BYTES; i++) {
		buf = (buf << 8) | secret[i];
		bits += 8;
		while (bits >= 5) {
			out[k++] = b32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[k] = '\0';
}

int
totp_uri(const char *username, const char secret_b32[TOTP_SECRET_B32], char *out, size_t cap)
{
	char label[3 * 64 + 1];
	size_t k = 0;
	int n;

	/* User names are [A-Za-z0-9._-] (FT_CODE); anything else is escaped. */
	for (const unsigned char *p = (const unsigned char *)username; *p; p++) {
		if (k + 4 > sizeof(label))
			return -1;
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-')
			label[k++] = (char)*p;
		else
			k += (size_t)snprintf(label + k, 4, "%%%02X", *p);
	}
	label[k] = '\0';
	n = snprintf(out, cap, "otpauth://totp/" TOTP_ISSUER ":%s?secret=%s&issuer="
	    TOTP_ISSUER "&algorithm=SHA1&digits=%d&period=%d", label, secret_b32,
	    TOTP_DIGITS, TOTP_STEP_S);
	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

bool
totp_code_shape(const char *code)
{
	int n = 0;

	for (; code[n]; n++)
		if (code[n] < '0' || code[n] > '9')
			return false;
	return n == TOTP_DIGITS;
}

int64_t
totp_verify(const unsigned char *secret, size_t len, const char *code, int64_t now,
    int64_t after)
{
	char want[TOTP_DIGITS + 1];
	int64_t step = now / TOTP_STEP_S;

	if (!totp_code_shape(code))
		return -1;
	/* Each step of the window, the latest first; compared in constant
	 * time (the code is never compared byte by byte). */
	for (int64_t d = TOTP_WINDOW; d >= -TOTP_WINDOW; d--) {
		int64_t s = step + d;

		if (s <= after || s < 0)
			continue;
		if (oath_totp_generate2((const char *)secret, len, (time_t)(s * TOTP_STEP_S),
		    TOTP_STEP_S, 0, TOTP_DIGITS, 0, want) != OATH_OK)
			return -1;
		if (sodium_memcmp(want, code, TOTP_DIGITS) == 0) {
			sodium_memzero(want, sizeof(want));
			return s;
		}
	}
	sodium_memzero(want, sizeof(want));
	return -1;
}

void
recovery_code_new(char out[RECOVERY_CODE_CHARS + 2])
{
	int k = 0;

	for (int i = 0; i < RECOVERY_CODE_CHARS; i++) {
		if (i == RECOVERY_CODE_CHARS / 2)
			out[k++] = '-';
		out[k++] = recovery_alphabet[randombytes_uniform(sizeof(recovery_alphabet) - 1)];
	}
	out[k] = '\0';
}

int
recovery_code_normalise(const char *in, char out[RECOVERY_CODE_CHARS + 1])
{
	int k = 0;

	for (; *in; in++) {
		char ch = *in;

		if (ch == '-' || ch == ' ')
			continue;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch == '\0' || strchr(recovery_alphabet, ch) == NULL || k == RECOVERY_CODE_CHARS)
			return -1;
		out[k++] = ch;
	}
	out[k] = '\0';
	return k == RECOVERY_CODE_CHARS ? 0 : -1;
}

void
recovery_code_hash(int64_t account_id, const char *normalised, char out[65])
{
	unsigned char key[crypto_generichash_KEYBYTES_MIN] = "rc", h[32];
	uint64_t id = (uint64_t)account_id;

	/* The key names the account (a key only separates accounts; the
	 * codes' own randomness is what protects them). */
	for (int i = 0; i < 8; i++)
		key[8 + i] = (unsigned char)(id >> (8 * i));
	crypto_generichash(h, sizeof(h), (const unsigned char *)normalised, strlen(normalised),
	    key, sizeof(key));
	sodium_bin2hex(out, 65, h, sizeof(h));
}
