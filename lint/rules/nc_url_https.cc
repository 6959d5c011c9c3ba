// A SecuredEndpoint Named Credential is defined as an endpoint secured by TLS (CONFIRMED, Named
// Credentials glossary, developer.salesforce.com). With an http:// Url the callout, and the
// access token in its Authorization header, cross the network in clear. A warning, not an error:
// a local mock on http://localhost during development is legitimate.
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

std::vector<Finding> Check(const NamedCredential& credential, const MetadataProject&) {
  const std::string url = credential.Url();
  if (IsLegacy(credential) || url.empty()) return {};
  if (url.size() >= 8 && EqualsNoCase(std::string_view(url).substr(0, 8), "https://")) return {};
  return {credential.file->At(
      ValueNode(*credential.Find("Url")), kNcUrlHttps.id, Severity::kWarning,
      fmt::format("the Named Credential's Url {} is not https: the callout and its access token "
                  "are sent without TLS",
                  url),
      SetupPathOf(credential) + " > Edit: URL starting with https://",
      "NamedCredential: the Url parameter's <parameterValue> starting with https://")};
}

}  // namespace

const Rule kNcUrlHttps = {
    .id = "nc-url-not-https",
    .severity = Severity::kWarning,
    .summary = "A Named Credential's Url is not https",
    .reference =
        "Named Credentials glossary, SecuredEndpoint (CONFIRMED, developer.salesforce.com/docs/"
        "platform/named-credentials)",
    .check_named_credential = Check};

}  // namespace sfh::lint
