// REST and other API calls need the api scope (metadata name Api); a client-credentials app
// without it gets tokens the data API refuses. salesforce-wire.md §1.7 ("Typical valid scope:
// api", INFERRED; Api ↔ api pairing INFERRED).
#include "lint/rules/all_rules.h"
#include "lint/rules/scopes.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  if (!UsesClientCredentials(app)) return {};
  const ConfiguredScopes scopes = ScopesOf(app);
  if (scopes.file == nullptr) return {};
  bool some_valid = false;
  for (const std::string& name : scopes.names) {
    if (IsApiScope(name)) return {};
    if (DroppedScopeWireName(name).empty()) some_valid = true;
  }
  if (!some_valid) return {};  // eca-no-valid-scopes reports the app instead
  return {scopes.file->At(
      scopes.node, kApiScopeGranted.id, Severity::kWarning,
      "the app's scopes do not include Api (api): its tokens cannot call the REST or SOAP API",
      "Setup > External Client App Manager > " + app.name +
          " > Edit Settings > OAuth Settings > Selected OAuth Scopes: add \"Manage user data via "
          "APIs (api)\" unless the app only calls other APIs",
      "ExtlClntAppOauthSettings: add Api to <commaSeparatedOauthScopes>")};
}

}  // namespace

const Rule kApiScopeGranted = {"eca-no-api-scope", Severity::kWarning,
                               "A client-credentials app has no Api scope",
                               "salesforce-wire.md §1.7 (INFERRED)", Check};

}  // namespace sfh::lint
