/*
 * test_text.c — unit tests of the text layer (src/text): UTF-8 validation
 * at its edges, NFC and white space cleaning, Vietnamese folding, ICU "vi"
 * collation (letters, tones, names by given name, from two threads) and
 * every formatting function, extremes and truncation included.  Runs under
 * ASan and UBSan; the group teardown closes the main thread's collator so
 * that LeakSanitizer sees nothing.
 */

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "text/text.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* UTF-8 validation */

static void
test_utf8_valid_ok(void **state)
{
	static const char *ok[] = {
		"",
		"abc",
		"Nguyễn Văn Sáng",
		"ĐỖ VĂN HIỆN",
		"\xC2\xA0",			/* U+00A0, first 2-byte after the C1 controls */
		"\xDF\xBF",			/* U+07FF, last 2-byte */
		"\xE0\xA0\x80",			/* U+0800, first 3-byte */
		"\xED\x9F\xBF",			/* U+D7FF, below surrogates */
		"\xEE\x80\x80",			/* U+E000, above surrogates */
		"\xEF\xBF\xBF",			/* U+FFFF */
		"\xF0\x90\x80\x80",		/* U+10000, first 4-byte */
		"\xF0\x9F\x98\x80",		/* U+1F600 emoji */
		"\xF4\x8F\xBF\xBF",		/* U+10FFFF, the last */
		"Nguye\xCC\x82\xCC\x83n",	/* decomposed: still valid */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(ok); i++) {
		assert_int_equal(text_utf8_valid(ok[i], strlen(ok[i]), 0), 1);
		assert_int_equal(text_utf8_valid(ok[i], strlen(ok[i]), 1), 1);
	}
	/* len bounds the check: bytes after it do not matter. */
	assert_int_equal(text_utf8_valid("ab\xFF", 2, 0), 1);
	assert_int_equal(text_utf8_valid("", 0, 0), 1);
}

static void
test_utf8_valid_bad(void **state)
{
	/* Octal escapes where a letter follows, as "\xBB" "a" would be
	 * mistaken for two array elements by clang's warning. */
	static const char *bad[] = {
		"\xC0\xAF",			/* overlong '/' */
		"\xC1\xBF",			/* overlong U+007F */
		"\xE0\x80\xAF",			/* overlong, 3 bytes */
		"\xE0\x9F\xBF",			/* overlong U+07FF */
		"\xF0\x80\x80\xAF",		/* overlong, 4 bytes */
		"\xF0\x8F\xBF\xBF",		/* overlong U+FFFF */
		"\xED\xA0\x80",			/* surrogate U+D800 */
		"\xED\xBF\xBF",			/* surrogate U+DFFF */
		"\xED\xA0\xBD\xED\xB8\x80",	/* CESU-8 surrogate pair */
		"\xF4\x90\x80\x80",		/* U+110000 */
		"\xF5\x80\x80\x80",		/* lead byte above F4 */
		"\xF7\xBF\xBF\xBF",
		"\xF8\x88\x80\x80\x80",		/* old 5-byte form */
		"\xFC\x84\x80\x80\x80\x80",	/* old 6-byte form */
		"\xFE",
		"\xFF",
		"\x80",				/* lone continuation */
		"a\277b",
		"\xC3",				/* truncated 2-byte */
		"\xE1\xBB",			/* truncated 3-byte */
		"\xF0\x9F\x98",			/* truncated 4-byte */
		"\303a",			/* lead then ASCII */
		"\341\273a",
		"Nguy\341\273n",		/* "ễ" missing a byte */
		"\xF0\x9F\x98\x80\x80",		/* extra continuation */
	};
	static const char vn[] = "Vi\xE1\xBB\x87t";	/* "Việt" */
	static const char nul[] = "ab\0cd";
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		assert_int_equal(text_utf8_valid(bad[i], strlen(bad[i]), 0), 0);
		assert_int_equal(text_utf8_valid(bad[i], strlen(bad[i]), 1), 0);
	}
	/* A sequence cut short by len, not by the bytes. */
	assert_int_equal(text_utf8_valid(vn, sizeof(vn) - 1, 0), 1);
	assert_int_equal(text_utf8_valid(vn, 3, 0), 0);
	assert_int_equal(text_utf8_valid(vn, 4, 0), 0);
	assert_int_equal(text_utf8_valid(vn, 5, 0), 1);
	/* An embedded NUL, visible only through len. */
	assert_int_equal(text_utf8_valid(nul, sizeof(nul) - 1, 1), 0);
	assert_int_equal(text_utf8_valid(nul, 2, 1), 1);
	assert_int_equal(text_utf8_valid("\0", 1, 1), 0);
	assert_int_equal(text_utf8_valid(NULL, 0, 1), 0);
}

static void
test_utf8_valid_controls(void **state)
{
	static const char *nl[] = { "a\nb", "a\r\nb", "a\tb", "\n", "\t\t" };
	static const char *cc[] = {
		"\x01", "a\x07", "\x08", "\x0B", "\x0C", "\x1B[31m", "\x1F",
		"\x7F", "a\177b",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(nl); i++) {
		assert_int_equal(text_utf8_valid(nl[i], strlen(nl[i]), 0), 0);
		assert_int_equal(text_utf8_valid(nl[i], strlen(nl[i]), 1), 1);
	}
	/* Other C0 controls and DEL: never. */
	for (i = 0; i < NELEM(cc); i++) {
		assert_int_equal(text_utf8_valid(cc[i], strlen(cc[i]), 0), 0);
		assert_int_equal(text_utf8_valid(cc[i], strlen(cc[i]), 1), 0);
	}
	/* C1 controls and bidi overrides/isolates: never. */
	assert_int_equal(text_utf8_valid("\xC2\x85", 2, 0), 0);
	assert_int_equal(text_utf8_valid("\xC2\x9F", 2, 1), 0);
	assert_int_equal(text_utf8_valid("a\xE2\x80\xAE" "b", 5, 1), 0);
	assert_int_equal(text_utf8_valid("a\xE2\x81\xA6" "b", 5, 0), 0);
	/* Line separator: only where newlines are allowed. */
	assert_int_equal(text_utf8_valid("\xE2\x80\xA8", 3, 0), 0);
	assert_int_equal(text_utf8_valid("\xE2\x80\xA8", 3, 1), 1);
	/* The non-control neighbours pass. */
	assert_int_equal(text_utf8_valid("\xC2\xA1\xE2\x80\xA9", 5, 1), 1);
	assert_int_equal(text_utf8_valid("\xE2\x80\xAF\xE2\x81\xAA", 6, 0), 1);
	/* A space and a no-break space are not controls. */
	assert_int_equal(text_utf8_valid(" \xC2\xA0 ", 4, 0), 1);
}

static void
test_utf8_chars(void **state)
{
	(void)state;
	assert_int_equal(text_utf8_chars(""), 0);
	assert_int_equal(text_utf8_chars("abc"), 3);
	assert_int_equal(text_utf8_chars("Nguyễn"), 6);
	assert_int_equal(text_utf8_chars("Nguyễn Văn Sáng"), 15);
	assert_int_equal(text_utf8_chars("\xF0\x9F\x98\x80"), 1);
	assert_int_equal(text_utf8_chars("\xF4\x8F\xBF\xBF" "a"), 2);
	/* Code points, not characters: a decomposed ễ counts three. */
	assert_int_equal(text_utf8_chars("Nguye\xCC\x82\xCC\x83n"), 8);
}

/* text_clean */

static void
assert_clean(const char *in, int collapse, const char *want)
{
	char	*got = text_clean(in, collapse);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_clean_nfc(void **state)
{
	(void)state;
	/* e + U+0302 circumflex + U+0303 tilde is ễ (U+1EC5). */
	assert_clean("Nguye\xCC\x82\xCC\x83n", 1, "Nguy\xE1\xBB\x85n");
	assert_clean("Nguye\xCC\x82\xCC\x83n", 1, "Nguyễn");
	/* Marks in the other canonical order: tilde is not reordered past
	 * the circumflex (both class 230), so that is a different letter. */
	assert_clean("Nguye\xCC\x83\xCC\x82n", 1, "Nguy\xE1\xBA\xBD\xCC\x82n");
	/* hòa with a decomposed o + grave becomes the precomposed one. */
	assert_clean("ho\xCC\x80" "a", 0, "h\xC3\xB2" "a");
	/* Already NFC: unchanged. */
	assert_clean("Đỗ Văn Hiện", 0, "Đỗ Văn Hiện");
	/* NFC, not NFKC: the ligature ﬁ stays. */
	assert_clean("\xEF\xAC\x81", 0, "\xEF\xAC\x81");
}

static void
test_clean_space(void **state)
{
	(void)state;
	assert_clean("", 1, "");
	assert_clean("   ", 1, "");
	assert_clean(" \t\r\n ", 0, "");
	assert_clean("  a  b  ", 1, "a b");
	assert_clean("  a  b  ", 0, "a  b");
	assert_clean("a\n\nb", 0, "a\n\nb");
	assert_clean("a\n\nb", 1, "a b");
	assert_clean("\ta \t b\n", 1, "a b");
	/* U+00A0 no-break space counts as space. */
	assert_clean("\xC2\xA0Hà\xC2\xA0\xC2\xA0Nội\xC2\xA0", 1, "Hà Nội");
	assert_clean("\xC2\xA0Hà\xC2\xA0Nội\xC2\xA0", 0, "Hà\xC2\xA0Nội");
	/* Ideographic space, em space, narrow no-break space, NEL. */
	assert_clean("\xE3\x80\x80" "a\xE2\x80\x83" "b\xE2\x80\xAF" "c\xC2\x85",
	    1, "a b c");
	/* Zero-width space is not White_Space: kept. */
	assert_clean("a\xE2\x80\x8B" "b", 1, "a\xE2\x80\x8B" "b");
	/* Control characters are the door's business, not text_clean's. */
	assert_clean(" a\x01 ", 1, "a\x01");
}

static void
test_clean_invalid(void **state)
{
	static const char *bad[] = {
		"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC3",
		"ok \xE1\xBB", "\x80", "\xFF", "a\xF8\x88\x80\x80\x80",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		assert_null(text_clean(bad[i], 0));
		assert_null(text_clean(bad[i], 1));
	}
	assert_null(text_clean(NULL, 1));
}

/* The code points text_clean and text_fold take without utf8proc. */
static int
fast_points(uint32_t *cp)
{
	int n = 0;

	for (uint32_t c = 1; c < 0x300; c++)
		cp[n++] = c;
	for (uint32_t c = 0x1E00; c < 0x1F00; c++)
		cp[n++] = c;
	return n;
}

/* Every pair of them is NFC as it stands (the quick check text_clean
 * relies on), and text_fold's table folds every pair, with and without
 * separators around, exactly as utf8proc does. */
static void
test_fast_paths_agree_with_utf8proc(void **state)
{
	static uint32_t cp[0x400];
	int n = fast_points(cp), bad = 0;

	(void)state;
	for (int i = 0; i < n; i++) {
		assert_true(text_nfc_stable(cp[i]));
		for (int j = 0; j < n; j++) {
			utf8proc_uint8_t s[32], *nfc = NULL;
			utf8proc_ssize_t k = 0;
			char *a, *b, *c;

			if (j % 7 == 3)
				s[k++] = ' ';
			k += utf8proc_encode_char((utf8proc_int32_t)cp[i], s + k);
			if (j % 5 == 1)
				s[k++] = (j & 8) ? ',' : ' ';
			k += utf8proc_encode_char((utf8proc_int32_t)cp[j], s + k);
			if (j % 3 == 2)
				s[k++] = '.';
			s[k] = '\0';
			assert_true(utf8proc_map(s, 0, &nfc, UTF8PROC_NULLTERM | UTF8PROC_STABLE |
			    UTF8PROC_COMPOSE) >= 0);
			bad += strcmp((char *)nfc, (char *)s) != 0;
			free(nfc);
			a = text_fold((char *)s);
			b = text_fold_reference((char *)s);
			bad += (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
			free(a);
			free(b);
			if ((i + j) % 61 == 0) {
				c = text_clean((char *)s, 1);
				bad += c == NULL;
				free(c);
			}
		}
	}
	assert_int_equal(bad, 0);
	/* Outside the table, and ill-formed text, the reference decides. */
	assert_null(text_fold("a\xC3"));
	assert_null(text_fold("\xE1\xB8"));
	{
		char *w = text_fold("Ωmega ＡＢ");

		assert_non_null(w);
		assert_string_equal(w, "ωmega ab");
		free(w);
	}
}

/* text_fold */

static void
assert_fold(const char *in, const char *want)
{
	char	*got = text_fold(in), *again;

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(text_utf8_valid(got, strlen(got), 0), 1);
	again = text_fold(got);
	assert_non_null(again);
	assert_string_equal(again, got);
	free(again);
	free(got);
}

static void
test_fold_vietnamese(void **state)
{
	(void)state;
	assert_fold("Nguyễn Văn Sáng", "nguyen van sang");
	assert_fold("ĐỖ VĂN HIỆN", "do van hien");
	assert_fold("Đỗ  Văn Hiện", "do van hien");
	assert_fold("Quế Ổ", "que o");
	assert_fold("đ", "d");
	assert_fold("Đ", "d");
	assert_fold("ĐĐđđ", "dddd");
	assert_fold("ă â ê ô ơ ư", "a a e o o u");
	assert_fold("Ắ Ầ Ẳ Ẵ Ặ", "a a a a a");
	assert_fold("ma mà mả mã má mạ", "ma ma ma ma ma ma");
	/* Both tone placements, precomposed and decomposed. */
	assert_fold("hoà", "hoa");
	assert_fold("hòa", "hoa");
	assert_fold("ho\xCC\x80" "a", "hoa");
	assert_fold("hoa\xCC\x80", "hoa");
	assert_fold("Thuỷ", "thuy");
	assert_fold("Thủy", "thuy");
	assert_fold("Nguye\xCC\x82\xCC\x83n", "nguyen");
	assert_fold("NGUYE\xCC\x82\xCC\x83N", "nguyen");
}

static void
test_fold_punct(void **state)
{
	(void)state;
	assert_fold("", "");
	assert_fold("   ", "");
	assert_fold("!?...", "");
	assert_fold("Hà Nội, (Việt Nam)!!", "ha noi viet nam");
	assert_fold("  --- Chi bộ số 5 ---  ", "chi bo so 5");
	assert_fold("Bà Rịa–Vũng Tàu", "ba ria vung tau");
	assert_fold("Bà Rịa - Vũng Tàu", "ba ria vung tau");
	assert_fold("«Đảng»/“Nhà nước”", "dang nha nuoc");
	assert_fold("O'Brien", "o brien");
	assert_fold("a_b.c,d;e:f", "a b c d e f");
	assert_fold("Hà\xC2\xA0Nội\tHải\nPhòng", "ha noi hai phong");
	assert_fold("Hà\x01Nội", "ha noi");
	/* Symbols and digits are kept. */
	assert_fold("5+3=8", "5+3=8");
	assert_fold("100% đạt", "100 dat");
}

static void
test_fold_other_scripts(void **state)
{
	(void)state;
	/* Compatibility forms: full-width letters, ligatures. */
	assert_fold("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc");
	assert_fold("\xEF\xAC\x81le", "file");
	/* Soft hyphen is ignorable: removed, not a word break. */
	assert_fold("Hà\xC2\xAD" "Nội", "hanoi");
	/* Other scripts: marks stripped generically, case folded. */
	assert_fold("Ünïcödé", "unicode");
	assert_fold("Straße", "strasse");
	assert_fold("ΆΡΗΣ", "αρησ");
	assert_fold("Привет, мир", "привет мир");
	assert_fold("한국어", "한국어");
}

static void
test_fold_invalid(void **state)
{
	(void)state;
	assert_null(text_fold("\xC0\xAF"));
	assert_null(text_fold("Nguy\xE1\xBB"));
	assert_null(text_fold("\xED\xA0\x80"));
	assert_null(text_fold(NULL));
}

/* Collation */

static int
cmp_collate(const void *a, const void *b)
{
	return text_collate(*(const char *const *)a, *(const char *const *)b);
}

struct keyed {
	const char	*s;
	uint8_t		 key[128];
	size_t		 len;
};

static int
cmp_key(const void *a, const void *b)
{
	const struct keyed	*x = a, *y = b;
	size_t			 n = x->len < y->len ? x->len : y->len;
	int			 c = memcmp(x->key, y->key, n);

	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Deterministic Fisher-Yates with a 32-bit LCG. */
static void
shuffle(const char **v, size_t n, uint32_t seed)
{
	const char	*t;
	size_t		 i, j;

	for (i = n; i > 1; i--) {
		seed = seed * 1664525u + 1013904223u;
		j = (seed >> 8) % i;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/*
 * Sorts a shuffled copy of want[] (n <= 64) with text_collate and, apart,
 * by memcmp of text_sort_key keys, and checks both orders against want[].
 */
static void
assert_order(const char *const *want, size_t n, uint32_t seed)
{
	const char	*v[64];
	struct keyed	 k[64];
	size_t		 i;

	assert_true(n <= 64);
	memcpy(v, want, n * sizeof(*v));
	shuffle(v, n, seed);
	qsort(v, n, sizeof(*v), cmp_collate);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);

	memcpy(v, want, n * sizeof(*v));
	shuffle(v, n, seed + 1);
	for (i = 0; i < n; i++) {
		k[i].s = v[i];
		k[i].len = text_sort_key(v[i], k[i].key, sizeof(k[i].key));
		assert_true(k[i].len > 0 && k[i].len <= sizeof(k[i].key));
	}
	qsort(k, n, sizeof(*k), cmp_key);
	for (i = 0; i < n; i++)
		assert_string_equal(k[i].s, want[i]);
}

static const char *const alphabet[] = {
	"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k",
	"l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư",
	"v", "x", "y",
};

static const char *const tones[] = { "ma", "mà", "mả", "mã", "má", "mạ" };

static const char *const words[] = {
	"an", "An", "anh", "Anh", "ăn", "ắt", "âm", "ẩn", "ba", "bà", "bác",
	"bạc", "bách", "cá", "cam", "da", "dê", "đá", "đàn", "đê", "em", "êm",
	"giang", "hoa", "hòa", "hóa", "ông", "ở", "ơn", "tư", "từ", "ưa",
	"ước", "yêu",
};

static void
test_collate_alphabet(void **state)
{
	(void)state;
	assert_order(alphabet, NELEM(alphabet), 1);
	assert_order(alphabet, NELEM(alphabet), 2);
	/* The three that root order gets wrong for Vietnamese. */
	assert_true(text_collate("ăa", "az") > 0);
	assert_true(text_collate("âa", "ăz") > 0);
	assert_true(text_collate("đa", "dz") > 0);
	assert_true(text_collate("ư", "uz") > 0);
}

static void
test_collate_tones(void **state)
{
	(void)state;
	assert_order(tones, NELEM(tones), 3);
	assert_order(tones, NELEM(tones), 4);
	assert_true(text_collate("mạ", "mac") < 0);
}

static void
test_collate_words(void **state)
{
	(void)state;
	assert_order(words, NELEM(words), 5);
	assert_order(words, NELEM(words), 6);
	assert_true(text_collate("An", "Anh") < 0);
	assert_true(text_collate("Anh", "An") > 0);
	assert_int_equal(text_collate("Hòa", "Hòa"), 0);
	/* NFD and NFC are the same string to the collator. */
	assert_int_equal(text_collate("ho\xCC\x80" "a", "h\xC3\xB2" "a"), 0);
	/* Also when the marks are not in canonical order (not FCD):
	 * a + circumflex + dot below and a + dot below + circumflex are
	 * both ậ. */
	assert_int_equal(text_collate("a\xCC\x82\xCC\xA3", "ậ"), 0);
	assert_int_equal(text_collate("a\xCC\xA3\xCC\x82", "ậ"), 0);
	assert_int_equal(text_collate("ma\xCC\x82\xCC\xA3t", "mật"), 0);
	/* Ill-formed input still compares (as U+FFFD), and NULL first. */
	assert_int_equal(text_collate("\xC0\xAF", "\xC0\xAF"), 0);
	assert_true(text_collate("a", "\xED\xA0\x80") < 0);
	assert_true(text_collate(NULL, "a") < 0);
	assert_true(text_collate("a", NULL) > 0);
	assert_int_equal(text_collate(NULL, NULL), 0);
}

static void
test_sort_key_api(void **state)
{
	uint8_t	 a[256], b[256], small[4];
	size_t	 n, m;

	(void)state;
	/* Preflight with no buffer. */
	n = text_sort_key("Nguyễn Văn Sáng", NULL, 0);
	assert_true(n > 4);
	/* Too small a buffer still reports the full length. */
	assert_int_equal(text_sort_key("Nguyễn Văn Sáng", small, sizeof(small)),
	    n);
	assert_int_equal(text_sort_key("Nguyễn Văn Sáng", a, sizeof(a)), n);
	assert_int_equal(a[n - 1], 0);	/* ICU's terminating zero */
	/* NFD and NFC give the same key. */
	m = text_sort_key("Nguye\xCC\x82\xCC\x83n Va\xCC\x86n Sa\xCC\x81ng",
	    b, sizeof(b));
	assert_int_equal(m, n);
	assert_memory_equal(a, b, n);
	/* Empty string: a valid, short key. */
	assert_true(text_sort_key("", a, sizeof(a)) > 0);
	/* Ill-formed UTF-8 and bad arguments. */
	assert_int_equal(text_sort_key("\xC0\xAF", a, sizeof(a)), 0);
	assert_int_equal(text_sort_key("\xED\xA0\x80", a, sizeof(a)), 0);
	assert_int_equal(text_sort_key("Nguy\xE1\xBB", a, sizeof(a)), 0);
	assert_int_equal(text_sort_key(NULL, a, sizeof(a)), 0);
	assert_int_equal(text_sort_key("a", NULL, 8), 0);
}

static void
test_sort_key_long(void **state)
{
	char	*s;
	uint8_t	*k, *ref;
	size_t	 i, n;

	(void)state;
	/* Longer than the stack conversion buffer. */
	s = malloc(3 * 1000 + 1);
	assert_non_null(s);
	for (i = 0; i < 1000; i++)
		memcpy(s + 3 * i, "ễ", 3);
	s[3 * 1000] = '\0';
	n = text_sort_key(s, NULL, 0);
	assert_true(n > 1000);
	k = malloc(n);
	assert_non_null(k);
	assert_int_equal(text_sort_key(s, k, n), n);
	free(k);
	k = text_name_sort_key(s, &n);
	assert_non_null(k);
	assert_true(n > 1000);
	free(k);
	free(s);

	/*
	 * A key much longer than its UTF-8 (U+FDFA expands to a whole
	 * phrase) takes text_name_sort_key() past its first guess.
	 */
	s = malloc(3 * 100 + 1);
	assert_non_null(s);
	for (i = 0; i < 100; i++)
		memcpy(s + 3 * i, "\xEF\xB7\xBA", 3);
	s[3 * 100] = '\0';
	n = text_sort_key(s, NULL, 0);
	assert_true(n > 4 * strlen(s) + 16);
	ref = malloc(n);
	assert_non_null(ref);
	assert_int_equal(text_sort_key(s, ref, n), n);
	k = text_name_sort_key(s, &i);
	assert_non_null(k);
	assert_int_equal(i, n);
	assert_memory_equal(k, ref, n);
	free(ref);
	free(k);
	free(s);
}

/* Names */

static void
assert_name_order(const char *in, const char *want)
{
	char	*got = text_name_order(in);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_name_order(void **state)
{
	(void)state;
	assert_name_order("Nguyễn Văn Sáng", "Sáng Nguyễn Văn");
	assert_name_order("  Nguyễn   Văn\tSáng  ", "Sáng Nguyễn Văn");
	assert_name_order("Nguyễn\xC2\xA0Văn\xC2\xA0Sáng", "Sáng Nguyễn Văn");
	assert_name_order("Lê Lợi", "Lợi Lê");
	assert_name_order("Tôn Nữ Thị Ninh", "Ninh Tôn Nữ Thị");
	assert_name_order("Sáng", "Sáng");
	assert_name_order("  Sáng ", "Sáng");
	assert_name_order("", "");
	assert_name_order("Nguye\xCC\x82\xCC\x83n An", "An Nguyễn");
	assert_null(text_name_order("Nguy\xE1\xBB An"));
	assert_null(text_name_order(NULL));
}

static const char *const names[] = {
	"Nguyễn Văn An",
	"Trần Văn An",
	"Lê Thị Anh",
	"Trần Thị Bình",
	"Phạm Văn Bình",
	"Đỗ Văn Hiện",
	"Nguyễn Văn Sáng",
	"Vũ Thị Ư",
};

static int
cmp_name(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a;
	const char	*y = *(const char *const *)b;
	uint8_t		*kx, *ky;
	size_t		 lx, ly;
	int		 c;

	kx = text_name_sort_key(x, &lx);
	ky = text_name_sort_key(y, &ly);
	assert_non_null(kx);
	assert_non_null(ky);
	c = memcmp(kx, ky, lx < ly ? lx : ly);
	if (c == 0)
		c = lx < ly ? -1 : lx > ly;
	free(kx);
	free(ky);
	return c;
}

static void
test_name_sort_key(void **state)
{
	static const char *const want[] = {
		"Nguyễn Văn An",	/* An Nguyễn Văn */
		"Trần Văn An",		/* An Trần Văn */
		"Lê Thị Anh",		/* Anh Lê Thị */
		"Phạm Văn Bình",	/* Bình Phạm Văn */
		"Trần Thị Bình",	/* Bình Trần Thị */
		"Đỗ Văn Hiện",		/* Hiện Đỗ Văn */
		"Nguyễn Văn Sáng",	/* Sáng Nguyễn Văn */
		"Vũ Thị Ư",		/* Ư Vũ Thị */
	};
	const char	*v[NELEM(names)];
	char		*order;
	uint8_t		*k, ref[256];
	size_t		 i, len = 0;

	(void)state;
	assert_true(cmp_name(&want[0], &want[3]) < 0);
	memcpy(v, names, sizeof(v));
	shuffle(v, NELEM(v), 7);
	qsort(v, NELEM(v), sizeof(*v), cmp_name);
	for (i = 0; i < NELEM(v); i++)
		assert_string_equal(v[i], want[i]);

	/* "Nguyễn Văn An" before "Trần Thị Bình": An < Bình. */
	{
		const char *a = "Nguyễn Văn An", *b = "Trần Thị Bình";
		assert_true(cmp_name(&a, &b) < 0);
		assert_true(cmp_name(&b, &a) > 0);
	}

	/* The whole given name decides before the family name:
	 * "Trần An" before "Nguyễn Án" (An < Án). */
	{
		const char *a = "Trần An", *b = "Nguyễn Án";
		assert_true(cmp_name(&a, &b) < 0);
	}

	/* The documented definition: key(given name) then key(the rest). */
	k = text_name_sort_key("  Nguyễn  Văn Sáng ", &len);
	assert_non_null(k);
	order = text_name_order("Nguyễn Văn Sáng");
	assert_non_null(order);
	{
		size_t lg = text_sort_key("Sáng", ref, sizeof(ref));
		size_t lr = text_sort_key("Nguyễn Văn", ref + lg, sizeof(ref) - lg);

		assert_int_equal(lg + lr, len);
		assert_memory_equal(k, ref, len);
	}
	free(order);
	free(k);

	/* len may be NULL; bad input gives NULL. */
	k = text_name_sort_key("Sáng", NULL);
	assert_non_null(k);
	free(k);
	assert_null(text_name_sort_key("\xC0\xAF", &len));
	assert_null(text_name_sort_key(NULL, &len));
}

/* The collator from two threads at once, each with its own. */

#define THREAD_ROUNDS	200

static void *
collate_worker(void *arg)
{
	const char	*v[NELEM(words)];
	uint8_t		 k1[64], k2[64];
	size_t		 i, r, n1, n2;
	uintptr_t	 bad = 0;

	for (r = 0; r < THREAD_ROUNDS; r++) {
		memcpy(v, words, sizeof(v));
		shuffle(v, NELEM(v), (uint32_t)((uintptr_t)arg * 1000 + r));
		qsort(v, NELEM(v), sizeof(*v), cmp_collate);
		for (i = 0; i < NELEM(v); i++)
			if (strcmp(v[i], words[i]) != 0)
				bad++;
		n1 = text_sort_key("mà", k1, sizeof(k1));
		n2 = text_sort_key("mả", k2, sizeof(k2));
		if (n1 == 0 || n2 == 0 ||
		    memcmp(k1, k2, n1 < n2 ? n1 : n2) >= 0)
			bad++;
		/* Closing mid-way must be harmless: reopened lazily. */
		if (r == THREAD_ROUNDS / 2)
			text_collate_thread_done();
	}
	text_collate_thread_done();
	text_collate_thread_done();	/* twice is harmless */
	return (void *)bad;
}

static void
test_collate_threads(void **state)
{
	pthread_t	 t[2];
	void		*res;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		assert_int_equal(pthread_create(&t[i], NULL, collate_worker,
		    (void *)(uintptr_t)(i + 1)), 0);
	/* The main thread collates meanwhile with its own collator. */
	assert_order(words, NELEM(words), 11);
	for (i = 0; i < NELEM(t); i++) {
		assert_int_equal(pthread_join(t[i], &res), 0);
		assert_int_equal((uintptr_t)res, 0);
	}
}

/* Formatting */

static void
test_fmt_int(void **state)
{
	char	 buf[64];

	(void)state;
	assert_string_equal(text_fmt_int(0, buf, sizeof(buf)), "0");
	assert_string_equal(text_fmt_int(7, buf, sizeof(buf)), "7");
	assert_string_equal(text_fmt_int(999, buf, sizeof(buf)), "999");
	assert_string_equal(text_fmt_int(1000, buf, sizeof(buf)), "1.000");
	assert_string_equal(text_fmt_int(-999, buf, sizeof(buf)), "-999");
	assert_string_equal(text_fmt_int(-1000, buf, sizeof(buf)), "-1.000");
	assert_string_equal(text_fmt_int(-5000, buf, sizeof(buf)), "-5.000");
	assert_string_equal(text_fmt_int(100000, buf, sizeof(buf)), "100.000");
	assert_string_equal(text_fmt_int(1916248, buf, sizeof(buf)),
	    "1.916.248");
	assert_string_equal(text_fmt_int(INT64_MAX, buf, sizeof(buf)),
	    "9.223.372.036.854.775.807");
	assert_string_equal(text_fmt_int(INT64_MIN, buf, sizeof(buf)),
	    "-9.223.372.036.854.775.808");
}

static void
test_fmt_truncate(void **state)
{
	char	 buf[64], *p;

	(void)state;
	/* Returns buf, always terminated, cut at a code point boundary. */
	p = text_fmt_int(1916248, buf, 4);
	assert_ptr_equal(p, buf);
	assert_string_equal(buf, "1.9");
	assert_string_equal(text_fmt_int(1916248, buf, 1), "");
	assert_string_equal(text_fmt_int(1916248, buf, 10), "1.916.248");
	assert_string_equal(text_fmt_int(1916248, buf, 9), "1.916.24");
	/* cap 0: nothing written at all. */
	memset(buf, 'x', sizeof(buf));
	assert_ptr_equal(text_fmt_int(5, buf, 0), buf);
	assert_int_equal(buf[0], 'x');
	/* "5 đ" is 4 bytes: with 4 the 2-byte đ does not fit whole. */
	assert_string_equal(text_fmt_money(5, buf, 5), "5 đ");
	assert_string_equal(text_fmt_money(5, buf, 4), "5 ");
	/* "—" is 3 bytes. */
	assert_string_equal(text_fmt_percent(1, 0, 1, buf, 4), "—");
	assert_string_equal(text_fmt_percent(1, 0, 1, buf, 3), "");
	assert_string_equal(text_fmt_percent(985, 1000, 1, buf, 4), "98,");
	assert_string_equal(text_fmt_money_words(300000000, buf, 12),
	    "300 triệu");
	assert_string_equal(text_fmt_money_words(300000000, buf, 11),
	    "300 triệ");
	assert_string_equal(text_fmt_money_words(300000000, buf, 9),
	    "300 tri");
	assert_string_equal(text_fmt_date("2023-02-05", buf, 6), "05/02");
	assert_string_equal(text_fmt_date_long("2023-02-05", buf, 5), "ngà");
	assert_string_equal(text_fmt_date_long("2023-02-05", buf, 4), "ng");
}

static void
test_fmt_percent(void **state)
{
	char	 buf[64];

	(void)state;
#define PCT(n, d, dec)	text_fmt_percent((n), (d), (dec), buf, sizeof(buf))
	assert_string_equal(PCT(985, 1000, 1), "98,5%");
	assert_string_equal(PCT(1, 1, 1), "100%");
	assert_string_equal(PCT(0, 0, 1), "—");
	assert_string_equal(PCT(5, 0, 1), "—");
	assert_string_equal(PCT(-5, 0, 2), "—");
	assert_string_equal(PCT(2, 3, 1), "66,7%");
	assert_string_equal(PCT(1, 3, 1), "33,3%");
	assert_string_equal(PCT(9681, 10000, 1), "96,8%");
	assert_string_equal(PCT(0, 7, 1), "0%");
	assert_string_equal(PCT(0, -7, 1), "0%");
	assert_string_equal(PCT(1, 8, 2), "12,5%");
	assert_string_equal(PCT(1, 8, 1), "12,5%");
	assert_string_equal(PCT(1, 8, 0), "13%");
	assert_string_equal(PCT(2, 3, 0), "67%");
	assert_string_equal(PCT(2, 3, 3), "66,667%");
	assert_string_equal(PCT(1, 3, 4), "33,3333%");
	assert_string_equal(PCT(3, 4, 1), "75%");	/* 75,0: zero dropped */
	assert_string_equal(PCT(1005, 1000, 1), "100,5%");
	/* Half away from zero, exactly at the half. */
	assert_string_equal(PCT(1, 200, 0), "1%");	/* 0,5 */
	assert_string_equal(PCT(-1, 200, 0), "-1%");
	assert_string_equal(PCT(1, -200, 0), "-1%");
	assert_string_equal(PCT(-1, -200, 0), "1%");
	assert_string_equal(PCT(1, 2000, 1), "0,1%");	/* 0,05 */
	assert_string_equal(PCT(3, 400, 0), "1%");	/* 0,75 */
	assert_string_equal(PCT(1, 400, 0), "0%");	/* 0,25 */
	assert_string_equal(PCT(-985, 1000, 1), "-98,5%");
	assert_string_equal(PCT(-2, 3, 1), "-66,7%");
	/* Rounding carries through the nines. */
	assert_string_equal(PCT(999, 1000, 0), "100%");
	assert_string_equal(PCT(9995, 10000, 1), "100%");
	assert_string_equal(PCT(99995, 100000, 1), "100%");
	assert_string_equal(PCT(99949, 100000, 1), "99,9%");
	/* A negative that rounds to zero is plain zero. */
	assert_string_equal(PCT(-1, 100000, 1), "0%");
	assert_string_equal(PCT(1, -100000, 1), "0%");
	/* Over 100 and thousands. */
	assert_string_equal(PCT(3, 2, 1), "150%");
	assert_string_equal(PCT(1999, 2, 1), "99.950%");
	assert_string_equal(PCT(12345, 1, 0), "1.234.500%");
	/* Extremes: exact, no overflow. */
	assert_string_equal(PCT(INT64_MAX, 1, 1),
	    "922.337.203.685.477.580.700%");
	assert_string_equal(PCT(INT64_MIN, 1, 1),
	    "-922.337.203.685.477.580.800%");
	assert_string_equal(PCT(INT64_MIN, -1, 0),
	    "922.337.203.685.477.580.800%");
	assert_string_equal(PCT(INT64_MIN, INT64_MIN, 1), "100%");
	assert_string_equal(PCT(INT64_MAX, INT64_MIN, 2), "-100%");
	assert_string_equal(PCT(INT64_MAX, INT64_MAX, 2), "100%");
	assert_string_equal(PCT(INT64_MAX - 1, INT64_MAX, 2), "100%");
	assert_string_equal(PCT(1, INT64_MAX, 1), "0%");
	assert_string_equal(PCT(INT64_MAX / 2, INT64_MAX, 1), "50%");
	assert_string_equal(PCT(INT64_MAX / 3, INT64_MAX, 2), "33,33%");
	assert_string_equal(PCT(INT64_MIN / 3 * 2, INT64_MIN, 1), "66,7%");
	/* Decimals clamped: negative is 0, huge is 18. */
	assert_string_equal(PCT(2, 3, -4), "67%");
	assert_string_equal(PCT(1, 3, 1000), "33,333333333333333333%");
#undef PCT
}

static void
test_fmt_money(void **state)
{
	char	 buf[64];

	(void)state;
	assert_string_equal(text_fmt_money(300000000, buf, sizeof(buf)),
	    "300.000.000 đ");
	assert_string_equal(text_fmt_money(0, buf, sizeof(buf)), "0 đ");
	assert_string_equal(text_fmt_money(-5000, buf, sizeof(buf)),
	    "-5.000 đ");
	assert_string_equal(text_fmt_money(INT64_MIN, buf, sizeof(buf)),
	    "-9.223.372.036.854.775.808 đ");
}

static void
test_fmt_money_words(void **state)
{
	char	 buf[64];

	(void)state;
#define MW(n)	text_fmt_money_words((n), buf, sizeof(buf))
	assert_string_equal(MW(300000000), "300 triệu đồng");
	assert_string_equal(MW(3000000000), "3 tỷ đồng");
	assert_string_equal(MW(13995000000000), "13.995 tỷ đồng");
	assert_string_equal(MW(1500000), "1,5 triệu đồng");
	assert_string_equal(MW(950000), "950.000 đồng");
	assert_string_equal(MW(0), "0 đồng");
	assert_string_equal(MW(1), "1 đồng");
	assert_string_equal(MW(999999), "999.999 đồng");
	assert_string_equal(MW(1000000), "1 triệu đồng");
	assert_string_equal(MW(1010000), "1,01 triệu đồng");
	assert_string_equal(MW(1250000000), "1,25 tỷ đồng");
	assert_string_equal(MW(2500000000), "2,5 tỷ đồng");
	assert_string_equal(MW(999000000), "999 triệu đồng");
	/* Never rounded: a less round amount drops to a smaller scale. */
	assert_string_equal(MW(1234000000), "1.234 triệu đồng");
	assert_string_equal(MW(1234500000), "1.234,5 triệu đồng");
	assert_string_equal(MW(1001000), "1.001.000 đồng");
	assert_string_equal(MW(1234567), "1.234.567 đồng");
	assert_string_equal(MW(1000000001), "1.000.000.001 đồng");
	assert_string_equal(MW(-300000000), "-300 triệu đồng");
	assert_string_equal(MW(-1500000), "-1,5 triệu đồng");
	assert_string_equal(MW(-950000), "-950.000 đồng");
	assert_string_equal(MW(INT64_MAX), "9.223.372.036.854.775.807 đồng");
	assert_string_equal(MW(INT64_MIN), "-9.223.372.036.854.775.808 đồng");
	assert_string_equal(MW(9000000000000000000), "9.000.000.000 tỷ đồng");
#undef MW
}

static void
test_fmt_date(void **state)
{
	static const char *bad[] = {
		"", "2023", "2023-02", "2023-2-5", "2023-02-5", "23-02-05",
		"2023/02/05", "2023-02-05T10:00", "2023-02-05 ", " 2023-02-05",
		"abcd-ef-gh", "2023-13-01", "2023-00-10", "2023-01-00",
		"2023-01-32", "2023-04-31", "2023-02-29", "1900-02-29",
		"0000-01-01", "2023-0a-01", "+023-01-01", "2023-\xC3\xA0-1",
	};
	char	 buf[64];
	size_t	 i;

	(void)state;
	assert_string_equal(text_fmt_date("2023-02-05", buf, sizeof(buf)),
	    "05/02/2023");
	assert_string_equal(text_fmt_date("1999-12-31", buf, sizeof(buf)),
	    "31/12/1999");
	assert_string_equal(text_fmt_date("2024-02-29", buf, sizeof(buf)),
	    "29/02/2024");
	assert_string_equal(text_fmt_date("2000-02-29", buf, sizeof(buf)),
	    "29/02/2000");
	assert_string_equal(text_fmt_date("0001-01-01", buf, sizeof(buf)),
	    "01/01/0001");
	for (i = 0; i < NELEM(bad); i++) {
		strcpy(buf, "dirty");
		assert_string_equal(text_fmt_date(bad[i], buf, sizeof(buf)),
		    "");
		strcpy(buf, "dirty");
		assert_string_equal(text_fmt_date_long(bad[i], buf,
		    sizeof(buf)), "");
	}
	assert_string_equal(text_fmt_date(NULL, buf, sizeof(buf)), "");
	assert_string_equal(text_fmt_date_long(NULL, buf, sizeof(buf)), "");
}

static void
test_fmt_date_long(void **state)
{
	char	 buf[64];

	(void)state;
#define DL(s)	text_fmt_date_long((s), buf, sizeof(buf))
	assert_string_equal(DL("2023-02-05"), "ngày 05 tháng 02 năm 2023");
	assert_string_equal(DL("2023-01-01"), "ngày 01 tháng 01 năm 2023");
	assert_string_equal(DL("2023-01-31"), "ngày 31 tháng 01 năm 2023");
	/* Months 3 to 12 take no leading zero (Hướng dẫn 36-HD/VPTW). */
	assert_string_equal(DL("2023-03-09"), "ngày 09 tháng 3 năm 2023");
	assert_string_equal(DL("2023-11-15"), "ngày 15 tháng 11 năm 2023");
	assert_string_equal(DL("2023-12-25"), "ngày 25 tháng 12 năm 2023");
	assert_string_equal(DL("2024-02-29"), "ngày 29 tháng 02 năm 2024");
#undef DL
}

static int
teardown_group(void **state)
{
	(void)state;
	text_collate_thread_done();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_ok),
		cmocka_unit_test(test_utf8_valid_bad),
		cmocka_unit_test(test_utf8_valid_controls),
		cmocka_unit_test(test_utf8_chars),
		cmocka_unit_test(test_clean_nfc),
		cmocka_unit_test(test_clean_space),
		cmocka_unit_test(test_clean_invalid),
		cmocka_unit_test(test_fold_vietnamese),
		cmocka_unit_test(test_fold_punct),
		cmocka_unit_test(test_fold_other_scripts),
		cmocka_unit_test(test_fold_invalid),
		cmocka_unit_test(test_fast_paths_agree_with_utf8proc),
		cmocka_unit_test(test_collate_alphabet),
		cmocka_unit_test(test_collate_tones),
		cmocka_unit_test(test_collate_words),
		cmocka_unit_test(test_sort_key_api),
		cmocka_unit_test(test_sort_key_long),
		cmocka_unit_test(test_name_order),
		cmocka_unit_test(test_name_sort_key),
		cmocka_unit_test(test_collate_threads),
		cmocka_unit_test(test_fmt_int),
		cmocka_unit_test(test_fmt_truncate),
		cmocka_unit_test(test_fmt_percent),
		cmocka_unit_test(test_fmt_money),
		cmocka_unit_test(test_fmt_money_words),
		cmocka_unit_test(test_fmt_date),
		cmocka_unit_test(test_fmt_date_long),
	};

	return cmocka_run_group_tests(tests, NULL, teardown_group);
}
