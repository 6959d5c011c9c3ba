#include "mock_server/faults/fault.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mock_server/scenario/json_reader.h"

namespace sfh::mock {
namespace {

using ::testing::HasSubstr;

// A handler that answers 200 and counts calls, so the decorator's effect is visible.
class CountingHandler : public Handler {
 public:
  HttpResponse Handle(const HttpRequest&) override {
    ++calls;
    return HttpResponse{200, {}, "inner", ""};
  }
  int calls = 0;
};

HttpRequest Req(std::string method, std::string path) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = r.target = std::move(path);
  return r;
}

FaultRule Parse(const char* text, JsonErrors& errors) {
  const auto json = nlohmann::json::parse(text);
  ObjectReader reader(json, "/faults/0", errors);
  return ReadFaultRule(reader);
}

class FaultInjectorTest : public ::testing::Test {
 protected:
  FaultInjectorTest() : org_(OrgWithOneUser(), clock_) {}
  static OrgConfig OrgWithOneUser() {
    OrgConfig c;
    c.org_id = "00DS7000000oxzoMAA";
    c.users.push_back({"u@x.test", "005S7000000AbCdIAK", true});
    c.apps.push_back(AppConfig{.name = "A", .client_id = "id", .client_secret = "secret"});
    return c;
  }
  ManualClock clock_;
  Org org_;
  CountingHandler inner_;
};

TEST_F(FaultInjectorTest, ExpiresSessionsOnTheNthMatchOnly) {
  FaultRule rule{.name = "expire", .method = "GET", .path = "/services/data/*", .nth = 2};
  FaultInjector injector(inner_, org_, {rule});
  const Session s = org_.IssueSession(org_.config().apps[0], org_.config().users[0], {.scope = "api"});

  EXPECT_EQ(injector.Handle(Req("POST", "/services/oauth2/token")).fault, "");
  EXPECT_EQ(injector.Handle(Req("GET", "/services/data/v65.0/query")).fault, "");
  EXPECT_TRUE(org_.Authenticate(s.access_token).has_value());
  EXPECT_EQ(injector.Handle(Req("GET", "/services/data/v65.0/query")).fault, "expire");
  EXPECT_FALSE(org_.Authenticate(s.access_token).has_value());
  // Once: a new session survives later matches.
  const Session s2 = org_.IssueSession(org_.config().apps[0], org_.config().users[0], {.scope = "api"});
  EXPECT_EQ(injector.Handle(Req("GET", "/services/data/v65.0/query")).fault, "");
  EXPECT_TRUE(org_.Authenticate(s2.access_token).has_value());
  EXPECT_EQ(inner_.calls, 4);  // the org still answered every request
}

TEST_F(FaultInjectorTest, RespondReplacesTheAnswerAndRepeatKeepsFiring) {
  FaultRule rule{.name = "limit", .path = "/services/data/*", .nth = 1, .repeat = true,
                 .action = FaultAction::kRespond, .error = "rest.REQUEST_LIMIT_EXCEEDED"};
  FaultInjector injector(inner_, org_, {rule});
  for (int i = 0; i < 3; ++i) {
    const auto r = injector.Handle(Req("GET", "/services/data/v65.0/"));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body,
              R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])");
    EXPECT_EQ(r.fault, "limit");
  }
  EXPECT_EQ(inner_.calls, 0);
}

TEST_F(FaultInjectorTest, RevokeSessions) {
  FaultRule rule{.path = "*", .action = FaultAction::kRevokeSessions};
  FaultInjector injector(inner_, org_, {rule});
  const Session s = org_.IssueSession(org_.config().apps[0], org_.config().users[0], {.scope = "api"});
  injector.Handle(Req("GET", "/anything"));
  EXPECT_FALSE(org_.Authenticate(s.access_token).has_value());
}

TEST(ReadFaultRule, ReadsTheScenarioForm) {
  JsonErrors errors;
  const FaultRule rule =
      Parse(R"({"on": "GET /services/data/*", "nth": 2, "do": "expire_sessions"})", errors);
  EXPECT_TRUE(errors.empty()) << errors.Format("t");
  EXPECT_EQ(rule.method, "GET");
  EXPECT_EQ(rule.path, "/services/data/*");
  EXPECT_EQ(rule.nth, 2);
  EXPECT_EQ(rule.action, FaultAction::kExpireSessions);
  EXPECT_EQ(rule.name, "expire_sessions");
}

TEST(ReadFaultRule, ReportsEveryProblemWithItsPointer) {
  JsonErrors errors;
  Parse(R"({"on": "services", "nth": 0, "do": "explode", "error": "nope", "extra": 1})", errors);
  const std::string text = errors.Format("f.json");
  EXPECT_THAT(text, HasSubstr("f.json: /faults/0/on: expected \"[METHOD] /path/glob\""));
  EXPECT_THAT(text, HasSubstr("/faults/0/nth: expected an integer from 1"));
  EXPECT_THAT(text, HasSubstr("/faults/0/do: expected one of"));
  EXPECT_THAT(text, HasSubstr("/faults/0/error: \"nope\" is not a catalogue entry id"));
  EXPECT_THAT(text, HasSubstr("/faults/0/extra: unknown key"));
}

}  // namespace
}  // namespace sfh::mock
