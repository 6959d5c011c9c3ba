#!/usr/bin/env bash
# Broken on purpose: adds the authorization-code flow's redirect_uri and PKCE code_verifier to
# its client-credentials token request, as clients copied from a web-server flow do. The mock
# ignores them and answers. Fails EnsureNoAuthorizationCodeParameters.
source "$(dirname "$0")/../curl/sfclient.sh"
original_sf_token_body=$(declare -f sf_token_body)
eval "${original_sf_token_body/sf_token_body/correct_sf_token_body}"
sf_token_body() {
  printf '%s&redirect_uri=%s&code_verifier=%s' "$(correct_sf_token_body)" \
    'https%3A%2F%2Flocalhost%3A8080%2Fcallback' 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
}
sf_main
