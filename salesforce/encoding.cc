#include "salesforce/encoding.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <vector>

namespace sfh::salesforce {

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  // EVP_DecodeBlock accepts unpadded lengths poorly and ignores padding in its result length,
  // so check the shape first and trim the padding bytes afterwards.
  if (text.size() % 4 != 0) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/' || (c == '=' && i + 2 >= text.size());
    if (!ok) return std::nullopt;
  }
  if (text.empty()) return std::string();
  std::string out(3 * text.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t len = static_cast<size_t>(n);
  if (text.ends_with("==")) {
    len -= 2;
  } else if (text.ends_with("=")) {
    len -= 1;
  }
  out.resize(len);
  return out;
}

std::string Sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  }
  return std::string(reinterpret_cast<char*>(digest), len);
}

namespace {

// One HMAC-SHA256 context per thread, its algorithm and digest fetched once: HMAC() fetches both
// on every call, which cost more than the hashing of a token response's signature.
struct HmacContext {
  HmacContext() {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac != nullptr) {
      ctx = EVP_MAC_CTX_new(mac);
      EVP_MAC_free(mac);  // the context keeps its own reference
    }
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (ctx != nullptr && EVP_MAC_CTX_set_params(ctx, params) != 1) {
      EVP_MAC_CTX_free(ctx);
      ctx = nullptr;
    }
  }
  ~HmacContext() {
    EVP_MAC_CTX_free(ctx);
    OPENSSL_cleanse(key.data(), key.size());
  }
  HmacContext(const HmacContext&) = delete;
  HmacContext& operator=(const HmacContext&) = delete;
  EVP_MAC_CTX* ctx = nullptr;
  // The key ctx was last set up with: setting up a key hashes it and allocates, and a mock signs
  // every token of an app with the same one.
  std::string key;
  bool keyed = false;
};

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view message) {
  thread_local HmacContext hmac;
  unsigned char digest[EVP_MAX_MD_SIZE];
  size_t len = 0;
  // A key of zero bytes is valid HMAC; OpenSSL wants a non-null pointer for it.
  static const unsigned char kNoKey = 0;
  const auto* key_bytes =
      key.empty() ? &kNoKey : reinterpret_cast<const unsigned char*>(key.data());
  const bool same_key = hmac.keyed && hmac.key.size() == key.size() &&
                        CRYPTO_memcmp(hmac.key.data(), key.data(), key.size()) == 0;
  if (hmac.ctx != nullptr && !same_key) {
    hmac.keyed = false;
    OPENSSL_cleanse(hmac.key.data(), hmac.key.size());
    hmac.key.assign(key);
  }
  // A null key starts again with the key the context already holds.
  if (hmac.ctx == nullptr ||
      EVP_MAC_init(hmac.ctx, same_key ? nullptr : key_bytes, same_key ? 0 : key.size(), nullptr) !=
          1 ||
      EVP_MAC_update(hmac.ctx, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1 ||
      EVP_MAC_final(hmac.ctx, digest, &len, sizeof(digest)) != 1) {
    throw std::runtime_error("HMAC-SHA256 failed in OpenSSL");
  }
  hmac.keyed = true;
  return std::string(reinterpret_cast<char*>(digest), len);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomString(size_t count, std::string_view alphabet) {
  std::string out;
  AppendRandom(out, count, alphabet);
  return out;
}

void AppendRandom(std::string& out, size_t count, std::string_view alphabet) {
  // Bytes from OpenSSL's generator, drawn a page at a time per thread: one RAND_bytes call per
  // token cost as much as the rest of issuing it.
  thread_local std::array<unsigned char, 4096> pool;
  thread_local size_t used = pool.size();
  const size_t start = out.size();
  size_t at = start;
  out.resize(at + count);
  while (count > 0) {
    if (used == pool.size()) {
      if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1) {
        out.resize(start);  // as it was
        throw std::runtime_error("RAND_bytes failed in OpenSSL");
      }
      used = 0;
    }
    const size_t take = std::min(count, pool.size() - used);
    // Each byte is scaled to the alphabet rather than reduced modulo its size, sparing a division
    // per character; the slight bias either way is irrelevant for mock identifiers and tokens.
    for (size_t i = 0; i < take; ++i) {
      out[at + i] = alphabet[(pool[used + i] * alphabet.size()) >> 8];
    }
    used += take;
    at += take;
    count -= take;
  }
}

}  // namespace sfh::salesforce
