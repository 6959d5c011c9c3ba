#include "lint/rules/credential_checks.h"

#include <algorithm>
#include <array>

namespace sfh::lint {
namespace {

constexpr std::array<std::string_view, 3> kClientCredentialsVariants = {
    "ClientCredentialsClientSecret", "ClientCredentialsClientSecretBasic",
    "ClientCredentialsJwtAssertion"};
constexpr std::array<std::string_view, 4> kOtherVariants = {"JwtBearer", "AwsSv4_STS",
                                                            "RolesAnywhere", "NoAuthentication"};

// The path of an absolute URL: from the first '/' after "scheme://host" to '?' or '#'.
std::string PathOf(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  url.remove_prefix(scheme + 3);
  const auto slash = url.find('/');
  if (slash == std::string_view::npos) return "";
  url.remove_prefix(slash);
  return std::string(url.substr(0, url.find_first_of("?#")));
}

}  // namespace

bool IsOauth(const ExternalCredential& credential) { return credential.protocol == kOauthProtocol; }

bool IsClientCredentialsVariant(std::string_view variant) {
  return std::ranges::find(kClientCredentialsVariants, variant) != kClientCredentialsVariants.end();
}

bool IsKnownVariant(std::string_view variant) {
  return IsClientCredentialsVariant(variant) ||
         std::ranges::find(kOtherVariants, variant) != kOtherVariants.end();
}

bool UsesClientCredentials(const ExternalCredential& credential) {
  return IsOauth(credential) && IsClientCredentialsVariant(credential.Variant());
}

std::optional<SalesforceTokenUrl> SalesforceTokenUrlOf(const ExternalCredential& credential) {
  const CredentialParameter* url = credential.Find("AuthProviderUrl");
  if (url == nullptr || url->value.empty()) return std::nullopt;
  SalesforceTokenUrl token{url, salesforce::ClassifyHost(url->value), PathOf(url->value)};
  if (token.host.host_class == salesforce::HostClass::kUnknown ||
      token.host.host_class == salesforce::HostClass::kLoopback) {
    return std::nullopt;
  }
  return token;
}

bool IsLegacy(const NamedCredential& credential) {
  return credential.type == "Legacy" ||
         (credential.type.empty() && credential.file->root().child("endpoint"));
}

pugi::xml_node ValueNode(const CredentialParameter& parameter) {
  const pugi::xml_node value = parameter.node.child("parameterValue");
  return value ? value : parameter.node;
}

pugi::xml_node TypeNode(const CredentialParameter& parameter) {
  const pugi::xml_node type = parameter.node.child("parameterType");
  return type ? type : parameter.node;
}

std::string SetupPathOf(const ExternalCredential& credential) {
  return "Setup > Named Credentials > External Credentials > " + credential.name;
}

std::string SetupPathOf(const NamedCredential& credential) {
  return "Setup > Named Credentials > Named Credentials > " + credential.name;
}

}  // namespace sfh::lint
