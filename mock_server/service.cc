#include "mock_server/service.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mock_server/admin/admin.h"
#include "mock_server/endpoints/responses.h"
#include "salesforce/jwt.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;

std::string Org15(std::string_view id) { return std::string(id.substr(0, 15)); }

// The org id an /id/<org>/<user> path names, or "".
std::string OrgIdInIdentityPath(std::string_view path) {
  if (!path.starts_with("/id/")) return "";
  const std::string_view rest = path.substr(4);
  if (rest.size() < 15 || !rest.starts_with("00D")) return "";
  return Org15(rest);
}

HttpResponse NoTenant(std::string message) {
  return JsonResponse(
      404, nlohmann::json({{"error", "no_tenant"}, {"message", std::move(message)}}).dump());
}

}  // namespace

MockService::MockService(ServiceOptions options) : options_(std::move(options)) {}

std::expected<std::shared_ptr<MockOrg>, std::string> MockService::Load(
    std::string name, ScenarioDocument scenario, std::shared_ptr<SettableClock> clock) {
  if (name.empty() || name.size() > 100) {
    return std::unexpected(std::string("a tenant name has 1 to 100 characters"));
  }
  std::lock_guard lock(mu_);
  for (const auto& app : scenario.org.apps) {
    auto it = by_client_id_.find(app.client_id);
    if (it != by_client_id_.end() && it->second != name) {
      return std::unexpected(fmt::format(
          "app \"{}\": its client_id is served by tenant \"{}\" already; consumer keys must be "
          "unique across tenants, so requests find their tenant",
          app.name, it->second));
    }
  }
  if (!tenants_.contains(name) && tenants_.size() >= options_.max_tenants) {
    return std::unexpected(
        fmt::format("sfmock serves at most {} tenants; remove one first", options_.max_tenants));
  }
  auto mock = NewMock(scenario, std::move(clock));
  Unindex(name);
  tenants_[name] = Tenant{name, std::move(scenario), mock};
  Index(name);
  return mock;
}

std::shared_ptr<MockOrg> MockService::NewMock(const ScenarioDocument& scenario,
                                              std::shared_ptr<SettableClock> clock) const {
  auto mock =
      std::make_shared<MockOrg>(scenario.org, scenario.faults, std::move(clock), options_.limits);
  mock->org().SetHostUrls(urls_);
  return mock;
}

bool MockService::Reset(std::string_view name) {
  std::lock_guard lock(mu_);
  auto it = tenants_.find(name);
  if (it == tenants_.end()) return false;
  it->second.mock = NewMock(it->second.scenario, nullptr);
  Unindex(it->first);
  Index(it->first);
  return true;
}

bool MockService::Remove(std::string_view name) {
  std::lock_guard lock(mu_);
  auto it = tenants_.find(name);
  if (it == tenants_.end()) return false;
  Unindex(it->first);
  tenants_.erase(it);
  return true;
}

std::shared_ptr<MockOrg> MockService::Find(std::string_view name) const {
  std::lock_guard lock(mu_);
  auto it = tenants_.find(name);
  return it == tenants_.end() ? nullptr : it->second.mock;
}

std::optional<MockService::Tenant> MockService::FindTenant(std::string_view name) const {
  std::lock_guard lock(mu_);
  auto it = tenants_.find(name);
  if (it == tenants_.end()) return std::nullopt;
  return it->second;
}

std::vector<MockService::Tenant> MockService::Tenants() const {
  std::lock_guard lock(mu_);
  std::vector<Tenant> out;
  for (const auto& [name, tenant] : tenants_) out.push_back(tenant);
  return out;
}

void MockService::SetHostUrls(HostUrls urls) {
  std::lock_guard lock(mu_);
  urls_ = std::move(urls);
  for (auto& [name, tenant] : tenants_) tenant.mock->org().SetHostUrls(urls_);
}

HostUrls MockService::host_urls() const {
  std::lock_guard lock(mu_);
  return urls_;
}

void MockService::Index(const std::string& name) {
  const Org& org = tenants_.at(name).mock->org();
  const auto config_lock = org.ReadLock();
  Indexed& keys = indexed_[name];
  for (const auto& app : org.config().apps) {
    by_client_id_[app.client_id] = name;
    keys.client_ids.push_back(app.client_id);
  }
  keys.org15 = Org15(org.config().org_id);
  by_org_id_[keys.org15] = name;
}

void MockService::Unindex(const std::string& name) {
  auto it = indexed_.find(name);
  if (it == indexed_.end()) return;
  for (const auto& id : it->second.client_ids) {
    auto at = by_client_id_.find(id);
    if (at != by_client_id_.end() && at->second == name) by_client_id_.erase(at);
  }
  auto at = by_org_id_.find(it->second.org15);
  if (at != by_org_id_.end() && at->second == name) by_org_id_.erase(at);
  indexed_.erase(it);
}

void MockService::ReindexOrgIdsIfChanged() const {
  const uint64_t changes = Org::OrgIdChanges();
  if (changes == org_id_changes_seen_) return;
  org_id_changes_seen_ = changes;
  by_org_id_.clear();
  for (auto& [name, keys] : indexed_) {
    const Org& org = tenants_.find(name)->second.mock->org();
    const auto config_lock = org.ReadLock();
    keys.org15 = Org15(org.config().org_id);
    by_org_id_[keys.org15] = name;
  }
}

std::shared_ptr<MockOrg> MockService::Route(const HttpRequest& request) const {
  std::lock_guard lock(mu_);
  return RouteLocked(request);
}

std::shared_ptr<MockOrg> MockService::RouteLocked(const HttpRequest& request) const {
  auto named = [&](std::string_view name) -> std::shared_ptr<MockOrg> {
    auto it = tenants_.find(name);
    return it == tenants_.end() ? nullptr : it->second.mock;
  };
  auto by_client = [&](std::string_view client_id) -> std::shared_ptr<MockOrg> {
    auto it = by_client_id_.find(client_id);
    return it == by_client_id_.end() ? nullptr : named(it->second);
  };
  auto by_org = [&](const std::string& org15) -> std::shared_ptr<MockOrg> {
    ReindexOrgIdsIfChanged();  // a sandbox refresh may have given a tenant a new org id
    auto it = by_org_id_.find(org15);
    return it == by_org_id_.end() ? nullptr : named(it->second);
  };

  if (auto header = request.headers.Get(kTenantHeader)) return named(*header);
  if (tenants_.size() == 1) return tenants_.begin()->second.mock;
  if (const std::string id = ClientIdFromCredentials(request); !id.empty()) {
    if (auto mock = by_client(id)) return mock;
  }
  if (auto token = TokenOf(request)) {
    if (sf::LooksLikeOpaqueAccessToken(*token)) {
      // An opaque access token starts with the id of the org that issued it (a refresh clears
      // the tokens an org issued under its old id), so no other tenant need be asked.
      if (auto mock = by_org(Org15(*token))) return mock;
    } else {
      if (auto jwt = sf::DecodeJwt(*token);
          jwt && jwt->claims.contains("client_id") && jwt->claims["client_id"].is_string()) {
        if (auto mock = by_client(jwt->claims["client_id"].get<std::string>())) return mock;
      }
      for (const auto& [name, tenant] : tenants_) {
        if (!tenant.mock->org().ClientIdOfToken(*token).empty()) return tenant.mock;
      }
    }
  }
  if (const std::string org15 = OrgIdInIdentityPath(request.path); !org15.empty()) {
    if (auto mock = by_org(org15)) return mock;
  }
  return named(kDefaultTenant);
}

HttpResponse MockService::Serve(HttpRequest request) {
  if (request.host == VirtualHost::kMyDomain && IsAdminPath(request.path)) {
    return HandleAdmin(*this, request);
  }
  std::shared_ptr<MockOrg> mock = Route(request);
  if (!mock) {
    if (auto header = request.headers.Get(kTenantHeader)) {
      return NoTenant(fmt::format("no tenant \"{}\" ({}); load one with PUT /__admin/scenario",
                                  *header, kTenantHeader));
    }
    return NoTenant(
        fmt::format("no tenant serves this request: send {}, or credentials or a "
                    "token of a loaded scenario",
                    kTenantHeader));
  }
  HttpResponse response = mock->Serve(std::move(request));
  if (response.wire.kind == WireFault::Kind::kHang) {
    // Holds the tenant until the hang ends, even if it is replaced meanwhile.
    response.wire_done = [mock, seq = response.journal_seq](std::chrono::microseconds held,
                                                            bool client_left) {
      mock->journal().NoteHangEnd(seq, held, client_left);
    };
  }
  return response;
}

}  // namespace sfh::mock
