#!/usr/bin/env bash
# A Salesforce client-credentials client in bash with curl and jq, under the harness's client
# contract (docs/ARCHITECTURE.md): it gets one token from SF_TOKEN_URL, makes SF_CALLS REST
# reads against the token's instance_url reusing it, requests exactly one new token and retries
# once after 401 INVALID_SESSION_ID, revokes its token at the end, and exits 0 on success.
#
# Secrets never appear on a command line (where `ps` would show them): the token request body
# is built by jq from the environment and piped to curl, and the Authorization header is piped
# in with -H @-.
#
# Every step is a function so the deliberately broken clients in ../broken/ can source this file
# and replace exactly one of them. Run directly, it calls sf_main.
set -euo pipefail

: "${SF_TOKEN_URL:?SF_TOKEN_URL is required}"
: "${SF_CLIENT_ID:?SF_CLIENT_ID is required}"
: "${SF_CLIENT_SECRET:?SF_CLIENT_SECRET is required}"
: "${SF_API_VERSION:=67.0}"
: "${SF_CALLS:=3}"

SF_CURL=(curl --silent --show-error --max-time 30 --connect-timeout 10)
if [ -n "${SF_CA_FILE:-}" ]; then SF_CURL+=(--cacert "$SF_CA_FILE"); fi

SF_WORK=$(mktemp -d)
trap 'rm -rf "$SF_WORK"' EXIT

ACCESS_TOKEN=""   # the current token
INSTANCE_URL=""   # the base of every REST call, from the token response
STATUS=""         # the last response's HTTP status
BODY=""           # the last response's body

sf_log() { printf '%s\n' "$*" >&2; }

# The token request's body, form-encoded, client_secret_post.
sf_token_body() {
  jq -rn '"grant_type=client_credentials&client_id=\(env.SF_CLIENT_ID|@uri)&client_secret=\(env.SF_CLIENT_SECRET|@uri)"'
}

# POSTs body ($1) with content type ($2) to a token URL ($3); on 200 sets ACCESS_TOKEN and
# INSTANCE_URL. Returns non-zero when no token was granted.
sf_post_token() {
  local body=$1 content_type=$2 url=$3
  STATUS=$(printf '%s' "$body" | "${SF_CURL[@]}" -o "$SF_WORK/token.json" -w '%{http_code}' \
    -X POST -H "Content-Type: $content_type" --data-binary @- "$url") || return 1
  BODY=$(cat "$SF_WORK/token.json")
  if [ "$STATUS" != 200 ]; then
    sf_log "token: HTTP $STATUS: $BODY"
    return 1
  fi
  ACCESS_TOKEN=$(jq -er .access_token "$SF_WORK/token.json") || return 1
  INSTANCE_URL=$(jq -er .instance_url "$SF_WORK/token.json") || return 1
  sf_log "token: granted for $INSTANCE_URL"
}

sf_request_token() {
  sf_post_token "$(sf_token_body)" application/x-www-form-urlencoded "$SF_TOKEN_URL"
}

# The base of every REST call: the token response's instance_url.
sf_rest_base() { printf '%s' "$INSTANCE_URL"; }

# The Authorization header's value for REST calls.
sf_authorization() { printf 'Bearer %s' "$ACCESS_TOKEN"; }

# GETs a path ($1, with its query) from the instance with the current token.
sf_get() {
  STATUS=$(printf 'Authorization: %s\n' "$(sf_authorization)" |
    "${SF_CURL[@]}" -o "$SF_WORK/body" -w '%{http_code}' -H @- "$(sf_rest_base)$1") || return 1
  BODY=$(cat "$SF_WORK/body")
}

sf_invalid_session() {
  [ "$STATUS" = 401 ] && printf '%s' "$BODY" | jq -e 'any(.[]?; .errorCode == "INVALID_SESSION_ID")' >/dev/null 2>&1
}

# One REST read ($1); after INVALID_SESSION_ID exactly one new token and one retry.
sf_call() {
  sf_get "$1" || return 1
  if sf_invalid_session; then
    sf_log "call: INVALID_SESSION_ID, requesting a new token"
    sf_request_token || return 1
    sf_get "$1" || return 1
  fi
  if [ "$STATUS" != 200 ]; then
    sf_log "call: HTTP $STATUS: $BODY"
    return 1
  fi
}

sf_query_path() {
  printf '/services/data/v%s/query?q=%s' "$SF_API_VERSION" \
    "$(jq -rn '"SELECT Id, Name FROM Account"|@uri')"
}

# Revokes the current token (best effort: a failure here does not fail the run).
sf_revoke() {
  local revoke_url=${SF_TOKEN_URL%/token}/revoke
  SF_TOKEN_VALUE=$ACCESS_TOKEN jq -rn '"token=\(env.SF_TOKEN_VALUE|@uri)"' >"$SF_WORK/revoke.form"
  "${SF_CURL[@]}" -o /dev/null -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary @"$SF_WORK/revoke.form" "$revoke_url" || true
}

sf_main() {
  sf_request_token || exit 1
  local path i
  path=$(sf_query_path)
  for ((i = 1; i <= SF_CALLS; i++)); do
    sf_call "$path" || exit 1
    sf_log "call $i: HTTP 200"
  done
  sf_revoke
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  sf_main "$@"
fi
