#include "reports/ctrf_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "reports/json_writer.h"
#include "reports/report_text.h"

namespace sfh::reports {
namespace {

using Json = nlohmann::ordered_json;
using harness::CheckResult;
using harness::CheckStatus;
using harness::ScenarioResult;
using harness::ScenarioStatus;

constexpr std::string_view kToolName = "sfharness";

struct Counts {
  size_t tests = 0, passed = 0, failed = 0, skipped = 0, other = 0, flaky = 0, warnings = 0;
};

int64_t EpochMs(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string Str(std::string_view s) { return std::string(s); }

// Evidence lines, one a line, as every report prints them.
std::string Trace(const CheckResult& check) {
  std::string trace;
  for (const auto& e : check.evidence) trace += (trace.empty() ? "" : "\n") + EvidenceLine(e);
  return trace;
}

std::string ExpectedFailureMessage(const std::string& reason, const std::string& message) {
  std::string text = "expected failure (baseline)";
  if (!reason.empty()) text += ": " + reason;
  if (!message.empty()) text += "; " + message;
  return text;
}

// One CTRF test: `status` is CTRF's, `raw` the harness's; an empty message or trace is left out.
struct TestSpec {
  std::string suite;  // junit.xml's testsuite name
  std::string name;   // junit.xml's testcase name
  std::string_view status;
  std::string_view raw;
  std::string message;
  std::string trace;
  std::string file;
  Json extra = Json::object();
};

Json Test(TestSpec spec, Counts& counts) {
  Json test = {{"name", spec.suite + " " + spec.name},
               {"status", spec.status},
               {"duration", 0},
               {"rawStatus", spec.raw}};
  if (!spec.message.empty()) test["message"] = std::move(spec.message);
  if (!spec.trace.empty()) test["trace"] = std::move(spec.trace);
  test["suite"] = Json::array({spec.suite});
  if (!spec.file.empty()) test["filePath"] = std::move(spec.file);
  test["extra"] = std::move(spec.extra);
  ++counts.tests;
  if (spec.status == "passed") ++counts.passed;
  if (spec.status == "failed") ++counts.failed;
  if (spec.status == "skipped") ++counts.skipped;
  if (spec.status == "other") ++counts.other;
  return test;
}

// A test of `scenario`, with the extra every one of them carries.
TestSpec ScenarioTest(const ScenarioResult& scenario, std::string name, std::string_view status,
                      std::string_view raw, std::string message) {
  TestSpec spec{scenario.id, std::move(name), status, raw, std::move(message), "", scenario.file};
  spec.extra = {{"scenarioId", scenario.id},
                {"scenarioStatus", Str(harness::ToString(scenario.status))}};
  if (scenario.expected_failure) spec.extra["scenarioExpectedFailure"] = true;
  return spec;
}

// True when `check` failed in an earlier attempt of its scenario.
bool FailedBefore(const ScenarioResult& scenario, const CheckResult& check) {
  return std::any_of(scenario.previous_attempts.begin(), scenario.previous_attempts.end(),
                     [&](const harness::AttemptSummary& attempt) {
                       return std::find(attempt.failed_checks.begin(), attempt.failed_checks.end(),
                                        check.id) != attempt.failed_checks.end();
                     });
}

Json CheckTest(const ScenarioResult& scenario, const CheckResult& check, Counts& counts) {
  std::string_view status = "passed";
  std::string message = check.message;
  switch (check.status) {
    case CheckStatus::kPassed:
      break;
    case CheckStatus::kFailed:
      // As in junit.xml: a failure the baseline expects is skipped, so CI does not fail on it.
      status = check.expected_failure ? "skipped" : "failed";
      if (check.expected_failure) {
        message = ExpectedFailureMessage(check.expected_failure_reason, check.message);
      }
      break;
    case CheckStatus::kWarning:
      ++counts.warnings;  // passes, as in junit.xml: a warning does not fail CI
      break;
    case CheckStatus::kSkipped:
      status = "skipped";
      break;
  }
  TestSpec spec =
      ScenarioTest(scenario, check.id, status, harness::ToString(check.status), std::move(message));
  spec.trace = Trace(check);
  spec.extra.update(Json{{"checkId", check.id},
                         {"description", check.description},
                         {"reference", check.reference},
                         {"severity", Str(harness::ToString(check.severity))}});
  if (check.expected_failure) spec.extra["expectedFailure"] = true;
  Json test = Test(std::move(spec), counts);
  if (scenario.attempts > 1) {
    test["retries"] = scenario.attempts - 1;
    // Flaky: it failed in an earlier attempt and passes now (CTRF's definition).
    if ((check.status == CheckStatus::kPassed || check.status == CheckStatus::kWarning) &&
        FailedBefore(scenario, check)) {
      test["flaky"] = true;
      ++counts.flaky;
    }
  }
  return test;
}

void AddScenario(Json& tests, const ScenarioResult& scenario, Counts& counts) {
  size_t unexpected_failures = 0;
  bool check_carries_expected = false;
  for (const auto& check : scenario.checks) {
    tests.push_back(CheckTest(scenario, check, counts));
    if (check.status == CheckStatus::kFailed && !check.expected_failure) ++unexpected_failures;
    if (check.expected_failure) check_carries_expected = true;
  }
  if (scenario.status == ScenarioStatus::kError) {
    tests.push_back(Test(ScenarioTest(scenario, "setup", "other", "ERROR",
                                      "harness error, not a client failure: " + scenario.error),
                         counts));
  } else if (scenario.status == ScenarioStatus::kSkipped) {
    tests.push_back(
        Test(ScenarioTest(scenario, "scenario", "skipped", "SKIPPED", scenario.error), counts));
  } else if (scenario.status == ScenarioStatus::kFailed && scenario.expected_failure &&
             !check_carries_expected) {
    // Expected as a whole, with no failed check to carry it.
    tests.push_back(
        Test(ScenarioTest(scenario, "scenario", "skipped", "FAILED",
                          ExpectedFailureMessage(scenario.expected_failure_reason, scenario.error)),
             counts));
  } else if (scenario.status == ScenarioStatus::kFailed && !scenario.expected_failure &&
             unexpected_failures == 0) {
    // So that a failed scenario never reads as passed, whatever its checks say.
    tests.push_back(Test(ScenarioTest(scenario, "scenario", "failed", "FAILED",
                                      scenario.error.empty() ? "scenario failed" : scenario.error),
                         counts));
  }
}

// A baseline entry that no longer fails fails the run, as in junit.xml's "baseline" suite.
Json StaleTest(const harness::ExpectedFailure& entry, Counts& counts) {
  TestSpec spec{"baseline",
                entry.check.empty() ? entry.scenario : entry.scenario + " " + entry.check,
                "failed",
                "STALE",
                "expected to fail but did not; fixed? remove it from the baseline",
                "baseline reason: " + entry.reason,
                ""};
  spec.extra = {{"scenarioId", entry.scenario}, {"checkId", entry.check}};
  return Test(std::move(spec), counts);
}

// "sfharness 0.1.0" -> "0.1.0"; any other form is kept whole.
std::string ToolVersion(const std::string& tool_version) {
  const std::string prefix = std::string(kToolName) + " ";
  return tool_version.starts_with(prefix) ? tool_version.substr(prefix.size()) : tool_version;
}

}  // namespace

std::string CtrfJson(const harness::RunResult& run) {
  Counts counts;
  Json tests = Json::array();
  for (const auto& scenario : run.scenarios) AddScenario(tests, scenario, counts);
  for (const auto& entry : run.stale_expected_failures) tests.push_back(StaleTest(entry, counts));

  const int64_t start = EpochMs(run.started_at);
  const int64_t duration = run.elapsed.count() < 0 ? 0 : run.elapsed.count();
  Json tool = {{"name", kToolName}};
  if (!run.tool_version.empty()) tool["version"] = ToolVersion(run.tool_version);
  Json summary = {{"tests", counts.tests},
                  {"passed", counts.passed},
                  {"failed", counts.failed},
                  {"skipped", counts.skipped},
                  {"pending", 0},
                  {"other", counts.other},
                  {"flaky", counts.flaky},
                  {"suites", run.scenarios.size() + (run.stale_expected_failures.empty() ? 0 : 1)},
                  {"start", start},
                  {"stop", start + duration},
                  {"duration", duration},
                  {"extra",
                   {{"scenarios", ScenarioCounts(run)},
                    {"warnings", counts.warnings},
                    {"stale_expected_failures", run.stale_expected_failures.size()}}}};
  Json results = {{"tool", std::move(tool)}, {"summary", std::move(summary)}};
  results["tests"] = std::move(tests);
  results["environment"] =
      Json{{"reportName", "sfharness conformance run"}, {"appName", run.client}};

  const Json report = {
      {"reportFormat", "CTRF"},
      {"specVersion", kCtrfSpecVersion},
      {"timestamp", IsoUtc(run.started_at + std::chrono::milliseconds(duration))},
      {"generatedBy", run.tool_version.empty() ? std::string(kToolName) : run.tool_version},
      {"results", std::move(results)}};
  // Client output and messages may hold any bytes; dump() would throw on invalid UTF-8.
  return report.dump(2, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sfh::reports
