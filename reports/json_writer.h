// The run as JSON, schema "sfharness-report/1" (documented in reports/REPORT_JSON.md): every
// field of the result model, keys in a stable order, pretty printed with 2 spaces and ending in
// a newline. Times are ISO 8601 UTC ("2026-11-28T18:30:00Z"); durations are integers
// (elapsed_ms, elapsed_us). Status strings are harness::ToString's. Bytes that are not valid
// UTF-8 are written as U+FFFD; nothing else is altered.
#ifndef SFH_REPORTS_JSON_WRITER_H_
#define SFH_REPORTS_JSON_WRITER_H_

#include <nlohmann/json.hpp>
#include <string>

#include "harness/runner/result.h"

namespace sfh::reports {

inline constexpr char kReportJsonSchema[] = "sfharness-report/1";

// The whole document. Never throws for any content of `run` (other than std::bad_alloc).
std::string ReportJson(const harness::RunResult& run);

// summary.scenarios: {total, passed, failed, error, skipped, expected_failures, flaky}.
nlohmann::ordered_json ScenarioCounts(const harness::RunResult& run);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_JSON_WRITER_H_
