#include "reports/console_reporter.h"

#include <fmt/core.h>

#include <algorithm>

#include "reports/report_text.h"

namespace sfh::reports {
namespace {

using harness::CheckStatus;
using harness::ScenarioStatus;

constexpr std::string_view kRule = "[==========]";

std::string_view ScenarioSgr(ScenarioStatus status) {
  switch (status) {
    case ScenarioStatus::kPassed:
      return "32";  // green
    case ScenarioStatus::kFailed:
      return "1;31";  // bold red
    case ScenarioStatus::kError:
      return "35";  // magenta: the harness, not the client
    case ScenarioStatus::kSkipped:
      return "90";  // grey
  }
  return "0";
}

std::string_view CheckSgr(CheckStatus status) {
  return status == CheckStatus::kFailed ? "1;31" : "33";  // red, or yellow for warnings
}

std::string Plural(size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

// Flaky and expected-failure scenarios read differently from their status, in yellow.
std::string_view Label(const harness::ScenarioResult& result) {
  if (result.flaky) return "FLAKY";
  if (result.status == ScenarioStatus::kFailed && result.expected_failure) return "XFAIL";
  return harness::ToString(result.status);
}

std::string_view LabelSgr(const harness::ScenarioResult& result) {
  return Label(result) == harness::ToString(result.status) ? ScenarioSgr(result.status) : "33";
}

// A status line longer than the terminal would wrap, and "\r" would then not reach its start.
constexpr size_t kMaxStatusWidth = 79;

}  // namespace

ConsoleReporter::ConsoleReporter(std::ostream& out, bool color, bool progress)
    : out_(out), color_(color), progress_(progress) {}

std::string ConsoleReporter::Paint(std::string_view sgr, std::string_view text) const {
  if (!color_) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
}

void ConsoleReporter::WriteIndented(std::string_view raw, int indent) {
  // Messages may quote what a client sent; control characters must not drive the terminal.
  const std::string safe = XmlSafe(raw);
  std::string_view text = safe;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    out_ << std::string(indent, ' ') << line << '\n';
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

void ConsoleReporter::DrawStatus() {
  if (!progress_ || running_.empty()) return;
  const auto& [id, ordinal] = running_.front();
  std::string text = fmt::format("[{}/{}] {} ...", ordinal, total_, XmlSafe(id));
  if (running_.size() > 1) text += fmt::format(" (+{} running)", running_.size() - 1);
  if (text.size() > kMaxStatusWidth) text = text.substr(0, kMaxStatusWidth - 3) + "...";
  out_ << "\r\x1b[2K" << Paint("2", text);
  out_.flush();
  status_shown_ = true;
}

void ConsoleReporter::ClearStatus() {
  if (!status_shown_) return;
  out_ << "\r\x1b[2K";
  status_shown_ = false;
}

void ConsoleReporter::OnRunStart(const harness::RunPlan& plan) {
  total_ = plan.scenario_count;
  started_ = 0;
  running_.clear();
  out_ << Paint("32", kRule) << " Running " << Plural(plan.scenario_count, "scenario") << " with "
       << plan.client;
  if (plan.jobs > 1) out_ << ", " << plan.jobs << " at a time";
  out_ << '\n';
  out_.flush();
}

void ConsoleReporter::OnScenarioStart(const std::string& id, const std::string& /*title*/) {
  running_.emplace_back(id, ++started_);
  DrawStatus();
}

void ConsoleReporter::OnScenarioEnd(const harness::ScenarioResult& result) {
  ClearStatus();
  const auto it = std::find_if(running_.begin(), running_.end(),
                               [&](const auto& r) { return r.first == result.id; });
  if (it != running_.end()) running_.erase(it);
  out_ << Paint(LabelSgr(result), fmt::format("[ {:<7} ]", Label(result))) << ' ' << result.id
       << ": " << result.title << " (" << Seconds(result.elapsed, 2) << " s)";
  if (result.flaky) out_ << " passed on attempt " << result.attempts;
  if (result.status == ScenarioStatus::kFailed && result.expected_failure) {
    out_ << " expected failure";
  }
  out_ << '\n';
  for (size_t i = 0; i < result.previous_attempts.size(); ++i) {
    const auto& attempt = result.previous_attempts[i];
    std::string checks;
    for (const auto& id : attempt.failed_checks) checks += (checks.empty() ? "" : ", ") + id;
    WriteIndented(fmt::format("attempt {}: {}{}{}", i + 1, harness::ToString(attempt.status),
                              checks.empty() ? "" : " ", checks),
                  4);
  }
  if (!result.expected_failure_reason.empty()) {
    WriteIndented("expected: " + result.expected_failure_reason, 4);
  }

  const bool failing =
      result.status == ScenarioStatus::kFailed || result.status == ScenarioStatus::kError;
  if (!result.error.empty()) {
    WriteIndented(
        fmt::format("{}: {}", result.status == ScenarioStatus::kSkipped ? "skipped" : "error",
                    result.error),
        4);
  }
  for (const auto& check : result.checks) {
    const bool show =
        check.status == CheckStatus::kWarning || (failing && check.status == CheckStatus::kFailed);
    if (!show) continue;
    out_ << "    " << Paint(CheckSgr(check.status), harness::ToString(check.status))
         << (check.expected_failure ? " (expected)" : "") << ' ' << XmlSafe(check.id) << ": "
         << XmlSafe(check.description) << '\n';
    if (check.expected_failure && !check.expected_failure_reason.empty()) {
      WriteIndented("expected: " + check.expected_failure_reason, 6);
    }
    if (!check.message.empty()) WriteIndented(check.message, 6);
    for (const auto& evidence : check.evidence) WriteIndented(EvidenceLine(evidence), 6);
  }
  if (failing && ClientFailed(result.client)) {
    out_ << "    client " << ClientOutcome(result.client) << '\n';
  }
  DrawStatus();
  out_.flush();
}

void ConsoleReporter::OnRunEnd(const harness::RunResult& result) {
  ClearStatus();
  running_.clear();
  const size_t flaky = result.CountFlaky();
  const size_t expected = result.CountExpectedFailures();
  const std::string scenarios = fmt::format(
      "{}: {} passed{}, {} failed{}, {} error, {} skipped",
      Plural(result.scenarios.size(), "scenario"), result.CountScenarios(ScenarioStatus::kPassed),
      flaky > 0 ? fmt::format(" ({} flaky)", flaky) : "",
      result.CountScenarios(ScenarioStatus::kFailed),
      expected > 0 ? fmt::format(" ({} expected)", expected) : "",
      result.CountScenarios(ScenarioStatus::kError),
      result.CountScenarios(ScenarioStatus::kSkipped));
  const std::string checks = fmt::format(
      "checks: {} passed, {} failed, {} warning, {} skipped",
      result.CountChecks(CheckStatus::kPassed), result.CountChecks(CheckStatus::kFailed),
      result.CountChecks(CheckStatus::kWarning), result.CountChecks(CheckStatus::kSkipped));
  out_ << Paint(result.AllPassed() ? "32" : "1;31", kRule) << ' ' << scenarios << "; " << checks
       << " (" << Seconds(result.elapsed, 2) << " s)\n";
  for (const auto& s : result.scenarios) {
    const bool listed = (s.status == ScenarioStatus::kFailed && !s.expected_failure) ||
                        s.status == ScenarioStatus::kError || s.flaky;
    if (!listed) continue;
    out_ << Paint(LabelSgr(s), fmt::format("[ {:<7} ]", Label(s))) << ' ' << s.id << '\n';
  }
  for (const auto& entry : result.stale_expected_failures) {
    out_ << Paint("1;31", "[ STALE   ]") << ' ' << entry.scenario
         << (entry.check.empty() ? "" : " " + entry.check)
         << ": expected to fail but did not; fixed? remove it from the baseline\n";
  }
  out_.flush();
}

}  // namespace sfh::reports
