#include "mock_server/org/org.h"

#include <algorithm>
#include <atomic>

#include "mock_server/org/sobjects.h"
#include "salesforce/encoding.h"
#include "salesforce/record_id.h"
#include "salesforce/token_format.h"

namespace sfh::mock {

namespace sf = ::sfh::salesforce;

namespace {

constexpr std::string_view kTokenAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

// Refresh tokens are opaque and start "5Aep" (INFERRED: every published sample does).
std::string NewRefreshToken() { return "5Aep861" + sf::RandomString(80, kTokenAlphabet); }

// Authorization codes are opaque Base64-looking strings (INFERRED from published samples).
std::string NewAuthorizationCode() {
  return "aPrx" +
         sf::RandomString(60, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") +
         "==";
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

Org::Org(OrgConfig config, const Clock& clock, OrgLimits limits)
    : config_(std::move(config)),
      clock_(&clock),
      sessions_(limits.max_sessions),
      query_cursors_(limits.max_query_cursors, limits.max_query_cursor_bytes) {
  SetHostUrls({});
  for (const auto& app : config_.apps) {
    redactor_.Add(app.client_secret, sf::Redactor::Kind::kSecret);
  }
}

void Org::SetHostUrls(HostUrls urls) {
  std::lock_guard lock(urls_mu_);
  if (!kept_urls_.empty() && *kept_urls_.back() == urls) return;
  kept_urls_.push_back(std::make_unique<const HostUrls>(std::move(urls)));
  urls_.store(kept_urls_.back().get(), std::memory_order_release);
}

const std::string& Org::IdentityBaseUrl() const {
  const auto urls = host_urls();
  switch (config_.kind) {
    case OrgKind::kSandbox:
    case OrgKind::kScratch:
      return urls->test.empty() ? urls->login : urls->test;
    case OrgKind::kProduction:
    case OrgKind::kDeveloper:
      break;
  }
  return urls->login;
}

const std::string& Org::InstanceUrl() const {
  const auto urls = host_urls();
  if (config_.instance_url == InstanceUrlHost::kLegacyInstance && !urls->legacy_instance.empty()) {
    return urls->legacy_instance;
  }
  return urls->my_domain;
}

std::string Org::IdentityUrl(const UserConfig& user) const {
  const std::string& base = IdentityBaseUrl();
  constexpr std::string_view kId = "/id/";
  std::string url;
  url.reserve(base.size() + kId.size() + config_.org_id.size() + 1 + user.id.size());
  url.append(base).append(kId).append(config_.org_id).append(1, '/').append(user.id);
  return url;
}

const AppConfig* Org::FindApp(std::string_view client_id) const {
  for (const auto& app : config_.apps) {
    if (app.client_id == client_id) return &app;
  }
  return nullptr;
}

const AppConfig* Org::FindAppByName(std::string_view name) const {
  for (const auto& app : config_.apps) {
    if (app.name == name) return &app;
  }
  return nullptr;
}

const UserConfig* Org::FindUser(std::string_view username) const {
  for (const auto& user : config_.users) {
    if (user.username == username) return &user;
  }
  return nullptr;
}

const UserConfig* Org::FindUserById(std::string_view id) const {
  for (const auto& user : config_.users) {
    if (sf::SameId(user.id, id)) return &user;
  }
  return nullptr;
}

const std::vector<RecordConfig>& Org::Records(std::string_view object) const {
  static const std::vector<RecordConfig> kNone;
  const SObjectType* type = FindSObjectType(object);
  if (type == nullptr) return kNone;
  auto it = config_.records.find(std::string(type->name));
  return it == config_.records.end() ? kNone : it->second;
}

const RecordConfig* Org::FindRecord(std::string_view object, std::string_view id) const {
  for (const auto& record : Records(object)) {
    if (sf::SameId(record.id, id)) return &record;
  }
  return nullptr;
}

std::chrono::minutes Org::SessionTimeout(const AppConfig& app) const {
  return std::chrono::minutes(
      app.session_timeout_minutes.value_or(config_.session_timeout_minutes));
}

bool Org::IsPreAuthorized(const AppConfig& app, const UserConfig& user) const {
  if (app.permitted_users == PermittedUsers::kAllSelfAuthorized) return true;
  if (Contains(app.profiles, user.profile)) return true;
  return std::any_of(user.permission_sets.begin(), user.permission_sets.end(),
                     [&](const std::string& p) { return Contains(app.permission_sets, p); });
}

bool Org::IpAllowed(const AppConfig& app, const UserConfig& user, std::string_view remote) const {
  if (app.ip_relaxation == IpRelaxation::kBypass ||
      app.ip_relaxation == IpRelaxation::kBypass2Factor) {
    return true;
  }
  if (user.login_ip_ranges.empty()) return true;
  const auto address = ParseIpv4(remote.substr(0, remote.rfind(':')));
  if (!address) return false;
  auto inside = [&](const std::vector<IpRange>& ranges) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [&](const IpRange& r) { return r.Contains(*address); });
  };
  return inside(user.login_ip_ranges) || inside(app.trusted_ip_ranges);
}

Session Org::IssueSession(const AppConfig& app, const UserConfig& user, SessionOptions options) {
  const auto now = clock_->Now();
  if (config_.choices.reuse_live_token && options.refresh_token.empty()) {
    std::lock_guard lock(mu_);
    const SessionTable::Entry* live = nullptr;
    sessions_.ForEach([&](const SessionTable::Entry& stored) {
      const Session& s = *stored.shape;
      if (live == nullptr && s.kind == TokenKind::kAccess && !stored.revoked &&
          now < stored.expires_at && s.client_id == app.client_id && s.user_id == user.id &&
          s.scope == options.scope && s.refresh_token.empty()) {
        live = &stored;
      }
    });
    if (live != nullptr) return Unpack(*live);
  }
  Session s;
  s.kind = TokenKind::kAccess;
  s.format = app.jwt_access_tokens ? TokenFormat::kJwt : TokenFormat::kOpaque;
  s.client_id = app.client_id;
  s.app_name = app.name;
  s.user_id = user.id;
  s.username = user.username;
  s.scope = std::move(options.scope);
  s.instance_url = InstanceUrl();
  s.identity_url = IdentityUrl(user);
  s.refresh_token = std::move(options.refresh_token);
  s.issued_at = now;
  auto lifetime = SessionTimeout(app);
  if (s.format == TokenFormat::kJwt && app.jwt_timeout_minutes) {
    lifetime = std::chrono::minutes(*app.jwt_timeout_minutes);
  }
  s.expires_at = s.issued_at + lifetime;
  s.access_token = MintAccessToken(app, s);
  redactor_.Add(s.access_token, sf::Redactor::Kind::kToken);
  std::lock_guard lock(mu_);
  Keep(s);
  return s;
}

Session Org::IssueRefreshToken(const AppConfig& app, const UserConfig& user, std::string scope) {
  Session s;
  s.kind = TokenKind::kRefresh;
  s.access_token = NewRefreshToken();
  s.client_id = app.client_id;
  s.app_name = app.name;
  s.user_id = user.id;
  s.username = user.username;
  s.scope = std::move(scope);
  s.instance_url = InstanceUrl();
  s.identity_url = IdentityUrl(user);
  s.issued_at = clock_->Now();
  s.expires_at = std::chrono::system_clock::time_point::max();
  redactor_.Add(s.access_token, sf::Redactor::Kind::kToken);
  std::lock_guard lock(mu_);
  Keep(s);
  return s;
}

Session Org::Unpack(const SessionTable::Entry& stored) {
  Session s = *stored.shape;
  s.access_token = stored.token;
  s.issued_at = stored.issued_at;
  s.expires_at = stored.expires_at;
  s.revoked = stored.revoked;
  return s;
}

std::shared_ptr<const Session> Org::ShapeOf(const Session& s) {
  constexpr size_t kRecentShapes = 16;
  auto same = [&](const Session& shape) {
    return shape.kind == s.kind && shape.format == s.format && shape.client_id == s.client_id &&
           shape.user_id == s.user_id && shape.scope == s.scope &&
           shape.refresh_token == s.refresh_token && shape.app_name == s.app_name &&
           shape.username == s.username && shape.instance_url == s.instance_url &&
           shape.identity_url == s.identity_url;
  };
  for (auto it = recent_shapes_.rbegin(); it != recent_shapes_.rend(); ++it) {
    if (same(**it)) return *it;
  }
  Session shape = s;
  shape.access_token.clear();
  shape.issued_at = shape.expires_at = {};
  shape.revoked = false;
  recent_shapes_.push_back(std::make_shared<const Session>(std::move(shape)));
  if (recent_shapes_.size() > kRecentShapes) recent_shapes_.erase(recent_shapes_.begin());
  return recent_shapes_.back();
}

void Org::Keep(const Session& s) {
  sessions_.Put(s.access_token, ShapeOf(s), s.issued_at, s.expires_at, s.revoked);
}

std::optional<Session> Org::FindLiveToken(std::string_view token) const {
  const auto now = clock_->Now();
  std::lock_guard lock(mu_);
  const SessionTable::Entry* stored = sessions_.Find(token);
  if (stored == nullptr || stored->revoked || now >= stored->expires_at) return std::nullopt;
  return Unpack(*stored);
}

std::string Org::ClientIdOfToken(std::string_view token) const {
  std::lock_guard lock(mu_);
  const SessionTable::Entry* stored = sessions_.Find(token);
  return stored == nullptr ? std::string() : stored->shape->client_id;
}

std::optional<Session> Org::Authenticate(std::string_view access_token) const {
  auto session = FindLiveToken(access_token);
  if (!session || session->kind != TokenKind::kAccess) return std::nullopt;
  return session;
}

bool Org::Revoke(std::string_view token) {
  const auto now = clock_->Now();
  std::lock_guard lock(mu_);
  SessionTable::Entry* stored = sessions_.Find(token);
  if (stored == nullptr || stored->revoked || now >= stored->expires_at) return false;
  stored->revoked = true;
  // Revoking a refresh token also revokes the access tokens issued from it (CONFIRMED, 4.1).
  if (stored->shape->kind == TokenKind::kRefresh) {
    sessions_.ForEach([&](SessionTable::Entry& session) {
      if (session.shape->refresh_token == token) session.revoked = true;
    });
  }
  return true;
}

void Org::ExpireAllSessions() {
  const auto now = clock_->Now();
  std::lock_guard lock(mu_);
  sessions_.ForEach([&](SessionTable::Entry& session) {
    if (session.shape->kind == TokenKind::kAccess && session.expires_at > now) {
      session.expires_at = now;
    }
  });
}

void Org::RevokeAllSessions() {
  std::lock_guard lock(mu_);
  sessions_.ForEach([](SessionTable::Entry& session) { session.revoked = true; });
}

size_t Org::SessionCount() const {
  const auto now = clock_->Now();
  std::lock_guard lock(mu_);
  size_t live = 0;
  sessions_.ForEach([&](const SessionTable::Entry& s) {
    if (s.shape->kind == TokenKind::kAccess && !s.revoked && now < s.expires_at) ++live;
  });
  return live;
}

std::string Org::IssueAuthorizationCode(AuthorizationCode code) {
  code.code = NewAuthorizationCode();
  redactor_.Add(code.code, sf::Redactor::Kind::kToken);
  std::lock_guard lock(mu_);
  codes_[code.code] = code;
  return code.code;
}

std::optional<AuthorizationCode> Org::RedeemAuthorizationCode(std::string_view code) {
  std::lock_guard lock(mu_);
  auto it = codes_.find(std::string(code));
  if (it == codes_.end() || it->second.used) return std::nullopt;
  it->second.used = true;
  return it->second;
}

int Org::CountApiRequest() {
  std::lock_guard lock(mu_);
  return ++api_usage_;
}

int Org::api_usage() const {
  std::lock_guard lock(mu_);
  return api_usage_;
}

bool Org::ChangeApps(std::string_view app_name, const std::function<void(AppConfig&)>& change) {
  std::unique_lock lock(config_mu_);
  bool found = false;
  for (auto& app : config_.apps) {
    if (!app_name.empty() && app.name != app_name) continue;
    change(app);
    found = true;
  }
  return found;
}

void Org::MigrateInstance(InstanceUrlHost to) {
  std::unique_lock lock(config_mu_);
  config_.instance_url = to;
}

namespace {
std::atomic<uint64_t> org_id_changes{0};
}  // namespace

uint64_t Org::OrgIdChanges() { return org_id_changes.load(); }

void Org::RefreshSandbox() {
  std::unique_lock config_lock(config_mu_);
  config_.org_id = sf::NewRecordId(sf::kOrgKeyPrefix);
  ++org_id_changes;
  {
    std::lock_guard lock(mu_);
    sessions_.Clear();
    recent_shapes_.clear();
    codes_.clear();
    api_usage_ = 0;
    concurrent_exhausted_until_ = {};
  }
  query_cursors_.Clear();
}

bool Org::RotateSecret(std::string_view app_name, std::string new_secret) {
  return ChangeApps(app_name, [&](AppConfig& app) {
    app.client_secret = new_secret.empty() ? NewConsumerSecret() : new_secret;
    redactor_.Add(app.client_secret, sf::Redactor::Kind::kSecret);
  });
}

bool Org::SetClientCredentialsFlow(std::string_view app_name, bool in_policies, bool enabled) {
  return ChangeApps(app_name, [&](AppConfig& app) {
    (in_policies ? app.policies_client_credentials : app.settings_client_credentials) = enabled;
  });
}

bool Org::SetRunAs(std::string_view app_name, std::string username) {
  return ChangeApps(app_name, [&](AppConfig& app) {
    app.run_as = username.empty() ? std::nullopt : std::optional(username);
  });
}

bool Org::DeactivateRunAs(std::string_view app_name, bool freeze) {
  std::unique_lock lock(config_mu_);
  bool found = false;
  for (const auto& app : config_.apps) {
    if ((!app_name.empty() && app.name != app_name) || !app.run_as) continue;
    for (auto& user : config_.users) {
      if (user.username != *app.run_as) continue;
      (freeze ? user.frozen : user.active) = freeze;
      found = true;
    }
  }
  return found;
}

void Org::ExhaustDailyLimit() {
  std::shared_lock config_lock(config_mu_);
  std::lock_guard lock(mu_);
  api_usage_ = std::max(api_usage_, config_.daily_api_limit);
}

void Org::ExhaustConcurrentLimit(std::chrono::system_clock::time_point until) {
  std::lock_guard lock(mu_);
  concurrent_exhausted_until_ = until;
}

bool Org::ConcurrentLimitExhausted() const {
  const auto now = clock_->Now();
  std::lock_guard lock(mu_);
  return now < concurrent_exhausted_until_;
}

}  // namespace sfh::mock
