#include "harness/net/http_client.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>

#include "harness/net/connect_proxy_for_test.h"
#include "harness/net/net_test_support.h"
#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"

namespace sfh::harness::net {
namespace {

using ::testing::HasSubstr;

TEST(ParseUrl, SplitsSchemeHostPortAndTarget) {
  auto url = ParseUrl("HTTPS://Acme.My.Salesforce.com/services/data/?x=1#frag");
  ASSERT_TRUE(url.has_value()) << url.error();
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "acme.my.salesforce.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/services/data/?x=1");
  EXPECT_EQ(url->Origin(), "https://acme.my.salesforce.com");

  auto local = ParseUrl("http://127.0.0.1:8080");
  ASSERT_TRUE(local.has_value());
  EXPECT_EQ(local->port, 8080);
  EXPECT_EQ(local->target, "/");
  EXPECT_EQ(local->Origin(), "http://127.0.0.1:8080");

  auto v6 = ParseUrl("http://[::1]:9/x");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->Origin(), "http://[::1]:9");
}

TEST(ParseUrl, RefusesWhatIsNotAnHttpUrl) {
  EXPECT_FALSE(ParseUrl("acme.my.salesforce.com").has_value());
  EXPECT_FALSE(ParseUrl("ftp://x/").has_value());
  EXPECT_FALSE(ParseUrl("https://:443/").has_value());
  EXPECT_FALSE(ParseUrl("https://a:99999/").has_value());
  EXPECT_FALSE(ParseUrl("https://a:b/").has_value());
  EXPECT_FALSE(ParseUrl("https://user:pw@a/").has_value());
}

TEST(ProxyFor, ReadsTheSchemesVariableAndNoProxy) {
  const Url https = *ParseUrl("https://acme.my.salesforce.com/");
  const Url http = *ParseUrl("http://acme.my.salesforce.com/");

  auto proxy = ProxyFor(https, EnvOf({{"HTTPS_PROXY", "http://u%40x:p%3Aw@proxy.corp:3128"}}));
  ASSERT_TRUE(proxy.has_value()) << proxy.error();
  ASSERT_TRUE(proxy->has_value());
  EXPECT_EQ((*proxy)->host, "proxy.corp");
  EXPECT_EQ((*proxy)->port, 3128);
  EXPECT_EQ((*proxy)->user, "u@x");
  EXPECT_EQ((*proxy)->password, "p:w");
  EXPECT_EQ((*proxy)->display, "http://proxy.corp:3128");  // no credentials

  // https_proxy does not apply to http URLs; upper-case HTTP_PROXY is ignored, as curl does.
  EXPECT_FALSE(ProxyFor(http, EnvOf({{"HTTPS_PROXY", "proxy:1"}}))->has_value());
  EXPECT_FALSE(ProxyFor(http, EnvOf({{"HTTP_PROXY", "proxy:1"}}))->has_value());
  EXPECT_TRUE(ProxyFor(http, EnvOf({{"http_proxy", "proxy:1"}}))->has_value());
  EXPECT_EQ((*ProxyFor(http, EnvOf({{"http_proxy", "proxy"}})))->port, 1080);

  for (const char* no_proxy :
       {"*", "salesforce.com", ".my.salesforce.com", "x, acme.my.salesforce.com:443"}) {
    EXPECT_FALSE(
        ProxyFor(https, EnvOf({{"HTTPS_PROXY", "proxy:1"}, {"NO_PROXY", no_proxy}}))->has_value())
        << no_proxy;
  }
  EXPECT_TRUE(
      ProxyFor(https, EnvOf({{"HTTPS_PROXY", "proxy:1"}, {"NO_PROXY", "force.com"}}))->has_value());

  auto bad = ProxyFor(https, EnvOf({{"HTTPS_PROXY", "socks5://proxy:1"}}));
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error(), HasSubstr("HTTPS_PROXY"));
}

class SendTest : public ::testing::Test {
 protected:
  void Serve(bool tls) {
    mock::ScenarioDocument doc;
    doc.id = "http-client-test";
    doc.org = mock::DemoOrgConfig();
    ASSERT_TRUE(service_.Load("default", doc).has_value());
    mock::ServeOptions options;
    options.tls = tls;
    auto server = mock::MockServer::Start(service_, options);
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
  }

  static ClientOptions Options() { return LoopbackOptions(); }

  mock::MockService service_;
  std::unique_ptr<mock::MockServer> server_;
};

TEST_F(SendTest, GetsAnAnswerOverHttp) {
  Serve(false);
  const Outcome outcome = Send({.url = server_->urls().my_domain + "/services/data/"}, Options());
  ASSERT_TRUE(outcome.result.has_value()) << outcome.result.error().detail;
  EXPECT_EQ(outcome.result->status, 200);
  EXPECT_THAT(HeaderValue(outcome.result->headers, "content-type"), HasSubstr("application/json"));
  EXPECT_THAT(outcome.result->body, HasSubstr("\"version\""));
}

TEST_F(SendTest, PostsABody) {
  Serve(false);
  const Outcome outcome = Send({.method = "POST",
                                .url = server_->urls().my_domain + "/services/oauth2/token",
                                .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                                .body = "grant_type=client_credentials"},
                               Options());
  ASSERT_TRUE(outcome.result.has_value());
  EXPECT_EQ(outcome.result->status, 400);  // no client id: the org's answer, not a failure
  EXPECT_THAT(outcome.result->body, HasSubstr("invalid_client"));
}

TEST_F(SendTest, VerifiesTlsAgainstTheCaFile) {
  Serve(true);
  const std::string url = server_->urls().my_domain + "/services/data/";
  ClientOptions options = Options();
  options.ca_file = server_->urls().ca_file;
  const Outcome trusted = Send({.url = url}, options);
  ASSERT_TRUE(trusted.result.has_value()) << trusted.result.error().detail;
  EXPECT_EQ(trusted.result->status, 200);

  // The mock's CA is in no system store: a self-signed chain, as an interception proxy shows.
  const Outcome untrusted = Send({.url = url}, Options());
  ASSERT_FALSE(untrusted.result.has_value());
  EXPECT_EQ(untrusted.result.error().kind, FailureKind::kTlsCertificate);
  EXPECT_THAT(untrusted.result.error().detail, HasSubstr("not trusted"));

  ClientOptions insecure = Options();
  insecure.insecure = true;
  EXPECT_TRUE(Send({.url = url}, insecure).result.has_value());

  ClientOptions missing = Options();
  missing.ca_file = "/nonexistent/ca.pem";
  const Outcome no_ca = Send({.url = url}, missing);
  ASSERT_FALSE(no_ca.result.has_value());
  EXPECT_EQ(no_ca.result.error().kind, FailureKind::kCaFile);
}

TEST_F(SendTest, TellsTlsToAPlainServerApart) {
  Serve(false);
  std::string url = server_->urls().my_domain;
  url.replace(0, 4, "https");
  const Outcome outcome = Send({.url = url + "/services/data/"}, Options());
  ASSERT_FALSE(outcome.result.has_value());
  EXPECT_EQ(outcome.result.error().kind, FailureKind::kTlsHandshake);
}

TEST(Send, TellsRefusedAndUnresolvedApart) {
  ClientOptions options;
  options.environment = EnvOf({});
  options.connect_timeout = std::chrono::milliseconds(2000);
  const Outcome refused =
      Send({.url = "http://127.0.0.1:" + std::to_string(ClosedLoopbackPort()) + "/"}, options);
  ASSERT_FALSE(refused.result.has_value());
  EXPECT_EQ(refused.result.error().kind, FailureKind::kConnect);

  // .invalid never resolves (RFC 6761).
  const Outcome unresolved = Send({.url = "https://acme.my.salesforce.invalid/"}, options);
  ASSERT_FALSE(unresolved.result.has_value());
  EXPECT_EQ(unresolved.result.error().kind, FailureKind::kResolve);

  const Outcome bad = Send({.url = "acme.my.salesforce.com"}, options);
  ASSERT_FALSE(bad.result.has_value());
  EXPECT_EQ(bad.result.error().kind, FailureKind::kBadUrl);
}

TEST_F(SendTest, TunnelsHttpsThroughTheProxyFromTheEnvironment) {
  Serve(true);
  ConnectProxyForTest proxy;
  ClientOptions options = Options();
  options.ca_file = server_->urls().ca_file;
  options.environment = EnvOf({{"HTTPS_PROXY", proxy.url()}});
  const Outcome outcome = Send({.url = server_->urls().my_domain + "/services/data/"}, options);
  ASSERT_TRUE(outcome.result.has_value()) << outcome.result.error().detail;
  EXPECT_EQ(outcome.result->status, 200);
  EXPECT_EQ(outcome.proxy, proxy.url());
  const auto my_domain = ParseUrl(server_->urls().my_domain);
  EXPECT_EQ(proxy.tunnels(),
            std::vector<std::string>{"127.0.0.1:" + std::to_string(my_domain->port)});
}

TEST(Send, NamesAnUnreachableProxy) {
  ClientOptions options;
  options.environment =
      EnvOf({{"HTTPS_PROXY", "http://127.0.0.1:" + std::to_string(ClosedLoopbackPort())}});
  options.connect_timeout = std::chrono::milliseconds(2000);
  const Outcome outcome = Send({.url = "https://acme.my.salesforce.com/"}, options);
  ASSERT_FALSE(outcome.result.has_value());
  EXPECT_EQ(outcome.result.error().kind, FailureKind::kProxy);
}

}  // namespace
}  // namespace sfh::harness::net
