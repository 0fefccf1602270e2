#!/bin/sh
# `make check`: builds with ASan+UBSan and warnings as errors, then runs every
# test: the cmocka unit tests, a short run of every fuzz harness, the
# JavaScript unit tests, the API tests against the real server on 127.0.0.1
# and the browser tests in headless Chromium.  Each suite starts what it needs (server, database) itself.
set -eu
cd "$(dirname "$0")/.."
dir=build-check
if [ ! -f "$dir/build.ninja" ]; then
	meson setup "$dir" --buildtype=debug -Dwerror=true \
	    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C "$dir"

# The optimised build of `make demo` sees other warnings (inlining): it must
# build too, with warnings as errors.
echo "== optimised build (as make demo builds it)"
scripts/build.sh build

echo "== unit tests (cmocka, ASan+UBSan)"
meson test -C "$dir" --print-errorlogs

# Every fuzz harness a few seconds from its seeds (scripts/fuzz.sh; the long
# runs are `make fuzz`): a crash fails the check.
echo "== fuzz harnesses (libFuzzer, ASan+UBSan, ${FUZZ_CHECK_SECONDS:-10} s each)"
FUZZ_SECONDS=${FUZZ_CHECK_SECONDS:-10} scripts/fuzz.sh --check

if [ -d tests/web ]; then
	echo "== web unit tests (node --test)"
	node --test tests/web/
fi

echo "== API, browser and small-benchmark tests (pytest, real server, headless Chromium)"
export LAMTHEO_BIN="$PWD/$dir/lamtheo"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# Debian's pytest: a pyenv python3 earlier on PATH cannot see it (STACK.md trap 9).
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/api tests/browser tests/bench
