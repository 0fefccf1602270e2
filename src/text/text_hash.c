/*
 * text_hash.c — one string hash for the in-memory tables (the statement
 * cache, the remembered answers, the import's maps): 64-bit FNV-1a, fast on
 * short keys and good enough to spread them; never used where an attacker's
 * choice of keys could matter more than a slower lookup.
 */
#include "text/text.h"

uint64_t
text_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}
