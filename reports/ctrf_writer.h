// The run as CTRF, the Common Test Report Format (https://ctrf.io): specVersion "0.0.0", the
// schema published as ctrf-schema-0.0.json in the `ctrf` npm package (ctrf-io's reference
// implementation), against which reports/validate_reports.py checks it.
//
// Tests have junit.xml's granularity and names, so the two reports count the same things:
//   one test per scenario × check, named "<scenario id> <check id>", suite [<scenario id>],
//   filePath the scenario file, rawStatus the check's status, status:
//     PASSED  -> "passed"
//     FAILED  -> "failed", message: the check's message, trace: its evidence lines
//     WARNING -> "passed" (as in junit.xml, a warning does not fail CI), message and trace kept
//     SKIPPED -> "skipped", message: why
//   a scenario in ERROR: one more test "<scenario id> setup", status "other" (CTRF has no
//     "error"; "failed" would blame the client for a harness or setup fault), rawStatus "ERROR",
//     message "harness error, not a client failure: <error>";
//   a SKIPPED scenario: one test "<scenario id> scenario", "skipped", message the reason;
//   a FAILED scenario none of whose checks failed: one test "<scenario id> scenario", "failed".
// As in junit.xml, a failure the expected-failures baseline lists is "skipped" (rawStatus
// FAILED, extra.expectedFailure, message "expected failure (baseline): <reason>; ..."), a
// scenario expected to fail with no failed check to carry it gets a skipped "scenario" test, and
// each stale baseline entry is a failed test "baseline <scenario id>[ <check id>]" (rawStatus
// STALE, suite ["baseline"]). A scenario run again (--reruns) gives its tests retries
// (attempts - 1), and flaky: true to each check that failed in an earlier attempt and passes now.
// Every test's extra holds scenarioId, scenarioStatus and, for checks, checkId, description
// (verbatim), reference and severity ("failure"/"warning"). Durations are 0: checks judge the
// finished run; the scenario's time is in report.json.
//
// summary: the counts of those tests (pending is always 0; flaky counts flaky tests), suites
// (scenarios, plus "baseline" when it has tests), start/stop/duration in milliseconds (Unix
// epoch), extra.scenarios (the scenario counts as in report.json), extra.warnings and
// extra.stale_expected_failures. results.tool is {name "sfharness", version "0.1.0"} from
// RunResult::tool_version; environment.appName is the client label; timestamp is when the run
// ended. Keys in a stable order, 2-space indent, a final newline, bytes that are not valid
// UTF-8 written as U+FFFD. Everything in it is already redacted.
#ifndef SFH_REPORTS_CTRF_WRITER_H_
#define SFH_REPORTS_CTRF_WRITER_H_

#include <string>

#include "harness/runner/result.h"

namespace sfh::reports {

inline constexpr char kCtrfSpecVersion[] = "0.0.0";

// The whole document. Never throws for any content of `run` (other than std::bad_alloc).
std::string CtrfJson(const harness::RunResult& run);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_CTRF_WRITER_H_
