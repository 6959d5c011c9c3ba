// Base64 and HMAC-SHA256, done by OpenSSL. Thread-safe.
#ifndef SFH_SALESFORCE_ENCODING_H_
#define SFH_SALESFORCE_ENCODING_H_

#include <optional>
#include <string>
#include <string_view>

namespace sfh::salesforce {

// Standard Base64 with padding (RFC 4648 section 4), no line breaks.
std::string Base64Encode(std::string_view bytes);
// Decodes standard Base64 with padding; nullopt when the input is not valid Base64.
std::optional<std::string> Base64Decode(std::string_view text);
// Raw 32-byte SHA-256 digest (PKCE's S256 code challenge hashes the verifier with it).
std::string Sha256(std::string_view bytes);
// Raw 32-byte HMAC-SHA256 of message under key.
std::string HmacSha256(std::string_view key, std::string_view message);
// Compares two strings in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// `count` random characters drawn from `alphabet` with OpenSSL's CSPRNG.
std::string RandomString(size_t count, std::string_view alphabet);
// The same, appended to `out` (left as it was when it throws).
void AppendRandom(std::string& out, size_t count, std::string_view alphabet);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_ENCODING_H_
