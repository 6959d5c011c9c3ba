#!/usr/bin/env bash
# Broken on purpose: authenticates the token request twice, with HTTP Basic and with
# client_id and client_secret in the form body. The mock takes the Basic credentials and
# answers, but RFC 6749 section 2.3 allows one method per request. Fails
# EnsureClientAuthenticatesOnce.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_request_token() {
  # The header goes through a file, so the secret is never on a command line.
  jq -rn '"Authorization: Basic \("\(env.SF_CLIENT_ID|@uri):\(env.SF_CLIENT_SECRET|@uri)"|@base64)"' \
    > "$SF_WORK/basic"
  local saved=("${SF_CURL[@]}") rc=0
  SF_CURL+=(-H "@$SF_WORK/basic")
  sf_post_token "$(sf_token_body)" application/x-www-form-urlencoded "$SF_TOKEN_URL" || rc=1
  SF_CURL=("${saved[@]}")
  return $rc
}
sf_main
