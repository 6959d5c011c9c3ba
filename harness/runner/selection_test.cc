#include "harness/runner/selection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

namespace sfh::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Scenario Make(std::string id, std::vector<std::string> tags = {}) {
  Scenario s;
  s.document.id = std::move(id);
  s.document.tags = std::move(tags);
  return s;
}

// As if in path order, which need not be id order: "aaa/first-by-id" comes last.
std::vector<Scenario> Suite() {
  return {Make("happy/http", {"happy"}),
          Make("happy/https", {"happy", "tls"}),
          Make("moves/instance-migrated", {"moves"}),
          Make("session/expires-mid-run", {"session"}),
          Make("session/revoked-mid-run", {"session"}),
          Make("setup/no-run-as-user", {"setup"}),
          Make("aaa/first-by-id")};
}

std::vector<std::string> Ids(const std::vector<Scenario>& scenarios) {
  std::vector<std::string> ids;
  for (const auto& s : scenarios) ids.push_back(s.document.id);
  return ids;
}

TEST(GlobMatchTest, StarsQuestionMarksAndLiterals) {
  EXPECT_TRUE(GlobMatch("session/*", "session/expires-mid-run"));
  EXPECT_TRUE(GlobMatch("*", "a/b/c"));
  EXPECT_TRUE(GlobMatch("*/*-mid-run", "session/revoked-mid-run"));
  EXPECT_TRUE(GlobMatch("happy/http?", "happy/https"));
  EXPECT_TRUE(GlobMatch("happy/http", "happy/http"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(GlobMatch("happy/http", "happy/https"));
  EXPECT_FALSE(GlobMatch("happy/http?", "happy/http"));
  EXPECT_FALSE(GlobMatch("session/*", "setup/session"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXbYbZ"));
  EXPECT_FALSE(GlobMatch("", "x"));
  EXPECT_TRUE(GlobMatch("", ""));
}

TEST(SelectScenariosTest, NoFilterKeepsEverythingInOrder) {
  auto selected = SelectScenarios(Suite(), {});
  ASSERT_TRUE(selected) << selected.error();
  EXPECT_EQ(Ids(*selected), Ids(Suite()));
}

TEST(SelectScenariosTest, PositiveAndNegativeGlobs) {
  auto selected = SelectScenarios(Suite(), {.patterns = {"session/*", "happy/*", "-*/https"}});
  ASSERT_TRUE(selected) << selected.error();
  EXPECT_THAT(Ids(*selected),
              ElementsAre("happy/http", "session/expires-mid-run", "session/revoked-mid-run"));
}

TEST(SelectScenariosTest, OnlyNegativeGlobsExclude) {
  auto selected = SelectScenarios(Suite(), {.patterns = {"-happy/*", "-s*"}});
  ASSERT_TRUE(selected) << selected.error();
  EXPECT_THAT(Ids(*selected), ElementsAre("moves/instance-migrated", "aaa/first-by-id"));
}

TEST(SelectScenariosTest, AnyOfTheTagsAndTheGlobsTogether) {
  auto selected = SelectScenarios(Suite(), {.tags = {"tls", "moves"}});
  ASSERT_TRUE(selected) << selected.error();
  EXPECT_THAT(Ids(*selected), ElementsAre("happy/https", "moves/instance-migrated"));

  selected = SelectScenarios(Suite(), {.patterns = {"happy/*"}, .tags = {"tls", "moves"}});
  ASSERT_TRUE(selected) << selected.error();
  EXPECT_THAT(Ids(*selected), ElementsAre("happy/https"));
}

TEST(SelectScenariosTest, APatternThatMatchesNothingIsNamed) {
  auto selected = SelectScenarios(Suite(), {.patterns = {"session/*", "sesion/*"}});
  ASSERT_FALSE(selected);
  EXPECT_EQ(selected.error(), "--filter 'sesion/*' matches no scenario");
}

TEST(SelectScenariosTest, AnUnknownTagIsNamed) {
  auto selected = SelectScenarios(Suite(), {.tags = {"session", "sesion"}});
  ASSERT_FALSE(selected);
  EXPECT_EQ(selected.error(), "--tags: no scenario has the tag 'sesion'");
}

TEST(SelectScenariosTest, AnEmptyCombinationNamesTheWholeFilter) {
  auto selected = SelectScenarios(Suite(), {.patterns = {"happy/*", "-happy/*"}});
  ASSERT_FALSE(selected);
  EXPECT_EQ(selected.error(), "--filter 'happy/*' --filter '-happy/*' select no scenario");

  selected = SelectScenarios(Suite(), {.patterns = {"session/*"}, .tags = {"tls"}});
  ASSERT_FALSE(selected);
  EXPECT_THAT(selected.error(), HasSubstr("--tags 'tls' select no scenario"));
}

TEST(ParseShardTest, OneBasedIndexOfTotal) {
  auto shard = ParseShard("2/3");
  ASSERT_TRUE(shard) << shard.error();
  EXPECT_EQ(*shard, (ShardSpec{2, 3}));
  EXPECT_TRUE(ParseShard("1/1"));
  for (const char* bad : {"0/3", "4/3", "1/0", "3", "a/b", "1/3/4", "-1/3", "", "/3", "1/"}) {
    auto parsed = ParseShard(bad);
    EXPECT_FALSE(parsed) << bad;
    if (!parsed) {
      EXPECT_THAT(parsed.error(), HasSubstr(std::string("'") + bad + "'"));
    }
  }
}

TEST(ShardFromEnvironmentTest, GoogleTestConventionIsZeroBased) {
  std::map<std::string, std::string> env;
  auto getenv = [&](const char* name) -> const char* {
    const auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  auto none = ShardFromEnvironment(getenv);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());

  env = {{"GTEST_SHARD_INDEX", "0"}, {"GTEST_TOTAL_SHARDS", "3"}};
  auto first = ShardFromEnvironment(getenv);
  ASSERT_TRUE(first) << first.error();
  EXPECT_EQ(**first, (ShardSpec{1, 3}));

  env = {{"GTEST_SHARD_INDEX", "2"}, {"GTEST_TOTAL_SHARDS", "3"}};
  EXPECT_EQ(**ShardFromEnvironment(getenv), (ShardSpec{3, 3}));

  env = {{"GTEST_SHARD_INDEX", "3"}, {"GTEST_TOTAL_SHARDS", "3"}};
  EXPECT_FALSE(ShardFromEnvironment(getenv));
  env = {{"GTEST_TOTAL_SHARDS", "3"}};
  auto half = ShardFromEnvironment(getenv);
  ASSERT_FALSE(half);
  EXPECT_THAT(half.error(), HasSubstr("GTEST_SHARD_INDEX (unset)"));
  env = {{"GTEST_SHARD_INDEX", "x"}, {"GTEST_TOTAL_SHARDS", "3"}};
  EXPECT_FALSE(ShardFromEnvironment(getenv));
  env = {{"GTEST_SHARD_INDEX", ""}, {"GTEST_TOTAL_SHARDS", ""}};
  auto blank = ShardFromEnvironment(getenv);
  ASSERT_TRUE(blank) << blank.error();
  EXPECT_FALSE(blank->has_value());
}

TEST(ShardScenariosTest, RoundRobinOverSortedIdsPartitionsTheSelection) {
  const auto all = Suite();
  std::multiset<std::string> seen;
  for (size_t i = 1; i <= 3; ++i) {
    const auto shard = ShardScenarios(Suite(), {i, 3});
    for (const auto& id : Ids(shard)) seen.insert(id);
  }
  const auto ids = Ids(all);
  EXPECT_EQ(seen, std::multiset<std::string>(ids.begin(), ids.end()));
  // Sorted ids: aaa/first-by-id, happy/http, happy/https, moves/..., session/e..., session/r...,
  // setup/...; shard 1 takes ranks 0, 3, 6, kept in the given (path) order.
  EXPECT_THAT(Ids(ShardScenarios(Suite(), {1, 3})),
              ElementsAre("moves/instance-migrated", "setup/no-run-as-user", "aaa/first-by-id"));
  EXPECT_THAT(Ids(ShardScenarios(Suite(), {2, 3})),
              ElementsAre("happy/http", "session/expires-mid-run"));
}

TEST(ShardScenariosTest, MoreShardsThanScenariosLeavesSomeEmpty) {
  std::vector<Scenario> two = {Make("b"), Make("a")};
  EXPECT_THAT(Ids(ShardScenarios(two, {1, 3})), ElementsAre("a"));
  EXPECT_THAT(Ids(ShardScenarios(two, {2, 3})), ElementsAre("b"));
  EXPECT_TRUE(ShardScenarios(two, {3, 3}).empty());
}

}  // namespace
}  // namespace sfh::harness
