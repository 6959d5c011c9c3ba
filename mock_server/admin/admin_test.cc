// The admin API and tenant routing, through MockService without sockets.
#include "mock_server/admin/admin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mock_server/service.h"
#include "salesforce/form.h"

namespace sfh::mock {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

constexpr char kScenario[] = R"({
  "id": "admin/test", "title": "Admin",
  "org": {"my_domain": "acme", "users": [{"username": "u@acme.test"}],
          "apps": [{"name": "App", "client_id": "CID_ONE", "client_secret": "SECRET_ONE_123456",
                    "policies": {"run_as": "u@acme.test"}}]}})";

ScenarioDocument Scenario(const std::string& text) {
  auto doc = ParseScenario(Json::parse(text), "test");
  EXPECT_TRUE(doc.has_value()) << doc.error();
  return *doc;
}

std::string WithCredentials(std::string text, const std::string& id, const std::string& secret) {
  for (auto [from, to] :
       {std::pair<std::string, std::string>{"CID_ONE", id}, {"SECRET_ONE_123456", secret}}) {
    text.replace(text.find(from), from.size(), to);
  }
  return text;
}

class AdminTest : public ::testing::Test {
 protected:
  AdminTest() {
    EXPECT_TRUE(service_.Load("default", Scenario(kScenario)).has_value());
    service_.SetHostUrls({.my_domain = "http://127.0.0.1:1",
                          .login = "http://127.0.0.1:2",
                          .test = "http://127.0.0.1:3",
                          .legacy_instance = "http://127.0.0.1:4"});
  }
  HttpResponse Admin(std::string method, std::string target, std::string body = "",
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest r;
    r.method = std::move(method);
    r.target = target;
    const auto [path, query] = salesforce::SplitTarget(target);
    r.path = std::string(path);
    r.query = std::string(query);
    r.body = std::move(body);
    r.remote = "127.0.0.1:40000";
    for (auto& [n, v] : headers) r.headers.Add(n, v);
    return service_.Serve(r);
  }
  Json AdminJson(std::string method, std::string target, std::string body = "",
                 int expected_status = 200,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    auto r = Admin(std::move(method), std::move(target), std::move(body), std::move(headers));
    EXPECT_EQ(r.status, expected_status) << r.body;
    return r.body.empty() ? Json() : Json::parse(r.body);
  }
  // A token request as a client sends it; `tenant` adds the routing header.
  HttpResponse Token(const std::string& id, const std::string& secret,
                     const std::string& tenant = "") {
    HttpRequest r;
    r.method = "POST";
    r.path = r.target = "/services/oauth2/token";
    r.headers.Add("Content-Type", "application/x-www-form-urlencoded");
    if (!tenant.empty()) r.headers.Add("X-Sfmock-Tenant", tenant);
    r.body = salesforce::EncodeForm(
        {{"grant_type", "client_credentials"}, {"client_id", id}, {"client_secret", secret}});
    r.remote = "127.0.0.1:40001";
    return service_.Serve(r);
  }
  HttpResponse Rest(const std::string& token, const std::string& path = "/services/data/v67.0/") {
    HttpRequest r;
    r.method = "GET";
    r.path = r.target = path;
    r.headers.Add("Authorization", "Bearer " + token);
    r.remote = "127.0.0.1:40001";
    return service_.Serve(r);
  }
  MockService service_;
};

TEST_F(AdminTest, HealthAndUnknownRoutes) {
  EXPECT_EQ(AdminJson("GET", "/__admin/health")["status"], "ok");
  const Json unknown = AdminJson("GET", "/__admin/nope", "", 404);
  EXPECT_EQ(unknown["error"], "no_route");
  EXPECT_THAT(unknown["routes"].dump(), HasSubstr("PUT /__admin/scenario"));
}

TEST_F(AdminTest, OnlyLoopbackCallersWithoutAToken) {
  HttpRequest r;
  r.method = "GET";
  r.path = r.target = "/__admin/journal";
  r.remote = "10.1.2.3:5555";
  EXPECT_EQ(service_.Serve(r).status, 401);
  r.remote = "[::1]:5555";
  EXPECT_EQ(service_.Serve(r).status, 200);
}

TEST(AdminToken, IsRequiredWhenSetAndComparedExactly) {
  MockService service({.admin_token = "let-me-in"});
  ASSERT_TRUE(service.Load("default", Scenario(kScenario)).has_value());
  HttpRequest r;
  r.method = "GET";
  r.path = r.target = "/__admin/org";
  r.remote = "127.0.0.1:1";
  const auto refused = service.Serve(r);
  EXPECT_EQ(refused.status, 401);
  EXPECT_THAT(refused.body, HasSubstr("X-Sfmock-Admin-Token"));
  r.headers.Add("X-Sfmock-Admin-Token", "let-me-i");
  EXPECT_EQ(service.Serve(r).status, 401);
  r.headers.Set("X-Sfmock-Admin-Token", "let-me-in");
  r.remote = "10.0.0.7:1";  // with the token any caller may
  EXPECT_EQ(service.Serve(r).status, 200);
  // The viewer's page holds no data and loads without it.
  HttpRequest ui;
  ui.method = "GET";
  ui.path = ui.target = "/__admin/ui";
  ui.remote = "10.0.0.7:1";
  EXPECT_EQ(service.Serve(ui).status, 200);
}

TEST_F(AdminTest, LoadsReplacesAndResetsTheScenario) {
  ASSERT_EQ(Token("CID_ONE", "SECRET_ONE_123456").status, 200);
  EXPECT_EQ(AdminJson("GET", "/__admin/org")["sessions"], 1);
  EXPECT_EQ(AdminJson("GET", "/__admin/scenario")["id"], "admin/test");

  // Reset: the same scenario afresh.
  EXPECT_EQ(Admin("POST", "/__admin/reset").status, 204);
  EXPECT_EQ(AdminJson("GET", "/__admin/org")["sessions"], 0);
  EXPECT_EQ(AdminJson("GET", "/__admin/journal")["exchanges"].size(), 0u);

  // Replace: a broken scenario is refused with every problem, the old one stays.
  const Json refused =
      AdminJson("PUT", "/__admin/scenario",
                R"({"id": "x", "title": "X", "org": {"apps": [{"nam": "A"}]}})", 400);
  EXPECT_EQ(refused["error"], "invalid_scenario");
  EXPECT_THAT(refused["problems"].dump(), HasSubstr("/org/apps/0/nam: unknown key"));
  EXPECT_THAT(refused["problems"].dump(), HasSubstr("/org/apps/0/name: is required"));
  EXPECT_EQ(AdminJson("GET", "/__admin/scenario")["id"], "admin/test");
  EXPECT_EQ(Admin("PUT", "/__admin/scenario", "{not json").status, 400);

  Json next = Json::parse(WithCredentials(kScenario, "CID_TWO", "SECRET_TWO_123456"));
  next["id"] = "admin/next";
  const Json loaded = AdminJson("PUT", "/__admin/scenario", next.dump());
  EXPECT_EQ(loaded["scenario"]["id"], "admin/next");
  EXPECT_EQ(loaded["apps"][0]["client_id"], "CID_TWO");
  EXPECT_THAT(loaded.dump(), Not(HasSubstr("SECRET_TWO")));
  EXPECT_EQ(Token("CID_ONE", "SECRET_ONE_123456").status, 400);  // the old app is gone
  EXPECT_EQ(Token("CID_TWO", "SECRET_TWO_123456").status, 200);
}

TEST_F(AdminTest, ScenariosSentToTheAdminApiCannotReferenceFiles) {
  const Json refused =
      AdminJson("PUT", "/__admin/scenario",
                R"({"extends": "../../etc/passwd", "id": "x", "title": "X"})", 400);
  EXPECT_THAT(refused["problems"].dump(), HasSubstr("/extends: cannot be resolved"));
}

TEST_F(AdminTest, ArmsListsAndDisarmsFaults) {
  const Json armed = AdminJson("POST", "/__admin/faults",
                               R"({"name": "limit", "on": "GET /services/data/*", "do": "respond",
          "error": "rest.REQUEST_LIMIT_EXCEEDED", "times": "always"})",
                               201);
  ASSERT_EQ(armed["faults"].size(), 1u);
  EXPECT_EQ(armed["faults"][0]["fault"]["name"], "limit");

  const auto token = Json::parse(Token("CID_ONE", "SECRET_ONE_123456").body)["access_token"];
  const auto limited = Rest(token);
  EXPECT_EQ(limited.status, 403);
  EXPECT_EQ(limited.fault, "limit");
  const Json listed = AdminJson("GET", "/__admin/faults");
  EXPECT_EQ(listed["faults"][0]["fired"], 1);
  EXPECT_EQ(listed["state"], "Started");

  const Json bad = AdminJson("POST", "/__admin/faults", R"([{"on": "/x", "do": "explode"}])", 400);
  EXPECT_THAT(bad["problems"][0].get<std::string>(), HasSubstr("fault: /0/do: expected one of"));

  EXPECT_EQ(Admin("DELETE", "/__admin/faults/other").status, 404);
  EXPECT_EQ(Admin("DELETE", "/__admin/faults/limit").status, 204);
  EXPECT_EQ(Rest(token).status, 200);
}

TEST_F(AdminTest, StateMachineCanBeReadAndSet) {
  EXPECT_EQ(AdminJson("GET", "/__admin/state")["state"], "Started");
  AdminJson("POST", "/__admin/faults",
            R"({"on": "GET /services/data/*", "when_state": "broken", "do": "unavailable",
                "times": "always"})",
            201);
  const auto token = Json::parse(Token("CID_ONE", "SECRET_ONE_123456").body)["access_token"];
  EXPECT_EQ(Rest(token).status, 200);
  EXPECT_EQ(AdminJson("PUT", "/__admin/state", R"({"state": "broken"})")["state"], "broken");
  const auto unavailable = Rest(token);
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.headers.Get("Retry-After"), "30");
  EXPECT_EQ(Admin("PUT", "/__admin/state", R"({"state": 3})").status, 400);
}

TEST_F(AdminTest, JournalFiltersAndRedacts) {
  const auto token = Json::parse(Token("CID_ONE", "SECRET_ONE_123456").body)["access_token"];
  Rest(token);
  Rest(token, "/services/data/v67.0/limits");
  const Json all = AdminJson("GET", "/__admin/journal");
  ASSERT_EQ(all["exchanges"].size(), 3u);
  EXPECT_THAT(all.dump(), Not(HasSubstr("SECRET_ONE_123456")));
  EXPECT_THAT(all.dump(), Not(HasSubstr(token.get<std::string>())));
  EXPECT_EQ(all["exchanges"][1]["client_id"], "CID_ONE");  // named from the token
  EXPECT_EQ(
      AdminJson("GET", "/__admin/journal?method=GET&path=/services/data/*/limits")["exchanges"]
          .size(),
      1u);
  EXPECT_EQ(AdminJson("GET", "/__admin/journal?since=2")["exchanges"].size(), 1u);
  EXPECT_EQ(AdminJson("GET", "/__admin/journal?client_id=nobody")["exchanges"].size(), 0u);
  EXPECT_EQ(Admin("GET", "/__admin/journal?since=x").status, 400);
  EXPECT_EQ(Admin("DELETE", "/__admin/journal").status, 204);
  EXPECT_EQ(AdminJson("GET", "/__admin/journal")["exchanges"].size(), 0u);
}

TEST_F(AdminTest, NotesAreAddedListedAndPlacedAfterTheLastExchange) {
  const std::string journal_id = AdminJson("GET", "/__admin/journal")["journal_id"];
  EXPECT_FALSE(journal_id.empty());
  ASSERT_EQ(Token("CID_ONE", "SECRET_ONE_123456").status, 200);
  const Json added = AdminJson("POST", "/__admin/notes",
                               R"({"kind": "step", "title": "Step 1", "text": "The token."})", 201);
  EXPECT_EQ(added["id"], 1);
  EXPECT_EQ(added["after_seq"], 1);
  AdminJson("POST", "/__admin/notes", R"({"text": "Before it", "after_seq": 0})", 201);

  const Json notes = AdminJson("GET", "/__admin/notes?since=1");
  EXPECT_EQ(notes["journal_id"], journal_id);
  ASSERT_EQ(notes["notes"].size(), 1u);
  EXPECT_EQ(notes["notes"][0]["text"], "Before it");
  EXPECT_EQ(notes["notes"][0]["after_seq"], 0);
  EXPECT_EQ(notes["notes"][0]["kind"], "");
  EXPECT_EQ(AdminJson("GET", "/__admin/notes")["notes"].size(), 2u);

  // Bad notes and queries are refused with what was expected.
  for (const char* body : {R"({"title": "no text"})", R"({"text": 5})", R"({"text": "x", "y": 1})",
                           R"({"text": "x", "after_seq": -1})", R"(["text"])"}) {
    EXPECT_EQ(AdminJson("POST", "/__admin/notes", body, 400)["error"], "invalid_note") << body;
  }
  EXPECT_EQ(AdminJson("GET", "/__admin/notes?since=x", "", 400)["error"], "invalid_query");
  EXPECT_EQ(AdminJson("GET", "/__admin/notes?tenant=nobody", "", 404)["error"], "no_tenant");

  // A reset starts a new journal, with a new id and no notes.
  EXPECT_EQ(Admin("POST", "/__admin/reset").status, 204);
  const Json after = AdminJson("GET", "/__admin/notes");
  EXPECT_NE(after["journal_id"], journal_id);
  EXPECT_TRUE(after["notes"].empty());
}

TEST_F(AdminTest, NearMissesShowTheClosestRoutes) {
  const auto token = Json::parse(Token("CID_ONE", "SECRET_ONE_123456").body)["access_token"];
  Rest(token, "/services/data/v67.0/sobject/Account");
  const Json misses = AdminJson("GET", "/__admin/near-misses");
  ASSERT_EQ(misses["near_misses"].size(), 1u);
  const Json& miss = misses["near_misses"][0];
  EXPECT_EQ(miss["request"], "GET /services/data/v67.0/sobject/Account");
  EXPECT_EQ(miss["status"], 404);
  ASSERT_FALSE(miss["nearest"].empty());
  EXPECT_THAT(miss["nearest"][0]["route"].get<std::string>(), HasSubstr("/sobjects/"));
  EXPECT_THAT(miss["nearest"][0]["diff"].dump(), HasSubstr("sobjects"));
}

TEST_F(AdminTest, ClockMovesAndSessionsExpire) {
  const auto token = Json::parse(Token("CID_ONE", "SECRET_ONE_123456").body)["access_token"];
  EXPECT_EQ(Rest(token).status, 200);
  const std::string before = AdminJson("GET", "/__admin/clock")["now"];
  const std::string after =
      AdminJson("POST", "/__admin/clock", R"({"advance_seconds": 7201})")["now"];
  EXPECT_GT(after, before);
  EXPECT_EQ(Rest(token).status, 401);  // the two-hour session timed out
  EXPECT_EQ(AdminJson("POST", "/__admin/clock", R"({"now": "2030-01-02T03:04:05Z"})")["now"],
            "2030-01-02T03:04:05.000Z");
  EXPECT_EQ(Admin("POST", "/__admin/clock", R"({"advance_seconds": -5})").status, 400);
  EXPECT_EQ(Admin("POST", "/__admin/clock", R"({"now": "yesterday"})").status, 400);
}

TEST_F(AdminTest, OrgStateShowsWhatFaultsChanged) {
  AdminJson("POST", "/__admin/faults",
            R"([{"on": "/x", "do": "flow_off_in_policies"},
                {"on": "/x", "do": "exhaust_daily_limit"}])",
            201);
  Rest("", "/x");
  Rest("", "/x");
  const Json org = AdminJson("GET", "/__admin/org");
  EXPECT_EQ(org["apps"][0]["policies"]["client_credentials"], false);
  EXPECT_EQ(org["apps"][0]["policies"]["run_as"], "u@acme.test");
  EXPECT_EQ(org["api_usage"], org["daily_api_limit"]);
  EXPECT_THAT(org.dump(), Not(HasSubstr("SECRET_ONE")));
}

// ---- tenants ----

TEST_F(AdminTest, TenantsAreIsolatedAndFoundByCredentialsTokensOrHeader) {
  const Json second = AdminJson("PUT", "/__admin/scenario?tenant=suite-b",
                                WithCredentials(kScenario, "CID_B", "SECRET_B_123456"), 201);
  EXPECT_EQ(second["tenant"], "suite-b");
  // A third tenant may not claim a consumer key another serves.
  const Json clash = AdminJson("PUT", "/__admin/scenario?tenant=suite-c", kScenario, 409);
  EXPECT_THAT(clash["message"].get<std::string>(), HasSubstr("served by tenant \"default\""));

  // Found by the credentials alone, and the token then finds the same tenant.
  const auto a = Token("CID_ONE", "SECRET_ONE_123456");
  const auto b = Token("CID_B", "SECRET_B_123456");
  ASSERT_EQ(a.status, 200);
  ASSERT_EQ(b.status, 200);
  const std::string token_b = Json::parse(b.body)["access_token"];
  EXPECT_EQ(Rest(token_b).status, 200);
  EXPECT_EQ(AdminJson("GET", "/__admin/journal")["exchanges"].size(), 1u);
  EXPECT_EQ(AdminJson("GET", "/__admin/journal?tenant=suite-b")["exchanges"].size(), 2u);
  EXPECT_EQ(
      AdminJson("GET", "/__admin/journal", "", 200, {{"X-Sfmock-Tenant", "suite-b"}})["exchanges"]
          .size(),
      2u);

  // Faults armed for one tenant do not touch the other.
  AdminJson("POST", "/__admin/faults?tenant=suite-b",
            R"({"on": "/services/data/*", "do": "revoke_sessions"})", 201);
  const std::string token_a = Json::parse(a.body)["access_token"];
  EXPECT_EQ(Rest(token_a).status, 200);
  EXPECT_EQ(Rest(token_b).status, 401);

  // The header wins; an unknown tenant is a clear 404.
  const auto wrong = Token("CID_ONE", "SECRET_ONE_123456", "suite-b");
  EXPECT_EQ(wrong.status, 400);  // suite-b has no such app
  const auto none = Token("CID_ONE", "SECRET_ONE_123456", "nobody");
  EXPECT_EQ(none.status, 404);
  EXPECT_THAT(none.body, HasSubstr("no tenant \\\"nobody\\\""));

  EXPECT_EQ(AdminJson("GET", "/__admin/tenants").size(), 2u);
  EXPECT_EQ(Admin("DELETE", "/__admin/tenants/suite-b").status, 204);
  EXPECT_EQ(Rest(token_b).status, 401);  // now the default tenant's: unknown there
  EXPECT_EQ(Admin("GET", "/__admin/journal?tenant=suite-b").status, 404);
}

TEST_F(AdminTest, ATenantIsFoundAgainAfterASandboxRefresh) {
  AdminJson("PUT", "/__admin/scenario?tenant=b",
            WithCredentials(kScenario, "CID_B", "SECRET_B_123456"), 201);
  AdminJson("POST", "/__admin/faults?tenant=b", R"({"on": "/refresh", "do": "refresh_sandbox"})",
            201);
  const std::string old_org = AdminJson("GET", "/__admin/org?tenant=b")["org_id"];
  HttpRequest refresh;
  refresh.method = "GET";
  refresh.path = refresh.target = "/refresh";
  refresh.headers.Add("X-Sfmock-Tenant", "b");
  service_.Serve(refresh);
  const std::string new_org = AdminJson("GET", "/__admin/org?tenant=b")["org_id"];
  EXPECT_NE(new_org, old_org);
  const std::string token = Json::parse(Token("CID_B", "SECRET_B_123456").body)["access_token"];
  EXPECT_TRUE(token.starts_with(new_org.substr(0, 15)));
  EXPECT_EQ(Rest(token).status, 200);  // routed by the new org id
}

TEST_F(AdminTest, NamesInPathsArePercentDecodedAndBadInputIsRefused) {
  AdminJson("POST", "/__admin/faults", R"({"name": "expire once", "on": "/x", "do": "none"})", 201);
  EXPECT_EQ(Admin("DELETE", "/__admin/faults/expire%20once").status, 204);
  AdminJson("PUT", "/__admin/scenario?tenant=a%20b",
            WithCredentials(kScenario, "CID_AB", "SECRET_AB_1234567"), 201);
  EXPECT_EQ(Admin("DELETE", "/__admin/tenants/a%20b").status, 204);
  EXPECT_EQ(Admin("DELETE", "/__admin/tenants/%zz").status, 400);

  // A malformed query must not fall back to the default tenant.
  EXPECT_EQ(AdminJson("GET", "/__admin/journal?tenant=nobody&x=%zz", "", 400)["error"],
            "invalid_query");
  EXPECT_EQ(AdminJson("PUT", "/__admin/scenario?tenant=", kScenario, 400)["error"], "invalid_name");
  EXPECT_EQ(Admin("PUT", "/__admin/state", R"({"state": ""})").status, 400);
  EXPECT_EQ(Admin("PUT", "/__admin/state", R"({"state": "a", "extra": 1})").status, 400);

  const Json unknown_app =
      AdminJson("POST", "/__admin/faults",
                R"({"on": "/x", "do": "flow_off_in_settings", "app": "Nope"})", 400);
  EXPECT_THAT(unknown_app["problems"][0].get<std::string>(),
              HasSubstr("/app: no app named \"Nope\" in the org (it has \"App\")"));
  EXPECT_TRUE(AdminJson("GET", "/__admin/faults")["faults"].empty());
}

// Bodies that are not JSON, and bodies over the admin API's 1 MiB: the exact answers of
// docs/BAD_INPUT.md, and nothing changes.
TEST_F(AdminTest, BodiesThatAreNotJsonOrTooLargeAreRefusedExactly) {
  constexpr char kInvalidJson[] =
      R"({"error":"invalid_json","message":"the body is not valid JSON"})";
  for (const std::string body : {"{not json", "{\"on\": \"/x\", \"do\": \"\xff\"}", ""}) {
    for (const auto& [method, target] :
         {std::pair{"PUT", "/__admin/scenario"}, std::pair{"POST", "/__admin/faults"}}) {
      const auto r = Admin(method, target, body);
      EXPECT_EQ(r.status, 400) << target << " " << body;
      EXPECT_EQ(Json::parse(r.body), Json::parse(kInvalidJson)) << target << " " << body;
    }
  }
  const std::string big =
      R"({"on": "/x", "do": "none", "name": ")" + std::string(1 << 20, 'n') + R"("})";
  for (const auto& [method, target] :
       {std::pair{"PUT", "/__admin/scenario"}, std::pair{"POST", "/__admin/faults"}}) {
    const auto r = Admin(method, target, big);
    EXPECT_EQ(r.status, 413) << target;
    EXPECT_EQ(
        Json::parse(r.body),
        Json::parse(R"({"error":"too_large","message":"the body is larger than 1048576 bytes"})"))
        << target;
  }
  EXPECT_TRUE(AdminJson("GET", "/__admin/faults")["faults"].empty());
  EXPECT_EQ(Token("CID_ONE", "SECRET_ONE_123456").status, 200);  // the first scenario still serves
}

TEST(ScenarioFaults, NameOnlyAppsTheOrgHas) {
  auto doc = ParseScenario(Json::parse(R"({"id": "x", "title": "X",
      "org": {"apps": [{"name": "App"}]},
      "faults": [{"on": "/x", "do": "rotate_secret", "app": "Other"}]})"),
                           "s.json");
  ASSERT_FALSE(doc.has_value());
  EXPECT_THAT(doc.error(), HasSubstr("s.json: /faults/0/app: no app named \"Other\""));
}

}  // namespace
}  // namespace sfh::mock
