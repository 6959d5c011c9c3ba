# The two quick-start commands (README): `make demo` and `make test`. Both install what is
# missing from Debian's packages first, then build; `make test` also installs the third-party
# clients' npm packages (scripts/install-clients), which its tests run.
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_REPORT_DIR ?= $(BUILD_DIR)/demo-report
SANITIZE_BUILD_DIR ?= build-sanitize
FUZZ_SECONDS ?= 60

.PHONY: all deps clients build demo test sanitize fuzz bench clean

all: build

deps:
	./scripts/install-deps

# npm ci in clients/jsforce when node_modules is missing or older than its package-lock.json.
clients: deps
	./scripts/install-clients

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD_DIR) --parallel $(JOBS)

# The conformance suite with the reference client against the embedded mock.
demo: build
	$(BUILD_DIR)/bin/sfharness run --out $(DEMO_REPORT_DIR)
	@echo "Open $(DEMO_REPORT_DIR)/report.html in a browser for the full report."

test: build clients
	ctest --test-dir $(BUILD_DIR) --output-on-failure --parallel $(JOBS) --timeout 300

# The whole suite again, built by clang 16 with AddressSanitizer (and LeakSanitizer) and
# UndefinedBehaviorSanitizer, and instrumented for libFuzzer (docs/HARDENING.md): any sanitizer
# report fails it. The fuzz targets come from the same build.
SANITIZE_CMAKE = cmake -S . -B $(SANITIZE_BUILD_DIR) -DCMAKE_CXX_COMPILER=clang++-16 \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" -DSFH_SANITIZE=address,undefined \
  -DSFH_FUZZ=ON -DSFH_ALLOCATOR=system -DSFH_BUILD_BENCH=OFF

sanitize: clients
	./scripts/install-deps --clang
	$(SANITIZE_CMAKE)
	cmake --build $(SANITIZE_BUILD_DIR) --parallel $(JOBS)
	scripts/sanitized-ctest $(SANITIZE_BUILD_DIR) --parallel $(JOBS) --timeout 300

# Each fuzz target of the sanitizer build (fuzz/README.md) run for FUZZ_SECONDS.
fuzz:
	./scripts/install-deps --clang
	$(SANITIZE_CMAKE)
	cmake --build $(SANITIZE_BUILD_DIR) --parallel $(JOBS) --target fuzzers
	fuzz/run $(SANITIZE_BUILD_DIR) $(FUZZ_SECONDS)

# The benchmarks (bench/README.md): figures printed, never asserted. bench/compare/compare
# installs its peers (wrk, a JRE, WireMock and oauth2-mock-server from npm) when missing.
bench: build
	$(BUILD_DIR)/bench/micro/bench_micro
	$(BUILD_DIR)/bench/micro/bench_scaling
	bench/micro/suite-scaling.sh --sfharness $(BUILD_DIR)/bin/sfharness
	bench/compare/compare --build-dir $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_BUILD_DIR)
