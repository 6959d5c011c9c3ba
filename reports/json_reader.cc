#include "reports/json_reader.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/json_writer.h"

namespace sfh::reports {
namespace {

using Json = nlohmann::json;
namespace h = harness;

// Thrown inside this file only, caught by ReadReportJson: the reader is a chain of small
// lookups, each of which may fail with the pointer it was at.
struct ReadError {
  std::string what;
};

[[noreturn]] void Fail(const std::string& at, std::string_view what) {
  throw ReadError{fmt::format("{}: {}", at.empty() ? "/" : at, what)};
}

std::string At(const std::string& at, std::string_view key) {
  return fmt::format("{}/{}", at, key);
}

const Json& Member(const Json& object, const char* key, const std::string& at) {
  if (!object.is_object()) Fail(at, "expected an object");
  const auto it = object.find(key);
  if (it == object.end()) Fail(At(at, key), "missing");
  return *it;
}

std::string String(const Json& object, const char* key, const std::string& at) {
  const Json& value = Member(object, key, at);
  if (!value.is_string()) Fail(At(at, key), "expected a string");
  return value.get<std::string>();
}

int64_t Integer(const Json& object, const char* key, const std::string& at) {
  const Json& value = Member(object, key, at);
  if (!value.is_number_integer()) Fail(At(at, key), "expected an integer");
  return value.get<int64_t>();
}

bool Boolean(const Json& object, const char* key, const std::string& at) {
  const Json& value = Member(object, key, at);
  if (!value.is_boolean()) Fail(At(at, key), "expected true or false");
  return value.get<bool>();
}

const Json& Array(const Json& object, const char* key, const std::string& at) {
  const Json& value = Member(object, key, at);
  if (!value.is_array()) Fail(At(at, key), "expected an array");
  return value;
}

// Fields added to schema /1 later: their default when absent, checked when present.
std::string OptionalString(const Json& object, const char* key, const std::string& at) {
  return object.contains(key) ? String(object, key, at) : std::string();
}
bool OptionalBoolean(const Json& object, const char* key, const std::string& at) {
  return object.contains(key) && Boolean(object, key, at);
}

std::chrono::milliseconds Millis(const Json& object, const char* key, const std::string& at) {
  return std::chrono::milliseconds(Integer(object, key, at));
}

std::chrono::system_clock::time_point Time(const Json& object, const char* key,
                                           const std::string& at) {
  const std::string text = String(object, key, at);
  int year, month, day, hour, minute, second;
  char zulu = 0;
  int used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &year, &month, &day, &hour, &minute,
                  &second, &zulu, &used) != 7 ||
      zulu != 'Z' || static_cast<size_t>(used) != text.size()) {
    Fail(At(at, key), fmt::format("expected a time like 2026-11-28T18:30:00Z, found \"{}\"", text));
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) {
    Fail(At(at, key), fmt::format("\"{}\" is not a valid time", text));
  }
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

h::ScenarioStatus ScenarioStatusOf(const Json& object, const char* key, const std::string& at) {
  const std::string text = String(object, key, at);
  for (auto status : {h::ScenarioStatus::kPassed, h::ScenarioStatus::kFailed,
                      h::ScenarioStatus::kError, h::ScenarioStatus::kSkipped}) {
    if (text == h::ToString(status)) return status;
  }
  Fail(At(at, key), fmt::format("expected PASSED, FAILED, ERROR or SKIPPED, found \"{}\"", text));
}

h::CheckStatus CheckStatusOf(const Json& object, const char* key, const std::string& at) {
  const std::string text = String(object, key, at);
  for (auto status : {h::CheckStatus::kPassed, h::CheckStatus::kFailed, h::CheckStatus::kWarning,
                      h::CheckStatus::kSkipped}) {
    if (text == h::ToString(status)) return status;
  }
  Fail(At(at, key), fmt::format("expected PASSED, FAILED, WARNING or SKIPPED, found \"{}\"", text));
}

h::Severity SeverityOf(const Json& object, const char* key, const std::string& at) {
  const std::string text = String(object, key, at);
  if (text == "failure") return h::Severity::kFailure;
  if (text == "warning") return h::Severity::kWarning;
  Fail(At(at, key), fmt::format("expected failure or warning, found \"{}\"", text));
}

h::HeaderList Headers(const Json& message, const std::string& at) {
  h::HeaderList headers;
  const Json& list = Array(message, "headers", at);
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& pair = list[i];
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      Fail(fmt::format("{}/headers/{}", at, i), "expected [name, value]");
    }
    headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  return headers;
}

h::ClientRun Client(const Json& json, const std::string& at) {
  h::ClientRun client;
  client.label = String(json, "label", at);
  client.started = Boolean(json, "started", at);
  client.exit_code = static_cast<int>(Integer(json, "exit_code", at));
  client.term_signal = static_cast<int>(Integer(json, "term_signal", at));
  client.timed_out = Boolean(json, "timed_out", at);
  client.stdout_text = String(json, "stdout", at);
  client.stderr_text = String(json, "stderr", at);
  client.elapsed = Millis(json, "elapsed_ms", at);
  return client;
}

h::CheckResult Check(const Json& json, const std::string& at) {
  h::CheckResult check;
  check.id = String(json, "id", at);
  check.description = String(json, "description", at);
  check.reference = String(json, "reference", at);
  check.severity = SeverityOf(json, "severity", at);
  check.status = CheckStatusOf(json, "status", at);
  check.expected_failure = OptionalBoolean(json, "expected_failure", at);
  check.expected_failure_reason = OptionalString(json, "expected_failure_reason", at);
  check.message = String(json, "message", at);
  const Json& evidence = Array(json, "evidence", at);
  for (size_t i = 0; i < evidence.size(); ++i) {
    const std::string e_at = fmt::format("{}/evidence/{}", at, i);
    check.evidence.push_back(
        h::Evidence{static_cast<uint64_t>(Integer(evidence[i], "exchange", e_at)),
                    String(evidence[i], "note", e_at)});
  }
  return check;
}

h::TranscriptEntry Exchange(const Json& json, const std::string& at) {
  h::TranscriptEntry x;
  x.seq = static_cast<uint64_t>(Integer(json, "seq", at));
  x.host = String(json, "host", at);
  x.scheme = String(json, "scheme", at);
  x.method = String(json, "method", at);
  x.target = String(json, "target", at);
  x.status = static_cast<int>(Integer(json, "status", at));
  x.elapsed = std::chrono::microseconds(Integer(json, "elapsed_us", at));
  x.fault = String(json, "fault", at);
  const Json& request = Member(json, "request", at);
  x.request_headers = Headers(request, At(at, "request"));
  x.request_body = String(request, "body", At(at, "request"));
  const Json& response = Member(json, "response", at);
  x.response_headers = Headers(response, At(at, "response"));
  x.response_body = String(response, "body", At(at, "response"));
  return x;
}

h::ScenarioResult Scenario(const Json& json, const std::string& at) {
  h::ScenarioResult s;
  s.id = String(json, "id", at);
  s.title = String(json, "title", at);
  s.teaches = String(json, "teaches", at);
  s.file = String(json, "file", at);
  s.target = String(json, "target", at);
  s.status = ScenarioStatusOf(json, "status", at);
  s.error = String(json, "error", at);
  s.expected_failure = OptionalBoolean(json, "expected_failure", at);
  s.expected_failure_reason = OptionalString(json, "expected_failure_reason", at);
  if (json.contains("attempts")) {
    const int64_t attempts = Integer(json, "attempts", at);
    if (attempts < 1) Fail(At(at, "attempts"), "expected 1 or more");
    s.attempts = static_cast<int>(attempts);
  }
  s.flaky = OptionalBoolean(json, "flaky", at);
  if (json.contains("previous_attempts")) {
    const Json& list = Array(json, "previous_attempts", at);
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string a_at = fmt::format("{}/previous_attempts/{}", at, i);
      h::AttemptSummary attempt;
      attempt.status = ScenarioStatusOf(list[i], "status", a_at);
      const Json& failed = Array(list[i], "failed_checks", a_at);
      for (size_t j = 0; j < failed.size(); ++j) {
        if (!failed[j].is_string())
          Fail(fmt::format("{}/failed_checks/{}", a_at, j), "expected a string");
        attempt.failed_checks.push_back(failed[j].get<std::string>());
      }
      attempt.elapsed = Millis(list[i], "elapsed_ms", a_at);
      s.previous_attempts.push_back(std::move(attempt));
    }
  }
  s.started_at = Time(json, "started_at", at);
  s.elapsed = Millis(json, "elapsed_ms", at);
  s.client = Client(Member(json, "client", at), At(at, "client"));
  const Json& checks = Array(json, "checks", at);
  for (size_t i = 0; i < checks.size(); ++i) {
    s.checks.push_back(Check(checks[i], fmt::format("{}/checks/{}", at, i)));
  }
  const Json& transcript = Array(json, "transcript", at);
  for (size_t i = 0; i < transcript.size(); ++i) {
    s.transcript.push_back(Exchange(transcript[i], fmt::format("{}/transcript/{}", at, i)));
  }
  return s;
}

h::RunResult Run(const Json& json) {
  const std::string at;
  if (!json.is_object()) Fail(at, "expected an object (a report.json)");
  const std::string schema = String(json, "schema", at);
  if (schema != kReportJsonSchema) {
    Fail("/schema", fmt::format("\"{}\" is not \"{}\", the schema this sfharness reads", schema,
                                kReportJsonSchema));
  }
  h::RunResult run;
  run.tool_version = String(json, "tool_version", at);
  run.client = String(json, "client", at);
  run.started_at = Time(json, "started_at", at);
  run.elapsed = Millis(json, "elapsed_ms", at);
  if (json.contains("shard") && !json["shard"].is_null()) {
    const Json& shard = json["shard"];
    const int64_t index = Integer(shard, "index", "/shard");
    const int64_t total = Integer(shard, "total", "/shard");
    if (total < 1 || index < 1 || index > total) {
      Fail("/shard", fmt::format("shard {}/{} is not 1 to N of N", index, total));
    }
    run.shard = h::ShardSpec{static_cast<size_t>(index), static_cast<size_t>(total)};
  }
  if (json.contains("stale_expected_failures")) {
    const Json& stale = Array(json, "stale_expected_failures", at);
    for (size_t i = 0; i < stale.size(); ++i) {
      const std::string s_at = fmt::format("/stale_expected_failures/{}", i);
      run.stale_expected_failures.push_back({String(stale[i], "scenario", s_at),
                                             String(stale[i], "check", s_at),
                                             String(stale[i], "reason", s_at)});
    }
  }
  const Json& scenarios = Array(json, "scenarios", at);
  for (size_t i = 0; i < scenarios.size(); ++i) {
    run.scenarios.push_back(Scenario(scenarios[i], fmt::format("/scenarios/{}", i)));
  }
  return run;
}

}  // namespace

std::expected<harness::RunResult, std::string> ReadReportJson(std::string_view text) {
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return std::unexpected("not valid JSON");
  try {
    return Run(json);
  } catch (const ReadError& e) {
    return std::unexpected(e.what);
  } catch (const std::exception& e) {  // a library's own, e.g. a number out of range
    return std::unexpected(std::string("cannot read: ") + e.what());
  }
}

std::expected<harness::RunResult, std::string> ReadReportFile(const std::filesystem::path& path) {
  std::error_code ec;
  const std::filesystem::path file =
      std::filesystem::is_directory(path, ec) ? path / "report.json" : path;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::unexpected(fmt::format("{}: cannot read: {}", file.string(), std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto run = ReadReportJson(text.str());
  if (!run) return std::unexpected(fmt::format("{}: {}", file.string(), run.error()));
  return run;
}

}  // namespace sfh::reports
