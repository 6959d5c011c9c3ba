// Access tokens and the token response's `signature` (salesforce-wire.md sections 1.3 to 1.5).
// Pure functions apart from OpenSSL's random generator; thread-safe.
#ifndef SFH_SALESFORCE_TOKEN_FORMAT_H_
#define SFH_SALESFORCE_TOKEN_FORMAT_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sfh::salesforce {

// A new opaque access token "<15-character org id>!<session key>", the shape matched by the
// Salesforce CLI's /(00D\w{12,15})![.\w]*/ (CONFIRMED, forcedotcom/sfdx-core src/util/sfdc.ts).
std::string NewOpaqueAccessToken(std::string_view org_id);

// Whether `token` has the opaque "00D...!..." shape.
bool LooksLikeOpaqueAccessToken(std::string_view token);

// Whether `c` is a word character as the CLI's \w matches it in these shapes: an ASCII letter or
// digit, or '_'. Whatever the locale. A table, not a chain of comparisons: tokens are random
// characters, on which the comparisons' branches are mispredicted about every other character.
inline constexpr std::array<bool, 256> kTokenWordChars = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[static_cast<size_t>(c)] =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  }
  return table;
}();
constexpr bool IsTokenWordChar(char c) { return kTokenWordChars[static_cast<unsigned char>(c)]; }

// Whether `token` has the shape of a JWT-based access token: three non-empty base64url segments
// separated by dots, starting "eyJ" (the base64url of '{"'). The shape Salesforce issues when an
// External Client App has isNamedUserJwtEnabled (CONFIRMED, salesforce-wire.md 1.5: RS256 JWTs
// starting "eyJ"; forcedotcom/sfdx-core src/util/sfdc.ts jwtTokenRegex/matchesJwtAccessToken).
// The shape only: nothing is decoded or verified (DecodeJwt and VerifyJwt in jwt.h do that).
bool LooksLikeJwtAccessToken(std::string_view token);

// The scopes of a space-delimited `scope` value (RFC 6749 section 3.3), empty parts skipped.
std::vector<std::string_view> SplitScope(std::string_view scope);
// Whether a space-delimited `scope` value holds `wanted`.
bool HasScope(std::string_view scope, std::string_view wanted);

// Base64(HMAC-SHA256(key = consumer secret, message = id + issued_at)), standard Base64 with
// padding (CONFIRMED, salesforce-wire.md section 1.4).
std::string TokenSignature(std::string_view consumer_secret, std::string_view identity_url,
                           std::string_view issued_at);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_TOKEN_FORMAT_H_
