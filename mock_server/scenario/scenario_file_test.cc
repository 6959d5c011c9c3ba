#include "mock_server/scenario/scenario_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "mock_server/mock_org.h"
#include "salesforce/jwt.h"

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

  // A number no double holds is refused like bad syntax (found by fuzz/scenario_fuzzer.cc: the
  // parser's out_of_range escaped, and sfharness and sfmock ended on std::terminate).
  const auto huge = std::filesystem::temp_directory_path() / "sfh_scenario_huge_number.json";
  std::ofstream(huge)
      << "{\"id\": \"x\", \"title\": \"t\", \"org\": {\"daily_api_limit\": 8e8888}}";
  auto overflow = LoadScenarioFile(huge);
  std::filesystem::remove(huge);
  ASSERT_FALSE(overflow.has_value());
  EXPECT_THAT(overflow.error(), HasSubstr("not valid JSON"));
  EXPECT_THAT(overflow.error(), HasSubstr("number overflow"));
}

// A directory of scenario files for one test, removed afterwards.
class ScenarioTree : public ::testing::Test {
 protected:
  ScenarioTree() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sfh-tree-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
    std::filesystem::create_directories(root_ / "happy");
    std::filesystem::create_directories(root_ / "setup");
    Write("happy/base.json", R"({
      "id": "happy/base", "title": "Base", "teaches": "the base", "tags": ["happy"],
      "org": {"my_domain": "acme", "users": [{"username": "u@acme.test"}],
              "apps": [{"name": "App", "scopes": ["api"],
                        "policies": {"run_as": "u@acme.test", "client_credentials": true}}]},
      "faults": [{"name": "slow", "on": "GET /services/data/*", "do": "delay", "delay_ms": 5}],
      "client": {"calls": 2}})");
  }
  ~ScenarioTree() override { std::filesystem::remove_all(root_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(root_ / name) << text;
  }
  std::filesystem::path root_;
};

TEST_F(ScenarioTree, ExtendsIsTheBasePlusOneChange) {
  Write("setup/flow-off.json", R"({
    "extends": "happy/base", "id": "setup/flow-off", "title": "Flow off",
    "org": {"apps": [{"name": "App", "policies": {"client_credentials": false}}]},
    "faults": [{"on": "/x", "do": "expire_sessions"}],
    "expect": {"client": "fails"}})");
  auto doc = LoadScenarioFile(root_ / "setup/flow-off.json", root_);
  ASSERT_TRUE(doc.has_value()) << doc.error();
  EXPECT_EQ(doc->id, "setup/flow-off");
  EXPECT_EQ(doc->title, "Flow off");
  EXPECT_EQ(doc->teaches, "");  // not inherited
  EXPECT_TRUE(doc->tags.empty());
  EXPECT_THAT(doc->extends, ::testing::ElementsAre("happy/base"));
  ASSERT_EQ(doc->org.apps.size(), 1u);  // merged by name, not appended
  EXPECT_FALSE(doc->org.apps[0].policies_client_credentials);
  EXPECT_EQ(doc->org.apps[0].run_as, "u@acme.test");  // kept from the base
  ASSERT_EQ(doc->faults.size(), 2u);                  // unnamed faults are added
  EXPECT_EQ(doc->faults[0].name, "slow");
  EXPECT_EQ(doc->faults[1].action, FaultAction::kExpireSessions);
  EXPECT_EQ(doc->client["calls"], 2);
  EXPECT_EQ(doc->expect["client"], "fails");
}

TEST_F(ScenarioTree, ExtendsChainsAndNullRemoves) {
  Write("setup/no-faults.json", R"({"extends": "happy/base.json", "id": "a", "title": "A",
                                    "faults": null})");
  Write("setup/chained.json", R"({"extends": "setup/no-faults", "id": "b", "title": "B",
                                  "org": {"kind": "sandbox"}})");
  auto doc = LoadScenarioFile(root_ / "setup/chained.json", root_);
  ASSERT_TRUE(doc.has_value()) << doc.error();
  EXPECT_THAT(doc->extends, ::testing::ElementsAre("setup/no-faults", "happy/base.json"));
  EXPECT_TRUE(doc->faults.empty());
  EXPECT_EQ(doc->org.kind, OrgKind::kSandbox);
  EXPECT_EQ(doc->org.my_domain, "acme");
}

TEST_F(ScenarioTree, ExtendsErrorsNameTheFileAndPointer) {
  Write("setup/cycle-a.json", R"({"extends": "setup/cycle-b", "id": "a", "title": "A"})");
  Write("setup/cycle-b.json", R"({"extends": "setup/cycle-a", "id": "b", "title": "B"})");
  auto cycle = LoadScenarioFile(root_ / "setup/cycle-a.json", root_);
  ASSERT_FALSE(cycle.has_value());
  EXPECT_THAT(cycle.error(), HasSubstr("cycle-a.json: /extends: \"setup/cycle-a\" extends itself"));

  Write("setup/missing.json", R"({"extends": "happy/nope", "id": "m", "title": "M"})");
  auto missing = LoadScenarioFile(root_ / "setup/missing.json", root_);
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error(), HasSubstr("/extends: no file \"happy/nope.json\" under the "
                                         "scenario root"));

  Write("setup/no-id.json", R"({"extends": "happy/base", "title": "T"})");
  auto no_id = LoadScenarioFile(root_ / "setup/no-id.json", root_);
  ASSERT_FALSE(no_id.has_value());
  EXPECT_THAT(no_id.error(), HasSubstr("/id: is required in a scenario that extends another"));

  Write("setup/bad-merge.json", R"({"extends": "happy/base", "id": "x", "title": "X",
                                    "org": {"apps": [{"name": "App", "policies": {"runas": 1}}]}})");
  auto bad = LoadScenarioFile(root_ / "setup/bad-merge.json", root_);
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error(), HasSubstr("bad-merge.json: /org/apps/0/policies/runas: unknown key"));
}

TEST_F(ScenarioTree, ReferencesCannotLeaveTheScenarioRoot) {
  const auto outside = root_.parent_path() / (root_.filename().string() + "-outside.json");
  std::ofstream(outside) << R"({"id": "o", "title": "O", "org": {"apps": [{"name": "A"}]}})";
  Write("setup/escape.json",
        R"({"extends": "../)" + outside.filename().string() + R"(", "id": "e", "title": "E"})");
  auto escape = LoadScenarioFile(root_ / "setup/escape.json", root_);
  std::filesystem::remove(outside);
  ASSERT_FALSE(escape.has_value());
  EXPECT_THAT(escape.error(), HasSubstr("is outside the scenario root"));

  Write("setup/absolute.json", R"({"extends": "/etc/passwd", "id": "a", "title": "A"})");
  auto absolute = LoadScenarioFile(root_ / "setup/absolute.json", root_);
  ASSERT_FALSE(absolute.has_value());
  EXPECT_THAT(absolute.error(), HasSubstr("expected a path relative to the scenario root"));

  std::filesystem::create_symlink("/etc", root_ / "etc-link");
  Write("setup/symlink.json", R"({"extends": "etc-link/hostname", "id": "s", "title": "S"})");
  auto symlink = LoadScenarioFile(root_ / "setup/symlink.json", root_);
  ASSERT_FALSE(symlink.has_value());
  EXPECT_THAT(symlink.error(), HasSubstr("is outside the scenario root"));

  // Without a root (a document sent to the admin API of an sfmock without --scenario-root),
  // nothing can be referenced.
  auto rootless = ParseScenario(nlohmann::json::parse(R"({"extends": "happy/base", "id": "r",
                                                          "title": "R"})"),
                                "admin", "");
  ASSERT_FALSE(rootless.has_value());
  EXPECT_THAT(rootless.error(), HasSubstr("admin: /extends: cannot be resolved"));
}

TEST_F(ScenarioTree, CertificateFileIsReadFromUnderTheRoot) {
  const auto key = salesforce::RsaKey::Generate(2048);
  ASSERT_TRUE(key.has_value());
  Write("happy/app.pem", *key->SelfSignedCertificatePem("app"));
  Write("setup/cert.json", R"({"extends": "happy/base", "id": "c", "title": "C",
      "org": {"apps": [{"name": "App", "settings": {"certificate_file": "happy/app.pem"}}]}})");
  auto doc = LoadScenarioFile(root_ / "setup/cert.json", root_);
  ASSERT_TRUE(doc.has_value()) << doc.error();
  EXPECT_THAT(doc->org.apps[0].certificate_pem, HasSubstr("-----BEGIN CERTIFICATE-----"));

  Write("setup/cert-missing.json", R"({"extends": "happy/base", "id": "c", "title": "C",
      "org": {"apps": [{"name": "App", "settings": {"certificate_file": "nope.pem"}}]}})");
  auto missing = LoadScenarioFile(root_ / "setup/cert-missing.json", root_);
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error(),
              HasSubstr("/org/apps/0/settings/certificate_file: no file \"nope.pem\""));
}

// The bounds of docs/LIMITS.md: extends 8 deep, a scenario file of 1 MiB, a referenced file of
// 64 KiB. Each refusal names the file and the bound.
TEST_F(ScenarioTree, ExtendsDepthAndFileSizesAreBounded) {
  // setup/d1 extends happy/base, setup/dN extends setup/d(N-1).
  for (int n = 1; n <= kMaxExtendsDepth + 1; ++n) {
    const std::string base = n == 1 ? "happy/base" : "setup/d" + std::to_string(n - 1);
    Write("setup/d" + std::to_string(n) + ".json",
          R"({"extends": ")" + base + R"(", "id": "d", "title": "D"})");
  }
  const std::string deepest = "setup/d" + std::to_string(kMaxExtendsDepth) + ".json";
  EXPECT_TRUE(LoadScenarioFile(root_ / deepest, root_).has_value());
  const std::string too_deep = "setup/d" + std::to_string(kMaxExtendsDepth + 1) + ".json";
  const auto refused = LoadScenarioFile(root_ / too_deep, root_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(refused.error(), HasSubstr("extends more than 8 scenarios deep"));

  // A file one byte over 1 MiB (spaces are valid JSON), directly and as a base.
  Write("setup/big.json", R"({"extends": "happy/base", "id": "b", "title": "B"})" +
                              std::string(kMaxScenarioFileBytes, ' '));
  const auto big = LoadScenarioFile(root_ / "setup/big.json", root_);
  ASSERT_FALSE(big.has_value());
  EXPECT_THAT(big.error(), HasSubstr("more than the 1048576 allowed"));
  Write("setup/on-big.json", R"({"extends": "setup/big", "id": "o", "title": "O"})");
  const auto on_big = LoadScenarioFile(root_ / "setup/on-big.json", root_);
  ASSERT_FALSE(on_big.has_value());
  EXPECT_THAT(on_big.error(), HasSubstr("/extends"));
  EXPECT_THAT(on_big.error(), HasSubstr("more than the 1048576 allowed"));

  Write("happy/huge.pem", std::string((64 << 10) + 1, 'A'));
  Write("setup/huge-cert.json", R"({"extends": "happy/base", "id": "c", "title": "C",
      "org": {"apps": [{"name": "App", "settings": {"certificate_file": "happy/huge.pem"}}]}})");
  const auto huge = LoadScenarioFile(root_ / "setup/huge-cert.json", root_);
  ASSERT_FALSE(huge.has_value());
  EXPECT_THAT(huge.error(), HasSubstr("/org/apps/0/settings/certificate_file"));
  EXPECT_THAT(huge.error(), HasSubstr("more than the 65536 allowed"));
}

TEST(MergeScenarioJson, MergesObjectsAndKeyedArraysAndReplacesTheRest) {
  auto base = nlohmann::json::parse(R"({"a": {"b": 1, "c": 2}, "tags": ["x", "y"],
      "users": [{"username": "u", "active": true}], "list": [{"v": 1}]})");
  MergeScenarioJson(base, nlohmann::json::parse(R"({"a": {"c": null, "d": 3}, "tags": ["z"],
      "users": [{"username": "u", "active": false}, {"username": "w"}], "list": [{"v": 2}]})"));
  EXPECT_EQ(base, nlohmann::json::parse(R"({"a": {"b": 1, "d": 3}, "tags": ["z"],
      "users": [{"username": "u", "active": false}, {"username": "w"}],
      "list": [{"v": 1}, {"v": 2}]})"));
}

TEST(ScenarioFile, TheOrgsClockStartsWhereTheScenarioSays) {
  auto doc = Parse(R"({"id": "x", "title": "X",
                       "org": {"clock": "2030-01-02T03:04:05.250Z", "apps": [{"name": "A"}]}})");
  ASSERT_TRUE(doc.has_value()) << doc.error();
  ASSERT_TRUE(doc->org.clock_start.has_value());
  EXPECT_EQ(FormatUtcMillis(*doc->org.clock_start), "2030-01-02T03:04:05.250Z");
  MockOrg mock(doc->org, doc->faults);
  const auto now = mock.clock().Now();
  EXPECT_GE(now, *doc->org.clock_start);
  EXPECT_LT(now, *doc->org.clock_start + std::chrono::hours(1));  // runs on from there

  auto bad =
      Parse(R"({"id": "x", "title": "X", "org": {"clock": "noon", "apps": [{"name": "A"}]}})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error(), HasSubstr("/org/clock: expected a UTC time"));
}

}  // namespace
}  // namespace sfh::mock
