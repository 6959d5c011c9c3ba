#include "mock_server/endpoints/client_auth.h"
#include "mock_server/endpoints/grants/grants.h"
#include "mock_server/endpoints/grants/token_response.h"
#include "mock_server/endpoints/responses.h"

namespace sfh::mock {
namespace {

// Since Winter '26 these scopes are dropped for client credentials (INFERRED, wire.md 1.7).
bool IsUnsupportedForClientCredentials(std::string_view scope) {
  return scope == "full" || scope == "refresh_token" || scope == "offline_access";
}

}  // namespace

HttpResponse HandleClientCredentials(Org& org, const TokenRequest& request) {
  // The flow only works on the org's own host; login and test refuse it (INFERRED, wire.md 1.2).
  if (IsLoginHost(request.http.host)) {
    return CatalogueError("token.request_not_supported_on_this_domain");
  }
  auto auth = AuthenticateClient(org, request.http, request.params, ClientProof::kRequired);
  if (!auth) return CatalogueError(auth.error());
  const AppConfig& app = *auth->app;
  const WireChoices& choices = org.config().choices;
  // Off in the owner's settings: unsupported_grant_type, as integrators report (INFERRED).
  if (!app.settings_client_credentials) return CatalogueError("token.unsupported_grant_type");
  // Off in the admin's policies: the exact answer is UNVERIFIED, so it is a choice.
  if (!app.policies_client_credentials) return CatalogueError(choices.flow_off_in_policies_error);
  if (choices.reject_scope_parameter && request.params.Has("scope")) {
    return CatalogueError("token.scope_parameter_not_supported");
  }

  // No Run As user, or one that names nobody (an email instead of a username): INFERRED.
  const UserConfig* user = app.run_as ? org.FindUser(*app.run_as) : nullptr;
  if (user == nullptr) return CatalogueError("token.no_client_credentials_user");
  // UNVERIFIED for client credentials, so choices (default: like a password login does).
  if (!user->active) return CatalogueError(choices.inactive_run_as_error);
  if (user->frozen) return CatalogueError(choices.frozen_run_as_error);
  if (choices.permitted_users_apply_to_run_as && !org.IsPreAuthorized(app, *user)) {
    return CatalogueError("token.invalid_app_access");
  }
  if (!org.IpAllowed(app, *user, request.http.remote)) {
    return CatalogueError("token.ip_restricted");
  }

  std::string scope;
  for (const auto& s : app.scopes) {
    if (IsUnsupportedForClientCredentials(s)) continue;
    scope += (scope.empty() ? "" : " ") + s;
  }
  if (scope.empty()) return CatalogueError("token.no_valid_scopes_defined");

  const Session session = org.IssueSession(app, *user, SessionOptions{.scope = scope});
  // No refresh_token, no expires_in (CONFIRMED, wire.md 1.3).
  return TokenSuccess(org, app, session, /*refresh_token=*/"");
}

}  // namespace sfh::mock
