#include "reports/sequence_diagram.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace sfh::reports {
namespace {

using harness::CheckResult;
using harness::CheckStatus;
using harness::ScenarioResult;
using harness::TranscriptEntry;

TranscriptEntry Exchange(uint64_t seq, std::string host, std::string method, std::string target,
                         int status) {
  TranscriptEntry x;
  x.seq = seq;
  x.host = std::move(host);
  x.scheme = "https";
  x.method = std::move(method);
  x.target = std::move(target);
  x.status = status;
  return x;
}

ScenarioResult TokenThenRead() {
  ScenarioResult s;
  s.id = "happy/https";
  s.transcript = {Exchange(1, "my_domain", "POST", "/services/oauth2/token", 200),
                  Exchange(2, "my_domain", "GET", "/services/data/v62.0/limits", 200)};
  return s;
}

CheckResult Check(std::string id, CheckStatus status, std::vector<harness::Evidence> evidence) {
  CheckResult check;
  check.id = std::move(id);
  check.status = status;
  check.evidence = std::move(evidence);
  return check;
}

// The diagram serialised the way the HTML writer saves it, then parsed back: what a reader gets.
struct Drawn {
  std::string xml;
  pugi::xml_document doc;
  pugi::xml_node svg;
};

void Draw(const ScenarioResult& scenario, Drawn& out, size_t max = kMaxDiagramExchanges) {
  pugi::xml_document built;
  AppendSequenceDiagram(built, scenario, max);
  std::ostringstream text;
  built.save(text, " ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  out.xml = text.str();
  const pugi::xml_parse_result parsed = out.doc.load_string(out.xml.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << " at offset " << parsed.offset << "\n" << out.xml;
  out.svg = out.doc.child("svg");
  ASSERT_TRUE(out.svg) << out.xml;
}

std::vector<std::string> Texts(const pugi::xml_node& node, const char* xpath) {
  std::vector<std::string> out;
  for (const auto& n : node.select_nodes(xpath)) out.push_back(n.node().text().get());
  return out;
}

std::vector<std::string> LaneLabels(const Drawn& d) {
  return Texts(d.svg, ".//g[@class='sd-lane']/text");
}

pugi::xml_node ExchangeNode(const Drawn& d, uint64_t seq) {
  const std::string xpath = "g[@class='sd-exchange'][@data-seq='" + std::to_string(seq) + "']";
  return d.svg.select_node(xpath.c_str()).node();
}

std::vector<std::string> Notes(const Drawn& d, uint64_t seq) {
  return Texts(ExchangeNode(d, seq), "text[@class='sd-note']");
}

TEST(SequenceDiagramTest, EmptyTranscriptDrawsNothing) {
  pugi::xml_document doc;
  AppendSequenceDiagram(doc, ScenarioResult{});
  EXPECT_FALSE(doc.first_child());
}

TEST(SequenceDiagramTest, IsAnAccessibleSvgImage) {
  ScenarioResult s = TokenThenRead();
  s.transcript.push_back(Exchange(3, "login", "POST", "/services/oauth2/token", 200));
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  EXPECT_STREQ(d.svg.attribute("xmlns").value(), "http://www.w3.org/2000/svg");
  EXPECT_STREQ(d.svg.attribute("role").value(), "img");
  const std::string summary =
      "Sequence of 3 exchanges: client to My Domain and login.salesforce.com";
  EXPECT_EQ(d.svg.attribute("aria-label").value(), summary);
  EXPECT_EQ(d.svg.first_child().name(), std::string("title"));
  EXPECT_EQ(d.svg.child("title").text().get(), summary);
  EXPECT_TRUE(d.svg.attribute("viewBox"));
}

TEST(SequenceDiagramTest, LanesOnlyForTheHostsUsedInFixedOrder) {
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(TokenThenRead(), d));
  EXPECT_EQ(LaneLabels(d), (std::vector<std::string>{"Client", "My Domain"}));

  // login used first still sits right of My Domain; test and the legacy instance when used.
  ScenarioResult s;
  s.transcript = {Exchange(1, "legacy_instance", "GET", "/services/data/", 401),
                  Exchange(2, "login", "POST", "/services/oauth2/token", 400),
                  Exchange(3, "test", "POST", "/services/oauth2/token", 400),
                  Exchange(4, "my_domain", "POST", "/services/oauth2/token", 200)};
  Drawn all;
  ASSERT_NO_FATAL_FAILURE(Draw(s, all));
  EXPECT_EQ(LaneLabels(all),
            (std::vector<std::string>{"Client", "My Domain", "login.salesforce.com",
                                      "test.salesforce.com", "legacy instance"}));
}

TEST(SequenceDiagramTest, OneArrowPairPerExchangeInJournalOrder) {
  ScenarioResult s = TokenThenRead();
  s.transcript.push_back(Exchange(3, "login", "POST", "/services/oauth2/revoke", 200));
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  const auto exchanges = d.svg.select_nodes("g[@class='sd-exchange']");
  ASSERT_EQ(exchanges.size(), 3u);
  std::vector<int> lane_ends;
  for (size_t i = 0; i < exchanges.size(); ++i) {
    const pugi::xml_node g = exchanges[i].node();
    EXPECT_EQ(g.attribute("data-seq").as_uint(), i + 1);
    ASSERT_EQ(g.select_nodes("g[@class='sd-request']").size(), 1u);
    ASSERT_EQ(g.select_nodes("g[@class='sd-response']").size(), 1u);
    const pugi::xml_node request = g.select_node("g[@class='sd-request']/line").node();
    const pugi::xml_node response = g.select_node("g[@class='sd-response']/line").node();
    // The request goes right, from the client; the answer comes back left, dashed.
    EXPECT_LT(request.attribute("x1").as_int(), request.attribute("x2").as_int());
    EXPECT_GT(response.attribute("x1").as_int(), response.attribute("x2").as_int());
    EXPECT_FALSE(request.attribute("stroke-dasharray"));
    EXPECT_TRUE(response.attribute("stroke-dasharray"));
    EXPECT_GT(response.attribute("y1").as_int(), request.attribute("y1").as_int());
    lane_ends.push_back(request.attribute("x2").as_int());
  }
  EXPECT_EQ(lane_ends[0], lane_ends[1]);  // both to My Domain
  EXPECT_GT(lane_ends[2], lane_ends[1]);  // login is the next lane
  EXPECT_EQ(
      Texts(d.svg, "g/g[@class='sd-request']/text"),
      (std::vector<std::string>{"POST /services/oauth2/token", "GET /services/data/v62.0/limits",
                                "POST /services/oauth2/revoke"}));
}

TEST(SequenceDiagramTest, CutsTheQueryAndShortensLongPathsKeepingTheFullTextAsTitle) {
  ScenarioResult s;
  const std::string target =
      "/services/data/v62.0/sobjects/Account/001000000000001AAA/Contacts?fields=Id,Name";
  s.transcript = {Exchange(7, "my_domain", "GET", target, 200),
                  Exchange(8, "my_domain", "GET", "/services/data/v62.0/query?q=SELECT+Id", 200)};
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  const std::string label =
      ExchangeNode(d, 7).select_node("g[@class='sd-request']/text").node().text().get();
  EXPECT_EQ(label, "GET /services/data/v62.0/sobjects/A…");  // 36 characters
  EXPECT_EQ(label.find('?'), std::string::npos);
  EXPECT_EQ(std::string(ExchangeNode(d, 7).child("title").text().get()),
            "#7 GET " + target + " → 200 (My Domain, https)");
  EXPECT_EQ(std::string(
                ExchangeNode(d, 8).select_node("g[@class='sd-request']/text").node().text().get()),
            "GET /services/data/v62.0/query");
}

TEST(SequenceDiagramTest, ShortensByCharactersNotBytes) {
  ScenarioResult s;
  std::string path = "/";
  for (int i = 0; i < 50; ++i) path += "é";
  s.transcript = {Exchange(1, "my_domain", "GET", path, 200)};
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  const std::string label =
      ExchangeNode(d, 1).select_node("g[@class='sd-request']/text").node().text().get();
  std::string expected = "GET /";
  for (int i = 0; i < 30; ++i) expected += "é";
  EXPECT_EQ(label, expected + "…");
}

TEST(SequenceDiagramTest, ErrorStatusesInAnotherColourThanSuccessAndNoAnswerNamed) {
  ScenarioResult s;
  s.transcript = {Exchange(1, "my_domain", "POST", "/services/oauth2/token", 200),
                  Exchange(2, "my_domain", "GET", "/services/data/v62.0/limits", 302),
                  Exchange(3, "my_domain", "GET", "/services/data/v62.0/limits", 401),
                  Exchange(4, "my_domain", "GET", "/services/data/v62.0/limits", 503),
                  Exchange(5, "my_domain", "GET", "/services/data/v62.0/limits", 0)};
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  const auto response = [&](uint64_t seq) {
    return ExchangeNode(d, seq).select_node("g[@class='sd-response']/text").node();
  };
  EXPECT_STREQ(response(1).text().get(), "200");
  EXPECT_STREQ(response(3).text().get(), "401");
  EXPECT_STREQ(response(5).text().get(), "no answer");
  const std::string ok = response(1).attribute("fill").value();
  EXPECT_EQ(response(2).attribute("fill").value(), ok);
  const std::string error = response(3).attribute("fill").value();
  EXPECT_NE(error, ok);
  EXPECT_EQ(response(4).attribute("fill").value(), error);
  EXPECT_NE(response(5).attribute("fill").value(), ok);
  // Not by colour alone: error and missing answers are bold, successes are not.
  EXPECT_FALSE(response(1).attribute("font-weight"));
  EXPECT_STREQ(response(3).attribute("font-weight").value(), "bold");
  EXPECT_STREQ(response(5).attribute("font-weight").value(), "bold");
  EXPECT_EQ(std::string(d.svg.attribute("aria-label").value()),
            "Sequence of 5 exchanges: client to My Domain; 2 error answers (4xx/5xx)");
}

TEST(SequenceDiagramTest, MarksTheFaultBesideItsExchange) {
  ScenarioResult s = TokenThenRead();
  s.transcript[1].status = 0;
  s.transcript[1].fault = "reset";
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  EXPECT_TRUE(Notes(d, 1).empty());
  EXPECT_EQ(Notes(d, 2), (std::vector<std::string>{"⚡ fault: reset"}));
  const pugi::xml_node note = ExchangeNode(d, 2).child("text").next_sibling("text");
  EXPECT_NE(std::string(note.attribute("fill").value()), "#24292f");
  EXPECT_NE(std::string(ExchangeNode(d, 2).child("title").text().get()).find("fault: reset"),
            std::string::npos);
  EXPECT_NE(std::string(d.svg.attribute("aria-label").value()).find("1 fault"), std::string::npos);
}

TEST(SequenceDiagramTest, MarksFailedChecksOnTheExchangesTheirEvidenceNames) {
  ScenarioResult s = TokenThenRead();
  s.transcript.push_back(Exchange(3, "my_domain", "POST", "/services/oauth2/token", 200));
  s.checks = {
      Check("EnsureTokenIsReused", CheckStatus::kFailed,
            {{3, "a new token while the previous one was still accepted"}, {3, "again"}}),
      Check("EnsureHttpsUsed", CheckStatus::kWarning, {{1, "http"}}),
      Check("EnsureTokenRequestIsPost", CheckStatus::kPassed, {{1, "POST"}}),
      Check("EnsureNoSecretInClientOutput", CheckStatus::kFailed, {{0, "stderr line 2"}}),
  };
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  EXPECT_EQ(Notes(d, 3), (std::vector<std::string>{"✗ EnsureTokenIsReused"}));
  EXPECT_EQ(Notes(d, 1), (std::vector<std::string>{"⚠ EnsureHttpsUsed (warning)"}));
  EXPECT_TRUE(Notes(d, 2).empty());
  // Tinted rows: the failed one red, the warned one amber, nothing else.
  const auto tints = d.svg.select_nodes("rect[@class='sd-tint']");
  ASSERT_EQ(tints.size(), 2u);
  EXPECT_STRNE(tints[0].node().attribute("fill").value(),
               tints[1].node().attribute("fill").value());
  // A failed check that names no exchange is listed under the diagram.
  EXPECT_EQ(Texts(d.svg, "text[@class='sd-footnote']"),
            (std::vector<std::string>{
                "✗ EnsureNoSecretInClientOutput failed, not tied to an exchange drawn here"}));
  EXPECT_NE(std::string(d.svg.attribute("aria-label").value())
                .find("failed: EnsureTokenIsReused and EnsureNoSecretInClientOutput"),
            std::string::npos);
}

TEST(SequenceDiagramTest, ExpectedFailuresSaySo) {
  ScenarioResult s = TokenThenRead();
  s.checks = {Check("EnsureNoSecretInUrl", CheckStatus::kFailed, {{1, "query"}})};
  s.checks[0].expected_failure = true;
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  EXPECT_EQ(Notes(d, 1), (std::vector<std::string>{"✗ EnsureNoSecretInUrl (expected)"}));
}

TEST(SequenceDiagramTest, DrawsTheFirstExchangesAndCountsTheRest) {
  ScenarioResult s;
  for (uint64_t seq = 1; seq <= 65; ++seq) {
    s.transcript.push_back(Exchange(seq, "my_domain", "GET", "/services/data/v62.0/limits", 200));
  }
  s.checks = {Check("EnsureRequestedCallsSucceed", CheckStatus::kFailed, {{64, "late"}})};
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  EXPECT_EQ(d.svg.select_nodes("g[@class='sd-exchange']").size(), 60u);
  EXPECT_TRUE(ExchangeNode(d, 60));
  EXPECT_FALSE(ExchangeNode(d, 61));
  EXPECT_EQ(Texts(d.svg, "text[@class='sd-footnote']"),
            (std::vector<std::string>{
                "… 5 more exchanges in the transcript below",
                "✗ EnsureRequestedCallsSucceed failed, not tied to an exchange drawn here"}));
  EXPECT_NE(std::string(d.svg.attribute("aria-label").value())
                .find("Sequence of 65 exchanges: client to My Domain (first 60 drawn)"),
            std::string::npos);

  Drawn two;
  ASSERT_NO_FATAL_FAILURE(Draw(s, two, 2));
  EXPECT_EQ(two.svg.select_nodes("g[@class='sd-exchange']").size(), 2u);
  EXPECT_EQ(Texts(two.svg, "text[@class='sd-footnote']").front(),
            "… 63 more exchanges in the transcript below");
}

TEST(SequenceDiagramTest, EscapesHostileTextAndStaysSelfContained) {
  ScenarioResult s;
  s.transcript = {Exchange(1, "my_domain", "GET", "/<script>alert(\"x\")</script>&a", 200),
                  Exchange(2, "<b>evil</b>", "P\"OST\x01", "/x", 0)};
  s.transcript[1].fault = "<img src=x onerror=alert(1)>";
  s.checks = {Check("<style>*{}</style>", CheckStatus::kFailed, {{1, "x"}})};
  Drawn d;
  ASSERT_NO_FATAL_FAILURE(Draw(s, d));
  for (const char* markup :
       {"<script", "<b>", "<img", "<style", "style=", " id=", "href", "url(", "@import", "\x01"}) {
    EXPECT_EQ(d.xml.find(markup), std::string::npos) << markup << " in\n" << d.xml;
  }
  // The text survives, verbatim (controls shown as \xNN).
  EXPECT_STREQ(ExchangeNode(d, 1).select_node("g[@class='sd-request']/text").node().text().get(),
               "GET /<script>alert(\"x\")</script>&a");
  EXPECT_EQ(Notes(d, 1), (std::vector<std::string>{"✗ <style>*{}</style>"}));
  EXPECT_EQ(LaneLabels(d), (std::vector<std::string>{"Client", "My Domain", "<b>evil</b>"}));
  EXPECT_EQ(Notes(d, 2), (std::vector<std::string>{"⚡ fault: <img src=x onerror=alert(1)>"}));
  EXPECT_STREQ(ExchangeNode(d, 2).select_node("g[@class='sd-request']/text").node().text().get(),
               "P\"OST\\x01 /x");
}

TEST(SequenceDiagramTest, SameInputSameOutput) {
  ScenarioResult s = TokenThenRead();
  s.checks = {Check("EnsureTokenIsReused", CheckStatus::kFailed, {{2, "x"}})};
  Drawn a;
  Drawn b;
  ASSERT_NO_FATAL_FAILURE(Draw(s, a));
  ASSERT_NO_FATAL_FAILURE(Draw(s, b));
  EXPECT_EQ(a.xml, b.xml);
}

}  // namespace
}  // namespace sfh::reports
