/*
 * text_collate.c — Vietnamese sort order.  ICU's "vi" collation knows that
 * ă, â, đ, ê, ô, ơ, ư are letters of their own and orders the tones ngang,
 * huyền, hỏi, ngã, sắc, nặng; PostgreSQL's COLLATE "vi-x-icu" is the same
 * collation, so SQLite (memcmp on stored sort keys) and PostgreSQL agree.
 * A UCollator must not be used by two threads at once, so each thread opens
 * its own on first use and closes it with text_collate_thread_done(); a
 * registry lets text_collate_cleanup() close them all at exit.
 */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "text/text.h"

/* Strings up to this many UTF-16 units are converted on the stack. */
#define COLLATE_STACK_UCHARS	256

static _Thread_local UCollator	*tl_coll;

/* Every collator opened, so that text_collate_cleanup() can close those of
 * threads that ended without text_collate_thread_done() (libmicrohttpd's
 * workers give no exit hook). */
#define COLLATORS_MAX	256
static pthread_mutex_t	 coll_mu = PTHREAD_MUTEX_INITIALIZER;
static UCollator	*all_coll[COLLATORS_MAX];
static int		 ncoll;

/*
 * Sort keys of name parts computed lately, per thread: the people of a
 * country share a few thousand given names and family names, so a bulk
 * import finds most parts here instead of asking ICU again.  A key is a
 * function of the text alone (one collator, "vi"), so a hit gives the
 * same bytes.  Direct-mapped by a hash of the text; allocated on first use
 * and freed with the thread's collator.
 */
#define KEYCACHE_SLOTS	1024
#define KEYCACHE_TEXT	40
#define KEYCACHE_KEY	88

struct keycache {
	struct {
		unsigned char	 tlen, klen;	/* klen 0: empty slot */
		char		 text[KEYCACHE_TEXT];
		uint8_t		 key[KEYCACHE_KEY];
	} slot[KEYCACHE_SLOTS];
};

static _Thread_local struct keycache	*tl_cache;
static struct keycache			*all_cache[COLLATORS_MAX];
static int				 ncache;

static struct keycache *
keycache(void)
{
	if (tl_cache != NULL)
		return tl_cache;
	if ((tl_cache = calloc(1, sizeof(*tl_cache))) == NULL)
		return NULL;
	pthread_mutex_lock(&coll_mu);
	if (ncache < COLLATORS_MAX) {
		all_cache[ncache++] = tl_cache;
	} else {
		free(tl_cache);
		tl_cache = NULL;
	}
	pthread_mutex_unlock(&coll_mu);
	return tl_cache;
}

static void
keycache_done(void)
{
	pthread_mutex_lock(&coll_mu);
	for (int i = 0; i < ncache; i++)
		if (all_cache[i] == tl_cache) {
			all_cache[i] = all_cache[--ncache];
			break;
		}
	pthread_mutex_unlock(&coll_mu);
	free(tl_cache);
	tl_cache = NULL;
}

static void
coll_register(UCollator *c)
{
	pthread_mutex_lock(&coll_mu);
	if (ncoll < COLLATORS_MAX)
		all_coll[ncoll++] = c;
	pthread_mutex_unlock(&coll_mu);
}

static void
coll_unregister(UCollator *c)
{
	pthread_mutex_lock(&coll_mu);
	for (int i = 0; i < ncoll; i++)
		if (all_coll[i] == c) {
			all_coll[i] = all_coll[--ncoll];
			break;
		}
	pthread_mutex_unlock(&coll_mu);
}

void
text_collate_cleanup(void)
{
	pthread_mutex_lock(&coll_mu);
	for (int i = 0; i < ncoll; i++)
		ucol_close(all_coll[i]);
	ncoll = 0;
	for (int i = 0; i < ncache; i++)
		free(all_cache[i]);
	ncache = 0;
	pthread_mutex_unlock(&coll_mu);
	tl_coll = NULL;
	tl_cache = NULL;
}

/*
 * This thread's collator, opened on first use; NULL when ICU cannot open
 * it.  Owned by the thread: text_collate_thread_done() closes it.  CLDR's
 * "vi" tailoring already turns normalisation on (Vietnamese stacks two
 * marks), so a decomposed string that slipped past text_clean() sorts with
 * its NFC twin; the unit tests check that.
 */
static UCollator *
collator(void)
{
	UErrorCode	 st = U_ZERO_ERROR;

	if (tl_coll != NULL)
		return tl_coll;
	tl_coll = ucol_open("vi", &st);
	if (U_FAILURE(st)) {
		if (tl_coll != NULL)
			ucol_close(tl_coll);
		tl_coll = NULL;
	} else {
		coll_register(tl_coll);
	}
	return tl_coll;
}

void
text_collate_thread_done(void)
{
	keycache_done();
	if (tl_coll != NULL) {
		coll_unregister(tl_coll);
		ucol_close(tl_coll);
	}
	tl_coll = NULL;
}

/*
 * UTF-16 copy of the UTF-8 string s for ICU, written into stack[] (of
 * COLLATE_STACK_UCHARS units) when it fits, else into a new buffer: the
 * caller frees the result with free() when it is not stack.  *ulen receives
 * the length.  NULL on ill-formed UTF-8 (ICU rejects the same overlongs,
 * surrogates and out-of-range values as text_utf8_valid) or allocation
 * failure.  UTF-16 never needs more units than UTF-8 has bytes.
 */
static UChar *
to_utf16(const char *s, UChar *stack, int32_t *ulen)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u = stack;
	size_t		 len = strlen(s);

	if (len >= INT32_MAX)
		return NULL;
	if (len + 1 > COLLATE_STACK_UCHARS &&
	    (u = malloc((len + 1) * sizeof(*u))) == NULL)
		return NULL;
	u_strFromUTF8(u, (int32_t)len + 1, ulen, s, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		if (u != stack)
			free(u);
		return NULL;
	}
	return u;
}

/*
 * Writes at most cap bytes of the key (terminating zero byte included, as
 * ICU counts it) and returns the full length; when that exceeds cap the
 * contents of out are undefined.  out may be NULL when cap is 0.  Returns 0
 * on ill-formed UTF-8 or when ICU fails.
 */
size_t
text_sort_key(const char *s, uint8_t *out, size_t cap)
{
	UChar		 stack[COLLATE_STACK_UCHARS], *u = NULL;
	UCollator	*coll;
	int32_t		 ulen, klen;
	size_t		 ret = 0;

	if (s == NULL || (out == NULL && cap != 0))
		return 0;
	if ((coll = collator()) == NULL)
		return 0;
	if ((u = to_utf16(s, stack, &ulen)) == NULL)
		return 0;
	if (cap > INT32_MAX)
		cap = INT32_MAX;
	klen = ucol_getSortKey(coll, u, ulen, out, (int32_t)cap);
	if (klen > 0)
		ret = (size_t)klen;
	if (u != stack)
		free(u);
	return ret;
}

/*
 * Falls back to byte order (strcmp) when the collator cannot be opened:
 * a comparator cannot report errors, and a stable order beats none.
 * ICU reads each ill-formed UTF-8 sequence as U+FFFD; NULL sorts first.
 */
int
text_collate(const char *a, const char *b)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UCollator	*coll;
	UCollationResult r;

	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	if ((coll = collator()) == NULL)
		return strcmp(a, b);
	r = ucol_strcollUTF8(coll, a, -1, b, -1, &st);
	if (U_FAILURE(st))
		return strcmp(a, b);
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/*
 * The name is cleaned first (NFC, trimmed, inner white space collapsed to
 * one U+0020), so the last word is what follows the last space.
 */
char *
text_name_order(const char *full_name)
{
	char	*clean, *out = NULL, *sp;
	size_t	 len, glen;

	if ((clean = text_clean(full_name, 1)) == NULL)
		return NULL;
	if ((sp = strrchr(clean, ' ')) == NULL)
		return clean;
	len = strlen(clean);
	glen = len - (size_t)(sp + 1 - clean);
	if ((out = malloc(len + 1)) == NULL)
		goto out;
	memcpy(out, sp + 1, glen);
	out[glen] = ' ';
	memcpy(out + glen + 1, clean, (size_t)(sp - clean));
	out[len] = '\0';
 out:
	free(clean);
	return out;
}

/* The full sort key of s (malloc'd, ICU's trailing zero byte included);
 * NULL on error.  Most keys fit a first guess of a few bytes per input
 * byte; the rare longer one is computed a second time. */
static uint8_t *
full_key(const char *s, size_t *len)
{
	uint8_t	*key, *bigger;
	size_t	 cap = 4 * strlen(s) + 16, klen;

	if ((key = malloc(cap)) == NULL)
		return NULL;
	if ((klen = text_sort_key(s, key, cap)) == 0)
		goto fail;
	if (klen > cap) {
		if ((bigger = realloc(key, klen)) == NULL)
			goto fail;
		key = bigger;
		if (text_sort_key(s, key, klen) != klen)
			goto fail;
	}
	*len = klen;
	return key;
 fail:
	free(key);
	return NULL;
}

/* full_key through the cache. */
static uint8_t *
part_key(const char *s, size_t *len)
{
	struct keycache	*c;
	size_t		 tlen = strlen(s), i;
	uint32_t	 h = 2166136261u;
	uint8_t		*key;

	if (tlen >= KEYCACHE_TEXT || (c = keycache()) == NULL)
		return full_key(s, len);
	for (i = 0; i < tlen; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	i = h % KEYCACHE_SLOTS;
	if (c->slot[i].klen > 0 && c->slot[i].tlen == tlen &&
	    memcmp(c->slot[i].text, s, tlen) == 0) {
		if ((key = malloc(c->slot[i].klen)) == NULL)
			return NULL;
		memcpy(key, c->slot[i].key, c->slot[i].klen);
		*len = c->slot[i].klen;
		return key;
	}
	if ((key = full_key(s, len)) != NULL && *len <= KEYCACHE_KEY) {
		c->slot[i].tlen = (unsigned char)tlen;
		c->slot[i].klen = (unsigned char)*len;
		memcpy(c->slot[i].text, s, tlen);
		memcpy(c->slot[i].key, key, *len);
	}
	return key;
}

/*
 * The key of the given name followed by the key of the rest: ICU keys end
 * with their only zero byte, so two such keys compare by the whole given
 * name (letters, then tones, then case) before the family name is looked
 * at, which is how Vietnamese lists are ordered ("Trần An" before
 * "Nguyễn Án").
 */
uint8_t *
text_name_sort_key(const char *full_name, size_t *len)
{
	char	*clean, *sp;
	uint8_t	*kg = NULL, *kr = NULL, *ret = NULL;
	size_t	 lg = 0, lr = 0;

	if ((clean = text_clean(full_name, 1)) == NULL)
		return NULL;
	sp = strrchr(clean, ' ');
	if (sp != NULL)
		*sp = '\0';
	if ((kg = part_key(sp ? sp + 1 : clean, &lg)) == NULL)
		goto out;
	if (sp != NULL && (kr = part_key(clean, &lr)) == NULL)
		goto out;
	if ((ret = malloc(lg + lr)) == NULL)
		goto out;
	memcpy(ret, kg, lg);
	if (lr > 0)
		memcpy(ret + lg, kr, lr);
	if (len != NULL)
		*len = lg + lr;
 out:
	free(kg);
	free(kr);
	free(clean);
	return ret;
}
