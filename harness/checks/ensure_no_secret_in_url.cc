#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"
#include "salesforce/form.h"

namespace sfh::harness {
namespace {

CheckVerdict Evaluate(const CheckInput& input) {
  if (input.client_secret.empty()) return CheckVerdict::Skipped("no client secret was given");
  std::vector<Evidence> bad;
  for (const auto& e : input.exchanges) {
    // Look at the URL as sent and decoded: %-escapes must not hide the secret.
    const auto decoded = salesforce::PercentDecode(e.request.target, true);
    const bool in_raw = e.request.target.find(input.client_secret) != std::string::npos;
    const bool in_decoded = decoded && decoded->find(input.client_secret) != std::string::npos;
    if (in_raw || in_decoded) bad.push_back(EvidenceFor(e, "the client secret is in the URL"));
  }
  if (!bad.empty()) {
    std::string message = "the client secret appeared in the URL of " + std::to_string(bad.size()) +
                          " requests; URLs end up in proxy and server logs and browser history";
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed("no URL carried the client secret");
}

}  // namespace

const CheckDefinition kEnsureNoSecretInUrl{
    "EnsureNoSecretInUrl", "No request carries the client secret in its URL",
    "RFC 6749 section 2.3.1: client credentials MUST NOT be included in the request URI", Evaluate};

}  // namespace sfh::harness
