// Full, RefreshToken and OfflineAccess no longer count for client credentials (Winter '26): they
// are dropped silently while another scope remains. salesforce-wire.md §1.7, §8 claim a (INFERRED).
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  if (!UsesClientCredentials(app)) return {};
  const ConfiguredScopes scopes = ScopesOf(app);
  std::vector<Finding> findings;
  bool some_valid = false;
  for (const std::string& name : scopes.names) {
    if (DroppedScopeWireName(name).empty()) some_valid = true;
  }
  if (!some_valid) return {};  // eca-no-valid-scopes reports the app instead
  for (const std::string& name : scopes.names) {
    const std::string_view wire = DroppedScopeWireName(name);
    if (wire.empty()) continue;
    findings.push_back(scopes.file->At(
        scopes.node, kNoDroppedScopes.id, Severity::kWarning,
        fmt::format("scope {} ({}) does not count for client credentials since Winter '26 and is "
                    "dropped from the token",
                    name, wire),
        "Setup > External Client App Manager > " + app.name +
            " > Edit Settings > OAuth Settings > Selected OAuth Scopes: remove it unless another "
            "flow of this app needs it",
        fmt::format("ExtlClntAppOauthSettings: remove {} from <commaSeparatedOauthScopes>", name)));
  }
  return findings;
}

}  // namespace

const Rule kNoDroppedScopes = {
    "eca-dropped-scope", Severity::kWarning,
    "A client-credentials app lists Full, RefreshToken or OfflineAccess, which the flow drops",
    "salesforce-wire.md §1.7, §8 a (INFERRED)", Check};

}  // namespace sfh::lint
