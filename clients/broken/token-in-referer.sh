#!/usr/bin/env bash
# Broken on purpose: sends a Referer naming the page it came from, with the access token in that
# page's query string, on every REST call. Fails EnsureNoSecretInHeaders.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_get_once() {
  STATUS=$(printf 'Authorization: %s\nReferer: https://app.example/dashboard?access_token=%s\n' \
    "$(sf_authorization)" "$ACCESS_TOKEN" |
    "${SF_CURL[@]}" -o "$SF_WORK/body" -D "$SF_WORK/headers" -w '%{http_code}' -H @- \
      "$(sf_rest_base)$1")
}
sf_main
