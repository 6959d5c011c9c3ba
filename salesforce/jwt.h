// RS256 JSON Web Tokens (RFC 7515, 7518 and 7519) with OpenSSL 3's EVP interface: the JWT bearer
// flow's assertion, private_key_jwt client assertions, and the JWT-based access tokens an External
// Client App can issue (salesforce-wire.md 1.5: "Signed RS256 only", CONFIRMED). Also the JWK form
// of a public key that /id/keys serves (salesforce-wire.md 3). No I/O.
//
// Thread safety: the free functions are pure. An RsaKey shares one immutable EVP_PKEY between its
// copies; OpenSSL 3 allows concurrent signing and verification with one key, so copies and the
// same object may be used from several threads at once.
#ifndef SFH_SALESFORCE_JWT_H_
#define SFH_SALESFORCE_JWT_H_

#include <expected>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header.

namespace sfh::salesforce {

// Base64url without padding (RFC 7515 section 2, RFC 4648 section 5).
std::string Base64UrlEncode(std::string_view bytes);
// Decodes base64url with or without its '=' padding. nullopt for any other character, an
// impossible length (4n+1), padding in the wrong place, or non-zero unused bits in the last
// character (a non-canonical encoding, RFC 4648 section 3.5).
std::optional<std::string> Base64UrlDecode(std::string_view text);

// An RSA key pair or public key. Copies share the key (reference counted), so copying is cheap.
class RsaKey {
 public:
  // A new key pair of `bits` bits (RFC 7518 section 3.3: at least 2048 for RS256). An error
  // names the reason: bits outside 2048..16384, or OpenSSL's failure.
  [[nodiscard]] static std::expected<RsaKey, std::string> Generate(int bits = 2048);

  // A PEM private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"), a PEM public key
  // ("PUBLIC KEY" or "RSA PUBLIC KEY"), or a PEM X.509 certificate (its public key). When the text
  // holds several blocks, a private key wins over a certificate, which wins over a public key.
  // Encrypted private keys are refused (no passphrase prompt). The key must be RSA.
  [[nodiscard]] static std::expected<RsaKey, std::string> FromPem(std::string_view pem);

  // The public key of a JWK {"kty":"RSA","n":...,"e":...} (RFC 7517, 7518 section 6.3.1), as
  // /id/keys serves them. Other members are ignored.
  [[nodiscard]] static std::expected<RsaKey, std::string> FromJwk(const nlohmann::json& jwk);

  bool has_private_key() const { return has_private_key_; }
  // The modulus size in bits.
  int bits() const;

  // PKCS#8 "-----BEGIN PRIVATE KEY-----" PEM; empty without a private key.
  std::string PrivateKeyPem() const;
  // SubjectPublicKeyInfo "-----BEGIN PUBLIC KEY-----" PEM.
  std::string PublicKeyPem() const;

  // A self-signed X.509 v3 certificate for this key (subject and issuer CN=common_name, valid from
  // now for `days` days, SHA-256 with RSA), PEM: what an admin uploads to an app for the JWT bearer
  // flow and private_key_jwt ("Use digital signatures"). Needs the private key.
  [[nodiscard]] std::expected<std::string, std::string> SelfSignedCertificatePem(
      std::string_view common_name, int days = 365) const;

  // {"kty":"RSA","n":...,"e":"AQAB","alg":"RS256","use":"sig","kid":kid}: n and e are the unsigned
  // big-endian integers in base64url, in the key order of Salesforce's /id/keys sample
  // (salesforce-wire.md 3, CONFIRMED). "kid" is left out when `kid` is empty.
  nlohmann::ordered_json Jwk(std::string_view kid) const;

  // The underlying key, for code that needs OpenSSL directly (TLS). Never null.
  evp_pkey_st* get() const { return key_.get(); }

 private:
  RsaKey(std::shared_ptr<evp_pkey_st> key, bool has_private_key)
      : key_(std::move(key)), has_private_key_(has_private_key) {}
  static std::expected<RsaKey, std::string> Adopt(evp_pkey_st* key);

  std::shared_ptr<evp_pkey_st> key_;
  bool has_private_key_ = false;
};

// A compact JWS "<header>.<claims>.<signature>" signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256).
// The header is {"alg":"RS256","typ":"JWT"} plus "kid" when `kid` is non-empty. `claims` must be
// a JSON object; it is serialised compactly in its own key order. Fails without a private key,
// for non-object claims, or for strings that are not valid UTF-8.
[[nodiscard]] std::expected<std::string, std::string> SignJwt(const RsaKey& key,
                                                              const nlohmann::ordered_json& claims,
                                                              std::string_view kid = "");

struct DecodedJwt {
  nlohmann::json header;      // a JSON object
  nlohmann::json claims;      // a JSON object
  std::string signing_input;  // "<b64url header>.<b64url payload>", exactly as received
  std::string signature;      // raw bytes (empty for an unsecured "alg":"none" token)
};

// Splits a compact JWS and decodes its parts without verifying anything. An error names what is
// wrong: "not three segments", "header is not base64url", "header is not JSON", "header is not a
// JSON object", "payload is not base64url", "payload is not JSON", "payload is not a JSON object",
// "signature is not base64url".
[[nodiscard]] std::expected<DecodedJwt, std::string> DecodeJwt(std::string_view token);

// True only when the header's "alg" is "RS256", the header has no "crit" member (none is
// understood, RFC 7515 section 4.1.11), and the signature verifies with `key` (its public half is
// enough). "none", "HS256" and every other algorithm are refused, whatever the key.
bool VerifyJwt(const RsaKey& key, const DecodedJwt& jwt);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_JWT_H_
