// Real clients pass the whole suite: the built-in reference client and the curl client, over
// HTTP and HTTPS.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::IsEmpty;

void ExpectEveryScenarioPassed(const HarnessRun& run) {
  ASSERT_TRUE(run.process.started) << run.process.spawn_error;
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  ASSERT_TRUE(run.report.is_object()) << run.process.err;
  EXPECT_THAT(FailedChecks(run.report), IsEmpty());
  bool https = false;
  bool http = false;
  for (const auto& s : run.report["scenarios"]) {
    EXPECT_EQ(s["status"], "PASSED") << s["id"];
    https = https || s["target"] == "embedded mock (https)";
    http = http || s["target"] == "embedded mock (http)";
  }
  EXPECT_TRUE(http && https) << "the suite must cover HTTP and HTTPS";
  EXPECT_GE(run.report["summary"]["scenarios"]["passed"].get<int>(), 5);
}

// Nothing the harness writes holds a secret or token in full.
void ExpectNoSecretsWritten(const HarnessRun& run) {
  for (const char* name : {"report.json", "report.html", "junit.xml"}) {
    std::ifstream in(run.out_dir / name);
    std::stringstream text;
    text << in.rdbuf();
    // Every client_secret= that appears is followed by the mask.
    const std::string body = text.str();
    for (size_t at = body.find("client_secret="); at != std::string::npos;
         at = body.find("client_secret=", at + 1)) {
      EXPECT_EQ(body.compare(at, 24, "client_secret=[REDACTED]"), 0)
          << name << ": " << body.substr(at, 40);
    }
    // Opaque session keys start "!AQ"; only the org id before '!' may be shown.
    EXPECT_EQ(text.str().find("!AQ"), std::string::npos) << name << " holds a token";
  }
}

TEST(RealClients, ReferenceClientPassesEverything) {
  const auto run = RunHarness({}, "reference");
  ExpectEveryScenarioPassed(run);
  ExpectNoSecretsWritten(run);
  EXPECT_THAT(run.process.out, ::testing::HasSubstr("junit.xml"));
  std::filesystem::remove_all(run.out_dir);
}

TEST(RealClients, CurlClientPassesEverything) {
  const auto run = RunHarness({"--client", "clients/curl/sfclient.sh"}, "curl");
  ExpectEveryScenarioPassed(run);
  ExpectNoSecretsWritten(run);
  std::filesystem::remove_all(run.out_dir);
}

TEST(Harness, UsageAndSetupErrorsExitTwo) {
  const auto missing = RunHarness({"--scenarios", "/nonexistent/scenarios"}, "missing");
  EXPECT_EQ(missing.process.exit_code, 2);
  EXPECT_THAT(missing.process.err, ::testing::HasSubstr("no such file or directory"));
  const auto bad_flag = RunHarness({"--no-such-flag"}, "badflag");
  EXPECT_EQ(bad_flag.process.exit_code, 2);
  const auto no_client = RunHarness({"--client", "/nonexistent/client"}, "noclient");
  EXPECT_EQ(no_client.process.exit_code, 1) << "a client that cannot run fails its scenarios";
}

}  // namespace
}  // namespace sfh::tests
