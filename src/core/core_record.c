/*
 * core_record.c — a record of any type as an array of field values, with
 * setters that copy and a list type.  Small allocations abort on OOM
 * (like Redis zmalloc): a record is a few hundred bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL) {
		fprintf(stderr, "lamtheo: out of memory\n");
		abort();
	}
	return p;
}

struct record *
record_new(const struct rtype *t)
{
	struct record *r;

	r = xcalloc(1, sizeof(*r) + (size_t)t->nfields * sizeof(struct fval));
	r->type = t;
	return r;
}

void
record_unset(struct record *r, int f)
{
	free(r->v[f].s);
	memset(&r->v[f], 0, sizeof(r->v[f]));
}

void
record_free(struct record *r)
{
	if (r == NULL)
		return;
	for (int i = 0; i < r->type->nfields; i++)
		free(r->v[i].s);
	free(r);
}

void
record_set_blob(struct record *r, int f, const void *p, size_t len)
{
	char *copy = xcalloc(1, len + 1);

	memcpy(copy, p, len);
	record_unset(r, f);
	r->v[f].state = FV_SET;
	r->v[f].s = copy;
	r->v[f].len = len;
}

void
record_set_text(struct record *r, int f, const char *s)
{
	record_set_blob(r, f, s, strlen(s));
}

void
record_set_int(struct record *r, int f, int64_t i)
{
	record_unset(r, f);
	r->v[f].state = FV_SET;
	r->v[f].i = i;
}

void
record_set_null(struct record *r, int f)
{
	record_unset(r, f);
	r->v[f].state = FV_NULL;
}

struct record *
record_overlay(const struct record *r, const struct record *change)
{
	struct record *out = record_new(r->type);

	out->id = r->id;
	for (int f = 0; f < r->type->nfields; f++) {
		const struct fval *v = change->v[f].state != FV_ABSENT ? &change->v[f] : &r->v[f];

		if (v->state == FV_NULL)
			record_set_null(out, f);
		else if (v->state == FV_SET && v->s != NULL)
			record_set_blob(out, f, v->s, v->len);
		else if (v->state == FV_SET)
			record_set_int(out, f, v->i);
	}
	return out;
}

const char *
record_text(const struct record *r, int f)
{
	return r->v[f].state == FV_SET ? r->v[f].s : NULL;
}

int64_t
record_int(const struct record *r, int f)
{
	return r->v[f].state == FV_SET ? r->v[f].i : 0;
}

bool
record_has(const struct record *r, int f)
{
	return r->v[f].state == FV_SET;
}

void
record_list_push(struct record_list *l, struct record *r)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct record **items = realloc(l->items, cap * sizeof(*items));

		if (items == NULL) {
			fprintf(stderr, "lamtheo: out of memory\n");
			abort();
		}
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = r;
}

void
record_list_free(struct record_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		record_free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void
record_take_derived(struct record *change, const struct record *merged)
{
	static const char *const stamps[] = {
		"created_at", "updated_at", "created_by", "updated_by", "deleted_at", NULL
	};
	const struct rtype *t = change->type;

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		const struct fval *v = &merged->v[f];

		if (!(fd->flags & F_READONLY) || (fd->flags & F_NOCOLUMN) ||
		    v->state == FV_ABSENT || change->v[f].state != FV_ABSENT ||
		    enum_index(stamps, fd->name) >= 0 ||
		    (t->status_field != NULL && strcmp(fd->name, t->status_field) == 0))
			continue;
		if (v->state == FV_NULL)
			record_set_null(change, f);
		else if (v->s != NULL)
			record_set_blob(change, f, v->s, v->len);
		else
			record_set_int(change, f, v->i);
	}
}
