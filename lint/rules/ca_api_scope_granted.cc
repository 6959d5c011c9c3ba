// eca-no-api-scope for a Connected App: without Api (api) its tokens cannot call the REST or SOAP
// API. salesforce-wire.md §1.7 (INFERRED).
#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ConnectedApp& app) {
  if (!app.ClientCredentialsEnabled()) return {};
  return NoApiScopeFindings(ScopesOf(app), kCaApiScopeGranted.id, ScopeFixesFor(app));
}

}  // namespace

const Rule kCaApiScopeGranted = {.id = "ca-no-api-scope",
                                 .severity = Severity::kWarning,
                                 .summary = "A client-credentials Connected App has no Api scope",
                                 .reference = "salesforce-wire.md §1.7 (INFERRED)",
                                 .check_connected_app = Check};

}  // namespace sfh::lint
