#!/usr/bin/env bash
# Broken on purpose: puts the token request's parameters, client_secret included, in the URL's
# query string. Salesforce accepts it, but the secret lands in every log. Fails
# EnsureNoSecretInUrl.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_request_token() {
  sf_post_token "" application/x-www-form-urlencoded "$SF_TOKEN_URL?$(sf_token_body)"
}
sf_main
