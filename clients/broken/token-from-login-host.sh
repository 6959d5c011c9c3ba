#!/usr/bin/env bash
# Broken on purpose: asks login.salesforce.com (SF_LOGIN_URL) for its first token, as the
# circulating recipe suggests, gets "request not supported on this domain", then falls back to
# the My Domain. Fails EnsureTokenRequestedFromMyDomain.
source "$(dirname "$0")/../curl/sfclient.sh"
tried_login=""
sf_request_token() {
  if [ -z "$tried_login" ]; then
    tried_login=1
    sf_post_token "$(sf_token_body)" application/x-www-form-urlencoded \
      "$SF_LOGIN_URL/services/oauth2/token" && return 0
  fi
  sf_post_token "$(sf_token_body)" application/x-www-form-urlencoded "$SF_TOKEN_URL"
}
sf_main
