#include "reports/ctrf_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <string>

#include "reports/junit_writer.h"
#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

using Json = nlohmann::json;

Json Parse(const harness::RunResult& run) { return Json::parse(CtrfJson(run)); }

const Json& TestNamed(const Json& ctrf, const std::string& name) {
  for (const auto& test : ctrf["results"]["tests"]) {
    if (test["name"] == name) return test;
  }
  static const Json kNone;
  ADD_FAILURE() << "no test named " << name;
  return kNone;
}

TEST(CtrfJsonTest, MatchesGolden) {
  testing::ExpectMatchesGolden(CtrfJson(testing::FixtureRun()), "ctrf.golden.json");
}

TEST(CtrfJsonTest, MatchesGoldenWithBaselineAndReruns) {
  testing::ExpectMatchesGolden(CtrfJson(testing::FixtureRunWithBaselineAndReruns()),
                               "ctrf_baseline.golden.json");
}

TEST(CtrfJsonTest, DocumentAndSummary) {
  const Json ctrf = Parse(testing::FixtureRun());
  EXPECT_EQ(ctrf["reportFormat"], "CTRF");
  EXPECT_EQ(ctrf["specVersion"], "0.0.0");
  EXPECT_EQ(ctrf["timestamp"], "2026-11-28T18:30:01Z");  // the end: 18:30:00 + 1.750 s
  EXPECT_EQ(ctrf["results"]["tool"], (Json{{"name", "sfharness"}, {"version", "0.1.0"}}));
  const Json& summary = ctrf["results"]["summary"];
  EXPECT_EQ(summary["tests"], 7);   // as many as junit.xml's testcases
  EXPECT_EQ(summary["passed"], 3);  // two checks and the warning
  EXPECT_EQ(summary["failed"], 1);
  EXPECT_EQ(summary["skipped"], 2);
  EXPECT_EQ(summary["pending"], 0);
  EXPECT_EQ(summary["other"], 1);
  EXPECT_EQ(summary["suites"], 4);
  EXPECT_EQ(summary["start"], 1795890600000);
  EXPECT_EQ(summary["stop"], 1795890601750);
  EXPECT_EQ(summary["extra"]["scenarios"]["error"], 1);
  EXPECT_EQ(summary["extra"]["warnings"], 1);
  EXPECT_EQ(ctrf["results"]["tests"].size(), 7u);
  EXPECT_EQ(ctrf["results"]["environment"]["appName"], "reference client");
}

TEST(CtrfJsonTest, SameTestsAsJunit) {
  const harness::RunResult run = testing::FixtureRun();
  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_string(JunitXml(run).c_str()));
  std::set<std::string> junit_names;
  for (const auto& node : junit.select_nodes("//testcase")) {
    junit_names.insert(std::string(node.node().parent().attribute("name").value()) + " " +
                       node.node().attribute("name").value());
  }
  std::set<std::string> ctrf_names;
  const Json ctrf = Parse(run);
  for (const auto& test : ctrf["results"]["tests"]) {
    EXPECT_TRUE(ctrf_names.insert(test["name"].get<std::string>()).second) << test["name"];
  }
  EXPECT_EQ(ctrf_names, junit_names);
}

TEST(CtrfJsonTest, MapsEachOutcome) {
  const Json ctrf = Parse(testing::FixtureRun());
  const Json& failed = TestNamed(ctrf, "security/secret-in-url EnsureNoSecretInUrl");
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["rawStatus"], "FAILED");
  EXPECT_EQ(failed["message"], "client_secret was sent in the query string");
  EXPECT_EQ(failed["trace"],
            "#1 query parameter client_secret=[REDACTED] in \"/services/oauth2/token?…\"\n"
            "the secret reached the server's access log");
  EXPECT_EQ(failed["suite"], Json::array({"security/secret-in-url"}));
  EXPECT_EQ(failed["filePath"], "security/secret-in-url.json");
  EXPECT_EQ(failed["extra"]["checkId"], "EnsureNoSecretInUrl");
  EXPECT_EQ(failed["extra"]["reference"], "RFC 6749 §4.4.2");
  EXPECT_EQ(failed["extra"]["severity"], "failure");
  EXPECT_EQ(failed["extra"]["description"], "The client secret never appears in a URL");

  const Json& warning = TestNamed(ctrf, "happy/http EnsureHttpsUsed");
  EXPECT_EQ(warning["status"], "passed");
  EXPECT_EQ(warning["rawStatus"], "WARNING");
  EXPECT_EQ(warning["extra"]["severity"], "warning");
  EXPECT_EQ(warning["message"], "2 of 2 requests used plain HTTP");

  const Json& passed = TestNamed(ctrf, "happy/http EnsureTokenRequestIsPost");
  EXPECT_EQ(passed["status"], "passed");
  EXPECT_FALSE(passed.contains("message"));
  EXPECT_FALSE(passed.contains("trace"));

  EXPECT_EQ(TestNamed(ctrf, "security/secret-in-url EnsureReauthenticatesOnce")["status"],
            "skipped");

  // A harness fault is "other", never "failed": the client is not to blame.
  const Json& error = TestNamed(ctrf, "session/expires-mid-run setup");
  EXPECT_EQ(error["status"], "other");
  EXPECT_EQ(error["rawStatus"], "ERROR");
  EXPECT_EQ(error["message"],
            "harness error, not a client failure: the mock could not listen on 127.0.0.1: "
            "Address already in use");
  EXPECT_EQ(error["extra"]["scenarioStatus"], "ERROR");

  const Json& skipped = TestNamed(ctrf, "tls/legacy-instance scenario");
  EXPECT_EQ(skipped["status"], "skipped");
  EXPECT_EQ(skipped["message"], "the target cannot migrate the instance");
}

TEST(CtrfJsonTest, BaselineAndRerunsAsInJunit) {
  const harness::RunResult run = testing::FixtureRunWithBaselineAndReruns();
  const Json ctrf = Parse(run);
  const Json& expected = TestNamed(ctrf, "security/secret-in-url EnsureNoSecretInUrl");
  EXPECT_EQ(expected["status"], "skipped");
  EXPECT_EQ(expected["rawStatus"], "FAILED");
  EXPECT_EQ(expected["extra"]["expectedFailure"], true);
  EXPECT_EQ(expected["message"],
            "expected failure (baseline): library sends the secret in the query; client_secret "
            "was sent in the query string");
  EXPECT_EQ(TestNamed(ctrf, "odd/expected scenario")["status"], "skipped");
  const Json& stale = TestNamed(ctrf, "baseline tls/legacy-instance EnsureNoSecretInUrl");
  EXPECT_EQ(stale["status"], "failed");
  EXPECT_EQ(stale["rawStatus"], "STALE");
  EXPECT_EQ(stale["suite"], Json::array({"baseline"}));
  const Json& flaky = TestNamed(ctrf, "happy/http EnsureTokenRequestIsPost");
  EXPECT_EQ(flaky["flaky"], true);
  EXPECT_EQ(flaky["retries"], 1);
  EXPECT_FALSE(TestNamed(ctrf, "happy/http EnsureHttpsUsed").contains("flaky"));
  const Json& summary = ctrf["results"]["summary"];
  EXPECT_EQ(summary["flaky"], 1);
  EXPECT_EQ(summary["failed"], 1);  // the stale entry only
  EXPECT_EQ(summary["suites"], 6);  // five scenarios and the baseline

  // The same tests as junit.xml, which the baseline changes too.
  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_string(JunitXml(run).c_str()));
  std::set<std::string> junit_names, ctrf_names;
  for (const auto& node : junit.select_nodes("//testcase")) {
    junit_names.insert(std::string(node.node().parent().attribute("name").value()) + " " +
                       node.node().attribute("name").value());
  }
  for (const auto& test : ctrf["results"]["tests"]) ctrf_names.insert(test["name"]);
  EXPECT_EQ(ctrf_names, junit_names);
  EXPECT_EQ(summary["failed"], junit.child("testsuites").attribute("failures").as_int());
}

TEST(CtrfJsonTest, FailedScenarioWithoutFailedCheckStillFails) {
  harness::RunResult run;
  run.scenarios.emplace_back();
  run.scenarios.back().id = "odd/one";
  run.scenarios.back().status = harness::ScenarioStatus::kFailed;
  const Json ctrf = Parse(run);
  EXPECT_EQ(ctrf["results"]["summary"]["failed"], 1);
  EXPECT_EQ(TestNamed(ctrf, "odd/one scenario")["status"], "failed");
}

TEST(CtrfJsonTest, InvalidUtf8AndAnEmptyRunDoNotThrow) {
  harness::RunResult run;
  std::string out;
  ASSERT_NO_THROW(out = CtrfJson(run));
  EXPECT_EQ(Json::parse(out)["results"]["tests"], Json::array());
  EXPECT_EQ(Json::parse(out)["results"]["tool"]["name"], "sfharness");
  run.scenarios.emplace_back();
  run.scenarios.back().id = "bad";
  harness::CheckResult check;
  check.id = "EnsureX";
  check.status = harness::CheckStatus::kFailed;
  check.message = "bad \xFF byte";
  run.scenarios.back().checks.push_back(check);
  run.scenarios.back().status = harness::ScenarioStatus::kFailed;
  ASSERT_NO_THROW(out = CtrfJson(run));
  EXPECT_EQ(Json::parse(out)["results"]["tests"][0]["message"], "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace sfh::reports
