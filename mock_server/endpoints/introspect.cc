// POST /services/oauth2/introspect (salesforce-wire.md 4.2) and GET /id/keys (section 3).
#include <nlohmann/json.hpp>

#include "mock_server/endpoints/client_auth.h"
#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"
#include "mock_server/org/signing_key.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;
using Json = nlohmann::ordered_json;

int64_t EpochSeconds(std::chrono::system_clock::time_point tp) {
  return std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()).count();
}

}  // namespace

HttpResponse HandleIntrospect(Org& org, const HttpRequest& request) {
  // Only POST is documented; what other methods get is UNVERIFIED, answered like the token
  // endpoint answers a GET.
  if (request.method != "POST") return CatalogueError("token.must_use_post");
  sf::Form params;
  if (IsFormContentType(request)) {
    auto form = sf::ParseForm(request.body);
    if (!form) return CatalogueError("token.invalid_client");
    params = std::move(*form);
  }
  // Client authentication in the body or with Basic (CONFIRMED); failures answer as the token
  // endpoint does (UNVERIFIED).
  auto auth = AuthenticateClient(org, request, params, ClientProof::kRequired);
  if (!auth) return CatalogueError(auth.error());

  const Json inactive = {{"active", false}};
  const auto token = org.FindLiveToken(params.Get("token").value_or(""));
  // Another app's token is inactive to this app unless it may introspect all tokens
  // (CONFIRMED, isIntrospectAllTokens).
  if (!token || (token->client_id != auth->app->client_id && !auth->app->introspect_all_tokens)) {
    return OAuthJsonResponse(200, inactive.dump());
  }
  // The key order of Salesforce's Postman sample; token_type is "access_token" or
  // "refresh_token", not "Bearer" (CONFIRMED, wire.md 4.2).
  Json body;
  body["active"] = true;
  body["scope"] = token->scope;
  body["client_id"] = token->client_id;
  body["username"] = token->username;
  body["sub"] = token->identity_url;
  body["token_type"] = token->kind == TokenKind::kAccess ? "access_token" : "refresh_token";
  if (token->kind == TokenKind::kAccess) body["exp"] = EpochSeconds(token->expires_at);
  body["iat"] = EpochSeconds(token->issued_at);
  body["nbf"] = EpochSeconds(token->issued_at);
  return OAuthJsonResponse(200, body.dump());
}

HttpResponse HandleKeys(const Org& org, const HttpRequest& /*request*/) {
  // {"keys":[{"kty":"RSA","n":...,"e":"AQAB","alg":"RS256","use":"sig","kid":...}]}: the org's
  // signing key, which verifies its JWT-based access tokens (CONFIRMED shape, wire.md 3).
  const SigningKey& key = org.signing_key();
  Json body;
  body["keys"] = Json::array({key.key().Jwk(key.kid())});
  return JsonResponse(200, body.dump());
}

}  // namespace sfh::mock
