// The wire: cpp-httplib listeners that serve a Servable (the MockService, or the harness's
// recording proxy), one loopback listener per virtual host (My Domain, login, test, and an
// instance host that plays a legacy pod such as na123.salesforce.com), so real clients reach
// each host by URL, and carries out wire faults.
// Stop() (or the destructor) shuts every listener down and joins its threads.
#ifndef SFH_MOCK_SERVER_WIRE_MOCK_SERVER_H_
#define SFH_MOCK_SERVER_WIRE_MOCK_SERVER_H_

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "mock_server/service.h"

namespace sfh::mock {

struct ServeOptions {
  bool tls = false;
  std::string bind_address = "127.0.0.1";
  // The host name or address in every URL handed out (and, with tls, in the certificate):
  // how clients reach the listeners. Empty: the bind address.
  std::string public_host;
  int my_domain_port = 0;  // 0: a free port
  int login_port = 0;
  int test_port = 0;
  int legacy_instance_port = 0;
  // At most this many worker threads per listener (wire/elastic_pool.h: made when connections
  // need them, ended after 10 s idle). cpp-httplib serves one connection per worker, so this is
  // also how many keep-alive connections each host serves at once; more wait for a free worker.
  size_t threads_per_listener = 256;
  // The listen(2) backlog: connections the kernel accepts before sfmock takes them (capped by
  // net.core.somaxconn). cpp-httplib's own is 5, which drops bursts of new connections into
  // SYN retries of a second or more.
  int listen_backlog = 1024;
  size_t max_body_bytes = 4 << 20;  // larger request bodies get 413
  // An idle keep-alive connection is closed after this long.
  int keep_alive_seconds = 5;
  // A request (its line, headers or body) that stops arriving for this long ends its connection,
  // as does an answer the client stops reading; slow clients cannot hold a worker longer.
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  // With tls: where to write the CA certificate. Empty: a new private directory under the
  // system temp dir, removed by Stop().
  std::filesystem::path ca_file;
};

struct ServerUrls {
  std::string my_domain;        // "https://127.0.0.1:43121"
  std::string login;            // plays login.salesforce.com
  std::string test;             // plays test.salesforce.com
  std::string legacy_instance;  // plays a legacy instance host
  std::string admin;            // my_domain + "/__admin"
  std::string ca_file;          // empty without tls
};

class MockServer {
 public:
  // Binds every listener, gives the service their URLs and starts serving. Returns when every
  // listener accepts connections (bounded wait), or an error naming what failed. `service` must
  // outlive the server.
  [[nodiscard]] static std::expected<std::unique_ptr<MockServer>, std::string> Start(
      Servable& service, const ServeOptions& options);
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  const ServerUrls& urls() const { return urls_; }
  // Idempotent. Waits for in-flight exchanges; idle keep-alive connections are dropped within
  // keep_alive_seconds.
  void Stop();

 private:
  struct Listener;
  MockServer() = default;
  std::vector<std::unique_ptr<Listener>> listeners_;
  ServerUrls urls_;
  std::filesystem::path temp_dir_;  // removed by Stop when we made it
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_WIRE_MOCK_SERVER_H_
