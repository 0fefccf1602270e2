/*
 * fuzz_text.c — libFuzzer harness for the text layer, the code that sees
 * every byte a client sends.  Besides the sanitizers' checks it asserts the
 * promises of text.h: the two UTF-8 decoders (ours and utf8proc's, ICU's)
 * agree on what is well-formed, text_clean() and text_fold() give valid,
 * trimmed UTF-8 and are idempotent, a name keeps its length when reordered,
 * and the formatters stay inside their buffer.
 *
 * Build (from the top of the tree; scripts/fuzz.sh runs this very line):
 *   mkdir -p build-fuzz && clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=all -D_GNU_SOURCE -Isrc tests/fuzz/fuzz_text.c src/text/text_*.c \
 *     $(pkg-config --cflags --libs libutf8proc icu-uc icu-i18n) -o build-fuzz/fuzz_text
 * Run (new inputs go to the first directory):
 *   mkdir -p build-fuzz/corpus_text && build-fuzz/fuzz_text -max_total_time=60 \
 *     build-fuzz/corpus_text tests/fuzz/corpus_text
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* White space or not at either end, and no two spaces in a row. */
static void
check_trimmed(const char *s, int single_spaces)
{
	size_t	 n = strlen(s);

	if (n == 0)
		return;
	CHECK(s[0] != ' ' && s[n - 1] != ' ');
	if (single_spaces)
		CHECK(strstr(s, "  ") == NULL);
}

static void
check_clean(const char *s, int collapse, int valid_nl)
{
	char	*c, *c2;

	if ((c = text_clean(s, collapse)) == NULL) {
		CHECK(!valid_nl);
		return;
	}
	CHECK(text_utf8_valid(c, strlen(c), 1) || !valid_nl);
	check_trimmed(c, collapse);
	c2 = text_clean(c, collapse);
	CHECK(c2 != NULL && strcmp(c, c2) == 0);
	free(c2);
	free(c);
}

static void
check_fold(const char *s, int wellformed)
{
	char	*f, *f2;

	if ((f = text_fold(s)) == NULL) {
		CHECK(!wellformed);
		return;
	}
	CHECK(wellformed);
	/* Controls are separators, so not even \n survives. */
	CHECK(text_utf8_valid(f, strlen(f), 0));
	check_trimmed(f, 1);
	f2 = text_fold(f);
	CHECK(f2 != NULL && strcmp(f, f2) == 0);
	free(f2);
	free(f);
}

static void
check_names(const char *s, int wellformed)
{
	char	*clean, *name;
	uint8_t	 key[64], *nk;
	size_t	 klen, nklen = 0;

	name = text_name_order(s);
	CHECK((name != NULL) == wellformed);
	if (name != NULL) {
		clean = text_clean(s, 1);
		CHECK(clean != NULL && strlen(clean) == strlen(name));
		free(clean);
		free(name);
	}
	/* ICU's UTF-8 decoder must reject exactly what ours rejects. */
	klen = text_sort_key(s, key, sizeof(key));
	CHECK((klen != 0) == wellformed);
	CHECK(text_sort_key(s, NULL, 0) == klen);
	nk = text_name_sort_key(s, &nklen);
	CHECK((nk != NULL) == wellformed);
	free(nk);
}

/* The formatters, fed numbers from the first bytes. */
static void
check_format(const uint8_t *data, size_t size, const char *s)
{
	char	 buf[64], small[7];
	int64_t	 a, b;

	if (size >= 17) {
		memcpy(&a, data, sizeof(a));
		memcpy(&b, data + 8, sizeof(b));
		text_fmt_percent(a, b, data[16] % 24 - 2, buf, sizeof(buf));
		CHECK(text_utf8_valid(buf, strlen(buf), 0));
		text_fmt_percent(a, b, data[16] % 24 - 2, small, sizeof(small));
		CHECK(text_utf8_valid(small, strlen(small), 0));
		text_fmt_int(a, small, sizeof(small));
		text_fmt_money(a, buf, sizeof(buf));
		CHECK(text_utf8_valid(buf, strlen(buf), 0));
		text_fmt_money_words(b, buf, sizeof(buf));
		CHECK(text_utf8_valid(buf, strlen(buf), 0));
		text_fmt_money_words(b, small, sizeof(small));
		CHECK(text_utf8_valid(small, strlen(small), 0));
	}
	text_fmt_date(s, buf, sizeof(buf));
	CHECK(buf[0] == '\0' || strlen(buf) == 10);
	text_fmt_date_long(s, buf, sizeof(buf));
	CHECK(text_utf8_valid(buf, strlen(buf), 0));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *c;
	size_t	 n;
	int	 valid, valid_nl, wellformed;

	valid = text_utf8_valid((const char *)data, size, 0);
	valid_nl = text_utf8_valid((const char *)data, size, 1);
	CHECK(!valid || valid_nl);	/* allow_newlines only widens */

	/* The string functions take C strings: stop at the first NUL. */
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = strlen(s);
	if (n < size)
		CHECK(!valid_nl);

	check_clean(s, 0, valid_nl && n == size);
	check_clean(s, 1, valid_nl && n == size);
	c = text_clean(s, 0);
	wellformed = c != NULL;
	free(c);
	check_fold(s, wellformed);
	check_names(s, wellformed);
	check_format(data, size, s);
	free(s);
	return 0;
}
