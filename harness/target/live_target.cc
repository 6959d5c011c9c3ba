#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "harness/target/recording_proxy.h"
#include "harness/target/target.h"
#include "mock_server/wire/mock_server.h"
#include "salesforce/api_versions.h"

namespace sfh::harness {
namespace {

class StagedLive : public StagedScenario {
 public:
  StagedLive(std::unique_ptr<RecordingProxy> proxy, std::unique_ptr<mock::MockServer> server,
             Endpoint endpoint)
      : proxy_(std::move(proxy)), server_(std::move(server)), endpoint_(std::move(endpoint)) {}
  ~StagedLive() override { Stop(); }

  const Endpoint& endpoint() const override { return endpoint_; }
  std::vector<mock::Exchange> Exchanges() const override { return proxy_->journal().Snapshot(); }
  const salesforce::Redactor& redactor() const override { return proxy_->redactor(); }
  // The runner takes the journal before it stops the stage, so revoking what the client left
  // live changes nothing it judges.
  void Stop() override {
    if (!server_) return;
    server_->Stop();
    server_.reset();
    proxy_->RevokeLiveTokens();
  }

 private:
  std::unique_ptr<RecordingProxy> proxy_;
  std::unique_ptr<mock::MockServer> server_;
  Endpoint endpoint_;
};

}  // namespace

LiveTarget::LiveTarget(LiveTargetOptions options) : options_(std::move(options)) {
  std::string text = options_.domain;
  if (text.find("://") == std::string::npos) text = "https://" + text;
  auto url = net::ParseUrl(text);
  origin_ = url ? url->Origin() : "";
}

std::optional<std::string> LiveTarget::SkipReason(const Scenario& scenario) const {
  const auto& faults = scenario.document.faults;
  if (!faults.empty()) {
    std::vector<std::string> names;
    for (const auto& fault : faults) names.push_back(fault.name);
    return fmt::format("needs faults a live org cannot be made to produce ({})",
                       fmt::join(names, ", "));
  }
  if (scenario.expect.client == ExpectedClientOutcome::kFails) {
    return std::string("needs an org set up to refuse the client; the live org is used as it is");
  }
  return std::nullopt;
}

// The newest version the org lists on /services/data/ (no session needed), read once.
std::expected<std::string, std::string> LiveTarget::ApiVersion() {
  std::lock_guard lock(mu_);
  if (!options_.api_version.empty()) return options_.api_version;
  if (!api_version_.empty()) return api_version_;
  const net::Outcome outcome = net::Send({.url = origin_ + "/services/data/"}, options_.net);
  if (!outcome.result) {
    return std::unexpected(fmt::format("the org at {} cannot be reached: {}: {}", origin_,
                                       net::ToString(outcome.result.error().kind),
                                       outcome.result.error().detail));
  }
  const auto doc = nlohmann::json::parse(outcome.result->body, nullptr, false);
  int newest = 0;
  if (outcome.result->status == 200 && doc.is_array()) {
    for (const auto& entry : doc) {
      if (!entry.is_object() || !entry.contains("version") || !entry["version"].is_string()) {
        continue;
      }
      const auto major = salesforce::ParseVersionSegment("v" + entry["version"].get<std::string>());
      if (major && *major > newest) newest = *major;
    }
  }
  if (newest == 0) {
    return std::unexpected(fmt::format(
        "{}/services/data/ answered HTTP {} without a list of API versions: is it the org's My "
        "Domain? (sfharness diagnose tells more)",
        origin_, outcome.result->status));
  }
  api_version_ = fmt::format("{}.0", newest);
  return api_version_;
}

std::expected<std::unique_ptr<StagedScenario>, std::string> LiveTarget::Stage(
    const Scenario& scenario) {
  if (origin_.empty()) return std::unexpected("--domain is not a host name or an http(s) URL");
  auto version = ApiVersion();
  if (!version) return std::unexpected(version.error());
  RecordingProxyOptions proxy_options{
      .my_domain = origin_, .net = options_.net, .allow_writes = options_.allow_writes};
  auto proxy = std::make_unique<RecordingProxy>(std::move(proxy_options));
  proxy->AddSecret(options_.client_secret);
  mock::ServeOptions serve;
  serve.tls = true;  // the client meets HTTPS as it would at the org, with the proxy's own CA
  auto server = mock::MockServer::Start(*proxy, serve);
  if (!server) return std::unexpected("the recording proxy did not start: " + server.error());
  const auto& urls = (*server)->urls();
  Endpoint endpoint;
  endpoint.label = fmt::format("live org {} (through the recording proxy)", origin_);
  endpoint.hosts = {urls.my_domain, urls.login, urls.test, urls.legacy_instance};
  endpoint.token_url = urls.my_domain + "/services/oauth2/token";
  endpoint.login_url = urls.login;
  endpoint.ca_file = urls.ca_file;
  endpoint.client_id = options_.client_id;
  endpoint.client_secret = options_.client_secret;
  endpoint.api_version = *version;
  (void)scenario;
  return std::make_unique<StagedLive>(std::move(proxy), std::move(*server), std::move(endpoint));
}

}  // namespace sfh::harness
