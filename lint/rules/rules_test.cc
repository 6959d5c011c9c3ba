// Every rule fires on its bad fixture project (lint/testdata/<case>/) at the right file and line,
// and nothing fires on the good one. Each bad fixture is the good project with one thing changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "lint/linter.h"
#include "lint/rules/all_rules.h"

namespace sfh::lint {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kDefault[] = "force-app/main/default/";
constexpr char kSettings[] =
    "extlClntAppGlobalOauthSets/Acme_Integration_glbloauth.ecaGlblOauth-meta.xml";
constexpr char kScopes[] = "extlClntAppOauthSettings/Acme_Integration_oauth.ecaOauth-meta.xml";
constexpr char kPolicies[] =
    "extlClntAppOauthPolicies/Acme_Integration_oauthPlcy.ecaOauthPlcy-meta.xml";

// "rule file:line:column severity", the file relative to force-app/main/default/.
std::vector<std::string> FindingsIn(const std::string& fixture) {
  auto result = Lint(std::string(SFH_LINT_TESTDATA_DIR) + "/" + fixture);
  EXPECT_TRUE(result.has_value()) << result.error();
  std::vector<std::string> out;
  if (!result) return out;
  for (const Finding& f : result->findings) {
    std::string file = f.file;
    if (file.starts_with(kDefault)) file = file.substr(std::string(kDefault).size());
    out.push_back(f.rule_id + " " + file + ":" + std::to_string(f.line) + ":" +
                  std::to_string(f.column) + " " + std::string(ToString(f.severity)));
  }
  return out;
}

std::string At(std::string_view rule, const char* file, int line, int column,
               std::string_view severity) {
  return std::string(rule) + " " + file + ":" + std::to_string(line) + ":" +
         std::to_string(column) + " " + std::string(severity);
}

TEST(LintRules, GoodProjectHasNoFinding) {
  auto result = Lint(std::string(SFH_LINT_TESTDATA_DIR) + "/good");
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->files, 5u);
  EXPECT_EQ(result->apps, 1u);  // the five files grouped into one app
  EXPECT_THAT(FindingsIn("good"), IsEmpty());
}

TEST(LintRules, FlowOffInPoliciesIsAMismatchOnThePolicyFlag) {
  EXPECT_THAT(FindingsIn("flow-off-in-policies"),
              ElementsAre(At(kFlowEnabledInBothPlaces.id, kPolicies, 6, 5, "error")));
}

TEST(LintRules, FlowOffInSettingsIsAMismatchOnTheSettingsFlag) {
  EXPECT_THAT(FindingsIn("flow-off-in-settings"),
              ElementsAre(At(kFlowEnabledInBothPlaces.id, kSettings, 5, 5, "error")));
}

TEST(LintRules, NoRunAsUserIsReportedOnThePolicyFlag) {
  EXPECT_THAT(FindingsIn("no-run-as-user"),
              ElementsAre(At(kRunAsUserSet.id, kPolicies, 5, 5, "error")));
}

TEST(LintRules, CommittedConsumerSecretIsReportedOnTheElement) {
  EXPECT_THAT(FindingsIn("consumer-secret-committed"),
              ElementsAre(At(kNoConsumerSecretCommitted.id, kSettings, 4, 5, "error")));
}

TEST(LintRules, ConsumerSecretNeverAppearsInAFinding) {
  auto result = Lint(std::string(SFH_LINT_TESTDATA_DIR) + "/consumer-secret-committed");
  ASSERT_TRUE(result.has_value());
  ASSERT_FALSE(result->findings.empty());
  for (const Finding& f : result->findings) {
    for (const std::string& text : {f.message, f.fix_setup, f.fix_metadata}) {
      EXPECT_EQ(text.find("5A1B2C3D4E5F"), std::string::npos) << text;
    }
  }
}

TEST(LintRules, DroppedScopeBesideApiIsAWarning) {
  EXPECT_THAT(FindingsIn("dropped-scope"),
              ElementsAre(At(kNoDroppedScopes.id, kScopes, 3, 5, "warning")));
}

TEST(LintRules, OnlyDroppedScopesMeanNoValidScopes) {
  // One finding for the app, not one per dropped scope nor a missing-Api warning besides.
  EXPECT_THAT(FindingsIn("no-valid-scopes"),
              ElementsAre(At(kSomeValidScope.id, kScopes, 3, 5, "error")));
}

TEST(LintRules, NoApiScopeIsAWarning) {
  EXPECT_THAT(FindingsIn("no-api-scope"),
              ElementsAre(At(kApiScopeGranted.id, kScopes, 3, 5, "warning")));
}

TEST(LintRules, BrokenXmlIsAFindingWithTheParserMessageAndLine) {
  auto result = Lint(std::string(SFH_LINT_TESTDATA_DIR) + "/broken-xml");
  ASSERT_TRUE(result.has_value()) << result.error();
  ASSERT_EQ(result->findings.size(), 1u);
  const Finding& f = result->findings[0];
  EXPECT_EQ(f.rule_id, kXmlUnparseable.id);
  EXPECT_EQ(f.file, std::string(kDefault) + kScopes);
  EXPECT_EQ(f.line, 5);  // the mismatched </lable>
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_THAT(f.message, ::testing::HasSubstr("not well-formed XML: "));
  EXPECT_EQ(result->files, 5u);  // the broken file still counts as found
}

TEST(LintRules, EveryRuleHasAUniqueIdASummaryAndAReference) {
  std::set<std::string_view> ids;
  for (const Rule& rule : AllRules()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_FALSE(rule.summary.empty()) << rule.id;
    EXPECT_FALSE(rule.reference.empty()) << rule.id;
    EXPECT_EQ(FindRule(rule.id), &rule);
  }
  EXPECT_EQ(FindRule("no-such-rule"), nullptr);
}

TEST(LintRules, EveryRuleChecksExactlyOneSubjectAndItsIdSaysWhich) {
  for (const Rule& rule : AllRules()) {
    const int checks = (rule.check != nullptr) + (rule.check_connected_app != nullptr) +
                       (rule.check_external_credential != nullptr) +
                       (rule.check_named_credential != nullptr);
    if (rule.id == kXmlUnparseable.id) {
      EXPECT_EQ(checks, 0);
      continue;
    }
    EXPECT_EQ(checks, 1) << rule.id;
    if (rule.check != nullptr) {
      EXPECT_TRUE(rule.id.starts_with("eca-")) << rule.id;
    }
    if (rule.check_connected_app != nullptr) {
      EXPECT_TRUE(rule.id.starts_with("ca-")) << rule.id;
    }
    if (rule.check_external_credential != nullptr) {
      EXPECT_TRUE(rule.id.starts_with("xc-")) << rule.id;
    }
    if (rule.check_named_credential != nullptr) {
      EXPECT_TRUE(rule.id.starts_with("nc-")) << rule.id;
    }
  }
}

}  // namespace
}  // namespace sfh::lint
