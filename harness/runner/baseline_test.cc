#include "harness/runner/baseline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace sfh::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

CheckResult Check(std::string id, CheckStatus status) {
  CheckResult c;
  c.id = std::move(id);
  c.status = status;
  return c;
}

ScenarioResult Scenario(std::string id, ScenarioStatus status, std::vector<CheckResult> checks) {
  ScenarioResult s;
  s.id = std::move(id);
  s.status = status;
  s.checks = std::move(checks);
  return s;
}

Baseline MustParse(std::string_view text) {
  auto baseline = Baseline::Parse(text, "baseline.json");
  EXPECT_TRUE(baseline) << baseline.error();
  return baseline ? *baseline : Baseline();
}

constexpr char kTwoEntries[] = R"({
  "schema": "sfharness-baseline/1",
  "expected_failures": [
    {"scenario": "moves/instance-migrated", "check": "EnsureRestCallsUseInstanceUrl",
     "reason": "keeps the first instance_url"},
    {"scenario": "session/revoked-mid-run", "reason": "whole scenario"}
  ]
})";

TEST(BaselineParseTest, ReadsEntriesWithAndWithoutCheck) {
  const Baseline baseline = MustParse(kTwoEntries);
  EXPECT_THAT(
      baseline.entries(),
      ElementsAre(ExpectedFailure{"moves/instance-migrated", "EnsureRestCallsUseInstanceUrl",
                                  "keeps the first instance_url"},
                  ExpectedFailure{"session/revoked-mid-run", "", "whole scenario"}));
  EXPECT_TRUE(Baseline::Parse(R"({"expected_failures": []})", "b").has_value());
}

TEST(BaselineParseTest, ErrorsNameTheFileAndThePointer) {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"{", "b.json: not valid JSON"},
      {"[]", "b.json: expected an object"},
      {"{}", "b.json: /expected_failures: required"},
      {R"({"expected_failure": []})", "b.json: /expected_failure: unknown key"},
      {R"({"schema": "x/2", "expected_failures": []})", "b.json: /schema: expected"},
      {R"({"expected_failures": [{"check": "EnsureTokenIsReused"}]})",
       "b.json: /expected_failures/0/scenario: required"},
      {R"({"expected_failures": [{"scenario": "a", "check": "EnsureNothing"}]})",
       "b.json: /expected_failures/0/check: 'EnsureNothing' is not a check"},
      {R"({"expected_failures": [{"scenario": "a", "why": "x"}]})",
       "b.json: /expected_failures/0/why: unknown key"},
      {R"({"expected_failures": [{"scenario": "a", "reason": 3}]})",
       "b.json: /expected_failures/0/reason: expected a string"},
      {R"({"expected_failures": [{"scenario": "a"}, {"scenario": "a"}]})",
       "b.json: /expected_failures/1: a (whole scenario) is listed twice"},
  };
  for (const auto& c : cases) {
    auto parsed = Baseline::Parse(c.text, "b.json");
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_THAT(parsed.error(), HasSubstr(c.error)) << c.text;
  }
}

TEST(BaselineApplyTest, ListedCheckMakesTheScenarioAnExpectedFailure) {
  const Baseline baseline = MustParse(kTwoEntries);
  ScenarioResult s = Scenario("moves/instance-migrated", ScenarioStatus::kFailed,
                              {Check("EnsureRestCallsUseInstanceUrl", CheckStatus::kFailed),
                               Check("EnsureTokenIsReused", CheckStatus::kPassed)});
  baseline.Apply(s);
  EXPECT_TRUE(s.expected_failure);
  EXPECT_EQ(s.status, ScenarioStatus::kFailed);  // the verdict itself is kept
  EXPECT_TRUE(s.checks[0].expected_failure);
  EXPECT_EQ(s.checks[0].expected_failure_reason, "keeps the first instance_url");
  EXPECT_FALSE(s.checks[1].expected_failure);
}

TEST(BaselineApplyTest, AnUnlistedFailureKeepsTheScenarioFailing) {
  const Baseline baseline = MustParse(kTwoEntries);
  ScenarioResult s = Scenario("moves/instance-migrated", ScenarioStatus::kFailed,
                              {Check("EnsureRestCallsUseInstanceUrl", CheckStatus::kFailed),
                               Check("EnsureTokenIsReused", CheckStatus::kFailed)});
  baseline.Apply(s);
  EXPECT_FALSE(s.expected_failure);
  EXPECT_TRUE(s.checks[0].expected_failure);
  EXPECT_FALSE(s.checks[1].expected_failure);
}

TEST(BaselineApplyTest, AWholeScenarioEntryCoversEveryFailedCheck) {
  const Baseline baseline = MustParse(kTwoEntries);
  ScenarioResult s = Scenario("session/revoked-mid-run", ScenarioStatus::kFailed,
                              {Check("EnsureTokenIsReused", CheckStatus::kFailed),
                               Check("EnsureNoSecretInUrl", CheckStatus::kFailed)});
  baseline.Apply(s);
  EXPECT_TRUE(s.expected_failure);
  EXPECT_EQ(s.expected_failure_reason, "whole scenario");
  EXPECT_EQ(s.checks[1].expected_failure_reason, "whole scenario");

  ScenarioResult no_checks = Scenario("session/revoked-mid-run", ScenarioStatus::kFailed, {});
  baseline.Apply(no_checks);
  EXPECT_TRUE(no_checks.expected_failure);
  ScenarioResult other = Scenario("happy/http", ScenarioStatus::kFailed, {});
  baseline.Apply(other);
  EXPECT_FALSE(other.expected_failure);
}

TEST(BaselineStaleTest, EntriesThatDidNotFailAreStaleUnlessNotJudged) {
  const Baseline baseline = MustParse(kTwoEntries);
  // The listed check passed: stale. The whole scenario passed: stale.
  std::vector<ScenarioResult> run = {
      Scenario("moves/instance-migrated", ScenarioStatus::kPassed,
               {Check("EnsureRestCallsUseInstanceUrl", CheckStatus::kPassed)}),
      Scenario("session/revoked-mid-run", ScenarioStatus::kPassed, {})};
  EXPECT_EQ(baseline.Stale(run).size(), 2u);
  // Both failed as listed: nothing stale.
  run = {Scenario("moves/instance-migrated", ScenarioStatus::kFailed,
                  {Check("EnsureRestCallsUseInstanceUrl", CheckStatus::kFailed)}),
         Scenario("session/revoked-mid-run", ScenarioStatus::kFailed, {})};
  EXPECT_TRUE(baseline.Stale(run).empty());
  // Not run (filtered or sharded out), or not judged (ERROR): not stale.
  run = {Scenario("session/revoked-mid-run", ScenarioStatus::kError, {})};
  EXPECT_TRUE(baseline.Stale(run).empty());
  // The scenario failed, but another check than the listed one: the entry is stale.
  run = {Scenario("moves/instance-migrated", ScenarioStatus::kFailed,
                  {Check("EnsureRestCallsUseInstanceUrl", CheckStatus::kPassed),
                   Check("EnsureTokenIsReused", CheckStatus::kFailed)})};
  EXPECT_THAT(baseline.Stale(run), ElementsAre(baseline.entries()[0]));
}

TEST(FailuresAsBaselineTest, RecordsFailedChecksAndKeepsWhatItDidNotJudge) {
  RunResult run;
  run.scenarios = {
      Scenario("b/fails", ScenarioStatus::kFailed,
               {Check("EnsureTokenIsReused", CheckStatus::kFailed),
                Check("EnsureNoSecretInUrl", CheckStatus::kPassed),
                Check("EnsureTokenRevokedAtExit", CheckStatus::kWarning)}),
      Scenario("a/passes", ScenarioStatus::kPassed, {}),
      Scenario("c/errors", ScenarioStatus::kError, {}),
      Scenario("d/whole", ScenarioStatus::kFailed, {}),
  };
  const auto fresh = FailuresAsBaseline(run, nullptr);
  EXPECT_THAT(fresh,
              ElementsAre(ExpectedFailure{"b/fails", "EnsureTokenIsReused", kWriteBaselineReason},
                          ExpectedFailure{"d/whole", "", kWriteBaselineReason}));

  const Baseline previous({{"b/fails", "EnsureTokenIsReused", "known"},
                           {"a/passes", "", "fixed since"},
                           {"c/errors", "", "kept: not judged"},
                           {"z/filtered-out", "EnsureNoSecretInUrl", "kept: not run"}});
  EXPECT_THAT(
      FailuresAsBaseline(run, &previous),
      ElementsAre(ExpectedFailure{"b/fails", "EnsureTokenIsReused", "known"},
                  ExpectedFailure{"c/errors", "", "kept: not judged"},
                  ExpectedFailure{"d/whole", "", kWriteBaselineReason},
                  ExpectedFailure{"z/filtered-out", "EnsureNoSecretInUrl", "kept: not run"}));
}

TEST(WriteBaselineTest, RoundTripsThroughParse) {
  const std::vector<ExpectedFailure> entries = {
      {"moves/instance-migrated", "EnsureRestCallsUseInstanceUrl", "a \"quoted\" reason"},
      {"session/revoked-mid-run", "", ""}};
  const auto file = std::filesystem::temp_directory_path() /
                    ("sfh-baseline-test-" + std::to_string(getpid()) + ".json");
  auto written = WriteBaseline(file, entries);
  ASSERT_TRUE(written) << written.error();
  auto loaded = Baseline::Load(file);
  std::filesystem::remove(file);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->entries(), entries);
  EXPECT_EQ(BaselineJson(entries).find("\"check\": \"\""), std::string::npos);
}

TEST(WriteBaselineTest, AnUnwritableFileIsAnError) {
  auto written = WriteBaseline("/nonexistent-dir/baseline.json", {});
  ASSERT_FALSE(written);
  EXPECT_THAT(written.error(), HasSubstr("/nonexistent-dir/baseline.json"));
}

}  // namespace
}  // namespace sfh::harness
