#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

bool IsRevokeRequest(const mock::Exchange& e) {
  return e.request.path == "/services/oauth2/revoke";
}

CheckVerdict Evaluate(const CheckInput& input) {
  // The token the client held last: the latest one the org granted.
  const mock::Exchange* last_grant = nullptr;
  std::optional<GrantedToken> token;
  for (const auto& e : input.exchanges) {
    if (auto grant = GrantOf(e)) {
      last_grant = &e;
      token = std::move(grant);
    }
  }
  if (!token) return CheckVerdict::Skipped("the org granted no token, so there is none to revoke");
  for (const auto& e : input.exchanges) {
    if (e.seq > last_grant->seq && IsRevokeRequest(e) &&
        ParamsOf(e).Get("token") == token->access_token) {
      CheckVerdict verdict;
      verdict.message = "the client revoked its last token when it was done";
      verdict.evidence.push_back(EvidenceFor(e, "revokes the token granted last"));
      return verdict;
    }
  }
  CheckVerdict verdict;
  verdict.status = CheckStatus::kFailed;
  verdict.message =
      "the client left its last token live; it stays usable until the session times out, so a "
      "client that is done should POST it to /services/oauth2/revoke";
  verdict.evidence.push_back(EvidenceFor(*last_grant, "granted the token that was not revoked"));
  return verdict;
}

}  // namespace

const CheckDefinition kEnsureTokenRevokedAtExit{
    "EnsureTokenRevokedAtExit",
    "The client revokes the access token it holds when it is done (a warning by default)",
    "RFC 7009 (token revocation); Salesforce help: Revoke OAuth Tokens", Evaluate,
    Severity::kWarning};

}  // namespace sfh::harness
