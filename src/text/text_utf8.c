/*
 * text_utf8.c — the door for text: a strict UTF-8 validator (the one every
 * request field goes through), a code point counter, and text_clean(), which
 * turns well-formed input into the NFC, trimmed form that is stored.  NFC is
 * utf8proc's; white space is Unicode's White_Space property, so a no-break
 * space (U+00A0) pasted from a word processor is trimmed like U+0020.
 */

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/text.h"

/*
 * Decodes one code point from s[0..len), which must not be empty.  Returns the
 * length of the sequence (1 to 4) and sets *cp, or 0 when the bytes at s are
 * not a well-formed sequence: a stray continuation byte, an overlong form,
 * a surrogate, a value above U+10FFFF, or a sequence cut short by len.
 * Follows Table 3-7 of the Unicode Standard.  Can't fail otherwise.
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	 c = s[0];
	unsigned char	 lo = 0x80, hi = 0xBF;
	size_t		 n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong below U+0800 */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates U+D800..U+DFFF */
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;	/* overlong below U+10000 */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
		c &= 0x07;
	} else
		return 0;	/* continuation byte, C0, C1, F5..FF */

	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

/*
 * Unicode's White_Space property (PropList.txt), which has been stable
 * for many versions: the C0 spaces, U+0020, NEL, no-break space, ogham
 * space, the U+2000 block of spaces, line and paragraph separators, narrow
 * no-break space, medium mathematical space and the ideographic space.
 */
static int
is_space(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 ||
	    c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
	    c == 0x3000;
}

int
text_utf8_valid(const char *s, size_t len, int allow_newlines)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;
	uint32_t		 c;

	if (s == NULL)
		return 0;
	while (i < len) {
		if ((n = utf8_decode(p + i, len - i, &c)) == 0)
			return 0;
		if (c == 0)
			return 0;
		if (c < 0x20 || c == 0x7F) {
			if (!allow_newlines)
				return 0;
			if (c != '\n' && c != '\r' && c != '\t')
				return 0;
		}
		/* C1 controls and bidi overrides/isolates ("Trojan source"
		 * names) are never text a user meant to type. */
		if ((c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069))
			return 0;
		if (!allow_newlines && (c == 0x2028 || c == 0x2029))
			return 0;
		i += n;
	}
	return 1;
}

size_t
text_utf8_chars(const char *s)
{
	size_t	 n = 0;

	if (s == NULL)
		return 0;
	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * Well-formedness is checked here with the same decoder as
 * text_utf8_valid(), but control characters are left alone: rejecting them
 * is the door's decision (text_utf8_valid), not this function's.  NFC never
 * maps a white-space character to something else or merges it with a
 * neighbour, so trimming and collapsing after NFC keep the result in NFC.
 */
/*
 * Whether c is a starter (combining class 0) that is NFC whatever stands
 * around it (NFC_Quick_Check=Yes): true of every code point below U+0300
 * and of Latin Extended Additional, where the precomposed Vietnamese
 * letters are.  A string of such code points is already NFC (the Unicode
 * quick check, UAX #15), so most names skip utf8proc; the unit tests
 * compare every pair of them with utf8proc.
 */
int
text_nfc_stable(uint32_t c)
{
	return c < 0x300 || (c >= 0x1E00 && c < 0x1F00);
}

char *
text_clean(const char *s, int collapse_space)
{
	utf8proc_uint8_t	*nfc = NULL;
	const unsigned char	*src;
	size_t			 nfclen;
	char			*out = NULL;
	size_t			 len, i, n, o = 0, run = 0;
	uint32_t		 c;
	int			 stable = 1;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode((const unsigned char *)s + i,
		    len - i, &c)) == 0)
			return NULL;
		stable &= text_nfc_stable(c);
	}

	if (stable) {
		src = (const unsigned char *)s;
		nfclen = len;
	} else {
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nfc,
		    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);

		if (m < 0)
			goto out;
		src = nfc;
		nfclen = (size_t)m;
	}
	if ((out = malloc(nfclen + 1)) == NULL)
		goto out;

	/*
	 * Copy code points, holding back each run of white space until a
	 * non-space follows it: a run at the start or the end is dropped,
	 * a run inside is copied as is or as one U+0020.  `run` is where
	 * the pending run starts in nfc, 0 bytes long when none is pending.
	 */
	for (i = 0; i < nfclen; i += n) {
		n = utf8_decode(src + i, nfclen - i, &c);
		if (n == 0) {
			/* utf8proc wrote ill-formed UTF-8: can't happen. */
			free(out);
			out = NULL;
			goto out;
		}
		if (is_space(c)) {
			if (o == 0)
				continue;	/* leading: drop */
			if (run == 0)
				run = i + 1;	/* 1-based start of run */
			continue;
		}
		if (run != 0) {
			if (collapse_space)
				out[o++] = ' ';
			else {
				memcpy(out + o, src + run - 1, i - (run - 1));
				o += i - (run - 1);
			}
			run = 0;
		}
		memcpy(out + o, src + i, n);
		o += n;
	}
	out[o] = '\0';
 out:
	free(nfc);
	return out;
}
