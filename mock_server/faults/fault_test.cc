#include "mock_server/faults/fault.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/scenario/json_reader.h"
#include "salesforce/encoding.h"
#include "salesforce/form.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

namespace sf = ::sfh::salesforce;

// A handler that answers 200 and counts calls, so the decorator's effect is visible.
class CountingHandler : public Handler {
 public:
  HttpResponse Handle(const HttpRequest&) override {
    ++calls;
    return HttpResponse{200, {}, R"({"ok":true})", ""};
  }
  int calls = 0;
};

HttpRequest Req(std::string method, std::string path, std::string client_id = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.path = r.target = std::move(path);
  r.client_id = std::move(client_id);
  return r;
}

FaultRule Parse(const std::string& text, JsonErrors& errors) {
  const auto json = nlohmann::json::parse(text);
  ObjectReader reader(json, "/faults/0", errors);
  return ReadFaultRule(reader);
}

FaultRule ParseOk(const std::string& text) {
  JsonErrors errors;
  FaultRule rule = Parse(text, errors);
  EXPECT_TRUE(errors.empty()) << errors.Format("fault");
  return rule;
}

class FaultInjectorTest : public ::testing::Test {
 protected:
  FaultInjectorTest() : org_(TwoApps(), clock_) {}
  static OrgConfig TwoApps() {
    OrgConfig c;
    c.org_id = "00DS7000000oxzoMAA";
    c.users.push_back({"u@x.test", "005S7000000AbCdIAK", true});
    c.apps.push_back(AppConfig{
        .name = "A", .client_id = "idA", .client_secret = "secretA", .run_as = "u@x.test"});
    c.apps.push_back(AppConfig{
        .name = "B", .client_id = "idB", .client_secret = "secretB", .run_as = "u@x.test"});
    return c;
  }
  Session NewSession(int app = 0) {
    return org_.IssueSession(org_.config().apps[app], org_.config().users[0], {.scope = "api"});
  }
  // Which of `n` requests to `path` the injector marks as fired, 1-based.
  std::vector<int> Fired(FaultInjector& injector, int n, const std::string& path = "/x",
                         const std::string& client_id = "") {
    std::vector<int> out;
    for (int i = 1; i <= n; ++i) {
      if (!injector.Handle(Req("GET", path, client_id)).fault.empty()) out.push_back(i);
    }
    return out;
  }
  ManualClock clock_;
  Org org_;
  CountingHandler inner_;
};

// ---- triggers ----

TEST_F(FaultInjectorTest, FiresOnTheNthMatchOnceByDefault) {
  FaultInjector injector(inner_, org_, {ParseOk(R"({"on": "GET /x", "nth": 2, "do": "none"})")});
  EXPECT_THAT(Fired(injector, 5), ::testing::ElementsAre(2));
  EXPECT_EQ(inner_.calls, 5);  // "none" lets the org answer
}

TEST_F(FaultInjectorTest, IgnoresRequestsOfOtherMethodsPathsAndHosts) {
  FaultInjector injector(
      inner_, org_,
      {ParseOk(R"({"on": "POST /services/*", "host": "login", "times": "always", "do": "none"})")});
  EXPECT_EQ(injector.Handle(Req("GET", "/services/oauth2/token")).fault, "");
  EXPECT_EQ(injector.Handle(Req("POST", "/other")).fault, "");
  HttpRequest on_my_domain = Req("POST", "/services/oauth2/token");
  EXPECT_EQ(injector.Handle(on_my_domain).fault, "");
  HttpRequest on_login = on_my_domain;
  on_login.host = VirtualHost::kLogin;
  EXPECT_EQ(injector.Handle(on_login).fault, "none");
}

TEST_F(FaultInjectorTest, EveryNthKeepsFiring) {
  FaultInjector injector(inner_, org_, {ParseOk(R"({"on": "/x", "every": 3, "do": "none"})")});
  EXPECT_THAT(Fired(injector, 10), ::testing::ElementsAre(3, 6, 9));
}

TEST_F(FaultInjectorTest, EveryNthFromAGivenStartAndTimesLimit) {
  FaultInjector injector(
      inner_, org_, {ParseOk(R"({"on": "/x", "nth": 2, "every": 2, "times": 3, "do": "none"})")});
  EXPECT_THAT(Fired(injector, 12), ::testing::ElementsAre(2, 4, 6));
}

TEST_F(FaultInjectorTest, AlwaysFiresOnEveryMatchFromTheNth) {
  FaultInjector injector(inner_, org_,
                         {ParseOk(R"({"on": "/x", "nth": 3, "times": "always", "do": "none"})")});
  EXPECT_THAT(Fired(injector, 5), ::testing::ElementsAre(3, 4, 5));
}

TEST_F(FaultInjectorTest, FiresOnlyAfterTheGivenTimeOnTheMocksClock) {
  FaultInjector injector(
      inner_, org_,
      {ParseOk(R"({"on": "/x", "after_seconds": 7200, "times": "always", "do": "none"})")});
  EXPECT_TRUE(Fired(injector, 2).empty());
  clock_.Advance(std::chrono::minutes(119));
  EXPECT_TRUE(Fired(injector, 2).empty());
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_THAT(Fired(injector, 2), ::testing::ElementsAre(1, 2));
}

TEST_F(FaultInjectorTest, ProbabilityIsSeededAndSoRepeatable) {
  const std::string rule =
      R"({"on": "/x", "probability": 0.3, "seed": 42, "times": "always", "do": "none"})";
  FaultInjector first(inner_, org_, {ParseOk(rule)});
  FaultInjector second(inner_, org_, {ParseOk(rule)});
  const auto a = Fired(first, 1000);
  EXPECT_EQ(a, Fired(second, 1000));
  // Roughly 30%: a generous band, so only a broken draw fails.
  EXPECT_GT(a.size(), 200u);
  EXPECT_LT(a.size(), 400u);
  FaultInjector other_seed(
      inner_, org_,
      {ParseOk(R"({"on": "/x", "probability": 0.3, "seed": 7, "times": "always", "do": "none"})")});
  EXPECT_NE(a, Fired(other_seed, 1000));
}

TEST_F(FaultInjectorTest, WatchesOneClientIdOnly) {
  FaultInjector injector(
      inner_, org_,
      {ParseOk(R"({"on": "/x", "client_id": "idB", "times": "always", "do": "none"})")});
  EXPECT_TRUE(Fired(injector, 3, "/x", "idA").empty());
  EXPECT_TRUE(Fired(injector, 1, "/x", "").empty());
  EXPECT_THAT(Fired(injector, 2, "/x", "idB"), ::testing::ElementsAre(1, 2));
}

TEST_F(FaultInjectorTest, StateMachineOrdersAStory) {
  // First the session expires once; only after that does the token endpoint refuse, once.
  FaultInjector injector(
      inner_, org_,
      {ParseOk(R"({"name": "expire", "on": "GET /services/data/*", "do": "expire_sessions",
                  "set_state": "expired"})"),
       ParseOk(R"({"name": "refuse", "on": "POST /services/oauth2/token", "when_state": "expired",
                  "do": "respond", "error": "token.invalid_client", "set_state": "done"})")});
  EXPECT_EQ(injector.state(), "Started");
  EXPECT_EQ(injector.Handle(Req("POST", "/services/oauth2/token")).fault, "");
  EXPECT_EQ(injector.Handle(Req("GET", "/services/data/v67.0/")).fault, "expire");
  EXPECT_EQ(injector.state(), "expired");
  const auto refused = injector.Handle(Req("POST", "/services/oauth2/token"));
  EXPECT_EQ(refused.fault, "refuse");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(injector.state(), "done");
  EXPECT_EQ(injector.Handle(Req("POST", "/services/oauth2/token")).fault, "");
  injector.SetState("expired");
  EXPECT_EQ(injector.Handle(Req("POST", "/services/oauth2/token")).fault, "");  // spent: once
}

TEST_F(FaultInjectorTest, OneFaultPerRequestTheFirstArmedWins) {
  FaultInjector injector(inner_, org_,
                         {ParseOk(R"({"name": "first", "on": "/x", "do": "none"})"),
                          ParseOk(R"({"name": "second", "on": "/x", "do": "none"})")});
  EXPECT_EQ(injector.Handle(Req("GET", "/x")).fault, "first");
  EXPECT_EQ(injector.Handle(Req("GET", "/x")).fault, "second");
}

TEST_F(FaultInjectorTest, ArmListDisarm) {
  FaultInjector injector(inner_, org_, {});
  injector.Arm(ParseOk(R"({"name": "n", "on": "/x", "times": 2, "do": "none"})"));
  Fired(injector, 3);
  auto listed = injector.List();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].matches, 2);  // a spent rule stops watching
  EXPECT_EQ(listed[0].fired, 2);
  EXPECT_EQ(FaultRuleJson(listed[0].rule)["times"], 2);
  EXPECT_FALSE(injector.Disarm("other"));
  EXPECT_TRUE(injector.Disarm("n"));
  EXPECT_TRUE(injector.List().empty());
}

// ---- answers ----

TEST_F(FaultInjectorTest, RespondAnswersACatalogueErrorInsteadOfTheOrg) {
  FaultInjector injector(
      inner_, org_,
      {ParseOk(R"({"name": "limit", "on": "/services/data/*", "times": "always", "do": "respond",
                  "error": "rest.REQUEST_LIMIT_EXCEEDED"})")});
  for (int i = 0; i < 3; ++i) {
    const auto r = injector.Handle(Req("GET", "/services/data/v65.0/"));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(
        r.body,
        R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])");
    EXPECT_EQ(r.fault, "limit");
  }
  EXPECT_EQ(inner_.calls, 0);
}

TEST_F(FaultInjectorTest, UnavailableAnswers503WithRetryAfter) {
  FaultInjector injector(
      inner_, org_, {ParseOk(R"({"on": "/x", "do": "unavailable", "retry_after_seconds": 17})")});
  const auto r = injector.Handle(Req("GET", "/x"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.headers.Get("Retry-After"), "17");
  EXPECT_THAT(r.body, HasSubstr("SERVER_UNAVAILABLE"));
  EXPECT_EQ(inner_.calls, 0);
}

// A handler answering a fixed body, to see what a fault does to the org's answer.
class FixedHandler : public Handler {
 public:
  explicit FixedHandler(int status, std::string body) : status_(status), body_(std::move(body)) {}
  HttpResponse Handle(const HttpRequest&) override { return HttpResponse{status_, {}, body_, ""}; }

 private:
  int status_;
  std::string body_;
};

TEST_F(FaultInjectorTest, TamperSignatureSpoilsOnlyATokenResponsesSignature) {
  const std::string id = "https://login.salesforce.com/id/00DS7000000oxzoMAA/005S7000000AbCdIAK";
  const std::string good = sf::TokenSignature("secretA", id, "1764000000000");
  const nlohmann::ordered_json token = {
      {"access_token", "00D!x"}, {"signature", good}, {"id", id}, {"issued_at", "1764000000000"}};
  FixedHandler org(200, token.dump());
  FaultInjector injector(org, org_,
                         {ParseOk(R"({"on": "POST /services/oauth2/token", "times": "always",
                                      "do": "tamper_signature"})")});
  const auto r = injector.Handle(Req("POST", "/services/oauth2/token"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.fault, "tamper_signature");
  const auto body = nlohmann::ordered_json::parse(r.body);
  EXPECT_NE(body["signature"], good);
  EXPECT_EQ(body["signature"].get<std::string>().size(), good.size());
  // Everything else, in the same order, is the org's.
  auto rest = body;
  rest["signature"] = good;
  EXPECT_EQ(rest.dump(), token.dump());

  // An error answer, or one without a signature, passes unchanged.
  FixedHandler refusing(400, R"({"error":"invalid_client"})");
  FaultInjector on_error(refusing, org_, {ParseOk(R"({"on": "*", "do": "tamper_signature"})")});
  EXPECT_EQ(on_error.Handle(Req("POST", "/services/oauth2/token")).body,
            R"({"error":"invalid_client"})");
  FixedHandler jwt(200, R"({"access_token":"a.b.c","issued_at":1764000000000})");
  FaultInjector on_jwt(jwt, org_, {ParseOk(R"({"on": "*", "do": "tamper_signature"})")});
  EXPECT_EQ(on_jwt.Handle(Req("POST", "/services/oauth2/token")).body,
            R"({"access_token":"a.b.c","issued_at":1764000000000})");
}

// ---- state changes ----

TEST_F(FaultInjectorTest, ExpireSessions) {
  FaultInjector injector(inner_, org_, {ParseOk(R"({"on": "/x", "do": "expire_sessions"})")});
  const Session s = NewSession();
  injector.Handle(Req("GET", "/x"));
  EXPECT_FALSE(org_.Authenticate(s.access_token).has_value());
  const Session later = NewSession();
  injector.Handle(Req("GET", "/x"));  // once
  EXPECT_TRUE(org_.Authenticate(later.access_token).has_value());
  EXPECT_EQ(inner_.calls, 2);
}

TEST_F(FaultInjectorTest, RevokeSessions) {
  FaultInjector injector(inner_, org_, {ParseOk(R"({"on": "*", "do": "revoke_sessions"})")});
  const Session s = NewSession();
  injector.Handle(Req("GET", "/anything"));
  EXPECT_FALSE(org_.FindLiveToken(s.access_token).has_value());
}

TEST_F(FaultInjectorTest, MigrateInstanceMovesNewTokensAndKeepsLiveOnes) {
  org_.SetHostUrls(
      {.my_domain = "http://md", .login = "http://login", .legacy_instance = "http://na1"});
  FaultInjector injector(inner_, org_, {ParseOk(R"({"on": "/x", "do": "migrate_instance"})")});
  const Session before = NewSession();
  EXPECT_EQ(before.instance_url, "http://md");
  injector.Handle(Req("GET", "/x"));
  EXPECT_EQ(org_.config().instance_url, InstanceUrlHost::kLegacyInstance);
  EXPECT_EQ(NewSession().instance_url, "http://na1");
  EXPECT_TRUE(org_.Authenticate(before.access_token).has_value());

  FaultInjector back(inner_, org_,
                     {ParseOk(R"({"on": "/x", "do": "migrate_instance", "to": "my_domain"})")});
  back.Handle(Req("GET", "/x"));
  EXPECT_EQ(NewSession().instance_url, "http://md");
}

TEST_F(FaultInjectorTest, RefreshSandboxGivesANewOrgIdAndDropsEveryToken) {
  FaultInjector injector(inner_, org_, {ParseOk(R"({"on": "/x", "do": "refresh_sandbox"})")});
  const Session s = NewSession();
  const std::string old_id = org_.config().org_id;
  const std::string my_domain = org_.config().my_domain;
  injector.Handle(Req("GET", "/x"));
  EXPECT_NE(org_.config().org_id, old_id);
  EXPECT_EQ(org_.config().org_id.substr(0, 3), "00D");
  EXPECT_EQ(org_.config().my_domain, my_domain);
  EXPECT_EQ(org_.SessionCount(), 0u);
  EXPECT_FALSE(org_.FindLiveToken(s.access_token).has_value());
  EXPECT_TRUE(NewSession().access_token.starts_with(org_.config().org_id.substr(0, 15)));
}

TEST_F(FaultInjectorTest, RotateSecretChangesOneAppsSecretAndRedactsTheNewOne) {
  FaultInjector injector(inner_, org_,
                         {ParseOk(R"({"on": "/x", "do": "rotate_secret", "app": "B"})")});
  injector.Handle(Req("GET", "/x"));
  EXPECT_EQ(org_.config().apps[0].client_secret, "secretA");
  const std::string fresh = org_.config().apps[1].client_secret;
  EXPECT_NE(fresh, "secretB");
  EXPECT_EQ(fresh.size(), 64u);
  EXPECT_THAT(org_.redactor().Redact("s=" + fresh), ::testing::Not(HasSubstr(fresh)));

  FaultInjector given(inner_, org_,
                      {ParseOk(R"({"on": "/x", "do": "rotate_secret", "secret": "NEWSECRET99"})")});
  given.Handle(Req("GET", "/x"));
  EXPECT_EQ(org_.config().apps[0].client_secret, "NEWSECRET99");
  EXPECT_EQ(org_.config().apps[1].client_secret, "NEWSECRET99");  // no app: every app
  EXPECT_EQ(FaultRuleJson(given.List()[0].rule)["secret"], "[REDACTED]");
}

TEST_F(FaultInjectorTest, SwitchesTheFlowOffInSettingsOrPolicies) {
  FaultInjector injector(inner_, org_,
                         {ParseOk(R"({"on": "/s", "do": "flow_off_in_settings", "app": "A"})"),
                          ParseOk(R"({"on": "/p", "do": "flow_off_in_policies"})")});
  injector.Handle(Req("GET", "/s"));
  EXPECT_FALSE(org_.config().apps[0].settings_client_credentials);
  EXPECT_TRUE(org_.config().apps[1].settings_client_credentials);
  EXPECT_TRUE(org_.config().apps[0].policies_client_credentials);
  injector.Handle(Req("GET", "/p"));
  EXPECT_FALSE(org_.config().apps[0].policies_client_credentials);
  EXPECT_FALSE(org_.config().apps[1].policies_client_credentials);
}

TEST_F(FaultInjectorTest, UnsetsDeactivatesOrFreezesTheRunAsUser) {
  FaultInjector injector(inner_, org_,
                         {ParseOk(R"({"on": "/unset", "do": "unset_run_as", "app": "A"})"),
                          ParseOk(R"({"on": "/deactivate", "do": "deactivate_run_as"})"),
                          ParseOk(R"({"on": "/freeze", "do": "freeze_run_as"})")});
  injector.Handle(Req("GET", "/unset"));
  EXPECT_FALSE(org_.config().apps[0].run_as.has_value());
  EXPECT_EQ(org_.config().apps[1].run_as, "u@x.test");
  injector.Handle(Req("GET", "/deactivate"));
  EXPECT_FALSE(org_.config().users[0].active);
  EXPECT_FALSE(org_.config().users[0].frozen);
  injector.Handle(Req("GET", "/freeze"));
  EXPECT_TRUE(org_.config().users[0].frozen);
}

TEST_F(FaultInjectorTest, ExhaustsTheDailyAndTheConcurrentLimit) {
  FaultInjector injector(
      inner_, org_,
      {ParseOk(R"({"on": "/daily", "do": "exhaust_daily_limit"})"),
       ParseOk(R"({"on": "/concurrent", "do": "exhaust_concurrent_limit", "seconds": 30})")});
  injector.Handle(Req("GET", "/daily"));
  EXPECT_EQ(org_.api_usage(), org_.config().daily_api_limit);
  EXPECT_FALSE(org_.ConcurrentLimitExhausted());
  injector.Handle(Req("GET", "/concurrent"));
  EXPECT_TRUE(org_.ConcurrentLimitExhausted());
  clock_.Advance(std::chrono::seconds(30));
  EXPECT_FALSE(org_.ConcurrentLimitExhausted());
}

// ---- wire faults ----

TEST_F(FaultInjectorTest, WireFaultsAreHandedToTheWireLayer) {
  struct Case {
    const char* rule;
    WireFault::Kind kind;
    bool org_answers;
  };
  for (const Case& c : {
           Case{R"({"on": "/x", "do": "delay", "delay_ms": 250})", WireFault::Kind::kDelay, true},
           Case{R"({"on": "/x", "do": "hang", "max_seconds": 2})", WireFault::Kind::kHang, false},
           Case{R"({"on": "/x", "do": "reset"})", WireFault::Kind::kReset, false},
           Case{R"({"on": "/x", "do": "empty"})", WireFault::Kind::kEmpty, false},
           Case{R"({"on": "/x", "do": "malformed"})", WireFault::Kind::kMalformed, true},
           Case{R"({"on": "/x", "do": "truncated"})", WireFault::Kind::kTruncated, true},
       }) {
    SCOPED_TRACE(c.rule);
    CountingHandler inner;
    FaultInjector injector(inner, org_, {ParseOk(c.rule)});
    const auto r = injector.Handle(Req("GET", "/x"));
    EXPECT_EQ(r.wire.kind, c.kind);
    EXPECT_EQ(inner.calls, c.org_answers ? 1 : 0);
    EXPECT_FALSE(r.fault.empty());
    if (c.kind == WireFault::Kind::kDelay) {
      EXPECT_EQ(r.wire.delay, milliseconds(250));
    }
    if (c.kind == WireFault::Kind::kHang) {
      EXPECT_EQ(r.wire.delay, milliseconds(2000));
    }
    EXPECT_EQ(injector.Handle(Req("GET", "/x")).wire.kind, WireFault::Kind::kNone);
  }
}

TEST_F(FaultInjectorTest, RandomDelayStaysInItsRangeAndIsSeeded) {
  const std::string rule =
      R"({"on": "/x", "do": "delay", "delay_ms": [10, 50], "seed": 3, "times": "always"})";
  FaultInjector a(inner_, org_, {ParseOk(rule)});
  FaultInjector b(inner_, org_, {ParseOk(rule)});
  std::set<int64_t> seen;
  for (int i = 0; i < 50; ++i) {
    const auto d = a.Handle(Req("GET", "/x")).wire.delay;
    EXPECT_GE(d.count(), 10);
    EXPECT_LE(d.count(), 50);
    EXPECT_EQ(d, b.Handle(Req("GET", "/x")).wire.delay);
    seen.insert(d.count());
  }
  EXPECT_GT(seen.size(), 5u);
}

// ---- client ids ----

TEST_F(FaultInjectorTest, ClientIdOfReadsCredentialsAssertionsAndTokens) {
  HttpRequest basic = Req("POST", "/services/oauth2/token");
  basic.headers.Add("Authorization", "Basic " + sf::Base64Encode("idA:secretA"));
  EXPECT_EQ(ClientIdOf(org_, basic), "idA");

  HttpRequest body = Req("POST", "/services/oauth2/token");
  body.headers.Add("Content-Type", "application/x-www-form-urlencoded");
  body.body = "grant_type=client_credentials&client_id=idB&client_secret=x";
  EXPECT_EQ(ClientIdOf(org_, body), "idB");

  HttpRequest query = Req("GET", "/services/oauth2/authorize");
  query.query = "response_type=code&client_id=idA";
  EXPECT_EQ(ClientIdOf(org_, query), "idA");

  const Session s = NewSession(1);
  HttpRequest bearer = Req("GET", "/services/data/v67.0/");
  bearer.headers.Add("Authorization", "Bearer " + s.access_token);
  EXPECT_EQ(ClientIdOf(org_, bearer), "idB");
  org_.ExpireAllSessions();
  EXPECT_EQ(ClientIdOf(org_, bearer), "idB");  // an expired token still names its app

  HttpRequest revoke = Req("POST", "/services/oauth2/revoke");
  revoke.headers.Add("Content-Type", "application/x-www-form-urlencoded");
  revoke.body = "token=" + sf::PercentEncode(s.access_token);
  EXPECT_EQ(ClientIdOf(org_, revoke), "idB");

  EXPECT_EQ(ClientIdOf(org_, Req("GET", "/services/data/")), "");
}

// ---- reading ----

TEST(ReadFaultRule, ReadsTheScenarioForm) {
  const FaultRule rule =
      ParseOk(R"({"on": "GET /services/data/*", "nth": 2, "do": "expire_sessions"})");
  EXPECT_EQ(rule.method, "GET");
  EXPECT_EQ(rule.path, "/services/data/*");
  EXPECT_EQ(rule.nth, 2);
  EXPECT_EQ(rule.times, 1);
  EXPECT_EQ(rule.action, FaultAction::kExpireSessions);
  EXPECT_EQ(rule.name, "expire_sessions");
}

TEST(ReadFaultRule, RoundTripsThroughItsJson) {
  for (const char* text : {
           R"({"name": "a", "on": "GET /x", "do": "delay", "delay_ms": [5, 9], "nth": 2,
               "every": 3, "times": 4, "probability": 0.5, "seed": 9, "host": "login",
               "client_id": "c", "when_state": "s1", "set_state": "s2", "after_seconds": 60})",
           R"({"name": "b", "on": "/y", "do": "migrate_instance", "to": "legacy_instance"})",
           R"({"name": "c", "on": "/z", "do": "hang", "max_seconds": 5, "times": "always"})",
       }) {
    SCOPED_TRACE(text);
    const FaultRule rule = ParseOk(text);
    const auto json = FaultRuleJson(rule);
    const FaultRule again = ParseOk(json.dump());
    EXPECT_EQ(FaultRuleJson(again), json);
  }
}

TEST(ReadFaultRule, ReportsEveryProblemWithItsPointer) {
  JsonErrors errors;
  Parse(R"({"on": "services", "nth": 0, "do": "explode", "error": "nope", "extra": 1})", errors);
  const std::string text = errors.Format("f.json");
  EXPECT_THAT(text, HasSubstr("f.json: /faults/0/on: expected \"[METHOD] /path/glob\""));
  EXPECT_THAT(text, HasSubstr("/faults/0/nth: expected an integer from 1"));
  EXPECT_THAT(text, HasSubstr("/faults/0/do: expected one of respond, unavailable,"));
  EXPECT_THAT(text, HasSubstr("/faults/0/error: \"nope\" is not a catalogue entry id"));
  EXPECT_THAT(text, HasSubstr("/faults/0/extra: unknown key"));
}

TEST(ReadFaultRule, RefusesParametersOfAnotherAction) {
  JsonErrors errors;
  Parse(R"({"on": "/x", "do": "expire_sessions", "error": "rest.NOT_FOUND", "delay_ms": 5})",
        errors);
  const std::string text = errors.Format("f.json");
  EXPECT_THAT(text, HasSubstr("/faults/0/error: only goes with \"do\": respond"));
  EXPECT_THAT(text, HasSubstr("/faults/0/delay_ms: only goes with \"do\": delay"));
}

TEST(ReadFaultRule, RefusesBadTriggerValues) {
  JsonErrors errors;
  Parse(R"({"on": "/x", "do": "delay", "delay_ms": [50, 10], "times": "sometimes",
            "probability": 1.5, "host": "pod", "to": "x"})",
        errors);
  const std::string text = errors.Format("f.json");
  EXPECT_THAT(text, HasSubstr("/faults/0/delay_ms: expected milliseconds"));
  EXPECT_THAT(text, HasSubstr("/faults/0/times: expected an integer from 1 to 1000000 or"));
  EXPECT_THAT(text, HasSubstr("/faults/0/probability: expected a number from 0 to 1"));
  EXPECT_THAT(text, HasSubstr("/faults/0/host: expected \"my_domain\""));
  EXPECT_THAT(text, HasSubstr("/faults/0/to: only goes with \"do\": migrate_instance"));
  JsonErrors missing;
  Parse(R"({"on": "/x", "do": "respond"})", missing);
  EXPECT_THAT(missing.Format("f"), HasSubstr("/faults/0/error: is required"));
}

}  // namespace
}  // namespace sfh::mock
