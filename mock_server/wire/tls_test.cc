#include "mock_server/wire/tls.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <random>
#include <thread>

namespace sfh::mock {
namespace {

using StorePtr = std::unique_ptr<X509_STORE, OpenSslFree<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslFree<X509_STORE_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BN_free>>;
using SslCtxPtr = std::unique_ptr<SSL_CTX, OpenSslFree<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, OpenSslFree<SSL_free>>;

TlsMaterial Generate(const TlsSubjects& subjects = {}) {
  auto m = GenerateTlsMaterial(subjects);
  EXPECT_TRUE(m.has_value()) << m.error();
  return m ? std::move(*m) : TlsMaterial{};
}

// Verifies the leaf against a store holding only the CA, checking host or IP when given.
// Returns X509_V_OK or the verification error.
int VerifyLeaf(const TlsMaterial& m, const char* host, const char* ip) {
  StorePtr store(X509_STORE_new());
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!store || !ctx || X509_STORE_add_cert(store.get(), m.ca_cert.get()) != 1 ||
      X509_STORE_CTX_init(ctx.get(), store.get(), m.leaf_cert.get(), nullptr) != 1) {
    ADD_FAILURE() << "X509_STORE setup failed";
    return -1;
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  if (host != nullptr) {
    EXPECT_EQ(X509_VERIFY_PARAM_set1_host(param, host, 0), 1);
  }
  if (ip != nullptr) {
    EXPECT_EQ(X509_VERIFY_PARAM_set1_ip_asc(param, ip), 1);
  }
  const int ok = X509_verify_cert(ctx.get());
  const int err = X509_STORE_CTX_get_error(ctx.get());
  return ok == 1 ? X509_V_OK : (err == X509_V_OK ? -1 : err);
}

TEST(TlsMaterialTest, LeafVerifiesAgainstCaForLocalhostAndLoopbackIp) {
  const TlsMaterial m = Generate();
  ASSERT_TRUE(m.leaf_cert);
  EXPECT_EQ(VerifyLeaf(m, nullptr, nullptr), X509_V_OK);
  EXPECT_EQ(VerifyLeaf(m, "localhost", nullptr), X509_V_OK);
  EXPECT_EQ(VerifyLeaf(m, nullptr, "127.0.0.1"), X509_V_OK);
  EXPECT_EQ(VerifyLeaf(m, "example.com", nullptr), X509_V_ERR_HOSTNAME_MISMATCH);
  EXPECT_EQ(VerifyLeaf(m, nullptr, "127.0.0.2"), X509_V_ERR_IP_ADDRESS_MISMATCH);
}

TEST(TlsMaterialTest, LeafDoesNotVerifyAgainstAnotherCa) {
  const TlsMaterial a = Generate();
  TlsMaterial b = Generate();
  ASSERT_TRUE(a.ca_cert && b.leaf_cert);
  b.ca_cert.reset(X509_dup(a.ca_cert.get()));
  EXPECT_NE(VerifyLeaf(b, "localhost", nullptr), X509_V_OK);
}

TEST(TlsMaterialTest, OnlyTheCaIsACaAndTheLeafIsForServers) {
  const TlsMaterial m = Generate();
  ASSERT_TRUE(m.ca_cert && m.leaf_cert);
  EXPECT_GT(X509_check_ca(m.ca_cert.get()), 0);
  EXPECT_EQ(X509_check_ca(m.leaf_cert.get()), 0);
  EXPECT_EQ(X509_check_purpose(m.leaf_cert.get(), X509_PURPOSE_SSL_SERVER, 0), 1);
  EXPECT_EQ(X509_NAME_cmp(X509_get_issuer_name(m.leaf_cert.get()),
                          X509_get_subject_name(m.ca_cert.get())),
            0);
  EXPECT_EQ(X509_check_issued(m.ca_cert.get(), m.ca_cert.get()), X509_V_OK);
  char cn[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(m.ca_cert.get()), NID_commonName, cn, sizeof cn);
  EXPECT_STREQ(cn, "sfmock throwaway CA");
  X509_NAME_get_text_by_NID(X509_get_subject_name(m.leaf_cert.get()), NID_commonName, cn,
                            sizeof cn);
  EXPECT_STREQ(cn, "localhost");
}

TEST(TlsMaterialTest, SerialsArePositive16ByteAndKeysDifferBetweenCalls) {
  const TlsMaterial a = Generate();
  const TlsMaterial b = Generate();
  ASSERT_TRUE(a.leaf_cert && b.leaf_cert);
  EXPECT_NE(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.leaf_cert.get()),
                             X509_get0_serialNumber(b.leaf_cert.get())),
            0);
  EXPECT_NE(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.ca_cert.get()),
                             X509_get0_serialNumber(a.leaf_cert.get())),
            0);
  EXPECT_NE(EVP_PKEY_eq(a.leaf_key.get(), b.leaf_key.get()), 1);
  EXPECT_NE(EVP_PKEY_eq(a.ca_key.get(), b.ca_key.get()), 1);
  EXPECT_NE(EVP_PKEY_eq(a.ca_key.get(), a.leaf_key.get()), 1);
  BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(a.leaf_cert.get()), nullptr));
  ASSERT_TRUE(serial);
  EXPECT_FALSE(BN_is_negative(serial.get()));
  EXPECT_EQ(BN_num_bytes(serial.get()), 16);
}

TEST(TlsMaterialTest, ValidityStartsAnHourAgoAndLastsValidDays) {
  const TlsMaterial m = Generate({.valid_days = 3});
  ASSERT_TRUE(m.leaf_cert);
  const ASN1_TIME* not_before = X509_get0_notBefore(m.leaf_cert.get());
  const ASN1_TIME* not_after = X509_get0_notAfter(m.leaf_cert.get());
  EXPECT_LT(X509_cmp_current_time(not_before), 0);
  EXPECT_GT(X509_cmp_current_time(not_after), 0);
  int days = 0;
  int seconds = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, not_before, not_after), 1);
  EXPECT_EQ(days, 3);
  EXPECT_NEAR(seconds, 3600, 5);
}

TEST(TlsMaterialTest, PemRoundTripsToTheSameCertificates) {
  const TlsMaterial m = Generate();
  ASSERT_TRUE(m.ca_cert && m.leaf_cert);
  EXPECT_EQ(m.ca_cert_pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
  for (auto [pem, cert] : {std::pair{&m.ca_cert_pem, m.ca_cert.get()},
                           std::pair{&m.leaf_cert_pem, m.leaf_cert.get()}}) {
    BioPtr bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
    X509Ptr parsed(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(X509_cmp(parsed.get(), cert), 0);
  }
  EXPECT_EQ(m.ca_cert_pem.find("PRIVATE KEY"), std::string::npos);
}

TEST(TlsMaterialTest, KeysMatchTheirCertificates) {
  const TlsMaterial m = Generate();
  ASSERT_TRUE(m.leaf_cert && m.ca_cert);
  EXPECT_EQ(X509_check_private_key(m.leaf_cert.get(), m.leaf_key.get()), 1);
  EXPECT_EQ(X509_check_private_key(m.ca_cert.get(), m.ca_key.get()), 1);
  EXPECT_NE(X509_check_private_key(m.leaf_cert.get(), m.ca_key.get()), 1);
  ERR_clear_error();  // the mismatch above queues an error
}

TEST(TlsMaterialTest, CustomSubjectsGoIntoTheSubjectAltName) {
  const TlsMaterial m =
      Generate({.dns_names = {}, .ip_addresses = {"::1", "127.0.0.1"}, .valid_days = 1});
  ASSERT_TRUE(m.leaf_cert);
  char cn[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(m.leaf_cert.get()), NID_commonName, cn,
                            sizeof cn);
  EXPECT_STREQ(cn, "::1");
  EXPECT_EQ(VerifyLeaf(m, nullptr, "::1"), X509_V_OK);
  EXPECT_EQ(VerifyLeaf(m, nullptr, "127.0.0.1"), X509_V_OK);
  EXPECT_EQ(VerifyLeaf(m, "localhost", nullptr), X509_V_ERR_HOSTNAME_MISMATCH);
}

TEST(TlsMaterialTest, BadSubjectsAreRefusedWithAMessage) {
  auto empty = GenerateTlsMaterial({.dns_names = {}, .ip_addresses = {}});
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().find("no DNS name or IP address"), std::string::npos);
  auto comma = GenerateTlsMaterial({.dns_names = {"a,DNS:evil.example"}});
  ASSERT_FALSE(comma.has_value());
  EXPECT_NE(comma.error().find("a,DNS:evil.example"), std::string::npos);
  // OpenSSL itself rejects this one; the message must name the step and carry its reason.
  auto bad_ip = GenerateTlsMaterial({.ip_addresses = {"300.1.2.3"}});
  ASSERT_FALSE(bad_ip.has_value());
  EXPECT_NE(bad_ip.error().find("X509V3_EXT_conf_nid(subjectAltName"), std::string::npos)
      << bad_ip.error();
  EXPECT_NE(bad_ip.error().find("error:"), std::string::npos) << bad_ip.error();
  EXPECT_EQ(ERR_peek_error(), 0u);  // the queue was drained into the message
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("sfh-tls-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directory(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(WritePemFileTest, WritesAParsableFileInNewNestedDirectories) {
  const TlsMaterial m = Generate();
  ASSERT_TRUE(m.ca_cert);
  const TempDir dir;
  const auto path = dir.path() / "a" / "b" / "ca.pem";
  ASSERT_TRUE(WritePemFile(path, "stale contents").has_value());
  // A strict umask must not leak into the mode: clients may run as another user.
  const mode_t old_umask = ::umask(077);
  const auto written = WritePemFile(path, m.ca_cert_pem);
  ::umask(old_umask);
  ASSERT_TRUE(written.has_value()) << written.error();

  std::ifstream in(path, std::ios::binary);
  const std::string read{std::istreambuf_iterator<char>(in), {}};
  EXPECT_EQ(read, m.ca_cert_pem);
  BioPtr bio(BIO_new_file(path.c_str(), "r"));
  ASSERT_TRUE(bio);
  X509Ptr parsed(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(X509_cmp(parsed.get(), m.ca_cert.get()), 0);

  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".tmp"));
}

TEST(WritePemFileTest, FailsUnderARegularFileNamingThePath) {
  const TempDir dir;
  const auto file = dir.path() / "plain";
  std::ofstream(file) << "not a directory";
  for (const auto& path : {file / "ca.pem", file / "sub" / "ca.pem"}) {
    const auto written = WritePemFile(path, "pem");
    ASSERT_FALSE(written.has_value()) << path;
    EXPECT_NE(written.error().find(path.string()), std::string::npos) << written.error();
    EXPECT_NE(written.error().find("Not a directory"), std::string::npos) << written.error();
  }
}

// Runs a real TLS handshake over a socketpair: the server presents the leaf, the client trusts
// only the CA and checks host. Returns the client's verify result (or -1 if it never got one).
long HandshakeVerifyResult(const TlsMaterial& m, const char* host) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) return -1;
  // Bounds every read so a side that gives up cannot leave the other blocked forever.
  const timeval timeout{.tv_sec = 10, .tv_usec = 0};
  for (int fd : fds) ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

  SslCtxPtr server_ctx(SSL_CTX_new(TLS_server_method()));
  SslCtxPtr client_ctx(SSL_CTX_new(TLS_client_method()));
  EXPECT_EQ(SSL_CTX_use_certificate(server_ctx.get(), m.leaf_cert.get()), 1);
  EXPECT_EQ(SSL_CTX_use_PrivateKey(server_ctx.get(), m.leaf_key.get()), 1);
  EXPECT_EQ(X509_STORE_add_cert(SSL_CTX_get_cert_store(client_ctx.get()), m.ca_cert.get()), 1);
  SSL_CTX_set_verify(client_ctx.get(), SSL_VERIFY_PEER, nullptr);
  SslPtr server(SSL_new(server_ctx.get()));
  SslPtr client(SSL_new(client_ctx.get()));
  SSL_set_fd(server.get(), fds[0]);
  SSL_set_fd(client.get(), fds[1]);
  EXPECT_EQ(SSL_set1_host(client.get(), host), 1);
  SSL_set_tlsext_host_name(client.get(), host);

  int server_rc = 0;
  int client_rc = 0;
  // Each side half-closes when done so that, if the other is still waiting, it reads EOF.
  std::thread server_thread([&] {
    server_rc = SSL_accept(server.get());
    ::shutdown(fds[0], SHUT_WR);
  });
  std::thread client_thread([&] {
    client_rc = SSL_connect(client.get());
    ::shutdown(fds[1], SHUT_WR);
  });
  server_thread.join();
  client_thread.join();
  ERR_clear_error();
  const long result = SSL_get_verify_result(client.get());
  ::close(fds[0]);
  ::close(fds[1]);
  if (result == X509_V_OK) {
    EXPECT_EQ(client_rc, 1);
    EXPECT_EQ(server_rc, 1);
  }
  return result;
}

TEST(TlsHandshakeTest, ClientTrustingOnlyTheCaAcceptsTheLeaf) {
  const TlsMaterial m = Generate();
  ASSERT_TRUE(m.leaf_cert);
  EXPECT_EQ(HandshakeVerifyResult(m, "localhost"), X509_V_OK);
}

TEST(TlsHandshakeTest, ClientRejectsTheLeafForAnotherHost) {
  const TlsMaterial m = Generate();
  ASSERT_TRUE(m.leaf_cert);
  EXPECT_EQ(HandshakeVerifyResult(m, "example.com"), X509_V_ERR_HOSTNAME_MISMATCH);
}

}  // namespace
}  // namespace sfh::mock
