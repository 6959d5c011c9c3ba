// Where a scenario is played: a fresh embedded mock per scenario, or a live org through the
// harness's recording proxy (docs/ARCHITECTURE.md).
#ifndef SFH_HARNESS_TARGET_TARGET_H_
#define SFH_HARNESS_TARGET_TARGET_H_

#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "harness/net/http_client.h"
#include "harness/scenario/scenario.h"
#include "mock_server/journal/journal.h"
#include "mock_server/org/org.h"
#include "salesforce/redactor.h"

namespace sfh::mock {
class MockOrg;
struct ServerUrls;
}  // namespace sfh::mock

namespace sfh::harness {

// What a client is pointed at for one scenario.
struct Endpoint {
  std::string label;  // "embedded mock (https)"
  mock::HostUrls hosts;
  std::string token_url;
  std::string login_url;  // the org's login host: login.salesforce.com, or test for sandboxes
  std::string ca_file;    // empty: plain HTTP, or the system's CAs
  std::string client_id;
  std::string client_secret;
  std::string api_version;  // "67.0"
};

// One scenario set up on a target, torn down by Stop() or the destructor.
class StagedScenario {
 public:
  virtual ~StagedScenario() = default;
  virtual const Endpoint& endpoint() const = 0;
  // What crossed the wire so far, oldest first.
  virtual std::vector<mock::Exchange> Exchanges() const = 0;
  // Knows every secret and token of this scenario.
  virtual const salesforce::Redactor& redactor() const = 0;
  virtual void Stop() = 0;
};

class Target {
 public:
  virtual ~Target() = default;
  // Why this target cannot play `scenario` at all (the scenario is then SKIPPED with this
  // reason, never FAILED), or nullopt.
  virtual std::optional<std::string> SkipReason(const Scenario&) const { return std::nullopt; }
  // Sets up `scenario`; an error says why it cannot be (a setup error, not the client's fault).
  [[nodiscard]] virtual std::expected<std::unique_ptr<StagedScenario>, std::string> Stage(
      const Scenario& scenario) = 0;
};

// Where a client finds `org`, served by an in-process sfmock at `urls`, for `scenario`'s app
// (every field but `label`).
Endpoint MockEndpoint(const Scenario& scenario, const mock::MockOrg& org,
                      const mock::ServerUrls& urls);

// A fresh in-process sfmock on loopback port 0 per scenario, so runs are isolated.
class EmbeddedMockTarget : public Target {
 public:
  std::expected<std::unique_ptr<StagedScenario>, std::string> Stage(
      const Scenario& scenario) override;
};

// A live org, reached through a RecordingProxy per scenario (target/recording_proxy.h): the
// client talks to the proxy's loopback listeners over HTTPS (its CA handed over as SF_CA_FILE),
// the proxy forwards to the org and journals what crossed, and the same checks judge the client.
// A scenario that needs faults, or an org set up to refuse (it expects the client to fail), is
// skipped: a live org cannot be made to produce them. Tokens the client leaves live are revoked
// after the journal is taken.
struct LiveTargetOptions {
  std::string domain;  // "acme.my.salesforce.com" or an origin ("https://127.0.0.1:8443")
  std::string client_id;
  std::string client_secret;
  std::string api_version;  // empty: the newest the org lists (read once, at the first Stage)
  net::ClientOptions net;   // how the org is reached
  bool allow_writes = false;
};

class LiveTarget : public Target {
 public:
  explicit LiveTarget(LiveTargetOptions options);
  std::optional<std::string> SkipReason(const Scenario& scenario) const override;
  std::expected<std::unique_ptr<StagedScenario>, std::string> Stage(
      const Scenario& scenario) override;

 private:
  std::expected<std::string, std::string> ApiVersion();

  LiveTargetOptions options_;
  std::string origin_;
  std::mutex mu_;
  std::string api_version_;
};

}  // namespace sfh::harness

#endif  // SFH_HARNESS_TARGET_TARGET_H_
