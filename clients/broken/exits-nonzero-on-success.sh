#!/usr/bin/env bash
# Broken on purpose: does everything right, then exits 1. Fails EnsureClientExitStatusMatches.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_main
exit 1
