// Micro-benchmarks of salesforce/: the pure functions every request goes through. Form and query
// parsing, the Basic header, the token response's signature and a new opaque token, RS256 JWTs
// (the project's SignJwt beside raw OpenSSL signing of the same input), and the redactor.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/micro/bench_support.h"
#include "salesforce/encoding.h"
#include "salesforce/form.h"
#include "salesforce/jwt.h"
#include "salesforce/redactor.h"
#include "salesforce/token_format.h"

namespace sfh::bench {
namespace {

namespace sf = ::sfh::salesforce;

// A client-credentials token request body, as clients send it (about 200 bytes).
const std::string kTokenBody = sf::EncodeForm({{"grant_type", "client_credentials"},
                                               {"client_id", BenchClientId(0)},
                                               {"client_secret", BenchClientSecret(0)}});
// A REST query string with escapes: what the query endpoint decodes.
const std::string kQueryString =
    "q=" + sf::PercentEncode(
               "SELECT Id, Name FROM Account WHERE Name LIKE 'Acme%' AND "
               "Industry IN ('Technology', 'Banking') ORDER BY Name LIMIT 10");
const std::string kBasicHeader = sf::MakeBasicAuthorization(BenchClientId(0), BenchClientSecret(0));
constexpr char kIdentityUrl[] =
    "https://login.salesforce.com/id/00DS7000000sfmkMAA/005S7000000sfmkIAA";

void BM_ParseForm_TokenBody(benchmark::State& state) {
  for (auto _ : state) {
    auto form = sf::ParseForm(kTokenBody);
    benchmark::DoNotOptimize(form);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kTokenBody.size()));
}
BENCHMARK(BM_ParseForm_TokenBody);

void BM_ParseForm_QueryString(benchmark::State& state) {
  for (auto _ : state) {
    auto form = sf::ParseForm(kQueryString);
    benchmark::DoNotOptimize(form);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kQueryString.size()));
}
BENCHMARK(BM_ParseForm_QueryString);

// Percent-decoding alone, over 1 KiB of text with an escape every 8 characters.
void BM_PercentDecode_1KiB(benchmark::State& state) {
  std::string text;
  while (text.size() < 1024) text += "abc%2Cdef+";
  for (auto _ : state) {
    auto decoded = sf::PercentDecode(text, true);
    benchmark::DoNotOptimize(decoded);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_PercentDecode_1KiB);

void BM_ParseBasicAuthorization(benchmark::State& state) {
  for (auto _ : state) {
    auto credentials = sf::ParseBasicAuthorization(kBasicHeader);
    benchmark::DoNotOptimize(credentials);
  }
}
BENCHMARK(BM_ParseBasicAuthorization);

// The token response's signature: Base64(HMAC-SHA256(secret, id + issued_at)).
void BM_TokenSignature(benchmark::State& state) {
  const std::string secret = BenchClientSecret(0);
  for (auto _ : state) {
    auto signature = sf::TokenSignature(secret, kIdentityUrl, "1764395000000");
    benchmark::DoNotOptimize(signature);
  }
}
BENCHMARK(BM_TokenSignature);

// A new opaque access token: 108 characters from OpenSSL's CSPRNG after the org id.
void BM_NewOpaqueAccessToken(benchmark::State& state) {
  for (auto _ : state) {
    auto token = sf::NewOpaqueAccessToken("00DS7000000sfmkMAA");
    benchmark::DoNotOptimize(token);
  }
}
BENCHMARK(BM_NewOpaqueAccessToken);

// The shape test MockService::Route makes on every bearer token (a std::regex).
void BM_LooksLikeOpaqueAccessToken(benchmark::State& state) {
  const std::string token = sf::NewOpaqueAccessToken("00DS7000000sfmkMAA");
  for (auto _ : state) benchmark::DoNotOptimize(sf::LooksLikeOpaqueAccessToken(token));
}
BENCHMARK(BM_LooksLikeOpaqueAccessToken);

// The claims of a JWT-based access token as mock_server/org/access_tokens.cc writes them.
nlohmann::ordered_json AccessTokenClaims() {
  nlohmann::ordered_json claims;
  claims["iss"] = kHostUrls.my_domain;
  claims["sub"] = "uid:005S7000000sfmkIAA";
  claims["aud"] = nlohmann::ordered_json::array({kHostUrls.my_domain});
  claims["client_id"] = BenchClientId(0);
  claims["scp"] = nlohmann::ordered_json::array({"api"});
  claims["tnk"] = "core/prod/00DS7000000sfmkMAA";
  claims["iat"] = 1764395000;
  claims["nbf"] = 1764395000;
  claims["exp"] = 1764402200;
  claims["jti"] = sf::RandomString(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
  return claims;
}

// One 2048-bit key for every JWT benchmark, made once (as an org makes its signing key).
const sf::RsaKey& SigningKey() {
  static const sf::RsaKey key = [] {
    auto made = sf::RsaKey::Generate(2048);
    if (!made) SetupFailed("RSA key", made.error());
    return *made;
  }();
  return key;
}

// The project's RS256: serialise header and claims, base64url, sign, base64url the signature.
void BM_SignJwt_RS256(benchmark::State& state) {
  const auto claims = AccessTokenClaims();
  for (auto _ : state) {
    auto token = sf::SignJwt(SigningKey(), claims, "250");
    benchmark::DoNotOptimize(token);
  }
}
BENCHMARK(BM_SignJwt_RS256)->Unit(benchmark::kMicrosecond);

// Raw OpenSSL RS256 over the same signing input: EVP_DigestSignInit + EVP_DigestSign, nothing
// else. The floor BM_SignJwt_RS256 and the JWT token issue are compared against.
void BM_RawOpenSslRs256(benchmark::State& state) {
  const std::string token = *sf::SignJwt(SigningKey(), AccessTokenClaims(), "250");
  const std::string input = token.substr(0, token.rfind('.'));
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  unsigned char signature[512];
  for (auto _ : state) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t len = sizeof(signature);
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, SigningKey().get()) != 1 ||
        EVP_DigestSign(ctx.get(), signature, &len, data, input.size()) != 1) {
      state.SkipWithError("EVP_DigestSign failed");
      break;
    }
    benchmark::DoNotOptimize(signature);
  }
}
BENCHMARK(BM_RawOpenSslRs256)->Unit(benchmark::kMicrosecond);

// The redactor as an org has it after one token: the consumer secret and the token registered.
struct TypicalRedactor {
  sf::Redactor redactor;
  std::string token = sf::NewOpaqueAccessToken("00DS7000000sfmkMAA");
  TypicalRedactor() {
    redactor.Add(BenchClientSecret(0), sf::Redactor::Kind::kSecret);
    redactor.Add(token, sf::Redactor::Kind::kToken);
  }
};

// A token response body (about 500 bytes) holding the token and its signature.
void BM_Redact_TokenResponse(benchmark::State& state) {
  TypicalRedactor r;
  nlohmann::ordered_json body;
  body["access_token"] = r.token;
  body["signature"] = sf::TokenSignature(BenchClientSecret(0), kIdentityUrl, "1764395000000");
  body["token_format"] = "opaque";
  body["scope"] = "api";
  body["instance_url"] = kHostUrls.my_domain;
  body["id"] = kIdentityUrl;
  body["token_type"] = "Bearer";
  body["issued_at"] = "1764395000000";
  const std::string text = body.dump();
  for (auto _ : state) {
    auto redacted = r.redactor.Redact(text);
    benchmark::DoNotOptimize(redacted);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Redact_TokenResponse);

// The token request's form body (the secret in it).
void BM_Redact_TokenRequestBody(benchmark::State& state) {
  TypicalRedactor r;
  for (auto _ : state) {
    auto redacted = r.redactor.Redact(kTokenBody);
    benchmark::DoNotOptimize(redacted);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kTokenBody.size()));
}
BENCHMARK(BM_Redact_TokenRequestBody);

// A query result page of 20 accounts (about 4 KiB) with nothing secret in it: the common case of
// a journal export, where every byte is scanned and nothing is replaced.
void BM_Redact_QueryPage4KiB(benchmark::State& state) {
  TypicalRedactor r;
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  for (int i = 0; i < 20; ++i) {
    records.push_back({{"attributes",
                        {{"type", "Account"},
                         {"url", "/services/data/v67.0/sobjects/Account/001S7000001AcmEIAS"}}},
                       {"Id", "001S7000001AcmEIAS"},
                       {"Name", fmt::format("Account {:06}", i)},
                       {"Industry", "Technology"}});
  }
  const std::string text =
      nlohmann::ordered_json{{"totalSize", 20}, {"done", true}, {"records", records}}.dump();
  for (auto _ : state) {
    auto redacted = r.redactor.Redact(text);
    benchmark::DoNotOptimize(redacted);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Redact_QueryPage4KiB);

}  // namespace
}  // namespace sfh::bench
