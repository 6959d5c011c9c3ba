// Since Winter '26, full, refresh_token and offline_access are dropped for client credentials;
// with nothing else left the org answers invalid_grant / no valid scopes defined.
// salesforce-wire.md §1.7 and §8 claim a (INFERRED).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  if (!UsesClientCredentials(app)) return {};
  const ConfiguredScopes scopes = ScopesOf(app);
  if (scopes.file == nullptr) return {};  // the scopes are not in this project
  for (const std::string& name : scopes.names) {
    if (DroppedScopeWireName(name).empty()) return {};
  }
  const std::string what =
      scopes.names.empty()
          ? std::string("no OAuth scopes are configured")
          : fmt::format("the only scopes ({}) are dropped for client credentials since Winter '26",
                        fmt::join(scopes.names, ", "));
  return {scopes.file->At(
      scopes.node, kSomeValidScope.id, Severity::kError,
      what + ": the org answers invalid_grant / no valid scopes defined",
      "Setup > External Client App Manager > " + app.name +
          " > Edit Settings > OAuth Settings > Selected OAuth Scopes: add \"Manage user data via "
          "APIs (api)\"",
      "ExtlClntAppOauthSettings: <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>")};
}

}  // namespace

const Rule kSomeValidScope = {
    "eca-no-valid-scopes", Severity::kError,
    "A client-credentials app has no scope that counts for the flow (only Full, RefreshToken or "
    "OfflineAccess, or none)",
    "salesforce-wire.md §1.7, §8 a (INFERRED)", Check};

}  // namespace sfh::lint
