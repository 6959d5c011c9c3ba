// Since Winter '26, full, refresh_token and offline_access are dropped for client credentials;
// with nothing else left the org answers invalid_grant / no valid scopes defined.
// salesforce-wire.md §1.7 and §8 claim a (INFERRED).
#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  if (!UsesClientCredentials(app)) return {};
  return NoValidScopeFindings(ScopesOf(app), kSomeValidScope.id, ScopeFixesFor(app));
}

}  // namespace

const Rule kSomeValidScope = {
    "eca-no-valid-scopes", Severity::kError,
    "A client-credentials app has no scope that counts for the flow (only Full, RefreshToken or "
    "OfflineAccess, or none)",
    "salesforce-wire.md §1.7, §8 a (INFERRED)", Check};

}  // namespace sfh::lint
