/*
 * fuzz_xlsx.c — libFuzzer harness for the XLSX reader (io_xlsx_read.c:
 * libzip for the container, expat for the XML parts), besides the promises
 * fuzz_rows.h checks of every row.  An input is one of:
 *   - a file as it is ("PK…"): the container itself is fuzzed;
 *   - the parts of a workbook, each after a line "== NAME", e.g.
 *       == xl/workbook.xml
 *       <workbook>…</workbook>
 *       == xl/worksheets/sheet1.xml
 *       …
 *     which the harness puts in a valid zip (stored, not deflated) before
 *     reading it: mutations then reach the XML, not only the checksums.
 * tests/fuzz/corpus_xlsx holds both forms of files `lamtheo export` wrote.
 *
 * Build (from the top of the tree; scripts/fuzz.sh runs this very line):
 *   mkdir -p build-fuzz && clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=all -D_GNU_SOURCE -Isrc tests/fuzz/fuzz_xlsx.c \
 *     src/io/io_xlsx_read.c src/core/core_date.c $(pkg-config --cflags --libs expat libzip) \
 *     -o build-fuzz/fuzz_xlsx
 * Run (new inputs go to the first directory):
 *   mkdir -p build-fuzz/corpus_xlsx && build-fuzz/fuzz_xlsx -max_total_time=60 \
 *     build-fuzz/corpus_xlsx tests/fuzz/corpus_xlsx
 */
#include <stdio.h>

#include <zip.h>

#include "fuzz_rows.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Adds the part named by the line at p (after "== ") and holding the bytes
 * up to end to za; an unusable name is skipped, as a zip tool would. */
static void
add_part(zip_t *za, const uint8_t *p, const uint8_t *end)
{
	const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
	char name[256];
	size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
	zip_source_t *zs;
	zip_int64_t idx;

	if (n == 0 || n >= sizeof(name) || memchr(p, '\0', n) != NULL)
		return;
	memcpy(name, p, n);
	name[n] = '\0';
	p = nl ? nl + 1 : end;
	if ((zs = zip_source_buffer(za, p, (zip_uint64_t)(end - p), 0)) == NULL)
		return;
	if ((idx = zip_file_add(za, name, zs, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(zs);
		return;
	}
	zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

/* The zip of the parts in data ("== NAME\n" then the part, …) in a new
 * buffer the caller frees; NULL when libzip makes none (no part). */
static void *
zip_parts(const uint8_t *data, size_t size, size_t *len)
{
	const uint8_t *end = data + size, *p = data;
	zip_source_t *src;
	zip_error_t ze;
	zip_int64_t n;
	zip_t *za;
	void *buf = NULL;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		abort();
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		abort();
	while (p + 3 <= end && memcmp(p, "== ", 3) == 0) {
		const uint8_t *q = p + 3, *next = end;

		/* The part ends where a line "== " begins. */
		for (const uint8_t *s = q; s + 4 <= end; s++)
			if (memcmp(s, "\n== ", 4) == 0) {
				next = s;
				break;
			}
		add_part(za, q, next);
		p = next < end ? next + 1 : end;
	}
	if (zip_close(za) != 0)
		zip_discard(za);
	if (zip_source_open(src) == 0) {
		if (zip_source_seek(src, 0, SEEK_END) == 0 && (n = zip_source_tell(src)) > 0 &&
		    zip_source_seek(src, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) != NULL &&
		    zip_source_read(src, buf, (zip_uint64_t)n) == n) {
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_rows g = { 0 };
	struct io_readerr e;
	void *zipped = NULL;
	size_t len = size;
	int rc;

	if (size >= 3 && memcmp(data, "== ", 3) == 0) {
		if ((zipped = zip_parts(data, size, &len)) == NULL)
			return 0;
		data = zipped;
	}
	rc = io_xlsx_read(data, len, fuzz_row, &g, &e);
	/* A refusal says why, unless the callback asked to stop. */
	FUZZ_CHECK(rc == 0 || e.msg[0] != '\0' || g.nrows > 0);
	free(zipped);
	return 0;
}
