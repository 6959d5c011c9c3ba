#include "reports/summary_markdown.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// A run of `n` failed scenarios, each with one failed check carrying `evidence` lines.
harness::RunResult ManyFailures(size_t n, size_t evidence) {
  harness::RunResult run;
  run.tool_version = "sfharness 0.1.0";
  run.client = "clients/broken/x.sh";
  for (size_t i = 0; i < n; ++i) {
    harness::ScenarioResult s;
    s.id = "area/scenario-" + std::to_string(i);
    s.title = "A scenario";
    s.status = harness::ScenarioStatus::kFailed;
    harness::CheckResult check;
    check.id = "EnsureSomething";
    check.description = "Something holds";
    check.status = harness::CheckStatus::kFailed;
    check.message = std::string(400, 'm');
    for (size_t e = 0; e < evidence; ++e) check.evidence.push_back({e + 1, std::string(200, 'e')});
    s.checks.push_back(check);
    run.scenarios.push_back(s);
  }
  return run;
}

TEST(SummaryMarkdownTest, MatchesGolden) {
  testing::ExpectMatchesGolden(SummaryMarkdown(testing::FixtureRun()), "summary.golden.md");
}

TEST(SummaryMarkdownTest, HeadlineCountsAndSections) {
  const std::string md = SummaryMarkdown(testing::FixtureRun());
  EXPECT_THAT(md, StartsWith("### ❌ sfharness: 1 passed, 1 failed, 1 error, 1 skipped of 4 "
                             "scenarios · checks: 2 passed, 1 failed, 1 warning, 1 skipped\n"));
  EXPECT_THAT(md, HasSubstr("| ❌ FAILED | `security/secret-in-url` |"));
  EXPECT_THAT(md, HasSubstr("| ✅ PASSED ⚠️ | `happy/http` |"));
  EXPECT_THAT(md, HasSubstr("| ⛔ ERROR | `session/expires-mid-run` |"));
  EXPECT_THAT(md, HasSubstr("#### Failed checks (1)\n"));
  EXPECT_THAT(md, HasSubstr("**❌ `security/secret-in-url` · `EnsureNoSecretInUrl`**: The client "
                            "secret never appears in a URL\n"));
  EXPECT_THAT(md, HasSubstr("\nclient\\_secret was sent in the query string\n"));
  EXPECT_THAT(md, HasSubstr("```text\n#1 query parameter client_secret=[REDACTED] in "
                            "\"/services/oauth2/token?…\"\nthe secret reached the server's "
                            "access log\n```\n"));
  EXPECT_THAT(md, HasSubstr("#### Errors (1)"));
  EXPECT_THAT(md, HasSubstr("- `session/expires-mid-run`: the mock could not listen"));
  EXPECT_THAT(md,
              HasSubstr("#### Warnings (1)\n\n- ⚠️ `happy/http` · `EnsureHttpsUsed`: Every "
                        "request goes over HTTPS: 2 of 2 requests used plain HTTP\n"));
  // The warning is listed apart, not among the failed checks.
  EXPECT_LT(md.find("#### Failed checks"), md.find("#### Warnings"));
  EXPECT_EQ(md.find("EnsureHttpsUsed"), md.rfind("EnsureHttpsUsed"));
}

TEST(SummaryMarkdownTest, BaselineAndRerunsHaveTheirOwnSections) {
  harness::RunResult run = testing::FixtureRun();
  run.scenarios.resize(2);
  harness::ScenarioResult& failed = run.scenarios[1];  // security/secret-in-url
  failed.expected_failure = true;
  failed.checks[0].expected_failure = true;
  failed.checks[0].expected_failure_reason = "the library's | known bug";
  harness::ScenarioResult& happy = run.scenarios[0];
  happy.attempts = 3;
  happy.flaky = true;
  happy.previous_attempts = {{harness::ScenarioStatus::kFailed, {"EnsureTokenIsReused"}, {}},
                             {harness::ScenarioStatus::kError, {}, {}}};
  run.stale_expected_failures = {{"tls/legacy-instance", "", ""}};
  const std::string md = SummaryMarkdown(run);
  EXPECT_THAT(md, StartsWith("### ❌ sfharness: 1 passed, 1 failed, 0 error, 0 skipped of 2 "
                             "scenarios · checks: 2 passed, 1 failed, 1 warning, 1 skipped · 1 "
                             "expected failure(s), 1 flaky, 1 stale baseline entry(ies)\n"));
  EXPECT_THAT(md, HasSubstr("| 🔁 PASSED (flaky) ⚠️ | `happy/http` |"));
  EXPECT_THAT(md, HasSubstr("| ☑️ FAILED (expected) | `security/secret-in-url` |"));
  // An expected failure is not listed among the failed checks.
  EXPECT_THAT(md, Not(HasSubstr("#### Failed checks")));
  EXPECT_THAT(md, HasSubstr("#### Expected failures (1)"));
  EXPECT_THAT(md, HasSubstr("- `security/secret-in-url` · `EnsureNoSecretInUrl`: the library's "
                            "\\| known bug\n"));
  EXPECT_THAT(md, HasSubstr("#### Stale expected failures (1)"));
  EXPECT_THAT(md, HasSubstr("- `tls/legacy-instance`: no reason given\n"));
  EXPECT_THAT(md, HasSubstr("#### Flaky (1)"));
  EXPECT_THAT(md, HasSubstr("- 🔁 `happy/http`: passed on attempt 3 of 3; before: FAILED "
                            "(`EnsureTokenIsReused`), ERROR\n"));
}

TEST(SummaryMarkdownTest, AllPassedIsGreen) {
  harness::RunResult run = testing::FixtureRun();
  run.scenarios.resize(1);  // happy/http: passed, with a warning
  const std::string md = SummaryMarkdown(run);
  EXPECT_THAT(md, StartsWith("### ✅ sfharness: 1 passed, 0 failed, 0 error, 0 skipped of 1 "));
  EXPECT_THAT(md, Not(HasSubstr("Failed checks")));
  EXPECT_THAT(md, HasSubstr("#### Warnings (1)"));
}

TEST(SummaryMarkdownTest, EscapesMarkdownHtmlAndPipes) {
  EXPECT_EQ(MarkdownText("a|b *c* _d_ `e` <b>f</b> [g](h) ~i~ &amp; #j $k$ \\"),
            "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<b\\>f\\</b\\> \\[g\\](h) \\~i\\~ \\&amp; \\#j "
            "\\$k\\$ \\\\");
  EXPECT_EQ(MarkdownText("line one\nline two\r\n"), "line one line two");
  EXPECT_EQ(MarkdownText("- not a list"), "\\- not a list");
  EXPECT_EQ(MarkdownText("12. not a list"), "12\\. not a list");
  EXPECT_EQ(MarkdownText("= not a heading"), "\\= not a heading");
  EXPECT_EQ(MarkdownText("\x1b[31mred"), "\\\\x1b\\[31mred");
}

TEST(SummaryMarkdownTest, PipesInATableCellStayInTheCell) {
  harness::RunResult run;
  harness::ScenarioResult s;
  s.id = "odd|id`x";
  s.title = "Title | with pipe";
  run.scenarios.push_back(s);
  const std::string md = SummaryMarkdown(run);
  EXPECT_THAT(md, HasSubstr("| ✅ PASSED | ``odd\\|id`x`` | Title \\| with pipe | none | 0.00 |\n"));
}

TEST(SummaryMarkdownTest, EvidenceWithBackticksGetsALongerFence) {
  harness::RunResult run = ManyFailures(1, 1);
  run.scenarios[0].checks[0].evidence[0].note = "body ```` end";
  const std::string md = SummaryMarkdown(run);
  EXPECT_THAT(md, HasSubstr("\n`````text\n#1 body ```` end\n`````\n"));
}

TEST(SummaryMarkdownTest, ShowsTheFirstEvidenceLinesOnly) {
  const std::string md = SummaryMarkdown(ManyFailures(1, kSummaryEvidenceLines + 3));
  EXPECT_THAT(md, HasSubstr("#5 eeee"));
  EXPECT_THAT(md, Not(HasSubstr("#6 eeee")));
  EXPECT_THAT(md, HasSubstr("… 3 more in report.html\n"));
}

TEST(SummaryMarkdownTest, StaysWithinTheLimitAndSaysWhatWasCut) {
  const harness::RunResult run = ManyFailures(400, 8);
  const std::string md = SummaryMarkdown(run);
  EXPECT_LE(md.size(), kSummaryMaxBytes);
  EXPECT_GT(md.size(), kSummaryMaxBytes - 3000);  // it uses the room it has
  EXPECT_THAT(md, StartsWith("### ❌ sfharness: 0 passed, 400 failed"));
  EXPECT_THAT(md, HasSubstr("more items not shown"));
  EXPECT_THAT(md, Not(HasSubstr("machine-readable")));  // the footer gives way to the note

  // A small limit: the headline and the note only.
  const std::string tiny = SummaryMarkdown(run, 100);
  EXPECT_THAT(tiny, StartsWith("### ❌"));
  EXPECT_THAT(tiny, HasSubstr("800 more items not shown"));  // 400 rows and 400 checks
  EXPECT_THAT(tiny, Not(HasSubstr("| Status |")));
}

TEST(SummaryMarkdownTest, AReferenceThatIsAUrlIsALink) {
  harness::RunResult run = ManyFailures(1, 0);
  run.scenarios[0].checks[0].reference = "https://help.salesforce.com/s/articleView?id=a_b&type=5";
  EXPECT_THAT(
      SummaryMarkdown(run),
      HasSubstr("\nReference: <https://help.salesforce.com/s/articleView?id=a_b&type=5>\n"));
  run.scenarios[0].checks[0].reference = "RFC 6749 section 2.3.1 <client_secret>";
  EXPECT_THAT(SummaryMarkdown(run),
              HasSubstr("\nReference: RFC 6749 section 2.3.1 \\<client\\_secret\\>\n"));
}

TEST(SummaryMarkdownTest, CutsOnACharacterBoundary) {
  harness::RunResult run = ManyFailures(1, 0);
  run.scenarios[0].checks[0].message = std::string(599, 'a') + "é and more";
  const std::string md = SummaryMarkdown(run);
  EXPECT_THAT(md, HasSubstr(std::string(599, 'a') + "…\n"));
}

}  // namespace
}  // namespace sfh::reports
