// A Named Credential's Authentication parameter names its External Credential
// (salesforce-wire.md §7.2, INFERRED). One that is not in the project may be deployed separately
// or already be in the org, so this is a warning: the deploy fails if it is in neither.
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const NamedCredential& credential, const MetadataProject& project) {
  const std::string name = credential.ExternalCredentialName();
  if (name.empty() || project.FindExternalCredential(name) != nullptr) return {};
  const CredentialParameter* authentication = credential.Find("Authentication");
  return {credential.file->At(
      authentication->node.child("externalCredential"), kNcExternalCredentialKnown.id,
      Severity::kWarning,
      fmt::format("the External Credential {} is not in this project: deploy it with the Named "
                  "Credential, or make sure the org already has it",
                  name),
      SetupPathOf(credential) + " > Edit: External Credential",
      fmt::format("add externalCredentials/{}.externalCredential-meta.xml, or fix "
                  "<externalCredential>",
                  name))};
}

}  // namespace

const Rule kNcExternalCredentialKnown = {
    .id = "nc-unknown-external-credential",
    .severity = Severity::kWarning,
    .summary = "A Named Credential names an External Credential that is not in the project",
    .reference = "salesforce-wire.md §7.2 (INFERRED)",
    .check_named_credential = Check};

}  // namespace sfh::lint
