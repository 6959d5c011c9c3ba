#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"
#include "salesforce/form.h"

namespace sfh::harness {
namespace {

std::optional<std::string> Problem(const mock::Exchange& e) {
  if (e.request.method != "POST") return "sent with " + e.request.method + ", not POST";
  const auto type = e.request.headers.Get("Content-Type");
  if (type && salesforce::IsFormMediaType(*type)) return std::nullopt;
  return "Content-Type is " + std::string(type.value_or("missing"));
}

CheckVerdict Evaluate(const CheckInput& input) {
  return JudgeEach(input.exchanges, IsTokenRequest, Problem,
                   {"token requests", "the client made no token request",
                    "were not a form-encoded POST; Salesforce answers a JSON body with "
                    "unsupported_grant_type",
                    "all form-encoded POSTs"});
}

}  // namespace

const CheckDefinition kEnsureTokenRequestIsFormEncodedPost{
    "EnsureTokenRequestIsFormEncodedPost",
    "The token request is an HTTP POST with an application/x-www-form-urlencoded body",
    "RFC 6749 section 4.4.2 and appendix B; Salesforce help: OAuth 2.0 Client Credentials Flow",
    Evaluate};

}  // namespace sfh::harness
