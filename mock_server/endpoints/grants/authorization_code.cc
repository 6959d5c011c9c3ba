#include <algorithm>

#include "mock_server/endpoints/client_auth.h"
#include "mock_server/endpoints/grants/grants.h"
#include "mock_server/endpoints/grants/token_response.h"
#include "mock_server/endpoints/responses.h"
#include "salesforce/encoding.h"
#include "salesforce/jwt.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;

// RFC 7636 section 4.6: S256 compares BASE64URL(SHA256(verifier)) with the challenge; plain
// compares them as they are.
bool VerifierMatches(const AuthorizationCode& code, std::string_view verifier) {
  if (code.code_challenge_method == "plain") {
    return sf::ConstantTimeEquals(verifier, code.code_challenge);
  }
  return sf::ConstantTimeEquals(sf::Base64UrlEncode(sf::Sha256(verifier)), code.code_challenge);
}

bool WantsRefreshToken(const AppConfig& app) {
  return std::find(app.scopes.begin(), app.scopes.end(), "refresh_token") != app.scopes.end() ||
         std::find(app.scopes.begin(), app.scopes.end(), "offline_access") != app.scopes.end();
}

}  // namespace

HttpResponse HandleAuthorizationCode(Org& org, const TokenRequest& request) {
  const auto verifier = request.params.Get("code_verifier");
  // A confidential client proves itself with its secret; a public client with PKCE may send
  // only its client_id (INFERRED: "Require Secret for Web Server Flow" can be switched off
  // for PKCE clients).
  auto auth = AuthenticateClient(org, request.http, request.params,
                                 verifier ? ClientProof::kOptional : ClientProof::kRequired);
  if (!auth) return CatalogueError(auth.error());
  const AppConfig& app = *auth->app;

  auto code = org.RedeemAuthorizationCode(request.params.Get("code").value_or(""));
  if (!code || code->client_id != app.client_id) {
    return CatalogueError("token.invalid_authorization_code");
  }
  if (org.clock().Now() >= code->expires_at) {
    return CatalogueError("token.expired_authorization_code");
  }
  // The redirect_uri must be the one the code was issued for (INFERRED, wire.md 2.2).
  if (request.params.Get("redirect_uri").value_or("") != code->redirect_uri) {
    return CatalogueError("token.redirect_uri_mismatch");
  }
  if (!code->code_challenge.empty() && (!verifier || !VerifierMatches(*code, *verifier))) {
    return CatalogueError("token.invalid_code_verifier");
  }
  const UserConfig* user = org.FindUserById(code->user_id);
  if (user == nullptr) return CatalogueError("token.invalid_authorization_code");

  std::string refresh;
  if (WantsRefreshToken(app)) refresh = org.IssueRefreshToken(app, *user, code->scope).access_token;
  const Session session =
      org.IssueSession(app, *user, SessionOptions{.scope = code->scope, .refresh_token = refresh});
  return TokenSuccess(org, app, session, refresh);
}

}  // namespace sfh::mock
