#include "mock_server/scenario/scenario_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace sfh::mock {
namespace {

using ::testing::HasSubstr;

std::expected<ScenarioDocument, std::string> Parse(const char* text) {
  return ParseScenario(nlohmann::json::parse(text), "s.json");
}

TEST(ScenarioFile, ReadsAWholeScenario) {
  auto doc = Parse(R"({
    "id": "session/expires", "title": "Expiry", "teaches": "t", "tags": ["session"],
    "transport": "https",
    "org": {"my_domain": "globex", "kind": "sandbox", "session_timeout_minutes": 30,
            "users": [{"username": "int@globex.test", "active": true}],
            "apps": [{"name": "App", "client_id": "cid", "client_secret": "csecret",
                      "settings": {"client_credentials": true},
                      "policies": {"client_credentials": true, "run_as": "int@globex.test"},
                      "scopes": ["api", "refresh_token"]}],
            "records": {"Account": [{"Id": "001S7000001AbCd", "Name": "Globex"}]}},
    "faults": [{"on": "GET /services/data/*", "nth": 2, "do": "expire_sessions"}],
    "client": {"calls": 3},
    "expect": {"client": "succeeds"}
  })");
  ASSERT_TRUE(doc.has_value()) << doc.error();
  EXPECT_EQ(doc->id, "session/expires");
  EXPECT_TRUE(doc->tls);
  EXPECT_EQ(doc->org.kind, OrgKind::kSandbox);
  EXPECT_EQ(doc->org.session_timeout_minutes, 30);
  ASSERT_EQ(doc->org.apps.size(), 1u);
  EXPECT_EQ(doc->org.apps[0].run_as, "int@globex.test");
  EXPECT_FALSE(doc->org.apps[0].credentials_generated);
  ASSERT_EQ(doc->org.records["Account"].size(), 1u);
  EXPECT_EQ(doc->org.records["Account"][0].id, "001S7000001AbCdIAK");
  EXPECT_EQ(doc->org.records["Account"][0].fields.at("Name"), "Globex");
  EXPECT_EQ(doc->faults.size(), 1u);
  EXPECT_EQ(doc->client["calls"], 3);
}

TEST(ScenarioFile, DefaultsFillWhatIsLeftOut) {
  auto doc = Parse(R"({"id": "x", "title": "X", "org": {"apps": [{"name": "A"}]}})");
  ASSERT_TRUE(doc.has_value()) << doc.error();
  EXPECT_FALSE(doc->tls);
  EXPECT_EQ(doc->org.org_id.size(), 18u);
  EXPECT_EQ(doc->org.users.size(), 1u);
  EXPECT_EQ(doc->org.records["Account"].size(), 3u);
  EXPECT_TRUE(doc->org.apps[0].credentials_generated);
  EXPECT_EQ(doc->org.apps[0].client_id.substr(0, 5), "3MVG9");
  EXPECT_EQ(doc->org.apps[0].client_secret.size(), 64u);
}

TEST(ScenarioFile, ErrorsNameThePointerAndWhatWasExpected) {
  auto doc = Parse(R"({"id": 3, "titel": "typo",
                       "org": {"apps": [{"name": "A", "policies": {"run_as": false}}],
                               "kind": "prod"}})");
  ASSERT_FALSE(doc.has_value());
  EXPECT_THAT(doc.error(), HasSubstr("s.json: /id: expected a string, got an integer"));
  EXPECT_THAT(doc.error(), HasSubstr("s.json: /title: is required"));
  EXPECT_THAT(doc.error(), HasSubstr("s.json: /titel: unknown key"));
  EXPECT_THAT(doc.error(),
              HasSubstr("s.json: /org/apps/0/policies/run_as: expected a string, got a boolean"));
  EXPECT_THAT(doc.error(), HasSubstr("s.json: /org/kind: expected one of \"production\", "
                                     "\"sandbox\", \"developer\", \"scratch\", got \"prod\""));
}

// The org model's newer keys are as strict as the old ones.
TEST(ScenarioFile, AppUserAndRecordErrorsAreReported) {
  auto doc = Parse(R"({"id": "x", "title": "X", "org": {
      "users": [{"username": "u", "login_ip_ranges": ["10.0.0.9-10.0.0.1"]}],
      "apps": [{"name": "A", "settings": {"certificate": "not a pem"},
                "policies": {"permitted_users": "admins", "jwt_timeout_minutes": 7}}],
      "records": {"Widget": [], "Account": [{"Nam": "typo"}]}}})");
  ASSERT_FALSE(doc.has_value());
  EXPECT_THAT(doc.error(), HasSubstr("/org/users/0/login_ip_ranges: expected IPv4 ranges"));
  EXPECT_THAT(doc.error(), HasSubstr("/org/apps/0/settings/certificate: expected a PEM X.509"));
  EXPECT_THAT(doc.error(), HasSubstr("/org/apps/0/policies/permitted_users: expected one of"));
  EXPECT_THAT(doc.error(), HasSubstr("/org/apps/0/policies/jwt_timeout_minutes: expected one of"));
  EXPECT_THAT(doc.error(), HasSubstr("/org/records/Widget: unknown object 'Widget'"));
  EXPECT_THAT(doc.error(), HasSubstr("/org/records/Account/0/Nam: Account has no field 'Nam'"));
}

TEST(ScenarioFile, ReadsWireChoicesAndRefusesUnknownErrorIds) {
  auto doc = Parse(R"({"id": "x", "title": "X", "org": {"apps": [{"name": "A"}],
      "choices": {"scope_parameter": "ignore", "inactive_run_as_error": "token.ip_restricted"}}})");
  ASSERT_TRUE(doc.has_value()) << doc.error();
  EXPECT_FALSE(doc->org.choices.reject_scope_parameter);
  EXPECT_EQ(doc->org.choices.inactive_run_as_error, "token.ip_restricted");
  EXPECT_EQ(doc->org.choices.flow_off_in_policies_error, "token.unsupported_grant_type");
  auto bad = Parse(R"({"id": "x", "title": "X", "org": {"apps": [{"name": "A"}],
      "choices": {"flow_off_in_policies_error": "rest.NOT_FOUND"}}})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error(), HasSubstr("/org/choices/flow_off_in_policies_error: expected a token"));
}

TEST(ScenarioFile, AnOrgNeedsAnApp) {
  auto doc = Parse(R"({"id": "x", "title": "X"})");
  ASSERT_FALSE(doc.has_value());
  EXPECT_THAT(doc.error(), HasSubstr("/org/apps"));
}

TEST(ScenarioFile, FilesThatAreMissingOrNotJsonFailClearly) {
  auto missing = LoadScenarioFile("/nonexistent/dir/s.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error(), HasSubstr("/nonexistent/dir/s.json: cannot read"));

  const auto path = std::filesystem::temp_directory_path() / "sfh_scenario_bad.json";
  std::ofstream(path) << "{\"id\": \"x\",";
  auto bad = LoadScenarioFile(path);
  std::filesystem::remove(path);
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error(), HasSubstr("not valid JSON"));
}

}  // namespace
}  // namespace sfh::mock
