// Client credentials runs as the policy's Run As user (clientCredentialsFlowUser); without one
// the org answers invalid_grant / no client credentials user enabled. salesforce-wire.md §0.10
// and §7.1 (field: CONFIRMED, Metadata API v67.0); the error string §2.1 (INFERRED).
#include "lint/rules/all_rules.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  const XmlFile* policies = app.file(EcaFileKind::kOauthPolicies);
  if (!FlowEnabledIn(policies)) return {};
  const pugi::xml_node user = ChildOf(policies, "clientCredentialsFlowUser");
  if (HasText(user)) return {};
  return {policies->At(
      user ? user : ChildOf(policies, "isClientCredentialsFlowEnabled"), kRunAsUserSet.id,
      Severity::kError,
      "client credentials is enabled in the OAuth policies but no Run As user is set: " +
          std::string(kNoRunAsUserAnswer),
      "Setup > External Client App Manager > " + app.name +
          " > Edit Policies > OAuth Policies > Client Credentials Flow: set Run As to an active "
          "user's username (an API Only user is recommended)",
      "ExtlClntAppOauthConfigurablePolicies: <clientCredentialsFlowUser>USERNAME"
      "</clientCredentialsFlowUser>")};
}

}  // namespace

const Rule kRunAsUserSet = {
    "eca-no-run-as-user", Severity::kError,
    "Client credentials is enabled in the OAuth policies without a Run As user",
    "salesforce-wire.md §0.10, §7.1 (CONFIRMED); error string §2.1 (INFERRED)", Check};

}  // namespace sfh::lint
