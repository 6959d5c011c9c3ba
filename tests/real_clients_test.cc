// Real clients pass the whole suite over HTTP and HTTPS: the built-in reference client, the curl
// client, and the two third-party library clients (requests-oauthlib, jsforce).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/clients/process.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::IsEmpty;

// A check a real library fails, with the reason: a finding about the library, recorded in the
// client's expected-failures baseline (and here for warnings) so the test says so when the
// library changes, never a reason to weaken the check.
struct Finding {
  std::string scenario;
  std::vector<std::string> checks;  // every check that fails in that scenario
  std::string reason;
};

std::vector<std::string> ScenarioChecks(const std::vector<Finding>& findings) {
  std::vector<std::string> pairs;
  for (const auto& f : findings) {
    for (const auto& check : f.checks) pairs.push_back(f.scenario + " " + check);
  }
  return pairs;
}

// The checks of warning severity that failed (reported as WARNING), as "scenario-id CheckId".
std::vector<std::string> WarnedChecks(const nlohmann::json& report) {
  std::vector<std::string> warned;
  if (!report.is_object()) return warned;
  for (const auto& scenario : report["scenarios"]) {
    for (const auto& check : scenario["checks"]) {
      if (check["status"] == "WARNING") {
        warned.push_back(scenario["id"].get<std::string>() + " " + check["id"].get<std::string>());
      }
    }
  }
  return warned;
}

// A library client's warnings do not fail its scenarios, but they are findings too: the test
// lists them exactly, so it says so when one goes away or a new one appears.
void ExpectWarnings(const HarnessRun& run, const std::vector<Finding>& warnings) {
  EXPECT_THAT(WarnedChecks(run.report),
              ::testing::UnorderedElementsAreArray(ScenarioChecks(warnings)));
}

// The findings a client's expected-failures baseline (clients/<client>/expected-failures.json,
// `sfharness run --baseline`) records, one per scenario.
std::vector<Finding> FindingsIn(const std::string& baseline) {
  std::ifstream in(std::filesystem::path(SFH_SOURCE_DIR) / baseline);
  const auto json = nlohmann::json::parse(in, nullptr, false);
  std::vector<Finding> findings;
  if (!json.is_object() || !json.contains("expected_failures")) {
    ADD_FAILURE() << baseline << " is not a baseline file";
    return findings;
  }
  for (const auto& entry : json["expected_failures"]) {
    const std::string scenario = entry.value("scenario", "");
    auto it = std::find_if(findings.begin(), findings.end(),
                           [&](const Finding& f) { return f.scenario == scenario; });
    if (it == findings.end()) it = findings.insert(findings.end(), Finding{scenario, {}, ""});
    it->checks.push_back(entry.value("check", ""));
    it->reason = entry.value("reason", "");
  }
  return findings;
}

// Every scenario passed but those of `findings`, which failed exactly their checks. Run with
// the findings as a baseline, the run itself passes.
void ExpectEveryScenarioPassed(const HarnessRun& run, const std::vector<Finding>& findings = {},
                               bool with_baseline = false) {
  ASSERT_TRUE(run.process.started) << run.process.spawn_error;
  EXPECT_EQ(run.process.exit_code, findings.empty() || with_baseline ? 0 : 1)
      << run.process.out << run.process.err;
  ASSERT_TRUE(run.report.is_object()) << run.process.err;
  EXPECT_THAT(FailedChecks(run.report),
              ::testing::UnorderedElementsAreArray(ScenarioChecks(findings)));
  bool https = false;
  bool http = false;
  for (const auto& s : run.report["scenarios"]) {
    const bool known = std::any_of(findings.begin(), findings.end(),
                                   [&](const Finding& f) { return s["id"] == f.scenario; });
    EXPECT_EQ(s["status"], known ? "FAILED" : "PASSED") << s["id"];
    if (with_baseline && known) {
      EXPECT_EQ(s["expected_failure"], true) << s["id"];
    }
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

// A third-party client's library must be installed: its test fails (never skips) without it, and
// says how to install it. `command` runs in the source directory with /bin/sh.
void RequireDependency(const std::string& command, const std::string& what) {
  harness::ProcessOptions options;
  options.argv = {"/bin/sh", "-c", command};
  options.working_directory = SFH_SOURCE_DIR;
  options.timeout = std::chrono::seconds(30);
  const auto p = harness::RunProcess(options);
  ASSERT_TRUE(p.started && p.exit_code == 0)
      << what << " is not installed: run `make test`, or scripts/install-deps then "
      << "scripts/install-clients.\n`" << command << "` failed: " << p.spawn_error
      << p.err.substr(0, 600);
}

// Neither library checks the token response's signature, and neither client adds a check of its
// own: a warning, since Salesforce does not require it (clients/README.md).
Finding UncheckedSignature(const std::string& library) {
  return {"tokens/tampered-signature",
          {"EnsureSignatureVerified"},
          library +
              " never checks the token response's signature (HMAC-SHA256 of id + issued_at "
              "with the consumer secret) and has no option to, so the client uses a token "
              "whose signature is wrong"};
}

TEST(RealClients, RequestsOAuthlibClientPassesEverythingButItsFindings) {
  // sfclient.py runs itself again with Debian's python3 when `python3` lacks the library.
  ASSERT_NO_FATAL_FAILURE(
      RequireDependency("python3 -c 'import requests_oauthlib' 2>/dev/null || "
                        "/usr/bin/python3 -c 'import requests_oauthlib'",
                        "requests-oauthlib (Debian's python3-requests-oauthlib)"));
  const std::string baseline = "clients/python-requests-oauthlib/expected-failures.json";
  const auto run = RunHarness({"--client", "clients/python-requests-oauthlib/sfclient.py",
                               "--baseline", baseline, "-j", "2"},
                              "requests-oauthlib");
  ExpectEveryScenarioPassed(run, FindingsIn(baseline), /*with_baseline=*/true);
  ExpectWarnings(run, {UncheckedSignature("requests-oauthlib (oauthlib's parse_token_response)")});
  ExpectNoSecretsWritten(run);
  std::filesystem::remove_all(run.out_dir);
}

TEST(RealClients, JsforceClientPassesEverythingButItsFindings) {
  ASSERT_NO_FATAL_FAILURE(
      RequireDependency("cd clients/jsforce && node -e \"require.resolve('jsforce')\"",
                        "jsforce (clients/jsforce/node_modules, from package-lock.json)"));
  const std::string baseline = "clients/jsforce/expected-failures.json";
  const auto run = RunHarness(
      {"--client", "clients/jsforce/sfclient.js", "--baseline", baseline, "-j", "2"}, "jsforce");
  ExpectEveryScenarioPassed(run, FindingsIn(baseline), /*with_baseline=*/true);
  ExpectWarnings(run, {UncheckedSignature("jsforce (OAuth2.requestToken)")});
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
  for (const auto* run : {&missing, &bad_flag, &no_client})
    std::filesystem::remove_all(run->out_dir);
}

}  // namespace
}  // namespace sfh::tests
