// The run as a short Markdown summary for a pull-request comment (GitHub-flavoured Markdown):
//
//   ### ❌ sfharness: 1 passed, 1 failed, 1 error, 1 skipped of 4 scenarios · checks: ...
//   Client `...` · sfharness 0.1.0 · started 2026-11-28T18:30:00Z · 1.750 s
//   | Status | Scenario | Title | Checks | Time (s) |      one row per scenario
//   #### Failed checks (n)     per failed check: scenario, check id, description verbatim,
//                              message, the first kSummaryEvidenceLines evidence lines in a code
//                              block, reference
//   #### Errors (n)            ERROR scenarios: the harness could not run them (not the client)
//   #### Stale expected failures (n)   baseline entries that did not fail (they fail the run)
//   #### Expected failures (n)         failures the baseline lists, with its reasons (not above)
//   #### Flaky (n)             scenarios that passed on a rerun, with the earlier attempts
//   #### Warnings (n)          WARNING checks: scenario, check id, description, message
//
// Empty sections are left out; the headline adds the baseline's and reruns' counts when any.
// ✅ when RunResult::AllPassed(), ❌ otherwise. Text from the result is shown literally: Markdown
// and HTML characters are backslash-escaped (pipes too, also inside code spans in table cells),
// line breaks in one-line places become spaces, control characters and invalid UTF-8 are made
// visible as in the other reports (XmlSafe); evidence goes in code blocks whose fence is longer
// than any backtick run inside. Long messages and evidence lines are cut (with "…").
//
// The whole text is at most `max_bytes` (GitHub caps a comment at 65,536 characters): sections
// are added block by block (one table row, one failed check) while they fit, and the first
// block that does not fit ends the summary with a note saying how many items were left out and
// where the full report is. Everything in the result is already redacted.
#ifndef SFH_REPORTS_SUMMARY_MARKDOWN_H_
#define SFH_REPORTS_SUMMARY_MARKDOWN_H_

#include <cstddef>
#include <string>

#include "harness/runner/result.h"

namespace sfh::reports {

// Below GitHub's 65,536-character cap on a comment, with room for a bot's own header.
inline constexpr size_t kSummaryMaxBytes = 60'000;
// Evidence lines shown per failed check; the rest are counted.
inline constexpr size_t kSummaryEvidenceLines = 5;

// The whole summary, UTF-8, ending in a newline. `max_bytes` below ~1,000 still yields the
// headline and the cut note, and may exceed `max_bytes` by them.
std::string SummaryMarkdown(const harness::RunResult& run, size_t max_bytes = kSummaryMaxBytes);

// `text` for a Markdown paragraph or table cell: one line, shown literally (see above). Exposed
// for tests.
std::string MarkdownText(std::string_view text);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_SUMMARY_MARKDOWN_H_
