// The Named/External Credential model: parameters, the accessors `sfharness nc` relies on, and
// loading them with the rest of a project (both file formats, positions, look-ups by name).
#include "lint/credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "lint/project.h"
#include "lint/scratch_dir_testing.h"

namespace sfh::lint {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::ScratchDir;

std::unique_ptr<XmlFile> Parse(const std::string& text) {
  auto file = ParseXmlFile("x.xml", text);
  EXPECT_TRUE(file.has_value());
  return file ? std::move(*file) : std::make_unique<XmlFile>();
}

constexpr char kExternal[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Second</parameterName>
        <parameterType>NamedPrincipal</parameterType>
        <sequenceNumber>2</sequenceNumber>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>Variant</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>Unordered</parameterName>
        <parameterType>NamedPrincipal</parameterType>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>TokenUrl</parameterName>
        <parameterType>AuthProviderUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/token</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>api</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>First</parameterName>
        <parameterType>NamedPrincipal</parameterType>
        <sequenceNumber>1</sequenceNumber>
    </externalCredentialParameters>
</ExternalCredential>
)";

TEST(Credentials, ExternalCredentialParametersAndAccessors) {
  const auto file = Parse(kExternal);
  const ExternalCredential credential = ReadExternalCredential("Acme", *file);
  EXPECT_EQ(credential.name, "Acme");
  EXPECT_EQ(credential.file, file.get());
  EXPECT_EQ(credential.protocol, "Oauth");
  ASSERT_EQ(credential.parameters.size(), 6u);
  EXPECT_EQ(credential.parameters[0].name, "Second");
  EXPECT_EQ(credential.parameters[0].value, "");
  EXPECT_EQ(credential.parameters[0].sequence, 2);
  EXPECT_EQ(credential.parameters[2].sequence, std::nullopt);
  EXPECT_EQ(file->LineColumnOf(credential.parameters[1].node.offset_debug() - 1),
            std::make_pair(9, 5));
  EXPECT_EQ(credential.Variant(), "ClientCredentialsClientSecretBasic");
  EXPECT_EQ(credential.TokenUrl(), "https://acme.my.salesforce.com/services/oauth2/token");
  EXPECT_EQ(credential.Scope(), "api");  // the name compares ignoring case
  EXPECT_THAT(credential.Principals(), ElementsAre("First", "Second", "Unordered"));
  ASSERT_NE(credential.Find("AuthParameter", "SCOPE"), nullptr);
  EXPECT_EQ(credential.Find("AuthParameter", "SCOPE")->name, "scope");
  EXPECT_EQ(credential.Find("authprotocolvariant"), nullptr);    // types are exact
  EXPECT_EQ(credential.Find("NamedPrincipal")->name, "Second");  // the first in the file
}

TEST(Credentials, ExternalCredentialWithoutParameters) {
  const auto file = Parse("<ExternalCredential><label>x</label></ExternalCredential>");
  const ExternalCredential credential = ReadExternalCredential("Empty", *file);
  EXPECT_EQ(credential.protocol, "");
  EXPECT_THAT(credential.parameters, IsEmpty());
  EXPECT_EQ(credential.Variant(), "");
  EXPECT_EQ(credential.TokenUrl(), "");
  EXPECT_EQ(credential.Scope(), std::nullopt);
  EXPECT_THAT(credential.Principals(), IsEmpty());
}

TEST(Credentials, AnotherRootElementGivesNothing) {
  const auto file = Parse(
      "<NamedCredential><authenticationProtocol>Oauth</authenticationProtocol>"
      "</NamedCredential>");
  EXPECT_EQ(ReadExternalCredential("X", *file).protocol, "");
}

TEST(Credentials, NamedCredentialAccessors) {
  const auto file = Parse(R"(<NamedCredential>
    <generateAuthorizationHeader>false</generateAuthorizationHeader>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://acme.my.salesforce.com</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <externalCredential>Acme_CC</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>)");
  const NamedCredential credential = ReadNamedCredential("Acme_API", *file);
  EXPECT_EQ(credential.name, "Acme_API");
  EXPECT_EQ(credential.type, "SecuredEndpoint");
  ASSERT_EQ(credential.parameters.size(), 2u);
  EXPECT_EQ(credential.parameters[1].external_credential, "Acme_CC");
  EXPECT_EQ(credential.Url(), "https://acme.my.salesforce.com");
  EXPECT_EQ(credential.ExternalCredentialName(), "Acme_CC");
  EXPECT_FALSE(credential.GenerateAuthorizationHeader());
}

TEST(Credentials, GenerateAuthorizationHeaderDefaultsToTrue) {
  const auto file = Parse("<NamedCredential/>");
  const NamedCredential credential = ReadNamedCredential("N", *file);
  EXPECT_TRUE(credential.GenerateAuthorizationHeader());
  EXPECT_EQ(credential.Url(), "");
  EXPECT_EQ(credential.ExternalCredentialName(), "");
}

TEST(Credentials, MetadataNamesInBothFormats) {
  EXPECT_EQ(MetadataNameOf("Acme.namedCredential-meta.xml", kNamedCredentialSuffix), "Acme");
  EXPECT_EQ(MetadataNameOf("Acme.namedCredential", kNamedCredentialSuffix), "Acme");
  EXPECT_EQ(MetadataNameOf("Acme.externalCredential", kNamedCredentialSuffix), std::nullopt);
  EXPECT_EQ(MetadataNameOf(".namedCredential", kNamedCredentialSuffix), std::nullopt);
  EXPECT_EQ(MetadataNameOf("Acme.NamedCredential", kNamedCredentialSuffix), std::nullopt);
}

TEST(Credentials, LoadProjectReadsTheFixtureWithPositions) {
  auto project = LoadProject(std::string(SFH_LINT_TESTDATA_DIR) + "/good-credentials");
  ASSERT_TRUE(project.has_value()) << project.error();
  EXPECT_THAT(project->apps, IsEmpty());
  EXPECT_THAT(project->connected_apps, IsEmpty());
  EXPECT_THAT(project->unreadable, IsEmpty());
  ASSERT_EQ(project->external_credentials.size(), 2u);
  ASSERT_EQ(project->named_credentials.size(), 2u);
  EXPECT_EQ(project->FileCount(), 4u);

  const NamedCredential* named = project->FindNamedCredential("Acme_Salesforce_API");
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(named->file->path,
            "force-app/main/default/namedCredentials/Acme_Salesforce_API.namedCredential-meta.xml");
  const ExternalCredential* external =
      project->FindExternalCredential(named->ExternalCredentialName());
  ASSERT_NE(external, nullptr);
  EXPECT_EQ(external->name, "Acme_Salesforce");
  EXPECT_EQ(external->Variant(), "ClientCredentialsClientSecret");
  EXPECT_THAT(external->Principals(), ElementsAre("Integration"));
  const CredentialParameter* url = external->Find("AuthProviderUrl");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(external->file->LineColumnOf(url->node.offset_debug() - 1), std::make_pair(9, 5));

  EXPECT_THAT(project->FindExternalCredential("Partner_IdP")->Principals(),
              ElementsAre("Reporting", "Billing"));
  EXPECT_EQ(project->FindExternalCredential("acme_salesforce"), nullptr);  // names are exact
  EXPECT_EQ(project->FindNamedCredential("Nope"), nullptr);
}

TEST(Credentials, ModelSurvivesMovingTheProject) {
  auto loaded = LoadProject(std::string(SFH_LINT_TESTDATA_DIR) + "/good-credentials");
  ASSERT_TRUE(loaded.has_value());
  const MetadataProject project = std::move(*loaded);
  const ExternalCredential* external = project.FindExternalCredential("Acme_Salesforce");
  ASSERT_NE(external, nullptr);
  EXPECT_EQ(std::string(external->file->root().name()), "ExternalCredential");
  EXPECT_EQ(external->TokenUrl(), "https://acme.my.salesforce.com/services/oauth2/token");
}

TEST(Credentials, MetadataApiFormatAndBrokenFilesInOneWalk) {
  ScratchDir dir;
  dir.Write("src/externalCredentials/Billing.externalCredential",
            "<ExternalCredential><authenticationProtocol>Custom</authenticationProtocol>"
            "</ExternalCredential>");
  dir.Write("src/namedCredentials/Billing_API.namedCredential", "<NamedCredential>");
  dir.Write("src/connectedApps/Old.connectedApp",
            "<ConnectedApp><label>Old</label></ConnectedApp>");
  dir.Write("src/namedCredentials/notes.txt", "not metadata");
  auto project = LoadProject(dir.path());
  ASSERT_TRUE(project.has_value()) << project.error();
  ASSERT_EQ(project->external_credentials.size(), 1u);
  EXPECT_EQ(project->external_credentials[0].name, "Billing");
  EXPECT_EQ(project->external_credentials[0].protocol, "Custom");
  ASSERT_EQ(project->connected_apps.size(), 1u);
  EXPECT_EQ(project->connected_apps[0].name, "Old");
  EXPECT_THAT(project->named_credentials, IsEmpty());
  ASSERT_EQ(project->unreadable.size(), 1u);
  EXPECT_EQ(project->unreadable[0].file, "src/namedCredentials/Billing_API.namedCredential");
  EXPECT_EQ(project->unreadable[0].rule_id, "xml-unparseable");
  EXPECT_EQ(project->FileCount(), 3u);
}

}  // namespace
}  // namespace sfh::lint
