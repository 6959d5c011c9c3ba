#include "reports/console_reporter.h"

#include <gtest/gtest.h>

#include <sstream>

#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

// Drives `reporter` through the events of the fixture run, as the runner would.
std::string Replay(bool color) {
  std::ostringstream out;
  ConsoleReporter reporter(out, color);
  const harness::RunResult run = testing::FixtureRun();
  reporter.OnRunStart({.client = run.client, .scenario_count = run.scenarios.size()});
  for (const auto& scenario : run.scenarios) {
    reporter.OnScenarioStart(scenario.id, scenario.title);
    reporter.OnScenarioEnd(scenario);
  }
  reporter.OnRunEnd(run);
  return out.str();
}

TEST(ConsoleReporterTest, MatchesGolden) {
  testing::ExpectMatchesGolden(Replay(/*color=*/false), "console.golden.txt");
}

TEST(ConsoleReporterTest, ColoursOnlyWhenAsked) {
  EXPECT_EQ(Replay(/*color=*/false).find('\x1b'), std::string::npos);
  const std::string coloured = Replay(/*color=*/true);
  EXPECT_NE(coloured.find("\x1b[32m[ PASSED  ]\x1b[0m happy/http"), std::string::npos);
  EXPECT_NE(coloured.find("\x1b[1;31m[ FAILED  ]\x1b[0m security/secret-in-url"),
            std::string::npos);
}

}  // namespace
}  // namespace sfh::reports
