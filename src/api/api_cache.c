/*
 * api_cache.c — the records one request has already loaded (the units and
 * people a page of records refers to), so a list of fifty records does not
 * read the same unit fifty times.  Freed when the request ends.
 */
#include <string.h>

#include "api/api.h"

const struct record *
api_cached(struct api_ctx *c, struct api_cache *ac, enum rtype_id t, int64_t id)
{
	struct record *r = NULL;

	for (int i = 0; i < ac->n; i++)
		if (ac->r[i]->type->id == t && ac->r[i]->id == id)
			return ac->r[i];
	if (store_get(c->st, t, id, &r) != ST_OK)
		return NULL;
	if (ac->n == API_CACHE) {
		record_free(ac->r[0]);
		memmove(ac->r, ac->r + 1, (API_CACHE - 1) * sizeof(ac->r[0]));
		ac->n--;
	}
	ac->r[ac->n++] = r;
	return r;
}

void
api_cache_free(struct api_cache *ac)
{
	for (int i = 0; i < ac->n; i++)
		record_free(ac->r[i]);
	ac->n = 0;
}
