#include "harness/diagnose/diagnose.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "harness/diagnose/output.h"
#include "harness/net/net_test_support.h"
#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"

namespace sfh::harness::diagnose {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> StatusesOf(const Report& report) {
  std::vector<std::string> out;
  for (const auto& probe : report.probes) {
    out.push_back(probe.id + ":" + std::string(ToString(probe.status)));
  }
  return out;
}

const ProbeResult& ProbeOf(const Report& report, std::string_view id) {
  for (const auto& probe : report.probes) {
    if (probe.id == id) return probe;
  }
  ADD_FAILURE() << "no probe " << id;
  return report.probes.front();
}

// Every output format of the report, for looking for secrets.
std::string AllOutputs(const Report& report) {
  return FormatText(report) + ToJson(report).dump() + FormatMarkdown(report);
}

class DiagnoseMockTest : public ::testing::Test {
 protected:
  void Serve(mock::OrgConfig config, bool tls = false, std::string bind = "127.0.0.1") {
    mock::ScenarioDocument doc;
    doc.id = "diagnose-test";
    doc.org = std::move(config);
    auto loaded = service_.Load("default", doc);
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    org_ = *loaded;
    mock::ServeOptions options;
    options.tls = tls;
    options.bind_address = std::move(bind);
    auto server = mock::MockServer::Start(service_, options);
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
  }

  DiagnoseOptions Options(const std::string& url) const {
    DiagnoseOptions options;
    options.domain = url;
    options.client_id = mock::kDemoClientId;
    options.client_secret = mock::kDemoClientSecret;
    options.net.environment = net::EnvOf({});
    options.net.connect_timeout = std::chrono::milliseconds(5000);
    options.net.io_timeout = std::chrono::milliseconds(5000);
    return options;
  }

  mock::MockService service_;
  std::shared_ptr<mock::MockOrg> org_;
  std::unique_ptr<mock::MockServer> server_;
};

TEST_F(DiagnoseMockTest, AHealthyOrgPassesEveryProbeAndOnlyReads) {
  Serve(mock::DemoOrgConfig());
  const Report report = Diagnose(Options(server_->urls().my_domain));
  EXPECT_TRUE(report.Healthy()) << FormatText(report);
  EXPECT_THAT(StatusesOf(report),
              ElementsAre("target:passed", "dns:skipped", "connection:passed", "org:passed",
                          "discovery:passed", "token:passed", "identity:passed", "rest_read:passed",
                          "limits:passed", "introspect:passed", "revoke:passed"));
  EXPECT_THAT(ProbeOf(report, "identity").saw, HasSubstr("integration@"));
  EXPECT_THAT(ProbeOf(report, "token").details, testing::Contains(HasSubstr("signature verified")));

  // Read-only: every data call is a GET; the POSTs are the token, introspection and revocation.
  std::set<std::string> posts;
  for (const auto& exchange : org_->journal().Snapshot()) {
    if (exchange.request.method != "GET") posts.insert(exchange.request.path);
    EXPECT_THAT(exchange.request.method, testing::AnyOf("GET", "POST"));
  }
  EXPECT_EQ(posts, (std::set<std::string>{"/services/oauth2/token", "/services/oauth2/introspect",
                                          "/services/oauth2/revoke"}));
  EXPECT_THAT(AllOutputs(report), Not(HasSubstr(mock::kDemoClientSecret)));
}

TEST_F(DiagnoseMockTest, NeverShowsTheSecretOrTheToken) {
  Serve(mock::DemoOrgConfig());
  DiagnoseOptions options = Options(server_->urls().my_domain);
  const Report report = Diagnose(options);
  std::string token;
  for (const auto& exchange : org_->journal().Snapshot()) {
    if (exchange.request.path == "/services/oauth2/revoke") {
      token = exchange.request.body.substr(exchange.request.body.find('=') + 1);
    }
  }
  ASSERT_GT(token.size(), 20u);
  const std::string all = AllOutputs(report);
  EXPECT_THAT(all, Not(HasSubstr(mock::kDemoClientSecret)));
  EXPECT_THAT(all, Not(HasSubstr(token.substr(16))));  // the part after the org id
}

TEST_F(DiagnoseMockTest, BasicAuthenticationKeepsTheSecretOutOfTheBody) {
  Serve(mock::DemoOrgConfig());
  DiagnoseOptions options = Options(server_->urls().my_domain);
  options.basic_auth = true;
  EXPECT_TRUE(Diagnose(options).Healthy());
  for (const auto& exchange : org_->journal().Snapshot()) {
    if (exchange.request.path != "/services/oauth2/token") continue;
    EXPECT_THAT(exchange.request.body, Not(HasSubstr("client_secret")));
    EXPECT_THAT(exchange.request.headers.Get("Authorization").value_or(""),
                testing::StartsWith("Basic "));
  }
}

TEST_F(DiagnoseMockTest, TheTokenErrorIsTheLikelyCauseAndLaterProbesAreSkipped) {
  mock::OrgConfig config = mock::DemoOrgConfig();
  config.apps[0].run_as.reset();
  Serve(config);
  const Report report = Diagnose(Options(server_->urls().my_domain));
  ASSERT_NE(report.FirstFailure(), nullptr);
  EXPECT_EQ(report.FirstFailure()->id, "token");
  EXPECT_EQ(report.FirstFailure()->cause->id, "token.no_client_credentials_user");
  EXPECT_THAT(report.FirstFailure()->cause->fix, HasSubstr("clientCredentialsFlowUser"));
  for (const char* id : {"identity", "rest_read", "limits", "introspect", "revoke"}) {
    EXPECT_EQ(ProbeOf(report, id).status, ProbeStatus::kSkipped) << id;
  }
  const std::string text = FormatText(report);
  EXPECT_THAT(text, HasSubstr("FAIL  token"));
  EXPECT_THAT(text, HasSubstr("Likely cause (token probe): token.no_client_credentials_user"));
  EXPECT_THAT(text, HasSubstr("no client credentials user enabled"));
}

TEST_F(DiagnoseMockTest, AnUntrustedCertificateIsNamedAndNothingIsSent) {
  Serve(mock::DemoOrgConfig(), /*tls=*/true);
  const Report report = Diagnose(Options(server_->urls().my_domain));
  ASSERT_NE(report.FirstFailure(), nullptr);
  EXPECT_EQ(report.FirstFailure()->id, "connection");
  EXPECT_EQ(report.FirstFailure()->cause->id, "tls.untrusted_certificate");
  EXPECT_EQ(ProbeOf(report, "token").status, ProbeStatus::kSkipped);
  EXPECT_TRUE(org_->journal().Snapshot().empty());  // the secret never left

  DiagnoseOptions trusted = Options(server_->urls().my_domain);
  trusted.net.ca_file = server_->urls().ca_file;
  const Report healthy = Diagnose(trusted);
  EXPECT_TRUE(healthy.Healthy()) << FormatText(healthy);
  EXPECT_THAT(ProbeOf(healthy, "connection").saw, HasSubstr("TLS verified against"));

  DiagnoseOptions insecure = Options(server_->urls().my_domain);
  insecure.net.insecure = true;
  const Report loud = Diagnose(insecure);
  EXPECT_EQ(ProbeOf(loud, "connection").status, ProbeStatus::kWarning);
  EXPECT_EQ(ProbeOf(loud, "connection").cause->id, "tls.not_verified");
}

// docs/BAD_INPUT.md, unreachable orgs: HTTPS to a port that speaks plain HTTP, a CA file that
// cannot be read, and a proxy that is not there, each named before anything is sent.
TEST_F(DiagnoseMockTest, TlsToPlainHttpAnUnreadableCaFileAndAMissingProxyAreNamed) {
  Serve(mock::DemoOrgConfig());
  std::string https = server_->urls().my_domain;
  ASSERT_TRUE(https.starts_with("http://"));
  https.insert(4, "s");
  const Report plain = Diagnose(Options(https));
  ASSERT_NE(plain.FirstFailure(), nullptr) << FormatText(plain);
  EXPECT_EQ(plain.FirstFailure()->id, "connection");
  EXPECT_EQ(plain.FirstFailure()->cause->id, "tls.handshake") << FormatText(plain);

  DiagnoseOptions no_ca = Options(https);
  no_ca.net.ca_file = "/nonexistent/sfh-ca.pem";
  const Report unreadable = Diagnose(no_ca);
  ASSERT_NE(unreadable.FirstFailure(), nullptr) << FormatText(unreadable);
  EXPECT_EQ(unreadable.FirstFailure()->cause->id, "tls.ca_file") << FormatText(unreadable);

  DiagnoseOptions proxied = Options(server_->urls().my_domain);
  // http_proxy in lower case: for http:// URLs, HTTP_PROXY is ignored, as curl ignores it.
  proxied.net.environment =
      net::EnvOf({{"http_proxy", "http://127.0.0.1:" + std::to_string(net::ClosedLoopbackPort())}});
  const Report no_proxy = Diagnose(proxied);
  ASSERT_NE(no_proxy.FirstFailure(), nullptr) << FormatText(no_proxy);
  EXPECT_EQ(no_proxy.FirstFailure()->cause->id, "network.proxy") << FormatText(no_proxy);
  EXPECT_TRUE(org_->journal().Snapshot().empty());  // nothing reached the org
}

// sfmock's certificate names localhost and 127.0.0.1; served on 127.0.0.2 and trusted, it names
// another host than the one diagnosed.
TEST_F(DiagnoseMockTest, ACertificateForAnotherHostIsAHostNameMismatch) {
  Serve(mock::DemoOrgConfig(), /*tls=*/true, "127.0.0.2");
  ASSERT_THAT(server_->urls().my_domain, ::testing::StartsWith("https://127.0.0.2:"));
  DiagnoseOptions options = Options(server_->urls().my_domain);
  options.net.ca_file = server_->urls().ca_file;
  const Report report = Diagnose(options);
  ASSERT_NE(report.FirstFailure(), nullptr) << FormatText(report);
  EXPECT_EQ(report.FirstFailure()->id, "connection");
  EXPECT_EQ(report.FirstFailure()->cause->id, "tls.host_name_mismatch") << FormatText(report);
  EXPECT_TRUE(org_->journal().Snapshot().empty());  // the secret never left
}

TEST_F(DiagnoseMockTest, AnExhaustedDailyAllowanceFailsTheRead) {
  mock::OrgConfig config = mock::DemoOrgConfig();
  config.daily_api_limit = 0;
  Serve(config);
  const Report report = Diagnose(Options(server_->urls().my_domain));
  ASSERT_NE(report.FirstFailure(), nullptr);
  EXPECT_EQ(report.FirstFailure()->id, "rest_read");
  EXPECT_EQ(report.FirstFailure()->cause->id, "rest.REQUEST_LIMIT_EXCEEDED");
  EXPECT_EQ(ProbeOf(report, "revoke").status, ProbeStatus::kPassed);  // revoked all the same
}

TEST_F(DiagnoseMockTest, AnApiVersionTheOrgDoesNotServeIsAWarning) {
  Serve(mock::DemoOrgConfig());
  DiagnoseOptions options = Options(server_->urls().my_domain);
  options.api_version = "99.0";
  const Report report = Diagnose(options);
  EXPECT_EQ(ProbeOf(report, "org").status, ProbeStatus::kWarning);
  EXPECT_EQ(ProbeOf(report, "org").cause->id, "org.api_version_not_served");
  EXPECT_THAT(ProbeOf(report, "rest_read").exchange->url, HasSubstr("/v67.0/"));
  EXPECT_TRUE(report.Healthy());
}

// A sender that answers every request the same way and keeps what it was sent.
struct CannedSender {
  std::expected<net::Response, net::Failure> answer;
  std::vector<net::Request> sent;
  Sender Bind() {
    return [this](const net::Request& request) {
      sent.push_back(request);
      return net::Outcome{answer, std::chrono::milliseconds(1), ""};
    };
  }
};

DiagnoseOptions OfflineOptions(std::string domain) {
  DiagnoseOptions options;
  options.domain = std::move(domain);
  options.client_id = "3MVG9test";
  options.client_secret = "a-secret-of-some-length";
  options.net.environment = net::EnvOf({});
  // With a proxy, names are the proxy's to resolve: nothing here touches DNS.
  options.net.proxy = std::optional<net::Proxy>(net::Proxy{"proxy", 1, "", "", "http://proxy:1"});
  return options;
}

TEST(DiagnoseTarget, NamesAHostThatIsNotTheMyDomainFirst) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"login.salesforce.com", "token.request_not_supported_on_this_domain"},
      {"https://test.salesforce.com", "token.request_not_supported_on_this_domain"},
      {"acme.lightning.force.com", "host.lightning"},
      {"na123.salesforce.com", "host.legacy_instance"},
      {"acme--uat.cs42.my.salesforce.com", "host.legacy_sandbox"},
      {"acme.my.site.com", "host.site"},
      {"ftp://acme.my.salesforce.com", "input.bad_domain"},
  };
  for (const auto& [domain, cause] : cases) {
    CannedSender sender{std::unexpected(net::Failure{net::FailureKind::kConnect, "refused"})};
    const Report report = Diagnose(OfflineOptions(domain), sender.Bind());
    ASSERT_NE(report.FirstFailure(), nullptr) << domain;
    EXPECT_EQ(report.FirstFailure()->id, "target") << domain;
    EXPECT_EQ(report.FirstFailure()->cause->id, cause) << domain;
  }
}

TEST(DiagnoseTarget, AMyDomainPassesAndItsHostIsProbed) {
  CannedSender sender{std::unexpected(net::Failure{net::FailureKind::kTlsCertificate, "nope"})};
  const Report report =
      Diagnose(OfflineOptions("acme--uat.sandbox.my.salesforce.com"), sender.Bind());
  EXPECT_EQ(ProbeOf(report, "target").status, ProbeStatus::kPassed);
  EXPECT_EQ(ProbeOf(report, "dns").status, ProbeStatus::kSkipped);
  EXPECT_EQ(report.FirstFailure()->cause->id, "tls.untrusted_certificate");
  ASSERT_EQ(sender.sent.size(), 1u);  // nothing after the connection failed
  EXPECT_EQ(sender.sent[0].url, "https://acme--uat.sandbox.my.salesforce.com/services/data/");
}

TEST(DiagnoseAnswers, AnAnswerNobodyKnowsIsShownRawAndSaidToBeUnknown) {
  CannedSender sender{net::Response{418, {{"Content-Type", "text/plain"}}, "I'm a teapot"}};
  const Report report = Diagnose(OfflineOptions("http://127.0.0.1:9"), sender.Bind());
  const ProbeResult* first = report.FirstFailure();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->id, "org");
  EXPECT_EQ(first->cause->id, "host.not_an_org");
  const ProbeResult& token = ProbeOf(report, "token");
  EXPECT_EQ(token.status, ProbeStatus::kFailed);
  ASSERT_TRUE(token.cause.has_value());
  EXPECT_FALSE(token.cause->known);
  EXPECT_THAT(token.cause->likely_cause, HasSubstr("I'm a teapot"));
  EXPECT_THAT(FormatText(report), HasSubstr("UNKNOWN"));
}

TEST(DiagnoseAnswers, ASecretEchoedInAnAnswerIsRedacted) {
  CannedSender sender{
      net::Response{400, {}, "{\"error\":\"x\",\"echo\":\"a-secret-of-some-length\"}"}};
  const Report report = Diagnose(OfflineOptions("http://127.0.0.1:9"), sender.Bind());
  EXPECT_THAT(AllOutputs(report), Not(HasSubstr("a-secret-of-some-length")));
}

// An answer that is not UTF-8, or that the 2 KiB cut splits inside a character, is shown with
// U+FFFD (`--format json` used to end sfharness on a nlohmann::json exception).
TEST(DiagnoseOutput, AnswersThatAreNotUtf8AreShownAsValidJson) {
  for (const std::string& body :
       {std::string("teapot \xff\xfe"), std::string(2047, 'a') + "\xC3\xA9 and more"}) {
    CannedSender sender{net::Response{418, {{"Content-Type", "text/plain"}}, body}};
    const std::string text =
        FormatJson(Diagnose(OfflineOptions("http://127.0.0.1:9"), sender.Bind()));
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << text;
    EXPECT_THAT(text, HasSubstr("\xEF\xBF\xBD")) << text;
  }
}

TEST(DiagnoseCauses, EveryCauseIsCompleteAndUnique) {
  std::set<std::string_view> ids;
  for (const CauseEntry& entry : DiagnoseCauses()) {
    EXPECT_TRUE(ids.insert(entry.id).second) << entry.id;
    EXPECT_FALSE(entry.summary.empty()) << entry.id;
    EXPECT_FALSE(entry.likely_cause.empty()) << entry.id;
    EXPECT_FALSE(entry.fix.empty()) << entry.id;
    EXPECT_FALSE(entry.reference.empty()) << entry.id;
    EXPECT_EQ(salesforce::FindCatalogueEntry(entry.id), nullptr)
        << entry.id << " is also a catalogue id";
  }
}

TEST(DiagnoseOutput, JsonCarriesTheLikelyCause) {
  CannedSender sender{std::unexpected(net::Failure{net::FailureKind::kResolve, "nope"})};
  const auto doc = ToJson(Diagnose(OfflineOptions("acme.my.salesforce.com"), sender.Bind()));
  EXPECT_EQ(doc["format"], "sfharness-diagnose/1");
  EXPECT_EQ(doc["healthy"], false);
  EXPECT_EQ(doc["likely_cause"]["id"], "network.dns");
  EXPECT_EQ(doc["likely_cause"]["probe"], "connection");
  EXPECT_EQ(doc["probes"].size(), 11u);
}

}  // namespace
}  // namespace sfh::harness::diagnose
