#include "reports/json_writer.h"

#include <nlohmann/json.hpp>
#include <string_view>

#include "reports/report_text.h"

namespace sfh::reports {
namespace {

using Json = nlohmann::ordered_json;

std::string Str(std::string_view s) { return std::string(s); }

Json Headers(const harness::HeaderList& headers) {
  Json out = Json::array();
  for (const auto& [name, value] : headers) out.push_back(Json::array({name, value}));
  return out;
}

Json Client(const harness::ClientRun& client) {
  return Json{{"label", client.label},         {"started", client.started},
              {"exit_code", client.exit_code}, {"term_signal", client.term_signal},
              {"timed_out", client.timed_out}, {"stdout", client.stdout_text},
              {"stderr", client.stderr_text},  {"elapsed_ms", client.elapsed.count()}};
}

Json Check(const harness::CheckResult& check) {
  Json evidence = Json::array();
  for (const auto& e : check.evidence) {
    evidence.push_back(Json{{"exchange", e.exchange}, {"note", e.note}});
  }
  return Json{{"id", check.id},
              {"description", check.description},
              {"reference", check.reference},
              {"severity", Str(harness::ToString(check.severity))},
              {"status", Str(harness::ToString(check.status))},
              {"expected_failure", check.expected_failure},
              {"expected_failure_reason", check.expected_failure_reason},
              {"message", check.message},
              {"evidence", std::move(evidence)}};
}

Json Exchange(const harness::TranscriptEntry& entry) {
  return Json{
      {"seq", entry.seq},
      {"host", entry.host},
      {"scheme", entry.scheme},
      {"method", entry.method},
      {"target", entry.target},
      {"status", entry.status},
      {"elapsed_us", entry.elapsed.count()},
      {"fault", entry.fault},
      {"request", Json{{"headers", Headers(entry.request_headers)}, {"body", entry.request_body}}},
      {"response",
       Json{{"headers", Headers(entry.response_headers)}, {"body", entry.response_body}}}};
}

Json Scenario(const harness::ScenarioResult& scenario) {
  Json checks = Json::array();
  for (const auto& check : scenario.checks) checks.push_back(Check(check));
  Json transcript = Json::array();
  for (const auto& entry : scenario.transcript) transcript.push_back(Exchange(entry));
  Json previous = Json::array();
  for (const auto& attempt : scenario.previous_attempts) {
    previous.push_back(Json{{"status", Str(harness::ToString(attempt.status))},
                            {"failed_checks", attempt.failed_checks},
                            {"elapsed_ms", attempt.elapsed.count()}});
  }
  return Json{{"id", scenario.id},
              {"title", scenario.title},
              {"teaches", scenario.teaches},
              {"file", scenario.file},
              {"target", scenario.target},
              {"status", Str(harness::ToString(scenario.status))},
              {"error", scenario.error},
              {"expected_failure", scenario.expected_failure},
              {"expected_failure_reason", scenario.expected_failure_reason},
              {"attempts", scenario.attempts},
              {"flaky", scenario.flaky},
              {"previous_attempts", std::move(previous)},
              {"started_at", IsoUtc(scenario.started_at)},
              {"elapsed_ms", scenario.elapsed.count()},
              {"client", Client(scenario.client)},
              {"checks", std::move(checks)},
              {"transcript", std::move(transcript)}};
}

}  // namespace

Json ScenarioCounts(const harness::RunResult& run) {
  using harness::ScenarioStatus;
  return {{"total", run.scenarios.size()},
          {"passed", run.CountScenarios(ScenarioStatus::kPassed)},
          {"failed", run.CountScenarios(ScenarioStatus::kFailed)},
          {"error", run.CountScenarios(ScenarioStatus::kError)},
          {"skipped", run.CountScenarios(ScenarioStatus::kSkipped)},
          {"expected_failures", run.CountExpectedFailures()},
          {"flaky", run.CountFlaky()}};
}

std::string ReportJson(const harness::RunResult& run) {
  using harness::CheckStatus;
  Json summary = {{"scenarios", ScenarioCounts(run)},
                  {"checks",
                   {{"passed", run.CountChecks(CheckStatus::kPassed)},
                    {"failed", run.CountChecks(CheckStatus::kFailed)},
                    {"warning", run.CountChecks(CheckStatus::kWarning)},
                    {"skipped", run.CountChecks(CheckStatus::kSkipped)},
                    {"expected_failures", run.CountExpectedCheckFailures()}}}};
  Json scenarios = Json::array();
  for (const auto& scenario : run.scenarios) scenarios.push_back(Scenario(scenario));
  Json stale = Json::array();
  for (const auto& entry : run.stale_expected_failures) {
    stale.push_back(
        Json{{"scenario", entry.scenario}, {"check", entry.check}, {"reason", entry.reason}});
  }
  Json shard = nullptr;
  if (run.shard) shard = Json{{"index", run.shard->index}, {"total", run.shard->total}};
  const Json report = {{"schema", kReportJsonSchema},
                       {"tool_version", run.tool_version},
                       {"client", run.client},
                       {"started_at", IsoUtc(run.started_at)},
                       {"elapsed_ms", run.elapsed.count()},
                       {"shard", std::move(shard)},
                       {"summary", std::move(summary)},
                       {"stale_expected_failures", std::move(stale)},
                       {"scenarios", std::move(scenarios)}};
  // Client output may hold any bytes; dump() would throw on invalid UTF-8 without `replace`.
  return report.dump(2, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sfh::reports
