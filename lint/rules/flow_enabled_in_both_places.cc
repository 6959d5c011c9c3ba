// Client credentials must be switched on by the developer (global OAuth settings) and by the
// admin (OAuth policies): salesforce-wire.md §0.10 and §7.1 "Owner versus subscriber"
// (CONFIRMED, Metadata API v67.0). What the org answers when only one is on is UNVERIFIED (§2.1).
#include "lint/rules/all_rules.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  const XmlFile* settings = app.file(EcaFileKind::kGlobalOauth);
  const XmlFile* policies = app.file(EcaFileKind::kOauthPolicies);
  // The global settings hold the consumer secret and are often kept out of source control
  // (§7.1); the policies are created by the org on first deploy. Without both, nothing to compare.
  if (settings == nullptr || policies == nullptr) return {};
  const bool in_settings = FlowEnabledIn(settings);
  const bool in_policies = FlowEnabledIn(policies);
  if (in_settings == in_policies) return {};
  const std::string_view id = kFlowEnabledInBothPlaces.id;
  if (in_settings) {
    return {policies->At(
        ChildOf(policies, "isClientCredentialsFlowEnabled"), id, Severity::kError,
        "client credentials is enabled in the global OAuth settings (" + settings->path +
            ") but not in the app's OAuth policies: the org will not issue a token",
        "Setup > External Client App Manager > " + app.name +
            " > Edit Policies > OAuth Policies: check Enable Client Credentials Flow and set "
            "Run As",
        "ExtlClntAppOauthConfigurablePolicies: <isClientCredentialsFlowEnabled>true"
        "</isClientCredentialsFlowEnabled> with a <clientCredentialsFlowUser>")};
  }
  return {settings->At(
      ChildOf(settings, "isClientCredentialsFlowEnabled"), id, Severity::kError,
      "client credentials is enabled in the OAuth policies (" + policies->path +
          ") but not in the global OAuth settings: the developer's switch is off",
      "Setup > External Client App Manager > " + app.name +
          " > Edit Settings > OAuth Settings > Flow Enablement: check Enable Client Credentials "
          "Flow",
      "ExtlClntAppGlobalOauthSettings: <isClientCredentialsFlowEnabled>true"
      "</isClientCredentialsFlowEnabled>")};
}

}  // namespace

const Rule kFlowEnabledInBothPlaces = {
    "eca-flow-mismatch", Severity::kError,
    "Client credentials is enabled in the global OAuth settings but not in the OAuth policies, "
    "or the reverse",
    "salesforce-wire.md §0.10, §7.1 Owner versus subscriber (CONFIRMED)", Check};

}  // namespace sfh::lint
