// Wire faults on real loopback connections: a bare cpp-httplib server (HTTP or HTTPS, port 0)
// whose handler answers a JSON body and then applies a WireFault, and raw POSIX or OpenSSL
// clients that see exactly what crossed the wire. Waits are bounded; timings are only ever
// asserted from below.
#include "mock_server/wire/wire_faults.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "mock_server/wire/loopback_socket_for_test.h"
#include "mock_server/wire/tls.h"

namespace sfh::mock {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;
using ::testing::EndsWith;
using ::testing::StartsWith;

using SslCtxPtr = std::unique_ptr<SSL_CTX, OpenSslFree<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, OpenSslFree<SSL_free>>;

constexpr std::string_view kBody =
    R"({"access_token":"00DS7000000sfmk!AQ0AQFakeTokenForWireFaults","instance_url":)"
    R"("https://127.0.0.1:1","token_type":"Bearer","issued_at":"1760000000000"})";
constexpr std::string_view kContentType = "application/json;charset=UTF-8";
constexpr std::string_view kRequest =
    "GET /token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
// The longest any client or test waits for something that should happen.
constexpr auto kBound = std::chrono::seconds(10);

// A cpp-httplib server on 127.0.0.1, port 0. GET /token answers kBody and then applies fault();
// GET /socket answers "<fd> <peer port>" of FindConnectionSocket.
class FaultServer {
 public:
  explicit FaultServer(bool tls) {
    if (tls) {
      static const TlsMaterial* const material = [] {
        auto generated = GenerateTlsMaterial();
        return generated ? new TlsMaterial(std::move(*generated)) : nullptr;
      }();
      if (material == nullptr) return;
      server_ =
          std::make_unique<httplib::SSLServer>(material->leaf_cert.get(), material->leaf_key.get());
    } else {
      server_ = std::make_unique<httplib::Server>();
    }
    server_->Get("/token", [this](const httplib::Request& req, httplib::Response& res) {
      const WireFault wire = fault();
      Count(entered_);
      res.status = 200;
      res.set_header("Content-Type", std::string(kContentType));
      res.body = std::string(kBody);
      ApplyWireFault(wire, req, res, stop_);
      Count(returned_);
    });
    server_->Get("/socket", [](const httplib::Request& req, httplib::Response& res) {
      const int fd = FindConnectionSocket(req);
      sockaddr_in peer{};
      socklen_t len = sizeof(peer);
      const int peer_port =
          fd >= 0 && getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &len) == 0
              ? ntohs(peer.sin_port)
              : -1;
      res.set_content(std::to_string(fd) + " " + std::to_string(peer_port), "text/plain");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return;
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    const auto deadline = steady_clock::now() + kBound;
    while (!server_->is_running() && steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(1));
    }
  }

  ~FaultServer() { Shutdown(); }

  // Wakes the handlers, stops the server and waits until every connection is closed.
  void Shutdown() {
    stop_.Stop();
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  bool running() const { return server_ && server_->is_running(); }
  int port() const { return port_; }
  WireStop& stop() { return stop_; }

  void set_fault(WireFault fault) {
    std::lock_guard lock(mu_);
    fault_ = fault;
  }
  WireFault fault() const {
    std::lock_guard lock(mu_);
    return fault_;
  }

  // Waits (bounded) until n /token handlers have begun, or returned.
  bool WaitEntered(int n) { return WaitFor(entered_, n); }
  bool WaitReturned(int n) { return WaitFor(returned_, n); }

 private:
  void Count(int& counter) {
    {
      std::lock_guard lock(mu_);
      ++counter;
    }
    cv_.notify_all();
  }
  bool WaitFor(const int& counter, int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kBound, [&] { return counter >= n; });
  }

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = -1;
  WireStop stop_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  WireFault fault_;
  int entered_ = 0;
  int returned_ = 0;
};

// What a client got before the connection ended.
struct Reply {
  bool connected = false;
  int client_port = -1;    // the client's end of the connection
  std::string bytes;       // everything received
  bool eof = false;        // the server closed its end (for TLS: with or without close_notify)
  int error = 0;           // errno when the connection failed instead (ECONNRESET, ...)
  bool timed_out = false;  // nothing happened within the client's read timeout
  milliseconds elapsed{0};
};

// Sends `request` and reads until the connection ends or the read timeout passes.
Reply RoundTrip(int port, bool tls, std::string_view request = kRequest,
                milliseconds read_timeout = kBound) {
  Reply reply;
  const int fd = testing::ConnectLoopback(port, read_timeout);
  if (fd < 0) return reply;
  sockaddr_in mine{};
  socklen_t len = sizeof(mine);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&mine), &len) == 0) {
    reply.client_port = ntohs(mine.sin_port);
  }
  const auto start = steady_clock::now();
  std::array<char, 4096> buffer;
  if (!tls) {
    reply.connected = true;
    send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    while (true) {
      const ssize_t n = recv(fd, buffer.data(), buffer.size(), 0);
      if (n > 0) {
        reply.bytes.append(buffer.data(), static_cast<size_t>(n));
        continue;
      }
      if (n == 0) {
        reply.eof = true;
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        reply.timed_out = true;
      } else {
        reply.error = errno;
      }
      break;
    }
  } else {
    SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    // The server's certificate is not the point here; an EOF without close_notify is EOF.
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_options(ctx.get(), SSL_OP_IGNORE_UNEXPECTED_EOF);
    SslPtr ssl(SSL_new(ctx.get()));
    SSL_set_fd(ssl.get(), fd);
    if (SSL_connect(ssl.get()) == 1) {
      reply.connected = true;
      SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
      while (true) {
        errno = 0;
        const int n = SSL_read(ssl.get(), buffer.data(), static_cast<int>(buffer.size()));
        const int saved_errno = errno;
        if (n > 0) {
          reply.bytes.append(buffer.data(), static_cast<size_t>(n));
          continue;
        }
        const int error = SSL_get_error(ssl.get(), n);
        if (error == SSL_ERROR_ZERO_RETURN || (error == SSL_ERROR_SYSCALL && saved_errno == 0)) {
          reply.eof = true;
        } else if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK) {
          reply.timed_out = true;
        } else {
          reply.error = saved_errno != 0 ? saved_errno : -1;
        }
        break;
      }
    }
    // No SSL_shutdown: writing to a reset connection would raise SIGPIPE in this test.
  }
  reply.elapsed = std::chrono::duration_cast<milliseconds>(steady_clock::now() - start);
  close(fd);
  return reply;
}

struct ParsedResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
};

ParsedResponse Parse(const std::string& bytes) {
  ParsedResponse out;
  const size_t head_end = bytes.find("\r\n\r\n");
  if (head_end == std::string::npos) return out;
  out.body = bytes.substr(head_end + 4);
  const std::string head = bytes.substr(0, head_end);
  size_t line_start = head.find("\r\n");
  if (head.starts_with("HTTP/1.1 ")) out.status = std::stoi(head.substr(9, 3));
  while (line_start != std::string::npos) {
    line_start += 2;
    const size_t line_end = head.find("\r\n", line_start);
    const std::string line = head.substr(line_start, line_end - line_start);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      const size_t value = line.find_first_not_of(' ', colon + 1);
      out.headers[name] = value == std::string::npos ? "" : line.substr(value);
    }
    line_start = line_end;
  }
  return out;
}

WireFault Fault(WireFault::Kind kind, milliseconds delay = milliseconds(0)) {
  WireFault fault;
  fault.kind = kind;
  fault.delay = delay;
  return fault;
}

// Runs on plain HTTP (false) and HTTPS (true).
class WireFaultTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.running()); }
  bool tls() const { return GetParam(); }
  FaultServer server_{GetParam()};
};

TEST_P(WireFaultTest, NoFaultAnswersNormally) {
  const Reply reply = RoundTrip(server_.port(), tls());
  ASSERT_TRUE(reply.connected);
  EXPECT_TRUE(reply.eof);
  const ParsedResponse response = Parse(reply.bytes);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.at("content-type"), kContentType);
  EXPECT_EQ(response.body, kBody);
}

TEST_P(WireFaultTest, FindConnectionSocketFindsTheServerSideOfTheConnection) {
  const Reply reply =
      RoundTrip(server_.port(), tls(),
                "GET /socket HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const ParsedResponse response = Parse(reply.bytes);
  ASSERT_EQ(response.status, 200) << reply.bytes;
  const int found_fd = std::stoi(response.body);
  const int peer_port = std::stoi(response.body.substr(response.body.find(' ') + 1));
  EXPECT_GE(found_fd, 0);
  // Its peer is this client (whose own socket, in this process too, has the same two addresses
  // the other way round and is not the one found).
  EXPECT_EQ(peer_port, reply.client_port);
}

TEST_P(WireFaultTest, ResetAbortsTheConnectionWithAnRst) {
  server_.set_fault(Fault(WireFault::Kind::kReset));
  const Reply reply = RoundTrip(server_.port(), tls());
  ASSERT_TRUE(reply.connected);
  EXPECT_EQ(reply.bytes, "");
  EXPECT_EQ(reply.error, ECONNRESET) << strerror(reply.error);
  EXPECT_FALSE(reply.eof);
  EXPECT_TRUE(server_.WaitReturned(1));
}

TEST_P(WireFaultTest, EmptyClosesWithoutAByte) {
  server_.set_fault(Fault(WireFault::Kind::kEmpty));
  const Reply reply = RoundTrip(server_.port(), tls());
  ASSERT_TRUE(reply.connected);
  EXPECT_EQ(reply.bytes, "");
  EXPECT_TRUE(reply.eof);
  EXPECT_EQ(reply.error, 0) << strerror(reply.error);
}

TEST_P(WireFaultTest, MalformedSendsHalfTheBodyAndJunkWithAMatchingContentLength) {
  server_.set_fault(Fault(WireFault::Kind::kMalformed));
  const Reply reply = RoundTrip(server_.port(), tls());
  ASSERT_TRUE(reply.eof);
  const ParsedResponse response = Parse(reply.bytes);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.at("content-type"), kContentType);
  EXPECT_EQ(response.headers.at("content-length"), std::to_string(response.body.size()));
  EXPECT_FALSE(nlohmann::json::accept(response.body)) << response.body;
  EXPECT_THAT(response.body, StartsWith(std::string(kBody.substr(0, kBody.size() / 2))));
  EXPECT_THAT(response.body, EndsWith(std::string(kMalformedTail)));
}

TEST_P(WireFaultTest, TruncatedPromisesTheWholeBodyAndSendsHalf) {
  server_.set_fault(Fault(WireFault::Kind::kTruncated));
  // Keep-alive: the server, not the request, has to end the connection.
  const Reply reply =
      RoundTrip(server_.port(), tls(), "GET /token HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_TRUE(reply.eof);
  EXPECT_FALSE(reply.timed_out);
  const ParsedResponse response = Parse(reply.bytes);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.at("content-type"), kContentType);
  EXPECT_EQ(response.headers.at("content-length"), std::to_string(kBody.size()));
  EXPECT_EQ(response.body, kBody.substr(0, kBody.size() / 2));
  EXPECT_LT(response.body.size(), kBody.size());
}

TEST_P(WireFaultTest, TruncatedIsAnErrorForAnHttpClient) {
  server_.set_fault(Fault(WireFault::Kind::kTruncated));
  const std::string url =
      (tls() ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(server_.port());
  httplib::Client client(url);
  client.enable_server_certificate_verification(false);
  client.set_read_timeout(10, 0);
  const auto result = client.Get("/token");
  EXPECT_FALSE(result);
}

TEST_P(WireFaultTest, DelayAnswersNormallyAfterTheDelay) {
  server_.set_fault(Fault(WireFault::Kind::kDelay, milliseconds(300)));
  const Reply reply = RoundTrip(server_.port(), tls());
  EXPECT_TRUE(reply.eof);
  EXPECT_GE(reply.elapsed, milliseconds(300));
  EXPECT_EQ(Parse(reply.bytes).body, kBody);
}

TEST_P(WireFaultTest, HangAnswersNothingAndClosesAfterItsCap) {
  server_.set_fault(Fault(WireFault::Kind::kHang, milliseconds(300)));
  const Reply reply = RoundTrip(server_.port(), tls());
  ASSERT_TRUE(reply.connected);
  EXPECT_EQ(reply.bytes, "");
  EXPECT_TRUE(reply.eof);
  EXPECT_FALSE(reply.timed_out);
  EXPECT_GE(reply.elapsed, milliseconds(300));
}

TEST_P(WireFaultTest, HangEndsWhenTheClientGivesUp) {
  server_.set_fault(Fault(WireFault::Kind::kHang));  // capped at kDefaultHangCap: minutes
  const Reply reply = RoundTrip(server_.port(), tls(), kRequest, milliseconds(300));
  ASSERT_TRUE(reply.connected);
  EXPECT_TRUE(reply.timed_out);
  EXPECT_EQ(reply.bytes, "");
  // The client closed its socket; the handler notices within a poll interval or so.
  EXPECT_TRUE(server_.WaitReturned(1));
}

TEST_P(WireFaultTest, HangEndsWhenAnHttpClientTimesOut) {
  server_.set_fault(Fault(WireFault::Kind::kHang));
  const std::string url =
      (tls() ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(server_.port());
  httplib::Client client(url);
  client.enable_server_certificate_verification(false);
  client.set_read_timeout(0, 300'000);
  const auto result = client.Get("/token");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), httplib::Error::Read);
  client.stop();
  EXPECT_TRUE(server_.WaitReturned(1));
}

TEST_P(WireFaultTest, StopWakesAHangingHandler) {
  server_.set_fault(Fault(WireFault::Kind::kHang));
  auto reply = std::async(std::launch::async, [&] { return RoundTrip(server_.port(), tls()); });
  ASSERT_TRUE(server_.WaitEntered(1));
  server_.stop().Stop();
  EXPECT_TRUE(server_.WaitReturned(1));
  ASSERT_EQ(reply.wait_for(kBound), std::future_status::ready);
  const Reply got = reply.get();
  EXPECT_EQ(got.bytes, "");
  EXPECT_TRUE(got.eof);
}

TEST_P(WireFaultTest, StopCutsADelayShort) {
  server_.set_fault(Fault(WireFault::Kind::kDelay, std::chrono::minutes(10)));
  auto reply = std::async(std::launch::async, [&] { return RoundTrip(server_.port(), tls()); });
  ASSERT_TRUE(server_.WaitEntered(1));
  server_.stop().Stop();
  ASSERT_EQ(reply.wait_for(kBound), std::future_status::ready);
  EXPECT_EQ(Parse(reply.get().bytes).body, kBody);
}

// cpp-httplib 0.11.4's Server constructor ignores SIGPIPE for the whole process; ApplyWireFault
// does not count on it. With SIGPIPE back to its default (death), cpp-httplib's writes to the
// connections the faults broke (the answer, TLS close_notify) must not kill this process.
TEST_P(WireFaultTest, BrokenConnectionsRaiseNoSigpipe) {
  struct sigaction previous {};
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ASSERT_EQ(sigaction(SIGPIPE, &default_action, &previous), 0);
  for (const WireFault::Kind kind : {WireFault::Kind::kReset, WireFault::Kind::kEmpty,
                                     WireFault::Kind::kHang, WireFault::Kind::kTruncated}) {
    server_.set_fault(Fault(kind, milliseconds(50)));
    const Reply reply = RoundTrip(server_.port(), tls());
    EXPECT_TRUE(reply.eof || reply.error != 0) << ToString(kind);
  }
  // A client that leaves a hang with bytes still unread by the server (TLS: its close_notify;
  // plain: one more byte) makes cpp-httplib think the connection alive and write its answer
  // into the socket the hang shut down.
  server_.set_fault(Fault(WireFault::Kind::kHang));
  if (tls()) {
    httplib::Client client("https://127.0.0.1:" + std::to_string(server_.port()));
    client.enable_server_certificate_verification(false);
    client.set_read_timeout(0, 300'000);
    EXPECT_FALSE(client.Get("/token"));
    client.stop();
  } else {
    const int fd = testing::ConnectLoopback(server_.port(), kBound);
    ASSERT_GE(fd, 0);
    send(fd, kRequest.data(), kRequest.size(), MSG_NOSIGNAL);
    EXPECT_TRUE(server_.WaitEntered(5));
    send(fd, "G", 1, MSG_NOSIGNAL);
    close(fd);
  }
  EXPECT_TRUE(server_.WaitReturned(5));
  // cpp-httplib writes after the handler returns: wait until it is done with every connection.
  server_.Shutdown();
  sigaction(SIGPIPE, &previous, nullptr);
}

INSTANTIATE_TEST_SUITE_P(HttpAndHttps, WireFaultTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Https" : "Http"; });

TEST(WireStopTest, WaitsUntilStoppedAndForEverAfter) {
  WireStop stop;
  EXPECT_FALSE(stop.stopped());
  EXPECT_FALSE(stop.WaitFor(milliseconds(1)));
  auto waiter = std::async(std::launch::async, [&] { return stop.WaitFor(std::chrono::hours(1)); });
  stop.Stop();
  ASSERT_EQ(waiter.wait_for(kBound), std::future_status::ready);
  EXPECT_TRUE(waiter.get());
  EXPECT_TRUE(stop.WaitFor(std::chrono::hours(1)));
}

TEST(FindConnectionSocketTest, NoneWithoutPorts) {
  httplib::Request req;
  EXPECT_EQ(FindConnectionSocket(req), -1);
  req.local_port = 1;
  req.remote_port = 2;
  req.local_addr = "127.0.0.1";
  req.remote_addr = "127.0.0.1";
  EXPECT_EQ(FindConnectionSocket(req), -1);
}

}  // namespace
}  // namespace sfh::mock
