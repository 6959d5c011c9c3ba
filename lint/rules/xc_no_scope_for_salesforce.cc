// A Scope AuthParameter makes the External Credential send `scope` on the token request;
// Salesforce's token endpoint answers invalid_request / scope parameter not supported, and the
// scopes of this flow come from the app's configuration (salesforce-wire.md §7.2, §1.1, §8 g,
// INFERRED; whether it is always refused is open, §10).
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ExternalCredential& credential) {
  if (!UsesClientCredentials(credential) || !SalesforceTokenUrlOf(credential)) return {};
  const CredentialParameter* scope = credential.Find("AuthParameter", "Scope");
  if (scope == nullptr || scope->value.empty()) return {};
  return {credential.file->At(
      ValueNode(*scope), kXcNoScopeForSalesforce.id, Severity::kError,
      fmt::format("the Scope parameter ({}) is sent to Salesforce's token endpoint, which answers "
                  "invalid_request / scope parameter not supported; the app's configured scopes "
                  "apply",
                  scope->value),
      SetupPathOf(credential) +
          " > Edit: clear Scope (set the scopes on the External Client App or Connected App)",
      "ExternalCredential: remove the AuthParameter named Scope (or leave its <parameterValue> "
      "empty)")};
}

}  // namespace

const Rule kXcNoScopeForSalesforce = {
    .id = "xc-scope-sent-to-salesforce",
    .severity = Severity::kError,
    .summary =
        "An External Credential sends a Scope to Salesforce's client-credentials token "
        "endpoint",
    .reference = "salesforce-wire.md §7.2, §1.1, §8 g (INFERRED)",
    .check_external_credential = Check};

}  // namespace sfh::lint
