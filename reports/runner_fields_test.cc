// The runner's additions as every report shows them: expected failures (--baseline), stale
// baseline entries, flaky scenarios (--reruns), shards, and the console's progress line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "reports/console_reporter.h"
#include "reports/html_writer.h"
#include "reports/json_writer.h"
#include "reports/junit_writer.h"

namespace sfh::reports {
namespace {

using harness::CheckStatus;
using harness::ScenarioStatus;
using ::testing::HasSubstr;
using ::testing::Not;

harness::CheckResult Check(std::string id, CheckStatus status) {
  harness::CheckResult c;
  c.id = std::move(id);
  c.description = "rule of " + c.id;
  c.status = status;
  return c;
}

harness::ScenarioResult Scenario(std::string id, ScenarioStatus status,
                                 std::vector<harness::CheckResult> checks) {
  harness::ScenarioResult s;
  s.id = std::move(id);
  s.title = "title of " + s.id;
  s.status = status;
  s.checks = std::move(checks);
  s.client.started = true;
  s.client.exit_code = 0;
  return s;
}

// An expected failure, a flaky pass, an unexpected failure, and a stale entry; shard 2 of 3.
harness::RunResult RunWithEverything() {
  harness::RunResult run;
  run.client = "clients/x.sh";
  run.shard = harness::ShardSpec{2, 3};
  auto expected = Scenario("moves/migrated", ScenarioStatus::kFailed,
                           {Check("EnsureRestCallsUseInstanceUrl", CheckStatus::kFailed)});
  expected.expected_failure = true;
  expected.checks[0].expected_failure = true;
  expected.checks[0].expected_failure_reason = "keeps the first instance_url";
  auto flaky = Scenario("happy/http", ScenarioStatus::kPassed,
                        {Check("EnsureTokenIsReused", CheckStatus::kPassed)});
  flaky.flaky = true;
  flaky.attempts = 2;
  flaky.previous_attempts = {
      {ScenarioStatus::kFailed, {"EnsureTokenIsReused"}, std::chrono::milliseconds(10)}};
  auto failed =
      Scenario("session/expires", ScenarioStatus::kFailed,
               {Check("EnsureReauthenticatesOnceAfterInvalidSession", CheckStatus::kFailed)});
  run.scenarios = {expected, flaky, failed};
  run.stale_expected_failures = {{"happy/https", "EnsureNoSecretInUrl", "was broken"}};
  return run;
}

TEST(RunnerFieldsTest, JsonCountsAndFlags) {
  const auto json = nlohmann::json::parse(ReportJson(RunWithEverything()));
  EXPECT_EQ(json["shard"], (nlohmann::json{{"index", 2}, {"total", 3}}));
  EXPECT_EQ(json["summary"]["scenarios"]["failed"], 2);
  EXPECT_EQ(json["summary"]["scenarios"]["expected_failures"], 1);
  EXPECT_EQ(json["summary"]["scenarios"]["flaky"], 1);
  EXPECT_EQ(json["summary"]["checks"]["expected_failures"], 1);
  EXPECT_EQ(json["stale_expected_failures"][0]["reason"], "was broken");
  EXPECT_EQ(json["scenarios"][0]["checks"][0]["expected_failure_reason"],
            "keeps the first instance_url");
  EXPECT_EQ(json["scenarios"][1]["previous_attempts"][0]["failed_checks"][0],
            "EnsureTokenIsReused");
}

TEST(RunnerFieldsTest, JunitSkipsExpectedFailuresAndFailsStaleEntries) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(RunWithEverything()).c_str()));
  const auto expected = doc.select_node("//testcase[@name='EnsureRestCallsUseInstanceUrl']").node();
  EXPECT_FALSE(expected.child("failure"));
  EXPECT_STREQ(expected.child_value("skipped"), "expected failure: keeps the first instance_url");
  const auto migrated = doc.select_node("//testsuite[@name='moves/migrated']").node();
  EXPECT_STREQ(migrated.attribute("failures").value(), "0");
  EXPECT_STREQ(migrated.attribute("skipped").value(), "1");

  const auto flaky = doc.select_node("//testsuite[@name='happy/http']").node();
  EXPECT_STREQ(flaky.attribute("failures").value(), "0");
  EXPECT_TRUE(flaky.select_node("properties/property[@name='scenario.attempts'][@value='2']"));
  EXPECT_TRUE(flaky.select_node(
      "properties/property[@name='scenario.attempt.1'][@value='FAILED EnsureTokenIsReused']"));

  const auto stale = doc.select_node("//testsuite[@name='baseline']").node();
  ASSERT_TRUE(stale);
  const auto entry = stale.select_node("testcase/failure").node();
  EXPECT_STREQ(entry.attribute("type").value(), "StaleExpectedFailure");
  EXPECT_STREQ(entry.parent().attribute("name").value(), "happy/https EnsureNoSecretInUrl");
  // The unexpected failure and the stale entry: 2 failures in all.
  EXPECT_STREQ(doc.child("testsuites").attribute("failures").value(), "2");
}

TEST(RunnerFieldsTest, HtmlShowsBadgesShardAndStaleEntries) {
  const std::string html = ReportHtml(RunWithEverything());
  EXPECT_THAT(html, HasSubstr(">FLAKY</span>"));
  EXPECT_THAT(html, HasSubstr(">EXPECTED</span>"));
  EXPECT_THAT(html, HasSubstr("Expected failure: keeps the first instance_url"));
  EXPECT_THAT(html, HasSubstr("Attempt 1 of 2: FAILED: EnsureTokenIsReused"));
  EXPECT_THAT(html, HasSubstr("Shard 2 of 3"));
  EXPECT_THAT(html, HasSubstr("Stale baseline entry: "));
}

std::string Console(const harness::RunResult& run, bool color, bool progress) {
  std::ostringstream out;
  ConsoleReporter reporter(out, color, progress);
  reporter.OnRunStart({.client = run.client, .scenario_count = run.scenarios.size(), .jobs = 2});
  for (const auto& s : run.scenarios) {
    reporter.OnScenarioStart(s.id, s.title);
    reporter.OnScenarioEnd(s);
  }
  reporter.OnRunEnd(run);
  return out.str();
}

TEST(RunnerFieldsTest, ConsoleLabelsExpectedFlakyAndStale) {
  const std::string out = Console(RunWithEverything(), /*color=*/false, /*progress=*/false);
  EXPECT_THAT(out, HasSubstr("Running 3 scenarios with clients/x.sh, 2 at a time\n"));
  EXPECT_THAT(out, HasSubstr("[ XFAIL   ] moves/migrated: title of moves/migrated (0.00 s) "
                             "expected failure\n"));
  EXPECT_THAT(out, HasSubstr("    FAILED (expected) EnsureRestCallsUseInstanceUrl: rule of "
                             "EnsureRestCallsUseInstanceUrl\n      expected: keeps the first "
                             "instance_url\n"));
  EXPECT_THAT(out, HasSubstr("[ FLAKY   ] happy/http: title of happy/http (0.00 s) passed on "
                             "attempt 2\n    attempt 1: FAILED EnsureTokenIsReused\n"));
  EXPECT_THAT(out, HasSubstr("3 scenarios: 1 passed (1 flaky), 2 failed (1 expected), 0 error"));
  // The closing list: the unexpected failure, the flaky one, the stale entry; not the XFAIL.
  EXPECT_THAT(out, HasSubstr("[ FLAKY   ] happy/http\n[ FAILED  ] session/expires\n[ STALE   ] "
                             "happy/https EnsureNoSecretInUrl: expected to fail but did not; "
                             "fixed? remove it from the baseline\n"));
  EXPECT_THAT(out, Not(HasSubstr("[ XFAIL   ] moves/migrated\n")));
  EXPECT_EQ(out.find('\r'), std::string::npos);
}

TEST(RunnerFieldsTest, ProgressLineNamesTheOldestRunningScenarioAndIsErased) {
  std::ostringstream out;
  ConsoleReporter reporter(out, /*color=*/false, /*progress=*/true);
  const auto run = RunWithEverything();
  reporter.OnRunStart({.client = run.client, .scenario_count = 3, .jobs = 2});
  reporter.OnScenarioStart("moves/migrated", "");
  EXPECT_EQ(out.str().substr(out.str().rfind('\r')), "\r\x1b[2K[1/3] moves/migrated ...");
  reporter.OnScenarioStart("happy/http", "");
  EXPECT_EQ(out.str().substr(out.str().rfind('\r')),
            "\r\x1b[2K[1/3] moves/migrated ... (+1 running)");
  reporter.OnScenarioEnd(run.scenarios[1]);  // happy/http ends first
  const std::string after = out.str();
  // Erased, the result printed on a clean line, then the status line again for the other.
  EXPECT_THAT(after, HasSubstr("(+1 running)\r\x1b[2K[ FLAKY   ] happy/http"));
  EXPECT_EQ(after.substr(after.rfind('\r')), "\r\x1b[2K[1/3] moves/migrated ...");
  reporter.OnScenarioEnd(run.scenarios[0]);
  reporter.OnScenarioStart("session/expires", "");
  EXPECT_EQ(out.str().substr(out.str().rfind('\r')), "\r\x1b[2K[3/3] session/expires ...");
  reporter.OnScenarioEnd(run.scenarios[2]);
  reporter.OnRunEnd(run);
  const std::string final_text = out.str();
  // Nothing is drawn after the last scenario: the summary starts on a clean line.
  EXPECT_THAT(final_text.substr(final_text.rfind('\r')), HasSubstr("[ FAILED  ] session/expires"));
  EXPECT_EQ(final_text.find("\x1b[2m"), std::string::npos);  // no colour asked for
}

TEST(RunnerFieldsTest, ProgressLineIsDimOnlyWithColour) {
  std::ostringstream out;
  ConsoleReporter reporter(out, /*color=*/true, /*progress=*/true);
  reporter.OnRunStart({.client = "c", .scenario_count = 1});
  reporter.OnScenarioStart("a/b", "");
  EXPECT_THAT(out.str(), HasSubstr("\r\x1b[2K\x1b[2m[1/1] a/b ...\x1b[0m"));
}

}  // namespace
}  // namespace sfh::reports
