#include <set>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

CheckVerdict Evaluate(const CheckInput& input) {
  std::set<std::string> granted;
  std::vector<Evidence> bad;
  size_t judged = 0;
  for (const auto& e : input.exchanges) {
    if (auto grant = GrantOf(e)) granted.insert(grant->access_token);
    if (!IsRestCall(e)) continue;
    ++judged;
    const auto token = BearerTokenOf(e);
    if (!token) {
      const auto scheme = AuthorizationSchemeOf(e);
      bad.push_back(EvidenceFor(e, scheme ? "Authorization scheme is " + *scheme + ", not Bearer"
                                          : "no Authorization header"));
    } else if (!granted.contains(*token)) {
      bad.push_back(EvidenceFor(e, "the Bearer token is not one the token endpoint granted"));
    }
  }
  if (judged == 0) return CheckVerdict::Skipped("the client made no REST call");
  if (!bad.empty()) {
    std::string message =
        std::to_string(bad.size()) + " of " + std::to_string(judged) +
        " REST calls did not send a granted access token as Authorization: Bearer";
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(std::to_string(judged) + " REST calls, all with a Bearer token");
}

}  // namespace

const CheckDefinition kEnsureRestCallsSendBearerToken{
    "EnsureRestCallsSendBearerToken",
    "REST calls send the granted access token as Authorization: Bearer",
    "RFC 6750 section 2.1; the token response's token_type is \"Bearer\"", Evaluate};

}  // namespace sfh::harness
