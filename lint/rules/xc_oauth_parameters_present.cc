// An Oauth External Credential names its flow: an AuthProtocolVariant (client credentials, JWT
// bearer), or an AuthProvider parameter for the browser flow (INFERRED, retrieved metadata in
// public code). The token flows need the token URL too; the deploy says so: 'Authentication
// protocol "Oauth ClientCredentialsClientSecretBasic" requires the following external credential
// parameter types: AuthProtocolVariant, AuthProviderUrl.' (salesforce-wire.md §7.2, INFERRED).
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ExternalCredential& credential) {
  if (!IsOauth(credential)) return {};
  const pugi::xml_node at = credential.file->root().child("authenticationProtocol");
  const CredentialParameter* variant = credential.Find("AuthProtocolVariant");
  if (variant == nullptr) {
    if (credential.Find("AuthProvider") != nullptr) return {};  // browser flow
    return {credential.file->At(
        at, kXcOauthParametersPresent.id, Severity::kError,
        "the Oauth External Credential has no AuthProtocolVariant parameter (nor an "
        "AuthProvider): the deploy requires AuthProtocolVariant and AuthProviderUrl for client "
        "credentials",
        SetupPathOf(credential) +
            " > Edit: Authentication Flow Type Client Credentials with Client Secret Flow",
        "ExternalCredential: an externalCredentialParameters entry with "
        "<parameterType>AuthProtocolVariant</parameterType> and "
        "<parameterValue>ClientCredentialsClientSecret</parameterValue>")};
  }
  const bool token_flow =
      IsClientCredentialsVariant(variant->value) || variant->value == "JwtBearer";
  const CredentialParameter* url = credential.Find("AuthProviderUrl");
  if (!token_flow || (url != nullptr && !url->value.empty())) return {};
  return {credential.file->At(
      url != nullptr ? ValueNode(*url) : at, kXcOauthParametersPresent.id, Severity::kError,
      fmt::format("the {} External Credential has no token URL (AuthProviderUrl): the deploy "
                  "requires AuthProtocolVariant and AuthProviderUrl",
                  variant->value),
      SetupPathOf(credential) + " > Edit: Identity Provider URL",
      "ExternalCredential: an externalCredentialParameters entry with "
      "<parameterType>AuthProviderUrl</parameterType> and the full token URL as "
      "<parameterValue>")};
}

}  // namespace

const Rule kXcOauthParametersPresent = {
    .id = "xc-missing-oauth-parameter",
    .severity = Severity::kError,
    .summary =
        "An Oauth External Credential lacks its AuthProtocolVariant or, for a token flow, "
        "its AuthProviderUrl",
    .reference = "salesforce-wire.md §7.2, deploy error text (INFERRED)",
    .check_external_credential = Check};

}  // namespace sfh::lint
