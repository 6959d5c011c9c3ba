// `sfharness nc` as users run it: the fixture projects in harness/nc/testdata/, written for
// https://acme.my.salesforce.com and mapped with --map onto an sfmock in the background serving
// its demo org. Exit codes (0 callouts succeeded, 1 the token request or a callout failed, 2
// usage or metadata) and the text output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "harness/clients/process.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kTestdata = std::string(SFH_SOURCE_DIR) + "/harness/nc/testdata/";

class NcE2e : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(mock_.ok()) << mock_.error(); }

  std::string Secret() const { return mock_.ready()["client_secret"].get<std::string>(); }

  // `sfharness nc` on a fixture, mapped onto the mock, credentials from the environment and no
  // proxy from it.
  harness::ProcessResult Nc(const std::string& fixture, const std::vector<std::string>& args = {}) {
    harness::ProcessOptions options;
    options.argv = {
        SFHARNESS_BIN,
        "nc",
        "--metadata",
        kTestdata + fixture,
        "--named-credential",
        "Acme_API",
        "--map",
        "https://acme.my.salesforce.com=" + mock_.ready()["my_domain_url"].get<std::string>(),
        "--timeout",
        "10"};
    options.argv.insert(options.argv.end(), args.begin(), args.end());
    options.env = {{"SF_CLIENT_ID", mock_.ready()["client_id"].get<std::string>()},
                   {"SF_CLIENT_SECRET", Secret()},
                   {"NO_PROXY", "*"},
                   {"no_proxy", "*"}};
    options.timeout = std::chrono::seconds(60);
    return harness::RunProcess(options);
  }

  BackgroundMock mock_{{"--port", "0"}};
};

TEST_F(NcE2e, BodyVariantSucceedsWithOneTokenForThreeCallouts) {
  const auto run = Nc("body", {"--calls", "3", "--path", "/services/data/v67.0/limits"});
  ASSERT_TRUE(run.started) << run.spawn_error;
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("> POST /services/oauth2/token HTTP/1.1\n"));
  EXPECT_THAT(run.out, HasSubstr("client_secret=[REDACTED]"));
  EXPECT_THAT(run.out, HasSubstr("--- 4. callout 3 ---"));
  EXPECT_THAT(run.out, HasSubstr("PASSED: 3 of 3 callouts succeeded, 1 token request\n"));
  EXPECT_THAT(run.out, Not(HasSubstr(Secret())));
  EXPECT_THAT(run.err, Not(HasSubstr(Secret())));
}

TEST_F(NcE2e, ScopeExitsOneAndNamesTheMetadataToChange) {
  const auto run = Nc("scope");
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("> Authorization: Basic [REDACTED]\n"));
  EXPECT_THAT(run.out, HasSubstr("> grant_type=client_credentials&scope=api\n"));
  EXPECT_THAT(run.out, HasSubstr("Cause: token.scope_parameter_not_supported"));
  EXPECT_THAT(run.out, HasSubstr("Change: force-app/main/default/externalCredentials/"
                                 "Acme_Client_Credentials.externalCredential-meta.xml:14: remove "
                                 "the AuthParameter Scope"));
  EXPECT_THAT(run.out, Not(HasSubstr(Secret())));
}

TEST_F(NcE2e, JsonNamesTheChoicesAndHidesTheSecret) {
  const auto run = Nc("basic", {"--format", "json", "--no-retry-on-401"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << run.out;
  EXPECT_EQ(json["callout"]["retry_on_401"], false);
  EXPECT_EQ(json["external_credential"]["client_authentication"], "basic");
  EXPECT_EQ(json["verdict"]["passed"], true);
  EXPECT_THAT(run.out, Not(HasSubstr(Secret())));
}

// Over TLS, verified against the mock's throwaway CA.
TEST(NcE2eTls, VerifiesTheCertificateWithCaFile) {
  BackgroundMock mock({"--port", "0", "--tls"});
  ASSERT_TRUE(mock.ok()) << mock.error();
  harness::ProcessOptions options;
  options.argv = {
      SFHARNESS_BIN,
      "nc",
      "--metadata",
      kTestdata + "body",
      "--named-credential",
      "Acme_API",
      "--map",
      "https://acme.my.salesforce.com=" + mock.ready()["my_domain_url"].get<std::string>(),
      "--timeout",
      "10"};
  options.env = {{"SF_CLIENT_ID", mock.ready()["client_id"].get<std::string>()},
                 {"SF_CLIENT_SECRET", mock.ready()["client_secret"].get<std::string>()},
                 {"NO_PROXY", "*"},
                 {"no_proxy", "*"}};
  options.timeout = std::chrono::seconds(60);

  const auto untrusted = harness::RunProcess(options);
  EXPECT_EQ(untrusted.exit_code, 1) << untrusted.out << untrusted.err;
  EXPECT_THAT(untrusted.out, HasSubstr("Cause: no answer (tls_certificate)"));

  options.argv.push_back("--ca-file");
  options.argv.push_back(mock.ready()["ca_file"].get<std::string>());
  const auto trusted = harness::RunProcess(options);
  EXPECT_EQ(trusted.exit_code, 0) << trusted.out << trusted.err;
  EXPECT_THAT(trusted.out, HasSubstr("PASSED: 1 of 1 callout succeeded, 1 token request"));
}

TEST_F(NcE2e, MetadataAndUsageErrorsExitTwo) {
  for (const auto& [fixture, message] : std::vector<std::pair<std::string, std::string>>{
           {"missing-ec",
            "External Credential Acme_Missing_Credentials, which is not in the "
            "metadata"},
           {"wrong-protocol", "authenticationProtocol Custom"},
           {"jwt-assertion", "ClientCredentialsJwtAssertion"}}) {
    const auto run = Nc(fixture);
    EXPECT_EQ(run.exit_code, 2) << fixture << run.out << run.err;
    EXPECT_EQ(run.out, "") << fixture;
    EXPECT_THAT(run.err, HasSubstr(message)) << fixture;
  }
  const auto post = Nc("body", {"--method", "POST"});
  EXPECT_EQ(post.exit_code, 2) << post.err;
  const auto missing_option = Nc("body", {"--calls", "0"});
  EXPECT_EQ(missing_option.exit_code, 2) << missing_option.err;
}

}  // namespace
}  // namespace sfh::tests
