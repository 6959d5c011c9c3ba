#include "harness/runner/result.h"

namespace sfh::harness {

std::string_view ToString(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPassed:
      return "PASSED";
    case CheckStatus::kFailed:
      return "FAILED";
    case CheckStatus::kWarning:
      return "WARNING";
    case CheckStatus::kSkipped:
      return "SKIPPED";
  }
  return "FAILED";
}

std::string_view ToString(Severity severity) {
  return severity == Severity::kWarning ? "warning" : "failure";
}

std::string_view ToString(ScenarioStatus status) {
  switch (status) {
    case ScenarioStatus::kPassed:
      return "PASSED";
    case ScenarioStatus::kFailed:
      return "FAILED";
    case ScenarioStatus::kError:
      return "ERROR";
    case ScenarioStatus::kSkipped:
      return "SKIPPED";
  }
  return "ERROR";
}

size_t RunResult::CountScenarios(ScenarioStatus status) const {
  size_t n = 0;
  for (const auto& s : scenarios) n += s.status == status ? 1 : 0;
  return n;
}

size_t RunResult::CountChecks(CheckStatus status) const {
  size_t n = 0;
  for (const auto& s : scenarios) {
    for (const auto& c : s.checks) n += c.status == status ? 1 : 0;
  }
  return n;
}

size_t RunResult::CountExpectedFailures() const {
  size_t n = 0;
  for (const auto& s : scenarios) {
    n += s.status == ScenarioStatus::kFailed && s.expected_failure ? 1 : 0;
  }
  return n;
}

size_t RunResult::CountExpectedCheckFailures() const {
  size_t n = 0;
  for (const auto& s : scenarios) {
    for (const auto& c : s.checks) {
      n += c.status == CheckStatus::kFailed && c.expected_failure ? 1 : 0;
    }
  }
  return n;
}

size_t RunResult::CountFlaky() const {
  size_t n = 0;
  for (const auto& s : scenarios) n += s.flaky ? 1 : 0;
  return n;
}

bool RunResult::AllPassed() const {
  return CountScenarios(ScenarioStatus::kFailed) == CountExpectedFailures() &&
         CountScenarios(ScenarioStatus::kError) == 0 && stale_expected_failures.empty();
}

}  // namespace sfh::harness
