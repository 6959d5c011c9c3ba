// GET (or POST) /services/oauth2/authorize: the browser step of the web server (code) and
// user-agent (token) flows. The mock has no login page: the org's `authorize` user logs in and
// approves (or denies) at once, so the flow can be taught and tested without a browser. Errors
// go back to the callback in the query (code) or fragment (token) once the redirect_uri is
// known to be registered; before that Salesforce cannot redirect (salesforce-wire.md 2.2).
#include <algorithm>

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/grants/token_response.h"
#include "mock_server/endpoints/responses.h"
#include "salesforce/catalogue.h"
#include "salesforce/form.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;

// How long an authorization code can be redeemed: 15 minutes (INFERRED: Salesforce's web
// server flow guide says codes expire after 15 minutes).
constexpr std::chrono::minutes kCodeLifetime{15};

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The scopes granted: those requested that the app has, or every scope of the app when none
// is requested or none of the requested ones is configured (INFERRED).
std::string GrantedScope(const AppConfig& app, std::string_view requested) {
  std::string granted;
  for (std::string_view s : sf::SplitScope(requested)) {
    if (Contains(app.scopes, s)) granted += (granted.empty() ? "" : " ") + std::string(s);
  }
  if (!granted.empty()) return granted;
  for (const auto& s : app.scopes) granted += (granted.empty() ? "" : " ") + s;
  return granted;
}

class AuthorizeAnswer {
 public:
  AuthorizeAnswer(std::string redirect_uri, std::string state, bool fragment)
      : redirect_uri_(std::move(redirect_uri)), state_(std::move(state)), fragment_(fragment) {}

  // A catalogue error sent back to the callback: in the query (code flow) or, for the
  // user-agent flow, in the fragment (CONFIRMED, wire.md 2.2).
  HttpResponse Error(std::string_view entry_id) const {
    const auto& entry = sf::CatalogueEntryById(entry_id);
    if (!fragment_) return Redirect(sf::AuthorizeErrorLocation(entry, redirect_uri_, state_));
    return Success({{"error", std::string(entry.code)},
                    {"error_description", std::string(entry.description)}});
  }

  HttpResponse Success(std::vector<sf::FormField> fields) const {
    if (!state_.empty()) fields.emplace_back("state", state_);
    const char separator =
        fragment_ ? '#' : (redirect_uri_.find('?') == std::string::npos ? '?' : '&');
    return Redirect(redirect_uri_ + separator + sf::EncodeForm(fields));
  }

 private:
  std::string redirect_uri_;
  std::string state_;
  bool fragment_;
};

}  // namespace

HttpResponse HandleAuthorize(Org& org, const HttpRequest& request) {
  std::vector<sf::FormField> fields;
  if (auto query = sf::ParseForm(request.query)) fields = query->fields();
  if (request.method == "POST" && IsFormContentType(request)) {
    if (auto body = sf::ParseForm(request.body)) {
      fields.insert(fields.end(), body->fields().begin(), body->fields().end());
    }
  }
  const sf::Form params(std::move(fields));

  const AppConfig* app = org.FindApp(params.Get("client_id").value_or(""));
  if (app == nullptr) return CatalogueError("authorize.invalid_client_id");
  const std::string redirect_uri(params.Get("redirect_uri").value_or(""));
  // Exact match against the app's callback URLs (INFERRED); no redirect to an unknown URI.
  if (!Contains(app->callback_urls, redirect_uri)) {
    return CatalogueError("authorize.redirect_uri_mismatch");
  }
  const std::string response_type(params.Get("response_type").value_or(""));
  const AuthorizeAnswer answer(redirect_uri, std::string(params.Get("state").value_or("")),
                               response_type == "token");
  if (app->NotInstalled()) {
    return answer.Error("authorize.OAUTH_EC_APP_NOT_FOUND");
  }
  if (response_type != "code" && response_type != "token") {
    return answer.Error("authorize.unsupported_response_type");
  }
  const std::string challenge(params.Get("code_challenge").value_or(""));
  const std::string method(params.Get("code_challenge_method").value_or("plain"));
  if (response_type == "code" && app->pkce_required && challenge.empty()) {
    return answer.Error("authorize.missing_code_challenge");
  }

  const AuthorizeConfig& who = org.config().authorize;
  const UserConfig* user =
      who.username.empty() ? (org.config().users.empty() ? nullptr : &org.config().users.front())
                           : org.FindUser(who.username);
  if (user == nullptr || !who.approve) return answer.Error("authorize.access_denied");
  if (!org.IsPreAuthorized(*app, *user)) return answer.Error("authorize.OAUTH_APP_ACCESS_DENIED");

  const std::string scope = GrantedScope(*app, params.Get("scope").value_or(""));
  if (response_type == "code") {
    AuthorizationCode code;
    code.client_id = app->client_id;
    code.redirect_uri = redirect_uri;
    code.code_challenge = challenge;
    code.code_challenge_method = method;
    code.user_id = user->id;
    code.scope = scope;
    code.expires_at = org.clock().Now() + kCodeLifetime;
    return answer.Success({{"code", org.IssueAuthorizationCode(std::move(code))}});
  }
  // The user-agent flow: the token itself in the fragment (CONFIRMED shape of the fragment).
  const Session session = org.IssueSession(*app, *user, SessionOptions{.scope = scope});
  const std::string issued_at = IssuedAtMillis(session);
  return answer.Success(
      {{"access_token", session.access_token},
       {"signature", sf::TokenSignature(app->client_secret, session.identity_url, issued_at)},
       {"scope", session.scope},
       {"instance_url", session.instance_url},
       {"id", session.identity_url},
       {"token_type", "Bearer"},
       {"issued_at", issued_at}});
}

}  // namespace sfh::mock
