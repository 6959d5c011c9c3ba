// Finding and grouping the metadata files; positions from pugixml's offsets.
#include "lint/eca_project.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lint/linter.h"
#include "lint/project.h"
#include "lint/scratch_dir_testing.h"

namespace sfh::lint {
namespace {

using testing::ScratchDir;

TEST(EcaProject, KindsOfFileNamesInBothFormats) {
  EXPECT_EQ(KindOfFileName("A.eca-meta.xml"), EcaFileKind::kHeader);
  EXPECT_EQ(KindOfFileName("A.eca"), EcaFileKind::kHeader);
  EXPECT_EQ(KindOfFileName("A_glbloauth.ecaGlblOauth-meta.xml"), EcaFileKind::kGlobalOauth);
  EXPECT_EQ(KindOfFileName("A_oauth.ecaOauth"), EcaFileKind::kOauth);
  EXPECT_EQ(KindOfFileName("A_oauthPlcy.ecaOauthPlcy-meta.xml"), EcaFileKind::kOauthPolicies);
  EXPECT_EQ(KindOfFileName("A_plcy.ecaPlcy-meta.xml"), EcaFileKind::kPolicies);
  EXPECT_EQ(KindOfFileName("A.connectedApp-meta.xml"), std::nullopt);
  EXPECT_EQ(KindOfFileName("A.ecaOauth.bak"), std::nullopt);
  EXPECT_EQ(KindOfFileName(".eca"), std::nullopt);
}

TEST(EcaProject, LineAndColumnOfOffsets) {
  XmlFile file{"x", "ab\ncd\n\nef", {}};
  EXPECT_EQ(file.LineColumnOf(0), std::make_pair(1, 1));
  EXPECT_EQ(file.LineColumnOf(4), std::make_pair(2, 2));
  EXPECT_EQ(file.LineColumnOf(7), std::make_pair(4, 1));
  EXPECT_EQ(file.LineColumnOf(999), std::make_pair(4, 3));  // clamped to the end
}

TEST(EcaProject, GroupsByTheNamedAppThenByTheFileName) {
  ScratchDir dir;
  // Metadata API format (no -meta.xml); the policy file names its app in the element, whatever
  // the file is called; the settings file is grouped by its conventional name.
  dir.Write("src/externalClientApps/Billing.eca",
            "<ExternalClientApplication><label>B</label></ExternalClientApplication>");
  dir.Write("src/extlClntAppOauthPolicies/renamed.ecaOauthPlcy",
            "<ExtlClntAppOauthConfigurablePolicies>\n"
            "  <externalClientApplication>Billing</externalClientApplication>\n"
            "  <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n"
            "</ExtlClntAppOauthConfigurablePolicies>");
  dir.Write("src/extlClntAppGlobalOauthSets/Billing_glbloauth.ecaGlblOauth",
            "<ExtlClntAppGlobalOauthSettings/>");
  dir.Write("src/extlClntAppGlobalOauthSets/Other_glbloauth.ecaGlblOauth-meta.xml",
            "<ExtlClntAppGlobalOauthSettings/>");
  dir.Write("src/classes/Billing.cls", "public class Billing {}");
  auto project = LoadProject(dir.path());
  ASSERT_TRUE(project.has_value()) << project.error();
  EXPECT_THAT(project->unreadable, ::testing::IsEmpty());
  ASSERT_EQ(project->apps.size(), 2u);
  const EcaApp& billing = project->apps[0];
  EXPECT_EQ(billing.name, "Billing");
  EXPECT_EQ(billing.files.size(), 3u);
  ASSERT_NE(billing.file(EcaFileKind::kOauthPolicies), nullptr);
  EXPECT_EQ(billing.file(EcaFileKind::kOauthPolicies)->path,
            "src/extlClntAppOauthPolicies/renamed.ecaOauthPlcy");
  EXPECT_EQ(billing.file(EcaFileKind::kOauth), nullptr);
  EXPECT_EQ(project->apps[1].name, "Other");
}

TEST(EcaProject, NotADirectoryIsAnError) {
  auto missing = LoadProject("/nonexistent/sfh-lint");
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error(), ::testing::HasSubstr("is not a directory"));
}

TEST(EcaProject, EmptyFileIsUnparseableNotACrash) {
  ScratchDir dir;
  dir.Write("A_oauth.ecaOauth-meta.xml", "");
  auto result = Lint(dir.path());
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->findings.size(), 1u);
  EXPECT_EQ(result->findings[0].rule_id, "xml-unparseable");
  EXPECT_EQ(result->findings[0].line, 1);
  EXPECT_TRUE(HasErrors(*result));
}

// A metadata file over kMaxXmlFileBytes is not read (docs/LIMITS.md): one finding says so.
TEST(EcaProject, AFileOverTheBoundIsAFindingNotRead) {
  ScratchDir dir;
  dir.Write("A_oauth.ecaOauth-meta.xml", "<ExtlClntAppOauthSettings>" +
                                             std::string(kMaxXmlFileBytes, ' ') +
                                             "</ExtlClntAppOauthSettings>");
  auto result = Lint(dir.path());
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->findings.size(), 1u);
  EXPECT_EQ(result->findings[0].rule_id, "xml-unparseable");
  EXPECT_THAT(result->findings[0].message,
              ::testing::HasSubstr("more than the 8388608 lint reads"));
  EXPECT_TRUE(HasErrors(*result));
}

TEST(EcaProject, PolicyWithoutRunAsUserFoundInMetadataApiFormat) {
  ScratchDir dir;
  dir.Write("Billing_oauthPlcy.ecaOauthPlcy",
            "<ExtlClntAppOauthConfigurablePolicies>\n"
            "  <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n"
            "</ExtlClntAppOauthConfigurablePolicies>");
  auto result = Lint(dir.path());
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->findings.size(), 1u);
  EXPECT_EQ(result->findings[0].rule_id, "eca-no-run-as-user");
  EXPECT_EQ(result->findings[0].line, 2);
  EXPECT_EQ(result->findings[0].column, 3);
  EXPECT_THAT(result->findings[0].fix_setup, ::testing::HasSubstr("Billing"));
}

}  // namespace
}  // namespace sfh::lint
