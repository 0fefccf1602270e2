# lamtheo — the two commands of the README, and a few more.
#   make demo    install dependencies, build, load the demo data, serve it on :8080
#   make check   install dependencies, build with ASan+UBSan (warnings are errors), run every test
#   make build   optimised build in build/
#   make bench   benchmarks (optimised, no sanitizers; BENCH_ARGS="--scale province" …)
#   make fuzz    every libFuzzer harness of tests/fuzz/ for FUZZ_SECONDS each (default 600)

.PHONY: all deps build check demo bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@scripts/build.sh build

check: deps
	@scripts/check.sh

demo: deps
	@scripts/demo.sh

bench: deps
	@scripts/build.sh build-bench
	@bench/run $(BENCH_ARGS)

fuzz: deps
	@scripts/fuzz.sh

clean:
	rm -rf build build-check build-bench build-fuzz
