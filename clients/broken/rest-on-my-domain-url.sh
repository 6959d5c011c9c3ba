#!/usr/bin/env bash
# Broken on purpose: ignores the token response's instance_url and sends REST calls to the host
# it was configured with (SF_MY_DOMAIN_URL). Fails EnsureRestCallsUseInstanceUrl where the two
# differ.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_rest_base() { printf '%s' "$SF_MY_DOMAIN_URL"; }
sf_main
