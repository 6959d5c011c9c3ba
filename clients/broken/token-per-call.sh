#!/usr/bin/env bash
# Broken on purpose: requests a new token before every REST call instead of reusing it. Fails
# EnsureTokenIsReused.
source "$(dirname "$0")/../curl/sfclient.sh"
original_sf_call=$(declare -f sf_call)
eval "${original_sf_call/sf_call/correct_sf_call}"
sf_call() {
  sf_request_token || return 1
  correct_sf_call "$@"
}
sf_main
