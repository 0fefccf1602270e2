/*
 * text_fold.c — search keys.  A folded string has no case, no marks and no
 * punctuation, so that "Đỗ Văn Hiện", "do van hien" and "ĐỖ  VĂN, HIỆN"
 * find each other with a plain equality or LIKE on a pre-folded column, the
 * same on SQLite and PostgreSQL.  utf8proc does the Unicode work (compat
 * decomposition, case folding, mark stripping); we add đ/Đ -> d, which
 * Unicode does not decompose, and collapse separators.
 */

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
text_fold(const char *s)
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
