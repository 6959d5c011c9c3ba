// How a drift report is shown: text for a terminal, JSON for scripts (`sfharness-drift/1`,
// documented in docs/DRIFT.md), Markdown to paste into an issue. Everything in a DriftReport is
// already redacted; these only arrange it.
#ifndef SFH_HARNESS_DRIFT_DRIFT_OUTPUT_H_
#define SFH_HARNESS_DRIFT_DRIFT_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness/drift/drift.h"

namespace sfh::harness::drift {

// "no_drift", "drift", "stopped", "unreachable" or "mock_error".
std::string_view ResultOf(const DriftReport& report);

// Both sides, then one line per probe ("token       DIFFERS"), each difference under it as
// "path: live <x>, mock <y>", then the verdict.
std::string FormatText(const DriftReport& report);

// {"format": "sfharness-drift/1", "domain", "live", "mock", "result", "exit_code", "unreachable",
//  "mock_error", "stopped", "probes": [{"id", "title", "verdict", "reason", "live", "mock",
//  "differences": [{"path", "live", "mock"}], "facts"}]}.
nlohmann::ordered_json ToJson(const DriftReport& report);
// ToJson as `sfharness drift --format json` prints it, indented with 2 spaces; bytes of the
// answers that are not valid UTF-8 are written as U+FFFD, so the output is always valid JSON.
std::string FormatJson(const DriftReport& report);

// A heading, both sides, a table of the probes, the differences per probe, and the facts of
// salesforce-wire.md each compared probe confirms or contradicts.
std::string FormatMarkdown(const DriftReport& report);

}  // namespace sfh::harness::drift

#endif  // SFH_HARNESS_DRIFT_DRIFT_OUTPUT_H_
