# The two quick-start commands (README): `make demo` and `make test`. Both install what is
# missing from Debian's packages first, then build; `make test` also installs the third-party
# clients' npm packages (scripts/install-clients), which its tests run.
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_REPORT_DIR ?= $(BUILD_DIR)/demo-report

.PHONY: all deps clients build demo test bench clean

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

# The benchmarks (bench/README.md): figures printed, never asserted. bench/compare/compare
# installs its peers (wrk, a JRE, WireMock and oauth2-mock-server from npm) when missing.
bench: build
	$(BUILD_DIR)/bench/micro/bench_micro
	$(BUILD_DIR)/bench/micro/bench_scaling
	bench/micro/suite-scaling.sh --sfharness $(BUILD_DIR)/bin/sfharness
	bench/compare/compare --build-dir $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
