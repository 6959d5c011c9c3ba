// MockService: what sfmock serves. It holds the tenants, each an isolated mock org loaded from a
// scenario (its own org, tokens, faults, scenario state, clock and journal), answers the admin
// API (admin/), and sends every other request to the tenant it is for:
//   1. the X-Sfmock-Tenant header names the tenant, when sent;
//   2. else the consumer key the request carries (HTTP Basic, client_id, an assertion's iss);
//   3. else the token it carries: an opaque access token starts with its org's id, a JWT access
//      token names its client_id, other tokens are looked up in every tenant;
//   4. else the org id in an identity URL path (/id/00D…/005…);
//   5. else the tenant named "default", or the only tenant there is.
// Consumer keys are unique across tenants, so two test suites that load scenarios with their own
// keys share one sfmock without seeing each other, and without sending any header. Thread-safe.
#ifndef SFH_MOCK_SERVER_SERVICE_H_
#define SFH_MOCK_SERVER_SERVICE_H_

#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mock_server/mock_org.h"
#include "mock_server/scenario/scenario_file.h"

namespace sfh::mock {

inline constexpr std::string_view kDefaultTenant = "default";
inline constexpr std::string_view kTenantHeader = "X-Sfmock-Tenant";

// What a MockServer serves, one request at a time from many threads: MockService (the mock), or
// anything else that answers per virtual host (the harness's recording proxy, which forwards to a
// real org). SetHostUrls is called once, before the first request, with the listeners' URLs.
class Servable {
 public:
  virtual ~Servable() = default;
  virtual HttpResponse Serve(HttpRequest request) = 0;
  virtual void SetHostUrls(HostUrls urls) = 0;
};

struct ServiceOptions {
  // Where scenarios loaded through the admin API resolve `extends` and file references; empty:
  // such scenarios cannot reference files.
  std::filesystem::path scenario_root;
  // When set, every admin request but the viewer's static files must send it in
  // X-Sfmock-Admin-Token. Without it, only loopback callers may use the admin API.
  std::string admin_token;
  // Every tenant's bounds (docs/LIMITS.md).
  MockLimits limits;
  size_t max_tenants = 1000;
};

class MockService : public Servable {
 public:
  struct Tenant {
    std::string name;
    ScenarioDocument scenario;  // as loaded: Reset serves it afresh
    std::shared_ptr<MockOrg> mock;
  };

  explicit MockService(ServiceOptions options = {});

  // Serves `scenario` as tenant `name`, replacing a tenant of that name (its tokens, journal and
  // state go). Fails when another tenant serves one of its consumer keys, or when there would be
  // more than max_tenants. `clock` null: an OffsetClock.
  std::expected<std::shared_ptr<MockOrg>, std::string> Load(
      std::string name, ScenarioDocument scenario, std::shared_ptr<SettableClock> clock = nullptr);
  // The tenant's scenario served afresh: new tokens, faults re-armed, state, clock and journal
  // new. False when there is no such tenant.
  bool Reset(std::string_view name);
  bool Remove(std::string_view name);
  std::shared_ptr<MockOrg> Find(std::string_view name) const;
  std::optional<Tenant> FindTenant(std::string_view name) const;
  std::vector<Tenant> Tenants() const;

  // The listeners' URLs, given to every tenant now and later.
  void SetHostUrls(HostUrls urls) override;
  HostUrls host_urls() const;
  const ServiceOptions& options() const { return options_; }

  // Serves one request: /__admin/* by the admin API, anything else by its tenant (journaled
  // there). A request for no tenant gets 404 with a JSON explanation, journaled nowhere.
  HttpResponse Serve(HttpRequest request) override;

  // The tenant a request is for (see the file comment); null when none.
  std::shared_ptr<MockOrg> Route(const HttpRequest& request) const;

 private:
  std::shared_ptr<MockOrg> RouteLocked(const HttpRequest& request) const;
  // A fresh org for `scenario`, pointed at the listeners (with mu_ held).
  std::shared_ptr<MockOrg> NewMock(const ScenarioDocument& scenario,
                                   std::shared_ptr<SettableClock> clock) const;
  // The routing index: a tenant's consumer keys and org id are added when it is loaded and
  // removed when it goes (with mu_ held); org ids are read again when a sandbox refresh changed
  // one (Org::OrgIdChanges).
  void Index(const std::string& name);
  void Unindex(const std::string& name);
  void ReindexOrgIdsIfChanged() const;

  ServiceOptions options_;
  mutable std::mutex mu_;
  HostUrls urls_;
  std::map<std::string, Tenant, std::less<>> tenants_;
  // Consumer key -> tenant, and 15-character org id -> tenant. The org id index is rebuilt when
  // a lookup misses, since a sandbox refresh gives a tenant a new org id.
  mutable std::map<std::string, std::string, std::less<>> by_client_id_;
  mutable std::map<std::string, std::string, std::less<>> by_org_id_;
  // What Index added for each tenant, for Unindex.
  struct Indexed {
    std::vector<std::string> client_ids;
    std::string org15;
  };
  mutable std::map<std::string, Indexed, std::less<>> indexed_;
  mutable uint64_t org_id_changes_seen_ = 0;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_SERVICE_H_
