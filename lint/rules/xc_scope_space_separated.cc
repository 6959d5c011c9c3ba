// Scopes on the wire are separated by spaces (RFC 6749 3.3); commas are wrong, a mistake Named
// Credential troubleshooting docs flag ("Scopes uses commas instead of spaces").
// salesforce-wire.md §8 g (TRUE but misleading; INFERRED). Any token host; when the host is
// Salesforce's, xc-scope-sent-to-salesforce reports the Scope instead (it must go entirely).
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ExternalCredential& credential) {
  if (!IsOauth(credential)) return {};
  const CredentialParameter* scope = credential.Find("AuthParameter", "Scope");
  if (scope == nullptr || scope->value.find(',') == std::string::npos) return {};
  if (UsesClientCredentials(credential) && SalesforceTokenUrlOf(credential)) return {};
  // "api, refresh_token" -> "api refresh_token": commas and the blanks around them become one
  // space.
  std::string spaced;
  for (char c : scope->value) {
    const bool blank = c == ',' || c == ' ';
    if (blank && (spaced.empty() || spaced.back() == ' ')) continue;
    spaced += blank ? ' ' : c;
  }
  if (!spaced.empty() && spaced.back() == ' ') spaced.pop_back();
  return {credential.file->At(
      ValueNode(*scope), kXcScopeSpaceSeparated.id, Severity::kError,
      fmt::format("the Scope parameter ({}) separates scopes with commas; OAuth scopes are "
                  "space-separated, so the provider sees one unknown scope",
                  scope->value),
      SetupPathOf(credential) + " > Edit: separate the scopes with spaces",
      fmt::format("ExternalCredential: the Scope AuthParameter's <parameterValue> with spaces "
                  "(e.g. {})",
                  spaced))};
}

}  // namespace

const Rule kXcScopeSpaceSeparated = {
    .id = "xc-scope-commas",
    .severity = Severity::kError,
    .summary = "An External Credential's Scope separates scopes with commas instead of spaces",
    .reference = "salesforce-wire.md §8 g (INFERRED)",
    .check_external_credential = Check};

}  // namespace sfh::lint
