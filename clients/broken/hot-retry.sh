#!/usr/bin/env bash
# Broken on purpose: retries a failed request at once, with no pause (though it still waits out
# a 503's Retry-After). Fails EnsureBoundedRetriesWithBackoff.
source "$(dirname "$0")/../curl/sfclient.sh"
SF_FIRST_PAUSE_MS=0
sf_main
