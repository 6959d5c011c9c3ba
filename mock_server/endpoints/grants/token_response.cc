#include "mock_server/endpoints/grants/token_response.h"

#include <nlohmann/json.hpp>

#include "mock_server/endpoints/responses.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

// Scopes of the API platform (Agent API, Models API, MCP) that add api_instance_url: wire.md
// 9.1 names sfap_api and mcp_api (CONFIRMED value, INFERRED trigger: wire.md 1.3).
bool HasApiPlatformScope(std::string_view scope) {
  return salesforce::HasScope(scope, "sfap_api") || salesforce::HasScope(scope, "mcp_api");
}

}  // namespace

std::string IssuedAtMillis(const Session& session) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(session.issued_at.time_since_epoch())
          .count());
}

HttpResponse TokenSuccess(const Org& org, const AppConfig& app, const Session& session,
                          const std::string& refresh_token) {
  const std::string issued_at = IssuedAtMillis(session);
  const bool jwt = session.format == TokenFormat::kJwt;
  nlohmann::ordered_json body;
  body["access_token"] = session.access_token;
  if (!refresh_token.empty()) body["refresh_token"] = refresh_token;
  // Whether JWT-format responses carry signature is UNVERIFIED (wire.md 10): a choice.
  if (!jwt || org.config().choices.jwt_response_has_signature) {
    body["signature"] =
        salesforce::TokenSignature(app.client_secret, session.identity_url, issued_at);
  }
  body["token_format"] = jwt ? "jwt" : "opaque";
  body["scope"] = session.scope;
  body["instance_url"] = session.instance_url;
  if (HasApiPlatformScope(session.scope)) body["api_instance_url"] = "https://api.salesforce.com";
  body["id"] = session.identity_url;
  body["token_type"] = "Bearer";
  body["issued_at"] = issued_at;
  return OAuthJsonResponse(200, body.dump());
}

}  // namespace sfh::mock
