#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

bool AnyRequest(const mock::Exchange&) { return true; }

CheckVerdict Evaluate(const CheckInput& input) {
  const std::string& secret = input.client_secret;
  if (secret.empty()) return CheckVerdict::Skipped("no client secret was given");
  auto problem = [&secret](const mock::Exchange& e) -> std::optional<std::string> {
    if (ContainsSecret(e.request.target, secret)) return "the client secret is in the URL";
    return std::nullopt;
  };
  return JudgeEach(input.exchanges, AnyRequest, problem,
                   {"requests", "the client sent no request",
                    "carried the client secret in their URL, which ends up in proxy and server "
                    "logs",
                    "none with the client secret in its URL"});
}

}  // namespace

const CheckDefinition kEnsureNoSecretInUrl{
    "EnsureNoSecretInUrl", "No request carries the client secret in its URL",
    "RFC 6749 section 2.3.1: client credentials MUST NOT be included in the request URI", Evaluate};

}  // namespace sfh::harness
