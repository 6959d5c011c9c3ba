// `sfharness nc` as a function: the fixture projects, mapped onto the demo org served in
// process, with the credentials from the environment.
#include "harness/nc/nc_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "harness/nc/nc_test_support.h"
#include "mock_server/org/org_config.h"

namespace sfh::harness::nc {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kEcFile[] =
    "force-app/main/default/externalCredentials/"
    "Acme_Client_Credentials.externalCredential-meta.xml";

struct Ran {
  int code = -1;
  std::string out;
  std::string err;
};

class NcCommandTest : public DemoOrgOnLoopback {
 protected:
  NcOptions Options(const std::string& fixture) const {
    NcOptions options;
    options.metadata_dir = kNcTestdata + "/" + fixture;
    options.named_credential = "Acme_API";
    options.maps = {"https://acme.my.salesforce.com=" + MyDomain()};
    options.timeout_seconds = 10;
    return options;
  }

  static Ran Run(const NcOptions& options, std::map<std::string, std::string> env = {
                                               {"SF_CLIENT_ID", mock::kDemoClientId},
                                               {"SF_CLIENT_SECRET", mock::kDemoClientSecret}}) {
    std::ostringstream out, err;
    Ran ran;
    ran.code = RunNc(options, out, err, EnvOf(std::move(env)));
    ran.out = out.str();
    ran.err = err.str();
    return ran;
  }

  // Neither the secret nor any issued token appears in full.
  void ExpectNothingSecretIn(const std::string& text) {
    EXPECT_THAT(text, Not(HasSubstr(mock::kDemoClientSecret)));
    for (const std::string& token : IssuedTokens()) {
      EXPECT_THAT(text, Not(HasSubstr(token)));
      EXPECT_THAT(text, Not(HasSubstr(token.substr(16))));  // past the org id prefix
    }
  }
};

TEST_F(NcCommandTest, BodyVariantPassesAndPrintsTheExchangesRedacted) {
  NcOptions options = Options("body");
  options.calls = 3;
  options.path = "/services/data/v67.0/limits";
  const Ran ran = Run(options);
  EXPECT_EQ(ran.code, kNcExitPassed) << ran.out << ran.err;
  EXPECT_EQ(ran.err, "");
  EXPECT_THAT(ran.out, HasSubstr("> POST /services/oauth2/token HTTP/1.1\n"));
  EXPECT_THAT(ran.out, HasSubstr("> Content-Type: application/x-www-form-urlencoded\n"));
  EXPECT_THAT(ran.out, HasSubstr("> grant_type=client_credentials&client_id="));
  EXPECT_THAT(ran.out, HasSubstr("client_secret=[REDACTED]"));
  EXPECT_THAT(ran.out, HasSubstr("> GET /services/data/v67.0/limits HTTP/1.1\n"));
  EXPECT_THAT(ran.out, HasSubstr("> Authorization: Bearer [REDACTED]\n"));
  EXPECT_THAT(ran.out, HasSubstr("< HTTP/1.1 200\n"));
  EXPECT_THAT(ran.out, HasSubstr("PASSED: 3 of 3 callouts succeeded, 1 token request"));
  EXPECT_EQ(IssuedTokens().size(), 1u);
  ExpectNothingSecretIn(ran.out);
}

TEST_F(NcCommandTest, JsonHoldsTheRedactedExchangesFormAndVerdict) {
  NcOptions options = Options("basic");
  options.format = "json";
  options.calls = 2;
  const Ran ran = Run(options);
  EXPECT_EQ(ran.code, kNcExitPassed) << ran.out << ran.err;
  const auto json = nlohmann::json::parse(ran.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << ran.out;
  EXPECT_EQ(json["schema"], "sfharness-nc/1");
  EXPECT_EQ(json["external_credential"]["client_authentication"], "basic");
  EXPECT_EQ(json["external_credential"]["token_url_sent"], MyDomain() + "/services/oauth2/token");
  EXPECT_EQ(json["token_request_form"],
            nlohmann::json::parse(R"([{"name":"grant_type","value":"client_credentials"}])"));
  ASSERT_EQ(json["exchanges"].size(), 3u);
  EXPECT_EQ(json["exchanges"][0]["kind"], "token");
  EXPECT_EQ(json["exchanges"][0]["request"]["headers"][1]["value"], "Basic [REDACTED]");
  EXPECT_EQ(json["exchanges"][1]["request"]["headers"][0]["value"], "Bearer [REDACTED]");
  EXPECT_EQ(json["verdict"]["passed"], true);
  EXPECT_EQ(json["verdict"]["token_requests"], 1);
  EXPECT_TRUE(json["cause"].is_null());
  ExpectNothingSecretIn(ran.out);
}

TEST_F(NcCommandTest, ScopeFailsAndNamesTheExternalCredentialLine) {
  const Ran ran = Run(Options("scope"));
  EXPECT_EQ(ran.code, kNcExitFailed) << ran.out << ran.err;
  EXPECT_THAT(ran.out, HasSubstr("> grant_type=client_credentials&scope=api\n"));
  EXPECT_THAT(ran.out, HasSubstr("< HTTP/1.1 400\n"));
  EXPECT_THAT(ran.out, HasSubstr("FAILED: the token request for callout 1 was answered 400 "
                                 "invalid_request: scope parameter not supported"));
  EXPECT_THAT(ran.out, HasSubstr("Cause: token.scope_parameter_not_supported (INFERRED"));
  EXPECT_THAT(ran.out, HasSubstr("  Likely causes: "));
  EXPECT_THAT(ran.out, HasSubstr("  Fix: "));
  EXPECT_THAT(ran.out, HasSubstr(std::string("  Change: ") + kEcFile +
                                 ":14: remove the AuthParameter Scope (value \"api\") from "
                                 "External Credential Acme_Client_Credentials"));
  ExpectNothingSecretIn(ran.out);

  NcOptions json_options = Options("scope");
  json_options.format = "json";
  const Ran json_run = Run(json_options);
  EXPECT_EQ(json_run.code, kNcExitFailed);
  const auto json = nlohmann::json::parse(json_run.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << json_run.out;
  EXPECT_EQ(json["cause"]["catalogue_id"], "token.scope_parameter_not_supported");
  EXPECT_EQ(json["cause"]["remedies"][0]["location"]["file"], kEcFile);
  EXPECT_EQ(json["cause"]["remedies"][0]["location"]["line"], 14);
  ExpectNothingSecretIn(json_run.out);
}

TEST_F(NcCommandTest, WrongSecretIsNotAMetadataProblem) {
  const Ran ran = Run(Options("body"), {{"SF_CLIENT_ID", mock::kDemoClientId},
                                        {"SF_CLIENT_SECRET", "WRONG-SECRET-VALUE-123"}});
  EXPECT_EQ(ran.code, kNcExitFailed) << ran.out << ran.err;
  EXPECT_THAT(ran.out, HasSubstr("Cause: token.invalid_client "));
  EXPECT_THAT(ran.out, HasSubstr("Change: not metadata: the client id and secret of principal "
                                 "Integration"));
  EXPECT_THAT(ran.out, Not(HasSubstr("WRONG-SECRET-VALUE-123")));
}

TEST_F(NcCommandTest, MetadataAndUsageErrorsExitTwoWithoutSending) {
  const auto refused = [&](NcOptions options, const std::string& message) {
    const Ran ran = Run(options);
    EXPECT_EQ(ran.code, kNcExitUsage) << ran.out << ran.err;
    EXPECT_EQ(ran.out, "");
    EXPECT_THAT(ran.err, HasSubstr(message));
  };
  refused(Options("missing-ec"), "Acme_Missing_Credentials, which is not in the metadata");
  refused(Options("wrong-protocol"), "authenticationProtocol Custom");
  refused(Options("jwt-assertion"), "ClientCredentialsJwtAssertion");
  NcOptions post = Options("body");
  post.method = "POST";
  refused(post, "--method POST");
  NcOptions bad_map = Options("body");
  bad_map.maps = {"acme"};
  refused(bad_map, "--map acme");
  EXPECT_TRUE(Journal().empty());

  const Ran no_id = Run(Options("body"), {{"SF_CLIENT_SECRET", mock::kDemoClientSecret}});
  EXPECT_EQ(no_id.code, kNcExitUsage);
  EXPECT_THAT(no_id.err, HasSubstr("SF_CLIENT_ID"));
  const Ran no_secret = Run(Options("body"), {{"SF_CLIENT_ID", mock::kDemoClientId}});
  EXPECT_EQ(no_secret.code, kNcExitUsage);
  EXPECT_THAT(no_secret.err, HasSubstr("SF_CLIENT_SECRET"));
}

TEST_F(NcCommandTest, UnmappedHostDoesNotGetThrough) {
  NcOptions options = Options("body");
  options.maps = {"https://acme.my.salesforce.com=http://127.0.0.1:1"};
  options.timeout_seconds = 5;
  const Ran ran = Run(options);
  EXPECT_EQ(ran.code, kNcExitFailed) << ran.out << ran.err;
  EXPECT_THAT(ran.out, HasSubstr("! no answer: connect:"));
  EXPECT_THAT(ran.out, HasSubstr("Cause: no answer (connect)"));
  EXPECT_THAT(ran.out, HasSubstr("check AuthProviderUrl https://acme.my.salesforce.com/services/"
                                 "oauth2/token of External Credential Acme_Client_Credentials"));
}

TEST_F(NcCommandTest, InsecureWarnsLoudly) {
  NcOptions options = Options("body");
  options.insecure = true;
  const Ran ran = Run(options);
  EXPECT_EQ(ran.code, kNcExitPassed) << ran.out << ran.err;
  EXPECT_THAT(ran.err, HasSubstr("WARNING: --insecure"));
}

}  // namespace
}  // namespace sfh::harness::nc
