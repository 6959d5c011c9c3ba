#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

CheckVerdict Evaluate(const CheckInput& input) {
  std::vector<Evidence> bad;
  size_t seen = 0;
  for (const auto& e : input.exchanges) {
    if (!IsTokenRequest(e)) continue;
    ++seen;
    if (e.request.host != mock::VirtualHost::kMyDomain) {
      bad.push_back(EvidenceFor(e, "sent to the " + std::string(mock::ToString(e.request.host)) +
                                       " host, not the My Domain"));
    }
  }
  if (seen == 0) return CheckVerdict::Skipped("the client made no token request");
  if (!bad.empty()) {
    std::string message =
        std::to_string(bad.size()) +
        " token requests did not go to the My Domain; login.salesforce.com and "
        "test.salesforce.com answer invalid_grant: request not supported on this domain";
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(std::to_string(seen) + " token requests, all to the My Domain");
}

}  // namespace

const CheckDefinition kEnsureTokenRequestedFromMyDomain{
    "EnsureTokenRequestedFromMyDomain",
    "Token requests go to the org's My Domain, not login.salesforce.com or test.salesforce.com",
    "Salesforce help: OAuth 2.0 Client Credentials Flow (use the My Domain token endpoint); "
    "salesforce-wire.md section 1.2",
    Evaluate};

}  // namespace sfh::harness
