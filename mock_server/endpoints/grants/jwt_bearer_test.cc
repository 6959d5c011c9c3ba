// The JWT bearer grant and private_key_jwt client authentication through the org's handler, with
// a key pair and certificate made for the suite.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mock_server/endpoints/endpoint_test_support.h"
#include "mock_server/mock_org.h"
#include "mock_server/org/org_config.h"
#include "mock_server/scenario/json_reader.h"
#include "salesforce/encoding.h"
#include "salesforce/form.h"
#include "salesforce/jwt.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;

constexpr char kJwtGrant[] = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr char kClientAssertionType[] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
constexpr char kSecret[] = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
constexpr char kClientId[] = "3MVG9billingConsumerKey";          // admin approved
constexpr char kSelfClientId[] = "3MVG9selfServiceConsumerKey";  // self-authorized
constexpr char kApiOnlyClientId[] = "3MVG9apiOnlyConsumerKey";   // self-authorized, api only
constexpr char kNoCertClientId[] = "3MVG9noCertificateConsumerKey";
constexpr char kPackagedClientId[] = "3MVG9packagedConsumerKey";  // not installed here
constexpr char kMyDomainUrl[] = "https://127.0.0.1:1001";
constexpr char kLoginUrl[] = "https://127.0.0.1:1002";
constexpr char kTestUrl[] = "https://127.0.0.1:1003";

constexpr char kInvalidAssertion[] =
    R"({"error":"invalid_grant","error_description":"invalid assertion"})";
constexpr char kInvalidClientId[] =
    R"({"error":"invalid_client_id","error_description":"client identifier invalid"})";
constexpr char kInvalidClient[] =
    R"({"error":"invalid_client","error_description":"invalid client credentials"})";
// A wrong audience: what field captures show (the default), and the help's example (a choice).
constexpr char kAudience[] =
    R"({"error":"invalid_grant","error_description":"audience is invalid"})";
constexpr char kAudienceValidationFailed[] =
    R"({"error":"invalid_grant","error_description":"Audience validation failed"})";
constexpr char kExpired[] =
    R"({"error":"invalid_grant","error_description":"expired authorization code"})";
constexpr char kNotApproved[] =
    R"({"error":"invalid_grant","error_description":"user hasn't approved this consumer"})";

AppConfig App(std::string name, std::string client_id, std::string certificate,
              std::vector<std::string> scopes) {
  AppConfig app;
  app.name = std::move(name);
  app.client_id = std::move(client_id);
  app.client_secret = kSecret;
  app.certificate_pem = std::move(certificate);
  app.scopes = std::move(scopes);
  return app;
}

UserConfig User(std::string username, std::string id, std::string profile) {
  return UserConfig{
      .username = std::move(username), .id = std::move(id), .profile = std::move(profile)};
}

OrgConfig JwtOrg(const std::string& certificate) {
  OrgConfig org;
  org.org_id = "00DS7000000oxzoMAA";
  UserConfig integration = User("integration@acme.test", "005S7000000AbCdIAK", "Integration");
  integration.approved_apps = {"SelfService", "ApiOnly"};
  org.users.push_back(integration);
  UserConfig via_permission_set = User("perm@acme.test", "005S7000000AbCeIAK", "Standard User");
  via_permission_set.permission_sets = {"JWT Access"};
  org.users.push_back(via_permission_set);
  org.users.push_back(User("stranger@acme.test", "005S7000000AbCfQAK", "Standard User"));
  UserConfig gone = User("gone@acme.test", "005S7000000AbCgQAK", "Integration");
  gone.active = false;
  org.users.push_back(gone);
  UserConfig frozen = User("frozen@acme.test", "005S7000000AbChQAK", "Integration");
  frozen.frozen = true;
  org.users.push_back(frozen);
  UserConfig office = User("office@acme.test", "005S7000000AbCiQAK", "Integration");
  office.login_ip_ranges = {{0x0A000000, 0x0A0000FF}};  // 10.0.0.0-10.0.0.255
  org.users.push_back(office);

  AppConfig billing = App("Billing", kClientId, certificate, {"api", "refresh_token"});
  billing.permitted_users = PermittedUsers::kAdminApprovedPreAuthorized;
  billing.profiles = {"Integration"};
  billing.permission_sets = {"JWT Access"};
  billing.run_as = "integration@acme.test";
  org.apps.push_back(billing);
  org.apps.push_back(
      App("SelfService", kSelfClientId, certificate, {"api", "refresh_token", "offline_access"}));
  org.apps.push_back(App("ApiOnly", kApiOnlyClientId, certificate, {"api"}));
  org.apps.push_back(App("NoCertificate", kNoCertClientId, "", {"api", "refresh_token"}));
  AppConfig packaged = App("Packaged", kPackagedClientId, certificate, {"api", "refresh_token"});
  packaged.installed = false;
  org.apps.push_back(packaged);
  return org;
}

class JwtBearerTest : public ::testing::Test {
 protected:
  // Two RSA key pairs and a certificate for the first: made once, key generation is slow-ish.
  static void SetUpTestSuite() {
    key_ = *sf::RsaKey::Generate();
    other_key_ = *sf::RsaKey::Generate();
    certificate_ = *key_->SelfSignedCertificatePem("sfmock jwt test");
  }
  static void TearDownTestSuite() {
    key_.reset();
    other_key_.reset();
  }

  JwtBearerTest()
      : clock_(std::make_shared<ManualClock>()), mock_(JwtOrg(certificate_), {}, clock_) {
    mock_.org().SetHostUrls({kMyDomainUrl, kLoginUrl, kTestUrl, ""});
  }

  int64_t NowSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock_->Now().time_since_epoch())
        .count();
  }

  // What a correct client signs: the app's key, the user's name, login as audience, three
  // minutes of validity.
  nlohmann::ordered_json Claims(std::string iss = kClientId,
                                std::string sub = "integration@acme.test") const {
    return {{"iss", iss},
            {"sub", sub},
            {"aud", "https://login.salesforce.com"},
            {"exp", NowSeconds() + 180}};
  }

  static std::string Sign(const nlohmann::ordered_json& claims,
                          const std::optional<sf::RsaKey>& key = key_) {
    return *sf::SignJwt(*key, claims);
  }

  static HttpResponse SendTo(MockOrg& mock, HttpRequest request) {
    const auto [path, query] = sf::SplitTarget(request.target);
    request.path = std::string(path);
    request.query = std::string(query);
    request.remote = "127.0.0.1:40000";
    return mock.handler().Handle(request);
  }

  HttpResponse Send(HttpRequest request) { return SendTo(mock_, std::move(request)); }

  static HttpRequest TokenPost(std::vector<sf::FormField> fields,
                               VirtualHost host = VirtualHost::kMyDomain) {
    HttpRequest r;
    r.host = host;
    r.method = "POST";
    r.target = "/services/oauth2/token";
    r.headers.Add("Content-Type", "application/x-www-form-urlencoded");
    r.body = sf::EncodeForm(fields);
    return r;
  }

  HttpResponse Token(std::vector<sf::FormField> fields, VirtualHost host = VirtualHost::kMyDomain) {
    return Send(TokenPost(std::move(fields), host));
  }

  HttpResponse Bearer(const std::string& assertion, VirtualHost host = VirtualHost::kMyDomain) {
    return Token({{"grant_type", kJwtGrant}, {"assertion", assertion}}, host);
  }

  HttpResponse BearerWith(const nlohmann::ordered_json& claims,
                          VirtualHost host = VirtualHost::kMyDomain) {
    return Bearer(Sign(claims), host);
  }

  // client_credentials authenticated by a client assertion instead of a secret.
  HttpResponse ClientCredentials(const std::string& client_assertion) {
    return Token({{"grant_type", "client_credentials"},
                  {"client_assertion_type", kClientAssertionType},
                  {"client_assertion", client_assertion}});
  }

  nlohmann::ordered_json ClientClaims() const {
    return {{"iss", kClientId},
            {"sub", kClientId},
            {"aud", std::string(kMyDomainUrl) + "/services/oauth2/token"},
            {"exp", NowSeconds() + 180}};
  }

  HttpResponse Get(const std::string& target, const std::string& token) {
    HttpRequest r;
    r.method = "GET";
    r.target = target;
    r.headers.Add("Authorization", "Bearer " + token);
    return Send(r);
  }

  static inline std::optional<sf::RsaKey> key_;
  static inline std::optional<sf::RsaKey> other_key_;
  static inline std::string certificate_;
  std::shared_ptr<ManualClock> clock_;
  MockOrg mock_;
};

void ExpectError(const HttpResponse& response, const char* body) {
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, body);
  EXPECT_EQ(response.headers.Get("Content-Type"), "application/json;charset=UTF-8");
}

TEST_F(JwtBearerTest, IssuesAnAccessTokenWithoutRefreshToken) {
  const auto response = BearerWith(Claims());
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.headers.Get("Cache-Control"),
            "no-cache,must-revalidate,max-age=0,no-store,private");
  const auto body = nlohmann::ordered_json::parse(response.body);
  const std::vector<std::string> keys = testing::Keys(body);
  EXPECT_EQ(keys, (std::vector<std::string>{"access_token", "signature", "token_format", "scope",
                                            "instance_url", "id", "token_type", "issued_at"}));
  const std::string token = body["access_token"];
  EXPECT_EQ(token.substr(0, 16), "00DS7000000oxzo!");
  EXPECT_EQ(body["token_format"], "opaque");
  EXPECT_EQ(body["scope"], "api");  // refresh_token is the app's, never granted here
  EXPECT_EQ(body["instance_url"], kMyDomainUrl);
  EXPECT_EQ(body["id"], std::string(kLoginUrl) + "/id/00DS7000000oxzoMAA/005S7000000AbCdIAK");
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["issued_at"].get<std::string>().size(), 13u);
  EXPECT_EQ(body["signature"], sf::TokenSignature(kSecret, body["id"].get<std::string>(),
                                                  body["issued_at"].get<std::string>()));

  const auto rest = Get("/services/data/v67.0/", token);
  EXPECT_EQ(rest.status, 200) << rest.body;
}

TEST_F(JwtBearerTest, WorksOnLoginTestAndMyDomain) {
  EXPECT_EQ(BearerWith(Claims(), VirtualHost::kLogin).status, 200);
  auto test = Claims();
  test["aud"] = "https://test.salesforce.com";
  EXPECT_EQ(BearerWith(test, VirtualHost::kTest).status, 200);
  EXPECT_EQ(BearerWith(test, VirtualHost::kMyDomain).status, 200);
}

TEST_F(JwtBearerTest, AudienceMustNameTheLoginOrTestHost) {
  auto claims = Claims();
  for (const char* accepted : {kLoginUrl, "https://login.salesforce.com/", kTestUrl}) {
    claims["aud"] = accepted;
    EXPECT_EQ(BearerWith(claims).status, 200) << accepted;
  }
  for (const char* refused :
       {kMyDomainUrl, "http://login.salesforce.com", "login.salesforce.com",
        "https://login.salesforce.com/services/oauth2/token", "https://acme.my.salesforce.com"}) {
    claims["aud"] = refused;
    ExpectError(BearerWith(claims), kAudience);
  }
  claims["aud"] = nlohmann::ordered_json::array({"https://login.salesforce.com"});
  ExpectError(BearerWith(claims), kAudience);
  claims.erase("aud");
  ExpectError(BearerWith(claims), kAudience);
}

TEST_F(JwtBearerTest, AudienceMustMatchTheLoginHostPostedTo) {
  auto claims = Claims();
  claims["aud"] = "https://test.salesforce.com";
  ExpectError(BearerWith(claims, VirtualHost::kLogin), kAudience);
  claims["aud"] = "https://login.salesforce.com";
  ExpectError(BearerWith(claims, VirtualHost::kTest), kAudience);
}

// choices.jwt_audience_error, read as a scenario's "org" section writes it, switches the answer to
// the help's example; an id that is not a token error is refused.
TEST_F(JwtBearerTest, WrongAudienceAnswersTheChosenError) {
  const auto org_json = nlohmann::json::parse(
      R"({"choices": {"jwt_audience_error": "token.audience_validation_failed"}})");
  JsonErrors errors;
  ObjectReader reader(org_json, "", errors);
  OrgConfig config = JwtOrg(certificate_);
  config.choices = ReadOrgConfig(reader).choices;
  ASSERT_TRUE(errors.empty()) << errors.Format("org");
  EXPECT_EQ(JwtOrg(certificate_).choices.jwt_audience_error, "token.audience_is_invalid");
  EXPECT_EQ(config.choices.jwt_audience_error, "token.audience_validation_failed");

  MockOrg chosen(std::move(config), {}, clock_);
  chosen.org().SetHostUrls({kMyDomainUrl, kLoginUrl, kTestUrl, ""});
  auto claims = Claims();
  claims["aud"] = kMyDomainUrl;
  ExpectError(SendTo(chosen, TokenPost({{"grant_type", kJwtGrant}, {"assertion", Sign(claims)}})),
              kAudienceValidationFailed);
  claims["aud"] = "https://test.salesforce.com";
  ExpectError(SendTo(chosen, TokenPost({{"grant_type", kJwtGrant}, {"assertion", Sign(claims)}},
                                       VirtualHost::kLogin)),
              kAudienceValidationFailed);
  // Only the audience check follows the choice.
  EXPECT_EQ(
      SendTo(chosen, TokenPost({{"grant_type", kJwtGrant}, {"assertion", Sign(Claims())}})).status,
      200);

  const auto bad_json =
      nlohmann::json::parse(R"({"choices": {"jwt_audience_error": "rest.NOT_FOUND"}})");
  JsonErrors bad_errors;
  ObjectReader bad_reader(bad_json, "", bad_errors);
  EXPECT_EQ(ReadOrgConfig(bad_reader).choices.jwt_audience_error, "token.audience_is_invalid");
  EXPECT_NE(bad_errors.Format("org").find("/choices/jwt_audience_error: expected a token error"),
            std::string::npos)
      << bad_errors.Format("org");
}

TEST_F(JwtBearerTest, MalformedAssertionsAreInvalid) {
  ExpectError(Token({{"grant_type", kJwtGrant}}), kInvalidAssertion);
  ExpectError(Bearer(""), kInvalidAssertion);
  ExpectError(Bearer("not-a-jwt"), kInvalidAssertion);
  ExpectError(Bearer(key_->PrivateKeyPem()), kInvalidAssertion);  // the key sent as assertion
  const std::string signed_jwt = Sign(Claims());
  ExpectError(Bearer(signed_jwt.substr(0, signed_jwt.rfind('.'))), kInvalidAssertion);
}

TEST_F(JwtBearerTest, SignatureMustVerifyWithTheAppsCertificate) {
  ExpectError(Bearer(Sign(Claims(), other_key_)), kInvalidAssertion);
  auto tampered = Sign(Claims());
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  ExpectError(Bearer(tampered), kInvalidAssertion);
  ExpectError(BearerWith(Claims(kNoCertClientId)), kInvalidAssertion);
}

TEST_F(JwtBearerTest, AlgNoneAndHs256AreRefused) {
  const std::string payload = sf::Base64UrlEncode(Claims().dump());
  const std::string none = sf::Base64UrlEncode(R"({"alg":"none"})") + "." + payload + ".";
  ExpectError(Bearer(none), kInvalidAssertion);
  // HMAC keyed with the public certificate: the classic algorithm-confusion forgery.
  const std::string hs_input =
      sf::Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") + "." + payload;
  const std::string hs256 =
      hs_input + "." + sf::Base64UrlEncode(sf::HmacSha256(certificate_, hs_input));
  ExpectError(Bearer(hs256), kInvalidAssertion);
}

TEST_F(JwtBearerTest, IssuerMustNameAnInstalledApp) {
  ExpectError(BearerWith(Claims("3MVG9unknown")), kInvalidClientId);
  auto no_iss = Claims();
  no_iss.erase("iss");
  ExpectError(BearerWith(no_iss), kInvalidClientId);
  ExpectError(
      BearerWith(Claims(kPackagedClientId)),
      R"({"error":"app_not_found","error_description":"External client app is not installed in this org"})");
}

TEST_F(JwtBearerTest, ExpiredAssertionsAreRefused) {
  const std::string assertion = Sign(Claims());
  clock_->Advance(std::chrono::seconds(179));
  EXPECT_EQ(Bearer(assertion).status, 200);
  clock_->Advance(std::chrono::seconds(1));  // now == exp: "on or after" is expired
  ExpectError(Bearer(assertion), kExpired);

  auto missing = Claims();
  missing.erase("exp");
  ExpectError(BearerWith(missing), kInvalidAssertion);
  auto text = Claims();
  text["exp"] = std::to_string(NowSeconds() + 60);  // as Salesforce's help example writes it
  EXPECT_EQ(BearerWith(text).status, 200);
  auto millis = Claims();
  millis["exp"] = NowSeconds() * 1000;  // the Salesforce CLI's milliseconds are far future
  EXPECT_EQ(BearerWith(millis).status, 200);
}

TEST_F(JwtBearerTest, PrincipalWinsOverSubject) {
  auto claims = Claims(kClientId, "stranger@acme.test");
  claims["prn"] = "integration@acme.test";
  EXPECT_EQ(BearerWith(claims).status, 200);
}

TEST_F(JwtBearerTest, UserMustExistAndBeAbleToLogIn) {
  ExpectError(BearerWith(Claims(kClientId, "nobody@acme.test")), kNotApproved);
  auto no_sub = Claims();
  no_sub.erase("sub");
  ExpectError(BearerWith(no_sub), kNotApproved);
  constexpr char kAuthenticationFailure[] =
      R"({"error":"invalid_grant","error_description":"authentication failure"})";
  ExpectError(BearerWith(Claims(kClientId, "gone@acme.test")), kAuthenticationFailure);
  ExpectError(BearerWith(Claims(kClientId, "frozen@acme.test")), kAuthenticationFailure);
}

TEST_F(JwtBearerTest, AdminApprovedAppsNeedTheUserPreAuthorized) {
  ExpectError(
      BearerWith(Claims(kClientId, "stranger@acme.test")),
      R"({"error":"invalid_app_access","error_description":"user is not admin approved to access this app"})");
  EXPECT_EQ(BearerWith(Claims(kClientId, "perm@acme.test")).status, 200);  // by permission set
}

TEST_F(JwtBearerTest, SelfAuthorizedAppsNeedAnApprovalWithRefreshToken) {
  const auto approved = BearerWith(Claims(kSelfClientId));
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(nlohmann::json::parse(approved.body)["scope"], "api");
  ExpectError(BearerWith(Claims(kSelfClientId, "perm@acme.test")), kNotApproved);
  // Approved, but the app has no refresh_token scope, so no approval can include one.
  ExpectError(BearerWith(Claims(kApiOnlyClientId)), kNotApproved);
}

TEST_F(JwtBearerTest, IpRestrictionsApply) {
  ExpectError(BearerWith(Claims(kClientId, "office@acme.test")),
              R"({"error":"invalid_grant","error_description":"ip restricted"})");
}

TEST_F(JwtBearerTest, PrivateKeyJwtAuthenticatesClientCredentials) {
  const auto response = ClientCredentials(Sign(ClientClaims()));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["id"], std::string(kLoginUrl) + "/id/00DS7000000oxzoMAA/005S7000000AbCdIAK");
  EXPECT_EQ(Get("/services/data/v67.0/", body["access_token"]).status, 200);

  auto bare_host = ClientClaims();
  bare_host["aud"] = kMyDomainUrl;  // the issuer of the host's discovery document
  EXPECT_EQ(ClientCredentials(Sign(bare_host)).status, 200);
}

TEST_F(JwtBearerTest, PrivateKeyJwtRefusesBadAssertions) {
  ExpectError(ClientCredentials(Sign(ClientClaims(), other_key_)), kInvalidClient);
  ExpectError(ClientCredentials("not-a-jwt"), kInvalidClient);
  auto claims = ClientClaims();
  claims["aud"] = "https://login.salesforce.com";
  ExpectError(ClientCredentials(Sign(claims)), kInvalidClient);
  claims = ClientClaims();
  claims["sub"] = "integration@acme.test";
  ExpectError(ClientCredentials(Sign(claims)), kInvalidClient);
  claims = ClientClaims();
  claims["exp"] = NowSeconds() - 1;
  ExpectError(ClientCredentials(Sign(claims)), kInvalidClient);
  claims = ClientClaims();
  claims["iss"] = claims["sub"] = "3MVG9unknown";
  ExpectError(ClientCredentials(Sign(claims)), kInvalidClientId);
}

}  // namespace
}  // namespace sfh::mock
