#include "reports/html_writer.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>

#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

constexpr std::string_view kDoctype = "<!DOCTYPE html>\n";

// The page after its DOCTYPE line, parsed as XML.
void Parse(const std::string& html, pugi::xml_document& doc) {
  ASSERT_TRUE(html.starts_with(kDoctype));
  const pugi::xml_parse_result parsed = doc.load_string(html.c_str() + kDoctype.size());
  ASSERT_TRUE(parsed) << parsed.description() << " at offset " << parsed.offset;
}

TEST(ReportHtmlTest, MatchesGolden) {
  testing::ExpectMatchesGolden(ReportHtml(testing::FixtureRun()), "report.golden.html");
}

TEST(ReportHtmlTest, ParsesAsXmlWithoutScriptOrExternalResources) {
  const std::string html = ReportHtml(testing::FixtureRun());
  pugi::xml_document doc;
  Parse(html, doc);
  EXPECT_TRUE(doc.child("html").child("head").child("style"));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

// "<td />" would leave the cell open in an HTML parser: only void elements may self-close.
TEST(ReportHtmlTest, OnlyVoidElementsSelfClose) {
  const std::string html = ReportHtml(testing::FixtureRun());
  const std::set<std::string> kVoid = {"meta", "br", "hr", "img", "input", "link", "wbr"};
  for (size_t end = html.find("/>"); end != std::string::npos; end = html.find("/>", end + 2)) {
    const size_t start = html.rfind('<', end);
    const size_t name_end = html.find_first_of(" /", start);
    const std::string name = html.substr(start + 1, name_end - start - 1);
    EXPECT_TRUE(kVoid.contains(name)) << "<" << name << " /> at offset " << start;
  }
}

TEST(ReportHtmlTest, OpensFailingScenariosOnly) {
  pugi::xml_document doc;
  Parse(ReportHtml(testing::FixtureRun()), doc);
  const auto open = [&](const char* anchor) {
    const std::string xpath = std::string("//section[@id='") + anchor + "']/details";
    const pugi::xml_node details = doc.select_node(xpath.c_str()).node();
    EXPECT_TRUE(details) << anchor;
    return static_cast<bool>(details.attribute("open"));
  };
  EXPECT_FALSE(open("scenario-happy-http"));
  EXPECT_TRUE(open("scenario-security-secret-in-url"));
  EXPECT_TRUE(open("scenario-session-expires-mid-run"));
  EXPECT_FALSE(open("scenario-tls-legacy-instance"));
}

TEST(ReportHtmlTest, KeepsTextVerbatim) {
  pugi::xml_document doc;
  Parse(ReportHtml(testing::FixtureRun()), doc);
  const std::string text = doc.select_node("//section[@id='scenario-security-secret-in-url']")
                               .node()
                               .select_node(".//pre[contains(., 'User-Agent')]")
                               .node()
                               .text()
                               .get();
  EXPECT_EQ(text, "User-Agent: my-client/1.0 (Zoë's <test> & \"quoted\")\n");
  EXPECT_TRUE(doc.select_node("//td[. = 'The client secret never appears in a URL']").node());
}

TEST(ReportHtmlTest, FailedAndWarnedChecksStandOut) {
  pugi::xml_document doc;
  Parse(ReportHtml(testing::FixtureRun()), doc);
  EXPECT_TRUE(
      doc.select_node("//tr[@class='check-failed']/td/code[. = 'EnsureNoSecretInUrl']").node());
  EXPECT_TRUE(
      doc.select_node("//tr[@class='check-warning']/td/code[. = 'EnsureHttpsUsed']").node());
  EXPECT_EQ(doc.select_nodes("//tr[@class='check-failed']").size(), 1u);
}

TEST(ReportHtmlTest, StyleHoldsNoCharacterTheSerialiserWouldEscape) {
  pugi::xml_document doc;
  Parse(ReportHtml(testing::FixtureRun()), doc);
  const std::string css = doc.child("html").child("head").child("style").text().get();
  EXPECT_EQ(css.find_first_of("<>&"), std::string::npos);
}

TEST(ReportHtmlTest, EmptyRun) {
  pugi::xml_document doc;
  Parse(ReportHtml(harness::RunResult{}), doc);
  EXPECT_TRUE(doc.child("html").child("body"));
}

}  // namespace
}  // namespace sfh::reports
