// eca-dropped-scope for a Connected App: Full, RefreshToken and OfflineAccess are dropped for
// client credentials since Winter '26. salesforce-wire.md §1.7, §8 a (INFERRED).
#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ConnectedApp& app) {
  if (!app.ClientCredentialsEnabled()) return {};
  return DroppedScopeFindings(ScopesOf(app), kCaNoDroppedScopes.id, ScopeFixesFor(app));
}

}  // namespace

const Rule kCaNoDroppedScopes = {
    .id = "ca-dropped-scope",
    .severity = Severity::kWarning,
    .summary =
        "A client-credentials Connected App lists Full, RefreshToken or OfflineAccess, "
        "which the flow drops",
    .reference = "salesforce-wire.md §1.7, §8 a (INFERRED)",
    .check_connected_app = Check};

}  // namespace sfh::lint
