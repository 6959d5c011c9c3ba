#!/usr/bin/env bash
# Broken on purpose: makes one REST read whatever SF_CALLS asks for. Fails
# EnsureRequestedCallsSucceed.
source "$(dirname "$0")/../curl/sfclient.sh"
SF_CALLS=1
sf_main
