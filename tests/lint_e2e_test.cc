// `sfharness lint` as users run it, on the fixture projects in lint/testdata/: exit codes (0 no
// error, 1 an error finding, 2 usage) and the three output formats.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/clients/process.h"
#include "lint/scratch_dir_testing.h"

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
  const std::string file = kTestdata + "good/sfdx-project.json";
  const auto not_a_directory = Lint({file});
  EXPECT_EQ(not_a_directory.exit_code, 2);
  EXPECT_EQ(not_a_directory.err, "sfharness lint: " + file + " is not a directory\n");
}

// docs/BAD_INPUT.md, sfharness lint: a directory with no metadata is not an error, but says so.
TEST(LintE2e, ADirectoryWithoutMetadataSaysSoAndExitsZero) {
  lint::testing::ScratchDir dir;
  dir.Write("README.md", "no metadata here\n");
  const auto run = Lint({dir.path().string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("sfharness lint: no External Client App, Connected App, External "
                                 "Credential or Named Credential metadata"));
  EXPECT_THAT(run.err, HasSubstr(dir.path().string()));
  EXPECT_EQ(run.out, "0 file(s), 0 app(s): 0 error(s), 0 warning(s), 0 note(s)\n");
}

// The wrong root element: credentials read as empty, and the rules that need their parts fire.
TEST(LintE2e, CredentialsWithTheWrongRootElementAreFindings) {
  lint::testing::ScratchDir dir;
  const std::string wrong_root = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Foo/>\n";
  dir.Write("Acme.externalCredential-meta.xml", wrong_root);
  dir.Write("Acme.namedCredential-meta.xml", wrong_root);
  const auto run = Lint({"--format", "json", dir.path().string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto doc = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << run.out;
  std::vector<std::string> rules;
  for (const auto& f : doc["findings"]) rules.push_back(f["rule"]);
  EXPECT_THAT(rules, ::testing::IsSupersetOf({"xc-unknown-protocol", "nc-no-url"}));
}

// A metadata value that is not UTF-8, quoted in a finding: JSON and SARIF stay valid JSON (they
// used to end sfharness on an exception).
TEST(LintE2e, ValuesThatAreNotUtf8KeepTheJsonOutputsValid) {
  lint::testing::ScratchDir dir;
  dir.Write("Acme.externalCredential-meta.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<ExternalCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"
            "  <authenticationProtocol>Oauth</authenticationProtocol>\n"
            "  <externalCredentialParameters>\n"
            "    <parameterName>AuthProtocolVariant</parameterName>\n"
            "    <parameterType>AuthProtocolVariant</parameterType>\n"
            "    <parameterValue>ClientCredenti\xff\xff"
            "ClientSecret</parameterValue>\n"
            "  </externalCredentialParameters>\n"
            "  <label>Acme</label>\n"
            "</ExternalCredential>\n");
  for (const char* format : {"json", "sarif"}) {
    const auto run = Lint({"--format", format, dir.path().string()});
    EXPECT_EQ(run.exit_code, 1) << format << run.err;
    EXPECT_FALSE(nlohmann::json::parse(run.out, nullptr, false).is_discarded()) << run.out;
    EXPECT_THAT(run.out, HasSubstr("\xEF\xBF\xBD")) << format;
  }
}

}  // namespace
}  // namespace sfh::tests
