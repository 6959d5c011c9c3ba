#!/usr/bin/env bash
# Broken on purpose: asks for scope=api although no scope was configured (SF_SCOPE is unset),
# as a Named Credential with a Scope set does; when the org refuses the parameter it tries again
# without it. Fails EnsureNoScopeUnlessConfigured.
source "$(dirname "$0")/../curl/sfclient.sh"
tried_scope=""
sf_request_token() {
  if [ -z "$tried_scope" ]; then
    tried_scope=1
    sf_post_token "$(sf_token_body)&scope=api" application/x-www-form-urlencoded "$SF_TOKEN_URL" &&
      return 0
  fi
  sf_post_token "$(sf_token_body)" application/x-www-form-urlencoded "$SF_TOKEN_URL"
}
sf_main
