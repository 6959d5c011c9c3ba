// Where each rule comes from (salesforce-wire.md, provenance as labelled there):
// - External Credential: authenticationProtocol Oauth plus an AuthProtocolVariant and an
//   AuthProviderUrl parameter, both required (INFERRED, §7.2: the deploy error "Authentication
//   protocol "Oauth ClientCredentialsClientSecretBasic" requires the following external
//   credential parameter types: AuthProtocolVariant, AuthProviderUrl."). `Oauth` is the Metadata
//   API's spelling (CONFIRMED: Metadata API "ExternalCredential", AuthenticationProtocol values).
// - Variants ClientCredentialsClientSecret (secret in the token request body),
//   ClientCredentialsClientSecretBasic (Basic header), ClientCredentialsJwtAssertion: CONFIRMED
//   (§7.2; Apex Reference ConnectApi.CredentialAuthenticationProtocolVariant: "Client secrets are
//   sent in the callout's request body" / "... in the callout's authorization header, as with
//   Basic authentication").
// - NamedPrincipal parameters name the principals; client id and secret are per principal and
//   are not metadata (INFERRED, §7.2).
// - The Named Credential's Url is the API base; its Authentication parameter's
//   <externalCredential> names the External Credential (INFERRED, §7.2).
#include "harness/nc/resolve.h"

#include <fmt/format.h>

#include <tuple>

namespace sfh::harness::nc {
namespace {

MetadataLocation At(const lint::XmlFile* file, pugi::xml_node node) {
  MetadataLocation location;
  if (file == nullptr) return location;
  location.file = file->path;
  if (!node) node = file->root();
  if (node) location.line = file->LineColumnOf(node.offset_debug()).first;
  return location;
}

template <typename Credential>
std::string NamesOf(const std::vector<Credential>& credentials) {
  std::string names;
  for (const Credential& credential : credentials) {
    names += (names.empty() ? "" : ", ") + credential.name;
  }
  return names.empty() ? "none" : names;
}

std::string UnreadableNote(const lint::MetadataProject& project) {
  std::string note;
  for (const lint::Finding& finding : project.unreadable) {
    note += fmt::format("\n  {}:{}: could not be read: {}", finding.file, finding.line,
                        finding.message);
  }
  return note;
}

// The variant as the runtime uses it, or why `sfharness nc` does not emulate it.
std::expected<ClientAuthentication, std::string> AuthenticationOf(
    const lint::ExternalCredential& ec, const MetadataLocation& at) {
  const std::string variant = ec.Variant();
  if (variant == kVariantClientSecret) return ClientAuthentication::kBody;
  if (variant == kVariantClientSecretBasic) return ClientAuthentication::kBasic;
  if (variant == kVariantJwtAssertion) {
    return std::unexpected(fmt::format(
        "{}: External Credential {} uses {}: the client-credentials flow with a JWT client "
        "assertion is not emulated by `sfharness nc` (only {} and {} are)",
        at.Display(), ec.name, variant, kVariantClientSecret, kVariantClientSecretBasic));
  }
  if (variant.empty()) {
    return std::unexpected(fmt::format(
        "{}: External Credential {} has no AuthProtocolVariant parameter (Salesforce requires one "
        "for Oauth: {} or {} for client credentials)",
        at.Display(), ec.name, kVariantClientSecret, kVariantClientSecretBasic));
  }
  return std::unexpected(
      fmt::format("{}: External Credential {} uses the protocol variant {}, which is not a "
                  "client-credentials variant; `sfharness nc` emulates {} and {}",
                  at.Display(), ec.name, variant, kVariantClientSecret, kVariantClientSecretBasic));
}

}  // namespace

std::string MetadataLocation::Display() const {
  return line > 0 ? fmt::format("{}:{}", file, line) : file;
}

std::string_view ToString(ClientAuthentication authentication) {
  return authentication == ClientAuthentication::kBasic ? "basic" : "body";
}

std::expected<ResolvedNamedCredential, std::string> ResolveNamedCredential(
    const lint::MetadataProject& project, std::string_view name, std::string_view principal) {
  const lint::NamedCredential* nc = project.FindNamedCredential(name);
  if (nc == nullptr) {
    return std::unexpected(
        fmt::format("no Named Credential {} in the metadata (Named Credentials found: {}){}", name,
                    NamesOf(project.named_credentials), UnreadableNote(project)));
  }
  ResolvedNamedCredential out;
  out.named_credential = nc->name;
  out.named_credential_at = At(nc->file, {});
  out.generate_authorization_header = nc->GenerateAuthorizationHeader();

  const lint::CredentialParameter* authentication = nc->Find("Authentication");
  out.external_credential = nc->ExternalCredentialName();
  if (out.external_credential.empty()) {
    return std::unexpected(fmt::format(
        "{}: Named Credential {} (type {}) names no External Credential (a "
        "namedCredentialParameters entry with parameterType Authentication and an "
        "<externalCredential>): nothing to emulate",
        out.named_credential_at.Display(), nc->name, nc->type.empty() ? "unset" : nc->type));
  }
  const lint::ExternalCredential* ec = project.FindExternalCredential(out.external_credential);
  if (ec == nullptr) {
    return std::unexpected(fmt::format(
        "{}: Named Credential {} uses External Credential {}, which is not in the metadata "
        "(External Credentials found: {}){}",
        At(nc->file, authentication->node).Display(), nc->name, out.external_credential,
        NamesOf(project.external_credentials), UnreadableNote(project)));
  }
  out.external_credential_at = At(ec->file, {});
  out.protocol = ec->protocol;
  if (ec->protocol != "Oauth") {
    const bool case_only = lint::EqualsNoCase(ec->protocol, "Oauth");
    return std::unexpected(fmt::format(
        "{}: External Credential {} has authenticationProtocol {}: `sfharness nc` emulates the "
        "Oauth protocol's client-credentials variants only{}",
        At(ec->file, ec->file->root().child("authenticationProtocol")).Display(), ec->name,
        ec->protocol.empty() ? "(none)" : ec->protocol,
        case_only ? " (the Metadata API spells it Oauth)" : ""));
  }
  const lint::CredentialParameter* variant = ec->Find("AuthProtocolVariant");
  out.variant = ec->Variant();
  out.variant_at = At(ec->file, variant != nullptr ? variant->node : pugi::xml_node());
  auto client_authentication = AuthenticationOf(*ec, out.variant_at);
  if (!client_authentication) return std::unexpected(client_authentication.error());
  out.client_authentication = *client_authentication;

  out.token_url = ec->TokenUrl();
  if (out.token_url.empty()) {
    return std::unexpected(fmt::format(
        "{}: External Credential {} has no AuthProviderUrl parameter (the full token URL, e.g. "
        "https://<mydomain>.my.salesforce.com/services/oauth2/token)",
        out.external_credential_at.Display(), ec->name));
  }
  out.token_url_at = At(ec->file, ec->Find("AuthProviderUrl")->node);
  if (auto url = net::ParseUrl(out.token_url); !url) {
    return std::unexpected(fmt::format("{}: External Credential {}: AuthProviderUrl {}: {}",
                                       out.token_url_at.Display(), ec->name, out.token_url,
                                       url.error()));
  }
  out.scope = ec->Scope();
  if (out.scope) out.scope_at = At(ec->file, ec->Find("AuthParameter", "Scope")->node);

  out.url = nc->Url();
  out.url_at = At(nc->file, nc->Find("Url") != nullptr ? nc->Find("Url")->node : pugi::xml_node());
  if (out.url.empty()) {
    return std::unexpected(
        fmt::format("{}: Named Credential {} has no Url parameter (the API base URL)",
                    out.named_credential_at.Display(), nc->name));
  }
  if (auto url = net::ParseUrl(out.url); !url) {
    return std::unexpected(fmt::format("{}: Named Credential {}: Url {}: {}", out.url_at.Display(),
                                       nc->name, out.url, url.error()));
  }

  out.principals = ec->Principals();
  if (out.principals.empty()) {
    return std::unexpected(fmt::format(
        "{}: External Credential {} has no NamedPrincipal parameter: a client-credentials "
        "callout runs as a named principal, whose client id and secret Salesforce stores",
        out.external_credential_at.Display(), ec->name));
  }
  out.principal = principal.empty() ? out.principals.front() : std::string(principal);
  const lint::CredentialParameter* chosen = nullptr;
  for (const lint::CredentialParameter& parameter : ec->parameters) {
    if (parameter.type == "NamedPrincipal" && parameter.name == out.principal) {
      chosen = &parameter;
      break;
    }
  }
  if (chosen == nullptr) {
    std::string names;
    for (const std::string& p : out.principals) names += (names.empty() ? "" : ", ") + p;
    return std::unexpected(
        fmt::format("{}: External Credential {} has no named principal {} "
                    "(its named principals: {})",
                    out.external_credential_at.Display(), ec->name, out.principal, names));
  }
  out.principal_at = At(ec->file, chosen->node);
  return out;
}

std::expected<OriginMapping, std::string> ParseOriginMapping(std::string_view text) {
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    return std::unexpected(fmt::format(
        "--map {}: expected ORIGIN=URL, e.g. https://acme.my.salesforce.com=http://127.0.0.1:43121",
        text));
  }
  OriginMapping mapping;
  for (const auto& [side, value, target] :
       {std::tuple{"ORIGIN", text.substr(0, equals), &mapping.from},
        std::tuple{"URL", text.substr(equals + 1), &mapping.to}}) {
    auto url = net::ParseUrl(value);
    if (!url) return std::unexpected(fmt::format("--map {}: {} {}", text, side, url.error()));
    if (url->target != "/") {
      return std::unexpected(
          fmt::format("--map {}: {} must be scheme://host[:port] without a path (got path {})",
                      text, side, url->target));
    }
    *target = std::move(*url);
  }
  return mapping;
}

std::string ApplyOriginMappings(const std::string& url,
                                const std::vector<OriginMapping>& mappings) {
  auto parsed = net::ParseUrl(url);
  if (!parsed) return url;
  for (const OriginMapping& mapping : mappings) {
    if (parsed->scheme == mapping.from.scheme && parsed->host == mapping.from.host &&
        parsed->port == mapping.from.port) {
      return mapping.to.Origin() + parsed->target;
    }
  }
  return url;
}

}  // namespace sfh::harness::nc
