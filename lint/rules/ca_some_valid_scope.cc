// eca-no-valid-scopes for a Connected App: with only full, refresh_token and offline_access the
// org answers invalid_grant / no valid scopes defined. salesforce-wire.md §1.7, §8 a (INFERRED).
#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ConnectedApp& app) {
  if (!app.ClientCredentialsEnabled()) return {};
  return NoValidScopeFindings(ScopesOf(app), kCaSomeValidScope.id, ScopeFixesFor(app));
}

}  // namespace

const Rule kCaSomeValidScope = {
    .id = "ca-no-valid-scopes",
    .severity = Severity::kError,
    .summary =
        "A client-credentials Connected App has no scope that counts for the flow (only "
        "Full, RefreshToken or OfflineAccess, or none)",
    .reference = "salesforce-wire.md §1.7, §8 a (INFERRED)",
    .check_connected_app = Check};

}  // namespace sfh::lint
