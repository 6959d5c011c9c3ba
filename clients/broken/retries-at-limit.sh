#!/usr/bin/env bash
# Broken on purpose: answered REQUEST_LIMIT_EXCEEDED, it asks again at once, five times, before
# it gives up. Fails EnsureNoHotRetryAfterLimitExceeded.
source "$(dirname "$0")/../curl/sfclient.sh"
original_sf_call=$(declare -f sf_call)
eval "${original_sf_call/sf_call/correct_sf_call}"
sf_call() {
  local tries=0
  while ! correct_sf_call "$1"; do
    printf '%s' "$BODY" | grep -q REQUEST_LIMIT_EXCEEDED || return 1
    tries=$((tries + 1))
    [ "$tries" -le 5 ] || return 1
  done
}
sf_main
