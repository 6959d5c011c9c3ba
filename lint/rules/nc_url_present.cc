// A Named Credential's Url parameter is the API base every callout:NAME/... is resolved against
// (salesforce-wire.md §7.2, §8 e, INFERRED). Without one there is no endpoint. Legacy Named
// Credentials (namedCredentialType Legacy, or no type with an <endpoint>: the pre-Winter '23
// shape, CONFIRMED deprecated, Metadata API "NamedCredential" and the Named Credentials
// glossary) keep their URL in <endpoint> and are not checked.
#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const NamedCredential& credential, const MetadataProject&) {
  if (IsLegacy(credential) || !credential.Url().empty()) return {};
  const CredentialParameter* url = credential.Find("Url");
  const pugi::xml_node endpoint = credential.file->root().child("endpoint");
  // The Url parameter, else the legacy <endpoint>, else <namedCredentialType> (SecuredEndpoint
  // needs a Url), else the root.
  pugi::xml_node at = url != nullptr ? url->node : endpoint;
  if (!at) at = credential.file->root().child("namedCredentialType");
  return {credential.file->At(
      at, kNcUrlPresent.id, Severity::kError,
      endpoint ? "the Named Credential has no Url parameter; <endpoint> is the legacy field, "
                 "which a SecuredEndpoint Named Credential does not read"
               : "the Named Credential has no Url parameter: its callouts have no endpoint",
      SetupPathOf(credential) + " > Edit: URL = the API base, e.g. https://<MyDomain>.my."
                                "salesforce.com",
      "NamedCredential: <namedCredentialParameters> with <parameterName>Url</parameterName>, "
      "<parameterType>Url</parameterType> and the URL as <parameterValue>")};
}

}  // namespace

const Rule kNcUrlPresent = {.id = "nc-no-url",
                            .severity = Severity::kError,
                            .summary = "A Named Credential has no Url parameter",
                            .reference = "salesforce-wire.md §7.2 (INFERRED)",
                            .check_named_credential = Check};

}  // namespace sfh::lint
