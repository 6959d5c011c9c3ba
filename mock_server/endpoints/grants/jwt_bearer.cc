// Two uses of one kind of JWT: the JWT bearer grant (RFC 7523 section 2.1) and private_key_jwt
// client authentication (RFC 7523 section 2.2, OpenID Connect Core section 9). Both are signed
// RS256 with the private key whose certificate is uploaded to the app, and both name the app by
// its consumer key in `iss`. Where Salesforce's answer is not confirmed, the choice made here is a
// row of docs/wire-choices.md ("JWT bearer and private_key_jwt").
#include <algorithm>
#include <chrono>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mock_server/endpoints/client_auth.h"
#include "mock_server/endpoints/grants/grants.h"
#include "mock_server/endpoints/grants/token_response.h"
#include "mock_server/endpoints/responses.h"
#include "salesforce/jwt.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;

// The documented audiences of the JWT bearer flow (CONFIRMED, help.salesforce.com
// remoteaccess_oauth_jwt_flow.htm, quoted verbatim in SailPoint's connector docs and CLI plugins).
// Clients hard-code them whatever host they post to (forcedotcom/sfdx-core sfdcUrl.ts
// getJwtAudienceUrl), so the mock accepts them beside its own listener URLs.
constexpr std::string_view kPublicLoginUrl = "https://login.salesforce.com";
constexpr std::string_view kPublicTestUrl = "https://test.salesforce.com";
constexpr std::string_view kTokenPath = "/services/oauth2/token";

// Why an assertion could not be tied to an app and verified with the app's certificate.
enum class AssertionError { kMalformed, kUnknownIssuer, kNotInstalled, kBadSignature };

struct Assertion {
  sf::DecodedJwt jwt;
  const AppConfig* app = nullptr;
};

std::optional<std::string> StringClaim(const nlohmann::json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Decodes the JWT, finds the app its `iss` names and verifies the signature with the app's
// certificate. The app must be found first: its certificate is the only key there is to verify
// with, which is why an unknown consumer key answers invalid_client_id even for a forged token.
std::expected<Assertion, AssertionError> ReadAssertion(const Org& org, std::string_view text) {
  auto jwt = sf::DecodeJwt(text);
  if (!jwt) return std::unexpected(AssertionError::kMalformed);
  const auto iss = StringClaim(jwt->claims, "iss");
  const AppConfig* app = iss ? org.FindApp(*iss) : nullptr;
  if (app == nullptr) return std::unexpected(AssertionError::kUnknownIssuer);
  if (app->NotInstalled()) return std::unexpected(AssertionError::kNotInstalled);
  // No certificate uploaded ("Use digital signatures" off): nothing can verify, so it answers
  // like a bad signature (UNVERIFIED). VerifyJwt refuses every alg but RS256 ("none", HS256).
  if (app->certificate_pem.empty()) return std::unexpected(AssertionError::kBadSignature);
  const auto key = sf::RsaKey::FromPem(app->certificate_pem);
  if (!key || !sf::VerifyJwt(*key, *jwt)) return std::unexpected(AssertionError::kBadSignature);
  return Assertion{std::move(*jwt), app};
}

// A NumericDate (RFC 7519 section 2): seconds since the epoch. Salesforce's own help example
// writes exp as a string of digits ("exp": "1333685628", help KB 000204593), so such strings are
// read too. Fractions are allowed by the RFC.
std::optional<double> NumericDate(const nlohmann::json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (!it->is_string()) return std::nullopt;
  const std::string& s = it->get_ref<const std::string&>();
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), digit)) return std::nullopt;
  return std::stod(s);
}

enum class Expiry { kValid, kExpired, kMissing };

// exp is required (RFC 7523 section 3, item 4) and the current time must be before it (RFC 7519
// section 4.1.4). No leeway: Salesforce's is UNVERIFIED. No upper bound: the Salesforce CLI sends
// exp in milliseconds (Date.now() + 300, forcedotcom/sfdx-core authInfo.ts) and is accepted, so a
// far-future exp is not refused.
Expiry CheckExpiry(const Org& org, const nlohmann::json& claims) {
  const auto exp = NumericDate(claims, "exp");
  if (!exp) return Expiry::kMissing;
  const double now = std::chrono::duration<double>(org.clock().Now().time_since_epoch()).count();
  return now < *exp ? Expiry::kValid : Expiry::kExpired;
}

// Whether `aud` is one of the accepted URLs. A single string only: forcedotcom/datacloud-jdbc#132
// fixed "audience is invalid" by sending one URL instead of an array (INFERRED). One trailing '/'
// is tolerated (restforce#886 documents "https://login.salesforce.com/"; INFERRED).
bool AudienceAccepted(const nlohmann::json& claims, const std::vector<std::string>& accepted) {
  auto aud = StringClaim(claims, "aud");
  if (!aud) return false;
  if (aud->size() > 1 && aud->back() == '/') aud->pop_back();
  return std::find(accepted.begin(), accepted.end(), *aud) != accepted.end();
}

// The base URLs that name the host a request arrived on: its listener's URL, plus the public
// name for login and test. Empty URLs (a listener the org does not run) are left out.
std::vector<std::string> HostBaseUrls(const Org& org, VirtualHost host) {
  const auto urls = org.host_urls();
  std::vector<std::string> out;
  switch (host) {
    case VirtualHost::kLogin:
      out = {std::string(kPublicLoginUrl), urls->login};
      break;
    case VirtualHost::kTest:
      out = {std::string(kPublicTestUrl), urls->test};
      break;
    case VirtualHost::kMyDomain:
      out = {urls->my_domain};
      break;
    case VirtualHost::kLegacyInstance:
      out = {urls->legacy_instance};
      break;
  }
  std::erase(out, std::string());
  return out;
}

// The audiences of the JWT bearer grant. The documented values are the authorization server's
// URL: login or test (CONFIRMED). Posted to login or test, aud must name that same host (INFERRED:
// a login audience posted to test.salesforce.com answers "audience is invalid", Talend/components
// #1423, forcedotcom/cli#3325, forcedotcom/datacloud-jdbc#30). Posted to the org's own host either
// is accepted (INFERRED: the CLI posts aud login to My Domains, restforce#886). The My Domain URL
// itself is refused (INFERRED: omniphx/forrest#302, simple-salesforce#672 and #711).
std::vector<std::string> BearerAudiences(const Org& org, VirtualHost host) {
  if (IsLoginHost(host)) return HostBaseUrls(org, host);
  auto out = HostBaseUrls(org, VirtualHost::kLogin);
  const auto test = HostBaseUrls(org, VirtualHost::kTest);
  out.insert(out.end(), test.begin(), test.end());
  return out;
}

// The audiences of a client assertion: the token endpoint's URL (OpenID Connect Core section 9:
// "SHOULD be the URL of the Authorization Server's Token Endpoint"), or the host's bare URL, the
// issuer in its discovery document (RFC 7523 section 3 allows any value identifying the server).
// Which of these Salesforce accepts is UNVERIFIED.
std::vector<std::string> ClientAssertionAudiences(const Org& org, VirtualHost host) {
  std::vector<std::string> out;
  for (const auto& base : HostBaseUrls(org, host)) {
    out.push_back(base);
    out.push_back(base + std::string(kTokenPath));
  }
  return out;
}

// The user the assertion is for. The older `prn` (principal) wins over `sub` when both are sent
// (CONFIRMED, help KB 000204593: "If both are specified, prn is used").
std::optional<std::string> Subject(const nlohmann::json& claims) {
  if (auto prn = StringClaim(claims, "prn")) return prn;
  return StringClaim(claims, "sub");
}

bool HasScope(const AppConfig& app, std::string_view scope) {
  return std::find(app.scopes.begin(), app.scopes.end(), scope) != app.scopes.end();
}

// Why `user` may not use `app` without logging in, or nullopt. Admin-approved apps need the
// user's profile or permission set assigned (invalid_app_access, INFERRED: wire.md 2.1 "seen for
// JWT bearer"). Self-authorized apps need an earlier approval by the user that included a refresh
// token: the flow "looks at all previous approvals for the user that include a refresh token ...
// If Salesforce doesn't find [them] ... the request fails as unauthorized" (help
// remoteaccess_oauth_jwt_flow.htm, quoted in public guides), answered "user hasn't approved this
// consumer" (CONFIRMED string; INFERRED trigger, salesforce.stackexchange.com q/184363).
std::optional<std::string_view> ApprovalError(const Org& org, const AppConfig& app,
                                              const UserConfig& user) {
  if (app.permitted_users == PermittedUsers::kAdminApprovedPreAuthorized) {
    if (org.IsPreAuthorized(app, user)) return std::nullopt;
    return "token.invalid_app_access";
  }
  const bool approved = std::find(user.approved_apps.begin(), user.approved_apps.end(), app.name) !=
                        user.approved_apps.end();
  if (approved && (HasScope(app, "refresh_token") || HasScope(app, "offline_access"))) {
    return std::nullopt;
  }
  return "token.user_not_approved";
}

// The app's scopes without refresh_token and offline_access: the flow never issues a refresh
// token, and a captured response for an app with "api refresh_token offline_access" has scope
// "api" (INFERRED, one public capture: mannharleen's JWT bearer walk-through).
std::string GrantedScope(const AppConfig& app) {
  std::string scope;
  for (const auto& s : app.scopes) {
    if (s == "refresh_token" || s == "offline_access") continue;
    scope += (scope.empty() ? "" : " ") + s;
  }
  return scope;
}

// The JWT bearer grant's answer to an assertion that did not verify.
std::string_view BearerError(AssertionError error) {
  switch (error) {
    case AssertionError::kUnknownIssuer:
      return "token.invalid_client_id";  // INFERRED: omniphx/forrest#184, salesforce-jwt-bearer#4
    case AssertionError::kNotInstalled:
      return "token.app_not_found";
    case AssertionError::kMalformed:
    case AssertionError::kBadSignature:
      break;
  }
  return "token.invalid_assertion";  // INFERRED, see the catalogue entry's sources
}

// private_key_jwt's answer to an assertion that did not verify: the app's identity errors as for
// a consumer key sent any other way, else invalid_client, which RFC 7523 section 3.2 requires
// ("MUST"). Salesforce's description for it is UNVERIFIED; this is the one for a wrong secret.
std::string_view ClientError(AssertionError error) {
  switch (error) {
    case AssertionError::kUnknownIssuer:
      return "token.invalid_client_id";
    case AssertionError::kNotInstalled:
      return "token.app_not_found";
    case AssertionError::kMalformed:
    case AssertionError::kBadSignature:
      break;
  }
  return "token.invalid_client";
}

// The checks on the claims of a verified bearer assertion, in the order reported in the field:
// the audience before the user's approval (q/184363 got "audience is invalid" only by changing
// aud, "user hasn't approved this consumer" otherwise). The order of aud and exp is UNVERIFIED.
std::optional<std::string_view> BearerClaimsError(const Org& org, const TokenRequest& request,
                                                  const nlohmann::json& claims) {
  // Field captures show "audience is invalid" (INFERRED), the help's JWT example "Audience
  // validation failed" (CONFIRMED as an example): a choice (docs/wire-choices.md).
  if (!AudienceAccepted(claims, BearerAudiences(org, request.http.host))) {
    return org.config().choices.jwt_audience_error;
  }
  switch (CheckExpiry(org, claims)) {
    case Expiry::kValid:
      return std::nullopt;
    case Expiry::kExpired:
      return "token.jwt_expired";  // INFERRED: q/282513, see the catalogue entry
    case Expiry::kMissing:
      break;
  }
  return "token.invalid_assertion";  // exp missing or not a NumericDate: UNVERIFIED
}

// The checks on the user the assertion names.
std::optional<std::string_view> BearerUserError(const Org& org, const TokenRequest& request,
                                                const AppConfig& app, const UserConfig* user) {
  // No such user: no approval can exist for it (UNVERIFIED; a sandbox user's assertion posted to
  // login.salesforce.com, where that user does not exist, got this answer: omniphx/forrest#278).
  if (user == nullptr) return "token.user_not_approved";
  // Inactive or frozen: like a password login of such a user (UNVERIFIED for this flow; the same
  // default as the client credentials Run As user).
  if (!user->active || user->frozen) return "token.authentication_failure";
  if (auto error = ApprovalError(org, app, *user)) return error;
  if (!org.IpAllowed(app, *user, request.http.remote)) return "token.ip_restricted";
  return std::nullopt;
}

}  // namespace

HttpResponse HandleJwtBearer(Org& org, const TokenRequest& request) {
  // Unlike client credentials, this grant works on login, test and the My Domain alike (CONFIRMED,
  // help remoteaccess_oauth_endpoints.htm lists them for every standard flow). No client secret:
  // the signature authenticates the app (RFC 7523 section 2.1).
  const auto text = request.params.Get("assertion").value_or("");
  auto assertion = ReadAssertion(org, text);
  if (!assertion) return CatalogueError(BearerError(assertion.error()));
  const AppConfig& app = *assertion->app;
  const nlohmann::json& claims = assertion->jwt.claims;
  if (auto error = BearerClaimsError(org, request, claims)) return CatalogueError(*error);
  const auto username = Subject(claims);
  const UserConfig* user = username ? org.FindUser(*username) : nullptr;
  if (auto error = BearerUserError(org, request, app, user)) return CatalogueError(*error);

  const std::string scope = GrantedScope(app);
  // Only refresh_token/offline_access approved: "no approved scopes are available" (help).
  if (scope.empty()) return CatalogueError("token.user_not_approved");
  const Session session = org.IssueSession(app, *user, SessionOptions{.scope = scope});
  // Never a refresh token in this flow (INFERRED: jsforce/jsforce#1053, captured responses).
  return TokenSuccess(org, app, session, /*refresh_token=*/"");
}

std::expected<const AppConfig*, std::string> VerifyClientAssertion(const Org& org,
                                                                   const HttpRequest& request,
                                                                   std::string_view assertion) {
  auto read = ReadAssertion(org, assertion);
  if (!read) return std::unexpected(std::string(ClientError(read.error())));
  const nlohmann::json& claims = read->jwt.claims;
  // RFC 7523 section 3, item 2.B: for client authentication sub is the client_id, like iss.
  const bool valid = StringClaim(claims, "sub") == read->app->client_id &&
                     AudienceAccepted(claims, ClientAssertionAudiences(org, request.host)) &&
                     CheckExpiry(org, claims) == Expiry::kValid;
  if (!valid) return std::unexpected("token.invalid_client");
  return read->app;
}

}  // namespace sfh::mock
