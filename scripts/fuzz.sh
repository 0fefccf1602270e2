#!/bin/sh
# `make fuzz` and the short fuzz run of `make check`: builds every libFuzzer
# harness of tests/fuzz/ with the build line written in its own header (so
# that line is the one tested: the lines between " * Build" and " * Run"),
# then runs each in turn for FUZZ_SECONDS (default 600) on its seed corpus,
# one at a time under nice, and prints executions, executions/s and new
# inputs of each.  A crash, a leak, a sanitizer report or a timeout of any
# harness fails the run (exit 1); the input is kept as build-fuzz/NAME-crash-*.
#
#   scripts/fuzz.sh [--check] [HARNESS…]      (HARNESS: csv, xlsx, json, …)
#
# FUZZ_RUNS=N stops a harness after N executions instead (FUZZ_SECONDS still
# caps it).  New inputs are kept in build-fuzz/corpus_NAME, so long runs add up; with
# --check (make check) a run starts from the seeds alone and keeps nothing.
set -eu
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-600}
runs=${FUZZ_RUNS:--1}
check=0
if [ "${1:-}" = "--check" ]; then
	check=1
	shift
fi
names=${*:-$(ls tests/fuzz/fuzz_*.c | sed 's|tests/fuzz/fuzz_||; s|\.c$||')}
out=build-fuzz
mkdir -p "$out"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"

# The build line of a harness, as written in its header.
build_line() {
	sed -n '/^ \* Build/,/^ \* Run/p' "$1" | sed '1d; $d; s/^ \*   *//'
}

# Rebuilt only when a source is newer than the harness's binary.
build() {
	src=tests/fuzz/fuzz_$1.c bin=$out/fuzz_$1
	if [ -x "$bin" ] && [ -z "$(find src tests/fuzz -name '*.[ch]' -newer "$bin" | head -1)" ]; then
		return 0
	fi
	cmd=$(build_line "$src")
	[ -n "$cmd" ] || { echo "fuzz: $src has no build line" >&2; return 1; }
	echo "== build fuzz_$1"
	nice -n 10 sh -c "$cmd"
}

failed="" report=""
for n in $names; do
	build "$n"
done
for n in $names; do
	seeds=tests/fuzz/corpus_$n
	if [ $check = 1 ]; then
		work=$(mktemp -d)
	else
		work=$out/corpus_$n
		mkdir -p "$work"
	fi
	echo "== fuzz_$n for ${secs} s$([ "$runs" -ge 0 ] && echo " or $runs executions")"
	log=$out/fuzz_$n.log
	rc=0
	nice -n 10 "$out/fuzz_$n" -max_total_time="$secs" -runs="$runs" -timeout=20 -rss_limit_mb=2560 \
	    -print_final_stats=1 -artifact_prefix="$out/$n-" "$work" "$seeds" \
	    >"$log" 2>&1 || rc=$?
	[ $check = 1 ] && rm -rf "$work"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	new=$(sed -n 's/^stat::new_units_added: *//p' "$log")
	if [ $rc != 0 ]; then
		failed="$failed $n"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -20 >&2
		echo "fuzz_$n: FAILED (exit $rc), log in $log" >&2
	fi
	time=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
	report="$report
$(printf '%-8s %12s execs %7s s %8s/s %6s new  %s' "$n" "${execs:-?}" "${time:-?}" \
	    "${rate:-?}" "${new:-?}" "$([ $rc = 0 ] && echo ok || echo CRASH)")"
done
echo "== fuzz$report"
[ -z "$failed" ] || { echo "fuzz: crashed:$failed" >&2; exit 1; }
