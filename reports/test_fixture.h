// Test-only: a hand-built RunResult with fixed times that exercises every branch of the report
// writers, and golden-file comparison. Used by the reports' tests only.
#ifndef SFH_REPORTS_TEST_FIXTURE_H_
#define SFH_REPORTS_TEST_FIXTURE_H_

#include <string>

#include "harness/runner/result.h"

namespace sfh::reports::testing {

// Four scenarios, started 2026-11-28T18:30:00Z:
//   happy/http              PASSED, with a WARNING check (two exchanges)
//   security/secret-in-url  FAILED: a failed check with evidence, a SKIPPED check, a transcript
//                           with <, &, ", non-ASCII text, a control character and a wire fault
//   session/expires-mid-run ERROR, no checks, the client did not start
//   tls/legacy-instance     SKIPPED
harness::RunResult FixtureRun();

// FixtureRun with the expected-failures baseline's and the reruns' outcomes: security/secret-in-url
// FAILED as expected (its failed check listed), odd/expected (added) FAILED as expected as a
// whole, one stale baseline entry, and happy/http PASSED on its second attempt (flaky) after
// EnsureTokenRequestIsPost failed in the first.
harness::RunResult FixtureRunWithBaselineAndReruns();

// Compares `actual` with the file `name` in SFH_REPORTS_TESTDATA_DIR (a gtest failure when they
// differ or the file is missing). With SFH_UPDATE_GOLDEN=1 in the environment, writes `actual`
// to that file instead and passes.
void ExpectMatchesGolden(const std::string& actual, const std::string& name);

}  // namespace sfh::reports::testing

#endif  // SFH_REPORTS_TEST_FIXTURE_H_
