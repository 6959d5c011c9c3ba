#!/usr/bin/env bash
# Broken on purpose: ignores SF_REQUEST_TIMEOUT and waits up to curl's 5 minutes for an answer,
# so a hung call lasts until the server gives up on it. Fails EnsureHangCutByClientTimeout.
source "$(dirname "$0")/../curl/sfclient.sh"
SF_CURL=(curl --silent --show-error --max-time 300 --connect-timeout 10)
if [ -n "${SF_CA_FILE:-}" ]; then SF_CURL+=(--cacert "$SF_CA_FILE"); fi
sf_main
