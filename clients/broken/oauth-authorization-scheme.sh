#!/usr/bin/env bash
# Broken on purpose: sends the token as "Authorization: OAuth <token>", the scheme of old REST
# API examples, instead of the token_type the response names (Bearer). Fails
# EnsureRestCallsSendBearerToken.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_authorization() { printf 'OAuth %s' "$ACCESS_TOKEN"; }
sf_main
