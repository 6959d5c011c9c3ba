#include "salesforce/jwt.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "salesforce/encoding.h"
#include "salesforce/token_format.h"

namespace sfh::salesforce {
namespace {

// Key generation takes tens of milliseconds: two keys for the whole suite.
const RsaKey& KeyA() {
  static const RsaKey key = *RsaKey::Generate();
  return key;
}
const RsaKey& KeyB() {
  static const RsaKey key = *RsaKey::Generate();
  return key;
}

nlohmann::ordered_json Claims() {
  return {{"iss", "3MVG9consumerkey"},
          {"sub", "integration@acme.com"},
          {"aud", "https://login.salesforce.com"},
          {"exp", 1700000180}};
}

// A token with the given header and payload objects and signature bytes, unsigned by any key.
std::string Forge(const nlohmann::json& header, const nlohmann::json& claims,
                  std::string_view signature) {
  return Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump()) + "." +
         Base64UrlEncode(signature);
}

TEST(Base64Url, EncodesWithoutPaddingInTheUrlAlphabet) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff\xbf"), "-_-_");  // "+/+/" in standard Base64
  EXPECT_EQ(Base64UrlEncode(R"({"alg":"RS256"})"), "eyJhbGciOiJSUzI1NiJ9");
}

TEST(Base64Url, DecodesWithOrWithoutPadding) {
  EXPECT_EQ(Base64UrlDecode(""), "");
  EXPECT_EQ(Base64UrlDecode("Zg"), "f");
  EXPECT_EQ(Base64UrlDecode("Zg=="), "f");
  EXPECT_EQ(Base64UrlDecode("Zm8"), "fo");
  EXPECT_EQ(Base64UrlDecode("Zm8="), "fo");
  EXPECT_EQ(Base64UrlDecode("Zm9v"), "foo");
  EXPECT_EQ(Base64UrlDecode("-_-_"), "\xfb\xff\xbf");
  const std::string all_bytes = [] {
    std::string s;
    for (int i = 0; i < 256; ++i) s.push_back(static_cast<char>(i));
    return s;
  }();
  EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(all_bytes)), all_bytes);
}

TEST(Base64Url, RejectsInvalidInput) {
  EXPECT_EQ(Base64UrlDecode("Zm9v+A"), std::nullopt);  // standard alphabet
  EXPECT_EQ(Base64UrlDecode("Zm9v/A"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm 9v"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Z"), std::nullopt);  // 4n+1 characters
  EXPECT_EQ(Base64UrlDecode("Zm9vY"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zg="), std::nullopt);  // padding that does not complete a quantum
  EXPECT_EQ(Base64UrlDecode("Zg==="), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Z=g="), std::nullopt);  // padding in the middle
  EXPECT_EQ(Base64UrlDecode("Zh"), std::nullopt);    // non-zero unused bits
  EXPECT_EQ(Base64UrlDecode("Zm9"), std::nullopt);
}

TEST(RsaKey, GeneratesA2048BitKeyPair) {
  EXPECT_TRUE(KeyA().has_private_key());
  EXPECT_EQ(KeyA().bits(), 2048);
  EXPECT_FALSE(RsaKey::Generate(1024).has_value());
  EXPECT_TRUE(KeyA().PrivateKeyPem().starts_with("-----BEGIN PRIVATE KEY-----\n"));
  EXPECT_TRUE(KeyA().PublicKeyPem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
}

TEST(Jwt, SignAndVerifyRoundTrip) {
  const auto token = SignJwt(KeyA(), Claims(), "kid-1");
  ASSERT_TRUE(token.has_value()) << token.error();
  EXPECT_TRUE(token->starts_with("eyJ"));
  EXPECT_TRUE(LooksLikeJwtAccessToken(*token));
  const auto jwt = DecodeJwt(*token);
  ASSERT_TRUE(jwt.has_value()) << jwt.error();
  EXPECT_EQ(jwt->header, nlohmann::json({{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "kid-1"}}));
  EXPECT_EQ(jwt->claims["sub"], "integration@acme.com");
  EXPECT_EQ(jwt->claims["exp"], 1700000180);
  EXPECT_EQ(jwt->signature.size(), 256u);
  EXPECT_EQ(jwt->signing_input, token->substr(0, token->rfind('.')));
  EXPECT_TRUE(VerifyJwt(KeyA(), *jwt));
}

TEST(Jwt, HeaderAndClaimsAreCompactInTheirOrder) {
  const auto token = SignJwt(KeyA(), Claims());
  ASSERT_TRUE(token.has_value());
  const std::string header = token->substr(0, token->find('.'));
  EXPECT_EQ(Base64UrlDecode(header), R"({"alg":"RS256","typ":"JWT"})");
  const size_t dot = token->find('.');
  EXPECT_EQ(Base64UrlDecode(token->substr(dot + 1, token->rfind('.') - dot - 1)),
            R"({"iss":"3MVG9consumerkey","sub":"integration@acme.com",)"
            R"("aud":"https://login.salesforce.com","exp":1700000180})");
}

TEST(Jwt, TamperedPayloadFails) {
  const auto token = SignJwt(KeyA(), Claims());
  ASSERT_TRUE(token.has_value());
  auto claims = Claims();
  claims["sub"] = "admin@acme.com";
  const size_t first = token->find('.');
  const size_t last = token->rfind('.');
  const std::string tampered =
      token->substr(0, first + 1) + Base64UrlEncode(claims.dump()) + token->substr(last);
  const auto jwt = DecodeJwt(tampered);
  ASSERT_TRUE(jwt.has_value());
  EXPECT_FALSE(VerifyJwt(KeyA(), *jwt));

  // One flipped signature bit.
  auto flipped = DecodeJwt(*token);
  ASSERT_TRUE(flipped.has_value());
  flipped->signature[10] = static_cast<char>(flipped->signature[10] ^ 0x01);
  EXPECT_FALSE(VerifyJwt(KeyA(), *flipped));
}

TEST(Jwt, WrongKeyFails) {
  const auto token = SignJwt(KeyA(), Claims());
  ASSERT_TRUE(token.has_value());
  const auto jwt = DecodeJwt(*token);
  ASSERT_TRUE(jwt.has_value());
  EXPECT_FALSE(VerifyJwt(KeyB(), *jwt));
}

TEST(Jwt, PublicHalfVerifies) {
  const auto public_only = RsaKey::FromPem(KeyA().PublicKeyPem());
  ASSERT_TRUE(public_only.has_value()) << public_only.error();
  EXPECT_FALSE(public_only->has_private_key());
  EXPECT_EQ(public_only->PrivateKeyPem(), "");
  const auto token = SignJwt(KeyA(), Claims());
  ASSERT_TRUE(token.has_value());
  EXPECT_TRUE(VerifyJwt(*public_only, *DecodeJwt(*token)));
  EXPECT_FALSE(SignJwt(*public_only, Claims()).has_value());
}

TEST(Jwt, OtherAlgorithmsAreRefused) {
  const auto token = SignJwt(KeyA(), Claims());
  ASSERT_TRUE(token.has_value());
  const auto good = DecodeJwt(*token);
  ASSERT_TRUE(good.has_value());

  // A valid RS256 signature under a header that claims another algorithm.
  for (const char* alg : {"none", "HS256", "RS384", "PS256", "rs256"}) {
    DecodedJwt jwt = *good;
    jwt.header["alg"] = alg;
    EXPECT_FALSE(VerifyJwt(KeyA(), jwt)) << alg;
  }
  DecodedJwt no_alg = *good;
  no_alg.header.erase("alg");
  EXPECT_FALSE(VerifyJwt(KeyA(), no_alg));
  DecodedJwt crit = *good;
  crit.header["crit"] = {"exp"};
  EXPECT_FALSE(VerifyJwt(KeyA(), crit));

  // Unsecured and HMAC tokens built the way an attacker would.
  const auto none = DecodeJwt(Forge({{"alg", "none"}}, Claims(), ""));
  ASSERT_TRUE(none.has_value()) << none.error();
  EXPECT_TRUE(none->signature.empty());
  EXPECT_FALSE(VerifyJwt(KeyA(), *none));
  const std::string input =
      Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") + "." + Base64UrlEncode(Claims().dump());
  const std::string hs256 = input + "." + Base64UrlEncode(HmacSha256(KeyA().PublicKeyPem(), input));
  const auto hmac = DecodeJwt(hs256);
  ASSERT_TRUE(hmac.has_value());
  EXPECT_FALSE(VerifyJwt(KeyA(), *hmac));
}

TEST(Jwt, OneKeySignsAndVerifiesFromManyThreads) {
  const RsaKey copy = KeyA();  // copies share the key
  std::vector<std::thread> threads;
  std::atomic<int> verified = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto claims = Claims();
        claims["jti"] = std::to_string(t * 100 + i);
        const auto token = SignJwt(t % 2 == 0 ? KeyA() : copy, claims);
        if (!token) continue;
        const auto jwt = DecodeJwt(*token);
        if (jwt && VerifyJwt(t % 2 == 0 ? copy : KeyA(), *jwt)) ++verified;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(verified.load(), 20);
}

TEST(Jwt, DecodeNamesWhatIsWrong) {
  const std::string header = Base64UrlEncode(R"({"alg":"RS256"})");
  const std::string claims = Base64UrlEncode(R"({"sub":"x"})");
  EXPECT_EQ(DecodeJwt("abc").error(), "not three segments");
  EXPECT_EQ(DecodeJwt(header + "." + claims).error(), "not three segments");
  EXPECT_EQ(DecodeJwt(header + "." + claims + ".c2ln.extra").error(), "not three segments");
  EXPECT_EQ(DecodeJwt("e+J." + claims + ".c2ln").error(), "header is not base64url");
  EXPECT_EQ(DecodeJwt(Base64UrlEncode("{nope") + "." + claims + ".c2ln").error(),
            "header is not JSON");
  EXPECT_EQ(DecodeJwt(Base64UrlEncode("[1]") + "." + claims + ".c2ln").error(),
            "header is not a JSON object");
  EXPECT_EQ(DecodeJwt(header + ".e+J.c2ln").error(), "payload is not base64url");
  EXPECT_EQ(DecodeJwt(header + "." + Base64UrlEncode("{nope") + ".c2ln").error(),
            "payload is not JSON");
  EXPECT_EQ(DecodeJwt(header + "." + Base64UrlEncode("\"s\"") + ".c2ln").error(),
            "payload is not a JSON object");
  EXPECT_EQ(DecodeJwt(header + "." + claims + ".c2l+").error(), "signature is not base64url");
  const auto ok = DecodeJwt(header + "." + claims + ".c2ln");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->signature, "sig");
}

TEST(Jwt, SignRefusesClaimsThatAreNotAnObject) {
  EXPECT_FALSE(SignJwt(KeyA(), nlohmann::ordered_json::array({1, 2})).has_value());
  EXPECT_FALSE(SignJwt(KeyA(), nlohmann::ordered_json({{"sub", "\xff"}})).has_value());
}

TEST(RsaKey, FromPemReadsPrivateKeysPublicKeysAndCertificates) {
  const auto private_key = RsaKey::FromPem(KeyA().PrivateKeyPem());
  ASSERT_TRUE(private_key.has_value()) << private_key.error();
  EXPECT_TRUE(private_key->has_private_key());
  EXPECT_EQ(private_key->PublicKeyPem(), KeyA().PublicKeyPem());

  const auto public_key = RsaKey::FromPem(KeyA().PublicKeyPem());
  ASSERT_TRUE(public_key.has_value()) << public_key.error();
  EXPECT_FALSE(public_key->has_private_key());

  const auto cert = KeyA().SelfSignedCertificatePem("sfharness JWT", 30);
  ASSERT_TRUE(cert.has_value()) << cert.error();
  EXPECT_TRUE(cert->starts_with("-----BEGIN CERTIFICATE-----\n"));
  const auto from_cert = RsaKey::FromPem(*cert);
  ASSERT_TRUE(from_cert.has_value()) << from_cert.error();
  EXPECT_FALSE(from_cert->has_private_key());
  EXPECT_EQ(from_cert->PublicKeyPem(), KeyA().PublicKeyPem());
  // The common name is in the DER as UTF-8, once for the subject and once for the issuer.
  std::string base64;
  for (size_t i = cert->find('\n') + 1; i < cert->rfind("-----END"); ++i) {
    if ((*cert)[i] != '\n') base64.push_back((*cert)[i]);
  }
  const auto der = Base64Decode(base64);
  ASSERT_TRUE(der.has_value());
  const size_t first = der->find("sfharness JWT");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(der->find("sfharness JWT", first + 1), std::string::npos);

  // A signature made with the key verifies with the certificate's key.
  const auto token = SignJwt(KeyA(), Claims());
  ASSERT_TRUE(token.has_value());
  EXPECT_TRUE(VerifyJwt(*from_cert, *DecodeJwt(*token)));

  // Private key and certificate in one file: the private key wins.
  const auto both = RsaKey::FromPem(*cert + KeyA().PrivateKeyPem());
  ASSERT_TRUE(both.has_value()) << both.error();
  EXPECT_TRUE(both->has_private_key());
}

// The key in PKCS#1 PEM ("RSA PRIVATE KEY" / "RSA PUBLIC KEY"), as older tools write it.
std::string Pkcs1Pem(const RsaKey& key, int selection) {
  OSSL_ENCODER_CTX* ctx =
      OSSL_ENCODER_CTX_new_for_pkey(key.get(), selection, "PEM", "type-specific", nullptr);
  unsigned char* data = nullptr;
  size_t len = 0;
  std::string pem;
  if (ctx != nullptr && OSSL_ENCODER_to_data(ctx, &data, &len) == 1) {
    pem.assign(reinterpret_cast<char*>(data), len);
  }
  OPENSSL_free(data);
  OSSL_ENCODER_CTX_free(ctx);
  return pem;
}

TEST(RsaKey, FromPemReadsPkcs1) {
  const std::string private_pem = Pkcs1Pem(KeyA(), EVP_PKEY_KEYPAIR);
  ASSERT_TRUE(private_pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n")) << private_pem;
  const auto private_key = RsaKey::FromPem(private_pem);
  ASSERT_TRUE(private_key.has_value()) << private_key.error();
  EXPECT_TRUE(private_key->has_private_key());
  EXPECT_EQ(private_key->PrivateKeyPem(), KeyA().PrivateKeyPem());

  const std::string public_pem = Pkcs1Pem(KeyA(), EVP_PKEY_PUBLIC_KEY);
  ASSERT_TRUE(public_pem.starts_with("-----BEGIN RSA PUBLIC KEY-----\n")) << public_pem;
  const auto public_key = RsaKey::FromPem(public_pem);
  ASSERT_TRUE(public_key.has_value()) << public_key.error();
  EXPECT_FALSE(public_key->has_private_key());
  EXPECT_EQ(public_key->PublicKeyPem(), KeyA().PublicKeyPem());
}

TEST(RsaKey, FromPemRefusesWhatIsNotAnRsaKey) {
  EXPECT_FALSE(RsaKey::FromPem("").has_value());
  EXPECT_FALSE(RsaKey::FromPem("not a key").has_value());
  EXPECT_FALSE(
      RsaKey::FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").has_value());
  EXPECT_FALSE(RsaKey::FromPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                               "-----END ENCRYPTED PRIVATE KEY-----\n")
                   .has_value());
  // An EC P-256 key, private and public: readable PEM, but not RSA.
  EVP_PKEY* ec_key = EVP_EC_gen("P-256");
  ASSERT_NE(ec_key, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  ASSERT_EQ(PEM_write_bio_PUBKEY(bio, ec_key), 1);
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio, ec_key, nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  const std::string ec_pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(ec_key);
  const size_t split = ec_pem.find("-----BEGIN PRIVATE KEY-----");
  ASSERT_NE(split, std::string::npos);
  for (const std::string& pem : {ec_pem.substr(0, split), ec_pem.substr(split)}) {
    const auto ec = RsaKey::FromPem(pem);
    ASSERT_FALSE(ec.has_value());
    EXPECT_EQ(ec.error(), "the key is not an RSA key");
  }
}

TEST(RsaKey, JwkCarriesTheModulusAndExponent) {
  const auto jwk = KeyA().Jwk("188");
  EXPECT_TRUE(jwk.dump().starts_with(R"({"kty":"RSA","n":")"));
  std::vector<std::string> keys;
  for (const auto& [k, v] : jwk.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"kty", "n", "e", "alg", "use", "kid"}));
  EXPECT_EQ(jwk["e"], "AQAB");
  EXPECT_EQ(jwk["alg"], "RS256");
  EXPECT_EQ(jwk["use"], "sig");
  EXPECT_EQ(jwk["kid"], "188");
  const auto n = Base64UrlDecode(jwk["n"].get<std::string>());
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->size(), 256u);                                   // 2048 bits, no leading zero
  EXPECT_NE(static_cast<unsigned char>(n->front()) & 0x80, 0);  // top bit of a 2048-bit modulus
  EXPECT_FALSE(KeyA().Jwk("").contains("kid"));

  // The JWK's n and e rebuild the same public key.
  const auto rebuilt = RsaKey::FromJwk(nlohmann::json::parse(jwk.dump()));
  ASSERT_TRUE(rebuilt.has_value()) << rebuilt.error();
  EXPECT_EQ(rebuilt->PublicKeyPem(), KeyA().PublicKeyPem());
  EXPECT_NE(rebuilt->PublicKeyPem(), KeyB().PublicKeyPem());
  EXPECT_FALSE(RsaKey::FromJwk(nlohmann::json({{"kty", "EC"}})).has_value());
  EXPECT_FALSE(RsaKey::FromJwk(nlohmann::json({{"kty", "RSA"}, {"n", "AQAB"}})).has_value());
}

}  // namespace
}  // namespace sfh::salesforce
