#include "harness/nc/resolve.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lint/project.h"

namespace sfh::harness::nc {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kTestdata = SFH_NC_TESTDATA_DIR;
constexpr char kEcFile[] =
    "force-app/main/default/externalCredentials/"
    "Acme_Client_Credentials.externalCredential-meta.xml";
constexpr char kNcFile[] =
    "force-app/main/default/namedCredentials/Acme_API.namedCredential-meta.xml";

std::expected<ResolvedNamedCredential, std::string> Resolve(const std::string& fixture,
                                                            std::string_view principal = "",
                                                            std::string_view name = "Acme_API") {
  auto project = lint::LoadProject(kTestdata + "/" + fixture);
  if (!project) return std::unexpected("cannot load: " + project.error());
  return ResolveNamedCredential(*project, name, principal);
}

TEST(ResolveNamedCredential, BodyVariantWithTheFirstPrincipalBySequence) {
  auto r = Resolve("body");
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(r->named_credential, "Acme_API");
  EXPECT_EQ(r->named_credential_at.file, kNcFile);
  EXPECT_EQ(r->url, "https://acme.my.salesforce.com");
  EXPECT_EQ(r->url_at.line, 8);
  EXPECT_TRUE(r->generate_authorization_header);
  EXPECT_EQ(r->external_credential, "Acme_Client_Credentials");
  EXPECT_EQ(r->external_credential_at.file, kEcFile);
  EXPECT_EQ(r->protocol, "Oauth");
  EXPECT_EQ(r->variant, "ClientCredentialsClientSecret");
  EXPECT_EQ(r->client_authentication, ClientAuthentication::kBody);
  EXPECT_EQ(r->token_url, "https://acme.my.salesforce.com/services/oauth2/token");
  EXPECT_EQ(r->token_url_at.line, 9);
  EXPECT_FALSE(r->scope.has_value());
  // Reporting (sequence 2) comes first in the file; Integration (sequence 1) runs the callout.
  EXPECT_THAT(r->principals, ElementsAre("Integration", "Reporting"));
  EXPECT_EQ(r->principal, "Integration");
  EXPECT_EQ(r->principal_at.line, 19);
}

TEST(ResolveNamedCredential, PrincipalChosenByName) {
  auto r = Resolve("body", "Reporting");
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(r->principal, "Reporting");
  EXPECT_EQ(r->principal_at.line, 14);

  auto unknown = Resolve("body", "Nobody");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_THAT(unknown.error(), HasSubstr("no named principal Nobody"));
  EXPECT_THAT(unknown.error(), HasSubstr("Integration, Reporting"));
}

TEST(ResolveNamedCredential, BasicVariantAndScope) {
  auto basic = Resolve("basic");
  ASSERT_TRUE(basic.has_value()) << basic.error();
  EXPECT_EQ(basic->client_authentication, ClientAuthentication::kBasic);

  auto scope = Resolve("scope");
  ASSERT_TRUE(scope.has_value()) << scope.error();
  ASSERT_TRUE(scope->scope.has_value());
  EXPECT_EQ(*scope->scope, "api");
  EXPECT_EQ(scope->scope_at.Display(), std::string(kEcFile) + ":14");
}

TEST(ResolveNamedCredential, RefusesWhatItCannotEmulate) {
  auto missing = Resolve("missing-ec");
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error(), HasSubstr(std::string(kNcFile) + ":13"));
  EXPECT_THAT(
      missing.error(),
      HasSubstr("External Credential Acme_Missing_Credentials, which is not in the metadata"));

  auto protocol = Resolve("wrong-protocol");
  ASSERT_FALSE(protocol.has_value());
  EXPECT_THAT(protocol.error(), HasSubstr(std::string(kEcFile) + ":3"));
  EXPECT_THAT(protocol.error(), HasSubstr("authenticationProtocol Custom"));

  auto jwt = Resolve("jwt-assertion");
  ASSERT_FALSE(jwt.has_value());
  EXPECT_THAT(jwt.error(), HasSubstr("ClientCredentialsJwtAssertion"));
  EXPECT_THAT(jwt.error(), HasSubstr("not emulated"));

  auto unknown = Resolve("body", "", "Other_API");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_THAT(unknown.error(), HasSubstr("no Named Credential Other_API"));
  EXPECT_THAT(unknown.error(), HasSubstr("found: Acme_API"));
}

TEST(OriginMapping, RewritesSchemeHostAndPortOnly) {
  auto mapping = ParseOriginMapping("https://Acme.my.salesforce.com=http://127.0.0.1:43121");
  ASSERT_TRUE(mapping.has_value()) << mapping.error();
  const std::vector<OriginMapping> mappings = {*mapping};
  EXPECT_EQ(ApplyOriginMappings("https://acme.my.salesforce.com/services/oauth2/token", mappings),
            "http://127.0.0.1:43121/services/oauth2/token");
  EXPECT_EQ(ApplyOriginMappings("https://acme.my.salesforce.com:443/services/data/?q=1", mappings),
            "http://127.0.0.1:43121/services/data/?q=1");
  // Another origin (host or port) is left exactly as written.
  EXPECT_EQ(ApplyOriginMappings("https://other.my.salesforce.com/x", mappings),
            "https://other.my.salesforce.com/x");
  EXPECT_EQ(ApplyOriginMappings("https://acme.my.salesforce.com:8443/x", mappings),
            "https://acme.my.salesforce.com:8443/x");
}

TEST(OriginMapping, RefusesWhatIsNotAnOriginPair) {
  EXPECT_FALSE(ParseOriginMapping("https://acme.my.salesforce.com").has_value());
  EXPECT_FALSE(ParseOriginMapping("acme=http://127.0.0.1:1").has_value());
  auto with_path = ParseOriginMapping("https://acme.my.salesforce.com/services=http://127.0.0.1:1");
  ASSERT_FALSE(with_path.has_value());
  EXPECT_THAT(with_path.error(), HasSubstr("without a path"));
}

}  // namespace
}  // namespace sfh::harness::nc
