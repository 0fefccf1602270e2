/*
 * fuzz_json.c — libFuzzer harness for request bodies: the input is parsed as
 * the API parses a body, then converted and validated as every record type,
 * in both modes.  The API layer links the bulk import (src/io/: libcsv,
 * expat, libzip, libxlsxwriter) too.
 *
 * Build (from the top of the tree; scripts/fuzz.sh runs this very line):
 *   mkdir -p build-fuzz && scripts/embed-words.sh data/common-passwords.txt \
 *     build-fuzz/common_passwords.c common_passwords && \
 *     clang -g -O1 -fsanitize=fuzzer,address,undefined build-fuzz/common_passwords.c \
 *     -fno-sanitize-recover=all -D_GNU_SOURCE -Isrc tests/fuzz/fuzz_json.c \
 *     src/text/text_*.c src/core/core_*.c src/store/store_*.c src/http/http_*.c src/api/api_*.c \
 *     src/io/io_*.c $(pkg-config --cflags --libs jansson libsodium libutf8proc icu-uc icu-i18n \
 *     sqlite3 libmicrohttpd expat libzip xlsxwriter liboath libqrencode) -lcsv -lpthread -o build-fuzz/fuzz_json
 * Run (new inputs go to the first directory):
 *   mkdir -p build-fuzz/corpus_json && build-fuzz/fuzz_json -max_total_time=60 \
 *     build-fuzz/corpus_json tests/fuzz/corpus_json
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "fuzz_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *obj = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);

	if (obj == NULL)
		return 0;
	if (json_is_object(obj)) {
		for (int t = 0; t < RT__MAX; t++) {
			for (int mode = VM_CREATE; mode <= VM_UPDATE; mode++) {
				struct verr e = { 0 };
				struct record *r = api_json_to_record(&rtypes[t], obj,
				    (enum vmode)mode, NULL, &e);

				if (r == NULL) {
					/* A refusal always says why (the field may be
					 * the empty key "" itself). */
					assert(e.code != VE_OK);
					continue;
				}
				fuzz_record_clean(r);
				record_free(r);
			}
		}
	}
	json_decref(obj);
	return 0;
}
