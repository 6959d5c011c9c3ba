#include "harness/scenario/scenario.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace sfh::harness {
namespace {

using ::testing::HasSubstr;

class ScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sfh_scenarios_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "sub");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  static std::string Doc(const std::string& id, const std::string& extra = "") {
    return R"({"id": ")" + id + R"(", "title": "T", "org": {"apps": [{"name": "A",
              "policies": {"run_as": "integration@acme.test"}}]})" + extra + "}";
  }
  std::filesystem::path dir_;
};

TEST_F(ScenarioTest, LoadsADirectoryRecursivelyInPathOrder) {
  Write("b.json", Doc("b"));
  Write("sub/a.json", Doc("a", R"(, "client": {"calls": 5}, "expect": {"client": "fails",
        "checks": [{"check": "EnsureNoSecretInUrl", "severity": "warning"}]})"));
  Write("notes.txt", "ignored");
  auto scenarios = LoadScenarios({dir_});
  ASSERT_TRUE(scenarios.has_value()) << scenarios.error();
  ASSERT_EQ(scenarios->size(), 2u);
  EXPECT_EQ((*scenarios)[0].document.id, "b");
  EXPECT_EQ((*scenarios)[1].display_file, "sub/a.json");
  EXPECT_EQ((*scenarios)[1].workload.calls, 5);
  EXPECT_EQ((*scenarios)[1].expect.client, ExpectedClientOutcome::kFails);
  ASSERT_EQ((*scenarios)[1].expect.checks.size(), 1u);
  EXPECT_EQ((*scenarios)[1].expect.checks[0].severity, Severity::kWarning);
}

TEST_F(ScenarioTest, ReportsEveryBrokenFileAndDuplicateIds) {
  Write("a.json", Doc("same"));
  Write("b.json", Doc("same"));
  Write("c.json", Doc("c", R"(, "client": {"calls": "three"}, "expect": {"checks":
        [{"check": "EnsureNothing"}], "clients": 1})"));
  auto scenarios = LoadScenarios({dir_});
  ASSERT_FALSE(scenarios.has_value());
  EXPECT_THAT(scenarios.error(), HasSubstr("b.json: /id: \"same\" is used by another scenario"));
  EXPECT_THAT(scenarios.error(), HasSubstr("c.json: /client/calls: expected an integer"));
  EXPECT_THAT(scenarios.error(),
              HasSubstr("c.json: /expect/checks/0/check: no check named \"EnsureNothing\""));
  EXPECT_THAT(scenarios.error(), HasSubstr("c.json: /expect/clients: unknown key"));
}

TEST_F(ScenarioTest, MissingPathsAndEmptyDirectoriesAreErrors) {
  EXPECT_THAT(LoadScenarios({dir_ / "nope"}).error(), HasSubstr("no such file or directory"));
  EXPECT_THAT(LoadScenarios({dir_ / "sub"}).error(), HasSubstr("no scenario files found"));
}

TEST_F(ScenarioTest, UnknownAppIsAnError) {
  Write("a.json", Doc("a", R"(, "client": {"app": "Other"})"));
  EXPECT_THAT(LoadScenarios({dir_}).error(), HasSubstr("/client/app: no app named \"Other\""));
}

}  // namespace
}  // namespace sfh::harness
