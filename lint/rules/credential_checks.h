// What the xc- and nc- rules share about External and Named Credentials: which credentials use
// OAuth client credentials, where their token URL points, and the Setup paths of the fixes.
// References: salesforce-wire.md §7.2, §8 e/g; host classes from sfh::salesforce (§1.2, §6).
#ifndef SFH_LINT_RULES_CREDENTIAL_CHECKS_H_
#define SFH_LINT_RULES_CREDENTIAL_CHECKS_H_

#include <optional>
#include <string>
#include <string_view>

#include "lint/credentials.h"
#include "salesforce/hosts.h"

namespace sfh::lint {

// The metadata spelling of the OAuth protocol (authenticationProtocol; the Connect API writes
// OAuth). CONFIRMED: Metadata API "ExternalCredential".
inline constexpr std::string_view kOauthProtocol = "Oauth";

// Whether authenticationProtocol is Oauth.
bool IsOauth(const ExternalCredential& credential);

// Whether `variant` is ClientCredentialsClientSecret, ClientCredentialsClientSecretBasic or
// ClientCredentialsJwtAssertion (CONFIRMED, Apex
// ConnectApi.CredentialAuthenticationProtocolVariant, salesforce-wire.md §7.2).
bool IsClientCredentialsVariant(std::string_view variant);

// Whether `variant` is any real AuthProtocolVariant: the three above, JwtBearer, AwsSv4_STS,
// RolesAnywhere, NoAuthentication (same source).
bool IsKnownVariant(std::string_view variant);

// Oauth with a client-credentials variant.
bool UsesClientCredentials(const ExternalCredential& credential);

// The AuthProviderUrl of a credential whose token URL is on a Salesforce host (any host class
// but unknown and loopback: a non-Salesforce identity provider is not lint's business).
struct SalesforceTokenUrl {
  const CredentialParameter* parameter = nullptr;  // the AuthProviderUrl parameter
  salesforce::HostInfo host;
  std::string path;  // the URL's path, without query or fragment; "" when it has none
};
std::optional<SalesforceTokenUrl> SalesforceTokenUrlOf(const ExternalCredential& credential);

// The element to point at for a parameter's value: <parameterValue>, else the parameter.
pugi::xml_node ValueNode(const CredentialParameter& parameter);
// The element to point at for a parameter's type: <parameterType>, else the parameter.
pugi::xml_node TypeNode(const CredentialParameter& parameter);

// A legacy Named Credential: namedCredentialType Legacy, or no type and an <endpoint> (the
// pre-Winter '23 shape; CONFIRMED deprecated, Metadata API "NamedCredential").
bool IsLegacy(const NamedCredential& credential);

// "Setup > Named Credentials > External Credentials > NAME", "... > Named Credentials > NAME".
std::string SetupPathOf(const ExternalCredential& credential);
std::string SetupPathOf(const NamedCredential& credential);

}  // namespace sfh::lint

#endif  // SFH_LINT_RULES_CREDENTIAL_CHECKS_H_
