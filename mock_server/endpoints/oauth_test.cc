// The OAuth surface beyond the client-credentials happy path: the app's settings and policies,
// the Run As user's states, JWT-based access tokens, the authorization-code flow with PKCE,
// refresh tokens, introspection, userinfo, the identity URL and revocation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mock_server/endpoints/endpoint_test_support.h"
#include "salesforce/catalogue.h"
#include "salesforce/encoding.h"
#include "salesforce/jwt.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

using ::testing::ElementsAre;
using testing::EndpointClient;
using ::testing::HasSubstr;
using testing::JsonBody;
using testing::Keys;
using ::testing::StartsWith;
namespace sf = ::sfh::salesforce;

constexpr char kSecret[] = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
constexpr char kClientId[] = "3MVG9testClientId";
constexpr char kOrgId[] = "00DS7000000oxzoMAA";
constexpr char kUserId[] = "005S7000000AbCdIAK";
constexpr char kCallback[] = "https://client.example/cb";

OrgConfig BaseOrg() {
  OrgConfig org;
  org.org_id = kOrgId;
  UserConfig user;
  user.username = "integration@acme.test";
  user.email = user.username;
  user.id = kUserId;
  org.users.push_back(user);
  AppConfig app;
  app.name = "Billing";
  app.client_id = kClientId;
  app.client_secret = kSecret;
  app.run_as = user.username;
  app.callback_urls = {kCallback};
  org.apps.push_back(app);
  return org;
}

std::vector<sf::FormField> ClientCredentials() {
  return {
      {"grant_type", "client_credentials"}, {"client_id", kClientId}, {"client_secret", kSecret}};
}

// The exact response of a catalogue entry: status, content type and body.
void ExpectCatalogueError(const HttpResponse& response, std::string_view id) {
  const auto& entry = sf::CatalogueEntryById(id);
  EXPECT_EQ(response.status, entry.http_status) << id << ": " << response.body;
  EXPECT_EQ(response.headers.Get("Content-Type"), std::string(sf::ContentType(entry))) << id;
  EXPECT_EQ(response.body, sf::ErrorBody(entry)) << id;
}

// ---- Client credentials: every catalogue error reachable by configuring the org. ----

struct PolicyCase {
  std::string name;
  void (*change)(OrgConfig&);
  std::string expected;  // a catalogue id, or "" for success
};

class ClientCredentialsPolicyTest : public ::testing::TestWithParam<PolicyCase> {};

TEST_P(ClientCredentialsPolicyTest, AnswersAsTheOrgIsConfigured) {
  OrgConfig config = BaseOrg();
  GetParam().change(config);
  EndpointClient client(std::move(config));
  const auto response = client.Token(ClientCredentials());
  if (GetParam().expected.empty()) {
    EXPECT_EQ(response.status, 200) << response.body;
  } else {
    ExpectCatalogueError(response, GetParam().expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Org, ClientCredentialsPolicyTest,
    ::testing::Values(
        PolicyCase{"Defaults", [](OrgConfig&) {}, ""},
        PolicyCase{"NoRunAs", [](OrgConfig& o) { o.apps[0].run_as.reset(); },
                   "token.no_client_credentials_user"},
        PolicyCase{"RunAsIsAnEmail", [](OrgConfig& o) { o.apps[0].run_as = "ops@example.com"; },
                   "token.no_client_credentials_user"},
        PolicyCase{"RunAsInactive", [](OrgConfig& o) { o.users[0].active = false; },
                   "token.authentication_failure"},
        PolicyCase{"RunAsInactiveOtherChoice",
                   [](OrgConfig& o) {
                     o.users[0].active = false;
                     o.choices.inactive_run_as_error = "token.inactive_user";
                   },
                   "token.inactive_user"},
        PolicyCase{"RunAsFrozen", [](OrgConfig& o) { o.users[0].frozen = true; },
                   "token.authentication_failure"},
        PolicyCase{"FlowOffInSettings",
                   [](OrgConfig& o) { o.apps[0].settings_client_credentials = false; },
                   "token.unsupported_grant_type"},
        PolicyCase{"FlowOffInPolicies",
                   [](OrgConfig& o) { o.apps[0].policies_client_credentials = false; },
                   "token.unsupported_grant_type"},
        PolicyCase{"NotInstalled", [](OrgConfig& o) { o.apps[0].installed = false; },
                   "token.app_not_found"},
        PolicyCase{"ConnectedAppsHaveNoInstallState",
                   [](OrgConfig& o) {
                     o.apps[0].kind = AppKind::kConnectedApp;
                     o.apps[0].installed = false;
                   },
                   ""},
        PolicyCase{"AdminApprovedNotAssigned",
                   [](OrgConfig& o) {
                     o.apps[0].permitted_users = PermittedUsers::kAdminApprovedPreAuthorized;
                   },
                   "token.invalid_app_access"},
        PolicyCase{"AdminApprovedByProfile",
                   [](OrgConfig& o) {
                     o.apps[0].permitted_users = PermittedUsers::kAdminApprovedPreAuthorized;
                     o.apps[0].profiles = {o.users[0].profile};
                   },
                   ""},
        PolicyCase{"AdminApprovedByPermissionSet",
                   [](OrgConfig& o) {
                     o.apps[0].permitted_users = PermittedUsers::kAdminApprovedPreAuthorized;
                     o.apps[0].permission_sets = {"Integration"};
                     o.users[0].permission_sets = {"Integration"};
                   },
                   ""},
        PolicyCase{"AdminApprovedIgnoredByChoice",
                   [](OrgConfig& o) {
                     o.apps[0].permitted_users = PermittedUsers::kAdminApprovedPreAuthorized;
                     o.choices.permitted_users_apply_to_run_as = false;
                   },
                   ""},
        PolicyCase{"OutsideLoginIpRanges",
                   [](OrgConfig& o) {
                     o.users[0].login_ip_ranges = {{0x0A000000, 0x0A0000FF}};
                   },
                   "token.ip_restricted"},
        PolicyCase{"InsideAppTrustedRange",
                   [](OrgConfig& o) {
                     o.users[0].login_ip_ranges = {{0x0A000000, 0x0A0000FF}};
                     o.apps[0].trusted_ip_ranges = {{0x7F000001, 0x7F000001}};
                   },
                   ""},
        PolicyCase{"IpRelaxationBypass",
                   [](OrgConfig& o) {
                     o.users[0].login_ip_ranges = {{0x0A000000, 0x0A0000FF}};
                     o.apps[0].ip_relaxation = IpRelaxation::kBypass;
                   },
                   ""},
        PolicyCase{"OnlyUnsupportedScopes",
                   [](OrgConfig& o) {
                     o.apps[0].scopes = {"refresh_token", "full"};
                   },
                   "token.no_valid_scopes_defined"}),
    [](const auto& info) { return info.param.name; });

TEST(ClientCredentials, UnknownAppAndWrongSecret) {
  EndpointClient client(BaseOrg());
  ExpectCatalogueError(client.Token({{"grant_type", "client_credentials"},
                                     {"client_id", "3MVG9nobody"},
                                     {"client_secret", kSecret}}),
                       "token.invalid_client_id");
  ExpectCatalogueError(client.Token({{"grant_type", "client_credentials"},
                                     {"client_id", kClientId},
                                     {"client_secret", "wrong"}}),
                       "token.invalid_client");
}

// Bad input on the token endpoint (docs/BAD_INPUT.md): a body sent as is, with the content type
// and Authorization header given; each answer is the catalogue's.
HttpResponse RawToken(EndpointClient& client, std::string body,
                      std::string content_type = "application/x-www-form-urlencoded",
                      std::string authorization = "") {
  HttpRequest r;
  r.method = "POST";
  r.target = "/services/oauth2/token";
  if (!content_type.empty()) r.headers.Add("Content-Type", content_type);
  if (!authorization.empty()) r.headers.Add("Authorization", authorization);
  r.body = std::move(body);
  return client.Send(std::move(r));
}

TEST(TokenEndpointBadInput, BrokenFormsAreUnsupportedGrantType) {
  EndpointClient client(BaseOrg());
  const std::string good = sf::EncodeForm(ClientCredentials());
  ASSERT_EQ(RawToken(client, good).status, 200);
  for (const std::string& body :
       {std::string("grant_type"), std::string(""), std::string("\x01\x02\xff=\xfe"),
        good + "&client_id=%zz", good + "&x=%", good + "&x=%4", "grant_type=password&" + good}) {
    ExpectCatalogueError(RawToken(client, body), "token.unsupported_grant_type");
  }
  // The body is read only as a form: as anything else (or untyped) it is ignored.
  for (const std::string type : {"text/plain", "", "application/json"}) {
    ExpectCatalogueError(RawToken(client, good, type), "token.unsupported_grant_type");
  }
}

TEST(TokenEndpointBadInput, TheFirstOfADuplicatedParameterCounts) {
  EndpointClient client(BaseOrg());
  const std::string good = sf::EncodeForm(ClientCredentials());
  EXPECT_EQ(RawToken(client, good + "&grant_type=password").status, 200);
  EXPECT_EQ(RawToken(client, good + "&client_secret=wrong").status, 200);
  ExpectCatalogueError(
      RawToken(client, "grant_type=client_credentials&client_id=" + std::string(kClientId) +
                           "&client_secret=wrong&client_secret=" + kSecret),
      "token.invalid_client");
}

TEST(TokenEndpointBadInput, AuthorizationHeadersAndIdsThatAreNotUtf8) {
  EndpointClient client(BaseOrg());
  const std::string good = sf::EncodeForm(ClientCredentials());
  // A malformed Basic header is a failed client authentication, even beside good body
  // credentials; another scheme is not client authentication and is ignored.
  for (const char* basic : {"Basic !!!", "Basic bm9jb2xvbg==", "Basic"}) {
    ExpectCatalogueError(RawToken(client, good, "application/x-www-form-urlencoded", basic),
                         "token.invalid_client");
  }
  EXPECT_EQ(RawToken(client, good, "application/x-www-form-urlencoded", "Bearer x").status, 200);
  ExpectCatalogueError(
      RawToken(client, "grant_type=client_credentials&client_id=%FF&client_secret=x"),
      "token.invalid_client_id");
}

// Credentials both in HTTP Basic and in the body (UNVERIFIED, docs/wire-choices.md): by default
// Basic is used and the body's are not read; with choices.basic_and_body "must_agree", a body
// value that differs from Basic's is invalid_client, and the same values are accepted.
TEST(TokenEndpointBadInput, BasicBesideBodyCredentialsFollowsTheOrgsChoice) {
  const std::string basic = sf::MakeBasicAuthorization(kClientId, kSecret);
  const std::string wrong_secret = "grant_type=client_credentials&client_secret=wrong";
  const std::string other_id = "grant_type=client_credentials&client_id=3MVG9other";
  const std::string same = sf::EncodeForm(ClientCredentials());
  constexpr char kForm[] = "application/x-www-form-urlencoded";
  {
    EndpointClient client(BaseOrg());
    for (const std::string& body : {wrong_secret, other_id, same}) {
      EXPECT_EQ(RawToken(client, body, kForm, basic).status, 200) << body;
    }
  }
  OrgConfig config = BaseOrg();
  config.choices.basic_and_body_must_agree = true;
  EndpointClient client(std::move(config));
  for (const std::string& body : {wrong_secret, other_id}) {
    ExpectCatalogueError(RawToken(client, body, kForm, basic), "token.invalid_client");
  }
  EXPECT_EQ(RawToken(client, same, kForm, basic).status, 200);
  EXPECT_EQ(RawToken(client, "grant_type=client_credentials", kForm, basic).status, 200);
}

TEST(ClientCredentials, TestHostRefusesLikeLogin) {
  EndpointClient client(BaseOrg());
  ExpectCatalogueError(client.Token(ClientCredentials(), VirtualHost::kTest),
                       "token.request_not_supported_on_this_domain");
}

TEST(ClientCredentials, SandboxIdentityLivesOnTheTestHost) {
  OrgConfig config = BaseOrg();
  config.kind = OrgKind::kSandbox;
  EndpointClient client(std::move(config));
  const auto body = JsonBody(client.Token(ClientCredentials()));
  EXPECT_EQ(body["id"], std::string(testing::kTestHostUrls.test) + "/id/" + kOrgId + "/" + kUserId);
  EXPECT_EQ(body["instance_url"], testing::kTestHostUrls.my_domain);
}

TEST(ClientCredentials, ApiPlatformScopesAddApiInstanceUrl) {
  OrgConfig config = BaseOrg();
  config.apps[0].scopes = {"api", "sfap_api"};
  EndpointClient client(std::move(config));
  const auto body = JsonBody(client.Token(ClientCredentials()));
  EXPECT_EQ(body["scope"], "api sfap_api");
  EXPECT_EQ(body["api_instance_url"], "https://api.salesforce.com");
  EXPECT_THAT(Keys(body),
              ElementsAre("access_token", "signature", "token_format", "scope", "instance_url",
                          "api_instance_url", "id", "token_type", "issued_at"));
}

TEST(ClientCredentials, AppSessionTimeoutWinsOverTheOrgs) {
  OrgConfig config = BaseOrg();
  config.session_timeout_minutes = 120;
  config.apps[0].session_timeout_minutes = 15;
  EndpointClient client(std::move(config));
  const std::string token = JsonBody(client.Token(ClientCredentials()))["access_token"];
  client.clock().Advance(std::chrono::minutes(14));
  EXPECT_EQ(client.Get("/services/data/v67.0/", token).status, 200);
  client.clock().Advance(std::chrono::minutes(1));
  ExpectCatalogueError(client.Get("/services/data/v67.0/", token), "rest.INVALID_SESSION_ID");
}

TEST(ClientCredentials, ReuseLiveTokenIsAChoice) {
  OrgConfig config = BaseOrg();
  EndpointClient fresh(config);
  EXPECT_NE(JsonBody(fresh.Token(ClientCredentials()))["access_token"],
            JsonBody(fresh.Token(ClientCredentials()))["access_token"]);
  config.choices.reuse_live_token = true;
  EndpointClient reuse(std::move(config));
  EXPECT_EQ(JsonBody(reuse.Token(ClientCredentials()))["access_token"],
            JsonBody(reuse.Token(ClientCredentials()))["access_token"]);
}

// ---- JWT-based access tokens and /id/keys. ----

TEST(JwtAccessTokens, SignedWithTheKeyOfIdKeys) {
  OrgConfig config = BaseOrg();
  config.apps[0].jwt_access_tokens = true;
  config.apps[0].jwt_timeout_minutes = 5;
  EndpointClient client(std::move(config));
  const auto body = JsonBody(client.Token(ClientCredentials()));
  EXPECT_EQ(body["token_format"], "jwt");
  EXPECT_FALSE(body.contains("signature"));  // the default choice
  const std::string token = body["access_token"];
  EXPECT_TRUE(sf::LooksLikeJwtAccessToken(token));

  const auto keys = client.Get("/id/keys", "", VirtualHost::kLogin);
  ASSERT_EQ(keys.status, 200);
  const auto jwks = JsonBody(keys);
  ASSERT_EQ(jwks["keys"].size(), 1u);
  EXPECT_THAT(Keys(jwks["keys"][0]), ElementsAre("kty", "n", "e", "alg", "use", "kid"));
  auto key = sf::RsaKey::FromJwk(jwks["keys"][0]);
  ASSERT_TRUE(key.has_value()) << key.error();
  auto jwt = sf::DecodeJwt(token);
  ASSERT_TRUE(jwt.has_value()) << jwt.error();
  EXPECT_TRUE(sf::VerifyJwt(*key, *jwt));
  EXPECT_EQ(jwt->header["kid"], jwks["keys"][0]["kid"]);
  EXPECT_EQ(jwt->claims["client_id"], kClientId);
  EXPECT_EQ(jwt->claims["exp"].get<int64_t>() - jwt->claims["iat"].get<int64_t>(), 300);

  // The JWT works for REST until the JWT timeout.
  EXPECT_EQ(client.Get("/services/data/v67.0/", token).status, 200);
  client.clock().Advance(std::chrono::minutes(5));
  ExpectCatalogueError(client.Get("/services/data/v67.0/", token), "rest.INVALID_SESSION_ID");
}

TEST(JwtAccessTokens, SignatureFieldIsAChoice) {
  OrgConfig config = BaseOrg();
  config.apps[0].jwt_access_tokens = true;
  config.choices.jwt_response_has_signature = true;
  EndpointClient client(std::move(config));
  const auto body = JsonBody(client.Token(ClientCredentials()));
  EXPECT_EQ(body["signature"], sf::TokenSignature(kSecret, body["id"].get<std::string>(),
                                                  body["issued_at"].get<std::string>()));
}

// ---- The authorization-code flow with PKCE, and refresh tokens. ----

std::string S256(std::string_view verifier) { return sf::Base64UrlEncode(sf::Sha256(verifier)); }

class CodeFlowTest : public ::testing::Test {
 protected:
  CodeFlowTest() : client_(Config()) {}

  static OrgConfig Config() {
    OrgConfig config = BaseOrg();
    config.apps[0].scopes = {"api", "refresh_token"};
    return config;
  }

  HttpResponse Authorize(std::string query) {
    return client_.Get("/services/oauth2/authorize?" + query, "", VirtualHost::kLogin);
  }

  // A code for the verifier, from a successful authorize redirect.
  std::string CodeFor(std::string_view verifier) {
    const auto response = Authorize(sf::EncodeForm({{"response_type", "code"},
                                                    {"client_id", kClientId},
                                                    {"redirect_uri", kCallback},
                                                    {"code_challenge", S256(verifier)},
                                                    {"code_challenge_method", "S256"},
                                                    {"state", "xyz"}}));
    EXPECT_EQ(response.status, 302) << response.body;
    const std::string location(response.headers.Get("Location").value_or(""));
    EXPECT_THAT(location, StartsWith(std::string(kCallback) + "?code="));
    EXPECT_THAT(location, ::testing::EndsWith("&state=xyz"));
    const auto query = sf::ParseForm(sf::SplitTarget(location).second);
    return std::string(query ? query->Get("code").value_or("") : "");
  }

  HttpResponse Redeem(const std::string& code, std::string_view verifier,
                      std::string redirect_uri = kCallback) {
    return client_.Token({{"grant_type", "authorization_code"},
                          {"code", code},
                          {"client_id", kClientId},
                          {"client_secret", kSecret},
                          {"redirect_uri", redirect_uri},
                          {"code_verifier", std::string(verifier)}});
  }

  EndpointClient client_;
};

TEST_F(CodeFlowTest, CodeAndVerifierGetTokensWithRefresh) {
  const std::string verifier(64, 'v');
  const auto response = Redeem(CodeFor(verifier), verifier);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = JsonBody(response);
  EXPECT_THAT(Keys(body), ElementsAre("access_token", "refresh_token", "signature", "token_format",
                                      "scope", "instance_url", "id", "token_type", "issued_at"));
  EXPECT_THAT(body["refresh_token"].get<std::string>(), StartsWith("5Aep"));
  EXPECT_EQ(body["scope"], "api refresh_token");
  EXPECT_EQ(client_.Get("/services/data/v67.0/", body["access_token"]).status, 200);
}

TEST_F(CodeFlowTest, WrongVerifierReusedCodeExpiryAndRedirectMismatch) {
  const std::string verifier(64, 'v');
  ExpectCatalogueError(Redeem(CodeFor(verifier), std::string(64, 'w')),
                       "token.invalid_code_verifier");
  const std::string code = CodeFor(verifier);
  EXPECT_EQ(Redeem(code, verifier).status, 200);
  ExpectCatalogueError(Redeem(code, verifier), "token.invalid_authorization_code");
  ExpectCatalogueError(Redeem(CodeFor(verifier), verifier, "https://client.example/other"),
                       "token.redirect_uri_mismatch");
  const std::string late = CodeFor(verifier);
  client_.clock().Advance(std::chrono::minutes(16));
  ExpectCatalogueError(Redeem(late, verifier), "token.expired_authorization_code");
}

TEST_F(CodeFlowTest, AuthorizeErrorsBeforeAndAfterTheRedirectIsTrusted) {
  ExpectCatalogueError(Authorize("response_type=code&client_id=3MVG9nobody&redirect_uri=x"),
                       "authorize.invalid_client_id");
  ExpectCatalogueError(Authorize(sf::EncodeForm({{"response_type", "code"},
                                                 {"client_id", kClientId},
                                                 {"redirect_uri", "https://evil.example/cb"}})),
                       "authorize.redirect_uri_mismatch");
  // PKCE is required by default on External Client Apps.
  const auto no_pkce = Authorize(sf::EncodeForm(
      {{"response_type", "code"}, {"client_id", kClientId}, {"redirect_uri", kCallback}}));
  EXPECT_EQ(no_pkce.status, 302);
  EXPECT_EQ(no_pkce.headers.Get("Location"),
            sf::AuthorizeErrorLocation(sf::CatalogueEntryById("authorize.missing_code_challenge"),
                                       kCallback));
}

TEST(CodeFlow, DeniedAndUserAgentFlowUseTheFragment) {
  OrgConfig config = BaseOrg();
  config.authorize.approve = false;
  EndpointClient denied(std::move(config));
  const auto response =
      denied.Get("/services/oauth2/authorize?" + sf::EncodeForm({{"response_type", "code"},
                                                                 {"client_id", kClientId},
                                                                 {"redirect_uri", kCallback},
                                                                 {"code_challenge", "abc"},
                                                                 {"state", "s1"}}));
  EXPECT_EQ(response.headers.Get("Location"),
            std::string(kCallback) +
                "?error=access_denied&error_description=end-user+denied+authorization&state=s1");

  EndpointClient client(BaseOrg());
  const auto token =
      client.Get("/services/oauth2/authorize?" + sf::EncodeForm({{"response_type", "token"},
                                                                 {"client_id", kClientId},
                                                                 {"redirect_uri", kCallback}}));
  ASSERT_EQ(token.status, 302);
  const std::string location(token.headers.Get("Location").value_or(""));
  ASSERT_THAT(location, StartsWith(std::string(kCallback) + "#access_token="));
  const auto fragment = sf::ParseForm(location.substr(location.find('#') + 1));
  ASSERT_TRUE(fragment.has_value());
  EXPECT_EQ(client.Get("/services/data/v67.0/", std::string(*fragment->Get("access_token"))).status,
            200);
  EXPECT_EQ(fragment->Get("token_type"), "Bearer");
}

TEST_F(CodeFlowTest, RefreshMintsAccessTokensUntilRevoked) {
  const std::string verifier(50, 'q');
  const auto first = JsonBody(Redeem(CodeFor(verifier), verifier));
  const std::string refresh = first["refresh_token"];
  const auto refreshed = client_.Token({{"grant_type", "refresh_token"},
                                        {"refresh_token", refresh},
                                        {"client_id", kClientId},
                                        {"client_secret", kSecret}});
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  const auto body = JsonBody(refreshed);
  EXPECT_FALSE(body.contains("refresh_token"));
  const std::string access = body["access_token"];
  EXPECT_EQ(client_.Get("/services/data/v67.0/", access).status, 200);

  // Revoking the refresh token takes the access tokens minted from it along (CONFIRMED).
  EXPECT_EQ(client_.PostForm("/services/oauth2/revoke", {{"token", refresh}}).status, 200);
  ExpectCatalogueError(client_.Get("/services/data/v67.0/", access), "rest.INVALID_SESSION_ID");
  ExpectCatalogueError(
      client_.Token(
          {{"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"client_id", kClientId}}),
      "token.expired_token");
}

TEST(Refresh, InactiveUsersRefreshIsRefused) {
  OrgConfig config = BaseOrg();
  config.users[0].active = false;  // deactivated after approving the app
  EndpointClient client(std::move(config));
  const std::string refresh =
      client.org()
          .IssueRefreshToken(client.org().config().apps[0], client.org().config().users[0],
                             "api refresh_token")
          .access_token;
  ExpectCatalogueError(client.Token({{"grant_type", "refresh_token"},
                                     {"refresh_token", refresh},
                                     {"client_id", kClientId},
                                     {"client_secret", kSecret}}),
                       "token.inactive_user_refresh");
}

// ---- Introspection, userinfo, the identity URL, revocation. ----

class IntrospectTest : public ::testing::Test {
 protected:
  static OrgConfig Config() {
    OrgConfig config = BaseOrg();
    AppConfig other = config.apps[0];
    other.name = "Reporting";
    other.client_id = "3MVG9otherApp";
    config.apps.push_back(other);
    return config;
  }
  HttpResponse Introspect(EndpointClient& client, const std::string& token,
                          const std::string& client_id, const std::string& secret = kSecret) {
    return client.PostForm("/services/oauth2/introspect", {{"token", token},
                                                           {"token_type_hint", "access_token"},
                                                           {"client_id", client_id},
                                                           {"client_secret", secret}});
  }
};

TEST_F(IntrospectTest, OwnTokenIsActiveOthersAreNot) {
  EndpointClient client(Config());
  const std::string token = JsonBody(client.Token(ClientCredentials()))["access_token"];
  const auto own = JsonBody(Introspect(client, token, kClientId));
  EXPECT_THAT(Keys(own), ElementsAre("active", "scope", "client_id", "username", "sub",
                                     "token_type", "exp", "iat", "nbf"));
  EXPECT_EQ(own["active"], true);
  EXPECT_EQ(own["token_type"], "access_token");
  EXPECT_EQ(own["username"], "integration@acme.test");
  EXPECT_EQ(own["exp"].get<int64_t>() - own["iat"].get<int64_t>(), 120 * 60);
  EXPECT_EQ(Introspect(client, token, "3MVG9otherApp").body, R"({"active":false})");
  ExpectCatalogueError(Introspect(client, token, kClientId, "wrong"), "token.invalid_client");
  EXPECT_EQ(client.PostForm("/services/oauth2/revoke", {{"token", token}}).status, 200);
  EXPECT_EQ(Introspect(client, token, kClientId).body, R"({"active":false})");
}

TEST_F(IntrospectTest, IntrospectAllTokensSeesOtherAppsTokens) {
  OrgConfig config = Config();
  config.apps[1].introspect_all_tokens = true;
  EndpointClient client(std::move(config));
  const std::string token = JsonBody(client.Token(ClientCredentials()))["access_token"];
  EXPECT_EQ(JsonBody(Introspect(client, token, "3MVG9otherApp"))["active"], true);
}

// A malformed % escape in an identity or revoke query string makes the query count as absent
// (docs/BAD_INPUT.md): the token it carries is not read.
TEST(Identity, AQueryStringThatDoesNotDecodeCountsAsAbsent) {
  EndpointClient client(BaseOrg());
  const auto token_body = JsonBody(client.Token(ClientCredentials()));
  const std::string token = token_body["access_token"];
  const std::string id_path =
      token_body["id"].get<std::string>().substr(std::string(testing::kTestHostUrls.login).size());
  const std::string with_token = id_path + "?oauth_token=" + sf::PercentEncode(token);
  EXPECT_EQ(client.Get(with_token, "", VirtualHost::kLogin).status, 200);
  ExpectCatalogueError(client.Get(with_token + "&x=%zz", "", VirtualHost::kLogin),
                       "identity.Missing_OAuth_Token");

  HttpRequest revoke;
  revoke.method = "POST";
  revoke.target = "/services/oauth2/revoke?token=" + sf::PercentEncode(token) + "&x=%zz";
  ExpectCatalogueError(client.Send(revoke), "revoke.unsupported_token_type");
  revoke.target = "/services/oauth2/revoke?token=" + sf::PercentEncode(token);
  EXPECT_EQ(client.Send(revoke).status, 200);
}

TEST(Identity, UserinfoAndIdentityUrlNeedAToken) {
  EndpointClient client(BaseOrg());
  const auto token_body = JsonBody(client.Token(ClientCredentials()));
  const std::string token = token_body["access_token"];
  const std::string id = token_body["id"];
  const std::string id_path = id.substr(std::string(testing::kTestHostUrls.login).size());

  ExpectCatalogueError(client.Get("/services/oauth2/userinfo"), "identity.Missing_OAuth_Token");
  ExpectCatalogueError(client.Get("/services/oauth2/userinfo", "00Dbad!token"),
                       "identity.Bad_OAuth_Token");
  const auto info = JsonBody(client.Get("/services/oauth2/userinfo", token));
  EXPECT_EQ(info["sub"], id);
  EXPECT_EQ(info["user_id"], kUserId);
  EXPECT_EQ(info["organization_id"], kOrgId);
  EXPECT_EQ(info["preferred_username"], "integration@acme.test");

  const auto identity = client.Get(id_path, token, VirtualHost::kLogin);
  ASSERT_EQ(identity.status, 200) << identity.body;
  const auto doc = JsonBody(identity);
  EXPECT_EQ(doc["id"], id);
  EXPECT_EQ(doc["asserted_user"], true);
  EXPECT_EQ(doc["urls"]["rest"],
            std::string(testing::kTestHostUrls.my_domain) + "/services/data/v{version}/");
  // ?oauth_token= instead of a header, 15-character ids, and ?version= filled in.
  const auto by_query = client.Get(
      "/id/00DS7000000oxzo/005S7000000AbCd?version=67.0&oauth_token=" + sf::PercentEncode(token),
      "", VirtualHost::kLogin);
  ASSERT_EQ(by_query.status, 200) << by_query.body;
  EXPECT_EQ(JsonBody(by_query)["urls"]["query"],
            std::string(testing::kTestHostUrls.my_domain) + "/services/data/v67.0/query/");
  ExpectCatalogueError(client.Get(id_path, "", VirtualHost::kLogin),
                       "identity.Missing_OAuth_Token");
}

TEST(Revoke, JsonpCallbackWrapsTheAnswer) {
  EndpointClient client(BaseOrg());
  const std::string token = JsonBody(client.Token(ClientCredentials()))["access_token"];
  const auto ok =
      client.Get("/services/oauth2/revoke?callback=done&token=" + sf::PercentEncode(token));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "done({});");
  const auto again =
      client.Get("/services/oauth2/revoke?callback=done&token=" + sf::PercentEncode(token));
  EXPECT_EQ(again.body, R"(done({"error":"invalid_token"});)");
  ExpectCatalogueError(client.Get("/services/oauth2/revoke?token=" + sf::PercentEncode(token)),
                       "revoke.invalid_token");
}

TEST(Discovery, EachHostNamesItself) {
  EndpointClient client(BaseOrg());
  EXPECT_EQ(
      JsonBody(client.Get("/.well-known/openid-configuration", "", VirtualHost::kTest))["issuer"],
      testing::kTestHostUrls.test);
  const auto login =
      JsonBody(client.Get("/.well-known/openid-configuration", "", VirtualHost::kLogin));
  EXPECT_EQ(login["issuer"], testing::kTestHostUrls.login);
  EXPECT_FALSE(login.contains("end_session_endpoint"));
  const auto mine = JsonBody(client.Get("/.well-known/openid-configuration"));
  EXPECT_EQ(mine["jwks_uri"], std::string(testing::kTestHostUrls.my_domain) + "/id/keys");
  EXPECT_FALSE(mine.contains("grant_types_supported"));

  const auto auth = JsonBody(client.Get("/.well-known/auth-configuration"));
  EXPECT_THAT(Keys(auth), ElementsAre("OrgId", "Url", "MobileSDK", "LoginPage", "SamlProviders",
                                      "AuthProviders", "CertificateLogin", "LoginPageType",
                                      "LoginPageTypeConfigs"));
  EXPECT_EQ(auth["Url"], testing::kTestHostUrls.my_domain);
}

}  // namespace
}  // namespace sfh::mock
