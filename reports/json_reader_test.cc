#include "reports/json_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "reports/json_writer.h"
#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

using ::testing::HasSubstr;

// The fixture with every field this reader must carry back: a shard, a stale baseline entry,
// an expected failure and a flaky scenario with an earlier attempt.
harness::RunResult RichRun() {
  harness::RunResult run = testing::FixtureRun();
  run.shard = harness::ShardSpec{2, 3};
  run.stale_expected_failures = {{"happy/http", "EnsureTokenIsReused", "fixed?"},
                                 {"tls/legacy-instance", "", ""}};
  harness::ScenarioResult& failed = run.scenarios.at(1);
  failed.expected_failure = true;
  failed.expected_failure_reason = "whole";
  for (auto& check : failed.checks) {
    if (check.status == harness::CheckStatus::kFailed) {
      check.expected_failure = true;
      check.expected_failure_reason = "known: see issue 12";
    }
  }
  harness::ScenarioResult& flaky = run.scenarios.at(0);
  flaky.attempts = 2;
  flaky.flaky = true;
  flaky.previous_attempts = {{harness::ScenarioStatus::kFailed,
                              {"EnsureTokenIsReused", "EnsureNoSecretInUrl"},
                              std::chrono::milliseconds(1234)}};
  return run;
}

TEST(ReadReportJsonTest, ReadsBackWhatTheWriterWrote) {
  for (const auto& run : {testing::FixtureRun(), RichRun()}) {
    const std::string written = ReportJson(run);
    auto read = ReadReportJson(written);
    ASSERT_TRUE(read) << read.error();
    EXPECT_EQ(ReportJson(*read), written);
  }
}

TEST(ReadReportJsonTest, FieldsAddedLaterTakeTheirDefaults) {
  auto json = nlohmann::json::parse(ReportJson(testing::FixtureRun()));
  json.erase("shard");
  json.erase("stale_expected_failures");
  for (auto& s : json["scenarios"]) {
    for (const char* key : {"expected_failure", "expected_failure_reason", "attempts", "flaky",
                            "previous_attempts"}) {
      s.erase(key);
    }
    for (auto& c : s["checks"]) c.erase("expected_failure");
  }
  json["added_by_a_newer_writer"] = 1;
  auto read = ReadReportJson(json.dump());
  ASSERT_TRUE(read) << read.error();
  EXPECT_FALSE(read->shard.has_value());
  EXPECT_EQ(read->scenarios.at(0).attempts, 1);
  EXPECT_EQ(ReportJson(*read), ReportJson(testing::FixtureRun()));
}

TEST(ReadReportJsonTest, ErrorsNameThePointer) {
  const auto good = nlohmann::json::parse(ReportJson(testing::FixtureRun()));
  struct Case {
    std::function<void(nlohmann::json&)> spoil;
    const char* error;
  };
  const Case cases[] = {
      {[](auto& j) { j["schema"] = "sfharness-report/2"; },
       "/schema: \"sfharness-report/2\" is not \"sfharness-report/1\""},
      {[](auto& j) { j.erase("client"); }, "/client: missing"},
      {[](auto& j) { j["scenarios"][1]["status"] = "BROKEN"; },
       "/scenarios/1/status: expected PASSED, FAILED, ERROR or SKIPPED"},
      {[](auto& j) { j["scenarios"][0]["checks"][0]["severity"] = 1; },
       "/scenarios/0/checks/0/severity: expected a string"},
      {[](auto& j) { j["started_at"] = "yesterday"; }, "/started_at: expected a time"},
      {[](auto& j) {
         j["shard"] = {{"index", 4}, {"total", 3}};
       },
       "/shard: shard 4/3"},
      {[](auto& j) { j["scenarios"][0]["attempts"] = 0; }, "/scenarios/0/attempts: expected 1"},
      {[](auto& j) { j["scenarios"][1]["transcript"][0]["request"]["headers"][0] = {"x"}; },
       "/scenarios/1/transcript/0/request/headers/0: expected [name, value]"},
  };
  for (const auto& c : cases) {
    auto json = good;
    c.spoil(json);
    auto read = ReadReportJson(json.dump());
    ASSERT_FALSE(read) << c.error;
    EXPECT_THAT(read.error(), HasSubstr(c.error));
  }
  EXPECT_EQ(ReadReportJson("{").error(), "not valid JSON");
}

TEST(ReadReportFileTest, AMissingFileNamesItsPath) {
  auto read = ReadReportFile("/nonexistent-sfh-dir/report.json");
  ASSERT_FALSE(read);
  EXPECT_THAT(read.error(), HasSubstr("/nonexistent-sfh-dir/report.json: cannot read"));
}

}  // namespace
}  // namespace sfh::reports
