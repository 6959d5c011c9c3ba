// RunDrift against an in-process sfmock playing the live org over HTTPS with its own CA, loaded
// from drift/testdata/: unaltered it shows no drift; altered, exactly the alterations show.
#include "harness/drift/drift.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <regex>

#include "harness/drift/drift_output.h"
#include "harness/net/net_test_support.h"
#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"

namespace sfh::harness::drift {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::string kTestData = SFH_DRIFT_TESTDATA_DIR;
constexpr char kLiveSecret[] = "DRIFTLIVESECRET000000000000000000000000000000000000000000000000000";

// "probe path" for every difference found.
std::vector<std::string> Drifted(const DriftReport& report) {
  std::vector<std::string> out;
  for (const ProbeDrift& probe : report.probes) {
    for (const Difference& d : probe.differences) out.push_back(probe.id + " " + d.path);
  }
  return out;
}

const ProbeDrift& ProbeOf(const DriftReport& report, std::string_view id) {
  for (const ProbeDrift& probe : report.probes) {
    if (probe.id == id) return probe;
  }
  ADD_FAILURE() << "no probe " << id;
  static const ProbeDrift kNone;
  return kNone;
}

std::string AllOutputs(const DriftReport& report) {
  return FormatText(report) + ToJson(report).dump() + FormatMarkdown(report);
}

mock::ScenarioDocument Scenario(const std::string& name) {
  auto doc = mock::LoadScenarioFile(kTestData + "/" + name + ".json");
  EXPECT_TRUE(doc.has_value()) << doc.error();
  return doc.value_or(mock::ScenarioDocument{});
}

class DriftTest : public ::testing::Test {
 protected:
  // Serves testdata/<name>.json as the live org.
  void ServeLive(const std::string& name, std::optional<bool> tls = std::nullopt) {
    mock::ScenarioDocument doc = Scenario(name);
    if (tls) doc.tls = *tls;
    auto loaded = service_.Load(std::string(mock::kDefaultTenant), doc);
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    live_ = *loaded;
    mock::ServeOptions options;
    options.tls = doc.tls;
    options.threads_per_listener = 4;
    auto server = mock::MockServer::Start(service_, options);
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
  }

  DriftOptions Options() const {
    DriftOptions options;
    options.live.domain = server_->urls().my_domain;
    options.live.client_id =
        "3MVG9DRIFT.Live.ConsumerKey.000000000000000000000000000000000000000000000000000000000";
    options.live.client_secret = kLiveSecret;
    options.live.net = net::LoopbackOptions(server_->urls().ca_file);
    return options;
  }

  // The live org's tokens, from what its journal saw revoked.
  std::vector<std::string> LiveTokens() const {
    std::vector<std::string> tokens;
    for (const auto& exchange : live_->journal().Snapshot()) {
      if (exchange.request.path == "/services/oauth2/revoke") {
        tokens.push_back(exchange.request.body.substr(exchange.request.body.find('=') + 1));
      }
    }
    return tokens;
  }

  void ExpectNoSecretOrToken(const DriftReport& report) {
    const std::string all = AllOutputs(report);
    EXPECT_THAT(all, Not(HasSubstr(kLiveSecret)));
    EXPECT_THAT(all, Not(HasSubstr(mock::kDemoClientSecret)));
    for (const std::string& token : LiveTokens()) {
      ASSERT_GT(token.size(), 30u);
      EXPECT_THAT(all, Not(HasSubstr(token.substr(20, 12))));
    }
    // Nothing shaped like an opaque token (org id, '!', the rest) or a JWT's payload.
    EXPECT_FALSE(std::regex_search(all, std::regex("00D[A-Za-z0-9]{12}![A-Za-z0-9._]{6}")));
    EXPECT_FALSE(std::regex_search(all, std::regex("eyJ[A-Za-z0-9_-]{20,}\\.")));
  }

  mock::MockService service_;
  std::shared_ptr<mock::MockOrg> live_;
  std::unique_ptr<mock::MockServer> server_;
};

TEST_F(DriftTest, TheSameOrgShowsNoDrift) {
  ServeLive("live-healthy");
  const DriftReport report = RunDrift(Options());
  EXPECT_THAT(Drifted(report), IsEmpty()) << FormatText(report);
  EXPECT_EQ(report.ExitCode(), 0) << FormatText(report);
  EXPECT_FALSE(report.stopped);
  ASSERT_EQ(report.probes.size(), 11u);
  for (const ProbeDrift& probe : report.probes) {
    EXPECT_EQ(probe.verdict,
              IsPathProbe(probe.id) ? ProbeVerdict::kNotCompared : ProbeVerdict::kSame)
        << probe.id;
  }
  EXPECT_THAT(report.mock_org, HasSubstr("production"));
  EXPECT_THAT(report.mock_org, HasSubstr("latest API v67.0"));
  EXPECT_THAT(report.mock_base_url, testing::StartsWith("https://127.0.0.1:"));
  EXPECT_EQ(ProbeOf(report, "limits").live.request,
            "GET https://{my_domain}/services/data/v{version}/limits");
  EXPECT_EQ(ProbeOf(report, "limits").mock.request, ProbeOf(report, "limits").live.request);
  EXPECT_THAT(FormatText(report), HasSubstr("No drift: 0 differ, 8 the same, 3 not compared."));
  ExpectNoSecretOrToken(report);
}

TEST_F(DriftTest, OverPlainHttpTheMockServesPlainHttpToo) {
  ServeLive("live-healthy", /*tls=*/false);
  const DriftReport report = RunDrift(Options());
  EXPECT_THAT(Drifted(report), IsEmpty()) << FormatText(report);
  EXPECT_THAT(report.mock_base_url, testing::StartsWith("http://127.0.0.1:"));
}

TEST_F(DriftTest, AFaultOnLimitsIsTheOnlyDriftAndTheDailyLimitIsMasked) {
  ServeLive("limits-refused");
  const DriftReport report = RunDrift(Options());
  // The fault answers instead of the org, so its answer also lacks the org's Sforce-Limit-Info;
  // the other daily limit shows nowhere (the header's numbers and /limits' values are masked).
  EXPECT_THAT(Drifted(report), ElementsAre("limits probe", "limits body",
                                           "limits header.Sforce-Limit-Info", "limits http.status"))
      << FormatText(report);
  EXPECT_EQ(report.ExitCode(), 1);
  const ProbeDrift& limits = ProbeOf(report, "limits");
  EXPECT_EQ(limits.verdict, ProbeVerdict::kDiffers);
  ASSERT_EQ(limits.differences.size(), 4u);
  EXPECT_EQ(limits.differences[0].live, "failed (rest.REQUEST_LIMIT_EXCEEDED)");
  EXPECT_EQ(limits.differences[0].mock, "passed");
  EXPECT_EQ(limits.differences[1].live, "array");
  EXPECT_EQ(limits.differences[1].mock, "object");
  EXPECT_EQ(limits.differences[2].live, "absent");
  EXPECT_EQ(limits.differences[2].mock, "api-usage={n}/{n}");
  EXPECT_EQ(limits.differences[3].live, "403");
  EXPECT_EQ(limits.differences[3].mock, "200");
  for (const char* same :
       {"org", "discovery", "token", "identity", "rest_read", "introspect", "revoke"}) {
    EXPECT_EQ(ProbeOf(report, same).verdict, ProbeVerdict::kSame) << same;
  }

  const std::string text = FormatText(report);
  EXPECT_THAT(text, HasSubstr("  limits      DIFFERS\n"));
  EXPECT_THAT(text, HasSubstr("http.status: live 403, mock 200"));
  EXPECT_THAT(text, HasSubstr("Drift: 1 differ (limits), 7 the same, 3 not compared."));
  const auto json = ToJson(report);
  EXPECT_EQ(json["format"], "sfharness-drift/1");
  EXPECT_EQ(json["result"], "drift");
  EXPECT_EQ(json["exit_code"], 1);
  const std::string markdown = FormatMarkdown(report);
  EXPECT_THAT(markdown, HasSubstr("**Drift** in `limits`."));
  EXPECT_THAT(markdown, HasSubstr("### `limits` differs"));
  EXPECT_THAT(markdown, HasSubstr("INSUFFICIENT_ACCESS"));  // the facts limits speaks to
  ExpectNoSecretOrToken(report);
}

TEST_F(DriftTest, AJwtResponseWithSignatureDiffersOnlyThere) {
  ServeLive("jwt-with-signature");
  const DriftReport report = RunDrift(Options());
  EXPECT_THAT(Drifted(report), ElementsAre("token body.signature")) << FormatText(report);
  const Difference& d = ProbeOf(report, "token").differences.at(0);
  EXPECT_EQ(d.live, "string");
  EXPECT_EQ(d.mock, "absent");
  EXPECT_THAT(report.mock_org, HasSubstr("JWT-based"));
  EXPECT_EQ(report.ExitCode(), 1);
  ExpectNoSecretOrToken(report);
}

TEST_F(DriftTest, ALiveFailureThatStopsTheProbesIsNotDrift) {
  ServeLive("live-healthy");
  DriftOptions options = Options();
  options.live.client_secret = "WRONGSECRET0000000000000000000000000000000000000000000000000000";
  const DriftReport report = RunDrift(options);
  EXPECT_FALSE(report.HasDrift()) << FormatText(report);
  EXPECT_EQ(report.ExitCode(), 2);
  ASSERT_TRUE(report.stopped);
  EXPECT_EQ(report.stopped->probe, "token");
  EXPECT_EQ(report.stopped->cause, "token.invalid_client");
  for (const char* id : {"token", "identity", "rest_read", "limits", "introspect", "revoke"}) {
    EXPECT_EQ(ProbeOf(report, id).verdict, ProbeVerdict::kNotCompared) << id;
  }
  EXPECT_EQ(ProbeOf(report, "discovery").verdict, ProbeVerdict::kSame);
  EXPECT_THAT(FormatText(report), HasSubstr("Not drift: the live org failed token"));
  EXPECT_THAT(FormatText(report),
              HasSubstr("No drift up to token: 0 differ, 2 the same, 9 not compared."));
  EXPECT_EQ(ToJson(report)["result"], "stopped");
  EXPECT_THAT(AllOutputs(report), Not(HasSubstr("WRONGSECRET000")));
}

TEST_F(DriftTest, AMockScenarioRefusingAlikeComparesTheRefusal) {
  ServeLive("live-healthy");
  DriftOptions options = Options();
  options.live.client_secret = "WRONGSECRET0000000000000000000000000000000000000000000000000000";
  options.mock_scenario = Scenario("mock-invalid-client");
  options.mock_scenario_label = "mock-invalid-client.json";
  const DriftReport same = RunDrift(options);
  EXPECT_THAT(Drifted(same), IsEmpty()) << FormatText(same);
  EXPECT_FALSE(same.stopped);
  EXPECT_EQ(same.ExitCode(), 0);
  EXPECT_EQ(ProbeOf(same, "token").verdict, ProbeVerdict::kSame);
  EXPECT_THAT(same.mock_org, HasSubstr("mock-invalid-client.json (drift/mock-invalid-client)"));

  // A mock that refuses with other strings: the strings are the drift.
  auto other = mock::ParseScenario(nlohmann::json::parse(R"({
        "id": "drift/mock-invalid-client-id",
        "title": "The token request answers invalid_client_id",
        "org": {"users": [{"username": "integration@acme.test"}],
                "apps": [{"name": "A", "policies": {"run_as": "integration@acme.test"}}]},
        "faults": [{"on": "POST /services/oauth2/token", "do": "respond",
                    "error": "token.invalid_client_id", "times": "always", "every": 1}]})"),
                                   "inline");
  ASSERT_TRUE(other.has_value()) << other.error();
  options.mock_scenario = *other;
  const DriftReport differs = RunDrift(options);
  EXPECT_THAT(Drifted(differs), ElementsAre("token body.error", "token body.error_description"))
      << FormatText(differs);
  EXPECT_EQ(ProbeOf(differs, "token").differences.at(0).live, "string \"invalid_client\"");
  EXPECT_EQ(ProbeOf(differs, "token").differences.at(0).mock, "string \"invalid_client_id\"");
  EXPECT_EQ(differs.ExitCode(), 1);
}

TEST_F(DriftTest, TheLiveSideGoesThroughTheGivenSenderOnly) {
  ServeLive("live-healthy");
  std::atomic<int> sent = 0;
  const DriftOptions options = Options();
  const DriftReport report = RunDrift(options, [&](const net::Request& request) {
    ++sent;
    return net::Send(request, options.live.net);
  });
  EXPECT_EQ(report.ExitCode(), 0) << FormatText(report);
  // connection (which org shares), discovery, token, identity, rest_read, limits, introspect,
  // revoke: the mock side's eight went elsewhere.
  EXPECT_EQ(sent.load(), 8);
  EXPECT_EQ(ProbeOf(report, "org").live.request, "GET https://{my_domain}/services/data/");
  EXPECT_EQ(ProbeOf(report, "token").live.request,
            "POST https://{my_domain}/services/oauth2/token");
}

TEST(Drift, AnUnreachableOrgComparesNothing) {
  DriftOptions options;
  options.live.domain = "http://127.0.0.1:" + std::to_string(net::ClosedLoopbackPort());
  options.live.client_id = "x";
  options.live.client_secret = kLiveSecret;
  options.live.net = net::LoopbackOptions();
  const DriftReport report = RunDrift(options);
  EXPECT_EQ(report.ExitCode(), 2);
  EXPECT_THAT(report.unreachable, HasSubstr("network.refused"));
  EXPECT_TRUE(report.probes.empty());
  EXPECT_TRUE(report.mock_base_url.empty());
  EXPECT_THAT(FormatText(report), HasSubstr("The live org could not be reached"));
  EXPECT_EQ(ToJson(report)["result"], "unreachable");
}

TEST(Drift, EveryComparedProbeNamesTheFactsItSpeaksTo) {
  for (const char* id :
       {"org", "discovery", "token", "identity", "rest_read", "limits", "introspect", "revoke"}) {
    EXPECT_FALSE(FactsOf(id).empty()) << id;
  }
  EXPECT_THAT(FactsOf("token"), testing::Contains(HasSubstr("signature")));
  EXPECT_THAT(FactsOf("token"), testing::Contains(HasSubstr("Cache-Control")));
  EXPECT_THAT(FactsOf("token"), testing::Contains(HasSubstr("invalid_client")));
  EXPECT_TRUE(FactsOf("dns").empty());
}

// What drift prints quotes live answers, whose bytes need not be UTF-8: written as U+FFFD.
TEST(DriftOutput, JsonWithBytesThatAreNotUtf8IsValid) {
  DriftReport report;
  report.domain = "acme.my.salesforce.com";
  report.unreachable = "the org answered \"\xff\xfe\"";
  const std::string text = FormatJson(report);
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << text;
  EXPECT_THAT(text, ::testing::HasSubstr("answered \\\"\xEF\xBF\xBD\xEF\xBF\xBD\\\""));
}

}  // namespace
}  // namespace sfh::harness::drift
