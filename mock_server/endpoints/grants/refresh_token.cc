#include "mock_server/endpoints/client_auth.h"
#include "mock_server/endpoints/grants/grants.h"
#include "mock_server/endpoints/grants/token_response.h"
#include "mock_server/endpoints/responses.h"

namespace sfh::mock {

HttpResponse HandleRefreshToken(Org& org, const TokenRequest& request) {
  // The secret is optional on refresh for apps that do not require it (INFERRED); a wrong one
  // is still refused.
  auto auth = AuthenticateClient(org, request.http, request.params, ClientProof::kOptional);
  if (!auth) return CatalogueError(auth.error());
  const AppConfig& app = *auth->app;

  const auto token = org.FindLiveToken(request.params.Get("refresh_token").value_or(""));
  // A refresh token that is unknown, revoked or another app's: "expired access/refresh token"
  // (CONFIRMED string, wire.md 2.1).
  if (!token || token->kind != TokenKind::kRefresh || token->client_id != app.client_id) {
    return CatalogueError("token.expired_token");
  }
  const UserConfig* user = org.FindUserById(token->user_id);
  if (user == nullptr) return CatalogueError("token.expired_token");
  // A refresh for an inactive user answers invalid_grant "inactive user" (INFERRED,
  // restforce/restforce#303 and vendors' error lists); a frozen user's answer is UNVERIFIED, so
  // the Run As choice answers it.
  if (!user->active) return CatalogueError("token.inactive_user_refresh");
  if (user->frozen) return CatalogueError(org.config().choices.frozen_run_as_error);
  const Session session = org.IssueSession(
      app, *user, SessionOptions{.scope = token->scope, .refresh_token = token->access_token});
  // No new refresh token unless rotation is on, which the mock does not model.
  return TokenSuccess(org, app, session, "");
}

}  // namespace sfh::mock
