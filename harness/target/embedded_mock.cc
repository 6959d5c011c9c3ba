#include <fmt/format.h>

#include "harness/target/target.h"
#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"

namespace sfh::harness {
namespace {

class StagedEmbeddedMock : public StagedScenario {
 public:
  StagedEmbeddedMock(std::unique_ptr<mock::MockService> service, std::shared_ptr<mock::MockOrg> org,
                     std::unique_ptr<mock::MockServer> server, Endpoint endpoint)
      : service_(std::move(service)),
        org_(std::move(org)),
        server_(std::move(server)),
        endpoint_(std::move(endpoint)) {}
  ~StagedEmbeddedMock() override { Stop(); }

  const Endpoint& endpoint() const override { return endpoint_; }
  std::vector<mock::Exchange> Exchanges() const override { return org_->journal().Snapshot(); }
  const salesforce::Redactor& redactor() const override { return org_->org().redactor(); }
  void Stop() override {
    if (server_) server_->Stop();
  }

 private:
  std::unique_ptr<mock::MockService> service_;
  std::shared_ptr<mock::MockOrg> org_;
  std::unique_ptr<mock::MockServer> server_;
  Endpoint endpoint_;
};

}  // namespace

std::expected<std::unique_ptr<StagedScenario>, std::string> EmbeddedMockTarget::Stage(
    const Scenario& scenario) {
  const auto& doc = scenario.document;
  auto service = std::make_unique<mock::MockService>();
  auto loaded = service->Load(std::string(mock::kDefaultTenant), doc);
  if (!loaded)
    return std::unexpected("the embedded mock cannot load the scenario: " + loaded.error());
  std::shared_ptr<mock::MockOrg> org = *loaded;
  mock::ServeOptions options;
  options.tls = doc.tls;
  auto server = mock::MockServer::Start(*service, options);
  if (!server) return std::unexpected("the embedded mock did not start: " + server.error());
  Endpoint endpoint = MockEndpoint(scenario, *org, (*server)->urls());
  endpoint.label = fmt::format("embedded mock ({})", doc.tls ? "https" : "http");
  return std::make_unique<StagedEmbeddedMock>(std::move(service), std::move(org),
                                              std::move(*server), std::move(endpoint));
}

Endpoint MockEndpoint(const Scenario& scenario, const mock::MockOrg& org,
                      const mock::ServerUrls& urls) {
  const auto& config = scenario.document.org;
  const auto& app = config.apps.at(scenario.workload.app);
  Endpoint endpoint;
  endpoint.hosts = *org.org().host_urls();
  endpoint.token_url = urls.my_domain + "/services/oauth2/token";
  endpoint.login_url = org.org().IdentityBaseUrl();
  endpoint.ca_file = urls.ca_file;
  endpoint.client_id = app.client_id;
  endpoint.client_secret = app.client_secret;
  endpoint.api_version = fmt::format("{}.0", config.latest_api_version);
  return endpoint;
}

}  // namespace sfh::harness
