// authenticationProtocol is an enumeration: AwsSv4, Basic, Custom, Jwt, JwtExchange,
// NoAuthentication, Oauth, Password (CONFIRMED, Metadata API "ExternalCredential" v56.0+ and
// Tooling API "ExternalCredential" for Basic). OAuth client credentials is Oauth plus an
// AuthProtocolVariant; `OAuth2ClientCredentials` is circulating wrong advice
// (salesforce-wire.md §7.2, INFERRED), and the metadata spells Oauth so (the Connect API's OAuth
// is another API's spelling).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

constexpr std::array<std::string_view, 8> kProtocols = {
    "AwsSv4", "Basic", "Custom", "Jwt", "JwtExchange", "NoAuthentication", "Oauth", "Password"};

std::vector<Finding> Check(const ExternalCredential& credential) {
  if (std::ranges::find(kProtocols, credential.protocol) != kProtocols.end()) return {};
  const pugi::xml_node protocol = credential.file->root().child("authenticationProtocol");
  return {credential.file->At(
      protocol, kXcKnownProtocol.id, Severity::kError,
      credential.protocol.empty()
          ? std::string("the External Credential has no authenticationProtocol")
          : fmt::format("authenticationProtocol {} is not a protocol Salesforce knows: OAuth "
                        "client credentials is Oauth with an AuthProtocolVariant parameter",
                        credential.protocol),
      SetupPathOf(credential) +
          " > Edit: Authentication Protocol OAuth 2.0, Authentication Flow Type Client "
          "Credentials with Client Secret Flow",
      "ExternalCredential: <authenticationProtocol>Oauth</authenticationProtocol> and an "
      "externalCredentialParameters entry of parameterType AuthProtocolVariant, parameterValue "
      "ClientCredentialsClientSecret")};
}

}  // namespace

const Rule kXcKnownProtocol = {
    .id = "xc-unknown-protocol",
    .severity = Severity::kError,
    .summary =
        "An External Credential's authenticationProtocol is not a real value (e.g. "
        "OAuth2ClientCredentials instead of Oauth)",
    .reference =
        "Metadata API ExternalCredential (CONFIRMED); salesforce-wire.md §7.2 wrong "
        "advice (INFERRED)",
    .check_external_credential = Check};

}  // namespace sfh::lint
