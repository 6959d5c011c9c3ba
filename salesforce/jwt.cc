// EVP interfaces only: no RSA_* call, which OpenSSL 3 deprecates. OPENSSL_NO_DEPRECATED hides
// every deprecated declaration, so using one does not compile. Every OpenSSL object is owned by a
// unique_ptr with its free function, so every early return releases what was made.
#define OPENSSL_NO_DEPRECATED 1

#include "salesforce/jwt.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>  // EVP_PKEY_CTX_set_rsa_keygen_bits; its RSA_* calls are hidden
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <cstdint>
#include <utility>

#include "salesforce/encoding.h"

namespace sfh::salesforce {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using X509ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using DecoderCtxPtr =
    std::unique_ptr<OSSL_DECODER_CTX, Deleter<OSSL_DECODER_CTX, OSSL_DECODER_CTX_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;

// The last OpenSSL error of this thread as text, and an empty queue afterwards (errors are
// thread-local; a stale one would be reported by the next failure).
std::string OpenSslError(std::string_view what) {
  std::string out(what);
  const unsigned long code = ERR_peek_last_error();
  if (code != 0) {
    std::array<char, 256> buf{};
    ERR_error_string_n(code, buf.data(), buf.size());
    out += ": ";
    out += buf.data();
  }
  ERR_clear_error();
  return out;
}

BioPtr ReadBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string DrainBio(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return len > 0 ? std::string(data, static_cast<size_t>(len)) : std::string();
}

// A passphrase callback that supplies none: an encrypted key fails instead of prompting on the
// terminal, which OpenSSL's default callback would do.
int NoPassphrase(char*, int, int, void*) { return -1; }

std::optional<std::string> BignumParam(const EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  BnPtr bn(raw);
  std::string bytes(static_cast<size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  return bytes;
}

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::expected<nlohmann::json, std::string> DecodeJsonObject(std::string_view segment,
                                                            std::string_view name) {
  const auto bytes = Base64UrlDecode(segment);
  if (!bytes) return std::unexpected(std::string(name) + " is not base64url");
  nlohmann::json value = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::unexpected(std::string(name) + " is not JSON");
  if (!value.is_object()) return std::unexpected(std::string(name) + " is not a JSON object");
  return value;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out = Base64Encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  // Padding is optional, but when present it must complete the last quantum exactly.
  size_t end = text.size();
  while (end > 0 && text[end - 1] == '=') --end;
  const size_t padding = text.size() - end;
  if (padding > 2 || (padding > 0 && text.size() % 4 != 0)) return std::nullopt;
  const std::string_view data = text.substr(0, end);
  if (data.size() % 4 == 1) return std::nullopt;

  std::string out;
  out.reserve(data.size() * 3 / 4);
  uint32_t acc = 0;
  int acc_bits = 0;
  for (char c : data) {
    const int v = Base64UrlValue(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    acc_bits += 6;
    if (acc_bits >= 8) {
      acc_bits -= 8;
      out.push_back(static_cast<char>((acc >> acc_bits) & 0xFF));
    }
  }
  // The bits left over must be zero, or two texts would decode to the same bytes.
  if ((acc & ((1u << acc_bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::expected<RsaKey, std::string> RsaKey::Adopt(EVP_PKEY* raw) {
  PkeyPtr key(raw);
  if (!EVP_PKEY_is_a(key.get(), "RSA")) {
    return std::unexpected(std::string("the key is not an RSA key"));
  }
  // A private key has the private exponent d; asking is cheaper than tracking how it was read.
  const bool has_private = BignumParam(key.get(), OSSL_PKEY_PARAM_RSA_D).has_value();
  return RsaKey(std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free), has_private);
}

std::expected<RsaKey, std::string> RsaKey::Generate(int bits) {
  if (bits < 2048 || bits > 16384) {
    return std::unexpected("RSA key size must be 2048 to 16384 bits, got " + std::to_string(bits));
  }
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1) {
    return std::unexpected(OpenSslError("cannot set up RSA key generation"));
  }
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_generate(ctx.get(), &raw) != 1) {
    return std::unexpected(OpenSslError("RSA key generation failed"));
  }
  return Adopt(raw);
}

std::expected<RsaKey, std::string> RsaKey::FromPem(std::string_view pem) {
  if (pem.find("-----BEGIN ") == std::string_view::npos) {
    return std::unexpected(std::string("no PEM block (\"-----BEGIN ...\") in the text"));
  }
  if (pem.find("ENCRYPTED PRIVATE KEY") != std::string_view::npos ||
      pem.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos) {
    return std::unexpected(std::string("encrypted private keys are not supported"));
  }
  if (pem.find("PRIVATE KEY-----") != std::string_view::npos) {
    // PKCS#8 and the traditional PKCS#1 form both decode here.
    BioPtr bio = ReadBio(pem);
    EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr);
    if (raw == nullptr) return std::unexpected(OpenSslError("cannot read the PEM private key"));
    return Adopt(raw);
  }
  if (pem.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
    BioPtr bio = ReadBio(pem);
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, NoPassphrase, nullptr));
    if (!cert) return std::unexpected(OpenSslError("cannot read the PEM certificate"));
    EVP_PKEY* raw = X509_get_pubkey(cert.get());  // a new reference
    if (raw == nullptr) return std::unexpected(OpenSslError("the certificate has no public key"));
    return Adopt(raw);
  }
  // "PUBLIC KEY" (SubjectPublicKeyInfo) and "RSA PUBLIC KEY" (PKCS#1): the decoder tries both.
  EVP_PKEY* raw = nullptr;
  // Any key type, so that another type is reported as such by Adopt rather than as unreadable.
  DecoderCtxPtr dctx(OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", nullptr, nullptr,
                                                   EVP_PKEY_PUBLIC_KEY, nullptr, nullptr));
  if (!dctx) return std::unexpected(OpenSslError("cannot set up the PEM decoder"));
  const auto* data = reinterpret_cast<const unsigned char*>(pem.data());
  size_t len = pem.size();
  if (OSSL_DECODER_from_data(dctx.get(), &data, &len) != 1 || raw == nullptr) {
    return std::unexpected(
        OpenSslError("cannot read an RSA public key, private key or "
                     "certificate from the PEM text"));
  }
  return Adopt(raw);
}

std::expected<RsaKey, std::string> RsaKey::FromJwk(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return std::unexpected(std::string("the JWK is not a JSON object"));
  const auto kty = jwk.find("kty");
  if (kty == jwk.end() || *kty != "RSA") {
    return std::unexpected(std::string("the JWK's \"kty\" is not \"RSA\""));
  }
  std::string parts[2];
  const char* names[2] = {"n", "e"};
  for (int i = 0; i < 2; ++i) {
    const auto it = jwk.find(names[i]);
    if (it == jwk.end() || !it->is_string()) {
      return std::unexpected(std::string("the JWK has no string \"") + names[i] + "\"");
    }
    auto bytes = Base64UrlDecode(it->get<std::string>());
    if (!bytes || bytes->empty()) {
      return std::unexpected(std::string("the JWK's \"") + names[i] + "\" is not base64url");
    }
    parts[i] = std::move(*bytes);
  }
  BnPtr n(BN_bin2bn(reinterpret_cast<const unsigned char*>(parts[0].data()),
                    static_cast<int>(parts[0].size()), nullptr));
  BnPtr e(BN_bin2bn(reinterpret_cast<const unsigned char*>(parts[1].data()),
                    static_cast<int>(parts[1].size()), nullptr));
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!n || !e || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return std::unexpected(OpenSslError("cannot build the RSA parameters"));
  }
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return std::unexpected(OpenSslError("cannot make an RSA public key from the JWK"));
  }
  return Adopt(raw);
}

int RsaKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

std::string RsaKey::PrivateKeyPem() const {
  if (!has_private_key_) return {};
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                                            nullptr) != 1) {
    ERR_clear_error();
    return {};
  }
  return DrainBio(bio.get());
}

std::string RsaKey::PublicKeyPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) {
    ERR_clear_error();
    return {};
  }
  return DrainBio(bio.get());
}

std::expected<std::string, std::string> RsaKey::SelfSignedCertificatePem(
    std::string_view common_name, int days) const {
  if (!has_private_key_) {
    return std::unexpected(std::string("a self-signed certificate needs the private key"));
  }
  // X.520 ub-common-name is 64 characters.
  if (common_name.empty() || common_name.size() > 64) {
    return std::unexpected(std::string("the common name must be 1 to 64 characters"));
  }
  if (days < 1 || days > 36500) {
    return std::unexpected("validity must be 1 to 36500 days, got " + std::to_string(days));
  }
  X509Ptr cert(X509_new());
  if (!cert) return std::unexpected(OpenSslError("cannot allocate a certificate"));
  // A random positive 63-bit serial, top bit set so it is never zero (RFC 5280 section 4.1.2.2:
  // positive, unique per issuer, at most 20 octets).
  BnPtr serial(BN_new());
  ASN1_INTEGER* serial_field = X509_get_serialNumber(cert.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  const std::string cn(common_name);
  if (!serial || BN_rand(serial.get(), 63, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), serial_field) == nullptr ||
      X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 24 * 60 * 60) ==
          nullptr ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(cn.data()),
                                 static_cast<int>(cn.size()), -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key_.get()) != 1) {
    return std::unexpected(OpenSslError("cannot fill in the certificate"));
  }
  // An end-entity signing certificate: not a CA, used for signatures only.
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::pair<int, const char*> extensions[] = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, "critical,digitalSignature"},
      {NID_subject_key_identifier, "hash"},
  };
  for (const auto& [nid, value] : extensions) {
    X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &v3, nid, value));
    if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1) {
      return std::unexpected(OpenSslError("cannot add a certificate extension"));
    }
  }
  if (X509_sign(cert.get(), key_.get(), EVP_sha256()) <= 0) {
    return std::unexpected(OpenSslError("cannot sign the certificate"));
  }
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) {
    return std::unexpected(OpenSslError("cannot write the certificate"));
  }
  return DrainBio(bio.get());
}

nlohmann::ordered_json RsaKey::Jwk(std::string_view kid) const {
  nlohmann::ordered_json jwk;
  jwk["kty"] = "RSA";
  jwk["n"] = Base64UrlEncode(BignumParam(key_.get(), OSSL_PKEY_PARAM_RSA_N).value_or(""));
  jwk["e"] = Base64UrlEncode(BignumParam(key_.get(), OSSL_PKEY_PARAM_RSA_E).value_or(""));
  jwk["alg"] = "RS256";
  jwk["use"] = "sig";
  if (!kid.empty()) jwk["kid"] = kid;
  return jwk;
}

std::expected<std::string, std::string> SignJwt(const RsaKey& key,
                                                const nlohmann::ordered_json& claims,
                                                std::string_view kid) {
  if (!key.has_private_key()) return std::unexpected(std::string("signing needs a private key"));
  // RFC 7519 section 7.2 step 10: the claims set is a JSON object.
  if (!claims.is_object()) return std::unexpected(std::string("the claims are not a JSON object"));
  nlohmann::ordered_json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  if (!kid.empty()) header["kid"] = kid;
  std::string input;
  try {
    input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(std::string("cannot serialise the JWT: ") + e.what());
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  size_t len = 0;
  // RSA's default padding for EVP signatures is PKCS#1 v1.5: RS256 (RFC 7518 section 3.3).
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1) {
    return std::unexpected(OpenSslError("cannot sign the JWT"));
  }
  std::string signature(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return std::unexpected(OpenSslError("cannot sign the JWT"));
  }
  signature.resize(len);
  return input + "." + Base64UrlEncode(signature);
}

std::expected<DecodedJwt, std::string> DecodeJwt(std::string_view token) {
  const size_t first = token.find('.');
  const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::unexpected(std::string("not three segments"));
  }
  DecodedJwt jwt;
  auto header = DecodeJsonObject(token.substr(0, first), "header");
  if (!header) return std::unexpected(header.error());
  auto claims = DecodeJsonObject(token.substr(first + 1, second - first - 1), "payload");
  if (!claims) return std::unexpected(claims.error());
  auto signature = Base64UrlDecode(token.substr(second + 1));
  if (!signature) return std::unexpected(std::string("signature is not base64url"));
  jwt.header = std::move(*header);
  jwt.claims = std::move(*claims);
  jwt.signing_input = std::string(token.substr(0, second));
  jwt.signature = std::move(*signature);
  return jwt;
}

bool VerifyJwt(const RsaKey& key, const DecodedJwt& jwt) {
  // The algorithm comes from the header but is only ever accepted as RS256: a token cannot talk
  // the verifier into "none" or into HMAC with the public key as secret (RFC 8725 section 3.1).
  const auto alg = jwt.header.find("alg");
  if (alg == jwt.header.end() || *alg != "RS256" || jwt.header.contains("crit")) return false;
  if (jwt.signature.size() != static_cast<size_t>(EVP_PKEY_get_size(key.get()))) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(jwt.signature.data()),
                       jwt.signature.size(),
                       reinterpret_cast<const unsigned char*>(jwt.signing_input.data()),
                       jwt.signing_input.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace sfh::salesforce
