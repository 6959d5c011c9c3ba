// Where the shapes come from (labels as in salesforce-wire.md):
// - ExternalCredential: suffix .externalCredential, folder externalCredentials/, fields
//   authenticationProtocol (an enumeration: AwsSv4, Custom, Jwt, JwtExchange, NoAuthentication,
//   Oauth, Password; Basic in later versions), externalCredentialParameters
//   (ExternalCredentialParameter[]) and label. CONFIRMED: Metadata API Developer Guide
//   "ExternalCredential" (developer.salesforce.com atlas.en-us.242.0.api_meta
//   meta_externalcredential) and Tooling API "ExternalCredential" (v260, for Basic).
// - ExternalCredentialParameter: parameterName / parameterType / parameterValue /
//   sequenceNumber as retrieved files have them; the parameter types AuthParameter and
//   AuthProviderUrlQueryParameter are CONFIRMED (Connect REST API "External Credential Input"
//   examples); AuthProtocolVariant, AuthProviderUrl and NamedPrincipal as parameter types, and the
//   deploy error text requiring the first two, are INFERRED (salesforce-wire.md §7.2); the
//   browser flow's AuthProvider parameter type is INFERRED (retrieved metadata in public code).
//   The variant names are CONFIRMED (Apex Reference
//   ConnectApi.CredentialAuthenticationProtocolVariant, §7.2).
// - NamedCredential: suffix .namedCredential, folder namedCredentials/ (CONFIRMED, Metadata API
//   Developer Guide "NamedCredential"); namedCredentialType SecuredEndpoint / PrivateEndpoint /
//   Legacy (CONFIRMED, Named Credentials glossary, developer.salesforce.com/docs/platform/
//   named-credentials); namedCredentialParameters with parameterType Url and Authentication plus
//   an <externalCredential> child: INFERRED (salesforce-wire.md §7.2, retrieved projects).
//   generateAuthorizationHeader: CONFIRMED as a callout option (Connect REST API "Named Credential
//   Input" calloutOptions.generateAuthorizationHeader, and the object's
//   CalloutOptionsGenerateAuthorizationHeader field); its default of true is INFERRED (Setup's
//   checkbox is on by default).
#include "lint/credentials.h"

#include <algorithm>
#include <charconv>

namespace sfh::lint {
namespace {

std::optional<int> IntOf(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

std::vector<CredentialParameter> ParametersOf(pugi::xml_node root, const char* element) {
  std::vector<CredentialParameter> parameters;
  for (pugi::xml_node node : root.children(element)) {
    CredentialParameter parameter;
    parameter.name = node.child("parameterName").text().as_string();
    parameter.type = node.child("parameterType").text().as_string();
    parameter.value = node.child("parameterValue").text().as_string();
    parameter.external_credential = node.child("externalCredential").text().as_string();
    parameter.sequence = IntOf(node.child("sequenceNumber").text().as_string());
    parameter.node = node;
    parameters.push_back(std::move(parameter));
  }
  return parameters;
}

const CredentialParameter* FindIn(const std::vector<CredentialParameter>& parameters,
                                  std::string_view type, std::string_view name) {
  for (const CredentialParameter& parameter : parameters) {
    if (parameter.type == type && (name.empty() || EqualsNoCase(parameter.name, name))) {
      return &parameter;
    }
  }
  return nullptr;
}

std::string ValueOf(const CredentialParameter* parameter) {
  return parameter == nullptr ? std::string() : parameter->value;
}

}  // namespace

const CredentialParameter* ExternalCredential::Find(std::string_view type,
                                                    std::string_view name) const {
  return FindIn(parameters, type, name);
}

std::string ExternalCredential::Variant() const { return ValueOf(Find("AuthProtocolVariant")); }

std::string ExternalCredential::TokenUrl() const { return ValueOf(Find("AuthProviderUrl")); }

std::optional<std::string> ExternalCredential::Scope() const {
  const CredentialParameter* scope = Find("AuthParameter", "Scope");
  if (scope == nullptr) return std::nullopt;
  return scope->value;
}

std::vector<std::string> ExternalCredential::Principals() const {
  std::vector<const CredentialParameter*> principals;
  for (const CredentialParameter& parameter : parameters) {
    if (parameter.type == "NamedPrincipal") principals.push_back(&parameter);
  }
  std::stable_sort(principals.begin(), principals.end(),
                   [](const CredentialParameter* a, const CredentialParameter* b) {
                     // nullopt sorts last: compare (has no sequence, sequence).
                     return std::make_pair(!a->sequence, a->sequence.value_or(0)) <
                            std::make_pair(!b->sequence, b->sequence.value_or(0));
                   });
  std::vector<std::string> names;
  for (const CredentialParameter* principal : principals) names.push_back(principal->name);
  return names;
}

const CredentialParameter* NamedCredential::Find(std::string_view type,
                                                 std::string_view name) const {
  return FindIn(parameters, type, name);
}

std::string NamedCredential::Url() const { return ValueOf(Find("Url")); }

std::string NamedCredential::ExternalCredentialName() const {
  const CredentialParameter* authentication = Find("Authentication");
  return authentication == nullptr ? std::string() : authentication->external_credential;
}

bool NamedCredential::GenerateAuthorizationHeader() const {
  const pugi::xml_node root = file->root();
  if (std::string_view(root.name()) != "NamedCredential") return true;
  const pugi::xml_node flag = root.child("generateAuthorizationHeader");
  return flag ? flag.text().as_bool() : true;
}

ExternalCredential ReadExternalCredential(std::string name, const XmlFile& file) {
  ExternalCredential credential;
  credential.name = std::move(name);
  credential.file = &file;
  const pugi::xml_node root =
      file.root().name() == std::string_view("ExternalCredential") ? file.root() : pugi::xml_node();
  credential.protocol = root.child("authenticationProtocol").text().as_string();
  credential.parameters = ParametersOf(root, "externalCredentialParameters");
  return credential;
}

NamedCredential ReadNamedCredential(std::string name, const XmlFile& file) {
  NamedCredential credential;
  credential.name = std::move(name);
  credential.file = &file;
  const pugi::xml_node root =
      file.root().name() == std::string_view("NamedCredential") ? file.root() : pugi::xml_node();
  credential.type = root.child("namedCredentialType").text().as_string();
  credential.parameters = ParametersOf(root, "namedCredentialParameters");
  return credential;
}

}  // namespace sfh::lint
