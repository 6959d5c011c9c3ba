// Circulating wrong advice (salesforce-wire.md §7.2, INFERRED): a parameterType of Scope (it is
// an AuthParameter named Scope), ClientId or ClientSecret (the client id and secret are the
// principal's credentials, entered in Setup, never metadata), and ClientId given as an
// AuthProviderUrl parameter (AuthProviderUrl is the token URL). One finding per parameter.
#include <fmt/format.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/credential_checks.h"

namespace sfh::lint {
namespace {

bool IsHttpUrl(std::string_view value) {
  return value.starts_with("https://") || value.starts_with("http://");
}

std::vector<Finding> Check(const ExternalCredential& credential) {
  std::vector<Finding> findings;
  const std::string setup = SetupPathOf(credential);
  for (const CredentialParameter& parameter : credential.parameters) {
    if (parameter.type == "Scope") {
      findings.push_back(credential.file->At(
          TypeNode(parameter), kXcParameterTypes.id, Severity::kError,
          "parameterType Scope does not exist: a scope is an AuthParameter named Scope",
          setup + " > Edit: Scope",
          "ExternalCredential: <parameterName>Scope</parameterName> with "
          "<parameterType>AuthParameter</parameterType>"));
    } else if (parameter.type == "ClientId" || parameter.type == "ClientSecret") {
      findings.push_back(credential.file->At(
          TypeNode(parameter), kXcParameterTypes.id, Severity::kError,
          fmt::format("parameterType {} does not exist: the client id and secret are the "
                      "principal's credentials, kept in the org, not in metadata",
                      parameter.type),
          setup + " > Principals > Edit: enter Client ID and Client Secret",
          "ExternalCredential: remove the parameter; keep a NamedPrincipal parameter"));
    } else if (parameter.type == "AuthProviderUrl" && !IsHttpUrl(parameter.value)) {
      // The value is not echoed: it is often a client id, or worse.
      findings.push_back(credential.file->At(
          ValueNode(parameter), kXcParameterTypes.id, Severity::kError,
          fmt::format("the AuthProviderUrl parameter {} is not a URL: AuthProviderUrl is the full "
                      "token URL, and the client id belongs in the principal's credentials",
                      parameter.name.empty() ? std::string("(unnamed)") : parameter.name),
          setup + " > Edit: Identity Provider URL = the token URL; Principals > Edit: Client ID",
          "ExternalCredential: the AuthProviderUrl parameter's <parameterValue> = "
          "https://<host>/<token path>"));
    }
  }
  return findings;
}

}  // namespace

const Rule kXcParameterTypes = {
    .id = "xc-misused-parameter",
    .severity = Severity::kError,
    .summary =
        "An External Credential parameter has a made-up type (Scope, ClientId, "
        "ClientSecret) or an AuthProviderUrl that is not a URL",
    .reference = "salesforce-wire.md §7.2 wrong advice (INFERRED)",
    .check_external_credential = Check};

}  // namespace sfh::lint
