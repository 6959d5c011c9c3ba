// `sfharness run --target live` with the built tools: a background sfmock over HTTPS stands in for
// the org, a real client program talks to it through the harness's recording proxy.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/clients/process.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct LiveRun {
  harness::ProcessResult process;
  nlohmann::json report;
};

LiveRun RunLive(const BackgroundMock& org, const std::vector<std::string>& extra,
                const TempDir& out) {
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "run",
                  "--target",    "live",
                  "--domain",    org.ready()["my_domain_url"],
                  "--client-id", org.ready()["client_id"],
                  "--ca-file",   org.ready()["ca_file"],
                  "--out",       out.path().string(),
                  "-j",          "2"};
  options.argv.insert(options.argv.end(), extra.begin(), extra.end());
  options.env = {
      {"SF_CLIENT_SECRET", org.ready()["client_secret"]}, {"NO_PROXY", "*"}, {"NO_COLOR", "1"}};
  options.working_directory = SFH_SOURCE_DIR;
  options.timeout = std::chrono::seconds(180);
  LiveRun run{harness::RunProcess(options), nullptr};
  run.report = nlohmann::json::parse(ReadFile(out.path() / "report.json"), nullptr, false);
  return run;
}

std::map<std::string, std::string> StatusById(const nlohmann::json& report) {
  std::map<std::string, std::string> out;
  if (!report.is_object()) return out;
  for (const auto& scenario : report["scenarios"]) out[scenario["id"]] = scenario["status"];
  return out;
}

TEST(LiveTarget, ACommandClientIsJudgedThroughTheProxy) {
  BackgroundMock org({"--tls"});
  ASSERT_TRUE(org.ok()) << org.error();
  TempDir out("sfh-live-e2e");
  const LiveRun run = RunLive(org, {"--client", "clients/curl/sfclient.sh"}, out);
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  const auto statuses = StatusById(run.report);
  ASSERT_FALSE(statuses.empty()) << run.process.out;
  EXPECT_EQ(statuses.at("happy/http"), "PASSED");
  EXPECT_EQ(statuses.at("session/concurrent-calls"), "PASSED");
  EXPECT_EQ(statuses.at("faults/hang"), "SKIPPED");
  EXPECT_EQ(statuses.at("setup/no-run-as-user"), "SKIPPED");
  for (const auto& [id, status] : statuses) EXPECT_NE(status, "FAILED") << id;
  // The secret and the org's real address stay out of every report.
  for (const char* file : {"report.json", "junit.xml", "report.html", "summary.md"}) {
    const std::string text = ReadFile(out.path() / file);
    EXPECT_THAT(text, Not(HasSubstr(org.ready()["client_secret"].get<std::string>()))) << file;
  }
}

TEST(LiveTarget, UsageErrorsExitTwo) {
  TempDir out("sfh-live-e2e-usage");
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "run", "--target", "live", "--out", out.path().string()};
  options.env = {{"SF_CLIENT_SECRET", "x"}, {"SF_CLIENT_ID", "x"}};
  options.timeout = std::chrono::seconds(30);
  const auto no_domain = harness::RunProcess(options);
  EXPECT_EQ(no_domain.exit_code, 2);
  EXPECT_THAT(no_domain.err, HasSubstr("--domain"));

  options.argv = {SFHARNESS_BIN,      "run", "--domain", "acme.my.salesforce.com", "--out",
                  out.path().string()};
  const auto domain_without_live = harness::RunProcess(options);
  EXPECT_EQ(domain_without_live.exit_code, 2);
  EXPECT_THAT(domain_without_live.err, HasSubstr("--target live"));
}

}  // namespace
}  // namespace sfh::tests
