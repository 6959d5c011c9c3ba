#include "mock_server/endpoints/grants/client_credentials.h"

#include <nlohmann/json.hpp>

#include "mock_server/endpoints/responses.h"
#include "salesforce/encoding.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;

// Since Winter '26 these scopes are dropped for client credentials (INFERRED, wire.md 1.7).
bool IsUnsupportedForClientCredentials(std::string_view scope) {
  return scope == "full" || scope == "refresh_token" || scope == "offline_access";
}

}  // namespace

HttpResponse HandleClientCredentials(Org& org, const TokenRequest& request) {
  // The flow only works on the org's own host; login and test refuse it (INFERRED, wire.md 1.2).
  if (request.http.host == VirtualHost::kLogin) {
    return CatalogueError("token.request_not_supported_on_this_domain");
  }

  // HTTP Basic wins when both are sent (RFC 6749 section 2.3.1 allows either, not both;
  // Salesforce's answer to both is unknown, and a check judges the client for it).
  std::string client_id;
  std::string client_secret;
  if (const auto authorization = request.http.headers.Get("Authorization")) {
    if (auto basic = sf::ParseBasicAuthorization(*authorization)) {
      if (!basic->has_value()) return CatalogueError("token.invalid_client");
      client_id = (*basic)->client_id;
      client_secret = (*basic)->client_secret;
    }
  }
  if (client_id.empty()) {
    client_id = request.params.Get("client_id").value_or("");
    client_secret = request.params.Get("client_secret").value_or("");
  }

  const AppConfig* app = org.FindApp(client_id);
  if (app == nullptr) return CatalogueError("token.invalid_client_id");
  if (!sf::ConstantTimeEquals(client_secret, app->client_secret)) {
    return CatalogueError("token.invalid_client");
  }
  const WireChoices& choices = org.config().choices;
  // Off in the owner's settings: unsupported_grant_type, as integrators report (INFERRED).
  if (!app->settings_client_credentials) return CatalogueError("token.unsupported_grant_type");
  // Off in the admin's policies: the exact answer is UNVERIFIED, so it is a choice.
  if (!app->policies_client_credentials) {
    return CatalogueError(choices.flow_off_in_policies_error);
  }
  if (choices.reject_scope_parameter && request.params.Has("scope")) {
    return CatalogueError("token.scope_parameter_not_supported");
  }

  const UserConfig* user = app->run_as ? org.FindUser(*app->run_as) : nullptr;
  if (user == nullptr) return CatalogueError("token.no_client_credentials_user");
  // UNVERIFIED for client credentials, so a choice (default: like a password login does).
  if (!user->active) return CatalogueError(choices.inactive_run_as_error);

  std::string scope;
  for (const auto& s : app->scopes) {
    if (IsUnsupportedForClientCredentials(s)) continue;
    scope += (scope.empty() ? "" : " ") + s;
  }
  if (scope.empty()) return CatalogueError("token.no_valid_scopes_defined");

  const Session session = org.IssueSession(*app, *user, scope);
  const std::string issued_at = std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(session.issued_at.time_since_epoch())
          .count());
  // The field order of the Connect REST API quick start sample (CONFIRMED, wire.md 9.1): no
  // refresh_token, no expires_in, issued_at a string of epoch milliseconds.
  nlohmann::ordered_json body;
  body["access_token"] = session.access_token;
  body["signature"] = sf::TokenSignature(app->client_secret, session.identity_url, issued_at);
  body["token_format"] = "opaque";
  body["scope"] = session.scope;
  body["instance_url"] = session.instance_url;
  body["id"] = session.identity_url;
  body["token_type"] = "Bearer";
  body["issued_at"] = issued_at;
  return OAuthJsonResponse(200, body.dump());
}

}  // namespace sfh::mock
