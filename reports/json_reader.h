// Reads a report.json (schema "sfharness-report/1", reports/REPORT_JSON.md) back into the result
// model, for `sfharness merge`: what ReportJson writes, ReadReportJson reads to an equal
// RunResult (times to the whole second, as written).
//
// Strict on what it needs: another schema, a missing field or a field of the wrong type is an
// error naming the JSON pointer. Fields added to /1 after a report was written (shard,
// stale_expected_failures, attempts, flaky, expected_failure...) take their defaults when
// absent; keys it does not know are ignored (adding a field does not bump the schema). Counts
// in "summary" are not read: they follow from the scenarios. Never throws (other than
// std::bad_alloc); thread-safe.
#ifndef SFH_REPORTS_JSON_READER_H_
#define SFH_REPORTS_JSON_READER_H_

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "harness/runner/result.h"

namespace sfh::reports {

// Errors read "<pointer>: <what>", e.g. "/scenarios/2/status: expected one of PASSED, ...".
[[nodiscard]] std::expected<harness::RunResult, std::string> ReadReportJson(std::string_view text);

// The report in `path`: a report.json file, or a directory holding one. Errors start with the
// file's path.
[[nodiscard]] std::expected<harness::RunResult, std::string> ReadReportFile(
    const std::filesystem::path& path);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_JSON_READER_H_
