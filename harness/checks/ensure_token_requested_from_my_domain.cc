#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

std::optional<std::string> Problem(const mock::Exchange& e) {
  if (e.request.host == mock::VirtualHost::kMyDomain) return std::nullopt;
  return "sent to the " + std::string(mock::ToString(e.request.host)) + " host, not the My Domain";
}

CheckVerdict Evaluate(const CheckInput& input) {
  return JudgeEach(input.exchanges, IsTokenRequest, Problem,
                   {"token requests", "the client made no token request",
                    "did not go to the My Domain; login.salesforce.com and test.salesforce.com "
                    "answer invalid_grant: request not supported on this domain",
                    "all to the My Domain"});
}

}  // namespace

const CheckDefinition kEnsureTokenRequestedFromMyDomain{
    "EnsureTokenRequestedFromMyDomain",
    "Token requests go to the org's My Domain, not login.salesforce.com or test.salesforce.com",
    "Salesforce help: OAuth 2.0 Client Credentials Flow (use the My Domain token endpoint); "
    "salesforce-wire.md section 1.2",
    Evaluate};

}  // namespace sfh::harness
