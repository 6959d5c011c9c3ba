#include "reports/junit_writer.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <string>

#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

size_t CountDescendants(pugi::xml_node node, const char* name) {
  return node.select_nodes((std::string(".//") + name).c_str()).size();
}

// The counts attributes of `node` equal the elements below it.
void ExpectConsistentCounts(pugi::xml_node node) {
  SCOPED_TRACE(node.attribute("name").value());
  EXPECT_EQ(node.attribute("tests").as_ullong(), CountDescendants(node, "testcase"));
  EXPECT_EQ(node.attribute("failures").as_ullong(), CountDescendants(node, "failure"));
  EXPECT_EQ(node.attribute("errors").as_ullong(), CountDescendants(node, "error"));
  EXPECT_EQ(node.attribute("skipped").as_ullong(), CountDescendants(node, "skipped"));
}

TEST(JunitXmlTest, MatchesGolden) {
  testing::ExpectMatchesGolden(JunitXml(testing::FixtureRun()), "junit.golden.xml");
}

TEST(JunitXmlTest, CountsMatchTheTestcases) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(testing::FixtureRun()).c_str()));
  pugi::xml_node suites = doc.child("testsuites");
  ASSERT_TRUE(suites);
  EXPECT_STREQ(suites.attribute("name").value(), "sfharness");
  ExpectConsistentCounts(suites);
  EXPECT_EQ(suites.attribute("tests").as_int(), 7);     // 2 + 3 checks, setup, scenario
  EXPECT_EQ(suites.attribute("failures").as_int(), 1);  // the warning is not a failure
  EXPECT_EQ(suites.attribute("errors").as_int(), 1);
  EXPECT_EQ(suites.attribute("skipped").as_int(), 2);
  size_t n = 0;
  for (pugi::xml_node suite : suites.children("testsuite")) {
    ExpectConsistentCounts(suite);
    ++n;
  }
  EXPECT_EQ(n, 4u);
}

TEST(JunitXmlTest, ShapesEachOutcome) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(testing::FixtureRun()).c_str()));
  pugi::xml_node failure =
      doc.select_node("//testcase[@name='EnsureNoSecretInUrl']/failure").node();
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure.attribute("type").value(), "EnsureNoSecretInUrl");
  EXPECT_STREQ(failure.parent().attribute("classname").value(), "security.secret-in-url");
  EXPECT_NE(std::string(failure.text().get()).find("#1 query parameter"), std::string::npos);
  pugi::xml_node warning = doc.select_node("//testcase[@name='EnsureHttpsUsed']").node();
  EXPECT_FALSE(warning.child("failure"));
  EXPECT_EQ(std::string(warning.child("system-out").text().get()).rfind("WARNING:", 0), 0u);
  EXPECT_TRUE(doc.select_node("//testsuite[@name='session/expires-mid-run']"
                              "/testcase[@name='setup']/error")
                  .node());
  EXPECT_TRUE(doc.select_node("//testsuite[@name='tls/legacy-instance']"
                              "/testcase[@name='scenario']/skipped")
                  .node());
  pugi::xml_node err =
      doc.select_node("//testsuite[@name='security/secret-in-url']/system-err").node();
  EXPECT_NE(std::string(err.text().get()).find("<\"bad\"> & more, Zoë"), std::string::npos);
}

TEST(JunitXmlTest, NeverWritesCharactersXmlForbids) {
  const std::string xml = JunitXml(testing::FixtureRun());
  EXPECT_EQ(xml.find("&#27;"), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
  EXPECT_NE(xml.find("\\x1b[31m"), std::string::npos);
}

TEST(JunitXmlTest, FailedScenarioWithoutFailedCheckStillFails) {
  harness::RunResult run;
  run.scenarios.emplace_back();
  run.scenarios.back().id = "odd/one";
  run.scenarios.back().status = harness::ScenarioStatus::kFailed;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(run).c_str()));
  EXPECT_EQ(doc.child("testsuites").attribute("failures").as_int(), 1);
  ExpectConsistentCounts(doc.child("testsuites"));
}

}  // namespace
}  // namespace sfh::reports
