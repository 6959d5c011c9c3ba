#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"
#include "salesforce/form.h"

namespace sfh::harness {
namespace {

bool IsFormEncoded(const mock::Exchange& e) {
  const auto type = e.request.headers.Get("Content-Type");
  return type && salesforce::IsFormMediaType(*type);
}

CheckVerdict Evaluate(const CheckInput& input) {
  std::vector<Evidence> bad;
  size_t seen = 0;
  for (const auto& e : input.exchanges) {
    if (!IsTokenRequest(e)) continue;
    ++seen;
    if (e.request.method != "POST") {
      bad.push_back(EvidenceFor(e, "sent with " + e.request.method + ", not POST"));
    } else if (!IsFormEncoded(e)) {
      bad.push_back(EvidenceFor(
          e, "Content-Type is " + e.request.headers.Get("Content-Type").value_or("missing")));
    }
  }
  if (seen == 0) return CheckVerdict::Skipped("the client made no token request");
  if (!bad.empty()) {
    std::string message =
        std::to_string(bad.size()) + " of " + std::to_string(seen) +
        " token requests were not a form-encoded POST; Salesforce answers a JSON body with "
        "unsupported_grant_type";
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(std::to_string(seen) + " token requests, all form-encoded POSTs");
}

}  // namespace

const CheckDefinition kEnsureTokenRequestIsFormEncodedPost{
    "EnsureTokenRequestIsFormEncodedPost",
    "The token request is an HTTP POST with an application/x-www-form-urlencoded body",
    "RFC 6749 section 4.4.2 and appendix B; Salesforce help: OAuth 2.0 Client Credentials Flow",
    Evaluate};

}  // namespace sfh::harness
