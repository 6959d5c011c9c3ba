#include "mock_server/org/org.h"

#include "salesforce/record_id.h"
#include "salesforce/token_format.h"

namespace sfh::mock {

namespace sf = ::sfh::salesforce;

Org::Org(OrgConfig config, const Clock& clock) : config_(std::move(config)), clock_(&clock) {
  for (const auto& app : config_.apps) {
    redactor_.Add(app.client_secret, sf::Redactor::Kind::kSecret);
  }
}

void Org::SetHostUrls(HostUrls urls) {
  std::lock_guard lock(mu_);
  urls_ = std::move(urls);
}

HostUrls Org::host_urls() const {
  std::lock_guard lock(mu_);
  return urls_;
}

std::string Org::IdentityBaseUrl() const {
  // One listener plays login.salesforce.com for production and test.salesforce.com for
  // sandboxes (salesforce-wire.md section 1.3: a sandbox's id lives on test.salesforce.com).
  return host_urls().login;
}

std::string Org::InstanceUrl() const {
  const HostUrls urls = host_urls();
  if (config_.instance_url == InstanceUrlHost::kLegacyInstance && !urls.legacy_instance.empty()) {
    return urls.legacy_instance;
  }
  return urls.my_domain;
}

const AppConfig* Org::FindApp(std::string_view client_id) const {
  for (const auto& app : config_.apps) {
    if (app.client_id == client_id) return &app;
  }
  return nullptr;
}

const UserConfig* Org::FindUser(std::string_view username) const {
  for (const auto& user : config_.users) {
    if (user.username == username) return &user;
  }
  return nullptr;
}

const RecordConfig* Org::FindAccount(std::string_view id) const {
  for (const auto& record : config_.accounts) {
    if (sf::SameId(record.id, id)) return &record;
  }
  return nullptr;
}

Session Org::IssueSession(const AppConfig& app, const UserConfig& user, std::string scope) {
  Session s;
  s.access_token = sf::NewOpaqueAccessToken(config_.org_id);
  s.client_id = app.client_id;
  s.user_id = user.id;
  s.username = user.username;
  s.scope = std::move(scope);
  s.instance_url = InstanceUrl();
  s.identity_url = IdentityBaseUrl() + "/id/" + config_.org_id + "/" + user.id;
  s.issued_at = clock_->Now();
  s.expires_at = s.issued_at + std::chrono::minutes(config_.session_timeout_minutes);
  redactor_.Add(s.access_token, sf::Redactor::Kind::kToken);
  std::lock_guard lock(mu_);
  sessions_[s.access_token] = s;
  return s;
}

std::optional<Session> Org::Authenticate(std::string_view access_token) const {
  const auto now = clock_->Now();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(std::string(access_token));
  if (it == sessions_.end() || it->second.revoked || now >= it->second.expires_at) {
    return std::nullopt;
  }
  return it->second;
}

bool Org::Revoke(std::string_view access_token) {
  const auto now = clock_->Now();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(std::string(access_token));
  if (it == sessions_.end() || it->second.revoked || now >= it->second.expires_at) return false;
  it->second.revoked = true;
  return true;
}

void Org::ExpireAllSessions() {
  const auto now = clock_->Now();
  std::lock_guard lock(mu_);
  for (auto& [token, session] : sessions_) {
    if (session.expires_at > now) session.expires_at = now;
  }
}

void Org::RevokeAllSessions() {
  std::lock_guard lock(mu_);
  for (auto& [token, session] : sessions_) session.revoked = true;
}

size_t Org::SessionCount() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

int Org::CountApiRequest() {
  std::lock_guard lock(mu_);
  return ++api_usage_;
}

int Org::api_usage() const {
  std::lock_guard lock(mu_);
  return api_usage_;
}

}  // namespace sfh::mock
