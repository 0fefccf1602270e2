/*
 * fuzz_csv.c — libFuzzer harness for the CSV reader (io_csv.c), besides the
 * promises fuzz_rows.h checks of every row: the input is read as a file
 * given whole (io_csv_read) and, for one input in STREAM_EVERY (chosen by
 * its content, so a run is repeatable), also streamed from a descriptor as
 * an import reads it (io_csv_read_fd) with reads cut short at a length the
 * input chooses, so that lines and "\r\n" fall across refills.  Both
 * readings must give the same rows, progress and error.  (Not every input:
 * the streamed reader's 2 MiB buffer costs ASan some 3 ms a call.)
 *
 * Build (from the top of the tree; scripts/fuzz.sh runs this very line):
 *   mkdir -p build-fuzz && clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=all -D_GNU_SOURCE -Isrc tests/fuzz/fuzz_csv.c src/io/io_csv.c \
 *     -lcsv -Wl,--wrap=read -o build-fuzz/fuzz_csv
 * Run (new inputs go to the first directory):
 *   mkdir -p build-fuzz/corpus_csv && build-fuzz/fuzz_csv -max_total_time=60 \
 *     build-fuzz/corpus_csv tests/fuzz/corpus_csv
 */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_rows.h"

#define STREAM_EVERY	16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n);

static int stream_fd = -1;	/* the file in memory the input is streamed from */
static size_t read_max;		/* the longest read() it answers */

/* io_csv.c's read(): short reads from the input's file (-Wl,--wrap=read). */
ssize_t
__wrap_read(int fd, void *buf, size_t n)
{
	if (fd == stream_fd && n > read_max)
		n = read_max;
	return __real_read(fd, buf, n);
}

/* A CSV reading's rows: the digest, lines only ever rising, progress
 * within the file. */
static int
csv_row(void *arg, const struct io_row *row)
{
	struct fuzz_rows *g = arg;

	FUZZ_CHECK(row->line > g->last_line && row->done <= row->total);
	return fuzz_row(arg, row);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_rows whole = { 0 }, streamed = { 0 };
	struct fuzz_rows h = { 0 };
	struct io_readerr e1, e2;
	int rc1, rc2;

	rc1 = io_csv_read((const char *)data, size, csv_row, &whole, &e1);
	/* A refusal says why, unless the callback asked to stop. */
	FUZZ_CHECK(rc1 == 0 || e1.msg[0] != '\0' || whole.nrows > 0);

	fuzz_mix(&h, data, size);
	if (h.digest % STREAM_EVERY != 0)
		return 0;
	if (stream_fd < 0 && (stream_fd = memfd_create("fuzz_csv", 0)) < 0)
		abort();
	if (ftruncate(stream_fd, 0) != 0 || pwrite(stream_fd, data, size, 0) != (ssize_t)size ||
	    lseek(stream_fd, 0, SEEK_SET) != 0)
		abort();
	read_max = 1 + (h.digest >> 8) % 64;
	rc2 = io_csv_read_fd(stream_fd, size, csv_row, &streamed, &e2);
	FUZZ_CHECK(rc1 == rc2);
	FUZZ_CHECK(whole.nrows == streamed.nrows && whole.digest == streamed.digest);
	FUZZ_CHECK(e1.line == e2.line && e1.col == e2.col && strcmp(e1.msg, e2.msg) == 0);
	return 0;
}
