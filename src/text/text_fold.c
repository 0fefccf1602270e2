/*
 * text_fold.c — search keys.  A folded string has no case, no marks and no
 * punctuation, so that "Đỗ Văn Hiện", "do van hien" and "ĐỖ  VĂN, HIỆN"
 * find each other with a plain equality or LIKE on a pre-folded column, the
 * same on SQLite and PostgreSQL.  utf8proc does the Unicode work (compat
 * decomposition, case folding, mark stripping); we add đ/Đ -> d, which
 * Unicode does not decompose, and collapse separators.
 */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/text.h"

/*
 * utf8proc calls this on every input code point before its own mappings.
 * U+0110 Đ and U+0111 đ are letters in their own right for Unicode (no
 * decomposition), so STRIPMARK leaves them; a Vietnamese reader searching
 * "do" expects "Đỗ".
 */
static utf8proc_int32_t
fold_dstroke(utf8proc_int32_t cp, void *data)
{
	(void)data;
	if (cp == 0x0110 || cp == 0x0111)
		return 'd';
	return cp;
}

/*
 * Whether cp separates words in a search key: white space, line and
 * paragraph separators, control and format characters, and punctuation.
 * Letters, digits, symbols and anything else are kept.
 */
static int
fold_is_sep(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return 1;
	default:
		return 0;
	}
}

/*
 * text_clean() validates and gives NFC.  utf8proc then decomposes
 * (compatibility mappings too, so full-width and ligature letters match
 * their plain forms), drops default-ignorable characters such as soft
 * hyphens, case-folds, strips every mark and recomposes what is left (only
 * mark-free compositions such as Hangul remain).  Both tone placements of
 * "hoà"/"hòa" lose their marks the same way.  Last, separator runs become
 * one space and the ends are trimmed; the result never grows, so it is
 * written back into utf8proc's buffer.
 */
char *
text_fold_reference(const char *s)
{
	char			*clean = NULL;
	utf8proc_uint8_t	*map = NULL;
	utf8proc_ssize_t	 maplen, i, n;
	utf8proc_int32_t	 cp;
	size_t			 o = 0;
	int			 pending = 0;

	if ((clean = text_clean(s, 1)) == NULL)
		return NULL;
	maplen = utf8proc_map_custom((const utf8proc_uint8_t *)clean, 0, &map,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT | UTF8PROC_IGNORE | UTF8PROC_CASEFOLD |
	    UTF8PROC_STRIPMARK, fold_dstroke, NULL);
	if (maplen < 0) {
		map = NULL;
		goto out;
	}

	for (i = 0; i < maplen; i += n) {
		n = utf8proc_iterate(map + i, maplen - i, &cp);
		if (n <= 0) {
			/* utf8proc wrote ill-formed UTF-8: can't happen. */
			free(map);
			map = NULL;
			goto out;
		}
		if (fold_is_sep(cp)) {
			pending = o > 0;
			continue;
		}
		if (pending) {
			map[o++] = ' ';
			pending = 0;
		}
		memmove(map + o, map + i, (size_t)n);
		o += (size_t)n;
	}
	map[o] = '\0';
 out:
	free(clean);
	return (char *)map;
}

/*
 * The fast way for the text most names are made of: code points below
 * U+0300 and the precomposed Vietnamese letters (U+1E00..U+1EFF).  They
 * are NFC as they stand (text_nfc_stable), and what utf8proc makes of
 * each one does not depend on its neighbours (marks are stripped, nothing
 * left composes), so the folding of each is looked up in a table that
 * utf8proc itself filled, and separators are collapsed as above.  The
 * unit tests compare it with text_fold_reference on every pair of them.
 */
#define FOLD_FAST	(0x300 + 0x100)
#define FOLD_MAX_OUT	6		/* bytes of one code point's folding */

struct fold_one {
	signed char	 ok;		/* 1: folded below; 0: not in the table */
	unsigned char	 n;		/* bytes in s */
	unsigned char	 sep;		/* bit k: the k-th byte starts a separator */
	char		 s[FOLD_MAX_OUT];
};

static struct fold_one	fold_table[FOLD_FAST];
static pthread_once_t	fold_once = PTHREAD_ONCE_INIT;

static int
fold_index(uint32_t cp)
{
	if (cp < 0x300)
		return (int)cp;
	if (cp >= 0x1E00 && cp < 0x1F00)
		return 0x300 + (int)(cp - 0x1E00);
	return -1;
}

static void
fold_table_fill(void)
{
	for (int k = 1; k < FOLD_FAST; k++) {
		utf8proc_int32_t	 cp = k < 0x300 ? k : 0x1E00 + (k - 0x300), oc;
		utf8proc_uint8_t	 in[8], *map = NULL;
		utf8proc_ssize_t	 len, i, n;
		struct fold_one		*f = &fold_table[k];

		len = utf8proc_encode_char(cp, in);
		in[len] = '\0';
		len = utf8proc_map_custom(in, 0, &map, UTF8PROC_NULLTERM | UTF8PROC_STABLE |
		    UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE | UTF8PROC_CASEFOLD |
		    UTF8PROC_STRIPMARK, fold_dstroke, NULL);
		if (len < 0 || len > FOLD_MAX_OUT) {
			free(len < 0 ? NULL : map);
			continue;
		}
		f->ok = 1;
		for (i = 0; i < len; i += n) {
			n = utf8proc_iterate(map + i, len - i, &oc);
			if (n <= 0) {
				f->ok = 0;
				break;
			}
			if (fold_is_sep(oc))
				f->sep |= (unsigned char)(1u << i);
		}
		memcpy(f->s, map, (size_t)len);
		f->n = (unsigned char)len;
		free(map);
	}
}

/* One code point of s (well-formed, in the table's ranges) at *i, or -1
 * when the bytes there are anything else. */
static int
fast_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char b = s[*i];
	uint32_t cp;

	if (b < 0x80) {
		cp = b;
		*i += 1;
	} else if (b >= 0xC2 && b <= 0xCB && *i + 1 < len && (s[*i + 1] & 0xC0) == 0x80) {
		cp = ((uint32_t)(b & 0x1F) << 6) | (s[*i + 1] & 0x3F);
		*i += 2;
	} else if (b == 0xE1 && *i + 2 < len && s[*i + 1] >= 0xB8 && s[*i + 1] <= 0xBB &&
	    (s[*i + 2] & 0xC0) == 0x80) {
		cp = 0x1000 | ((uint32_t)(s[*i + 1] & 0x3F) << 6) | (s[*i + 2] & 0x3F);
		*i += 3;
	} else {
		return -1;
	}
	return cp == 0 ? -1 : fold_index(cp);
}

char *
text_fold(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len, i = 0, o = 0;
	int			 pending = 0, k;
	char			*out;

	if (s == NULL)
		return NULL;
	pthread_once(&fold_once, fold_table_fill);
	len = strlen(s);
	/* Each code point takes at least one byte and gives at most
	 * FOLD_MAX_OUT, plus a space before it. */
	if ((out = malloc(len * (FOLD_MAX_OUT + 1) + 1)) == NULL)
		return NULL;
	while (i < len) {
		const struct fold_one *f;

		if ((k = fast_next(u, len, &i)) < 0 || !(f = &fold_table[k])->ok) {
			free(out);
			return text_fold_reference(s);
		}
		for (unsigned j = 0; j < f->n; j++) {
			if ((f->s[j] & 0xC0) == 0x80) {
				/* the rest of a code point already written */
				out[o++] = f->s[j];
				continue;
			}
			if (f->sep & (1u << j)) {
				pending = o > 0;
				while (j + 1 < f->n && (f->s[j + 1] & 0xC0) == 0x80)
					j++;
				continue;
			}
			if (pending) {
				out[o++] = ' ';
				pending = 0;
			}
			out[o++] = f->s[j];
		}
	}
	out[o] = '\0';
	return out;
}
