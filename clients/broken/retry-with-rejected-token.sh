#!/usr/bin/env bash
# Broken on purpose: after INVALID_SESSION_ID it first retries with the token the org just
# rejected (a naive retry wrapper), and only then requests a new one. Fails
# EnsureReauthenticatesOnceAfterInvalidSession.
source "$(dirname "$0")/../curl/sfclient.sh"
original_sf_call=$(declare -f sf_call)
eval "${original_sf_call/sf_call/correct_sf_call}"
sf_call() {
  sf_get "$1" || return 1
  if sf_invalid_session; then
    sf_log "call: INVALID_SESSION_ID, retrying as is"
    correct_sf_call "$1"  # the same token again; the correct re-authentication only after that
    return
  fi
  [ "$STATUS" = 200 ]
}
sf_main
