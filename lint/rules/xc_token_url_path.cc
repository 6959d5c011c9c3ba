// The External Credential's AuthProviderUrl is the full token URL, used exactly as given: nothing
// appends /services/oauth2/token (salesforce-wire.md §8 e, INFERRED; §7.2). On a Salesforce host
// the token endpoint is /services/oauth2/token (§1, CONFIRMED), so a URL without it (a bare My
// Domain, the Named Credential's API base) gets no token.
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

constexpr std::string_view kTokenPath = "/services/oauth2/token";

std::vector<Finding> Check(const ExternalCredential& credential) {
  if (!IsOauth(credential)) return {};
  const auto token = SalesforceTokenUrlOf(credential);
  if (!token || token->path.ends_with(kTokenPath)) return {};
  return {credential.file->At(
      ValueNode(*token->parameter), kXcTokenUrlPath.id, Severity::kError,
      fmt::format("the AuthProviderUrl {} has no {}: Salesforce uses the URL exactly as given, "
                  "so the token request goes to {}",
                  token->parameter->value, kTokenPath,
                  token->path.empty() ? std::string("/") : token->path),
      SetupPathOf(credential) + " > Edit: set Identity Provider URL to https://" +
          "<MyDomain>.my.salesforce.com/services/oauth2/token",
      "ExternalCredential: the AuthProviderUrl parameter's <parameterValue> ends with "
      "/services/oauth2/token")};
}

}  // namespace

const Rule kXcTokenUrlPath = {
    .id = "xc-token-url-path",
    .severity = Severity::kError,
    .summary =
        "An External Credential's Salesforce token URL (AuthProviderUrl) lacks "
        "/services/oauth2/token",
    .reference = "salesforce-wire.md §8 e, §7.2 (INFERRED)",
    .check_external_credential = Check};

}  // namespace sfh::lint
