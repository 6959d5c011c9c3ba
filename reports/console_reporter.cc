#include "reports/console_reporter.h"

#include <fmt/core.h>

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

}  // namespace

ConsoleReporter::ConsoleReporter(std::ostream& out, bool color) : out_(out), color_(color) {}

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

void ConsoleReporter::OnRunStart(const harness::RunPlan& plan) {
  out_ << Paint("32", kRule) << " Running " << Plural(plan.scenario_count, "scenario") << " with "
       << plan.client << '\n';
  out_.flush();
}

void ConsoleReporter::OnScenarioEnd(const harness::ScenarioResult& result) {
  const std::string_view status = harness::ToString(result.status);
  out_ << Paint(ScenarioSgr(result.status), fmt::format("[ {:<7} ]", status)) << ' ' << result.id
       << ": " << result.title << " (" << Seconds(result.elapsed, 2) << " s)\n";

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
    out_ << "    " << Paint(CheckSgr(check.status), harness::ToString(check.status)) << ' '
         << XmlSafe(check.id) << ": " << XmlSafe(check.description) << '\n';
    if (!check.message.empty()) WriteIndented(check.message, 6);
    for (const auto& evidence : check.evidence) WriteIndented(EvidenceLine(evidence), 6);
  }
  if (failing && ClientFailed(result.client)) {
    out_ << "    client " << ClientOutcome(result.client) << '\n';
  }
  out_.flush();
}

void ConsoleReporter::OnRunEnd(const harness::RunResult& result) {
  const std::string scenarios = fmt::format(
      "{}: {} passed, {} failed, {} error, {} skipped", Plural(result.scenarios.size(), "scenario"),
      result.CountScenarios(ScenarioStatus::kPassed),
      result.CountScenarios(ScenarioStatus::kFailed), result.CountScenarios(ScenarioStatus::kError),
      result.CountScenarios(ScenarioStatus::kSkipped));
  const std::string checks = fmt::format(
      "checks: {} passed, {} failed, {} warning, {} skipped",
      result.CountChecks(CheckStatus::kPassed), result.CountChecks(CheckStatus::kFailed),
      result.CountChecks(CheckStatus::kWarning), result.CountChecks(CheckStatus::kSkipped));
  out_ << Paint(result.AllPassed() ? "32" : "1;31", kRule) << ' ' << scenarios << "; " << checks
       << " (" << Seconds(result.elapsed, 2) << " s)\n";
  for (const auto& s : result.scenarios) {
    if (s.status != ScenarioStatus::kFailed && s.status != ScenarioStatus::kError) continue;
    out_ << Paint(ScenarioSgr(s.status), fmt::format("[ {:<7} ]", harness::ToString(s.status)))
         << ' ' << s.id << '\n';
  }
  out_.flush();
}

}  // namespace sfh::reports
