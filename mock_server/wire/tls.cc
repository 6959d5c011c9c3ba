#include "mock_server/wire/tls.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <system_error>
#include <utility>

namespace sfh::mock {
namespace {

using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION_free>>;

using Status = std::expected<void, std::string>;
using NameFields = std::vector<std::pair<const char*, std::string>>;

// Names the step and the first queued OpenSSL error (the root cause; later entries are context
// added on the way up), then empties the queue so a later failure does not report this one.
std::string OpenSslError(std::string_view step) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return std::string(step) + " failed: no OpenSSL error queued";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return std::string(step) + " failed: " + buf;
}

std::unexpected<std::string> Fail(std::string_view step) {
  return std::unexpected(OpenSslError(step));
}

std::expected<EvpPkeyPtr, std::string> NewP256Key() {
  EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) return Fail("EVP_PKEY_Q_keygen(EC P-256)");
  return key;
}

Status SetRandomSerial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return Fail("RAND_bytes(serial)");
  // RFC 5280 wants a positive serial: clearing the top bit keeps DER from needing a sign byte,
  // and setting the next one keeps the serial non-zero and always 16 octets long.
  bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7f) | 0x40);
  BignumPtr bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
  if (!bn) return Fail("BN_bin2bn(serial)");
  if (BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) == nullptr) {
    return Fail("BN_to_ASN1_INTEGER(serial)");
  }
  return {};
}

// Starts a v3 certificate with what the CA and the leaf share: serial, validity, subject, key.
std::expected<X509Ptr, std::string> NewCert(EVP_PKEY* key, const NameFields& subject,
                                            int valid_days) {
  X509Ptr cert(X509_new());
  if (!cert) return Fail("X509_new");
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1) return Fail("X509_set_version");
  if (auto s = SetRandomSerial(cert.get()); !s) return std::unexpected(std::move(s.error()));
  // An hour of slack so a client whose clock runs a little behind ours still accepts it.
  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) == nullptr) {
    return Fail("X509_gmtime_adj(notBefore)");
  }
  if (X509_time_adj_ex(X509_getm_notAfter(cert.get()), valid_days, 0, nullptr) == nullptr) {
    return Fail("X509_time_adj_ex(notAfter)");
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& [field, value] : subject) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(value.c_str());
    if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, -1, -1, 0) != 1) {
      return Fail(std::string("X509_NAME_add_entry_by_txt(") + field + "=" + value + ")");
    }
  }
  if (X509_set_pubkey(cert.get(), key) != 1) return Fail("X509_set_pubkey");
  return cert;
}

// Adds one extension written in openssl.cnf syntax. The context carries the issuer (for
// authorityKeyIdentifier) and the subject's public key (for subjectKeyIdentifier), so the
// subject's key must already be set and, for keyid, the issuer's own SKI must already exist.
Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  const std::string step =
      std::string("X509V3_EXT_conf_nid(") + OBJ_nid2sn(nid) + "=" + value + ")";
  if (!ext) return Fail(step);
  if (X509_add_ext(cert, ext.get(), -1) != 1) return Fail("X509_add_ext for " + step);
  return {};
}

Status AddExtensions(X509* cert, X509* issuer,
                     const std::vector<std::pair<int, std::string>>& extensions) {
  for (const auto& [nid, value] : extensions) {
    if (auto s = AddExtension(cert, issuer, nid, value); !s) return s;
  }
  return {};
}

std::expected<std::string, std::string> ToPem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) return Fail("BIO_new(mem)");
  if (PEM_write_bio_X509(bio.get(), cert) != 1) return Fail("PEM_write_bio_X509");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  if (size <= 0 || data == nullptr) return Fail("BIO_get_mem_data");
  return std::string(data, static_cast<size_t>(size));
}

// Builds the subjectAltName value. The config syntax splits on commas, so an entry holding one
// would silently become two names; refuse it rather than certify something unintended.
std::expected<std::string, std::string> SubjectAltName(const TlsSubjects& subjects) {
  std::string san;
  auto add = [&san](std::string_view kind, const std::string& entry) -> Status {
    if (entry.empty() || entry.find(',') != std::string::npos) {
      return std::unexpected("GenerateTlsMaterial: invalid subjectAltName entry '" + entry + "'");
    }
    san += (san.empty() ? "" : ",") + std::string(kind) + ":" + entry;
    return {};
  };
  for (const auto& dns : subjects.dns_names) {
    if (auto s = add("DNS", dns); !s) return std::unexpected(std::move(s.error()));
  }
  for (const auto& ip : subjects.ip_addresses) {
    if (auto s = add("IP", ip); !s) return std::unexpected(std::move(s.error()));
  }
  if (san.empty()) return std::unexpected("GenerateTlsMaterial: no DNS name or IP address given");
  return san;
}

}  // namespace

std::expected<TlsMaterial, std::string> GenerateTlsMaterial(const TlsSubjects& subjects) {
  if (subjects.valid_days <= 0) return std::unexpected("GenerateTlsMaterial: valid_days <= 0");
  auto san = SubjectAltName(subjects);
  if (!san) return std::unexpected(std::move(san.error()));
  TlsMaterial m;

  auto ca_key = NewP256Key();
  if (!ca_key) return std::unexpected(std::move(ca_key.error()));
  m.ca_key = std::move(*ca_key);
  auto ca = NewCert(m.ca_key.get(), {{"O", "sfmock"}, {"CN", "sfmock throwaway CA"}},
                    subjects.valid_days);
  if (!ca) return std::unexpected(std::move(ca.error()));
  m.ca_cert = std::move(*ca);
  X509* ca_cert = m.ca_cert.get();
  if (X509_set_issuer_name(ca_cert, X509_get_subject_name(ca_cert)) != 1) {
    return Fail("X509_set_issuer_name(CA)");
  }
  if (auto s = AddExtensions(ca_cert, ca_cert,
                             {{NID_basic_constraints, "critical,CA:TRUE"},
                              {NID_key_usage, "critical,keyCertSign,cRLSign"},
                              {NID_subject_key_identifier, "hash"}});
      !s) {
    return std::unexpected(std::move(s.error()));
  }
  if (X509_sign(ca_cert, m.ca_key.get(), EVP_sha256()) <= 0) return Fail("X509_sign(CA)");

  auto leaf_key = NewP256Key();
  if (!leaf_key) return std::unexpected(std::move(leaf_key.error()));
  m.leaf_key = std::move(*leaf_key);
  const std::string& cn =
      subjects.dns_names.empty() ? subjects.ip_addresses.front() : subjects.dns_names.front();
  auto leaf = NewCert(m.leaf_key.get(), {{"CN", cn}}, subjects.valid_days);
  if (!leaf) return std::unexpected(std::move(leaf.error()));
  m.leaf_cert = std::move(*leaf);
  X509* leaf_cert = m.leaf_cert.get();
  if (X509_set_issuer_name(leaf_cert, X509_get_subject_name(ca_cert)) != 1) {
    return Fail("X509_set_issuer_name(leaf)");
  }
  if (auto s = AddExtensions(leaf_cert, ca_cert,
                             {{NID_basic_constraints, "critical,CA:FALSE"},
                              {NID_key_usage, "critical,digitalSignature"},
                              {NID_ext_key_usage, "serverAuth"},
                              {NID_subject_alt_name, *san},
                              {NID_subject_key_identifier, "hash"},
                              {NID_authority_key_identifier, "keyid"}});
      !s) {
    return std::unexpected(std::move(s.error()));
  }
  if (X509_sign(leaf_cert, m.ca_key.get(), EVP_sha256()) <= 0) return Fail("X509_sign(leaf)");

  auto ca_pem = ToPem(ca_cert);
  if (!ca_pem) return std::unexpected(std::move(ca_pem.error()));
  m.ca_cert_pem = std::move(*ca_pem);
  auto leaf_pem = ToPem(leaf_cert);
  if (!leaf_pem) return std::unexpected(std::move(leaf_pem.error()));
  m.leaf_cert_pem = std::move(*leaf_pem);
  return m;
}

std::expected<void, std::string> WritePemFile(const std::filesystem::path& path,
                                              const std::string& pem) {
  auto fail = [&path](std::string_view step, int err) {
    return std::unexpected(std::string(step) + " for " + path.string() + ": " +
                           std::generic_category().message(err));
  };
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return fail("create_directories", ec.value());
  }
  // Write beside the target and rename over it, so a client reading the file while a new mock
  // replaces it sees the old CA or the new one, never half of one.
  const std::string tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail("open", errno);
  std::string_view step;
  int err = 0;
  // The umask may have narrowed the mode; clients may run as another user and must read it.
  if (::fchmod(fd, 0644) != 0) {
    step = "fchmod";
    err = errno;
  }
  for (size_t done = 0; err == 0 && done < pem.size();) {
    const ssize_t n = ::write(fd, pem.data() + done, pem.size() - done);
    if (n >= 0) {
      done += static_cast<size_t>(n);
    } else if (errno != EINTR) {
      step = "write";
      err = errno;
    }
  }
  if (::close(fd) != 0 && err == 0) {
    step = "close";
    err = errno;
  }
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) {
    step = "rename";
    err = errno;
  }
  if (err != 0) {
    ::unlink(tmp.c_str());
    return fail(step, err);
  }
  return {};
}

}  // namespace sfh::mock
