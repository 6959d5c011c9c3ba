#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

CheckVerdict Evaluate(const CheckInput& input) {
  std::vector<Evidence> bad;
  std::optional<GrantedToken> current;
  size_t judged = 0;
  for (const auto& e : input.exchanges) {
    if (auto grant = GrantOf(e)) {
      current = std::move(grant);
      continue;
    }
    if (!IsRestCall(e) || !current) continue;
    ++judged;
    const std::string base = BaseUrlOf(e, input.hosts);
    if (base != current->instance_url) {
      bad.push_back(EvidenceFor(
          e, "sent to " + base + " while the token's instance_url is " + current->instance_url));
    }
  }
  if (judged == 0) return CheckVerdict::Skipped("no REST call followed a granted token");
  if (!bad.empty()) {
    std::string message = std::to_string(bad.size()) + " of " + std::to_string(judged) +
                          " REST calls did not use the instance_url of the token response";
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(std::to_string(judged) +
                              " REST calls, all to the token response's instance_url");
}

}  // namespace

const CheckDefinition kEnsureRestCallsUseInstanceUrl{
    "EnsureRestCallsUseInstanceUrl",
    "REST calls go to the instance_url of the latest token response",
    "Salesforce REST API Developer Guide: use instance_url from the token response as the base "
    "of every call",
    Evaluate};

}  // namespace sfh::harness
