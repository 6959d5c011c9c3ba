// The route table against the real routers, both ways: every route's example is routed and the
// org handler serves it, every typo is not routed and the handler answers it 404 NOT_FOUND; then
// the near misses of typical typos, with their diff lines.
#include "mock_server/endpoints/routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "mock_server/endpoints/endpoint_test_support.h"
#include "mock_server/org/org_config.h"

namespace sfh::mock {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// OrgHandler's and rest.cc's answer to a path no route serves.
constexpr char kNotFound[] =
    R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])";

// The methods the wire hands to the org (wire/mock_server.cc registers GET, which also takes
// HEAD, POST, PUT, PATCH, DELETE and OPTIONS).
const std::vector<std::string> kWireMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                               "PATCH", "DELETE", "OPTIONS"};

// Wrong paths: near a route, served by none; the handler answers each 404 NOT_FOUND.
const std::vector<std::string> kTypos = {
    "/",
    "/services",
    "/services/oauth2",
    "/services/oauth2/tokens",
    "/services/oauth2/token/",
    "/services/OAuth2/token",
    "/services/oauth2/revoke/",
    "/services/oauth2/userInfo",
    "/.well-known/openid-configuration/",
    "/.well-known/openid_configuration",
    "/id",
    "/id/",
    "/id/keyz",
    "/id/keys/",
    "/services/datax",
    "/services//data/v67.0",
    "/services/data/v67/limits",
    "/services/data/V67.0/limits",
    "/services/data/67.0/limits",
    "/services/data/v67.1/limits",
    "/services/data/Latest/limits",
    "/services/data/v67.0/limit",
    "/services/data/v67.0/limits/Max",
    "/services/data/v67.0/querys",
    "/services/data/v67.0/Query",
    "/services/data/v67.0/queryall",
    "/services/data/v67.0/query/01gS7000000abcdIAA-1/next",
    "/services/data/v67.0/sobject",
    "/services/data/v67.0/sobject/Account",
    "/services/data/v67.0/SObjects/Account",
    "/services/data/v67.0/sobjects/Account/describe/layouts",
    "/services/data/v67.0/sobjects/Account/Name/Acme",
    "/services/data/v67.0/composite",
    "/services/data/v67.0/search",
    "/services/data/v67.0/tooling/query",
};

// A route's pattern with its placeholders filled.
struct Values {
  std::string version = "v67.0";
  std::string object = "Account";
  std::string id;
  std::string locator;
  std::string org_id;
  std::string user_id;
};

std::string Fill(std::string_view pattern, const Values& values) {
  std::string path(pattern);
  const std::pair<std::string_view, const std::string*> fills[] = {
      {"v{version}", &values.version}, {"{object}", &values.object}, {"{id}", &values.id},
      {"{locator}", &values.locator},  {"{orgId}", &values.org_id},  {"{userId}", &values.user_id}};
  for (const auto& [name, value] : fills) {
    if (const size_t at = path.find(name); at != std::string::npos) {
      path.replace(at, name.size(), *value);
    }
  }
  EXPECT_EQ(path.find('{'), std::string::npos) << "a placeholder left unfilled: " << path;
  return path;
}

constexpr std::string_view kDataPrefix = "/services/data";

bool IsDataRoute(const Route& route) { return route.pattern.starts_with(kDataPrefix); }

// The demo org (three accounts) served without sockets, a live api token, and a real query
// locator (batches of one record).
class RoutesHandlerTest : public ::testing::Test {
 protected:
  RoutesHandlerTest() : client_(BatchesOfOne()) {
    const Org& org = client_.org();
    token_ = client_.org()
                 .IssueSession(org.config().apps[0], org.config().users[0], {.scope = "api"})
                 .access_token;
    values_.id = org.config().records.at("Account").front().id;
    values_.org_id = org.config().org_id;
    values_.user_id = org.config().users[0].id;
    const auto page = client_.Get("/services/data/v67.0/query?q=SELECT+Id+FROM+Account", token_);
    const std::string next = testing::JsonBody(page)["nextRecordsUrl"];
    values_.locator = next.substr(next.rfind('/') + 1);
  }

  static OrgConfig BatchesOfOne() {
    OrgConfig config = DemoOrgConfig();
    config.query_batch_size = 1;
    return config;
  }

  // `method` on `target` with the token, and for POST an empty form.
  HttpResponse Send(const std::string& method, const std::string& target) {
    HttpRequest r;
    r.host = VirtualHost::kMyDomain;
    r.method = method;
    r.target = target;
    r.headers.Add("Authorization", "Bearer " + token_);
    if (method == "POST") r.headers.Add("Content-Type", "application/x-www-form-urlencoded");
    return client_.Send(std::move(r));
  }

  static bool IsNoRouteAnswer(const HttpResponse& response) {
    return response.status == 404 && response.body == kNotFound;
  }

  testing::EndpointClient client_;
  std::string token_;
  Values values_;
};

TEST(RoutesTest, TableIsWellFormed) {
  EXPECT_THAT(Routes(), SizeIs(20));
  std::set<std::string_view> patterns;
  for (const Route& route : Routes()) {
    EXPECT_TRUE(route.pattern.starts_with('/')) << route.pattern;
    EXPECT_FALSE(route.pattern.ends_with('/')) << route.pattern;
    EXPECT_FALSE(route.methods.empty()) << route.pattern;
    EXPECT_FALSE(route.what.empty()) << route.pattern;
    EXPECT_EQ(route.what.find('\n'), std::string_view::npos) << route.pattern;
    EXPECT_TRUE(patterns.insert(route.pattern).second) << "listed twice: " << route.pattern;
  }
}

TEST(RoutesTest, MatchesPatterns) {
  EXPECT_TRUE(IsRouted("POST", "/services/oauth2/token"));
  EXPECT_FALSE(IsRouted("GET", "/services/oauth2/token"));
  EXPECT_TRUE(IsRouted("GET", "/services/data"));
  EXPECT_TRUE(IsRouted("GET", "/services/data/"));
  EXPECT_TRUE(IsRouted("HEAD", "/services/data/v67.0"));
  EXPECT_TRUE(IsRouted("GET", "/services/data/latest/limits"));
  EXPECT_TRUE(IsRouted("GET", "/services/data/v31.0/sobjects/Account/describe"));
  EXPECT_TRUE(IsRouted("GET", "/services/data/v67.0//sobjects///Account/"));
  EXPECT_FALSE(IsRouted("POST", "/services/data/v67.0/sobjects/Account"));
  EXPECT_FALSE(IsRouted("GET", "/services/data/v67.0/sobjects/Account/001/x"));
  EXPECT_TRUE(IsRouted("DELETE", "/id/keys"));
  EXPECT_TRUE(IsRouted("GET", "/id/00DS7000000sfmkMAA/005S7000000sfmkIAA"));
  EXPECT_FALSE(IsRouted("GET", "/id/00DS7000000sfmkMAA/005S7000000sfmkIAA/"));
  EXPECT_FALSE(IsRouted("GET", "services/data"));   // not a path
  EXPECT_FALSE(IsRouted("get", "/services/data"));  // methods are case-sensitive
}

// Placeholders are the resource's to check: these match their patterns and answer NOT_FOUND
// from the resource (an sObject the org lacks, "Describe" read as a record id, a version after
// the org's latest).
TEST(RoutesTest, PlaceholdersTakeAnyNonEmptyValue) {
  EXPECT_TRUE(IsRouted("GET", "/services/data/v67.0/sobjects/Acount"));
  EXPECT_TRUE(IsRouted("GET", "/services/data/v67.0/sobjects/Account/Describe"));
  EXPECT_TRUE(IsRouted("GET", "/services/data/v99.0/limits"));
  EXPECT_TRUE(IsRouted("GET", "/id/keys/extra"));
}

TEST_F(RoutesHandlerTest, EveryRouteExampleIsRoutedAndServed) {
  for (const Route& route : Routes()) {
    for (const char* version : {"v67.0", "v31.0", "latest"}) {
      Values values = values_;
      values.version = version;
      const std::string path = Fill(route.pattern, values);
      for (const std::string& method : kWireMethods) {
        if (!TakesMethod(route, method)) continue;
        SCOPED_TRACE(method + " " + path);
        EXPECT_TRUE(IsRouted(method, path));
        const HttpResponse response = Send(method, path);
        EXPECT_FALSE(IsNoRouteAnswer(response)) << response.body;
        EXPECT_NE(response.status, 404) << response.body;
        EXPECT_NE(response.status, 405) << response.body;
      }
    }
  }
}

// With plausible values every route that reads answers 200; those that need parameters (token,
// introspect, revoke, authorize) answer their own 400 without them.
TEST_F(RoutesHandlerTest, ReadRoutesAnswer200WithPlausibleValues) {
  const std::set<std::string_view> kNeedParameters = {
      "/services/oauth2/token", "/services/oauth2/introspect", "/services/oauth2/revoke",
      "/services/oauth2/authorize"};
  for (const Route& route : Routes()) {
    std::string target = Fill(route.pattern, values_);
    if (route.pattern.ends_with("/query") || route.pattern.ends_with("/queryAll")) {
      target += "?q=SELECT+Id,Name+FROM+Account";
    }
    const std::string method = TakesMethod(route, "GET") ? "GET" : "POST";
    SCOPED_TRACE(method + " " + target);
    const HttpResponse response = Send(method, target);
    EXPECT_EQ(response.status, kNeedParameters.contains(route.pattern) ? 400 : 200)
        << response.body;
  }
}

// A method the route does not take: not routed, and the handler refuses the method (405, or the
// token endpoint's 400 "must use HTTP POST"), not the path.
TEST_F(RoutesHandlerTest, OtherMethodsGetTheRoutesRefusalNotNotFound) {
  int refused = 0;
  for (const Route& route : Routes()) {
    const std::string path = Fill(route.pattern, values_);
    for (const std::string& method : kWireMethods) {
      if (TakesMethod(route, method)) continue;
      SCOPED_TRACE(method + " " + path);
      EXPECT_FALSE(IsRouted(method, path));
      const HttpResponse response = Send(method, path);
      EXPECT_FALSE(IsNoRouteAnswer(response)) << response.body;
      EXPECT_TRUE(response.status == 405 || response.status == 400) << response.status;
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

// Under /services/data a trailing slash (and a doubled one) is tolerated; elsewhere it is not.
TEST_F(RoutesHandlerTest, TrailingSlashesAsTheRoutersTolerateThem) {
  for (const Route& route : Routes()) {
    const std::string path = Fill(route.pattern, values_);
    const std::string method = TakesMethod(route, "GET") ? "GET" : "POST";
    std::vector<std::string> variants = {path + "/"};
    // "/services/data//v67.0/...": a doubled slash after the prefix.
    if (IsDataRoute(route) && path.size() > kDataPrefix.size()) {
      variants.push_back("/services/data/" + path.substr(kDataPrefix.size()));
    }
    for (const std::string& variant : variants) {
      SCOPED_TRACE(method + " " + variant);
      const HttpResponse response = Send(method, variant);
      if (IsDataRoute(route)) {
        EXPECT_TRUE(IsRouted(method, variant));
        EXPECT_NE(response.status, 404) << response.body;
      } else {
        EXPECT_FALSE(IsRouted(method, variant));
        EXPECT_TRUE(IsNoRouteAnswer(response)) << response.status << " " << response.body;
      }
    }
  }
}

TEST_F(RoutesHandlerTest, TyposAreNotRoutedAndAnswerNotFound) {
  for (const std::string& path : kTypos) {
    for (const char* method : {"GET", "POST"}) {
      SCOPED_TRACE(std::string(method) + " " + path);
      EXPECT_FALSE(IsRouted(method, path));
      const HttpResponse response = Send(method, path);
      EXPECT_TRUE(IsNoRouteAnswer(response)) << response.status << " " << response.body;
    }
  }
}

// The versioned REST paths check the session first: without one a typo answers 401, not 404.
TEST_F(RoutesHandlerTest, VersionedTyposWithoutASessionAnswer401) {
  const HttpResponse response = client_.Get("/services/data/v67.0/sobject/Account");
  EXPECT_EQ(response.status, 401) << response.body;
  EXPECT_FALSE(IsRouted("GET", "/services/data/v67.0/sobject/Account"));
}

// The first near miss of a request: its pattern, methods, distance and diff.
NearMiss Nearest(std::string_view method, std::string_view path) {
  const auto nearest = NearestRoutes(method, path, 1);
  EXPECT_THAT(nearest, SizeIs(1));
  return nearest.empty() ? NearMiss{} : nearest.front();
}

TEST(RouteNearMissTest, SingularSObjects) {
  const NearMiss miss = Nearest("GET", "/services/data/v67.0/sobject/Account");
  ASSERT_NE(miss.route, nullptr);
  EXPECT_EQ(miss.route->pattern, "/services/data/v{version}/sobjects/{object}");
  EXPECT_EQ(miss.distance, 1);
  EXPECT_DOUBLE_EQ(miss.score, 1.2);
  EXPECT_THAT(miss.diff, ElementsAre(R"(segment 4: sent "sobject", expected "sobjects")"));
}

TEST(RouteNearMissTest, TokenWithGet) {
  const auto nearest = NearestRoutes("GET", "/services/oauth2/token");
  ASSERT_THAT(nearest, SizeIs(3));
  EXPECT_EQ(nearest[0].route->pattern, "/services/oauth2/token");
  EXPECT_EQ(nearest[0].route->methods, "POST");
  EXPECT_EQ(nearest[0].distance, 1);
  EXPECT_DOUBLE_EQ(nearest[0].score, 1.0);
  EXPECT_THAT(nearest[0].diff, ElementsAre("method: sent GET, the route takes POST"));
  // Then the OAuth routes one unrelated segment away that take any method, in table order.
  EXPECT_EQ(nearest[1].route->pattern, "/services/oauth2/revoke");
  EXPECT_EQ(nearest[2].route->pattern, "/services/oauth2/authorize");
  EXPECT_THAT(nearest[1].diff, ElementsAre(R"(segment 3: sent "token", expected "revoke")"));
  EXPECT_DOUBLE_EQ(nearest[1].score, 1.9);
}

TEST(RouteNearMissTest, PluralTokens) {
  const NearMiss miss = Nearest("POST", "/services/oauth2/tokens");
  ASSERT_NE(miss.route, nullptr);
  EXPECT_EQ(miss.route->pattern, "/services/oauth2/token");
  EXPECT_EQ(miss.distance, 1);
  EXPECT_THAT(miss.diff, ElementsAre(R"(segment 3: sent "tokens", expected "token")"));
}

TEST(RouteNearMissTest, Querys) {
  const auto nearest = NearestRoutes("GET", "/services/data/v67.0/querys");
  ASSERT_THAT(nearest, SizeIs(3));
  EXPECT_EQ(nearest[0].route->pattern, "/services/data/v{version}/query");
  EXPECT_THAT(nearest[0].diff, ElementsAre(R"(segment 4: sent "querys", expected "query")"));
  // Then one segment removed or replaced, unrelated: ties in table order.
  EXPECT_EQ(nearest[1].route->pattern, "/services/data/v{version}");
  EXPECT_THAT(nearest[1].diff, ElementsAre(R"(segment 4: remove "querys")"));
  EXPECT_EQ(nearest[2].route->pattern, "/services/data/v{version}/limits");
}

TEST(RouteNearMissTest, KeysMisspelt) {
  const auto nearest = NearestRoutes("GET", "/id/keyz", 2);
  ASSERT_THAT(nearest, SizeIs(2));
  EXPECT_EQ(nearest[0].route->pattern, "/id/keys");
  EXPECT_DOUBLE_EQ(nearest[0].score, 1.3);
  EXPECT_THAT(nearest[0].diff, ElementsAre(R"(segment 2: sent "keyz", expected "keys")"));
  EXPECT_EQ(nearest[1].route->pattern, "/id/{orgId}/{userId}");
  EXPECT_THAT(
      nearest[1].diff,
      ElementsAre(R"(after segment 2 "keyz": add {userId} (a user's 15- or 18-character id))"));
}

TEST(RouteNearMissTest, CaseRanksAheadOfMisspelling) {
  // "Limits" differs in case only; "limit" by a plural; both beat an unrelated replacement.
  const NearMiss upper = Nearest("GET", "/services/data/v67.0/Limits");
  EXPECT_EQ(upper.route->pattern, "/services/data/v{version}/limits");
  EXPECT_DOUBLE_EQ(upper.score, 1.1);
  EXPECT_THAT(upper.diff, ElementsAre(R"(segment 4: sent "Limits", expected "limits")"));
  const NearMiss swapped = Nearest("GET", "/services/data/v67.0/qeury");
  EXPECT_EQ(swapped.route->pattern, "/services/data/v{version}/query");
  EXPECT_DOUBLE_EQ(swapped.score, 1.3);  // a swap of two neighbours is one misspelt character
}

TEST(RouteNearMissTest, MethodAndSegmentTogether) {
  const NearMiss miss = Nearest("POST", "/services/data/v67.0/sobject/Account");
  EXPECT_EQ(miss.route->pattern, "/services/data/v{version}/sobjects/{object}");
  EXPECT_EQ(miss.distance, 2);
  EXPECT_THAT(miss.diff, ElementsAre("method: sent POST, the route takes GET or HEAD",
                                     R"(segment 4: sent "sobject", expected "sobjects")"));
}

TEST(RouteNearMissTest, VersionNotInItsForm) {
  const NearMiss miss = Nearest("GET", "/services/data/v67/limits");
  EXPECT_EQ(miss.route->pattern, "/services/data/v{version}/limits");
  EXPECT_DOUBLE_EQ(miss.score, 1.3);
  EXPECT_THAT(miss.diff, ElementsAre(R"(segment 3: sent "v67", expected v{version} ("v", the )"
                                     R"(major version, ".0" as in v67.0, or "latest"))"));
}

TEST(RouteNearMissTest, ExtraAndMissingSegments) {
  EXPECT_THAT(Nearest("GET", "/services/data/v67.0/sobjects/Account/describe/layouts").diff,
              ElementsAre(R"(segment 7: remove "layouts")"));
  EXPECT_THAT(Nearest("POST", "/services/oauth2/token/").diff,
              ElementsAre(R"(segment 4: remove the trailing "/")"));
  EXPECT_THAT(Nearest("GET", "/services//data").diff,
              ElementsAre(R"(segment 2: remove the empty segment (a doubled "/"))"));
  // An org id without the user: as near as /id/keys (one segment), which comes first in the
  // table; the diff adds the missing last segment.
  const auto missing = NearestRoutes("GET", "/id/00DS7000000sfmkMAA", 2);
  ASSERT_THAT(missing, SizeIs(2));
  EXPECT_EQ(missing[0].route->pattern, "/id/keys");
  EXPECT_EQ(missing[1].route->pattern, "/id/{orgId}/{userId}");
  EXPECT_THAT(missing[1].diff, ElementsAre(R"(after segment 2 "00DS7000000sfmkMAA": add {userId} )"
                                           R"((a user's 15- or 18-character id))"));
  // Without /services: the identity route takes any two segments, so adding "id" is one edit;
  // the token route needs "services" and POST, and is the nearest of those two edits away.
  const auto no_services = NearestRoutes("GET", "/oauth2/token", 2);
  ASSERT_THAT(no_services, SizeIs(2));
  EXPECT_EQ(no_services[0].route->pattern, "/id/{orgId}/{userId}");
  EXPECT_THAT(no_services[0].diff, ElementsAre(R"(at the start: add "id")"));
  EXPECT_EQ(no_services[1].route->pattern, "/services/oauth2/token");
  EXPECT_THAT(no_services[1].diff, ElementsAre("method: sent GET, the route takes POST",
                                               R"(at the start: add "services")"));
}

TEST(RouteNearMissTest, ServedRequestIsDistanceZero) {
  const NearMiss miss = Nearest("GET", "/services/data/v67.0/limits/");
  EXPECT_EQ(miss.route->pattern, "/services/data/v{version}/limits");
  EXPECT_EQ(miss.distance, 0);
  EXPECT_DOUBLE_EQ(miss.score, 0);
  EXPECT_THAT(miss.diff, IsEmpty());
}

TEST(RouteNearMissTest, OrderedByScoreThenTable) {
  for (const char* path : {"/services/data/v67.0/sobject/Account", "/id/keyz", "/x/y/z",
                           "/services/oauth2/tokens", "/", "/services/data/v67.0/query/x/y"}) {
    SCOPED_TRACE(path);
    const auto all = NearestRoutes("PUT", path, 100);
    ASSERT_THAT(all, SizeIs(Routes().size()));
    for (size_t i = 1; i < all.size(); ++i) {
      EXPECT_LE(all[i - 1].score, all[i].score);
      EXPECT_EQ(all[i].distance, static_cast<int>(all[i].score));
      if (all[i - 1].score == all[i].score) {
        EXPECT_LT(all[i - 1].route, all[i].route);
      }
    }
  }
  EXPECT_THAT(NearestRoutes("GET", "/x", 0), IsEmpty());
}

}  // namespace
}  // namespace sfh::mock
