// The global OAuth settings hold consumerSecret and "must not go in source control":
// salesforce-wire.md §7.1 (CONFIRMED, Metadata API v67.0).
#include "lint/rules/all_rules.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const EcaApp& app) {
  const XmlFile* settings = app.file(EcaFileKind::kGlobalOauth);
  const pugi::xml_node secret = ChildOf(settings, "consumerSecret");
  if (!HasText(secret)) return {};
  // The message never repeats the secret: lint output ends up in CI logs and code scanning.
  return {settings->At(
      secret, kNoConsumerSecretCommitted.id, Severity::kError,
      "a consumer secret is committed in the global OAuth settings: " +
          std::string(kSecretCommittedRisk),
      "Setup > External Client App Manager > " + app.name +
          " > Edit Settings > OAuth Settings: rotate the consumer secret (Generate), and keep the "
          "new one in a secret store",
      "Remove <consumerSecret> (or the whole .ecaGlblOauth file) from source control and its "
      "history; ExtlClntAppGlobalOauthSettings cannot be packaged")};
}

}  // namespace

const Rule kNoConsumerSecretCommitted = {
    "eca-consumer-secret-committed", Severity::kError,
    "A consumer secret is committed in the global OAuth settings",
    "salesforce-wire.md §7.1 ExtlClntAppGlobalOauthSettings (CONFIRMED)", Check};

}  // namespace sfh::lint
