#!/usr/bin/env bash
# Broken on purpose: sends the token as "Authorization: OAuth <token>", the scheme of old REST
# API examples, instead of the token_type the response names (Bearer). Fails
# EnsureRestCallsSendBearerToken.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_get() {
  STATUS=$(printf 'Authorization: OAuth %s\n' "$ACCESS_TOKEN" |
    "${SF_CURL[@]}" -o "$SF_WORK/body" -w '%{http_code}' -H @- "$INSTANCE_URL$1") || return 1
  BODY=$(cat "$SF_WORK/body")
}
sf_main
