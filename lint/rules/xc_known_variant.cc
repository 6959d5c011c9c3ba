// AuthProtocolVariant's values are ClientCredentialsClientSecret,
// ClientCredentialsClientSecretBasic, ClientCredentialsJwtAssertion, JwtBearer, AwsSv4_STS,
// RolesAnywhere and NoAuthentication (CONFIRMED, Apex
// ConnectApi.CredentialAuthenticationProtocolVariant, salesforce-wire.md §7.2). Anything else does
// not deploy or does not run the flow.
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ExternalCredential& credential) {
  const CredentialParameter* variant = credential.Find("AuthProtocolVariant");
  if (variant == nullptr || IsKnownVariant(variant->value)) return {};
  return {credential.file->At(
      ValueNode(*variant), kXcKnownVariant.id, Severity::kError,
      fmt::format("AuthProtocolVariant {} is not a variant Salesforce knows; client credentials "
                  "is ClientCredentialsClientSecret (secret in the body), "
                  "ClientCredentialsClientSecretBasic (Basic header) or "
                  "ClientCredentialsJwtAssertion",
                  variant->value.empty() ? std::string("\"\"") : variant->value),
      SetupPathOf(credential) +
          " > Edit: Authentication Flow Type Client Credentials with Client Secret Flow",
      "ExternalCredential: the AuthProtocolVariant parameter's "
      "<parameterValue>ClientCredentialsClientSecret</parameterValue>")};
}

}  // namespace

const Rule kXcKnownVariant = {
    .id = "xc-unknown-variant",
    .severity = Severity::kError,
    .summary = "An External Credential's AuthProtocolVariant is not a real variant name",
    .reference =
        "salesforce-wire.md §7.2 (CONFIRMED, Apex "
        "ConnectApi.CredentialAuthenticationProtocolVariant)",
    .check_external_credential = Check};

}  // namespace sfh::lint
