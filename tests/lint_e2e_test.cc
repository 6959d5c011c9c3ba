// `sfharness lint` as users run it, on the fixture projects in lint/testdata/: exit codes (0 no
// error, 1 an error finding, 2 usage) and the three output formats.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/clients/process.h"

namespace sfh::tests {
namespace {

using ::testing::HasSubstr;

const std::string kTestdata = std::string(SFH_SOURCE_DIR) + "/lint/testdata/";

harness::ProcessResult Lint(const std::vector<std::string>& args) {
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "lint"};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.timeout = std::chrono::seconds(60);
  return harness::RunProcess(options);
}

TEST(LintE2e, GoodProjectExitsZeroWithNoFinding) {
  const auto run = Lint({kTestdata + "good"});
  ASSERT_TRUE(run.started) << run.spawn_error;
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out, "5 file(s), 1 app(s): 0 error(s), 0 warning(s), 0 note(s)\n");
}

TEST(LintE2e, ErrorFindingExitsOneWithFileLineAndFixes) {
  const auto run = Lint({kTestdata + "no-run-as-user"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("force-app/main/default/extlClntAppOauthPolicies/"
                                 "Acme_Integration_oauthPlcy.ecaOauthPlcy-meta.xml:5:5: error: "));
  EXPECT_THAT(run.out, HasSubstr("[eca-no-run-as-user]"));
  EXPECT_THAT(run.out, HasSubstr("Fix in Setup: Setup > External Client App Manager > "
                                 "Acme_Integration > Edit Policies"));
  EXPECT_THAT(run.out, HasSubstr("Fix in metadata: ExtlClntAppOauthConfigurablePolicies: "
                                 "<clientCredentialsFlowUser>"));
}

TEST(LintE2e, WarningsAloneExitZero) {
  const auto run = Lint({"--format", "json", kTestdata + "dropped-scope"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << run.out;
  ASSERT_EQ(json["findings"].size(), 1u);
  EXPECT_EQ(json["findings"][0]["rule"], "eca-dropped-scope");
  EXPECT_EQ(json["findings"][0]["severity"], "warning");
  EXPECT_EQ(json["findings"][0]["line"], 3);
  EXPECT_EQ(json["summary"]["warning"], 1);
}

TEST(LintE2e, BrokenXmlIsAnErrorFindingNotACrash) {
  const auto run = Lint({"--format", "json", kTestdata + "broken-xml"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << run.out;
  ASSERT_EQ(json["findings"].size(), 1u);
  EXPECT_EQ(json["findings"][0]["rule"], "xml-unparseable");
  EXPECT_EQ(json["findings"][0]["line"], 5);
}

TEST(LintE2e, SarifNamesTheRuleAndTheRelativeLocation) {
  const auto run = Lint({"--format", "sarif", kTestdata + "consumer-secret-committed"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto sarif = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(sarif.is_discarded()) << run.out;
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& results = sarif["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["ruleId"], "eca-consumer-secret-committed");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "force-app/main/default/extlClntAppGlobalOauthSets/"
            "Acme_Integration_glbloauth.ecaGlblOauth-meta.xml");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
  // The secret itself never reaches the output.
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("5A1B2C3D4E5F")));
}

TEST(LintE2e, GoodConnectedAppAndCredentialProjectsExitZero) {
  const auto app = Lint({kTestdata + "good-connected-app"});
  EXPECT_EQ(app.exit_code, 0) << app.out << app.err;
  EXPECT_EQ(app.out, "1 file(s), 1 app(s): 0 error(s), 0 warning(s), 0 note(s)\n");
  const auto credentials = Lint({kTestdata + "good-credentials"});
  EXPECT_EQ(credentials.exit_code, 0) << credentials.out << credentials.err;
  EXPECT_EQ(credentials.out,
            "4 file(s), 0 app(s), 4 credential(s): 0 error(s), 0 warning(s), 0 note(s)\n");
}

TEST(LintE2e, LoginHostInAnExternalCredentialIsAnErrorAtTheUrl) {
  const auto run = Lint({"--format", "json", kTestdata + "xc-token-host"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << run.out;
  ASSERT_EQ(json["findings"].size(), 1u);
  EXPECT_EQ(json["findings"][0]["rule"], "xc-token-host");
  EXPECT_EQ(json["findings"][0]["file"],
            "force-app/main/default/externalCredentials/"
            "Acme_Salesforce.externalCredential-meta.xml");
  EXPECT_EQ(json["findings"][0]["line"], 12);
  EXPECT_THAT(json["findings"][0]["message"].get<std::string>(),
              HasSubstr("request not supported on this domain"));
  EXPECT_EQ(json["summary"]["credentials"], 4);
}

TEST(LintE2e, UnknownExternalCredentialIsAWarningThatExitsZero) {
  const auto run = Lint({kTestdata + "nc-unknown-external-credential"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("Acme_Salesforce_API.namedCredential-meta.xml:14:9: warning: "));
  EXPECT_THAT(run.out, HasSubstr("[nc-unknown-external-credential]"));
}

TEST(LintE2e, ConnectedAppSecretNeverReachesTheSarif) {
  const auto run = Lint({"--format", "sarif", kTestdata + "ca-consumer-secret-committed"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto sarif = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(sarif.is_discarded()) << run.out;
  const auto& results = sarif["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["ruleId"], "ca-consumer-secret-committed");
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("9F8E7D6C5B4A")));
}

TEST(LintE2e, UsageErrorsExitTwo) {
  EXPECT_EQ(Lint({"/nonexistent/sfh-lint-project"}).exit_code, 2);
  EXPECT_EQ(Lint({}).exit_code, 2);  // DIR is required
  EXPECT_EQ(Lint({"--format", "xml", kTestdata + "good"}).exit_code, 2);
}

}  // namespace
}  // namespace sfh::tests
