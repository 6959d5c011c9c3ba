#!/bin/sh
# A client for the rerun tests (tests/runner_e2e_test.cc): broken on its first attempt at each
# scenario, correct afterwards, so a rerun makes the scenario FLAKY. It remembers attempts with a
# marker file per scenario under $SFH_FLAKY_MARKER_DIR (a fresh directory per test). Scenarios
# whose id is $SFH_ALWAYS_BROKEN are broken on every attempt: they stay FAILED.
# Broken means clients/broken/token-per-call.sh (fails EnsureTokenIsReused); correct means
# clients/curl/sfclient.sh. Run from the repository's root, as the harness's tests do.
set -eu
: "${SFH_FLAKY_MARKER_DIR:?set SFH_FLAKY_MARKER_DIR to a directory for the attempt markers}"
marker="$SFH_FLAKY_MARKER_DIR/$(printf '%s' "$SF_SCENARIO" | tr '/' '_')"
if [ "$SF_SCENARIO" = "${SFH_ALWAYS_BROKEN:-}" ] || [ ! -e "$marker" ]; then
  : > "$marker"
  exec clients/broken/token-per-call.sh
fi
exec clients/curl/sfclient.sh
