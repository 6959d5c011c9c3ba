#!/usr/bin/env bash
# A Salesforce client-credentials client in bash with curl and jq, under the harness's client
# contract (docs/ARCHITECTURE.md): it gets one token from SF_TOKEN_URL (checking the response's
# signature), makes SF_CALLS REST reads against the token's instance_url reusing it, requests
# exactly one new token and retries once after 401 INVALID_SESSION_ID, revokes its token at the
# end, and exits 0 on success. Each answer is waited for at most SF_REQUEST_TIMEOUT seconds; a
# 5xx answer or a broken connection is retried up to 3 times after 0.25, 0.5 and 1 s (or what
# a 503's Retry-After asks); REQUEST_LIMIT_EXCEEDED is not retried. The reads run one after
# another (SF_CONCURRENCY is a ceiling, not a demand).
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
: "${SF_REQUEST_TIMEOUT:=30}"

SF_MAX_RETRIES=3
SF_FIRST_PAUSE_MS=250
SF_CURL=(curl --silent --show-error --max-time "$SF_REQUEST_TIMEOUT" --connect-timeout 10)
if [ -n "${SF_CA_FILE:-}" ]; then SF_CURL+=(--cacert "$SF_CA_FILE"); fi

SF_WORK=$(mktemp -d)
trap 'rm -rf "$SF_WORK"' EXIT

ACCESS_TOKEN=""   # the current token
INSTANCE_URL=""   # the base of every REST call, from the token response
STATUS=""         # the last response's HTTP status
BODY=""           # the last response's body

sf_log() { printf '%s\n' "$*" >&2; }

# The token request's body, form-encoded, client_secret_post; a scope only when one is
# configured (SF_SCOPE): the app's configuration decides the scopes.
sf_token_body() {
  jq -rn '"grant_type=client_credentials&client_id=\(env.SF_CLIENT_ID|@uri)&client_secret=\(env.SF_CLIENT_SECRET|@uri)"
    + (if (env.SF_SCOPE // "") != "" then "&scope=\(env.SF_SCOPE|@uri)" else "" end)'
}

# Runs "$@" (a function that sets STATUS, or fails when no answer came) until the answer is
# neither a 5xx nor missing, at most SF_MAX_RETRIES retries, pausing 0.25 s and doubling, or as
# long as a 503's Retry-After asks.
sf_with_retries() {
  local attempt=0 pause_ms=$SF_FIRST_PAUSE_MS wait_ms rc retry_after
  while :; do
    rc=0
    "$@" || rc=$?
    if [ "$rc" = 0 ] && [ "$STATUS" -lt 500 ]; then return 0; fi
    if [ "$attempt" -ge "$SF_MAX_RETRIES" ]; then
      [ "$rc" = 0 ] && return 0 || return "$rc"
    fi
    wait_ms=$pause_ms
    if [ "$rc" = 0 ] && [ "$STATUS" = 503 ]; then
      retry_after=$(sed -n 's/^[Rr][Ee][Tt][Rr][Yy]-[Aa][Ff][Tt][Ee][Rr]:[[:space:]]*\([0-9]\{1,5\}\).*/\1/p' \
        "$SF_WORK/headers" | head -n 1)
      if [ -n "$retry_after" ] && [ "$((retry_after * 1000))" -gt "$wait_ms" ]; then
        wait_ms=$((retry_after * 1000))
      fi
    fi
    sf_log "$([ "$rc" = 0 ] && echo "HTTP $STATUS" || echo "no answer"), retrying in $wait_ms ms"
    sleep "$((wait_ms / 1000)).$(printf '%03d' $((wait_ms % 1000)))"
    attempt=$((attempt + 1))
    pause_ms=$((pause_ms * 2))
  done
}

# Whether the token response's signature is Base64(HMAC-SHA256(secret, id + issued_at)): proof
# that the answer came from the org that holds the secret. Python's hmac module computes it,
# reading the secret from the environment, never from a command line.
sf_signature_ok() {
  local id issued_at signature
  signature=$(jq -r '.signature // empty' "$SF_WORK/token.json")
  [ -n "$signature" ] || return 0 # JWT-based tokens may come without one
  if ! command -v python3 >/dev/null; then
    sf_log "token: python3 is missing, so the signature cannot be checked"
    return 0
  fi
  id=$(jq -r '.id // ""' "$SF_WORK/token.json")
  issued_at=$(jq -r '.issued_at // "" | tostring' "$SF_WORK/token.json")
  SF_SIG_ID=$id SF_SIG_ISSUED_AT=$issued_at SF_SIG=$signature python3 -c '
import base64, hashlib, hmac, os, sys
mac = hmac.new(os.environ["SF_CLIENT_SECRET"].encode(),
               (os.environ["SF_SIG_ID"] + os.environ["SF_SIG_ISSUED_AT"]).encode(), hashlib.sha256)
sys.exit(0 if hmac.compare_digest(base64.b64encode(mac.digest()).decode(), os.environ["SF_SIG"]) else 1)'
}

# POSTs body ($1) with content type ($2) to a token URL ($3); on 200 sets ACCESS_TOKEN and
# INSTANCE_URL. Returns non-zero when no token was granted.
sf_post_token() {
  sf_with_retries sf_post_token_once "$@" || return 1
  BODY=$(cat "$SF_WORK/token.json")
  if [ "$STATUS" != 200 ]; then
    sf_log "token: HTTP $STATUS: $BODY"
    return 1
  fi
  local token instance_url
  token=$(jq -er .access_token "$SF_WORK/token.json") || return 1
  instance_url=$(jq -er .instance_url "$SF_WORK/token.json") || return 1
  if ! sf_signature_ok; then
    sf_log "token: the signature does not match id + issued_at; refusing the token"
    ACCESS_TOKEN=$token sf_revoke
    return 1
  fi
  ACCESS_TOKEN=$token
  INSTANCE_URL=$instance_url
  sf_log "token: granted for $INSTANCE_URL"
}

# One POST of body ($1) with content type ($2) to a token URL ($3); sets STATUS.
sf_post_token_once() {
  local body=$1 content_type=$2 url=$3
  STATUS=$(printf '%s' "$body" | "${SF_CURL[@]}" -o "$SF_WORK/token.json" -D "$SF_WORK/headers" \
    -w '%{http_code}' -X POST -H "Content-Type: $content_type" --data-binary @- "$url")
}

sf_request_token() {
  sf_post_token "$(sf_token_body)" application/x-www-form-urlencoded "$SF_TOKEN_URL"
}

# The base of every REST call: the token response's instance_url.
sf_rest_base() { printf '%s' "$INSTANCE_URL"; }

# The Authorization header's value for REST calls.
sf_authorization() { printf 'Bearer %s' "$ACCESS_TOKEN"; }

# GETs a path ($1, with its query) from the instance with the current token, with retries.
sf_get() {
  sf_with_retries sf_get_once "$1" || return 1
  BODY=$(cat "$SF_WORK/body")
}

# One GET of a path ($1); sets STATUS.
sf_get_once() {
  STATUS=$(printf 'Authorization: %s\n' "$(sf_authorization)" |
    "${SF_CURL[@]}" -o "$SF_WORK/body" -D "$SF_WORK/headers" -w '%{http_code}' -H @- \
      "$(sf_rest_base)$1")
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
  [ -n "$ACCESS_TOKEN" ] || return 0
  local revoke_url=${SF_TOKEN_URL%/token}/revoke
  SF_TOKEN_VALUE=$ACCESS_TOKEN jq -jn '"token=\(env.SF_TOKEN_VALUE|@uri)"' >"$SF_WORK/revoke.form"
  "${SF_CURL[@]}" -o /dev/null -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary @"$SF_WORK/revoke.form" "$revoke_url" || true
}

sf_main() {
  sf_request_token || exit 1
  local path i
  path=$(sf_query_path)
  for ((i = 1; i <= SF_CALLS; i++)); do
    if ! sf_call "$path"; then
      sf_revoke # the token is no longer needed either way
      exit 1
    fi
    sf_log "call $i: HTTP 200"
  done
  sf_revoke
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  sf_main "$@"
fi
