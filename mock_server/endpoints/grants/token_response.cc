#include "mock_server/endpoints/grants/token_response.h"

#include <algorithm>
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

// Appends "name":"value" to the JSON object `out` is writing. The token response's values are
// nearly always printable ASCII (tokens, URLs, scopes), written as they are; anything else goes
// through nlohmann::json, which escapes it and refuses invalid UTF-8 as every other body does.
// A token request built the response as a json object before: 40 allocations, now 2.
void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out += out.size() == 1 ? "\"" : ",\"";
  out += name;
  out += "\":";
  const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (plain) {
    out += '"';
    out += value;
    out += '"';
  } else {
    out += nlohmann::json(value).dump();
  }
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
  std::string signature;
  // Whether JWT-format responses carry signature is UNVERIFIED (wire.md 10): a choice.
  if (!jwt || org.config().choices.jwt_response_has_signature) {
    signature = salesforce::TokenSignature(app.client_secret, session.identity_url, issued_at);
  }
  std::string body = "{";
  body.reserve(256 + session.access_token.size() + refresh_token.size() + session.scope.size() +
               session.instance_url.size() + session.identity_url.size());
  AppendField(body, "access_token", session.access_token);
  if (!refresh_token.empty()) AppendField(body, "refresh_token", refresh_token);
  if (!signature.empty()) AppendField(body, "signature", signature);
  AppendField(body, "token_format", jwt ? "jwt" : "opaque");
  AppendField(body, "scope", session.scope);
  AppendField(body, "instance_url", session.instance_url);
  if (HasApiPlatformScope(session.scope)) {
    AppendField(body, "api_instance_url", "https://api.salesforce.com");
  }
  AppendField(body, "id", session.identity_url);
  AppendField(body, "token_type", "Bearer");
  AppendField(body, "issued_at", issued_at);
  body += '}';
  return OAuthJsonResponse(200, std::move(body));
}

}  // namespace sfh::mock
