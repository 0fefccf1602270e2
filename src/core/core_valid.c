/*
 * core_valid.c — validation driven by the field tables of core_model.c: every
 * value a client sends is checked against its field's type and bounds, and
 * text is normalised (NFC, trimmed) before anything stores it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "text/text.h"

int
verr_set(struct verr *e, enum verr_code code, const char *field, int64_t limit)
{
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	e->limit = limit;
	e->rule = RULE_NONE;
	return -1;
}

static int
code_chars_ok(const char *s)
{
	for (; *s; s++) {
		char c = *s;

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* Checks one set text value; replaces it with its cleaned form. */
static int
check_text(struct record *r, int f, struct verr *e)
{
	const struct field *fd = &r->type->fields[f];
	struct fval *v = &r->v[f];
	int multiline = fd->type == FT_LONGTEXT;
	size_t n;
	char *clean;

	if (!text_utf8_valid(v->s, v->len, multiline))
		return verr_set(e, VE_UTF8, fd->name, 0);
	if (fd->type == FT_CODE || fd->type == FT_CATALOG) {
		if (v->len == 0 && fd->min > 0)
			return verr_set(e, VE_REQUIRED, fd->name, 0);
		if (!code_chars_ok(v->s))
			return verr_set(e, VE_FORMAT, fd->name, 0);
		n = v->len;
	} else {
		clean = text_clean(v->s, !multiline);
		if (clean == NULL)
			return verr_set(e, VE_UTF8, fd->name, 0);
		record_set_text(r, f, clean);
		free(clean);
		n = text_utf8_chars(v->s);
	}
	/* Nothing but spaces in a field that may be empty is no value. */
	if (n == 0 && (fd->flags & F_NULLABLE)) {
		record_set_null(r, f);
		return 0;
	}
	if (n == 0 && fd->min > 0)
		return verr_set(e, VE_REQUIRED, fd->name, 0);
	if ((int64_t)n < fd->min)
		return verr_set(e, VE_TOO_SHORT, fd->name, fd->min);
	if ((int64_t)n > fd->max)
		return verr_set(e, VE_TOO_LONG, fd->name, fd->max);
	return 0;
}

static int
check_value(struct record *r, int f, struct verr *e)
{
	const struct field *fd = &r->type->fields[f];
	struct fval *v = &r->v[f];
	struct date d;

	switch (fd->type) {
	case FT_TEXT:
	case FT_LONGTEXT:
	case FT_CODE:
	case FT_CATALOG:
		return check_text(r, f, e);
	case FT_INT:
		if (v->i < fd->min || v->i > fd->max)
			return verr_set(e, VE_RANGE, fd->name,
			    v->i < fd->min ? fd->min : fd->max);
		return 0;
	case FT_BOOL:
		if (v->i != 0 && v->i != 1)
			return verr_set(e, VE_TYPE, fd->name, 0);
		return 0;
	case FT_DATE:
		if (!text_utf8_valid(v->s, v->len, 0) || date_parse(v->s, &d) != 0)
			return verr_set(e, VE_DATE, fd->name, 0);
		return 0;
	case FT_ENUM:
		if (enum_index(fd->values, v->s) < 0 || strlen(v->s) != v->len)
			return verr_set(e, VE_ENUM, fd->name, 0);
		return 0;
	case FT_REF:
		if (v->i < 1)
			return verr_set(e, VE_RANGE, fd->name, 1);
		return 0;
	case FT_PASSWORD:
		if (!text_utf8_valid(v->s, v->len, 0))
			return verr_set(e, VE_UTF8, fd->name, 0);
		if ((int64_t)v->len < fd->min)
			return verr_set(e, VE_TOO_SHORT, fd->name, fd->min);
		if ((int64_t)v->len > fd->max)
			return verr_set(e, VE_TOO_LONG, fd->name, fd->max);
		return 0;
	case FT_BLOB:
	case FT__MAX:
		break;
	}
	return 0;
}

int
record_validate(struct record *r, enum vmode mode, struct verr *e)
{
	const struct rtype *t = r->type;

	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		enum fstate st = r->v[f].state;

		if (st == FV_ABSENT) {
			if (mode == VM_CREATE && (fd->flags & F_REQUIRED))
				return verr_set(e, VE_REQUIRED, fd->name, 0);
			continue;
		}
		if (fd->flags & F_READONLY)
			return verr_set(e, VE_READONLY, fd->name, 0);
		if (mode == VM_UPDATE && (fd->flags & F_CREATEONLY))
			return verr_set(e, VE_CREATEONLY, fd->name, 0);
		if (st == FV_NULL) {
			if (!(fd->flags & F_NULLABLE))
				return verr_set(e, VE_NOT_NULL, fd->name, 0);
			continue;
		}
		if (check_value(r, f, e) != 0)
			return -1;
	}
	return 0;
}
