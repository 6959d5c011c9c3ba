#!/usr/bin/env bash
# Broken on purpose: starts SF_CONCURRENCY workers that each request a token at the same time,
# then makes its calls with the first and revokes the others at the end. Fails
# EnsureNoTokenRequestStorm.
source "$(dirname "$0")/../curl/sfclient.sh"
original=$(declare -f sf_request_token)
eval "${original/sf_request_token/correct_sf_request_token}"
extra_tokens=()
sf_request_token() {
  local i
  for ((i = 2; i <= ${SF_CONCURRENCY:-1}; i++)); do
    printf "%s" "$(sf_token_body)" | "${SF_CURL[@]}" -o "$SF_WORK/worker$i.json" -X POST \
      -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @- "$SF_TOKEN_URL" &
  done
  correct_sf_request_token || return 1
  wait
  for ((i = 2; i <= ${SF_CONCURRENCY:-1}; i++)); do
    extra_tokens+=("$(jq -r '.access_token // empty' "$SF_WORK/worker$i.json")")
  done
}
original=$(declare -f sf_revoke)
eval "${original/sf_revoke/correct_sf_revoke}"
sf_revoke() {
  local token
  for token in "${extra_tokens[@]}"; do
    [ -n "$token" ] && ACCESS_TOKEN=$token correct_sf_revoke
  done
  correct_sf_revoke
}
sf_main
