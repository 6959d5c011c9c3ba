// A Named Credential references its External Credential through a child <externalCredential> of
// the Authentication parameter, not its parameterValue (salesforce-wire.md §7.2, INFERRED from
// retrieved projects; the value form circulates in generated examples).
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const NamedCredential& credential, const MetadataProject&) {
  const CredentialParameter* authentication = credential.Find("Authentication");
  if (authentication == nullptr || !authentication->external_credential.empty()) return {};
  const std::string named =
      authentication->value.empty() ? "EXTERNAL_CREDENTIAL" : authentication->value;
  return {credential.file->At(
      authentication->value.empty() ? authentication->node : ValueNode(*authentication),
      kNcExternalCredentialElement.id, Severity::kError,
      authentication->value.empty()
          ? std::string("the Authentication parameter names no External Credential")
          : fmt::format("the Authentication parameter names {} in <parameterValue>; the "
                        "External Credential goes in an <externalCredential> element",
                        authentication->value),
      SetupPathOf(credential) + " > Edit: External Credential",
      fmt::format("NamedCredential: <externalCredential>{}</externalCredential> inside the "
                  "Authentication <namedCredentialParameters>",
                  named))};
}

}  // namespace

const Rule kNcExternalCredentialElement = {
    .id = "nc-external-credential-in-value",
    .severity = Severity::kError,
    .summary =
        "A Named Credential's Authentication parameter lacks its <externalCredential> "
        "element",
    .reference = "salesforce-wire.md §7.2 (INFERRED)",
    .check_named_credential = Check};

}  // namespace sfh::lint
