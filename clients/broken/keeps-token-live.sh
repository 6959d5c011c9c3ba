#!/usr/bin/env bash
# Broken on purpose: never revokes its token when it is done, so the token stays usable until
# the session times out. Everything else is right. Warns EnsureTokenRevokedAtExit (a warning
# by default, so the run still passes).
source "$(dirname "$0")/../curl/sfclient.sh"
sf_revoke() { :; }
sf_main
