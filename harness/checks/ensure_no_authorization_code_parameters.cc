#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

// Parameters of the authorization-code grant and PKCE (RFC 6749 4.1.3, RFC 7636 4.5) that have
// no meaning in a client-credentials request.
constexpr std::string_view kCodeFlowParameters[] = {"redirect_uri", "code", "code_verifier",
                                                    "code_challenge", "code_challenge_method"};

std::optional<std::string> Problem(const mock::Exchange& e) {
  const salesforce::Form params = ParamsOf(e);
  std::string sent;
  for (std::string_view name : kCodeFlowParameters) {
    if (params.Has(name)) sent += (sent.empty() ? "" : ", ") + std::string(name);
  }
  if (sent.empty()) return std::nullopt;
  return "sent " + sent;
}

CheckVerdict Evaluate(const CheckInput& input) {
  return JudgeEach(
      input.exchanges, IsClientCredentialsRequest, Problem,
      {"client-credentials token requests", "the client made no client-credentials token request",
       "carried parameters of the authorization-code flow; client credentials needs "
       "no redirect_uri and no PKCE, and a client that sends them was built for "
       "another flow",
       "none with authorization-code or PKCE parameters"});
}

}  // namespace

const CheckDefinition kEnsureNoAuthorizationCodeParameters{
    "EnsureNoAuthorizationCodeParameters",
    "The client-credentials token request carries no redirect_uri, code or PKCE parameters",
    "RFC 6749 section 4.4.2 (the request's parameters); Salesforce help: OAuth 2.0 Client "
    "Credentials Flow for Server-to-Server Integration",
    Evaluate};

}  // namespace sfh::harness
