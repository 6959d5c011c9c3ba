// The ca- rules on their fixture projects (lint/testdata/ca-*/, each good-connected-app/ with
// one change): the right rule at the right file, line and column, and nothing else.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lint/rules/all_rules.h"
#include "lint/rules/fixture_findings.h"

namespace sfh::lint {
namespace {

using testing::At;
using ::testing::ElementsAre;
using testing::FindingsIn;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kApp[] = "connectedApps/Acme_Billing.connectedApp-meta.xml";

TEST(ConnectedAppRules, GoodProjectHasNoFinding) {
  auto result = Lint(testing::FixturePath("good-connected-app"));
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->files, 1u);
  EXPECT_EQ(result->apps, 1u);
  EXPECT_EQ(result->credentials, 0u);
  EXPECT_THAT(FindingsIn("good-connected-app"), IsEmpty());
}

TEST(ConnectedAppRules, NoRunAsUserIsReportedOnTheFlowFlag) {
  EXPECT_THAT(FindingsIn("ca-no-run-as-user"),
              ElementsAre(At(kCaRunAsUserSet.id, kApp, 9, 9, "error")));
}

TEST(ConnectedAppRules, CommittedConsumerSecretIsReportedOnTheElement) {
  EXPECT_THAT(FindingsIn("ca-consumer-secret-committed"),
              ElementsAre(At(kCaNoConsumerSecretCommitted.id, kApp, 7, 9, "error")));
}

TEST(ConnectedAppRules, ConsumerSecretNeverAppearsInAFinding) {
  const auto texts = testing::TextsIn("ca-consumer-secret-committed");
  ASSERT_FALSE(texts.empty());
  for (const std::string& text : texts) {
    EXPECT_EQ(text.find("9F8E7D6C5B4A"), std::string::npos) << text;
  }
}

TEST(ConnectedAppRules, OnlyDroppedScopesMeanNoValidScopes) {
  EXPECT_THAT(FindingsIn("ca-no-valid-scopes"),
              ElementsAre(At(kCaSomeValidScope.id, kApp, 13, 9, "error")));
}

TEST(ConnectedAppRules, DroppedScopeIsReportedOnItsOwnElement) {
  EXPECT_THAT(FindingsIn("ca-dropped-scope"),
              ElementsAre(At(kCaNoDroppedScopes.id, kApp, 14, 9, "warning")));
}

TEST(ConnectedAppRules, NoApiScopeIsAWarning) {
  EXPECT_THAT(FindingsIn("ca-no-api-scope"),
              ElementsAre(At(kCaApiScopeGranted.id, kApp, 13, 9, "warning")));
}

TEST(ConnectedAppRules, FixesNameTheAppInSetupAndTheConnectedAppElements) {
  auto result = Lint(testing::FixturePath("ca-dropped-scope"));
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->findings.size(), 1u);
  const Finding& f = result->findings[0];
  EXPECT_THAT(f.message, HasSubstr("RefreshToken (refresh_token)"));
  EXPECT_THAT(f.fix_setup, HasSubstr("Setup > App Manager > Acme_Billing > Edit"));
  EXPECT_EQ(f.fix_metadata,
            "ConnectedApp: remove <scopes>RefreshToken</scopes> from <oauthConfig>");
}

}  // namespace
}  // namespace sfh::lint
