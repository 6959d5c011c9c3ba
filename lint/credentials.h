// Named Credentials and External Credentials as lint reads them: the model `sfharness lint`'s
// xc-/nc- rules check and `sfharness nc` emulates. Reference: salesforce-wire.md §7.2, §8 e/g.
//
// Public API (stable; other components build against it):
//
//   struct CredentialParameter { name, type, value, external_credential, sequence, node };
//   struct ExternalCredential  { name, file, protocol, parameters;
//                                Find(type, name = ""), Variant(), TokenUrl(), Scope(),
//                                Principals() };
//   struct NamedCredential     { name, file, type, parameters;
//                                Url(), ExternalCredentialName(), GenerateAuthorizationHeader() };
//   ReadExternalCredential(name, file), ReadNamedCredential(name, file)
//   kExternalCredentialSuffix, kNamedCredentialSuffix
//
// Loading a whole directory: LoadProject() in lint/project.h returns a MetadataProject with
// external_credentials, named_credentials, FindExternalCredential(name) and
// FindNamedCredential(name). One file: ReadXmlFile()/ParseXmlFile() in lint/xml_file.h, then
// Read*Credential().
//
// The shapes (salesforce-wire.md §7.2, checked against Salesforce's docs; each field's
// provenance is in credentials.cc): <ExternalCredential> has <authenticationProtocol> and repeated
// <externalCredentialParameters>; <NamedCredential> has <namedCredentialType>,
// <generateAuthorizationHeader> and repeated <namedCredentialParameters>; each parameter has
// <parameterName>, <parameterType>, <parameterValue>, optionally <sequenceNumber>, and a Named
// Credential's Authentication parameter an <externalCredential>.
//
// Lifetime: `file` and every `node` point into the XmlFile the credential was read from (owned
// by the MetadataProject, or by the caller of Read*Credential), which must outlive them.
// Everything here is read-only after construction and safe to share between threads.
#ifndef SFH_LINT_CREDENTIALS_H_
#define SFH_LINT_CREDENTIALS_H_

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lint/xml_file.h"

namespace sfh::lint {

// The file suffixes without "-meta.xml" (folders externalCredentials/ and namedCredentials/).
inline constexpr std::string_view kExternalCredentialSuffix = ".externalCredential";
inline constexpr std::string_view kNamedCredentialSuffix = ".namedCredential";

// One <externalCredentialParameters> or <namedCredentialParameters> element. The strings are the
// child elements' texts, "" when absent (not trimmed: Salesforce does not trim either).
struct CredentialParameter {
  std::string name;                 // parameterName
  std::string type;                 // parameterType, e.g. AuthProtocolVariant, Url
  std::string value;                // parameterValue
  std::string external_credential;  // <externalCredential> (a Named Credential's Authentication)
  std::optional<int> sequence;      // sequenceNumber; nullopt when absent or not an integer
  pugi::xml_node node;              // the parameter element, for positions
};

struct ExternalCredential {
  std::string name;                             // API name: the file name without its suffix
  const XmlFile* file = nullptr;                // position source; never nullptr once read
  std::string protocol;                         // authenticationProtocol, e.g. Oauth
  std::vector<CredentialParameter> parameters;  // in document order

  // The first parameter of `type` (exact: parameterType values are case-sensitive enum names)
  // whose name equals `name` ignoring case, or of any name when `name` is empty; nullptr when
  // there is none.
  const CredentialParameter* Find(std::string_view type, std::string_view name = "") const;
  // The AuthProtocolVariant parameter's value (e.g. ClientCredentialsClientSecret), or "".
  std::string Variant() const;
  // The AuthProviderUrl parameter's value, the full token URL used as given (§8 e), or "".
  std::string TokenUrl() const;
  // The value of the AuthParameter named Scope (name compared ignoring case) when there is one,
  // possibly ""; nullopt when there is none.
  std::optional<std::string> Scope() const;
  // The NamedPrincipal parameters' names, by sequenceNumber (those without one last, in document
  // order).
  std::vector<std::string> Principals() const;
};

struct NamedCredential {
  std::string name;               // API name: the file name without its suffix
  const XmlFile* file = nullptr;  // position source; never nullptr once read
  std::string type;               // namedCredentialType, e.g. SecuredEndpoint; "" when absent
  std::vector<CredentialParameter> parameters;  // in document order

  // The first parameter of `type` (exact) named `name` (ignoring case; any when empty), or
  // nullptr.
  const CredentialParameter* Find(std::string_view type, std::string_view name = "") const;
  // The Url parameter's value (the API base URL, §7.2), or "".
  std::string Url() const;
  // The Authentication parameter's <externalCredential>, or "".
  std::string ExternalCredentialName() const;
  // <generateAuthorizationHeader>; true when absent (Salesforce's default).
  bool GenerateAuthorizationHeader() const;
};

// The credential in `file` (root <ExternalCredential> / <NamedCredential>), named `name`. A
// file with another root element gives a credential with no protocol, type or parameters.
// `file` must outlive the result.
ExternalCredential ReadExternalCredential(std::string name, const XmlFile& file);
NamedCredential ReadNamedCredential(std::string name, const XmlFile& file);

}  // namespace sfh::lint

#endif  // SFH_LINT_CREDENTIALS_H_
