// The identity URL (GET /id/<org>/<user>), /services/oauth2/userinfo and
// /.well-known/auth-configuration (salesforce-wire.md 3 and 4).
#include <fmt/format.h>

#include <ctime>
#include <expected>
#include <nlohmann/json.hpp>

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"
#include "salesforce/form.h"
#include "salesforce/record_id.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;
using Json = nlohmann::ordered_json;

std::string Iso8601(std::chrono::system_clock::time_point tp) {
  const std::time_t t = std::chrono::system_clock::to_time_t(tp);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S.000+0000", &tm);
  return text;
}

// The session of the request: Bearer (or OAuth) header, or ?oauth_token= (CONFIRMED for the
// identity URL, wire.md 4.4). Missing and bad tokens answer 403 with one word (identity surface).
std::expected<Session, HttpResponse> IdentitySession(const Org& org, const HttpRequest& request,
                                                     const sf::Form& query) {
  auto token = BearerTokenOf(request);
  if (!token) token = query.Get("oauth_token");
  if (!token || token->empty())
    return std::unexpected(CatalogueError("identity.Missing_OAuth_Token"));
  auto session = org.Authenticate(*token);
  if (!session) return std::unexpected(CatalogueError("identity.Bad_OAuth_Token"));
  return *session;
}

// The identity document's URLs hold a literal {version} unless ?version= names one
// (CONFIRMED, wire.md 4.4); "latest" is the org's newest.
Json IdentityUrls(const Org& org, std::string_view version_param) {
  std::string version = "{version}";
  if (version_param == "latest") {
    version = fmt::format("{}.0", org.config().latest_api_version);
  } else if (!version_param.empty()) {
    version = std::string(version_param);
  }
  const std::string& base = org.InstanceUrl();
  const std::string& org_id = org.config().org_id;
  const std::string data = fmt::format("{}/services/data/v{}", base, version);
  Json urls;
  urls["enterprise"] = fmt::format("{}/services/Soap/c/{}/{}", base, version, org_id);
  urls["metadata"] = fmt::format("{}/services/Soap/m/{}/{}", base, version, org_id);
  urls["partner"] = fmt::format("{}/services/Soap/u/{}/{}", base, version, org_id);
  urls["rest"] = data + "/";
  urls["sobjects"] = data + "/sobjects/";
  urls["search"] = data + "/search/";
  urls["query"] = data + "/query/";
  urls["recent"] = data + "/recent/";
  urls["tooling_soap"] = fmt::format("{}/services/Soap/T/{}/{}", base, version, org_id);
  urls["tooling_rest"] = data + "/tooling/";
  urls["feeds"] = data + "/chatter/feeds";
  urls["groups"] = data + "/chatter/groups";
  urls["users"] = data + "/chatter/users";
  urls["feed_items"] = data + "/chatter/feed-items";
  urls["feed_elements"] = data + "/chatter/feed-elements";
  urls["custom_domain"] = org.host_urls()->my_domain;
  return urls;
}

Json Photos(const Org& org) {
  const std::string base = org.host_urls()->my_domain + "/profilephoto/005/";
  return Json{{"picture", base + "F"}, {"thumbnail", base + "T"}};
}

}  // namespace

HttpResponse HandleIdentity(Org& org, const HttpRequest& request) {
  const auto query = sf::ParseForm(request.query).value_or(sf::Form());
  auto session = IdentitySession(org, request, query);
  if (!session) return session.error();
  // /id/<org id>/<user id>, each 15 or 18 characters.
  const std::string_view path(request.path);
  const size_t org_at = std::string_view("/id/").size();
  const size_t slash = path.find('/', org_at);
  const std::string_view org_part = path.substr(org_at, slash - org_at);
  const std::string_view user_part =
      slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  const UserConfig* user = org.FindUserById(user_part);
  // Another org's id, or a user that is not in this org: UNVERIFIED; the REST NOT_FOUND shape.
  if (!sf::SameId(org_part, org.config().org_id) || user == nullptr) {
    return CatalogueError("rest.NOT_FOUND");
  }
  const std::string updated = Iso8601(org.clock().Now());
  Json body;
  body["id"] = org.IdentityUrl(*user);
  body["asserted_user"] = user->id == session->user_id;
  body["user_id"] = user->id;
  body["organization_id"] = org.config().org_id;
  body["username"] = user->username;
  body["nick_name"] = user->username.substr(0, user->username.find('@'));
  body["display_name"] = user->first_name + " " + user->last_name;
  body["email"] = user->email;
  body["email_verified"] = true;
  body["first_name"] = user->first_name;
  body["last_name"] = user->last_name;
  body["timezone"] = "America/Los_Angeles";
  body["photos"] = Photos(org);
  body["addr_street"] = nullptr;
  body["addr_city"] = nullptr;
  body["addr_state"] = nullptr;
  body["addr_country"] = "US";
  body["addr_zip"] = nullptr;
  body["mobile_phone"] = nullptr;
  body["mobile_phone_verified"] = false;
  body["is_lightning_login_user"] = false;
  body["status"] = Json{{"created_date", nullptr}, {"body", nullptr}};
  body["urls"] = IdentityUrls(org, query.Get("version").value_or(""));
  body["active"] = user->active;
  body["user_type"] = "STANDARD";
  body["language"] = "en_US";
  body["locale"] = "en_US";
  body["utcOffset"] = -28800000;
  body["last_modified_date"] = updated;
  body["is_app_installed"] = true;
  return JsonResponse(200, body.dump());
}

HttpResponse HandleUserInfo(Org& org, const HttpRequest& request) {
  const auto query = sf::ParseForm(request.query).value_or(sf::Form());
  auto session = IdentitySession(org, request, query);
  if (!session) return session.error();
  const UserConfig* user = org.FindUserById(session->user_id);
  if (user == nullptr) return CatalogueError("identity.Bad_OAuth_Token");
  // The key order of Salesforce's Postman sample (CONFIRMED schema, wire.md 4.3).
  Json body;
  body["sub"] = org.IdentityUrl(*user);
  body["user_id"] = user->id;
  body["organization_id"] = org.config().org_id;
  body["preferred_username"] = user->username;
  body["nickname"] = user->username.substr(0, user->username.find('@'));
  body["name"] = user->first_name + " " + user->last_name;
  body["email"] = user->email;
  body["email_verified"] = true;
  body["given_name"] = user->first_name;
  body["family_name"] = user->last_name;
  body["zoneinfo"] = "America/Los_Angeles";
  body["photos"] = Photos(org);
  body["profile"] = org.host_urls()->my_domain + "/" + user->id;
  body["picture"] = body["photos"]["picture"];
  body["address"] = Json{{"country", "US"}};
  body["is_salesforce_integration_user"] = false;
  body["urls"] = IdentityUrls(org, "");
  body["active"] = user->active;
  body["user_type"] = "STANDARD";
  body["language"] = "en_US";
  body["locale"] = "en_US";
  body["utcOffset"] = -28800000;
  body["updated_at"] = Iso8601(org.clock().Now());
  body["is_app_installed"] = true;
  return JsonResponse(200, body.dump());
}

HttpResponse HandleAuthConfiguration(const Org& org, const HttpRequest& request) {
  // The key order and values of Salesforce's Postman sample (CONFIRMED, wire.md 3).
  const auto urls = org.host_urls();
  Json body;
  body["OrgId"] = org.config().org_id;
  body["Url"] =
      request.host == VirtualHost::kLegacyInstance ? urls->legacy_instance : urls->my_domain;
  body["MobileSDK"] = Json{{"UseAndroidNativeBrowserForAuthentication", false},
                           {"UseiOSNativeBrowserForAuthentication", false}};
  body["LoginPage"] = nullptr;
  body["SamlProviders"] = Json::array();
  body["AuthProviders"] = Json::array();
  body["CertificateLogin"] = nullptr;
  body["LoginPageType"] = "standard";
  body["LoginPageTypeConfigs"] = Json::object();
  return OAuthJsonResponse(200, body.dump());
}

}  // namespace sfh::mock
