// A Connected App's oauthConfig/consumerSecret (ConnectedAppOauthConfig, CONFIRMED, see
// lint/connected_app.cc) is the client secret of client credentials: like the ECA's global OAuth
// settings it must not go in source control (salesforce-wire.md §7.1, CONFIRMED for ECAs).
#include "lint/rules/all_rules.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ConnectedApp& app) {
  const pugi::xml_node secret = app.OauthField("consumerSecret");
  if (!HasText(secret)) return {};
  // The message never repeats the secret: lint output ends up in CI logs and code scanning.
  return {app.file->At(
      secret, kCaNoConsumerSecretCommitted.id, Severity::kError,
      "a consumer secret is committed in the Connected App's <oauthConfig>: " +
          std::string(kSecretCommittedRisk),
      "Setup > App Manager > " + app.name +
          " > View > Manage Consumer Details: rotate the consumer secret (staged consumer "
          "details), and keep the new one in a secret store",
      "Remove <consumerSecret> from the .connectedApp file, its source control and history")};
}

}  // namespace

const Rule kCaNoConsumerSecretCommitted = {
    .id = "ca-consumer-secret-committed",
    .severity = Severity::kError,
    .summary = "A consumer secret is committed in a Connected App",
    .reference =
        "Metadata API ConnectedAppOauthConfig.consumerSecret (CONFIRMED, "
        "lint/connected_app.cc); salesforce-wire.md §7.1 (CONFIRMED)",
    .check_connected_app = Check};

}  // namespace sfh::lint
