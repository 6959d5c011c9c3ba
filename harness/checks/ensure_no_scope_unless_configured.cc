#include <fmt/format.h>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

// Scopes for client credentials come from the app's configuration; Salesforce may refuse a
// `scope` parameter outright. One the integrator configured (SF_SCOPE) may be sent as given.
CheckVerdict Evaluate(const CheckInput& input) {
  const std::string& configured = input.scenario.workload.scope;
  auto problem = [&configured](const mock::Exchange& e) -> std::optional<std::string> {
    const salesforce::Form params = ParamsOf(e);
    const auto scope = params.Get("scope");
    if (!scope) return std::nullopt;
    if (configured.empty()) {
      return fmt::format("sent scope=\"{}\", but no scope was configured (SF_SCOPE unset)", *scope);
    }
    if (*scope != configured) {
      return fmt::format("sent scope=\"{}\", but the configured scope is \"{}\"", *scope,
                         configured);
    }
    return std::nullopt;
  };
  return JudgeEach(
      input.exchanges, IsClientCredentialsRequest, problem,
      {"client-credentials token requests", "the client made no client-credentials token request",
       "carried a scope parameter nobody configured; Salesforce takes the scopes "
       "from the app and may answer invalid_request \"scope parameter not supported\"",
       "none with a scope that was not configured"});
}

}  // namespace

const CheckDefinition kEnsureNoScopeUnlessConfigured{
    "EnsureNoScopeUnlessConfigured",
    "The token request carries no scope parameter unless one was configured (SF_SCOPE)",
    "RFC 6749 section 4.4.2 (scope is optional); salesforce-wire.md section 1.1 "
    "(invalid_request: scope parameter not supported)",
    Evaluate};

}  // namespace sfh::harness
