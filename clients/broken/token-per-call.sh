#!/usr/bin/env bash
# Broken on purpose: requests a new token before every REST call after the first instead of
# reusing the one it has. Fails EnsureTokenIsReused.
source "$(dirname "$0")/../curl/sfclient.sh"
original_sf_call=$(declare -f sf_call)
eval "${original_sf_call/sf_call/correct_sf_call}"
calls_made=0
sf_call() {
  if [ "$calls_made" -gt 0 ]; then sf_request_token || return 1; fi
  calls_made=$((calls_made + 1))
  correct_sf_call "$@"
}
sf_main
