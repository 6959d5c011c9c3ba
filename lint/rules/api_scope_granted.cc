// REST and other API calls need the api scope (metadata name Api); a client-credentials app
// without it gets tokens the data API refuses. salesforce-wire.md §1.7 ("Typical valid scope:
// api", INFERRED; Api ↔ api pairing INFERRED).
#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  if (!UsesClientCredentials(app)) return {};
  return NoApiScopeFindings(ScopesOf(app), kApiScopeGranted.id, ScopeFixesFor(app));
}

}  // namespace

const Rule kApiScopeGranted = {"eca-no-api-scope", Severity::kWarning,
                               "A client-credentials app has no Api scope",
                               "salesforce-wire.md §1.7 (INFERRED)", Check};

}  // namespace sfh::lint
