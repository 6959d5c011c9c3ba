// Full, RefreshToken and OfflineAccess no longer count for client credentials (Winter '26): they
// are dropped silently while another scope remains. salesforce-wire.md §1.7, §8 claim a (INFERRED).
#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  if (!UsesClientCredentials(app)) return {};
  return DroppedScopeFindings(ScopesOf(app), kNoDroppedScopes.id, ScopeFixesFor(app));
}

}  // namespace

const Rule kNoDroppedScopes = {
    "eca-dropped-scope", Severity::kWarning,
    "A client-credentials app lists Full, RefreshToken or OfflineAccess, which the flow drops",
    "salesforce-wire.md §1.7, §8 a (INFERRED)", Check};

}  // namespace sfh::lint
