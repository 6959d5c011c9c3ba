// Small text helpers shared by the report writers: times, durations and text made safe for XML.
// Pure functions; thread-safe.
#ifndef SFH_REPORTS_REPORT_TEXT_H_
#define SFH_REPORTS_REPORT_TEXT_H_

#include <chrono>
#include <string>
#include <string_view>

#include "harness/runner/result.h"

namespace sfh::reports {

// `time` in ISO 8601, UTC, whole seconds: "2026-11-28T18:30:00Z", or without the trailing "Z"
// when `zulu` is false (the classic JUnit form, which its XSD types as xs:dateTime without zone).
std::string IsoUtc(std::chrono::system_clock::time_point time, bool zulu = true);

// `elapsed` in seconds with exactly `decimals` decimals (1 to 3), computed exactly from the
// milliseconds: 1234 ms -> "1.234" (3) or "1.23" (2). Negative durations print as zero.
std::string Seconds(std::chrono::milliseconds elapsed, int decimals = 3);

// `text` made storable in XML 1.0 and HTML: bytes that are not valid UTF-8 become U+FFFD, and
// characters XML forbids (C0 controls other than tab, newline and carriage return, U+FFFE,
// U+FFFF) are shown as "\xNN" (controls) or U+FFFD. Everything else is kept byte for byte;
// escaping of <, & and quotes is left to the XML library. The console uses it too, so that text
// quoted from a client cannot send escape sequences to the terminal.
std::string XmlSafe(std::string_view text);

// One evidence line as every report prints it: "#3 note", or just the note when it names no
// exchange (exchange 0).
std::string EvidenceLine(const harness::Evidence& evidence);

// How the client ended, for people: "exited with code 0", "killed by signal 9", "timed out
// (killed by signal 9)", "did not start".
std::string ClientOutcome(const harness::ClientRun& client);

// True when the client did not end normally with exit code 0.
bool ClientFailed(const harness::ClientRun& client);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_REPORT_TEXT_H_
