/*
 * fuzz_record.h — what the harnesses that make records (fuzz_json.c from a
 * request body, fuzz_import.c from a file's cells) check of every record
 * record_validate let through: its text is clean, valid UTF-8 (a newline
 * only in long text).  Header only, so each harness builds from its line.
 */
#ifndef LAMTHEO_FUZZ_RECORD_H
#define LAMTHEO_FUZZ_RECORD_H

#include <stdlib.h>

#include "core/core.h"
#include "text/text.h"

static inline void
fuzz_record_clean(const struct record *r)
{
	for (int f = 0; f < r->type->nfields; f++) {
		const struct fval *v = &r->v[f];

		if (v->state != FV_SET || v->s == NULL || r->type->fields[f].type == FT_BLOB)
			continue;
		if (!text_utf8_valid(v->s, v->len, r->type->fields[f].type == FT_LONGTEXT))
			abort();
	}
}

#endif
