// The xc- and nc- rules on their fixture projects (lint/testdata/xc-*/ and nc-*/, each
// good-credentials/ with one change): the right rule at the right file, line and column, and
// nothing else.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "lint/rules/all_rules.h"
#include "lint/rules/fixture_findings.h"
#include "lint/scratch_dir_testing.h"

namespace sfh::lint {
namespace {

using testing::At;
using ::testing::ElementsAre;
using testing::FindingsIn;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kSalesforce[] = "externalCredentials/Acme_Salesforce.externalCredential-meta.xml";
constexpr char kPartner[] = "externalCredentials/Partner_IdP.externalCredential-meta.xml";
constexpr char kNamed[] = "namedCredentials/Acme_Salesforce_API.namedCredential-meta.xml";

// The one finding of a fixture.
Finding OnlyFinding(std::string_view fixture) {
  auto result = Lint(testing::FixturePath(fixture));
  EXPECT_TRUE(result.has_value());
  EXPECT_TRUE(result && result->findings.size() == 1) << fixture;
  return result && !result->findings.empty() ? result->findings[0] : Finding{};
}

TEST(CredentialRules, GoodProjectHasNoFinding) {
  // Partner_IdP has a Scope and a token URL off Salesforce: not lint's business.
  auto result = Lint(testing::FixturePath("good-credentials"));
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->files, 4u);
  EXPECT_EQ(result->apps, 0u);
  EXPECT_EQ(result->credentials, 4u);
  EXPECT_THAT(FindingsIn("good-credentials"), IsEmpty());
}

TEST(CredentialRules, TokenUrlWithoutTheTokenPathIsAnError) {
  EXPECT_THAT(FindingsIn("xc-token-url-path"),
              ElementsAre(At(kXcTokenUrlPath.id, kSalesforce, 12, 9, "error")));
  EXPECT_THAT(OnlyFinding("xc-token-url-path").message, HasSubstr("token request goes to /"));
}

TEST(CredentialRules, LoginHostIsAnErrorWithTheHostsNote) {
  EXPECT_THAT(FindingsIn("xc-token-host"),
              ElementsAre(At(kXcTokenHost.id, kSalesforce, 12, 9, "error")));
  EXPECT_THAT(OnlyFinding("xc-token-host").message,
              HasSubstr("request not supported on this domain"));
}

TEST(CredentialRules, ScopeSentToSalesforceIsAnError) {
  EXPECT_THAT(FindingsIn("xc-scope-sent-to-salesforce"),
              ElementsAre(At(kXcNoScopeForSalesforce.id, kSalesforce, 17, 9, "error")));
  EXPECT_THAT(OnlyFinding("xc-scope-sent-to-salesforce").message,
              HasSubstr("scope parameter not supported"));
}

TEST(CredentialRules, CommasInAScopeAreAnErrorOnAnyHost) {
  EXPECT_THAT(FindingsIn("xc-scope-commas"),
              ElementsAre(At(kXcScopeSpaceSeparated.id, kPartner, 17, 9, "error")));
  EXPECT_THAT(OnlyFinding("xc-scope-commas").fix_metadata,
              HasSubstr("(e.g. invoices.read invoices.write)"));
}

TEST(CredentialRules, MadeUpProtocolIsAnError) {
  EXPECT_THAT(FindingsIn("xc-unknown-protocol"),
              ElementsAre(At(kXcKnownProtocol.id, kSalesforce, 3, 5, "error")));
  EXPECT_THAT(OnlyFinding("xc-unknown-protocol").message, HasSubstr("OAuth2ClientCredentials"));
}

TEST(CredentialRules, ScopeParameterTypeIsReportedOnTheType) {
  EXPECT_THAT(FindingsIn("xc-parameter-type-scope"),
              ElementsAre(At(kXcParameterTypes.id, kPartner, 16, 9, "error")));
}

TEST(CredentialRules, ClientIdAsAuthProviderUrlIsReportedWithoutItsValue) {
  EXPECT_THAT(FindingsIn("xc-client-id-as-url"),
              ElementsAre(At(kXcParameterTypes.id, kSalesforce, 12, 9, "error")));
  for (const std::string& text : testing::TextsIn("xc-client-id-as-url")) {
    EXPECT_EQ(text.find("3MVG9AcmeClientId"), std::string::npos) << text;
  }
}

TEST(CredentialRules, UnknownVariantIsAnError) {
  EXPECT_THAT(FindingsIn("xc-unknown-variant"),
              ElementsAre(At(kXcKnownVariant.id, kSalesforce, 7, 9, "error")));
}

TEST(CredentialRules, OauthWithoutVariantIsReportedOnTheProtocol) {
  EXPECT_THAT(FindingsIn("xc-no-variant"),
              ElementsAre(At(kXcOauthParametersPresent.id, kSalesforce, 3, 5, "error")));
}

TEST(CredentialRules, ClientCredentialsWithoutTokenUrlIsReportedOnTheProtocol) {
  EXPECT_THAT(FindingsIn("xc-no-token-url"),
              ElementsAre(At(kXcOauthParametersPresent.id, kSalesforce, 3, 5, "error")));
  EXPECT_THAT(OnlyFinding("xc-no-token-url").message, HasSubstr("AuthProviderUrl"));
}

TEST(CredentialRules, UnknownExternalCredentialIsAWarning) {
  EXPECT_THAT(FindingsIn("nc-unknown-external-credential"),
              ElementsAre(At(kNcExternalCredentialKnown.id, kNamed, 14, 9, "warning")));
}

TEST(CredentialRules, ExternalCredentialInTheValueIsAnError) {
  EXPECT_THAT(FindingsIn("nc-external-credential-in-value"),
              ElementsAre(At(kNcExternalCredentialElement.id, kNamed, 16, 9, "error")));
}

TEST(CredentialRules, MissingUrlIsAnError) {
  EXPECT_THAT(FindingsIn("nc-no-url"), ElementsAre(At(kNcUrlPresent.id, kNamed, 13, 5, "error")));
}

TEST(CredentialRules, HttpUrlIsAWarning) {
  EXPECT_THAT(FindingsIn("nc-url-not-https"),
              ElementsAre(At(kNcUrlHttps.id, kNamed, 11, 9, "warning")));
}

// An External Credential file with `protocol` and these parameters (type, name, value).
std::string ExternalCredentialXml(
    std::string_view protocol,
    std::initializer_list<std::tuple<std::string_view, std::string_view, std::string_view>>
        parameters) {
  std::string xml = "<ExternalCredential>\n<authenticationProtocol>" + std::string(protocol) +
                    "</authenticationProtocol>\n";
  for (const auto& [type, name, value] : parameters) {
    xml += "<externalCredentialParameters><parameterName>" + std::string(name) +
           "</parameterName><parameterType>" + std::string(type) +
           "</parameterType><parameterValue>" + std::string(value) +
           "</parameterValue></externalCredentialParameters>\n";
  }
  return xml + "</ExternalCredential>\n";
}

// The rule ids of the findings `Lint` makes on a project holding only `file` with `text`.
std::vector<std::string> RulesFor(const std::string& file, const std::string& text) {
  testing::ScratchDir dir;
  dir.Write(file, text);
  auto result = Lint(dir.path());
  EXPECT_TRUE(result.has_value());
  std::vector<std::string> rules;
  if (!result) return rules;
  for (const Finding& f : result->findings) {
    rules.push_back(f.rule_id + " " + std::string(ToString(f.severity)));
  }
  return rules;
}

TEST(CredentialRules, SiteHostIsOnlyAWarningBecauseItIsUnverified) {
  EXPECT_THAT(RulesFor("A.externalCredential",
                       ExternalCredentialXml(
                           "Oauth", {{"AuthProtocolVariant", "V", "ClientCredentialsClientSecret"},
                                     {"AuthProviderUrl", "U",
                                      "https://acme.my.site.com/services/oauth2/token"}})),
              ElementsAre(std::string(kXcTokenHost.id) + " warning"));
}

TEST(CredentialRules, JwtBearerOnLoginIsFine) {
  // Only client credentials is refused on login.salesforce.com.
  EXPECT_THAT(RulesFor("A.externalCredential",
                       ExternalCredentialXml(
                           "Oauth", {{"AuthProtocolVariant", "V", "JwtBearer"},
                                     {"AuthProviderUrl", "U",
                                      "https://login.salesforce.com/services/oauth2/token"}})),
              IsEmpty());
}

TEST(CredentialRules, OtherIdentityProvidersAreNotLintsBusiness) {
  // A token path of its own, a Scope, a loopback mock: nothing to say.
  EXPECT_THAT(
      RulesFor("A.externalCredential",
               ExternalCredentialXml(
                   "Oauth", {{"AuthProtocolVariant", "V", "ClientCredentialsClientSecret"},
                             {"AuthProviderUrl", "U", "https://idp.example.com/oauth/token"},
                             {"AuthParameter", "Scope", "read write"}})),
      IsEmpty());
  EXPECT_THAT(RulesFor("A.externalCredential",
                       ExternalCredentialXml(
                           "Oauth", {{"AuthProtocolVariant", "V", "ClientCredentialsClientSecret"},
                                     {"AuthProviderUrl", "U", "http://127.0.0.1:8443/token"},
                                     {"AuthParameter", "Scope", "api"}})),
              IsEmpty());
}

TEST(CredentialRules, CommasOnASalesforceTokenUrlAreReportedOnceAsAScopeSentToSalesforce) {
  EXPECT_THAT(RulesFor("A.externalCredential",
                       ExternalCredentialXml(
                           "Oauth", {{"AuthProtocolVariant", "V", "ClientCredentialsClientSecret"},
                                     {"AuthProviderUrl", "U",
                                      "https://acme.my.salesforce.com/services/oauth2/token"},
                                     {"AuthParameter", "scope", "api,refresh_token"}})),
              ElementsAre(std::string(kXcNoScopeForSalesforce.id) + " error"));
}

TEST(CredentialRules, BrowserFlowWithAnAuthProviderNeedsNoVariant) {
  EXPECT_THAT(RulesFor("A.externalCredential",
                       ExternalCredentialXml("Oauth", {{"AuthProvider", "AuthProvider", ""}})),
              IsEmpty());
}

TEST(CredentialRules, ConnectApiSpellingOfTheProtocolIsNotTheMetadataOne) {
  EXPECT_THAT(RulesFor("A.externalCredential", ExternalCredentialXml("OAuth", {})),
              ElementsAre(std::string(kXcKnownProtocol.id) + " error"));
  EXPECT_THAT(RulesFor("A.externalCredential", ExternalCredentialXml("Custom", {})), IsEmpty());
}

TEST(CredentialRules, LegacyNamedCredentialsAreNotChecked) {
  EXPECT_THAT(RulesFor("N.namedCredential",
                       "<NamedCredential><namedCredentialType>Legacy</namedCredentialType>"
                       "<endpoint>http://api.example.com</endpoint></NamedCredential>"),
              IsEmpty());
  EXPECT_THAT(RulesFor("N.namedCredential",
                       "<NamedCredential><endpoint>http://api.example.com</endpoint>"
                       "<principalType>Anonymous</principalType></NamedCredential>"),
              IsEmpty());
  // A SecuredEndpoint with the legacy <endpoint> has no Url.
  EXPECT_THAT(RulesFor("N.namedCredential",
                       "<NamedCredential><namedCredentialType>SecuredEndpoint</namedCredentialType>"
                       "<endpoint>https://api.example.com</endpoint></NamedCredential>"),
              ElementsAre(std::string(kNcUrlPresent.id) + " error"));
}

}  // namespace
}  // namespace sfh::lint
