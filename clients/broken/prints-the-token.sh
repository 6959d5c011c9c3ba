#!/usr/bin/env bash
# Broken on purpose: logs the access token it was granted, in full, to stderr, as a debugging
# print left in production does. Everything on the wire is right. Fails
# EnsureNoSecretInClientOutput.
source "$(dirname "$0")/../curl/sfclient.sh"
original_sf_request_token=$(declare -f sf_request_token)
eval "${original_sf_request_token/sf_request_token/correct_sf_request_token}"
sf_request_token() {
  correct_sf_request_token || return 1
  sf_log "token: $ACCESS_TOKEN"
}
sf_main
