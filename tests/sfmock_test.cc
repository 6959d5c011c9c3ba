// sfmock as a user runs it: `sfmock --port 0 --tls`, the ready line, and the exact bodies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <thread>

#include "mock_server/wire/loopback_socket_for_test.h"
#include "salesforce/form.h"
#include "salesforce/token_format.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::HasSubstr;
namespace sf = ::sfh::salesforce;

std::unique_ptr<httplib::Client> ClientFor(const std::string& url, const std::string& ca_file) {
  auto client = std::make_unique<httplib::Client>(url);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(5, 0);
  client->set_url_encode(false);
  client->set_ca_cert_path(ca_file.c_str());
  client->enable_server_certificate_verification(true);
  return client;
}

class SfmockTlsTest : public ::testing::Test {
 protected:
  SfmockTlsTest() : mock_({"--port", "0", "--tls"}) {}
  void SetUp() override { ASSERT_TRUE(mock_.ok()) << mock_.error(); }

  httplib::Result Token(const std::string& base, const std::string& body,
                        const std::string& content_type = "application/x-www-form-urlencoded") {
    return ClientFor(base, ca())->Post("/services/oauth2/token", body, content_type);
  }
  std::string Form(const std::string& id, const std::string& secret) {
    return sf::EncodeForm(
        {{"grant_type", "client_credentials"}, {"client_id", id}, {"client_secret", secret}});
  }
  std::string my_domain() { return mock_.ready()["my_domain_url"]; }
  std::string ca() { return mock_.ready()["ca_file"]; }
  std::string id() { return mock_.ready()["client_id"]; }
  std::string secret() { return mock_.ready()["client_secret"]; }

  BackgroundMock mock_;
};

TEST_F(SfmockTlsTest, ReadyLineNamesEveryUrlTheCaAndTheDemoCredentials) {
  const auto& ready = mock_.ready();
  EXPECT_EQ(ready["ready"], true);
  EXPECT_THAT(ready["my_domain_url"].get<std::string>(),
              ::testing::StartsWith("https://127.0.0.1:"));
  EXPECT_THAT(ready["login_url"].get<std::string>(), ::testing::StartsWith("https://127.0.0.1:"));
  EXPECT_NE(ready["login_url"], ready["my_domain_url"]);
  EXPECT_EQ(ready["admin_url"], my_domain() + "/__admin");
  EXPECT_TRUE(std::filesystem::exists(ca()));
  EXPECT_FALSE(id().empty());
  EXPECT_FALSE(secret().empty());
}

TEST_F(SfmockTlsTest, TokenSuccessHasTheExactShape) {
  const auto res = Token(my_domain(), Form(id(), secret()));
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json;charset=UTF-8");
  const auto body = nlohmann::ordered_json::parse(res->body);
  std::vector<std::string> keys;
  for (const auto& item : body.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"access_token", "signature", "token_format", "scope",
                                            "instance_url", "id", "token_type", "issued_at"}));
  EXPECT_TRUE(sf::LooksLikeOpaqueAccessToken(body["access_token"].get<std::string>()));
  EXPECT_EQ(body["token_format"], "opaque");
  EXPECT_EQ(body["instance_url"], my_domain());
  EXPECT_THAT(body["id"].get<std::string>(),
              ::testing::StartsWith(mock_.ready()["login_url"].get<std::string>() + "/id/00D"));
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_TRUE(body["issued_at"].is_string());
  EXPECT_EQ(body["signature"], sf::TokenSignature(secret(), body["id"].get<std::string>(),
                                                  body["issued_at"].get<std::string>()));
  EXPECT_FALSE(body.contains("refresh_token"));
  EXPECT_FALSE(body.contains("expires_in"));
}

TEST_F(SfmockTlsTest, BasicCredentialsWork) {
  auto client = ClientFor(my_domain(), ca());
  const auto res = client->Post(
      "/services/oauth2/token", {{"Authorization", sf::MakeBasicAuthorization(id(), secret())}},
      "grant_type=client_credentials", "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(SfmockTlsTest, TokenErrorsAreExact) {
  auto expect = [](const httplib::Result& res, const char* body) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(res->body, body);
  };
  expect(Token(my_domain(), Form("unknown", secret())),
         R"({"error":"invalid_client_id","error_description":"client identifier invalid"})");
  expect(Token(my_domain(), Form(id(), "wrong")),
         R"({"error":"invalid_client","error_description":"invalid client credentials"})");
  expect(Token(my_domain(), R"({"grant_type":"client_credentials"})", "application/json"),
         R"({"error":"unsupported_grant_type","error_description":"grant type not supported"})");
  expect(Token(my_domain(), "grant_type=password"),
         R"({"error":"unsupported_grant_type","error_description":"grant type not supported"})");
  expect(Token(mock_.ready()["login_url"], Form(id(), secret())),
         R"({"error":"invalid_grant","error_description":"request not supported on this domain"})");
}

TEST_F(SfmockTlsTest, RestAnswersInvalidSessionForMissingUnknownAndRevokedTokens) {
  const char* kInvalid =
      R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";
  auto client = ClientFor(my_domain(), ca());
  const std::string query = "/services/data/v65.0/query?q=SELECT+Id,+Name+FROM+Account";
  auto none = client->Get(query);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->body, kInvalid);
  auto unknown = client->Get(query, {{"Authorization", "Bearer 00Dxx0000000000!AQnope"}});
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(unknown->body, kInvalid);

  const auto token = nlohmann::json::parse(Token(my_domain(), Form(id(), secret()))->body);
  const std::string access_token = token["access_token"];
  auto ok = client->Get(query, {{"Authorization", "Bearer " + access_token}});
  EXPECT_EQ(ok->status, 200);
  EXPECT_THAT(ok->get_header_value("Sforce-Limit-Info"), HasSubstr("api-usage="));
  auto revoke = client->Post("/services/oauth2/revoke", sf::EncodeForm({{"token", access_token}}),
                             "application/x-www-form-urlencoded");
  EXPECT_EQ(revoke->status, 200);
  auto revoked = client->Get(query, {{"Authorization", "Bearer " + access_token}});
  EXPECT_EQ(revoked->status, 401);
  EXPECT_EQ(revoked->body, kInvalid);
  auto record = client->Get("/services/data/v65.0/sobjects/Account/001S7000000nope",
                            {{"Authorization", "Bearer " + access_token}});
  EXPECT_EQ(record->status, 401);
}

TEST_F(SfmockTlsTest, DiscoveryAndVersionsAreServed) {
  auto client = ClientFor(my_domain(), ca());
  const auto discovery =
      nlohmann::json::parse(client->Get("/.well-known/openid-configuration")->body);
  EXPECT_EQ(discovery["token_endpoint"], my_domain() + "/services/oauth2/token");
  EXPECT_FALSE(discovery.contains("grant_types_supported"));
  const auto versions = nlohmann::json::parse(client->Get("/services/data/")->body);
  EXPECT_EQ(versions.back()["version"], "67.0");
}

TEST_F(SfmockTlsTest, StopsCleanlyOnSigtermAndRemovesItsCa) {
  const std::string ca_file = ca();
  EXPECT_EQ(mock_.Terminate(), 0);
  EXPECT_FALSE(std::filesystem::exists(ca_file));
}

class ScenarioFile {
 public:
  explicit ScenarioFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("sfh-e2e-scenario-" + std::to_string(getpid()) + ".json")) {
    std::ofstream(path_) << text;
  }
  ~ScenarioFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(Sfmock, AppWithoutRunAsUserIsRefused) {
  ScenarioFile file(R"({"id": "t", "title": "t", "org": {"apps": [{"name": "A",
      "client_id": "cid-no-run-as", "client_secret": "csecret-no-run-as"}]}})");
  BackgroundMock mock({"--scenario", file.path()});
  ASSERT_TRUE(mock.ok()) << mock.error();
  EXPECT_FALSE(mock.ready().contains("client_secret")) << "only the demo org prints its secret";
  EXPECT_EQ(mock.ready()["apps"][0]["client_id"], "cid-no-run-as");
  httplib::Client client(mock.ready()["my_domain_url"].get<std::string>());
  client.set_connection_timeout(5, 0);
  const auto res = client.Post("/services/oauth2/token",
                               "grant_type=client_credentials&client_id=cid-no-run-as&"
                               "client_secret=csecret-no-run-as",
                               "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(
      res->body,
      R"({"error":"invalid_grant","error_description":"no client credentials user enabled"})");
}

TEST(Sfmock, BrokenScenarioFileIsAUsageErrorNamingThePointer) {
  ScenarioFile file(R"({"id": "t", "title": "t", "org": {"apps": [{"name": 7}]}})");
  harness::ProcessOptions options;
  options.argv = {SFMOCK_BIN, "--scenario", file.path()};
  options.timeout = std::chrono::seconds(10);
  const auto result = harness::RunProcess(options);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("/org/apps/0/name: expected a string, got an integer"));
}

bool SendAll(int fd, const std::string& data) {
  return send(fd, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
}

// Raw connections to sfmock, whose reads give up after 5 s.
int ConnectRaw(int port) { return mock::testing::ConnectLoopback(port, std::chrono::seconds(5)); }

// The first bytes of an answer, or "" when the connection closed without one.
std::string FirstAnswer(int fd) {
  char buf[512];
  const ssize_t n = recv(fd, buf, sizeof buf, 0);
  if (n < 0) return "(nothing within 5 s)";
  return std::string(buf, static_cast<size_t>(n));
}

// The limits of docs/LIMITS.md, each set small on the command line, each seen to bite.
TEST(Sfmock, LimitsAreTheOnesGivenOnTheCommandLine) {
  BackgroundMock mock({"--max-sessions", "2", "--max-body-bytes", "2048", "--journal-capacity", "3",
                       "--read-timeout-seconds", "1", "--keep-alive-seconds", "1"});
  ASSERT_TRUE(mock.ok()) << mock.error();
  const std::string base = mock.ready()["my_domain_url"];
  httplib::Client client(base);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(5, 0);
  const std::string form = sf::EncodeForm({{"grant_type", "client_credentials"},
                                           {"client_id", mock.ready()["client_id"]},
                                           {"client_secret", mock.ready()["client_secret"]}});
  std::vector<std::string> tokens;
  for (int i = 0; i < 3; ++i) {
    const auto res =
        client.Post("/services/oauth2/token", form, "application/x-www-form-urlencoded");
    ASSERT_TRUE(res && res->status == 200);
    tokens.push_back(nlohmann::json::parse(res->body)["access_token"]);
  }
  auto limits = [&](const std::string& token) {
    const auto res =
        client.Get("/services/data/v67.0/limits", {{"Authorization", "Bearer " + token}});
    return res ? res->status : -1;
  };
  EXPECT_EQ(limits(tokens[0]), 401);  // the oldest of three, beyond --max-sessions 2
  EXPECT_EQ(limits(tokens[2]), 200);

  const auto large = client.Post("/services/oauth2/token", form + "&pad=" + std::string(4096, 'x'),
                                 "application/x-www-form-urlencoded");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 413);

  const auto journal = client.Get("/__admin/journal");
  ASSERT_TRUE(journal && journal->status == 200);
  const auto exported = nlohmann::json::parse(journal->body);
  EXPECT_EQ(exported["capacity"], 3);
  EXPECT_EQ(exported["exchanges"].size(), 3u);
  EXPECT_GT(exported["dropped"].get<int>(), 0);

  // Raw sockets send what httplib::Client would not.
  const int port = std::stoi(base.substr(base.rfind(':') + 1));

  // A chunked body carries no length: it is stopped at --max-body-bytes too.
  const int chunked = ConnectRaw(port);
  ASSERT_GE(chunked, 0);
  std::string request =
      "POST /services/oauth2/token HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) request += "400\r\n" + std::string(1024, 'x') + "\r\n";
  request += "0\r\n\r\n";
  ASSERT_TRUE(SendAll(chunked, request));
  const std::string refused = FirstAnswer(chunked);
  EXPECT_THAT(refused, ::testing::StartsWith("HTTP/1.1 413 "));
  EXPECT_THAT(refused, HasSubstr("Connection: close"));
  EXPECT_THAT(refused, ::testing::EndsWith("\r\n\r\n"));  // and no body
  // The rest of the body is read and dropped, never read as a request: nothing more comes, and
  // the connection ends idle after --keep-alive-seconds (1 s here).
  EXPECT_EQ(FirstAnswer(chunked), "");
  close(chunked);

  // A POST with neither Content-Length nor chunking has no body (RFC 9112 6.3), and is served
  // at once: not held until the client closes its side, nor answered 400 at the read timeout.
  const int unframed = ConnectRaw(port);
  ASSERT_GE(unframed, 0);
  ASSERT_TRUE(SendAll(unframed, "POST /services/oauth2/token?" + form +
                                    " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  std::string unframed_answer;
  for (std::string part = FirstAnswer(unframed); !part.empty() && part[0] != '(';
       part = FirstAnswer(unframed)) {
    unframed_answer += part;
  }
  EXPECT_THAT(unframed_answer, ::testing::StartsWith("HTTP/1.1 200 ")) << unframed_answer;
  EXPECT_THAT(unframed_answer, HasSubstr("\"access_token\"")) << unframed_answer;
  close(unframed);

  // A request that stops arriving is answered 400 and loses its connection after
  // --read-timeout-seconds (1 s here; 10 by default), well within the waits' 5 s bound.
  const int stalled = ConnectRaw(port);
  ASSERT_GE(stalled, 0);
  ASSERT_TRUE(SendAll(stalled, "GET /services/data HTTP/1.1\r\nHost: x\r\n"));
  EXPECT_THAT(FirstAnswer(stalled), ::testing::StartsWith("HTTP/1.1 400 "));
  EXPECT_EQ(FirstAnswer(stalled), "") << "expected the connection closed";
  close(stalled);

  // A body that stops arriving short of its Content-Length: the same.
  const int stalled_body = ConnectRaw(port);
  ASSERT_GE(stalled_body, 0);
  ASSERT_TRUE(SendAll(stalled_body,
                      "POST /services/oauth2/token HTTP/1.1\r\nHost: x\r\n"
                      "Content-Type: application/x-www-form-urlencoded\r\n"
                      "Content-Length: 100\r\n\r\ngrant_type="));
  EXPECT_THAT(FirstAnswer(stalled_body), ::testing::StartsWith("HTTP/1.1 400 "));
  EXPECT_EQ(FirstAnswer(stalled_body), "") << "expected the connection closed";
  close(stalled_body);
}

// docs/BAD_INPUT.md, framing: the read timeout applies to each read, so a request sent in pieces,
// each within it, is served; and with the one worker of --threads 1 held by a keep-alive
// connection, a further connection waits, accepted by the kernel, until the worker is free.
TEST(Sfmock, SlowPiecesAreServedAndAConnectionBeyondTheThreadsWaits) {
  BackgroundMock mock(
      {"--threads", "1", "--read-timeout-seconds", "1", "--keep-alive-seconds", "3"});
  ASSERT_TRUE(mock.ok()) << mock.error();
  const std::string base = mock.ready()["my_domain_url"];
  const int port = std::stoi(base.substr(base.rfind(':') + 1));

  const int slow = ConnectRaw(port);
  ASSERT_GE(slow, 0);
  // Four pieces 0.6 s apart: 1.8 s in all, each piece within the 1 s read timeout.
  for (const char* piece : {"GET /services/", "data/ HTTP/1.1\r\n", "Host: x\r\n", "\r\n"}) {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    ASSERT_TRUE(SendAll(slow, piece));
  }
  EXPECT_THAT(FirstAnswer(slow), ::testing::StartsWith("HTTP/1.1 200 "));

  // `slow` stays open (keep-alive, 3 s) and holds the one worker.
  const int waiting = ConnectRaw(port);
  ASSERT_GE(waiting, 0);
  ASSERT_TRUE(SendAll(waiting, "GET /services/data/ HTTP/1.1\r\nHost: x\r\n\r\n"));
  pollfd ready{.fd = waiting, .events = POLLIN, .revents = 0};
  EXPECT_EQ(poll(&ready, 1, 1000), 0) << "answered while the only worker was held";
  close(slow);  // frees the worker
  EXPECT_THAT(FirstAnswer(waiting), ::testing::StartsWith("HTTP/1.1 200 "));
  close(waiting);
}

// A client that stops reading an answer: the connection is closed after --write-timeout-seconds
// (docs/LIMITS.md), not held for as long as the client waits.
TEST(Sfmock, AClientThatStopsReadingIsCutAtTheWriteTimeout) {
  BackgroundMock mock({"--write-timeout-seconds", "1"});
  ASSERT_TRUE(mock.ok()) << mock.error();
  const std::string base = mock.ready()["my_domain_url"];
  const int port = std::stoi(base.substr(base.rfind(':') + 1));
  // 40 token requests with 200 KB bodies: the journal's export is about 8 MB, more than the
  // socket buffers hold.
  httplib::Client client(base);
  client.set_read_timeout(10, 0);
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(client.Post("/services/oauth2/token", std::string(200'000, 'x'),
                            "application/x-www-form-urlencoded"));
  }
  const auto whole = client.Get("/__admin/journal");
  ASSERT_TRUE(whole && whole->status == 200);
  const size_t export_size = whole->body.size();
  ASSERT_GT(export_size, 7'000'000u);

  const int fd = mock::testing::ConnectLoopback(port, std::chrono::seconds(5), 4096);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd, "GET /__admin/journal HTTP/1.1\r\nHost: x\r\n\r\n"));
  // Once the answer has begun (building the export takes a while, longer under sanitizers), stop
  // reading: sfmock's writes stall against the full window.
  pollfd begun{.fd = fd, .events = POLLIN, .revents = 0};
  ASSERT_EQ(poll(&begun, 1, 60'000), 1) << "no answer began within 60 s";
  std::this_thread::sleep_for(std::chrono::seconds(3));
  std::string received;
  bool closed = false;
  char buf[65536];
  while (true) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      received.append(buf, static_cast<size_t>(n));
      continue;
    }
    closed = n == 0 || errno == ECONNRESET;  // not the 5 s read timeout
    break;
  }
  close(fd);
  EXPECT_TRUE(closed) << "the connection was held";
  const size_t head_end = received.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_LT(received.size() - head_end - 4, export_size) << "the whole answer arrived";
}

// cpp-httplib's fixed bounds: 8,192 bytes for the request line and for each header line.
TEST(Sfmock, OversizedRequestLinesAndHeaderLinesAreRefused) {
  BackgroundMock mock({});
  ASSERT_TRUE(mock.ok()) << mock.error();
  const std::string base = mock.ready()["my_domain_url"];
  const int port = std::stoi(base.substr(base.rfind(':') + 1));
  const std::string long_line = "GET /services/data?x=" + std::string(9000, 'a') +
                                " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string long_header =
      "GET /services/data HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'b') +
      "\r\nConnection: close\r\n\r\n";
  const std::string fine =
      "GET /services/data HTTP/1.1\r\nHost: x\r\nX-Fine: " + std::string(4000, 'c') +
      "\r\nConnection: close\r\n\r\n";
  // The number of header lines has no bound (docs/LIMITS.md): 2,000 short ones are served.
  std::string many = "GET /services/data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
  for (int i = 0; i < 2000; ++i) many += "X-Many-" + std::to_string(i) + ": v\r\n";
  many += "\r\n";
  for (const auto& [request, status] : {std::pair{long_line, "414"}, std::pair{long_header, "400"},
                                        std::pair{fine, "200"}, std::pair{many, "200"}}) {
    const int fd = ConnectRaw(port);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(SendAll(fd, request));
    EXPECT_THAT(FirstAnswer(fd), ::testing::StartsWith(std::string("HTTP/1.1 ") + status + " "))
        << request.size();
    close(fd);
  }
}

TEST(Sfmock, ALimitOutOfRangeIsAUsageError) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--max-sessions", "0"},
                                               {"--max-body-bytes", "12"},
                                               {"--journal-max-bytes", "-1"},
                                               {"--read-timeout-seconds", "0"}}) {
    harness::ProcessOptions options;
    options.argv = {SFMOCK_BIN};
    options.argv.insert(options.argv.end(), args.begin(), args.end());
    options.timeout = std::chrono::seconds(10);
    const auto result = harness::RunProcess(options);
    EXPECT_EQ(result.exit_code, 2) << args[0];
    EXPECT_THAT(result.err, HasSubstr(args[0])) << args[0];
  }
}

// A scenario file that is not JSON, or holds a number no double holds, is a usage error of
// sfmock and of `sfharness run` alike: exit 2, naming the file (docs/BAD_INPUT.md).
TEST(Sfmock, AScenarioFileThatIsNotJsonExitsTwoNamingIt) {
  TempDir dir("sfh-sfmock-bad-scenario");
  for (const std::string text : {"{\"id\": \"x\",", "{\"id\": \"x\", \"title\": 1e999}"}) {
    const std::string file = dir / "broken.json";
    std::ofstream(file, std::ios::trunc) << text;
    for (const std::vector<std::string>& argv :
         {std::vector<std::string>{SFMOCK_BIN, "--scenario", file},
          {SFHARNESS_BIN, "run", "--out", dir / "out", "--scenarios", file}}) {
      harness::ProcessOptions options;
      options.argv = argv;
      options.timeout = std::chrono::seconds(30);
      const auto result = harness::RunProcess(options);
      EXPECT_EQ(result.exit_code, 2) << argv[0] << " " << text << "\n" << result.err;
      EXPECT_THAT(result.err, HasSubstr(file + ": not valid JSON")) << argv[0] << " " << text;
    }
  }
}

}  // namespace
}  // namespace sfh::tests
