#include "reports/junit_writer.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>

#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

size_t CountDescendants(pugi::xml_node node, const char* name) {
  return node.select_nodes((std::string(".//") + name).c_str()).size();
}

// The counts attributes of `node` equal the elements below it (<testsuites> has no `skipped`).
void ExpectConsistentCounts(pugi::xml_node node) {
  SCOPED_TRACE(node.attribute("name").value());
  EXPECT_EQ(node.attribute("tests").as_ullong(), CountDescendants(node, "testcase"));
  EXPECT_EQ(node.attribute("failures").as_ullong(), CountDescendants(node, "failure"));
  EXPECT_EQ(node.attribute("errors").as_ullong(), CountDescendants(node, "error"));
  if (std::string_view(node.name()) == "testsuite") {
    EXPECT_EQ(node.attribute("skipped").as_ullong(), CountDescendants(node, "skipped"));
  }
}

TEST(JunitXmlTest, MatchesGolden) {
  testing::ExpectMatchesGolden(JunitXml(testing::FixtureRun()), "junit.golden.xml");
}

// The baseline's and the reruns' shapes too: reports/validate_reports.py holds every
// junit*.golden.xml to the common JUnit schema.
TEST(JunitXmlTest, MatchesGoldenWithBaselineAndReruns) {
  testing::ExpectMatchesGolden(JunitXml(testing::FixtureRunWithBaselineAndReruns()),
                               "junit_baseline.golden.xml");
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
  EXPECT_EQ(CountDescendants(suites, "skipped"), 2u);
  // jenkins-junit.xsd allows neither on <testsuites>.
  EXPECT_FALSE(suites.attribute("skipped"));
  EXPECT_FALSE(suites.attribute("timestamp"));
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
  pugi::xml_node error = doc.select_node(
                                "//testsuite[@name='session/expires-mid-run']"
                                "/testcase[@name='setup']/error")
                             .node();
  ASSERT_TRUE(error);
  EXPECT_STREQ(error.attribute("type").value(), "HarnessError");
  EXPECT_NE(std::string(error.text().get()).find("not a failure of the client"), std::string::npos);
  EXPECT_FALSE(error.parent().child("failure"));
  EXPECT_STREQ(doc.select_node("//testsuite[@name='tls/legacy-instance']"
                               "/testcase[@name='scenario']/skipped")
                   .node()
                   .text()
                   .get(),
               "the target cannot migrate the instance");
  // The common schema types <skipped> as text: no attributes.
  EXPECT_TRUE(doc.select_nodes("//skipped[@*]").empty());
  pugi::xml_node err =
      doc.select_node("//testsuite[@name='security/secret-in-url']/system-err").node();
  EXPECT_NE(std::string(err.text().get()).find("<\"bad\"> & more, Zoë"), std::string::npos);
}

TEST(JunitXmlTest, PropertiesCarryEachChecksReferenceAndSeverity) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(testing::FixtureRun()).c_str()));
  const pugi::xml_node properties =
      doc.select_node("//testsuite[@name='happy/http']/properties").node();
  ASSERT_TRUE(properties);
  EXPECT_STREQ(
      properties.find_child_by_attribute("property", "name", "check.EnsureHttpsUsed.severity")
          .attribute("value")
          .value(),
      "warning");
  EXPECT_STREQ(
      properties
          .find_child_by_attribute("property", "name", "check.EnsureTokenRequestIsPost.reference")
          .attribute("value")
          .value(),
      "RFC 6749 §4.4.2");
}

TEST(JunitXmlTest, TestNamesAreUniqueEvenWhenScenarioIdsMeetAsClassnames) {
  harness::RunResult run;
  for (const char* id : {"a/b", "a.b", "a/b/c"}) {
    harness::ScenarioResult scenario;
    scenario.id = id;
    harness::CheckResult check;
    check.id = "EnsureSomething";
    scenario.checks.push_back(check);
    run.scenarios.push_back(scenario);
  }
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(run).c_str()));
  std::set<std::string> names;
  for (const auto& node : doc.select_nodes("//testcase")) {
    const pugi::xml_node testcase = node.node();
    EXPECT_TRUE(names
                    .insert(std::string(testcase.attribute("classname").value()) + "." +
                            testcase.attribute("name").value())
                    .second)
        << testcase.attribute("classname").value();
  }
  EXPECT_EQ(names, (std::set<std::string>{"a.b.EnsureSomething", "a.b-2.EnsureSomething",
                                          "a.b.c.EnsureSomething"}));
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
