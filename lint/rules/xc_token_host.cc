// Client credentials works only on the org's My Domain: login.salesforce.com and
// test.salesforce.com (and the setup domain) answer invalid_grant / request not supported on
// this domain (salesforce-wire.md fact 1, §1.2, §8 b, INFERRED). Which host is which comes from
// sfh::salesforce::ClassifyHost, whose note carries the provenance. Hosts where the answer is
// UNVERIFIED (an Experience Cloud site, a pre-enhanced-domains sandbox My Domain) are warnings.
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const ExternalCredential& credential) {
  if (!UsesClientCredentials(credential)) return {};
  const auto token = SalesforceTokenUrlOf(credential);
  if (!token || token->host.client_credentials_allowed) return {};
  const bool unverified = token->host.host_class == salesforce::HostClass::kSite ||
                          token->host.host_class == salesforce::HostClass::kLegacySandboxMyDomain;
  return {credential.file->At(
      ValueNode(*token->parameter), kXcTokenHost.id,
      unverified ? Severity::kWarning : Severity::kError,
      fmt::format("the client-credentials token URL {} is not on the org's My Domain: {}",
                  token->parameter->value, token->host.note),
      SetupPathOf(credential) +
          " > Edit: set Identity Provider URL to https://<MyDomain>.my.salesforce.com/services/"
          "oauth2/token (Setup > My Domain shows the name)",
      "ExternalCredential: the AuthProviderUrl parameter's <parameterValue> on the My Domain "
      "host")};
}

}  // namespace

const Rule kXcTokenHost = {
    .id = "xc-token-host",
    .severity = Severity::kError,
    .summary =
        "An External Credential asks a Salesforce host that refuses client credentials "
        "(login, test, setup domain, ...) for its token",
    .reference =
        "salesforce-wire.md fact 1, §1.2, §8 b (INFERRED), via "
        "sfh::salesforce::ClassifyHost",
    .check_external_credential = Check};

}  // namespace sfh::lint
