#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"
#include "salesforce/form.h"

namespace sfh::harness {
namespace {

// The ways a token request can prove who the client is, as sent.
std::vector<std::string> AuthenticationMethods(const mock::Exchange& e) {
  std::vector<std::string> methods;
  for (const auto& [name, value] : e.request.headers.fields()) {
    if (!mock::EqualsIgnoreCase(name, "Authorization")) continue;
    if (salesforce::ParseBasicAuthorization(value)) methods.push_back("HTTP Basic");
  }
  const salesforce::Form params = ParamsOf(e);
  if (params.Has("client_secret")) methods.push_back("client_secret in the form");
  if (params.Has("client_assertion")) methods.push_back("client_assertion in the form");
  return methods;
}

std::optional<std::string> Problem(const mock::Exchange& e) {
  const auto methods = AuthenticationMethods(e);
  if (methods.size() <= 1) return std::nullopt;
  std::string list;
  for (const auto& m : methods) list += (list.empty() ? "" : " and ") + m;
  return "authenticated with " + list;
}

CheckVerdict Evaluate(const CheckInput& input) {
  return JudgeEach(input.exchanges, IsTokenRequest, Problem,
                   {"token requests", "the client made no token request",
                    "authenticated the client more than one way at once; send the credentials "
                    "either with HTTP Basic or in the form body",
                    "each authenticated one way"});
}

}  // namespace

const CheckDefinition kEnsureClientAuthenticatesOnce{
    "EnsureClientAuthenticatesOnce",
    "The token request authenticates the client one way only: HTTP Basic or the form body",
    "RFC 6749 section 2.3: the client MUST NOT use more than one authentication method in each "
    "request",
    Evaluate};

}  // namespace sfh::harness
