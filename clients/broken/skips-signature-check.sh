#!/usr/bin/env bash
# Broken on purpose: trusts every token response without checking its signature. Warns
# EnsureSignatureVerified.
source "$(dirname "$0")/../curl/sfclient.sh"
sf_signature_ok() { return 0; }
sf_main
