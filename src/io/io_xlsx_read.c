/*
 * io_xlsx_read.c — the first worksheet of an XLSX file as rows of text
 * cells, with libzip (the container) and expat (the XML parts), which is
 * the usual way in C: Debian has no XLSX reading library.
 *
 * The parts read, in order: xl/workbook.xml (the first sheet and the date
 * system), xl/_rels/workbook.xml.rels (where that sheet is),
 * xl/styles.xml (which cell styles are dates), xl/sharedStrings.xml, then
 * the sheet, streamed.  Element names are compared without their
 * namespace, so prefixed documents ("x:row") read the same.  Each part is
 * capped at LIMIT_IMPORT_XML_BYTES once unzipped (a zip bomb stops there),
 * and a DOCTYPE is refused (no entities at all).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "io/io.h"

#define CHUNK (64 * 1024)

struct xr {
	zip_t *za;
	struct io_readerr *e;
	XML_Parser p;
	int stop;
	const char *part;	/* the part being parsed, for messages */

	/* xl/workbook.xml, its relationships */
	int date1904;
	char sheet_rid[64];
	char sheet_path[256];

	/* xl/styles.xml: is the cell style (xf) i a date format? */
	int in_numfmts, in_cellxfs;
	long *datefmt;		/* custom number formats that show dates */
	size_t ndatefmt, capdatefmt;
	unsigned char *xf_date;
	size_t nxf, capxf;

	/* xl/sharedStrings.xml */
	char **ss;
	size_t *sslen;
	size_t nss, capss;
	int in_si, in_rph, in_t, in_v, in_is;

	/* text of the element being read (<t>, <v>) */
	char *txt;
	size_t tlen, tcap;

	/* the sheet */
	io_row_fn fn;
	void *arg;
	int in_data;
	int rownum, colnum;	/* the current row (1-based) and cell (0-based) */
	char ctype[16];		/* the cell's t attribute */
	long cstyle;		/* its s attribute */
	char *rbuf;		/* the row's cell texts, NUL-terminated */
	size_t rused, rcap;
	int *rcol;		/* per stored cell: its column, offset and length */
	size_t *roff, *rlen;
	size_t rn, rncap;
	size_t done, total;
};

static void fail(struct xr *x, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fail(struct xr *x, int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (x->stop)
		return;
	x->stop = 1;
	x->e->line = line;
	x->e->col = col;
	va_start(ap, fmt);
	vsnprintf(x->e->msg, sizeof(x->e->msg), fmt, ap);
	va_end(ap);
	if (x->p != NULL)
		XML_StopParser(x->p, XML_FALSE);
}

/* Room for need elements of size bytes; aborts on OOM (bounded by the limits). */
static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	if ((p = realloc(p, n * size)) == NULL)
		abort();
	*cap = n;
	return p;
}

/* "uri|row" -> "row" (expat's namespace separator is '|'). */
static const char *
local(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar ? bar + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

static void
txt_reset(struct xr *x)
{
	x->txt = grow(x->txt, &x->tcap, 1, 1);
	x->tlen = 0;
	x->txt[0] = '\0';
}

static void
txt_add(struct xr *x, const char *s, int len)
{
	if (x->tlen + (size_t)len > LIMIT_IMPORT_ROW_BYTES) {
		fail(x, x->rownum, x->colnum + 1, "a cell longer than %d bytes",
		    LIMIT_IMPORT_ROW_BYTES);
		return;
	}
	x->txt = grow(x->txt, &x->tcap, x->tlen + (size_t)len + 1, 1);
	memcpy(x->txt + x->tlen, s, (size_t)len);
	x->tlen += (size_t)len;
	x->txt[x->tlen] = '\0';
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	struct xr *x = ud;

	if (!x->stop && (x->in_t || x->in_v) && !x->in_rph)
		txt_add(x, s, len);
}

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
    int internal)
{
	struct xr *x = ud;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	fail(x, 0, 0, "%s: a DOCTYPE is not allowed in an XLSX part", x->part);
}

/* Parses the part named name with the given handlers; a missing part is
 * an error only when required.  0 or -1 (x->e set). */
static int
parse_part(struct xr *x, const char *name, XML_StartElementHandler start,
    XML_EndElementHandler end, int required)
{
	zip_stat_t sb;
	zip_file_t *zf;
	zip_int64_t idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE), got;
	char *buf;

	x->part = name;
	if (idx < 0) {
		if (required)
			fail(x, 0, 0, "not a spreadsheet: the XLSX part %s is missing", name);
		return required ? -1 : 0;
	}
	zip_stat_init(&sb);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &sb) != 0) {
		fail(x, 0, 0, "%s: %s", name, zip_strerror(x->za));
		return -1;
	}
	if ((sb.valid & ZIP_STAT_SIZE) && sb.size > LIMIT_IMPORT_XML_BYTES) {
		fail(x, 0, 0, "%s: larger than %d bytes once unzipped", name,
		    LIMIT_IMPORT_XML_BYTES);
		return -1;
	}
	if ((zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0)) == NULL) {
		fail(x, 0, 0, "%s: %s", name, zip_strerror(x->za));
		return -1;
	}
	x->p = XML_ParserCreateNS(NULL, '|');
	if (x->p == NULL || (buf = malloc(CHUNK)) == NULL)
		abort();
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	x->done = 0;
	x->total = (sb.valid & ZIP_STAT_SIZE) ? (size_t)sb.size : 0;
	do {
		got = zip_fread(zf, buf, CHUNK);
		if (got < 0) {
			fail(x, 0, 0, "%s: %s", name, zip_file_strerror(zf));
			break;
		}
		x->done += (size_t)got;
		if (x->done > LIMIT_IMPORT_XML_BYTES) {
			fail(x, 0, 0, "%s: larger than %d bytes once unzipped", name,
			    LIMIT_IMPORT_XML_BYTES);
			break;
		}
		if (XML_Parse(x->p, buf, (int)got, got == 0) == XML_STATUS_ERROR &&
		    !x->stop)
			fail(x, 0, 0, "%s: XML error at line %lu: %s", name,
			    (unsigned long)XML_GetCurrentLineNumber(x->p),
			    XML_ErrorString(XML_GetErrorCode(x->p)));
	} while (got > 0 && !x->stop);
	free(buf);
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(zf);
	return x->stop ? -1 : 0;
}

/* ---- xl/workbook.xml and its relationships ------------------------------- */

static void XMLCALL
wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xr *x = ud;
	const char *n = local(name), *v;

	if (strcmp(n, "workbookPr") == 0 && (v = attr(atts, "date1904")) != NULL)
		x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	if (strcmp(n, "sheet") == 0 && x->sheet_rid[0] == '\0' && (v = attr(atts, "id")) != NULL)
		snprintf(x->sheet_rid, sizeof(x->sheet_rid), "%s", v);
}

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xr *x = ud;
	const char *id, *target;

	if (strcmp(local(name), "Relationship") != 0 || x->sheet_path[0] != '\0' ||
	    (id = attr(atts, "Id")) == NULL || strcmp(id, x->sheet_rid) != 0 ||
	    (target = attr(atts, "Target")) == NULL)
		return;
	/* Targets are relative to xl/, or absolute from the package root. */
	if (target[0] == '/')
		snprintf(x->sheet_path, sizeof(x->sheet_path), "%s", target + 1);
	else
		snprintf(x->sheet_path, sizeof(x->sheet_path), "xl/%s", target);
}

static void XMLCALL
no_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

/* ---- xl/styles.xml: which styles show dates ------------------------------ */

/* The built-in number formats that show a date (ECMA-376 §18.8.30, and
 * the East Asian ones Excel adds). */
static int
builtin_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58);
}

/* Does a format code show a day, month-with-day or year?  Quoted text,
 * [colour/locale] sections and escaped characters do not count. */
static int
code_is_date(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '"':
			while (s[1] && s[1] != '"')
				s++;
			if (s[1])
				s++;
			break;
		case '[':
			while (s[1] && s[1] != ']')
				s++;
			break;
		case '\\':
		case '_':
		case '*':
			if (s[1])
				s++;
			break;
		case 'd': case 'D': case 'y': case 'Y':
			return 1;
		default:
			break;
		}
	}
	return 0;
}

static void XMLCALL
st_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xr *x = ud;
	const char *n = local(name), *id, *code;

	if (strcmp(n, "numFmts") == 0)
		x->in_numfmts = 1;
	else if (strcmp(n, "cellXfs") == 0)
		x->in_cellxfs = 1;
	else if (strcmp(n, "numFmt") == 0 && x->in_numfmts &&
	    (id = attr(atts, "numFmtId")) != NULL && (code = attr(atts, "formatCode")) != NULL &&
	    code_is_date(code)) {
		x->datefmt = grow(x->datefmt, &x->capdatefmt, x->ndatefmt + 1, sizeof(long));
		x->datefmt[x->ndatefmt++] = strtol(id, NULL, 10);	/* not atoi: no UB past INT_MAX */
	} else if (strcmp(n, "xf") == 0 && x->in_cellxfs) {
		long fid = (id = attr(atts, "numFmtId")) ? strtol(id, NULL, 10) : 0;
		int date = builtin_date(fid);

		for (size_t i = 0; i < x->ndatefmt && !date; i++)
			date = x->datefmt[i] == fid;
		x->xf_date = grow(x->xf_date, &x->capxf, x->nxf + 1, 1);
		x->xf_date[x->nxf++] = (unsigned char)date;
	}
}

static void XMLCALL
st_end(void *ud, const XML_Char *name)
{
	struct xr *x = ud;
	const char *n = local(name);

	if (strcmp(n, "numFmts") == 0)
		x->in_numfmts = 0;
	else if (strcmp(n, "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/* ---- xl/sharedStrings.xml ------------------------------------------------ */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the _xHHHH_ escapes of OOXML strings (ST_Xstring: how Excel
 * writes characters XML cannot hold, such as a carriage return) in place;
 * returns the new length. */
static size_t
unescape_x(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		int h[4], ok = i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';

		for (int k = 0; ok && k < 4; k++)
			ok = (h[k] = hexval(s[i + 2 + k])) >= 0;
		if (!ok) {
			s[o++] = s[i++];
			continue;
		}
		unsigned cp = (unsigned)(h[0] << 12 | h[1] << 8 | h[2] << 4 | h[3]);

		/* Encode as UTF-8 (at most 3 bytes for a BMP code point; the
		 * escape took 7, so the result never outgrows the input). */
		if (cp < 0x80) {
			s[o++] = (char)cp;
		} else if (cp < 0x800) {
			s[o++] = (char)(0xC0 | cp >> 6);
			s[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			s[o++] = (char)(0xE0 | cp >> 12);
			s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			s[o++] = (char)(0x80 | (cp & 0x3F));
		}
		i += 7;
	}
	s[o] = '\0';
	return o;
}

static void XMLCALL
ss_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xr *x = ud;
	const char *n = local(name);

	(void)atts;
	if (strcmp(n, "si") == 0) {
		x->in_si = 1;
		txt_reset(x);
	} else if (strcmp(n, "rPh") == 0) {
		x->in_rph++;	/* phonetic guides are not the text */
	} else if (strcmp(n, "t") == 0 && x->in_si) {
		x->in_t = 1;
	}
}

static void XMLCALL
ss_end(void *ud, const XML_Char *name)
{
	struct xr *x = ud;
	const char *n = local(name);

	if (strcmp(n, "t") == 0) {
		x->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		x->in_rph--;
	} else if (strcmp(n, "si") == 0 && x->in_si) {
		char *s = malloc(x->tlen + 1);

		if (s == NULL)
			abort();
		memcpy(s, x->txt ? x->txt : "", x->tlen);
		s[x->tlen] = '\0';
		if (x->nss == x->capss) {
			size_t c2 = x->capss;

			x->ss = grow(x->ss, &x->capss, x->nss + 1, sizeof(*x->ss));
			x->sslen = grow(x->sslen, &c2, x->nss + 1, sizeof(*x->sslen));
		}
		x->sslen[x->nss] = unescape_x(s, x->tlen);
		x->ss[x->nss++] = s;
		x->in_si = 0;
	}
}

/* ---- the worksheet ---------------------------------------------------------- */

/* "AB12" -> column 27 (0-based); -1 when there are no letters. */
static int
cell_ref(const char *r)
{
	long col = 0;
	int nl = 0;

	for (; *r >= 'A' && *r <= 'Z'; r++, nl++) {
		col = col * 26 + (*r - 'A' + 1);
		if (col > LIMIT_IMPORT_COLUMNS)
			return LIMIT_IMPORT_COLUMNS;
	}
	return nl == 0 ? -1 : (int)col - 1;
}

/* A number of a date-formatted cell (days since the epoch of the workbook's
 * date system, time as the fraction) as an ISO date; 0 or -1. */
static int
serial_date(double v, int date1904, char out[11])
{
	struct date d;
	int64_t days;

	if (!(v >= 0 && v < 2958466))	/* up to 31/12/9999, and not NaN */
		return -1;
	days = (int64_t)v;
	if (date1904)
		days += -24107;		/* 1904-01-01 */
	else if (days >= 61)
		days += -25569;		/* 1899-12-30: the 1900 system past its false 29/02/1900 */
	else if (days >= 1 && days < 60)
		days += -25568;		/* 1899-12-31 */
	else
		return -1;
	date_from_days(days, &d);
	date_format(&d, out);
	return 0;
}

/* The text of a number: whole numbers without ".0" or an exponent ("1985",
 * not "1985.0" or "1.985E3"), others as written. */
static void
number_text(const char *v, char *out, size_t cap)
{
	char *end;
	double d = strtod(v, &end);

	if (end != v && *end == '\0' && d > -9007199254740992.0 && d < 9007199254740992.0 &&
	    d == (double)(int64_t)d)
		snprintf(out, cap, "%lld", (long long)d);
	else
		snprintf(out, cap, "%s", v);
}

/* Keeps text s (len bytes) as the cell at column col of the current row. */
static void
row_put(struct xr *x, int col, const char *s, size_t len)
{
	if (x->rused + len + 1 > LIMIT_IMPORT_ROW_BYTES + (size_t)LIMIT_IMPORT_COLUMNS) {
		fail(x, x->rownum, 0, "row longer than %d bytes", LIMIT_IMPORT_ROW_BYTES);
		return;
	}
	x->rbuf = grow(x->rbuf, &x->rcap, x->rused + len + 1, 1);
	memcpy(x->rbuf + x->rused, s, len);
	x->rbuf[x->rused + len] = '\0';
	if (x->rn == x->rncap) {
		size_t c1 = x->rncap, c2 = x->rncap;

		x->rcol = grow(x->rcol, &x->rncap, x->rn + 1, sizeof(*x->rcol));
		x->roff = grow(x->roff, &c1, x->rn + 1, sizeof(*x->roff));
		x->rlen = grow(x->rlen, &c2, x->rn + 1, sizeof(*x->rlen));
	}
	x->rcol[x->rn] = col;
	x->roff[x->rn] = x->rused;
	x->rlen[x->rn] = len;
	x->rn++;
	x->rused += len + 1;
}

/* The cell just read: its value as text. */
static void
cell_end(struct xr *x)
{
	const char *t = x->ctype, *v = x->txt;
	char num[64];
	size_t len = x->tlen;

	if (strcmp(t, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);

		if (end == v || *end != '\0' || i >= x->nss) {
			fail(x, x->rownum, x->colnum + 1, "shared string %s does not exist", v);
			return;
		}
		v = x->ss[i];
		len = x->sslen[i];
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		len = unescape_x(x->txt, x->tlen);
	} else if (strcmp(t, "d") == 0) {
		/* An ISO 8601 date (and time): the date. */
		if (len > 10 && v[4] == '-' && v[10] == 'T')
			len = 10;
	} else if (strcmp(t, "b") == 0 || strcmp(t, "e") == 0) {
		/* booleans are 1/0 already; errors (#N/A) stay as written */
	} else if (len > 0) {
		/* A number, or in a date-formatted cell a date. */
		char *end;
		double d = strtod(v, &end);

		if (!(x->cstyle >= 0 && (size_t)x->cstyle < x->nxf && x->xf_date[x->cstyle] &&
		    end != v && *end == '\0' && serial_date(d, x->date1904, num) == 0))
			number_text(v, num, sizeof(num));
		v = num;
		len = strlen(v);
	}
	if (len > 0)
		row_put(x, x->colnum, v, len);
}

/* The number of the row starting: its r attribute, else the one after the
 * last.  1 to LIMIT_IMPORT_XLSX_ROWS, as Excel numbers them, so that it
 * stays a line number (not 0, "the file as a whole") and never overflows.
 * 0, or -1 (failed). */
static int
row_number(struct xr *x, const char *r)
{
	long n = x->rownum + 1L;
	char *end;

	if (r != NULL) {
		n = strtol(r, &end, 10);
		if (end == r || *end != '\0')
			n = 0;
	}
	if (n < 1 || n > LIMIT_IMPORT_XLSX_ROWS) {
		fail(x, x->rownum, 0, "row number %.20s is not between 1 and %d",
		    r ? r : "(after the last)", LIMIT_IMPORT_XLSX_ROWS);
		return -1;
	}
	x->rownum = (int)n;
	return 0;
}

static void XMLCALL
ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xr *x = ud;
	const char *n = local(name), *v;

	if (x->stop)
		return;
	if (strcmp(n, "sheetData") == 0) {
		x->in_data = 1;
	} else if (!x->in_data) {
		return;
	} else if (strcmp(n, "row") == 0) {
		if (row_number(x, attr(atts, "r")) != 0)
			return;
		x->colnum = -1;
		x->rn = 0;
		x->rused = 0;
	} else if (strcmp(n, "c") == 0) {
		int col = (v = attr(atts, "r")) ? cell_ref(v) : -1;

		x->colnum = col >= 0 ? col : x->colnum + 1;
		if (x->colnum >= LIMIT_IMPORT_COLUMNS) {
			fail(x, x->rownum, x->colnum + 1, "more than %d cells in one row",
			    LIMIT_IMPORT_COLUMNS);
			return;
		}
		snprintf(x->ctype, sizeof(x->ctype), "%s", (v = attr(atts, "t")) ? v : "n");
		x->cstyle = (v = attr(atts, "s")) ? strtol(v, NULL, 10) : -1;
		txt_reset(x);
	} else if (strcmp(n, "v") == 0) {
		x->in_v = 1;
	} else if (strcmp(n, "is") == 0) {
		x->in_is = 1;
	} else if (strcmp(n, "rPh") == 0) {
		x->in_rph++;
	} else if (strcmp(n, "t") == 0 && x->in_is) {
		x->in_t = 1;
	}
}

static void XMLCALL
ws_end(void *ud, const XML_Char *name)
{
	struct xr *x = ud;
	const char *n = local(name);

	if (x->stop || !x->in_data)
		return;
	if (strcmp(n, "v") == 0) {
		x->in_v = 0;
	} else if (strcmp(n, "t") == 0) {
		x->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		x->in_rph--;
	} else if (strcmp(n, "is") == 0) {
		x->in_is = 0;
	} else if (strcmp(n, "c") == 0) {
		cell_end(x);
	} else if (strcmp(n, "sheetData") == 0) {
		x->in_data = 0;
	} else if (strcmp(n, "row") == 0 && x->rn > 0) {
		struct io_cell *cells;
		struct io_row row;
		int ncol = 0;

		for (size_t i = 0; i < x->rn; i++)
			if (x->rcol[i] + 1 > ncol)
				ncol = x->rcol[i] + 1;
		if ((cells = calloc((size_t)ncol, sizeof(*cells))) == NULL)
			abort();
		for (int i = 0; i < ncol; i++)
			cells[i].s = "";
		for (size_t i = 0; i < x->rn; i++) {
			cells[x->rcol[i]].s = x->rbuf + x->roff[i];
			cells[x->rcol[i]].len = x->rlen[i];
		}
		row.line = x->rownum;
		row.n = ncol;
		row.cells = cells;
		row.done = x->done;
		row.total = x->total;
		if (x->fn(x->arg, &row) != 0) {
			x->stop = 1;
			x->e->line = x->rownum;
			x->e->msg[0] = '\0';
			XML_StopParser(x->p, XML_FALSE);
		}
		free(cells);
	}
}

int
io_xlsx_read(const void *buf, size_t len, io_row_fn fn, void *arg, struct io_readerr *e)
{
	struct xr x = { .e = e, .fn = fn, .arg = arg };
	zip_source_t *src;
	zip_error_t ze;
	int rc = -1;

	memset(e, 0, sizeof(*e));
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(buf, len, 0, &ze)) == NULL ||
	    (x.za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		snprintf(e->msg, sizeof(e->msg), "not an XLSX file: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	if (parse_part(&x, "xl/workbook.xml", wb_start, no_end, 1) != 0)
		goto out;
	if (x.sheet_rid[0] != '\0' &&
	    parse_part(&x, "xl/_rels/workbook.xml.rels", rels_start, no_end, 0) != 0)
		goto out;
	if (x.sheet_path[0] == '\0')
		snprintf(x.sheet_path, sizeof(x.sheet_path), "xl/worksheets/sheet1.xml");
	if (parse_part(&x, "xl/styles.xml", st_start, st_end, 0) != 0 ||
	    parse_part(&x, "xl/sharedStrings.xml", ss_start, ss_end, 0) != 0)
		goto out;
	x.in_t = x.in_rph = 0;
	rc = parse_part(&x, x.sheet_path, ws_start, ws_end, 1);
out:
	zip_discard(x.za);	/* also frees src */
	for (size_t i = 0; i < x.nss; i++)
		free(x.ss[i]);
	free(x.ss);
	free(x.sslen);
	free(x.datefmt);
	free(x.xf_date);
	free(x.txt);
	free(x.rbuf);
	free(x.rcol);
	free(x.roff);
	free(x.rlen);
	return rc;
}
