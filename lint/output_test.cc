// The text, JSON and SARIF outputs of a lint result.
#include "lint/output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lint/rules/rule.h"

namespace sfh::lint {
namespace {

using ::testing::HasSubstr;

LintResult Sample() {
  LintResult result;
  result.files = 5;
  result.apps = 1;
  result.findings.push_back({"force-app/a.ecaOauthPlcy-meta.xml", 6, 5, "eca-no-run-as-user",
                             Severity::kError, "no Run As user", "set Run As", "set the user"});
  result.findings.push_back({"force-app/a.ecaOauth-meta.xml", 3, 5, "eca-dropped-scope",
                             Severity::kWarning, "RefreshToken dropped", "remove it", "remove"});
  return result;
}

TEST(LintOutput, TextHasPositionSeverityRuleAndBothFixes) {
  const std::string text = FormatText(Sample());
  EXPECT_THAT(text, HasSubstr("force-app/a.ecaOauthPlcy-meta.xml:6:5: error: no Run As user "
                              "[eca-no-run-as-user]\n    Fix in Setup: set Run As\n"
                              "    Fix in metadata: set the user\n"));
  EXPECT_THAT(text, HasSubstr("5 file(s), 1 app(s): 1 error(s), 1 warning(s), 0 note(s)\n"));
}

TEST(LintOutput, JsonListsFindingsAndCounts) {
  const nlohmann::json json = ToJson(Sample());
  ASSERT_EQ(json["findings"].size(), 2u);
  EXPECT_EQ(json["findings"][0]["rule"], "eca-no-run-as-user");
  EXPECT_EQ(json["findings"][0]["line"], 6);
  EXPECT_EQ(json["findings"][0]["severity"], "error");
  EXPECT_EQ(json["findings"][0]["fix"]["metadata"], "set the user");
  EXPECT_EQ(json["summary"]["error"], 1);
  EXPECT_EQ(json["summary"]["warning"], 1);
}

// The structure GitHub code scanning reads (the full schema check is lint_sarif_schema).
TEST(LintOutput, SarifHasTheRulesAndResultsWithLocations) {
  const nlohmann::json sarif = ToSarif(Sample());
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "sfharness lint");
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), AllRules().size());
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], AllRules()[0].id);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["shortDescription"]["text"], AllRules()[0].summary);
  ASSERT_EQ(run["results"].size(), 2u);
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "eca-no-run-as-user");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["message"]["text"], "no Run As user");
  const size_t index = result["ruleIndex"];
  EXPECT_EQ(run["tool"]["driver"]["rules"][index]["id"], "eca-no-run-as-user");
  const auto& location = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "force-app/a.ecaOauthPlcy-meta.xml");
  EXPECT_EQ(location["region"]["startLine"], 6);
  EXPECT_EQ(location["region"]["startColumn"], 5);
  EXPECT_EQ(run["results"][1]["level"], "warning");
}

TEST(LintOutput, CredentialsAreCountedOnlyWhenThereAreSome) {
  LintResult result = Sample();
  EXPECT_EQ(ToJson(result)["summary"]["credentials"], 0);
  result.credentials = 2;
  EXPECT_THAT(FormatText(result),
              HasSubstr("5 file(s), 1 app(s), 2 credential(s): 1 error(s), 1 warning(s)"));
  EXPECT_EQ(ToJson(result)["summary"]["credentials"], 2);
}

TEST(LintOutput, SarifHelpNamesWhereEachFactComesFrom) {
  const nlohmann::json rules = ToSarif(LintResult{})["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), AllRules().size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string help = rules[i]["help"]["text"];
    EXPECT_THAT(help, HasSubstr(std::string(AllRules()[i].reference))) << help;
    EXPECT_EQ(help.find("shared/reference/Metadata"), std::string::npos) << help;
  }
}

TEST(LintOutput, EmptyResultIsStillAValidLog) {
  const nlohmann::json sarif = ToSarif(LintResult{});
  EXPECT_TRUE(sarif["runs"][0]["results"].is_array());
  EXPECT_TRUE(sarif["runs"][0]["results"].empty());
  EXPECT_THAT(FormatText(LintResult{}), HasSubstr("0 error(s)"));
}

// A finding quoting bytes of a metadata file that are not UTF-8 (found by fuzz/lint_fuzzer.cc:
// `--format json` threw, and sfharness ended on std::terminate).
TEST(LintOutput, BytesThatAreNotUtf8AreWrittenAsReplacementCharacters) {
  LintResult result = Sample();
  result.findings[0].message = "unknown variant \"ClientCredenti\xff\xff/alsClientSecret\"";
  for (const std::string& text : {FormatJson(result), FormatSarif(result)}) {
    const auto parsed = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << text;
    EXPECT_THAT(text, HasSubstr("ClientCredenti\xEF\xBF\xBD\xEF\xBF\xBD/alsClientSecret"));
  }
  EXPECT_EQ(nlohmann::json::parse(FormatJson(Sample())), ToJson(Sample()));
  EXPECT_EQ(nlohmann::json::parse(FormatSarif(Sample())), ToSarif(Sample()));
}

}  // namespace
}  // namespace sfh::lint
