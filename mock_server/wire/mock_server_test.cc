// The wire with a real HTTP client on loopback, port 0.
#include "mock_server/wire/mock_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "salesforce/form.h"

namespace sfh::mock {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::unique_ptr<httplib::Client> ClientFor(const std::string& url, const std::string& ca_file) {
  auto client = std::make_unique<httplib::Client>(url);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(5, 0);
  client->set_url_encode(false);  // send targets exactly as written
  if (!ca_file.empty()) {
    client->set_ca_cert_path(ca_file.c_str());
    client->enable_server_certificate_verification(true);
  }
  return client;
}

ScenarioDocument ScenarioOf(OrgConfig config) {
  ScenarioDocument doc;
  doc.id = "test";
  doc.org = std::move(config);
  return doc;
}

// A service whose default tenant serves `config`.
struct Served {
  explicit Served(OrgConfig config)
      : mock(*service.Load("default", ScenarioOf(std::move(config)))) {}
  MockService service;
  std::shared_ptr<MockOrg> mock;
};

class MockServerTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    served_ = std::make_unique<Served>(DemoOrgConfig());
    mock_ = served_->mock;
    ServeOptions options;
    options.tls = GetParam();
    auto server = MockServer::Start(served_->service, options);
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
  }

  httplib::Result Token(const std::string& base_url) {
    auto client = ClientFor(base_url, server_->urls().ca_file);
    return client->Post("/services/oauth2/token",
                        salesforce::EncodeForm({{"grant_type", "client_credentials"},
                                                {"client_id", kDemoClientId},
                                                {"client_secret", kDemoClientSecret}}),
                        "application/x-www-form-urlencoded");
  }

  std::unique_ptr<Served> served_;
  std::shared_ptr<MockOrg> mock_;
  std::unique_ptr<MockServer> server_;
};

TEST_P(MockServerTest, ServesTokenAndRestOnTheMyDomainAndJournalsThem) {
  const auto& urls = server_->urls();
  EXPECT_THAT(urls.my_domain, HasSubstr(GetParam() ? "https://127.0.0.1:" : "http://127.0.0.1:"));
  EXPECT_NE(urls.my_domain, urls.login);
  EXPECT_EQ(urls.ca_file.empty(), !GetParam());

  auto token = Token(urls.my_domain);
  ASSERT_TRUE(token) << httplib::to_string(token.error());
  ASSERT_EQ(token->status, 200) << token->body;
  EXPECT_EQ(token->get_header_value("Content-Type"), "application/json;charset=UTF-8");
  const auto body = nlohmann::json::parse(token->body);
  EXPECT_EQ(body["instance_url"], urls.my_domain);
  EXPECT_THAT(body["id"].get<std::string>(), HasSubstr(urls.login + "/id/00DS7000000sfmk"));

  auto rest = ClientFor(body["instance_url"], urls.ca_file);
  rest->set_bearer_token_auth(body["access_token"].get<std::string>().c_str());
  auto query = rest->Get("/services/data/v65.0/query?q=SELECT+Id,+Name+FROM+Account");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->status, 200);
  EXPECT_EQ(nlohmann::json::parse(query->body)["totalSize"], 3);

  const auto journal = mock_->journal().Snapshot();
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[0].request.method, "POST");
  EXPECT_EQ(journal[0].request.host, VirtualHost::kMyDomain);
  EXPECT_EQ(journal[0].request.tls, GetParam());
  EXPECT_THAT(journal[0].request.body, HasSubstr("client_secret="));
  EXPECT_EQ(journal[0].request.headers.Get("REMOTE_ADDR"), std::nullopt);
  EXPECT_EQ(journal[1].request.target, "/services/data/v65.0/query?q=SELECT+Id,+Name+FROM+Account");
  EXPECT_EQ(journal[1].response.status, 200);
}

TEST_P(MockServerTest, LoginHostRefusesClientCredentials) {
  auto token = Token(server_->urls().login);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 400);
  EXPECT_EQ(
      token->body,
      R"({"error":"invalid_grant","error_description":"request not supported on this domain"})");
  EXPECT_EQ(mock_->journal().Snapshot().at(0).request.host, VirtualHost::kLogin);
}

TEST_P(MockServerTest, AdminJournalIsRedactedAndNotJournaled) {
  ASSERT_TRUE(Token(server_->urls().my_domain));
  auto admin = ClientFor(server_->urls().my_domain, server_->urls().ca_file);
  auto journal = admin->Get("/__admin/journal");
  ASSERT_TRUE(journal);
  EXPECT_EQ(journal->status, 200);
  EXPECT_THAT(journal->body, Not(HasSubstr(kDemoClientSecret)));
  EXPECT_THAT(journal->body, HasSubstr("client_secret=[REDACTED]"));
  const auto token = mock_->journal().Snapshot().at(0).response.body;
  const auto access_token = nlohmann::json::parse(token)["access_token"].get<std::string>();
  EXPECT_THAT(journal->body, Not(HasSubstr(access_token)));
  EXPECT_EQ(admin->Get("/__admin/health")->status, 200);
  EXPECT_EQ(mock_->journal().Snapshot().size(), 1u);
}

TEST_P(MockServerTest, StopIsIdempotentAndFreesThePort) {
  const std::string url = server_->urls().my_domain;
  server_->Stop();
  server_->Stop();
  auto client = ClientFor(url, "");
  client->set_connection_timeout(1, 0);
  EXPECT_FALSE(client->Get("/services/data/"));
}

// What real clients send: a chunked body without Content-Length (jsforce does this), queries
// escaped with '+', "%20" and lower-case "%2c", and any Accept header.
TEST_P(MockServerTest, AcceptsWhatRealClientsSend) {
  const auto& urls = server_->urls();
  auto client = ClientFor(urls.my_domain, urls.ca_file);
  const std::string form = salesforce::EncodeForm({{"grant_type", "client_credentials"},
                                                   {"client_id", kDemoClientId},
                                                   {"client_secret", kDemoClientSecret}});
  auto chunked = client->Post(
      "/services/oauth2/token",
      [&form](size_t offset, httplib::DataSink& sink) {
        // Two chunks, then the end: the server never sees a Content-Length.
        const size_t half = form.size() / 2;
        if (offset == 0) sink.write(form.data(), half);
        if (offset == half) sink.write(form.data() + half, form.size() - half);
        if (offset >= form.size()) sink.done();
        return true;
      },
      "application/x-www-form-urlencoded");
  ASSERT_TRUE(chunked) << httplib::to_string(chunked.error());
  ASSERT_EQ(chunked->status, 200) << chunked->body;
  const auto journal = mock_->journal().Snapshot();
  ASSERT_FALSE(journal.empty());
  EXPECT_EQ(journal.back().request.headers.Get("Transfer-Encoding"), "chunked");
  EXPECT_FALSE(journal.back().request.headers.Get("Content-Length").has_value());

  const auto token = nlohmann::json::parse(chunked->body)["access_token"].get<std::string>();
  for (const char* target :
       {"/services/data/v67.0/query?q=SELECT+Id,+Name+FROM+Account",
        "/services/data/v67.0/query?q=SELECT%20Id%2C%20Name%20FROM%20Account",
        "/services/data/v67.0/query?q=SELECT%20Id%2c%20Name%20FROM%20Account"}) {
    for (const char* accept : {"application/json", "*/*", "application/xml", ""}) {
      httplib::Headers headers = {{"Authorization", "Bearer " + token}};
      if (*accept != '\0') headers.emplace("Accept", accept);
      auto rest = client->Get(target, headers);
      ASSERT_TRUE(rest) << target;
      EXPECT_EQ(rest->status, 200) << target << " Accept: " << accept << " " << rest->body;
      EXPECT_EQ(rest->get_header_value("Content-Type"), "application/json;charset=UTF-8");
    }
  }
}

// Bodies are read by the wire layer: a long form reaches the token endpoint whole (a secret
// padded with 20 KB is the wrong secret, not a refused body); a body over max_body_bytes is
// refused with 413 before the service sees it; a multipart body, which no endpoint reads,
// reaches the token endpoint empty and gets Salesforce's answer to a missing grant type.
TEST_P(MockServerTest, ReadsRequestBodiesWithinTheLimit) {
  const auto& urls = server_->urls();
  auto client = ClientFor(urls.my_domain, urls.ca_file);
  const std::string padded = std::string(kDemoClientSecret) + std::string(20000, 'x');
  const std::string form = salesforce::EncodeForm({{"grant_type", "client_credentials"},
                                                   {"client_id", kDemoClientId},
                                                   {"client_secret", padded}});
  auto long_form =
      client->Post("/services/oauth2/token", form, "application/x-www-form-urlencoded");
  ASSERT_TRUE(long_form) << httplib::to_string(long_form.error());
  EXPECT_EQ(long_form->status, 400);
  EXPECT_EQ(long_form->body,
            R"({"error":"invalid_client","error_description":"invalid client credentials"})");
  auto journal = mock_->journal().Snapshot();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0].request.body, form);

  const std::string huge(ServeOptions{}.max_body_bytes + 1, 'a');
  auto too_large =
      client->Post("/services/oauth2/token", huge, "application/x-www-form-urlencoded");
  ASSERT_TRUE(too_large) << httplib::to_string(too_large.error());
  EXPECT_EQ(too_large->status, 413);
  EXPECT_EQ(mock_->journal().Snapshot().size(), 1u);

  httplib::MultipartFormDataItems parts = {{"grant_type", "client_credentials", "", ""},
                                           {"client_id", kDemoClientId, "", ""}};
  auto multipart = client->Post("/services/oauth2/token", parts);
  ASSERT_TRUE(multipart) << httplib::to_string(multipart.error());
  EXPECT_EQ(multipart->status, 400);
  EXPECT_EQ(multipart->body,
            R"({"error":"unsupported_grant_type","error_description":"grant type not supported"})");
  journal = mock_->journal().Snapshot();
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_TRUE(journal[1].request.body.empty());
  EXPECT_THAT(journal[1].request.headers.Get("Content-Type").value_or(""),
              HasSubstr("multipart/form-data"));

  // The connection is still good after each of them.
  auto token = Token(urls.my_domain);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 200);
}

// The test host plays test.salesforce.com: discovery names it, client credentials are refused.
TEST_P(MockServerTest, TestHostHasItsOwnListener) {
  const auto& urls = server_->urls();
  ASSERT_FALSE(urls.test.empty());
  EXPECT_NE(urls.test, urls.login);
  auto token = Token(urls.test);
  ASSERT_TRUE(token);
  EXPECT_EQ(
      token->body,
      R"({"error":"invalid_grant","error_description":"request not supported on this domain"})");
  auto discovery = ClientFor(urls.test, urls.ca_file)->Get("/.well-known/openid-configuration");
  ASSERT_TRUE(discovery);
  EXPECT_EQ(nlohmann::json::parse(discovery->body)["issuer"], urls.test);
}

INSTANTIATE_TEST_SUITE_P(HttpAndHttps, MockServerTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "https" : "http"; });

TEST(MockServerTls, UntrustedClientsAreRefused) {
  Served served(DemoOrgConfig());
  ServeOptions options;
  options.tls = true;
  auto server = MockServer::Start(served.service, options);
  ASSERT_TRUE(server.has_value()) << server.error();
  httplib::Client client((*server)->urls().my_domain);
  client.set_connection_timeout(5, 0);
  client.enable_server_certificate_verification(true);
  client.set_ca_cert_path("/nonexistent-ca.pem");
  EXPECT_FALSE(client.Get("/services/data/"));
}

// The instance host serves the org while the org lives there; an org on its My Domain finds it
// answering as a host it has left (choices.moved_instance, default invalid_session).
TEST(MockServerOrg, InstanceHostServesTheOrgOnlyWhileItLivesThere) {
  OrgConfig config = DemoOrgConfig();
  config.instance_url = InstanceUrlHost::kLegacyInstance;
  Served legacy(config);
  auto server = MockServer::Start(legacy.service, ServeOptions{});
  ASSERT_TRUE(server.has_value());
  ASSERT_FALSE((*server)->urls().legacy_instance.empty());
  EXPECT_EQ(legacy.mock->org().InstanceUrl(), (*server)->urls().legacy_instance);
  EXPECT_EQ(ClientFor((*server)->urls().legacy_instance, "")->Get("/services/data/")->status, 200);

  Served plain(DemoOrgConfig());
  auto plain_server = MockServer::Start(plain.service, ServeOptions{});
  ASSERT_TRUE(plain_server.has_value());
  ASSERT_FALSE((*plain_server)->urls().legacy_instance.empty());
  EXPECT_EQ(plain.mock->org().InstanceUrl(), (*plain_server)->urls().my_domain);
  auto moved = ClientFor((*plain_server)->urls().legacy_instance, "")->Get("/services/data/");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 401);
  EXPECT_THAT(moved->body, HasSubstr("INVALID_SESSION_ID"));

  OrgConfig redirecting = DemoOrgConfig();
  redirecting.choices.moved_instance_redirects = true;
  Served redirect(redirecting);
  auto redirect_server = MockServer::Start(redirect.service, ServeOptions{});
  ASSERT_TRUE(redirect_server.has_value());
  auto answer =
      ClientFor((*redirect_server)->urls().legacy_instance, "")->Get("/services/data/?x=1");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 302);
  EXPECT_EQ(answer->get_header_value("Location"),
            (*redirect_server)->urls().my_domain + "/services/data/?x=1");
}

// HTTP Basic credentials are form-encoded before Base64 (RFC 6749 2.3.1), so a secret with
// '+', ':' or '%' arrives as "a%2Bb%3Ac%25d" inside the Base64 and must be decoded.
TEST(MockServerOrg, BasicCredentialsAreFormDecoded) {
  OrgConfig config = DemoOrgConfig();
  config.apps[0].client_secret = "a+b:c%d e";
  Served served(config);
  auto server = MockServer::Start(served.service, ServeOptions{});
  ASSERT_TRUE(server.has_value());
  auto client = ClientFor((*server)->urls().my_domain, "");
  const std::string basic =
      salesforce::MakeBasicAuthorization(config.apps[0].client_id, config.apps[0].client_secret);
  ASSERT_NE(basic.find("Basic "), std::string::npos);
  auto token = client->Post("/services/oauth2/token", {{"Authorization", basic}},
                            "grant_type=client_credentials", "application/x-www-form-urlencoded");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 200) << token->body;
}

// A service that answers every request with the headers and body it is given, and keeps what
// the wire layer made of the request.
class EchoService : public Servable {
 public:
  HttpResponse Serve(HttpRequest request) override {
    std::lock_guard lock(mu_);
    seen_ = request;
    HttpResponse response;
    response.headers = headers;
    response.body = "the body";
    return response;
  }
  void SetHostUrls(HostUrls) override {}
  HttpRequest seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }
  Headers headers;  // set before the server starts

 private:
  std::mutex mu_;
  HttpRequest seen_;
};

TEST(MockServerWire, TheServicesHeadersAndBodyGoOutAndAFieldWithCrOrLfIsDropped) {
  EchoService echo;
  echo.headers = {{"X-Kept", "fine"},
                  {"X-Split", "a\r\nInjected: yes"},
                  {"X-Bare-Lf", "b\nInjected-Too: yes"},
                  {"X-Bad\rName", "c"},
                  {"X-Also-Kept", "also fine"}};
  auto server = MockServer::Start(echo, {});
  ASSERT_TRUE(server.has_value()) << server.error();
  auto res = ClientFor((*server)->urls().my_domain, "")->Get("/anything?x=1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "the body");
  EXPECT_EQ(res->get_header_value("X-Kept"), "fine");
  EXPECT_EQ(res->get_header_value("X-Also-Kept"), "also fine");
  for (const char* gone : {"X-Split", "Injected", "X-Bare-Lf", "Injected-Too"}) {
    EXPECT_FALSE(res->has_header(gone)) << gone;
  }
  for (const auto& [name, value] : res->headers) {
    EXPECT_THAT(name, Not(HasSubstr("X-Bad"))) << value;
  }
  // The request as the service saw it: the connection as "address:port".
  const HttpRequest seen = echo.seen();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path, "/anything");
  EXPECT_EQ(seen.query, "x=1");
  ASSERT_TRUE(seen.remote.starts_with("127.0.0.1:")) << seen.remote;
  const int port = std::stoi(seen.remote.substr(std::string("127.0.0.1:").size()));
  EXPECT_GT(port, 0);
  EXPECT_LT(port, 65536);
}

TEST(MockServerListeners, APortInUseIsRefusedNotShared) {
  Served served(DemoOrgConfig());
  auto first = MockServer::Start(served.service, {});
  ASSERT_TRUE(first.has_value()) << first.error();
  const std::string url = (*first)->urls().my_domain;
  ServeOptions again;
  again.my_domain_port = std::stoi(url.substr(url.rfind(':') + 1));
  Served other(DemoOrgConfig());
  auto second = MockServer::Start(other.service, again);
  ASSERT_FALSE(second.has_value()) << "two servers share " << url;
  EXPECT_THAT(second.error(), HasSubstr("cannot listen on 127.0.0.1:"));
}

// Each keep-alive connection holds a worker while it is open: more connections than the first
// few must still be served while the others stay open.
TEST(MockServerListeners, ManyOpenKeepAliveConnectionsDoNotStarveTheNext) {
  Served served(DemoOrgConfig());
  auto server = MockServer::Start(served.service, {});
  ASSERT_TRUE(server.has_value()) << server.error();
  const std::string url = (*server)->urls().my_domain;
  std::vector<std::unique_ptr<httplib::Client>> held;
  for (int i = 0; i < 40; ++i) {
    auto client = ClientFor(url, "");
    client->set_keep_alive(true);
    const auto res = client->Get("/.well-known/openid-configuration");
    ASSERT_TRUE(res) << i << ": " << httplib::to_string(res.error());
    ASSERT_EQ(res->status, 200);
    held.push_back(std::move(client));
  }
  // Every one of the 40 connections is still open (keep-alive lasts 5 s); the next client is
  // answered well before any of them closes.
  auto next = ClientFor(url, "");
  next->set_read_timeout(3, 0);
  const auto res = next->Get("/.well-known/openid-configuration");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  for (auto& client : held) {
    const auto again = client->Get("/.well-known/openid-configuration");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
  }
}

}  // namespace
}  // namespace sfh::mock
