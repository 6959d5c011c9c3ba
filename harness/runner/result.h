// What a run found: the model every report is written from. Plain values; everything in it is
// already redacted (no secret or token appears in full), so writers may print any field.
#ifndef SFH_HARNESS_RUNNER_RESULT_H_
#define SFH_HARNESS_RUNNER_RESULT_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfh::harness {

// The verdict of one check, after the scenario's severity is applied: a failed check whose
// severity is "warning" is kWarning. Separate from lifecycle (running, finished).
enum class CheckStatus { kPassed, kFailed, kWarning, kSkipped };
std::string_view ToString(CheckStatus status);  // "PASSED", "FAILED", "WARNING", "SKIPPED"

enum class Severity { kFailure, kWarning };
std::string_view ToString(Severity severity);  // "failure", "warning"

// One thing a check judged: usually one exchange of the journal.
struct Evidence {
  uint64_t exchange = 0;  // the exchange's sequence number in the journal; 0: not one exchange
  std::string note;       // what about it, redacted
};

struct CheckResult {
  std::string id;           // "EnsureNoSecretInUrl": the name is the report line
  std::string description;  // one line, used verbatim in every report
  std::string reference;    // the RFC section or Salesforce page behind the rule
  Severity severity = Severity::kFailure;
  CheckStatus status = CheckStatus::kPassed;
  std::string message;  // why, in a sentence; redacted
  std::vector<Evidence> evidence;
  // A FAILED check that the expected-failures baseline (--baseline) lists for this scenario:
  // it still reads FAILED, but does not fail the run. The baseline's reason, may be empty.
  bool expected_failure = false;
  std::string expected_failure_reason;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One exchange as reports show it: redacted, bodies cut to a readable length.
struct TranscriptEntry {
  uint64_t seq = 0;
  std::string host;    // the virtual host: "my_domain", "login", "legacy_instance"
  std::string scheme;  // "http" or "https"
  std::string method;
  std::string target;  // path and query as sent, redacted
  int status = 0;      // 0 when no response was sent (a wire fault)
  HeaderList request_headers;
  std::string request_body;
  HeaderList response_headers;
  std::string response_body;
  std::chrono::microseconds elapsed{0};
  std::string fault;  // the fault that fired on this exchange, empty when none
};

// What the client program did, as the harness saw it from outside.
struct ClientRun {
  std::string label;     // "reference client" or the command line given with --client
  bool started = false;  // false: it could not be started (a setup error)
  int exit_code = -1;
  int term_signal = 0;
  bool timed_out = false;
  std::string stdout_text;  // redacted; the last part when long
  std::string stderr_text;  // redacted; the last part when long
  std::chrono::milliseconds elapsed{0};
};

enum class ScenarioStatus {
  kPassed,   // every check of failure severity passed
  kFailed,   // a check of failure severity failed: the client is at fault
  kError,    // the harness could not run the scenario: not the client's fault
  kSkipped,  // the target cannot stage this scenario
};
std::string_view ToString(ScenarioStatus status);  // "PASSED", "FAILED", "ERROR", "SKIPPED"

// An earlier attempt of a scenario that was run again (--reruns), in brief.
struct AttemptSummary {
  ScenarioStatus status = ScenarioStatus::kFailed;
  std::vector<std::string> failed_checks;  // ids of the checks that FAILED in that attempt
  std::chrono::milliseconds elapsed{0};
};

struct ScenarioResult {
  std::string id;  // "session/expires-mid-run"
  std::string title;
  std::string teaches;  // one paragraph, may be empty
  std::string file;     // the scenario file, relative to the scenario root where possible
  std::string target;   // "embedded mock (https)"
  ScenarioStatus status = ScenarioStatus::kPassed;
  std::string error;  // for kError and kSkipped: why
  // kFailed only: every failure is listed in the baseline (each failed check carries its
  // reason; a whole-scenario entry's reason is also here). The run does not fail for it.
  bool expected_failure = false;
  std::string expected_failure_reason;
  // With --reruns: how many times the scenario ran (1 when once); the result is the last
  // attempt's, `previous_attempts` the earlier ones, oldest first. Flaky: it FAILED, then a
  // later attempt PASSED (status kPassed).
  int attempts = 1;
  bool flaky = false;
  std::vector<AttemptSummary> previous_attempts;
  ClientRun client;
  std::vector<CheckResult> checks;
  std::vector<TranscriptEntry> transcript;
  std::chrono::system_clock::time_point started_at{};
  std::chrono::milliseconds elapsed{0};
};

// One entry of the expected-failures baseline: `check` of scenario `scenario` is known to fail
// (or, with `check` empty, the whole scenario is), for `reason`.
struct ExpectedFailure {
  std::string scenario;
  std::string check;  // empty: the whole scenario
  std::string reason;
  friend bool operator==(const ExpectedFailure&, const ExpectedFailure&) = default;
};

// Which part of a sharded run this is: shard `index` (1-based) of `total`.
struct ShardSpec {
  size_t index = 1;
  size_t total = 1;
  friend bool operator==(const ShardSpec&, const ShardSpec&) = default;
};

struct RunResult {
  std::string tool_version;  // "sfharness 0.1.0"
  std::string client;        // the client label, as in ClientRun::label
  std::chrono::system_clock::time_point started_at{};
  std::chrono::milliseconds elapsed{0};
  std::optional<ShardSpec> shard;  // set when this run is one shard of the selection
  std::vector<ScenarioResult> scenarios;
  // Baseline entries for scenarios this run judged that did not fail as expected ("fixed?
  // remove it from the baseline"). Each one fails the run.
  std::vector<ExpectedFailure> stale_expected_failures;

  size_t CountScenarios(ScenarioStatus status) const;
  size_t CountChecks(CheckStatus status) const;
  // FAILED scenarios whose failures the baseline expects; FAILED checks it expects.
  size_t CountExpectedFailures() const;
  size_t CountExpectedCheckFailures() const;
  // Scenarios that passed only on a rerun.
  size_t CountFlaky() const;
  // True when nothing fails the run: no scenario FAILED other than as expected, none is an
  // ERROR, and no baseline entry is stale. Skipped and flaky scenarios do not count against.
  bool AllPassed() const;
};

}  // namespace sfh::harness

#endif  // SFH_HARNESS_RUNNER_RESULT_H_
