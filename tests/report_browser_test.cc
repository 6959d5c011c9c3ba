// report.html in a real browser. sfharness runs a deliberately broken client (it logs the access
// token it was granted, failing EnsureNoSecretInClientOutput) on a scenario with credentials the
// test knows; headless Chromium then loads the report from disk. The rendered DOM must show the
// failing scenario open with the failing check's id, its explanation and message, and the
// scenario's transcript, redacted: neither the client secret nor the token appears in full.
// The page must be self-contained: nothing in it is fetched from elsewhere. A screenshot is kept
// as an artifact (artifacts/report.png beside this test).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "harness/checks/registry.h"
#include "harness/clients/process.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kClientId[] = "3MVG9report.browser.test.client";
constexpr char kClientSecret[] = "report-browser-test-secret-8c2e41";
constexpr char kScenarioId[] = "report/token-in-client-output";
constexpr char kFailingCheck[] = "EnsureNoSecretInClientOutput";

// The markup of the element whose start tag holds `id="<id>"`, up to the matching `close` tag
// that ends the section (sections do not nest in report.html).
std::string Section(const std::string& dom, const std::string& id) {
  const size_t at = dom.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const size_t open = dom.rfind('<', at);
  const size_t end = dom.find("</section>", at);
  return dom.substr(open, end == std::string::npos ? std::string::npos : end + 10 - open);
}

// The tokens the client printed on stderr ("token: <token>" lines of the curl client's log).
std::vector<std::string> PrintedTokens(const std::string& log) {
  static const std::regex kLine(R"(token: (00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+))");
  std::vector<std::string> tokens;
  for (std::sregex_iterator it(log.begin(), log.end(), kLine), end; it != end; ++it) {
    tokens.push_back((*it)[1]);
  }
  return tokens;
}

TEST(ReportBrowser, ShowsTheFailingCheckAndTheRedactedTranscriptSelfContained) {
  const std::string chromium = FindChromium();
  ASSERT_FALSE(chromium.empty())
      << "chromium is not installed: run scripts/install-deps (it installs Debian's chromium, "
         "which this test drives headless)";
  const auto* check = harness::FindCheck(kFailingCheck);
  ASSERT_NE(check, nullptr);

  TempDir temp("sfh-report-browser-test");
  const fs::path artifacts = fs::path(SFH_TEST_BINARY_DIR) / "artifacts";
  fs::create_directories(artifacts);
  const fs::path screenshot = artifacts / "report.png";
  fs::remove(screenshot);

  // The client's stderr goes to a file first, so the test learns the token in full, then to the
  // harness, which must redact it.
  const fs::path raw_log = temp.path() / "client-stderr.log";
  const std::string client = "clients/broken/prints-the-token.sh 2>'" + raw_log.string() +
                             "'; status=$?; cat '" + raw_log.string() + "' >&2; exit $status";
  const auto run = RunHarness(
      {"--scenarios",
       WriteScenarioWithCredentials(temp.path(), "happy/http", kScenarioId,
                                    "A client that logs its token", kClientId, kClientSecret)
           .string(),
       "--scenario-root", (fs::path(SFH_SOURCE_DIR) / "scenarios").string(), "--client", client},
      "report-browser");
  ASSERT_TRUE(run.process.started) << run.process.spawn_error;
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  ASSERT_TRUE(run.report.is_object()) << "no report.json: " << run.process.err;
  EXPECT_THAT(FailedChecks(run.report),
              ::testing::ElementsAre(std::string(kScenarioId) + " " + kFailingCheck));
  const std::vector<std::string> tokens = PrintedTokens(ReadFile(raw_log));
  ASSERT_FALSE(tokens.empty()) << "the client printed no token: " << ReadFile(raw_log);

  const fs::path page = run.out_dir / "report.html";
  ASSERT_TRUE(fs::is_regular_file(page));
  // The network off: a file page that needed anything from elsewhere would render without it.
  const auto dom_run =
      RunChromium(chromium, temp.path() / "profile-dom", {"--dump-dom"}, "file://" + page.string(),
                  std::chrono::seconds(3), ChromiumNetwork::kOff);
  const auto shot_run = RunChromium(
      chromium, temp.path() / "profile-shot",
      {"--screenshot=" + screenshot.string(), "--window-size=1280,1600", "--hide-scrollbars"},
      "file://" + page.string(), std::chrono::seconds(3), ChromiumNetwork::kOff);

  ASSERT_TRUE(dom_run.started) << dom_run.spawn_error;
  ASSERT_FALSE(dom_run.timed_out) << "chromium did not finish within 60 s: " << dom_run.err;
  ASSERT_EQ(dom_run.exit_code, 0) << dom_run.err;
  const std::string& dom = dom_run.out;
  std::ofstream(artifacts / "report-dom.html") << dom;
  ASSERT_THAT(dom, HasSubstr("<h1>sfharness report</h1>")) << dom.substr(0, 2000);

  // The failing scenario, open, with the check's id, explanation and message.
  const std::string section = Section(dom, "scenario-report-token-in-client-output");
  ASSERT_FALSE(section.empty()) << "no section for " << kScenarioId;
  EXPECT_THAT(section, HasSubstr("<details open="));
  EXPECT_THAT(section, HasSubstr("<span class=\"badge b-failed\">FAILED</span>"));
  EXPECT_THAT(section, HasSubstr("<code>" + std::string(kFailingCheck) + "</code>"));
  EXPECT_THAT(section, HasSubstr("<td>" + EscapeText(check->description) + "</td>"));
  const auto& scenario = run.report["scenarios"][0];
  for (const auto& c : scenario["checks"]) {
    if (c["id"] == kFailingCheck) {
      ASSERT_FALSE(c["message"].get<std::string>().empty());
      EXPECT_THAT(section, HasSubstr(EscapeText(c["message"].get<std::string>())));
    }
  }

  // Its transcript: the token request and the REST reads, with what was secret redacted.
  const size_t transcript = section.find("<h3>Transcript</h3>");
  ASSERT_NE(transcript, std::string::npos);
  const std::string exchanges = section.substr(transcript);
  EXPECT_THAT(exchanges, HasSubstr("<code>POST /services/oauth2/token</code>"));
  EXPECT_THAT(exchanges, HasSubstr("<code>GET /services/data/v"));
  EXPECT_THAT(exchanges, HasSubstr("client_secret=[REDACTED]"));
  EXPECT_THAT(exchanges, HasSubstr("Authorization: Bearer [REDACTED]"));
  size_t shown = 0;
  for (size_t at = exchanges.find("class=\"exchange\""); at != std::string::npos;
       at = exchanges.find("class=\"exchange\"", at + 1)) {
    ++shown;
  }
  EXPECT_GE(scenario["transcript"].size(), 4u);  // a token and three reads, at least
  EXPECT_EQ(shown, scenario["transcript"].size()) << "every exchange is on the page";

  // Nothing secret in full, anywhere on the page: not the secret, not any token the client had.
  EXPECT_THAT(dom, Not(HasSubstr(kClientSecret)));
  for (const std::string& token : tokens) {
    EXPECT_THAT(dom, Not(HasSubstr(token)));
    // The redactor keeps a token's first 15 characters (the org id); the rest is the secret.
    EXPECT_THAT(dom, Not(HasSubstr(token.substr(15)))) << "the secret part of a token shows";
  }
  // The client's own stderr is shown, with the token it printed redacted.
  EXPECT_THAT(section, HasSubstr("token: " + tokens.front().substr(0, 15)));

  // Self-contained: no script, no stylesheet or image to fetch, no URL in the CSS; links to
  // references are plain anchors, which the browser does not fetch.
  EXPECT_THAT(dom, Not(HasSubstr("<script")));
  EXPECT_THAT(dom, Not(HasSubstr("<link")));
  EXPECT_THAT(dom, Not(HasSubstr("<iframe")));
  EXPECT_THAT(dom, Not(HasSubstr("<img")));
  EXPECT_THAT(dom, Not(HasSubstr(" src=")));
  EXPECT_THAT(dom, Not(HasSubstr("url(")));
  EXPECT_THAT(dom, Not(HasSubstr("@import")));
  static const std::regex kHref(R"re(<(\w+)[^>]*\shref="(https?:[^"]*)")re");
  for (std::sregex_iterator it(dom.begin(), dom.end(), kHref), end; it != end; ++it) {
    EXPECT_EQ((*it)[1], "a") << "a <" << (*it)[1] << "> loads " << (*it)[2];
  }

  // The screenshot: a real PNG of some substance.
  ASSERT_TRUE(shot_run.started) << shot_run.spawn_error;
  EXPECT_FALSE(shot_run.timed_out) << shot_run.err;
  EXPECT_EQ(shot_run.exit_code, 0) << shot_run.err;
  ASSERT_TRUE(fs::exists(screenshot)) << "no screenshot at " << screenshot << ": " << shot_run.err;
  EXPECT_GT(fs::file_size(screenshot), 20'000u);
  EXPECT_EQ(ReadFile(screenshot).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  fs::remove_all(run.out_dir);
}

// The sequence diagram of a real run, as the browser parsed it: a client that asks for a new
// token before every call (failing EnsureTokenIsReused, whose evidence names the token requests
// by sequence number) on happy/http. The scenario's SVG sits above its transcript with one
// request and one return arrow per exchange, and the failed check marked on exactly the
// exchanges its evidence names.
TEST(ReportBrowser, DrawsTheScenarioAsASequenceDiagramMarkingTheFailedCheck) {
  const std::string chromium = FindChromium();
  ASSERT_FALSE(chromium.empty()) << "chromium is not installed: run scripts/install-deps";
  constexpr char kCheck[] = "EnsureTokenIsReused";
  TempDir temp("sfh-report-sequence-test");
  const auto run = RunHarness(
      {"--scenarios", "scenarios/happy/http.json", "--client", "clients/broken/token-per-call.sh"},
      "report-sequence");
  ASSERT_TRUE(run.process.started) << run.process.spawn_error;
  ASSERT_TRUE(run.report.is_object()) << "no report.json: " << run.process.err;
  EXPECT_THAT(FailedChecks(run.report),
              ::testing::ElementsAre(std::string("happy/http ") + kCheck));
  const auto& scenario = run.report["scenarios"][0];
  const size_t exchanges = scenario["transcript"].size();
  ASSERT_GE(exchanges, 4u);  // three tokens and three reads, at least
  ASSERT_LE(exchanges, 60u) << "more than the diagram draws";
  std::set<uint64_t> named;  // the exchanges the failed check's evidence names
  for (const auto& c : scenario["checks"]) {
    if (c["id"] != kCheck) continue;
    for (const auto& e : c["evidence"]) {
      if (e["exchange"].get<uint64_t>() != 0) named.insert(e["exchange"].get<uint64_t>());
    }
  }
  ASSERT_FALSE(named.empty()) << kCheck << " names no exchange: " << scenario.dump(2);

  const auto dom_run = RunChromium(chromium, temp.path() / "profile", {"--dump-dom"},
                                   "file://" + (run.out_dir / "report.html").string(),
                                   std::chrono::seconds(3), ChromiumNetwork::kOff);
  ASSERT_TRUE(dom_run.started) << dom_run.spawn_error;
  ASSERT_FALSE(dom_run.timed_out) << dom_run.err;
  ASSERT_EQ(dom_run.exit_code, 0) << dom_run.err;
  const fs::path artifacts = fs::path(SFH_TEST_BINARY_DIR) / "artifacts";
  fs::create_directories(artifacts);
  std::ofstream(artifacts / "report-sequence-dom.html") << dom_run.out;

  const std::string section = Section(dom_run.out, "scenario-happy-http");
  ASSERT_FALSE(section.empty()) << dom_run.out.substr(0, 2000);
  const size_t transcript = section.find("<h3>Transcript</h3>");
  const size_t svg_at = section.find("<svg");
  const size_t svg_end = section.find("</svg>");
  ASSERT_NE(svg_at, std::string::npos) << "no diagram";
  ASSERT_NE(svg_end, std::string::npos);
  EXPECT_LT(transcript, svg_at);
  EXPECT_LT(svg_end, section.find("class=\"exchange\"")) << "the diagram is above the transcript";
  const std::string svg = section.substr(svg_at, svg_end - svg_at);
  EXPECT_THAT(svg, HasSubstr("role=\"img\""));
  EXPECT_THAT(svg, HasSubstr(fmt::format(
                       "aria-label=\"Sequence of {} exchanges: client to My Domain", exchanges)));
  const auto count = [&](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(svg, "class=\"sd-lane\""), 2u) << "Client and My Domain only";
  EXPECT_EQ(count(svg, "class=\"sd-exchange\""), exchanges);
  EXPECT_EQ(count(svg, "class=\"sd-request\""), exchanges);
  EXPECT_EQ(count(svg, "class=\"sd-response\""), exchanges);
  EXPECT_EQ(count(svg, "stroke-dasharray="), exchanges) << "every return arrow dashed";
  EXPECT_THAT(svg, HasSubstr(">POST /services/oauth2/token</text>"));
  EXPECT_THAT(svg, Not(HasSubstr("<script")));
  EXPECT_THAT(svg, Not(HasSubstr("style=")));

  // The failed check, as text, on the exchanges its evidence names and no other.
  const std::string marker = std::string("✗ ") + kCheck;
  EXPECT_EQ(count(svg, marker), named.size());
  for (const uint64_t seq : named) {
    const size_t at = svg.find(fmt::format("class=\"sd-exchange\" data-seq=\"{}\"", seq));
    ASSERT_NE(at, std::string::npos) << "no exchange #" << seq << " drawn";
    const size_t next = svg.find("class=\"sd-exchange\"", at + 1);
    EXPECT_THAT(svg.substr(at, next == std::string::npos ? std::string::npos : next - at),
                HasSubstr(marker))
        << "#" << seq << " is not marked";
  }
  fs::remove_all(run.out_dir);
}

}  // namespace
}  // namespace sfh::tests
