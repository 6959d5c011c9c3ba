// The run as JUnit XML, the convention that Jenkins, GitLab and GitHub test reporters read, valid
// against the common JUnit schema (jenkins-junit.xsd, which JUnit 5's own tests use; checked by
// reports/validate_reports.py).
//
// Shape:
//   <testsuites name="sfharness" tests failures errors time>
//     <testsuite name="<scenario id>" tests failures errors skipped time timestamp>
//       <properties> scenario.file, scenario.title, target, client.exit_code,
//                    client.timed_out, and per check check.<id>.reference and
//                    check.<id>.severity ("failure"/"warning") </properties>
//       <testcase classname="<scenario id, '/' -> '.'>" name="<check id>" time="0">
//         FAILED check:  <failure message="<message>" type="<check id>">description, message
//                        and evidence lines ("#<exchange> <note>")</failure>
//         SKIPPED check: <skipped>why</skipped>
//         WARNING check: passes; <system-out>WARNING: ...</system-out> (CI does not fail)
//       A scenario in ERROR gets one more testcase "setup" with <error message="<error>"
//       type="HarnessError">, saying it is not the client's failure: a harness or setup fault is
//       never a <failure>. A SKIPPED scenario gets one testcase "scenario" with <skipped>reason;
//       a FAILED scenario none of whose checks failed (should not happen) one testcase
//       "scenario" with a <failure>, so that CI never passes a failed scenario.
//       <system-out>/<system-err>: the client's stdout and stderr, when not empty.
//       Expected failures (--baseline): a FAILED check the baseline lists is not a <failure>
//       but <skipped>expected failure: <reason></skipped> plus <system-out>EXPECTED FAILURE:
//       details; a scenario expected to fail as a whole with no failed check gets a testcase
//       "scenario" with that <skipped>; properties scenario.expected_failure and
//       scenario.expected_failure_reason. Reruns (--reruns), when the scenario ran more than
//       once: properties scenario.attempts, scenario.flaky ("true": it passed on a rerun, and its
//       testcases pass) and scenario.attempt.<n> ("FAILED <failed check ids>") per earlier try.
//     A last testsuite "baseline", only when baseline entries are stale, with a testcase
//     "<scenario> <check>" (classname "baseline") per entry and a <failure
//     type="StaleExpectedFailure">: it fails the run as it failed `sfharness run`.
//
// Test names are stable and unique: classname + name, where a classname that two scenario ids
// would share ("a/b", "a.b") gets "-2", "-3", ... in run order. Counts (tests, failures, errors,
// skipped) are those of the testcase elements written, per suite and in total (the schema has no
// `skipped` or `timestamp` on <testsuites>). Times are seconds with 3 decimals; timestamps are
// ISO 8601 in UTC, whole seconds and without zone designator ("2026-11-28T18:30:00"), JUnit's
// classic form. Text that XML cannot hold is made safe with XmlSafe (report_text.h); escaping is
// pugixml's.
#ifndef SFH_REPORTS_JUNIT_WRITER_H_
#define SFH_REPORTS_JUNIT_WRITER_H_

#include <string>

#include "harness/runner/result.h"

namespace sfh::reports {

// The whole document, UTF-8, with an XML declaration, indented with 2 spaces.
std::string JunitXml(const harness::RunResult& run);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_JUNIT_WRITER_H_
