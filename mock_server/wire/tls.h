// TLS material for the mock's HTTPS listeners, made with OpenSSL at start: a throwaway CA and a
// leaf certificate for 127.0.0.1 and localhost signed by it. Nothing key-shaped is ever
// committed; the CA certificate (never its key) is written to a file for clients to trust.
#ifndef SFH_MOCK_SERVER_WIRE_TLS_H_
#define SFH_MOCK_SERVER_WIRE_TLS_H_

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace sfh::mock {

// Frees an OpenSSL object with its own free function: std::unique_ptr<T, OpenSslFree<T_free>>.
template <auto kFree>
struct OpenSslFree {
  template <typename T>
  void operator()(T* p) const {
    kFree(p);
  }
};
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>>;

struct TlsMaterial {
  X509Ptr ca_cert;        // self-signed, CA:TRUE, keyCertSign
  EvpPkeyPtr ca_key;
  X509Ptr leaf_cert;      // signed by ca_key; SAN DNS and IP entries; serverAuth
  EvpPkeyPtr leaf_key;
  std::string ca_cert_pem;    // PEM of ca_cert
  std::string leaf_cert_pem;  // PEM of leaf_cert
};

struct TlsSubjects {
  std::vector<std::string> dns_names = {"localhost"};
  std::vector<std::string> ip_addresses = {"127.0.0.1"};
  int valid_days = 2;  // short-lived: the material lives as long as one mock
};

// Generates a fresh CA and leaf (ECDSA P-256 keys, SHA-256 signatures, random serials,
// notBefore one hour in the past to tolerate clock skew). Returns an error message naming the
// OpenSSL step that failed.
[[nodiscard]] std::expected<TlsMaterial, std::string> GenerateTlsMaterial(
    const TlsSubjects& subjects = {});

// Writes pem to path with mode 0644 (creating parent directories), replacing any old file.
[[nodiscard]] std::expected<void, std::string> WritePemFile(const std::filesystem::path& path,
                                                            const std::string& pem);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_WIRE_TLS_H_
