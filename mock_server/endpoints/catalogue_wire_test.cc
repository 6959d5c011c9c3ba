// One golden wire test per catalogue error: every entry is produced by configuring an org (or
// choosing an answer for an UNVERIFIED behaviour) and sending one ordinary request, and the
// answer is the entry's exact status, content type and body. An entry only a fault can produce
// must say so below, with the reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "mock_server/endpoints/endpoint_test_support.h"
#include "salesforce/catalogue.h"
#include "salesforce/encoding.h"
#include "salesforce/jwt.h"

namespace sfh::mock {
namespace {

using testing::EndpointClient;
using testing::JsonBody;
namespace sf = ::sfh::salesforce;

constexpr char kSecret[] = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
constexpr char kClientId[] = "3MVG9catalogueWireTest";
constexpr char kCallback[] = "https://client.example/cb";
constexpr char kUser[] = "integration@acme.test";

// Entries no configuration produces: only a fault (scenarios/FORMAT.md, `respond`) does.
const std::set<std::string> kFaultOnly = {
    // The concurrent long-transaction limit needs requests that run long at once; the mock
    // answers at once, so a fault stages it (exhaust_concurrent_limit).
    "rest.REQUEST_LIMIT_EXCEEDED.concurrent",
    // Salesforce being unavailable is a fault (unavailable), not a configuration.
    "rest.SERVER_UNAVAILABLE",
    // The mock has no permission model (profiles grant every object and field), so nothing it
    // can be configured with hides a record.
    "rest.INSUFFICIENT_ACCESS",
};

const sf::RsaKey& AppKey() {
  static const sf::RsaKey key = *sf::RsaKey::Generate(2048);
  return key;
}

OrgConfig BaseOrg() {
  OrgConfig org;
  org.org_id = "00DS7000000oxzoMAA";
  UserConfig user;
  user.username = kUser;
  user.email = kUser;
  user.id = "005S7000000AbCdIAK";
  org.users.push_back(user);
  AppConfig app;
  app.name = "Billing";
  app.client_id = kClientId;
  app.client_secret = kSecret;
  app.run_as = kUser;
  app.callback_urls = {kCallback};
  app.certificate_pem = *AppKey().SelfSignedCertificatePem("billing");
  org.apps.push_back(app);
  return org;
}

std::vector<sf::FormField> ClientCredentials(std::vector<sf::FormField> extra = {}) {
  std::vector<sf::FormField> fields = {
      {"grant_type", "client_credentials"}, {"client_id", kClientId}, {"client_secret", kSecret}};
  fields.insert(fields.end(), extra.begin(), extra.end());
  return fields;
}

HttpResponse JwtBearer(EndpointClient& c, nlohmann::ordered_json claims) {
  return c.Token({{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                  {"assertion", *sf::SignJwt(AppKey(), claims)}},
                 VirtualHost::kLogin);
}

nlohmann::ordered_json BearerClaims(EndpointClient& c) {
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          c.clock().Now().time_since_epoch())
                          .count();
  return {{"iss", kClientId}, {"sub", kUser}, {"aud", "https://login.salesforce.com"},
          {"exp", now + 180}};
}

HttpResponse Authorize(EndpointClient& c, std::vector<sf::FormField> fields) {
  return c.Get("/services/oauth2/authorize?" + sf::EncodeForm(fields), "", VirtualHost::kLogin);
}

// A code issued for `verifier` (S256).
std::string Code(EndpointClient& c, const std::string& verifier) {
  const auto r = Authorize(c, {{"response_type", "code"},
                               {"client_id", kClientId},
                               {"redirect_uri", kCallback},
                               {"code_challenge", sf::Base64UrlEncode(sf::Sha256(verifier))},
                               {"code_challenge_method", "S256"}});
  const auto location = r.headers.Get("Location").value_or("");
  return std::string(sf::ParseForm(sf::SplitTarget(location).second)->Get("code").value_or(""));
}

HttpResponse Redeem(EndpointClient& c, const std::string& code, const std::string& verifier,
                    const std::string& redirect_uri = kCallback) {
  return c.Token({{"grant_type", "authorization_code"}, {"code", code},
                  {"client_id", kClientId},             {"client_secret", kSecret},
                  {"redirect_uri", redirect_uri},       {"code_verifier", verifier}});
}

std::string Token(EndpointClient& c) {
  return JsonBody(c.Token(ClientCredentials()))["access_token"];
}

struct Row {
  std::string id;
  std::function<void(OrgConfig&)> configure;
  std::function<HttpResponse(EndpointClient&)> request;
};

void Nothing(OrgConfig&) {}

std::vector<Row> Rows() {
  const std::string v(48, 'v');
  return {
      // Token endpoint.
      {"token.invalid_client_id", Nothing,
       [](auto& c) {
         return c.Token({{"grant_type", "client_credentials"}, {"client_id", "3MVG9x"},
                         {"client_secret", kSecret}});
       }},
      {"token.invalid_client", Nothing,
       [](auto& c) {
         return c.Token({{"grant_type", "client_credentials"}, {"client_id", kClientId},
                         {"client_secret", "nope"}});
       }},
      {"token.no_client_credentials_user", [](auto& o) { o.apps[0].run_as.reset(); },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.request_not_supported_on_this_domain", Nothing,
       [](auto& c) { return c.Token(ClientCredentials(), VirtualHost::kLogin); }},
      {"token.no_valid_scopes_defined", [](auto& o) { o.apps[0].scopes = {"refresh_token"}; },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.invalid_app_access",
       [](auto& o) { o.apps[0].permitted_users = PermittedUsers::kAdminApprovedPreAuthorized; },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.app_not_found", [](auto& o) { o.apps[0].installed = false; },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.ip_restricted", [](auto& o) { o.users[0].login_ip_ranges = {{1, 2}}; },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.authentication_failure", [](auto& o) { o.users[0].active = false; },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.user_not_approved", Nothing, [](auto& c) { return JwtBearer(c, BearerClaims(c)); }},
      {"token.expired_token", Nothing,
       [](auto& c) {
         return c.Token({{"grant_type", "refresh_token"}, {"refresh_token", "5Aep861gone"},
                         {"client_id", kClientId}});
       }},
      {"token.audience_is_invalid", [](auto& o) { o.users[0].approved_apps = {"Billing"}; },
       [](auto& c) {
         auto claims = BearerClaims(c);
         claims["aud"] = "https://example.com";
         return JwtBearer(c, claims);
       }},
      // The help's example for a wrong audience: reachable by choosing it.
      {"token.audience_validation_failed",
       [](auto& o) {
         o.users[0].approved_apps = {"Billing"};
         o.choices.jwt_audience_error = "token.audience_validation_failed";
       },
       [](auto& c) {
         auto claims = BearerClaims(c);
         claims["aud"] = "https://example.com";
         return JwtBearer(c, claims);
       }},
      {"token.unsupported_grant_type", Nothing,
       [](auto& c) { return c.Token({{"grant_type", "password"}}); }},
      {"token.scope_parameter_not_supported", Nothing,
       [](auto& c) { return c.Token(ClientCredentials({{"scope", "api"}})); }},
      {"token.redirect_uri_mismatch", Nothing,
       [v](auto& c) { return Redeem(c, Code(c, v), v, "https://client.example/other"); }},
      {"token.invalid_authorization_code", Nothing,
       [v](auto& c) { return Redeem(c, "aPrxNoSuchCode==", v); }},
      {"token.expired_authorization_code", Nothing,
       [v](auto& c) {
         const std::string code = Code(c, v);
         c.clock().Advance(std::chrono::hours(1));
         return Redeem(c, code, v);
       }},
      {"token.invalid_code_verifier", Nothing,
       [v](auto& c) { return Redeem(c, Code(c, v), std::string(48, 'w')); }},
      {"token.must_use_post", Nothing,
       [](auto& c) { return c.Get("/services/oauth2/token?grant_type=client_credentials"); }},
      {"token.invalid_assertion", Nothing,
       [](auto& c) {
         return c.Token({{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                         {"assertion", "not-a-jwt"}},
                        VirtualHost::kLogin);
       }},
      {"token.jwt_expired", [](auto& o) { o.users[0].approved_apps = {"Billing"}; },
       [](auto& c) {
         auto claims = BearerClaims(c);
         claims["exp"] = claims["exp"].template get<int64_t>() - 3600;
         return JwtBearer(c, claims);
       }},
      // INFERRED for a refresh of a deactivated user; chosen here for an inactive Run As user.
      {"token.inactive_user_refresh",
       [](auto& o) {
         o.users[0].active = false;
         o.choices.inactive_run_as_error = "token.inactive_user_refresh";
       },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      // Codes whose descriptions are UNVERIFIED: reachable by choosing them for a Run As state.
      {"token.inactive_user",
       [](auto& o) {
         o.users[0].active = false;
         o.choices.inactive_run_as_error = "token.inactive_user";
       },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.inactive_org",
       [](auto& o) {
         o.users[0].active = false;
         o.choices.inactive_run_as_error = "token.inactive_org";
       },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.rate_limit_exceeded",
       [](auto& o) {
         o.users[0].frozen = true;
         o.choices.frozen_run_as_error = "token.rate_limit_exceeded";
       },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      {"token.login_rate_exceeded",
       [](auto& o) {
         o.apps[0].policies_client_credentials = false;
         o.choices.flow_off_in_policies_error = "token.login_rate_exceeded";
       },
       [](auto& c) { return c.Token(ClientCredentials()); }},
      // Revoke.
      {"revoke.invalid_token", Nothing,
       [](auto& c) { return c.PostForm("/services/oauth2/revoke", {{"token", "00Dx!gone"}}); }},
      {"revoke.unsupported_token_type", Nothing,
       [](auto& c) { return c.PostForm("/services/oauth2/revoke", {}); }},
      // Authorize.
      {"authorize.access_denied", [](auto& o) { o.authorize.approve = false; },
       [](auto& c) {
         return Authorize(c, {{"response_type", "code"}, {"client_id", kClientId},
                              {"redirect_uri", kCallback}, {"code_challenge", "c"}});
       }},
      {"authorize.redirect_uri_mismatch", Nothing,
       [](auto& c) {
         return Authorize(c, {{"response_type", "code"}, {"client_id", kClientId},
                              {"redirect_uri", "https://evil.example/"}});
       }},
      {"authorize.OAUTH_EC_APP_NOT_FOUND", [](auto& o) { o.apps[0].installed = false; },
       [](auto& c) {
         return Authorize(c, {{"response_type", "code"}, {"client_id", kClientId},
                              {"redirect_uri", kCallback}, {"code_challenge", "c"}});
       }},
      {"authorize.OAUTH_APP_ACCESS_DENIED",
       [](auto& o) { o.apps[0].permitted_users = PermittedUsers::kAdminApprovedPreAuthorized; },
       [](auto& c) {
         return Authorize(c, {{"response_type", "code"}, {"client_id", kClientId},
                              {"redirect_uri", kCallback}, {"code_challenge", "c"}});
       }},
      {"authorize.invalid_client_id", Nothing,
       [](auto& c) {
         return Authorize(c, {{"response_type", "code"}, {"client_id", "3MVG9x"},
                              {"redirect_uri", kCallback}});
       }},
      {"authorize.unsupported_response_type", Nothing,
       [](auto& c) {
         return Authorize(c, {{"response_type", "id_token"}, {"client_id", kClientId},
                              {"redirect_uri", kCallback}});
       }},
      {"authorize.missing_code_challenge", Nothing,
       [](auto& c) {
         return Authorize(c, {{"response_type", "code"}, {"client_id", kClientId},
                              {"redirect_uri", kCallback}});
       }},
      // REST.
      {"rest.INVALID_SESSION_ID", Nothing,
       [](auto& c) { return c.Get("/services/data/v67.0/"); }},
      {"rest.INVALID_SESSION_ID.not_for_rest", [](auto& o) { o.apps[0].scopes = {"chatter_api"}; },
       [](auto& c) { return c.Get("/services/data/v67.0/", Token(c)); }},
      {"rest.REQUEST_LIMIT_EXCEEDED", [](auto& o) { o.daily_api_limit = 1; },
       [](auto& c) {
         const std::string token = Token(c);
         c.Get("/services/data/v67.0/", token);
         return c.Get("/services/data/v67.0/", token);
       }},
      {"rest.API_DISABLED_FOR_ORG", [](auto& o) { o.api_enabled = false; },
       [](auto& c) { return c.Get("/services/data/v67.0/", Token(c)); }},
      {"rest.NOT_FOUND", Nothing,
       [](auto& c) { return c.Get("/services/data/v67.0/no-such-resource", Token(c)); }},
      {"rest.MALFORMED_QUERY", Nothing,
       [](auto& c) { return c.Get("/services/data/v67.0/query?q=SELEC+Id", Token(c)); }},
      {"rest.INVALID_FIELD", Nothing,
       [](auto& c) {
         return c.Get("/services/data/v67.0/query?q=SELECT+Nam+FROM+Account", Token(c));
       }},
      {"rest.INVALID_TYPE", Nothing,
       [](auto& c) {
         return c.Get("/services/data/v67.0/query?q=SELECT+Id+FROM+Acount", Token(c));
       }},
      {"rest.INVALID_QUERY_LOCATOR", Nothing,
       [](auto& c) {
         return c.Get("/services/data/v67.0/query/01gD0000002HU6KIAW-2000", Token(c));
       }},
      {"rest.METHOD_NOT_ALLOWED", Nothing,
       [](auto& c) {
         HttpRequest r;
         r.method = "DELETE";
         r.target = "/services/data/v67.0/limits";
         r.headers.Add("Authorization", "Bearer " + Token(c));
         return c.Send(r);
       }},
      // Identity URL and userinfo.
      {"identity.Missing_OAuth_Token", Nothing,
       [](auto& c) { return c.Get("/services/oauth2/userinfo"); }},
      {"identity.Bad_OAuth_Token", Nothing,
       [](auto& c) { return c.Get("/services/oauth2/userinfo", "00Dx!bad"); }},
  };
}

// The response is the entry: its status and content type, and its exact body (for a template,
// a body the template matches; for a redirect, the Location it builds).
void ExpectEntry(const HttpResponse& r, const sf::CatalogueEntry& entry) {
  EXPECT_EQ(r.status, entry.http_status) << r.body;
  if (sf::IsRedirect(entry)) {
    EXPECT_EQ(r.headers.Get("Location"), sf::AuthorizeErrorLocation(entry, kCallback));
    return;
  }
  EXPECT_EQ(r.headers.Get("Content-Type"), std::string(sf::ContentType(entry)));
  if (!sf::IsTemplate(entry)) {
    EXPECT_EQ(r.body, sf::ErrorBody(entry));
    return;
  }
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_array() && body.size() == 1) << r.body;
  EXPECT_EQ(sf::MatchCatalogueEntry(entry.surface, body[0]["errorCode"].get<std::string>(),
                                    body[0]["message"].get<std::string>()),
            &entry)
      << r.body;
}

class CatalogueWireTest : public ::testing::TestWithParam<Row> {};

TEST_P(CatalogueWireTest, ConfiguredOrgAnswersTheEntryExactly) {
  OrgConfig config = BaseOrg();
  GetParam().configure(config);
  EndpointClient client(std::move(config));
  ExpectEntry(GetParam().request(client), sf::CatalogueEntryById(GetParam().id));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, CatalogueWireTest, ::testing::ValuesIn(Rows()),
                         [](const auto& info) {
                           std::string name = info.param.id;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(CatalogueWire, EveryEntryHasARowOrIsFaultOnly) {
  std::set<std::string> covered(kFaultOnly);
  for (const auto& row : Rows()) covered.insert(row.id);
  for (const auto& entry : sf::Catalogue()) {
    EXPECT_TRUE(covered.contains(std::string(entry.id)))
        << entry.id << " has no golden wire row in catalogue_wire_test.cc";
  }
}

}  // namespace
}  // namespace sfh::mock
