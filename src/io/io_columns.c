/*
 * io_columns.c — the columns of an import or export file, derived from the
 * record type's one description (core_model.c): which fields a file may
 * hold, what its headers may say (the JSON name, or the field's label in
 * Vietnamese or English, accents and case aside), and how the text of a
 * cell becomes a field's value.  Import and export share it, so an export
 * always has the columns an import reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "text/text.h"

const char *const io_type_names[IO_TYPE__MAX + 1] = {
	[IO_ORGS] = "orgs",
	[IO_PEOPLE] = "people",
	[IO_PLEDGES] = "pledges",
	[IO_EVALUATIONS] = "evaluations",
	[IO_ACTIVITIES] = "activities",
	[IO_TYPE__MAX] = NULL,
};

const char *const io_format_names[IO_FORMAT__MAX + 1] = {
	[IO_CSV] = "csv", [IO_XLSX] = "xlsx", [IO_FORMAT__MAX] = NULL,
};

static const enum rtype_id type_rt[IO_TYPE__MAX] = {
	[IO_ORGS] = RT_ORG,
	[IO_PEOPLE] = RT_PERSON,
	[IO_PLEDGES] = RT_PLEDGE,
	[IO_EVALUATIONS] = RT_EVALUATION,
	[IO_ACTIVITIES] = RT_ACTIVITY,
};

const struct rtype *
io_type_rtype(enum io_type t)
{
	return &rtypes[type_rt[t]];
}

int
io_columns(const struct rtype *t, struct io_column *cols)
{
	int n = 0;

	for (int f = 0; f < t->nfields && n < IO_COLUMNS_MAX; f++) {
		const struct field *fd = &t->fields[f];
		struct io_column *c = &cols[n];
		size_t len = strlen(fd->name);

		if (fd->flags & (F_READONLY | F_HIDDEN | F_NOCOLUMN) ||
		    fd->type == FT_BLOB || fd->type == FT_PASSWORD)
			continue;
		c->field = f;
		c->kind = IO_COL_VALUE;
		snprintf(c->name, sizeof(c->name), "%s", fd->name);
		/* Units and people by code: "org_id" -> "org_code". */
		if (fd->type == FT_REF && (fd->ref == 0 || fd->ref == RT_PERSON + 1) &&
		    len > 3 && strcmp(fd->name + len - 3, "_id") == 0) {
			c->kind = fd->ref == 0 ? IO_COL_ORG_CODE : IO_COL_PERSON_CODE;
			snprintf(c->name, sizeof(c->name), "%.*s_code", (int)(len - 3), fd->name);
		}
		n++;
	}
	return n;
}

/* Folded text equal to the folding of s? */
static int
fold_eq(const char *folded, const char *s)
{
	char *f = s ? text_fold(s) : NULL;
	int eq = f != NULL && strcmp(f, folded) == 0;

	free(f);
	return eq;
}

int
io_column_find(const struct rtype *t, const struct io_column *cols, int n, const char *header)
{
	char *h = text_fold(header);
	int found = -1;

	if (h == NULL)
		return -2;
	for (int i = 0; i < n && found < 0; i++) {
		const struct field *fd = &t->fields[cols[i].field];

		if (fold_eq(h, cols[i].name) || fold_eq(h, fd->label_vi) ||
		    fold_eq(h, fd->label_en))
			found = i;
	}
	free(h);
	return found;
}

char *
io_col_letter(int col, char buf[8])
{
	char tmp[8];
	int n = 0, i = 0;

	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n > 0)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return buf;
}

/* A whole number (sign, digits, nothing else) into *out; 0 or -1. */
static int
parse_int(const char *s, int64_t *out)
{
	const char *p = s;
	int64_t v = 0;
	int neg = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p == '\0')
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

/* Yes: 1, true, có, x, yes; no: 0, false, không, no.  1, 0, or -1. */
static int
parse_bool(const char *s)
{
	static const char *const yes[] = { "1", "true", "co", "x", "yes", NULL };
	static const char *const no[] = { "0", "false", "khong", "no", NULL };
	char *f;
	int v = -1;

	/* What files mostly hold, without folding it first. */
	if ((s[0] == '0' || s[0] == '1') && s[1] == '\0')
		return s[0] - '0';
	if ((f = text_fold(s)) == NULL)
		return -1;
	if (enum_index(yes, f) >= 0)
		v = 1;
	else if (enum_index(no, f) >= 0)
		v = 0;
	free(f);
	return v;
}

void
io_empty_to_field(struct record *r, int f)
{
	const struct field *fd = &r->type->fields[f];

	if (fd->type == FT_BOOL)
		record_set_int(r, f, 0);
	else if (fd->flags & F_NULLABLE)
		record_set_null(r, f);
}

int
io_cell_to_field(struct record *r, int f, const char *s, size_t len, char *msg, size_t cap)
{
	const struct field *fd = &r->type->fields[f];
	char buf[64];
	struct date d;
	int64_t i;
	int b;

	switch (fd->type) {
	case FT_INT:
	case FT_REF:
	case FT_BOOL:
	case FT_DATE:
		/* Short values without NUL bytes or surrounding spaces. */
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len >= sizeof(buf) || memchr(s, '\0', len) != NULL)
			goto bad;
		memcpy(buf, s, len);
		buf[len] = '\0';
		break;
	default:
		break;
	}
	switch (fd->type) {
	case FT_INT:
	case FT_REF:
		if (parse_int(buf, &i) != 0) {
			snprintf(msg, cap, "“%s” is not a whole number", buf);
			return -1;
		}
		record_set_int(r, f, i);
		return 0;
	case FT_BOOL:
		if ((b = parse_bool(buf)) < 0) {
			snprintf(msg, cap, "“%s” is not yes or no (1/0, true/false, có/không, x)",
			    buf);
			return -1;
		}
		record_set_int(r, f, b);
		return 0;
	case FT_DATE:
		/* dd/mm/yyyy as Vietnamese write it; anything else is checked
		 * as ISO by record_validate. */
		if (strchr(buf, '/') != NULL) {
			if (date_parse_vn(buf, &d) != 0) {
				snprintf(msg, cap, "“%s” is not a date (yyyy-mm-dd or dd/mm/yyyy)", buf);
				return -1;
			}
			date_format(&d, buf);
		}
		record_set_text(r, f, buf);
		return 0;
	case FT_TEXT:
	case FT_LONGTEXT:
		/* io_csv's guard against formulas: "'=…" was "=…". */
		if (len >= 2 && s[0] == '\'' && strchr("=+-@", s[1]) != NULL && s[1] != '\0') {
			s++;
			len--;
		}
		/* A line break inside a cell of a CRLF file is "\r\n": keep "\n". */
		if (memchr(s, '\r', len) != NULL) {
			char *t = malloc(len + 1);
			size_t n = 0;

			if (t == NULL)
				abort();
			for (size_t k = 0; k < len; k++)
				if (!(s[k] == '\r' && k + 1 < len && s[k + 1] == '\n'))
					t[n++] = s[k];
			record_set_blob(r, f, t, n);
			free(t);
			return 0;
		}
		record_set_blob(r, f, s, len);
		return 0;
	default:
		/* Codes and enums are compared exactly: no spaces around. */
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		record_set_blob(r, f, s, len);
		return 0;
	}
bad:
	snprintf(msg, cap, "not a valid value");
	return -1;
}
