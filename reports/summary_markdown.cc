#include "reports/summary_markdown.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "reports/report_text.h"

namespace sfh::reports {
namespace {

using harness::CheckResult;
using harness::CheckStatus;
using harness::ScenarioResult;
using harness::ScenarioStatus;

constexpr size_t kMaxMessageBytes = 600;
constexpr size_t kMaxLineBytes = 300;
// Kept free for the cut note, so that it always fits.
constexpr size_t kNoteReserve = 400;

// `text` cut to at most `max` bytes on a UTF-8 boundary, "…" added when cut.
std::string Cut(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

std::string OneLine(std::string_view text) {
  std::string out = XmlSafe(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

// The longest run of backticks in `text`.
size_t LongestBacktickRun(std::string_view text) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// A code span showing `text` literally. In a table cell a pipe ends the cell even inside a code
// span unless escaped (GFM's tables extension), and GitHub then shows it without the backslash.
std::string Code(std::string_view text, bool in_table = false) {
  std::string body = OneLine(text);
  if (body.empty()) return "";
  const std::string fence(LongestBacktickRun(body) + 1, '`');
  if (body.front() == '`' || body.back() == '`') body = " " + body + " ";
  if (in_table) {
    std::string escaped;
    for (char c : body) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
    body = std::move(escaped);
  }
  return fence + body + fence;
}

// A fenced code block holding `lines` literally.
std::string CodeBlock(const std::vector<std::string>& lines) {
  std::string content;
  for (const auto& line : lines) content += XmlSafe(line) + "\n";
  const std::string fence(std::max<size_t>(3, LongestBacktickRun(content) + 1), '`');
  return fence + "text\n" + content + fence + "\n";
}

std::string_view StatusLabel(const ScenarioResult& scenario) {
  switch (scenario.status) {
    case ScenarioStatus::kPassed:
      return scenario.flaky ? "🔁 PASSED (flaky)" : "✅ PASSED";
    case ScenarioStatus::kFailed:
      return scenario.expected_failure ? "☑️ FAILED (expected)" : "❌ FAILED";
    case ScenarioStatus::kError:
      return "⛔ ERROR";
    case ScenarioStatus::kSkipped:
      return "⏭️ SKIPPED";
  }
  return "?";
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string CheckCounts(const ScenarioResult& scenario) {
  std::string out;
  for (CheckStatus status :
       {CheckStatus::kPassed, CheckStatus::kFailed, CheckStatus::kWarning, CheckStatus::kSkipped}) {
    const auto n = std::count_if(scenario.checks.begin(), scenario.checks.end(),
                                 [&](const CheckResult& c) { return c.status == status; });
    if (n == 0) continue;
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, Lower(harness::ToString(status)));
  }
  return out.empty() ? "none" : out;
}

std::string Headline(const harness::RunResult& run) {
  std::string line = fmt::format(
      "### {} sfharness: {} passed, {} failed, {} error, {} skipped of {} scenarios · checks: {} "
      "passed, {} failed, {} warning, {} skipped",
      run.AllPassed() ? "✅" : "❌", run.CountScenarios(ScenarioStatus::kPassed),
      run.CountScenarios(ScenarioStatus::kFailed), run.CountScenarios(ScenarioStatus::kError),
      run.CountScenarios(ScenarioStatus::kSkipped), run.scenarios.size(),
      run.CountChecks(CheckStatus::kPassed), run.CountChecks(CheckStatus::kFailed),
      run.CountChecks(CheckStatus::kWarning), run.CountChecks(CheckStatus::kSkipped));
  // The baseline's and the reruns' counts, only when there are any.
  std::string extra;
  const auto add = [&](size_t n, std::string_view what) {
    if (n > 0) extra += fmt::format("{}{} {}", extra.empty() ? "" : ", ", n, what);
  };
  add(run.CountExpectedFailures(), "expected failure(s)");
  add(run.CountFlaky(), "flaky");
  add(run.stale_expected_failures.size(), "stale baseline entry(ies)");
  return line + (extra.empty() ? "" : " · " + extra) + "\n";
}

std::string TableRow(const ScenarioResult& s) {
  const bool warned = std::any_of(s.checks.begin(), s.checks.end(), [](const CheckResult& c) {
    return c.status == CheckStatus::kWarning;
  });
  return fmt::format("| {}{} | {} | {} | {} | {} |\n", StatusLabel(s), warned ? " ⚠️" : "",
                     Code(s.id, /*in_table=*/true), MarkdownText(Cut(s.title, kMaxLineBytes)),
                     CheckCounts(s), Seconds(s.elapsed, 2));
}

// A reference that is one URL becomes an autolink ("<https://...>", whose text Markdown takes
// literally); anything else is text.
std::string Reference(std::string_view reference) {
  const bool url = (reference.starts_with("https://") || reference.starts_with("http://")) &&
                   reference.size() <= kMaxLineBytes &&
                   std::none_of(reference.begin(), reference.end(), [](char c) {
                     return c == '<' || c == '>' || static_cast<unsigned char>(c) <= ' ' ||
                            static_cast<unsigned char>(c) >= 0x7F;
                   });
  return url ? "<" + std::string(reference) + ">" : MarkdownText(Cut(reference, kMaxLineBytes));
}

std::string FailedCheck(const ScenarioResult& s, const CheckResult& check) {
  std::string block = fmt::format("\n**❌ {} · {}**: {}\n", Code(s.id), Code(check.id),
                                  MarkdownText(Cut(check.description, kMaxLineBytes)));
  if (!check.message.empty()) {
    block += "\n" + MarkdownText(Cut(check.message, kMaxMessageBytes)) + "\n";
  }
  if (!check.evidence.empty()) {
    std::vector<std::string> lines;
    for (size_t i = 0; i < check.evidence.size() && i < kSummaryEvidenceLines; ++i) {
      lines.push_back(Cut(EvidenceLine(check.evidence[i]), kMaxLineBytes));
    }
    if (check.evidence.size() > kSummaryEvidenceLines) {
      lines.push_back(
          fmt::format("… {} more in report.html", check.evidence.size() - kSummaryEvidenceLines));
    }
    block += "\n" + CodeBlock(lines);
  }
  if (!check.reference.empty()) {
    block += "\nReference: " + Reference(check.reference) + "\n";
  }
  return block;
}

std::string Reason(const std::string& reason) {
  return reason.empty() ? "no reason given" : MarkdownText(Cut(reason, kMaxMessageBytes));
}

// "- `id`: passed on attempt 3 of 3; before: FAILED (EnsureX, EnsureY), ERROR"
std::string FlakyItem(const ScenarioResult& s) {
  std::string before;
  for (const auto& attempt : s.previous_attempts) {
    if (!before.empty()) before += ", ";
    before += harness::ToString(attempt.status);
    std::string ids;
    for (const auto& id : attempt.failed_checks) ids += (ids.empty() ? "" : ", ") + Code(id);
    if (!ids.empty()) before += " (" + ids + ")";
  }
  return fmt::format("- 🔁 {}: passed on attempt {} of {}{}\n", Code(s.id), s.attempts, s.attempts,
                     before.empty() ? "" : "; before: " + before);
}

// Adds blocks while they fit in a budget; the first that does not fit ends the text.
class Budget {
 public:
  explicit Budget(size_t max_bytes) : max_(max_bytes) {}
  // Appends `block` (one item: a table row, a failed check, ...) when it fits with room left
  // for the cut note; once one did not fit, only counts this and every later block.
  void Add(const std::string& block) {
    if (!cut_ && text_.size() + block.size() + kNoteReserve > max_) cut_ = true;
    if (cut_) {
      ++left_out_;
      return;
    }
    text_ += block;
  }
  bool cut() const { return cut_; }
  std::string Finish() {
    if (cut_) {
      text_ += fmt::format(
          "\n_Summary cut here to fit a pull-request comment: {} more item{} not shown. "
          "report.html and report.json hold the whole run._\n",
          left_out_, left_out_ == 1 ? "" : "s");
    }
    return std::move(text_);
  }
  std::string& text() { return text_; }

 private:
  size_t max_;
  std::string text_;
  bool cut_ = false;
  size_t left_out_ = 0;
};

// A section: its heading goes with its first item, so that no heading is left without one.
void AddSection(Budget& budget, const std::string& heading, const std::vector<std::string>& items) {
  for (size_t i = 0; i < items.size(); ++i) budget.Add((i == 0 ? heading : "") + items[i]);
}

}  // namespace

std::string MarkdownText(std::string_view text) {
  std::string line = OneLine(text);
  const size_t first = line.find_first_not_of(' ');
  const size_t last = line.find_last_not_of(' ');
  line = first == std::string::npos ? "" : line.substr(first, last - first + 1);
  std::string out;
  out.reserve(line.size() + 8);
  // Backslash-escaped ASCII punctuation is shown literally (CommonMark 2.4): emphasis, code,
  // links, HTML and entities, tables, strikethrough, headings, and GitHub's $math$.
  constexpr std::string_view kSpecial = "\\`*_[]<>|~&#$";
  for (char c : line) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  // What would start a block at the beginning of a line: a list item, a setext underline, an
  // ordered list item ("1." or "1)").
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) return "\\" + out;
  const size_t digits = out.find_first_not_of("0123456789");
  if (digits > 0 && digits != std::string::npos && (out[digits] == '.' || out[digits] == ')')) {
    out.insert(digits, "\\");
  }
  return out;
}

std::string SummaryMarkdown(const harness::RunResult& run, size_t max_bytes) {
  Budget budget(max_bytes);
  // The headline and the run's line always appear, whatever the budget.
  budget.text() = Headline(run);
  budget.text() +=
      fmt::format("\nClient {} · {} · started {} · {} s\n", Code(run.client),
                  MarkdownText(run.tool_version), IsoUtc(run.started_at), Seconds(run.elapsed));

  if (!run.scenarios.empty()) {
    std::string header =
        "\n| Status | Scenario | Title | Checks | Time (s) |\n|---|---|---|---|---|\n";
    for (size_t i = 0; i < run.scenarios.size(); ++i) {
      budget.Add((i == 0 ? header : "") + TableRow(run.scenarios[i]));
    }
  }

  std::vector<std::string> failed, errors, stale, expected, flaky, warned;
  for (const auto& s : run.scenarios) {
    if (s.status == ScenarioStatus::kError) {
      errors.push_back(
          fmt::format("- {}: {}\n", Code(s.id), MarkdownText(Cut(s.error, kMaxMessageBytes))));
    }
    bool check_carries_expected = false;
    for (const auto& c : s.checks) {
      if (c.status == CheckStatus::kFailed && !c.expected_failure)
        failed.push_back(FailedCheck(s, c));
      if (c.status == CheckStatus::kFailed && c.expected_failure) {
        check_carries_expected = true;
        expected.push_back(fmt::format("- {} · {}: {}\n", Code(s.id), Code(c.id),
                                       Reason(c.expected_failure_reason)));
      }
      if (c.status == CheckStatus::kWarning) {
        std::string item = fmt::format("- ⚠️ {} · {}: {}", Code(s.id), Code(c.id),
                                       MarkdownText(Cut(c.description, kMaxLineBytes)));
        if (!c.message.empty()) item += ": " + MarkdownText(Cut(c.message, kMaxMessageBytes));
        warned.push_back(item + "\n");
      }
    }
    if (s.status == ScenarioStatus::kFailed && s.expected_failure && !check_carries_expected) {
      expected.push_back(fmt::format("- {}: {}\n", Code(s.id), Reason(s.expected_failure_reason)));
    }
    if (s.flaky) flaky.push_back(FlakyItem(s));
  }
  for (const auto& entry : run.stale_expected_failures) {
    stale.push_back(fmt::format("- {}{}: {}\n", Code(entry.scenario),
                                entry.check.empty() ? "" : " · " + Code(entry.check),
                                Reason(entry.reason)));
  }

  AddSection(budget, fmt::format("\n#### Failed checks ({})\n", failed.size()), failed);
  AddSection(budget,
             fmt::format("\n#### Errors ({}): the harness could not run these scenarios; not "
                         "client failures\n\n",
                         errors.size()),
             errors);
  AddSection(budget,
             fmt::format("\n#### Stale expected failures ({}): the baseline expects these to "
                         "fail, but they did not; remove them from it\n\n",
                         stale.size()),
             stale);
  AddSection(budget,
             fmt::format("\n#### Expected failures ({}): listed in the baseline, not failing "
                         "the run\n\n",
                         expected.size()),
             expected);
  AddSection(budget,
             fmt::format("\n#### Flaky ({}): failed, then passed when run again\n\n", flaky.size()),
             flaky);
  AddSection(budget, fmt::format("\n#### Warnings ({})\n\n", warned.size()), warned);
  if (!budget.cut()) {
    // Fits: every block left kNoteReserve bytes free.
    budget.text() +=
        "\n_Transcripts and evidence: report.html; machine-readable: report.json, ctrf.json, "
        "junit.xml._\n";
  }
  return budget.Finish();
}

}  // namespace sfh::reports
