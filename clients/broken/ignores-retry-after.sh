#!/usr/bin/env bash
# Broken on purpose: never reads Retry-After, so it retries a 503 after its usual short pause
# whatever the answer asks. Fails EnsureRetryAfterHonoured.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_get_once() {
  local rc=0
  STATUS=$(printf 'Authorization: %s\n' "$(sf_authorization)" |
    "${SF_CURL[@]}" -o "$SF_WORK/body" -w '%{http_code}' -H @- "$(sf_rest_base)$1") || rc=$?
  : >"$SF_WORK/headers" # what the retry loop reads Retry-After from
  return "$rc"
}
sf_main
