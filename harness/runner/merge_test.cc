#include "harness/runner/merge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sfh::harness {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

const std::chrono::system_clock::time_point kT0 =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 28};

ScenarioResult Scenario(std::string id, ScenarioStatus status = ScenarioStatus::kPassed) {
  ScenarioResult s;
  s.file = id + ".json";
  s.id = std::move(id);
  s.status = status;
  return s;
}

NamedRun Shard(std::string name, size_t index, size_t total, std::vector<std::string> ids,
               std::chrono::seconds start = 0s, std::chrono::milliseconds elapsed = 1000ms) {
  NamedRun r{std::move(name), {}};
  r.run.tool_version = "sfharness 0.1.0";
  r.run.client = "clients/curl/sfclient.sh";
  r.run.started_at = kT0 + start;
  r.run.elapsed = elapsed;
  if (total > 0) r.run.shard = ShardSpec{index, total};
  for (auto& id : ids) r.run.scenarios.push_back(Scenario(std::move(id)));
  return r;
}

std::vector<std::string> Ids(const RunResult& run) {
  std::vector<std::string> ids;
  for (const auto& s : run.scenarios) ids.push_back(s.id);
  return ids;
}

TEST(MergeRunsTest, ShardsBecomeOneRunInFileOrder) {
  auto one = Shard("s1", 1, 2, {"happy/https", "session/a"}, 5s, 2000ms);
  auto two = Shard("s2", 2, 2, {"happy/http", "moves/x"}, 1s, 3000ms);
  one.run.stale_expected_failures = {{"session/a", "EnsureTokenIsReused", "r"}};
  two.run.stale_expected_failures = {{"session/a", "EnsureTokenIsReused", "r"}};
  auto merged = MergeRuns({one, two});
  ASSERT_TRUE(merged) << merged.error();
  EXPECT_EQ(Ids(*merged),
            (std::vector<std::string>{"happy/http", "happy/https", "moves/x", "session/a"}));
  EXPECT_FALSE(merged->shard.has_value());
  EXPECT_EQ(merged->started_at, kT0 + 1s);
  EXPECT_EQ(merged->elapsed, 6000ms);  // from 1 s to 7 s
  EXPECT_EQ(merged->client, "clients/curl/sfclient.sh");
  EXPECT_EQ(merged->stale_expected_failures.size(), 1u);
}

TEST(MergeRunsTest, UnshardedRunsOfDisjointScenariosMerge) {
  auto merged = MergeRuns({Shard("a", 0, 0, {"b"}), Shard("b", 0, 0, {"a"})});
  ASSERT_TRUE(merged) << merged.error();
  EXPECT_EQ(Ids(*merged), (std::vector<std::string>{"a", "b"}));
}

TEST(MergeRunsTest, ClearErrors) {
  EXPECT_EQ(MergeRuns({}).error(), "no reports to merge");
  EXPECT_EQ(MergeRuns({Shard("a", 1, 2, {"x"}), Shard("b", 2, 2, {"x"})}).error(),
            "scenario 'x' is in both a and b");
  EXPECT_EQ(MergeRuns({Shard("a", 1, 2, {"x"}), Shard("b", 1, 2, {"y"})}).error(),
            "shard 1/2 is given twice: a and b");
  EXPECT_THAT(MergeRuns({Shard("a", 1, 3, {"x"}), Shard("b", 3, 3, {"y"})}).error(),
              HasSubstr("shard 2/3 missing"));
  EXPECT_THAT(MergeRuns({Shard("a", 1, 2, {"x"}), Shard("b", 2, 3, {"y"})}).error(),
              HasSubstr("a is shard 1/2 but b is shard 2/3"));
  EXPECT_EQ(MergeRuns({Shard("a", 0, 0, {"x"}), Shard("b", 1, 1, {"y"})}).error(),
            "b is shard 1/1 but a is not a shard");
  auto other = Shard("b", 2, 2, {"y"});
  other.run.client = "reference client";
  EXPECT_THAT(MergeRuns({Shard("a", 1, 2, {"x"}), other}).error(),
              HasSubstr("a and b are runs of different clients"));
}

}  // namespace
}  // namespace sfh::harness
