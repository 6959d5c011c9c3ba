// A Connected App runs client credentials as oauthConfig/oauthClientCredentialUser; the flag
// isClientCredentialEnabled needs it ("you must also specify a user for
// oauthClientCredentialUser", Metadata API ConnectedAppOauthConfig, INFERRED: quoted by several
// public repositories, see lint/connected_app.cc). Without one the org answers invalid_grant /
// no client credentials user enabled (salesforce-wire.md §2.1, INFERRED).
#include "lint/rules/all_rules.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ConnectedApp& app) {
  if (!app.ClientCredentialsEnabled()) return {};
  const pugi::xml_node user = app.OauthField("oauthClientCredentialUser");
  if (HasText(user)) return {};
  return {app.file->At(
      user ? user : app.OauthField("isClientCredentialEnabled"), kCaRunAsUserSet.id,
      Severity::kError,
      "the Connected App enables client credentials but names no Run As user: " +
          std::string(kNoRunAsUserAnswer),
      "Setup > App Manager > " + app.name +
          " > Manage > Edit Policies > Client Credentials Flow: set Run As to an active user "
          "(an API Only user is recommended)",
      "ConnectedApp: <oauthClientCredentialUser>USERNAME</oauthClientCredentialUser> in "
      "<oauthConfig>")};
}

}  // namespace

const Rule kCaRunAsUserSet = {
    .id = "ca-no-run-as-user",
    .severity = Severity::kError,
    .summary = "A Connected App enables client credentials without a Run As user",
    .reference =
        "Metadata API ConnectedAppOauthConfig (INFERRED, lint/connected_app.cc); error "
        "string salesforce-wire.md §2.1 (INFERRED)",
    .check_connected_app = Check};

}  // namespace sfh::lint
