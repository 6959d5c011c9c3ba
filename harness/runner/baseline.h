// The expected-failures baseline (--baseline FILE): failures a client is known to have, each with
// its reason, so that CI fails on new failures only, and on listed ones that no longer happen.
//
// The file (schema "sfharness-baseline/1", README "Expected failures"):
//
//   {
//     "schema": "sfharness-baseline/1",                      // optional
//     "expected_failures": [
//       {"scenario": "moves/instance-migrated", "check": "EnsureRestCallsUseInstanceUrl",
//        "reason": "jsforce keeps the first instance_url"},
//       {"scenario": "session/revoked-mid-run", "reason": "the whole scenario fails"}
//     ]
//   }
//
// An entry without "check" expects the whole scenario to fail (any of its checks). Unknown keys,
// unknown check ids and duplicate entries are errors. Thread-safe once built (const use only).
#ifndef SFH_HARNESS_RUNNER_BASELINE_H_
#define SFH_HARNESS_RUNNER_BASELINE_H_

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "harness/runner/result.h"

namespace sfh::harness {

inline constexpr char kBaselineSchema[] = "sfharness-baseline/1";

class Baseline {
 public:
  Baseline() = default;
  explicit Baseline(std::vector<ExpectedFailure> entries) : entries_(std::move(entries)) {}

  // Reads the document in `text`; `name` (the file) starts every error, which also gives the
  // JSON pointer of the offending value.
  [[nodiscard]] static std::expected<Baseline, std::string> Parse(std::string_view text,
                                                                  std::string_view name);
  [[nodiscard]] static std::expected<Baseline, std::string> Load(const std::filesystem::path& file);

  const std::vector<ExpectedFailure>& entries() const { return entries_; }

  // Marks what this baseline expects in a FAILED `result`: each FAILED check it lists (or every
  // FAILED check, for a whole-scenario entry) gets expected_failure and the reason, and the
  // scenario gets expected_failure when all its failures are expected. Other results are left
  // as they are.
  void Apply(ScenarioResult& result) const;

  // The entries, in file order, for scenarios in `scenarios` that were judged (PASSED or FAILED)
  // and did not fail as listed: the check did not FAIL, or the whole scenario did not. Entries
  // for scenarios not among them (filtered or sharded out) or that could not be judged (ERROR,
  // SKIPPED) are not stale.
  std::vector<ExpectedFailure> Stale(const std::vector<ScenarioResult>& scenarios) const;

 private:
  const ExpectedFailure* Find(const std::string& scenario, const std::string& check) const;

  std::vector<ExpectedFailure> entries_;
};

// The failures of `run` as baseline entries, sorted by scenario then check (--write-baseline):
// each FAILED check of a FAILED scenario, or a whole-scenario entry for a FAILED scenario with
// no failed check. With `previous`, its reasons are kept, a whole-scenario entry of a scenario
// that still fails stays whole, and its entries for scenarios `run` did not judge are kept.
// New entries get the reason kWriteBaselineReason.
inline constexpr char kWriteBaselineReason[] = "recorded by --write-baseline: say why it fails";
std::vector<ExpectedFailure> FailuresAsBaseline(const RunResult& run, const Baseline* previous);

// `entries` as a baseline document: 2-space indent, a trailing newline, "check" left out of
// whole-scenario entries.
std::string BaselineJson(const std::vector<ExpectedFailure>& entries);

// Writes BaselineJson(entries) to `file` through a temporary file beside it, renamed into place.
[[nodiscard]] std::expected<void, std::string> WriteBaseline(
    const std::filesystem::path& file, const std::vector<ExpectedFailure>& entries);

}  // namespace sfh::harness

#endif  // SFH_HARNESS_RUNNER_BASELINE_H_
