#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

// A new token is justified only when the org rejected the current one: client-credentials
// tokens carry no expiry, so the client learns of expiry from INVALID_SESSION_ID. A token
// requested before the previous one was even tried is a storm, EnsureNoTokenRequestStorm's to
// judge, not a token given up while it still worked.
CheckVerdict Evaluate(const CheckInput& input) {
  std::vector<Evidence> bad;
  size_t grants = 0;
  bool rejected_since_last_grant = false;
  bool used_since_last_grant = false;
  for (const auto& e : input.exchanges) {
    if (IsInvalidSession(e)) rejected_since_last_grant = true;
    if (PresentedTokenOf(e)) used_since_last_grant = true;
    if (!GrantOf(e)) continue;
    ++grants;
    if (grants > 1 && used_since_last_grant && !rejected_since_last_grant) {
      bad.push_back(EvidenceFor(e, "a new token while the previous one was still accepted"));
    }
    rejected_since_last_grant = false;
    used_since_last_grant = false;
  }
  if (grants == 0) return CheckVerdict::Skipped("no token was granted");
  if (!bad.empty()) {
    std::string message =
        std::to_string(bad.size()) + " of " + std::to_string(grants) +
        " tokens were requested while the previous token still worked; each costs a "
        "login against the Run As user's hourly limit";
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(std::to_string(grants) +
                              " tokens granted, each after the previous one was rejected");
}

}  // namespace

const CheckDefinition kEnsureTokenIsReused{
    "EnsureTokenIsReused",
    "The client reuses its access token and asks for a new one only after the org rejects it",
    "Salesforce help: OAuth 2.0 Client Credentials Flow (no refresh token; expiry shows as "
    "INVALID_SESSION_ID); KB 000233559 (3,600 logins per user per hour)",
    Evaluate};

}  // namespace sfh::harness
