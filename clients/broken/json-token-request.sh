#!/usr/bin/env bash
# Broken on purpose: sends its first token request as a JSON body (as a C# PostAsJsonAsync
# would), gets unsupported_grant_type, then falls back to a form. Fails
# EnsureTokenRequestIsFormEncodedPost.
source "$(dirname "$0")/../curl/sfclient.sh"
tried_json=""
sf_request_token() {
  if [ -z "$tried_json" ]; then
    tried_json=1
    sf_post_token "$(jq -cn '{grant_type: "client_credentials", client_id: env.SF_CLIENT_ID, client_secret: env.SF_CLIENT_SECRET}')" \
      application/json "$SF_TOKEN_URL" && return 0
  fi
  sf_post_token "$(sf_token_body)" application/x-www-form-urlencoded "$SF_TOKEN_URL"
}
sf_main
