// The org's endpoints without sockets: request in, response out.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mock_server/endpoints/endpoint_test_support.h"
#include "mock_server/mock_org.h"
#include "salesforce/form.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

using ::testing::HasSubstr;
namespace sf = ::sfh::salesforce;

constexpr char kSecret[] = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
constexpr char kClientId[] = "3MVG9testClientId";

OrgConfig TestOrg() {
  OrgConfig org;
  org.org_id = "00DS7000000oxzoMAA";
  org.users.push_back({"integration@acme.test", "005S7000000AbCdIAK", true});
  org.users.push_back({"gone@acme.test", "005S7000000AbCeIAK", false});
  AppConfig app;
  app.name = "Billing";
  app.client_id = kClientId;
  app.client_secret = kSecret;
  app.run_as = "integration@acme.test";
  org.apps.push_back(app);
  org.records["Account"] = {
      {"001S7000001AbCdIAK", nlohmann::ordered_json{{"Name", "Acme"}, {"Industry", "Retail"}}},
      {"001S7000001AbCeIAK", nlohmann::ordered_json{{"Name", "Globex"}}}};
  return org;
}

class OrgHandlerTest : public ::testing::Test {
 protected:
  explicit OrgHandlerTest(OrgConfig config = TestOrg()) : client_(std::move(config)) {}

  HttpResponse Send(HttpRequest request) { return client_.Send(std::move(request)); }

  HttpResponse TokenRequest(std::vector<sf::FormField> fields,
                            VirtualHost host = VirtualHost::kMyDomain) {
    return client_.Token(fields, host);
  }

  HttpResponse GoodTokenRequest(VirtualHost host = VirtualHost::kMyDomain) {
    return TokenRequest({{"grant_type", "client_credentials"},
                         {"client_id", kClientId},
                         {"client_secret", kSecret}},
                        host);
  }

  std::string NewToken() {
    const auto response = GoodTokenRequest();
    EXPECT_EQ(response.status, 200) << response.body;
    return nlohmann::json::parse(response.body)["access_token"];
  }

  HttpResponse Get(const std::string& target, const std::string& token = "") {
    return client_.Get(target, token);
  }

  testing::EndpointClient client_;
};

TEST_F(OrgHandlerTest, TokenSuccessHasSalesforceFieldsInOrder) {
  const auto response = GoodTokenRequest();
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.headers.Get("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(response.headers.Get("Cache-Control"),
            "no-cache,must-revalidate,max-age=0,no-store,private");
  const auto body = nlohmann::ordered_json::parse(response.body);
  const std::vector<std::string> keys = testing::Keys(body);
  EXPECT_EQ(keys, (std::vector<std::string>{"access_token", "signature", "token_format", "scope",
                                            "instance_url", "id", "token_type", "issued_at"}));
  EXPECT_TRUE(sf::LooksLikeOpaqueAccessToken(body["access_token"].get<std::string>()));
  EXPECT_EQ(body["access_token"].get<std::string>().substr(0, 16), "00DS7000000oxzo!");
  EXPECT_EQ(body["token_format"], "opaque");
  EXPECT_EQ(body["scope"], "api");
  EXPECT_EQ(body["instance_url"], "https://127.0.0.1:1001");
  EXPECT_EQ(body["id"], "https://127.0.0.1:1002/id/00DS7000000oxzoMAA/005S7000000AbCdIAK");
  EXPECT_EQ(body["token_type"], "Bearer");
  ASSERT_TRUE(body["issued_at"].is_string());
  EXPECT_EQ(body["issued_at"].get<std::string>().size(), 13u);
  EXPECT_EQ(body["signature"], sf::TokenSignature(kSecret, body["id"].get<std::string>(),
                                                  body["issued_at"].get<std::string>()));
}

TEST(OrgHostUrls, ASnapshotOutlivesLaterSetsAndTheSameUrlsKeepIt) {
  const OffsetClock clock;
  Org org(TestOrg(), clock);
  EXPECT_EQ(*org.host_urls(), HostUrls{});  // none set yet
  org.SetHostUrls({"http://127.0.0.1:1", "http://127.0.0.1:2", "", ""});
  const HostUrls* first = org.host_urls();
  EXPECT_EQ(first->my_domain, "http://127.0.0.1:1");
  org.SetHostUrls({"http://127.0.0.1:1", "http://127.0.0.1:2", "", ""});
  EXPECT_EQ(org.host_urls(), first);  // the same URLs again: nothing new kept
  org.SetHostUrls({"http://127.0.0.1:3", "http://127.0.0.1:4", "", ""});
  EXPECT_EQ(org.host_urls()->my_domain, "http://127.0.0.1:3");
  EXPECT_EQ(first->my_domain, "http://127.0.0.1:1");  // the earlier snapshot is intact
  // What a token carries comes from the URLs as set now.
  const AppConfig& app = org.config().apps.front();
  const Session s = org.IssueSession(app, org.config().users.front(), {});
  EXPECT_EQ(s.instance_url, "http://127.0.0.1:3");
  EXPECT_EQ(s.identity_url, "http://127.0.0.1:4/id/00DS7000000oxzoMAA/005S7000000AbCdIAK");
}

TEST(OrgLimitsTest, TheSessionBoundIsTheOneConfigured) {
  const OffsetClock clock;
  Org org(TestOrg(), clock, OrgLimits{.max_sessions = 3});
  const AppConfig& app = org.config().apps.front();
  const UserConfig& user = org.config().users.front();
  std::vector<std::string> tokens;
  for (int i = 0; i < 4; ++i) tokens.push_back(org.IssueSession(app, user, {}).access_token);
  EXPECT_FALSE(org.Authenticate(tokens[0]).has_value());  // the oldest, forgotten
  for (int i = 1; i < 4; ++i) EXPECT_TRUE(org.Authenticate(tokens[i]).has_value()) << i;
  EXPECT_EQ(org.SessionCount(), 3u);
  EXPECT_EQ(org.query_cursors().max_cursors(), QueryCursors::kDefaultMaxCursors);

  Org cursors(TestOrg(), clock, OrgLimits{.max_query_cursors = 2, .max_query_cursor_bytes = 4096});
  EXPECT_EQ(cursors.query_cursors().max_cursors(), 2u);
  EXPECT_EQ(cursors.query_cursors().max_bytes(), 4096u);
  EXPECT_THROW(Org(TestOrg(), clock, OrgLimits{.max_sessions = 0}), std::invalid_argument);
}

TEST(OrgHandlerTokenResponse, ValuesThatNeedEscapingAreEscaped) {
  // The response is written field by field: a scope or URL with a quote, a backslash, a
  // control character or non-ASCII text must still make valid JSON that reads back the same.
  OrgConfig config = TestOrg();
  const std::string odd = "we\"ird\\scope\tcaf\u00e9";
  config.apps[0].scopes = {"api", odd};
  testing::EndpointClient client(std::move(config));
  const auto response = client.Token(
      {{"grant_type", "client_credentials"}, {"client_id", kClientId}, {"client_secret", kSecret}},
      VirtualHost::kMyDomain);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = nlohmann::ordered_json::parse(response.body);
  EXPECT_EQ(body["scope"], "api " + odd);
  EXPECT_EQ(testing::Keys(body),
            (std::vector<std::string>{"access_token", "signature", "token_format", "scope",
                                      "instance_url", "id", "token_type", "issued_at"}));
}

TEST_F(OrgHandlerTest, BasicCredentialsWork) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/services/oauth2/token";
  r.headers.Add("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
  r.headers.Add("Authorization", sf::MakeBasicAuthorization(kClientId, kSecret));
  r.body = "grant_type=client_credentials";
  EXPECT_EQ(Send(r).status, 200);
}

TEST_F(OrgHandlerTest, TokenErrorsAreExact) {
  auto expect_error = [](const HttpResponse& r, const char* body) {
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, body);
  };
  expect_error(TokenRequest({{"grant_type", "client_credentials"},
                             {"client_id", "nope"},
                             {"client_secret", kSecret}}),
               R"({"error":"invalid_client_id","error_description":"client identifier invalid"})");
  expect_error(TokenRequest({{"grant_type", "client_credentials"},
                             {"client_id", kClientId},
                             {"client_secret", "wrong"}}),
               R"({"error":"invalid_client","error_description":"invalid client credentials"})");
  expect_error(
      TokenRequest({{"grant_type", "client_credential"}, {"client_id", kClientId}}),
      R"({"error":"unsupported_grant_type","error_description":"grant type not supported"})");
  expect_error(
      GoodTokenRequest(VirtualHost::kLogin),
      R"({"error":"invalid_grant","error_description":"request not supported on this domain"})");
  expect_error(
      TokenRequest({{"grant_type", "client_credentials"},
                    {"client_id", kClientId},
                    {"client_secret", kSecret},
                    {"scope", "api"}}),
      R"({"error":"invalid_request","error_description":"scope parameter not supported"})");
}

TEST_F(OrgHandlerTest, JsonBodyIsUnsupportedGrantType) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/services/oauth2/token";
  r.headers.Add("Content-Type", "application/json");
  r.body = R"({"grant_type":"client_credentials","client_id":"x","client_secret":"y"})";
  const auto response = Send(r);
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("unsupported_grant_type"));
}

TEST_F(OrgHandlerTest, GetOnTokenMustUsePost) {
  const auto response = Get("/services/oauth2/token?grant_type=client_credentials");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body,
            R"({"error":"invalid_request","error_description":"must use HTTP POST"})");
}

TEST_F(OrgHandlerTest, CredentialsInTheQueryStringAreAccepted) {
  HttpRequest r;
  r.method = "POST";
  r.target = std::string("/services/oauth2/token?grant_type=client_credentials&client_id=") +
             kClientId + "&client_secret=" + kSecret;
  r.headers.Add("Content-Type", "application/x-www-form-urlencoded");
  EXPECT_EQ(Send(r).status, 200);
}

TEST_F(OrgHandlerTest, RestNeedsALiveSession) {
  const char* expired =
      R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";
  auto none = Get("/services/data/v65.0/query?q=SELECT+Id+FROM+Account");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.body, expired);
  EXPECT_EQ(Get("/services/data/v65.0/query?q=SELECT+Id+FROM+Account", "00Dxx!nope").status, 401);

  const std::string token = NewToken();
  EXPECT_EQ(Get("/services/data/v65.0/query?q=SELECT+Id+FROM+Account", token).status, 200);
  client_.clock().Advance(std::chrono::minutes(121));  // the default session timeout is 120 minutes
  auto after = Get("/services/data/v65.0/query?q=SELECT+Id+FROM+Account", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.body, expired);
}

TEST_F(OrgHandlerTest, RevokedTokensStopWorking) {
  const std::string token = NewToken();
  HttpRequest r;
  r.method = "POST";
  r.target = "/services/oauth2/revoke";
  r.headers.Add("Content-Type", "application/x-www-form-urlencoded");
  r.body = "token=" + sf::PercentEncode(token);
  const auto revoked = Send(r);
  EXPECT_EQ(revoked.status, 200);
  EXPECT_EQ(revoked.body, "");
  EXPECT_EQ(Get("/services/data/v65.0/", token).status, 401);
  const auto again = Send(r);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, R"({"error":"invalid_token","error_description":"Token was invalid"})");
}

TEST_F(OrgHandlerTest, QueryReturnsRecordsWithAttributesAndLimitHeader) {
  const std::string token = NewToken();
  const auto response =
      Get("/services/data/v65.0/query?q=select+id%2C+name+from+account+limit+1", token);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(
      response.body,
      R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001AbCdIAK"},"Id":"001S7000001AbCdIAK","Name":"Acme"}]})");
  EXPECT_EQ(response.headers.Get("Sforce-Limit-Info"), "api-usage=1/15000");
}

TEST_F(OrgHandlerTest, QueryErrorsAreSalesforceShaped) {
  const std::string token = NewToken();
  const auto bad = Get("/services/data/v65.0/query?q=SELEC+Id+FROM+Account", token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body, R"([{"message":"unexpected token: 'SELEC'","errorCode":"MALFORMED_QUERY"}])");
  const auto field = Get("/services/data/v65.0/query?q=SELECT+Nam+FROM+Account", token);
  EXPECT_EQ(field.status, 400);
  EXPECT_THAT(field.body, HasSubstr("No such column 'Nam' on entity 'Account'"));
  EXPECT_THAT(field.body, HasSubstr(R"("errorCode":"INVALID_FIELD")"));
  const auto type = Get("/services/data/v65.0/query?q=SELECT+Id+FROM+Widget", token);
  EXPECT_THAT(type.body, HasSubstr("sObject type 'Widget' is not supported."));
}

TEST_F(OrgHandlerTest, RecordByFifteenOrEighteenCharacterId) {
  const std::string token = NewToken();
  const auto r18 = Get("/services/data/v65.0/sobjects/Account/001S7000001AbCdIAK", token);
  ASSERT_EQ(r18.status, 200);
  const auto body = nlohmann::json::parse(r18.body);
  EXPECT_EQ(body["Name"], "Acme");
  EXPECT_EQ(body["Industry"], "Retail");
  EXPECT_EQ(Get("/services/data/v65.0/sobjects/Account/001S7000001AbCd", token).status, 200);
  const auto missing = Get("/services/data/v65.0/sobjects/Account/001S7000001ZZZZIAK", token);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body,
            R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])");
}

TEST_F(OrgHandlerTest, VersionsNeedNoSessionAndUnknownVersionsAreNotFound) {
  const auto versions = Get("/services/data/");
  ASSERT_EQ(versions.status, 200);
  const auto list = nlohmann::json::parse(versions.body);
  EXPECT_EQ(list.back(),
            nlohmann::json::parse(
                R"({"label":"Summer '26","url":"/services/data/v67.0","version":"67.0"})"));
  const std::string token = NewToken();
  EXPECT_EQ(Get("/services/data/v99.0/", token).status, 404);
  const auto resources = nlohmann::json::parse(Get("/services/data/v65.0/", token).body);
  EXPECT_EQ(resources["query"], "/services/data/v65.0/query");
  EXPECT_EQ(resources["identity"],
            "https://127.0.0.1:1002/id/00DS7000000oxzoMAA/005S7000000AbCdIAK");
}

TEST_F(OrgHandlerTest, DiscoveryDependsOnTheHost) {
  const auto my_domain = nlohmann::json::parse(Get("/.well-known/openid-configuration").body);
  EXPECT_EQ(my_domain["token_endpoint"], "https://127.0.0.1:1001/services/oauth2/token");
  HttpRequest r;
  r.host = VirtualHost::kLogin;
  r.method = "GET";
  r.target = "/.well-known/openid-configuration";
  const auto login = nlohmann::json::parse(Send(r).body);
  EXPECT_EQ(login["issuer"], "https://127.0.0.1:1002");
  EXPECT_FALSE(login.contains("end_session_endpoint"));
}

class MisconfiguredOrgTest : public ::testing::Test {
 protected:
  static HttpResponse TokenFor(OrgConfig config) {
    MockOrg mock(std::move(config), {});
    HttpRequest r;
    r.method = "POST";
    r.target = r.path = "/services/oauth2/token";
    r.headers.Add("Content-Type", "application/x-www-form-urlencoded");
    r.body = sf::EncodeForm({{"grant_type", "client_credentials"},
                             {"client_id", kClientId},
                             {"client_secret", kSecret}});
    return mock.handler().Handle(r);
  }
};

TEST_F(MisconfiguredOrgTest, NoRunAsUser) {
  auto org = TestOrg();
  org.apps[0].run_as.reset();
  EXPECT_EQ(
      TokenFor(org).body,
      R"({"error":"invalid_grant","error_description":"no client credentials user enabled"})");
  org.apps[0].run_as = "integration@acme.test.wrong";
  EXPECT_THAT(TokenFor(org).body, HasSubstr("no client credentials user enabled"));
}

TEST_F(MisconfiguredOrgTest, FlowOffInSettingsOrPolicies) {
  auto org = TestOrg();
  org.apps[0].policies_client_credentials = false;
  EXPECT_THAT(TokenFor(org).body, HasSubstr("unsupported_grant_type"));
  org = TestOrg();
  org.apps[0].settings_client_credentials = false;
  EXPECT_THAT(TokenFor(org).body, HasSubstr("unsupported_grant_type"));
}

TEST_F(MisconfiguredOrgTest, UnverifiedAnswersAreChoices) {
  auto org = TestOrg();
  org.apps[0].policies_client_credentials = false;
  org.choices.flow_off_in_policies_error = "token.invalid_app_access";
  EXPECT_THAT(TokenFor(org).body, HasSubstr("user is not admin approved to access this app"));
  org = TestOrg();
  org.apps[0].run_as = "gone@acme.test";
  org.choices.inactive_run_as_error = "token.no_client_credentials_user";
  EXPECT_THAT(TokenFor(org).body, HasSubstr("no client credentials user enabled"));
}

TEST_F(MisconfiguredOrgTest, OnlyUnsupportedScopesLeft) {
  auto org = TestOrg();
  org.apps[0].scopes = {"refresh_token", "full"};
  EXPECT_EQ(TokenFor(org).body,
            R"({"error":"invalid_grant","error_description":"no valid scopes defined"})");
}

TEST_F(MisconfiguredOrgTest, InactiveRunAsUser) {
  auto org = TestOrg();
  org.apps[0].run_as = "gone@acme.test";
  EXPECT_EQ(TokenFor(org).body,
            R"({"error":"invalid_grant","error_description":"authentication failure"})");
}

}  // namespace
}  // namespace sfh::mock
