#!/usr/bin/env bash
# Broken on purpose: ignores the token response's instance_url and sends REST calls to the host
# it was configured with (SF_MY_DOMAIN_URL). Fails EnsureRestCallsUseInstanceUrl where the two
# differ.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_get() {
  STATUS=$(printf 'Authorization: Bearer %s\n' "$ACCESS_TOKEN" |
    "${SF_CURL[@]}" -o "$SF_WORK/body" -w '%{http_code}' -H @- "$SF_MY_DOMAIN_URL$1") || return 1
  BODY=$(cat "$SF_WORK/body")
}
sf_main
