// The built `sfharness drift` pointed at a background sfmock playing the live org over HTTPS with
// a CA of its own (--ca-file): unaltered it exits 0, altered (harness/drift/testdata/) it exits 1
// and names only the altered probe, and usage errors or an unreachable org exit 2. The live side
// goes through the environment's proxy; the embedded mock never does.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "harness/clients/process.h"
#include "harness/net/connect_proxy_for_test.h"
#include "harness/net/net_test_support.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kTestData = std::string(SFH_SOURCE_DIR) + "/harness/drift/testdata";
constexpr char kClientId[] =
    "3MVG9DRIFT.Live.ConsumerKey.000000000000000000000000000000000000000000000000000000000";
constexpr char kSecret[] = "DRIFTLIVESECRET000000000000000000000000000000000000000000000000000";

BackgroundMock StartLive(const std::string& scenario) {
  return BackgroundMock(
      {"--scenario", kTestData + "/" + scenario + ".json", "--scenario-root", kTestData});
}

// `sfharness drift` with the secret in SF_CLIENT_SECRET and no proxy from the environment.
harness::ProcessResult Drift(const std::vector<std::string>& args,
                             std::map<std::string, std::string> env = {}) {
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "drift"};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.env = {{"SF_CLIENT_SECRET", kSecret}, {"NO_PROXY", "*"}, {"SF_CLIENT_ID", ""}};
  for (auto& [key, value] : env) options.env[key] = value;
  options.timeout = std::chrono::seconds(60);
  return harness::RunProcess(options);
}

std::vector<std::string> LiveArgs(const BackgroundMock& mock) {
  return {"--domain",  mock.ready()["my_domain_url"], "--client-id", kClientId,
          "--ca-file", mock.ready()["ca_file"],       "--timeout",   "10"};
}

std::vector<std::string> With(std::vector<std::string> args, std::vector<std::string> more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// "probe path" of every difference in a JSON report.
std::vector<std::string> Drifted(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& probe : report["probes"]) {
    for (const auto& d : probe["differences"]) {
      out.push_back(probe["id"].get<std::string>() + " " + d["path"].get<std::string>());
    }
  }
  return out;
}

TEST(DriftCommand, TheSameOrgExitsZero) {
  BackgroundMock live = StartLive("live-healthy");
  ASSERT_TRUE(live.ok()) << live.error();
  const auto run = Drift(With(LiveArgs(live), {"--format", "json"}));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << run.out << run.err;
  EXPECT_EQ(report["format"], "sfharness-drift/1");
  EXPECT_EQ(report["result"], "no_drift");
  EXPECT_TRUE(Drifted(report).empty()) << run.out;
  EXPECT_EQ(report["live"]["client_id"], kClientId);
  EXPECT_THAT(run.out + run.err, Not(HasSubstr(kSecret)));

  const auto text = Drift(LiveArgs(live));
  EXPECT_EQ(text.exit_code, 0) << text.out;
  EXPECT_THAT(text.out, HasSubstr("  token       SAME\n"));
  EXPECT_THAT(text.out, HasSubstr("No drift"));
}

TEST(DriftCommand, AnAlteredOrgExitsOneAndNamesOnlyTheAlteration) {
  BackgroundMock live = StartLive("limits-refused");
  ASSERT_TRUE(live.ok()) << live.error();
  const auto run = Drift(With(LiveArgs(live), {"--format", "json"}));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << run.out << run.err;
  EXPECT_EQ(report["result"], "drift");
  EXPECT_THAT(Drifted(report), ElementsAre("limits probe", "limits body",
                                           "limits header.Sforce-Limit-Info", "limits http.status"))
      << run.out;

  const auto markdown = Drift(With(LiveArgs(live), {"--format", "markdown"}));
  EXPECT_EQ(markdown.exit_code, 1);
  EXPECT_THAT(markdown.out, HasSubstr("| `limits` | DIFFERS |"));
  EXPECT_THAT(markdown.out, HasSubstr("http.status: live 403, mock 200"));
  EXPECT_THAT(markdown.out + markdown.err, Not(HasSubstr(kSecret)));
}

TEST(DriftCommand, AMockScenarioFromAFile) {
  BackgroundMock live = StartLive("live-healthy");
  ASSERT_TRUE(live.ok()) << live.error();
  // The mock refuses the token while the live org does not: drift on the mock's side.
  const auto run =
      Drift(With(LiveArgs(live), {"--mock-scenario", kTestData + "/mock-invalid-client.json"}));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("  token       DIFFERS\n"));
  EXPECT_THAT(run.out, HasSubstr("probe: live passed, mock failed (token.invalid_client)"));
}

TEST(DriftCommand, UsageErrorsAndAnUnreachableOrgExitTwo) {
  const auto no_id = Drift({"--domain", "acme.my.salesforce.com"});
  EXPECT_EQ(no_id.exit_code, 2);
  EXPECT_THAT(no_id.err, HasSubstr("sfharness drift: no client id"));

  const auto no_secret = Drift({"--domain", "acme.my.salesforce.com", "--client-id", kClientId},
                               {{"SF_CLIENT_SECRET", ""}});
  EXPECT_EQ(no_secret.exit_code, 2);
  EXPECT_THAT(no_secret.err, HasSubstr("SF_CLIENT_SECRET"));

  const auto bad_scenario = Drift({"--domain", "acme.my.salesforce.com", "--client-id", kClientId,
                                   "--mock-scenario", kTestData + "/no-such-file.json"});
  EXPECT_EQ(bad_scenario.exit_code, 2);
  EXPECT_THAT(bad_scenario.err, HasSubstr("--mock-scenario"));

  const auto bad_format =
      Drift({"--domain", "acme.my.salesforce.com", "--client-id", kClientId, "--format", "xml"});
  EXPECT_EQ(bad_format.exit_code, 2);

  const std::string closed =
      "http://127.0.0.1:" + std::to_string(harness::net::ClosedLoopbackPort());
  const auto unreachable =
      Drift({"--domain", closed, "--client-id", kClientId, "--format", "json"});
  EXPECT_EQ(unreachable.exit_code, 2) << unreachable.out << unreachable.err;
  const auto report = nlohmann::json::parse(unreachable.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << unreachable.out;
  EXPECT_EQ(report["result"], "unreachable");
  EXPECT_THAT(unreachable.err, HasSubstr("could not be reached"));
}

TEST(DriftCommand, AWrongSecretStopsTheProbesAndIsNotDrift) {
  BackgroundMock live = StartLive("live-healthy");
  ASSERT_TRUE(live.ok()) << live.error();
  const std::string wrong = "WRONGSECRET0000000000000000000000000000000000000000000000000000";
  const auto run = Drift(LiveArgs(live), {{"SF_CLIENT_SECRET", wrong}});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out, HasSubstr("Not drift: the live org failed token (token.invalid_client"));
  EXPECT_THAT(run.out + run.err, Not(HasSubstr(wrong)));
}

TEST(DriftCommand, OnlyTheLiveSideGoesThroughTheProxy) {
  BackgroundMock live = StartLive("live-healthy");
  ASSERT_TRUE(live.ok()) << live.error();
  harness::net::ConnectProxyForTest proxy;
  const auto run = Drift(With(LiveArgs(live), {"--format", "json"}),
                         {{"HTTPS_PROXY", proxy.url()}, {"NO_PROXY", ""}});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  EXPECT_EQ(report["live"]["proxy"], proxy.url());
  EXPECT_EQ(proxy.tunnels().size(), 8u);  // the live probes' eight requests, none of the mock's
}

}  // namespace
}  // namespace sfh::tests
