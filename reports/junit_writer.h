// The run as JUnit XML, the convention that Jenkins, GitLab and GitHub test reporters read.
//
// Shape:
//   <testsuites name="sfharness" tests failures errors skipped time timestamp>
//     <testsuite name="<scenario id>" tests failures errors skipped time timestamp>
//       <properties> scenario.file, scenario.title, target, client.exit_code,
//                    client.timed_out </properties>
//       <testcase classname="<scenario id, '/' -> '.'>" name="<check id>" time="0">
//         FAILED check:  <failure message="<message>" type="<check id>">description, message
//                        and evidence lines ("#<exchange> <note>")</failure>
//         SKIPPED check: <skipped message="<message>"/>
//         WARNING check: passes; <system-out>WARNING: ...</system-out> (CI does not fail)
//       A scenario in ERROR gets one more testcase "setup" with <error message="<error>">; a
//       SKIPPED scenario one testcase "scenario" with <skipped message="<reason>">; a FAILED
//       scenario none of whose checks failed (should not happen) one testcase "scenario" with a
//       <failure>, so that CI never passes a failed scenario.
//       <system-out>/<system-err>: the client's stdout and stderr, when not empty.
//
// Counts (tests, failures, errors, skipped) are those of the testcase elements written, per
// suite and in total. Times are seconds with 3 decimals; timestamps are ISO 8601 in UTC, whole
// seconds and without zone designator ("2026-11-28T18:30:00"), JUnit's classic form. Text that
// XML cannot hold is made safe with XmlSafe (report_text.h); escaping is pugixml's.
#ifndef SFH_REPORTS_JUNIT_WRITER_H_
#define SFH_REPORTS_JUNIT_WRITER_H_

#include <string>

#include "harness/runner/result.h"

namespace sfh::reports {

// The whole document, UTF-8, with an XML declaration, indented with 2 spaces.
std::string JunitXml(const harness::RunResult& run);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_JUNIT_WRITER_H_
