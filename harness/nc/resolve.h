// `sfharness nc`, step one: from a project's metadata to what Salesforce's runtime needs for a
// callout through a Named Credential backed by an External Credential with a client-credentials
// protocol variant, with the file and line of every value, so a failure can name the metadata to
// change. The metadata is read by lint (lint/project.h, lint/credentials.h); nothing here parses
// XML. And `--map ORIGIN=URL`: metadata written for the real org pointed at sfmock.
// Pure functions over values; thread-safe.
#ifndef SFH_HARNESS_NC_RESOLVE_H_
#define SFH_HARNESS_NC_RESOLVE_H_

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/net/http_client.h"
#include "lint/project.h"

namespace sfh::harness::nc {

// A place in the project: the file relative to --metadata DIR, and a 1-based line (0: the file).
struct MetadataLocation {
  std::string file;
  int line = 0;
  std::string Display() const;  // "file:line", or "file" without a line
};

// How the client authenticates on the token request, from the AuthProtocolVariant (variant
// names and where each puts the secret: CONFIRMED, Apex Reference
// ConnectApi.CredentialAuthenticationProtocolVariant, salesforce-wire.md §7.2).
enum class ClientAuthentication {
  kBody,   // ClientCredentialsClientSecret: client_id and client_secret in the form body
  kBasic,  // ClientCredentialsClientSecretBasic: Authorization: Basic, RFC 6749 2.3.1
};
std::string_view ToString(ClientAuthentication authentication);  // "body", "basic"

inline constexpr std::string_view kVariantClientSecret = "ClientCredentialsClientSecret";
inline constexpr std::string_view kVariantClientSecretBasic = "ClientCredentialsClientSecretBasic";
inline constexpr std::string_view kVariantJwtAssertion = "ClientCredentialsJwtAssertion";

// A Named Credential and its External Credential, as the metadata says (URLs as written).
struct ResolvedNamedCredential {
  std::string named_credential;  // API name
  MetadataLocation named_credential_at;
  std::string url;  // the Named Credential's Url parameter: the API base (§7.2)
  MetadataLocation url_at;
  bool generate_authorization_header = true;

  std::string external_credential;  // API name
  MetadataLocation external_credential_at;
  std::string protocol;  // authenticationProtocol, "Oauth"
  std::string variant;   // AuthProtocolVariant as written
  MetadataLocation variant_at;
  ClientAuthentication client_authentication = ClientAuthentication::kBody;
  std::string token_url;  // AuthProviderUrl, used exactly as given (§8 e)
  MetadataLocation token_url_at;
  std::optional<std::string> scope;  // the Scope AuthParameter's value when there is one
  MetadataLocation scope_at;
  std::string principal;  // the NamedPrincipal the callout runs as
  MetadataLocation principal_at;
  std::vector<std::string> principals;  // every NamedPrincipal, by sequence
};

// Resolves `name` in `project`: its External Credential, protocol, variant, token URL, scope and
// principal (`principal`, or the first by sequenceNumber when empty). The error is one or more
// lines for the user naming what is missing or not emulated, with file and line; the caller exits
// 2 with it. Refused: an unknown Named Credential or External Credential, a protocol other than
// Oauth, a variant other than the two client-secret ones (ClientCredentialsJwtAssertion is said
// to be not emulated), no AuthProviderUrl or Url, an unknown or missing principal.
[[nodiscard]] std::expected<ResolvedNamedCredential, std::string> ResolveNamedCredential(
    const lint::MetadataProject& project, std::string_view name, std::string_view principal);

// One --map ORIGIN=URL: requests whose scheme, host and port are `from`'s go to `to`'s instead,
// path and query unchanged.
struct OriginMapping {
  net::Url from;
  net::Url to;
};

// Parses "https://acme.my.salesforce.com=http://127.0.0.1:43121". Both sides must be absolute
// http(s) URLs without a path (a lone "/" is allowed); the error says which side is wrong.
[[nodiscard]] std::expected<OriginMapping, std::string> ParseOriginMapping(std::string_view text);

// `url` with its origin replaced by the first mapping whose `from` it has; unchanged (exactly as
// given) when none applies or it does not parse.
std::string ApplyOriginMappings(const std::string& url, const std::vector<OriginMapping>& mappings);

}  // namespace sfh::harness::nc

#endif  // SFH_HARNESS_NC_RESOLVE_H_
