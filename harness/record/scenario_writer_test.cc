// The scenario a recording becomes, from hand-made exchanges: what is kept, what is replaced, what
// is left out, and that the strict loader reads it.
#include "harness/record/scenario_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "harness/scenario/scenario.h"
#include "salesforce/catalogue.h"
#include "salesforce/record_id.h"

namespace sfh::harness::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace sf = ::sfh::salesforce;

const std::string kOrgId = *sf::To18("00DS7000000Quux");
const std::string kUserId = *sf::To18("005S7000000Quux");
// 18 characters, as the REST API sends ids.
const std::string kAccountId = *sf::To18("001S7000001Quux");
constexpr char kToken[] = "00DS7000000Quux!AQ0AQSessionKeyThatIsSecret.QuuxOrg";
constexpr char kSecret[] = "QUUXSECRET000000000000000000000000000000000000000000000000000000";

mock::Exchange MakeExchange(std::string method, std::string target, int status,
                            std::string response_body, std::string request_body = "") {
  mock::Exchange e;
  e.request.method = std::move(method);
  e.request.target = target;
  const size_t q = target.find('?');
  e.request.path = target.substr(0, q);
  if (q != std::string::npos) e.request.query = target.substr(q + 1);
  e.request.tls = true;
  e.request.body = std::move(request_body);
  if (!e.request.body.empty()) {
    e.request.headers.Add("Content-Type", "application/x-www-form-urlencoded");
  }
  e.response.status = status;
  e.response.headers.Add("Content-Type", "application/json;charset=UTF-8");
  e.response.body = std::move(response_body);
  return e;
}

mock::Exchange TokenExchange(const std::string& access_token, const std::string& scope) {
  nlohmann::json body = {
      {"access_token", access_token},
      {"instance_url", "https://quuxcorp.my.salesforce.com"},
      {"id", std::string("https://login.salesforce.com/id/") + kOrgId + "/" + kUserId},
      {"token_type", "Bearer"},
      {"issued_at", "1764400000000"},
      {"signature", "c2lnbmF0dXJl"}};
  if (!scope.empty()) body["scope"] = scope;
  return MakeExchange("POST", "/services/oauth2/token", 200, body.dump(),
                      std::string("grant_type=client_credentials&client_id=3MVG9Quux&"
                                  "client_secret=") +
                          kSecret);
}

std::string QueryAnswer() {
  const nlohmann::json body = {
      {"totalSize", 3},
      {"done", true},
      {"records",
       {{{"attributes",
          {{"type", "Account"},
           {"url", std::string("/services/data/v62.0/sobjects/Account/") + kAccountId}}},
         {"Id", kAccountId},
         {"Name", "Quuxcorp Holdings"},
         {"AnnualRevenue", 5000000},
         {"Tier__c", "Platinum Quux"},
         {"Score__c", 7},
         {"Active__c", true},
         {"Owner", {{"Name", "Quux Owner"}}}},
        {{"attributes", {{"type", "Contact"}}},
         {"Id", *sf::To18("003S7000000Quux")},
         {"LastName", "Quuxman"},
         {"AccountId", kAccountId},
         {"Email", "q@quuxcorp.example"}},
        {{"attributes", {{"type", "Quux_Widget__c"}}}, {"Id", *sf::To18("a01S7000000Quux")}}}}};
  return body.dump();
}

RecordedSession Session() {
  RecordedSession session;
  session.domain = "quuxcorp.my.salesforce.com";
  session.api_version = "60.0";
  session.calls = 2;
  session.recorded_at = std::chrono::system_clock::from_time_t(1780000000);  // 2026-05-28
  session.exchanges = {
      MakeExchange("GET", "/.well-known/openid-configuration", 200,
                   R"({"issuer":"https://quuxcorp.my.salesforce.com"})"),
      TokenExchange(kToken, "api"),
      MakeExchange("GET",
                   "/services/data/v62.0/query?q=SELECT+Name+FROM+Account+WHERE+Name%3D"
                   "%27Quuxcorp+Holdings%27",
                   200, QueryAnswer()),
      MakeExchange("GET", std::string("/services/data/v62.0/sobjects/Account/") + kAccountId, 200,
                   nlohmann::json({{"attributes", {{"type", "Account"}}},
                                   {"Id", kAccountId},
                                   {"Name", "Quuxcorp Holdings"},
                                   {"Phone", "+1 555 0199"}})
                       .dump()),
      MakeExchange(
          "GET", std::string("/id/") + kOrgId + "/" + kUserId, 200,
          nlohmann::json({{"username", "svc@quuxcorp.example"}, {"organization_id", kOrgId}})
              .dump()),
      MakeExchange("POST", "/services/oauth2/revoke", 200, "", "token=" + std::string(kToken)),
  };
  return session;
}

// Every value of the org in the session above.
const std::vector<std::string> kOrgValues = {"00DS7000000Quux",
                                             "005S7000000Quux",
                                             "001S7000001Quux",
                                             "003S7000000Quux",
                                             "a01S7000000Quux",
                                             "Quux",
                                             "quux",
                                             kSecret,
                                             "SessionKey",
                                             "3MVG9",
                                             "555 0199",
                                             "Platinum"};

TEST(RecordedScenario, ReplacesEveryValueOfTheOrg) {
  const RecordedScenario recorded = BuildRecordedScenario(Session());
  const std::string text = recorded.json.dump(2);
  for (const auto& value : kOrgValues) EXPECT_THAT(text, Not(HasSubstr(value))) << value;
  EXPECT_THAT(text, Not(HasSubstr("salesforce.com")));
}

TEST(RecordedScenario, DescribesTheOrgAsTheMockNeedsIt) {
  const RecordedScenario recorded = BuildRecordedScenario(Session());
  const auto& org = recorded.json["org"];
  EXPECT_EQ(recorded.json["id"], "recorded/2026-05-28T20-26-40Z");
  EXPECT_EQ(org["my_domain"], "recorded");
  EXPECT_EQ(org["kind"], "production");
  EXPECT_FALSE(org.contains("org_id"));
  EXPECT_EQ(org["latest_api_version"], 62);  // from the paths: the client did not list versions
  EXPECT_EQ(org["users"],
            nlohmann::ordered_json::parse(R"([{"username":"integration@recorded.test"}])"));
  const auto& app = org["apps"][0];
  EXPECT_EQ(app["name"], "Recorded App");
  EXPECT_FALSE(app.contains("client_id"));
  EXPECT_FALSE(app.contains("client_secret"));
  EXPECT_EQ(app["scopes"], nlohmann::ordered_json::array({"api"}));
  EXPECT_EQ(app["settings"]["jwt_access_tokens"], false);
  EXPECT_EQ(app["policies"]["run_as"], "integration@recorded.test");
  EXPECT_EQ(recorded.json["client"]["calls"], 2);
  EXPECT_EQ(recorded.json["expect"]["client"], "succeeds");
  EXPECT_EQ(recorded.json["transport"], "https");
  EXPECT_FALSE(recorded.json.contains("faults"));
  EXPECT_THAT(recorded.json["title"].get<std::string>(),
              HasSubstr("live production org on 2026-05-28 (API v62.0)"));
  EXPECT_EQ(recorded.tokens, 1u);
}

TEST(RecordedScenario, KeepsRecordsWithConsistentStandIns) {
  const RecordedScenario recorded = BuildRecordedScenario(Session());
  const auto& records = recorded.json["org"]["records"];
  ASSERT_TRUE(records.contains("Account"));
  ASSERT_EQ(records["Account"].size(), 1u);  // the query's and the read's are one record
  const auto& account = records["Account"][0];
  const std::string id = account["Id"];
  EXPECT_EQ(id.substr(0, 3), "001");
  EXPECT_EQ(sf::To18(id.substr(0, 15)), id);
  EXPECT_EQ(account["Name"], "Name 1");
  EXPECT_EQ(account["Tier__c"], "Tier__c 1");
  EXPECT_EQ(account["Score__c"], 7);  // numbers and booleans stay
  EXPECT_EQ(account["Active__c"], true);
  EXPECT_EQ(account["Phone"], "Phone 1");           // joined from the record read
  EXPECT_FALSE(account.contains("AnnualRevenue"));  // not a field the mock knows
  EXPECT_FALSE(account.contains("Owner"));          // a relationship
  const auto& contact = records["Contact"][0];
  EXPECT_EQ(contact["AccountId"], id);  // the reference follows the account's stand-in
  EXPECT_EQ(contact["Email"], "Email 1");
  EXPECT_FALSE(records.contains("Quux_Widget__c"));
  EXPECT_EQ(recorded.records, 2u);
  EXPECT_EQ(recorded.records_skipped, 1u);
  EXPECT_EQ(recorded.fields_skipped, 2u);
  // The request list names the same stand-in, never a query's values.
  const std::string teaches = recorded.json["teaches"];
  EXPECT_THAT(teaches, HasSubstr("GET /services/data/v62.0/sobjects/Account/" + id + " -> 200"));
  EXPECT_THAT(teaches, HasSubstr("GET /services/data/v62.0/query?q=... -> 200"));
  EXPECT_THAT(teaches, HasSubstr("POST /services/oauth2/token -> 200"));
}

TEST(RecordedScenario, PrefersTheVersionListTheOrgAnswered) {
  RecordedSession session = Session();
  session.exchanges.insert(session.exchanges.begin(),
                           MakeExchange("GET", "/services/data/", 200,
                                        R"([{"version":"63.0","url":"/services/data/v63.0"},)"
                                        R"({"version":"64.0","url":"/services/data/v64.0"}])"));
  EXPECT_EQ(BuildRecordedScenario(session).json["org"]["latest_api_version"], 64);
  session.exchanges.clear();
  EXPECT_EQ(BuildRecordedScenario(session).json["org"]["latest_api_version"], 60);
}

TEST(RecordedScenario, KnowsTheKindFromTheDomainAlone) {
  RecordedSession session = Session();
  for (const auto& [domain, kind] : std::vector<std::pair<std::string, std::string>>{
           {"quuxcorp--uat.sandbox.my.salesforce.com", "sandbox"},
           {"https://quuxcorp-dev-ed.develop.my.salesforce.com", "developer"},
           {"quuxcorp-dev-ed.scratch.my.salesforce.com", "scratch"},
           {"https://127.0.0.1:8443", "production"}}) {
    session.domain = domain;
    const RecordedScenario recorded = BuildRecordedScenario(session);
    EXPECT_EQ(recorded.json["org"]["kind"], kind) << domain;
    EXPECT_THAT(recorded.json.dump(), Not(HasSubstr("quuxcorp"))) << domain;
  }
}

TEST(RecordedScenario, ATokenThatIsAJwtSetsTheAppsSwitch) {
  RecordedSession session = Session();
  session.exchanges[1] = TokenExchange("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJxdXV4In0.c2ln", "api web");
  const RecordedScenario recorded = BuildRecordedScenario(session);
  const auto& app = recorded.json["org"]["apps"][0];
  EXPECT_EQ(app["settings"]["jwt_access_tokens"], true);
  EXPECT_EQ(app["scopes"], nlohmann::ordered_json::array({"api", "web"}));
  EXPECT_EQ(recorded.json["org"]["choices"]["jwt_response_has_signature"], true);
}

TEST(RecordedScenario, ReplaysTheOrgsRefusalsAsFaults) {
  RecordedSession session = Session();
  session.client_succeeded = false;
  const auto* invalid_session = sf::FindCatalogueEntry("rest.INVALID_SESSION_ID");
  ASSERT_NE(invalid_session, nullptr);
  // The second query answers INVALID_SESSION_ID, then the org is unavailable, then a proxy error.
  session.exchanges.push_back(
      MakeExchange("GET", "/services/data/v62.0/query?q=x", 401, sf::ErrorBody(*invalid_session)));
  auto unavailable = MakeExchange("GET", "/services/data/v62.0/query?q=x", 503, "[]");
  unavailable.response.headers.Add("Retry-After", "7");
  session.exchanges.push_back(unavailable);
  session.exchanges.push_back(
      MakeExchange("GET", "/services/data/v62.0/limits", 502, R"({"error":"SFHARNESS_UPSTREAM"})"));
  const RecordedScenario recorded = BuildRecordedScenario(session);
  ASSERT_TRUE(recorded.json.contains("faults"));
  const auto& faults = recorded.json["faults"];
  ASSERT_EQ(faults.size(), 2u);
  EXPECT_EQ(faults[0]["on"], "GET /services/data/v62.0/query");
  EXPECT_EQ(faults[0]["nth"], 2);
  EXPECT_EQ(faults[0]["do"], "respond");
  EXPECT_EQ(faults[0]["error"], "rest.INVALID_SESSION_ID");
  EXPECT_EQ(faults[1]["nth"], 3);
  EXPECT_EQ(faults[1]["do"], "unavailable");
  EXPECT_EQ(faults[1]["retry_after_seconds"], 7);
  EXPECT_EQ(recorded.errors_not_replayed, 1u);
  EXPECT_EQ(recorded.json["expect"]["client"], "fails");
}

TEST(RecordedScenario, LoadsWithTheStrictLoader) {
  RecordedSession session = Session();
  session.id = "recorded/by-a-test";
  session.client_succeeded = false;
  const auto* invalid_session = sf::FindCatalogueEntry("rest.INVALID_SESSION_ID");
  session.exchanges.push_back(
      MakeExchange("GET", "/services/data/v62.0/query?q=x", 401, sf::ErrorBody(*invalid_session)));
  const RecordedScenario recorded = BuildRecordedScenario(session);
  const auto file = std::filesystem::temp_directory_path() /
                    ("sfh-record-writer-" + std::to_string(getpid()) + ".json");
  {
    std::ofstream out(file);
    out << recorded.json.dump(2);
  }
  const auto loaded = LoadScenario(file);
  std::filesystem::remove(file);
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(loaded->document.id, "recorded/by-a-test");
  EXPECT_EQ(loaded->expect.client, ExpectedClientOutcome::kFails);
  EXPECT_EQ(loaded->workload.calls, 2);
  EXPECT_EQ(loaded->document.faults.size(), 1u);
  EXPECT_EQ(loaded->document.org.records.at("Account").size(), 1u);
  EXPECT_EQ(loaded->document.org.apps.at(0).run_as, "integration@recorded.test");
}

}  // namespace
}  // namespace sfh::harness::record
