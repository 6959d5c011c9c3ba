#include "reports/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

TEST(ReportJsonTest, MatchesGolden) {
  testing::ExpectMatchesGolden(ReportJson(testing::FixtureRun()), "report.golden.json");
}

TEST(ReportJsonTest, SummaryCountsTheFixture) {
  const auto json = nlohmann::ordered_json::parse(ReportJson(testing::FixtureRun()));
  EXPECT_EQ(json.begin().key(), "schema");
  EXPECT_EQ(json["schema"], "sfharness-report/1");
  EXPECT_EQ(json["started_at"], "2026-11-28T18:30:00Z");
  const auto& scenarios = json["summary"]["scenarios"];
  EXPECT_EQ(scenarios["total"], 4);
  EXPECT_EQ(scenarios["passed"], 1);
  EXPECT_EQ(scenarios["failed"], 1);
  EXPECT_EQ(scenarios["error"], 1);
  EXPECT_EQ(scenarios["skipped"], 1);
  const auto& checks = json["summary"]["checks"];
  EXPECT_EQ(checks["passed"], 2);
  EXPECT_EQ(checks["failed"], 1);
  EXPECT_EQ(checks["warning"], 1);
  EXPECT_EQ(checks["skipped"], 1);
  ASSERT_EQ(json["scenarios"].size(), 4u);
  const auto& failed = json["scenarios"][1];
  EXPECT_EQ(failed["status"], "FAILED");
  EXPECT_EQ(failed["checks"][0]["evidence"][0]["exchange"], 1);
  EXPECT_EQ(failed["transcript"][0]["request"]["headers"][0][0], "User-Agent");
  EXPECT_EQ(failed["client"]["stderr"].get<std::string>().substr(0, 28),
            "error: invalid_client <\"bad\"");
}

TEST(ReportJsonTest, InvalidUtf8DoesNotThrow) {
  harness::RunResult run;
  run.scenarios.emplace_back();
  run.scenarios.back().client.stdout_text = "bad \xFF byte";
  std::string out;
  ASSERT_NO_THROW(out = ReportJson(run));
  const auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["scenarios"][0]["client"]["stdout"], "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace sfh::reports
